"""What the council sees: every neighbourhood against its adopted route, one neighbourhood in four
blocks (achieved, where we stand, effect of new developments, steering needed), and the
municipality's progress report.

Plain functions that assemble plain data in a fixed number of queries, however many
neighbourhoods there are; the views, templates and the PDF only show what comes back. Status is
always measured against the *adopted* route (see `progress`).
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from dialogue import public as dialogue_public
from dialogue.models import DialogueSession, Side, results_for
from roadmap.models import (
    Agreement,
    AgreementStatus,
    DecisionBody,
    Milestone,
    MilestoneStatus,
    Report,
)
from wup.models import Municipality, Neighbourhood, Question

from . import charts, developments, route, schedule, steering, svg
from .models import (
    Development,
    DevelopmentImpact,
    Indicator,
    PulseResponse,
    SteeringAction,
    SteeringStatus,
)
from .progress import STATUS_ORDER as PROGRESS_STATUS_ORDER
from .progress import (
    IndicatorProgress,
    MilestoneForecast,
    Outlook,
    figure,
    indicator_progress,
    latest_positions,
    milestone_forecasts,
    worst_status,
)
from .pulse import MIN_RESPONSES, MonthMeans, pulse_summary

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


# --- Figures ------------------------------------------------------------------------------------


# --- Milestones ---------------------------------------------------------------------------------


# What the overview and the report need of an indicator (not its description).
INDICATOR_FIELDS = (
    "neighbourhood_id",
    "code",
    "name",
    "unit",
    "direction",
    "behind_percent",
    "far_behind_percent",
    "order",
)
# What the council's pages and report show of a milestone.
MILESTONE_FIELDS = (
    "roadmap_id",
    "title",
    "owner_id",
    "baseline_date",
    "forecast_date",
    "achieved_date",
    "status",
)


def milestones_by_neighbourhood(neighbourhood_ids: Iterable[int]) -> dict[int, list[Milestone]]:
    """Map neighbourhood id → its roadmap's milestones, dependencies loaded (two queries)."""
    rows = (
        Milestone.objects.filter(roadmap__neighbourhood_id__in=list(neighbourhood_ids))
        .annotate(neighbourhood_id=F("roadmap__neighbourhood_id"))
        .select_related("owner")
        .only(*MILESTONE_FIELDS, "owner__name")
        .prefetch_related(Prefetch("depends_on", queryset=Milestone.objects.only("pk")))
        .order_by("baseline_date", "pk")
    )
    result: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in rows:
        result[milestone.neighbourhood_id].append(milestone)
    return result


def forecasts_for(milestones: Sequence[Milestone]) -> list[MilestoneForecast]:
    """Return the milestones' forecasts with slips propagated.

    A dependency loop cannot be entered (the editor refuses it); should one be in the database
    anyway, that neighbourhood shows its own dates without propagation rather than breaking the
    whole overview.
    """
    try:
        return milestone_forecasts(milestones)
    except ValueError:
        return [
            MilestoneForecast(
                milestone=m,
                expected=m.expected_date,
                slip_days=m.slip_days,
                critical=False,
            )
            for m in milestones
            if m.status != MilestoneStatus.CANCELLED
        ]


@dataclass(frozen=True)
class MilestoneSummary:
    """What the overview shows of a milestone: plain values, no model instance."""

    pk: int
    title: str
    baseline_date: datetime.date
    achieved_date: datetime.date | None
    status: str


@dataclass(frozen=True)
class MilestoneOutlook:
    """Per neighbourhood, what the overview needs of its milestones."""

    next: MilestoneForecast | None  # its milestone a MilestoneSummary
    slipping: int  # milestones not yet achieved that are expected after their baseline


