"""The base domain: municipalities, their plan areas (neighbourhoods), parties and staff roles."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models, router, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import audit_chain
from ..theme import contrast_text_colour

# Slugs that would shadow a top-level URL of the site.
RESERVED_SLUGS = {
    "beheer",
    "accounts",
    "healthz",
    "static",
    "media",
    "i18n",
    "admin",
    "api",
    "doe-mee",
    "rapporten",
    "rapport",  # beheer/<municipality>/dashboard/rapport/ sits beside the neighbourhoods
    "volgen",
    "warmteprogramma",  # /<municipality>/warmteprogramma/ sits beside the neighbourhoods
    "privacy",
}

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Gebruik een kleurcode als #1a5c8e."))


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Dit woord is gereserveerd voor de website; kies een ander."))


class Phase(models.TextChoices):
    """Where a plan area stands (reference/domain.md §1.5)."""

    EXPLORING = "verkennen", _("Verkennen")
    PLANNING = "planvorming", _("Planvorming")
    DECIDING = "besluitvorming", _("Besluitvorming")
    IMPLEMENTING = "uitvoering", _("Uitvoering")
    MANAGING = "beheer", _("Beheer en evaluatie")


class HeatSolution(models.TextChoices):
    """Families of preferred heat solutions for a WUP (reference/domain.md §2.4)."""

    ALL_ELECTRIC = "all_electric_wp", _("Elektrische warmtepomp")
    HYBRID = "hybride_wp", _("Hybride warmtepomp")
    HEAT_NETWORK_HT_MT = "warmtenet_ht_mt", _("Warmtenet (midden- of hoge temperatuur)")
    HEAT_NETWORK_LT = "warmtenet_lt", _("Warmtenet (lage temperatuur)")
    SUSTAINABLE_GAS = "duurzaam_gas", _("Duurzaam gas")
    MIX = "mix_per_doelgroep", _("Mix per type woning")
    UNKNOWN = "nog_onbekend", _("Nog niet bekend")


class PartyType(models.TextChoices):
    """Types of stakeholder organisations (reference/domain.md §7.9)."""

    MUNICIPALITY = "gemeente", _("Gemeente")
    HOUSING_CORPORATION = "woningcorporatie", _("Woningcorporatie")
    TENANT_ORGANISATION = "huurdersorganisatie", _("Huurdersorganisatie")
    RESIDENTS_COMMITTEE = "bewonerscommissie", _("Bewonerscommissie")
    HOMEOWNERS_ASSOCIATION = "vve", _("Vereniging van Eigenaars (VvE)")
    PRIVATE_LANDLORD = "particuliere_verhuurder", _("Particuliere verhuurder")
    GRID_OPERATOR = "netbeheerder", _("Netbeheerder")
    HEAT_COMPANY = "warmtebedrijf", _("Warmtebedrijf")
    ENERGY_COOPERATIVE = "energiecooperatie", _("Energiecoöperatie")
    RESIDENT_INITIATIVE = "bewonersinitiatief", _("Bewonersinitiatief")
    NEIGHBOURHOOD_COUNCIL = "wijkraad", _("Wijk- of dorpsraad")
    BUSINESS = "ondernemer", _("Ondernemer")
    INSTITUTION = "maatschappelijke_instelling", _("Maatschappelijke instelling")
    WATER_BOARD = "waterschap", _("Waterschap")
    PROVINCE = "provincie", _("Provincie")
    ENERGY_DESK = "energieloket", _("Energieloket")
    INSTALLER = "installateur", _("Installateur of bouwer")
    ADVISER = "adviesbureau", _("Adviesbureau")
    OTHER = "overig", _("Overig")


class WooStatus(models.TextChoices):
    """Whether a document is public under the Wet open overheid (Woo): public unless a ground
    for not making it public applies."""

    PUBLIC = "openbaar", _("Openbaar")
    NOT_PUBLIC = "niet_openbaar", _("Niet openbaar")


class WooGround(models.TextChoices):
    """The grounds of the Woo (art. 5.1 and 5.2) a council report may be kept back on."""

    PRIVACY = "5.1.2.e", _("Eerbiediging van de persoonlijke levenssfeer (art. 5.1 lid 2 sub e)")
    BUSINESS = "5.1.1.c", _("Vertrouwelijk verstrekte bedrijfsgegevens (art. 5.1 lid 1 sub c)")
    ECONOMIC = (
        "5.1.2.b",
        _("Economische of financiële belangen van de overheid (art. 5.1 lid 2 sub b)"),
    )
    STATE = "5.1.2.i", _("Het goed functioneren van de overheid (art. 5.1 lid 2 sub i)")
    OPINIONS = "5.2", _("Persoonlijke beleidsopvattingen in intern beraad (art. 5.2)")


class Municipality(models.Model):
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een gemeentecode is GM met vier cijfers."))],
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(
        _("adres op de website"), unique=True, validators=[validate_not_reserved]
    )
    theme_colour = models.CharField(
        _("huisstijlkleur"), max_length=7, default="#154273", validators=[HEX_COLOUR]
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
        help_text=_("PNG, JPG of WebP, hoogstens 512 kB."),
    )
    intro = models.TextField(_("introductie"), blank=True)
    # When a neighbourhood's milestones put it behind: the slip of its critical path in days, as
    # the indicators' behind_percent and far_behind_percent do for the route (dashboard.progress).
    milestone_behind_days = models.PositiveSmallIntegerField(
        _("achter bij uitloop van het kritieke pad van meer dan (dagen)"),
        default=90,
        help_text=_("Een wijk staat achter als haar kritieke pad meer dagen uitloopt."),
    )
    milestone_far_behind_days = models.PositiveSmallIntegerField(
        _("ver achter bij uitloop van het kritieke pad van meer dan (dagen)"),
        default=365,
        help_text=_("Een wijk staat ver achter als haar kritieke pad meer dagen uitloopt."),
    )
    # Beheerders and projectleiders always log in with a second step (wup/mfa.py); a municipality
    # may ask it of every member.
    mfa_for_all_roles = models.BooleanField(
        _("tweede stap bij inloggen voor alle leden"),
        default=False,
        help_text=_(
            "Aan: ook raadsleden, partners en andere leden loggen in met een passkey of een code. "
            "Beheerders en projectleiders doen dat altijd."
        ),
    )

    # The council's progress report under the Woo: public by default, as progress reports to the
    # raad are; the lead may keep it back on a ground (dashboard.council.report prints it).
    council_report_woo = models.CharField(
        _("Woo-status van de voortgangsrapportage"),
        max_length=20,
        choices=WooStatus,
        default=WooStatus.PUBLIC,
    )
    council_report_woo_ground = models.CharField(
        _("grond om niet openbaar te maken"), max_length=20, choices=WooGround, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    milestone_behind_days__lte=models.F("milestone_far_behind_days")
                ),
                name="municipality_slip_behind_before_far_behind",
            ),
            models.CheckConstraint(
                condition=models.Q(council_report_woo="openbaar", council_report_woo_ground="")
                | (
                    ~models.Q(council_report_woo="openbaar")
                    & ~models.Q(council_report_woo_ground="")
                ),
                name="municipality_council_report_woo_ground",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def theme_text_colour(self) -> str:
        return contrast_text_colour(self.theme_colour)


class StartanalyseVariant(models.Model):
    """A strategy from one edition of PBL's Startanalyse; editions differ, so this is a table."""

    edition = models.CharField(_("editie"), max_length=20)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("naam"), max_length=160)

    class Meta:
        ordering = ["-edition", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="unique_startanalyse_variant")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.edition})"

    @property
    def solution(self) -> str:
        """The family of heat solutions (HeatSolution) this strategy belongs to."""
        return STRATEGY_SOLUTIONS.get(self.code.split("_")[0][:2].upper(), HeatSolution.UNKNOWN)


