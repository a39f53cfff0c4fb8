"""Which message goes to whom, by which channel, with what in it.

A person is reached by their contact preference within what they consented to
(`domain/notices.channel_for`): SMS to a mobile they accepted SMS on, else email, else nobody
(the mediator calls). A message about a trip never leaves later than one hour before it.

What a message holds is split in two: `safe` (dates, times, the territory's name and phone, links
to the site: what the service itself controls) goes to everyone; `personal` (the other person's
"Prénom N.", the meeting place) only to a number or an address the person proved is theirs (a
phone checked by code or entered by a mediator on the phone with them, the email of their
account). Nothing a stranger typed reaches a number or an address nobody verified.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from transition.platform.notify.phone import phone_parse
from transition.platform.notify.services import Trusted, email_send, sms_send

from .domain.notices import Channel, channel_for, may_notify
from .domain.sheet_rows import Contact
from .enums import PRODUCT, Role
from .models import Carpool, Offer, Person, Territory, TripRequest
from .selectors.territories import territory_members

logger = logging.getLogger(__name__)


def _mobile(phone: str) -> bool:
    return bool(phone) and phone_parse(phone).mobile


def channel_of(person: Person) -> Channel | None:
    return channel_for(
        Contact(person.contact_preference),
        has_mobile=_mobile(person.phone),
        sms_consent=person.sms_consent_at is not None,
        has_email=bool(person.email),
    )


def _email_verified(person: Person) -> bool:
    return person.user_id is not None and person.user.email.lower() == person.email.lower()


def _link(path: str) -> Trusted:
    return Trusted(f"{settings.SITE_URL.rstrip('/')}{path}")


def _territory_context(territory: Territory) -> dict:
    return {
        "territory_name": Trusted(territory.name),
        "territory_phone": Trusted(phone_parse(territory.phone).national if territory.phone else ""),
        "territory_url": _link(reverse("comobi:territory", args=[territory.slug])),
    }


def notify_person(person: Person, *, template: str, safe: dict, personal: dict | None = None) -> Channel | None:
    """Send `comobi/sms/<template>.txt` or `comobi/emails/<template>` to the person by their
    channel; return the channel used (None: nobody to send to)."""
    channel = channel_of(person)
    if channel == Channel.SMS:
        verified = person.phone_verified_at is not None
        context = {**safe, **((personal or {}) if verified else {}), "personal": verified}
        sms_send(
            to=person.phone,
            template=f"comobi/sms/{template}",
            context=context,
            recipient_verified=verified,
            product=PRODUCT,
        )
    elif channel == Channel.EMAIL:
        verified = _email_verified(person)
        context = {**safe, **((personal or {}) if verified else {}), "personal": verified}
        email_send(
            to=person.email,
            template=f"comobi/emails/{template}",
            context=context,
            product=PRODUCT,
            recipient_verified=verified,
        )
    return channel


def _carpool_context(carpool: Carpool) -> dict:
    return {
        **_territory_context(carpool.territory),
        "day": carpool.day,
        "pickup_time": carpool.pickup_time,
    }


def carpool_notify(carpool: Carpool, *, template: str, now=None) -> list[Channel]:
    """Tell the passenger and the driver about their trip (confirmed, reminder, cancelled), unless
    it leaves within the hour: then the mediator phones. Returns the channels used."""
    if not may_notify(now or timezone.now(), carpool.departure):
        logger.info("Trajet %s : moins d’une heure avant le départ, pas de message « %s »", carpool.pk, template)
        return []
    used = []
    for person, other, is_passenger in (
        (carpool.passenger, carpool.driver, True),
        (carpool.driver, carpool.passenger, False),
    ):
        channel = notify_person(
            person,
            template=template,
            safe={**_carpool_context(carpool), "is_passenger": is_passenger},
            personal={
                "other_name": other.public_name,
                "pickup_label": carpool.pickup_label,
                "dropoff_label": carpool.dropoff_label,
            },
        )
        if channel:
            used.append(channel)
    return used


def driver_contacted_notify(offer: Offer) -> Channel | None:
    """A passenger took the driver's contact: the driver knows someone may call."""
    return notify_person(
        offer.driver,
        template="driver_contacted",
        safe={**_territory_context(offer.territory), "departure_time": offer.departure_time},
        personal={"trip_label": f"{offer.origin_label} → {offer.destination_label}"},
    )


def request_handed_notify(request: TripRequest) -> int:
    """The territory's mediators learn that a passenger handed them a request (no content: the
    link leads to the back-office, behind sign-in)."""
    link = _link(reverse("comobi:mediation_request", args=[request.territory.slug, request.pk]))
    sent = 0
    for membership in territory_members(territory=request.territory).filter(role=Role.MEDIATEUR):
        if membership.user.is_active:
            email_send(
                to=membership.user.email,
                template="comobi/emails/request_handed",
                product=PRODUCT,
                context={**_territory_context(request.territory), "request_url": link},
            )
            sent += 1
    return sent


def phone_code_notify(person: Person, code: str) -> None:
    sms_send(
        to=person.phone,
        template="comobi/sms/phone_code",
        context={"code": Trusted(code), "territory_name": Trusted(person.territory.name)},
        recipient_verified=False,
        product=PRODUCT,
    )


def member_added_notify(*, email: str, territory: Territory, role_label: str) -> None:
    email_send(
        to=email,
        template="comobi/emails/member_added",
        product=PRODUCT,
        context={
            **_territory_context(territory),
            "role_label": role_label,
            "mediation_url": _link(reverse("comobi:mediation", args=[territory.slug])),
            "login_url": _link(reverse("accounts:login")),
        },
    )
