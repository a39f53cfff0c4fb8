"""GET /chaleur/api/v1/eligibility and /chaleur/api/v1/networks (and the map's layers)."""

import json

import pytest
from django.core.cache import cache

from transition.products.chaleur.demo.addresses import DEMO_ADDRESSES
from transition.products.chaleur.demo.networks import load_networks

from ..factories import demo_geocoder

pytestmark = pytest.mark.django_db


@pytest.fixture
def geocoder(monkeypatch):
    return demo_geocoder(monkeypatch)


URL = "/chaleur/api/v1/eligibility"


@pytest.fixture(autouse=True)
def demo():
    cache.clear()
    load_networks()


def test_fields_of_an_eligible_position(client, geocoder):
    lon, lat, kind, _ = DEMO_ADDRESSES[0]
    answer = client.get(URL, {"lat": lat, "lon": lon})
    assert answer.status_code == 200
    assert answer.json() == {
        "isEligible": True,
        "distance": answer.json()["distance"],
        "inPDP": True,
        "futurNetwork": False,
        "id": "4901C",
        "name": "Réseau de chaleur de Belle-Beille",
        "gestionnaire": "Énergies Angevines",
        "rateENRR": 71.5,
        "rateCO2": 0.064,
        "type": "dans_pdp_reseau_existant",
        "isClasse": True,
    }
    assert isinstance(answer.json()["distance"], int)
    assert geocoder.reverse_calls == 0  # a network within 1 km: the commune does not matter


@pytest.mark.parametrize(("lon", "lat", "kind", "where"), DEMO_ADDRESSES, ids=[a[3] for a in DEMO_ADDRESSES])
def test_every_demo_position(client, geocoder, lon, lat, kind, where):
    body = client.get(URL, {"lat": str(lat), "lon": str(lon)}).json()
    assert body["type"] == kind


def test_the_commune_comes_from_reverse_geocoding_when_it_matters(client, geocoder):
    lon, lat, _, _ = next(a for a in DEMO_ADDRESSES if a[2] == "dans_ville_reseau_existant_sans_trace")
    body = client.get(URL, {"lat": lat, "lon": lon}).json()
    assert body["type"] == "dans_ville_reseau_existant_sans_trace" and body["id"] == "4903C"
    assert body["distance"] is None and body["isEligible"] is False
    assert geocoder.reverse_calls == 1


def test_geocoder_down_when_the_commune_matters_is_503(client, monkeypatch):
    demo_geocoder(monkeypatch, broken=True)
    lon, lat, _, _ = next(a for a in DEMO_ADDRESSES if a[2] == "trop_eloigne")
    answer = client.get(URL, {"lat": lat, "lon": lon})
    assert answer.status_code == 503 and "commune" in answer.json()["message"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Le paramètre « lat » est obligatoire."),
        ({"lat": "47.4"}, "Le paramètre « lon » est obligatoire."),
        ({"lat": "abc", "lon": "1"}, "Le paramètre « lat » doit être un nombre décimal, par exemple 45.188."),
        ({"lat": "91", "lon": "1"}, "Le paramètre « lat » doit être compris entre -90 et 90."),
        ({"lat": "47", "lon": "nan"}, "Le paramètre « lon » doit être compris entre -180 et 180."),
        ({"lat": "47", "lon": "inf"}, "Le paramètre « lon » doit être compris entre -180 et 180."),
    ],
)
def test_bad_coordinates_are_400_in_french(client, params, message):
    answer = client.get(URL, params)
    assert answer.status_code == 400
    body = answer.json()  # the platform's one error shape, the parameter at fault named
    assert (body["code"], body["message"]) == ("invalid", message)
    [error] = body["errors"]
    assert error["message"] == message and f"« {error['field']} »" in message


