"""manage.py chaleur_export_opendata: the national archive's layout; import → export → import
changes nothing; a value corrected here is what the archive says."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.models import Network, NetworkUnderConstruction, Pdp
from transition.products.chaleur.services.networks_import import FILES, networks_import

from ..services.test_networks_import import full, resolver  # noqa: F401  (the fixture and its resolver)

pytestmark = pytest.mark.django_db


def _snapshot():
    def rows(model, geometry_fields):
        out = {}
        for obj in model.objects.all():
            values = model_to_dict(obj, exclude=["id", *geometry_fields, "networks_under_construction"])
            for name in geometry_fields:
                geometry = getattr(obj, name)
                values[name] = None if geometry is None else geometry.wkt
            out[obj.import_key] = values
        return out

    return (
        rows(Network, ["trace", "location"]),
        rows(NetworkUnderConstruction, ["trace", "zone"]),
        rows(Pdp, ["geometry"]),
    )


def _unchanged(report):
    assert report.created == 0 and report.updated == 0 and report.removed == 0, report.lines()
    return report.unchanged


def test_round_trip_changes_nothing(full, tmp_path):  # noqa: F811
    networks_import(path=full, resolve_commune=resolver)
    before = _snapshot()
    out = tmp_path / "export.zip"
    call_command("chaleur_export_opendata", str(out))
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted(FILES)
        heat = json.loads(archive.read("reseaux_de_chaleur.geojson"))
    assert heat["crs"]["properties"]["name"].endswith("2154")
    assert {f["properties"].get("Identifiant reseau") for f in heat["features"]} == {"3801C", None}

    report = networks_import(path=out, resolve_commune=resolver)
    assert _unchanged(report) == 7
    assert _snapshot() == before


def test_the_demo_exported_then_imported_reads_back_the_same(tmp_path):
    """The demo's rows were not imported (their keys are the demo's): once its archive is imported,
    exporting again gives the same archive, and importing that changes nothing."""
    load_networks()
    first = tmp_path / "demo.zip"
    call_command("chaleur_export_opendata", str(first))
    # The demo's own rows (keyed "demo:…") give way to the imported ones: withdrawn, as an import
    # that no longer lists a network does when allowed to.
    networks_import(path=first, resolve_commune=lambda name, departement: None, allow_removals=True)
    before = _snapshot()
    second = tmp_path / "again.zip"
    call_command("chaleur_export_opendata", str(second))
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        for name in FILES:
            assert json.loads(a.read(name)) == json.loads(b.read(name)), name
    report = networks_import(path=second, resolve_commune=lambda name, departement: None)
    assert (
        _unchanged(report) == Network.objects.count() + NetworkUnderConstruction.objects.count() + Pdp.objects.count()
    )
    assert _snapshot() == before


def test_a_value_changed_here_is_what_the_archive_says(full, tmp_path):  # noqa: F811
    networks_import(path=full, resolve_commune=resolver)
    network = Network.objects.get(national_id="3801C")
    network.renewable_rate_pct = 74.5
    network.gestionnaire = "Nouvelle compagnie"
    network.classified = False
    network.save()
    out = tmp_path / "export.zip"
    call_command("chaleur_export_opendata", str(out))
    with zipfile.ZipFile(out) as archive:
        heat = json.loads(archive.read("reseaux_de_chaleur.geojson"))
    properties = next(f["properties"] for f in heat["features"] if f["properties"].get("Identifiant reseau") == "3801C")
    assert properties["Taux EnR&R"] == 74.5 and properties["Gestionnaire"] == "Nouvelle compagnie"
    assert properties["reseaux classes"] is False
    assert properties["PM"] == 92.4  # what was not changed stays as published
    # Re-imported, the corrected values stay; only the copy of the published properties catches up.
    networks_import(path=out, resolve_commune=resolver)
    network.refresh_from_db()
    assert (network.renewable_rate_pct, network.gestionnaire, network.classified) == (74.5, "Nouvelle compagnie", False)
    assert network.source_properties["Taux EnR&R"] == 74.5
    before = _snapshot()
    again = tmp_path / "again.zip"
    call_command("chaleur_export_opendata", str(again))
    assert _unchanged(networks_import(path=again, resolve_commune=resolver)) == 7
    assert _snapshot() == before


@pytest.mark.parametrize("name", ["export.txt", "absent/export.zip"])
def test_bad_destinations_are_refused_in_french(tmp_path, name):
    with pytest.raises(CommandError) as error:
        call_command("chaleur_export_opendata", str(tmp_path / name))
    assert "zip" in str(error.value) or "n’existe pas" in str(error.value)
