"""The figures of a dialogue session: plain functions over plain data, so they are easy to test.

Per side of the value triangle, overall and per stakeholder group: how many took part (n), the
mean, the median, the distribution of 1–5, the spread (standard deviation) and, for the triangle
as a whole, a balance figure.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Side, StakeholderGroup

SIDES = list(Side)
SCALE = range(1, 6)

# Public pages break results down only for groups at least this large (privacy).
MIN_PUBLIC_GROUP = 5


@dataclass(frozen=True)
class SideStats:
    side: str
    n: int  # participants who gave at least one score on this side
    count: int  # scores given on this side (a side may have several prompts)
    mean: float | None
    median: float | None
    spread: float | None  # population standard deviation of the scores
    distribution: dict[int, int] = field(default_factory=dict)  # score → how many times

    @property
    def label(self) -> str:
        return Side(self.side).label


@dataclass(frozen=True)
class Results:
    participants: int
    sides: dict[str, SideStats]
    by_group: dict[str, dict[str, SideStats]]
    group_sizes: dict[str, int]

    @property
    def balance(self) -> float | None:
        return balance({side: stats.mean for side, stats in self.sides.items()})

    def group_rows(self, minimum: int = 0) -> list[GroupRow]:
        """Return one row per stakeholder group with at least `minimum` participants."""
        return [
            GroupRow(
                group=group,
                label=StakeholderGroup(group).label,
                size=self.group_sizes[group],
                means=[sides[side].mean for side in SIDES],
            )
            for group, sides in self.by_group.items()
            if self.group_sizes[group] >= minimum
        ]

    def public_group_rows(self) -> list[GroupRow]:
        """Return the group breakdown that may be shown in public: groups of five or more."""
        return self.group_rows(MIN_PUBLIC_GROUP)


@dataclass(frozen=True)
class GroupRow:
    group: str
    label: str
    size: int
    means: list[float | None]


def side_stats(side: str, scores: list[tuple[int, int]]) -> SideStats:
    """Return the statistics of one side from (participant id, score) pairs."""
    values = [value for _participant, value in scores]
    if not values:
        return SideStats(side, 0, 0, None, None, None, dict.fromkeys(SCALE, 0))
    distribution = dict.fromkeys(SCALE, 0)
    for value in values:
        distribution[value] += 1
    return SideStats(
        side=side,
        n=len({participant for participant, _value in scores}),
        count=len(values),
        mean=round(statistics.fmean(values), 2),
        median=float(statistics.median(values)),
        spread=round(statistics.pstdev(values), 2),
        distribution=distribution,
    )


def balance(means: dict[str, float | None]) -> float | None:
    """Return how even the triangle is: 1.0 when all three sides score the same, 0.0 when one
    side scores 1 and another 5. None until every side has a score."""
    values = [means.get(side) for side in SIDES]
    if any(value is None for value in values):
        return None
    return round(1 - (max(values) - min(values)) / 4, 2)


def compute_results(rows: Iterable[tuple[int, str, str, int]]) -> Results:
    """Return the results from (participant id, group, side, score) rows."""
    per_side: dict[str, list[tuple[int, int]]] = defaultdict(list)
    per_group: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    members: dict[str, set[int]] = defaultdict(set)
    for participant, group, side, value in rows:
        per_side[side].append((participant, value))
        per_group[group][side].append((participant, value))
        members[group].add(participant)
    return Results(
        participants=len(set().union(*members.values())) if members else 0,
        sides={side: side_stats(side, per_side[side]) for side in SIDES},
        by_group={
            group: {side: side_stats(side, sides[side]) for side in SIDES}
            for group, sides in sorted(per_group.items())
        },
        group_sizes={group: len(ids) for group, ids in members.items()},
    )
