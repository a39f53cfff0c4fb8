"""Builders and fixtures for the demands side's tests: networks placed by WGS84 coordinates, an
operator with its network, a collectivité, a fake geocoder."""

import sys
import types
from dataclasses import dataclass
from decimal import Decimal

import factory
import pytest
from django.contrib.gis.geos import LineString, MultiLineString

from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from transition.platform.geo.projection import to_lambert93
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


@dataclass(frozen=True)
class FakeResult:
    label: str
    score: float
    lon: float
    lat: float
    citycode: str
    type: str = "housenumber"


class FakeGeocoder:
    """Answers from a table: address -> (lon, lat, citycode). Reverse: the nearest entry."""

    def __init__(self, table: dict[str, tuple[float, float, str]]):
        self.table = table
        self.batches: list[int] = []

    def _result(self, label):
        lon, lat, code = self.table[label]
        return FakeResult(label=label.title(), score=0.92, lon=lon, lat=lat, citycode=code)

    def search(self, q, **kwargs):
        return [self._result(q)] if q in self.table else []

    def batch(self, queries):
        self.batches.append(len(queries))
        return [self._result(q) if q in self.table else None for q in queries]

    def reverse(self, *, lon, lat, limit=1):
        if not self.table:
            return []
        label = min(self.table, key=lambda k: (self.table[k][0] - lon) ** 2 + (self.table[k][1] - lat) ** 2)
        return [self._result(label)]


ADDRESSES = {
    "12 rue pres du reseau grenoble": (*ON_LINE, "38185"),
    "3 place proche grenoble": (*NEAR, "38185"),
    "8 avenue loin grenoble": (*AWAY, "38185"),
    "1 chemin tres loin grenoble": (*FAR, "38185"),
}


@pytest.fixture(name="fake_geocoder")
def fake_geocoder_fixture(monkeypatch):
    geocoder = FakeGeocoder(dict(ADDRESSES))
    try:
        import transition.platform.geo.geocoding as geocoding
    except ImportError:  # the geo area's module not there yet: a stand-in for these tests only
        geocoding = types.ModuleType("transition.platform.geo.geocoding")

        class GeocodingError(Exception):
            pass

        geocoding.GeocodingError = GeocodingError
        monkeypatch.setitem(sys.modules, "transition.platform.geo.geocoding", geocoding)
    monkeypatch.setattr(geocoding, "get_geocoder", lambda: geocoder, raising=False)
    return geocoder


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
    "FakeGeocoder",
    "collectivite_make",
    "copro_make",
    "fake_geocoder_fixture",
    "network_fixture",
    "network_make",
    "operator_fixture",
    "operator_make",
]
