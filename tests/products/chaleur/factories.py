"""Builders and fixtures of France Chaleur Urbaine's tests: networks placed by WGS84 coordinates, an
operator with its network, a collectivité, demands, condominiums, and the platform's fake geocoder
knowing a few addresses (around Grenoble for these builders, in the demo town for the demo's)."""

from dataclasses import dataclass
from decimal import Decimal

import factory
import pytest
from django.contrib.gis.geos import LineString, MultiLineString

from tests.fakes import FakeGeocoder, geocode_result
from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from transition.platform.geo.projection import to_lambert93
from transition.products.chaleur.demo.addresses import DEMO_ADDRESSES
from transition.products.chaleur.enums import Role
from transition.products.chaleur.models import (
    Agency,
    Copropriete,
    Demand,
    Network,
    NetworkOperator,
    Territory,
)
from transition.products.chaleur.selectors.eligibility_index import reset_index

# A street of Grenoble, west to east, about 700 m long (lon, lat).
LINE = [(5.7150, 45.1880), (5.7240, 45.1880)]
ON_LINE = (5.7200, 45.1881)  # ~11 m north of the line: "très proche"
NEAR = (5.7200, 45.1895)  # ~167 m: "proche"
AWAY = (5.7200, 45.1920)  # ~445 m: "loin", assigned (< 500 m)
FAR = (5.7200, 45.2000)  # ~1.3 km: "trop éloigné"


def network_make(*, national_id="3801C", line=LINE, **fields) -> Network:
    points = [to_lambert93(lon, lat) for lon, lat in line]
    trace = MultiLineString(LineString(points, srid=2154), srid=2154)
    network = Network.objects.create(
        import_key=f"id:{national_id}",
        national_id=national_id,
        name=fields.pop("name", f"Réseau {national_id}"),
        gestionnaire=fields.pop("gestionnaire", "Compagnie de chauffage"),
        trace=trace,
        has_trace=True,
        renewable_rate_pct=fields.pop("renewable_rate_pct", 65.0),
        co2_kg_per_kwh=fields.pop("co2_kg_per_kwh", 0.08),
        co2_lca_kg_per_kwh=fields.pop("co2_lca_kg_per_kwh", 0.1),
        **fields,
    )
    reset_index()
    return network


@dataclass
class Operator:
    user: object
    organisation: object
    network: Network


def operator_make(network: Network, email="gestionnaire@reseau.example") -> Operator:
    user = UserFactory(email=email)
    organisation = OrganisationFactory(name="Compagnie de chauffage")
    MembershipFactory(user=user, organisation=organisation, product="chaleur", role=Role.GESTIONNAIRE)
    NetworkOperator.objects.create(organisation=organisation, network=network)
    return Operator(user=user, organisation=organisation, network=network)


def collectivite_make(insee_codes, email="agent@ville.example"):
    user = UserFactory(email=email)
    organisation = OrganisationFactory(name="Ville")
    MembershipFactory(user=user, organisation=organisation, product="chaleur", role=Role.COLLECTIVITE)
    Territory.objects.create(organisation=organisation, insee_codes=list(insee_codes))
    return user


class DemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demand

    first_name = "Camille"
    last_name = "Martin"
    email = factory.Sequence(lambda n: f"demandeur{n}@example.fr")
    structure_type = "copropriete"
    address = factory.Sequence(lambda n: f"{n} rue de la Chaleur 38000 Grenoble")
    citycode = "38185"
    lon, lat = ON_LINE
    heating_energy = "gaz"
    heating_type = "collectif"
    dwellings_count = 40
    eligibility_type = "reseau_existant_tres_proche"
    eligible = True
    distance_m = 11
    eligibility_snapshot = factory.LazyAttribute(
        lambda d: {"type": d.eligibility_type, "label": "Réseau existant très proche"}
    )
    status = "a_traiter"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = "ALEC de la Métropole grenobloise"
    email = "conseil@alec.example"
    departements = ["38"]


def copro_make(registry_id: str, lon: float, lat: float, **fields) -> Copropriete:
    x, y = to_lambert93(lon, lat)
    defaults = {
        "name": f"Résidence {registry_id}",
        "address": f"{registry_id} avenue des Copropriétés",
        "citycode": "38185",
        "dwellings_count": 30,
        "lots_count": 45,
        "heating_type": "collectif",
        "heating_energy": "gaz",
        "construction_period": "1949_1974",
        "syndic": "Syndic Alpes",
    }
    defaults.update(fields)
    return Copropriete.objects.create(registry_id=registry_id, lon=lon, lat=lat, x_l93=x, y_l93=y, **defaults)


def _grenoble(label: str, point: tuple[float, float]):
    return geocode_result(label.title(), *point, citycode="38185", postcode="38000", city="Grenoble", score=0.92)


ADDRESSES = {
    "12 rue pres du reseau grenoble": _grenoble("12 rue pres du reseau grenoble", ON_LINE),
    "3 place proche grenoble": _grenoble("3 place proche grenoble", NEAR),
    "8 avenue loin grenoble": _grenoble("8 avenue loin grenoble", AWAY),
    "1 chemin tres loin grenoble": _grenoble("1 chemin tres loin grenoble", FAR),
}


@pytest.fixture(name="fake_geocoder")
def fake_geocoder_fixture(monkeypatch):
    """The platform's fake geocoder (tests/fakes), knowing four addresses of Grenoble around LINE."""
    return FakeGeocoder(ADDRESSES).install(monkeypatch)


@pytest.fixture(name="network")
def network_fixture(db):
    return network_make()


@pytest.fixture(name="operator")
def operator_fixture(network):
    return operator_make(network)


__all__ = [
    "ADDRESSES",
    "AWAY",
    "FAR",
    "NEAR",
    "ON_LINE",
    "AgencyFactory",
    "DemandFactory",
    "Decimal",
    "collectivite_make",
    "copro_make",
    "fake_geocoder_fixture",
    "network_fixture",
    "network_make",
    "operator_fixture",
    "operator_make",
]


# The demo's addresses (demo/addresses.py: one per answer of the rule), "1 rue de la démo" to "8 …".
_DEMO_CITYCODES = {"dans_ville_reseau_existant_sans_trace": "49353", "trop_eloigne": "49015"}
DEMO_GEOCODED = {
    f"{i} rue de la démo": geocode_result(
        f"{i} rue de la Démo 49000 Angers", lon, lat, citycode=_DEMO_CITYCODES.get(kind, "49007")
    )
    for i, (lon, lat, kind, _) in enumerate(DEMO_ADDRESSES, start=1)
}
DEMO_KIND_OF = {f"{i} rue de la démo": kind for i, (_, _, kind, _) in enumerate(DEMO_ADDRESSES, start=1)}


def demo_geocoder(monkeypatch, *, broken: bool = False) -> FakeGeocoder:
    """Every caller of the platform's geocoder gets the fake one, knowing the demo's addresses."""
    return FakeGeocoder(DEMO_GEOCODED, broken=broken).install(monkeypatch)
