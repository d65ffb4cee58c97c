"""A resident whose address already gave this month's answers for the neighbourhood (a shared
address, or a browser that forgets its cookie) reads why their answer cannot count, with every
choice still made."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from dashboard.models import PulseResponse

pytestmark = pytest.mark.e2e

PAGE = "/testdal/bloemenwijk/"
STATEMENTS = [
    ("Ik vertrouw erop dat de gemeente eerlijk met ons omgaat.", "Eens"),
    ("Ik heb het gevoel dat ik mee kan beslissen over mijn wijk.", "Niet eens, niet oneens"),
    ("Ik vind de manier waarop besluiten worden genomen goed.", "Helemaal eens"),
]


@pytest.fixture(autouse=True)
def _no_fill_wait(monkeypatch):
    monkeypatch.setattr("wup.antispam.MIN_FILL_SECONDS", 0)


def _answer(page):
    pulse = page.get_by_role("region", name="Hoe kijkt u ertegenaan?")
    for statement, answer in STATEMENTS:
        group = pulse.get_by_role("group", name=re.compile(rf"^{re.escape(statement)}"))
        group.get_by_role("radio", name=answer, exact=True).check()
    pulse.get_by_role("button", name="Antwoorden versturen").click()
    return pulse


@pytest.mark.parametrize("width", [360, 390])
def test_the_limit_per_address_is_explained_and_keeps_the_choices(
    new_context, neighbourhood, settings, width
):
    settings.PULSE_ANSWERS_PER_ADDRESS = 1
    viewport = {"viewport": {"width": width, "height": 800}, "is_mobile": True, "has_touch": True}
    first = new_context(**viewport).new_page()
    first.goto(PAGE)
    expect(_answer(first).get_by_role("status")).to_have_text(
        "Dank u wel! Uw antwoorden zijn opgeslagen."
    )

    # Another browser behind the same address.
    second = new_context(**viewport).new_page()
    second.goto(PAGE)
    pulse = _answer(second)
    message = pulse.get_by_text("Vanaf dit internetadres zijn deze maand al 1 antwoorden")
    expect(message).to_be_visible()
    expect(message).to_be_in_viewport()
    expect(pulse.locator(".ww-error-summary")).to_be_focused()
    for statement, answer in STATEMENTS:
        group = pulse.get_by_role("group", name=re.compile(rf"^{re.escape(statement)}"))
        expect(group.get_by_role("radio", name=answer, exact=True)).to_be_checked()
    assert PulseResponse.objects.count() == 1
    assert second.evaluate("document.documentElement.scrollWidth") <= width
    if folder := os.environ.get("WW_SCREENSHOTS"):
        second.screenshot(path=f"{folder}/pulse-limit-{width}.png")
