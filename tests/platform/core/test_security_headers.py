import re

import pytest

pytestmark = pytest.mark.django_db


def test_csp_has_a_fresh_nonce_and_no_unsafe_inline(client):
    first = client.get("/")
    second = client.get("/")
    policy = first["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert nonce not in second["Content-Security-Policy"]
    assert f'nonce="{nonce}"' in first.content.decode()
    assert "frame-ancestors 'none'" in policy


def test_no_inline_script_or_style_in_pages(client):
    html = client.get("/").content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, tag
    assert "<style" not in html
    assert ' style="' not in html


def test_baseline_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_csp_lets_the_map_tiles_origin_through_and_nothing_more(client, settings):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: blob: https://data.geopf.fr;" in policy  # the default base map
    settings.MAP_TILES_URL = "https://tuiles.example.org/{z}/{x}/{y}.png"
    assert (
        "img-src 'self' data: blob: https://tuiles.example.org;" in client.get("/").headers["Content-Security-Policy"]
    )
    settings.MAP_TILES_URL = "/tuiles/{z}/{x}/{y}.png"  # served by the site itself
    assert "img-src 'self' data: blob:;" in client.get("/").headers["Content-Security-Policy"]
