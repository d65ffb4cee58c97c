"""What residents leave with us: e-mail addresses to follow a neighbourhood, questions, and the
consent they gave for each. Residents have no account; an e-mail address is the only key, and
everything tied to it can be exported or erased through a link sent to that address.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import Neighbourhood


def new_token() -> str:
    """Return a random URL-safe token of 256 bits (confirm, unsubscribe, answer links)."""
    return secrets.token_urlsafe(32)


class ConsentPurpose(models.TextChoices):
    """Why we keep an address (reference/domain.md §7.19): consent is the legal basis."""

    UPDATES = "updates", _("Nieuws over de wijk per e-mail")
    QUESTION = "vraag", _("Antwoord op een vraag")


class ConsentRecord(models.Model):
    """Proof of consent: which text the resident agreed to, for what, and when."""

    email = models.EmailField(db_index=True)
    purpose = models.CharField(max_length=20, choices=ConsentPurpose)
    text_version = models.CharField(max_length=20)
    text = models.TextField()
    channel = models.CharField(max_length=20, default="web")
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_at:%Y-%m-%d})"


class FollowerQuerySet(models.QuerySet):
    def confirmed(self) -> FollowerQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment) -> FollowerQuerySet:
        """Return sign-ups nobody confirmed before `moment` (they are removed after 7 days)."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Follower(models.Model):
    """An address that follows a neighbourhood. Double opt-in: nothing is sent but the
    confirmation mail until the link in it is followed."""

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="followers"
    )
    email = models.EmailField(db_index=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    objects = FollowerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "email"], name="one_follow_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.neighbourhood}"  # never the address: it may end up in logs


class QuestionQuerySet(models.QuerySet):
    def open(self) -> QuestionQuerySet:
        return self.filter(answered_at__isnull=True)

    def overdue(self, today) -> QuestionQuerySet:
        return self.open().filter(due_on__lt=today)

    def published(self) -> QuestionQuerySet:
        return self.filter(published=True, answered_at__isnull=False)


class Question(models.Model):
    """A resident's question to the project lead, answered within two working days.

    The asker's details are private and removed after the retention period; the public Q&A
    shows only the anonymised wording the lead publishes.
    """

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="questions"
    )
    asker_name = models.CharField(_("naam (mag u weglaten)"), max_length=100, blank=True)
    asker_email = models.EmailField(_("e-mailadres voor het antwoord"), blank=True)
    consent = models.ForeignKey(
        ConsentRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    text = models.TextField(_("uw vraag"))
    asked_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    answer = models.TextField(_("antwoord"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published = models.BooleanField(_("openbaar in vragen en antwoorden"), default=False)
    public_text = models.TextField(
        _("vraag zoals die openbaar komt"),
        blank=True,
        help_text=_("Zonder namen of andere gegevens waaraan iemand te herkennen is."),
    )
    details_removed_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.neighbourhood}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
