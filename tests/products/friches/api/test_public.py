"""The public API: POST /friches/api/v1/mutabilite exactly as pinned (the original's example body
gives the original's answer), the registry's CSV and GeoJSON, the map by bounding box; every error in
the platform's one shape."""

import csv
import io
import json

import pytest
from django.contrib.gis.geos import Point

from tests.products.friches.factories import SiteFactory
from tests.products.friches.shared_cases import case_params
from transition.products.friches.domain.cnig_schema import FIELD_NAMES
from transition.products.friches.domain.cnig_validation import row_errors

pytestmark = pytest.mark.django_db

MUTABILITY = "/friches/api/v1/mutabilite"


def _post(client, body):
    return client.post(
        MUTABILITY, data=json.dumps(body) if not isinstance(body, bytes) else body, content_type="application/json"
    )


@pytest.mark.parametrize("case", case_params("mutafriches_cases_sample.json", keep=lambda c: "body" in c["input"]))
def test_the_originals_body_gives_the_originals_answer(client, case):
    response = _post(client, case["input"]["body"])
    assert response.status_code == 200
    expected = case["expected"]["computed_v1_11"]
    payload = response.json()
    assert set(payload) == {"resultats", "fiabilite"}
    assert payload["resultats"] == [
        {k: r[k] for k in ("usage", "rang", "indiceMutabilite", "potentiel", "avantages", "contraintes")}
        for r in expected["ranking"]
    ]
    assert payload["fiabilite"] == {
        k: expected["fiabilite"][k] for k in ("note", "text", "criteresRenseignes", "poidsRenseignes")
    }


def test_a_minimal_body(client):
    response = _post(client, {"donneesEnrichies": {"surfaceSite": 20000}})
    assert response.status_code == 200
    payload = response.json()
    assert [r["rang"] for r in payload["resultats"]] == list(range(1, 8))
    assert payload["fiabilite"]["criteresRenseignes"] == 1  # surfaceSite; raccordementEau unknown without built surface


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        (b"{pas du json", 400, "invalid_json", None),
        (b'{"donneesEnrichies": {"surfaceSite": NaN}}', 400, "invalid_json", None),
        ({}, 422, "invalid", "donneesEnrichies"),
        ([], 422, "invalid", ""),
        ({"donneesEnrichies": {"surfaceSite": "grand"}}, 422, "invalid", "donneesEnrichies.surfaceSite"),
        ({"donneesEnrichies": {}, "donneesComplementaires": "oui"}, 422, "invalid", "donneesComplementaires"),
    ],
)
def test_errors_in_the_platforms_shape(client, body, status, code, field):
    response = _post(client, body)
    assert response.status_code == status
    payload = response.json()
    assert set(payload) == {"code", "message", "errors"} and payload["code"] == code
    if field is not None:
        assert field in [e["field"] for e in payload["errors"]]


def test_a_body_too_large_is_refused(client):
    response = _post(client, {"donneesEnrichies": {"x": "a" * 70000}})
    assert response.status_code == 413 and response.json()["code"] == "too_large"


def test_the_registry_as_cnig_csv_valid_against_the_standard(client):
    SiteFactory(name="Filature", commune_insee="08409", commune_name="Sedan", departement="08")
    SiteFactory(name="Gare", cnig={"site_url": "https://exemple.fr/gare", "activite_code": "H49.20Z"})
    response = client.get("/friches/api/v1/sites.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert tuple(rows[0].keys()) == FIELD_NAMES
    assert len(rows) == 2 and all(row_errors(r) == [] for r in rows)
    assert rows[1]["activite_code"] == "H49.20Z"
    filtered = client.get("/friches/api/v1/sites.csv?commune=08409")
    assert len(list(csv.DictReader(io.StringIO(filtered.content.decode("utf-8"))))) == 1


def test_the_registry_as_geojson(client):
    site = SiteFactory(name="Filature")
    payload = json.loads(b"".join(client.get("/friches/api/v1/sites.geojson").streaming_content))
    assert payload["type"] == "FeatureCollection"
    feature = payload["features"][0]
    assert feature["id"] == site.site_id and feature["geometry"]["type"] == "MultiPolygon"
    assert feature["properties"]["site_nom"] == "Filature" and feature["properties"]["longitude"] == 4.72


def test_the_map_by_bounding_box_with_filters(client, settings):
    SiteFactory(name="Dedans", status="friche sans projet")
    SiteFactory(name="Reconvertie", status="friche reconvertie")
    SiteFactory(
        name="Dehors", point=Point(2.35, 48.85, srid=4326), commune_insee="75056", departement="75", region="11"
    )
    payload = client.get("/friches/api/v1/carte?bbox=4.5,49.5,5,50").json()
    assert {f["properties"]["nom"] for f in payload["features"]} == {"Dedans", "Reconvertie"}
    assert payload["total"] == 2 and payload["tronque"] is False
    filtered = client.get("/friches/api/v1/carte", {"bbox": "4.5,49.5,5,50", "statut": "friche reconvertie"}).json()
    assert [f["properties"]["nom"] for f in filtered["features"]] == ["Reconvertie"]
    settings.FRICHES_MAP_MAX_SITES = 1
    grouped = client.get("/friches/api/v1/carte?bbox=4.5,49.5,5,50").json()
    assert (grouped["total"], grouped["tronque"]) == (2, True)
    assert [f["properties"] for f in grouped["features"]] == [{"groupe": True, "nombre": 2}]  # same cell


@pytest.mark.parametrize("bbox", ["", "1,2,3", "a,b,c,d", "5,49,4,50", "0,0,0,0", "-200,0,10,10"])
def test_a_bad_bounding_box(client, bbox):
    response = client.get(f"/friches/api/v1/carte?bbox={bbox}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "bbox"
