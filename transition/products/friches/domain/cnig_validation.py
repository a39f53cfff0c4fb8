"""Checking rows against the CNIG standard (cnig_schema.py) as a Table Schema validator does: each
value's type (integer, date, year), required fields, allowed values and patterns; and the file's
columns (which are the standard's, which are ignored, which required ones are absent).

A pattern must match the whole value. The standard's pattern for `site_projet_url`,
`^(https?://…)|(…@…)$`, reads literally as "starts like a URL, or ends like an email address"; it is
applied as its authors meant it, the whole value being one or the other (decision 0401). A field
with both a pattern and the "uri" format is checked against its pattern only: the standard's own
pattern admits an email address that no URI check would.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from .cnig_schema import FIELDS, FIELDS_BY_NAME, MISSING_VALUES, PRIMARY_KEY, Field

_COMPILED = {f.name: re.compile(f"(?:{f.pattern})") for f in FIELDS if f.pattern}

PATTERN_HINTS: dict[str, str] = {
    "site_url": "une ou plusieurs adresses web (http:// ou https://), séparées par « | »",
    "site_ademe_url": "une adresse web (http:// ou https://)",
    "site_projet_url": "une adresse web (http:// ou https://) ou une adresse électronique",
    "activite_code": "des codes d’activité BASIAS comme B05.10Z, séparés par « | »",
    "bati_type": "des types parmi industriel, commercial, résidentiel, secteur tertiaire, inconnu, autre, "
    "sans objet, séparés par « | »",
    "proprio_type": "des catégories de personne morale comme P4a, séparées par « | » (pas par des espaces)",
    "proprio_personne": "personne physique, personne morale, inconnu, autre ou sans objet, séparés par « | »",
    "unite_fonciere_refcad": "des références cadastrales de 14 caractères comme 12083000AH0035, séparées par « | »",
    "desserte_distance": "trois distances entières séparées par « | », comme 2|6|46",
}

MAX_SHOWN = 60


def shown(value: str) -> str:
    """A value quoted in a message: control characters out, long values cut."""
    clean = "".join(ch if ch.isprintable() else " " for ch in value)
    return clean if len(clean) <= MAX_SHOWN else clean[: MAX_SHOWN - 1] + "…"


def is_missing(value: str | None) -> bool:
    return value is None or value.strip() in MISSING_VALUES


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def closest_allowed(f: Field, value: str) -> str | None:
    """The allowed value that differs from `value` only by case, accents, apostrophes or spaces."""
    folded = _fold(value)
    for allowed in f.enum:
        if _fold(allowed) == folded:
            return allowed
    return None


def _date_error(f: Field, value: str) -> str | None:
    if f.fmt == "%Y":
        return None if re.fullmatch(r"\d{4}", value) else f"année sur 4 chiffres attendue (« {shown(value)} »)"
    try:
        parsed = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return f"date au format AAAA-MM-JJ attendue (« {shown(value)} »)"
    return None if parsed.isoformat() == value else f"date au format AAAA-MM-JJ attendue (« {shown(value)} »)"


def _uri_error(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not any(ch.isspace() for ch in value):
        return None
    return f"adresse web attendue, commençant par http:// ou https:// (« {shown(value)} »)"


def value_error(f: Field, raw: str | None) -> str | None:
    """Why `raw` is not a valid value of field `f`, or None."""
    if is_missing(raw):
        return "champ obligatoire vide" if f.required else None
    value = raw.strip()
    if f.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            return f"nombre entier attendu (« {shown(value)} »)"
    elif f.type == "date":
        return _date_error(f, value)
    if f.enum and value not in f.enum:
        close = closest_allowed(f, value)
        hint = f" ; vouliez-vous dire « {close} » ?" if close else ""
        return f"valeur « {shown(value)} » absente de la liste du standard{hint}"
    if f.pattern and not _COMPILED[f.name].fullmatch(value):
        return f"« {shown(value)} » ne respecte pas le format : {PATTERN_HINTS.get(f.name, 'voir le standard')}"
    if f.fmt == "uri" and not f.pattern:
        return _uri_error(value)
    return None


def row_errors(row: dict[str, str]) -> list[tuple[str, str]]:
    """(field, message) for each value of a row the standard refuses, in the standard's order."""
    errors = []
    for f in FIELDS:
        problem = value_error(f, row.get(f.name))
        if problem:
            errors.append((f.name, problem))
    return errors


def duplicate_keys(rows: Iterable[tuple[int, dict[str, str]]]) -> dict[int, int]:
    """{line: first line} for rows repeating an earlier row's `site_id` (the primary key)."""
    first: dict[str, int] = {}
    repeated: dict[int, int] = {}
    for line, row in rows:
        key = (row.get(PRIMARY_KEY) or "").strip()
        if not key:
            continue
        if key in first:
            repeated[line] = first[key]
        else:
            first[key] = line
    return repeated


_QUALIFIED = re.compile(r"^\s*([a-z_]+)\s*\(.*\)\s*$")


@dataclass
class ColumnPlan:
    """How a file's columns map to the standard's fields."""

    columns: dict[str, str] = field(default_factory=dict)  # header in the file -> field
    ignored: list[str] = field(default_factory=list)
    completed: dict[str, str] = field(default_factory=dict)  # absent field -> value given to every row
    errors: list[str] = field(default_factory=list)


def plan_columns(headers: Iterable[str], *, today: date, source_name: str) -> ColumnPlan:
    """Which column holds which field. A header "field(anything)" is that field (producers add the
    nomenclature, e.g. `proprio_type(catpro3)`). Required fields the file lacks as columns are
    completed when the standard or the import can say what they are: `urba_zaer` "inconnu" (the
    standard's value for it), `source_nom` the source named at import, `site_identif_date` and
    `site_actu_date` the day of the import (the day this registry identified and updated the site);
    the others cannot be guessed and the file is refused."""
    plan = ColumnPlan()
    for header in headers:
        name = header.strip().lstrip("\ufeff")
        match = _QUALIFIED.match(name)
        candidate = match.group(1) if match else name
        if candidate in FIELDS_BY_NAME:
            if candidate in plan.columns.values():
                plan.errors.append(f"la colonne « {shown(header)} » répète le champ {candidate}")
            else:
                plan.columns[header] = candidate
        else:
            plan.ignored.append(header)
    present = set(plan.columns.values())
    completions = {
        "urba_zaer": "inconnu",
        "source_nom": source_name.strip(),
        "site_identif_date": today.isoformat(),
        "site_actu_date": today.isoformat(),
    }
    for f in FIELDS:
        if not f.required or f.name in present:
            continue
        value = completions.get(f.name)
        if value:
            plan.completed[f.name] = value
        else:
            plan.errors.append(f"colonne obligatoire absente : {f.name} ({f.title})")
    return plan
