"""The written review a warmteprogramma needs from its second version on: a draft the lead can
edit, made from what happened since the previous programme.

The monitoring figures live in the dashboard, a layer above: it registers a source here in its
AppConfig.ready() (`register_review_source`, see dashboard/programme_review.py). A source takes
the municipality and the period and returns lines of plain text; the draft puts them under the
designation tracks and the sequence of the previous programme, which this app knows itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wup.models import Municipality

from .models import DesignationTrack, HeatProgramme, StepStatus

ReviewSource = Callable[[Municipality, datetime.date, datetime.date], list[str]]

_SOURCES: list[ReviewSource] = []


def register_review_source(source: ReviewSource) -> None:
    """Let a higher app add lines with figures to every generated review (once per process)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def previous_programme(programme: HeatProgramme) -> HeatProgramme | None:
    return (
        HeatProgramme.objects.filter(
            municipality=programme.municipality, number__lt=programme.number
        )
        .order_by("-number")
        .first()
    )


def draft_review(programme: HeatProgramme, *, today: datetime.date | None = None) -> str:
    """Return a draft of the written review of the period since the previous programme."""
    today = today or timezone.localdate()
    previous = previous_programme(programme)
    since = (previous.adopted_on if previous and previous.adopted_on else None) or (
        today.replace(year=today.year - 5)
    )
    lines = [
        _("Terugblik op de periode van %(since)s tot %(until)s.")
        % {"since": date_format(since, "j F Y"), "until": date_format(today, "j F Y")},
        "",
    ]
    if previous is not None:
        entries = list(previous.entries.select_related("neighbourhood"))
        lines.append(
            _("Volgorde uit het vorige warmteprogramma (versie %(n)s):") % {"n": previous.number}
        )
        for e in entries:
            year = e.designation_year or "-"
            lines.append(
                "- "
                + _("%(name)s: %(solution)s, aanwijzen beoogd in %(year)s")
                % {
                    "name": e.neighbourhood.name,
                    "solution": e.get_preferred_solution_display(),
                    "year": year,
                }
            )
        lines.append("")
    tracks = (
        DesignationTrack.objects.filter(neighbourhood__municipality=programme.municipality)
        .select_related("neighbourhood")
        .prefetch_related("steps")
    )
    if tracks:
        lines.append(_("Aanwijzingen:"))
        for track in tracks:
            done = [s for s in track.steps.all() if s.status == StepStatus.DONE]
            last = max(done, key=lambda s: s.date or since, default=None)
            where = last.get_kind_display() if last else _("nog geen stap afgerond")
            lines.append(
                "- " + _("%(name)s: %(where)s") % {"name": track.neighbourhood.name, "where": where}
            )
        lines.append("")
    for source in _SOURCES:
        figures = source(programme.municipality, since, today)
        if figures:
            lines.append(_("Cijfers uit de monitoring:"))
            lines += [f"- {line}" for line in figures]
            lines.append("")
    lines.append(_("Wat ging goed, wat niet, en wat doen we anders? (Vul aan.)"))
    return "\n".join(lines).strip() + "\n"
