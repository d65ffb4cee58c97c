"""The council's dashboard: the municipality overview (table and status map), one neighbourhood
in four blocks, who may read them, and query counts that do not grow with the data.

The story built here (also used by test_council_report.py and tests/e2e/test_council.py), with
dates relative to today:

- Bloemenwijk: homes gas-free far behind the adopted route, heat network on route; one
  milestone achieved, one slipping on the critical path; a kept and an open agreement; an open
  development that would delay a milestone; a steering action waiting for the raad; pulse
  months with enough and with too few answers; one question answered on time, one overdue.
- Vogelwijk: on route. Zonnewijk: nothing measured yet.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from dashboard import charts, svg
from dashboard.council.common import STATUS_LABELS
from dashboard.council.milestones import (
    forecasts_for,
    is_achieved,
    milestones_by_neighbourhood,
    next_milestone,
    slipping,
)
from dashboard.council.neighbourhood import TableRow, chart_table, neighbourhood_dashboard
from dashboard.council.overview import NeighbourhoodRow, key_message, overview_rows
from dashboard.council.questions import AnswerTimes, answer_times
from dashboard.models import (
    CouncilRecord,
    CouncilRecordKind,
    Development,
    DevelopmentImpact,
    Indicator,
    Measurement,
    PulseResponse,
    RoutePoint,
    StandardIndicator,
    SteeringAction,
)
from dashboard.progress import figure, indicator_progress
from dashboard.route import RouteStatus
from dialogue.models import DialogueSession, Participant, Score
from roadmap.models import (
    Agreement,
    AgreementStatus,
    Milestone,
    MilestoneStatus,
    Roadmap,
    RoadmapVersion,
    adopt,
)
from tests.factories import CbsAreaFactory, MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import Question, Role
from wup.theme import contrast_ratio

DAY = datetime.timedelta(days=1)


# --- Building the story -------------------------------------------------------------------------


def square(west: float, south: float, size: float = 0.01) -> dict:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def indicator(neighbourhood, code: str) -> Indicator:
    return Indicator.objects.get(neighbourhood=neighbourhood, code=code)


def plan(ind: Indicator, points, version=None) -> None:
    RoutePoint.objects.bulk_create(
        RoutePoint(indicator=ind, date=day, value=Decimal(value), version=version)
        for day, value in points
    )


def measure(ind: Indicator, points) -> None:
    Measurement.objects.bulk_create(
        Measurement(indicator=ind, date=day, value=Decimal(value), source=ind.source)
        for day, value in points
    )


def adopt_roadmap(roadmap: Roadmap, today: datetime.date) -> RoadmapVersion:
    return adopt(
        roadmap, by="college", decision_date=today - 400 * DAY, decision_reference="B&W-2024-1"
    )


def build_story(municipality, neighbourhood, party, *, today: datetime.date) -> dict:
    """The three neighbourhoods of the module docstring; returns the objects tests look at."""
    start, end = today - 730 * DAY, today + 1460 * DAY
    CbsAreaFactory(neighbourhood=neighbourhood, geometry=square(5.10, 52.10))

    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Warmtenet.")
    plan_ready = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Warmteplan klaar",
        baseline_date=today - 300 * DAY,
        achieved_date=today - 280 * DAY,
        status=MilestoneStatus.ACHIEVED,
    )
    first_homes = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Eerste woningen aangesloten",
        baseline_date=today + 100 * DAY,
        forecast_date=today + 190 * DAY,
        status=MilestoneStatus.DELAYED,
    )
    first_homes.depends_on.set([plan_ready])
    all_homes = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Hele wijk aardgasvrij",
        baseline_date=today + 700 * DAY,
    )
    all_homes.depends_on.set([first_homes])
    kept = Agreement.objects.create(
        roadmap=roadmap,
        title="Convenant warmtenet",
        agreement_type="convenant",
        status=AgreementStatus.FULFILLED,
    )
    kept.parties.add(party)
    Agreement.objects.create(
        roadmap=roadmap,
        title="Huurdersafspraak",
        agreement_type="informele_afspraak",
        status=AgreementStatus.IN_PROGRESS,
    )

    gas_free = indicator(neighbourhood, StandardIndicator.GAS_FREE)
    heat = indicator(neighbourhood, StandardIndicator.HEAT_NETWORK)
    plan(gas_free, [(start, 0), (end, 600)])
    plan(heat, [(start, 0), (end, 300)])
    measure(gas_free, [(start, 0), (today - 365 * DAY, 50), (today - 30 * DAY, 80)])
    measure(heat, [(today - 365 * DAY, 40), (today - 60 * DAY, 100)])
    version = adopt_roadmap(roadmap, today)
    # The draft route changes after adoption; the council still measures against version 1.
    RoutePoint.objects.filter(indicator=gas_free, version=None).update(value=Decimal(1))

    SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title="Extra subsidieloket voor eigenaren",
        owner="Gemeente Testdal",
        due_on=today + 60 * DAY,
        decided_by="raad",
        status="voorgesteld",
        reason_key=f"indicator:{gas_free.pk}",
        indicator=gas_free,
    )
    SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title="Informatieavond huurders",
        owner="Woonstichting Testdal",
        due_on=today - 10 * DAY,
        decided_by="college",
        status="bezig",
    )
    development = Development.objects.create(
        municipality=municipality,
        title="Netcongestie bij het onderstation",
        occurs_on=today + 30 * DAY,
        kind="netcongestie",
        likelihood="groot",
    )
    DevelopmentImpact.objects.create(development=development, milestone=first_homes, delay_days=120)

    month = today.replace(day=1)
    earlier = (month - DAY).replace(day=1)
    PulseResponse.objects.bulk_create(
        [
            *(
                PulseResponse(
                    neighbourhood=neighbourhood,
                    month=earlier,
                    client_key=f"a{i}",
                    trust=4,
                    co_ownership=3,
                    legitimacy=2,
                )
                for i in range(5)
            ),
            *(
                PulseResponse(
                    neighbourhood=neighbourhood,
                    month=month,
                    client_key=f"b{i}",
                    trust=1,
                    co_ownership=1,
                    legitimacy=1,
                )
                for i in range(3)
            ),
        ]
    )
    asked = timezone.now() - 20 * DAY
    Question.objects.create(
        neighbourhood=neighbourhood,
        asker_email="bewoner@example.org",
        asker_name="Geheime Naam",
        text="Wanneer is onze straat aan de beurt?",
        asked_at=asked,
        due_on=timezone.localdate(asked) + 2 * DAY,
        answered_at=asked + DAY,
        answer="In 2027.",
    )
    Question.objects.create(
        neighbourhood=neighbourhood,
        asker_email="ander@example.org",
        text="Wat kost het?",
        asked_at=asked,
        due_on=timezone.localdate(asked) + 2 * DAY,
    )

    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Warmtenet in de Bloemenwijk?",
        proposition="Een warmtenet.",
        starts_at=timezone.now() - 200 * DAY,
        can_influence="a",
        cannot_influence="b",
        status=DialogueSession.Status.PUBLISHED,
        published_at=timezone.now() - 190 * DAY,
    )
    session.add_default_prompts()
    for token, value in [("p1", 4), ("p2", 2)]:
        participant = Participant.objects.create(session=session, token=token)
        Score.objects.bulk_create(
            Score(participant=participant, prompt=prompt, value=value)
            for prompt in session.prompts.all()
        )

    vogelwijk = NeighbourhoodFactory(municipality=municipality, name="Vogelwijk", slug="vogelwijk")
    CbsAreaFactory(neighbourhood=vogelwijk, geometry=square(5.12, 52.10))
    vogel_roadmap = Roadmap.objects.create(neighbourhood=vogelwijk)
    vogel_heat = indicator(vogelwijk, StandardIndicator.HEAT_NETWORK)
    plan(vogel_heat, [(start, 0), (end, 300)])
    measure(vogel_heat, [(today - 100 * DAY, 150)])
    adopt_roadmap(vogel_roadmap, today)

    zonnewijk = NeighbourhoodFactory(municipality=municipality, name="Zonnewijk", slug="zonnewijk")
    CbsAreaFactory(neighbourhood=zonnewijk, geometry=square(5.14, 52.10))

    return {
        "today": today,
        "bloemenwijk": neighbourhood,
        "vogelwijk": vogelwijk,
        "zonnewijk": zonnewijk,
        "version": version,
        "gas_free": gas_free,
        "heat": heat,
        "plan_ready": plan_ready,
        "first_homes": first_homes,
        "all_homes": all_homes,
        "development": development,
        "session": session,
    }


@pytest.fixture
def story(municipality, neighbourhood, party):
    return build_story(municipality, neighbourhood, party, today=timezone.localdate())


def add_routes_that_speed_up(story) -> dict:
    """Two indicators in Bloemenwijk that are on route today: one a little behind its straight
    route, within the margin, so late by that delay; the other on a route that starts slowly and
    speeds up later (as when a heat network is still to come), on plan and so on time (at
    today's pace it would have read "after 2050")."""
    today, hood = story["today"], story["bloemenwijk"]

    def custom(name: str) -> Indicator:
        return Indicator.objects.create(
            neighbourhood=hood,
            name=name,
            category="output",
            unit="aantal",
            direction="up",
            source="corporatie",
            order=50,
        )

    late = custom("Aansluitingen oost")
    plan(late, [(today - 730 * DAY, 0), (today + 730 * DAY, 200)], version=story["version"])
    # Planned 95.9 on the day of the measurement: 4% short, on route, about a month late.
    measure(late, [(today - 400 * DAY, 40), (today - 30 * DAY, 92)])
    beyond = custom("Aansluitingen west")
    plan(
        beyond,
        [(today - 730 * DAY, 0), (today + 365 * DAY, 10), (today + 1460 * DAY, 1000)],
        version=story["version"],
    )
    measure(beyond, [(today - 400 * DAY, 3), (today - 30 * DAY, 7)])
    return {"late": late, "beyond": beyond, "speeds_up": beyond}


def populate(municipality, count: int, *, today: datetime.date) -> None:
    """Add `count` neighbourhoods, each with a boundary, an adopted route, a measurement and a
    milestone depending on another: enough that a query per neighbourhood would show."""
    party = municipality.parties.first()
    for i in range(count):
        n = NeighbourhoodFactory(municipality=municipality, name=f"Wijk {i:04d}")
        CbsAreaFactory(neighbourhood=n, geometry=square(5.0 + i * 0.01, 52.0))
        roadmap = Roadmap.objects.create(neighbourhood=n)
        version = RoadmapVersion.objects.create(
            roadmap=roadmap,
            number=1,
            adopted_by="college",
            decision_date=today,
            decision_reference=f"B&W-{i}",
            snapshot={},
            checksum="x",
        )
        heat = indicator(n, StandardIndicator.HEAT_NETWORK)
        plan(heat, [(today - 365 * DAY, 0), (today + 365 * DAY, 100)], version=version)
        measure(heat, [(today - 30 * DAY, 10 * (i % 7))])
        first = Milestone.objects.create(
            roadmap=roadmap, owner=party, title="Start", baseline_date=today + 10 * DAY
        )
        second = Milestone.objects.create(
            roadmap=roadmap, owner=party, title="Klaar", baseline_date=today + 400 * DAY
        )
        second.depends_on.set([first])


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=["testdal", *args])