# The strategies of every Startanalyse edition by their number (S1a and S1_WP are both S1).
STRATEGY_SOLUTIONS = {
    "S1": HeatSolution.ALL_ELECTRIC,
    "S2": HeatSolution.HEAT_NETWORK_HT_MT,
    "S3": HeatSolution.HEAT_NETWORK_LT,
    "S4": HeatSolution.HYBRID,
    "S5": HeatSolution.SUSTAINABLE_GAS,
}


class StartanalyseResult(models.Model):
    """What one strategy of one Startanalyse edition costs for one CBS buurt (or wijk): the
    national costs per year PBL publishes, so the cheapest strategy can be named per area."""

    code = models.CharField(_("CBS-code"), max_length=10, db_index=True)
    variant = models.ForeignKey(
        StartanalyseVariant, on_delete=models.CASCADE, related_name="results"
    )
    national_costs = models.DecimalField(
        _("nationale kosten (euro per jaar)"), max_digits=14, decimal_places=2
    )

    class Meta:
        ordering = ["code", "national_costs"]
        constraints = [
            models.UniqueConstraint(fields=["code", "variant"], name="unique_startanalyse_result")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.variant.code}: {self.national_costs}"


# What every new neighbourhood gets from the apps above the base (the dashboard: the standard
# indicators). The base does not import those apps: each registers, from its AppConfig.ready(),
# a function that gives a list of new neighbourhoods their part in one go. Whoever creates
# neighbourhoods says so: Neighbourhood.objects.create_with_parts(...), or add_parts(...) right
# after a bulk_create. No signal: bulk_create would skip it.
NeighbourhoodPart = Callable[[Sequence["Neighbourhood"]], object]
NEIGHBOURHOOD_PARTS: list[NeighbourhoodPart] = []


