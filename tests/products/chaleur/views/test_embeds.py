"""Embeds for partners: framed only by the partner's origins; every other page still refuses to be
framed; the form answers inside the frame; the map shows the partner's networks only."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from transition.products.chaleur.domain.embeds import EmbedOriginError, origin_normalised, origins_normalised
from transition.products.chaleur.models import EmbedPartner, NetworkOperator

from ..factories import fake_geocoder_fixture, network_make  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db):
    from tests.platform.accounts.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Ville de Grenoble")
    mine = network_make(national_id="3801C", name="Réseau de la ville")
    chosen = network_make(national_id="3802C", name="Réseau choisi", line=[(5.70, 45.19), (5.705, 45.19)])
    network_make(national_id="3803C", name="Réseau d’un autre", line=[(5.60, 45.19), (5.605, 45.19)])
    NetworkOperator.objects.create(organisation=organisation, network=mine)
    partner = EmbedPartner.objects.create(
        name="Ville de Grenoble",
        slug="grenoble",
        origins=["https://www.grenoble.fr", "https://grenoble.fr"],
        organisation=organisation,
    )
    partner.networks.add(chosen)
    return partner


def _frame_ancestors(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


def test_the_form_is_framed_by_the_partner_only(client, partner):
    response = client.get(reverse("chaleur:embed_form", args=["grenoble"]))
    assert response.status_code == 200
    assert _frame_ancestors(response) == "frame-ancestors https://www.grenoble.fr https://grenoble.fr"
    assert "X-Frame-Options" not in response.headers
    assert "<header" not in response.text  # no site header inside the frame


@pytest.mark.parametrize(
    "url",
    [
        "/chaleur/",
        "/chaleur/carte",
        "/chaleur/comparateur",
        "/chaleur/integration/inconnu/formulaire",
        "/chaleur/integration/inconnu/carte",
    ],
)
def test_everything_else_refuses_to_be_framed(client, partner, url):
    response = client.get(url)
    assert _frame_ancestors(response) == "frame-ancestors 'none'"
    assert response.headers.get("X-Frame-Options") == "DENY"


def test_an_inactive_partner_or_a_bad_stored_origin_frames_nothing(client, partner):
    EmbedPartner.objects.filter(pk=partner.pk).update(origins=["https://a.fr; script-src *"])
    response = client.get(reverse("chaleur:embed_form", args=["grenoble"]))
    assert response.status_code == 404 and _frame_ancestors(response) == "frame-ancestors 'none'"
    EmbedPartner.objects.filter(pk=partner.pk).update(origins=["https://www.grenoble.fr"], active=False)
    assert client.get(reverse("chaleur:embed_map", args=["grenoble"])).status_code == 404


def test_the_form_answers_inside_the_frame(client, partner, fake_geocoder):
    response = client.get(
        reverse("chaleur:embed_form", args=["grenoble"]),
        {"adresse": "12 rue pres du reseau grenoble", "chauffage": "collectif"},
    )
    html = response.text
    assert 'id="embed-result"' in html and "Bonne nouvelle" in html
    assert 'target="_blank"' in html and "/chaleur/resultat?" in html
    assert _frame_ancestors(response).startswith("frame-ancestors https://www.grenoble.fr")


def test_the_map_shows_the_partners_networks_only(client, partner):
    response = client.get(reverse("chaleur:embed_map", args=["grenoble"]))
    html = response.text
    start = html.index('id="embed-networks"')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert sorted(f["properties"]["name"] for f in data["features"]) == ["Réseau choisi", "Réseau de la ville"]
    assert "Réseau d’un autre" not in html
    coordinates = data["features"][0]["geometry"]["coordinates"]
    while isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    lon, lat = coordinates
    assert 5.5 < lon < 5.8 and 45.1 < lat < 45.3  # WGS84


@pytest.mark.parametrize(
    "text, expected",
    [
        ("https://www.Ville.fr/", "https://www.ville.fr"),
        ("https://ville.fr:8443", "https://ville.fr:8443"),
        ("http://localhost:8000", "http://localhost:8000"),
    ],
)
def test_origins_normalised(text, expected):
    assert origin_normalised(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "http://ville.fr",
        "https://*.ville.fr",
        "https://ville.fr/page",
        "ville.fr",
        "https://a.fr; script-src *",
        "javascript:alert(1)",
        "https://user@ville.fr",
        "",
        "https://ville.fr?x=1",
    ],
)
def test_bad_origins_are_refused(text):
    with pytest.raises(EmbedOriginError):
        origin_normalised(text)


def test_the_admin_validates_origins(partner):
    partner.origins = ["https://ville.fr/chemin"]
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "chemin" in str(error.value)
    with pytest.raises(EmbedOriginError):
        origins_normalised([])
