"""What the council's overview, neighbourhood view and progress report share: the status words
and badges, and dates and figures in the words the council reads (plain text, escaped by the
templates)."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from dashboard import route
from dashboard.models import SteeringStatus
from dashboard.progress import STATUS_ORDER as PROGRESS_STATUS_ORDER
from dashboard.progress import Driver, Missing, Verdict, figure

Status = route.RouteStatus

STATUS_LABELS = {
    Status.ON_ROUTE: gettext_lazy("Op route"),
    Status.BEHIND: gettext_lazy("Achter"),
    Status.FAR_BEHIND: gettext_lazy("Ver achter"),
    Status.NO_DATA: gettext_lazy("Geen gegevens"),
}
# The badge modifier of each status (static/css/wijkwaarde.css); the word is always shown too.
STATUS_BADGES = {
    Status.ON_ROUTE: "ok",
    Status.BEHIND: "warning",
    Status.FAR_BEHIND: "error",
    Status.NO_DATA: "neutral",
}
# The order of the counts and the legend: worst first.
STATUS_ORDER = [Status(s) for s in PROGRESS_STATUS_ORDER]

OFF_ROUTE = (Status.BEHIND, Status.FAR_BEHIND)
OPEN_STEERING = {SteeringStatus.PROPOSED, SteeringStatus.DECIDED, SteeringStatus.IN_PROGRESS}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


# Why there is no status, in honest words rather than "Geen gegevens" for all of it.
MISSING_LABELS = {
    Missing.NO_ROUTE: gettext_lazy("Nog geen vastgestelde route"),
    Missing.NOT_MEASURED: gettext_lazy("Nog niet gemeten"),
    Missing.NO_DATA: gettext_lazy("Geen gegevens"),
}


def verdict_label(verdict: Verdict) -> str:
    """The status in words: the status, or for NO_DATA what is missing."""
    if verdict.missing:
        return str(MISSING_LABELS[verdict.missing])
    return status_label(verdict.status)


def verdict_reason(verdict: Verdict) -> str:
    """What sets the status, in a few words ("" when on route or without a status)."""
    if verdict.driver == Driver.MILESTONES:
        return slip_words(verdict.slip_days or 0)
    if verdict.driver == Driver.INDICATOR:
        return gettext("door indicator %(name)s") % {"name": verdict.indicator}
    if verdict.driver == Driver.BOTH:
        return gettext("door indicator %(name)s en door de tussendoelen") % {
            "name": verdict.indicator
        }
    return ""


def slip_words(days: int) -> str:
    return ngettext(
        "door de tussendoelen: het kritieke pad loopt %(n)s dag uit",
        "door de tussendoelen: het kritieke pad loopt %(n)s dagen uit",
        days,
    ) % {"n": days}


# The tables repeat few dates and values, and formatting them costs more than a table row: each
# text is remembered per language (a thousand rows would otherwise format a thousand dates).
_CACHE_LIMIT = 10_000
_DAYS: dict[str | None, dict[datetime.date, str]] = {}
_FIGURES: dict[str | None, dict[tuple[float | None, str], str]] = {}


def day_text(day: datetime.date) -> str:
    """Return a date as the council's pages write it ("3 maart 2026"), in the active language."""
    language = get_language()
    cache = _DAYS.get(language)
    if cache is None or len(cache) > _CACHE_LIMIT:
        cache = _DAYS[language] = {}
    found = cache.get(day)
    if found is None:
        found = cache[day] = date_format(day, "j F Y")
    return found


def figure_text(value: float | None, unit: str) -> str:
    """Return `progress.figure(value, unit)`, remembered per language."""
    language = get_language()
    cache = _FIGURES.get(language)
    if cache is None or len(cache) > _CACHE_LIMIT:
        cache = _FIGURES[language] = {}
    found = cache.get((value, unit))
    if found is None:
        found = cache[(value, unit)] = figure(value, unit)
    return found
