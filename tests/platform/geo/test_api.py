import pytest
from django.core.cache import cache

from tests.platform.geo.conftest import TINY_NDJSON
from transition.platform.geo.services import addresses_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def addresses(settings):
    settings.GEOCODER_BACKEND = "local"
    addresses_import(paths=[TINY_NDJSON])


def test_search_answers_a_ban_feature_collection(client):
    response = client.get("/api/geo/search", {"q": "12 r paradis marseille", "limit": "2"})
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["query"] == "12 r paradis marseille"
    assert body["limit"] == 2
    feature = body["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.3769, 43.2921]}
    properties = feature["properties"]
    assert properties["label"] == "12 Rue Paradis 13006 Marseille"
    assert properties["citycode"] == "13206"
    assert properties["type"] == "housenumber"
    assert 0 < properties["score"] <= 1


def test_search_autocomplete(client):
    body = client.get("/api/geo/search", {"q": "12 rue parad", "autocomplete": "1"}).json()
    assert body["features"][0]["properties"]["id"] == "13206_t001_00012"


def test_reverse(client):
    body = client.get("/api/geo/reverse", {"lat": "43.29211", "lon": "5.37691"}).json()
    assert [f["properties"]["id"] for f in body["features"]] == ["13206_t001_00012"]


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/api/geo/search", {"q": "ab"}, "au moins 3 caractères"),
        ("/api/geo/search", {}, "au moins 3 caractères"),
        ("/api/geo/search", {"q": "x" * 201}, "trop longue"),
        ("/api/geo/search", {"q": "rue paradis", "limit": "abc"}, "« limit » doit être un nombre entier"),
        ("/api/geo/search", {"q": "rue paradis", "limit": "0"}, "entre 1 et 50"),
        ("/api/geo/search", {"q": "rue paradis", "lat": "43.3"}, "ensemble"),
        ("/api/geo/search", {"q": "rue paradis", "type": "building"}, "« type »"),
        ("/api/geo/search", {"q": "rue paradis", "postcode": "130"}, "code postal"),
        ("/api/geo/reverse", {"lat": "43.3"}, "la latitude « lat » et la longitude « lon »"),
        ("/api/geo/reverse", {"lat": "91", "lon": "5"}, "« lat » doit être compris entre -90 et 90"),
        ("/api/geo/reverse", {"lat": "nord", "lon": "5"}, "« lat » doit être un nombre"),
    ],
)
def test_bad_input_is_a_400_in_french(client, path, params, message):
    response = client.get(path, params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_rate_limited(client, settings):
    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "geo_api": {"ip": (2, 60)}}
    statuses = [client.get("/api/geo/search", {"q": "rue paradis"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "Trop de tentatives" in client.get("/api/geo/search", {"q": "rue paradis"}).json()["detail"]


def test_unavailable_geocoder_is_a_503(client, settings):
    settings.GEOCODER_BACKEND = "ban"
    settings.GEO_BAN_URL = "http://127.0.0.1:9/"
    settings.GEO_BAN_MAX_RETRIES = 0
    response = client.get("/api/geo/search", {"q": "rue paradis"})
    assert response.status_code == 503
    assert "injoignable" in response.json()["detail"]
