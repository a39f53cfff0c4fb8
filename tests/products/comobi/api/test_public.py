"""GET /comobi/api/v1/<slug>/search and /places: the contract, the errors, the limit."""

from datetime import date, time
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from transition.products.comobi.enums import OfferStatus

from ..factories import POINT, PersonFactory, offer_make

pytestmark = pytest.mark.django_db
MONDAY = date(2030, 3, 4)


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def url(territory, **params):
    return f"/comobi/api/v1/{territory.slug}/search?{urlencode(params)}"


def query(origin="Gramat", destination="Hôpital de Figeac", day=MONDAY, **extra):
    (from_lat, from_lon), (to_lat, to_lon) = POINT[origin], POINT[destination]
    return {
        "from_lat": from_lat,
        "from_lon": from_lon,
        "to_lat": to_lat,
        "to_lon": to_lon,
        "date": day.isoformat(),
        **extra,
    }


def test_search_answers_the_pinned_shape_in_order(client, territory):
    josiane = PersonFactory(
        territory=territory, first_name="Josiane", last_name="Delmas", direct_contact_consent_at="2030-01-01T00:00Z"
    )
    bernard = PersonFactory(
        territory=territory, first_name="Bernard", last_name="Lafon", direct_contact_consent_at=None
    )
    near = offer_make(josiane, "Gramat", "Figeac", departure=time(7, 40))
    detour = offer_make(bernard, "Rocamadour", "Figeac", departure=time(7, 30))
    offer_make(bernard, "Cahors", "Saint-Céré")
    paused = offer_make(josiane, "Gramat", "Figeac", status=OfferStatus.PAUSED)
    response = client.get(url(territory, **query(after="07:30")))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["results"]
    results = body["results"]
    assert [r["offer_id"] for r in results] == [near.pk, detour.pk]
    assert paused.pk not in {r["offer_id"] for r in results}
    first = results[0]
    assert list(first) == ["offer_id", "driver", "extra_minutes", "band", "departure", "pickup", "direct_contact"]
    assert (first["driver"], first["band"], first["departure"], first["direct_contact"]) == (
        "Josiane D.",
        "0-5",
        "07:40",
        True,
    )
    assert first["pickup"] >= "07:40"
    assert results[1]["direct_contact"] is False
    assert results[0]["extra_minutes"] <= results[1]["extra_minutes"]
    assert "Delmas" not in response.content.decode() and josiane.phone not in response.content.decode()


def test_time_window(client, territory):
    driver = PersonFactory(territory=territory)
    offer_make(driver, "Gramat", "Figeac", departure=time(7, 40))
    assert client.get(url(territory, **query(after="08:00"))).json() == {"results": []}
    assert client.get(url(territory, **query(before="07:50"))).json() == {"results": []}
    assert len(client.get(url(territory, **query(after="07:30", before="09:00"))).json()["results"]) == 1


def test_day_rules(client, territory):
    driver = PersonFactory(territory=territory)
    offer_make(driver, "Gramat", "Figeac", weekdays=(1,))
    assert client.get(url(territory, **query())).json() == {"results": []}  # a Monday
    assert len(client.get(url(territory, **query(day=date(2030, 3, 5)))).json()["results"]) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from_lat": "abc"}, "from_lat"),
        ({"from_lat": "91"}, "from_lat"),
        ({"to_lon": "-181"}, "to_lon"),
        ({"date": "04/03/2030"}, "date"),
        ({"after": "8h"}, "after"),
        ({"after": "09:00", "before": "08:00"}, "before"),
    ],
)
def test_errors_in_the_platforms_shape(client, territory, params, field):
    response = client.get(url(territory, **{**query(), **params}))
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"code", "message", "errors"} and body["code"] == "invalid"
    assert field in {e["field"] for e in body["errors"]}


def test_missing_parameter(client, territory):
    params = query()
    del params["to_lat"]
    response = client.get(url(territory, **params))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "to_lat"


def test_unknown_or_closed_territory(client, territory):
    response = client.get(f"/comobi/api/v1/nulle-part/search?{url(territory, **query()).split('?')[1]}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    territory.is_open = False
    territory.save()
    assert client.get(url(territory, **query())).status_code == 404


def test_rate_limited(client, territory, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comobi_api_search": {"ip": (2, 60)}}
    for _ in range(2):
        assert client.get(url(territory, **query())).status_code == 200
    response = client.get(url(territory, **query()))
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert response["Retry-After"]


def test_in_the_openapi(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/comobi/api/v1/{slug}/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"slug", "from_lat", "from_lon", "to_lat", "to_lon", "date", "after", "before"} <= names
    assert {"200", "422", "429"} <= set(operation["responses"])


def test_places_suggest_the_territorys_names_first(client, territory, geocoder):
    response = client.get(f"/comobi/api/v1/{territory.slug}/places?q=hopital")
    labels = [f["properties"]["label"] for f in response.json()["features"]]
    assert labels[0] == "Hôpital de Figeac"
    response = client.get(f"/comobi/api/v1/{territory.slug}/places?q=gram")
    labels = [f["properties"]["label"] for f in response.json()["features"]]
    assert labels[:3] == ["Gramat", "Gare de Gramat", "Pharmacie de Gramat"]