def milestone_outlooks(neighbourhood_ids: Iterable[int]) -> dict[int, MilestoneOutlook]:
    """Map neighbourhood id → its next milestone and how many slip (two queries).

    The same forecasts as `forecasts_for(milestones_by_neighbourhood(...))` — slips propagated
    through the dependencies, cancelled milestones left out, a dependency loop falling back to
    the milestones' own dates — but built from value rows and without the critical path: the
    overview shows neither owners nor the critical path. Neighbourhoods without milestones are
    left out.
    """
    ids = list(neighbourhood_ids)
    by_neighbourhood: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Milestone.objects.filter(roadmap__neighbourhood_id__in=ids)
        .exclude(status=MilestoneStatus.CANCELLED)
        .order_by()
        .values_list(
            "roadmap__neighbourhood_id",
            "pk",
            "title",
            "baseline_date",
            "forecast_date",
            "achieved_date",
            "status",
        )
    ):
        by_neighbourhood[row[0]].append(row[1:])
    depends: dict[int, set[int]] = defaultdict(set)
    for source, target in (
        Milestone.depends_on.through.objects.filter(
            from_milestone__roadmap__neighbourhood_id__in=ids
        )
        .order_by()
        .values_list("from_milestone_id", "to_milestone_id")
    ):
        depends[source].add(target)

    result = {}
    for neighbourhood_id, rows in by_neighbourhood.items():
        known = {row[0] for row in rows}
        tasks = [
            schedule.Task(
                id=pk,
                title=title,
                baseline=baseline,
                forecast=forecast,
                achieved=achieved,
                depends_on=frozenset(depends[pk] & known) if pk in depends else frozenset(),
            )
            for pk, title, baseline, forecast, achieved, _status in rows
        ]
        try:
            expected = schedule.propagate(tasks)
        except ValueError:  # a dependency loop: the milestones' own dates, as forecasts_for
            expected = {t.id: t.expected for t in tasks}
        upcoming = None
        late = 0
        for pk, title, baseline, _forecast, achieved, status in rows:
            if achieved is not None or status == MilestoneStatus.ACHIEVED:
                continue
            when = expected[pk]
            late += when > baseline
            if upcoming is None or (when, pk) < (upcoming[0], upcoming[1]):
                upcoming = (when, pk, title, baseline, status)
        next_forecast = None
        if upcoming is not None:
            when, pk, title, baseline, status = upcoming
            next_forecast = MilestoneForecast(
                milestone=MilestoneSummary(pk, title, baseline, None, status),
                expected=when,
                slip_days=(when - baseline).days,
                critical=False,  # not worked out for the overview
            )
        result[neighbourhood_id] = MilestoneOutlook(next=next_forecast, slipping=late)
    return result


def is_achieved(milestone: Milestone) -> bool:
    return milestone.achieved_date is not None or milestone.status == MilestoneStatus.ACHIEVED


def next_milestone(forecasts: Iterable[MilestoneForecast]) -> MilestoneForecast | None:
    """Return the milestone not yet achieved that is expected first, or None."""
    pending = [f for f in forecasts if not is_achieved(f.milestone)]
    return min(pending, key=lambda f: (f.expected, f.milestone.pk), default=None)


def slipping(forecasts: Iterable[MilestoneForecast]) -> list[MilestoneForecast]:
    """Return the milestones not yet achieved that are expected after their baseline, the
    largest slip first."""
    late = [f for f in forecasts if f.slip_days > 0 and not is_achieved(f.milestone)]
    return sorted(late, key=lambda f: (-f.slip_days, f.expected, f.milestone.pk))


# --- The municipality overview ----------------------------------------------------------------


def last_measured(
    progress: Iterable[IndicatorProgress], today: datetime.date
) -> datetime.date | None:
    """Return the date of the latest measurement on or before today of any indicator."""
    dates = [m.date for p in progress for m in p.measurements if m.date <= today]
    return max(dates, default=None)


@dataclass
class NeighbourhoodRow:
    """One neighbourhood in the council's overview.

    `overview_rows` makes it in one of two modes. With `detail` (the progress report) `progress`
    holds every indicator with its measurements and forecast, and `forecasts` every milestone.
    Without (the overview page) both are empty — status, `behind`, `next_milestone`,
    `last_measured` and `slipping_count` are worked out from the latest measurements and the
    milestones' dates alone.
    """

    neighbourhood: Neighbourhood
    progress: list[IndicatorProgress]
    forecasts: list[MilestoneForecast]
    status: Status
    behind: int  # indicators behind or far behind
    next_milestone: MilestoneForecast | None
    last_measured: datetime.date | None
    slipping_count: int | None = None  # None: count it from `forecasts`

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def deviations(self) -> list[IndicatorProgress]:
        """The indicators behind or far behind, the furthest behind first."""
        off = [p for p in self.progress if p.status in (Status.BEHIND, Status.FAR_BEHIND)]
        return sorted(off, key=lambda p: -(p.position.shortfall if p.position else 0))

    @property
    def late_on_route(self) -> list[IndicatorProgress]:
        """The indicators on route today that reach their target late at today's pace: routes
        that speed up later (a heat network still to come)."""
        return [
            p
            for p in self.progress
            if p.status == Status.ON_ROUTE and p.outlook in (Outlook.LATE, Outlook.BEYOND)
        ]

    @property
    def late_milestones(self) -> int:
        if self.slipping_count is not None:
            return self.slipping_count
        return len(slipping(self.forecasts))

    @property
    def cells(self) -> SafeString:
        """The overview table's cells after the name: phase, status, indicators behind, next
        milestone, last measurement. Made here rather than with template tags: a thousand rows
        of tags cost more than the rest of the page."""
        return _row_cells(self)


