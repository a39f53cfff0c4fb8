"""What the templates of CarbuRe must keep for the DSFR to show them as written."""

import re
from pathlib import Path

import transition.products.carbure as carbure

TEMPLATES = Path(carbure.__file__).parent / "templates"
GROUP = re.compile(r'<ul class="(fr-btns-group[^"]*)"[^>]*>(.*?)</ul>', re.S)


def test_a_group_of_buttons_with_icons_keeps_their_labels():
    """In a `fr-btns-group` without `fr-btns-group--icon-left`, the DSFR shows an icon button as
    its icon alone: « Envoyer la sélection » was a blue square with a paper plane."""
    bare = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for classes, content in GROUP.findall(path.read_text()):
            if "fr-btn--icon-left" in content and "fr-btns-group--icon-left" not in classes.split():
                bare.append(f"{path.relative_to(TEMPLATES)}: {classes}")
    assert not bare, bare
