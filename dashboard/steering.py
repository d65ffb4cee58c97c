"""Suggested steering points for a neighbourhood (being written; the interface is fixed).

`suggestions()` is called by the council view and the steering back office.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wup.models import Neighbourhood

from .progress import IndicatorProgress, MilestoneForecast


@dataclass(frozen=True)
class Suggestion:
    key: str  # stable, e.g. "indicator:12", "milestone:4", "questions", "triangle:7"
    kind: str  # "indicator" | "milestone" | "questions" | "triangle"
    text: str  # plain Dutch (translatable) sentence saying what is wrong, with figures
    handled: bool  # an open steering action with this reason_key exists


def suggestions(
    neighbourhood: Neighbourhood,
    *,
    progress: list[IndicatorProgress],
    forecasts: list[MilestoneForecast],
    today: datetime.date,
) -> list[Suggestion]:
    """Return what needs steering in this neighbourhood, most urgent first."""
    raise NotImplementedError