_CELL = '<td class="utrecht-table__cell">'
_NUMERIC_CELL = '<td class="utrecht-table__cell utrecht-table__cell--numeric">'


def _dates() -> dict[datetime.date, str]:
    """A `<time>` element per date, in the active language: the overview repeats few dates."""
    language = get_language()
    cache = _TIME_ELEMENTS.get(language)
    if cache is None or len(cache) > 10_000:
        cache = _TIME_ELEMENTS[language] = {}
    return cache


_TIME_ELEMENTS: dict[str | None, dict[datetime.date, str]] = {}


def _time(day: datetime.date) -> str:
    cache = _dates()
    found = cache.get(day)
    if found is None:
        found = cache[day] = f'<time datetime="{day:%Y-%m-%d}">{date_format(day, "j F Y")}</time>'
    return found


def _words() -> dict:
    """The overview table's words in the active language, translated once rather than per row."""
    language = get_language()
    words = _WORDS.get(language)
    if words is None:
        words = _WORDS[language] = {
            "expected": escape(_("verwacht")),
            "early": escape(_("eerder dan gepland")),
            "on_time": escape(_("op tijd")),
            "none_yet": escape(_("nog geen")),
            "statuses": {status: escape(label) for status, label in STATUS_LABELS.items()},
            "phases": {
                value: escape(label)
                for value, label in Neighbourhood._meta.get_field("phase").choices
            },
            "late": {},
        }
    return words


_WORDS: dict[str | None, dict] = {}


def _next_milestone_text(f: MilestoneForecast | None, words: dict) -> str:
    if f is None:
        return "–"
    if f.slip_days > 0:
        when = words["late"].get(f.slip_days)
        if when is None:
            when = words["late"][f.slip_days] = escape(
                ngettext(
                    "%(n)s dag later dan gepland", "%(n)s dagen later dan gepland", f.slip_days
                )
                % {"n": f.slip_days}
            )
    elif f.slip_days < 0:
        when = words["early"]
    else:
        when = words["on_time"]
    return f"{escape(f.milestone.title)}, {words['expected']} {_time(f.expected)} ({when})"


def _row_cells(row: NeighbourhoodRow) -> SafeString:
    words = _words()
    phase = row.neighbourhood.phase
    last = _time(row.last_measured) if row.last_measured else words["none_yet"]
    return mark_safe(  # noqa: S308 - every text in it went through escape
        f"\n{_CELL}{words['phases'].get(phase) or escape(phase)}</td>"
        f'\n{_CELL}<span class="ww-badge ww-badge--{row.badge}">{words["statuses"][row.status]}'
        f"</span></td>\n{_NUMERIC_CELL}{row.behind}</td>"
        f"\n{_CELL}{_next_milestone_text(row.next_milestone, words)}</td>"
        f"\n{_CELL}{last}</td>\n"
    )


def overview_rows(
    neighbourhoods: Sequence[Neighbourhood], *, today: datetime.date, detail: bool = False
) -> list[NeighbourhoodRow]:
    """Return one row per neighbourhood, in the order given, in a fixed number of queries.

    Without `detail` (the overview page, four queries) each indicator is measured by its latest
    measurement only and of the milestones only the next one and the number slipping are
    worked out; with it (the progress report, six queries) everything is loaded: every
    measurement and forecast, every milestone with its owner.
    """
    ids = [n.pk for n in neighbourhoods]
    if not detail:
        return _summary_rows(neighbourhoods, ids, today=today)
    indicators = (
        Indicator.objects.filter(neighbourhood_id__in=ids)
        .only(*INDICATOR_FIELDS)
        .order_by("neighbourhood_id", "order", "pk")
    )
    progress = indicator_progress(ids, on=today, indicators=indicators)
    milestones = milestones_by_neighbourhood(ids)
    rows = []
    for neighbourhood in neighbourhoods:
        own = progress.get(neighbourhood.pk, [])
        forecasts = forecasts_for(milestones.get(neighbourhood.pk, []))
        rows.append(
            NeighbourhoodRow(
                neighbourhood=neighbourhood,
                progress=own,
                forecasts=forecasts,
                status=Status(worst_status(own)),
                behind=sum(1 for p in own if p.status in OFF_ROUTE),
                next_milestone=next_milestone(forecasts),
                last_measured=last_measured(own, today),
            )
        )
    return rows


