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

from .models import SIDE_QUESTIONS, Side, StakeholderGroup

SIDES = list(Side)
SCALE = range(1, 6)

# Public pages break results down only for groups at least this large (privacy).
MIN_PUBLIC_GROUP = 5

# The spread (standard deviation of 1–5 scores, at most 2) in words: below 0.8 most scores are
# next to each other ("close"); from 1.2 people gave low and high scores ("apart").
CLOSE_SPREAD = 0.8
APART_SPREAD = 1.2
# The balance in words: from 0.75 the sides are about as high (at most one point apart).
EVEN_BALANCE = 0.75
UNEVEN_BALANCE = 0.5


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

    @property
    def question(self) -> str:
        """The side in a plain question (B1), shown beside its name."""
        return SIDE_QUESTIONS[self.side]

    @property
    def most_given(self) -> list[int]:
        """The score(s) given most often: one, or several when they were given equally often."""
        top = max(self.distribution.values(), default=0)
        return [score for score, count in self.distribution.items() if top and count == top]

    @property
    def agreement(self) -> str | None:
        """How far apart the scores are, in words a results page can say: "close" (people
        mostly agree), "some" or "apart" (opinions differ). None without scores."""
        if self.spread is None:
            return None
        if self.spread < CLOSE_SPREAD:
            return "close"
        return "apart" if self.spread >= APART_SPREAD else "some"


@dataclass(frozen=True)
class Shift:
    """How one side moved during the conversation: the mean of everyone's first scores against
    the mean now, and how many scores were changed."""

    side: str
    before: float
    after: float
    changed: int

    @property
    def label(self) -> str:
        return Side(self.side).label

    @property
    def difference(self) -> float:
        return round(self.after - self.before, 2)


@dataclass(frozen=True)
class Results:
    participants: int
    sides: dict[str, SideStats]
    by_group: dict[str, dict[str, SideStats]]
    group_sizes: dict[str, int]
    # Per side: (mean of the first scores, how many scores changed since).
    first: dict[str, tuple[float | None, int]] = field(default_factory=dict)

    @property
    def shifts(self) -> list[Shift]:
        """Every side whose scores changed after they were first given (empty when none did)."""
        first = getattr(self, "first", {})  # results cached before this field have none
        if not any(changed for _mean, changed in first.values()):
            return []
        return [
            Shift(side, first[side][0], self.sides[side].mean, first[side][1])
            for side in SIDES
            if side in first and first[side][0] is not None
        ]

    @property
    def balance(self) -> float | None:
        return balance({side: stats.mean for side, stats in self.sides.items()})

    @property
    def balance_words(self) -> str | None:
        """The balance in words: "even", "some" or "uneven"; None until every side has scores."""
        value = self.balance
        if value is None:
            return None
        if value >= EVEN_BALANCE:
            return "even"
        return "some" if value >= UNEVEN_BALANCE else "uneven"

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


def _mean(values: list[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def compute_results(rows: Iterable[tuple]) -> Results:
    """Return the results from (participant id, group, side, score[, first score]) rows; a
    first score that is missing or None is the score itself."""
    per_side: dict[str, list[tuple[int, int]]] = defaultdict(list)
    per_group: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    members: dict[str, set[int]] = defaultdict(set)
    firsts: dict[str, list[int]] = defaultdict(list)
    changed: dict[str, int] = defaultdict(int)
    for participant, group, side, value, *rest in rows:
        first = rest[0] if rest and rest[0] is not None else value
        per_side[side].append((participant, value))
        per_group[group][side].append((participant, value))
        members[group].add(participant)
        firsts[side].append(first)
        changed[side] += first != value
    return Results(
        participants=len(set().union(*members.values())) if members else 0,
        sides={side: side_stats(side, per_side[side]) for side in SIDES},
        by_group={
            group: {side: side_stats(side, sides[side]) for side in SIDES}
            for group, sides in sorted(per_group.items())
        },
        group_sizes={group: len(ids) for group, ids in members.items()},
        first={side: (_mean(firsts[side]), changed[side]) for side in SIDES},
    )
