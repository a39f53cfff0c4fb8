"""What is common to reading a territory's sheets: headers, cells, contacts, points. Pure Python.

Headers are compared folded (case, accents, spaces and punctuation do not matter), so that
"heureDepart", "Heure départ" and "HEURE DEPART" name the same column.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from transition.platform.notify.phone import PhoneError, phone_parse

from .matching import Point

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_NAME = 100
MAX_TEXT = 1000


class Contact(StrEnum):
    TELEPHONE = "telephone"
    SMS = "sms"
    EMAIL = "email"
    MEDIATEUR = "mediateur"


def header_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", (name or "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass
class RowResult:
    """One line read: its values when valid, else its errors (field, message); or why it is left out."""

    line: int
    values: object | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    skipped: str = ""  # why a line is left out on purpose (empty, a one-off trip already past)

    def error(self, column: str, message: str) -> None:
        self.errors.append((column, message))


class Cells:
    """The cells of one line by folded header; missing columns read as empty."""

    def __init__(self, row: dict):
        self._cells = {header_key(k): v for k, v in row.items() if k is not None}

    def raw(self, column: str):
        return self._cells.get(header_key(column))

    def text(self, column: str, limit: int = MAX_TEXT) -> str:
        value = self.raw(column)
        if value is None:
            return ""
        text = " ".join(str(value).split())
        return text[:limit]

    def has_column(self, column: str) -> bool:
        return header_key(column) in self._cells

    def is_blank(self) -> bool:
        return all(value is None or not str(value).strip() for value in self._cells.values())


def read_places(cells: Cells, result: RowResult) -> tuple[str, str]:
    """The line's "Départ" and "Arrivée", both required."""
    origin, destination = cells.text("Départ", 200), cells.text("Arrivée", 200)
    if not origin:
        result.error("Départ", "Le lieu de départ est vide.")
    if not destination:
        result.error("Arrivée", "Le lieu d’arrivée est vide.")
    return origin, destination


def start(row: dict, line: int, empty: str) -> tuple[Cells, RowResult]:
    """The cells of a line and its result, marked left out when the line is blank."""
    cells = Cells(row)
    result = RowResult(line=line)
    if cells.is_blank():
        result.skipped = empty
    return cells, result


def contact_preference(text: str, *, phone: str, email: str) -> Contact:
    """'SMS', 'Email', 'Téléphone'… as the sheets say it; by default the phone when there is one."""
    folded = header_key(text)
    if "sms" in folded or "texto" in folded:
        return Contact.SMS
    if "mail" in folded or "courriel" in folded:
        return Contact.EMAIL
    if "mediat" in folded:
        return Contact.MEDIATEUR
    if any(word in folded for word in ("tel", "appel", "phone", "portable")):
        return Contact.TELEPHONE
    return Contact.TELEPHONE if phone else Contact.EMAIL


def read_contact(cells: Cells, result: RowResult, *, phone_column: str, email_column: str) -> tuple[str, str]:
    """The phone (E.164) and email of a line, each checked; errors are added to `result`."""
    phone, email = "", ""
    raw_phone = cells.text(phone_column, 40)
    if raw_phone:
        try:
            phone = phone_parse(raw_phone).e164
        except PhoneError as exc:
            result.error(phone_column, str(exc))
    raw_email = cells.text(email_column, 254).lower()
    if raw_email:
        if EMAIL.match(raw_email):
            email = raw_email
        else:
            result.error(email_column, f"« {raw_email[:60]} » n’est pas une adresse électronique valide.")
    return phone, email


def read_point(cells: Cells, result: RowResult, lat_column: str, lon_column: str) -> Point | None:
    """Optional coordinates: both or neither; decimal comma accepted; within the Earth's ranges."""
    raw_lat, raw_lon = cells.text(lat_column, 30), cells.text(lon_column, 30)
    if not raw_lat and not raw_lon:
        return None
    if not raw_lat or not raw_lon:
        result.error(
            lat_column if not raw_lat else lon_column, "Indiquez la latitude et la longitude, ou aucune des deux."
        )
        return None
    try:
        lat, lon = float(raw_lat.replace(",", ".")), float(raw_lon.replace(",", "."))
    except ValueError:
        result.error(lat_column, f"Coordonnées illisibles : « {raw_lat} », « {raw_lon} » (ex. 44.7386 et 1.6712).")
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        result.error(lat_column, f"Coordonnées hors limites : « {raw_lat} », « {raw_lon} ».")
        return None
    return Point(lat, lon)


def read_points(cells: Cells, result: RowResult) -> tuple[Point | None, Point | None]:
    """The optional lat_depart, lon_depart, lat_arrivee, lon_arrivee of a line."""
    return read_point(cells, result, "lat_depart", "lon_depart"), read_point(
        cells, result, "lat_arrivee", "lon_arrivee"
    )
