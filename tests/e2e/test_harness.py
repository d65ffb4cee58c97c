"""The harness itself: axe runs on every document and HTMX swap, and a violation fails the test."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

BROKEN = (
    "<!DOCTYPE html><html lang='nl'><head><title>Proef</title></head>"
    "<body><main><h1>Proef</h1><img src='/static/none.png'></main></body></html>"
)


def serve(page, path: str, html: str) -> None:
    page.route(
        lambda url: url.endswith(path),
        lambda route: route.fulfill(status=200, content_type="text/html", body=html),
    )


def test_a_page_with_a_violation_fails_at_the_next_step(page):
    serve(page, "/proef/", BROKEN)
    page.goto("/proef/")

    with pytest.raises(AssertionError, match=r"image-alt \(critical\).*\n.*at img"):
        page.get_by_role("heading").click()


def test_a_page_without_javascript_is_checked_too(new_context):
    page = new_context(java_script_enabled=False).new_page()
    serve(page, "/proef/", BROKEN)
    page.goto("/proef/")

    with pytest.raises(AssertionError, match=r"(?s)without JavaScript.*image-alt"):
        expect(page.get_by_role("heading")).to_have_text("Proef")


def test_every_visited_document_is_checked(page, municipality):
    page.goto("/")
    page.get_by_role("link", name="Gemeente Testdal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Testdal")
    page.goto("/testdal/?q=niets")
    expect(page.get_by_role("heading", level=2)).to_contain_text("niets")

    assert page._axe_finish() == []
    origin = page.url.split("/testdal")[0]
    assert [url.removeprefix(origin) for url in page._axe.checked] == [
        "/",
        "/testdal/",
        "/testdal/?q=niets",
    ]


def test_an_htmx_swap_is_checked(page, neighbourhood):
    page.goto("/testdal/")
    expect(page.get_by_role("link", name="Bloemenwijk")).to_be_visible()
    assert page._axe.swaps_checked == []

    page.get_by_label("Zoek uw wijk").fill("bloem")
    expect(page).to_have_url(re.compile(r"/testdal/\?q=bloem$"))
    page.evaluate("() => new Promise((done) => setTimeout(done, 100))")  # HTMX settles
    page.get_by_label("Zoek uw wijk").focus()

    assert [url.split("/testdal")[1] for url in page._axe.swaps_checked] == ["/?q=bloem"]


def test_a_document_left_unchecked_is_reported(page, municipality):
    # main_frame is the one way past the check (tests have no reason to use it).
    page.main_frame.goto("/")
    page.main_frame.goto("/testdal/")

    unchecked = page._axe_finish()

    assert [url.split(":", 2)[2].split("/", 1)[1] for url in unchecked] == [""]
    page._axe.documents.clear()  # this test's own teardown would report it again
