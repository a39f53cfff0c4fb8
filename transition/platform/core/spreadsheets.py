"""The platform's one spreadsheet writer: every XLSX and CSV a product hands out goes through here.

    from transition.platform.core.spreadsheets import Column, Sheet, xlsx_response

    sheet = Sheet("Demandes", [Column("Référence"), Column("Date", kind="date"), Column("Distance (m)", kind="int")],
                  rows=((d.reference, d.created_at, d.distance_m) for d in demands))
    return xlsx_response("demandes.xlsx", [sheet])

What it guarantees, whatever the data holds (a public form's text included):
- control characters are removed (openpyxl refuses them: one stray `\\x01` used to fail a whole
  export), and text is capped at Excel's 32,767 characters per cell;
- no value becomes a formula: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return
  is written as a plain string cell in XLSX, and prefixed with `'` in CSV (the OWASP advice:
  spreadsheet programs evaluate such CSV cells);
- dates and numbers are typed as such (timezone-aware datetimes in Europe/Paris), so that people
  can sort and filter them;
- the header row is bold and frozen, with filters on every column and widths that fit.

Rows are streamed (openpyxl's write-only mode): memory stays flat for 100,000 rows.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Literal
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

PARIS = ZoneInfo("Europe/Paris")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CELL_CHARS = 32_767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# C0 and C1 control characters, DEL, and the non-characters openpyxl rejects; tab and newline are
# kept inside text (they are legitimate in a comment), but a leading tab still cannot start a formula.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

Kind = Literal["text", "int", "decimal", "float", "date", "datetime", "bool", "auto"]
NUMBER_FORMATS = {
    "int": "0",
    "decimal": "#,##0.00",
    "float": "0.###",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
}


def clean_text(value: str, *, keep_newlines: bool = True) -> str:
    """`value` without control characters (newlines and tabs kept unless told otherwise),
    in NFC. Use it on every free text before storing it, not only before writing a file."""
    text = unicodedata.normalize("NFC", str(value))
    text = _CONTROL.sub("", text)
    if not keep_newlines:
        text = re.sub(r"[\r\n\t]+", " ", text)
    return text


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "auto"
    width: int | None = None  # in characters; default: fits the header, 10 to 60
    number_format: str | None = None  # overrides the kind's format


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence[object]]
    freeze_header: bool = True
    filters: bool = True
    # Lines written under the table (a legend, a source); plain text, sanitised like the rest.
    notes: Sequence[Sequence[object]] = field(default_factory=tuple)

    def column_specs(self) -> list[Column]:
        return [c if isinstance(c, Column) else Column(c) for c in self.columns]


def _excel_value(value):
    """A value openpyxl writes as the right type; text sanitised. Returns (value, is_text)."""
    if value is None:
        return None, False
    if isinstance(value, bool):
        return value, False
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and value != value:  # NaN has no cell
            return None, False
        return value, False
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(PARIS).replace(tzinfo=None)  # Excel has no time zones
        return value, False
    if isinstance(value, dt.date):
        return value, False
    text = clean_text(value)[:MAX_CELL_CHARS]
    return text, True


def _title(title: str, used: set[str]) -> str:
    """Excel sheet titles: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", " ", clean_text(title, keep_newlines=False)).strip()[:31] or "Feuille"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def xlsx_write(target: IO[bytes] | str, sheets: Sequence[Sheet]) -> dict[str, int]:
    """Write `sheets` to `target` (a path or a binary file). Returns the row count per sheet."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    counts: dict[str, int] = {}
    used: set[str] = set()
    for spec in sheets:
        ws = workbook.create_sheet(_title(spec.title, used))
        columns = spec.column_specs()
        for index, column in enumerate(columns, start=1):
            width = column.width or min(60, max(10, len(column.header) + 2))
            ws.column_dimensions[get_column_letter(index)].width = width
        if spec.freeze_header:
            ws.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = WriteOnlyCell(ws, value=_excel_value(column.header)[0])
            cell.data_type = "s"
            cell.font = bold
            cell.alignment = wrap
            header.append(cell)
        ws.append(header)
        count = 0
        for row in spec.rows:
            ws.append(_cells(ws, columns, row))
            count += 1
        if spec.filters and columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
        if spec.notes:
            ws.append([])
            for note in spec.notes:
                ws.append(_cells(ws, [Column("", kind="text")] * len(note), note))
        counts[spec.title] = count
    if not sheets:
        workbook.create_sheet("Feuille")
    workbook.save(target)
    return counts


def _cells(ws, columns: list[Column], row: Sequence[object]) -> list:
    """The row's cells. A value that needs nothing more than its type goes as a plain value: a
    cell object per value was most of a 100,000-row export's time."""
    cells = []
    for index, raw in enumerate(row):
        column = columns[index] if index < len(columns) else Column("")
        value, is_text = _excel_value(raw)
        if value is None or isinstance(value, bool):
            cells.append(value)
        elif is_text:
            if is_formula_like(value):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # never "f": a text that looks like a formula stays text
                value = cell
            cells.append(value)
        else:
            number_format = column.number_format or NUMBER_FORMATS.get(column.kind)
            if number_format is None and isinstance(value, dt.datetime):
                number_format = NUMBER_FORMATS["datetime"]
            elif number_format is None and isinstance(value, dt.date):
                number_format = NUMBER_FORMATS["date"]
            if number_format:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = number_format
                value = cell
            cells.append(value)
    return cells


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    buffer = io.BytesIO()
    xlsx_write(buffer, sheets)
    return buffer.getvalue()


def _content_disposition(filename: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode() or "export"
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name)
    return f'attachment; filename="{ascii_name}"'


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _content_disposition(filename)
    return response


def csv_value(value) -> str:
    """One CSV field: typed values in a neutral form (ISO dates, dot decimals), text sanitised and
    defused (a leading formula character gets a `'`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(PARIS)
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = clean_text(value)
    return "'" + text if is_formula_like(text) else text


def csv_write(target: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]], *, delimiter: str = ";") -> int:
    writer = csv.writer(target, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([csv_value(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([csv_value(v) for v in row])
        count += 1
    return count


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]], *, delimiter: str = ";", bom: bool = True
) -> HttpResponse:
    """A CSV download in UTF-8 (with a BOM by default, so that Excel reads the accents)."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    csv_write(buffer, header, rows, delimiter=delimiter)
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _content_disposition(filename)
    return response
