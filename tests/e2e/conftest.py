"""Browser tests: Debian's Chromium against Django's live server, with axe on every page.

Every page a test opens, through the `page` fixture or `new_context(...).new_page()`, becomes a
CheckedPage. Whenever the test touches it, the page first runs axe (tests/e2e/axe.py) on the
document on screen unless that document was already checked, and again after each HTMX swap;
a violation fails the test at that step. Teardown checks the final state and fails the test for
any document that was left before it could be checked and for any page opened some other way.
The browser keeps the site's Content-Security-Policy: axe is injected over the DevTools
protocol, so no bypass_csp is needed. A test cannot forget the accessibility check.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from tests.e2e import axe

# Playwright's sync API runs an asyncio loop in this thread; the ORM calls that fixtures make
# from it are ordinary synchronous calls, so Django's async guard does not apply.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"  # Playwright cannot download its own browsers here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Tell the harness about HTMX swaps; runs before the page's own scripts, outside its CSP.
_SWAP_HOOK = """
if (window.top === window) {
  document.addEventListener("htmx:afterSettle", () => window.__wwAxeSwapped?.());
}
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Chromium asks for English by default; our residents' browsers ask for Dutch.
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture(autouse=True)
def _e2e_environment(transactional_db, live_server, settings):
    """The live server sees committed data; e-mail is sent within the request."""
    # `make test` sets REDIS_URL, which makes Celery queue tasks for a worker the test lacks.
    from wup.celery import app as celery_app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    had_change = "task_always_eager" in celery_app.conf.changes
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    if had_change:
        celery_app.conf.task_always_eager = previous
    else:
        celery_app.conf.changes.pop("task_always_eager", None)


@dataclass
class _AxeState:
    javascript: bool
    # axe cannot finish where JavaScript is off, so a JS-enabled twin page checks a copy.
    twin: Callable[[], CheckedPage] | None = None
    is_twin: bool = False
    documents: list[str] = field(default_factory=list)  # each DOMContentLoaded in the main frame
    checked: list[str] = field(default_factory=list)  # each document axe checked
    swaps: list[str] = field(default_factory=list)  # HTMX swaps not yet checked
    swaps_checked: list[str] = field(default_factory=list)
    reported: bool = False
    busy: bool = False


