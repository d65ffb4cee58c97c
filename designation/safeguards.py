"""The assessment of the six Wgiw safeguards of a neighbourhood's roadmap: met, not met or not
assessed, the evidence, and who judged it.

The assessment lives here, next to roadmap.Safeguard (one to one), because it is what the
designation gate reads; the roadmap keeps its own status and free text. Every adopted roadmap
version keeps the verdicts it was adopted with: the assessments are a registered section of the
snapshot (DesignationConfig.ready()). The judge is stored for the audit; pages outside the back
office show only the role they judged in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmap.models import Roadmap, RoadmapVersion, Safeguard, SafeguardType
from roadmap.snapshots import NOTHING, Field, Section, label_of
from wup import audit
from wup.models import Membership, Neighbourhood

from .models import Evidence, SafeguardAssessment, Verdict


def assessments_for(roadmap: Roadmap) -> list[SafeguardAssessment]:
    """Return the six assessments of a saved roadmap, in the law's order (created as needed)."""
    roadmap.ensure_safeguards()
    safeguards = list(roadmap.safeguards.all())
    have = {
        a.safeguard_id: a
        for a in SafeguardAssessment.objects.filter(safeguard__in=safeguards).prefetch_related(
            "evidence"
        )
    }
    missing = [SafeguardAssessment(safeguard=s) for s in safeguards if s.pk not in have]
    if missing:
        SafeguardAssessment.objects.bulk_create(missing)
        return assessments_for(roadmap)
    order = {kind: i for i, kind in enumerate(SafeguardType.values)}
    for s in safeguards:
        have[s.pk].safeguard = s
    return sorted(have.values(), key=lambda a: order.get(a.safeguard.kind, 99))


def assess(request: HttpRequest, form, membership: Membership) -> SafeguardAssessment:
    """Save an assessment form: the judge and the role they judged in are the request's."""
    assessment = form.instance
    with transaction.atomic():
        if form.has_changed():
            assessment.judged_by = request.user
            assessment.judged_role = str(membership.get_role_display())
            assessment.judged_on = timezone.localdate()
        audit.save_form(request, form, action="assess", municipality=membership.municipality)
    return assessment


def add_evidence(
    request: HttpRequest, form, assessment: SafeguardAssessment, membership: Membership
) -> Evidence:
    form.instance.assessment = assessment
    form.instance.added_by = request.user
    return audit.save_form(request, form, action="create", municipality=membership.municipality)


def remove_evidence(request: HttpRequest, evidence: Evidence, membership: Membership) -> None:
    with transaction.atomic():
        audit.record(
            request,
            action="delete",
            obj=evidence,
            municipality=membership.municipality,
            changes={"title": evidence.title, "url": evidence.url},
        )
        evidence.delete()


# --- What the raad and the public see ---------------------------------------------------------


@dataclass(frozen=True)
class ShownEvidence:
    title: str
    url: str
    dated: object
    owner: str


@dataclass(frozen=True)
class ShownAssessment:
    """An assessment as the raad and the public see it: the judge only by role."""

    kind: str
    kind_label: str
    verdict: str
    verdict_label: str
    reasoning: str
    judged_role: str
    judged_on: object
    evidence: list[ShownEvidence]

    @property
    def met(self) -> bool:
        return self.verdict == Verdict.MET


def shown_assessments(neighbourhood: Neighbourhood) -> list[ShownAssessment]:
    """The six safeguards of the neighbourhood with their assessment, without the judge's name
    (three queries; nothing is created: a page that reads never writes)."""
    kinds = {kind: (str(label), None) for kind, label in SafeguardType.choices}
    slugs = [neighbourhood.municipality.slug, neighbourhood.slug]

    def file_url(pk: int) -> str:
        return reverse("designation:evidence_file", args=[*slugs, pk])

    safeguards = (
        Safeguard.objects.filter(roadmap__neighbourhood=neighbourhood)
        .select_related("assessment")
        .prefetch_related("assessment__evidence")
    )
    found = {}
    for s in safeguards:
        found[s.kind] = getattr(s, "assessment", None)
    verdicts = dict(Verdict.choices)
    result = []
    for kind, (label, _none) in kinds.items():
        a = found.get(kind)
        verdict = a.verdict if a else Verdict.NOT_ASSESSED
        result.append(
            ShownAssessment(
                kind=kind,
                kind_label=label,
                verdict=verdict,
                verdict_label=str(verdicts[verdict]),
                reasoning=a.reasoning if a else "",
                judged_role=a.judged_role if a else "",
                judged_on=a.judged_on if a else None,
                evidence=[
                    ShownEvidence(e.title, e.url or file_url(e.pk), e.dated, e.owner)
                    for e in a.evidence.all()
                ]
                if a
                else [],
            )
        )
    return result


# --- The section of the roadmap snapshot ------------------------------------------------------


def take_assessments(roadmap: Roadmap) -> list[dict]:
    """The verdicts as they are when a version is adopted (no names, the judge's role)."""
    items = []
    for a in shown_assessments(roadmap.neighbourhood):
        items.append(
            {
                "kind": a.kind,
                "kind_label": a.kind_label,
                "verdict": a.verdict,
                "verdict_label": a.verdict_label,
                "reasoning": a.reasoning,
                "judged_role": a.judged_role,
                "judged_on": a.judged_on.isoformat() if a.judged_on else None,
                "evidence": [f"{e.title} ({e.owner}, {e.dated.isoformat()})" for e in a.evidence],
            }
        )
    return items


def _show(name: str):
    return lambda item, snapshot: str(item.get(name) or NOTHING)


def _verdict(item: dict, snapshot: dict) -> str:
    return label_of(Verdict, item, "verdict")


def _evidence(item: dict, snapshot: dict) -> str:
    return "; ".join(item.get("evidence") or []) or NOTHING


ASSESSMENT_SECTION = Section(
    "safeguard_assessments",
    _("Beoordeling van de waarborgen"),
    "kind",
    lambda item: label_of(SafeguardType, item, "kind"),
    (
        Field("verdict", _("Oordeel"), _verdict),
        Field("reasoning", _("Toelichting bij het oordeel"), _show("reasoning")),
        Field("judged_role", _("Beoordeeld door (rol)"), _show("judged_role")),
        Field("evidence", _("Bewijsstukken"), _evidence),
    ),
)


def adopted_assessments(version: RoadmapVersion) -> list[dict]:
    return version.snapshot.get(ASSESSMENT_SECTION.name, [])
