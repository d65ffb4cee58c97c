"""The council's progress report (PDF): what it shows of every neighbourhood as plain data, and
how the reports app makes it.

A fixed number of queries however many neighbourhoods there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Avg, Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboard import svg
from dashboard.models import (
    Development,
    DevelopmentImpact,
    PulseResponse,
    SteeringAction,
    SteeringStatus,
)
from dashboard.progress import MilestoneForecast, SlipThresholds, figure
from dashboard.pulse import MIN_RESPONSES
from dialogue.models import DialogueSession, Side, results_for
from reports.models import Report
from roadmap.models import DecisionBody
from wup.models import Municipality, Neighbourhood, WooGround, WooStatus

from .common import OPEN_STEERING, status_label
from .decisions import promises, records_in_scope, upcoming_decisions
from .milestones import slipping
from .overview import key_message, overview_rows, status_counts
from .questions import answer_times_by_neighbourhood
from .totals import municipality_totals


def _pulse_latest(neighbourhood_ids: list[int]) -> dict[int, dict]:
    """Map neighbourhood id → its latest month with enough answers (one query)."""
    rows = (
        PulseResponse.objects.filter(neighbourhood_id__in=neighbourhood_ids)
        .order_by()
        .values("neighbourhood_id", "month")
        .annotate(
            n=Count("pk"),
            trust_mean=Avg("trust"),
            co_ownership_mean=Avg("co_ownership"),
            legitimacy_mean=Avg("legitimacy"),
        )
        .filter(n__gte=MIN_RESPONSES)
        .order_by("neighbourhood_id", "month")
    )
    latest: dict[int, dict] = {}
    for row in rows:  # ascending months: the last one per neighbourhood stays
        latest[row["neighbourhood_id"]] = {
            "month": row["month"],
            "n": row["n"],
            "trust": round(float(row["trust_mean"]), 2),
            "co_ownership": round(float(row["co_ownership_mean"]), 2),
            "legitimacy": round(float(row["legitimacy_mean"]), 2),
        }
    return latest


def _triangle_latest(neighbourhood_ids: list[int]) -> dict[int, dict]:
    """Map neighbourhood id → its number of published sessions and the latest one's figures."""
    sessions = list(
        DialogueSession.objects.published()
        .filter(neighbourhood_id__in=neighbourhood_ids)
        .only("pk", "neighbourhood_id", "starts_at", "status", "title")
        .order_by("neighbourhood_id", "starts_at", "pk")
    )
    latest: dict[int, DialogueSession] = {}
    counts: dict[int, int] = defaultdict(int)
    for session in sessions:
        latest[session.neighbourhood_id] = session
        counts[session.neighbourhood_id] += 1
    results = results_for(list(latest.values())) if latest else {}
    out = {}
    for pk, session in latest.items():
        r = results[session.pk]
        out[pk] = {
            "sessions": counts[pk],
            "date": timezone.localdate(session.starts_at),
            "participants": r.participants,
            "balance": r.balance,
            "means": [r.sides[side].mean for side in Side],
        }
    return out


# Part of what a finished report is reused for: bump it when report_pdf.html changes what the
# same figures look like, so that no file made with the old template is handed out again.
REPORT_VERSION = 4


# Each council report carries its Woo status, chosen by the lead when asking for it, in its
# `Report.subject_id` (what a report of this kind is about: the same figures made public or kept
# back are different reports). The numbers are stored: never renumber them.
WOO_SUBJECTS: dict[int, tuple[str, str]] = {
    1: (WooStatus.PUBLIC, ""),
    2: (WooStatus.NOT_PUBLIC, WooGround.PRIVACY),
    3: (WooStatus.NOT_PUBLIC, WooGround.BUSINESS),
    4: (WooStatus.NOT_PUBLIC, WooGround.ECONOMIC),
    5: (WooStatus.NOT_PUBLIC, WooGround.STATE),
    6: (WooStatus.NOT_PUBLIC, WooGround.OPINIONS),
}
PUBLIC_SUBJECT = 1


def woo_subject(status: str, ground: str = "") -> int:
    """Return the subject id of a Woo status (and, when not public, its ground)."""
    if status == WooStatus.PUBLIC:
        return PUBLIC_SUBJECT
    for subject, (s, g) in WOO_SUBJECTS.items():
        if s == status and g == ground:
            return subject
    raise ValueError(f"no Woo ground {ground!r}")


def woo_words_of(status: str, ground: str) -> dict:
    """A Woo status as the report and its pages say it: public, or not public on a ground."""
    public = status == WooStatus.PUBLIC
    label = ""
    if not public and ground in WooGround.values:
        label = str(WooGround(ground).label)
    return {"public": public, "ground": label}


def report_woo(report: Report) -> dict:
    """The Woo status of one council report. Reports made before each carried its own (no
    subject) show what the municipality had set then, and are never listed publicly."""
    if report.subject_id in WOO_SUBJECTS:
        return woo_words_of(*WOO_SUBJECTS[report.subject_id])
    municipality = report.municipality
    return woo_words_of(municipality.council_report_woo, municipality.council_report_woo_ground)


