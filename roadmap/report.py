"""The roadmap report: an adopted version, or the working draft, as a PDF.

Registered with the reports app from RoadmapConfig.ready() (`register`). A roadmap report belongs
to its neighbourhood; its `subject_id` is the adopted version, or empty for the working draft. A
version's report is public; a draft's is only for members of the municipality whose membership
reaches the neighbourhood (roadmap/views/reports.py serves the pages).

Roadmap reports read a snapshot (``RoadmapVersion.snapshot``, or ``snapshots.take_snapshot`` of
the working draft for a draft report) defensively; missing keys show as empty sections. Keys used
(codes are shown by their label, else by the stored ``*_label``; dates are ISO strings):

- ``summary``
- ``roles``: ``phase``, ``role``, ``reasoning``
- ``ambitions``: ``party_name``, ``text``, ``target_value``, ``target_unit``, ``target_year``
- ``core_values``: ``name``, ``why``, ``outcomes`` [``kind``, ``text``, ``session_title``,
  ``session_date``]
- ``milestones``: ``id``, ``title``, ``description``, ``owner_name``, ``baseline_date``,
  ``depends_on`` (ids)
- ``agreements``: ``title``, ``description``, ``type``, ``status``, ``woo_category``,
  ``signed_on``, ``parties`` (names)
- ``safeguards``: ``kind``, ``status``, ``evidence``

Milestone progress (``forecast_date``, ``achieved_date``, ``status``) is live data: every roadmap
report shows it as it is now, matched to the snapshot's milestones by ``id``, and it is part of
the source hash.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialogue.models import Outcome
from reports import service
from reports.kinds import ReportNotAvailable, register_kind
from reports.models import Report
from wup.models import Neighbourhood, Phase

from .models import (
    AgreementStatus,
    AgreementType,
    Milestone,
    MilestoneStatus,
    MunicipalRoleType,
    Roadmap,
    RoadmapVersion,
    SafeguardStatus,
    SafeguardType,
    WooCategory,
)

KIND = "routekaart"


def request_version_report(version: RoadmapVersion, *, user=None) -> Report:
    """Return the report of an adopted version: one with the same content, or a new one."""
    return service.request_report(
        KIND, neighbourhood=version.roadmap.neighbourhood, subject_id=version.pk, user=user
    )


def request_draft_report(neighbourhood: Neighbourhood, *, user=None) -> Report:
    """Return the report of a neighbourhood's working draft (staff only)."""
    return service.request_report(KIND, neighbourhood=neighbourhood, user=user)


# ---------------------------------------------------------------------------------------------
# Reading snapshots defensively


def _name(value) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or "")
    return "" if value is None else str(value)


