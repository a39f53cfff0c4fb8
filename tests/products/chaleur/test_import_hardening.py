"""Issue 9, finding 4: an import cannot silently wipe the networks, and no file makes it fail
with a traceback (zip bombs, deep JSON, NaN and Infinity, a list for properties, text in a number)."""

import json
import time
import zipfile
import zlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from transition.platform.core.imports import ImportRefused
from transition.products.chaleur.models import Network, NetworkOperator
from transition.products.chaleur.permissions import demands_of_operators
from transition.products.chaleur.services import networks_import as importer
from transition.products.chaleur.services.networks_import import networks_import

from .factories import DemandFactory
from .services.test_networks_import import HEAT, X, Y, collection, full, line, resolver  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(full):  # noqa: F811
    networks_import(path=full, resolve_commune=resolver)
    network = Network.objects.get(national_id="3801C")
    from tests.platform.accounts.factories import OrganisationFactory

    operator = NetworkOperator.objects.create(organisation=OrganisationFactory(), network=network)
    demand = DemandFactory(network=network)
    return full, network, operator, demand


def _empty_traced_heat(folder):
    (folder / "reseaux_de_chaleur.geojson").write_text(json.dumps(collection([])))


def test_an_import_that_would_remove_networks_lists_them_and_stops(imported):
    folder, network, operator, demand = imported
    _empty_traced_heat(folder)
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=folder, resolve_commune=resolver)
    text = "\n".join(str(p) for p in caught.value.report.errors)
    assert "3801C" in text and "Réseau sans identifiant" in text and "--allow-removals" in text
    assert Network.objects.filter(national_id="3801C").exists() and Network.objects.count() == 4

    with pytest.raises(CommandError) as command:
        call_command("chaleur_import", str(folder))
    assert "3801C" in str(command.value) and "--allow-removals" in str(command.value)
    assert "Import terminé" not in str(command.value)
    assert Network.objects.count() == 4


def test_removals_allowed_never_detach_demands_nor_operators(imported):
    folder, network, operator, demand = imported
    _empty_traced_heat(folder)
    out = StringIO()
    call_command("chaleur_import", str(folder), "--allow-removals", stdout=out)
    assert "2 retiré(s)" in out.getvalue()
    assert not Network.objects.filter(national_id="3801C").exists()  # no longer on the map nor in the lists
    demand.refresh_from_db()
    operator.refresh_from_db()
    assert demand.network_id == network.pk and operator.network_id == network.pk
    assert list(demands_of_operators([operator.organisation_id])) == [demand]  # the operator still has it

    # Published again, it is the same network, with its demands and operators.
    (folder / "reseaux_de_chaleur.geojson").write_text(
        json.dumps(collection([line(HEAT, [X, Y], [X + 500, Y], [X + 500, Y + 300])]))
    )
    networks_import(path=folder, resolve_commune=resolver)
    assert Network.objects.get(national_id="3801C").pk == network.pk


def test_a_network_cannot_be_deleted_under_its_demands():
    from django.db.models import ProtectedError

    from .factories import network_make

    network = network_make()
    DemandFactory(network=network)
    with pytest.raises(ProtectedError):
        network.delete()


def _bomb(path, name: str, size: int, chunk: int = 8 * 1024 * 1024):
    """A real zip of `size` bytes of spaces in about size / 1000 bytes, built without compressing
    them all: one chunk compressed with a full flush (so that it compresses the same every time),
    repeated, then the final empty block. Python's zipfile reads it back whole."""
    data = b" " * chunk
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = (compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)) * (size // chunk) + b"\x03\x00"
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size, info.compress_size = size, len(body)
    info.CRC = 0  # never reached: the archive is refused before any member is read
    archive = zipfile.ZipFile(path, "w")
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader(zip64=True))
    archive.fp.write(body)
    archive.filelist.append(info)
    archive.NameToInfo[name] = info
    archive.start_dir = archive.fp.tell()
    archive._didModify = True
    archive.close()
    return path


def test_a_zip_bomb_is_refused_at_once(tmp_path):
    bomb = _bomb(tmp_path / "opendata.zip", "reseaux_de_chaleur.geojson", 1024 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # about 1 MB holding 1 GB
    started = time.monotonic()
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=bomb)
    assert time.monotonic() - started < 2
    [problem] = caught.value.report.errors
    assert "compressé plus de" in problem.message or "dépasse" in problem.message


def test_a_member_over_the_size_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1024)
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "reseaux_de_chaleur.geojson").write_text(json.dumps(collection([])) + " " * 2000)
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=folder)
    assert "dépasse" in caught.value.report.errors[0].message
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(folder / "reseaux_de_chaleur.geojson", "reseaux_de_chaleur.geojson")
    with pytest.raises(ImportRefused):
        networks_import(path=archive)


FEATURE = line({"Identifiant reseau": "3801C"}, [X, Y], [X + 10, Y])


@pytest.mark.parametrize(
    ("content", "where", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "reseaux_de_chaleur.geojson", "imbriqué"),
        (
            json.dumps(collection([FEATURE])).replace('"Identifiant reseau": "3801C"', '"nb_pdl": NaN'),
            "reseaux_de_chaleur.geojson, objet n° 0",
            "NaN",
        ),
        (
            json.dumps(collection([FEATURE])).replace('"Identifiant reseau": "3801C"', '"longueur_reseau": 1e999'),
            "reseaux_de_chaleur.geojson, objet n° 0",
            "1e999",
        ),
        (
            json.dumps(collection([FEATURE])).replace(f"[{X}, {Y}]", f"[Infinity, {Y}]"),
            "reseaux_de_chaleur.geojson, objet n° 0",
            "Infinity",
        ),
        (
            json.dumps(collection([{**FEATURE, "properties": ["3801C"]}])),
            "reseaux_de_chaleur.geojson, objet n° 0",
            "« properties » devrait être un objet",
        ),
        (
            json.dumps(collection([line({"Identifiant reseau": "3801C", "nb_pdl": "douze"}, [X, Y], [X + 1, Y])])),
            "reseaux_de_chaleur.geojson, objet n° 0",
            "devrait être un nombre",
        ),
        (
            json.dumps(collection([{**FEATURE, "geometry": {"type": "LineString", "coordinates": "abc"}}])),
            "reseaux_de_chaleur.geojson, objet n° 0",
            "géométrie",
        ),
        (
            json.dumps({"type": "FeatureCollection", "features": {"a": 1}}),
            "reseaux_de_chaleur.geojson",
            "features",
        ),
        ('{"type": "FeatureCollection", "crs": [1], "features": []}', "reseaux_de_chaleur.geojson", "coordonnées"),
    ],
    ids=[
        "deep",
        "nan",
        "overflow",
        "infinity",
        "properties-list",
        "text-number",
        "bad-coordinates",
        "features-object",
        "crs-list",
    ],
)
def test_hostile_files_get_file_feature_and_reason_in_french(tmp_path, content, where, reason):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "reseaux_de_chaleur.geojson").write_text(content)
    with pytest.raises(ImportRefused) as caught:
        networks_import(path=folder)
    problems = caught.value.report.errors
    assert any(reason in p.message and p.source == where for p in problems), [str(p) for p in problems]
    with pytest.raises(CommandError, match="Import refusé"):
        call_command("chaleur_import", str(folder))
