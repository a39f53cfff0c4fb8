"""Cheap guards over the whole project: each catches a class of mistakes, not one bug."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

ROOT = Path(__file__).resolve().parents[1] / "transition"


def _project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("transition.")]


@pytest.mark.parametrize("model", _project_models(), ids=lambda m: m._meta.label)
def test_every_model_says_what_it_is(model):
    assert model.__str__ is not models.Model.__str__, f"{model._meta.label} n'a pas de __str__"


@pytest.mark.parametrize("path", list(ROOT.rglob("*.html")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_or_style_in_templates(path):
    """The CSP forbids them: they would be blocked in the browser."""
    text = path.read_text(encoding="utf-8")
    if "/emails/" in str(path) or path.name.startswith("email"):
        return  # emails are not pages: the CSP does not apply, and mail clients need inline CSS
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or 'type="application/json"' in tag or 'type="application/geo+json"' in tag, (
            f"{path}: script en ligne {tag}"
        )
    assert "<style" not in text, f"{path}: <style> en ligne"
    assert not re.search(r'\sstyle="', text), f"{path}: attribut style"
    assert not re.search(r"\son[a-z]+=\"", text), f"{path}: gestionnaire d'événement en ligne"
