"""Write use-cases of the demands side: demands and their follow-up, ambassadors, the condominium
registry, bulk address tests, partner tokens, eligibility counters.

Every function takes keyword-only arguments, runs in one transaction, checks permissions itself
(views check them too) and writes what it changed to the audit log.
"""

import atexit
import csv
import io
import logging
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import DatabaseError, connections, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.notify.services import email_send

from .domain import bulk_columns
from .domain.agency_coverage import AgencyArea, covering_agency, normalise_departement
from .domain.assignment import assigned_network_id
from .domain.bulk_results import BulkOutcome, changes
from .domain.demand_status import (
    DemandStatus,
    FollowupState,
    can_volunteer_as_ambassador,
    followups_due,
    initial_status,
    reminder_due,
    status_label,
    transition_error,
)
from .models import (
    Agency,
    Ambassador,
    AmbassadorMessage,
    BulkTest,
    BulkTestRow,
    Copropriete,
    Demand,
    DemandEvent,
    EligibilityTestDay,
    Network,
    NetworkUnderConstruction,
    PartnerToken,
)
from .models.demands import ConstructionPeriod, HeatingEnergy, HeatingType, token_hash, token_new
from .models.networks import data_version_get

logger = logging.getLogger(__name__)
PRODUCT = "chaleur"


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# ---------------------------------------------------------------------------------------------
# Eligibility, as the demands side reads it
# ---------------------------------------------------------------------------------------------


def eligibility_snapshot(*, lon: float, lat: float, citycode: str = "") -> dict:
    """The eligibility of one point, computed here from the in-memory index, as a JSON-ready dict
    (what a demand keeps of it)."""
    from . import eligibility_index

    return _result_dict(eligibility_index.eligibility_for_point(lon, lat, citycode or None))


def _version_number(version) -> int:
    """The networks' data version as a number (the index pairs it with the time of the change)."""
    return int(version[0] if isinstance(version, tuple) else version)


def networks_version() -> int:
    return _version_number(data_version_get())


def _g_per_kwh(kg_per_kwh: float | None) -> int | None:
    return None if kg_per_kwh is None else round(kg_per_kwh * 1000)


def _result_dict(result) -> dict:
    """What the demands side keeps of the index's EligibilityResult (JSON-ready)."""
    network = result.network
    return {
        "type": str(result.type),
        "label": result.label,
        "eligible": bool(result.eligible),
        "distance_m": result.distance_m,
        "in_pdp": bool(result.in_pdp),
        "futur_network": bool(result.future_network),
        "network_id": network.pk if network else None,
        "network_is_future": bool(network and network.is_future),
        "network_national_id": network.national_id if network else "",
        "network_name": network.name if network else "",
        "network_operator": network.gestionnaire if network else "",
        "network_classified": network.classified if network else None,
        "renewable_share_pct": network.renewable_rate_pct if network else None,
        "co2_g_per_kwh": _g_per_kwh(network.co2_kg_per_kwh) if network else None,
        "co2_acv_g_per_kwh": _g_per_kwh(network.co2_lca_kg_per_kwh) if network else None,
        "untraced_network_in_commune": bool(result.commune_has_no_trace_network),
        "citycode": result.citycode or "",
        "data_version": _version_number(result.data_version),
    }


def eligibility_test_record(*, eligible: Iterable[bool], source: str, day: date | None = None) -> None:
    """Count addresses tested (and how many were eligible) for the indicators. No address is kept.
    One UPDATE per call, whatever the number of addresses."""
    flags = list(eligible)
    if not flags:
        return
    _eligibility_counts_add(
        day=day or timezone.localdate(), source=source, tested=len(flags), eligible=sum(1 for f in flags if f)
    )


# Addresses tested on the page and through the API: counted in this process's memory, written to
# the database by `eligibility_tests_flush` at most every CHALEUR_TEST_COUNT_FLUSH_S seconds (on the
# next test after the delay) and when the process exits, so that a request does not wait for a
# write (nor, on SQLite, for the database's single writer). 0 writes at each test (the tests).
_test_counts: dict[tuple[date, str], list[int]] = {}
_test_counts_lock = threading.Lock()
_test_counts_flushed_at = time.monotonic()


def eligibility_test_count(*, eligible: bool, source: str) -> None:
    """Count one address tested (and whether it was eligible) for the indicators. No address is
    kept. The count reaches the database within CHALEUR_TEST_COUNT_FLUSH_S seconds."""
    key = (timezone.localdate(), source)
    now = time.monotonic()
    with _test_counts_lock:
        counts = _test_counts.setdefault(key, [0, 0])
        counts[0] += 1
        counts[1] += 1 if eligible else 0
        due = now - _test_counts_flushed_at >= settings.CHALEUR_TEST_COUNT_FLUSH_S
    if due:
        eligibility_tests_flush()


def eligibility_tests_flush() -> None:
    """Write the counts kept in this process's memory (one UPDATE per day and source). When the
    database refuses them, they are kept for the next flush and the error is logged."""
    global _test_counts_flushed_at
    with _test_counts_lock:
        taken = dict(_test_counts)
        _test_counts.clear()
        _test_counts_flushed_at = time.monotonic()
    for position, ((day, source), (tested, eligible)) in enumerate(taken.items()):
        try:
            _eligibility_counts_add(day=day, source=source, tested=tested, eligible=eligible)
        except DatabaseError:
            logger.exception("Compteurs d’adresses testées non enregistrés, gardés pour la prochaine écriture")
            with _test_counts_lock:
                for key, (t, e) in list(taken.items())[position:]:
                    counts = _test_counts.setdefault(key, [0, 0])
                    counts[0] += t
                    counts[1] += e
            return


atexit.register(eligibility_tests_flush)


def _eligibility_counts_add(*, day: date, source: str, tested: int, eligible: int) -> None:
    with transaction.atomic():
        EligibilityTestDay.objects.get_or_create(day=day, source=source)
        EligibilityTestDay.objects.filter(day=day, source=source).update(
            tested=F("tested") + tested, eligible=F("eligible") + eligible
        )


# ---------------------------------------------------------------------------------------------
# Demands from the public
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemandInput:
    first_name: str
    last_name: str
    email: str
    phone: str
    structure_type: str
    company: str
    heating_energy: str
    heating_type: str
    dwellings_count: int | None
    surface_m2: int | None
    comment: str
    wants_operator_contact: bool
    wants_agency_advice: bool


def agency_for_citycode(citycode: str) -> Agency | None:
    areas = [
        AgencyArea(
            id=a.pk,
            communes=frozenset(str(c).strip().upper() for c in a.communes),
            departements=frozenset(normalise_departement(str(d)) for d in a.departements),
        )
        for a in Agency.objects.filter(active=True)
    ]
    agency_id = covering_agency(areas, citycode)
    return Agency.objects.get(pk=agency_id) if agency_id else None