def register_neighbourhood_part(part: NeighbourhoodPart) -> None:
    """Give every neighbourhood created from now on (through add_parts) this part as well."""
    if part not in NEIGHBOURHOOD_PARTS:
        NEIGHBOURHOOD_PARTS.append(part)


class NeighbourhoodQuerySet(models.QuerySet):
    def create_with_parts(self, **fields) -> Neighbourhood:
        """Create a neighbourhood with the parts every new one gets, both or neither."""
        with transaction.atomic():
            neighbourhood = self.create(**fields)
            self.add_parts([neighbourhood])
        return neighbourhood

    def add_parts(self, neighbourhoods: Sequence[Neighbourhood]) -> None:
        """Give newly created (saved) neighbourhoods the parts every new one gets."""
        if neighbourhoods:
            for part in NEIGHBOURHOOD_PARTS:
                part(neighbourhoods)

    def for_public_list(self) -> NeighbourhoodQuerySet:
        """Return the neighbourhoods with what a list row shows, in display order."""
        return self.order_by("name").only(
            "name",
            "slug",
            "phase",
            "preferred_solution",
            "planned_gas_free_year",
            "municipality_id",
        )

    def for_page(self) -> NeighbourhoodQuerySet:
        """Return neighbourhoods with their areas, parties and strategy loaded for a detail page."""
        return self.select_related("municipality", "startanalyse_variant").prefetch_related(
            Prefetch("areas", queryset=CbsArea.objects.order_by("code")),
            Prefetch("parties", queryset=Party.objects.order_by("party_type", "name")),
        )

    def visible_to(self, membership: Membership) -> NeighbourhoodQuerySet:
        """Return the neighbourhoods a membership may see in the back office."""
        qs = self.filter(municipality_id=membership.municipality_id)
        if membership.limited_to_neighbourhoods:
            qs = qs.filter(pk__in=membership.neighbourhoods.values("pk"))
        return qs


@dataclass(frozen=True)
class KeyFigures:
    """CBS key figures of a plan area, summed or home-weighted over its CBS areas."""

    reference_year: int | None
    homes: int | None
    share_owner_occupied: float | None
    share_corporation: float | None
    share_other_rental: float | None
    avg_gas_m3: float | None
    build_periods: dict[str, float]


