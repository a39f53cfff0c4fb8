"""PDF documents in the State's look (attestations, decision letters), from Django templates.

    render_pdf("potentiel/pdf/attestation.html", {"projet": projet})  # -> bytes

Templates extend `ui/pdf/base.html` (the République française block, a footer with page numbers);
`static/ui/pdf/document.css` gives the look (A4, Marianne), a product may add its own sheets. WeasyPrint fetches nothing from the network: only the fonts and images shipped with
the code (django-dsfr's Marianne, the apps' static files) may be referenced; any other URL is
refused. Fonts are configured once per process: a page takes a few tens of milliseconds.
"""

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from itertools import repeat
from pathlib import Path

import dsfr

# WeasyPrint narrates every rendering step at INFO (from its import on): noise in the logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from django.contrib.staticfiles import finders  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

FONT_DIR = Path(dsfr.__file__).resolve().parent / "static" / "dsfr" / "dist" / "fonts"


class PdfResourceRefused(ValueError):
    pass


@cache
def _font_configuration() -> FontConfiguration:
    return FontConfiguration()


def _allowed_roots() -> tuple[Path, ...]:
    return (FONT_DIR,)


class _LocalFetcher(URLFetcher):
    """Fonts of the DSFR and `static:NAME` files only; nothing from the network."""

    def __init__(self):
        super().__init__(allowed_protocols=("file",))

    def fetch(self, url, headers=None):
        if url.startswith("static:"):
            found = finders.find(url.removeprefix("static:"))
            if not found:
                raise PdfResourceRefused(f"Fichier statique introuvable : {url}")
            return super().fetch(Path(found).resolve().as_uri(), headers)
        if url.startswith("file://"):
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if any(path.is_relative_to(root) for root in _allowed_roots()):
                return super().fetch(path.as_uri(), headers)
        raise PdfResourceRefused(f"Ressource refusée dans un PDF : {url[:100]}")


def font_url(name: str) -> str:
    return (FONT_DIR / name).as_uri()


FONTS_CSS = "\n".join(
    f'@font-face {{ font-family: Marianne; src: url("{font_url(name)}"); font-weight: {weight}; font-style: {style}; }}'
    for name, weight, style in (
        ("Marianne-Regular.woff", 400, "normal"),
        ("Marianne-Bold.woff", 700, "normal"),
        ("Marianne-Regular_Italic.woff", 400, "italic"),
    )
)
DEFAULT_STYLESHEETS = ("ui/pdf/document.css",)


MAX_WORKERS = 8


def _sheet_paths(names: tuple[str, ...]) -> tuple[str, ...]:
    paths = []
    for name in names:
        path = finders.find(name)
        if not path:
            raise PdfResourceRefused(f"Feuille de style introuvable : {name}")
        paths.append(str(path))
    return tuple(paths)


@cache
def _stylesheets_at(paths: tuple[str, ...]) -> list[CSS]:
    """The fonts, then each stylesheet file, parsed once per process."""
    sheets = [CSS(string=FONTS_CSS, url_fetcher=_LocalFetcher(), font_config=_font_configuration())]
    sheets += [CSS(filename=path, url_fetcher=_LocalFetcher(), font_config=_font_configuration()) for path in paths]
    return sheets


def _pdf_from_html(html: str, sheet_paths: tuple[str, ...]) -> bytes:
    """HTML to PDF bytes; needs no Django, so it also runs in a worker process."""
    return HTML(string=html, url_fetcher=_LocalFetcher(), base_url=FONT_DIR.as_uri() + "/").write_pdf(
        stylesheets=_stylesheets_at(sheet_paths), font_config=_font_configuration()
    )


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS) -> bytes:
    return _pdf_from_html(html, _sheet_paths(tuple(stylesheets)))


def render_pdf(template_name: str, context: dict, *, stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS) -> bytes:
    """The template rendered as a PDF, styled by `stylesheets` (static files' names)."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)


@contextmanager
def pdf_renderer(workers: int | None = None):
    """`render_many(htmls) -> [pdf bytes]` for many documents at once (a period's attestations):
    laid out in parallel by `workers` processes (default: one per core, at most 8), started once
    for the whole run from a clean fork server. One worker: in this process.

    `render_many(htmls, lazy=True)` returns an iterator over the documents, in order: the workers
    lay them out while the caller does its other work (database, emails), which it then collects
    by iterating. `htmls` may be a generator: each document goes to a worker as soon as it is
    produced, so that the workers start while the caller renders the next ones. In this process
    (one worker), each is laid out when reached."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS) if workers is None else workers
    if workers <= 1:

        def render_here(htmls, stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS, *, lazy: bool = False):
            documents = (html_to_pdf(html, stylesheets=stylesheets) for html in htmls)
            return documents if lazy else list(documents)

        yield render_here
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:

        def render_many(htmls, stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS, *, lazy: bool = False):
            paths = _sheet_paths(tuple(stylesheets))
            # Submitted as the documents come (map consumes `htmls` now); by two, so that a batch
            # ends with the workers busy to the last document or nearly.
            documents = pool.map(_pdf_from_html, htmls, repeat(paths), chunksize=2)
            return documents if lazy else list(documents)

        yield render_many