def _commune_of(*, lon: float, lat: float, given: str, geocoder=None) -> tuple[str, str]:
    """The commune of a point, from reverse geocoding; the code the page passed is used only when
    the geocoder knows nothing there, and the snapshot says so."""
    from transition.platform.geo.geocoding import GeocodingError, get_geocoder

    try:
        found = (geocoder or get_geocoder()).reverse(lon=lon, lat=lat, limit=1)
    except GeocodingError:
        found = []
    if found and found[0].citycode:
        return found[0].citycode, "géocodage inverse"
    given = (given or "").strip().upper()
    if len(given) == 5 and given.isalnum():
        return given, "adresse choisie"
    return "", "inconnue"


def demand_create(
    *, lon: float, lat: float, address: str, citycode: str, data: DemandInput, requester=None, geocoder=None
) -> Demand:
    """A connection request. Its eligibility is computed here from the coordinates (never taken
    from the page), it is routed to the network when eligible or closer than 500 m, starts "À
    traiter" when eligible and "Non réalisable" otherwise; the person gets a confirmation and, when
    asked, the local energy agency gets the request."""
    if not (data.wants_operator_contact or data.wants_agency_advice):
        raise ValidationError(
            "Choisissez au moins un contact : le gestionnaire du réseau ou l’agence locale de l’énergie."
        )
    citycode, citycode_source = _commune_of(lon=lon, lat=lat, given=citycode, geocoder=geocoder)
    snapshot = eligibility_snapshot(lon=lon, lat=lat, citycode=citycode)
    snapshot["citycode_source"] = citycode_source
    network_key = assigned_network_id(
        eligible=snapshot["eligible"], distance_m=snapshot["distance_m"], network_id=snapshot["network_id"]
    )
    network = future = None
    if network_key is not None:
        if snapshot["network_is_future"]:
            future = NetworkUnderConstruction.objects.filter(pk=network_key).first()
        else:
            network = Network.objects.filter(pk=network_key).first()
    agency = agency_for_citycode(citycode) if data.wants_agency_advice else None
    status = initial_status(eligible=snapshot["eligible"])
    now = timezone.now()
    with transaction.atomic():
        demand = Demand.objects.create(
            created_at=now,
            updated_at=now,
            requester=requester if getattr(requester, "is_authenticated", False) else None,
            first_name=data.first_name,
            last_name=data.last_name,
            email=data.email.lower(),
            phone=data.phone,
            structure_type=data.structure_type,
            company=data.company,
            address=address,
            citycode=citycode,
            lon=lon,
            lat=lat,
            heating_energy=data.heating_energy,
            heating_type=data.heating_type,
            dwellings_count=data.dwellings_count,
            surface_m2=data.surface_m2,
            comment=data.comment,
            eligibility_type=snapshot["type"],
            eligible=snapshot["eligible"],
            distance_m=snapshot["distance_m"],
            in_pdp=snapshot["in_pdp"],
            eligibility_snapshot=snapshot,
            network=network,
            network_under_construction=future,
            status=status,
            wants_operator_contact=data.wants_operator_contact,
            wants_agency_advice=data.wants_agency_advice,
            agency=agency,
        )
        DemandEvent.objects.create(
            demand=demand, created_at=now, kind=DemandEvent.Kind.CREATED, to_status=status, text="Demande envoyée."
        )
        event_record(
            actor=requester,
            action="chaleur.demand_create",
            target=demand,
            payload={"status": status, "network_id": network.pk if network else None, "eligible": snapshot["eligible"]},
            product=PRODUCT,
        )
        context = {"demand": demand, "status_label": status_label(status), "network": network or future}
        email_send(to=demand.email, template="chaleur/emails/demand_confirmation", context=context, product=PRODUCT)
        if agency is not None:
            email_send(
                to=agency.email,
                template="chaleur/emails/demand_agency",
                context={"demand": demand, "agency": agency},
                product=PRODUCT,
                reply_to=demand.email,
            )
    return demand


# ---------------------------------------------------------------------------------------------
# Demands in the back-office
# ---------------------------------------------------------------------------------------------


def _touch(demand: Demand, now: datetime, fields: list[str]) -> None:
    demand.updated_at = now
    demand.save(update_fields=[*fields, "updated_at"])


def demand_status_change(
    *, actor, demand: Demand, status: str, comment: str = "", notify_requester: bool = True
) -> Demand:
    permissions.require(actor, "chaleur.demand_change", demand)
    error = transition_error(demand.status, status)
    if error:
        raise ValidationError(error)
    now = timezone.now()
    previous = demand.status
    with transaction.atomic():
        demand.status = status
        fields = ["status"]
        if comment:
            demand.operator_comment = comment
            fields.append("operator_comment")
        _touch(demand, now, fields)
        DemandEvent.objects.create(
            demand=demand,
            created_at=now,
            actor=actor,
            kind=DemandEvent.Kind.STATUS,
            from_status=previous,
            to_status=status,
            text=comment,
        )
        event_record(
            actor=actor,
            action="chaleur.demand_status_change",
            target=demand,
            payload={"from": previous, "to": status},
            product=PRODUCT,
        )
        if notify_requester and not demand.anonymised_at:
            context = {
                "demand": demand,
                "status_label": status_label(status),
                "previous_label": status_label(previous),
                "ambassador_url": _site_url(ambassador_volunteer_path(demand))
                if can_volunteer_as_ambassador(status)
                else "",
            }
            email_send(
                to=demand.email, template="chaleur/emails/demand_status_changed", context=context, product=PRODUCT
            )
    return demand


def demand_comment_add(*, actor, demand: Demand, text: str) -> DemandEvent:
    permissions.require(actor, "chaleur.demand_change", demand)
    text = text.strip()
    if not text:
        raise ValidationError("Le commentaire est vide.")
    now = timezone.now()
    with transaction.atomic():
        demand.operator_comment = text
        _touch(demand, now, ["operator_comment"])
        event = DemandEvent.objects.create(
            demand=demand, created_at=now, actor=actor, kind=DemandEvent.Kind.COMMENT, text=text
        )
        event_record(
            actor=actor, action="chaleur.demand_comment", target=demand, payload={"length": len(text)}, product=PRODUCT
        )
    return event


