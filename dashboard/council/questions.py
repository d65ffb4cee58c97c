"""How quickly residents' questions are answered, per neighbourhood: counts and durations only,
no names."""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from wup.models import Question


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


def question_rows(neighbourhood_ids: Iterable[int]):
    """The (neighbourhood_id, asked_at, answered_at, due_on) rows of the neighbourhoods'
    questions (one query)."""
    return Question.objects.filter(neighbourhood_id__in=list(neighbourhood_ids)).values_list(
        "neighbourhood_id", "asked_at", "answered_at", "due_on"
    )


def answer_times_by_neighbourhood(
    neighbourhood_ids: Iterable[int], *, today: datetime.date
) -> dict[int, AnswerTimes]:
    """Map neighbourhood id → its answer times (one query)."""
    ids = list(neighbourhood_ids)
    grouped: dict[int, list] = {pk: [] for pk in ids}
    for pk, *row in question_rows(ids):
        grouped[pk].append(row)
    return {pk: answer_times(rows, today=today) for pk, rows in grouped.items()}
