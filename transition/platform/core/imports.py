"""Reading an imported file, and reporting on it, the same way in every product.

Every import follows one convention: read the whole file (`read_table`), validate every row and
collect every problem by line and field in plain French (`ImportReport.error`), refuse the file if
anything is wrong (`report.refuse_if_errors()` raises `ImportRefused`), and only then write, in
one transaction. Nothing is ever half-imported.

    table = read_table(upload, filename=upload.name, max_rows=20_000)
    report = ImportReport()
    for row in table.rows:
        if not row.text("Nom"):
            report.error("obligatoire", line=row.line, field="Nom")
    report.refuse_if_errors()
    with transaction.atomic():
        ...
        report.created += 1

A file that cannot be read at all (empty, too big, not a table, a zip bomb) raises `FileRefused`
with a French message; an import service turns it into a report with `ImportReport.from_refusal`.
"""

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_calamine import CalamineError, CalamineWorkbook

from .spreadsheets import clean_text

CSV_DELIMITERS = (";", ",", "\t", "|")
DELIMITER_LABELS = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
ENCODINGS = ("utf-8-sig", "cp1252")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_COLUMNS = 200
# A zip member (XLSX and ODS are zips) may expand at most this much, in ratio and in total: a 1 MB
# file holding 1 GB is refused before anything is decompressed.
ZIP_MAX_RATIO = 100
ZIP_MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_CELL_CHARS = 32_767
MAX_ERRORS_KEPT = 1_000  # beyond this, errors are counted, not listed (a 100,000-line wrong file)


# Reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    message: str
    line: int | None = None  # the line as a spreadsheet numbers it: header = 1, first row = 2
    field: str | None = None  # the column's name as in the file
    source: str | None = None  # a file inside an archive, a sheet

    def where(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.line is not None:
            parts.append(f"ligne {self.line}")
        if self.field:
            parts.append(f"colonne « {self.field} »")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        if where and not self.source:  # "Ligne 3, colonne « Nom »"; a file's name keeps its case
            where = f"{where[:1].upper()}{where[1:]}"
        return f"{where} : {self.message}" if where else self.message

    def as_dict(self) -> dict:
        return {"line": self.line, "field": self.field, "source": self.source, "message": self.message}


@dataclass
class ImportReport:
    errors: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    error_count: int = 0
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    removed: int = 0

    def error(self, message: str, *, line: int | None = None, field: str | None = None, source: str | None = None):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(ImportProblem(message=message, line=line, field=field, source=source))

    def warn(self, message: str, *, line: int | None = None, field: str | None = None, source: str | None = None):
        if len(self.warnings) < MAX_ERRORS_KEPT:
            self.warnings.append(ImportProblem(message=message, line=line, field=field, source=source))

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def refuse_if_errors(self) -> None:
        if not self.ok:
            raise ImportRefused(self)

    @classmethod
    def from_refusal(cls, exc: "FileRefused") -> "ImportReport":
        report = cls()
        report.error(exc.message, source=exc.source)
        return report

    def lines_in_error(self) -> set[int]:
        return {p.line for p in self.errors if p.line is not None}

    def summary(self) -> str:
        if not self.ok:
            hidden = self.error_count - len(self.errors)
            more = f" (les {len(self.errors)} premières sont listées)" if hidden else ""
            plural = "s" if self.error_count > 1 else ""
            return f"Fichier refusé : {self.error_count} erreur{plural}{more}. Rien n’a été enregistré."
        parts = [
            _count(self.created, "créée", "créées"),
            _count(self.updated, "mise à jour", "mises à jour"),
            _count(self.unchanged, "inchangée", "inchangées"),
            _count(self.skipped, "ignorée", "ignorées"),
            _count(self.removed, "retirée", "retirées"),
        ]
        return "Import terminé : " + ", ".join(p for p in parts if p) + "." if any(parts) else "Import terminé."

    def lines(self) -> list[str]:
        """What a command prints or a page lists: the summary, then every problem."""
        out = [self.summary()]
        out += [str(p) for p in self.errors]
        out += [f"Attention — {p}" for p in self.warnings]
        return out

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "summary": self.summary(),
            "error_count": self.error_count,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "rows_read": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "removed": self.removed,
        }


def _count(n: int, singular: str, plural: str) -> str:
    if not n:
        return ""
    return f"{n} ligne {singular}" if n == 1 else f"{n} lignes {plural}"


