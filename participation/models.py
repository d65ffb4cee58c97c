"""Participation activities, the input they brought in and what was done with it.

The Omgevingswet asks the council's decision to say how residents, businesses and others were
involved and what was done with their input (Omgevingsbesluit art. 10.2 lid 2). Triangle sessions
(dialogue.DialogueSession) and answered resident questions (wup.Question) already say part of
that; they are read where they are, never copied here. This app adds everything else: an
information evening, office hours, door-to-door visits, a survey, a newsletter, kitchen-table
talks, a working group; per input what happened with it; the session outcomes' links to the
roadmap beyond core values; and the publication of the participatieverslag per neighbourhood.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboard.models import Indicator
from dialogue.models import Argument, Outcome, ParticipationLevel, StakeholderGroup
from roadmap.models import Agreement, CoreValue, Milestone
from wup.models import Neighbourhood, Question


class ActivityKind(models.TextChoices):
    INFO_EVENING = "informatieavond", _("Informatieavond")
    OFFICE_HOURS = "spreekuur", _("Spreekuur")
    DOOR_TO_DOOR = "huis_aan_huis", _("Huis-aan-huisbezoek")
    SURVEY = "enquete", _("Enquête")
    NEWSLETTER = "nieuwsbrief", _("Nieuwsbrief")
    KITCHEN_TABLE = "keukentafel", _("Keukentafelgesprek")
    WORKING_GROUP = "werkgroep", _("Werkgroep")
    OTHER = "anders", _("Anders")


class ActivityQuerySet(models.QuerySet):
    def for_list(self) -> ActivityQuerySet:
        return self.annotate(input_count=models.Count("inputs")).order_by("-held_on", "-pk")


class Activity(models.Model):
    """One participation activity in a neighbourhood, with its reach by group where known."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="participation_activities",
        verbose_name=_("wijk"),
    )
    kind = models.CharField(_("soort activiteit"), max_length=20, choices=ActivityKind)
    title = models.CharField(_("titel"), max_length=160)
    held_on = models.DateField(_("datum"))
    place = models.CharField(
        _("plaats of kanaal"),
        max_length=200,
        help_text=_("Bijvoorbeeld: het buurthuis, online, per post of aan de deur."),
    )
    audience = models.CharField(
        _("voor wie"),
        max_length=200,
        help_text=_("Bijvoorbeeld: alle bewoners, huurders van de corporatie, ondernemers."),
    )
    level = models.CharField(
        _("participatieniveau"),
        max_length=20,
        choices=ParticipationLevel,
        default=ParticipationLevel.CONSULT,
    )
    reach_total = models.PositiveIntegerField(
        _("bereik (aantal mensen of adressen)"),
        null=True,
        blank=True,
        help_text=_("Hoeveel mensen kwamen, of hoeveel adressen u bereikte."),
    )
    # {StakeholderGroup value: count}, only the groups that are known.
    reach_by_group = models.JSONField(_("bereik per groep"), default=dict, blank=True)
    notes = models.TextField(
        _("verslag in het kort"),
        blank=True,
        help_text=_("Wat is er gebeurd en besproken? Schrijf geen namen van bewoners op."),
    )
    themes = models.CharField(
        _("thema's"),
        max_length=300,
        blank=True,
        help_text=_("Met komma's ertussen, bijvoorbeeld: kosten, overlast, planning."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("participatieactiviteit")
        verbose_name_plural = _("participatieactiviteiten")

    def __str__(self) -> str:
        return self.title

    @property
    def theme_list(self) -> list[str]:
        return [t.strip() for t in self.themes.split(",") if t.strip()]

    def reach_rows(self) -> list[tuple[str, int]]:
        """Return (group label, count) for the known groups, in the groups' order."""
        return [
            (str(group.label), int(self.reach_by_group[group.value]))
            for group in StakeholderGroup
            if self.reach_by_group.get(group.value) not in (None, "")
        ]


class Response(models.TextChoices):
    """What was done with one input."""

    OPEN = "open", _("Nog niet besloten")
    CORE_VALUE = "kernwaarde", _("Opgenomen als kernwaarde")
    MILESTONE = "mijlpaal", _("Opgenomen als mijlpaal")
    AGREEMENT = "afspraak", _("Opgenomen als afspraak")
    INDICATOR = "indicator", _("Opgenomen als indicator")
    ANSWERED = "beantwoord", _("Beantwoord")
    NOT_TAKEN = "niet_overgenomen", _("Niet overgenomen")


# The roadmap object each "taken into the roadmap" response links to.
RESPONSE_TARGET = {
    Response.CORE_VALUE: "core_value",
    Response.MILESTONE: "milestone",
    Response.AGREEMENT: "agreement",
    Response.INDICATOR: "indicator",
}


class InputQuerySet(models.QuerySet):
    def open_questions(self) -> InputQuerySet:
        """Inputs nobody has decided on yet, and those that go to the council."""
        return self.filter(Q(response=Response.OPEN) | Q(to_council=True))


class Input(models.Model):
    """One thing people said during an activity, and what the municipality did with it."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="inputs")
    text = models.TextField(
        _("wat werd er gezegd of gevraagd"),
        help_text=_("In gewone taal en zonder namen of andere gegevens van bewoners."),
    )
    theme = models.CharField(_("thema"), max_length=80, blank=True)
    question = models.ForeignKey(
        Question,
        verbose_name=_("gekoppelde vraag van een bewoner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_inputs",
    )
    arguments = models.ManyToManyField(
        Argument,
        verbose_name=_("gekoppelde argumenten uit dialoogsessies"),
        blank=True,
        related_name="participation_inputs",
    )
    response = models.CharField(
        _("wat is ermee gedaan"), max_length=20, choices=Response, default=Response.OPEN
    )
    core_value = models.ForeignKey(
        CoreValue,
        verbose_name=_("kernwaarde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_inputs",
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("mijlpaal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_inputs",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("afspraak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_inputs",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_inputs",
    )
    explanation = models.TextField(
        _("antwoord of reden"),
        blank=True,
        help_text=_(
            "Het antwoord dat u gaf, of waarom u het niet overneemt. "
            "Verplicht als u het niet overneemt."
        ),
    )
    to_council = models.BooleanField(
        _("gaat mee naar de gemeenteraad"),
        default=False,
        help_text=_("Een open vraag die de raad moet kennen als hij besluit."),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InputQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        constraints = [
            models.CheckConstraint(
                condition=~Q(response="niet_overgenomen") | ~Q(explanation=""),
                name="input_not_taken_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.response == Response.OPEN

    @property
    def target(self) -> models.Model | None:
        """The roadmap object this input became, if any."""
        field = RESPONSE_TARGET.get(self.response)
        return getattr(self, field) if field else None


class OutcomeLink(models.Model):
    """A session outcome taken into the roadmap as a milestone, agreement or indicator (its link
    to core values lives on roadmap.CoreValue.outcomes)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="roadmap_links")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="outcome_links"
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="outcome_links"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="outcome_links"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(milestone__isnull=False, agreement__isnull=True, indicator__isnull=True)
                    | Q(milestone__isnull=True, agreement__isnull=False, indicator__isnull=True)
                    | Q(milestone__isnull=True, agreement__isnull=True, indicator__isnull=False)
                ),
                name="outcome_link_one_target",
            ),
        ]

    def __str__(self) -> str:
        return str(self.target)

    @property
    def target(self) -> models.Model:
        return self.milestone or self.agreement or self.indicator


class Verslag(models.Model):
    """The participatieverslag of one neighbourhood: the lead's introduction and whether it is
    public. Its content is computed (participation.verslag) from what exists when it is read."""

    neighbourhood = models.OneToOneField(
        Neighbourhood, on_delete=models.CASCADE, related_name="participatieverslag"
    )
    intro = models.TextField(
        _("inleiding"),
        blank=True,
        help_text=_(
            "In gewone taal: waarom en hoe hebben we bewoners en partijen betrokken? Geen namen."
        ),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participatieverslag")
        verbose_name_plural = _("participatieverslagen")

    def __str__(self) -> str:
        return str(_("Participatieverslag %(name)s") % {"name": self.neighbourhood.name})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def publish(self, *, by) -> None:
        self.published_at = timezone.now()
        self.published_by = by
        self.save(update_fields=["published_at", "published_by", "updated_at"])

    def unpublish(self) -> None:
        self.published_at = None
        self.published_by = None
        self.save(update_fields=["published_at", "published_by", "updated_at"])
