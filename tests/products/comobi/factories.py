"""Builders for CoMobi's tests: a territory of the Lot with its communes and place names, people,
offers, requests. Coordinates are the real centres of those communes (approximately)."""

from datetime import time

import factory
import pytest
from django.utils import timezone

from tests.fakes import FakeGeocoder, geocode_result
from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from transition.products.comobi.domain.matching import weekday_mask
from transition.products.comobi.enums import PRODUCT, Contact, OfferKind, Role
from transition.products.comobi.models import Offer, Person, Place, Territory, TerritoryCommune, TripRequest
from transition.products.comobi.selectors.matching import index_forget

# (INSEE, name, lat, lon)
COMMUNES = [
    ("46128", "Gramat", 44.7817, 1.7256),
    ("46102", "Figeac", 44.6086, 2.0317),
    ("46042", "Cahors", 44.4475, 1.4419),
    ("46240", "Rocamadour", 44.7994, 1.6181),
    ("46143", "Lacapelle-Marival", 44.7281, 1.9269),
    ("46251", "Saint-Céré", 44.8617, 1.8939),
    ("46009", "Assier", 44.6736, 1.8778),
    ("46176", "Livernon", 44.6506, 1.8575),
]
PLACES = [
    ("Hôpital de Figeac", "hopital figeac, centre hospitalier de Figeac", 44.6044, 2.0261),
    ("Pharmacie de Gramat", "", 44.7797, 1.7269),
    ("Gare de Gramat", "", 44.7764, 1.7218),
]
POINT = {name: (lat, lon) for _, name, lat, lon in COMMUNES} | {name: (lat, lon) for name, _, lat, lon in PLACES}


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"causses-{n}")
    name = factory.Sequence(lambda n: f"Causses du Quercy {n}")
    is_open = True
    phone = "+33565000000"
    email = "mobilite@causses.example.fr"
    welcome_text = "Le covoiturage solidaire du territoire."


def territory_make(**fields) -> Territory:
    territory = TerritoryFactory(**fields)
    for code, name, lat, lon in COMMUNES:
        TerritoryCommune.objects.create(territory=territory, insee_code=code, name=name, lat=lat, lon=lon)
    for name, aliases, lat, lon in PLACES:
        Place.objects.create(territory=territory, name=name, aliases=aliases, lat=lat, lon=lon)
    return territory


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    territory = factory.SubFactory(TerritoryFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    phone = factory.Sequence(lambda n: f"+3361234{n:04d}")
    email = factory.Sequence(lambda n: f"personne.comobi{n}@example.fr")
    contact_preference = Contact.TELEPHONE
    data_consent_at = factory.LazyFunction(timezone.now)


def offer_make(
    driver: Person,
    origin="Gramat",
    destination="Figeac",
    *,
    weekdays=(0, 1, 2, 3, 4),
    day=None,
    departure=time(8, 0),
    **fields,
) -> Offer:
    (o_lat, o_lon), (d_lat, d_lon) = POINT[origin], POINT[destination]
    return Offer.objects.create(
        territory=driver.territory,
        driver=driver,
        kind=OfferKind.ONE_OFF if day else OfferKind.REGULAR,
        origin_label=origin,
        origin_lat=o_lat,
        origin_lon=o_lon,
        destination_label=destination,
        destination_lat=d_lat,
        destination_lon=d_lon,
        weekdays=0 if day else weekday_mask(weekdays),
        day=day,
        departure_time=departure,
        **fields,
    )


def request_make(
    passenger: Person, origin="Gramat", destination="Hôpital de Figeac", *, day=None, weekdays=(), **fields
) -> TripRequest:
    (o_lat, o_lon), (d_lat, d_lon) = POINT[origin], POINT[destination]
    return TripRequest.objects.create(
        territory=passenger.territory,
        passenger=passenger,
        origin_label=origin,
        origin_lat=o_lat,
        origin_lon=o_lon,
        destination_label=destination,
        destination_lat=d_lat,
        destination_lon=d_lon,
        day=day,
        weekdays=weekday_mask(weekdays),
        **fields,
    )


def mediator_make(territory: Territory, role: str = Role.MEDIATEUR, **user_fields):
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=territory.organisation, product=PRODUCT, role=role)
    return user


@pytest.fixture(autouse=True)
def _fresh_matching_index():
    index_forget()
    yield
    index_forget()


@pytest.fixture
def territory(db):
    return territory_make()


@pytest.fixture
def mediator(territory):
    return mediator_make(
        territory, given_name="Martine", family_name="Lacombe", email="martine.lacombe@causses.example.fr"
    )


@pytest.fixture
def admin_user(territory):
    return mediator_make(
        territory, Role.ADMINISTRATEUR, given_name="Paul", family_name="Vidal", email="paul.vidal@causses.example.fr"
    )


@pytest.fixture
def geocoder(monkeypatch):
    """Communes of the Lot as the geocoder answers them (municipality results), and one address."""
    table = {
        name.lower(): geocode_result(
            name,
            lon,
            lat,
            citycode=code,
            postcode="46500",
            city=name,
            type="municipality",
            context="46, Lot, Occitanie",
        )
        for code, name, lat, lon in COMMUNES
    }
    table["12 avenue de la gare gramat"] = geocode_result(
        "12 Avenue de la Gare 46500 Gramat",
        1.7220,
        44.7768,
        citycode="46128",
        postcode="46500",
        city="Gramat",
        context="46, Lot, Occitanie",
    )
    for code, name, _lat, _lon in COMMUNES:
        table[code] = table[name.lower()]
    return FakeGeocoder(table).install(monkeypatch)
