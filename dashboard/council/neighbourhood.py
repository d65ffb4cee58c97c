"""One neighbourhood for the council, in four blocks: what was achieved, where it stands (each
indicator against the route, with its chart and the same figures as a table, the milestones, the
dialogue, the pulse and residents' questions), what new developments would do, and what needs
steering.

A fixed number of queries however many indicators, milestones and measurements there are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from django.utils import timezone

from dashboard import charts, developments, route, steering
from dashboard.models import Indicator, SteeringAction
from dashboard.progress import (
    IndicatorProgress,
    MilestoneForecast,
    Missing,
    Outlook,
    SlipThresholds,
    Verdict,
    critical_slip,
    figure,
    indicator_progress,
    milestone_forecasts,
    rounded,
    verdict,
)
from dashboard.pulse import MIN_RESPONSES, MonthMeans, pulse_summary
from dialogue import public as dialogue_public
from dialogue.models import Side
from roadmap.models import Agreement, AgreementStatus
from wup.models import Neighbourhood

from .common import (
    MISSING_LABELS,
    OPEN_STEERING,
    STATUS_BADGES,
    Status,
    day_text,
    figure_text,
    status_label,
    verdict_label,
    verdict_reason,
)
from .milestones import forecasts_for, is_achieved, milestones_by_neighbourhood
from .questions import AnswerTimes, answer_times, question_rows


@dataclass(frozen=True)
class TableRow:
    """One date in the table under an indicator's chart: the route's value and what was
    measured."""

    date: datetime.date
    planned: float | None
    measured: float | None
    unit: str = field(default="", compare=False)

    @property
    def planned_text(self) -> str:
        return figure(self.planned, self.unit)

    @property
    def measured_text(self) -> str:
        return figure(self.measured, self.unit)


class TableCells(TypedDict):
    """A `TableRow` as the text of its cells."""

    iso: str  # the date for <time datetime>
    day: str
    planned: str
    measured: str


@dataclass
class IndicatorView:
    """One indicator in the neighbourhood view: where it stands, its chart and the same figures
    as a table."""

    progress: IndicatorProgress
    planned_today: float | None
    chart: dict | None
    chart_id: str
    table: list[TableRow]

    @property
    def indicator(self):
        return self.progress.indicator

    @property
    def status_label(self) -> str:
        """The status in words; without one, what is missing: measured but no adopted route
        ("nog geen vastgestelde route"), a route but nothing measured ("nog niet gemeten")."""
        p = self.progress
        if p.status == Status.NO_DATA:
            if p.latest and not p.route:
                return str(MISSING_LABELS[Missing.NO_ROUTE])
            if p.route and not p.latest:
                return str(MISSING_LABELS[Missing.NOT_MEASURED])
        return status_label(p.status)

    @property
    def badge(self) -> str:
        return STATUS_BADGES[Status(self.progress.status)]

    @property
    def forecast_met(self) -> bool:
        """Whether the target is met already (the forecast is then the date it was reached)."""
        return self.progress.outlook == Outlook.MET

    @property
    def unit(self) -> str:
        return self.progress.indicator.unit

    @property
    def planned_today_text(self) -> str:
        return figure(self.planned_today, self.unit)

    @property
    def measured(self) -> route.Measurement | None:
        """The measurement the status is about: the latest on or before today."""
        p = self.progress
        return p.position.measured if p.position else p.latest

    @property
    def measured_text(self) -> str:
        measured = self.measured
        return figure(measured.value if measured else None, self.unit)

    @property
    def target_text(self) -> str:
        target = self.progress.target
        return figure(target.value if target else None, self.unit)

    @property
    def table_cells(self) -> list[TableCells]:
        """The chart's table as the text of its cells. Worked out here rather than with template
        filters, and as dicts (the template looks keys up first): a chart has a row per route
        point and measurement, and the page many charts."""
        unit = self.unit
        return [
            TableCells(
                iso=r.date.isoformat(),
                day=day_text(r.date),
                planned=figure_text(r.planned, unit),
                measured=figure_text(r.measured, unit),
            )
            for r in self.table
        ]


def chart_table(progress: IndicatorProgress) -> list[TableRow]:
    """Return the figures of a route-against-actual chart: every date with a route point or a
    measurement up to the day asked about, the planned value on it (the route line) and what
    was measured."""
    measured = {m.date: float(m.value) for m in progress.known}
    dates = sorted({p.date for p in progress.route} | set(measured))
    unit = progress.indicator.unit
    return [
        TableRow(
            date=day,
            planned=route.planned_value(progress.route, day) if progress.route else None,
            measured=measured.get(day),
            unit=unit,
        )
        for day in dates
    ]


@dataclass(frozen=True)
class Change:
    """What an indicator did between its first and its latest measurement."""

    indicator: Indicator
    first: route.Measurement
    latest: route.Measurement

    @property
    def difference(self) -> float:
        return float(self.latest.value) - float(self.first.value)

    @property
    def better(self) -> bool | None:
        """True when it moved the right way, False the wrong way, None when unchanged: when
        the difference is zero as shown (a change of "0,0" is no change, not "slechter")."""
        shown = rounded(self.difference, self.indicator.unit)
        if shown == 0 or self.first.date == self.latest.date:
            return None
        up = shown > 0
        return up if self.indicator.direction == "up" else not up

    @property
    def first_text(self) -> str:
        return figure(self.first.value, self.indicator.unit)

    @property
    def latest_text(self) -> str:
        return figure(self.latest.value, self.indicator.unit)

    @property
    def difference_text(self) -> str:
        return figure(self.difference, self.indicator.unit, signed=True)


def changes(progress: Iterable[IndicatorProgress], today: datetime.date) -> list[Change]:
    """Return first and latest measurement (on or before today) of each measured indicator."""
    result = []
    for p in progress:
        known = [m for m in p.measurements if m.date <= today]
        if known:
            result.append(Change(p.indicator, known[0], known[-1]))
    return result


@dataclass(frozen=True)
class TrendRow:
    label: str
    values: list[float | None]


@dataclass
class NeighbourhoodDashboard:
    """Everything the council's neighbourhood view shows."""

    neighbourhood: Neighbourhood
    today: datetime.date
    status: Status
    indicators: list[IndicatorView]
    forecasts: list[MilestoneForecast]
    achieved: list[MilestoneForecast]
    changes: list[Change]
    agreements: list[Agreement]
    effects: list
    suggestions: list
    actions: list[SteeringAction]
    triangle_chart: dict | None
    triangle_rows: list[TrendRow]
    triangle_sides: list[str]
    pulse: list[MonthMeans]
    pulse_chart: dict | None
    answers: AnswerTimes
    verdict: Verdict | None = None
    thresholds: SlipThresholds = field(default_factory=SlipThresholds)
    min_responses: int = MIN_RESPONSES

    @property
    def status_label(self) -> str:
        return verdict_label(self.verdict) if self.verdict else status_label(self.status)

    @property
    def status_reason(self) -> str:
        return verdict_reason(self.verdict) if self.verdict else ""

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def agreements_kept(self) -> list[Agreement]:
        return [a for a in self.agreements if a.status == AgreementStatus.FULFILLED]

    @property
    def agreements_broken(self) -> list[Agreement]:
        return [a for a in self.agreements if a.status == AgreementStatus.NOT_FULFILLED]

    @property
    def pending(self) -> list[MilestoneForecast]:
        return [f for f in self.forecasts if not is_achieved(f.milestone)]

    @property
    def open_actions(self) -> list[SteeringAction]:
        return [a for a in self.actions if a.status in OPEN_STEERING]

    @property
    def overdue_action_ids(self) -> set[int]:
        return {a.pk for a in self.open_actions if a.due_on < self.today}

    @property
    def charted_indicators(self) -> list[IndicatorView]:
        return [v for v in self.indicators if v.chart]

    @property
    def has_charts(self) -> bool:
        return bool(self.charted_indicators or self.triangle_chart or self.pulse_chart)


