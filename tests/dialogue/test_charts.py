"""The dialogue's Plotly figures are valid for the plotly.js the pages load."""

from dialogue import charts
from dialogue.models import Side
from dialogue.results import Results, SideStats
from tests.plotly_figures import assert_valid_figure


def results(*means: float | None) -> Results:
    sides = {
        side: SideStats(
            side, n=0 if mean is None else 12, count=24, mean=mean, median=mean, spread=0.8
        )
        for side, mean in zip(Side, means, strict=True)
    }
    return Results(participants=12, sides=sides, by_group={}, group_sizes={})


def test_triangle_is_a_valid_plotly_figure():
    figure = charts.triangle(results(3.4, None, 4.1))  # one side not scored yet
    assert_valid_figure(figure)
    assert figure["data"][0]["r"] == [3.4, 0, 4.1, 3.4]  # closed back to the first side


def test_trend_is_a_valid_plotly_figure():
    figure = charts.trend(
        [
            ("12-03-2026", results(3.0, 3.5, 4.0)),
            ("09-04-2026", results(None, 2.5, 4.5)),
            ("14-05-2026", results(3.2, 2.9, 4.4)),
        ]
    )
    assert_valid_figure(figure)
    assert [trace["y"][1] for trace in figure["data"]] == [None, 2.5, 4.5]  # a gap, not a zero


def test_trend_labels_are_shown_as_typed():
    figure = charts.trend([("<b>Avond</b>", results(3.0, 3.5, 4.0))])
    assert figure["data"][0]["x"] == ["&lt;b&gt;Avond&lt;/b&gt;"]
