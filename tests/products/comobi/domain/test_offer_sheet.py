"""The drivers' sheet of comobi-core, line by line (and the original's own case)."""

import json
from datetime import date, datetime

import pytest

from transition.products.comobi.domain.matching import Point
from transition.products.comobi.domain.offer_sheet import (
    COLUMNS,
    EMPTY,
    PAST,
    kept_by_comobi_core,
    missing_columns,
    offer_line_read,
)
from transition.products.comobi.domain.sheet_rows import Contact

TODAY = date(2025, 3, 3)


def row(**cells):
    base = dict.fromkeys(COLUMNS, "")
    base.update(
        {
            "Date": "01/03/2025 10:12:00",
            "Départ": "Gramat",
            "Arrivée": "Figeac",
            "Jours": "Lundi, Jeudi",
            "heureDepart": "07:45:00",
            "Prénom": "Josiane",
            "Nom": "Delmas",
            "N° de téléphone": "06 12 34 56 78",
            "Adresse e-mail": "",
            "Contact préféré": "SMS",
            "Consentement": "Je consens",
        }
    )
    base.update(cells)
    return base


def test_a_regular_trip():
    result = offer_line_read(row(heureRetour="17:30"), line=2, today=TODAY)
    assert result.errors == []
    line = result.values
    assert (line.origin, line.destination, line.weekdays, line.day) == ("Gramat", "Figeac", frozenset({0, 3}), None)
    assert (line.departure_min, line.return_min) == (465, 1050)
    assert (line.phone, line.contact, line.direct_contact) == ("+33612345678", Contact.SMS, True)
    assert line.submitted_at == datetime(2025, 3, 1, 10, 12)


def test_a_one_off_trip_today_is_kept():
    result = offer_line_read(row(Jours="", Jour="03/03/2025"), line=2, today=TODAY)
    assert result.values.day == TODAY
    assert result.values.weekdays == frozenset()


def test_a_one_off_trip_already_past_is_left_out_not_an_error():
    result = offer_line_read(
        row(Jours="", Jour="02/03/2025", **{"N° de téléphone": "n'importe quoi"}), line=2, today=TODAY
    )
    assert result.skipped == PAST
    assert result.errors == [] and result.values is None


def test_a_blank_line_is_left_out():
    assert offer_line_read(dict.fromkeys(COLUMNS, ""), line=9, today=TODAY).skipped == EMPTY


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"Départ": ""}, "Départ", "départ est vide"),
        ({"Arrivée": "  "}, "Arrivée", "arrivée est vide"),
        ({"N° de téléphone": "", "Adresse e-mail": ""}, "N° de téléphone", "injoignable"),
        ({"N° de téléphone": "12 34"}, "N° de téléphone", "10 chiffres"),
        ({"Adresse e-mail": "josiane@"}, "Adresse e-mail", "adresse électronique valide"),
        ({"Jours": ""}, "Jours", "ne circule jamais"),
        ({"Jours": "lundi, bientôt"}, "Jours", "jour non reconnu"),
        ({"Jour": "12/03/2025"}, "Jour", "pas les deux"),
        ({"Jours": "", "Jour": "32/03/2025"}, "Jour", "date non reconnue"),
        ({"heureDepart": ""}, "heureDepart", "heure de départ est vide"),
        ({"heureDepart": "le matin"}, "heureDepart", "heure non reconnue"),
        ({"heureRetour": "25:00"}, "heureRetour", "heure impossible"),
        ({"Prénom": ""}, "Prénom", "prénom est vide"),
        ({"lat_depart": "44.7", "lon_depart": ""}, "lon_depart", "aucune des deux"),
        ({"lat_depart": "abc", "lon_depart": "1.2"}, "lat_depart", "illisibles"),
        ({"lat_depart": "95", "lon_depart": "1.2"}, "lat_depart", "hors limites"),
    ],
)
def test_errors_name_the_column(cells, column, words):
    result = offer_line_read(row(**cells), line=7, today=TODAY)
    assert result.values is None
    assert any(c == column and words in m for c, m in result.errors), result.errors


def test_coordinates_when_given():
    result = offer_line_read(
        row(lat_depart="44,7386", lon_depart="1,6712", lat_arrivee="44.6086", lon_arrivee="2.0317"), line=2, today=TODAY
    )
    assert result.values.origin_point == Point(44.7386, 1.6712)
    assert result.values.destination_point == Point(44.6086, 2.0317)


@pytest.mark.parametrize(
    ("consent", "direct"), [("Je consens", True), ("  je consens ", True), ("Je refuse", False), ("", False)]
)
def test_consent(consent, direct):
    assert offer_line_read(row(Consentement=consent), line=2, today=TODAY).values.direct_contact is direct


@pytest.mark.parametrize(
    ("said", "contact"),
    [
        ("SMS", Contact.SMS),
        ("Email", Contact.EMAIL),
        ("Appel téléphonique", Contact.TELEPHONE),
        ("", Contact.TELEPHONE),
    ],
)
def test_contact_preference(said, contact):
    assert offer_line_read(row(**{"Contact préféré": said}), line=2, today=TODAY).values.contact == contact


def test_missing_columns():
    assert missing_columns(["Départ", "Arrivée", "Jours", "Jour", "Heure départ", "Prénom", "N° de téléphone"]) == [
        "Adresse e-mail"
    ]


@pytest.mark.shared_data
def test_the_originals_line_without_date(shared_data):
    """comobi-core drops a line with neither Jours nor Jour; we say why, by line and column."""
    cases = json.loads((shared_data / "comobi" / "comobi_cases_sample.json").read_text(encoding="utf-8"))["cases"]
    sheet_cases = [c for c in cases if "sheet_row" in c["driver"]]
    assert sheet_cases
    for case in sheet_cases:
        sheet_row = {k: ("" if v is None else v) for k, v in case["driver"]["sheet_row"].items()}
        kept = case["expected"]["kept_by_keepRelevantDrivers"]
        assert kept_by_comobi_core(sheet_row, now=datetime(2025, 3, 3, 12)) is kept
        result = offer_line_read(sheet_row, line=2, today=TODAY)
        assert (result.values is not None) is kept
        if not kept:
            assert result.errors or result.skipped


def test_comobi_core_keeps_a_trip_until_the_end_of_its_day():
    assert kept_by_comobi_core(row(Jours="", Jour="03/03/2025"), now=datetime(2025, 3, 3, 23, 59))
    assert not kept_by_comobi_core(row(Jours="", Jour="02/03/2025"), now=datetime(2025, 3, 3, 0, 1))
