"""The platform's spreadsheet writer: hostile text stays text, types stay types."""

import csv
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from transition.platform.core.spreadsheets import (
    Column,
    Sheet,
    clean_text,
    csv_response,
    csv_value,
    xlsx_bytes,
    xlsx_response,
)


def _read(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.mark.parametrize(
    "hostile",
    [
        '=HYPERLINK("http://evil.example/x","ouvrir")',
        "+33 6 12 34 56 78",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_that_looks_like_a_formula_is_written_as_text(hostile):
    book = _read(xlsx_bytes([Sheet("Demandes", ["Commentaire"], rows=[[hostile]])]))
    cell = book["Demandes"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == clean_text(hostile)


def test_control_characters_are_removed_instead_of_failing_the_export():
    book = _read(xlsx_bytes([Sheet("S", ["Texte"], rows=[["a\x01b\x1bc\x00d\x7fe"], ["ligne 1\nligne 2"]])]))
    assert book["S"]["A2"].value == "abcde"
    assert book["S"]["A3"].value == "ligne 1\nligne 2"


def test_dates_numbers_and_booleans_keep_their_type():
    paris = ZoneInfo("Europe/Paris")
    when = dt.datetime(2026, 7, 1, 10, 30, tzinfo=dt.UTC)
    rows = [[dt.date(2026, 1, 31), when, 12, Decimal("3.50"), 0.25, True, None]]
    columns = [
        Column("Jour", kind="date"),
        Column("Quand", kind="datetime"),
        Column("Nombre", kind="int"),
        Column("Montant", kind="decimal"),
        "Part",
        "Oui",
        "Vide",
    ]
    ws = _read(xlsx_bytes([Sheet("T", columns, rows=rows)]))["T"]
    assert ws["A2"].value == dt.datetime(2026, 1, 31)  # openpyxl reads dates back as datetimes
    assert ws["A2"].number_format == "dd/mm/yyyy"
    assert ws["B2"].value == when.astimezone(paris).replace(tzinfo=None)  # shown in Paris time
    assert ws["C2"].value == 12 and ws["C2"].data_type == "n"
    assert ws["D2"].value == 3.5 and ws["D2"].data_type == "n"
    assert ws["E2"].value == 0.25
    assert ws["F2"].value is True
    assert ws["G2"].value is None


def test_header_is_frozen_filtered_bold_and_columns_have_widths():
    ws = _read(xlsx_bytes([Sheet("T", [Column("Référence", width=14), "Adresse"], rows=[["A", "B"], ["C", "D"]])]))["T"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B3"
    assert ws["A1"].font.bold
    assert ws.column_dimensions["A"].width == 14
    assert ws.column_dimensions["B"].width >= 10


def test_sheet_titles_are_made_valid_and_unique():
    book = _read(
        xlsx_bytes([Sheet("Résultats: mars/avril", ["a"], rows=[]), Sheet("Résultats: mars/avril", ["a"], rows=[])])
    )
    assert len(book.sheetnames) == 2
    assert all(len(name) <= 31 and "/" not in name and ":" not in name for name in book.sheetnames)
    assert len(set(book.sheetnames)) == 2


def test_notes_are_written_under_the_table():
    ws = _read(xlsx_bytes([Sheet("T", ["a"], rows=[[1]], notes=[["Source", "=danger"]])]))["T"]
    assert ws["A4"].value == "Source"
    assert ws["B4"].value == "=danger" and ws["B4"].data_type == "s"


def test_xlsx_response_is_a_download_with_an_ascii_name():
    response = xlsx_response("démo été.xlsx", [Sheet("T", ["a"], rows=[[1]])])
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="demo-ete.xlsx"'


def test_csv_defuses_formulas_and_keeps_types_neutral():
    assert csv_value("=1+1") == "'=1+1"
    assert csv_value("-x") == "'-x"
    assert csv_value(-3) == "-3"  # a number is not text: it stays a number
    assert csv_value(Decimal("1.50")) == "1.50"
    assert csv_value(dt.date(2026, 2, 1)) == "2026-02-01"
    assert csv_value(None) == ""
    assert csv_value("a\x01b") == "ab"


def test_csv_response_is_utf8_with_bom_and_semicolons():
    response = csv_response("export.csv", ["Nom", "Valeur"], [["Élodie", "=2"], ["a;b", 3]])
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Nom", "Valeur"], ["Élodie", "'=2"], ["a;b", "3"]]


@given(st.text(max_size=200))
def test_any_text_is_written_and_read_back_as_text_without_control_characters(text):
    ws = _read(xlsx_bytes([Sheet("T", ["x"], rows=[[text]])]))["T"]
    value = ws["A2"].value
    expected = clean_text(text)
    if expected == "":
        assert value in (None, "")
    else:
        assert ws["A2"].data_type == "s"
        assert value == expected
