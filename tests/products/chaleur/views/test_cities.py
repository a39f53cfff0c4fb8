"""/chaleur/villes/<commune>: networks, works, PDP, potential, tests and demands of a commune."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.urls import reverse

from transition.platform.geo.models import Commune, Departement, Region
from transition.platform.geo.selectors import commune_search_key
from transition.products.chaleur.enums import EligibilitySource
from transition.products.chaleur.models import NetworkUnderConstruction, Pdp
from transition.products.chaleur.services.eligibility_counts import eligibility_test_count, eligibility_tests_flush

from ..factories import FAR, ON_LINE, DemandFactory, copro_make, network_make

pytestmark = pytest.mark.django_db


def _commune(code, name, dep="38", dep_name="Isère"):
    region, _ = Region.objects.get_or_create(code="84", defaults={"name": "Auvergne-Rhône-Alpes"})
    departement, _ = Departement.objects.get_or_create(code=dep, defaults={"name": dep_name, "region": region})
    return Commune.objects.create(code=code, name=name, search_name=commune_search_key(name), departement=departement)


@pytest.fixture
def grenoble():
    commune = _commune("38185", "Grenoble")
    network = network_make(
        national_id="3801C", name="Réseau de Grenoble", communes="Grenoble, Échirolles", classified=True
    )
    network_make(national_id="3809C", name="Réseau d’ailleurs", communes="Voiron", line=[(5.59, 45.36), (5.60, 45.36)])
    NetworkUnderConstruction.objects.create(
        import_key="c1", name="Extension de Grenoble", communes="Grenoble", mise_en_service="2028"
    )
    ring = Polygon.from_bbox((913000, 6455000, 915000, 6457000))
    Pdp.objects.create(import_key="p1", national_id="3801C", network=network, geometry=MultiPolygon(ring, srid=2154))
    copro_make("AA1", *ON_LINE, dwellings_count=40)
    copro_make("AA2", *FAR, dwellings_count=12)
    copro_make("ZZ9", *ON_LINE, citycode="38151")
    return commune


def test_city_page(client, grenoble, settings):
    settings.CHALEUR_TEST_COUNT_FLUSH_S = 3600
    for eligible in (True, True, False):
        eligibility_test_count(eligible=eligible, source=EligibilitySource.PAGE, citycode="38185")
    eligibility_tests_flush()
    DemandFactory(citycode="38185")
    DemandFactory(citycode="38185", status="realise")
    DemandFactory(citycode="38151")
    response = client.get(reverse("chaleur:city", args=["grenoble"]))
    html = response.text
    assert response.status_code == 200
    assert "Les réseaux de chaleur à Grenoble" in html
    assert "Réseau de Grenoble" in html and "Réseau d’ailleurs" not in html
    assert "Extension de Grenoble" in html and "mise en service prévue en 2028" in html
    assert "1 périmètre" in html
    assert "<strong>1</strong> copropriété sur 2 (50 %)" in html and "40 logements" in html
    assert "3 adresses testées" in html and "67 %" in html
    assert "2 demandes de raccordement, dont 1 en cours" in html
    assert "Voir la commune sur la carte" in html


def test_a_commune_without_anything_says_so(client, grenoble):
    _commune("38151", "Échirolles")
    html = client.get(reverse("chaleur:city", args=["echirolles"])).text
    assert "Aucune adresse de la commune testée" in html and "Aucune demande" in html
    assert "Réseau de Grenoble" in html  # it lists Échirolles among its communes


def test_code_and_other_spellings_lead_to_the_page(client, grenoble):
    assert client.get(reverse("chaleur:city", args=["38185"])).url == reverse("chaleur:city", args=["grenoble"])
    assert client.get("/chaleur/villes/GRENOBLE").status_code == 301
    _commune("42218", "Saint-Étienne", "42", "Loire")
    assert client.get("/chaleur/villes/st-etienne").url == reverse("chaleur:city", args=["saint-etienne"])


def test_homonyms_are_offered_and_reached_by_code(client, db):
    _commune("26001", "Saint-Martin", "26", "Drôme")
    _commune("05001", "Saint-Martin", "05", "Hautes-Alpes")
    html = client.get(reverse("chaleur:city", args=["saint-martin"])).text
    assert "Plusieurs communes portent ce nom" in html
    assert reverse("chaleur:city", args=["26001"]) in html and "Drôme" in html
    assert client.get(reverse("chaleur:city", args=["26001"])).status_code == 200


@pytest.mark.parametrize("key", ["atlantide", "99999", "x" * 300, "<script>"])
def test_unknown_commune_is_a_404(client, db, key):
    assert client.get(reverse("chaleur:city", args=[key])).status_code == 404


def test_the_list_of_cities(client, grenoble):
    _commune("38151", "Échirolles")
    _commune("38563", "Voiron")
    html = client.get(reverse("chaleur:city_list")).text
    assert html.index("Échirolles") < html.index("Grenoble") < html.index("Voiron")  # accents ignored
    assert 'href="/chaleur/villes/grenoble">Grenoble</a> (Isère) — 1 réseau' in html
