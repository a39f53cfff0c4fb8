"""Reads about people: a territory's directory for its mediators, a person's records."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from transition.platform.notify.personal_data import sms_log_export

from ..enums import OfferStatus
from ..models import Person, Territory


def words(q: str) -> list[str]:
    return (q or "").split()[:5]


def people_list(*, territory: Territory, q: str = "", role: str = "") -> QuerySet[Person]:
    people = Person.objects.filter(territory=territory).annotate(
        offer_count=Count("offers", filter=~Q(offers__status=OfferStatus.WITHDRAWN), distinct=True),
        request_count=Count("requests", distinct=True),
    )
    for word in words(q):
        digits = word.lstrip("0+").replace(" ", "")
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__contains=digits or word)
        )
    if role == "conducteurs":
        people = people.filter(offer_count__gt=0)
    elif role == "passagers":
        people = people.filter(request_count__gt=0)
    return people.order_by("last_name", "first_name")


def persons_of_user(user) -> QuerySet[Person]:
    return Person.objects.filter(user=user).select_related("territory").order_by("territory__name")


def personal_data_of(user) -> dict:
    """What CoMobi holds about an account, for "Mes données" (and its download)."""
    records = []
    for person in persons_of_user(user).prefetch_related("offers", "requests", "rides", "drives"):
        records.append(
            {
                "territoire": person.territory.name,
                "prénom": person.first_name,
                "nom": person.last_name,
                "téléphone": person.phone,
                "adresse électronique": person.email,
                "contact préféré": person.get_contact_preference_display(),
                "accord d’enregistrement le": _iso(person.data_consent_at),
                "accord SMS le": _iso(person.sms_consent_at),
                "accord contact direct le": _iso(person.direct_contact_consent_at),
                "téléphone vérifié le": _iso(person.phone_verified_at),
                "trajets proposés": [
                    {
                        "départ": o.origin_label,
                        "arrivée": o.destination_label,
                        "type": o.get_kind_display(),
                        "date": o.day.isoformat() if o.day else None,
                        "heure": o.departure_time.strftime("%H:%M"),
                        "état": o.get_status_display(),
                        "remarques": o.remarks,
                    }
                    for o in person.offers.all()
                ],
                "demandes": [
                    {
                        "départ": r.origin_label,
                        "arrivée": r.destination_label,
                        "date": r.day.isoformat() if r.day else None,
                        "motif": r.get_reason_display(),
                        "état": r.get_status_display(),
                        "reçue le": _iso(r.created_at),
                    }
                    for r in person.requests.all()
                ],
                "trajets faits ou prévus": [
                    {
                        "date": c.day.isoformat(),
                        "heure": c.pickup_time.strftime("%H:%M"),
                        "état": c.get_status_display(),
                    }
                    for c in [*person.rides.all(), *person.drives.all()]
                ],
                "SMS reçus": sms_log_export([person.phone]),
            }
        )
    return {"territoires": records}


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None