class CheckedPage(Page):
    """A Playwright Page that runs axe on each new document and HTMX swap before the next step.

    Whenever the test touches the page (page.goto, page.get_by_role, page.keyboard, ...), the
    page first asks the browser whether the document on screen carries our "checked" mark; if not,
    or if HTMX swapped something in since, it waits for the load event and runs axe. So every
    document is checked before the test acts on it, however the navigation started.
    """

    # Touching these does not move the test on, so they do not trigger a check.
    _QUIET = frozenset(
        {"on", "once", "remove_listener", "url", "context", "close", "is_closed", "main_frame"}
    )

    @classmethod
    def adopt(cls, page: Page, *, javascript: bool, twin=None, is_twin=False) -> CheckedPage:
        if not isinstance(page, cls):
            page.__class__ = cls  # the same object, also where Playwright hands it out again
            page._axe = _AxeState(javascript=javascript, twin=twin, is_twin=is_twin)
            page.on("domcontentloaded", page._axe_document)
        return page

    def __getattribute__(self, name: str):
        if not name.startswith("_") and name not in CheckedPage._QUIET:
            object.__getattribute__(self, "_axe_settle")()
        return super().__getattribute__(name)

    def _axe_document(self, _page) -> None:
        # An event handler: it only takes note (teardown compares it with what was checked).
        if not self.url.startswith("about:"):
            self._axe.documents.append(self.url)

    def _axe_swapped(self) -> None:
        self._axe.swaps.append(self.url)

    def _axe_settle(self) -> None:
        state = self._axe
        if state.busy or self.is_closed() or self.url.startswith("about:"):
            return
        state.busy = True
        try:
            swapped, state.swaps = state.swaps, []
            try:
                fresh = self.evaluate("() => !window.wwAxeChecked")
            except PlaywrightError:
                return  # between documents: the next touch checks the new one
            if not fresh and not swapped:
                return
            what = self.url if fresh else f"{self.url} after an HTMX swap"
            try:
                self.wait_for_load_state("load")
                found = axe.violations(self) if state.javascript else self._axe_in_twin()
                self.evaluate("() => { window.wwAxeChecked = true; }")
            except PlaywrightError as error:
                raise AssertionError(
                    f"{what} was left while axe was checking it: {error.message.splitlines()[0]}"
                ) from error
            (state.checked if fresh else state.swaps_checked).append(self.url)
            if found:
                state.reported = True
                where = what if state.javascript else f"{what} (without JavaScript)"
                raise AssertionError(axe.format_violations(where, found))
        finally:
            state.busy = False

    def _axe_in_twin(self) -> list[axe.Violation]:
        """Check this JavaScript-less document in a JS-enabled page that shows the same DOM.

        The twin gets this page's serialised DOM at the same URL, so styles load as they do here,
        and the page's own scripts are blocked: only axe runs, injected over the DevTools protocol.
        """
        twin = self._axe.twin()
        url, html = self.url, self.content()
        twin.route(
            lambda candidate: candidate == url,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
            times=1,
        )
        twin.goto(url)
        twin._axe.busy = True
        try:
            return axe.violations(twin)
        finally:
            twin._axe.busy = False

    def _axe_finish(self) -> list[str]:
        """Check what the test left on screen; return the documents that went unchecked."""
        if self.is_closed() or self._axe.is_twin:
            return []
        if self._axe.javascript:
            self._axe.busy = True
            try:  # let an HTMX swap that has just happened settle and report itself
                self.evaluate("() => new Promise((done) => setTimeout(done, 60))")
            finally:
                self._axe.busy = False
        self._axe_settle()
        unchecked = list(self._axe.documents)
        for url in self._axe.checked:
            if url in unchecked:
                unchecked.remove(url)
        return unchecked


@pytest.fixture
def new_context(new_context, browser: Browser):
    """Playwright's new_context, but every page it opens is a CheckedPage."""
    pages: list[CheckedPage] = []

    def create(**kwargs) -> BrowserContext:
        javascript = kwargs.get("java_script_enabled", True)
        context = new_context(**kwargs)
        twin_pages: list[CheckedPage] = []

        def twin() -> CheckedPage:
            if not twin_pages:
                twin_kwargs = {**kwargs, "java_script_enabled": True}
                twin_page = create(**twin_kwargs).new_page()
                twin_page._axe.is_twin = True
                twin_page.route(lambda url: url.endswith(".js"), lambda route: route.abort())
                twin_pages.append(twin_page)
            return twin_pages[0]

        def adopt(page: Page) -> CheckedPage:
            checked = CheckedPage.adopt(page, javascript=javascript, twin=twin)
            if checked not in pages:
                pages.append(checked)
            return checked

        context.on("page", adopt)
        open_page = context.new_page
        context.new_page = lambda: adopt(open_page())
        if javascript:
            context.add_init_script(script=_SWAP_HOOK)
            context.expose_binding("__wwAxeSwapped", lambda source: source["page"]._axe_swapped())
        return context

    yield create

    problems = []
    for page in pages:
        try:
            unchecked = page._axe_finish()
        except AssertionError as error:
            if not page._axe.reported:
                problems.append(str(error))
        else:
            problems.extend(
                f"{url} was left before axe could check it: touch `page` (e.g. expect "
                "something on it) after each navigation"
                for url in unchecked
            )
    for context in browser.contexts:
        for page in context.pages:
            if not isinstance(page, CheckedPage):
                problems.append(f"page {page.url} was not opened through the e2e fixtures")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def phone():
    """Return new_context() arguments for a resident's phone (390×844, touch)."""
    return {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def log_in(client, live_server):
    """Return a function that logs a user in to a context (for tests not about the login page)."""

    def log_in(context: BrowserContext, user) -> None:
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "url": live_server.url,
                }
            ]
        )

    return log_in