def demand_correct(
    *, actor, demand: Demand, distance_m: int | None, dwellings_count: int | None, consumption_mwh: Decimal | None
) -> Demand:
    """An operator corrects what the requester or the map got wrong; the snapshot stays as it was."""
    permissions.require(actor, "chaleur.demand_change", demand)
    for value, label in (
        (distance_m, "La distance"),
        (dwellings_count, "Le nombre de logements"),
        (consumption_mwh, "La consommation"),
    ):
        if value is not None and value < 0:
            raise ValidationError(f"{label} ne peut pas être négative.")
    before = {
        "distance_m": demand.distance_m,
        "dwellings_count": demand.dwellings_count,
        "consumption_mwh": demand.consumption_mwh,
    }
    after = {"distance_m": distance_m, "dwellings_count": dwellings_count, "consumption_mwh": consumption_mwh}
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    if not changed:
        return demand
    now = timezone.now()
    with transaction.atomic():
        for key, (_, value) in changed.items():
            setattr(demand, key, value)
        _touch(demand, now, list(changed))
        data = {
            k: [str(a) if a is not None else None, str(b) if b is not None else None] for k, (a, b) in changed.items()
        }
        DemandEvent.objects.create(
            demand=demand,
            created_at=now,
            actor=actor,
            kind=DemandEvent.Kind.CORRECTION,
            text="Correction des informations.",
            data=data,
        )
        event_record(actor=actor, action="chaleur.demand_correct", target=demand, payload=data, product=PRODUCT)
    return demand


# The messages an operator can send to a requester; the text is a starting point they can edit.
EMAIL_TEMPLATES: dict[str, tuple[str, str]] = {
    "prise_de_contact": (
        "Prise de contact",
        "Bonjour {prenom},\n\nNous avons bien reçu votre demande de raccordement au réseau de chaleur pour le {adresse}. "
        "Nous souhaitons échanger avec vous pour préciser votre projet : pouvez-vous nous indiquer vos disponibilités ?\n\n"
        "Bien cordialement,\n{gestionnaire}",
    ),
    "informations": (
        "Demande d’informations complémentaires",
        "Bonjour {prenom},\n\nPour étudier votre demande pour le {adresse}, pourriez-vous nous transmettre la consommation "
        "annuelle de chauffage (factures ou relevés) et l’âge de votre chaudière ?\n\nBien cordialement,\n{gestionnaire}",
    ),
    "non_realisable": (
        "Votre demande ne peut pas aboutir",
        "Bonjour {prenom},\n\nAprès étude, le raccordement du {adresse} au réseau n’est pas réalisable à ce jour. "
        "Nous reviendrons vers vous si la situation évolue.\n\nBien cordialement,\n{gestionnaire}",
    ),
}


def email_template_text(*, key: str, demand: Demand, operator_name: str) -> str:
    _, body = EMAIL_TEMPLATES[key]
    return body.format(prenom=demand.first_name, adresse=demand.address, gestionnaire=operator_name)


def demand_email_send(*, actor, demand: Demand, template_key: str, body: str) -> DemandEvent:
    """An operator writes to the requester; the answer comes back to the operator (reply-to)."""
    permissions.require(actor, "chaleur.demand_change", demand)
    if template_key not in EMAIL_TEMPLATES:
        raise ValidationError("Modèle de courriel inconnu.")
    body = body.strip()
    if not body:
        raise ValidationError("Le message est vide.")
    if demand.anonymised_at:
        raise ValidationError("Cette demande a été anonymisée : le demandeur ne peut plus être contacté.")
    subject, _ = EMAIL_TEMPLATES[template_key]
    now = timezone.now()
    with transaction.atomic():
        _touch(demand, now, [])
        event = DemandEvent.objects.create(
            demand=demand,
            created_at=now,
            actor=actor,
            kind=DemandEvent.Kind.EMAIL,
            text=body,
            data={"template": template_key},
        )
        event_record(
            actor=actor,
            action="chaleur.demand_email",
            target=demand,
            payload={"template": template_key},
            product=PRODUCT,
        )
        context = {"demand": demand, "subject": subject, "body": body}
        email_send(
            to=demand.email,
            template="chaleur/emails/demand_operator_message",
            context=context,
            product=PRODUCT,
            reply_to=actor.email,
        )
    return event


# ---------------------------------------------------------------------------------------------
# Emails sent by periodic jobs (idempotent: what was sent is recorded on the demand)
# ---------------------------------------------------------------------------------------------


def _operator_emails_by_network() -> dict[int, list[str]]:
    from .selectors_demands import operator_emails_for_networks

    return operator_emails_for_networks()


def operator_digest_send(*, now: datetime | None = None) -> int:
    """Each operator gets one email listing the demands assigned to its networks not yet signalled.
    Returns the number of emails sent."""
    now = now or timezone.now()
    emails_by_network = _operator_emails_by_network()
    pending = list(
        Demand.objects.filter(operator_notified_at__isnull=True, network__isnull=False, anonymised_at__isnull=True)
        .select_related("network")
        .order_by("created_at")
    )
    by_recipient: dict[str, list[Demand]] = {}
    for demand in pending:
        for email in emails_by_network.get(demand.network_id, []):
            by_recipient.setdefault(email, []).append(demand)
    with transaction.atomic():
        Demand.objects.filter(pk__in=[d.pk for d in pending if d.network_id in emails_by_network]).update(
            operator_notified_at=now
        )
        for email, demands in by_recipient.items():
            context = {"demands": demands, "url": _site_url(reverse("chaleur:pro_demands"))}
            email_send(to=email, template="chaleur/emails/operator_digest", context=context, product=PRODUCT)
    return len(by_recipient)


def operator_reminders_send(*, now: datetime | None = None) -> int:
    """Weekly: each operator is reminded of its demands still "À traiter" after 7 days (once per
    demand per week)."""
    now = now or timezone.now()
    emails_by_network = _operator_emails_by_network()
    week_ago = now - timedelta(days=7)
    candidates = Demand.objects.filter(
        status=DemandStatus.A_TRAITER, network__isnull=False, anonymised_at__isnull=True
    ).select_related("network")
    due = [
        d
        for d in candidates
        if reminder_due(created_at=d.created_at, status=d.status, now=now)
        and (d.reminder_sent_at is None or d.reminder_sent_at <= week_ago)
    ]
    by_recipient: dict[str, list[Demand]] = {}
    for demand in due:
        for email in emails_by_network.get(demand.network_id, []):
            by_recipient.setdefault(email, []).append(demand)
    with transaction.atomic():
        Demand.objects.filter(pk__in=[d.pk for d in due if d.network_id in emails_by_network]).update(
            reminder_sent_at=now
        )
        for email, demands in by_recipient.items():
            context = {"demands": demands, "url": _site_url(reverse("chaleur:pro_demands") + "?statut=a_traiter")}
            email_send(to=email, template="chaleur/emails/operator_reminder", context=context, product=PRODUCT)
    return len(by_recipient)


