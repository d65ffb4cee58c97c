"""E-mail leaves the request: views render the message, a worker sends it."""

from __future__ import annotations

import email.policy
import smtplib

from celery import shared_task
from django.core.mail import EmailMessage


class _ListHeadersPolicy(email.policy.EmailPolicy):
    """Keep List-* headers on one line: Python folds a long URL into RFC 2047 encoded words,
    which mail clients ignore (no one-click unsubscribe button)."""

    def _fold(self, name, value, refold_binary=False):
        if name.lower().startswith("list-"):
            wide = self.clone(max_line_length=998)
            return super(_ListHeadersPolicy, wide)._fold(name, value, refold_binary)
        return super()._fold(name, value, refold_binary)


class _EmailMessage(EmailMessage):
    def message(self, *, policy=email.policy.default):
        return super().message(policy=_ListHeadersPolicy(**policy.__dict__))


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_email(subject: str, body: str, to: list[str], headers: dict | None = None) -> None:
    """Send one plain-text e-mail (rendered by the caller)."""
    _EmailMessage(subject=subject, body=body, to=to, headers=headers or {}).send()


@shared_task
def send_password_reset(email: str, base_url: str, language: str | None = None) -> None:
    """Look the address up and mail a reset link to its accounts (none: nothing happens).
    The request that asked only queued this, known address or not."""
    from .accounts import send_reset_links  # accounts queues this task

    send_reset_links(email, base_url, language)
