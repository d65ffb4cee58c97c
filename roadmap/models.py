"""The roadmap (routekaart) of a neighbourhood: the municipality's role, the parties' shared
ambitions, core values and why, milestones, agreements and the Wgiw safeguards.

The rows below are the working draft. Adopting (by college or raad) freezes them into an
immutable RoadmapVersion snapshot; later changes are adopted as amendments with a reason.
Milestone progress (forecast, achieved, status) is live data that partners report between
versions; the adopted version holds the baseline.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext_lazy as _

from dialogue.models import Outcome
from wup import audit
from wup.models import Neighbourhood, Party, Phase

if TYPE_CHECKING:
    from django.http import HttpRequest


class MunicipalRoleType(models.TextChoices):
    """The role the municipality takes (reference/domain.md §1.7)."""

    DIRECTOR = "regisseur", _("Regisseur")
    INITIATOR = "aanjager", _("Aanjager")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTNER = "partner", _("Partner")
    CLIENT = "opdrachtgever", _("Opdrachtgever")
    EXECUTOR = "uitvoerder", _("Uitvoerder")


class MilestoneStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    ON_SCHEDULE = "op_schema", _("Op schema")
    AT_RISK = "risico", _("Risico")
    DELAYED = "vertraagd", _("Vertraagd")
    ACHIEVED = "behaald", _("Behaald")
    CANCELLED = "geschrapt", _("Geschrapt")


class AgreementType(models.TextChoices):
    LETTER_OF_INTENT = "intentieovereenkomst", _("Intentieovereenkomst")
    COOPERATION = "samenwerkingsovereenkomst", _("Samenwerkingsovereenkomst")
    COVENANT = "convenant", _("Convenant")
    REALISATION = "realisatieovereenkomst", _("Realisatieovereenkomst")
    ADMINISTRATIVE = "bestuursakkoord", _("Bestuursakkoord")
    CONNECTION = "aansluitovereenkomst", _("Aansluitovereenkomst")
    INFORMAL = "informele_afspraak", _("Informele afspraak")


class AgreementStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    ADOPTED = "vastgesteld", _("Vastgesteld")
    IN_PROGRESS = "in_uitvoering", _("In uitvoering")
    FULFILLED = "nagekomen", _("Nagekomen")
    NOT_FULFILLED = "niet_nagekomen", _("Niet nagekomen")
    LAPSED = "vervallen", _("Vervallen")


class WooCategory(models.TextChoices):
    """Active-disclosure categories of the Woo that fit roadmap documents (domain.md §7.18)."""

    COVENANTS = "convenanten", _("Convenanten")
    COUNCIL_DOCUMENTS = "vergaderstukken_raad", _("Vergaderstukken gemeenteraad")
    EXECUTIVE_DECISIONS = "besluitenlijsten_college", _("Besluitenlijsten college")
    STUDIES = "onderzoeken", _("Onderzoeken")
    PLANS_REPORTS = "jaarplannen_verslagen", _("Jaarplannen en jaarverslagen")
    ADVICE = "adviezen", _("Adviezen")
    OTHER_DECISIONS = "overige_besluiten", _("Overige besluiten van algemene strekking")
    NONE = "geen", _("Niet actief openbaar")


class SafeguardType(models.TextChoices):
    """The six safeguards of the Wgiw (domain.md §1.3)."""

    AFFORDABILITY = "betaalbaarheid", _("Betaalbaarheid")
    REASONABLE_TERM = "redelijke_termijn", _("Redelijke termijn")
    ALTERNATIVE_AVAILABLE = "beschikbaarheid_alternatief", _("Beschikbaar alternatief")
    CAPACITY_TO_ACT = "doenvermogen", _("Doenvermogen")
    FREE_CHOICE = "keuze_ander_alternatief", _("Vrije keuze voor een ander alternatief")
    PARTICIPATION = "participatie_rechtsbescherming", _("Participatie en rechtsbescherming")


class SafeguardStatus(models.TextChoices):
    OPEN = "open", _("Nog niet geregeld")
    IN_PROGRESS = "in_uitwerking", _("In uitwerking")
    SECURED = "geborgd", _("Geborgd")


class RoadmapQuerySet(models.QuerySet):
    def for_editor(self) -> RoadmapQuerySet:
        """Return roadmaps with every part preloaded for the editor and the report."""
        return self.select_related("neighbourhood__municipality").prefetch_related(
            "roles",
            Prefetch("ambitions", queryset=Ambition.objects.select_related("party")),
            Prefetch(
                "core_values",
                queryset=CoreValue.objects.prefetch_related(
                    Prefetch("outcomes", queryset=Outcome.objects.select_related("session"))
                ),
            ),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("owner").prefetch_related("depends_on"),
            ),
            Prefetch("agreements", queryset=Agreement.objects.prefetch_related("parties")),
            "safeguards",
            "versions",
        )


class Roadmap(models.Model):
    neighbourhood = models.OneToOneField(
        Neighbourhood, on_delete=models.CASCADE, related_name="roadmap"
    )
    summary = models.TextField(
        _("samenvatting in gewone taal"),
        blank=True,
        help_text=_("Wat is het plan, en waarom? Schrijf het zo dat een nieuwe bewoner het snapt."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = _("routekaart")
        verbose_name_plural = _("routekaarten")

    def __str__(self) -> str:
        return str(_("Routekaart %(name)s") % {"name": self.neighbourhood.name})

    def ensure_safeguards(self) -> None:
        """Create a row for each Wgiw safeguard that this roadmap does not have yet."""
        have = set(self.safeguards.values_list("kind", flat=True))
        Safeguard.objects.bulk_create(
            Safeguard(roadmap=self, kind=kind) for kind in SafeguardType.values if kind not in have
        )

    def latest_version(self) -> RoadmapVersion | None:
        return self.versions.order_by("-number").first()


class MunicipalRole(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="roles")
    phase = models.CharField(_("fase"), max_length=20, choices=Phase)
    role = models.CharField(_("rol van de gemeente"), max_length=20, choices=MunicipalRoleType)
    reasoning = models.TextField(_("waarom deze rol"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "phase"], name="one_role_per_phase")
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()}: {self.get_role_display()}"


class Ambition(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="ambitions")
    party = models.ForeignKey(
        Party, verbose_name=_("partij"), on_delete=models.PROTECT, related_name="ambitions"
    )
    text = models.TextField(_("ambitie"))
    target_value = models.DecimalField(
        _("streefwaarde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    target_year = models.PositiveSmallIntegerField(_("in het jaar"), null=True, blank=True)

    class Meta:
        ordering = ["party__name", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class CoreValue(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="core_values")
    name = models.CharField(_("kernwaarde"), max_length=120)
    why = models.TextField(_("waarom deze waarde"))
    outcomes = models.ManyToManyField(
        Outcome,
        verbose_name=_("komt voort uit"),
        related_name="core_values",
        blank=True,
        help_text=_("De afgesproken uitkomsten van dialoogsessies waar deze waarde uit komt."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class DecisionBody(models.TextChoices):
    EXECUTIVE = "college", _("College van B&W")
    COUNCIL = "raad", _("Gemeenteraad")


class DecisionKind(models.TextChoices):
    """What kind of decision a milestone is, when it is one (the council's "Volgende besluiten")."""

    ROADMAP = "uitvoeringsplan", _("Vaststellen van het uitvoeringsplan")
    BUDGET = "krediet", _("Krediet of budget")
    DESIGNATION = "aanwijzing", _("Aanwijzingsbesluit (Wgiw)")
    ENVIRONMENT_PLAN = "omgevingsplan", _("Wijziging van het omgevingsplan")
    HEAT_COMPANY = "warmtebedrijf", _("Keuze van het warmtebedrijf")
    OTHER = "anders", _("Ander besluit")


class Milestone(models.Model):
    """A tussendoel: what must be reached when, by whom, after what."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("tussendoel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    owner = models.ForeignKey(
        Party,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    baseline_date = models.DateField(_("gepland (basis)"))
    forecast_date = models.DateField(_("verwacht"), null=True, blank=True)
    achieved_date = models.DateField(_("behaald op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus, default=MilestoneStatus.PLANNED
    )
    depends_on = models.ManyToManyField(
        "self",
        verbose_name=_("hangt af van"),
        symmetrical=False,
        related_name="dependents",
        blank=True,
    )
    # A milestone can be a decision of the college or the raad: then it feeds the council's
    # "Volgende besluiten" (dashboard.council.decisions). Both blank, or both set.
    decision_body = models.CharField(
        _("besluit van"),
        max_length=10,
        choices=DecisionBody,
        blank=True,
        help_text=_("Leeg laten als dit tussendoel geen besluit van college of raad is."),
    )
    decision_kind = models.CharField(
        _("soort besluit"), max_length=20, choices=DecisionKind, blank=True
    )

    class Meta:
        ordering = ["baseline_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision_body="", decision_kind="")
                | (~models.Q(decision_body="") & ~models.Q(decision_kind="")),
                name="milestone_decision_body_and_kind",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def expected_date(self):
        return self.achieved_date or self.forecast_date or self.baseline_date

    @property
    def slip_days(self) -> int:
        return (self.expected_date - self.baseline_date).days

    def mark_achieved(self, *, on) -> None:
        self.achieved_date = on
        self.status = MilestoneStatus.ACHIEVED
        self.save(update_fields=["achieved_date", "status"])


class Agreement(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("afspraak"), max_length=200)
    description = models.TextField(_("wat is afgesproken"), blank=True)
    parties = models.ManyToManyField(Party, verbose_name=_("partijen"), related_name="agreements")
    agreement_type = models.CharField(_("soort"), max_length=30, choices=AgreementType)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus, default=AgreementStatus.DRAFT
    )
    woo_category = models.CharField(
        _("Woo-categorie"), max_length=30, choices=WooCategory, default=WooCategory.COVENANTS
    )
    signed_on = models.DateField(_("getekend op"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Safeguard(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="safeguards")
    kind = models.CharField(_("waarborg"), max_length=40, choices=SafeguardType)
    status = models.CharField(
        _("status"), max_length=20, choices=SafeguardStatus, default=SafeguardStatus.OPEN
    )
    evidence = models.TextField(_("onderbouwing"), blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "kind"], name="one_safeguard_per_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class VersionQuerySet(models.QuerySet):
    def public(self) -> VersionQuerySet:
        """Every version is adopted by definition; drafts are never versions."""
        return self.order_by("-number")


class RoadmapVersion(models.Model):
    """An adopted roadmap: an immutable snapshot with the decision that adopted it."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    adopted_by = models.CharField(_("vastgesteld door"), max_length=10, choices=DecisionBody)
    decision_date = models.DateField(_("datum van het besluit"))
    decision_reference = models.CharField(_("kenmerk van het besluit"), max_length=100)
    reason = models.TextField(
        _("reden van de wijziging"),
        blank=True,
        help_text=_("Verplicht bij een wijziging van een eerder vastgestelde routekaart."),
    )
    snapshot = models.JSONField()
    checksum = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return str(_("Versie %(n)s") % {"n": self.number})

    def save(self, *args, **kwargs):
        # An adopted version never changes; the database refuses it too (see the migration).
        if self.pk is not None:
            raise ValidationError(_("Een vastgestelde versie kan niet meer veranderen."))
        super().save(*args, **kwargs)

    @property
    def is_amendment(self) -> bool:
        return self.number > 1


def snapshot_checksum(snapshot: dict) -> str:
    return hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def adopt(
    roadmap: Roadmap,
    *,
    by: str,
    decision_date,
    decision_reference: str,
    reason: str = "",
    user=None,
    reviewed_checksum: str | None = None,
    request: HttpRequest | None = None,
) -> RoadmapVersion:
    """Adopt the roadmap's current content as its next version, and return the version.

    The first version is the adoption; every later one is an amendment and needs a reason.
    `reviewed_checksum` is the checksum of the draft the adopter reviewed: when the draft has
    changed since, nothing is adopted. `request` is the back-office request that adopts: its user
    is the adopter, and it is written in the audit trail. (The demo, the benchmarks and the
    tests adopt without a request, naming `user` or nobody, and without an audit entry.)
    """
    from .snapshots import freeze_sections, take_snapshot

    if request is not None:
        user = request.user
    with transaction.atomic():
        # Lock the roadmap row: two adoptions at once would otherwise get the same number.
        Roadmap.objects.select_for_update().get(pk=roadmap.pk)
        number = (roadmap.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        if number > 1 and not reason.strip():
            raise ValidationError(_("Geef de reden van de wijziging."))

        # 1. The snapshot: the roadmap's own sections and the sections other apps registered
        #    (the dashboard's route), taken under the lock.
        snapshot = take_snapshot(roadmap)
        checksum = snapshot_checksum(snapshot)
        if reviewed_checksum is not None and checksum != reviewed_checksum:
            # Edited between the adopter's review and the lock: we do not adopt unreviewed content.
            raise ValidationError(
                _("De routekaart is intussen veranderd. Bekijk de verschillen opnieuw.")
            )

        # 2. The version.
        version = RoadmapVersion.objects.create(
            roadmap=roadmap,
            number=number,
            adopted_by=by,
            decision_date=decision_date,
            decision_reference=decision_reference,
            reason=reason.strip(),
            snapshot=snapshot,
            checksum=checksum,
            created_by=user,
        )

        # 3. What registered sections keep per version: the dashboard copies the draft route
        #    points of the neighbourhood to this version, so the council measures progress
        #    against the route that was decided, not against a later draft.
        freeze_sections(version)

        # 4. The audit entry, in the same transaction: both or neither.
        if request is not None:
            audit.record(
                request,
                action="adopt",
                obj=version,
                municipality=roadmap.neighbourhood.municipality,
                changes={
                    "number": version.number,
                    "adopted_by": version.adopted_by,
                    "decision_date": version.decision_date.isoformat(),
                    "decision_reference": version.decision_reference,
                    "reason": version.reason,
                    "checksum": version.checksum,
                },
            )

    # 5. Followers: nothing to queue. The weekly digest (residents.tasks.send_digests) reads the
    #    versions adopted since each follower's last digest (residents.views.following,
    #    _adopted_roadmaps), so this one is in the next digest; the public page shows it now.
    return version