def requester_followups_send(*, now: datetime | None = None) -> int:
    """Day 30 and day 45: we ask the requester how things are going (each at most once)."""
    now = now or timezone.now()
    sent = 0
    candidates = Demand.objects.filter(created_at__lte=now - timedelta(days=30), anonymised_at__isnull=True).exclude(
        status__in=[DemandStatus.REALISE, DemandStatus.ABANDONNE, DemandStatus.NON_REALISABLE]
    )
    for demand in candidates:
        state = FollowupState(
            created_at=demand.created_at, status=demand.status, sent_days=frozenset(demand.followup_days_sent)
        )
        for day in followups_due(state, now):
            with transaction.atomic():
                locked = Demand.objects.select_for_update().get(pk=demand.pk)
                if day in locked.followup_days_sent:
                    continue
                locked.followup_days_sent = sorted({*locked.followup_days_sent, day})
                locked.save(update_fields=["followup_days_sent"])
                context = {"demand": locked, "day": day, "status_label": status_label(locked.status)}
                email_send(
                    to=locked.email, template="chaleur/emails/requester_followup", context=context, product=PRODUCT
                )
                sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# Ambassadors
# ---------------------------------------------------------------------------------------------

_AMBASSADOR_SALT = "chaleur.ambassador"


def ambassador_volunteer_path(demand: Demand) -> str:
    token = signing.dumps({"demand": demand.pk}, salt=_AMBASSADOR_SALT)
    return reverse("chaleur:ambassador_volunteer", args=[token])


def demand_from_ambassador_token(token: str) -> Demand:
    try:
        data = signing.loads(token, salt=_AMBASSADOR_SALT, max_age=timedelta(days=365))
    except signing.BadSignature as exc:
        raise PermissionDenied("Ce lien n’est pas valide ou a expiré.") from exc
    demand = Demand.objects.filter(pk=data.get("demand"), anonymised_at__isnull=True).first()
    if demand is None:
        raise PermissionDenied("Ce lien n’est pas valide ou a expiré.")
    return demand


def ambassador_volunteer(*, token: str, display_name: str, testimony: str) -> Ambassador:
    """A requester whose connection is done becomes an ambassador (from the link of the email
    announcing "Réalisé")."""
    demand = demand_from_ambassador_token(token)
    if not can_volunteer_as_ambassador(demand.status):
        raise ValidationError("Seule une copropriété déjà raccordée (demande « Réalisé ») peut devenir ambassadrice.")
    display_name = display_name.strip()
    if not display_name:
        raise ValidationError("Indiquez le nom sous lequel vous apparaîtrez (par exemple « Résidence Les Tilleuls »).")
    with transaction.atomic():
        ambassador, created = Ambassador.objects.update_or_create(
            demand=demand, defaults={"display_name": display_name, "testimony": testimony.strip(), "active": True}
        )
        DemandEvent.objects.create(demand=demand, kind=DemandEvent.Kind.AMBASSADOR, text="Devenu ambassadeur.")
        event_record(
            actor=None,
            action="chaleur.ambassador_volunteer",
            target=ambassador,
            payload={"created": created},
            product=PRODUCT,
        )
    return ambassador


def ambassador_withdraw(*, token: str) -> None:
    demand = demand_from_ambassador_token(token)
    with transaction.atomic():
        updated = Ambassador.objects.filter(demand=demand).update(active=False)
        if updated:
            event_record(actor=None, action="chaleur.ambassador_withdraw", target=demand, product=PRODUCT)


def ambassador_message_send(
    *, ambassador: Ambassador, sender_name: str, sender_email: str, body: str
) -> AmbassadorMessage:
    """Relayed: the ambassador receives the message and a link to answer, without the sender's
    address; the sender's address is revealed only by the ambassador's answer."""
    if not ambassador.active:
        raise ValidationError("Cet ambassadeur ne reçoit plus de messages.")
    body = body.strip()
    if len(body) < 10:
        raise ValidationError("Votre message est trop court.")
    token = token_new()
    with transaction.atomic():
        message = AmbassadorMessage.objects.create(
            ambassador=ambassador,
            sender_name=sender_name.strip(),
            sender_email=sender_email.lower(),
            body=body,
            reply_token_hash=token_hash(token),
        )
        event_record(actor=None, action="chaleur.ambassador_message", target=message, product=PRODUCT)
        context = {
            "ambassador": ambassador,
            "message": message,
            "reply_url": _site_url(reverse("chaleur:ambassador_reply", args=[token])),
        }
        to = ambassador.demand.email
        email_send(to=to, template="chaleur/emails/ambassador_message", context=context, product=PRODUCT)
    return message


def ambassador_message_from_token(token: str) -> AmbassadorMessage:
    message = (
        AmbassadorMessage.objects.select_related("ambassador__demand")
        .filter(reply_token_hash=token_hash(token))
        .first()
    )
    if message is None:
        raise PermissionDenied("Ce lien n’est pas valide.")
    return message


def ambassador_message_reply(*, token: str, body: str) -> AmbassadorMessage:
    """The ambassador answers: the sender gets the answer with the ambassador's address in
    reply-to; from then on they write to each other directly."""
    message = ambassador_message_from_token(token)
    if message.replied_at:
        raise ValidationError("Vous avez déjà répondu à ce message : écrivez directement à la personne.")
    body = body.strip()
    if not body:
        raise ValidationError("Votre réponse est vide.")
    with transaction.atomic():
        message.reply_body = body
        message.replied_at = timezone.now()
        message.save(update_fields=["reply_body", "replied_at"])
        event_record(actor=None, action="chaleur.ambassador_reply", target=message, product=PRODUCT)
        ambassador = message.ambassador
        context = {"ambassador": ambassador, "message": message, "ambassador_email": ambassador.demand.email}
        email_send(
            to=message.sender_email,
            template="chaleur/emails/ambassador_reply",
            context=context,
            product=PRODUCT,
            reply_to=ambassador.demand.email,
        )
    return message


# ---------------------------------------------------------------------------------------------
# Condominium registry import
# ---------------------------------------------------------------------------------------------

COPRO_COLUMNS = (
    "identifiant",
    "nom",
    "adresse",
    "code_insee",
    "longitude",
    "latitude",
    "nb_lots",
    "nb_logements",
    "periode_construction",
    "chauffage",
    "energie_chauffage",
    "syndic",
)


class ImportError_(ValidationError):
    """Errors of an import, one French line each."""