class ImportRefused(Exception):
    """The file was validated and refused; `report` lists why. Nothing was written."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(report.summary())


class FileRefused(ValueError):
    """The file cannot be read as a table at all; the message says why, in French."""

    def __init__(self, message: str, *, source: str | None = None):
        self.message = message
        self.source = source
        super().__init__(message)


# Reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, object]  # by header; text stripped and cleaned; XLSX numbers and dates typed

    def text(self, column: str) -> str:
        """The cell as text: numbers without a useless ".0", dates in ISO, empty for a missing cell."""
        return cell_text(self.values.get(column))

    def is_empty(self) -> bool:
        return all(cell_text(v) == "" for v in self.values.values())


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[Row]
    format: str  # "csv", "xlsx" or "ods"
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None

    def missing(self, required: Iterable[str]) -> list[str]:
        present = set(self.headers)
        return [name for name in required if name not in present]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _read_bytes(source: bytes | IO[bytes] | str | Path, max_bytes: int) -> bytes:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | Path):
        path = Path(source)
        try:
            if path.stat().st_size > max_bytes:
                raise FileRefused(_too_big(max_bytes))
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise FileRefused("Fichier introuvable.") from exc
        except OSError as exc:
            raise FileRefused(f"Fichier illisible : {exc.strerror}.") from exc
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(_too_big(max_bytes))
    if not data.strip():
        raise FileRefused("Le fichier est vide.")
    return data


def _too_big(max_bytes: int) -> str:
    return f"Le fichier dépasse {max_bytes // (1024 * 1024)} Mo : découpez-le en plusieurs fichiers."


def check_zip(archive: zipfile.ZipFile, *, max_ratio: int = ZIP_MAX_RATIO, max_total: int = ZIP_MAX_TOTAL_BYTES):
    """Refuse an archive whose members would expand beyond reason, before reading any of them."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
            raise FileRefused(
                f"L’archive contient « {info.filename} », compressé plus de {max_ratio} fois : fichier refusé par sécurité."
            )
        if total > max_total:
            raise FileRefused(
                f"L’archive dépasse {max_total // (1024 * 1024)} Mo une fois décompressée : fichier refusé par sécurité."
            )


def read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, max_bytes: int) -> bytes:
    """A member's bytes, read with a hard cap (the header's size can lie)."""
    if info.file_size > max_bytes:
        raise FileRefused(f"« {info.filename} » dépasse {max_bytes // (1024 * 1024)} Mo.", source=info.filename)
    with archive.open(info) as member:
        data = member.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(f"« {info.filename} » dépasse {max_bytes // (1024 * 1024)} Mo.", source=info.filename)
    return data


def decode_text(data: bytes, encodings: Iterable[str] = ENCODINGS) -> tuple[str, str]:
    """The text and the encoding that read it: UTF-8 (with or without BOM), else Windows-1252."""
    head = data[:8192]
    if b"\x00" in head:
        raise FileRefused("Ce fichier n’est pas un fichier texte. Depuis un tableur, enregistrez-le au format CSV.")
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FileRefused("Le fichier n’est ni en UTF-8 ni en Windows-1252 : enregistrez-le en CSV UTF-8.")


def sniff_delimiter(text: str, candidates: Iterable[str] = CSV_DELIMITERS) -> str:
    """The candidate giving the same number (>1) of columns on the most records of the sample."""
    sample = text[: 64 * 1024]
    best, best_score = None, 0.0
    for delimiter in candidates:
        try:
            records = list(_limited(csv.reader(io.StringIO(sample), delimiter=delimiter), 50))
        except csv.Error:
            continue
        counts = [len(r) for r in records if any(c.strip() for c in r)]
        if len(counts) > 1:
            counts = counts[:-1]  # the sample may cut the last record in two
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = counts.count(common) / len(counts)
        if score > best_score:
            best, best_score = delimiter, score
    if best is None:
        raise FileRefused(
            "Impossible de reconnaître les colonnes : séparez-les par des points-virgules (CSV), "
            "ou déposez le fichier au format XLSX."
        )
    return best


def _limited(iterator, n):
    for i, item in enumerate(iterator):
        if i >= n:
            return
        yield item


def _clean_cell(value):
    if isinstance(value, str):
        text = clean_text(value).strip()
        return text[:MAX_CELL_CHARS]
    return value