# --- Plain functions ----------------------------------------------------------------------------


def test_answer_times_count_durations_on_time_and_overdue_without_names():
    today = datetime.date(2026, 3, 10)
    tz = timezone.get_current_timezone()
    asked = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=tz)
    rows = [
        (asked, asked + datetime.timedelta(hours=12), datetime.date(2026, 3, 4)),  # 0.5 day
        (asked, asked + 3 * DAY, datetime.date(2026, 3, 4)),  # 3 days, a day late
        # Answered late in the evening of its due date, Amsterdam time: still on time.
        (asked, datetime.datetime(2026, 3, 4, 23, 30, tzinfo=tz), datetime.date(2026, 3, 4)),
        (asked, None, datetime.date(2026, 3, 9)),  # open, overdue
        (asked, None, datetime.date(2026, 3, 10)),  # open, due today: not overdue yet
    ]
    times = answer_times(rows, today=today)
    assert (times.asked, times.answered, times.open_overdue) == (5, 3, 1)
    assert times.median_days == 2.6  # 0.5, 2.6 and 3.0 days
    assert times.on_time_share == pytest.approx(2 / 3)
    assert times.on_time_percent == 67


def test_answer_times_without_questions_or_answers():
    today = datetime.date(2026, 3, 10)
    assert answer_times([], today=today) == AnswerTimes(0, 0, None, None, 0)
    asked = timezone.now()
    open_only = answer_times([(asked, None, today)], today=today)
    assert (open_only.median_days, open_only.on_time_percent, open_only.open_overdue) == (
        None,
        None,
        0,
    )


