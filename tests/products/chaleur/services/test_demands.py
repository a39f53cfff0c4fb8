import pytest
from django.core import mail
from django.urls import reverse

from transition.platform.audit.models import Event
from transition.products.chaleur.models import Demand, DemandEvent
from transition.products.chaleur.services.demands import DemandInput, demand_create

from ..factories import AWAY, FAR, NEAR, ON_LINE, AgencyFactory, fake_geocoder_fixture, network_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def data(**kw):
    base = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "Camille.Martin@example.fr",
        "phone": "",
        "structure_type": "copropriete",
        "company": "Syndic des Alpes",
        "heating_energy": "gaz",
        "heating_type": "collectif",
        "dwellings_count": 40,
        "surface_m2": 2500,
        "comment": "Chaudière de 1995 à remplacer.",
        "wants_operator_contact": True,
        "wants_agency_advice": False,
    }
    base.update(kw)
    return DemandInput(**base)


@pytest.mark.parametrize(
    ("point", "eligible", "status", "assigned"),
    [
        (ON_LINE, True, "a_traiter", True),
        (NEAR, True, "a_traiter", True),
        (AWAY, False, "non_realisable", True),  # not eligible, but closer than 500 m
        (FAR, False, "non_realisable", False),
    ],
)
def test_demand_create_routes_and_starts_with_the_right_status(
    network, fake_geocoder, point, eligible, status, assigned
):
    demand = demand_create(lon=point[0], lat=point[1], citycode="38185", data=data())
    assert demand.eligible is eligible
    assert demand.status == status
    assert (demand.network == network) is assigned
    assert demand.email == "camille.martin@example.fr"
    assert demand.eligibility_snapshot["type"] == demand.eligibility_type
    assert demand.eligibility_snapshot["network_national_id"] == ("3801C" if demand.distance_m is not None else "")
    assert DemandEvent.objects.filter(demand=demand, kind="created", to_status=status).exists()
    assert Event.objects.filter(action="chaleur.demand_create", object_id=str(demand.pk)).exists()
    [email] = mail.outbox
    assert email.to == ["camille.martin@example.fr"]
    assert "bien reçue" in email.subject


def test_the_commune_comes_from_reverse_geocoding_not_from_the_page(network, fake_geocoder):
    demand = demand_create(lon=ON_LINE[0], lat=ON_LINE[1], citycode="75056", data=data())
    assert demand.citycode == "38185"
    assert demand.eligibility_snapshot["citycode_source"] == "géocodage inverse"


def test_agency_advice_goes_to_the_covering_agency(network, fake_geocoder):
    AgencyFactory(name="Autre", email="autre@alec.example", departements=["69"])
    agency = AgencyFactory(departements=[], communes=["38185"])
    demand = demand_create(
        lon=FAR[0],
        lat=FAR[1],
        citycode="",
        data=data(wants_agency_advice=True, wants_operator_contact=False),
    )
    assert demand.agency == agency
    assert sorted(m.to[0] for m in mail.outbox) == ["camille.martin@example.fr", "conseil@alec.example"]
    agency_mail = next(m for m in mail.outbox if m.to == ["conseil@alec.example"])
    assert agency_mail.reply_to == ["camille.martin@example.fr"]


def test_a_demand_near_a_network_needs_someone_to_contact(network, fake_geocoder):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        demand_create(
            lon=AWAY[0],
            lat=AWAY[1],
            citycode="",
            data=data(wants_agency_advice=False, wants_operator_contact=False),
        )


def test_far_from_any_network_the_page_the_form_and_the_email_say_the_same(client, network, fake_geocoder):
    url = _url(FAR)
    form = client.get(url).content.decode()
    kept = "Votre demande est conservée : si un réseau se développe près de chez vous, vous en serez informé."
    assert kept in form
    assert 'name="wants_operator_contact"' not in form  # there is no operator to be contacted by
    response = client.post(url, {k: v for k, v in FORM.items() if k != "wants_operator_contact"})
    assert response.status_code == 302
    demand = Demand.objects.get()
    assert demand.wants_operator_contact is False and demand.network is None
    assert kept in client.get(response["Location"]).content.decode()
    [email] = mail.outbox
    assert kept in email.body
    assert "Non réalisable" not in email.body and "Non réalisable" not in email.alternatives[0][0]


def test_close_to_a_network_the_operator_is_offered(client, network, fake_geocoder):
    form = client.get(_url(AWAY)).content.decode()  # not eligible, but routed to the network
    assert 'name="wants_operator_contact"' in form and "transmise au gestionnaire du réseau le plus proche" in form


def _url(point, **extra):
    query = {
        "lat": point[1],
        "lon": point[0],
        "label": "12 Rue Près du Réseau 38000 Grenoble",
        "citycode": "38185",
        **extra,
    }
    return reverse("chaleur:demand_create") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


FORM = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille@example.fr",
    "phone": "04 76 00 00 00",
    "structure_type": "copropriete",
    "heating_energy": "gaz",
    "heating_type": "collectif",
    "dwellings_count": "40",
    "surface_m2": "",
    "comment": "",
    "wants_operator_contact": "on",
    "consent": "on",
}


def test_the_page_shows_the_eligibility_and_sends_the_demand(client, network, fake_geocoder):
    url = _url(ON_LINE, heating="collectif")
    page = client.get(url)
    assert page.status_code == 200
    assert "Réseau 3801C" in page.content.decode()
    response = client.post(url, FORM)
    assert response.status_code == 302
    assert response["Location"] == reverse("chaleur:demand_sent")
    demand = Demand.objects.get()
    assert demand.address == "12 Rue Pres Du Reseau Grenoble"  # the geocoder's, never the link's label
    assert demand.status == "a_traiter"
    sent = client.get(response["Location"])
    assert demand.reference in sent.content.decode()


def test_query_string_cannot_make_an_address_eligible(client, network, fake_geocoder):
    client.post(_url(FAR, eligible="true", type="reseau_existant_tres_proche", network="1"), FORM)
    demand = Demand.objects.get()
    assert demand.eligible is False
    assert demand.status == "non_realisable"
    assert demand.network is None


@pytest.mark.parametrize("query", ["", "?lat=abc&lon=5", "?lat=95&lon=5", "?lon=5.7"])
def test_without_a_tested_address_the_form_asks_to_test_first(client, db, query):
    response = client.get(reverse("chaleur:demand_create") + query)
    assert response.status_code == 400
    assert "Testez d’abord votre adresse" in response.content.decode()


def test_form_errors_are_french_and_nothing_is_created(client, network, fake_geocoder):
    response = client.post(_url(ON_LINE), {**FORM, "email": "pas-un-courriel", "consent": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Indiquez une adresse électronique valide." in body
    assert "Votre accord est nécessaire" in body
    assert not Demand.objects.exists()


def test_the_public_form_is_rate_limited(client, network, fake_geocoder, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "chaleur_demand": {"ip": (2, 3600), "email": (5, 3600)}}
    from django.core.cache import cache

    cache.clear()
    for i in range(2):
        assert client.post(_url(ON_LINE), {**FORM, "email": f"p{i}@example.fr"}).status_code == 302
    response = client.post(_url(ON_LINE), {**FORM, "email": "p9@example.fr"})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert Demand.objects.count() == 2
