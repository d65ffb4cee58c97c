"""PDF reports: what a report shows, when an existing one can be reused, and how it is rendered.

A request creates a `Report` row and enqueues `roadmap.tasks.render_report` on commit; a request
for the same source as a finished (or still running) report returns that report instead. The
source hash covers everything the PDF shows: for an adopted version the snapshot's checksum, for
a draft or a session the data itself, plus the municipality's theme and the template version.

WeasyPrint fetches nothing but `data:` URLs and our own static files (see `ReportURLFetcher`), and
writes tagged PDF/UA-1 with a title that names places, never people.

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

Apps further up the import chain (the dashboard's council report) add their own kinds with
`register_kind`, called from their AppConfig.ready(): roadmap never imports them. Such a report is
about a whole municipality (`Report.municipality`), and is never public.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import logging
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils._os import safe_join
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from dialogue.models import DialogueSession, Outcome, Side
from dialogue.results import MIN_PUBLIC_GROUP
from wup.models import Municipality, Neighbourhood, Phase
from wup.theme import contrast_text_colour

from . import svg_charts
from .models import (
    AgreementStatus,
    AgreementType,
    Milestone,
    MilestoneStatus,
    MunicipalRoleType,
    Report,
    Roadmap,
    RoadmapVersion,
    SafeguardStatus,
    SafeguardType,
    WooCategory,
)

logger = logging.getLogger(__name__)

# Bump when the PDF templates or this module change what a report looks like: old files are then
# no longer reused.
TEMPLATE_VERSION = "1"

# Relative URLs in the report's HTML resolve against this origin; the fetcher maps its STATIC_URL
# paths to our static files and refuses everything else. `.invalid` never resolves (RFC 2606).
INTERNAL_ORIGIN = "https://wijkwaarde.invalid"
MAX_STATIC_BYTES = 5 * 1024 * 1024
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
ARGUMENTS_PER_SIDE = 3


class ReportNotAvailable(Exception):
    """The report's source no longer exists or cannot be reported on (a permanent failure)."""


# ---------------------------------------------------------------------------------------------
# Kinds that other apps register


@dataclass(frozen=True)
class RegisteredKind:
    """How a report kind of another app is made. Each function takes the `Report` row.

    - `source`: everything the report shows, as JSON-able data; hashed to reuse finished files.
    - `context`: the template's context; start from `base_context(municipality)`.
    - `title`: the report's title (status page, PDF).
    - `download_name`: the file name offered on download.
    """

    template: str
    source: Callable[[Report], dict]
    context: Callable[[Report], dict]
    title: Callable[[Report], str]
    download_name: Callable[[Report], str]


REGISTERED_KINDS: dict[str, RegisteredKind] = {}


def register_kind(
    kind: str,
    *,
    template: str,
    source: Callable[[Report], dict],
    context: Callable[[Report], dict],
    title: Callable[[Report], str],
    download_name: Callable[[Report], str],
) -> None:
    """Make `kind` (one of `Report.Kind`) a municipality-wide report made by these functions.

    Registering the same kind again replaces it (ready() may run more than once in tests).
    """
    if kind not in Report.Kind.values:
        raise ValueError(f"unknown report kind {kind!r}")
    if kind in {Report.Kind.ROADMAP, Report.Kind.SESSION}:
        raise ValueError(f"report kind {kind!r} is made by roadmap itself")
    REGISTERED_KINDS[kind] = RegisteredKind(
        template=template,
        source=source,
        context=context,
        title=title,
        download_name=download_name,
    )


def registered(kind: str) -> RegisteredKind:
    """Return the registration of a kind, or raise ReportNotAvailable (e.g. a worker without
    the app that makes it)."""
    try:
        return REGISTERED_KINDS[kind]
    except KeyError:
        raise ReportNotAvailable(kind) from None


def report_title(report: Report) -> str:
    """Return the title of a report of a registered kind, else its kind's label."""
    if report.kind in REGISTERED_KINDS:
        return REGISTERED_KINDS[report.kind].title(report)
    return str(report.get_kind_display())


# ---------------------------------------------------------------------------------------------
# The URL fetcher


