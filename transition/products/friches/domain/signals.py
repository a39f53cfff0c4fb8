"""Signals: the short tags the questionnaire's answers emit and the guidance's conditions read
(UrbanVitaliz's tag syntax: comma-separated, a tag of several words between double quotes; without
any comma or quote, tags are separated by spaces)."""

import re

_QUOTED = re.compile(r'"([^"]*)"')


def parse_tags(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    tags = {quoted.strip() for quoted in _QUOTED.findall(text)}
    rest = _QUOTED.sub(",", text) if '"' in text else text
    separator = "," if ("," in text or '"' in text) else None
    tags.update(part.strip() for part in rest.split(separator))
    return frozenset(tag for tag in tags if tag)


def format_tags(tags) -> str:
    """The text form of a set of tags: sorted, quoted when they hold a space or a comma."""
    return ", ".join(f'"{t}"' if (" " in t or "," in t) else t for t in sorted(tags))


def usage_signal(usage: str) -> str:
    """The signal an intended new use gives a project (UrbanVitaliz's `project_topic:` tags)."""
    return f"usage:{usage}"
