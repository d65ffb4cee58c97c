import datetime

from roadmap.charts import TimelineRow, timeline
from tests.plotly_figures import assert_valid_figure


def test_timeline_draws_baseline_and_expected_per_milestone_in_date_order():
    rows = [
        TimelineRow("Later", datetime.date(2028, 1, 1), datetime.date(2028, 6, 1), "vertraagd"),
        TimelineRow("Eerst", datetime.date(2027, 1, 1), datetime.date(2027, 1, 1), "behaald"),
    ]
    figure = timeline(rows)
    lines, planned, expected = figure["data"]
    assert planned["y"] == ["Eerst", "Later"]
    assert planned["x"] == ["2027-01-01", "2028-01-01"]
    assert expected["x"] == ["2027-01-01", "2028-06-01"]
    assert expected["marker"]["color"] == ["#2e7d32", "#b3261e"]  # achieved green, delayed red
    assert lines["x"] == ["2027-01-01", "2027-01-01", None, "2028-01-01", "2028-06-01", None]


def test_no_milestones_no_chart():
    assert timeline([]) is None


def test_timeline_is_a_valid_plotly_figure():
    rows = [
        TimelineRow(
            "Warmteplan klaar", datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), "behaald"
        ),
        TimelineRow(
            "Eerste woningen", datetime.date(2027, 1, 1), datetime.date(2027, 7, 1), "risico"
        ),
        TimelineRow("Hele wijk", datetime.date(2030, 1, 1), datetime.date(2030, 1, 1), ""),
    ]
    assert_valid_figure(timeline(rows))


def test_a_milestone_title_is_shown_as_typed_never_as_a_link():
    # Plotly draws <a href> in any text it shows: typed text reaches it as entities.
    title = '<a href="https://evil.example">Klik</a> & meer'
    day = datetime.date(2027, 1, 1)
    figure = timeline([TimelineRow(title, day, day, "gepland")])
    shown = {y for trace in figure["data"] for y in trace["y"] if y}
    assert shown == {'&lt;a href="https://evil.example"&gt;Klik&lt;/a&gt; &amp; meer'}
    assert_valid_figure(figure)