def test_rate_limited(client, settings, geocoder):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "chaleur_api_eligibility": {"ip": (3, 60)}}
    lon, lat, _, _ = DEMO_ADDRESSES[0]
    codes = [client.get(URL, {"lat": lat, "lon": lon}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    last = client.get(URL, {"lat": lat, "lon": lon})
    assert "Trop de tentatives" in last.json()["message"] and last["Retry-After"]


def test_networks_geojson(client):
    answer = client.get("/chaleur/api/v1/networks")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/geo+json"
    data = json.loads(answer.content)
    ids = {f["properties"]["id"] for f in data["features"]}
    assert ids == {"4901C", "4902C", "4903C", "4904C", "4901F"}
    belle_beille = next(f for f in data["features"] if f["properties"]["id"] == "4901C")
    assert belle_beille["geometry"]["type"] == "MultiLineString"
    lon, lat = belle_beille["geometry"]["coordinates"][0][0]
    assert -0.7 < lon < -0.4 and 47.3 < lat < 47.6  # WGS84
    assert belle_beille["properties"]["url"] == "/chaleur/reseaux/4901C"
    trelaze = next(f for f in data["features"] if f["properties"]["id"] == "4903C")
    assert trelaze["geometry"]["type"] == "Point"


def test_networks_by_bbox_and_filters(client):
    roseraie_bbox = "-0.56,47.43,-0.53,47.46"
    data = client.get("/chaleur/api/v1/networks", {"bbox": roseraie_bbox}).json()
    assert {f["properties"]["id"] for f in data["features"]} == {"4902C"}
    data = client.get("/chaleur/api/v1/networks", {"enr_min": "60"}).json()
    assert {f["properties"]["id"] for f in data["features"]} == {"4901C"}
    data = client.get("/chaleur/api/v1/networks", {"co2_max": "0.1"}).json()
    assert {f["properties"]["id"] for f in data["features"]} == {"4901C", "4902C", "4901F"}
    data = client.get("/chaleur/api/v1/networks", {"gestionnaire": "Énergies Angevines"}).json()
    assert {f["properties"]["id"] for f in data["features"]} == {"4901C", "4901F"}
    assert client.get("/chaleur/api/v1/networks", {"bbox": "1,2,3"}).status_code == 400
    assert client.get("/chaleur/api/v1/networks", {"bbox": "3,2,1,0"}).status_code == 400


def test_map_layers_are_simplified_by_zoom(client):
    def points(zoom):
        data = client.get("/chaleur/api/v1/map/chaleur", {"zoom": zoom}).json()
        return sum(
            len(line)
            for f in data["features"]
            if f["geometry"]["type"] == "MultiLineString"
            for line in f["geometry"]["coordinates"]
        )

    assert points(6) < points(18)
    pdp = client.get("/chaleur/api/v1/map/pdp", {"zoom": 12}).json()
    assert pdp["features"][0]["properties"]["id"] == "4901C"
    construction = client.get("/chaleur/api/v1/map/construction", {"zoom": 14}).json()
    assert {f["properties"]["isZone"] for f in construction["features"]} == {True, False}
    assert client.get("/chaleur/api/v1/map/inconnue").status_code == 404


def test_map_layers_follow_data_changes(client):
    from transition.products.chaleur.models import Network

    before = client.get("/chaleur/api/v1/map/chaleur", {"zoom": 12}).json()
    Network.objects.filter(national_id="4902C").get().delete()
    after = client.get("/chaleur/api/v1/map/chaleur", {"zoom": 12}).json()
    assert len(after["features"]) == len(before["features"]) - 1


def test_address_search(client, geocoder):
    body = client.get("/chaleur/api/v1/address-search", {"q": "1 rue de la démo"}).json()
    assert body[0]["label"] == "1 rue de la Démo 49000 Angers" and body[0]["citycode"] == "49007"
    assert client.get("/chaleur/api/v1/address-search", {"q": "ab"}).status_code == 400


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/chaleur/api/v1/eligibility" in paths and "/chaleur/api/v1/networks" in paths


def test_openapi_describes_the_eligibility_parameters(client):
    operation = client.get("/api/openapi.json").json()["paths"]["/chaleur/api/v1/eligibility"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == {"lat", "lon"}
    assert all(p["in"] == "query" and p["required"] for p in parameters.values())
    assert parameters["lat"]["schema"]["maximum"] == 90 and parameters["lon"]["schema"]["minimum"] == -180