class Neighbourhood(models.Model):
    """A plan area: the unit a WUP is written for (one or more CBS wijken or buurten)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="neighbourhoods"
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("adres op de website"), validators=[validate_not_reserved])
    phase = models.CharField(_("fase"), max_length=20, choices=Phase, default=Phase.EXPLORING)
    phase_detail = models.CharField(_("toelichting fase"), max_length=200, blank=True)
    preferred_solution = models.CharField(
        _("voorkeursoplossing"), max_length=30, choices=HeatSolution, default=HeatSolution.UNKNOWN
    )
    startanalyse_variant = models.ForeignKey(
        StartanalyseVariant,
        verbose_name=_("strategie uit de Startanalyse"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    solution_motivation = models.TextField(
        _("waarom deze voorkeursoplossing"),
        blank=True,
        help_text=_(
            "Nodig als de voorkeursoplossing een andere is dan de goedkoopste strategie "
            "uit de Startanalyse."
        ),
    )
    planned_gas_free_year = models.PositiveSmallIntegerField(
        _("gepland aardgasvrij in"), null=True, blank=True
    )
    summary = models.TextField(
        _("samenvatting"), blank=True, help_text=_("In gewone taal: wat speelt er in deze wijk?")
    )

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="unique_neighbourhood_slug"
            ),
            models.CheckConstraint(
                condition=models.Q(planned_gas_free_year__isnull=True)
                | models.Q(planned_gas_free_year__gte=2020, planned_gas_free_year__lte=2050),
                name="gas_free_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def current_areas(self) -> list[CbsArea]:
        """Return this plan area's CBS areas of its newest reference year (uses prefetched
        areas). Each import of a new year's KWB adds that year's areas and keeps the older
        years as history; the newest year replaces them, it is never added to them."""
        areas = list(self.areas.all())
        year = max((a.reference_year for a in areas), default=None)
        return [a for a in areas if a.reference_year == year]

    def key_figures(self) -> KeyFigures:
        """Return the key figures over this area's CBS codes of the newest reference year (uses
        prefetched areas): two years of the same homes are never summed."""
        current = self.current_areas()
        areas = [a for a in current if a.homes]
        homes = sum(a.homes for a in areas) if areas else None

        def weighted(field: str) -> float | None:
            pairs = [(getattr(a, field), a.homes) for a in areas if getattr(a, field) is not None]
            weight = sum(h for _, h in pairs)
            return round(sum(v * h for v, h in pairs) / weight, 1) if weight else None

        periods: dict[str, float] = {}
        for key in BUILD_PERIODS:
            pairs = [(a.build_periods[key], a.homes) for a in areas if key in a.build_periods]
            weight = sum(h for _, h in pairs)
            if weight:
                periods[key] = round(sum(v * h for v, h in pairs) / weight, 1)
        return KeyFigures(
            reference_year=current[0].reference_year if current else None,
            homes=homes,
            share_owner_occupied=weighted("share_owner_occupied"),
            share_corporation=weighted("share_corporation"),
            share_other_rental=weighted("share_other_rental"),
            avg_gas_m3=weighted("avg_gas_m3"),
            build_periods=periods,
        )


# Build-year classes as the CBS and Kadaster use them (reference/domain.md §7.16), in order.
BUILD_PERIODS = {
    "tot_1945": _("tot 1945"),
    "1946_1964": _("1946–1964"),
    "1965_1974": _("1965–1974"),
    "1975_1991": _("1975–1991"),
    "1992_2005": _("1992–2005"),
    "2006_later": _("2006 en later"),
    "voor_2000": _("voor 2000"),
    "vanaf_2000": _("vanaf 2000"),
}

CBS_CODE = re.compile(r"^(GM[0-9]{4}|WK[0-9]{4}[0-9A-Z]{2}|BU[0-9]{4}[0-9A-Z]{4})$")


class CbsArea(models.Model):
    """One CBS wijk or buurt in one reference year, with its key figures and boundary."""

    class Level(models.TextChoices):
        DISTRICT = "wijk", pgettext_lazy("CBS level", "Wijk")
        NEIGHBOURHOOD = "buurt", pgettext_lazy("CBS level", "Buurt")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="areas")
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True, related_name="areas"
    )
    code = models.CharField(_("CBS-code"), max_length=10)
    reference_year = models.PositiveSmallIntegerField(_("peiljaar"))
    level = models.CharField(max_length=5, choices=Level)
    name = models.CharField(_("naam"), max_length=120)
    homes = models.PositiveIntegerField(_("woningen"), null=True, blank=True)
    share_owner_occupied = models.FloatField(_("koopwoningen (%)"), null=True, blank=True)
    share_corporation = models.FloatField(_("corporatiewoningen (%)"), null=True, blank=True)
    share_other_rental = models.FloatField(_("overige huurwoningen (%)"), null=True, blank=True)
    avg_gas_m3 = models.FloatField(_("gemiddeld aardgasverbruik (m³)"), null=True, blank=True)
    build_periods = models.JSONField(_("bouwjaarklassen (%)"), default=dict, blank=True)
    geometry = models.JSONField(_("grens (GeoJSON)"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "reference_year"], name="unique_cbs_area_year")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.reference_year})"


class Party(models.Model):
    """A stakeholder organisation taking part in one or more plan areas."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("naam"), max_length=160)
    party_type = models.CharField(_("soort partij"), max_length=30, choices=PartyType)
    description = models.TextField(_("rol in de wijk"), blank=True)
    website = models.URLField(_("website"), blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, verbose_name=_("wijken"), related_name="parties", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_party_name")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Beheerder")
    PROJECT_LEAD = "project_lead", _("Projectleider")
    COUNCIL_MEMBER = "council_member", _("Raadslid")
    PARTNER = "partner", _("Partner")


