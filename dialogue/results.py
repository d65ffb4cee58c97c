"""The figures of a dialogue session: plain functions over plain data, so they are easy to test.

Per side of the value triangle, overall and per stakeholder group: how many took part (n), the
mean, the median, the distribution of 1–5, the spread (standard deviation) and, for the triangle
as a whole, a balance figure.
"""

from __future__ import annotations

import functools
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import SIDE_QUESTIONS, Perspective, Side, StakeholderGroup, perspective_of

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
# Between perspectives: a side's means at least this far apart are "lower", from the second
# figure on "much lower"; below the first the parties are close together.
PERSPECTIVE_GAP = 0.75
PERSPECTIVE_WIDE_GAP = 1.5
PERSPECTIVES = list(Perspective)


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
    # The perspectives (overheid, markt, samenleving) and the invited parties that scored: a
    # party's representatives score as the party; residents are the samenleving.
    by_perspective: dict[str, dict[str, SideStats]] = field(default_factory=dict)
    perspective_sizes: dict[str, int] = field(default_factory=dict)
    perspective_residents: dict[str, int] = field(default_factory=dict)
    by_party: dict[str, tuple[str, dict[str, SideStats]]] = field(default_factory=dict)
    party_sizes: dict[str, int] = field(default_factory=dict)
    # The results of the other propositions (2, 3) when a session compares alternatives.
    alternatives: dict[int, Results] = field(default_factory=dict)

    def for_proposition(self, number: int) -> Results:
        """Return the results of proposition `number` (these are proposition 1's)."""
        if number == 1:
            return self
        return getattr(self, "alternatives", {}).get(number) or _no_results()

    def perspective_rows(self, public: bool = False) -> list[PerspectiveRow]:
        """One row per perspective with scores. In public a samenleving with residents in it
        is shown only when at least MIN_PUBLIC_GROUP residents scored (a few residents are
        people, not a position); overheid and markt are organisations and always shown."""
        rows = []
        for key in PERSPECTIVES:
            sides = getattr(self, "by_perspective", {}).get(key)
            if not sides:
                continue
            residents = self.perspective_residents.get(key, 0)
            if public and 0 < residents < MIN_PUBLIC_GROUP:
                continue
            rows.append(
                PerspectiveRow(
                    key=key,
                    label=Perspective(key).label,
                    size=self.perspective_sizes[key],
                    residents=residents,
                    means=[sides[side].mean for side in SIDES],
                )
            )
        return rows

    def party_rows(self) -> list[PartyRow]:
        """One row per invited party that scored: an organisation's position, also shown in
        public (its representative speaks for the organisation, not for themselves)."""
        return [
            PartyRow(
                name=name,
                perspective=Perspective(perspective).label,
                size=self.party_sizes[name],
                means=[sides[side].mean for side in SIDES],
            )
            for name, (perspective, sides) in sorted(getattr(self, "by_party", {}).items())
        ]

    def perspective_headline(self, public: bool = False) -> Headline | None:
        """The balance between the perspectives in one plain sentence: None until two
        perspectives have scores on a common side."""
        return perspective_headline(self.perspective_rows(public))

    # For templates, which cannot pass arguments.
    @property
    def headline(self) -> Headline | None:
        return self.perspective_headline()

    @property
    def public_headline(self) -> Headline | None:
        return self.perspective_headline(public=True)

    @property
    def all_perspective_rows(self) -> list[PerspectiveRow]:
        return self.perspective_rows()

    @property
    def public_perspective_rows(self) -> list[PerspectiveRow]:
        return self.perspective_rows(public=True)

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
class PerspectiveRow:
    key: str
    label: str
    size: int
    residents: int
    means: list[float | None]


@dataclass(frozen=True)
class PartyRow:
    name: str
    perspective: str
    size: int
    means: list[float | None]


PERSPECTIVE_NAMES = {
    Perspective.GOVERNMENT: gettext_lazy("de overheid"),
    Perspective.MARKET: gettext_lazy("de markt"),
    Perspective.SOCIETY: gettext_lazy("de samenleving"),
}


@dataclass(frozen=True)
class Headline:
    """How far the perspectives are apart: the largest gap on any side, in words."""

    gap: float
    balance: float  # 1.0: every perspective gives every side the same; 0.0: a 1 against a 5
    low: str = ""
    high: str = ""
    side: str = ""
    low_mean: float | None = None
    high_mean: float | None = None

    @property
    def close(self) -> bool:
        return self.gap < PERSPECTIVE_GAP

    @property
    def text(self) -> str:
        if self.close:
            return _("De partijen liggen dicht bij elkaar.")
        values = {
            "low": str(PERSPECTIVE_NAMES[self.low]),
            "high": str(PERSPECTIVE_NAMES[self.high]),
            "side": Side(self.side).label.lower(),
        }
        if self.gap >= PERSPECTIVE_WIDE_GAP:
            text = _("%(low)s scoort %(side)s veel lager dan %(high)s.") % values
        else:
            text = _("%(low)s scoort %(side)s lager dan %(high)s.") % values
        return text[0].upper() + text[1:]


