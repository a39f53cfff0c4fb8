"""The address import at national scale: the files are streamed, checked whole before anything is
written, and written in bounded memory (COPY on PostgreSQL, batches on SQLite)."""

import tracemalloc
import weakref

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from transition.platform.core.models import DataVersion, data_version_get
from transition.platform.geo import address_load, ban_files
from transition.platform.geo.ban_files import BanData, NumberData, PlaceData
from transition.platform.geo.models import AddressNumber, AddressPlace
from transition.platform.geo.selectors import ADDRESSES
from transition.platform.geo.services import GeoImportError, addresses_import, addresses_save, addresses_write

pytestmark = pytest.mark.django_db

HEADER = "id;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n"


def write_csv(path, numbers: int, *, streets: int = 5, shift: float = 0.0, last: str | None = None):
    """A BAN CSV of `numbers` house numbers on `streets` streets of two communes; `last` replaces
    its last line."""
    lines = [HEADER]
    for k in range(numbers):
        street = k % streets
        citycode = "13206" if street % 2 else "75111"
        lon, lat = 2.0 + k * 1e-6 + shift, 45.0 + street * 1e-3
        lines.append(
            f"{citycode}_s{street:03d}_{k:05d};{k + 1};;Rue {street};13006;{citycode};Ville;{lon:.6f};{lat:.6f}\n"
        )
    if last is not None:
        lines[-1] = last + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return path


class _Tracked(NumberData):
    """A number that can be watched (the slotted NumberData cannot be weakly referenced)."""


def numbers_failing_if_held(total: int, bound: int):
    """Yield `total` numbers; fail as soon as more than `bound` of them are alive at once, which
    is what keeping them in a list (or a dict) would do."""
    alive = [0]

    def released():
        alive[0] -= 1

    for k in range(total):
        assert alive[0] <= bound, f"{alive[0]} numéros gardés en mémoire à la fois"
        number = _Tracked("75111_s001", f"75111_s001_{k:05d}", str(k + 1), 2.0 + k * 1e-6, 45.0)
        weakref.finalize(number, released)
        alive[0] += 1
        yield number
        del number


def test_the_writer_holds_a_chunk_of_numbers_not_the_stream(monkeypatch):
    monkeypatch.setattr(address_load, "CHUNK", 500)
    place = PlaceData("75111_s001", "street", "Rue 1", "75011", "75111", "Paris", "75, Paris", 2.0, 45.0)
    report = addresses_write(places={place.ban_id: place}, numbers=numbers_failing_if_held(3_000, bound=500))
    assert (report.places, report.numbers) == (1, 3_000)
    assert AddressNumber.objects.count() == 3_000
    assert AddressNumber.objects.get(ban_id="75111_s001_02999").housenumber == "3000"


def test_the_guard_fails_when_the_numbers_are_kept():
    """The generator above does catch a writer that keeps everything."""
    with pytest.raises(AssertionError, match="gardés en mémoire"):
        list(numbers_failing_if_held(600, bound=500))


def _import_peak_bytes(path) -> int:
    tracemalloc.start()
    try:
        addresses_import(paths=[path])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_import_memory_does_not_grow_with_the_file(tmp_path, monkeypatch):
    """Three times the numbers on the same streets: the import's peak of Python memory stays put
    (it held every number before: about 1 GB per million)."""
    monkeypatch.setattr(address_load, "CHUNK", 1_000)
    small = _import_peak_bytes(write_csv(tmp_path / "small.csv", 10_000))
    large = _import_peak_bytes(write_csv(tmp_path / "large.csv", 30_000))
    assert AddressNumber.objects.count() == 30_000
    assert large < small * 1.5, (small, large)


def test_an_error_in_the_last_line_writes_nothing(tmp_path, monkeypatch):
    addresses_import(paths=[write_csv(tmp_path / "first.csv", 5_000)])
    before = list(AddressNumber.objects.order_by("ban_id").values_list("ban_id", "lon", "lat"))
    version = data_version_get(ADDRESSES)[0]
    # Every line moved, the last one wrong: nothing is staged, let alone written.
    monkeypatch.setattr(address_load, "numbers_stage", lambda numbers: pytest.fail("écrit avant d’avoir tout vérifié"))
    bad = write_csv(
        tmp_path / "bad.csv", 5_000, shift=0.01, last="75111_s004_04999;5000;;Rue 4;75011;75111;Paris;2.1;nord"
    )
    with pytest.raises(CommandError, match=r"bad\.csv, ligne 5001 : coordonnées invalides") as excinfo:
        call_command("geo_import_addresses", str(bad))
    assert "Aucune adresse n'a été enregistrée" in str(excinfo.value)
    assert list(AddressNumber.objects.order_by("ban_id").values_list("ban_id", "lon", "lat")) == before
    assert data_version_get(ADDRESSES)[0] == version


