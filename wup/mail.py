"""Render an e-mail from templates and queue it for sending once the transaction commits."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string

from .tasks import send_email


def queue_email(template_base: str, context: dict, to: list[str]) -> None:
    """Render `<base>_subject.txt` and `<base>_body.txt` now; send after commit."""
    subject = " ".join(render_to_string(f"{template_base}_subject.txt", context).split())
    body = render_to_string(f"{template_base}_body.txt", context)
    transaction.on_commit(lambda: send_email.delay(subject, body, to))
