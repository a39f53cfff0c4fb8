"""A territory's requests sheet (Lotocar's, also comobi-core's), line by line. Pure Python.

Columns: Date demande, Raisons, Départ, Arrivée, Date départ, heureDepart (Lotocar: "heure
départ"), Motif, Retour, Heure, Prénom, Nom, N° de téléphone, Adresse e-mail, Communication,
Informations supplémentaires, Motif de refus, and the outcome column "Trajet effectué
Oui/Non/Régulier/…" (found by its beginning). "Communication" (how the person heard of the
service) is not kept: it is not needed to carry anyone.

The outcome column becomes the request's state: empty -> open (créée); Oui or Régulier -> closed,
a driver was found; Non -> closed, no solution; N (comobi-core's "no relevant driver") -> closed,
no driver found. An open request needs a date and a way to reach the person.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .reasons import Reason, reason_from_text
from .schedule_text import TextError, date_parse, datetime_parse, time_parse
from .sheet_rows import MAX_NAME, Cells, Contact, RowResult, header_key, read_contact, read_places, read_points, start

COLUMNS = (
    "Date demande",
    "Raisons",
    "Départ",
    "Arrivée",
    "Date départ",
    "heureDepart",
    "Motif",
    "Retour",
    "Heure",
    "Prénom",
    "Nom",
    "N° de téléphone",
    "Adresse e-mail",
    "Communication",
    "Informations supplémentaires",
    "Motif de refus",
    "Trajet effectué Oui/Non/Régulier",
)
REQUIRED_COLUMNS = ("Départ", "Arrivée", "Date départ", "Prénom", "N° de téléphone")
OUTCOME_PREFIX = header_key("Trajet effectué")
EMPTY = "ligne vide"


class Outcome(StrEnum):
    OPEN = "open"
    FOUND = "found"
    NO_SOLUTION = "no_solution"
    NO_DRIVER = "no_driver"


OUTCOMES = {"": Outcome.OPEN, "oui": Outcome.FOUND, "regulier": Outcome.FOUND, "non": Outcome.NO_SOLUTION}
OUTCOMES["n"] = Outcome.NO_DRIVER
YES = {"oui", "o", "yes", "x", "1", "vrai"}
NO = {"", "non", "n", "no", "0", "faux"}


@dataclass(frozen=True)
class RequestLine:
    asked_at: datetime | None
    origin: str
    destination: str
    origin_point: object
    destination_point: object
    day: date | None
    leave_after_min: int | None
    reason: Reason
    return_wanted: bool
    return_after_min: int | None
    first_name: str
    last_name: str
    phone: str
    email: str
    contact: Contact
    notes: str
    refusal: str
    outcome: Outcome


def _heure_depart(cells: Cells):
    return cells.raw("heureDepart") if cells.has_column("heureDepart") else cells.raw("heure départ")


def _outcome_text(row: dict) -> str:
    for key, value in row.items():
        if key is not None and header_key(key).startswith(OUTCOME_PREFIX):
            return header_key(str(value or ""))
    return ""


def missing_columns(headers: list[str]) -> list[str]:
    present = {header_key(h) for h in headers}
    return [c for c in REQUIRED_COLUMNS if header_key(c) not in present]


def request_line_read(row: dict, *, line: int) -> RowResult:
    cells, result = start(row, line, EMPTY)
    if result.skipped:
        return result
    origin, destination = read_places(cells, result)
    outcome_text = _outcome_text(row)
    outcome = OUTCOMES.get(outcome_text)
    if outcome is None:
        result.error(
            "Trajet effectué", f"« {outcome_text[:20]} » : attendu Oui, Non, Régulier, N ou vide (demande en cours)."
        )
        outcome = Outcome.OPEN
    phone, email = read_contact(cells, result, phone_column="N° de téléphone", email_column="Adresse e-mail")
    day = leave_after = return_after = asked_at = None
    try:
        day = date_parse(cells.raw("Date départ"))
    except TextError as exc:
        result.error("Date départ", str(exc))
    try:
        leave_after = time_parse(_heure_depart(cells))
    except TextError as exc:
        result.error("heureDepart", str(exc))
    try:
        return_after = time_parse(cells.raw("Heure"))
    except TextError as exc:
        result.error("Heure", str(exc))
    try:
        asked_at = datetime_parse(cells.raw("Date demande"))
    except TextError as exc:
        result.error("Date demande", str(exc))
    return_text = header_key(cells.text("Retour", 20))
    if return_text not in YES | NO:
        result.error("Retour", f"« {cells.text('Retour', 20)} » : attendu Oui ou Non.")
    first_name = cells.text("Prénom", MAX_NAME)
    if outcome == Outcome.OPEN:
        if day is None and "Date départ" not in {c for c, _ in result.errors}:
            result.error("Date départ", "Une demande en cours a besoin d’une date de départ.")
        if not cells.text("N° de téléphone") and not cells.text("Adresse e-mail"):
            result.error("N° de téléphone", "Ni téléphone ni adresse électronique : la personne serait injoignable.")
        if not first_name:
            result.error("Prénom", "Le prénom est vide.")
    origin_point, destination_point = read_points(cells, result)
    if result.errors:
        return result
    motive = cells.text("Motif", 200) or cells.text("Raisons", 200)
    result.values = RequestLine(
        asked_at=asked_at,
        origin=origin,
        destination=destination,
        origin_point=origin_point,
        destination_point=destination_point,
        day=day,
        leave_after_min=leave_after,
        reason=reason_from_text(motive),
        return_wanted=return_text in YES or return_after is not None,
        return_after_min=return_after,
        first_name=first_name,
        last_name=cells.text("Nom", MAX_NAME),
        phone=phone,
        email=email,
        contact=Contact.TELEPHONE if phone else Contact.EMAIL,
        notes=cells.text("Informations supplémentaires"),
        refusal=cells.text("Motif de refus", 500),
        outcome=outcome,
    )
    return result