def _summary_rows(
    neighbourhoods: Sequence[Neighbourhood], ids: list[int], *, today: datetime.date
) -> list[NeighbourhoodRow]:
    positions = latest_positions(ids, on=today)
    outlooks = milestone_outlooks(ids)
    rows = []
    for neighbourhood in neighbourhoods:
        own = positions.get(neighbourhood.pk, [])
        outlook = outlooks.get(neighbourhood.pk)
        rows.append(
            NeighbourhoodRow(
                neighbourhood=neighbourhood,
                progress=[],
                forecasts=[],
                status=Status(worst_status(own)),
                behind=sum(1 for p in own if p.status in OFF_ROUTE),
                next_milestone=outlook.next if outlook else None,
                last_measured=max((p.measured_on for p in own if p.measured_on), default=None),
                slipping_count=outlook.slipping if outlook else 0,
            )
        )
    return rows


@dataclass(frozen=True)
class StatusCount:
    status: Status
    label: str
    badge: str
    count: int


def status_counts(rows: Iterable[NeighbourhoodRow]) -> list[StatusCount]:
    """Return how many neighbourhoods have each status, worst first (zeros included)."""
    counts = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
    return [
        StatusCount(status, status_label(status), STATUS_BADGES[status], counts[status])
        for status in STATUS_ORDER
    ]


def key_message(
    rows: Sequence[NeighbourhoodRow],
    *,
    open_developments: int | None = None,
    raad_decisions: int | None = None,
) -> str:
    """Return the key message in plain words: how many neighbourhoods stand where, how many
    milestones slip, and (when given) what is waiting."""
    if not rows:
        return _("Er zijn nog geen wijken.")
    counts = {c.status: c.count for c in status_counts(rows)}
    parts = [
        ngettext(
            "Van de %(n)d wijk ligt er %(on)d op route, %(behind)d achter en %(far)d ver achter.",
            "Van de %(n)d wijken liggen er %(on)d op route, %(behind)d achter en %(far)d ver "
            "achter.",
            len(rows),
        )
        % {
            "n": len(rows),
            "on": counts[Status.ON_ROUTE],
            "behind": counts[Status.BEHIND],
            "far": counts[Status.FAR_BEHIND],
        }
    ]
    if counts[Status.NO_DATA]:
        parts.append(
            ngettext(
                "Van %(n)d wijk zijn nog geen metingen tegen de route.",
                "Van %(n)d wijken zijn nog geen metingen tegen de route.",
                counts[Status.NO_DATA],
            )
            % {"n": counts[Status.NO_DATA]}
        )
    late = sum(row.late_milestones for row in rows)
    parts.append(
        ngettext("%(n)d tussendoel loopt uit.", "%(n)d tussendoelen lopen uit.", late) % {"n": late}
    )
    if open_developments:
        parts.append(
            ngettext(
                "%(n)d nieuwe ontwikkeling is nog niet verwerkt in de planning.",
                "%(n)d nieuwe ontwikkelingen zijn nog niet verwerkt in de planning.",
                open_developments,
            )
            % {"n": open_developments}
        )
    if raad_decisions:
        parts.append(
            ngettext(
                "%(n)d voorstel wacht op een besluit van de raad.",
                "%(n)d voorstellen wachten op een besluit van de raad.",
                raad_decisions,
            )
            % {"n": raad_decisions}
        )
    return " ".join(parts)


# --- Residents' questions ---------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerTimes:
    """How quickly residents' questions are answered. Counts and durations only: no names."""

    asked: int
    answered: int
    median_days: float | None  # from asking to answering, in days, one decimal
    on_time_share: float | None  # of the answered questions, 0–1
    open_overdue: int  # not answered and past the answer date

    @property
    def on_time_percent(self) -> int | None:
        return None if self.on_time_share is None else round(self.on_time_share * 100)


def answer_times(
    rows: Iterable[tuple[datetime.datetime, datetime.datetime | None, datetime.date]],
    *,
    today: datetime.date,
) -> AnswerTimes:
    """Return the answer times of (asked_at, answered_at, due_on) rows.

    On time means answered on or before the answer date, in the site's time zone.
    """
    asked = answered = on_time = overdue = 0
    durations: list[float] = []
    for asked_at, answered_at, due_on in rows:
        asked += 1
        if answered_at is None:
            overdue += due_on < today
            continue
        answered += 1
        durations.append(max((answered_at - asked_at).total_seconds(), 0) / 86400)
        on_time += timezone.localdate(answered_at) <= due_on
    return AnswerTimes(
        asked=asked,
        answered=answered,
        median_days=round(statistics.median(durations), 1) if durations else None,
        on_time_share=on_time / answered if answered else None,
        open_overdue=overdue,
    )


