"""Dutch working days for municipal staff: which days count towards a reply deadline.

A working day is Monday to Friday, except the public holidays municipal staff have off. The
holidays are computed per year, so there is no table to keep up to date.

Bevrijdingsdag (5 May) counts every year, not once every five years as in many other sectors:
the CAO Gemeenten 2023 (article 6.6) made it a paid day off for all municipal staff from 2024 on,
next to Nieuwjaarsdag, Koningsdag and the Christian holidays. Before that each municipality
decided for itself. The Algemene termijnenwet, which extends legal deadlines, also names
5 May every year. Goede Vrijdag is not a day off under the CAO Gemeenten, so it counts as a
working day here.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.utils.translation import gettext_lazy as _


def easter_sunday(year: int) -> datetime.date:
    """Return Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def kings_day(year: int) -> datetime.date:
    """Return Koningsdag: 27 April, or the 26th when the 27th is a Sunday."""
    day = datetime.date(year, 4, 27)
    return day - datetime.timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[datetime.date, str]:
    """Return {date: name} of the holidays municipal staff have off in `year`."""
    easter = easter_sunday(year)
    days = datetime.timedelta
    return {
        datetime.date(year, 1, 1): _("Nieuwjaarsdag"),
        easter: _("Eerste Paasdag"),
        easter + days(1): _("Tweede Paasdag"),
        kings_day(year): _("Koningsdag"),
        datetime.date(year, 5, 5): _("Bevrijdingsdag"),
        easter + days(39): _("Hemelvaartsdag"),
        easter + days(49): _("Eerste Pinksterdag"),
        easter + days(50): _("Tweede Pinksterdag"),
        datetime.date(year, 12, 25): _("Eerste Kerstdag"),
        datetime.date(year, 12, 26): _("Tweede Kerstdag"),
    }


def is_working_day(day: datetime.date) -> bool:
    """Return whether `day` is a Monday to Friday that is not a public holiday."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """Return the n-th working day after `day`; `day` itself never counts.

    So a question asked on Monday is due on Wednesday, and one asked on Friday evening, on a
    Saturday or on Easter Monday is due two working days after the weekend or holiday.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    while n:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day
