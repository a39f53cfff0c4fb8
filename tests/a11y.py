"""axe-core (WCAG 2.1 A and AA) over a crawl of the site, for the browser tests.

`crawl` opens pages breadth first from the given starts, follows the site's own links (not
downloads, sign-out, the admin or the API), keeps one page per URL shape (`/demandes/12` and
`/demandes/13` are one shape) and runs axe on each at the widths asked. It returns the violations
as readable lines: page, width, rule, what to fix, where.
"""

import re
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"ordinateur": (1280, 900), "téléphone": (375, 800)}
SKIP = re.compile(
    r"(^/(admin|api|static|media|__)|/deconnexion|/connexion/lien|\.(xlsx|csv|json|geojson|zip|pdf|ods|txt)$"
    r"|/export|/telecharger|/retrait$|/revoquer)"
)
_axe = Axe()


def shape(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/N", re.sub(r"/[0-9A-Z]{4,6}C?(?=/|$)", "/ID", path))


def page_violations(page, label: str) -> list[str]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:4])
        lines.append(f"{label} — {violation['id']} ({violation['impact']}) : {violation['help']} — {targets}")
    return lines


def crawl(
    page, starts: list[str], *, limit: int = 60, widths=("ordinateur", "téléphone"), seen: set | None = None
) -> tuple[list[str], list[str]]:
    """(pages checked, violations). `seen`, shared between crawls, skips the shapes already checked."""
    queue, checked, violations = list(starts), [], []
    seen_shapes = set() if seen is None else seen
    while queue and len(checked) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        key = shape(path) + ("?" if "?" in url else "")
        if key in seen_shapes or SKIP.search(path):
            continue
        seen_shapes.add(key)
        for width in widths:
            page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
            response = page.goto(url)
            if response is None or response.status >= 400:
                break
            page.wait_for_load_state("networkidle")
            violations += page_violations(
                page,
                f"{urlsplit(page.url).path}{'?' + urlsplit(page.url).query if urlsplit(page.url).query else ''} [{width}]",
            )
        else:
            checked.append(url)
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
                if href.startswith("/") and not href.startswith("//") and "#" not in href:
                    queue.append(href)
    return checked, violations
