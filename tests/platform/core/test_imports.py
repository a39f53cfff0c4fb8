"""Reading imported files and reporting on them: one convention for every product."""

import datetime as dt
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.platform.core.imports import (
    FileRefused,
    ImportRefused,
    ImportReport,
    cell_text,
    read_table,
    sniff_delimiter,
)
from transition.platform.core.spreadsheets import Sheet, xlsx_bytes


def test_csv_with_semicolons_in_windows_1252_and_a_multiline_header():
    text = 'Nom;"Puissance\n(MWc)";Commune\r\nÉtoile;12,5;Gramat\r\n\r\nSoleil;3;Figeac\r\n'
    table = read_table(text.encode("cp1252"), filename="candidats.csv")
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert table.headers == ("Nom", "Puissance\n(MWc)", "Commune")
    assert [r.line for r in table.rows] == [2, 4]  # the empty line keeps its number
    assert table.rows[0].text("Puissance\n(MWc)") == "12,5"
    assert table.rows[1].text("Commune") == "Figeac"


def test_utf8_with_bom_and_commas():
    table = read_table("\ufeffa,b\n1,2\n".encode(), filename="x.csv")
    assert table.headers == ("a", "b") and table.encoding == "utf-8-sig" and table.delimiter == ","


def test_control_characters_are_removed_from_cells():
    table = read_table(b"a;b\nx\x01y;z\n", filename="x.csv")
    assert table.rows[0].text("a") == "xy"


def test_xlsx_keeps_numbers_and_dates_typed():
    data = xlsx_bytes(
        [Sheet("Lots", ["Date", "Volume", "Texte"], rows=[[dt.date(2024, 1, 2), 1500, "=1+1"], [None, 2.5, "b"]])]
    )
    table = read_table(data, filename="lots.xlsx")
    assert table.format == "xlsx" and table.headers == ("Date", "Volume", "Texte")
    first = table.rows[0]
    assert first.values["Volume"] == 1500 and first.text("Volume") == "1500"
    assert first.text("Date") == "2024-01-02"
    assert first.text("Texte") == "=1+1"
    assert table.rows[1].text("Volume") == "2.5"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "x.csv", "vide"),
        (b"   \n  ", "x.csv", "vide"),
        (b"%PDF-1.4 ...", "x.csv", "n’est pas un tableau"),
        (b"a\x00b", "x.csv", "pas un fichier texte"),
        (b"PK\x03\x04garbage", "x.xlsx", "illisible"),
        (b"a;a\n1;2\n", "x.csv", "deux fois"),
        (b"seule colonne sans separateur\nautre\n", "x.csv", "reconnaître les colonnes"),
    ],
)
def test_unreadable_files_are_refused_in_french(data, filename, message):
    with pytest.raises(FileRefused) as caught:
        read_table(data, filename=filename)
    assert message in caught.value.message


def test_caps_on_size_rows_and_columns():
    with pytest.raises(FileRefused, match="dépasse 1 Mo"):
        read_table(b"a;b\n" + b"x;y\n" * 400_000, filename="x.csv", max_bytes=1024 * 1024)
    with pytest.raises(FileRefused, match="dépasse 3 lignes"):
        read_table(b"a;b\n1;2\n3;4\n5;6\n7;8\n", filename="x.csv", max_rows=3)
    with pytest.raises(FileRefused, match="colonnes"):
        read_table((";".join(f"c{i}" for i in range(300)) + "\n").encode(), filename="x.csv", max_columns=200)


def test_a_zip_bomb_is_refused_before_it_is_decompressed():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(FileRefused, match="par sécurité"):
        read_table(buffer.getvalue(), filename="bombe.xlsx")


def test_a_long_line_is_read_or_refused_but_never_crashes():
    long_cell = "x" * 200_000
    with pytest.raises(FileRefused, match="Ligne"):
        read_table(f"a;b\n{long_cell};1\n".encode(), filename="x.csv", delimiter=";")


def test_report_collects_errors_by_line_and_field_and_refuses():
    report = ImportReport()
    report.error("valeur obligatoire", line=3, field="Nom")
    report.error("fichier incomplet")
    assert not report.ok
    assert [str(p) for p in report.errors] == ["Ligne 3, colonne « Nom » : valeur obligatoire", "fichier incomplet"]
    with pytest.raises(ImportRefused) as caught:
        report.refuse_if_errors()
    assert caught.value.report is report
    assert report.summary() == "Fichier refusé : 2 erreurs. Rien n’a été enregistré."
    assert report.lines_in_error() == {3}


def test_report_summary_of_a_success_is_french_and_plural_aware():
    report = ImportReport(created=1, updated=2)
    report.refuse_if_errors()
    assert report.summary() == "Import terminé : 1 ligne créée, 2 lignes mises à jour."
    assert ImportReport().summary() == "Import terminé."


def test_report_keeps_a_bounded_list_but_counts_every_error():
    report = ImportReport()
    for line in range(5_000):
        report.error("mauvais", line=line)
    assert report.error_count == 5_000 and len(report.errors) == 1_000
    assert "1000 premières" in report.summary()


def test_from_refusal():
    report = ImportReport.from_refusal(FileRefused("Le fichier est vide."))
    assert not report.ok and report.errors[0].message == "Le fichier est vide."


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12.0, "12"),
        (2.5, "2.5"),
        (True, "oui"),
        (dt.date(2024, 5, 1), "2024-05-01"),
        (dt.datetime(2024, 5, 1), "2024-05-01"),
        (dt.datetime(2024, 5, 1, 8, 30), "2024-05-01 08:30:00"),
        (" a ", "a"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_sniff_prefers_the_consistent_delimiter():
    assert sniff_delimiter("a;b;c\n1;2,5;3\n4;5;6\n") == ";"
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"


@given(
    st.lists(
        st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20), min_size=2, max_size=2),
        max_size=20,
    )
)
def test_any_csv_content_is_read_or_refused_in_french(rows):
    import csv as stdlib_csv

    buffer = io.StringIO()
    writer = stdlib_csv.writer(buffer, delimiter=";")
    writer.writerow(["Nom", "Valeur"])
    writer.writerows(rows)
    try:
        table = read_table(buffer.getvalue().encode(), filename="x.csv", delimiter=";")
    except FileRefused as exc:
        assert exc.message
    else:
        assert table.headers == ("Nom", "Valeur")
