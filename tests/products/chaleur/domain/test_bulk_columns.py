import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.chaleur.domain.bulk_columns import (
    NO_DELIMITER,
    BulkFileError,
    ColumnMapping,
    decode,
    iter_queries,
    parse_coordinate,
    preview,
    sniff_delimiter,
)


def test_decode_utf8_with_bom_and_cp1252():
    assert decode("\ufeffadresse\n1 rue de l’Église".encode()) == "adresse\n1 rue de l’Église"
    assert decode("1 rue de l'Église".encode("cp1252")) == "1 rue de l'Église"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "vide"),
        (b"   \n ", "vide"),
        (b"PK\x03\x04 zip content", "pas un fichier texte"),
        (b"abc\x00def", "pas un fichier texte"),
    ],
)
def test_decode_refuses_what_is_not_text(data, message):
    with pytest.raises(BulkFileError, match=message):
        decode(data)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("adresse;cp;ville\n1 rue A;13001;Marseille\n2 rue B;13002;Marseille\n", ";"),
        ("lat\tlon\n43.3\t5.4\n43.2\t5.3\n", "\t"),
        ("nom,adresse,postcode,city\nÉcole,6 Rue Albert 1er,54600,Villers\nX,1 Rue Y,54000,Nancy\n", ","),
        # One address per line, commas inside: no delimiter at all.
        (
            "12 rue de la Paix, 75002 Paris\n3 place Bellecour 69002 Lyon\n1 av. X, bât. B, 13001 Marseille\n",
            NO_DELIMITER,
        ),
        ("8 boulevard du Port 80000 Amiens\n", NO_DELIMITER),
    ],
)
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_preview_guesses_header_and_address_columns():
    p = preview("nom,adresse,postcode,city\nÉcole,6 Rue Albert 1er,54600,Villers\nX,1 Rue Y,54000,Nancy\n")
    assert p.has_header
    assert p.header == ("nom", "adresse", "postcode", "city")
    assert p.guessed == ColumnMapping(address_columns=(1, 2, 3))
    assert p.sample_rows[0] == ("École", "6 Rue Albert 1er", "54600", "Villers")


def test_preview_guesses_lat_lon():
    p = preview("id;Latitude;Longitude\n1;43,29;5,37\n")
    assert p.delimiter == ";"
    assert p.guessed == ColumnMapping(lat_column=1, lon_column=2)


def test_preview_without_header_picks_the_address_like_column():
    p = preview("A12;12 rue de la Paix 75002 Paris\nB7;3 place Bellecour 69002 Lyon\n")
    assert not p.has_header
    assert p.header == ("Colonne 1", "Colonne 2")
    assert p.guessed == ColumnMapping(address_columns=(1,))


def test_preview_forced_choices():
    p = preview("a;b\nc;d\n", delimiter=NO_DELIMITER, has_header=False)
    assert p.column_count == 1
    assert p.sample_rows == (("a;b",), ("c;d",))


def test_iter_queries_addresses():
    text = "adresse;cp\n1 rue A;13001\n\n;\n2 rue B;13002\n"
    queries = list(iter_queries(text, delimiter=";", has_header=True, mapping=ColumnMapping(address_columns=(0, 1))))
    assert [(q.line, q.address, q.error) for q in queries] == [
        (2, "1 rue A 13001", ""),
        (5, "2 rue B 13002", ""),
    ]


def test_iter_queries_coordinates_and_errors():
    text = "43,29;5,37\nabc;5\n95;5\n;\n43.1;5.2;extra\n"
    queries = list(
        iter_queries(text, delimiter=";", has_header=False, mapping=ColumnMapping(lat_column=0, lon_column=1))
    )
    assert [(q.line, q.lat, q.lon, bool(q.error)) for q in queries] == [
        (1, 43.29, 5.37, False),
        (2, None, None, True),
        (3, None, None, True),
        (5, 43.1, 5.2, False),
    ]
    assert "illisible" in queries[1].error
    assert "hors limites" in queries[2].error


def test_iter_queries_without_delimiter_keeps_commas():
    text = "12 rue de la Paix, 75002 Paris\n"
    [query] = iter_queries(text, delimiter=NO_DELIMITER, has_header=False, mapping=ColumnMapping(address_columns=(0,)))
    assert query.address == "12 rue de la Paix, 75002 Paris"


@pytest.mark.parametrize(
    ("mapping", "count", "fragment"),
    [
        (ColumnMapping(), 3, "Indiquez la colonne"),
        (ColumnMapping(address_columns=(0,), lat_column=1, lon_column=2), 3, "pas les deux"),
        (ColumnMapping(lat_column=1), 3, "à la fois"),
        (ColumnMapping(lat_column=1, lon_column=1), 3, "différentes"),
        (ColumnMapping(address_columns=(4,)), 3, "La colonne 5 n’existe pas"),
        (ColumnMapping(address_columns=(0,)), 3, None),
        (ColumnMapping(lat_column=0, lon_column=2), 3, None),
    ],
)
def test_mapping_errors(mapping, count, fragment):
    error = mapping.error(count)
    if fragment is None:
        assert error is None
    else:
        assert fragment in error


@pytest.mark.parametrize(
    ("raw", "value"),
    [("43.5", 43.5), ("43,5", 43.5), (" -1,25 ", -1.25), ("", None), ("nan", None), ("x", None), ("inf", None)],
)
def test_parse_coordinate(raw, value):
    assert parse_coordinate(raw) == value


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=';"\r\n'), max_size=20)


@given(st.lists(st.tuples(cell, cell), min_size=1, max_size=20))
def test_every_nonempty_line_gives_one_query(rows):
    text = "\n".join(f"{a};{b}" for a, b in rows) + "\n"
    queries = list(iter_queries(text, delimiter=";", has_header=False, mapping=ColumnMapping(address_columns=(0, 1))))
    nonempty = [r for r in rows if r[0].strip() or r[1].strip()]
    assert len(queries) == len(nonempty)
    assert all(q.address or q.error for q in queries)
