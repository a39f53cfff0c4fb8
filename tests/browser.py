"""Headless Debian Chromium driven by Playwright against the live test server, for every browser test.

Every page a test opens is watched: a console error, an uncaught exception or a CSP violation
fails the test at teardown. No test reaches the internet: every request to another origin than
the live server is intercepted. Images (the maps' tiles) get a small grey tile, or fail when the
test sets `page.tiles_offline = True`; anything else is refused. `page.outside_requests` lists
what was asked.

TRANSITION_SKIP_BROWSER=1 skips every browser test (marker `e2e`): `.ci/run` sets it for its
PostgreSQL pass, the browser journeys having run in the SQLite pass (docs/decisions/0008).
"""

import base64
import os
from contextlib import contextmanager

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS_DIR")
SKIP_BROWSER = os.environ.get("TRANSITION_SKIP_BROWSER", "") not in ("", "0")

# Playwright's sync API runs an event loop in this thread; Django then thinks it is in async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if not SKIP_BROWSER:
        return
    skip = pytest.mark.skip(reason="tests navigateur lancés dans une autre passe (TRANSITION_SKIP_BROWSER=1)")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# A 1×1 light grey PNG: Leaflet stretches it over the 256 px tile.
GREY_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN49+4dAAWYAsspex20AAAAAElFTkSuQmCC"
)


@contextmanager
def watched_page(browser, base_url: str):
    """A page of a new browser context on `base_url`, failing on any console error or CSP violation
    (checked when the block ends: a test may first drop the problems it expects)."""
    context = browser.new_context(base_url=base_url, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.tiles_offline = False
    page.outside_requests = []

    def outside(route):
        request = route.request
        page.outside_requests.append(request.url)
        if request.resource_type == "image" and not page.tiles_offline:
            route.fulfill(status=200, content_type="image/png", body=GREY_TILE)
        else:
            route.abort()

    context.route(lambda url: not url.startswith(base_url), outside)
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.problems = problems
    try:
        yield page
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(browser, live_server):
    with watched_page(browser, live_server.url) as page:
        yield page


def screenshot(page, name: str) -> None:
    """Keep a screenshot when E2E_SCREENSHOTS_DIR is set, to look at what a person sees."""
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)
