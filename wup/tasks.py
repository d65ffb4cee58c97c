"""E-mail leaves the request: views render the message, a worker sends it."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.core.mail import EmailMessage


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_email(subject: str, body: str, to: list[str], headers: dict | None = None) -> None:
    """Send one plain-text e-mail (rendered by the caller)."""
    EmailMessage(subject=subject, body=body, to=to, headers=headers or {}).send()


@shared_task
def purge_question_details() -> int:
    """Remove residents' details from questions past their retention; return how many."""
    from .questions import purge_question_details as purge

    return purge()
