"""The CNIG standard: our transcription against the published schema, row validation (types,
required fields, allowed values, patterns), the file's columns, and the standard's own example."""

import csv
from datetime import date

import pytest
from shapely.geometry import box

from tests.products.friches.shared_cases import FRICHES_DATA, load
from transition.platform.geo.domain.territory import departement_of_insee, normalise_codes, region_of_departement
from transition.products.friches.domain.cnig_schema import FIELD_NAMES, FIELDS, FIELDS_BY_NAME, REQUIRED
from transition.products.friches.domain.cnig_validation import (
    closest_allowed,
    duplicate_keys,
    plan_columns,
    row_errors,
    value_error,
)
from transition.products.friches.domain.duplicates import is_duplicate, overlap_share
from transition.products.friches.domain.geometry import GeometryError, read_outline, read_point

pytestmark = []


def _rows(name):
    with (FRICHES_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.shared_data
def test_the_fields_are_the_standards(shared_data):
    schema = load("cnig_schema_friches.json")
    assert tuple(f["name"] for f in schema["fields"]) == FIELD_NAMES
    for spec in schema["fields"]:
        mine = FIELDS_BY_NAME[spec["name"]]
        constraints = spec.get("constraints", {})
        assert mine.type == spec["type"], spec["name"]
        assert mine.required == constraints.get("required", False), spec["name"]
        assert mine.enum == tuple(constraints.get("enum", ())), spec["name"]
        assert mine.pattern == constraints.get("pattern"), spec["name"]
        assert (mine.fmt or "default") == spec.get("format", "default"), spec["name"]


@pytest.mark.shared_data
def test_the_standards_valid_example_is_valid(shared_data):
    rows = _rows("cnig_exemple_valide.csv")
    assert rows
    for row in rows:
        assert row_errors(row) == []


def _valid_row(**changes):
    row = {
        "site_id": "08105_T1",
        "site_nom": "Ancienne filature",
        "site_type": "friche industrielle",
        "site_identif_date": "2024-03-01",
        "site_actu_date": "2025-01-15",
        "comm_nom": "Charleville-Mézières",
        "comm_insee": "08105",
        "urba_zaer": "non",
        "source_nom": "Transition",
        "geompoint": "POINT(4.72 49.77)",
    }
    row.update(changes)
    return row


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"site_nom": ""}, "site_nom", "champ obligatoire vide"),
        ({"site_nom": "NA"}, "site_nom", "champ obligatoire vide"),
        ({"site_identif_date": "01/03/2024"}, "site_identif_date", "AAAA-MM-JJ"),
        ({"site_identif_date": "2024-02-30"}, "site_identif_date", "AAAA-MM-JJ"),
        ({"site_reconv_annee": "24"}, "site_reconv_annee", "année sur 4 chiffres"),
        ({"bati_nombre": "2,5"}, "bati_nombre", "nombre entier"),
        ({"site_type": "friche d’habitat"}, "site_type", "vouliez-vous dire « friche d'habitat »"),
        ({"site_type": "usine"}, "site_type", "absente de la liste du standard"),
        ({"proprio_type": "P3a P5a"}, "proprio_type", "séparées par « | »"),
        ({"desserte_distance": "2|6"}, "desserte_distance", "trois distances"),
        ({"site_projet_url": "voir le site http://x"}, "site_projet_url", "adresse électronique"),
        ({"sol_depollution_fiche": "fiche basol"}, "sol_depollution_fiche", "http://"),
        ({"urba_zaer": "peut-être"}, "urba_zaer", "absente de la liste"),
    ],
)
def test_invalid_values_are_refused_with_the_reason(changes, field, message):
    errors = dict(row_errors(_valid_row(**changes)))
    assert list(errors) == [field]
    assert message in errors[field]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("site_projet_url", "contact@commune-exemple.fr"),
        ("site_projet_url", "https://www.exemple.fr/projet"),
        ("site_url", "http://a.fr|https://b.fr"),
        ("activite_code", "B05.10Z|V89.04Z"),
        ("bati_type", "secteur tertiaire|commercial"),
        ("unite_fonciere_refcad", "08008000ZK0111|2B2930000D0625"),
        ("proprio_type", "R2a|P4a"),
        ("bati_nombre", "12"),
    ],
)
def test_valid_values_pass(field, value):
    assert value_error(FIELDS_BY_NAME[field], value) is None


def test_a_long_value_is_cut_in_the_message():
    message = value_error(FIELDS_BY_NAME["site_type"], "x" * 500)
    assert len(message) < 150


def test_closest_allowed_value_forgives_apostrophes_case_and_accents():
    f = FIELDS_BY_NAME["site_type"]
    assert closest_allowed(f, "Friche d’Équipement public") == "friche d'équipement public"
    assert closest_allowed(f, "garage") is None


def test_repeated_site_ids_are_found():
    rows = [(2, {"site_id": "a"}), (3, {"site_id": "b"}), (4, {"site_id": "a"}), (5, {"site_id": ""})]
    assert duplicate_keys(rows) == {4: 2}


