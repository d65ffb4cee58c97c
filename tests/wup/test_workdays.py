"""Dutch working days: due dates for residents' questions skip weekends and public holidays."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wup.workdays import (
    add_working_days,
    easter_sunday,
    is_working_day,
    kings_day,
    public_holidays,
)

D = datetime.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),
        (2285, D(2285, 3, 22)),
    ],
)
def test_easter_sunday_matches_the_calendar(year, easter):
    assert easter_sunday(year) == easter


def test_the_holidays_of_2026():
    assert sorted(public_holidays(2026)) == [
        D(2026, 1, 1),  # Nieuwjaarsdag
        D(2026, 4, 5),  # Eerste Paasdag
        D(2026, 4, 6),  # Tweede Paasdag
        D(2026, 4, 27),  # Koningsdag
        D(2026, 5, 5),  # Bevrijdingsdag, also outside lustrum years (CAO Gemeenten)
        D(2026, 5, 14),  # Hemelvaartsdag
        D(2026, 5, 24),  # Eerste Pinksterdag
        D(2026, 5, 25),  # Tweede Pinksterdag
        D(2026, 12, 25),  # Eerste Kerstdag
        D(2026, 12, 26),  # Tweede Kerstdag
    ]


def test_good_friday_is_a_working_day_for_municipal_staff():
    assert is_working_day(D(2026, 4, 3))


def test_kings_day_moves_to_the_saturday_when_the_27th_is_a_sunday():
    assert kings_day(2025) == D(2025, 4, 26)
    assert D(2025, 4, 27) not in public_holidays(2025)
    assert kings_day(2031) == D(2031, 4, 26)
    # On a Sunday-27th year nothing shifts to Monday: Monday 28 April is an ordinary day.
    assert add_working_days(D(2025, 4, 25), 2) == D(2025, 4, 29)


def test_kings_day_on_a_monday_is_skipped():
    assert not is_working_day(D(2026, 4, 27))
    assert add_working_days(D(2026, 4, 24), 2) == D(2026, 4, 29)


def test_the_day_of_asking_does_not_count():
    assert add_working_days(D(2026, 11, 2), 2) == D(2026, 11, 4)  # Monday → Wednesday


def test_asked_on_friday_or_in_the_weekend_is_due_on_tuesday():
    assert add_working_days(D(2026, 11, 6), 2) == D(2026, 11, 10)  # Friday
    assert add_working_days(D(2026, 11, 7), 2) == D(2026, 11, 10)  # Saturday
    assert add_working_days(D(2026, 11, 8), 2) == D(2026, 11, 10)  # Sunday


@pytest.mark.parametrize(
    ("asked", "due"),
    [
        (D(2026, 4, 2), D(2026, 4, 7)),  # Thursday before Easter: Good Friday, then Tuesday
        (D(2026, 4, 3), D(2026, 4, 8)),  # Good Friday: Tuesday and Wednesday after Easter
        (D(2026, 4, 6), D(2026, 4, 8)),  # on Easter Monday itself
    ],
)
def test_across_easter(asked, due):
    assert add_working_days(asked, 2) == due


def test_across_christmas_and_new_year():
    assert add_working_days(D(2026, 12, 24), 2) == D(2026, 12, 29)
    assert add_working_days(D(2026, 12, 30), 2) == D(2027, 1, 4)
    assert add_working_days(D(2027, 12, 23), 2) == D(2027, 12, 27)  # Christmas on Sat/Sun


def test_across_ascension_and_liberation_day():
    assert add_working_days(D(2026, 5, 13), 2) == D(2026, 5, 18)  # Ascension Thursday
    assert add_working_days(D(2026, 5, 4), 2) == D(2026, 5, 7)  # Bevrijdingsdag Tuesday
    assert add_working_days(D(2026, 5, 22), 2) == D(2026, 5, 27)  # Whit Monday


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(D(2026, 11, 7), 0) == D(2026, 11, 7)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 7), -1)


@given(
    start=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)),
    n=st.integers(min_value=1, max_value=10),
)
def test_the_due_date_is_a_working_day_exactly_n_working_days_later(start, n):
    due = add_working_days(start, n)
    assert is_working_day(due)
    between = [start + datetime.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(is_working_day(d) for d in between) == n