def _question_rows(neighbourhood_ids: Iterable[int]):
    return Question.objects.filter(neighbourhood_id__in=list(neighbourhood_ids)).values_list(
        "neighbourhood_id", "asked_at", "answered_at", "due_on"
    )


def answer_times_by_neighbourhood(
    neighbourhood_ids: Iterable[int], *, today: datetime.date
) -> dict[int, AnswerTimes]:
    """Map neighbourhood id → its answer times (one query)."""
    ids = list(neighbourhood_ids)
    grouped: dict[int, list] = {pk: [] for pk in ids}
    for pk, *row in _question_rows(ids):
        grouped[pk].append(row)
    return {pk: answer_times(rows, today=today) for pk, rows in grouped.items()}


# --- One neighbourhood --------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
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


NO_ROUTE_LABEL = gettext_lazy("Geen route")


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
        """The status in words; an indicator measured without a route has "no route" rather
        than "no data": the row shows its measurement."""
        p = self.progress
        if p.status == Status.NO_DATA and not p.route and p.latest:
            return str(NO_ROUTE_LABEL)
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
    def table_html(self) -> SafeString:
        """The rows of the chart's table, built here: a template loop over them cost more than
        the rest of the page."""
        unit = self.unit
        return mark_safe(  # noqa: S308 - every text in it went through escape
            "".join(
                f'\n      <tr class="utrecht-table__row">'
                f'\n        <th class="utrecht-table__header-cell" scope="row">{_time(r.date)}</th>'
                f"\n        {_NUMERIC_CELL}{_figure(r.planned, unit)}</td>"
                f"\n        {_NUMERIC_CELL}{_figure(r.measured, unit)}</td>"
                f"\n      </tr>\n      "
                for r in self.table
            )
        )


_FIGURES: dict[str | None, dict[tuple[float | None, str], str]] = {}


def _figure(value: float | None, unit: str) -> str:
    """`figure()`, escaped, remembered per language: the chart tables repeat many values."""
    language = get_language()
    cache = _FIGURES.get(language)
    if cache is None or len(cache) > 10_000:
        cache = _FIGURES[language] = {}
    found = cache.get((value, unit))
    if found is None:
        found = cache[(value, unit)] = escape(figure(value, unit))
    return found


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
        """True when it moved the right way, False the wrong way, None when unchanged."""
        if self.difference == 0 or self.first.date == self.latest.date:
            return None
        up = self.difference > 0
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
    min_responses: int = MIN_RESPONSES

    @property
    def status_label(self) -> str:
        return status_label(self.status)

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
    neighbourhood: Neighbourhood, *, today: datetime.date | None = None
) -> NeighbourhoodDashboard:
    """Return the four blocks of one neighbourhood, in a fixed number of queries."""
    today = today or timezone.localdate()
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
    questions = [row[1:] for row in _question_rows([neighbourhood.pk])]
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
    return NeighbourhoodDashboard(
        neighbourhood=neighbourhood,
        today=today,
        status=Status(worst_status(progress)),
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


# --- The council's progress report (PDF) ------------------------------------------------------


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
REPORT_VERSION = 2


def report_content(municipality: Municipality, *, today: datetime.date | None = None) -> dict:
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
    rows = overview_rows(neighbourhoods, today=today, detail=True)
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

    return {
        "version": REPORT_VERSION,
        "today": today,
        "municipality": municipality.name,
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
    return report_content(report.municipality)


def report_context(report: Report) -> dict:
    """Return the PDF template's context for a council report."""
    # Imported here: WeasyPrint is heavy, and only the worker renders reports.
    from roadmap import reports as roadmap_reports
    from roadmap import svg_charts

    municipality = Municipality.objects.get(pk=report.municipality_id)
    content = report_content(municipality)
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
        **roadmap_reports.base_context(municipality),
        "title": report_title(report),
        "content": content,
        "counts_chart": roadmap_reports.svg_data_url(svg.status_bars(content["counts"])),
        "map": roadmap_reports.svg_data_url(status_map) if status_map else "",
        "timeline": (
            roadmap_reports.svg_data_url(svg_charts.milestone_timeline(slipping_rows))
            if slipping_rows
            else ""
        ),
        "timeline_max": svg.TIMELINE_MAX_ROWS,
    }


def register_report() -> None:
    """Let roadmap's report machinery make the council's progress report (from ready())."""
    from roadmap import reports as roadmap_reports

    roadmap_reports.register_kind(
        Report.Kind.COUNCIL,
        template="dashboard/council/report_pdf.html",
        source=report_source,
        context=report_context,
        title=report_title,
        download_name=report_download_name,
    )
