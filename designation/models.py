"""The legal backbone of the heat transition (Wgiw): the municipality's warmteprogramma, the
designation track of a neighbourhood (the omgevingsplan rule that ends its gas supply) and the
assessment of the six safeguards that must be met before the raad decides.

Every write goes through a named function in `programme`, `track` or `safeguards`, which writes
the audit entry; the views only call them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from roadmap.models import DecisionBody, Milestone, Safeguard
from wup.models import HeatSolution, Municipality, Neighbourhood

# The Wgiw: the first warmteprogramma must be adopted by this date, later ones at least every
# REFRESH_YEARS years after the previous adoption.
FIRST_PROGRAMME_DEADLINE = datetime.date(2026, 12, 31)
REFRESH_YEARS = 5


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class HeatProgramme(models.Model):
    """One version of a municipality's warmteprogramma (the successor of the Transitievisie
    Warmte). A version is a draft until the raad adopts it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="heat_programmes"
    )
    number = models.PositiveSmallIntegerField(_("versie"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting in gewone taal"), blank=True)
    adopted_on = models.DateField(_("vastgesteld door de raad op"), null=True, blank=True)
    decision_reference = models.CharField(
        _("kenmerk van het raadsbesluit"), max_length=100, blank=True
    )
    decision_url = models.URLField(_("link naar het raadsbesluit"), blank=True)
    review = models.TextField(
        _("terugblik op de vorige periode"),
        blank=True,
        help_text=_("Verplicht vanaf het tweede warmteprogramma."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "-number"]
        verbose_name = _("warmteprogramma")
        verbose_name_plural = _("warmteprogramma's")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="unique_heat_programme_number"
            )
        ]

    def __str__(self) -> str:
        return str(_("Warmteprogramma %(name)s, versie %(n)s")) % {
            "name": self.municipality.name,
            "n": self.number,
        }

    @property
    def adopted(self) -> bool:
        return self.adopted_on is not None

    @property
    def refresh_due(self) -> datetime.date | None:
        """The law asks for the next programme at least REFRESH_YEARS after this one."""
        return add_years(self.adopted_on, REFRESH_YEARS) if self.adopted_on else None

    @property
    def needs_review(self) -> bool:
        """From the second programme on, the law asks for a written review."""
        return self.number > 1


class ProgrammeNeighbourhood(models.Model):
    """A neighbourhood in the sequence of a warmteprogramma."""

    programme = models.ForeignKey(HeatProgramme, on_delete=models.CASCADE, related_name="entries")
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="programme_entries"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    preferred_solution = models.CharField(
        _("voorkeursoplossing"), max_length=30, choices=HeatSolution, default=HeatSolution.UNKNOWN
    )
    designation_intended = models.BooleanField(
        _("de gemeente overweegt aanwijzen"),
        default=False,
        help_text=_("De raad wijst de wijk aan in het omgevingsplan: daarna stopt het gas."),
    )
    designation_year = models.PositiveSmallIntegerField(
        _("beoogd jaar van aanwijzen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2025), MaxValueValidator(2049)],
    )
    gas_end_year = models.PositiveSmallIntegerField(
        _("beoogd jaar zonder aardgas"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2025), MaxValueValidator(2049)],
    )

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "neighbourhood"], name="one_entry_per_neighbourhood"
            )
        ]

    def __str__(self) -> str:
        return self.neighbourhood.name


class StepKind(models.TextChoices):
    """The steps of a designation through the omgevingsplan, in their order."""

    PREPARATION = "voorbereiding", _("Voorbereiding")
    DRAFT = "ontwerp", _("Ontwerp-omgevingsplanwijziging")
    INSPECTION = "ter_inzage", _("Ter inzage")
    OBJECTIONS = "zienswijzen", _("Zienswijzen")
    RESPONSE = "nota_van_beantwoording", _("Nota van beantwoording")
    COUNCIL_DECISION = "raadsbesluit", _("Raadsbesluit")
    APPEAL = "beroep", _("Beroep")
    FINAL = "onherroepelijk", _("Onherroepelijk")


STEP_ORDER = {kind: i for i, kind in enumerate(StepKind.values)}

# Who takes each step: the college prepares, the raad decides.
STEP_BODY = {
    StepKind.PREPARATION: DecisionBody.EXECUTIVE,
    StepKind.DRAFT: DecisionBody.EXECUTIVE,
    StepKind.INSPECTION: DecisionBody.EXECUTIVE,
    StepKind.OBJECTIONS: DecisionBody.EXECUTIVE,
    StepKind.RESPONSE: DecisionBody.EXECUTIVE,
    StepKind.COUNCIL_DECISION: DecisionBody.COUNCIL,
    StepKind.APPEAL: DecisionBody.COUNCIL,
    StepKind.FINAL: DecisionBody.COUNCIL,
}


class StepStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    ACTIVE = "bezig", _("Bezig")
    DONE = "afgerond", _("Afgerond")
    SKIPPED = "niet_nodig", _("Niet nodig")


class DesignationTrack(models.Model):
    """The designation of one neighbourhood: its steps and the end date of gas supply."""

    neighbourhood = models.OneToOneField(
        Neighbourhood, on_delete=models.CASCADE, related_name="designation_track"
    )
    gas_end_date = models.DateField(
        _("einddatum levering aardgas"),
        null=True,
        blank=True,
        help_text=_("Na deze datum levert de netbeheerder geen aardgas meer in de wijk."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aanwijzingstraject")
        verbose_name_plural = _("aanwijzingstrajecten")

    def __str__(self) -> str:
        return str(_("Aanwijzing %(name)s")) % {"name": self.neighbourhood.name}


class TrackStep(models.Model):
    track = models.ForeignKey(DesignationTrack, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("stap"), max_length=30, choices=StepKind)
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus, default=StepStatus.PLANNED
    )
    date = models.DateField(
        _("datum"),
        null=True,
        blank=True,
        help_text=_("Gepland of gedaan; bij ter inzage: de eerste dag."),
    )
    end_date = models.DateField(_("laatste dag ter inzage"), null=True, blank=True)
    document_title = models.CharField(_("naam van het document"), max_length=200, blank=True)
    document_url = models.URLField(_("link naar het document"), blank=True)
    objection_count = models.PositiveIntegerField(_("aantal zienswijzen"), null=True, blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("tussendoel in de routekaart"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="designation_steps",
    )

    class Meta:
        ordering = ["track", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["track", "kind"], name="one_step_per_kind"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(date__isnull=False, end_date__gte=models.F("date")),
                name="step_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def body(self) -> str:
        return STEP_BODY[StepKind(self.kind)]

    @property
    def body_label(self) -> str:
        return str(DecisionBody(self.body).label)


class GateOverride(models.Model):
    """The lead's motivation to take the raadsbesluit step while safeguards are not met."""

    track = models.ForeignKey(DesignationTrack, on_delete=models.CASCADE, related_name="overrides")
    motivation = models.TextField(_("motivering"))
    unmet = models.JSONField(default=list)  # the safeguard kinds not met at that moment
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(_("Motivering bij %(track)s")) % {"track": self.track}


class Verdict(models.TextChoices):
    NOT_ASSESSED = "niet_beoordeeld", _("Niet beoordeeld")
    MET = "voldaan", _("Voldaan")
    NOT_MET = "niet_voldaan", _("Niet voldaan")


class SafeguardAssessment(models.Model):
    """The judgement on one Wgiw safeguard of a roadmap: is it met, on what evidence, and by
    whom. The judge is stored; the public sees only their role."""

    safeguard = models.OneToOneField(Safeguard, on_delete=models.CASCADE, related_name="assessment")
    verdict = models.CharField(
        _("oordeel"), max_length=20, choices=Verdict, default=Verdict.NOT_ASSESSED
    )
    reasoning = models.TextField(_("toelichting bij het oordeel"), blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    judged_role = models.CharField(_("rol van wie oordeelde"), max_length=60, blank=True)
    judged_on = models.DateField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("beoordeling van een waarborg")
        verbose_name_plural = _("beoordelingen van waarborgen")

    def __str__(self) -> str:
        return str(self.safeguard)


class Evidence(models.Model):
    """A document that shows a safeguard is met: a link, its date and who owns it."""

    assessment = models.ForeignKey(
        SafeguardAssessment, on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("naam van het document"), max_length=200)
    url = models.URLField(_("link naar het document"), blank=True)
    file = models.FileField(
        _("of het document zelf (PDF)"),
        upload_to="bewijsstukken/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("Een PDF van hoogstens 10 MB. Geef een link of een bestand."),
    )
    dated = models.DateField(_("datum van het document"))
    owner = models.CharField(
        _("eigenaar"), max_length=120, help_text=_("De organisatie of afdeling die het opstelde.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dated", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="", file=""), name="evidence_has_link_or_file"
            )
        ]
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")

    def __str__(self) -> str:
        return self.title
