"""What the raad of Zonnedal sees: its decision log (a besluit taken, a motie and an amendement,
a raadsinformatiebrief, a toezegging that is overdue and one that is not due yet, a krediet on
the agenda), milestones that are a decision, the municipality's target year, people who came to
more than one session (counted once), and a public council report residents can download.

Dates are relative to today, so the story holds whatever day the demo is seeded. Running it
again changes nothing once the municipality has a decision log.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dashboard import app_measurements
from dashboard.council import report as council_report
from dashboard.models import (
    CouncilRecord,
    CouncilRecordKind,
    CouncilRecordStatus,
    MunicipalityTarget,
)
from dialogue import reach
from dialogue.models import Participant
from reports import service
from roadmap.models import DecisionBody, DecisionKind, Milestone, MilestoneStatus
from wup.models import Municipality

TARGET_YEAR = 2040
RIS = "https://zonnedal.raadsinformatie.example"
LEAD = "projectleider@zonnedal.example"
ALDERMAN = "Wethouder Van Dijk"

# (kind, title, days from today, number, neighbourhood slug or "", owner, status, due in days)
RECORDS = [
    (
        CouncilRecordKind.DECISION,
        "Transitievisie Warmte 2.0 vastgesteld",
        -400,
        "RB-2025-018",
        "",
        "",
        CouncilRecordStatus.DONE,
        None,
    ),
    (
        CouncilRecordKind.MOTION,
        "Motie ‘Eerlijke warmteprijs’: de raad vraagt een vangnet voor lage inkomens",
        -150,
        "M-2025-42",
        "",
        ALDERMAN,
        CouncilRecordStatus.OPEN,
        None,
    ),
    (
        CouncilRecordKind.AMENDMENT,
        "Amendement bewonersavond vóór elk besluit over de Molenbuurt",
        -120,
        "A-2025-07",
        "molenbuurt",
        "",
        CouncilRecordStatus.DONE,
        None,
    ),
    (
        CouncilRecordKind.PROMISE,
        "Raad informeren over de tarieven van het warmtenet De Akkers",
        -110,
        "T-2025-31",
        "de-akkers",
        ALDERMAN,
        CouncilRecordStatus.OPEN,
        -21,  # overdue: a steering signal on the overview
    ),
    (
        CouncilRecordKind.PROMISE,
        "Evaluatie van de participatie in Rivierzicht",
        -60,
        "T-2026-05",
        "rivierzicht",
        "Team Warmtetransitie",
        CouncilRecordStatus.OPEN,
        45,
    ),
    (
        CouncilRecordKind.INFORMATION_LETTER,
        "Stand van zaken netcongestie Rivierzicht",
        -40,
        "RIB-2026-12",
        "rivierzicht",
        "",
        CouncilRecordStatus.DONE,
        None,
    ),
    (
        CouncilRecordKind.DECISION,
        "Krediet versterking hoofdleiding warmtenet De Akkers",
        30,  # on the raad's agenda: a coming decision
        "RV-2026-33",
        "de-akkers",
        ALDERMAN,
        CouncilRecordStatus.OPEN,
        None,
    ),
]

# Milestones that are a decision of the college or the raad (by title).
DECISIONS = {
    "Molenbuurt aangewezen in het omgevingsplan": (
        DecisionBody.COUNCIL,
        DecisionKind.ENVIRONMENT_PLAN,
    ),
    "Vergunning warmtenet": (DecisionBody.EXECUTIVE, DecisionKind.OTHER),
    "Gasnet De Akkers weggehaald": (DecisionBody.COUNCIL, DecisionKind.DESIGNATION),
}


def _link(number: str) -> str:
    return f"{RIS}/documenten/{number.lower()}"


def _returning_people(municipality: Municipality) -> None:
    """Let some people come back to a later session in their neighbourhood with the same phone:
    reach counts them once (the demo's participants were made without a person key)."""
    for neighbourhood in municipality.neighbourhoods.all():
        sessions = list(
            neighbourhood.sessions.filter(status__in=reach.COUNTED).order_by("starts_at", "pk")
        )
        if len(sessions) < 2:
            continue
        earlier = list(Participant.objects.filter(session=sessions[0]).order_by("pk"))
        later = list(Participant.objects.filter(session=sessions[-1]).order_by("pk"))
        for n, (first, second) in enumerate(zip(earlier, later, strict=False)):
            if n % 3:  # one in three came back
                continue
            key = reach.household_key(neighbourhood.pk, f"demo-{first.pk}")
            first.person_key = second.person_key = key
            Participant.objects.bulk_update([first, second], ["person_key"])
        app_measurements.refresh(neighbourhood)


def _public_report(municipality: Municipality) -> None:
    """Make one public council report now (rendered here, without a worker)."""
    from reports.tasks import render_report

    report = service.request_report(
        council_report.REPORT_KIND,
        municipality=municipality,
        subject_id=council_report.PUBLIC_SUBJECT,
        user=get_user_model().objects.filter(username=LEAD).first(),
    )
    report.refresh_from_db()
    if report.status != report.Status.DONE:  # no worker running: render it here
        render_report(report.pk)


def seed_council(municipality: Municipality, *, with_report: bool = True) -> None:
    """Give Zonnedal's raad its decision log, decision milestones, target year and a public
    report, unless it has a decision log already."""
    if CouncilRecord.objects.filter(municipality=municipality).exists():
        return
    today = timezone.localdate()
    slugs = {n.slug: n for n in municipality.neighbourhoods.all()}
    with transaction.atomic():
        CouncilRecord.objects.bulk_create(
            CouncilRecord(
                municipality=municipality,
                neighbourhood=slugs.get(slug),
                kind=kind,
                title=title,
                date=today + dt.timedelta(days=days),
                number=number,
                url=_link(number),
                owner=owner,
                status=status,
                due_on=today + dt.timedelta(days=due) if due is not None else None,
            )
            for kind, title, days, number, slug, owner, status, due in RECORDS
        )
        for title, (body, kind) in DECISIONS.items():
            Milestone.objects.filter(
                roadmap__neighbourhood__municipality=municipality, title=title
            ).exclude(status=MilestoneStatus.CANCELLED).update(
                decision_body=body, decision_kind=kind
            )
        MunicipalityTarget.objects.get_or_create(
            municipality=municipality, defaults={"target_year": TARGET_YEAR}
        )
        _returning_people(municipality)
    if with_report:
        _public_report(municipality)