# Roles that may change what they see; the others read only.
WRITE_ROLES = {Role.ADMIN, Role.PROJECT_LEAD}


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user) -> MembershipQuerySet:
        return self.filter(user=user, user__is_active=True).select_related("municipality")


class Membership(models.Model):
    """A staff user's role in one municipality, optionally limited to some neighbourhoods."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role)
    party = models.ForeignKey(
        Party,
        verbose_name=_("namens partij"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    limited_to_neighbourhoods = models.BooleanField(_("alleen voor bepaalde wijken"), default=False)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, verbose_name=_("wijken"), related_name="memberships", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def covers(self, neighbourhood: Neighbourhood) -> bool:
        """Return whether this membership reaches the given neighbourhood."""
        if neighbourhood.municipality_id != self.municipality_id:
            return False
        if not self.limited_to_neighbourhoods:
            return True
        return self.neighbourhoods.filter(pk=neighbourhood.pk).exists()

    def may_change_party(self, party: Party) -> bool:
        """Whether this membership may change the party: it writes, and, when it is limited to
        some neighbourhoods, the party works only in those (or in none). Uses prefetched
        neighbourhoods of the party when there are."""
        if not self.can_write or party.municipality_id != self.municipality_id:
            return False
        if not self.limited_to_neighbourhoods:
            return True
        return all(n.pk in self.neighbourhood_ids for n in party.neighbourhoods.all())

    @cached_property
    def neighbourhood_ids(self) -> frozenset[int]:
        """The neighbourhoods this membership is limited to (read once per request)."""
        return frozenset(self.neighbourhoods.values_list("pk", flat=True))


class AuditEntry(models.Model):
    """One back-office change: who did what to which object, when and from where. Append-only."""

    class Result(models.TextChoices):
        OK = "ok", _("gelukt")
        DENIED = "denied", _("geweigerd")

    # Set before the insert (not auto_now_add): the entry's hash covers it.
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    # PROTECT: the trail is append-only, so its people and places are deactivated, not deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, related_name="audit_entries"
    )
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    result = models.CharField(max_length=10, choices=Result, default=Result.OK)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The hash chain (wup/audit_chain.py): the hash of the entry before this one, and the hash
    # of this entry's content with that one.
    prev_hash = models.CharField(max_length=64, editable=False, default="")
    entry_hash = models.CharField(max_length=64, editable=False, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"
        )

    def save(self, *args, **kwargs) -> None:
        """Append the entry to the chain; an entry once written is never saved again."""
        if self.pk is not None:
            raise ValueError("the audit trail is append-only")
        alias = kwargs.get("using") or router.db_for_write(type(self))
        # Without a savepoint of its own: an entry that cannot be written fails what it records.
        with transaction.atomic(using=alias, savepoint=False):
            audit_chain.lock_for_append(alias)
            last = (
                AuditEntry.objects.using(alias)
                .order_by("-pk")
                .values_list("entry_hash", flat=True)
                .first()
            )
            self.prev_hash = last or audit_chain.GENESIS
            values = {name: getattr(self, name) for name in audit_chain.FIELDS}
            self.entry_hash = audit_chain.entry_hash(values, self.prev_hash)
            super().save(*args, **kwargs)
