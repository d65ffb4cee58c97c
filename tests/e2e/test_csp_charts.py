"""Every page that draws Plotly charts runs without a single Content-Security-Policy violation:
Plotly's styles come from css/plotly.css instead of an inline <style> (wup/plotly_css.py), and
the CSP allows no inline styles. Checked on the demo: the public neighbourhood page and roadmap,
the council's neighbourhood view and the presenter's screen."""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from demo.data.base import DEMO_PASSWORD
from dialogue.models import DialogueSession

pytestmark = pytest.mark.e2e

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    [e.violatedDirective, e.blockedURI || "inline", e.sourceFile, e.lineNumber].join(" ")
  );
});
"""


def _chart_pages() -> list[str]:
    session = (
        DialogueSession.objects.filter(neighbourhood__municipality__slug="zonnedal")
        .exclude(participants=None)
        .select_related("neighbourhood")
        .first()
    )
    session.status = DialogueSession.Status.LIVE
    session.results_revealed = True
    # One proposition: with alternatives the presenter compares them in a table, not a chart.
    session.proposition_2 = session.proposition_3 = ""
    session.save(update_fields=["status", "results_revealed", "proposition_2", "proposition_3"])
    session.forget_results()
    slug = session.neighbourhood.slug
    return [
        reverse("residents:neighbourhood", args=["zonnedal", slug]),
        reverse("roadmap:public", args=["zonnedal", "zonnehoek"]),
        reverse("dashboard:council_neighbourhood", args=["zonnedal", "zonnehoek"]),
        reverse("dialogue:presenter", args=["zonnedal", session.pk]),
    ]


def test_chart_pages_have_no_csp_violations(page):
    call_command("seed_demo", stdout=io.StringIO())
    pages = _chart_pages()
    console = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(LISTEN)
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("projectleider@zonnedal.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Inloggen")

    drawn = 0
    for url in pages:
        page.goto(url)
        charts = page.locator("[data-chart]")
        if charts.count():
            expect(charts.first.locator("svg.main-svg").first).to_be_attached(timeout=20_000)
            drawn += 1
            # Plotly's own stylesheet applies: its SVG layers are stacked absolutely.
            position = charts.first.locator("svg.main-svg").first.evaluate(
                "el => getComputedStyle(el).position"
            )
            assert position == "absolute", url
            assert page.locator("style#plotly\\.js-style-global").count() == 0, url
        page.wait_for_timeout(300)  # a late violation report
        if charts.count() and (folder := os.environ.get("WW_SCREENSHOTS")):
            charts.first.screenshot(path=f"{folder}/chart-{drawn}.png")
        assert page.evaluate("window.__cspViolations") == [], url
    assert drawn == len(pages), "every page drew its chart"
    assert console == []