def test_next_milestone_is_the_earliest_expected_that_is_not_achieved(story):
    forecasts = forecasts_for(
        milestones_by_neighbourhood([story["bloemenwijk"].pk])[story["bloemenwijk"].pk]
    )
    upcoming = next_milestone(forecasts)
    assert upcoming.milestone == story["first_homes"]
    assert upcoming.slip_days == 90
    assert [f.milestone for f in slipping(forecasts)] == [
        story["first_homes"],
        story["all_homes"],  # pushed by the milestone it depends on
    ]
    assert next_milestone([f for f in forecasts if is_achieved(f.milestone)]) is None


def test_a_dependency_loop_does_not_break_the_overview(story):
    story["plan_ready"].depends_on.set([story["all_homes"]])  # the editor would refuse this
    milestones = milestones_by_neighbourhood([story["bloemenwijk"].pk])
    forecasts = forecasts_for(milestones[story["bloemenwijk"].pk])
    assert {f.milestone.title: f.slip_days for f in forecasts} == {
        "Warmteplan klaar": 20,
        "Eerste woningen aangesloten": 90,
        "Hele wijk aardgasvrij": 0,
    }


@pytest.mark.parametrize("detail", [False, True])
def test_overview_rows_measure_against_the_adopted_route(story, detail):
    today = story["today"]
    rows = {
        r.neighbourhood.slug: r
        for r in overview_rows(
            [story["bloemenwijk"], story["vogelwijk"], story["zonnewijk"]],
            today=today,
            detail=detail,
        )
    }
    bloemen = rows["bloemenwijk"]
    # Against the draft (now 1 everywhere) 80 homes would be far ahead; against version 1 they
    # are far behind.
    assert bloemen.status == RouteStatus.FAR_BEHIND
    assert bloemen.behind == 1
    if detail:
        assert [p.indicator for p in bloemen.deviations] == [story["gas_free"]]
    else:
        assert bloemen.progress == bloemen.forecasts == []
    assert bloemen.last_measured == today - 30 * DAY
    assert rows["vogelwijk"].status == RouteStatus.ON_ROUTE
    assert rows["zonnewijk"].status == RouteStatus.NO_DATA
    assert rows["zonnewijk"].last_measured is None
    assert rows["zonnewijk"].next_milestone is None


def _shown(row) -> tuple:
    """What the overview shows of a row, and what the key message counts."""
    f = row.next_milestone
    upcoming = (f.milestone.pk, f.milestone.title, f.expected, f.slip_days) if f else None
    return (row.status, row.behind, row.last_measured, upcoming, row.late_milestones)


@pytest.mark.parametrize("loop", [False, True])
def test_the_overview_summary_shows_what_the_detailed_rows_show(story, loop):
    if loop:  # a dependency loop falls back to the milestones' own dates in both modes
        story["plan_ready"].depends_on.set([story["all_homes"]])
    today = story["today"]
    measure(story["heat"], [(today + 5 * DAY, 120)])
    Milestone.objects.create(
        roadmap=story["bloemenwijk"].roadmap,
        owner=story["first_homes"].owner,
        title="Geschrapt",
        baseline_date=today - 100 * DAY,
        status=MilestoneStatus.CANCELLED,
    )
    hoods = [story["bloemenwijk"], story["vogelwijk"], story["zonnewijk"]]
    summary = overview_rows(hoods, today=today)
    detail = overview_rows(hoods, today=today, detail=True)
    assert [_shown(r) for r in summary] == [_shown(r) for r in detail]
    assert summary[0].next_milestone is not None
    assert key_message(summary) == key_message(detail)


def test_overview_summary_queries(story):
    hoods = [story["bloemenwijk"], story["vogelwijk"], story["zonnewijk"]]
    with CaptureQueriesContext(connection) as queries:
        overview_rows(hoods, today=story["today"])
    # Indicators with their latest measurement, route points, milestones, dependencies.
    assert len(queries) == 4


def test_a_measurement_entered_ahead_of_time_is_not_the_last_measurement(story):
    today = story["today"]
    measure(story["heat"], [(today + 5 * DAY, 120)])
    (row,) = overview_rows([story["bloemenwijk"]], today=today)
    assert row.last_measured == today - 30 * DAY


