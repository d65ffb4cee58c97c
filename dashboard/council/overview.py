"""The council's municipality overview: every neighbourhood against its adopted route (status,
indicators behind, next milestone, last measurement), how many stand where, and the key message
in plain words; with `detail`, the same rows with every figure loaded for the progress report.

A fixed number of queries however many neighbourhoods there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.models import Indicator
from dashboard.progress import (
    IndicatorProgress,
    MilestoneForecast,
    Outlook,
    SlipThresholds,
    Verdict,
    critical_slip,
    indicator_progress,
    latest_positions,
    verdict,
)
from wup.models import Neighbourhood

from .common import (
    OFF_ROUTE,
    STATUS_BADGES,
    STATUS_ORDER,
    Status,
    day_text,
    status_label,
    verdict_label,
    verdict_reason,
)
from .milestones import (
    forecasts_for,
    milestone_outlooks,
    milestones_by_neighbourhood,
    next_milestone,
    slipping,
)

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
    verdict: Verdict | None = None  # what sets the status (None: the status alone)

    @property
    def status_label(self) -> str:
        return verdict_label(self.verdict) if self.verdict else status_label(self.status)

    @property
    def status_reason(self) -> str:
        """What sets the status: an indicator or the critical path ("" when on route)."""
        return verdict_reason(self.verdict) if self.verdict else ""

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


def overview_rows(
    neighbourhoods: Sequence[Neighbourhood],
    *,
    today: datetime.date,
    detail: bool = False,
    thresholds: SlipThresholds | None = None,
) -> list[NeighbourhoodRow]:
    """Return one row per neighbourhood, in the order given, in a fixed number of queries.

    A row's status is the worse of its indicators and its critical path (see
    `progress.verdict`), the latter against `thresholds` (the municipality's; default the
    defaults).

    Without `detail` (the overview page, four queries) each indicator is measured by its latest
    measurement only and of the milestones only the next one and the number slipping are
    worked out; with it (the progress report, six queries) everything is loaded: every
    measurement and forecast, every milestone with its owner.
    """
    ids = [n.pk for n in neighbourhoods]
    thresholds = thresholds or SlipThresholds()
    if not detail:
        return _summary_rows(neighbourhoods, ids, today=today, thresholds=thresholds)
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
        found = verdict(own, critical_slip(forecasts), thresholds)
        rows.append(
            NeighbourhoodRow(
                neighbourhood=neighbourhood,
                progress=own,
                forecasts=forecasts,
                status=Status(found.status),
                behind=sum(1 for p in own if p.status in OFF_ROUTE),
                next_milestone=next_milestone(forecasts),
                last_measured=last_measured(own, today),
                verdict=found,
            )
        )
    return rows


def _summary_rows(
    neighbourhoods: Sequence[Neighbourhood],
    ids: list[int],
    *,
    today: datetime.date,
    thresholds: SlipThresholds,
) -> list[NeighbourhoodRow]:
    positions = latest_positions(ids, on=today)
    outlooks = milestone_outlooks(ids)
    rows = []
    for neighbourhood in neighbourhoods:
        own = positions.get(neighbourhood.pk, [])
        outlook = outlooks.get(neighbourhood.pk)
        found = verdict(own, outlook.critical_slip if outlook else None, thresholds)
        rows.append(
            NeighbourhoodRow(
                neighbourhood=neighbourhood,
                progress=[],
                forecasts=[],
                status=Status(found.status),
                behind=sum(1 for p in own if p.status in OFF_ROUTE),
                next_milestone=outlook.next if outlook else None,
                last_measured=max((p.measured_on for p in own if p.measured_on), default=None),
                slipping_count=outlook.slipping if outlook else 0,
                verdict=found,
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


class TableLine(TypedDict):
    """One neighbourhood in the overview's table, as the text its cells show: the template only
    places it. Worked out here rather than with template filters and tags, and a dict rather
    than an object (the template looks keys up first): a thousand rows of them cost more than
    the rest of the page."""

    url: str
    name: str
    phase: str
    badge: str
    status: str
    reason: str  # what sets the status ("door indicator …", "door de tussendoelen …") or ""
    behind: str  # the number of indicators behind, as text
    next_title: str  # the next milestone; it and the three below are "" when there is none
    next_iso: str
    next_day: str
    next_when: str  # "12 dagen later dan gepland", "op tijd" or "eerder dan gepland"
    last_iso: str  # the last measurement; both "" when nothing was measured yet
    last_day: str


def table_lines(rows: Iterable[NeighbourhoodRow], *, url: Callable[[str], str]) -> list[TableLine]:
    """Return the overview table's lines in the active language; `url` gives a slug's link."""
    phases = {value: str(label) for value, label in Neighbourhood._meta.get_field("phase").choices}
    early, on_time = _("eerder dan gepland"), _("op tijd")
    late: dict[int, str] = {}  # a slip in days → its words: the rows repeat them
    lines = []
    for row in rows:
        neighbourhood = row.neighbourhood
        next_title = next_iso = next_day = next_when = last_iso = last_day = ""
        if (f := row.next_milestone) is not None:
            next_title = f.milestone.title
            next_iso = f.expected.isoformat()
            next_day = day_text(f.expected)
            if f.slip_days > 0:
                next_when = late.get(f.slip_days) or late.setdefault(
                    f.slip_days,
                    ngettext(
                        "%(n)s dag later dan gepland", "%(n)s dagen later dan gepland", f.slip_days
                    )
                    % {"n": f.slip_days},
                )
            else:
                next_when = early if f.slip_days < 0 else on_time
        if row.last_measured is not None:
            last_iso = row.last_measured.isoformat()
            last_day = day_text(row.last_measured)
        lines.append(
            TableLine(
                url=url(neighbourhood.slug),
                name=neighbourhood.name,
                phase=phases.get(neighbourhood.phase) or neighbourhood.phase,
                badge=STATUS_BADGES[row.status],
                status=row.status_label,
                reason=row.status_reason,
                behind=str(row.behind),
                next_title=next_title,
                next_iso=next_iso,
                next_day=next_day,
                next_when=next_when,
                last_iso=last_iso,
                last_day=last_day,
            )
        )
    return lines
