"""The smaller defects of issue 11, item 10, each with its test: a change of "0,0" is no change,
chart axes follow the page's language, bar labels and tables round alike, and the audit log
shows words rather than codes. (English roadmap labels: tests/roadmap/test_snapshot_labels.py.)"""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from dashboard.council.neighbourhood import Change
from dashboard.models import Indicator, SteeringAction
from dashboard.progress import figure, rounded
from dashboard.route import Measurement
from dialogue import charts as dialogue_charts
from dialogue import svg_charts
from dialogue.models import Side
from wup.audit_display import action_label, object_label, value_text
from wup.models import AuditEntry

D = datetime.date


# --- A change of "0,0" ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "latest", "unit", "direction", "better", "shown"),
    [
        (12.34, 12.32, "procent", "up", None, "0,0"),  # -0,02: shown as 0,0, so no change
        (12.34, 12.36, "procent", "down", None, "0,0"),
        (12.34, 12.24, "procent", "up", False, "-0,1"),
        (3.0, 3.04, "score", "up", None, "0,0"),
        (100, 101, "aantal", "up", True, "+1"),
        (100, 100.4, "aantal", "up", None, "0"),
    ],
)
def test_a_change_that_shows_as_zero_is_no_change(first, latest, unit, direction, better, shown):
    indicator = Indicator(name="x", unit=unit, direction=direction)
    change = Change(
        indicator, Measurement(D(2025, 1, 1), first), Measurement(D(2026, 1, 1), latest)
    )
    with translation.override("nl"):
        assert change.difference_text in (shown, f"+{shown}")
    assert change.better is better


def test_figures_and_comparisons_round_once():
    assert rounded(2.65, "score") == rounded(2.65000001, "score")
    with translation.override("nl"):
        assert figure(2.65, "score") == "2,7"
        assert figure(-0.04, "procent") == "0,0"


# --- Chart axes in the page's language ----------------------------------------------------------


def results(mean: float) -> SimpleNamespace:
    """What the charts read of dialogue.results.Results: each side's mean."""
    return SimpleNamespace(sides={side: SimpleNamespace(mean=mean) for side in Side})


@pytest.mark.parametrize(("language", "separators"), [("nl", ",."), ("en", ".,")])
def test_triangle_charts_use_the_languages_separators(language, separators):
    with translation.override(language):
        trend = dialogue_charts.trend([("Sessie 1", results(2.5)), ("Sessie 2", results(3.5))])
        triangle = dialogue_charts.triangle(results(2.5))
    # Plotly writes the axis ticks 1,5 and 2,5 on a Dutch page.
    assert trend["layout"]["separators"] == separators
    assert triangle["layout"]["separators"] == separators


# --- Bar labels round as the table --------------------------------------------------------------


@pytest.mark.parametrize("mean", [2.66, 2.65, 2.6666666, 3.95])
def test_pdf_bar_labels_round_as_the_table(mean):
    with translation.override("nl"):
        svg = svg_charts.side_means_bars([("Legitimiteit", mean)])
        table = floatformat(mean, 1)  # as templates/dialogue/pdf/session.html writes it
        bars = re.findall(r"<text[^>]*>(\d,\d)</text>", svg)  # the value, not the axis
    assert bars == [table]
    assert f"Legitimiteit: {table}" in svg


# --- The audit log in words -----------------------------------------------------------------------


def test_audit_codes_in_words():
    with translation.override("nl"):
        assert action_label("adopt") == "vastgesteld"
        assert object_label("steeringaction") == "stuuractie"
        assert object_label("milestone") == "tussendoel"
        assert value_text("True") == "ja" and value_text(False) == "nee"
        assert action_label("iets_nieuws") == "iets_nieuws"  # unknown codes as stored
    with translation.override("en"):
        assert action_label("adopt") == "adopted"
        assert value_text(True) == "yes"


@pytest.mark.django_db
def test_the_audit_log_shows_no_internal_codes(client, municipality, admin):
    field = SteeringAction._meta.get_field("status")
    code, label = field.choices[0]
    AuditEntry.objects.create(
        actor_name="Beheerder",
        municipality=municipality,
        action="adopt",
        object_type="steeringaction",
        object_id="1",
        object_repr="Extra loket",
        changes={"status": code, "gepubliceerd": "True", "klaar": False},
    )
    client.force_login(admin)
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("wup:bo_audit_log", args=[municipality.slug])).content.decode()
    table = page[page.index("<tbody") : page.index("</tbody>")]
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))
    assert "vastgesteld" in cells
    assert "stuuractie: Extra loket" in cells
    assert f"status → {label}" in cells
    assert "gepubliceerd → ja" in cells and "klaar → nee" in cells
    for code in ("adopt", "steeringaction", "True", "False"):
        assert not re.search(rf"\b{code}\b", cells), code