def test_key_message_says_how_many_stand_where():
    today = datetime.date(2026, 1, 1)
    assert key_message([]) == "Er zijn nog geen wijken."

    def row(status):
        return NeighbourhoodRow(None, [], [], status, 0, None, None)

    rows = [row(RouteStatus.FAR_BEHIND), row(RouteStatus.ON_ROUTE), row(RouteStatus.NO_DATA)]
    message = key_message(rows, open_developments=1, raad_decisions=2)
    assert message == (
        "Van de 3 wijken liggen er 1 op route, 0 achter en 1 ver achter. "
        "Van 1 wijk zijn nog geen metingen tegen de route. 0 tussendoelen lopen uit. "
        "1 nieuwe ontwikkeling is nog niet verwerkt in de planning. "
        "2 voorstellen wachten op een besluit van de raad."
    )
    assert today  # the message does not depend on the date


def test_route_chart_shows_route_measurements_today_and_the_forecast(story):
    today = story["today"]
    progress = {
        p.indicator.code: p
        for p in indicator_progress([story["bloemenwijk"]], on=today)[story["bloemenwijk"].pk]
    }
    figure = charts.route_chart(progress[StandardIndicator.GAS_FREE], today=today)
    names = [trace["name"] for trace in figure["data"]]
    assert names == [
        "Route (gepland)",
        "Gemeten",
        "Verwacht: de route, opgeschoven met de achterstand",
    ]
    route_trace, measured, forecast = figure["data"]
    assert route_trace["y"] == [0.0, 600.0]
    assert route_trace["line"]["dash"] == "dash"  # not only colour tells the lines apart
    assert measured["y"] == [0.0, 50.0, 80.0]
    assert figure["layout"]["shapes"][0]["x0"] == today.isoformat()
    assert charts.route_chart(progress[StandardIndicator.LABEL_B], today=today) is None
    # The heat network reaches its target before the route's end: drawn to the forecast.
    heat = charts.route_chart(progress[StandardIndicator.HEAT_NETWORK], today=today)
    heat_forecast = heat["data"][-1]
    assert heat_forecast["x"] == [
        (today - 60 * DAY).isoformat(),
        progress[StandardIndicator.HEAT_NETWORK].forecast.isoformat(),
    ]
    assert heat_forecast["y"] == [100.0, 300.0]
    assert len(heat["layout"]["annotations"]) == 1  # just "vandaag"
    # Homes gas-free: 80 is where the straight route was 408 days before the measurement, so
    # the rest of the route is drawn 408 days later, to the target.
    gas_free = progress[StandardIndicator.GAS_FREE]
    assert gas_free.projection.delay_days == 408
    assert gas_free.forecast == gas_free.target.date + 408 * DAY
    assert forecast["x"] == [(today - 30 * DAY).isoformat(), gas_free.forecast.isoformat()]
    assert forecast["y"] == [80.0, 600.0]
    assert len(figure["layout"]["annotations"]) == 1
    # Counts show as whole numbers, with Dutch separators.
    assert measured["hovertemplate"] == "%{x|%d-%m-%Y}: %{y:,.0f}<extra></extra>"
    assert figure["layout"]["separators"] == ",."


def test_route_chart_stops_a_forecast_after_2050_at_its_edge(story):
    today = story["today"]
    added = add_routes_that_speed_up(story)
    # Nothing measured ten years into a route that ends in 2043: ten years behind, past 2050.
    stuck = Indicator.objects.create(
        neighbourhood=story["bloemenwijk"],
        name="Aansluitingen noord",
        category="output",
        unit="aantal",
        direction="up",
        source="corporatie",
        order=70,
    )
    plan(
        stuck,
        [(today - 3650 * DAY, 0), (datetime.date(2043, 12, 31), 1000)],
        version=story["version"],
    )
    measure(stuck, [(today - 400 * DAY, 0), (today - 30 * DAY, 0)])
    progress = indicator_progress([story["bloemenwijk"]], on=today)[story["bloemenwijk"].pk]
    beyond = next(p for p in progress if p.indicator == stuck)
    assert beyond.forecast.year > 2050
    assert beyond.outlook == "beyond"
    figure = charts.route_chart(beyond, today=today)
    forecast = figure["data"][-1]
    assert forecast["name"] == "Verwacht: de route, opgeschoven met de achterstand"
    end = beyond.target.date + charts.FORECAST_CUT_PAST_TARGET
    assert forecast["x"][-1] == end.isoformat()
    assert 0 < forecast["y"][-1] < 1000
    assert figure["layout"]["annotations"][-1]["text"] == "verwacht: doel pas na 2050 →"
    # A route that starts slowly and speeds up later, on plan: on time, not "after 2050".
    on_plan = next(p for p in progress if p.indicator == added["speeds_up"])
    assert on_plan.outlook == "on_time"
    assert on_plan.forecast <= on_plan.target.date
    # Year ticks, at most about ten of them.
    assert figure["layout"]["xaxis"]["tickformat"] == "%Y"
    assert figure["layout"]["xaxis"]["dtick"] == "M36"  # 2016 to 2044: every third year


