"""The municipality's totals against its own target year: homes off gas, homes connected to a
heat network and the people who took part, summed over the neighbourhoods (four queries,
however many neighbourhoods there are)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboard.models import Indicator, Measurement, MunicipalityTarget, StandardIndicator
from dialogue import reach
from wup.models import CbsArea, Municipality


@dataclass(frozen=True)
class Totals:
    """The municipality's totals; None where nothing is known yet."""

    homes: int | None  # CBS, newest reference year of each neighbourhood
    gas_free: int | None  # latest measurement of each neighbourhood, summed
    heat_network: int | None
    people: int  # different people who took part, each counted once
    target_year: int | None
    today: datetime.date

    @property
    def gas_free_percent(self) -> float | None:
        if not self.homes or self.gas_free is None:
            return None
        return round(100 * self.gas_free / self.homes, 1)

    @property
    def people_percent(self) -> float | None:
        return round(min(100.0, 100 * self.people / self.homes), 1) if self.homes else None

    @property
    def years_left(self) -> int | None:
        return None if self.target_year is None else self.target_year - self.today.year

    @property
    def per_year_needed(self) -> int | None:
        """Homes still to go off gas per year to make the target year (None when unknown or
        the target year has come)."""
        years = self.years_left
        if not self.homes or self.gas_free is None or not years or years <= 0:
            return None
        return max(0, -(-(self.homes - self.gas_free) // years))  # rounded up

    def explanation(self) -> str:
        """What the totals are, in one sentence."""
        if self.target_year is None:
            return _(
                "Dit zijn de wijken samen: woningen van het aardgas af en op een warmtenet volgens "
                "de laatste meting in elke wijk, en huishoudens die meededen, elk één keer geteld; "
                "de gemeente heeft nog geen doeljaar gekozen."
            )
        return _(
            "Dit zijn de wijken samen: woningen van het aardgas af en op een warmtenet volgens de "
            "laatste meting in elke wijk, en huishoudens die meededen, elk één keer geteld, "
            "tegen het doeljaar %(year)s waarin de gemeente alle woningen van het aardgas af wil "
            "hebben."
        ) % {"year": self.target_year}

    def pace(self) -> str:
        """How many homes must go off gas each year to make the target year ("" if unknown)."""
        needed = self.per_year_needed
        if needed is None:
            return ""
        return ngettext(
            "Om het doeljaar %(year)s te halen moet er nog %(n)s woning per jaar van het "
            "aardgas af.",
            "Om het doeljaar %(year)s te halen moeten er nog %(n)s woningen per jaar van het "
            "aardgas af.",
            needed,
        ) % {"year": self.target_year, "n": number_format(needed, force_grouping=True)}


def target_year(municipality: Municipality) -> int | None:
    return (
        MunicipalityTarget.objects.filter(municipality=municipality)
        .values_list("target_year", flat=True)
        .first()
    )


_ASK = object()


def municipality_totals(
    municipality: Municipality, *, today: datetime.date, target: int | None | object = _ASK
) -> Totals:
    """Return the municipality's totals on `today` (four queries; three when the caller gives
    the `target` year it read already)."""
    latest = Subquery(
        Measurement.objects.filter(indicator=OuterRef("pk"), date__lte=today)
        .order_by("-date")
        .values("value")[:1]
    )
    sums: dict[str, float] = {}
    for code, value in (
        Indicator.objects.filter(
            neighbourhood__municipality=municipality,
            code__in=[StandardIndicator.GAS_FREE, StandardIndicator.HEAT_NETWORK],
        )
        .annotate(latest=latest)
        .values_list("code", "latest")
    ):
        if value is not None:
            sums[code] = sums.get(code, 0) + float(value)
    # Each neighbourhood's homes in its newest reference year: two years are never summed.
    years: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for neighbourhood_id, year, homes in CbsArea.objects.filter(
        municipality=municipality, neighbourhood__isnull=False, homes__isnull=False
    ).values_list("neighbourhood_id", "reference_year", "homes"):
        years[neighbourhood_id][year] += homes
    homes = sum(by_year[max(by_year)] for by_year in years.values()) if years else None

    def whole(code: str) -> int | None:
        return round(sums[code]) if code in sums else None

    return Totals(
        homes=homes,
        gas_free=whole(StandardIndicator.GAS_FREE),
        heat_network=whole(StandardIndicator.HEAT_NETWORK),
        people=reach.unique_people(municipality.pk),
        target_year=target_year(municipality) if target is _ASK else target,
        today=today,
    )
