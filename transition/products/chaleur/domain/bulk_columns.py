"""Reading a file of addresses for a bulk test: decoding, delimiter, header, which column holds
what, and one query per line. Pure Python (stdlib csv); every error is French, with its line.

A file holds either one address column (possibly spread over several columns that are joined,
such as "adresse", "code postal", "commune") or a latitude and a longitude column.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

MAX_FILE_BYTES = 50 * 1024 * 1024
DELIMITERS = (";", "\t", ",", "|")
DELIMITER_LABELS = {";": "point-virgule", "\t": "tabulation", ",": "virgule", "|": "barre verticale", "": "aucun"}
NO_DELIMITER = ""  # one address per line, commas included
# Python's csv refuses a cell over 131,072 characters; a line without delimiter is held to the same.
MAX_CELL_CHARS = 131_072
# The mapping page shows this many columns at most (a file of 100,000 columns made a 54 MB page).
MAX_COLUMNS_SHOWN = 200


class BulkFileError(ValueError):
    """The file cannot be read as a list of addresses; the message says why, in French."""


@dataclass(frozen=True)
class ColumnMapping:
    address_columns: tuple[int, ...] = ()  # 0-based; joined with a space
    lat_column: int | None = None
    lon_column: int | None = None

    def error(self, column_count: int) -> str | None:
        has_address = bool(self.address_columns)
        has_coords = self.lat_column is not None or self.lon_column is not None
        if has_address and has_coords:
            return (
                "Choisissez soit une colonne d’adresse, soit une colonne de latitude et une de longitude, pas les deux."
            )
        if not has_address and not has_coords:
            return "Indiquez la colonne qui contient l’adresse, ou les colonnes de latitude et de longitude."
        if has_coords and (self.lat_column is None or self.lon_column is None):
            return "Indiquez à la fois la colonne de latitude et celle de longitude."
        if has_coords and self.lat_column == self.lon_column:
            return "La latitude et la longitude doivent être dans deux colonnes différentes."
        used = [*self.address_columns, *(c for c in (self.lat_column, self.lon_column) if c is not None)]
        for column in used:
            if column < 0 or column >= column_count:
                return f"La colonne {column + 1} n’existe pas : le fichier en compte {column_count}."
        return None


@dataclass(frozen=True)
class FilePreview:
    delimiter: str
    has_header: bool
    header: tuple[str, ...]  # names when there is a header, otherwise "Colonne 1", ...
    sample_rows: tuple[tuple[str, ...], ...]
    column_count: int  # in the file; `header` holds the first MAX_COLUMNS_SHOWN only
    guessed: ColumnMapping

    @property
    def columns_hidden(self) -> int:
        return max(0, self.column_count - len(self.header))

    @property
    def column_count_text(self) -> str:
        return f"{self.column_count:,}".replace(",", "\u00a0")


@dataclass(frozen=True)
class AddressQuery:
    line: int  # line number in the file, 1-based, as a spreadsheet shows it
    address: str  # the address as given (or "lat, lon")
    lat: float | None = None
    lon: float | None = None
    error: str = ""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheets on Windows save it."""
    if not data.strip():
        raise BulkFileError("Le fichier est vide.")
    if len(data) > MAX_FILE_BYTES:
        raise BulkFileError("Le fichier dépasse 50 Mo : découpez-le en plusieurs fichiers.")
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise BulkFileError(
            "Ce fichier n’est pas un fichier texte (CSV ou TXT). Depuis un tableur, enregistrez-le au format CSV."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise BulkFileError(
                "Le fichier n’est ni en UTF-8 ni en Windows-1252 : enregistrez-le en CSV UTF-8."
            ) from exc


def _too_long(number: int) -> BulkFileError:
    limit = f"{MAX_CELL_CHARS:,}".replace(",", "\u00a0")
    return BulkFileError(
        f"Ligne {number} : une cellule dépasse {limit} caractères, ce n’est pas une adresse. "
        "Vérifiez le séparateur de colonnes choisi, ou corrigez le fichier puis déposez-le à nouveau."
    )


def _is_too_long(exc: csv.Error) -> bool:
    return "field larger than field limit" in str(exc)


def _lines(text: str, limit: int | None = None) -> list[str]:
    lines = []
    for line in io.StringIO(text):
        stripped = line.rstrip("\r\n")
        if stripped.strip():
            lines.append(stripped)
        if limit and len(lines) >= limit:
            break
    return lines


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == NO_DELIMITER:
        if len(line) > MAX_CELL_CHARS:
            raise csv.Error("field larger than field limit (131072)")
        return [line.strip()]
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]