def test_route_chart_leaves_out_measurements_after_today(story):
    today = story["today"]
    measure(story["heat"], [(today + 5 * DAY, 120)])
    progress = indicator_progress([story["bloemenwijk"]], on=today)[story["bloemenwijk"].pk]
    heat = next(p for p in progress if p.indicator == story["heat"])
    figure = charts.route_chart(heat, today=today)
    measured = next(t for t in figure["data"] if t["name"] == "Gemeten")
    assert measured["y"] == [40.0, 100.0]
    assert figure["data"][-1]["x"][0] == (today - 60 * DAY).isoformat()  # from the latest known
    assert today + 5 * DAY not in [r.date for r in chart_table(heat)]


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (603.9999999, "aantal", "604"),
        (604.0, "aantal", "604"),
        (36.45, "aantal", "36"),
        (1210, "aantal", "1.210"),
        (9.4833, "procent", "9,5"),
        (36, "procent", "36,0"),
        (3.875, "score", "3,9"),
        (4, "score", "4,0"),
        (0.7912, "index", "0,79"),
        (1234.5, "m3_jaar", "1.235"),
        (-0.001, "index", "0,00"),  # not "-0,00"
        (None, "aantal", "–"),
    ],
)
def test_figures_have_the_precision_of_their_unit(value, unit, shown):
    assert figure(value, unit) == shown


def test_figures_can_show_a_rise_and_follow_the_language():
    assert figure(18, "aantal", signed=True) == "+18"
    assert figure(-7, "aantal", signed=True) == "-7"
    assert figure(0, "aantal", signed=True) == "0"
    with translation.override("en"):
        assert figure(1210.4, "aantal") == "1,210"
        assert figure(9.48, "procent") == "9.5"


def test_route_chart_without_a_forecast_when_the_target_is_met(story):
    today = story["today"]
    measure(story["heat"], [(today - 5 * DAY, 300)])
    progress = indicator_progress([story["bloemenwijk"]], on=today)[story["bloemenwijk"].pk]
    heat = next(p for p in progress if p.indicator == story["heat"])
    figure = charts.route_chart(heat, today=today)
    assert [t["name"] for t in figure["data"]] == ["Route (gepland)", "Gemeten"]
    view = neighbourhood_dashboard(story["bloemenwijk"], today=today)
    assert next(v for v in view.indicators if v.indicator == story["heat"]).forecast_met


def _indicator_rows(page: str) -> dict[str, str]:
    """The rows of the indicator table as text, by indicator name."""
    start = page.index('id="cap-indicatoren"')
    table = page[start : page.index("</table>", start)]
    rows = re.findall(r'<tr class="utrecht-table__row">(.*?)</tr>', table, re.S)[1:]
    return {_text(row).split(" (")[0]: _text(row) for row in rows}


def test_the_indicator_table_explains_a_route_that_speeds_up_later(client, story, council_member):
    today = story["today"]
    add_routes_that_speed_up(story)
    client.force_login(council_member)
    page = client.get(url("council_neighbourhood", "bloemenwijk")).content.decode()
    rows = _indicator_rows(page)
    late = rows["Aansluitingen oost"]
    assert re.search(r"Op route .+ later dan gepland", late)
    assert (
        "Nu binnen de marge van de route, maar met de achterstand van nu halen we het doel "
        "later dan gepland." in late
    )
    # On plan on a route that speeds up later: on time, with its date and no note.
    speeds_up = rows["Aansluitingen west"]
    assert "later dan" not in speeds_up
    assert " Nu " not in speeds_up
    assert not re.search(r"\b2[1-9]\d\d\b", speeds_up)  # no year like 2103
    # In time: the date and nothing more. Far behind and late: the status says it, no note.
    progress = {
        p.indicator.pk: p
        for p in indicator_progress([story["bloemenwijk"]], on=today)[story["bloemenwijk"].pk]
    }
    heat_forecast = date_format(progress[story["heat"].pk].forecast, "j F Y")
    assert rows["Woningen aangesloten op het warmtenet"].endswith(f" {heat_forecast}")
    assert "later dan gepland" in rows["Woningen aardgasvrij"]
    assert " Nu " not in rows["Woningen aardgasvrij"]
    # The method in one sentence, once, above the table.
    assert (
        "Verwacht: wanneer het doel is bereikt als de rest van de vastgestelde route wordt "
        "gevolgd, opgeschoven met de achterstand of voorsprong die de laatste meting laat zien."
        in page
    )


def test_one_measurement_is_enough_for_a_forecast_along_the_route(client, story, council_member):
    client.force_login(council_member)
    page = client.get(url("council_neighbourhood", "vogelwijk")).content.decode()
    heat = _indicator_rows(page)["Woningen aangesloten op het warmtenet"]
    # 150 of 300 homes, ahead of the straight route: the target a little before its date.
    progress = indicator_progress([story["vogelwijk"]], on=story["today"])[story["vogelwijk"].pk]
    forecast = next(p for p in progress if p.indicator.code == StandardIndicator.HEAT_NETWORK)
    assert forecast.outlook == "on_time"
    assert heat.endswith(date_format(forecast.forecast, "j F Y"))
    assert "nog niet te zeggen" not in heat and "tempo" not in heat


def test_a_far_behind_indicator_that_is_on_time_at_todays_pace_says_so(
    client, story, council_member
):
    today = story["today"]
    # A route that reaches its level early and then holds it: far behind it, but in time when
    # the rest of the route is followed with the delay of today.
    early = Indicator.objects.create(
        neighbourhood=story["bloemenwijk"],
        name="Isolatieadviezen",
        category="output",
        unit="aantal",
        direction="up",
        source="overig",
        order=60,
    )
    plan(
        early,
        [(today - 730 * DAY, 0), (today, 600), (today + 1460 * DAY, 600)],
        version=story["version"],
    )
    measure(early, [(today - 400 * DAY, 100), (today - 30 * DAY, 300)])
    client.force_login(council_member)
    page = client.get(url("council_neighbourhood", "bloemenwijk")).content.decode()
    row = _indicator_rows(page)["Isolatieadviezen"]
    assert "Ver achter" in row
    assert row.endswith(
        "Nu achter op de route. Maar volgt de rest van de route zoals gepland, dan halen we het "
        "doel toch op tijd."
    )


