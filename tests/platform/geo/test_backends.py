"""One table of queries, two backends: `ban` against a real addok on loopback, `local` on the same
files loaded with the import service. Both must give the same answers."""

import pytest

from tests.platform.geo.conftest import TINY_NDJSON, nc_docs
from transition.platform.geo.ban import BanGeocoder, RateLimiter
from transition.platform.geo.domain.scoring import haversine_m
from transition.platform.geo.domain.text import fold
from transition.platform.geo.local import LocalGeocoder
from transition.platform.geo.services import addresses_import

# (query, search keyword arguments, expected type, expected id)
TINY_TABLE = [
    ("12 rue paradis marseille", {}, "housenumber", "13206_t001_00012"),
    ("12 RUE PARADIS 13006 MARSEILLE", {}, "housenumber", "13206_t001_00012"),
    ("12 r paradis", {}, "housenumber", "13206_t001_00012"),
    ("12 bis rue paradis marseille", {}, "housenumber", "13206_t001_00012_bis"),
    ("3 bd st michel paris", {}, "housenumber", "75105_t004_00003"),
    ("3 boulevard saint-michel", {}, "housenumber", "75105_t004_00003"),
    ("101 av des champs elysees paris", {}, "housenumber", "75108_t007_00101"),
    ("7 rue de la roquette 75011 paris", {}, "housenumber", "75111_t005_00007"),
    ("48 la canebiere", {}, "housenumber", "13201_t002_00048"),
    ("48 Canebière Marseille", {}, "housenumber", "13201_t002_00048"),
    ("12 rue paradiss marseille", {}, "housenumber", "13206_t001_00012"),
    ("rue de la republique marseille", {}, "street", "13202_t006"),
    ("avenue du prado", {}, "street", "13208_t003"),
    ("paris", {}, "municipality", "75056"),
    ("les goudes marseille", {}, "locality", "13207_t008"),
    ("rue paradis", {"citycode": "13206"}, "street", "13206_t001"),
    ("rue paradis", {"type": "street"}, "street", "13206_t001"),
    ("12 rue paradis", {"type": "housenumber"}, "housenumber", "13206_t001_00012"),
]


def _check(geocoder, table) -> list[str]:
    failures = []
    for query, kwargs, kind, expected in table:
        results = geocoder.search(query, limit=3, **kwargs)
        if not results:
            failures.append(f"{query!r}: aucun résultat")
        elif (results[0].type, results[0].id) != (kind, expected):
            failures.append(f"{query!r}: {results[0].type} {results[0].id} au lieu de {kind} {expected}")
        elif not 0 <= results[0].score <= 1:
            failures.append(f"{query!r}: score {results[0].score}")
    return failures


@pytest.fixture
def local_tiny(db):
    addresses_import(paths=[TINY_NDJSON])
    return LocalGeocoder()


@pytest.fixture
def ban_tiny(addok_tiny):
    return BanGeocoder(addok_tiny.url, limiter=RateLimiter(0), max_retries=0)


@pytest.fixture(params=["ban", "local"])
def tiny_geocoder(request, db):  # db asked here: pytest-django needs it before any dynamic request
    return request.getfixturevalue(f"{request.param}_tiny")


def test_search_table(tiny_geocoder):
    assert _check(tiny_geocoder, TINY_TABLE) == []


def test_result_fields(tiny_geocoder):
    result = tiny_geocoder.search("12 rue paradis marseille", limit=1)[0]
    assert (result.housenumber, result.street, result.name) == ("12", "Rue Paradis", "12 Rue Paradis")
    assert (result.postcode, result.citycode, result.city) == ("13006", "13206", "Marseille")
    assert result.label.startswith("12 Rue Paradis") and result.label.endswith("Marseille")
    assert result.context.startswith("13, Bouches-du-Rhône")
    assert (result.lon, result.lat) == (5.3769, 43.2921)
    feature = result.to_feature()
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.3769, 43.2921]}
    assert feature["properties"]["citycode"] == "13206"


def test_reverse(tiny_geocoder):
    results = tiny_geocoder.reverse(lon=5.37691, lat=43.29211)
    assert [(r.type, r.id) for r in results] == [("housenumber", "13206_t001_00012")]
    assert results[0].citycode == "13206"


def test_batch(tiny_geocoder):
    results = tiny_geocoder.batch(["12 rue paradis marseille", "3 bd st michel paris", "zzzz qqqq wwww"])
    assert [r.id if r else None for r in results] == ["13206_t001_00012", "75105_t004_00003", None]
    assert results[0].citycode == "13206"


def test_batch_in_chunks(addok_tiny):
    geocoder = BanGeocoder(addok_tiny.url, limiter=RateLimiter(0), batch_rows=2)
    queries = ["12 rue paradis marseille", "48 la canebiere", "101 av des champs elysees paris", "7 rue de la roquette"]
    results = geocoder.batch(queries)
    assert [r.id for r in results] == [
        "13206_t001_00012",
        "13201_t002_00048",
        "75108_t007_00101",
        "75111_t005_00007",
    ]


# -- the real extract ---------------------------------------------------------------------------------


def nc_table() -> list[tuple[str, float, float]]:
    """House numbers of the slice typed as people type them: lower case, no accents, city or not."""
    docs = nc_docs()
    names = [d["name"] for d in docs if d["type"] == "street"]
    table = []
    for doc in docs:
        if doc["type"] != "street" or not doc.get("housenumbers"):
            continue
        number, point = next(iter(doc["housenumbers"].items()))
        city = doc["city"][0] if isinstance(doc["city"], list) else doc["city"]
        with_city = len(table) % 2 == 0 or names.count(doc["name"]) > 1
        query = f"{number} {fold(doc['name'])}" + (f" {fold(city)}" if with_city else "")
        table.append((query, point["lon"], point["lat"]))
        if len(table) >= 40:
            break
    return table


@pytest.fixture
def local_nc(db, nc_slice):
    addresses_import(paths=[nc_slice])
    return LocalGeocoder()


@pytest.fixture
def ban_nc(addok_nc):
    return BanGeocoder(addok_nc.url, limiter=RateLimiter(0), max_retries=0)


@pytest.mark.shared_data
@pytest.mark.parametrize("backend", ["ban", "local"])
def test_real_extract_found_within_5_m(request, db, backend):
    geocoder = request.getfixturevalue(f"{backend}_nc")
    table = nc_table()
    assert len(table) >= 20
    misses = []
    for query, lon, lat in table:
        results = geocoder.search(query, limit=1)
        if not results or haversine_m(lon, lat, results[0].lon, results[0].lat) > 5:
            misses.append((query, results[0].label if results else None))
    assert misses == []