def _label(choices: type[models.TextChoices], item: dict, key: str) -> str:
    """Return the label of a stored code (in the active language), else the stored label."""
    value = item.get(key)
    if value in choices.values:
        return str(choices(value).label)
    return _name(item.get(f"{key}_label") or value)


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _list(snapshot: dict, key: str) -> list[dict]:
    value = snapshot.get(key) if isinstance(snapshot, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _number(value) -> str:
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    text = format(number.normalize(), "f")
    return text.replace(".", ",") if translation.get_language() == "nl" else text


def milestone_progress(roadmap: Roadmap | None) -> dict[str, dict]:
    """Return the live progress of a roadmap's milestones: {id: {forecast, achieved, status}}.

    Versions hold the baseline; forecast, achieved date and status are reported between
    versions, so every roadmap report shows them as they are now. Keys are strings (JSON).
    """
    if roadmap is None or roadmap.pk is None:
        return {}
    return {
        str(pk): {
            "forecast_date": forecast.isoformat() if forecast else None,
            "achieved_date": achieved.isoformat() if achieved else None,
            "status": status,
        }
        for pk, forecast, achieved, status in Milestone.objects.filter(roadmap=roadmap).values_list(
            "pk", "forecast_date", "achieved_date", "status"
        )
    }


def roadmap_content(snapshot: dict, progress: dict[str, dict] | None = None) -> dict:
    """Return what a roadmap report shows, from a snapshot (see the module docstring) and the
    live milestone progress."""
    snapshot = snapshot if isinstance(snapshot, dict) else {}
    progress = progress or {}
    milestones_raw = _list(snapshot, "milestones")
    titles_by_id = {m.get("id"): _name(m.get("title")) for m in milestones_raw if "id" in m}
    milestones = []
    for m in milestones_raw:
        live = {**m, **progress.get(str(m.get("id")), {})}
        baseline = _date(live.get("baseline_date"))
        forecast = _date(live.get("forecast_date"))
        achieved = _date(live.get("achieved_date"))
        expected = achieved or forecast or baseline
        depends_on = []
        for dependency in m.get("depends_on") or []:
            title = dependency if isinstance(dependency, str) else titles_by_id.get(dependency)
            if title:
                depends_on.append(title)
        milestones.append(
            {
                "title": _name(m.get("title")),
                "description": _name(m.get("description")),
                "owner": _name(m.get("owner_name") or m.get("owner")),
                "baseline": baseline,
                "forecast": forecast,
                "achieved": achieved,
                "status": _label(MilestoneStatus, live, "status"),
                "slip_days": (expected - baseline).days if expected and baseline else 0,
                "depends_on": depends_on,
            }
        )
    milestones.sort(key=lambda m: (m["baseline"] or datetime.date.max, m["title"]))
    core_values = []
    for value in _list(snapshot, "core_values"):
        sources = []
        for outcome in value.get("outcomes") or []:
            if not isinstance(outcome, dict):
                sources.append({"text": _name(outcome), "kind": "", "session": "", "date": None})
                continue
            session = outcome.get("session")
            session = session if isinstance(session, dict) else {"title": session}
            sources.append(
                {
                    "text": _name(outcome.get("text")),
                    "kind": _label(Outcome.Kind, outcome, "kind"),
                    "session": _name(outcome.get("session_title") or session.get("title")),
                    "date": _date(outcome.get("session_date") or session.get("starts_at")),
                }
            )
        core_values.append(
            {"name": _name(value.get("name")), "why": _name(value.get("why")), "sources": sources}
        )
    ambitions = []
    for a in _list(snapshot, "ambitions"):
        year = a.get("target_year")
        target = [_number(a.get("target_value")), _name(a.get("target_unit"))]
        if year:
            target.append(_("in %(year)s") % {"year": year})
        ambitions.append(
            {
                "party": _name(a.get("party_name") or a.get("party")),
                "text": _name(a.get("text")),
                "target": " ".join(part for part in target if part),
            }
        )
    return {
        "summary": _name(snapshot.get("summary")),
        "roles": [
            {
                "phase": _label(Phase, r, "phase"),
                "role": _label(MunicipalRoleType, r, "role"),
                "reasoning": _name(r.get("reasoning")),
            }
            for r in _list(snapshot, "roles")
        ],
        "ambitions": ambitions,
        "core_values": core_values,
        "milestones": milestones,
        "agreements": [
            {
                "title": _name(a.get("title")),
                "description": _name(a.get("description")),
                "parties": ", ".join(_name(p) for p in (a.get("parties") or []) if _name(p)),
                "type": _label(AgreementType, a, "type" if "type" in a else "agreement_type"),
                "status": _label(AgreementStatus, a, "status"),
                "woo": _label(WooCategory, a, "woo_category"),
                "signed_on": _date(a.get("signed_on")),
            }
            for a in _list(snapshot, "agreements")
        ],
        "safeguards": [
            {
                "kind": _label(SafeguardType, sg, "kind"),
                "status": _label(SafeguardStatus, sg, "status"),
                "evidence": _name(sg.get("evidence")),
            }
            for sg in _list(snapshot, "safeguards")
        ],
    }


def draft_snapshot(roadmap: Roadmap | None) -> dict:
    """Return the working draft as a snapshot (the format versions are frozen in)."""
    from .snapshots import take_snapshot

    if roadmap is None:
        return {}
    return take_snapshot(roadmap)


def _version_rows(roadmap: Roadmap | None, up_to: int | None) -> list[dict]:
    if roadmap is None or roadmap.pk is None:
        return []
    versions = roadmap.versions.order_by("number")
    if up_to is not None:
        versions = versions.filter(number__lte=up_to)
    return [
        {
            "number": v.number,
            "adopted_by": v.get_adopted_by_display(),
            "decision_date": v.decision_date,
            "decision_reference": v.decision_reference,
            "reason": v.reason,
        }
        for v in versions
    ]


def version_of(report: Report) -> RoadmapVersion | None:
    """Return the report's adopted version, None for a draft report (ReportNotAvailable when the
    version is gone)."""
    if report.subject_id is None:
        return None
    version = (
        RoadmapVersion.objects.select_related("roadmap__neighbourhood__municipality")
        .filter(pk=report.subject_id)
        .first()
    )
    if version is None:
        raise ReportNotAvailable(f"{KIND} {report.subject_id}")
    return version


def source(report: Report) -> dict:
    version = version_of(report)
    if version is not None:
        return {
            "version": version.pk,
            "checksum": version.checksum,
            "progress": milestone_progress(version.roadmap),
            "neighbourhood": version.roadmap.neighbourhood.name,
        }
    neighbourhood = report.neighbourhood
    roadmap = Roadmap.objects.filter(neighbourhood=neighbourhood).first()
    return {
        "draft": draft_snapshot(roadmap),
        "progress": milestone_progress(roadmap),
        "versions": _version_rows(roadmap, None),
        "neighbourhood": neighbourhood.name,
    }


def context(report: Report) -> dict:
    # Imported here: WeasyPrint is heavy, and only the worker renders reports.
    from reports import pdf

    from . import svg_charts

    version = version_of(report)
    if version is not None:
        roadmap = version.roadmap
        neighbourhood = roadmap.neighbourhood
        snapshot = version.snapshot if isinstance(version.snapshot, dict) else {}
        versions = _version_rows(roadmap, version.number)
    else:
        neighbourhood = Neighbourhood.objects.select_related("municipality").get(
            pk=report.neighbourhood_id
        )
        roadmap = Roadmap.objects.filter(neighbourhood=neighbourhood).first()
        snapshot = draft_snapshot(roadmap)
        versions = _version_rows(roadmap, None)
    content = roadmap_content(snapshot, milestone_progress(roadmap))
    rows = [
        svg_charts.TimelineRow(m["title"], m["baseline"], m["forecast"], m["achieved"])
        for m in content["milestones"]
        if m["baseline"]
    ]
    return {
        **pdf.base_context(neighbourhood.municipality, neighbourhood),
        "title": _title(neighbourhood, version),
        "version": version,
        "draft": version is None,
        "content": content,
        "versions": versions,
        "timeline": pdf.svg_data_url(svg_charts.milestone_timeline(rows)) if rows else "",
    }


def _title(neighbourhood: Neighbourhood, version: RoadmapVersion | None) -> str:
    if version is not None:
        return _("Routekaart %(neighbourhood)s, versie %(number)s") % {
            "neighbourhood": neighbourhood.name,
            "number": version.number,
        }
    return _("Routekaart %(neighbourhood)s (concept)") % {"neighbourhood": neighbourhood.name}


def title(report: Report) -> str:
    return _title(report.neighbourhood, version_of(report))


def download_name(report: Report) -> str:
    slug = report.neighbourhood.slug if report.neighbourhood_id else "rapport"
    version = version_of(report)
    if version is not None:
        return f"routekaart-{slug}-versie-{version.number}.pdf"
    return f"routekaart-{slug}-concept.pdf"


def is_public(report: Report) -> bool:
    """A report of an adopted version is public; a draft's is not."""
    return report.subject_id is not None


def register() -> None:
    """Let the reports app make roadmap reports (from RoadmapConfig.ready())."""
    register_kind(
        KIND,
        label=gettext_lazy("Routekaart"),
        template="roadmap/pdf/roadmap.html",
        source=source,
        context=context,
        title=title,
        download_name=download_name,
        is_public=is_public,
    )