def test_where_we_stand_shows_figures_and_dates_as_the_rest_of_the_site(
    client, story, council_member
):
    today = story["today"]
    # A planned value that is not a whole number of homes, and a share in percent.
    participation = indicator(story["bloemenwijk"], StandardIndicator.PARTICIPATION)
    measure(participation, [(today - 20 * DAY, Decimal("9.48"))])
    client.force_login(council_member)
    page = client.get(url("council_neighbourhood", "bloemenwijk")).content.decode()
    where = _text(_section(page, "staan"))
    planned = 600 * (730 - 30 + 30) / 2190  # on the route to 600, today
    assert re.search(rf"Woningen aardgasvrij \(aantal\) Ver achter {round(planned)} 80 \(", where)
    assert re.search(
        r"Huishoudens die meededen \(procent\) Nog geen vastgestelde route geen route 9,5 \(",
        where,
    )
    first = date_format(today - 730 * DAY, "j F Y")
    achieved = _text(_section(page, "bereikt"))
    assert re.search(rf"Woningen aardgasvrij \(aantal\) 0 \( {first} \) 80 ", achieved)
    # Dates in full, as elsewhere on the site: "2 april 2031", never "2 Apr 2031".
    # (The value triangle's session labels come from dialogue.public, which has its own style.)
    ours = [_section(page, "bereikt"), where.split("Publieke waarde en participatie")[0]]
    ours.append(_section(page, "ontwikkelingen") + _section(page, "bijsturen"))
    for text in map(_text, ours):
        assert not re.search(
            r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec) \d{4}", text
        )
        assert re.search(
            r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
            r"september|oktober|november|december) \d{4}",
            text,
        )
    assert f"600 ( {date_format(today + 1460 * DAY, 'j F Y')} )" in where


def test_chart_table_holds_every_date_of_the_chart(story):
    today = story["today"]
    progress = indicator_progress([story["bloemenwijk"]], on=today)[story["bloemenwijk"].pk]
    gas_free = next(p for p in progress if p.indicator == story["gas_free"])
    table = chart_table(gas_free)
    assert [r.date for r in table] == [
        today - 730 * DAY,
        today - 365 * DAY,
        today - 30 * DAY,
        today + 1460 * DAY,
    ]
    assert table[0] == TableRow(today - 730 * DAY, 0.0, 0.0)
    assert table[1].planned == pytest.approx(600 * 365 / 2190)
    assert table[-1] == TableRow(today + 1460 * DAY, 600.0, None)


def test_pulse_chart_needs_a_month_with_enough_answers():
    assert charts.pulse_chart([]) is None


def test_status_map_carries_status_by_pattern_and_words(story, municipality):
    statuses = {
        "bloemenwijk": (RouteStatus.FAR_BEHIND, "status: Ver achter"),
        "vogelwijk": (RouteStatus.ON_ROUTE, "status: Op route"),
    }
    found = svg.status_map(
        municipality,
        statuses,
        url=lambda slug: f"/x/{slug}/",
        labels={s: str(label) for s, label in STATUS_LABELS.items()},
    )
    text = str(found.svg)
    assert (
        '<a class="ww-map__area" href="/x/bloemenwijk/"><title>Bloemenwijk, status: Ver achter'
        in text
    )
    assert 'fill="url(#ww-status-map-far_behind)"' in text
    assert 'fill="url(#ww-status-map-on_route)"' in text
    assert '<pattern id="ww-status-map-far_behind"' in text
    assert "zonnewijk" not in text  # only the neighbourhoods asked for
    assert not re.search(r'fill="#(39870c|d52b1e)" fill-rule', text)
    legend = str(found.legend)
    for label in ["Ver achter", "Achter", "Op route", "Geen gegevens"]:
        assert f"</svg>{label}</li>" in legend


def test_every_name_on_the_status_map_is_readable_on_every_fill(story, municipality):
    statuses = {
        "bloemenwijk": (RouteStatus.FAR_BEHIND, "status: Ver achter"),
        "vogelwijk": (RouteStatus.NO_DATA, "status: Geen gegevens"),
        "zonnewijk": (RouteStatus.BEHIND, "status: Achter"),
    }
    found = svg.status_map(municipality, statuses, url=lambda slug: f"/x/{slug}/", labels={})
    pdf = svg.status_map_for_pdf(municipality, statuses)
    for drawn in (str(found.svg), pdf):
        labels = re.findall(r'<text class="ww-map__label"[^>]*>[^<]*</text>', drawn)
        assert len(labels) == 6  # a halo and the name, for each of the three
        for halo, name in zip(labels[::2], labels[1::2], strict=True):
            assert re.sub(r"^.*>([^<]*)</text>$", r"\1", halo) == re.sub(
                r"^.*>([^<]*)</text>$", r"\1", name
            )
            assert f'fill="{svg.LABEL_HALO}" stroke="{svg.LABEL_HALO}"' in halo
            assert f'stroke-width="{svg.LABEL_HALO_WIDTH}"' in halo
            assert f'fill="{svg.LABEL_INK}" stroke="none"' in name
        assert 'aria-hidden="true"' in labels[0]  # the <title> names the area once
    # The name against its halo: text contrast. The halo against each status's colour and the
    # marks of its pattern: it stands out from every fill, whatever the fill does.
    assert contrast_ratio(svg.LABEL_INK, svg.LABEL_HALO) >= 4.5
    for colour in svg.STATUS_COLOURS.values():
        assert contrast_ratio(svg.LABEL_HALO, colour) >= 3


