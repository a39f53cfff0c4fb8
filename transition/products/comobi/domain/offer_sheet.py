"""A territory's drivers' sheet (comobi-core's form answers), line by line. Pure Python.

Columns, in the original's order: Date, Départ, Arrivée, Lieu précis, Jours, Jour, heureDepart,
heureRetour, Type de covoit, Prénom, Nom, N° de téléphone, Adresse e-mail, Contact préféré,
Communication, Consentement, Remarques éventuelles; optionally lat_depart, lon_depart,
lat_arrivee, lon_arrivee.

comobi-core kept a line when Départ and Arrivée were filled, with a phone or an email, and with
Jours or a Jour not yet past; it dropped the others silently. Here a line it would have dropped
is an error the mediator sees (by line and column), except a one-off trip already past, which is
left out on purpose and counted. "Je consens" in Consentement means the driver accepts direct
contact. A heureRetour offers the reverse trip too.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .matching import Point
from .schedule_text import TextError, date_parse, datetime_parse, time_parse, weekdays_parse
from .sheet_rows import (
    MAX_NAME,
    Cells,
    Contact,
    RowResult,
    contact_preference,
    header_key,
    read_contact,
    read_places,
    read_points,
    start,
)

COLUMNS = (
    "Date",
    "Départ",
    "Arrivée",
    "Lieu précis",
    "Jours",
    "Jour",
    "heureDepart",
    "heureRetour",
    "Type de covoit",
    "Prénom",
    "Nom",
    "N° de téléphone",
    "Adresse e-mail",
    "Contact préféré",
    "Communication",
    "Consentement",
    "Remarques éventuelles",
)
COORDINATES = ("lat_depart", "lon_depart", "lat_arrivee", "lon_arrivee")
REQUIRED_COLUMNS = ("Départ", "Arrivée", "Jours", "Jour", "heureDepart", "Prénom", "N° de téléphone", "Adresse e-mail")
CONSENT = "je consens"
PAST = "trajet ponctuel passé"
EMPTY = "ligne vide"


@dataclass(frozen=True)
class OfferLine:
    submitted_at: datetime | None
    origin: str
    destination: str
    origin_point: Point | None
    destination_point: Point | None
    precise_place: str
    weekdays: frozenset[int]
    day: date | None
    departure_min: int
    return_min: int | None
    first_name: str
    last_name: str
    phone: str
    email: str
    contact: Contact
    direct_contact: bool
    remarks: str


def missing_columns(headers: list[str]) -> list[str]:
    present = {header_key(h) for h in headers}
    return [c for c in REQUIRED_COLUMNS if header_key(c) not in present]


def offer_line_read(row: dict, *, line: int, today: date) -> RowResult:
    cells, result = start(row, line, EMPTY)
    if result.skipped:
        return result
    origin, destination = read_places(cells, result)
    phone, email = read_contact(cells, result, phone_column="N° de téléphone", email_column="Adresse e-mail")
    if not cells.text("N° de téléphone") and not cells.text("Adresse e-mail"):
        result.error("N° de téléphone", "Ni téléphone ni adresse électronique : le conducteur serait injoignable.")
    weekdays, day = frozenset(), None
    try:
        weekdays = weekdays_parse(cells.text("Jours", 200))
    except TextError as exc:
        result.error("Jours", str(exc))
    try:
        day = date_parse(cells.raw("Jour"))
    except TextError as exc:
        result.error("Jour", str(exc))
    if weekdays and day:
        result.error(
            "Jour", "Jours et Jour sont remplis : un trajet est régulier (Jours) ou ponctuel (Jour), pas les deux."
        )
    elif not weekdays and day is None and not cells.text("Jours") and not cells.text("Jour"):
        result.error("Jours", "Ni jours (trajet régulier) ni date (trajet ponctuel) : ce trajet ne circule jamais.")
    if day is not None and not weekdays and day < today:
        result.errors.clear()
        result.skipped = PAST
        return result
    departure = _time(cells, result, "heureDepart", required=True)
    return_min = _time(cells, result, "heureRetour", required=False)
    submitted = None
    try:
        submitted = datetime_parse(cells.raw("Date"))
    except TextError as exc:
        result.error("Date", str(exc))
    first_name = cells.text("Prénom", MAX_NAME)
    if not first_name:
        result.error("Prénom", "Le prénom est vide (il est montré aux passagers : « Prénom N. »).")
    origin_point, destination_point = read_points(cells, result)
    if result.errors:
        return result
    result.values = OfferLine(
        submitted_at=submitted,
        origin=origin,
        destination=destination,
        origin_point=origin_point,
        destination_point=destination_point,
        precise_place=cells.text("Lieu précis", 200),
        weekdays=weekdays,
        day=day,
        departure_min=departure,
        return_min=return_min,
        first_name=first_name,
        last_name=cells.text("Nom", MAX_NAME),
        phone=phone,
        email=email,
        contact=contact_preference(cells.text("Contact préféré"), phone=phone, email=email),
        direct_contact=cells.text("Consentement").lower() == CONSENT,
        remarks=cells.text("Remarques éventuelles"),
    )
    return result


def _time(cells: Cells, result: RowResult, column: str, *, required: bool) -> int | None:
    try:
        value = time_parse(cells.raw(column))
    except TextError as exc:
        result.error(column, str(exc))
        return None
    if value is None and required:
        result.error(column, "L’heure de départ est vide.")
    return value


def kept_by_comobi_core(row: dict, *, now: datetime) -> bool:
    """comobi-core's own filter (keepRelevantDrivers), kept to check our reading against it."""
    cells = Cells(row)
    has_places = bool(cells.text("Départ")) and bool(cells.text("Arrivée"))
    has_contact = bool(cells.text("N° de téléphone")) or bool(cells.text("Adresse e-mail"))
    if not (has_places and has_contact):
        return False
    if cells.text("Jours"):
        return True
    try:
        day = date_parse(cells.raw("Jour"))
    except TextError:
        return False
    return day is not None and now < datetime(day.year, day.month, day.day) + timedelta(days=1)
