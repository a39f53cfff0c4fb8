"""Demo data of the demands side ("chaleur-2-demandes"), on the demo networks around Angers.

Idempotent: every row is found again by a fixed key (emails, registry ids, a demo marker in the
demand's comment) and updated in place, never duplicated.

- "Énergies Angevines", operator of the networks 4901C, 4902C and of the networks under
  construction, with its manager gestionnaire@energies-angevines.example (role gestionnaire);
- Angers Loire Métropole, collectivité over Angers and Trélazé, agent@angersloiremetropole.example
  (role collectivite, read-only);
- ALEC Anjou, the local energy agency of Maine-et-Loire, with conseillere@alec-anjou.example
  (role alec: reads the demands that asked for its advice);
- a small condominium registry of its own around the networks;
- one demand at every status, and a connected condominium that is an ambassador.

Sign in with an emailed link (printed on the console in development).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts.enums import OrganisationKind
from transition.platform.accounts.models import Membership, Organisation, User
from transition.platform.geo.projection import to_lambert93

from ..domain.demand_status import DemandStatus
from ..enums import PRODUCT, DemandEventKind, Role
from ..models import (
    Agency,
    Ambassador,
    Copropriete,
    Demand,
    DemandEvent,
    Network,
    NetworkOperator,
    NetworkUnderConstruction,
    Territory,
)
from ..selectors.demands import routed_network
from ..selectors.eligibility import eligibility_snapshot

OPERATOR_EMAIL = "gestionnaire@energies-angevines.example"
COLLECTIVITE_EMAIL = "agent@angersloiremetropole.example"
ALEC_EMAIL = "conseillere@alec-anjou.example"

COPROPRIETES = (
    # registry id, name, lon, lat, lots, dwellings, period, heating, energy, syndic
    ("AA0490001", "Résidence Les Acacias", -0.5938, 47.4790, 96, 80, "1949_1974", "collectif", "gaz", "Foncia Anjou"),
    (
        "AA0490002",
        "Le Parc de Belle-Beille",
        -0.5920,
        47.4782,
        140,
        120,
        "1949_1974",
        "collectif",
        "fioul",
        "Citya Angers",
    ),
    ("AA0490003", "Les Jardins de la Roseraie", -0.5440, 47.4472, 60, 48, "1975_1993", "collectif", "gaz", "Nexity"),
    (
        "AA0490004",
        "Résidence du Lac",
        -0.5435,
        47.4478,
        35,
        28,
        "1975_1993",
        "individuel",
        "electricite",
        "Syndic bénévole",
    ),
    ("AA0490005", "Le Clos Monplaisir", -0.5388, 47.4916, 50, 42, "1949_1974", "collectif", "gaz", "Foncia Anjou"),
    ("AA0490006", "Les Terrasses d’Avrillé", -0.6350, 47.5200, 80, 64, "2001_2010", "collectif", "gaz", "Citya Angers"),
    ("AA0490007", "Résidence Saint-Serge", -0.5450, 47.4465, 24, 20, "avant_1949", "collectif", "gaz", "Nexity"),
)

# address, (lon, lat), status, structure, dwellings, days ago, first name, last name
DEMANDS = (
    (
        "12 rue de la Roseraie, 49000 Angers",
        (-0.54408, 47.44693),
        DemandStatus.A_TRAITER,
        "copropriete",
        48,
        2,
        "Camille",
        "Martin",
    ),
    (
        "4 avenue Patton, 49000 Angers",
        (-0.59380, 47.47860),
        DemandStatus.EN_ATTENTE,
        "bailleur_social",
        120,
        12,
        "Louis",
        "Bernard",
    ),
    (
        "30 rue du Lac, 49000 Angers",
        (-0.54325, 47.44775),
        DemandStatus.ETUDE_EN_COURS,
        "copropriete",
        28,
        35,
        "Inès",
        "Petit",
    ),
    (
        "8 boulevard Schuman, 49000 Angers",
        (-0.53880, 47.49160),
        DemandStatus.VOTE_EN_AG,
        "copropriete",
        42,
        60,
        "Hugo",
        "Robert",
    ),
    (
        "2 rue Saint-Serge, 49000 Angers",
        (-0.59300, 47.47900),
        DemandStatus.TRAVAUX_EN_COURS,
        "tertiaire",
        None,
        90,
        "Léa",
        "Richard",
    ),
    (
        "15 rue des Acacias, 49000 Angers",
        (-0.59390, 47.47880),
        DemandStatus.REALISE,
        "copropriete",
        80,
        200,
        "Jeanne",
        "Durand",
    ),
    (
        "1 rue des Capucins, 49000 Angers",
        (-0.52560, 47.48770),
        DemandStatus.ABANDONNE,
        "maison_individuelle",
        1,
        150,
        "Paul",
        "Moreau",
    ),
    (
        "5 rue d’Avrillé, 49240 Avrillé",
        (-0.63500, 47.52000),
        DemandStatus.NON_REALISABLE,
        "copropriete",
        64,
        20,
        "Nina",
        "Simon",
    ),
    (
        "9 rue de Trélazé, 49800 Trélazé",
        (-0.47000, 47.44600),
        DemandStatus.EN_ATTENTE,
        "copropriete",
        30,
        1,
        "Marc",
        "Laurent",
    ),
)


def _member(email: str, given: str, family: str, organisation: Organisation, role: Role) -> User:
    user, _ = User.objects.get_or_create(email=email, defaults={"given_name": given, "family_name": family})
    Membership.objects.get_or_create(user=user, organisation=organisation, product=PRODUCT, role=role)
    return user


def _citycode(lon: float) -> str:
    if lon < -0.62:
        return "49015"  # Avrillé
    if lon > -0.49:
        return "49353"  # Trélazé
    return "49007"  # Angers


@transaction.atomic
def load_demands() -> None:
    operator_org, _ = Organisation.objects.get_or_create(
        name="Énergies Angevines", defaults={"kind": OrganisationKind.ENTREPRISE}
    )
    operator = _member(OPERATOR_EMAIL, "Sophie", "Lemaire", operator_org, Role.GESTIONNAIRE)
    for network in Network.objects.filter(national_id__in=["4901C", "4902C"]):
        NetworkOperator.objects.get_or_create(organisation=operator_org, network=network)
    for future in NetworkUnderConstruction.objects.filter(import_key__startswith="demo:construction:"):
        NetworkOperator.objects.get_or_create(organisation=operator_org, network_under_construction=future)

    city_org, _ = Organisation.objects.get_or_create(
        name="Angers Loire Métropole", defaults={"kind": OrganisationKind.COLLECTIVITE}
    )
    _member(COLLECTIVITE_EMAIL, "Thomas", "Garnier", city_org, Role.COLLECTIVITE)
    Territory.objects.update_or_create(organisation=city_org, defaults={"insee_codes": ["49007", "49353", "49015"]})

    alec_org, _ = Organisation.objects.get_or_create(name="ALEC Anjou", defaults={"kind": OrganisationKind.ASSOCIATION})
    _member(ALEC_EMAIL, "Claire", "Fontaine", alec_org, Role.ALEC)
    agency, _ = Agency.objects.update_or_create(
        name="ALEC Anjou (démonstration)",
        defaults={
            "email": "conseil@alec-anjou.example",
            "phone": "02 41 00 00 00",
            "departements": ["49"],
            "communes": [],
            "organisation": alec_org,
        },
    )

    for registry_id, name, lon, lat, lots, dwellings, period, heating, energy, syndic in COPROPRIETES:
        x, y = to_lambert93(lon, lat)
        Copropriete.objects.update_or_create(
            registry_id=registry_id,
            defaults={
                "name": name,
                "address": f"{name}, 49000 Angers",
                "citycode": _citycode(lon),
                "lon": lon,
                "lat": lat,
                "x_l93": x,
                "y_l93": y,
                "lots_count": lots,
                "dwellings_count": dwellings,
                "construction_period": period,
                "heating_type": heating,
                "heating_energy": energy,
                "syndic": syndic,
            },
        )

    now = timezone.now()
    for i, (address, (lon, lat), status, structure, dwellings, days, first, last) in enumerate(DEMANDS, start=1):
        citycode = _citycode(lon)
        snapshot = eligibility_snapshot(lon=lon, lat=lat, citycode=citycode)
        snapshot["citycode_source"] = "démonstration"
        network, future = routed_network(snapshot)
        created = now - timedelta(days=days)
        # Found again by the requester's address and email (unique in the demo), not by a marker
        # in a text that people read.
        demand, was_created = Demand.objects.update_or_create(
            email=f"{first.lower()}.{last.lower()}@demandeur.example",
            address=address,
            defaults={
                "comment": "Chaudière collective au gaz de plus de 20 ans.",
                "created_at": created,
                "updated_at": created,
                "first_name": first,
                "last_name": last,
                "structure_type": structure,
                "address": address,
                "citycode": citycode,
                "lon": lon,
                "lat": lat,
                "heating_energy": "gaz",
                "heating_type": "collectif" if structure != "maison_individuelle" else "individuel",
                "dwellings_count": dwellings,
                "eligibility_type": snapshot["type"],
                "eligible": snapshot["eligible"],
                "distance_m": snapshot["distance_m"],
                "in_pdp": snapshot["in_pdp"],
                "eligibility_snapshot": snapshot,
                "network": network,
                "network_under_construction": future,
                "status": status,
                "operator_notified_at": created,
                "wants_agency_advice": i % 3 == 0,
                "agency": agency if i % 3 == 0 else None,
            },
        )
        if was_created:
            DemandEvent.objects.create(
                demand=demand, created_at=created, kind=DemandEventKind.CREATED, to_status=DemandStatus.A_TRAITER
            )
            if status != DemandStatus.A_TRAITER:
                DemandEvent.objects.create(
                    demand=demand,
                    created_at=created + timedelta(days=1),
                    actor=operator,
                    kind=DemandEventKind.STATUS,
                    from_status=DemandStatus.A_TRAITER,
                    to_status=status,
                )
        if status == DemandStatus.REALISE:
            Ambassador.objects.update_or_create(
                demand=demand,
                defaults={
                    "display_name": "Résidence Les Acacias",
                    "testimony": "Raccordés depuis l’hiver dernier : plus de chaudière à entretenir, une facture stable et "
                    "un chauffage plus vert. Le vote en assemblée générale s’est bien passé.",
                    "active": True,
                },
            )
