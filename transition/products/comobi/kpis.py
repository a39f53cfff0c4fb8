"""Impact indicators of CoMobi, shown on /stats/comobi/ (overall, with each territory's share in
the explanation) and on each territory's own figures page."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from transition.platform.impact.registry import Indicator, day_end, register_indicator

from .domain.impact import CAR_G_CO2E_PER_KM, FACTOR_SOURCE, co2_avoided_kg
from .enums import PRODUCT, CarpoolStatus, OfferKind, Outcome
from .models import Carpool, Offer, Territory, TripRequest

FOUND = Q(carpools__status__in=[CarpoolStatus.CONFIRMEE, CarpoolStatus.EFFECTUEE]) | Q(outcome=Outcome.TRAJET_EFFECTUE)


def _done(day: date, territory: Territory | None = None) -> QuerySet[Carpool]:
    carpools = Carpool.objects.filter(status=CarpoolStatus.EFFECTUEE, day__lte=day)
    return carpools.filter(territory=territory) if territory else carpools


def _requests(day: date, territory: Territory | None = None) -> QuerySet[TripRequest]:
    requests = TripRequest.objects.filter(created_at__lt=day_end(day))
    return requests.filter(territory=territory) if territory else requests


def trips_done(day: date, territory: Territory | None = None) -> int:
    return _done(day, territory).count()


def regular_offers(day: date, territory: Territory | None = None) -> int:
    offers = Offer.objects.filter(kind=OfferKind.REGULAR, created_at__lt=day_end(day))
    return (offers.filter(territory=territory) if territory else offers).count()


def requests_received(day: date, territory: Territory | None = None) -> int:
    return _requests(day, territory).count()


def found_share_pct(day: date, territory: Territory | None = None) -> Decimal:
    requests = _requests(day, territory)
    total = requests.count()
    if not total:
        return Decimal(0)
    found = requests.filter(FOUND).distinct().count()
    return (Decimal(found) * 100 / total).quantize(Decimal("0.1"))


def people_transported(day: date, territory: Territory | None = None) -> int:
    return _done(day, territory).values("passenger").distinct().count()


def shared_m(day: date, territory: Territory | None = None) -> int:
    return _done(day, territory).aggregate(m=Sum("shared_distance_m"))["m"] or 0


def km_shared(day: date, territory: Territory | None = None) -> Decimal:
    return (Decimal(shared_m(day, territory)) / 1000).quantize(Decimal("0.1"))


def co2_kg(day: date, territory: Territory | None = None) -> Decimal:
    return co2_avoided_kg(shared_m(day, territory)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    definition: str
    unit: str
    compute: object
    headline: bool = True


MEASURES = [
    Measure(
        "trajets_effectues",
        "Trajets effectués",
        "Trajets confirmés puis marqués effectués par un médiateur, à la date du trajet.",
        "trajets",
        trips_done,
    ),
    Measure(
        "trajets_reguliers_proposes",
        "Trajets réguliers proposés",
        "Trajets réguliers proposés par des conducteurs depuis l’ouverture (y compris ceux retirés depuis).",
        "trajets",
        regular_offers,
    ),
    Measure(
        "demandes_recues",
        "Demandes reçues",
        "Demandes de trajet reçues en ligne, par téléphone ou par import.",
        "demandes",
        requests_received,
    ),
    Measure(
        "part_demandes_avec_conducteur",
        "Part des demandes qui ont trouvé un conducteur",
        "Demandes reçues pour lesquelles un trajet a été confirmé ou effectué, sur toutes les demandes reçues.",
        "%",
        found_share_pct,
    ),
    Measure(
        "personnes_transportees",
        "Personnes transportées",
        "Passagers distincts qui ont fait au moins un trajet effectué.",
        "personnes",
        people_transported,
    ),
    Measure(
        "km_partages",
        "Kilomètres partagés",
        "Distance sur route du trajet de chaque passager (de la prise en charge à la dépose) des trajets effectués : "
        "vol d’oiseau × 1,4, ou le calculateur d’itinéraires du territoire.",
        "km",
        km_shared,
    ),
    Measure(
        "co2_evite",
        "CO₂ évité",
        f"Kilomètres partagés × {CAR_G_CO2E_PER_KM} g CO₂e par km, les émissions d’une voiture moyenne que le passager "
        f"aurait dû prendre (source : {FACTOR_SOURCE}). Borne haute : un passager qui ne se serait pas déplacé n’évite rien.",
        "kg CO₂e",
        co2_kg,
    ),
]


def _explain(measure: Measure):
    def explain() -> str:
        today = timezone.localdate()
        parts = [
            f"{t.name} : {_text(measure.compute(today, t), measure.unit)}" for t in Territory.objects.order_by("name")
        ]
        return "Par territoire — " + " ; ".join(parts) + "." if parts else ""

    return explain


SINGULAR = {"trajets": "trajet", "demandes": "demande", "personnes": "personne"}


def _text(value, unit: str) -> str:
    """'1 trajet', '0 trajet', '12 trajets', '53,0 km' (French: 0 and 1 take the singular)."""
    if isinstance(value, Decimal):
        shown = f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")
    else:
        shown = f"{value:,}".replace(",", "\u202f")
        if value <= 1:
            unit = SINGULAR.get(unit, unit)
    return f"{shown} {unit}"


def register() -> None:
    for measure in MEASURES:
        register_indicator(
            Indicator(
                product=PRODUCT,
                key=measure.key,
                label=measure.label,
                definition=measure.definition,
                unit=measure.unit,
                compute=lambda day, compute=measure.compute: compute(day),
                headline=measure.headline,
                counts_as_request=measure.key == "demandes_recues",
                explain=_explain(measure),
            )
        )


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    definition: str


def territory_figures(territory: Territory) -> list[Figure]:
    today = timezone.localdate()
    return [Figure(m.label, _text(m.compute(today, territory), m.unit), m.definition) for m in MEASURES]