def _int_or_none(value: str, line: int, label: str, errors: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        errors.append(f"Ligne {line} : {label} « {value} » n’est pas un nombre entier.")
        return None
    if number < 0:
        errors.append(f"Ligne {line} : {label} ne peut pas être négatif.")
        return None
    return number


def _choice(value: str, choices, line: int, label: str, errors: list[str], default: str) -> str:
    value = value.strip().lower()
    if not value:
        return default
    valid = {c.value for c in choices}
    if value in valid:
        return value
    errors.append(f"Ligne {line} : {label} « {value} » inconnu (valeurs possibles : {', '.join(sorted(valid))}).")
    return default


def coproprietes_import(*, path: Path) -> dict[str, int]:
    """Validate every line first (French errors with line numbers), then write everything in one
    transaction, keyed by the registry id: importing the same file twice changes nothing."""
    from transition.platform.geo.projection import to_lambert93_many

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"Fichier illisible : {exc.strerror}.") from exc
    try:
        text = bulk_columns.decode(data)
    except bulk_columns.BulkFileError as exc:
        raise ImportError_(str(exc)) from exc
    delimiter = bulk_columns.sniff_delimiter(text) or ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COPRO_COLUMNS if c not in header]
    if missing:
        raise ImportError_(
            f"Ligne 1 : colonnes manquantes : {', '.join(missing)}. Colonnes attendues : {', '.join(COPRO_COLUMNS)}."
        )
    reader.fieldnames = header
    errors: list[str] = []
    rows: dict[str, dict] = {}
    for line, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        registry_id = row["identifiant"]
        if not registry_id:
            errors.append(f"Ligne {line} : l’identifiant est obligatoire.")
            continue
        if registry_id in rows:
            errors.append(f"Ligne {line} : l’identifiant {registry_id} figure déjà plus haut dans le fichier.")
            continue
        if not row["adresse"]:
            errors.append(f"Ligne {line} : l’adresse est obligatoire.")
        lon = bulk_columns.parse_coordinate(row["longitude"])
        lat = bulk_columns.parse_coordinate(row["latitude"])
        if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            errors.append(f"Ligne {line} : longitude ou latitude manquante ou hors limites.")
        citycode = row["code_insee"].upper()
        if citycode and len(citycode) != 5:
            errors.append(f"Ligne {line} : le code INSEE « {citycode} » doit compter 5 caractères.")
        rows[registry_id] = {
            "registry_id": registry_id,
            "name": row["nom"][:255],
            "address": row["adresse"][:255],
            "citycode": citycode,
            "lon": lon,
            "lat": lat,
            "lots_count": _int_or_none(row["nb_lots"], line, "le nombre de lots", errors),
            "dwellings_count": _int_or_none(row["nb_logements"], line, "le nombre de logements", errors),
            "construction_period": _choice(
                row["periode_construction"],
                ConstructionPeriod,
                line,
                "la période de construction",
                errors,
                ConstructionPeriod.INCONNUE,
            ),
            "heating_type": _choice(row["chauffage"], HeatingType, line, "le chauffage", errors, HeatingType.INCONNU),
            "heating_energy": _choice(
                row["energie_chauffage"], HeatingEnergy, line, "l’énergie", errors, HeatingEnergy.INCONNU
            ),
            "syndic": row["syndic"][:255],
        }
    if errors:
        raise ImportError_(errors)
    if not rows:
        raise ImportError_("Le fichier ne contient aucune copropriété.")
    values = list(rows.values())
    xs, ys = to_lambert93_many([v["lon"] for v in values], [v["lat"] for v in values])
    for v, x, y in zip(values, xs, ys, strict=True):
        v["x_l93"], v["y_l93"] = float(x), float(y)
    fields = [f for f in values[0] if f != "registry_id"]
    created = updated = unchanged = 0
    now = timezone.now()
    with transaction.atomic():
        existing = {c.registry_id: c for c in Copropriete.objects.filter(registry_id__in=list(rows))}
        to_create, to_update = [], []
        for v in values:
            current = existing.get(v["registry_id"])
            if current is None:
                to_create.append(Copropriete(**v, imported_at=now))
            elif any(getattr(current, f) != v[f] for f in fields):
                for f in fields:
                    setattr(current, f, v[f])
                current.imported_at = now
                to_update.append(current)
            else:
                unchanged += 1
        Copropriete.objects.bulk_create(to_create, batch_size=1000)
        Copropriete.objects.bulk_update(to_update, [*fields, "imported_at"], batch_size=1000)
        created, updated = len(to_create), len(to_update)
        event_record(
            actor=None,
            action="chaleur.coproprietes_import",
            payload={"file": path.name, "created": created, "updated": updated, "unchanged": unchanged},
            product=PRODUCT,
        )
    return {"created": created, "updated": updated, "unchanged": unchanged}


# ---------------------------------------------------------------------------------------------
# Bulk address tests: one engine for the job, the command line and the benchmark
# ---------------------------------------------------------------------------------------------


def _batch_size() -> int:
    return max(1, settings.CHALEUR_BULK_BATCH_SIZE)


@dataclass
class BulkRowResult:
    line: int
    address: str
    tested_label: str = ""
    score: float | None = None
    lon: float | None = None
    lat: float | None = None
    citycode: str = ""
    error: str = ""
    outcome: BulkOutcome | None = None


def _outcome(result: dict) -> BulkOutcome:
    return BulkOutcome(
        type=result["type"],
        eligible=result["eligible"],
        distance_m=result["distance_m"],
        in_pdp=result["in_pdp"],
        futur_network=result["futur_network"],
        network_national_id=result["network_national_id"],
        renewable_share_pct=result["renewable_share_pct"],
        co2_acv_g_per_kwh=result["co2_acv_g_per_kwh"],
        untraced_network_in_commune=result["untraced_network_in_commune"],
    )


def bulk_outcomes(lons: list[float], lats: list[float], citycodes: list[str]) -> list[BulkOutcome]:
    from . import eligibility_index

    results = eligibility_index.eligibility_for_points(lons, lats, [c or None for c in citycodes])
    return [_outcome(_result_dict(r)) for r in results]