def test_errors_beyond_the_limit_are_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(ban_files, "MAX_ERRORS", 60)
    path = tmp_path / "wrong.csv"
    path.write_text(HEADER + "".join(f"x{k};1;;Rue;75011;75111;Paris;2.0;45.0\n" for k in range(100)), encoding="utf-8")
    with pytest.raises(GeoImportError) as excinfo:
        addresses_import(paths=[path])
    assert (len(excinfo.value.errors), excinfo.value.total) == (60, 100)
    assert excinfo.value.errors[0] == f"{path}, ligne 2 : identifiant « x0 » illisible (attendu : commune_voie_numéro)."
    with pytest.raises(CommandError, match="… et 50 autres erreurs") as excinfo:
        call_command("geo_import_addresses", str(path))
    assert not DataVersion.objects.filter(name=ADDRESSES).exists()


def test_the_last_line_of_a_number_wins_and_counts_once(tmp_path):
    first = write_csv(tmp_path / "first.csv", 40)
    moved = write_csv(tmp_path / "moved.csv", 10, shift=0.5)
    report = addresses_import(paths=[first, moved, moved])
    assert (report.places, report.numbers) == (2 + 5, 40)
    assert AddressNumber.objects.count() == 40
    assert AddressNumber.objects.get(ban_id="75111_s000_00000").lon == 2.5
    assert AddressNumber.objects.get(ban_id="75111_s000_00030").lon == 2.00003
    # The street's point is the mean of its points in the last file that holds it (as before).
    assert AddressPlace.objects.get(ban_id="75111_s000").lon == round((2.5 + 2.500005) / 2, 6)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="le chemin COPY est celui de PostgreSQL")
def test_postgresql_loads_through_copy(tmp_path, monkeypatch):
    statements = []
    copy = psycopg.Cursor.copy

    def spy(cursor, statement, *args, **kwargs):
        statements.append(str(statement))
        return copy(cursor, statement, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "copy", spy)
    path = write_csv(tmp_path / "adresses-75.csv", 2_000)
    report = addresses_import(paths=[path])
    assert statements == [
        "COPY geo_staging_number (seq, ban_id, place_ban_id, housenumber, lon, lat) FROM STDIN",
        "COPY geo_staging_place (ban_id, kind, name, postcode, citycode, city, context, lon, lat, importance) FROM STDIN",
    ]
    assert (report.places, report.numbers) == (7, 2_000)
    number = AddressNumber.objects.select_related("place").get(ban_id="75111_s000_01995")
    assert (number.housenumber, number.place.ban_id, number.lon) == ("1996", "75111_s000", 2.001995)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('pg_temp.geo_staging_number'), to_regclass('pg_temp.geo_staging_place')")
        assert cursor.fetchone() == (None, None)
    # Again, moved: updated in place, same rows, same counts.
    ids = set(AddressNumber.objects.values_list("pk", flat=True))
    report = addresses_import(paths=[write_csv(tmp_path / "adresses-75.csv", 2_000, shift=0.25)])
    assert report.numbers == 2_000
    assert set(AddressNumber.objects.values_list("pk", flat=True)) == ids
    assert AddressNumber.objects.get(ban_id="75111_s000_01995").lon == 2.251995


def test_numbers_of_a_stored_place_or_of_none(tmp_path):
    addresses_import(paths=[write_csv(tmp_path / "first.csv", 10)])
    extra = NumberData("75111_s000", "75111_s000_09999", "9999", 2.1, 45.0)
    report = addresses_save(data=BanData(numbers={extra.ban_id: extra}))
    assert (report.places, report.numbers) == (0, 1)
    assert AddressNumber.objects.get(ban_id="75111_s000_09999").place.ban_id == "75111_s000"
    lost = NumberData("75111_nulle", "75111_nulle_00001", "1", 2.1, 45.0)
    with pytest.raises(GeoImportError, match="Numéros rattachés à une voie inconnue : 75111_nulle."):
        addresses_save(data=BanData(numbers={lost.ban_id: lost}))
    assert not AddressNumber.objects.filter(ban_id="75111_nulle_00001").exists()
