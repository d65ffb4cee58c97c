"""The indicators Wijkwaarde measures itself: pulse means, triangle balance, participation."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from dashboard import app_measurements
from dashboard.models import Measurement, PulseResponse
from dashboard.tasks import refresh_app_measurements
from dialogue.models import DialogueSession, Participant, Score
from tests.factories import CbsAreaFactory, NeighbourhoodFactory
from wup.models import Neighbourhood

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def _pulse(neighbourhood, month, trust, co_ownership=3, legitimacy=2, prefix="k"):
    PulseResponse.objects.bulk_create(
        PulseResponse(
            neighbourhood=neighbourhood,
            month=month,
            client_key=f"{prefix}{month:%Y%m}{i}",
            trust=t,
            co_ownership=co_ownership,
            legitimacy=legitimacy,
        )
        for i, t in enumerate(trust)
    )


def _session(neighbourhood, day, status, scores, title="Sessie"):
    """A session on `day` with one participant per item of `scores`: (legitimacy, engagement,
    return) per participant."""
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title=title,
        proposition="Warmtenet",
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30))),
        can_influence="a",
        cannot_influence="b",
        status=status,
    )
    session.add_default_prompts()
    prompts = list(session.prompts.order_by("order"))
    for values in scores:
        person = Participant.objects.create(session=session, token=Participant.new_token())
        Score.objects.bulk_create(
            Score(participant=person, prompt=p, value=v)
            for p, v in zip(prompts, values, strict=True)
        )
    return session


def _values(neighbourhood, code):
    return list(
        Measurement.objects.filter(indicator__neighbourhood=neighbourhood, indicator__code=code)
        .order_by("date")
        .values_list("date", "value", "source", "via")
    )


def test_pulse_means_per_month_with_at_least_five_answers(neighbourhood):
    _pulse(neighbourhood, datetime.date(2026, 3, 1), [5, 4, 4, 3, 3], co_ownership=2)
    _pulse(neighbourhood, datetime.date(2026, 4, 1), [5, 5, 5, 5])  # four: too few to show
    _pulse(neighbourhood, datetime.date(2026, 5, 1), [1, 2, 2, 2, 2, 2])
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 6
    assert _values(neighbourhood, "peiling_vertrouwen") == [
        (datetime.date(2026, 3, 1), Decimal("3.80"), "enquete", "app"),
        (datetime.date(2026, 5, 1), Decimal("1.83"), "enquete", "app"),
    ]
    assert [v for _d, v, *_ in _values(neighbourhood, "peiling_mede_eigenaarschap")] == [
        Decimal("2.00"),
        Decimal("3.00"),
    ]
    assert [v for _d, v, *_ in _values(neighbourhood, "peiling_legitimiteit")] == [
        Decimal("2.00"),
        Decimal("2.00"),
    ]
    m = Measurement.objects.get(
        indicator__code="peiling_vertrouwen", date=datetime.date(2026, 3, 1)
    )
    assert m.note == "5 antwoorden"


def test_triangle_balance_per_closed_or_published_session(neighbourhood):
    _session(neighbourhood, datetime.date(2026, 2, 10), "gesloten", [(4, 4, 4), (4, 4, 4)])
    _session(neighbourhood, datetime.date(2026, 3, 10), "gepubliceerd", [(5, 1, 3)])  # 1 - 4/4
    _session(neighbourhood, datetime.date(2026, 4, 10), "gepland", [(5, 5, 5)])  # not held yet
    _session(neighbourhood, datetime.date(2026, 4, 11), "live", [(5, 5, 5)])
    _session(neighbourhood, datetime.date(2026, 5, 10), "gesloten", [])  # nobody scored
    app_measurements.refresh(neighbourhood, today=TODAY)
    assert _values(neighbourhood, "driehoek_balans") == [
        (datetime.date(2026, 2, 10), Decimal("1.00"), "app", "app"),
        (datetime.date(2026, 3, 10), Decimal("0.00"), "app", "app"),
    ]


def test_two_sessions_on_one_day_give_the_mean_of_their_balances(neighbourhood):
    day = datetime.date(2026, 2, 10)
    _session(neighbourhood, day, "gesloten", [(4, 4, 4)], title="Middag")
    _session(neighbourhood, day, "gesloten", [(4, 2, 4)], title="Avond")  # balance 0.5
    app_measurements.refresh(neighbourhood, today=TODAY)
    assert [v for _d, v, *_ in _values(neighbourhood, "driehoek_balans")] == [Decimal("0.75")]


def test_participation_share_adds_up_participants_against_homes(neighbourhood):
    CbsAreaFactory(neighbourhood=neighbourhood, homes=300)
    CbsAreaFactory(neighbourhood=neighbourhood, homes=100)
    _session(neighbourhood, datetime.date(2026, 2, 10), "gesloten", [(3, 3, 3)] * 10)
    _session(neighbourhood, datetime.date(2026, 3, 10), "gepubliceerd", [(3, 3, 3)] * 30)
    _session(neighbourhood, datetime.date(2026, 4, 10), "gepland", [(3, 3, 3)] * 50)
    app_measurements.refresh(neighbourhood, today=TODAY)
    assert [(d, v) for d, v, *_ in _values(neighbourhood, "deelname")] == [
        (datetime.date(2026, 2, 10), Decimal("2.50")),
        (datetime.date(2026, 3, 10), Decimal("10.00")),
    ]
    latest = Measurement.objects.get(indicator__code="deelname", date=datetime.date(2026, 3, 10))
    assert latest.note == "40 deelnemers, 400 woningen"


def test_participation_is_skipped_while_the_homes_are_unknown(neighbourhood):
    _session(neighbourhood, datetime.date(2026, 2, 10), "gesloten", [(3, 3, 3)] * 10)
    app_measurements.refresh(neighbourhood, today=TODAY)
    assert _values(neighbourhood, "deelname") == []
    assert len(_values(neighbourhood, "driehoek_balans")) == 1


def test_participation_share_is_capped_at_all_homes(neighbourhood):
    CbsAreaFactory(neighbourhood=neighbourhood, homes=5)
    _session(neighbourhood, datetime.date(2026, 2, 10), "gesloten", [(3, 3, 3)] * 8)
    app_measurements.refresh(neighbourhood, today=TODAY)
    assert [v for _d, v, *_ in _values(neighbourhood, "deelname")] == [Decimal("100.00")]


def test_refresh_is_idempotent_and_follows_changes(neighbourhood):
    _pulse(neighbourhood, datetime.date(2026, 3, 1), [4, 4, 4, 4, 4])
    session = _session(neighbourhood, datetime.date(2026, 2, 10), "gesloten", [(4, 4, 4)])
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 4
    before = list(Measurement.objects.order_by("pk").values_list("pk", "value", "entered_at"))
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 0
    assert (
        list(Measurement.objects.order_by("pk").values_list("pk", "value", "entered_at")) == before
    )

    # One more answer changes the March means; the session is taken back to draft.
    _pulse(neighbourhood, datetime.date(2026, 3, 1), [1], prefix="extra")
    session.status = "concept"
    session.save()
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 3 + 1
    assert _values(neighbourhood, "peiling_vertrouwen")[0][1] == Decimal("3.50")
    assert _values(neighbourhood, "driehoek_balans") == []


def test_a_persons_measurement_on_the_same_date_wins(neighbourhood, lead):
    _pulse(neighbourhood, datetime.date(2026, 3, 1), [4, 4, 4, 4, 4])
    trust = neighbourhood.indicators.get(code="peiling_vertrouwen")
    Measurement.objects.create(
        indicator=trust,
        date=datetime.date(2026, 3, 1),
        value=Decimal("3.1"),
        source="enquete",
        entered_by=lead,
        note="eigen enquête",
    )
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 2  # the other two questions
    kept = trust.measurements.get()
    assert (kept.value, kept.via, kept.note) == (Decimal("3.10"), "hand", "eigen enquête")
    # And it is not removed as "no longer computed" either.
    PulseResponse.objects.all().delete()
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 2
    assert trust.measurements.get().via == "hand"


def test_future_months_and_sessions_wait(neighbourhood):
    _pulse(neighbourhood, datetime.date(2026, 7, 1), [4, 4, 4, 4, 4])
    _session(neighbourhood, datetime.date(2026, 7, 2), "gesloten", [(4, 4, 4)])
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 0


def test_other_neighbourhoods_are_left_alone(neighbourhood, municipality):
    other = NeighbourhoodFactory(municipality=municipality)
    _pulse(other, datetime.date(2026, 3, 1), [4, 4, 4, 4, 4])
    assert app_measurements.refresh(neighbourhood, today=TODAY) == 0
    assert not Measurement.objects.exists()


def test_refresh_query_count_is_fixed(neighbourhood, django_assert_num_queries):
    CbsAreaFactory(neighbourhood=neighbourhood, homes=400)
    for month in range(1, 6):
        _pulse(neighbourhood, datetime.date(2026, month, 1), [3, 3, 3, 3, 3])
    for day in range(1, 6):
        _session(neighbourhood, datetime.date(2026, 2, day), "gesloten", [(4, 4, 4)] * 3)
    app_measurements.refresh(neighbourhood, today=TODAY)
    neighbourhood = Neighbourhood.objects.get(pk=neighbourhood.pk)  # nothing prefetched
    # savepoint pair, pulse, sessions, results (cached after the first run), areas,
    # indicators, measurements (locked); nothing written.
    with django_assert_num_queries(8):  # the people who took part: one query of their own
        assert app_measurements.refresh(neighbourhood, today=TODAY) == 0


def test_nightly_task_refreshes_every_neighbourhood(neighbourhood, municipality):
    other = NeighbourhoodFactory(municipality=municipality)
    _pulse(neighbourhood, datetime.date(2026, 3, 1), [4, 4, 4, 4, 4])
    _pulse(other, datetime.date(2026, 3, 1), [2, 2, 2, 2, 2])
    assert refresh_app_measurements.delay().get() == 6
    assert refresh_app_measurements.delay().get() == 0
    assert _values(other, "peiling_vertrouwen")[0][1] == Decimal("2.00")


def test_one_failing_neighbourhood_does_not_stop_the_rest(neighbourhood, municipality, monkeypatch):
    other = NeighbourhoodFactory(municipality=municipality)
    _pulse(other, datetime.date(2026, 3, 1), [2, 2, 2, 2, 2])
    real = app_measurements.refresh

    def flaky(n, **kwargs):
        if n.pk == neighbourhood.pk:
            raise RuntimeError("kapot")
        return real(n, **kwargs)

    monkeypatch.setattr(app_measurements, "refresh", flaky)
    assert refresh_app_measurements.delay().get() == 3