def _headers(raw: list, max_columns: int) -> tuple[str, ...]:
    headers = []
    for cell in raw:
        text = cell_text(_clean_cell(cell))
        headers.append(unicodedata.normalize("NFC", text.lstrip("\ufeff")))
    while headers and headers[-1] == "":
        headers.pop()
    if not headers:
        raise FileRefused("La première ligne (les en-têtes de colonnes) est vide.")
    if len(headers) > max_columns:
        raise FileRefused(f"Le fichier compte {len(headers)} colonnes : {max_columns} au plus sont acceptées.")
    seen = set()
    for name in headers:
        if name and name in seen:
            raise FileRefused(f"La colonne « {name} » figure deux fois dans les en-têtes.")
        seen.add(name)
    return tuple(headers)


def _rows(records: Iterable[list], headers: tuple[str, ...], first_line: int, max_rows: int) -> list[Row]:
    rows = []
    for line, record in enumerate(records, start=first_line):
        values = {}
        for index, name in enumerate(headers):
            if name:
                values[name] = _clean_cell(record[index]) if index < len(record) else None
        row = Row(line=line, values=values)
        if row.is_empty():
            continue
        if len(rows) >= max_rows:
            raise FileRefused(
                f"Le fichier dépasse {max_rows:,} lignes : découpez-le en plusieurs fichiers.".replace(",", " ")
            )
        rows.append(row)
    return rows


def read_table(
    source: bytes | IO[bytes] | str | Path,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_columns: int = DEFAULT_MAX_COLUMNS,
    sheet: str | int | None = None,
    delimiter: str | None = None,
    encodings: Iterable[str] = ENCODINGS,
) -> Table:
    """Read a CSV (delimiter sniffed unless given; UTF-8 or Windows-1252), XLSX or ODS file (first
    sheet unless `sheet` names one) whose first line holds the column names. Empty lines are
    skipped but keep their number. Raises FileRefused with a French message."""
    data = _read_bytes(source, max_bytes)
    suffix = Path(filename).suffix.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if suffix in (".xlsx", ".xlsm", ".ods") or (is_zip and suffix not in (".csv", ".txt")):
        return _read_workbook(data, suffix=suffix, sheet=sheet, max_rows=max_rows, max_columns=max_columns)
    if is_zip or data[:4] in (b"%PDF", b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            "Ce fichier n’est pas un tableau CSV, XLSX ou ODS (les anciens fichiers .xls ne sont pas lus)."
        )
    text, encoding = decode_text(data, encodings)
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    csv.field_size_limit(MAX_CELL_CHARS * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_record = next(reader, None)
        if header_record is None:
            raise FileRefused("Le fichier ne contient aucune ligne.")
        headers = _headers(header_record, max_columns)
        rows = _rows(reader, headers, 2, max_rows)
    except csv.Error as exc:
        raise FileRefused(f"Ligne {reader.line_num} : ligne illisible ({exc}).") from exc
    return Table(headers=headers, rows=rows, format="csv", delimiter=delimiter, encoding=encoding)


def _read_workbook(data: bytes, *, suffix: str, sheet, max_rows: int, max_columns: int) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive)
    except zipfile.BadZipFile as exc:
        raise FileRefused("Ce classeur est illisible (archive abîmée).") from exc
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if sheet is None:
            chosen = workbook.get_sheet_by_index(0)
        elif isinstance(sheet, int):
            chosen = workbook.get_sheet_by_index(sheet)
        else:
            if sheet not in workbook.sheet_names:
                raise FileRefused(
                    f"Le classeur n’a pas d’onglet « {sheet} » (onglets : {', '.join(workbook.sheet_names)})."
                )
            chosen = workbook.get_sheet_by_name(sheet)
        if chosen.total_height > max_rows + 1 and chosen.height > max_rows + 1:
            raise FileRefused(
                f"Le fichier dépasse {max_rows:,} lignes : découpez-le en plusieurs fichiers.".replace(",", " ")
            )
        if chosen.width > max_columns * 4:
            raise FileRefused(f"Le classeur compte {chosen.width} colonnes : {max_columns} au plus sont acceptées.")
        records = chosen.to_python(skip_empty_area=False)
    except FileRefused:
        raise
    except (CalamineError, ValueError, IndexError) as exc:
        raise FileRefused("Ce classeur est illisible : enregistrez-le à nouveau au format XLSX.") from exc
    if not records:
        raise FileRefused("Le classeur ne contient aucune ligne.")
    headers = _headers(records[0], max_columns)
    rows = _rows(records[1:], headers, 2, max_rows)
    return Table(headers=headers, rows=rows, format="ods" if suffix == ".ods" else "xlsx", sheet=chosen.name)
