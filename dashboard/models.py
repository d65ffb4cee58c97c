"""What the dashboard stores: indicators with their route and measurements, new developments,
steering actions, and residents' answers to the public-value pulse.

A pulse response holds no personal data. The browser is known only by a keyed hash of a random
cookie token and the month, so two months of one browser cannot be linked to each other, and
the token itself is never stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dialogue.models import DialogueSession
from roadmap.models import DecisionBody, Milestone, RoadmapVersion
from wup.models import Municipality, Neighbourhood, Party

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
    # A keyed hash of the client's address and the month, for the limit per address; emptied
    # once the month is over (dashboard.tasks.forget_pulse_addresses).
    address_key = models.CharField(max_length=64, editable=False, blank=True, default="")
    # The first answer from its address this month (so the month's addresses can be counted
    # after the keys are gone); unknown for answers from before addresses were counted.
    new_address = models.BooleanField(null=True, editable=False)
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


# --- Indicators, the route and measurements ----------------------------------------------------


class IndicatorCategory(models.TextChoices):
    """reference/domain.md §7.15."""

    OUTPUT = "output", _("Resultaat")
    OUTCOME = "outcome", _("Effect")
    PROCESS = "proces", _("Proces")
    PARTICIPATION = "participatie", _("Participatie")
    PERCEPTION = "beleving", _("Beleving")
    PUBLIC_VALUE = "publieke_waarde", _("Publieke waarde")
    FINANCE = "financieel", _("Financieel")
    SAFEGUARD = "waarborg", _("Waarborg")


class IndicatorUnit(models.TextChoices):
    COUNT = "aantal", _("aantal")
    PERCENT = "procent", _("procent")
    M3_PER_YEAR = "m3_jaar", _("m³ per jaar")
    KWH_PER_YEAR = "kwh_jaar", _("kWh per jaar")
    GJ_PER_YEAR = "gj_jaar", _("GJ per jaar")
    TON_CO2 = "ton_co2", _("ton CO₂")
    EUR = "euro", _("euro")
    LIKERT = "score", _("score 1–5")
    INDEX = "index", _("index 0–1")


class Direction(models.TextChoices):
    UP = "up", _("Hoger is beter")
    DOWN = "down", _("Lager is beter")


class DataSource(models.TextChoices):
    CBS_KWB = "cbs_kwb", _("CBS Kerncijfers wijken en buurten")
    CBS_GAS_FREE = "cbs_aardgasvrij", _("CBS Aardgasvrije woningen")
    PBL = "pbl_startanalyse", _("PBL Startanalyse")
    EP_ONLINE = "rvo_eponline", _("RVO EP-online (energielabels)")
    BAG = "bag", _("BAG")
    CLIMATE_MONITOR = "klimaatmonitor", _("Klimaatmonitor")
    GRID_OPERATOR = "netbeheerder", _("Netbeheerder")
    HEAT_COMPANY = "warmtebedrijf", _("Warmtebedrijf")
    HOUSING_CORPORATION = "corporatie", _("Woningcorporatie")
    SURVEY = "enquete", _("Enquête of peiling")
    APP = "app", _("Wijkwaarde zelf")
    OTHER = "overig", _("Anders")


class StandardIndicator(models.TextChoices):
    """The indicators every neighbourhood gets (issue: dashboard; reference/domain.md §3.1)."""

    GAS_FREE = "aardgasvrij", _("Woningen aardgasvrij")
    GAS_FREE_READY = "aardgasvrij_klaar", _("Woningen aardgasvrij-klaar")
    HEAT_NETWORK = "warmtenet", _("Woningen aangesloten op het warmtenet")
    LABEL_B = "label_b", _("Woningen met energielabel B of beter")
    PARTICIPATION = "deelname", _("Huishoudens die meededen")
    PULSE_TRUST = "peiling_vertrouwen", _("Peiling: vertrouwen")
    PULSE_CO_OWNERSHIP = "peiling_mede_eigenaarschap", _("Peiling: mede-eigenaarschap")
    PULSE_LEGITIMACY = "peiling_legitimiteit", _("Peiling: legitimiteit")
    TRIANGLE_BALANCE = "driehoek_balans", _("Balans van de waardendriehoek")


# code: (category, unit, direction, source)
STANDARD_SET: dict[str, tuple[str, str, str, str]] = {
    StandardIndicator.GAS_FREE: (
        IndicatorCategory.OUTPUT,
        IndicatorUnit.COUNT,
        Direction.UP,
        DataSource.CBS_GAS_FREE,
    ),
    StandardIndicator.GAS_FREE_READY: (
        IndicatorCategory.OUTPUT,
        IndicatorUnit.COUNT,
        Direction.UP,
        DataSource.HOUSING_CORPORATION,
    ),
    StandardIndicator.HEAT_NETWORK: (
        IndicatorCategory.OUTPUT,
        IndicatorUnit.COUNT,
        Direction.UP,
        DataSource.HEAT_COMPANY,
    ),
    StandardIndicator.LABEL_B: (
        IndicatorCategory.OUTPUT,
        IndicatorUnit.COUNT,
        Direction.UP,
        DataSource.EP_ONLINE,
    ),
    StandardIndicator.PARTICIPATION: (
        IndicatorCategory.PARTICIPATION,
        IndicatorUnit.PERCENT,
        Direction.UP,
        DataSource.APP,
    ),
    StandardIndicator.PULSE_TRUST: (
        IndicatorCategory.PUBLIC_VALUE,
        IndicatorUnit.LIKERT,
        Direction.UP,
        DataSource.SURVEY,
    ),
    StandardIndicator.PULSE_CO_OWNERSHIP: (
        IndicatorCategory.PUBLIC_VALUE,
        IndicatorUnit.LIKERT,
        Direction.UP,
        DataSource.SURVEY,
    ),
    StandardIndicator.PULSE_LEGITIMACY: (
        IndicatorCategory.PUBLIC_VALUE,
        IndicatorUnit.LIKERT,
        Direction.UP,
        DataSource.SURVEY,
    ),
    StandardIndicator.TRIANGLE_BALANCE: (
        IndicatorCategory.PUBLIC_VALUE,
        IndicatorUnit.INDEX,
        Direction.UP,
        DataSource.APP,
    ),
}


class IndicatorQuerySet(models.QuerySet):
    def for_party(self, party_id: int | None) -> IndicatorQuerySet:
        """The indicators a partner reports: those of their own party."""
        return self.filter(party_id=party_id) if party_id else self.none()


class Indicator(models.Model):
    """Something measured in a neighbourhood, with a planned route and measurements."""

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="indicators"
    )
    # Set for the standard set; blank for custom indicators.
    code = models.CharField(_("standaardindicator"), max_length=40, blank=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    category = models.CharField(_("categorie"), max_length=20, choices=IndicatorCategory)
    unit = models.CharField(_("eenheid"), max_length=20, choices=IndicatorUnit)
    direction = models.CharField(
        _("richting"), max_length=4, choices=Direction, default=Direction.UP
    )
    source = models.CharField(_("bron"), max_length=30, choices=DataSource)
    # The partner that reports this indicator; partners see and enter only their own.
    party = models.ForeignKey(
        Party,
        verbose_name=_("gemeten door partij"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("hoort bij tussendoel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    # How far short of the planned change counts as behind and as far behind, in percent.
    behind_percent = models.PositiveSmallIntegerField(
        _("achter bij (procent)"),
        default=5,
        help_text=_("Zoveel procent minder dan de geplande verandering telt als achter."),
    )
    far_behind_percent = models.PositiveSmallIntegerField(
        _("ver achter bij (procent)"),
        default=15,
        help_text=_("Zoveel procent minder dan de geplande verandering telt als ver achter."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["neighbourhood", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "code"],
                condition=~Q(code=""),
                name="indicator_standard_once_per_neighbourhood",
            ),
            models.CheckConstraint(
                condition=Q(behind_percent__lte=F("far_behind_percent")),
                name="indicator_behind_before_far_behind",
            ),
        ]

    def __str__(self) -> str:
        return self.name


def create_standard_indicators(neighbourhoods: Iterable[Neighbourhood]) -> list[Indicator]:
    """Give each neighbourhood the standard indicators it does not have yet, in one insert;
    return the new ones. Registered as a part of every new neighbourhood (DashboardConfig)."""
    neighbourhoods = list(neighbourhoods)
    have = set(
        Indicator.objects.filter(neighbourhood__in=[n.pk for n in neighbourhoods])
        .exclude(code="")
        .values_list("neighbourhood_id", "code")
    )
    new = [
        Indicator(
            neighbourhood=neighbourhood,
            code=code,
            # Stored in Dutch: the name is data from here on and can be edited.
            name=str(StandardIndicator(code).label),
            category=category,
            unit=unit,
            direction=direction,
            source=source,
            order=i,
        )
        for neighbourhood in neighbourhoods
        for i, (code, (category, unit, direction, source)) in enumerate(STANDARD_SET.items())
        if (neighbourhood.pk, code) not in have
    ]
    return Indicator.objects.bulk_create(new, batch_size=1000)


class RoutePoint(models.Model):
    """A planned value on a date. Draft points have no version; adopting copies them to one."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="route_points")
    version = models.ForeignKey(
        RoadmapVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="route_points",
    )
    date = models.DateField(_("datum"))
    value = models.DecimalField(_("geplande waarde"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("punt van de route")
        verbose_name_plural = _("route")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                condition=Q(version__isnull=True),
                name="route_draft_one_point_per_date",
            ),
            models.UniqueConstraint(
                fields=["indicator", "version", "date"],
                condition=Q(version__isnull=False),
                name="route_version_one_point_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"


class DataStatus(models.TextChoices):
    """How final a figure is (CBS: year t-1 provisional, t-2 revised, t-3 final)."""

    PROVISIONAL = "voorlopig", _("voorlopig")
    REVISED = "nader_voorlopig", _("nader voorlopig")
    FINAL = "definitief", _("definitief")


class Measurement(models.Model):
    """A measured value on a date. One per indicator and date: a correction replaces it."""

    class Via(models.TextChoices):
        HAND = "hand", _("ingevoerd")
        CSV = "csv", _("geïmporteerd")
        APP = "app", _("berekend door Wijkwaarde")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("datum"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    source = models.CharField(_("bron"), max_length=30, choices=DataSource)
    data_status = models.CharField(
        _("status van het cijfer"), max_length=20, choices=DataStatus, blank=True
    )
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    via = models.CharField(max_length=10, choices=Via, default=Via.HAND, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"], name="measurement_one_per_indicator_per_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"


# --- New developments -------------------------------------------------------------------------


class DevelopmentKind(models.TextChoices):
    LAW = "wet", _("Wet of regel")
    SUBSIDY = "subsidie", _("Subsidie")
    GRID = "netcongestie", _("Netcongestie")
    SUPPLIER = "leverancier", _("Leverancier")
    PRICES = "prijzen", _("Prijzen")
    OTHER = "overig", _("Anders")


class Likelihood(models.TextChoices):
    LOW = "klein", _("Kleine kans")
    MEDIUM = "redelijk", _("Redelijke kans")
    HIGH = "groot", _("Grote kans")
    CERTAIN = "zeker", _("Zeker")


class Development(models.Model):
    """Something new from outside the plan, with the delay it would cause to milestones.

    A recorded development changes nothing until a project lead accepts it; then the forecasts
    of the milestones it hits, and of everything that depends on them, move.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Nog niet verwerkt")
        ACCEPTED = "verwerkt", _("Verwerkt in de planning")
        DISMISSED = "afgewezen", _("Niet verwerkt")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="developments"
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    occurs_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=DevelopmentKind)
    likelihood = models.CharField(_("kans"), max_length=10, choices=Likelihood)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What accepting did, written once when it is accepted (dashboard.developments.accept): per
    # neighbourhood id, each milestone that moved with its forecast before and after and whether
    # it was on the critical path, and the roadmap's end date before and after. Stored, not
    # recomputed: later progress reports change the forecasts, and "before" must stay the
    # forecast without this development as it was when the decision was taken.
    applied = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurs_on", "-pk"]
        verbose_name = _("nieuwe ontwikkeling")
        verbose_name_plural = _("nieuwe ontwikkelingen")

    def __str__(self) -> str:
        return self.title


class DevelopmentImpact(models.Model):
    """The delay a development would cause to one milestone."""

    development = models.ForeignKey(Development, on_delete=models.CASCADE, related_name="impacts")
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("tussendoel"), on_delete=models.CASCADE, related_name="impacts"
    )
    delay_days = models.IntegerField(_("vertraging in dagen"))

    class Meta:
        ordering = ["development", "milestone__baseline_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["development", "milestone"], name="impact_once_per_milestone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.milestone}: +{self.delay_days}"


# --- Steering ---------------------------------------------------------------------------------


class SteeringStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld")
    DECIDED = "besloten", _("Besloten")
    IN_PROGRESS = "bezig", _("In uitvoering")
    DONE = "klaar", _("Uitgevoerd")
    DROPPED = "vervallen", _("Vervallen")


class SteeringAction(models.Model):
    """What is done to get a neighbourhood back on its route, and who decided it."""

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="steering_actions"
    )
    title = models.CharField(_("wat"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    owner = models.CharField(_("eigenaar"), max_length=120)
    due_on = models.DateField(_("klaar op"))
    decided_by = models.CharField(
        _("besloten door"), max_length=10, choices=DecisionBody, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SteeringStatus, default=SteeringStatus.PROPOSED
    )
    outcome = models.TextField(_("resultaat"), blank=True)
    # The suggestion it answers, e.g. "indicator:12" or "milestone:4"; blank when free-standing.
    reason_key = models.CharField(max_length=60, blank=True, editable=False)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steering_actions",
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("tussendoel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steering_actions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("stuuractie")
        verbose_name_plural = _("stuuracties")

    def __str__(self) -> str:
        return self.title


class CouncilRecordKind(models.TextChoices):
    """What the raad and the college put on paper about the heat transition."""

    DECISION = "besluit", _("Besluit")
    MOTION = "motie", _("Motie")
    AMENDMENT = "amendement", _("Amendement")
    PROMISE = "toezegging", _("Toezegging")
    INFORMATION_LETTER = "raadsinformatiebrief", _("Raadsinformatiebrief")


class CouncilRecordStatus(models.TextChoices):
    OPEN = "open", _("Loopt nog")
    DONE = "afgedaan", _("Afgedaan")
    LAPSED = "vervallen", _("Verworpen, ingetrokken of vervallen")


class CouncilRecordQuerySet(models.QuerySet):
    def visible_to(self, membership) -> CouncilRecordQuerySet:
        """The records a membership reads: its municipality's; a membership limited to some
        neighbourhoods reads only the records of those (not the municipality-wide ones)."""
        qs = self.filter(municipality_id=membership.municipality_id)
        if membership.limited_to_neighbourhoods:
            qs = qs.filter(neighbourhood__in=membership.neighbourhoods.values("pk"))
        return qs

    def overdue(self, today) -> CouncilRecordQuerySet:
        """Toezeggingen still open past their due date: steering signals for the council."""
        return self.filter(
            kind=CouncilRecordKind.PROMISE, status=CouncilRecordStatus.OPEN, due_on__lt=today
        )


class CouncilRecord(models.Model):
    """One entry in the decision log of a municipality (and, optionally, one neighbourhood): a
    besluit, motie, amendement, toezegging or raadsinformatiebrief, with its number and a link
    to the council information system. A toezegging has an owner and a due date."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="council_records"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="council_records",
        help_text=_("Leeg laten als het over de hele gemeente gaat."),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=CouncilRecordKind)
    title = models.CharField(_("onderwerp"), max_length=200)
    date = models.DateField(
        _("datum"), help_text=_("De dag van het besluit, de vergadering of de brief.")
    )
    number = models.CharField(
        _("nummer"),
        max_length=60,
        blank=True,
        help_text=_("Het nummer of kenmerk in het raadsinformatiesysteem."),
    )
    url = models.URLField(_("link naar het raadsinformatiesysteem"), blank=True, max_length=500)
    owner = models.CharField(
        _("eigenaar"),
        max_length=120,
        blank=True,
        help_text=_(
            "Wie zorgt dat het gebeurt? Een wethouder, team of afdeling. Nodig bij een toezegging."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CouncilRecordStatus, default=CouncilRecordStatus.OPEN
    )
    due_on = models.DateField(
        _("af te doen op"), null=True, blank=True, help_text=_("Nodig bij een toezegging.")
    )
    notes = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CouncilRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("besluit of toezegging")
        verbose_name_plural = _("besluitenlog")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="toezegging") | (Q(due_on__isnull=False) & ~Q(owner="")),
                name="council_record_promise_has_owner_and_due_date",
            )
        ]
        indexes = [models.Index(fields=["municipality", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}: {self.title}".replace("  ", " ")


class MunicipalityTarget(models.Model):
    """The municipality's own target year for the whole heat transition: the council overview
    and report set the municipality's totals against it."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="transition_target"
    )
    target_year = models.PositiveSmallIntegerField(
        _("doeljaar van de gemeente"),
        help_text=_("Het jaar waarin de gemeente alle wijken van het aardgas af wil hebben."),
    )

    class Meta:
        verbose_name = _("doeljaar")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gte=2020, target_year__lte=2050),
                name="municipality_target_year_in_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.target_year)