def report_content(
    municipality: Municipality,
    *,
    today: datetime.date | None = None,
    woo: dict | None = None,
) -> dict:
    """Return what the council's progress report shows, as plain data: dicts, lists, strings,
    numbers and dates (hashed to reuse a finished file). A fixed number of queries however many
    neighbourhoods there are."""
    today = today or timezone.localdate()
    neighbourhoods = list(
        Neighbourhood.objects.filter(municipality=municipality)
        .only("pk", "name", "slug", "phase", "municipality_id")
        .order_by("name", "pk")
    )
    ids = [n.pk for n in neighbourhoods]
    rows = overview_rows(
        neighbourhoods, today=today, detail=True, thresholds=SlipThresholds.of(municipality)
    )
    names = {n.pk: n.name for n in neighbourhoods}

    developments_qs = list(
        Development.objects.filter(municipality=municipality)
        .exclude(status=Development.Status.DISMISSED)
        .prefetch_related(
            Prefetch(
                "impacts",
                queryset=DevelopmentImpact.objects.select_related("milestone__roadmap").order_by(
                    "milestone__baseline_date", "pk"
                ),
            )
        )
        .order_by("-occurs_on", "-pk")
    )
    actions = list(
        SteeringAction.objects.filter(neighbourhood__municipality=municipality)
        .exclude(status=SteeringStatus.DROPPED)
        .order_by("due_on", "pk")
        .values(
            "neighbourhood_id",
            "title",
            "owner",
            "due_on",
            "decided_by",
            "status",
            "outcome",
        )
    )
    pulse = _pulse_latest(ids)
    triangle = _triangle_latest(ids)
    answers = answer_times_by_neighbourhood(ids, today=today)

    steering_labels = dict(SteeringStatus.choices)
    decision_labels = dict(DecisionBody.choices)
    steering_rows = [
        {
            "neighbourhood": names.get(a["neighbourhood_id"], ""),
            "title": a["title"],
            "owner": a["owner"],
            "due_on": a["due_on"],
            "overdue": a["due_on"] < today and a["status"] in OPEN_STEERING,
            "decided_by": str(decision_labels.get(a["decided_by"], "")),
            "status": str(steering_labels.get(a["status"], a["status"])),
            "open": a["status"] in OPEN_STEERING,
            "outcome": a["outcome"],
        }
        for a in actions
    ]
    raad_decisions = [
        row
        for row, a in zip(steering_rows, actions, strict=True)
        if a["decided_by"] == DecisionBody.COUNCIL and a["status"] == SteeringStatus.PROPOSED
    ]
    open_developments = sum(1 for d in developments_qs if d.status == Development.Status.OPEN)
    phases = dict(Neighbourhood._meta.get_field("phase").choices)

    def forecast_dict(f: MilestoneForecast | None) -> dict | None:
        if f is None:
            return None
        return {
            "title": f.milestone.title,
            "owner": f.milestone.owner.name,
            "baseline": f.milestone.baseline_date,
            "expected": f.expected,
            "slip_days": f.slip_days,
            "critical": f.critical,
        }

    totals = municipality_totals(municipality, today=today)
    return {
        "decisions": [
            {
                "date": d.date,
                "body": d.body_label,
                "kind": d.kind,
                "title": d.title,
                "neighbourhood": d.neighbourhood,
                "source": d.source,
            }
            for d in upcoming_decisions(municipality, today=today)
        ],
        "promises": [
            {
                "title": p.title,
                "number": p.number,
                "owner": p.owner,
                "due_on": p.due_on,
                "neighbourhood": p.neighbourhood,
                "overdue": p.overdue,
            }
            for p in promises(records_in_scope(municipality), today=today)
        ],
        "totals": {
            "explanation": totals.explanation(),
            "pace": totals.pace(),
            "homes": totals.homes,
            "gas_free": totals.gas_free,
            "gas_free_percent": totals.gas_free_percent,
            "heat_network": totals.heat_network,
            "people": totals.people,
            "people_percent": totals.people_percent,
            "target_year": totals.target_year,
        },
        "version": REPORT_VERSION,
        "today": today,
        "municipality": municipality.name,
        # Part of the content: a report made public and one kept back are different files.
        "woo": woo or woo_words_of(WooStatus.PUBLIC, ""),
        "key_message": key_message(
            rows, open_developments=open_developments, raad_decisions=len(raad_decisions)
        ),
        "counts": [
            {"status": c.status.value, "label": c.label, "count": c.count}
            for c in status_counts(rows)
        ],
        "neighbourhoods": [
            {
                "name": row.neighbourhood.name,
                "slug": row.neighbourhood.slug,
                "phase": str(phases.get(row.neighbourhood.phase, row.neighbourhood.phase)),
                "status": row.status.value,
                "status_label": row.status_label,
                "status_reason": row.status_reason,
                "behind": row.behind,
                "indicators": len(row.progress),
                "next_milestone": forecast_dict(row.next_milestone),
                "last_measured": row.last_measured,
                "deviations": [
                    {
                        "indicator": p.indicator.name,
                        "unit": str(p.indicator.get_unit_display()),
                        "status": p.status.value,
                        "status_label": status_label(p.status),
                        "planned": figure(
                            p.position.planned if p.position else None, p.indicator.unit
                        ),
                        "measured": figure(
                            p.position.measured.value if p.position else None, p.indicator.unit
                        ),
                        "measured_on": p.position.measured.date if p.position else None,
                        "forecast": p.forecast,
                        "outlook": p.outlook.value,
                        "target_date": p.target.date if p.target else None,
                        "horizon_year": p.horizon.year if p.horizon else None,
                        "late": p.late,
                    }
                    for p in row.deviations
                ],
                "pulse": pulse.get(row.neighbourhood.pk),
                "triangle": triangle.get(row.neighbourhood.pk),
                "answers": {
                    "asked": answers[row.neighbourhood.pk].asked,
                    "answered": answers[row.neighbourhood.pk].answered,
                    "median_days": answers[row.neighbourhood.pk].median_days,
                    "on_time_percent": answers[row.neighbourhood.pk].on_time_percent,
                    "open_overdue": answers[row.neighbourhood.pk].open_overdue,
                },
            }
            for row in rows
        ],
        "late_on_route": [
            {
                "neighbourhood": row.neighbourhood.name,
                "indicator": p.indicator.name,
                "unit": str(p.indicator.get_unit_display()),
                "status": p.status.value,
                "target": figure(p.target.value, p.indicator.unit),
                "target_date": p.target.date,
                "forecast": p.forecast,
                "outlook": p.outlook.value,
                "horizon_year": p.horizon.year,
            }
            for row in rows
            for p in row.late_on_route
        ],
        "slipping": [
            {"neighbourhood": row.neighbourhood.name, **forecast_dict(f)}
            for row in rows
            for f in slipping(row.forecasts)
        ],
        "developments": [
            {
                "title": d.title,
                "description": d.description,
                "occurs_on": d.occurs_on,
                "kind": str(d.get_kind_display()),
                "likelihood": str(d.get_likelihood_display()),
                "status": str(d.get_status_display()),
                "impacts": [
                    {
                        "neighbourhood": names.get(i.milestone.roadmap.neighbourhood_id, ""),
                        "milestone": i.milestone.title,
                        "delay_days": i.delay_days,
                    }
                    for i in d.impacts.all()
                ],
            }
            for d in developments_qs
        ],
        "steering": steering_rows,
        "raad_decisions": raad_decisions,
        "sides": [str(side.label) for side in Side],
        "min_responses": MIN_RESPONSES,
    }


