"""The map's first view: where the networks are, France when there are none."""

import pytest
from django.urls import reverse

from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.selectors.networks import networks_extent_wgs84

pytestmark = pytest.mark.django_db


def test_without_networks_there_is_no_extent_and_the_map_shows_france(client):
    assert networks_extent_wgs84() is None
    assert "data-extent" not in client.get(reverse("chaleur:map")).content.decode()


def test_the_extent_covers_the_demo_networks_around_angers(client):
    load_networks()
    west, south, east, north = networks_extent_wgs84()
    assert -0.75 < west < east < -0.35 and 47.35 < south < north < 47.60  # Angers, Trélazé, Avrillé
    html = client.get(reverse("chaleur:map")).content.decode()
    # Dots for decimals whatever the locale (the page is French: a comma would break the list).
    assert f'data-extent="{west:.6f},{south:.6f},{east:.6f},{north:.6f}"' in html
