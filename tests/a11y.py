"""axe-core (WCAG 2.1 A and AA) over a crawl of the site, for the browser tests.

`crawl` opens pages breadth first from the given starts, follows the site's own links (not
downloads, sign-out, the admin or the API), keeps one page per URL shape (`/demandes/12` and
`/demandes/13` are one shape) and runs axe on each at the widths asked. It returns the violations
as readable lines: page, width, rule, what to fix, where. `shapes_crawled` walks the same way
with Django's test client, without a browser: which shapes such a crawl reaches.
"""

import os
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"ordinateur": (1280, 900), "téléphone": (375, 800)}
SKIP = re.compile(
    r"(^/(admin|api|static|media|__)|/deconnexion|/connexion/lien|\.(xlsx|csv|json|geojson|zip|pdf|ods|txt)$"
    r"|/export|/telecharger|/retrait$|/revoquer)"
)
_axe = Axe()
PROGRESS = bool(os.environ.get("A11Y_PROGRESS"))  # one line per page on stderr (pytest -s)


def shape(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/N", re.sub(r"/[0-9A-Z]{4,6}C?(?=/|$)", "/ID", path))


def page_violations(page, label: str) -> list[str]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:4])
        lines.append(f"{label} — {violation['id']} ({violation['impact']}) : {violation['help']} — {targets}")
    return lines


def _check(page, url: str, path: str, violations: list[str], widths=tuple(WIDTHS)) -> int | None:
    """axe at each width; the page's status, or None when it sent to sign in or failed."""
    status = None
    for width in widths:
        page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
        response = page.goto(url)
        if response is None or response.status >= 500:
            violations.append(f"{url} [{width}] — la page répond {response.status if response else 'rien'}")
            return None
        landed = urlsplit(page.url).path
        if landed.startswith("/connexion/") and not path.startswith("/connexion/"):
            return None
        page.wait_for_load_state("networkidle")
        if PROGRESS:
            print(f"axe {width} {url}", file=sys.stderr, flush=True)
        query = urlsplit(page.url).query
        violations += page_violations(page, f"{landed}{'?' + query if query else ''} [{width}]")
        status = response.status
    return status


Visit = Callable[[str, str], tuple[int | None, list[str]]]


def _breadth_first(visit: Visit, starts: list[str], *, limit: int, seen: set[str]) -> list[str]:
    """The pages visited, breadth first from `starts` along the links `visit` returns, one per URL
    shape. `visit(url, path)` answers (status, links): status None when the page sent to sign in
    or failed (left alone), links only for a page it followed."""
    queue, checked = list(starts), []
    sent_to_sign_in: set[str] = set()
    pending_starts = set(starts)
    while queue and len(checked) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        key = shape(path) + ("?" if "?" in url else "")
        forced = url in pending_starts  # a start is opened once: signed in, "/carbure/" leads to the back-office
        pending_starts.discard(url)
        if (key in seen and not forced) or key in sent_to_sign_in or SKIP.search(path):
            continue
        status, links = visit(url, path)
        if status is None:  # sent to sign in (left to a signed-in crawl), or a server error (reported)
            sent_to_sign_in.add(key)
            continue
        seen.add(key)
        checked.append(url)
        if status < 400:  # an error page is checked, not followed
            queue += [href for href in links if href.startswith("/") and not href.startswith("//") and "#" not in href]
    return checked


def crawl(page, starts: list[str], *, limit: int = 60, seen: set | None = None) -> tuple[list[str], list[str]]:
    """(pages checked, violations). `seen`, shared between crawls, skips the shapes already checked
    (the starts excepted: opened again, with the links they give the person signed in)."""
    violations: list[str] = []

    def visit(url: str, path: str) -> tuple[int | None, list[str]]:
        status = _check(page, url, path, violations)
        if status is None or status >= 400:
            return status, []
        return status, page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")

    checked = _breadth_first(visit, starts, limit=limit, seen=set() if seen is None else seen)
    return checked, violations


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(href)


def shapes_crawled(client, starts: list[str], *, limit: int) -> set[str]:
    """The URL shapes `crawl` from `starts` reaches, read with Django's test client from the pages
    as the server writes them (no browser, no axe: a second or two): what a later crawl may skip
    as checked by that one. Links only a script adds are not followed (their pages are then
    checked again by the later crawl, never skipped)."""

    def visit(url: str, path: str) -> tuple[int | None, list[str]]:
        response = client.get(url, follow=True)
        landed = response.request["PATH_INFO"]
        if response.status_code >= 500 or (landed.startswith("/connexion/") and not path.startswith("/connexion/")):
            return None, []
        parser = _Links()
        parser.feed(response.content.decode())
        return response.status_code, parser.hrefs

    seen: set[str] = set()
    _breadth_first(visit, starts, limit=limit, seen=seen)
    return seen
