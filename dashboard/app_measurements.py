"""The standard indicators Wijkwaarde measures itself, computed from what residents did here.

- The three pulse scores: the monthly means of the public-value pulse, for months with at
  least `pulse.MIN_RESPONSES` answers (fewer say little and could tell who answered what),
  dated the first of the month.
- The balance of the value triangle: per closed or published dialogue session, the balance of
  its results (`dialogue.results.balance`), dated the session's day. Two sessions on one day
  give the mean of their balances.
- The share of households that took part: everyone who took part in the neighbourhood's
  closed or published sessions up to each session's day, as a percentage of the homes in the
  neighbourhood (CBS key figures; skipped while those are unknown). A person (a household) is
  counted once however many sessions they came to (`dialogue.reach`: an opaque key per phone
  or household code; paper input without a code counts as new); the share is capped at 100.

`refresh` writes these as measurements (via APP) and is idempotent: run it twice and the second
run writes nothing. A measurement entered by hand or imported on the same indicator and date
wins: Wijkwaarde leaves it alone. Its own measurements that no longer follow from the data (a
session unpublished, a month that fell under the minimum) are removed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from dialogue import reach
from dialogue.models import DialogueSession, results_for
from wup.models import Neighbourhood

from .models import DataSource, Indicator, Measurement, StandardIndicator
from .pulse import pulse_summary

PULSE = {
    StandardIndicator.PULSE_TRUST: "trust",
    StandardIndicator.PULSE_CO_OWNERSHIP: "co_ownership",
    StandardIndicator.PULSE_LEGITIMACY: "legitimacy",
}
APP_CODES = [*PULSE, StandardIndicator.TRIANGLE_BALANCE, StandardIndicator.PARTICIPATION]
COUNTED = [DialogueSession.Status.CLOSED, DialogueSession.Status.PUBLISHED]
CENT = Decimal("0.01")

# indicator code → {date: (value, source, note)}
Wanted = dict[str, dict[datetime.date, tuple[Decimal, str, str]]]


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def computed(neighbourhood: Neighbourhood, *, today: datetime.date | None = None) -> Wanted:
    """Return the values the app-measured indicators should have, per code and date.

    Five queries at most: the pulse, the sessions, their results (unless cached), the people
    who took part, the homes.
    """
    today = today or timezone.localdate()
    wanted: Wanted = {code: {} for code in APP_CODES}

    for month in pulse_summary(neighbourhood):
        if month.month > today:
            continue
        note = f"{month.n} antwoorden"
        for code, attribute in PULSE.items():
            wanted[code][month.month] = (
                _decimal(getattr(month, attribute)),
                DataSource.SURVEY,
                note,
            )

    sessions = list(neighbourhood.sessions.filter(status__in=COUNTED).order_by("starts_at", "pk"))
    sessions = [s for s in sessions if timezone.localdate(s.starts_at) <= today]
    results = results_for(sessions) if sessions else {}
    balances: dict[datetime.date, list[float]] = defaultdict(list)
    for session in sessions:
        day = timezone.localdate(session.starts_at)
        balance = results[session.pk].balance
        if balance is not None:
            balances[day].append(balance)
    for day, values in balances.items():
        note = "1 sessie" if len(values) == 1 else f"{len(values)} sessies"
        wanted[StandardIndicator.TRIANGLE_BALANCE][day] = (
            _decimal(sum(values) / len(values)),
            DataSource.APP,
            note,
        )

    people = {
        day: n for day, n in reach.unique_people_by_day(neighbourhood.pk).items() if day <= today
    }
    homes = None
    if people:
        prefetch_related_objects([neighbourhood], "areas")  # key_figures reads them twice
        homes = neighbourhood.key_figures().homes
    if homes:
        for day in sorted(people):
            total = people[day]  # different people up to this day
            share = min(100.0, 100 * total / homes)
            wanted[StandardIndicator.PARTICIPATION][day] = (
                _decimal(share),
                DataSource.APP,
                f"{total} deelnemers, {homes} woningen",
            )
    return wanted


@transaction.atomic
def refresh(neighbourhood: Neighbourhood, *, today: datetime.date | None = None) -> int:
    """Bring the app-measured indicators' measurements up to date; return how many rows were
    created, changed or removed (0 when everything was already up to date)."""
    wanted = computed(neighbourhood, today=today)
    indicators = {
        i.code: i for i in Indicator.objects.filter(neighbourhood=neighbourhood, code__in=APP_CODES)
    }
    existing: dict[int, dict[datetime.date, Measurement]] = defaultdict(dict)
    for m in Measurement.objects.filter(indicator__in=indicators.values()).select_for_update():
        existing[m.indicator_id][m.date] = m
    create, update, remove = [], [], []
    for code, indicator in indicators.items():
        have = existing[indicator.pk]
        want = wanted.get(code, {})
        for day, (value, source, note) in want.items():
            found = have.get(day)
            if found is None:
                create.append(
                    Measurement(
                        indicator=indicator,
                        date=day,
                        value=value,
                        source=source,
                        note=note,
                        via=Measurement.Via.APP,
                    )
                )
            elif found.via != Measurement.Via.APP:
                continue  # a person's figure wins
            elif (found.value, found.source, found.note) != (value, source, note):
                found.value, found.source, found.note = value, source, note
                update.append(found)
        remove += [
            m.pk for day, m in have.items() if m.via == Measurement.Via.APP and day not in want
        ]
    Measurement.objects.bulk_create(create)
    for m in update:
        m.save(update_fields=["value", "source", "note", "entered_at"])
    if remove:
        Measurement.objects.filter(pk__in=remove).delete()
    return len(create) + len(update) + len(remove)
