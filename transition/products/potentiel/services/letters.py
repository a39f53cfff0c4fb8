"""Reasoned decision letters: a template per kind of request and decision, rendered to PDF in the
State's look, fingerprinted (SHA-256) for the audit chain."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string, select_template

from .documents import sha256_of


@dataclass(frozen=True)
class Letter:
    name: str
    content: bytes
    sha256: str


def html_to_pdf(html: str) -> bytes:
    # WeasyPrint is heavy (Pango, fonts): loaded when a letter is written, not at start-up.
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


def letter_render(*, template_names: list[str], context: dict, name: str, today: date) -> Letter:
    """Render the first template found among `template_names` and make a PDF of it."""
    template = select_template(template_names)
    html = render_to_string(template.template.name, {**context, "date_courrier": today})
    content = html_to_pdf(html)
    return Letter(name=name, content=content, sha256=sha256_of(content))