def sniff_delimiter(text: str) -> str:
    """The delimiter giving the same number (>1) of columns on the most sample lines; semicolon,
    tab and pipe before comma, since a single address column often holds commas. NO_DELIMITER
    when no candidate splits the lines consistently."""
    lines = _lines(text, 50)
    if not lines:
        raise BulkFileError("Le fichier ne contient aucune ligne.")
    best, best_score = NO_DELIMITER, 0.0
    for delimiter in DELIMITERS:
        try:
            counts = [len(_split(line, delimiter)) for line in lines]
        except csv.Error:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = counts.count(common) / len(counts)
        if delimiter == ",":
            # Commas inside addresses give ragged counts; require near-perfect regularity.
            if score < 0.95:
                continue
            score -= 0.01
        if score > best_score:
            best, best_score = delimiter, score
    return best if best_score >= 0.8 else NO_DELIMITER


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_")


_ADDRESS_NAMES = {"adresse", "address", "adresse_complete", "adresse_postale", "addr", "label", "libelle", "adr"}
_ADDRESS_PARTS = {"code_postal", "cp", "postcode", "postal_code", "commune", "ville", "city", "localite"}
_LAT_NAMES = {"lat", "latitude", "y_wgs84", "lat_wgs84"}
_LON_NAMES = {"lon", "lng", "long", "longitude", "x_wgs84", "lon_wgs84"}
_HEADER_WORDS = _ADDRESS_NAMES | _ADDRESS_PARTS | _LAT_NAMES | _LON_NAMES | {"nom", "name", "id", "identifiant"}


def parse_coordinate(value: str) -> float | None:
    value = value.strip().replace(" ", "")
    if not value:
        return None
    value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number


def _looks_like_header(first: list[str], second: list[str] | None) -> bool:
    names = {_norm(cell) for cell in first}
    if names & _HEADER_WORDS:
        return True
    if second is None:
        return False
    # A first line without any digit above lines holding numbers reads as a header.
    first_has_digits = any(ch.isdigit() for cell in first for ch in cell)
    second_has_digits = any(ch.isdigit() for cell in second for ch in cell)
    return not first_has_digits and second_has_digits and len(first) > 1


