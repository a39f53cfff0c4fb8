""" "Mes données" as a person reads it: what each service exports (JSON-ready data), turned into
tables, lists and sentences, dates in French time. The JSON download stays as it is.

Each top-level entry of a service's export becomes a block:
- a list of records (dicts): a table whose columns are the records' keys;
- a record: a list of "label : value";
- a list of values: a bulleted list; anything else: a sentence.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def label(key: str) -> str:
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def text(value) -> str:
    """One value in French: dates in Europe/Paris time, Oui/Non, "—" for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, str) and _DATETIME.match(value):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    elif isinstance(value, str) and _DATE.match(value):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, dt.UTC)
        return f"{timezone.localtime(value):%d/%m/%Y à %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, dict):
        return " ; ".join(f"{label(k)} : {text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Block:
    title: str
    kind: str  # "table", "pairs", "list", "text"
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    value: str = ""


def blocks(section: dict) -> list[Block]:
    out = []
    for key, value in section.items():
        title = label(key)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            keys = list(dict.fromkeys(k for record in value for k in record))
            rows = tuple(tuple(text(record.get(k)) for k in keys) for record in value)
            out.append(Block(title, "table", tuple(label(k) for k in keys), rows))
        elif isinstance(value, dict):
            out.append(Block(title, "pairs", rows=tuple((label(k), text(v)) for k, v in value.items())))
        elif isinstance(value, list) and value:
            out.append(Block(title, "list", rows=tuple((text(v),) for v in value)))
        else:
            out.append(Block(title, "text", value="aucun" if value in ([], {}) else text(value)))
    return out