def test_status_bars_name_each_status_and_count():
    bars = svg.status_bars(
        [
            {"status": "far_behind", "label": "Ver achter", "count": 2},
            {"status": "on_route", "label": "Op route", "count": 0},
        ]
    )
    assert '<desc id="st-desc">Ver achter: 2; Op route: 0.' in bars
    assert 'fill="url(#st-far_behind)"' in bars
    assert 'fill="url(#st-on_route)"' not in bars  # a zero is a number, not a bar


# --- Who may read -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["council_overview", "council_neighbourhood"])
def test_anonymous_users_go_to_the_login_page(client, story, name):
    args = ["bloemenwijk"] if name == "council_neighbourhood" else []
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("council_member", 200), ("lead", 200), ("admin", 200), ("partner", 403), ("outsider", 404)],
)
def test_who_reads_the_council_dashboard(client, story, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("council_overview")).status_code == expected
    assert client.get(url("council_neighbourhood", "bloemenwijk")).status_code == expected


def test_the_dashboard_is_read_only(client, story, council_member):
    client.force_login(council_member)
    assert client.post(url("council_overview")).status_code == 405
    assert client.post(url("council_neighbourhood", "bloemenwijk")).status_code == 405


def test_a_membership_limited_to_some_neighbourhoods_sees_only_those(client, story, municipality):
    user = UserFactory(username="raadslid-vogelwijk")
    membership = MembershipFactory(
        user=user,
        municipality=municipality,
        role=Role.COUNCIL_MEMBER,
        limited_to_neighbourhoods=True,
    )
    membership.neighbourhoods.add(story["vogelwijk"])
    client.force_login(user)
    page = client.get(url("council_overview")).content.decode()
    assert "Vogelwijk" in page
    assert "Bloemenwijk" not in page
    assert "Maak de voortgangsrapportage" not in page  # the report covers every neighbourhood
    assert client.get(url("council_neighbourhood", "bloemenwijk")).status_code == 404
    assert client.get(url("council_neighbourhood", "vogelwijk")).status_code == 200


# --- The overview -------------------------------------------------------------------------------


def test_overview_lists_every_neighbourhood_with_status_next_milestone_and_map(
    client, story, council_member
):
    client.force_login(council_member)
    response = client.get(url("council_overview"))
    page = response.content.decode()
    today = story["today"]
    table = page[
        page.index('id="cap-wijken"') : page.index("</table>", page.index('id="cap-wijken"'))
    ]
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", table, re.S)
    cells = [re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", r)).strip() for r in rows[1:]]
    assert cells[0].startswith(
        "Bloemenwijk Verkennen Ver achter door indicator Woningen aardgasvrij 1 "
        "Eerste woningen aangesloten"
    )
    assert "(90 dagen later dan gepland)" in cells[0]
    assert cells[1].startswith("Vogelwijk Verkennen Op route 0")
    assert cells[2] == "Zonnewijk Verkennen Geen gegevens 0 – nog geen"
    assert f'<time datetime="{(today - 30 * DAY):%Y-%m-%d}">' in table
    link = reverse("dashboard:council_neighbourhood", args=["testdal", "bloemenwijk"])
    assert f'<a class="utrecht-link utrecht-link--html-a" href="{link}">Bloemenwijk</a>' in table
    # The map: each area a link to the same page, its status in words and in a pattern.
    assert f'<a class="ww-map__area" href="{link}"><title>Bloemenwijk, status: Ver achter' in page
    assert "Kleur en arcering: de status" in page
    # The key message counts them.
    assert "Van de 3 wijken liggen er 1 op route, 0 achter en 1 ver achter." in page
    assert "1 nieuwe ontwikkeling is nog niet verwerkt in de planning." in page
    assert "1 voorstel wacht op een besluit van de raad." in page
    assert response["Content-Type"].startswith("text/html")


def test_overview_without_neighbourhoods(client, municipality, council_member):
    client.force_login(council_member)
    page = client.get(url("council_overview")).content.decode()
    assert "Er zijn nog geen wijken." in page
    assert "<svg" not in page


def _overview_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("council_overview"))
    assert response.status_code == 200
    return len(queries)


def test_overview_query_count_does_not_grow_with_the_neighbourhoods(
    client, municipality, party, council_member
):
    today = timezone.localdate()
    client.force_login(council_member)
    populate(municipality, 10, today=today)
    ten = _overview_queries(client)
    populate(municipality, 90, today=today)
    hundred = _overview_queries(client)
    page = client.get(url("council_overview")).content.decode()
    assert page.count('class="ww-map__area"') == 100
    # 11 for the table and the map, 4 for the coming decisions (one per source: milestones,
    # steering, the decision log, the designation tracks), 1 for the open toezeggingen, 3 for the
    # totals and 1 for the target year.
    assert ten == hundred == 20


# --- One neighbourhood ----------------------------------------------------------------------------


@pytest.fixture
def neighbourhood_page(client, story, council_member):
    client.force_login(council_member)
    response = client.get(url("council_neighbourhood", "bloemenwijk"))
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_neighbourhood_view_has_the_four_blocks_in_order(neighbourhood_page):
    headings = re.findall(
        r'<h2 class="utrecht-heading-2" id="[^"]+">([^<]+)</h2>', neighbourhood_page
    )
    assert headings == [
        "Op deze pagina",
        "Wat is bereikt",
        "Waar staan we",
        "Effect van nieuwe ontwikkelingen",
        "Wat moet er bijgestuurd worden",
        "Volgende besluiten",
        "Open toezeggingen",
        "Wat de routekaart belooft",
        "Bereik: wie deden er mee",
    ]