# The timeline's labels sit in a 250-pixel column: about this many characters.
TIMELINE_LABEL_CHARS = 30


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def report_title(report: Report) -> str:
    return _("Voortgang warmtetransitie %(municipality)s") % {
        "municipality": report.municipality.name
    }


def report_download_name(report: Report) -> str:
    created = report.created_at or timezone.now()
    return f"voortgang-{report.municipality.slug}-{timezone.localdate(created):%Y-%m-%d}.pdf"


def report_source(report: Report) -> dict:
    return {
        "municipality": report.municipality_id,
        "content": report_content(report.municipality, woo=report_woo(report)),
    }


def report_context(report: Report) -> dict:
    """Return the PDF template's context for a council report."""
    # Imported here: WeasyPrint is heavy, and only the worker renders reports.
    from reports import pdf
    from roadmap import svg_charts

    municipality = Municipality.objects.get(pk=report.municipality_id)
    content = report_content(municipality, woo=report_woo(report))
    slipping_rows = [
        svg_charts.TimelineRow(
            _shorten(f"{row['neighbourhood']}: {row['title']}", TIMELINE_LABEL_CHARS),
            row["baseline"],
            forecast=row["expected"],
        )
        for row in content["slipping"][: svg.TIMELINE_MAX_ROWS]
    ]
    status_map = svg.status_map_for_pdf(
        municipality,
        {n["slug"]: (n["status"], n["status_label"]) for n in content["neighbourhoods"]},
    )
    return {
        **pdf.base_context(municipality),
        "title": report_title(report),
        "content": content,
        "counts_chart": pdf.svg_data_url(svg.status_bars(content["counts"])),
        "map": pdf.svg_data_url(status_map) if status_map else "",
        "timeline": (
            pdf.svg_data_url(svg_charts.milestone_timeline(slipping_rows)) if slipping_rows else ""
        ),
        "timeline_max": svg.TIMELINE_MAX_ROWS,
    }


# The council's progress report's kind in `reports.Report.kind`.
REPORT_KIND = "raad"


def register_report() -> None:
    """Let the reports app make the council's progress report (from ready())."""
    from reports import register_kind

    register_kind(
        REPORT_KIND,
        label=gettext_lazy("Voortgangsrapportage voor de raad"),
        template="dashboard/council/report_pdf.html",
        source=report_source,
        context=report_context,
        title=report_title,
        download_name=report_download_name,
    )