def neighbourhood_dashboard(
    neighbourhood: Neighbourhood,
    *,
    today: datetime.date | None = None,
    thresholds: SlipThresholds | None = None,
) -> NeighbourhoodDashboard:
    """Return the four blocks of one neighbourhood, in a fixed number of queries. Its status is
    the worse of its indicators and its critical path, the latter against `thresholds`
    (default: its municipality's)."""
    today = today or timezone.localdate()
    thresholds = thresholds or SlipThresholds.of(neighbourhood.municipality)
    progress = indicator_progress([neighbourhood.pk], on=today)[neighbourhood.pk]
    milestones = milestones_by_neighbourhood([neighbourhood.pk]).get(neighbourhood.pk, [])
    try:
        plain = milestone_forecasts(milestones)
    except ValueError:  # a dependency loop: forecasts_for's fallback, the effects say why
        plain = None
    forecasts = plain if plain is not None else forecasts_for(milestones)
    agreements = list(
        Agreement.objects.filter(roadmap__neighbourhood=neighbourhood)
        .prefetch_related("parties")
        .order_by("pk")
    )
    actions = list(neighbourhood.steering_actions.order_by("due_on", "pk"))
    dialogue = dialogue_public.for_neighbourhood(neighbourhood)
    pulse = pulse_summary(neighbourhood)
    questions = [row[1:] for row in question_rows([neighbourhood.pk])]
    answers = answer_times(questions, today=today)
    overdue = [
        due_on for _asked, answered, due_on in questions if answered is None and due_on < today
    ]
    views = [
        IndicatorView(
            progress=p,
            planned_today=route.planned_value(p.route, today) if p.route else None,
            chart=charts.route_chart(p, today=today),
            chart_id=f"route-chart-{p.indicator.pk}",
            table=chart_table(p),
        )
        for p in progress
    ]
    found = verdict(progress, critical_slip(forecasts), thresholds)
    return NeighbourhoodDashboard(
        neighbourhood=neighbourhood,
        today=today,
        status=Status(found.status),
        verdict=found,
        thresholds=thresholds,
        indicators=views,
        forecasts=forecasts,
        achieved=[f for f in forecasts if is_achieved(f.milestone)],
        changes=changes(progress, today),
        agreements=agreements,
        effects=developments.effects_for_neighbourhood(
            neighbourhood,
            today=today,
            milestones=milestones,
            forecasts=plain,
            # Without a route point the neighbourhood may have no adopted roadmap: then the
            # effects read the draft route themselves.
            route_targets=[(p.indicator, p.target.date) for p in progress if p.target]
            if any(p.route for p in progress)
            else None,
        ),
        suggestions=steering.suggestions(
            neighbourhood,
            progress=progress,
            forecasts=forecasts,
            today=today,
            overdue=(len(overdue), min(overdue, default=None)),
        ),
        actions=actions,
        triangle_chart=dialogue.trend,
        triangle_rows=[TrendRow(label, values) for label, values in dialogue.trend_rows],
        triangle_sides=[str(side.label) for side in Side],
        pulse=pulse,
        pulse_chart=charts.pulse_chart(pulse),
        answers=answers,
    )