def perspective_headline(rows: list[PerspectiveRow]) -> Headline | None:
    best = None
    for i, side in enumerate(SIDES):
        scored = [(row.means[i], row.key) for row in rows if row.means[i] is not None]
        if len(scored) < 2:
            continue
        low, high = min(scored), max(scored)
        gap = round(high[0] - low[0], 2)
        if best is None or gap > best[0]:
            best = (gap, side, low, high)
    if best is None:
        return None
    gap, side, low, high = best
    return Headline(
        gap=gap,
        balance=round(1 - gap / 4, 2),
        low=low[1],
        high=high[1],
        side=side,
        low_mean=low[0],
        high_mean=high[0],
    )


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


@functools.cache
def _no_results() -> Results:
    """The results of a proposition nobody scored yet (computed once per process)."""
    return _compute_one([])


def compute_results(rows: Iterable[tuple]) -> Results:
    """Return the results from (participant id, group, side, score[, first score[,
    proposition[, party name, party type]]]) rows: proposition 1's, with the other
    propositions' results in `alternatives`. A first score that is missing or None is the
    score itself; a missing proposition is 1; no party means a resident."""
    per_proposition: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        per_proposition[row[5] if len(row) > 5 and row[5] else 1].append(row)
    first = _compute_one(per_proposition.pop(1, []))
    if not per_proposition:
        return first
    alternatives = {n: _compute_one(per_proposition[n]) for n in sorted(per_proposition)}
    return Results(**{**first.__dict__, "alternatives": alternatives})


def _compute_one(rows: list[tuple]) -> Results:
    per_side: dict[str, list[tuple[int, int]]] = defaultdict(list)
    per_group: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    per_view: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    per_party: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    members: dict[str, set[int]] = defaultdict(set)
    view_members: dict[str, set[int]] = defaultdict(set)
    view_residents: dict[str, set[int]] = defaultdict(set)
    party_members: dict[str, set[int]] = defaultdict(set)
    party_view: dict[str, str] = {}
    everyone: set[int] = set()
    firsts: dict[str, list[int]] = defaultdict(list)
    changed: dict[str, int] = defaultdict(int)
    for participant, group, side, value, *rest in rows:
        first = rest[0] if rest and rest[0] is not None else value
        party, party_type = (rest[2], rest[3]) if len(rest) > 3 else (None, None)
        view = perspective_of(party_type if party else None)
        everyone.add(participant)
        per_side[side].append((participant, value))
        per_view[view][side].append((participant, value))
        view_members[view].add(participant)
        if party:
            per_party[party][side].append((participant, value))
            party_members[party].add(participant)
            party_view[party] = view
        else:
            # Residents score by their group; a party's representative as the party.
            per_group[group][side].append((participant, value))
            members[group].add(participant)
            view_residents[view].add(participant)
        firsts[side].append(first)
        changed[side] += first != value

    def stats(sides):
        return {side: side_stats(side, sides[side]) for side in SIDES}

    return Results(
        participants=len(everyone),
        sides={side: side_stats(side, per_side[side]) for side in SIDES},
        by_group={group: stats(sides) for group, sides in sorted(per_group.items())},
        group_sizes={group: len(ids) for group, ids in members.items()},
        first={side: (_mean(firsts[side]), changed[side]) for side in SIDES},
        by_perspective={view: stats(sides) for view, sides in per_view.items()},
        perspective_sizes={view: len(ids) for view, ids in view_members.items()},
        perspective_residents={view: len(ids) for view, ids in view_residents.items()},
        by_party={party: (party_view[party], stats(sides)) for party, sides in per_party.items()},
        party_sizes={party: len(ids) for party, ids in party_members.items()},
    )


@dataclass(frozen=True)
class Column:
    """One proposition in a side-by-side comparison."""

    number: int
    text: str
    results: Results

    @property
    def key(self) -> str:  # for element ids in templates
        return str(self.number)


def compare(propositions: list[tuple[int, str]], results: Results | None) -> list[Column]:
    """Return the propositions with their results, for showing them side by side; empty for
    a session with one proposition (or no results yet)."""
    if results is None or len(propositions) < 2:
        return []
    return [Column(n, text, results.for_proposition(n)) for n, text in propositions]