def bulk_evaluate(
    queries: Iterable[bulk_columns.AddressQuery],
    *,
    batch_size: int | None = None,
    on_batch: Callable[[list[BulkRowResult]], None] | None = None,
    geocoder=None,
) -> Iterator[BulkRowResult]:
    """Geocode (in batches, through the configured geocoder) then test eligibility (in batches,
    on the in-memory index). Yields one result per query, in order."""
    from transition.platform.geo.geocoding import get_geocoder

    geocoder = geocoder or get_geocoder()
    batch_size = batch_size or _batch_size()
    batch: list[bulk_columns.AddressQuery] = []

    def run(batch):
        rows = [BulkRowResult(line=q.line, address=q.address, error=q.error, lat=q.lat, lon=q.lon) for q in batch]
        to_geocode = [r for r, q in zip(rows, batch, strict=True) if not q.error and q.lat is None]
        if to_geocode:
            # A file often repeats an address: each distinct one is geocoded once.
            distinct = list(dict.fromkeys(r.address for r in to_geocode))
            answers = dict(zip(distinct, geocoder.batch(distinct), strict=True))
            for row in to_geocode:
                hit = answers[row.address]
                if hit is None:
                    row.error = "Adresse non trouvée."
                    continue
                row.tested_label, row.score, row.lon, row.lat, row.citycode = (
                    hit.label,
                    hit.score,
                    hit.lon,
                    hit.lat,
                    hit.citycode or "",
                )
        for row, q in zip(rows, batch, strict=True):
            if not q.error and q.lat is not None:
                row.tested_label, row.score = f"{q.lat}, {q.lon}", 1.0
        located = [r for r in rows if not r.error and r.lon is not None]
        if located:
            outcomes = bulk_outcomes([r.lon for r in located], [r.lat for r in located], [r.citycode for r in located])
            for row, outcome in zip(located, outcomes, strict=True):
                row.outcome = outcome
        if on_batch:
            on_batch(rows)
        return rows

    for query in queries:
        batch.append(query)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)


