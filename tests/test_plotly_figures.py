"""The figure check of tests/plotly_figures.py, against the plotly.js that we serve."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from plotly.offline import get_plotlyjs_version

from tests.plotly_figures import assert_valid_figure


def test_the_page_loads_the_plotly_js_whose_schema_the_figures_are_checked_against():
    served = Path(finders.find("vendor/plotly/plotly.min.js"))
    header = served.open(encoding="utf-8").read(200)
    assert re.search(r"plotly\.js v(\S+)", header).group(1) == get_plotlyjs_version()


@pytest.mark.parametrize(
    "figure",
    [
        {"data": [{"type": "scatter", "colour": "#154273"}], "layout": {}},  # no such property
        {"data": [{"type": "scatter", "mode": "lines+dots"}], "layout": {}},  # no such flag
        {"data": [{"type": "scatter", "line": {"color": "#15427"}}], "layout": {}},  # no colour
        {"data": [], "layout": {"xaxis": {"type": "datum"}}},  # not one of the axis types
    ],
)
def test_invalid_figures_are_rejected(figure):
    with pytest.raises(ValueError):
        assert_valid_figure(figure)


def test_a_figure_plotly_would_rewrite_is_rejected():
    # plotly.py turns a bare string into {"text": ...}; plotly.js 3 and later ignore the string.
    with pytest.raises(AssertionError, match="rewrote"):
        assert_valid_figure({"data": [], "layout": {"title": "Scores per sessie"}})


def test_a_valid_figure_passes():
    assert_valid_figure(
        {
            "data": [{"type": "scatter", "mode": "lines", "x": ["2026-01-01"], "y": [1.5]}],
            "layout": {"title": {"text": "Scores"}, "xaxis": {"type": "date"}},
        }
    )
