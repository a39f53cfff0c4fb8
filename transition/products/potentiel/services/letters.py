"""Reasoned decision letters: a template per kind of request and decision, rendered to PDF in the
State's look (the platform's `render_pdf`), fingerprinted (SHA-256) for the audit chain."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import select_template

from transition.platform.ui.pdf import render_pdf

from .documents import sha256_of


@dataclass(frozen=True)
class Letter:
    name: str
    content: bytes
    sha256: str


def letter_render(*, template_names: list[str], context: dict, name: str, today: date) -> Letter:
    """Render the first template found among `template_names` and make a PDF of it."""
    template = select_template(template_names)
    content = render_pdf(template.template.name, {**context, "date_courrier": today})
    return Letter(name=name, content=content, sha256=sha256_of(content))