def bulk_xlsx_write(rows: Iterable, target, *, with_changes: bool = False, title: str = "") -> int:
    """Write the "Résultats" and "Légende" sheets (write-only mode: constant memory). `rows`
    gives (address, tested_label, score, outcome, error, changes) tuples. Returns the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from .domain.bulk_results import LEGEND, RESULT_COLUMNS, TYPE_LABELS, result_row

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Résultats")
    bold = Font(bold=True)

    def header_cells(names):
        cells = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            cells.append(cell)
        return cells

    columns = list(RESULT_COLUMNS) + (["Changements à la dernière vérification"] if with_changes else [])
    sheet.append(header_cells(columns))
    count = 0
    for address, tested_label, score, outcome, error, row_changes in rows:
        line = result_row(address=address, tested_label=tested_label, score=score, outcome=outcome, error=error)
        if with_changes:
            line.append(" ; ".join(row_changes or []))
        sheet.append(line)
        count += 1
    legend = workbook.create_sheet("Légende")
    legend.append(header_cells(["Colonne", "Signification"]))
    for name, meaning in LEGEND:
        legend.append([name, meaning])
    legend.append([])
    legend.append(header_cells(["Type d'éligibilité", "Signification"]))
    for label in TYPE_LABELS.values():
        legend.append([label, ""])
    if title:
        legend.append([])
        legend.append(["Fichier", title])
    workbook.save(target)
    return count


def bulk_file_read(*, data: bytes, name: str) -> tuple[str, bulk_columns.FilePreview]:
    """Check an upload before any job exists: extension, size, encoding, columns."""
    if not name.lower().endswith((".csv", ".txt")):
        raise bulk_columns.BulkFileError("Seuls les fichiers .csv et .txt sont acceptés.")
    text = bulk_columns.decode(data)
    return text, bulk_columns.preview(text)


def bulk_test_create(*, owner, name: str, data: bytes) -> BulkTest:
    """Store a readable upload; the person then says which columns hold what."""
    permissions.require(owner, "chaleur.bulk_test", None)
    _, preview = bulk_file_read(data=data, name=name)
    from django.core.files.base import ContentFile

    with transaction.atomic():
        bulk = BulkTest(
            owner=owner,
            original_name=Path(name).name[:255],
            delimiter=preview.delimiter,
            has_header=preview.has_header,
            address_columns=list(preview.guessed.address_columns),
            lat_column=preview.guessed.lat_column,
            lon_column=preview.guessed.lon_column,
            status=BulkTest.Status.PENDING,
        )
        bulk.file.save(f"{timezone.now():%Y%m%d%H%M%S}.txt", ContentFile(data), save=False)
        bulk.save()
        event_record(
            actor=owner, action="chaleur.bulk_test_create", target=bulk, payload={"bytes": len(data)}, product=PRODUCT
        )
    return bulk


def bulk_test_text(bulk: BulkTest) -> str:
    with bulk.file.open("rb") as f:
        return bulk_columns.decode(f.read())


def bulk_test_start(
    *, actor, bulk: BulkTest, delimiter: str, has_header: bool, mapping: bulk_columns.ColumnMapping
) -> BulkTest:
    """Fix the mapping, count the lines, and queue the job."""
    permissions.require(actor, "chaleur.bulk_test_view", bulk)
    if bulk.status not in (BulkTest.Status.PENDING, BulkTest.Status.FAILED) or bulk.total_rows:
        raise ValidationError("Ce test est déjà lancé.")
    text = bulk_test_text(bulk)
    preview = bulk_columns.preview(text, delimiter=delimiter, has_header=has_header)
    error = mapping.error(preview.column_count)
    if error:
        raise ValidationError(error)
    total = sum(1 for _ in bulk_columns.iter_queries(text, delimiter=delimiter, has_header=has_header, mapping=mapping))
    if not total:
        raise ValidationError("Le fichier ne contient aucune adresse à tester.")
    with transaction.atomic():
        bulk.delimiter = delimiter
        bulk.has_header = has_header
        bulk.address_columns = list(mapping.address_columns)
        bulk.lat_column, bulk.lon_column = mapping.lat_column, mapping.lon_column
        bulk.total_rows = total
        bulk.status = BulkTest.Status.PENDING
        bulk.error = ""
        bulk.save()
        event_record(
            actor=actor, action="chaleur.bulk_test_start", target=bulk, payload={"rows": total}, product=PRODUCT
        )
    from .tasks import bulk_test_run_task

    # As notify does: queued once the caller's transaction commits, at once when jobs run
    # immediately (tests), so that a rolled-back start never runs.
    if bulk_test_run_task.huey.immediate:
        bulk_test_run_task(bulk.pk)
    else:
        transaction.on_commit(lambda: bulk_test_run_task(bulk.pk))
    return bulk


def _result_name(bulk: BulkTest) -> str:
    return f"resultats-{bulk.pk}.xlsx"


def bulk_result_rebuild(bulk: BulkTest) -> None:
    """Write the XLSX again from the stored rows (after a re-check), with what changed."""
    rows = BulkTestRow.objects.filter(bulk_test=bulk).order_by("line")
    with_changes = rows.exclude(changes=[]).exists()
    with tempfile.TemporaryFile(suffix=".xlsx") as xlsx:
        bulk_xlsx_write(
            (
                (
                    r.address,
                    r.tested_label,
                    r.score,
                    BulkOutcome.from_dict(r.outcome) if r.outcome else None,
                    r.error,
                    r.changes,
                )
                for r in rows.iterator(chunk_size=2000)
            ),
            xlsx,
            with_changes=with_changes,
            title=bulk.original_name,
        )
        xlsx.seek(0)
        if bulk.result_file:
            bulk.result_file.delete(save=False)
        bulk.result_file.save(_result_name(bulk), File(xlsx), save=False)
    BulkTest.objects.filter(pk=bulk.pk).update(result_file=bulk.result_file.name)


_ROW_FIELDS = (
    "bulk_test",
    "line",
    "address",
    "tested_label",
    "score",
    "lon",
    "lat",
    "citycode",
    "error",
    "eligible",
    "outcome",
    "changes",
    "changed_at",
)


def _bulk_rows_insert(*, bulk_test_id: int, rows: list[BulkRowResult]) -> None:
    """Store one batch of rows: one INSERT run over the batch (executemany), in one transaction.
    bulk_create prepared every value through its model field and compiled the SQL again for each
    hundred rows: most of the job's time beyond the engine's at 100,000 rows. Here the values are
    plain, only the JSON goes through its field (the database's own form of it)."""
    connection = connections[BulkTestRow.objects.db]
    fields = [BulkTestRow._meta.get_field(name) for name in _ROW_FIELDS]
    quote = connection.ops.quote_name
    # Table and column names come from the model (quoted); every value is a parameter.
    table, columns = quote(BulkTestRow._meta.db_table), ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    outcome_field, changes_field = fields[10], fields[11]
    no_changes = changes_field.get_db_prep_save([], connection)
    params = [
        (
            bulk_test_id,
            r.line,
            r.address[:255],
            r.tested_label[:255],
            r.score,
            r.lon,
            r.lat,
            r.citycode,
            r.error[:255],
            bool(r.outcome and r.outcome.eligible),
            outcome_field.get_db_prep_save(r.outcome.as_dict(), connection) if r.outcome else None,
            no_changes,
            None,
        )
        for r in rows
    ]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.executemany(sql, params)


def bulk_test_run(*, bulk_test_id: int, geocoder=None) -> BulkTest:
    """The job: geocode, test, store every row; progress saved after each batch."""
    bulk = BulkTest.objects.get(pk=bulk_test_id)
    if bulk.status == BulkTest.Status.DONE:
        return bulk
    BulkTest.objects.filter(pk=bulk.pk).update(status=BulkTest.Status.RUNNING, processed_rows=0)
    BulkTestRow.objects.filter(bulk_test=bulk).delete()
    version = networks_version()
    try:
        text = bulk_test_text(bulk)
        mapping = bulk_columns.ColumnMapping(
            address_columns=tuple(bulk.address_columns), lat_column=bulk.lat_column, lon_column=bulk.lon_column
        )
        queries = bulk_columns.iter_queries(text, delimiter=bulk.delimiter, has_header=bulk.has_header, mapping=mapping)
        counters = {"processed": 0, "eligible": 0}

        def store(rows: list[BulkRowResult]) -> None:
            _bulk_rows_insert(bulk_test_id=bulk.pk, rows=rows)
            counters["processed"] += len(rows)
            counters["eligible"] += sum(1 for r in rows if r.outcome and r.outcome.eligible)
            BulkTest.objects.filter(pk=bulk.pk).update(processed_rows=counters["processed"])

        # One pass: rows are stored batch by batch (on_batch) while the XLSX is streamed.
        results = bulk_evaluate(queries, on_batch=store, geocoder=geocoder)
        with tempfile.TemporaryFile(suffix=".xlsx") as xlsx:
            bulk_xlsx_write(
                ((r.address, r.tested_label, r.score, r.outcome, r.error, []) for r in results),
                xlsx,
                title=bulk.original_name,
            )
            xlsx.seek(0)
            bulk.result_file.save(_result_name(bulk), File(xlsx), save=False)
        BulkTest.objects.filter(pk=bulk.pk).update(result_file=bulk.result_file.name)
    except Exception as exc:
        logger.exception("Test d’adresses %s en échec", bulk.pk)
        BulkTest.objects.filter(pk=bulk.pk).update(
            # The person reads this: the technical detail stays in the log above.
            status=BulkTest.Status.FAILED,
            error=(
                "Le traitement a échoué sur une erreur du service (référence "
                f"{type(exc).__name__}). Déposez le fichier à nouveau ; si l’erreur revient, écrivez-nous."
            ),
        )
        raise
    now = timezone.now()
    BulkTest.objects.filter(pk=bulk.pk).update(
        status=BulkTest.Status.DONE,
        processed_rows=counters["processed"],
        total_rows=counters["processed"],
        eligible_rows=counters["eligible"],
        finished_at=now,
        data_version=version,
        email_sent_at=now,
    )
    bulk.refresh_from_db()
    eligibility_test_record(
        eligible=[True] * counters["eligible"] + [False] * (counters["processed"] - counters["eligible"]),
        source="masse",
    )
    event_record(
        actor=None, action="chaleur.bulk_test_done", target=bulk, payload={"rows": bulk.total_rows}, product=PRODUCT
    )
    email_send(
        to=bulk.owner.email,
        template="chaleur/emails/bulk_test_done",
        context={"bulk": bulk, "url": _site_url(reverse("chaleur:pro_bulk_detail", args=[bulk.pk]))},
        product=PRODUCT,
    )
    return bulk


def bulk_tests_recheck(*, version: int | None = None) -> int:
    """When networks changed (their data version moved), test again the addresses of every
    finished bulk test, record per address what changed, and tell the owner. Returns the number of
    tests rechecked."""
    version = networks_version() if version is None else version
    rechecked = 0
    stale = BulkTest.objects.filter(status=BulkTest.Status.DONE).exclude(data_version=version).select_related("owner")
    for bulk in stale:
        changed = 0
        now = timezone.now()
        rows = list(BulkTestRow.objects.filter(bulk_test=bulk, lon__isnull=False).order_by("line"))
        with transaction.atomic():
            size = _batch_size()
            for start in range(0, len(rows), size):
                chunk = rows[start : start + size]
                outcomes = bulk_outcomes([r.lon for r in chunk], [r.lat for r in chunk], [r.citycode for r in chunk])
                updates = []
                for row, outcome in zip(chunk, outcomes, strict=True):
                    old = BulkOutcome.from_dict(row.outcome) if row.outcome else None
                    diff = changes(old, outcome)
                    if diff:
                        row.outcome, row.eligible, row.changes, row.changed_at = (
                            outcome.as_dict(),
                            outcome.eligible,
                            diff,
                            now,
                        )
                        updates.append(row)
                        changed += 1
                BulkTestRow.objects.bulk_update(
                    updates, ["outcome", "eligible", "changes", "changed_at"], batch_size=1000
                )
            eligible = BulkTestRow.objects.filter(bulk_test=bulk, eligible=True).count()
            BulkTest.objects.filter(pk=bulk.pk).update(
                data_version=version, rechecked_at=now, changed_rows=changed, eligible_rows=eligible
            )
            if changed:
                bulk_result_rebuild(bulk)
            event_record(
                actor=None,
                action="chaleur.bulk_test_recheck",
                target=bulk,
                payload={"changed": changed},
                product=PRODUCT,
            )
            if changed:
                context = {
                    "bulk": bulk,
                    "changed": changed,
                    "url": _site_url(reverse("chaleur:pro_bulk_detail", args=[bulk.pk])),
                }
                to = bulk.owner.email
                email_send(to=to, template="chaleur/emails/bulk_test_changed", context=context, product=PRODUCT)
        rechecked += 1
    return rechecked


# ---------------------------------------------------------------------------------------------
# Partner API tokens
# ---------------------------------------------------------------------------------------------


def partner_token_issue(*, actor, organisation) -> str:
    """A new token for the organisation (the previous one stops working). Shown once."""
    if not (getattr(actor, "is_staff", False) or permissions.has_role(actor, PRODUCT, "gestionnaire", organisation)):
        raise PermissionDenied("Seul un gestionnaire de l’organisation peut créer son jeton d’API.")
    token = "fcu_" + token_new()
    with transaction.atomic():
        PartnerToken.objects.update_or_create(
            organisation=organisation,
            defaults={
                "token_hash": token_hash(token),
                "prefix": token[:8],
                "created_at": timezone.now(),
                "last_used_at": None,
            },
        )
        event_record(actor=actor, action="chaleur.partner_token_issue", target=organisation, product=PRODUCT)
    return token


def partner_demand_update(*, organisation, demand: Demand, status: str | None, comment: str | None) -> Demand:
    """The partner API's write: same rules as the back-office, the organisation as actor."""
    from .selectors_demands import demands_for_organisations

    if not demands_for_organisations([organisation.pk]).filter(pk=demand.pk).exists():
        raise PermissionDenied("Cette demande n’est pas sur un de vos réseaux.")
    if status is None and not comment:
        raise ValidationError("Indiquez un statut ou un commentaire.")
    now = timezone.now()
    with transaction.atomic():
        fields = []
        if status is not None and status != demand.status:
            error = transition_error(demand.status, status)
            if error:
                raise ValidationError(error)
            previous = demand.status
            demand.status = status
            fields.append("status")
            DemandEvent.objects.create(
                demand=demand,
                created_at=now,
                kind=DemandEvent.Kind.STATUS,
                from_status=previous,
                to_status=status,
                text=comment or "",
                data={"via": "api", "organisation": organisation.pk},
            )
        if comment:
            demand.operator_comment = comment
            fields.append("operator_comment")
            if "status" not in fields:
                DemandEvent.objects.create(
                    demand=demand, created_at=now, kind=DemandEvent.Kind.COMMENT, text=comment, data={"via": "api"}
                )
        _touch(demand, now, fields)
        event_record(
            actor=None,
            action="chaleur.demand_api_update",
            target=demand,
            payload={"organisation": organisation.pk, "fields": fields},
            product=PRODUCT,
        )
    return demand


# ---------------------------------------------------------------------------------------------
# Personal data ("Mes données")
# ---------------------------------------------------------------------------------------------


def personal_data_export(user) -> dict:
    demands = Demand.objects.filter(email__iexact=user.email) | Demand.objects.filter(requester=user)
    return {
        "demandes": [
            {
                "reference": d.reference,
                "envoyée le": d.created_at.isoformat(),
                "adresse": d.address,
                "nom": d.full_name,
                "courriel": d.email,
                "téléphone": d.phone,
                "statut": status_label(d.status),
                "logements": d.dwellings_count,
                "commentaire": d.comment,
            }
            for d in demands.distinct().order_by("created_at")
        ],
        "tests d’adresses en masse": [
            {"fichier": b.original_name, "créé le": b.created_at.isoformat(), "adresses": b.total_rows}
            for b in BulkTest.objects.filter(owner=user)
        ],
    }


_ANONYMOUS = {
    "first_name": "",
    "last_name": "(anonymisé)",
    "phone": "",
    "comment": "",
    "company": "",
    "requester": None,
}


def _demands_anonymise(ids: list[int], now) -> None:
    Demand.objects.filter(pk__in=ids).update(**_ANONYMOUS, email="anonyme@anonyme.invalid", anonymised_at=now)
    Ambassador.objects.filter(demand_id__in=ids).update(active=False)


def personal_data_erase(user) -> None:
    """Demands are kept for the operators' statistics, without the person: name, email, phone,
    comment are erased. Bulk tests (files of addresses uploaded by the person) are deleted."""
    now = timezone.now()
    demands = Demand.objects.filter(email__iexact=user.email) | Demand.objects.filter(requester=user)
    ids = list(demands.values_list("pk", flat=True))
    _demands_anonymise(ids, now)
    AmbassadorMessage.objects.filter(sender_email__iexact=user.email).update(
        sender_name="(anonymisé)", sender_email="anonyme@anonyme.invalid", body="", reply_body=""
    )
    for bulk in BulkTest.objects.filter(owner=user):
        bulk.file.delete(save=False)
        bulk.result_file.delete(save=False)
        bulk.delete()
    event_record(actor=None, action="chaleur.personal_data_erase", payload={"demands": len(ids)}, product=PRODUCT)


def retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """The retention periods of docs/rgpd.md: demands without any change for
    CHALEUR_DEMAND_RETENTION_DAYS are anonymised, relayed messages and bulk tests older than
    CHALEUR_MESSAGE_RETENTION_DAYS / CHALEUR_BULK_TEST_RETENTION_DAYS are deleted."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = list(
            Demand.objects.filter(
                anonymised_at__isnull=True, updated_at__lt=now - timedelta(days=settings.CHALEUR_DEMAND_RETENTION_DAYS)
            ).values_list("pk", flat=True)
        )
        _demands_anonymise(stale, now)
        messages, _ = AmbassadorMessage.objects.filter(
            created_at__lt=now - timedelta(days=settings.CHALEUR_MESSAGE_RETENTION_DAYS)
        ).delete()
        old_tests = BulkTest.objects.filter(
            created_at__lt=now - timedelta(days=settings.CHALEUR_BULK_TEST_RETENTION_DAYS)
        )
        tests = 0
        for bulk in old_tests:
            bulk.file.delete(save=False)
            bulk.result_file.delete(save=False)
            bulk.delete()
            tests += 1
        report = {"demands": len(stale), "messages": messages, "bulk_tests": tests}
        if any(report.values()):
            event_record(actor=None, action="chaleur.retention_apply", payload=report, product=PRODUCT)
    return report


def decimal_or_none(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError("Nombre illisible.") from exc
