"""Bringing a territory's spreadsheets in: comobi-core's drivers' sheet, Lotocar's requests'
sheet, a Mobicoop platform's ads. Everything is read and checked first (errors by line and
column, in French); then everything is written in one transaction, or nothing.

Places come from the line's coordinates when it has them, else the territory's place names,
then its communes, then the geocoder. People are recognised by phone, then email, within the
territory (a line's person may already be there, or on an earlier line). A line already
imported (same content) is counted and left alone, so that a sheet can be brought again after
new answers were added to it.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportReport, read_table
from transition.platform.core.models import data_version_bump

from ..domain import mobicoop_ads, offer_sheet, request_sheet
from ..domain.matching import Point
from ..domain.request_sheet import Outcome as SheetOutcome
from ..domain.sheet_rows import Contact as ContactValue
from ..enums import PRODUCT, Contact, OfferKind, Outcome, Reason, RequestStatus, Source
from ..models import Offer, Person, Territory, TripRequest, offers_version_name
from ..permissions import MEDIATE
from ..selectors.places import PlaceKind, PlaceUnknown, Resolved, gazetteer, place_resolve
from .offers import OfferData, offer_check, offer_fill
from .requests import RequestData, request_check, request_fill

PARIS = ZoneInfo("Europe/Paris")
MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024


@dataclass
class Who:
    first_name: str
    last_name: str
    phone: str
    email: str
    contact: str
    direct_contact: bool = False
    sms_consent: bool = False
    since: datetime | None = None


def _key(values: dict) -> str:
    text = json.dumps({k: str(v) for k, v in sorted(values.items())}, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return timezone.now()
    return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)


def _time(minutes: int | None) -> time | None:
    return None if minutes is None else time(minutes // 60, minutes % 60)


class _Places:
    """Resolves each distinct name once per import."""

    def __init__(self, territory: Territory):
        self.territory = territory
        self.names = gazetteer(territory)
        self.cache: dict[str, Resolved | PlaceUnknown] = {}

    def get(self, text: str, point: Point | None) -> Resolved:
        if point is not None:
            return Resolved(text, point, PlaceKind.ADDRESS)
        if text not in self.cache:
            try:
                self.cache[text] = place_resolve(territory=self.territory, text=text, names=self.names)
            except PlaceUnknown as exc:
                self.cache[text] = exc
        found = self.cache[text]
        if isinstance(found, PlaceUnknown):
            raise found
        return found


def _places(places: _Places, report: ImportReport, line: int, pairs) -> list[Resolved] | None:
    found = []
    for column, text, point in pairs:
        try:
            found.append(places.get(text, point))
        except PlaceUnknown as exc:
            report.error(exc.message, line=line, field=column)
    return found if len(found) == len(pairs) else None


class _People:
    """The territory's people by phone and email, and those the file adds."""

    def __init__(self, territory: Territory):
        self.territory = territory
        self.by_phone: dict[str, Person] = {}
        self.by_email: dict[str, Person] = {}
        for person in Person.objects.filter(territory=territory).exclude(phone="", email=""):
            if person.phone:
                self.by_phone.setdefault(person.phone, person)
            if person.email:
                self.by_email.setdefault(person.email.lower(), person)

    def get(self, who: Who) -> Person:
        person = self.by_phone.get(who.phone) if who.phone else None
        if person is None and who.email:
            person = self.by_email.get(who.email.lower())
        if person is None:
            since = _aware(who.since)
            person = Person.objects.create(
                territory=self.territory,
                first_name=who.first_name or "Sans prénom",
                last_name=who.last_name,
                phone=who.phone,
                email=who.email,
                contact_preference=who.contact,
                direct_contact_consent_at=since if who.direct_contact else None,
                sms_consent_at=since if who.sms_consent else None,
                data_consent_at=since,
                created_at=since,
            )
        if who.phone:
            self.by_phone.setdefault(who.phone, person)
        if who.email:
            self.by_email.setdefault(who.email.lower(), person)
        return person


def _start(actor, territory: Territory, source, filename: str, *, headerless: tuple[str, ...] | None = None):
    if actor is not None:
        permissions.require(actor, MEDIATE, territory)
    if headerless is not None:
        data = source.read(MAX_BYTES + 1) if hasattr(source, "read") else source
        if isinstance(data, str):
            data = data.encode()
        source = (";".join(headerless) + "\n").encode() + data
    return read_table(source, filename=filename, max_rows=MAX_ROWS, max_bytes=MAX_BYTES + 4096)


def _already(model, territory: Territory, keys: set[str]) -> set[str]:
    return set(model.objects.filter(territory=territory, import_key__in=keys).values_list("import_key", flat=True))


def _bump(territory: Territory) -> None:
    data_version_bump(offers_version_name(territory.pk))


