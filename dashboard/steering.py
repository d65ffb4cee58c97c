"""Suggested steering points for a neighbourhood: what is off route and needs a decision.

`suggestions()` is called by the council view and the steering back office. It reads the
indicator progress and milestone forecasts the caller already has, plus three small queries
(open steering actions, overdue questions, the latest closed session's scores).

What counts, and how urgent it is (most urgent first; within a kind the largest gap first;
suggestions that already have an open steering action come after those that have none):

1. a milestone that slips and lies on the critical path: the end of the roadmap moves with it;
2. an indicator far behind its route (`RouteStatus.FAR_BEHIND`);
3. residents' questions past their answer date (only how many and the oldest due date);
4. an indicator behind its route whose forecast misses the target date (or never reaches it);
5. a milestone that slips but is not on the critical path;
6. a value triangle out of balance in the latest closed or published dialogue session: its
   balance figure (dialogue.results.balance, 1 = the three sides score the same, 0 = one side
   scores 1 and another 5) below BALANCE_THRESHOLD, i.e. two sides more than a point apart.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, replace

from django.db.models import Count, Min
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dialogue.models import DialogueSession, Side
from roadmap.models import Milestone, MilestoneStatus
from wup.models import Neighbourhood, Question

from .models import IndicatorUnit, SteeringAction, SteeringStatus
from .progress import (
    IndicatorProgress,
    MilestoneForecast,
    Outlook,
    figure,
    forecast_horizon,
    indicator_progress,
    milestone_forecasts,
)
from .route import RouteStatus

# Below this, the triangle is out of balance: with 0.75, two sides differ by more than a point.
BALANCE_THRESHOLD = 0.75

# Steering actions in these states no longer handle anything.
CLOSED_STATES = {SteeringStatus.DONE, SteeringStatus.DROPPED}

# Urgency ranks, most urgent first.
CRITICAL_MILESTONE, FAR_BEHIND, QUESTIONS, BEHIND_AND_LATE, MILESTONE, TRIANGLE = range(6)


@dataclass(frozen=True)
class Suggestion:
    key: str  # stable, e.g. "indicator:12", "milestone:4", "questions", "triangle:7"
    kind: str  # "indicator" | "milestone" | "questions" | "triangle"
    text: str  # plain Dutch (translatable) sentence saying what is wrong, with figures
    handled: bool  # an open steering action with this reason_key exists
    title: str = ""  # a short title for a steering action that answers it
    rank: int = 0  # urgency: lower is more urgent (see the module docstring)
    size: float = 0  # how large the gap is within its rank (days, share of the plan, count)
    indicator_id: int | None = None
    milestone_id: int | None = None


def suggestions(
    neighbourhood: Neighbourhood,
    *,
    progress: list[IndicatorProgress],
    forecasts: list[MilestoneForecast],
    today: datetime.date,
    overdue: tuple[int, datetime.date | None] | None = None,
) -> list[Suggestion]:
    """Return what needs steering in this neighbourhood, most urgent first.

    Three queries at most (four when the latest session's results are not cached); one fewer
    when the caller passes `overdue`, the number of overdue questions and the oldest due date.
    """
    found = [
        *filter(None, (_indicator(p) for p in progress)),
        *filter(None, (_milestone(f) for f in forecasts)),
        *filter(None, [_questions(neighbourhood, today, overdue), _triangle(neighbourhood)]),
    ]
    handled = (
        set(
            SteeringAction.objects.filter(
                neighbourhood=neighbourhood, reason_key__in=[s.key for s in found]
            )
            .exclude(status__in=CLOSED_STATES)
            .values_list("reason_key", flat=True)
        )
        if found
        else set()
    )
    found = [replace(s, handled=s.key in handled) for s in found]
    return sorted(found, key=lambda s: (s.handled, s.rank, -s.size, s.key))


def suggestions_for(
    neighbourhood: Neighbourhood, *, today: datetime.date | None = None
) -> list[Suggestion]:
    """Return the suggestions for one neighbourhood, reading its progress and forecasts too
    (six queries more: four for the indicators, two for the milestones)."""
    today = today or timezone.localdate()
    progress = indicator_progress([neighbourhood], on=today)[neighbourhood.pk]
    milestones = Milestone.objects.filter(roadmap__neighbourhood=neighbourhood).prefetch_related(
        "depends_on"
    )
    try:
        forecasts = milestone_forecasts(milestones)
    except ValueError:  # a dependency cycle: the roadmap editor shows it; no slip to report
        forecasts = []
    return suggestions(neighbourhood, progress=progress, forecasts=forecasts, today=today)


# --- One function per kind --------------------------------------------------------------------


def _indicator(p: IndicatorProgress) -> Suggestion | None:
    indicator = p.indicator
    position = p.position
    if position is None:
        return None
    target = p.target
    name = indicator.name
    figures = {
        "name": name,
        "measured": _value(position.measured.value, indicator.unit),
        "date": _day(position.measured.date),
        "planned": _value(position.planned, indicator.unit),
    }
    if p.status == RouteStatus.FAR_BEHIND:
        text = (
            _(
                "‘%(name)s’ loopt ver achter op de route: gemeten %(measured)s op %(date)s, "
                "gepland was %(planned)s."
            )
            % figures
        )
        rank = FAR_BEHIND
    elif p.status == RouteStatus.BEHIND and p.late and target is not None:
        figures["target"] = _value(target.value, indicator.unit)
        figures["target_date"] = _day(target.date)
        if p.outlook == Outlook.BEYOND:
            later = _("Met deze achterstand wordt het doel pas na %(year)s gehaald.") % {
                "year": forecast_horizon(target.date).year
            }
        elif p.outlook == Outlook.NO_PACE:
            later = _("Er zijn nog te weinig metingen om te zeggen wanneer het doel wordt gehaald.")
        elif p.forecast is None:
            later = _("In dit tempo wordt het doel niet gehaald.")
        else:
            later = _("Met deze achterstand wordt het doel gehaald op %(forecast)s.") % {
                "forecast": _day(p.forecast)
            }
        text = (
            _(
                "‘%(name)s’ loopt achter op de route: gemeten %(measured)s op %(date)s, "
                "gepland was %(planned)s. Het doel is %(target)s op %(target_date)s."
            )
            % figures
            + " "
            + later
        )
        rank = BEHIND_AND_LATE
    else:
        return None
    return Suggestion(
        key=f"indicator:{indicator.pk}",
        kind="indicator",
        text=text,
        handled=False,
        title=_("Terug op route: %(name)s") % {"name": name},
        rank=rank,
        size=position.shortfall if math.isfinite(position.shortfall) else 1e9,
        indicator_id=indicator.pk,
    )


def _milestone(f: MilestoneForecast) -> Suggestion | None:
    milestone = f.milestone
    if f.slip_days <= 0 or milestone.achieved_date or milestone.status == MilestoneStatus.ACHIEVED:
        return None
    text = ngettext(
        "Tussendoel ‘%(title)s’ wordt %(days)s dag later verwacht dan gepland: %(expected)s "
        "in plaats van %(baseline)s.",
        "Tussendoel ‘%(title)s’ wordt %(days)s dagen later verwacht dan gepland: %(expected)s "
        "in plaats van %(baseline)s.",
        f.slip_days,
    ) % {
        "title": milestone.title,
        "days": f.slip_days,
        "expected": _day(f.expected),
        "baseline": _day(milestone.baseline_date),
    }
    if f.critical:
        text += " " + _("Het ligt op het kritieke pad: de einddatum van de routekaart schuift mee.")
    return Suggestion(
        key=f"milestone:{milestone.pk}",
        kind="milestone",
        text=text,
        handled=False,
        title=_("Vertraging inlopen: %(title)s") % {"title": milestone.title},
        rank=CRITICAL_MILESTONE if f.critical else MILESTONE,
        size=f.slip_days,
        milestone_id=milestone.pk,
    )


def _questions(
    neighbourhood: Neighbourhood,
    today: datetime.date,
    overdue: tuple[int, datetime.date | None] | None = None,
) -> Suggestion | None:
    """Overdue questions: how many and the oldest due date; nothing about who asked."""
    if overdue is not None:
        found = {"n": overdue[0], "oldest": overdue[1]}
    else:
        found = (
            Question.objects.overdue(today)
            .filter(neighbourhood=neighbourhood)
            .aggregate(n=Count("pk"), oldest=Min("due_on"))
        )
    if not found["n"]:
        return None
    text = ngettext(
        "%(n)s vraag van een bewoner is na de antwoordtermijn nog niet beantwoord. Het antwoord "
        "had er op %(oldest)s moeten zijn.",
        "%(n)s vragen van bewoners zijn na de antwoordtermijn nog niet beantwoord. De oudste "
        "had op %(oldest)s beantwoord moeten zijn.",
        found["n"],
    ) % {"n": found["n"], "oldest": _day(found["oldest"])}
    return Suggestion(
        key="questions",
        kind="questions",
        text=text,
        handled=False,
        title=_("Vragen van bewoners beantwoorden"),
        rank=QUESTIONS,
        size=found["n"],
    )


def _triangle(neighbourhood: Neighbourhood) -> Suggestion | None:
    """The latest closed or published session's triangle, when it is out of balance."""
    session = (
        neighbourhood.sessions.filter(
            status__in=[DialogueSession.Status.CLOSED, DialogueSession.Status.PUBLISHED]
        )
        .order_by("-starts_at", "-pk")
        .first()
    )
    if session is None:
        return None
    results = session.results()
    balance = results.balance
    if balance is None or balance >= BALANCE_THRESHOLD:
        return None
    means = {side: stats.mean for side, stats in results.sides.items()}
    low = min(Side, key=lambda side: means[side])
    high = max(Side, key=lambda side: means[side])
    text = _(
        "De waardendriehoek van ‘%(title)s’ (%(date)s) is uit balans: balans %(balance)s, "
        "onder de grens van %(threshold)s. %(high)s scoort %(high_mean)s, %(low)s "
        "%(low_mean)s."
    ) % {
        "title": session.title,
        "date": _day(timezone.localdate(session.starts_at)),
        "balance": formats.number_format(balance, 2),
        "threshold": formats.number_format(BALANCE_THRESHOLD, 2),
        "high": high.label,
        "high_mean": formats.number_format(means[high], 1),
        "low": str(low.label).lower(),
        "low_mean": formats.number_format(means[low], 1),
    }
    return Suggestion(
        key=f"triangle:{session.pk}",
        kind="triangle",
        text=text,
        handled=False,
        title=_("Balans herstellen: %(side)s") % {"side": str(low.label).lower()},
        rank=TRIANGLE,
        size=1 - balance,
    )


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def _value(value: float, unit: str) -> str:
    shown = figure(value, unit)
    if unit == IndicatorUnit.COUNT:
        return shown
    if unit == IndicatorUnit.PERCENT:
        return f"{shown}%"
    return f"{shown} {IndicatorUnit(unit).label}"
