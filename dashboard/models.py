"""What the dashboard stores itself: residents' answers to the public-value pulse.

A pulse response holds no personal data. The browser is known only by a keyed hash of a random
cookie token and the month, so two months of one browser cannot be linked to each other, and
the token itself is never stored.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dialogue.models import DialogueSession
from wup.models import Neighbourhood

SCALE = range(1, 6)


class PulseResponse(models.Model):
    """One browser's answers to the three public-value questions in one month."""

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="pulse_responses"
    )
    # Set when the pulse was filled in at the end of a live session.
    session = models.ForeignKey(
        DialogueSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pulse_responses",
    )
    trust = models.PositiveSmallIntegerField(_("vertrouwen"))
    co_ownership = models.PositiveSmallIntegerField(_("mede-eigenaarschap"))
    legitimacy = models.PositiveSmallIntegerField(_("legitimiteit"))
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    client_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "pk"]
        verbose_name = _("antwoord op de peiling")
        verbose_name_plural = _("antwoorden op de peiling")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "month", "client_key"],
                name="pulse_one_per_browser_per_month",
            ),
            models.CheckConstraint(condition=Q(trust__gte=1, trust__lte=5), name="pulse_trust_1_5"),
            models.CheckConstraint(
                condition=Q(co_ownership__gte=1, co_ownership__lte=5),
                name="pulse_co_ownership_1_5",
            ),
            models.CheckConstraint(
                condition=Q(legitimacy__gte=1, legitimacy__lte=5), name="pulse_legitimacy_1_5"
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="pulse_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.month:%Y-%m}"
