"""PDF documents in the State's look (attestations, decision letters), from Django templates.

    render_pdf("potentiel/pdf/attestation.html", {"projet": projet})  # -> bytes

Templates extend `ui/pdf/base.html` (the République française block, a footer with page numbers);
`static/ui/pdf/document.css` gives the look (A4, Marianne), a product may add its own sheets. WeasyPrint fetches nothing from the network: only the fonts and images shipped with
the code (django-dsfr's Marianne, the apps' static files) may be referenced; any other URL is
refused. Fonts are configured once per process: a page takes a few tens of milliseconds.
"""

import logging
from functools import cache
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


@cache
def _stylesheets(names: tuple[str, ...]) -> list[CSS]:
    """The fonts, then each static stylesheet (`ui/pdf/document.css`...), parsed once."""
    sheets = [CSS(string=FONTS_CSS, url_fetcher=_LocalFetcher(), font_config=_font_configuration())]
    for name in names:
        path = finders.find(name)
        if not path:
            raise PdfResourceRefused(f"Feuille de style introuvable : {name}")
        sheets.append(CSS(filename=path, url_fetcher=_LocalFetcher(), font_config=_font_configuration()))
    return sheets


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS) -> bytes:
    return HTML(string=html, url_fetcher=_LocalFetcher(), base_url=FONT_DIR.as_uri() + "/").write_pdf(
        stylesheets=_stylesheets(tuple(stylesheets)), font_config=_font_configuration()
    )


def render_pdf(template_name: str, context: dict, *, stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS) -> bytes:
    """The template rendered as a PDF, styled by `stylesheets` (static files' names)."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)
