"""The CNIG import: a file refused whole or imported valid rows only, every row accounted for,
same site_id updated, outlines over 10 % reported as duplicates; and the export of what was
imported valid against the standard."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from tests.products.friches.shared_cases import FRICHES_DATA
from transition.products.friches.domain.cnig_schema import FIELD_NAMES
from transition.products.friches.domain.cnig_validation import row_errors
from transition.products.friches.domain.geometry import outlines_from_geojson
from transition.products.friches.exports import cnig_csv_response
from transition.products.friches.models import Site, SiteImport
from transition.products.friches.services.imports import cnig_import

pytestmark = pytest.mark.django_db

HEADER = ",".join(FIELD_NAMES)


def _csv(*rows: dict) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELD_NAMES)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def _row(site_id="08105_T1", **changes):
    row = {
        "site_id": site_id,
        "site_nom": "Ancienne filature",
        "site_type": "friche industrielle",
        "site_identif_date": "2024-03-01",
        "site_actu_date": "2025-01-15",
        "comm_nom": "Charleville-Mézières",
        "comm_insee": "08105",
        "urba_zaer": "non",
        "source_nom": "DDT des Ardennes",
        "geompoint": "POINT(4.72 49.77)",
    }
    row.update(changes)
    return row


def _import(data: bytes, **kwargs):
    kwargs.setdefault("source_name", "Test")
    return cnig_import(actor=None, source=data, filename="sites.csv", **kwargs)


def _square(x, y, size=0.001):
    return f"POLYGON(({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y}))"


def test_a_valid_file_is_imported_in_full():
    outcome = _import(_csv(_row(), _row("08105_T2", site_nom="Garage Renault", geomsurf=_square(4.72, 49.77))))
    assert outcome.accepted and outcome.report.created == 2
    site = Site.objects.get(site_id="08105_T2")
    assert (site.departement, site.region) == ("08", "44")
    assert site.outline is not None and 8000 < site.surface_m2 < 8200  # 0.001° square at 49.77°N
    assert SiteImport.objects.get().created == 2


def test_an_invalid_row_refuses_the_whole_file_and_writes_nothing():
    outcome = _import(_csv(_row(), _row("08105_T2", site_type="usine")))
    assert not outcome.accepted
    assert Site.objects.count() == 0 and SiteImport.objects.count() == 0
    assert outcome.refused_lines == {3: [("site_type", "valeur « usine » absente de la liste du standard")]}
    assert "Rien n’a été enregistré" in outcome.summary()


def test_skip_invalid_imports_the_valid_rows_and_reports_each_refused_one():
    outcome = _import(
        _csv(_row(), _row("08105_T2", site_type="usine"), _row("08105_T3", geompoint="POINT(0 0)")), skip_invalid=True
    )
    assert outcome.accepted and outcome.report.created == 1 and outcome.refused == 2
    lines = outcome.lines()
    assert any(line.startswith("Ligne 3, colonne « site_type »") for line in lines)
    assert any("Ligne 4, colonne « geompoint » : point hors de France" in line for line in lines)


def test_the_same_site_id_updates_the_site():
    _import(_csv(_row()))
    outcome = _import(_csv(_row(site_nom="Ancienne filature Dupont", site_statut="friche avec projet")))
    assert (outcome.report.created, outcome.report.updated) == (0, 1)
    site = Site.objects.get()
    assert site.name == "Ancienne filature Dupont" and site.status == "friche avec projet"


def test_an_outline_covering_more_than_10_percent_is_reported_not_doubled():
    _import(_csv(_row("08105_T1", geomsurf=_square(4.72, 49.77))))
    overlapping = _row("08105_X9", geomsurf=_square(4.7205, 49.7705))  # covers 25 % of the first
    beside = _row("08105_X10", geomsurf=_square(4.73, 49.78))
    outcome = _import(_csv(overlapping, beside))
    assert outcome.accepted
    assert [(d.line, d.existing_site_id) for d in outcome.duplicates] == [(2, "08105_T1")]
    assert outcome.duplicates[0].share == pytest.approx(0.25, abs=0.01)
    assert Site.objects.count() == 2
    assert "doublon de 08105_T1" in "\n".join(outcome.lines())


def test_duplicates_within_one_file_are_found_too():
    outcome = _import(_csv(_row("a_1", geomsurf=_square(4.72, 49.77)), _row("a_2", geomsurf=_square(4.72, 49.77))))
    assert [(d.line, d.existing_site_id) for d in outcome.duplicates] == [(3, "a_1")]
    assert Site.objects.count() == 1


def test_a_repeated_site_id_in_the_file_is_refused():
    outcome = _import(_csv(_row(), _row()), skip_invalid=True)
    assert outcome.refused_lines[3][0][0] == "site_id"


def test_unreadable_files_are_refused_in_french():
    outcome = _import(b"")
    assert not outcome.accepted and "vide" in outcome.report.errors[0].message
    outcome = _import(b"nom;commune\nx;y\n")
    assert any("colonne obligatoire absente : site_id" in e.message for e in outcome.report.errors)


def test_coordinates_written_latitude_first_are_put_back_with_a_warning():
    outcome = _import(_csv(_row(geompoint="POINT(49.77 4.72)")))
    site = Site.objects.get()
    assert (round(site.point.x, 2), round(site.point.y, 2)) == (4.72, 49.77)
    assert any("inversées" in w.message for w in outcome.report.warnings)


@pytest.mark.shared_data
def test_the_standards_example_imports_and_exports_valid(shared_data):
    outcome = cnig_import(
        actor=None, source=FRICHES_DATA / "cnig_exemple_valide.csv", filename="cnig_exemple_valide.csv", source_name=""
    )
    assert outcome.accepted and outcome.report.created == 1
    assert any("contour illisible" in w.message for w in outcome.report.warnings)
    exported = _exported_rows()
    assert len(exported) == 1 and row_errors(exported[0]) == []
    assert exported[0]["site_id"] == "12083_22-12.0017"
    assert exported[0]["activite_code"] == "B05.10Z|V89.04Z"  # kept as received
    assert exported[0]["geompoint"] == "POINT(3.981500 49.252700)"


@pytest.mark.shared_data
def test_the_ardennes_file_every_row_accounted_for(shared_data):
    path = FRICHES_DATA / "obs_friches08_data.csv"
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("friches_import_cnig", str(path), stdout=out)
    assert Site.objects.count() == 0
    out = io.StringIO()
    call_command("friches_import_cnig", str(path), "--skip-invalid", "--source", "DDT des Ardennes", stdout=out)
    with path.open(encoding="utf-8") as handle:
        total = sum(1 for _ in csv.DictReader(handle))
    record = SiteImport.objects.get()
    assert record.created + record.updated + record.refused + record.duplicates == total == 164
    assert Site.objects.count() == record.created > 0
    printed = out.getvalue()
    assert f"{record.refused} lignes refusées" in printed
    for row in _exported_rows():
        assert row_errors(row) == [], row["site_id"]
    call_command("friches_import_cnig", str(path), "--skip-invalid", stdout=io.StringIO())
    assert SiteImport.objects.first().updated == record.created  # a second import updates, never doubles
    assert Site.objects.count() == record.created


def _exported_rows() -> list[dict]:
    response = cnig_csv_response(Site.objects.all())
    text = response.content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.shared_data
def test_the_ardennes_file_with_its_outlines(shared_data):
    call_command(
        "friches_import_cnig",
        str(FRICHES_DATA / "obs_friches08_data.csv"),
        "--skip-invalid",
        "--contours",
        str(FRICHES_DATA / "obs_friches08_friches.geojson"),
        stdout=io.StringIO(),
    )
    record = SiteImport.objects.get()
    assert Site.objects.count() == record.created
    assert Site.objects.filter(outline__isnull=True).count() == 0  # every imported site got its outline
    assert record.duplicates == 0  # the observatory's outlines touch but never overlap
    exported = _exported_rows()
    assert all(row["geomsurf"].startswith("MULTIPOLYGON") for row in exported)
    assert all(row_errors(row) == [] for row in exported)


def test_outlines_beside_the_file_are_read_by_site_id():
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"site_id": "08105_T1"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[4.72, 49.77], [4.721, 49.77], [4.721, 49.771], [4.72, 49.77]]],
                },
            },
            {"type": "Feature", "properties": {}, "geometry": None},
            {
                "type": "Feature",
                "properties": {"site_id": "ailleurs"},
                "geometry": {"type": "Point", "coordinates": [4.7, 49.7]},
            },
        ],
    }
    outlines, problems = outlines_from_geojson(geojson)
    assert list(outlines) == ["08105_T1"]
    assert problems == [
        "contour n° 2 : sans site_id",
        "contour de ailleurs : un polygone est attendu, pas un objet Point",
    ]
    outcome = _import(_csv(_row()), outlines=outlines)
    assert Site.objects.get().outline is not None
    assert any("1 contour pris" in w.message for w in outcome.report.warnings)
