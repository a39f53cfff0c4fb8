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
    ("path", "params", "status", "field", "message"),
    [
        ("/api/geo/search", {"q": "ab"}, 400, "q", "au moins 3 caractères"),
        ("/api/geo/search", {}, 400, "q", "au moins 3 caractères"),
        ("/api/geo/search", {"q": "x" * 201}, 422, "q", "Le texte dépasse 200 caractères."),
        ("/api/geo/search", {"q": "rue paradis", "limit": "abc"}, 422, "limit", "Un nombre entier est attendu."),
        ("/api/geo/search", {"q": "rue paradis", "limit": "0"}, 422, "limit", "supérieure ou égale à 1"),
        ("/api/geo/search", {"q": "rue paradis", "lat": "43.3"}, 400, "lon", "ensemble"),
        ("/api/geo/search", {"q": "rue paradis", "type": "building"}, 422, "type", "Valeur non autorisée"),
        ("/api/geo/search", {"q": "rue paradis", "postcode": "130"}, 422, "postcode", "format"),
        ("/api/geo/reverse", {"lat": "43.3"}, 400, "lon", "la latitude « lat » et la longitude « lon »"),
        ("/api/geo/reverse", {"lat": "91", "lon": "5"}, 422, "lat", "inférieure ou égale à 90"),
        ("/api/geo/reverse", {"lat": "nan", "lon": "5"}, 422, "lat", "Un nombre est attendu."),
        ("/api/geo/reverse", {"lat": "nord", "lon": "5"}, 422, "lat", "Un nombre est attendu."),
    ],
)
def test_bad_input_is_a_4xx_in_french_in_the_api_s_one_shape(client, path, params, status, field, message):
    """Issue 9, finding 10: the geocoding API answered {"detail"}; now {"code", "message", "errors"}."""
    response = client.get(path, params)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "message", "errors"}
    assert [e["field"] for e in body["errors"]] == [field]
    assert message in body["errors"][0]["message"]


def test_bounds_are_in_the_openapi_schema(client):
    parameters = client.get("/api/openapi.json").json()["paths"]["/api/geo/reverse"]["get"]["parameters"]
    by_name = {p["name"]: p["schema"] for p in parameters}
    lat = by_name["lat"].get("anyOf", [by_name["lat"]])[0]
    lon = by_name["lon"].get("anyOf", [by_name["lon"]])[0]
    assert (lat["minimum"], lat["maximum"], lon["minimum"], lon["maximum"]) == (-90, 90, -180, 180)


def test_rate_limited(client, settings):
    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "geo_api": {"ip": (2, 60)}}
    statuses = [client.get("/api/geo/search", {"q": "rue paradis"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "Trop de tentatives" in client.get("/api/geo/search", {"q": "rue paradis"}).json()["message"]


def test_unavailable_geocoder_is_a_503(client, settings):
    settings.GEOCODER_BACKEND = "ban"
    settings.GEO_BAN_URL = "http://127.0.0.1:9/"
    settings.GEO_BAN_MAX_RETRIES = 0
    response = client.get("/api/geo/search", {"q": "rue paradis"})
    assert response.status_code == 503
    assert "injoignable" in response.json()["message"]
