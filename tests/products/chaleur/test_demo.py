import pytest

from transition.platform.core.models import data_version_get
from transition.products.chaleur.demo.addresses import DEMO_ADDRESSES
from transition.products.chaleur.demo.network_pages import load_network_pages
from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.enums import NETWORKS_DATA
from transition.products.chaleur.models import EmbedPartner, Network, NetworkContact, NetworkUnderConstruction, Pdp
from transition.products.chaleur.selectors.eligibility_index import eligibility_for_point

pytestmark = pytest.mark.django_db

CITYCODES = {"dans_ville_reseau_existant_sans_trace": "49353", "trop_eloigne": "49015"}


def test_demo_loads_every_layer_and_twice_changes_nothing():
    load_networks()
    counts = (Network.objects.count(), NetworkUnderConstruction.objects.count(), Pdp.objects.count())
    version = data_version_get(NETWORKS_DATA)
    load_networks()
    assert (Network.objects.count(), NetworkUnderConstruction.objects.count(), Pdp.objects.count()) == counts
    assert data_version_get(NETWORKS_DATA) == version
    assert counts == (5, 2, 1)
    assert Pdp.objects.get().network.national_id == "4901C"


@pytest.mark.parametrize(("lon", "lat", "expected", "where"), DEMO_ADDRESSES, ids=[a[3] for a in DEMO_ADDRESSES])
def test_each_demo_address_shows_its_answer(lon, lat, expected, where):
    load_networks()
    result = eligibility_for_point(lon, lat, CITYCODES.get(expected, "49007"))
    assert result.type == expected, (where, result.distance_m, result.network)


def test_vectorised_and_point_by_point_answers_agree_on_a_grid():
    """Every position of a grid over the demo area, once in one batch, once one by one."""
    import numpy as np

    from transition.products.chaleur.selectors.eligibility_index import eligibility_for_points

    load_networks()
    lons, lats = np.meshgrid(np.linspace(-0.62, -0.50, 40), np.linspace(47.43, 47.50, 30))
    lons, lats = lons.ravel(), lats.ravel()
    codes = ["49007" if i % 3 else "49353" for i in range(len(lons))]
    batch = eligibility_for_points(lons, lats, codes)
    single = [eligibility_for_point(lon, lat, code) for lon, lat, code in zip(lons, lats, codes, strict=True)]
    assert batch == single
    assert len({r.type for r in batch}) >= 7


def test_the_local_geocoder_finds_demo_addresses_with_their_answers():
    from transition.platform.geo.geocoding import get_geocoder
    from transition.products.chaleur.demo.addresses import DEMO_STREETS

    load_networks()
    geocoder = get_geocoder()
    for street, citycode, postcode, city, _start, _end, count, expected in DEMO_STREETS:
        for number in (1, count // 2, count):
            found = geocoder.search(f"{number} {street} {postcode} {city}", limit=1)
            assert found and found[0].housenumber == str(number) and found[0].citycode == citycode, street
            result = eligibility_for_point(found[0].lon, found[0].lat, found[0].citycode)
            assert result.type == expected, (street, number, result.distance_m)


def test_demo_network_pages_load_twice_and_the_embed_answers(client):
    load_networks()
    load_network_pages()
    load_network_pages()
    partner = EmbedPartner.objects.get(slug="demo")
    assert partner.networks.count() == 4 and NetworkContact.objects.count() == 1
    response = client.get("/chaleur/integration/demo/carte")
    assert response.status_code == 200
    assert "frame-ancestors http://127.0.0.1:8000 http://localhost:8000" in response.headers["Content-Security-Policy"]