def test_achieved_block(neighbourhood_page, story):
    achieved = _text(_section(neighbourhood_page, "bereikt"))
    assert "Warmteplan klaar" in achieved
    assert "Eerste woningen aangesloten" not in achieved
    # Homes gas-free: from 0 to 80, the right way.
    assert re.search(r"Woningen aardgasvrij \(aantal\) 0 \(.+?\) 80 \(.+?\) \+80 beter", achieved)
    assert "1 van 2 afspraken zijn nagekomen." in achieved
    assert "Convenant warmtenet Woonstichting Testdal Nagekomen" in achieved


def test_where_we_stand_block_with_charts_and_their_tables(neighbourhood_page, story):
    where = _section(neighbourhood_page, "staan")
    text = _text(where)
    assert re.search(r"Woningen aardgasvrij \(aantal\) Ver achter 200 80 \(", text)
    assert re.search(r"Woningen aangesloten op het warmtenet \(aantal\) Op route 100 ", text)
    gas_free = story["gas_free"].pk
    # A Plotly chart drawn by static/js/charts.js from embedded JSON, hidden from screen readers,
    # and a table with the same figures.
    assert f'data-chart="route-chart-{gas_free}" aria-hidden="true"' in where
    assert f'<script id="route-chart-{gas_free}" type="application/json">' in where
    assert "Tabel bij de grafiek: Woningen aardgasvrij" in where
    assert f'id="cap-route-chart-{gas_free}"' in where
    # Only indicators with a route or a measurement get a chart.
    assert where.count('data-chart="route-chart-') == 2
    # Milestones: forecast, slip, critical path.
    assert re.search(
        r"Eerste woningen aangesloten Woonstichting Testdal .+? \+90 ja, op het kritieke pad", text
    )
    # Value triangle per session, pulse per month (the month with three answers is hidden).
    assert 'data-chart="triangle-chart"' in where
    assert "Gemiddelde score per kant (1 tot 5), per sessie" in text
    assert 'data-chart="pulse-chart"' in where
    months = re.findall(r'<time datetime="(\d{4}-\d{2})">', where[where.index("cap-peiling") :])
    assert months == [f"{(story['today'].replace(day=1) - DAY):%Y-%m}"]
    # Residents' questions: numbers only.
    assert (
        "Gesteld 2 Beantwoord 1 Mediaan tot antwoord 1 dag Op tijd beantwoord 100% "
        "Open en te laat 1" in text
    )
    assert "Geheime Naam" not in neighbourhood_page
    assert "bewoner@example.org" not in neighbourhood_page


def test_developments_block_shows_what_the_development_would_do(neighbourhood_page, story):
    block = _text(_section(neighbourhood_page, "ontwikkelingen"))
    assert "Netcongestie bij het onderstation" in block
    assert "Nog niet verwerkt" in block
    assert re.search(r"Eerste woningen aangesloten .+? \+120", block)


def test_steering_block_shows_suggestions_and_actions(neighbourhood_page, story):
    block = _text(_section(neighbourhood_page, "bijsturen"))
    assert "‘Woningen aardgasvrij’ loopt ver achter op de route" in block
    assert "er is een stuuractie" in block  # the action with that reason key
    assert "Tussendoel ‘Eerste woningen aangesloten’ wordt 90 dagen later verwacht" in block
    assert "Extra subsidieloket voor eigenaren Voorgesteld Gemeente Testdal" in block
    assert "Gemeenteraad" in block
    assert re.search(
        r"Informatieavond huurders In uitvoering Woonstichting Testdal .+? te laat", block
    )


def test_neighbourhood_view_with_nothing_recorded(client, municipality, council_member):
    NeighbourhoodFactory(municipality=municipality, name="Leeg", slug="leeg")
    client.force_login(council_member)
    page = client.get(url("council_neighbourhood", "leeg")).content.decode()
    assert "Er is nog geen tussendoel behaald." in page
    assert "Er is nog niets gemeten." in page
    assert "Er zijn geen nieuwe ontwikkelingen die deze wijk raken." in page
    assert "Er zijn nu geen signalen om bij te sturen." in page
    assert "js/charts.js" not in page  # no chart, no Plotly


def _neighbourhood_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("council_neighbourhood", "bloemenwijk"))
    assert response.status_code == 200
    return len(queries)


def test_neighbourhood_view_query_count_does_not_grow_with_the_data(
    client, story, council_member, party, settings
):
    # A cache of our own: the shared test Redis may be cleared by another test run meanwhile.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client.force_login(council_member)
    _neighbourhood_queries(client)  # fills the dialogue results cache
    before = _neighbourhood_queries(client)
    # 20 for the four blocks; 4 for the coming decisions (one per source), 1 for the open
    # toezeggingen, 1 for the adopted promises, 1 for the CBS areas, 1 for the reach and 1 for
    # whether the neighbourhood has a designation track (none here).
    assert before == 29
    today = story["today"]
    roadmap = story["bloemenwijk"].roadmap
    for i in range(20):
        milestone = Milestone.objects.create(
            roadmap=roadmap, owner=party, title=f"Straat {i}", baseline_date=today + i * DAY
        )
        milestone.depends_on.set([story["first_homes"]])
        SteeringAction.objects.create(
            neighbourhood=story["bloemenwijk"], title=f"Actie {i}", owner="X", due_on=today
        )
        CouncilRecord.objects.create(
            municipality=story["bloemenwijk"].municipality,
            neighbourhood=story["bloemenwijk"],
            kind=CouncilRecordKind.PROMISE,
            title=f"Toezegging {i}",
            date=today,
            owner="Wethouder",
            due_on=today - DAY,
        )
    for ind in Indicator.objects.filter(neighbourhood=story["bloemenwijk"]):
        measure(ind, [(today - (400 + i) * DAY, i) for i in range(10)])
    assert _neighbourhood_queries(client) == before
