import gzip
import shutil

import pytest
from django.core.management import CommandError, call_command

from tests.platform.geo.conftest import TINY_CSV, TINY_NDJSON
from transition.platform.core.models import DataVersion, data_version_get
from transition.platform.geo.geocoding import get_geocoder
from transition.platform.geo.models import AddressNumber, AddressPlace
from transition.platform.geo.selectors import ADDRESSES

pytestmark = pytest.mark.django_db


def _counts():
    return AddressPlace.objects.count(), AddressNumber.objects.count()


def test_ndjson_import_is_idempotent(settings):
    settings.GEOCODER_BACKEND = "local"
    call_command("geo_import_addresses", str(TINY_NDJSON))
    first = _counts()
    assert first == (10, 14)
    call_command("geo_import_addresses", str(TINY_NDJSON))
    assert _counts() == first
    assert data_version_get(ADDRESSES)[0] == 2
    street = AddressPlace.objects.get(ban_id="13206_t001")
    assert (street.kind, street.name, street.postcode, street.citycode) == ("street", "Rue Paradis", "13006", "13206")
    assert get_geocoder().search("12 r paradis marseille")[0].id == "13206_t001_00012"


def test_csv_gz_import(tmp_path):
    path = tmp_path / "adresses-13.csv.gz"
    with open(TINY_CSV, "rb") as source, gzip.open(path, "wb") as target:
        shutil.copyfileobj(source, target)
    call_command("geo_import_addresses", str(path))
    street = AddressPlace.objects.get(ban_id="13206_t001")
    assert (street.kind, street.postcode, street.city) == ("street", "13006", "Marseille")
    assert sorted(street.numbers.values_list("housenumber", flat=True)) == ["12", "12bis", "2"]
    # A "99999" line is a place without numbers (lieu-dit); each commune gets its municipality.
    assert AddressPlace.objects.get(ban_id="75111_t009").kind == "locality"
    assert AddressPlace.objects.get(ban_id="75111").kind == "municipality"
    results = get_geocoder().search("12 bis rue paradis", limit=1)
    assert (results[0].id, results[0].housenumber) == ("13206_t001_00012_bis", "12bis")


def test_import_updates_a_moved_address(tmp_path):
    call_command("geo_import_addresses", str(TINY_CSV))
    assert get_geocoder().search("7 rue de la roquette paris")[0].lon == 2.3712
    moved = tmp_path / "moved.csv"
    moved.write_text(TINY_CSV.read_text(encoding="utf-8").replace(";2.3712;48.8539;", ";2.3714;48.8540;"))
    call_command("geo_import_addresses", str(moved))
    assert AddressNumber.objects.get(ban_id="75111_t005_00007").lon == 2.3714
    # The index follows the data version.
    assert get_geocoder().search("7 rue de la roquette paris")[0].lon == 2.3714


@pytest.mark.parametrize(
    ("suffix", "content", "message"),
    [
        (".ndjson", '{"id": "x", "type": "street"}\n{not json}\n', "bad.ndjson, ligne 1 : .*nom manquant"),
        (".ndjson", TINY_NDJSON.read_text(encoding="utf-8") + "{not json}\n", r"bad.ndjson, ligne 11 : JSON invalide"),
        (".csv", TINY_CSV.read_text(encoding="utf-8").replace(";5.3769;43.2921;", ";5.3769;north;"), r"bad.csv, ligne 3 : coordonnées invalides"),
        (".csv", TINY_CSV.read_text(encoding="utf-8").replace(";13206;Marseille;;;893010", ";1320;Marseille;;;893010"), r"bad.csv, ligne 3 : code INSEE « 1320 » invalide"),
        (".csv", "id;numero\n1;2\n", "bad.csv, ligne 1 : colonnes manquantes"),
        (".txt", "hello", "format inconnu"),
    ],
)  # fmt: skip
def test_malformed_line_is_reported_and_nothing_written(tmp_path, suffix, content, message):
    good = tmp_path / "good.ndjson"
    good.write_text(TINY_NDJSON.read_text(encoding="utf-8"))
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message) as excinfo:
        call_command("geo_import_addresses", str(good), str(bad))
    assert "Aucune adresse n'a été enregistrée" in str(excinfo.value)
    assert _counts() == (0, 0)
    assert not DataVersion.objects.filter(name=ADDRESSES).exists()


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="fichier introuvable"):
        call_command("geo_import_addresses", str(tmp_path / "absent.csv"))


@pytest.mark.shared_data
def test_real_extract_loads_and_is_found_as_typed(shared_data, client):
    call_command("geo_import_addresses", str(shared_data / "geo" / "adresses-addok-france-simplified.ndjson.gz"))
    assert _counts() == (1951, 40874)
    response = client.get("/api/geo/search", {"q": "10 r des sapins pouembout", "limit": 1})
    feature = response.json()["features"][0]
    assert feature["properties"]["id"] == "98825_y6as4k_00010"
    assert feature["geometry"]["coordinates"] == [164.900792, -21.120919]
    response = client.get("/api/geo/search", {"q": "12 av du marechal foch noumea", "limit": 1})
    assert response.json()["features"][0]["properties"]["label"].startswith("12 Avenue du Maréchal FOCH")