def _offer_data(line, origin, destination, *, kind, weekdays, day, departure, back, valid_from=None, valid_until=None):
    return OfferData(
        kind=kind,
        origin=origin,
        destination=destination,
        weekdays=weekdays,
        day=day,
        departure_time=_time(departure),
        return_time=_time(back),
        valid_from=valid_from,
        valid_until=valid_until,
        precise_place=getattr(line, "precise_place", ""),
        remarks=getattr(line, "remarks", ""),
    )


def _check(report: ImportReport, line: int, check, *args, **kwargs) -> bool:
    try:
        check(*args, **kwargs)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                report.error(message, line=line, field=field)
        return False
    return True


# --- comobi-core's drivers' sheet -----------------------------------------------------------------


def _read_sheet(actor, territory, source, filename, *, missing_columns, what: str, read_line):
    """Read and check a sheet with "Départ" and "Arrivée" columns: (report, the good lines as
    (row, values, (origin, destination))). The report holds every error; lines left out on
    purpose are counted and said."""
    try:
        table = _start(actor, territory, source, filename)
    except FileRefused as exc:
        return ImportReport.from_refusal(exc), []
    report = ImportReport(rows_read=len(table.rows))
    missing = missing_columns(list(table.headers))
    if missing:
        report.error(
            f"Colonne(s) manquante(s) : {', '.join(missing)}. La première ligne doit porter les en-têtes du {what}."
        )
        return report, []
    places, good = _Places(territory), []
    for row in table.rows:
        result = read_line(row)
        if result.skipped:
            report.skipped += 1
            report.warn(f"Ligne laissée de côté : {result.skipped}.", line=row.line)
            continue
        for column, message in result.errors:
            report.error(message, line=row.line, field=column)
        if result.values is None:
            continue
        line = result.values
        found = _places(
            places,
            report,
            row.line,
            [("Départ", line.origin, line.origin_point), ("Arrivée", line.destination, line.destination_point)],
        )
        if found is not None:
            good.append((row, line, found))
    return report, good


def offers_import(*, actor, territory: Territory, source, filename: str, today: date | None = None) -> ImportReport:
    today = today or timezone.localdate()
    report, good = _read_sheet(
        actor,
        territory,
        source,
        filename,
        missing_columns=offer_sheet.missing_columns,
        what="tableur des conducteurs",
        read_line=lambda row: offer_sheet.offer_line_read(row.values, line=row.line, today=today),
    )
    pending = []
    for row, line, found in good:
        kind = OfferKind.REGULAR if line.weekdays else OfferKind.ONE_OFF
        data = _offer_data(
            line,
            *found,
            kind=kind,
            weekdays=line.weekdays,
            day=line.day,
            departure=line.departure_min,
            back=line.return_min,
        )
        if not _check(report, row.line, offer_check, data, today=today):
            continue
        who = Who(
            line.first_name,
            line.last_name,
            line.phone,
            line.email,
            line.contact.value,
            direct_contact=line.direct_contact,
            sms_consent=line.contact == ContactValue.SMS,
            since=line.submitted_at,
        )
        pending.append((row.line, _key(row.values), who, data))
    if report.ok:
        with transaction.atomic():
            _offers_write(territory, report, pending, _People(territory))
            _audit(actor, territory, "offers_import", report, filename)
    return report


def _offers_write(territory, report, pending, people: "_People") -> None:
    """Write the checked offers (inside the caller's transaction); lines already imported are counted."""
    known = _already(Offer, territory, {key for _, key, _, _ in pending})
    for _line, key, who, data in pending:
        if key in known:
            report.unchanged += 1
            continue
        known.add(key)
        offer = Offer(territory=territory, driver=people.get(who), source=Source.IMPORT, import_key=key)
        offer_fill(offer, data)
        offer.save()
        report.created += 1
    _bump(territory)


def _requests_write(territory, report, pending, people: "_People") -> None:
    known = _already(TripRequest, territory, {p[0] for p in pending})
    for key, who, data, status, outcome, asked in pending:
        if key in known:
            report.unchanged += 1
            continue
        known.add(key)
        request = TripRequest(
            territory=territory,
            passenger=people.get(who),
            source=Source.IMPORT,
            import_key=key,
            created_at=asked,
            status=status,
            outcome=outcome,
            status_changed_at=timezone.now(),
        )
        request_fill(request, data)
        request.save()
        report.created += 1


def _audit(actor, territory, action: str, report: ImportReport, filename: str) -> None:
    event_record(
        actor=actor,
        action=f"comobi.{action}",
        target=territory,
        product=PRODUCT,
        payload={"file": filename[:200], **report_counts(report)},
    )


def report_counts(report: ImportReport) -> dict:
    return {"created": report.created, "unchanged": report.unchanged, "skipped": report.skipped}


# --- Lotocar's requests' sheet ---------------------------------------------------------------------