class ReportURLFetcher(URLFetcher):
    """Serve `data:` URLs and our own static files; refuse everything else.

    No `file://`, no http(s) to anywhere (not even to ourselves), no redirects. Refused URLs are
    kept in `refused` and logged; WeasyPrint then renders without the resource.
    """

    def __init__(self) -> None:
        super().__init__(
            timeout=5, allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False
        )
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            self.served.append("data:")
            return super().fetch(url, headers)
        path = static_path_for(url)
        if path is None:
            self.refused.append(url)
            logger.warning("report fetcher refused %s", url[:200])
            raise ValueError(f"URL refused in reports: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.served.append(url)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_path_for(url: str) -> Path | None:
    """Return the local file of one of our static URLs, or None for any other URL."""
    prefix = INTERNAL_ORIGIN + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    parts = urlsplit(url)
    relative = unquote(parts.path)[len(settings.STATIC_URL) :]
    segments = relative.split("/")
    if not relative or "\\" in relative or "\x00" in relative or ".." in segments:
        return None
    candidates: list[str] = []
    if settings.STATIC_ROOT:
        try:
            candidates.append(safe_join(str(settings.STATIC_ROOT), relative))
        except Exception:  # SuspiciousFileOperation and friends: not ours.
            return None
    found = finders.find(relative)
    if found:
        candidates.append(found if isinstance(found, str) else found[0])
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file() and path.stat().st_size <= MAX_STATIC_BYTES:
            return path
    return None


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


def session_content(session: DialogueSession) -> dict:
    """Return what a session report shows: the published summary's data, without names."""
    session = DialogueSession.objects.select_related("neighbourhood__municipality").get(
        pk=session.pk
    )
    results = session.results()
    arguments = list(
        session.arguments.visible().with_votes().order_by("side", "-agree_count", "pk")
    )
    outcomes = list(session.outcomes.prefetch_related("arguments").order_by("kind", "pk"))
    return {
        "title": session.title,
        "proposition": session.proposition,
        "summary": session.summary,
        "starts_at": timezone.localtime(session.starts_at).date(),
        "location": session.location,
        "participation_level": session.get_participation_level_display(),
        "can_influence": session.can_influence,
        "cannot_influence": session.cannot_influence,
        "published": session.status == DialogueSession.Status.PUBLISHED,
        "participants": results.participants,
        "balance": results.balance,
        "sides": [
            {
                "label": str(stats.label),
                "n": stats.n,
                "mean": stats.mean,
                "median": stats.median,
                "spread": stats.spread,
            }
            for stats in (results.sides[side] for side in Side)
        ],
        "groups": [
            {"label": str(row.label), "size": row.size, "means": list(row.means)}
            for row in results.public_group_rows()
        ],
        "arguments": [
            {
                "side": str(Side(side).label),
                "items": [
                    {
                        "stance": a.get_stance_display(),
                        "text": a.text,
                        "agree": a.agree_count,
                        "disagree": a.disagree_count,
                    }
                    for a in arguments
                    if a.side == side
                ][:ARGUMENTS_PER_SIDE],
            }
            for side in Side
        ],
        "outcomes": [
            {"kind": o.get_kind_display(), "text": o.text, "agreed": o.agreed} for o in outcomes
        ],
    }


# ---------------------------------------------------------------------------------------------
# Source hashes and requests


def _theme(municipality: Municipality) -> dict:
    return {
        "name": municipality.name,
        "colour": municipality.theme_colour,
        "logo": municipality.logo.name or "",
    }


def _hash(payload: dict) -> str:
    body = json.dumps(
        {**payload, "template": TEMPLATE_VERSION, "language": settings.LANGUAGE_CODE},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def source_hash(report: Report) -> str:
    """Return the hash of everything the report would show now."""
    with translation.override(settings.LANGUAGE_CODE):
        if report.kind in REGISTERED_KINDS or report.municipality_id:
            handler = registered(report.kind)
            return _hash(
                {
                    "kind": report.kind,
                    "municipality": report.municipality_id,
                    "content": handler.source(report),
                    "theme": _theme(report.municipality),
                }
            )
        if report.kind == Report.Kind.ROADMAP and report.version_id:
            version = report.version
            neighbourhood = version.roadmap.neighbourhood
            return _hash(
                {
                    "kind": report.kind,
                    "version": version.pk,
                    "checksum": version.checksum,
                    "progress": milestone_progress(version.roadmap),
                    "neighbourhood": neighbourhood.name,
                    "theme": _theme(neighbourhood.municipality),
                }
            )
        if report.kind == Report.Kind.ROADMAP:
            neighbourhood = report.neighbourhood
            roadmap = Roadmap.objects.filter(neighbourhood=neighbourhood).first()
            return _hash(
                {
                    "kind": report.kind,
                    "draft": draft_snapshot(roadmap),
                    "progress": milestone_progress(roadmap),
                    "versions": _version_rows(roadmap, None),
                    "neighbourhood": neighbourhood.name,
                    "theme": _theme(neighbourhood.municipality),
                }
            )
        if report.kind == Report.Kind.SESSION and report.session_id:
            session = report.session
            return _hash(
                {
                    "kind": report.kind,
                    "session": session.pk,
                    "content": session_content(session),
                    "neighbourhood": session.neighbourhood.name,
                    "theme": _theme(session.neighbourhood.municipality),
                }
            )
    raise ReportNotAvailable(report.kind)


def request_report(
    kind: str,
    *,
    municipality: Municipality | None = None,
    neighbourhood: Neighbourhood | None = None,
    version: RoadmapVersion | None = None,
    session: DialogueSession | None = None,
    user=None,
) -> Report:
    """Return a report of this source: an existing one with the same content, or a new one that
    is rendered after the transaction commits.

    - kind "routekaart" with `version`: the adopted version (public).
    - kind "routekaart" with only `neighbourhood`: the working draft (staff only).
    - kind "sessie" with `session`.
    - a registered kind (`register_kind`) with `municipality`: about the whole municipality.
    """
    if kind in REGISTERED_KINDS and municipality is not None:
        return _request_municipality_report(kind, municipality, user)
    if kind == Report.Kind.ROADMAP and version is not None:
        neighbourhood = version.roadmap.neighbourhood
    elif kind == Report.Kind.ROADMAP and neighbourhood is not None:
        version = None
    elif kind == Report.Kind.SESSION and session is not None:
        neighbourhood = session.neighbourhood
    else:
        raise ValueError(f"cannot make a {kind!r} report of this source")
    candidate = Report(
        kind=kind,
        neighbourhood=neighbourhood,
        version=version,
        session=session,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        # One request per neighbourhood at a time: two identical requests get one report.
        list(Neighbourhood.objects.select_for_update().filter(pk=neighbourhood.pk).values("pk"))
        candidate.source_hash = source_hash(candidate)
        same = Report.objects.filter(
            kind=kind,
            neighbourhood=neighbourhood,
            version=version,
            session=session,
            source_hash=candidate.source_hash,
        ).exclude(status=Report.Status.FAILED)
        for existing in same.order_by("-created_at"):
            if existing.status != Report.Status.DONE or _file_exists(existing):
                return existing
        candidate.save()
        enqueue(candidate.pk)
    return candidate


def _request_municipality_report(kind: str, municipality: Municipality, user) -> Report:
    candidate = Report(
        kind=kind,
        municipality=municipality,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        # One request per municipality at a time: two identical requests get one report.
        list(Municipality.objects.select_for_update().filter(pk=municipality.pk).values("pk"))
        candidate.source_hash = source_hash(candidate)
        same = Report.objects.filter(
            kind=kind, municipality=municipality, source_hash=candidate.source_hash
        ).exclude(status=Report.Status.FAILED)
        for existing in same.order_by("-created_at"):
            if existing.status != Report.Status.DONE or _file_exists(existing):
                return existing
        candidate.save()
        enqueue(candidate.pk)
    return candidate


def _file_exists(report: Report) -> bool:
    return bool(report.file.name) and default_storage.exists(report.file.name)


def enqueue(report_id: int) -> None:
    """Queue rendering once the current transaction commits (at once outside one)."""
    from .tasks import render_report

    options = {"queue": settings.REPORT_QUEUE} if getattr(settings, "REPORT_QUEUE", "") else {}
    render_report.apply_async_on_commit((report_id,), **options)


# ---------------------------------------------------------------------------------------------
# Rendering


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


def svg_data_url(svg: str) -> str:
    """Return an SVG as a data: URL, the only kind of image the report fetcher lets through."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _logo_data_url(municipality: Municipality) -> str:
    """Return the municipality's logo as a data: URL (read from our storage), or ""."""
    if not municipality.logo:
        return ""
    content_type = mimetypes.guess_type(municipality.logo.name)[0] or ""
    if content_type not in {"image/png", "image/jpeg", "image/webp"}:
        return ""
    try:
        with municipality.logo.open("rb") as f:
            data = f.read(settings.LOGO_MAX_BYTES + 1)
    except OSError:
        return ""
    if len(data) > settings.LOGO_MAX_BYTES:
        return ""
    return f"data:{content_type};base64," + base64.b64encode(data).decode()


def css_string(text: str) -> str:
    """Return text as a quoted CSS string: everything but letters, digits and spaces escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _page_label_css() -> str:
    """Return the CSS `content` value for "pagina X van Y", from one translatable string."""
    label = _("pagina {page} van {pages}")
    before, _sep, rest = label.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    return " ".join(
        [
            css_string(before),
            "counter(page)",
            css_string(middle),
            "counter(pages)",
            css_string(after),
        ]
    )


def base_context(municipality: Municipality, neighbourhood: Neighbourhood | None = None) -> dict:
    """Return what roadmap/pdf/base.html needs: theme colours, logo, page labels, the date."""
    colour = municipality.theme_colour if HEX_COLOUR.match(municipality.theme_colour) else "#154273"
    return {
        "municipality": municipality,
        "neighbourhood": neighbourhood,
        "theme_colour": colour,
        "theme_text_colour": contrast_text_colour(colour),
        "logo": _logo_data_url(municipality),
        "page_label": _page_label_css(),
        "css_municipality": css_string(municipality.name),
        "generated_on": timezone.localdate(),
    }


def roadmap_context(report: Report) -> dict:
    if report.version_id:
        version = RoadmapVersion.objects.select_related("roadmap__neighbourhood__municipality").get(
            pk=report.version_id
        )
        roadmap = version.roadmap
        neighbourhood = roadmap.neighbourhood
        snapshot = version.snapshot if isinstance(version.snapshot, dict) else {}
        versions = _version_rows(roadmap, version.number)
        title = _("Routekaart %(neighbourhood)s, versie %(number)s") % {
            "neighbourhood": neighbourhood.name,
            "number": version.number,
        }
    else:
        neighbourhood = Neighbourhood.objects.select_related("municipality").get(
            pk=report.neighbourhood_id
        )
        roadmap = Roadmap.objects.filter(neighbourhood=neighbourhood).first()
        snapshot = draft_snapshot(roadmap)
        versions = _version_rows(roadmap, None)
        version = None
        title = _("Routekaart %(neighbourhood)s (concept)") % {"neighbourhood": neighbourhood.name}
    content = roadmap_content(snapshot, milestone_progress(roadmap))
    rows = [
        svg_charts.TimelineRow(m["title"], m["baseline"], m["forecast"], m["achieved"])
        for m in content["milestones"]
        if m["baseline"]
    ]
    return {
        **base_context(neighbourhood.municipality, neighbourhood),
        "title": title,
        "version": version,
        "draft": version is None,
        "content": content,
        "versions": versions,
        "timeline": svg_data_url(svg_charts.milestone_timeline(rows)) if rows else "",
    }


def session_context(report: Report) -> dict:
    session = DialogueSession.objects.select_related("neighbourhood__municipality").get(
        pk=report.session_id
    )
    content = session_content(session)
    bars = svg_charts.side_means_bars([(s["label"], s["mean"]) for s in content["sides"]])
    return {
        **base_context(session.neighbourhood.municipality, session.neighbourhood),
        "title": _("Dialoogsessie %(title)s") % {"title": session.title},
        "session": content,
        "min_group": MIN_PUBLIC_GROUP,
        "bars": svg_data_url(bars) if content["participants"] else "",
    }


def render_html(report: Report) -> str:
    """Return the report's HTML (the PDF's source)."""
    with translation.override(settings.LANGUAGE_CODE):
        if report.kind in REGISTERED_KINDS or report.municipality_id:
            handler = registered(report.kind)
            return render_to_string(handler.template, handler.context(report))
        if report.kind == Report.Kind.ROADMAP:
            return render_to_string("roadmap/pdf/roadmap.html", roadmap_context(report))
        if report.kind == Report.Kind.SESSION and report.session_id:
            return render_to_string("roadmap/pdf/session.html", session_context(report))
    raise ReportNotAvailable(report.kind)


def html_to_pdf(html: str, fetcher: ReportURLFetcher | None = None) -> bytes:
    """Render HTML to a tagged PDF/UA-1 with the restricted fetcher."""
    fetcher = fetcher or ReportURLFetcher()
    document = HTML(string=html, base_url=INTERNAL_ORIGIN + "/", url_fetcher=fetcher)
    return document.write_pdf(pdf_variant="pdf/ua-1", attachments=None)


def render(report: Report) -> bytes:
    """Return the report as PDF bytes."""
    return html_to_pdf(render_html(report))


def file_name(report: Report) -> str:
    """Return the storage name of a report's file: one fixed name per report row."""
    created = report.created_at or timezone.now()
    return f"reports/{created:%Y/%m}/{report.kind}-{report.pk}.pdf"


def download_name(report: Report) -> str:
    if report.kind in REGISTERED_KINDS:
        return REGISTERED_KINDS[report.kind].download_name(report)
    slug = report.neighbourhood.slug if report.neighbourhood_id else "rapport"
    if report.kind == Report.Kind.ROADMAP and report.version_id:
        return f"routekaart-{slug}-versie-{report.version.number}.pdf"
    if report.kind == Report.Kind.ROADMAP:
        return f"routekaart-{slug}-concept.pdf"
    return f"dialoogsessie-{slug}-{report.session_id}.pdf"


def is_public(report: Report) -> bool:
    """A report of an adopted version or of a published session is public; registered kinds
    never are."""
    if report.kind == Report.Kind.ROADMAP:
        return report.version_id is not None
    if report.kind == Report.Kind.SESSION and report.session_id:
        return report.session.status == DialogueSession.Status.PUBLISHED
    return False
