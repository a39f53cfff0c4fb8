"""The demo's people, trips and requests: every request status and every trip outcome appears,
dated around today so that the pages and the figures always have something to show."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from transition.platform.core.models import data_version_bump

from ..domain.matching import CROW_FLIES, Point, weekday_mask
from ..enums import (
    CarpoolStatus,
    Contact,
    ContactAnswer,
    ContactChannel,
    Direction,
    OfferKind,
    Outcome,
    Reason,
    RequestStatus,
    Source,
)
from ..models import (
    Carpool,
    ContactLog,
    Offer,
    Person,
    Place,
    Territory,
    TerritoryCommune,
    TripRequest,
    offers_version_name,
)

WEEK = (0, 1, 2, 3, 4)

# Drivers: (first name, name, phone, email, contact, direct contact, SMS, offers)
# Offer: (from, to, weekdays or a day offset, departure, return, seats, detour limit)
LOT_ACTIVITY = {
    "drivers": [
        (
            "Josiane",
            "Delmas",
            "0612457801",
            "josiane.delmas@exemple.fr",
            Contact.SMS,
            True,
            True,
            [
                ("Gramat", "Figeac", WEEK, "07:40", "17:30", 2, 20),
            ],
        ),
        (
            "Bernard",
            "Lafon",
            "0623568902",
            "",
            Contact.TELEPHONE,
            False,
            True,
            [
                ("Lacapelle-Marival", "Figeac", (0, 2, 4), "08:15", "12:30", 3, None),
                ("Lacapelle-Marival", "Saint-Céré", 5, "09:00", None, 3, None),
            ],
        ),
        (
            "Nathalie",
            "Cayrou",
            "0634679103",
            "nathalie.cayrou@exemple.fr",
            Contact.EMAIL,
            True,
            False,
            [
                ("Souillac", "Cahors", (0, 1, 3), "07:15", "18:00", 1, 30),
            ],
        ),
        (
            "Thierry",
            "Bouscarel",
            "0645781204",
            "thierry.bouscarel@exemple.fr",
            Contact.TELEPHONE,
            True,
            True,
            [
                ("Assier", "Figeac", WEEK, "08:00", "17:45", 2, 15),
            ],
        ),
        (
            "Sandrine",
            "Vialard",
            "0656892305",
            "",
            Contact.MEDIATEUR,
            False,
            False,
            [
                ("Rocamadour", "Gramat", (1, 3), "09:30", "11:30", 3, None),
                ("Gramat", "Cahors", 3, "08:30", "16:00", 2, None),
            ],
        ),
        (
            "Patrick",
            "Roumieu",
            "0667903406",
            "patrick.roumieu@exemple.fr",
            Contact.SMS,
            True,
            True,
            [
                ("Bretenoux", "Saint-Céré", (0, 1, 2, 3, 4, 5), "08:45", None, 2, 10),
            ],
        ),
        (
            "Élodie",
            "Marty",
            "0678014507",
            "elodie.marty@exemple.fr",
            Contact.EMAIL,
            True,
            False,
            [
                ("Cajarc", "Figeac", (1, 3), "13:30", "16:30", 1, None),
            ],
        ),
    ],
    # Passengers: (first name, name, phone, email, contact, SMS, entered by a mediator)
    "passengers": [
        ("Marcel", "Lacoste", "0565341201", "", Contact.MEDIATEUR, False, True),
        ("Yvette", "Pradel", "0712233445", "", Contact.TELEPHONE, True, True),
        ("Kévin", "Albouy", "0767788990", "kevin.albouy@exemple.fr", Contact.SMS, True, False),
        ("Fatima", "Benali", "0698765432", "fatima.benali@exemple.fr", Contact.EMAIL, False, False),
        ("Lucien", "Couderc", "0565227788", "", Contact.TELEPHONE, False, True),
        ("Amandine", "Delpech", "0744556677", "amandine.delpech@exemple.fr", Contact.SMS, True, False),
    ],
    # Requests: (passenger, from, to, day offset or weekdays, leave after, arrive before, return after,
    #            reason, outcome: creee | prise | recherche | suivi | effectue | absent | sans_solution | annulee,
    #            driver for a trip)
    "requests": [
        (0, "Thémines", "Hôpital de Figeac", "mar", "08:00", "09:30", "11:00", Reason.MEDICAL, "suivi", 3),
        (1, "Leyme", "Marché de Saint-Céré", "sam", "08:30", None, None, Reason.COURSES, "recherche", None),
        (2, "Gramat", "France Travail Figeac", "mer", "07:30", "09:00", None, Reason.EMPLOI, "creee", None),
        (3, "Livernon", "Lycée Champollion", WEEK, "07:30", "08:30", None, Reason.FORMATION, "prise", None),
        (4, "Latronquière", "Hôpital de Cahors", 5, "07:00", "10:00", None, Reason.MEDICAL, "sans_solution", None),
        (0, "Thémines", "Hôpital de Figeac", -12, "08:00", "09:30", None, Reason.MEDICAL, "effectue", 3),
        (1, "Leyme", "Saint-Céré", -20, "08:30", None, None, Reason.DEMARCHES, "effectue", 1),
        (5, "Gramat", "Figeac", -8, "07:30", None, None, Reason.EMPLOI, "effectue", 0),
        (5, "Gramat", "Figeac", -5, "07:30", None, None, Reason.EMPLOI, "absent", 0),
        (2, "Souillac", "Cahors", 9, "07:00", "09:00", None, Reason.FORMATION, "annulee", None),
    ],
}

SAINT_ELOY_ACTIVITY = {
    "drivers": [
        (
            "Gérard",
            "Chabrol",
            "0611223344",
            "gerard.chabrol@exemple.fr",
            Contact.TELEPHONE,
            True,
            True,
            [
                ("Saint-Éloy-les-Mines", "Montluçon", WEEK, "07:30", "17:15", 2, 20),
            ],
        ),
        (
            "Monique",
            "Auclair",
            "0622334455",
            "",
            Contact.MEDIATEUR,
            False,
            False,
            [
                ("Pionsat", "Saint-Éloy-les-Mines", (1, 4), "09:00", "12:00", 3, None),
            ],
        ),
        (
            "Damien",
            "Giraud",
            "0633445566",
            "damien.giraud@exemple.fr",
            Contact.SMS,
            True,
            True,
            [
                ("Saint-Gervais-d’Auvergne", "Riom", (0, 2, 4), "07:00", "18:00", 1, 25),
            ],
        ),
        (
            "Hélène",
            "Besse",
            "0644556677",
            "helene.besse@exemple.fr",
            Contact.EMAIL,
            True,
            False,
            [
                ("Menat", "Montluçon", 4, "13:00", "17:30", 2, None),
            ],
        ),
    ],
    "passengers": [
        ("Roger", "Vernet", "0473851122", "", Contact.MEDIATEUR, False, True),
        ("Samia", "Haddad", "0755667788", "samia.haddad@exemple.fr", Contact.SMS, True, False),
        ("Jeanne", "Tixier", "0473853344", "", Contact.TELEPHONE, False, True),
    ],
    "requests": [
        (0, "Youx", "Hôpital de Montluçon", "jeu", "07:30", "09:30", "16:00", Reason.MEDICAL, "recherche", None),
        (1, "Saint-Éloy-les-Mines", "Montluçon", WEEK, "07:30", "08:45", "17:00", Reason.EMPLOI, "suivi", 0),
        (2, "Gouttières", "France Services de Saint-Éloy", "mar", "08:30", None, None, Reason.DEMARCHES, "prise", None),
        (0, "Youx", "Hôpital de Montluçon", -15, "08:00", "09:30", None, Reason.MEDICAL, "effectue", 0),
        (2, "Biollet", "Hôpital de Riom", 8, "08:00", "10:00", None, Reason.MEDICAL, "creee", None),
    ],
}

STATUS = {
    "creee": (RequestStatus.CREEE, ""),
    "prise": (RequestStatus.PRISE_EN_COMPTE, ""),
    "recherche": (RequestStatus.RECHERCHE, ""),
    "suivi": (RequestStatus.SUIVI, ""),
    "effectue": (RequestStatus.CLOSE, Outcome.TRAJET_EFFECTUE),
    "absent": (RequestStatus.RECHERCHE, ""),
    "sans_solution": (RequestStatus.CLOSE, Outcome.SANS_SOLUTION),
    "annulee": (RequestStatus.CLOSE, Outcome.ANNULEE),
}


def _clock(text: str | None) -> time | None:
    return None if text is None else time(*map(int, text.split(":")))


def _points(territory: Territory) -> dict[str, Point]:
    points = {c.name: c.point for c in TerritoryCommune.objects.filter(territory=territory)}
    points.update({p.name: p.point for p in Place.objects.filter(territory=territory)})
    return points


SHORT_DAYS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")


def _schedule(when, today):
    """weekdays -> (mask, None); a day offset -> (0, that date); "mar" -> (0, next Tuesday)."""
    if isinstance(when, tuple):
        return weekday_mask(when), None
    if isinstance(when, str):
        return 0, today + timedelta(days=(SHORT_DAYS.index(when) - today.weekday()) % 7 or 7)
    return 0, today + timedelta(days=when)


def activity_load(territory: Territory, spec: dict, *, mediators: list) -> None:
    now = timezone.now()
    today = timezone.localdate()
    points = _points(territory)
    mediator = mediators[0]
    drivers = []
    for first, last, phone, email, contact, direct, sms, offers in spec["drivers"]:
        since = now - timedelta(days=90)
        driver = Person.objects.create(
            territory=territory,
            first_name=first,
            last_name=last,
            phone=f"+33{phone[1:]}",
            email=email,
            contact_preference=contact,
            data_consent_at=since,
            direct_contact_consent_at=since if direct else None,
            sms_consent_at=since if sms else None,
            phone_verified_at=since,
            entered_by=None if email else mediator,
            consent_recorded_by=None if email else mediator,
            created_at=since,
        )
        drivers.append(driver)
        for origin, destination, when, departure, back, seats, limit in offers:
            mask, day = _schedule(when, today)
            if day is not None and day.weekday() == 6:
                day += timedelta(days=1)
            o, d = points[origin], points[destination]
            Offer.objects.create(
                territory=territory,
                driver=driver,
                kind=OfferKind.ONE_OFF if day else OfferKind.REGULAR,
                origin_label=origin,
                origin_lat=o.lat,
                origin_lon=o.lon,
                destination_label=destination,
                destination_lat=d.lat,
                destination_lon=d.lon,
                weekdays=mask,
                day=day,
                departure_time=_clock(departure),
                return_time=_clock(back),
                seats=seats,
                max_extra_minutes=limit,
                source=Source.WEB if email else Source.MEDIATEUR,
                created_at=since,
            )
    passengers = []
    for first, last, phone, email, contact, sms, mediated in spec["passengers"]:
        since = now - timedelta(days=60)
        passengers.append(
            Person.objects.create(
                territory=territory,
                first_name=first,
                last_name=last,
                phone=f"+33{phone[1:]}",
                email=email,
                contact_preference=contact,
                data_consent_at=since,
                sms_consent_at=since if sms else None,
                phone_verified_at=since if mediated else None,
                entered_by=mediator if mediated else None,
                consent_recorded_by=mediator if mediated else None,
                created_at=since,
            )
        )
    for number, row in enumerate(spec["requests"]):
        _request_load(territory, row, number, passengers, drivers, points, mediator, today, now)
    data_version_bump(offers_version_name(territory.pk))


def _request_load(territory, row, number, passengers, drivers, points, mediator, today, now) -> None:
    who, origin, destination, when, after, before, back, reason, outcome, driver_index = row
    passenger = passengers[who]
    mask, day = _schedule(when, today)
    if day is not None and day.weekday() == 6:
        day += timedelta(days=1)
    status, closed_as = STATUS[outcome]
    asked = now - timedelta(days=(-when if isinstance(when, int) and when < 0 else 0) + 3 + number % 4)
    mediated = passenger.entered_by_id is not None or outcome in {"prise", "recherche", "suivi", "effectue", "absent"}
    o, d = points[origin], points[destination]
    request = TripRequest.objects.create(
        territory=territory,
        passenger=passenger,
        origin_label=origin,
        origin_lat=o.lat,
        origin_lon=o.lon,
        destination_label=destination,
        destination_lat=d.lat,
        destination_lon=d.lon,
        day=day,
        weekdays=mask,
        leave_after=_clock(after),
        arrive_before=_clock(before),
        return_wanted=back is not None,
        return_after=_clock(back),
        reason=reason,
        status=status,
        outcome=closed_as,
        status_changed_at=asked + timedelta(days=1),
        mediator=mediator if mediated else None,
        entered_by=mediator if passenger.entered_by_id else None,
        source=Source.MEDIATEUR if passenger.entered_by_id else Source.WEB,
        created_at=asked,
        handed_to_mediator_at=asked if outcome == "recherche" and not passenger.entered_by_id else None,
    )
    if outcome in {"recherche", "suivi", "effectue", "absent", "sans_solution"}:
        for channel, answer, note in (
            (ContactChannel.APPEL, ContactAnswer.SANS_REPONSE, ""),
            (ContactChannel.MESSAGE, ContactAnswer.A_RAPPELER, "Rappeler en fin de journée."),
        ):
            ContactLog.objects.create(
                request=request,
                person=drivers[0],
                offer=drivers[0].offers.first(),
                channel=channel,
                answer=answer,
                note=note,
                by=mediator,
                at=asked + timedelta(hours=2),
            )
    if driver_index is None:
        return
    driver = drivers[driver_index]
    trip_day = day or today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    carpool_status = {
        "suivi": CarpoolStatus.CONFIRMEE,
        "effectue": CarpoolStatus.EFFECTUEE,
        "absent": CarpoolStatus.ABSENT,
    }[outcome]
    shared = round(CROW_FLIES.leg(o, d).distance_m * CROW_FLIES.road_factor)
    offer = driver.offers.first()
    pickup = after or "08:00"
    ContactLog.objects.create(
        request=request,
        person=driver,
        offer=offer,
        channel=ContactChannel.APPEL,
        answer=ContactAnswer.ACCEPTE,
        note="D’accord pour le prendre devant chez lui.",
        by=mediator,
        at=asked + timedelta(days=1),
    )
    Carpool.objects.create(
        territory=territory,
        request=request,
        offer=offer,
        driver=driver,
        passenger=passenger,
        direction=Direction.ALLER,
        day=trip_day,
        pickup_time=_clock(pickup),
        pickup_label=origin,
        dropoff_label=destination,
        shared_distance_m=shared,
        status=carpool_status,
        confirmed_by=mediator,
        confirmed_at=asked + timedelta(days=1),
        status_changed_at=datetime.combine(trip_day, time(20, 0), tzinfo=timezone.get_current_timezone())
        if carpool_status != CarpoolStatus.CONFIRMEE
        else asked + timedelta(days=1),
    )