def test_columns_qualified_and_ignored_and_completed():
    headers = [
        "site_id",
        "site_nom",
        "site_type",
        "proprio_type(catpro3)",
        "epci_nom",
        "comm_nom",
        "comm_insee",
        "geompoint",
    ]
    plan = plan_columns(headers, today=date(2025, 6, 1), source_name="DDT des Ardennes")
    assert plan.columns["proprio_type(catpro3)"] == "proprio_type"
    assert plan.ignored == ["epci_nom"]
    assert plan.completed == {
        "site_identif_date": "2025-06-01",
        "site_actu_date": "2025-06-01",
        "urba_zaer": "inconnu",
        "source_nom": "DDT des Ardennes",
    }
    assert plan.errors == []


def test_a_required_column_that_cannot_be_guessed_refuses_the_file():
    plan = plan_columns(["site_nom", "site_nom"], today=date(2025, 6, 1), source_name="x")
    assert "la colonne « site_nom » répète le champ site_nom" in plan.errors
    assert any("site_id" in e for e in plan.errors) and any("geompoint" in e for e in plan.errors)


@pytest.mark.shared_data
def test_the_ardennes_file_row_by_row(shared_data):
    rows = _rows("obs_friches08_data.csv")
    plan = plan_columns(rows[0].keys(), today=date(2025, 6, 1), source_name="DDT des Ardennes")
    assert plan.errors == []
    invalid = {}
    for line, raw in enumerate(rows, start=2):
        row = {plan.columns[h]: v for h, v in raw.items() if h in plan.columns} | plan.completed
        errors = row_errors(row)
        if errors:
            invalid[line] = errors
    reasons = {field for errors in invalid.values() for field, _ in errors}
    assert reasons == {"site_type", "proprio_type"}  # typographic apostrophes, owner codes split by spaces
    assert 0 < len(invalid) < len(rows)


def test_territory():
    assert departement_of_insee("08105") == "08"
    assert departement_of_insee("97411") == "974"
    assert departement_of_insee("2A004") == "2A"
    assert departement_of_insee("8105") is None
    assert departement_of_insee("99999") is None
    assert region_of_departement("08") == "44"
    assert region_of_departement("2B") == "94"
    assert normalise_codes([" 8", "2a", "08", ""]) == ["08", "2A"]
    assert all(len(f.name) <= 30 for f in FIELDS)
    assert "geompoint" in REQUIRED


@pytest.mark.parametrize(
    ("text", "lon", "lat", "swapped"),
    [
        ("POINT(4.72 49.77)", 4.72, 49.77, False),
        ("Point (4.483852 49.524312)", 4.483852, 49.524312, False),
        ("POINT(49.2527 3.9815)", 3.9815, 49.2527, True),  # the standard's example: latitude first
        ("POINT(55.45 -20.88)", 55.45, -20.88, False),  # La Réunion
    ],
)
def test_points(text, lon, lat, swapped):
    point = read_point(text)
    assert (point.lon, point.lat, point.swapped) == (lon, lat, swapped)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("POINT(0 0)", "hors de France"),
        ("pas un point", "illisible"),
        ("LINESTRING(4 49, 5 49)", "un point est attendu"),
    ],
)
def test_bad_points(text, reason):
    with pytest.raises(GeometryError, match=reason):
        read_point(text)


def test_outlines():
    outline = read_outline("POLYGON((4.70 49.76, 4.71 49.76, 4.71 49.77, 4.70 49.77, 4.70 49.76))")
    assert outline.geometry.geom_type == "MultiPolygon" and not outline.repaired
    bow_tie = read_outline("POLYGON((4.70 49.76, 4.71 49.77, 4.71 49.76, 4.70 49.77, 4.70 49.76))")
    assert bow_tie.repaired and bow_tie.geometry.area > 0
    with pytest.raises(GeometryError, match="illisible"):
        read_outline("POLYGON((49.33 3.95, 49.38 3.89, 49.42 3.96, ...))")  # the standard's example


@pytest.mark.parametrize(
    ("new", "share", "duplicate"),
    [
        (box(0, 0, 10, 10), 1.0, True),
        (box(0, 0, 1, 10), 0.1, False),  # exactly 10 %: not "more than"
        (box(0, 0, 1.01, 10), 0.101, True),
        (box(20, 20, 30, 30), 0.0, False),
        (box(-100, -100, 100, 100), 1.0, True),  # a larger new outline covering the existing one
    ],
)
def test_duplicate_rule(new, share, duplicate):
    existing = box(0, 0, 10, 10)
    assert overlap_share(existing, new) == pytest.approx(share)
    assert is_duplicate(existing, new) is duplicate


def test_a_small_site_inside_a_large_one_is_not_a_duplicate():
    """The share is of the existing site: a building inside a large industrial zone stays a site of its own."""
    assert not is_duplicate(box(0, 0, 100, 100), box(1, 1, 5, 5))
