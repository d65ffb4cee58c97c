"""The monitoring figures in the written review of a warmteprogramma (designation.review): per
standard indicator that counts (homes, connections), the first and the last measured value in
the period, summed over its neighbourhoods. DashboardConfig.ready() registers `figures`."""

from __future__ import annotations

import datetime

from django.db.models import Sum
from django.utils.formats import localize

from wup.models import Municipality

from .models import IndicatorUnit, Measurement


def figures(municipality: Municipality, since: datetime.date, until: datetime.date) -> list[str]:
    """Lines like 'Aardgasvrije woningen: 120 (1 januari 2022) → 480 (1 januari 2026)'."""
    rows = (
        Measurement.objects.filter(
            indicator__neighbourhood__municipality=municipality,
            date__gte=since,
            date__lte=until,
        )
        .exclude(indicator__code="")
        .filter(indicator__unit=IndicatorUnit.COUNT)  # counts add up; percentages do not
        .values("indicator__code", "indicator__name", "date")
        .annotate(total=Sum("value"))
        .order_by("indicator__code", "date")
    )
    by_code: dict[str, list[dict]] = {}
    for row in rows:
        by_code.setdefault(row["indicator__code"], []).append(row)
    lines = []
    for series in by_code.values():
        first, last = series[0], series[-1]
        lines.append(
            f"{first['indicator__name']}: {localize(first['total'].normalize())} "
            f"({first['date']:%d-%m-%Y}) → {localize(last['total'].normalize())} "
            f"({last['date']:%d-%m-%Y})"
        )
    return lines
