"""PDF documents in the State's look (attestations, decision letters), from Django templates.

    render_pdf("potentiel/pdf/attestation.html", {"projet": projet})  # -> bytes

Templates extend `ui/pdf/base.html` (A4, Marianne, the République française block, a footer with
page numbers). WeasyPrint fetches nothing from the network: only the fonts and images shipped with
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
from weasyprint import HTML  # noqa: E402
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


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=_LocalFetcher(), base_url=FONT_DIR.as_uri() + "/").write_pdf(
        font_config=_font_configuration()
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    context = {
        "font_regular": font_url("Marianne-Regular.woff"),
        "font_bold": font_url("Marianne-Bold.woff"),
        "font_italic": font_url("Marianne-Regular_Italic.woff"),
        **context,
    }
    return html_to_pdf(render_to_string(template_name, context))