def guess_mapping(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ColumnMapping:
    names = [_norm(h) for h in header]
    lat = next((i for i, n in enumerate(names) if n in _LAT_NAMES), None)
    lon = next((i for i, n in enumerate(names) if n in _LON_NAMES), None)
    address = next((i for i, n in enumerate(names) if n in _ADDRESS_NAMES or n.startswith("adresse")), None)
    if address is not None:
        parts = [i for i, n in enumerate(names) if n in _ADDRESS_PARTS and i != address]
        return ColumnMapping(address_columns=(address, *parts))
    if lat is not None and lon is not None:
        return ColumnMapping(lat_column=lat, lon_column=lon)
    if len(header) == 1:
        return ColumnMapping(address_columns=(0,))
    # Without names: the column with the longest texts holding both digits and letters.
    best, best_len = None, 0
    for i in range(len(header)):
        cells = [r[i] for r in rows if i < len(r)]
        if cells and all(any(c.isalpha() for c in cell) and any(c.isdigit() for c in cell) for cell in cells):
            length = sum(len(c) for c in cells)
            if length > best_len:
                best, best_len = i, length
    return ColumnMapping(address_columns=(best,)) if best is not None else ColumnMapping()


def preview(text: str, *, delimiter: str | None = None, has_header: bool | None = None) -> FilePreview:
    """What the person sees before mapping the columns; delimiter and header are guessed unless
    given."""
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    elif delimiter not in (*DELIMITERS, NO_DELIMITER):
        raise BulkFileError("Séparateur de colonnes inconnu.")
    lines = _lines(text, 6)
    if not lines:
        raise BulkFileError("Le fichier ne contient aucune ligne.")
    rows = []
    for number, line in enumerate(lines, 1):
        try:
            rows.append(_split(line, delimiter))
        except csv.Error as exc:
            if _is_too_long(exc):
                raise _too_long(number) from exc
            raise BulkFileError(f"Ligne {number} : le fichier n’a pas pu être découpé en colonnes ({exc}).") from exc
    if has_header is None:
        has_header = _looks_like_header(rows[0], rows[1] if len(rows) > 1 else None)
    column_count = max(len(r) for r in rows)
    rows = [r[:MAX_COLUMNS_SHOWN] for r in rows]  # the page shows (and the form offers) the first ones
    shown = min(column_count, MAX_COLUMNS_SHOWN)
    if has_header:
        header = tuple(cell or f"Colonne {i + 1}" for i, cell in enumerate(rows[0]))
        header += tuple(f"Colonne {i + 1}" for i in range(len(header), shown))
        body = rows[1:]
    else:
        header = tuple(f"Colonne {i + 1}" for i in range(shown))
        body = rows
    return FilePreview(
        delimiter=delimiter,
        has_header=has_header,
        header=header,
        sample_rows=tuple(tuple(r) for r in body[:5]),
        column_count=column_count,
        guessed=guess_mapping(header if has_header else (), body) if has_header else guess_mapping(header, body),
    )


def iter_queries(text: str, *, delimiter: str, has_header: bool, mapping: ColumnMapping) -> Iterator[AddressQuery]:
    """One query per non-empty line. A line that cannot be used yields a query with its error
    rather than stopping the whole file: the results list it with the reason."""
    reader = (
        csv.reader(io.StringIO(text), delimiter=delimiter)
        if delimiter != NO_DELIMITER
        else (_split(line.rstrip("\r\n"), NO_DELIMITER) for line in io.StringIO(text))
    )
    skipped_header = not has_header
    line_number = 0
    try:
        for cells in reader:
            line_number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if not skipped_header:
                skipped_header = True
                continue
            yield _query(line_number, [c.strip() for c in cells], mapping)
    except csv.Error as exc:
        if _is_too_long(exc):
            raise _too_long(line_number + 1) from exc
        raise BulkFileError(f"Ligne {line_number + 1} : ligne illisible ({exc}).") from exc


def _query(line: int, cells: list[str], mapping: ColumnMapping) -> AddressQuery:
    if mapping.address_columns:
        parts = [cells[i] for i in mapping.address_columns if i < len(cells) and cells[i]]
        address = " ".join(parts)
        if not address:
            return AddressQuery(line=line, address="", error="Adresse vide.")
        if len(address) > 250:
            return AddressQuery(line=line, address=address[:250], error="Adresse trop longue (plus de 250 caractères).")
        return AddressQuery(line=line, address=address)
    raw_lat = cells[mapping.lat_column] if mapping.lat_column < len(cells) else ""
    raw_lon = cells[mapping.lon_column] if mapping.lon_column < len(cells) else ""
    shown = f"{raw_lat}, {raw_lon}".strip(", ")
    lat, lon = parse_coordinate(raw_lat), parse_coordinate(raw_lon)
    if lat is None or lon is None:
        return AddressQuery(line=line, address=shown, error="Latitude ou longitude manquante ou illisible.")
    if not (-90 <= lat <= 90) or not (-180 <= lon <= 180):
        return AddressQuery(
            line=line, address=shown, error="Coordonnées hors limites (latitude −90 à 90, longitude −180 à 180)."
        )
    return AddressQuery(line=line, address=shown, lat=lat, lon=lon)