OUTCOMES = {
    SheetOutcome.OPEN: (RequestStatus.CREEE, ""),
    SheetOutcome.FOUND: (RequestStatus.CLOSE, Outcome.TRAJET_EFFECTUE),
    SheetOutcome.NO_SOLUTION: (RequestStatus.CLOSE, Outcome.SANS_SOLUTION),
    SheetOutcome.NO_DRIVER: (RequestStatus.CLOSE, Outcome.SANS_SOLUTION),
}


def requests_import(*, actor, territory: Territory, source, filename: str, today: date | None = None) -> ImportReport:
    today = today or timezone.localdate()
    report, good = _read_sheet(
        actor,
        territory,
        source,
        filename,
        missing_columns=request_sheet.missing_columns,
        what="tableur des demandes",
        read_line=lambda row: request_sheet.request_line_read(row.values, line=row.line),
    )
    pending = []
    for row, line, found in good:
        status, outcome = OUTCOMES[line.outcome]
        asked = _aware(line.asked_at)
        day = line.day or timezone.localtime(asked).date()
        data = RequestData(
            origin=found[0],
            destination=found[1],
            day=day,
            leave_after=_time(line.leave_after_min),
            return_wanted=line.return_wanted,
            return_after=_time(line.return_after_min),
            reason=Reason(line.reason.value),
        )
        if status != RequestStatus.CLOSE and day < today:
            report.error(
                "Demande en cours dont la date est passée : indiquez son issue (Oui, Non) ou une nouvelle date.",
                line=row.line,
                field="Date départ",
            )
            continue
        check_day = day if status != RequestStatus.CLOSE else today  # a closed request's date is history
        if not _check(
            report, row.line, request_check, RequestData(**{**data.__dict__, "day": max(check_day, today)}), today=today
        ):
            continue
        who = Who(
            line.first_name,
            line.last_name,
            line.phone,
            line.email,
            Contact.TELEPHONE if line.phone else Contact.EMAIL,
            since=asked,
        )
        pending.append((_key(row.values), who, data, status, outcome, asked))
    if report.ok:
        with transaction.atomic():
            _requests_write(territory, report, pending, _People(territory))
            _audit(actor, territory, "requests_import", report, filename)
    return report


# --- a Mobicoop platform's ads ---------------------------------------------------------------------


def ads_import(*, actor, territory: Territory, source, filename: str, today: date | None = None) -> ImportReport:
    """Mobicoop's "Basic ads" lines (no header; dates relative to `today`)."""
    today = today or timezone.localdate()
    try:
        table = _start(actor, territory, source, filename, headerless=mobicoop_ads.COLUMNS)
    except FileRefused as exc:
        return ImportReport.from_refusal(exc)
    report = ImportReport(rows_read=len(table.rows))
    places, offers, requests = _Places(territory), [], []
    for row in table.rows:
        line_number = row.line - 1  # the file has no header: its first line is line 1
        cells = [row.text(column) for column in mobicoop_ads.COLUMNS]
        result = mobicoop_ads.ad_line_read(cells, line=line_number, today=today)
        if result.skipped:
            report.skipped += 1
            report.warn(f"Annonce laissée de côté : {result.skipped}.", line=line_number)
            continue
        for column, message in result.errors:
            report.error(message, line=line_number, field=column)
        for index, ad in enumerate(result.values or []):
            found = _places(
                places, report, line_number, [("origin", ad.origin, None), ("destination", ad.destination, None)]
            )
            if found is None:
                break
            who = Who(ad.first_name, ad.last_name, "", ad.email, Contact.EMAIL, direct_contact=ad.is_offer)
            key = _key({**row.values, "part": index})
            if ad.is_offer:
                kind = OfferKind.REGULAR if ad.weekdays else OfferKind.ONE_OFF
                data = _offer_data(
                    ad,
                    *found,
                    kind=kind,
                    weekdays=ad.weekdays,
                    day=ad.day,
                    departure=ad.time_min,
                    back=ad.return_min,
                    valid_from=ad.valid_from,
                    valid_until=ad.valid_until,
                )
                if _check(report, line_number, offer_check, data, today=today):
                    offers.append((line_number, key, who, data))
            else:
                data = RequestData(
                    origin=found[0],
                    destination=found[1],
                    day=ad.day,
                    weekdays=ad.weekdays if ad.day is None else frozenset(),
                    leave_after=_time(ad.time_min),
                    return_wanted=ad.return_min is not None,
                    return_after=_time(ad.return_min),
                )
                if _check(report, line_number, request_check, data, today=today):
                    requests.append((key, who, data, RequestStatus.CREEE, "", timezone.now()))
    if report.ok:
        with transaction.atomic():
            people = _People(territory)
            _offers_write(territory, report, offers, people)
            _requests_write(territory, report, requests, people)
            _audit(actor, territory, "ads_import", report, filename)
    return report
