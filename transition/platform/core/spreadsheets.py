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

Rows are streamed (the sheet's XML written straight into the zip): memory stays flat for
100,000 rows.
"""

import csv
import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Literal
from xml.sax.saxutils import quoteattr
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.numbers import BUILTIN_FORMATS_REVERSE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

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


def xlsx_write_openpyxl(target: IO[bytes] | str, sheets: Sequence[Sheet]) -> dict[str, int]:
    """The same workbook through openpyxl's write-only mode: the reference `xlsx_write` is tested
    against (cell by cell), kept for that."""
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


def xlsx_write(target: IO[bytes] | str, sheets: Sequence[Sheet]) -> dict[str, int]:
    """Write `sheets` to `target` (a path or a binary file). Returns the row count per sheet.

    The package is written directly (sheet XML streamed into the zip, text as inline strings):
    openpyxl's write-only mode built a cell object and an XML element per value, which was half
    of a 100,000-address bulk test. `xlsx_write_openpyxl` is the reference it is tested against."""
    styles = _Styles(sheets)
    counts: dict[str, int] = {}
    used: set[str] = set()
    titles: list[str] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=_ZIP_LEVEL) as archive:
        for number, spec in enumerate(
            sheets or [Sheet("Feuille", [], rows=(), freeze_header=False, filters=False)], start=1
        ):
            titles.append(_title(spec.title, used))
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as stream:
                count = _write_sheet(io.TextIOWrapper(stream, encoding="utf-8", newline=""), spec, styles)
            if sheets:
                counts[spec.title] = count
        archive.writestr("[Content_Types].xml", _content_types(len(titles)))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("docProps/app.xml", _APP)
        archive.writestr("docProps/core.xml", _CORE)
        archive.writestr("xl/workbook.xml", _workbook_xml(titles))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(titles)))
        archive.writestr("xl/styles.xml", styles.xml())
    return counts


_ZIP_LEVEL = 6
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ROOT_RELS = (
    _XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_APP = (
    _XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Excel</Application></Properties>"
)
_CORE = (
    _XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Transition</dc:creator></cp:coreProperties>'
)


def _content_types(sheet_count: int) -> str:
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
        for n in range(1, sheet_count + 1)
    )
    return (
        _XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        f"{parts}</Types>"
    )


def _workbook_xml(titles: list[str]) -> str:
    entries = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{n}" r:id="rId{n}"/>' for n, title in enumerate(titles, start=1)
    )
    return (
        _XML_HEAD + f'<workbook xmlns="{_NS}" xmlns:r="{_NS_R}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{entries}</sheets></workbook>'
    )


def _workbook_rels(sheet_count: int) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    entries = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheet_count + 1)
    )
    entries += f'<Relationship Id="rId{sheet_count + 1}" Type="{kind}styles" Target="styles.xml"/>'
    return (
        _XML_HEAD
        + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{entries}</Relationships>'
    )


class _Styles:
    """The cell formats of the workbook: 0 plain, 1 the header (bold, wrapped, top), then one per
    number format the columns can need (known before the first row: the column's, or its kind's)."""

    HEADER = 1

    def __init__(self, sheets: Sequence[Sheet]):
        formats = list(dict.fromkeys(NUMBER_FORMATS.values()))
        for spec in sheets:
            formats += [
                c.number_format for c in spec.column_specs() if c.number_format and c.number_format not in formats
            ]
        self.formats = formats
        self.index = {code: n for n, code in enumerate(formats, start=2)}

    def of(self, number_format: str | None) -> str:
        """The `s="…"` attribute (with its leading space) for a number format, or ""."""
        return f' s="{self.index[number_format]}"' if number_format else ""

    def xml(self) -> str:
        custom: dict[str, int] = {}
        xfs = []
        for code in self.formats:
            number_id = BUILTIN_FORMATS_REVERSE.get(code)
            if number_id is None:
                number_id = custom.setdefault(code, 164 + len(custom))
            xfs.append(
                f'<xf numFmtId="{number_id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            )
        num_fmts = "".join(f'<numFmt numFmtId="{n}" formatCode={quoteattr(code)}/>' for code, n in custom.items())
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/>'
        return (
            _XML_HEAD + f'<styleSheet xmlns="{_NS}">'
            f'<numFmts count="{len(custom)}">{num_fmts}</numFmts>'
            f'<fonts count="2"><font>{font}</font><font><b val="1"/>{font}</font></fonts>'
            '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{2 + len(xfs)}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
            '<alignment vertical="top" wrapText="1"/></xf>'
            f"{''.join(xfs)}</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def _xml_text(text: str) -> str:
    """Text for an inline string: escaped, carriage returns kept as a reference (an XML parser
    would turn a raw one into a newline), spaces kept at the ends."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if text != text.strip():
        return f'<is><t xml:space="preserve">{escaped}</t></is>'
    return f"<is><t>{escaped}</t></is>"


class _ColumnFormats:
    """What a column writes for each type of value: the `s` attribute of numbers, dates, datetimes."""

    __slots__ = ("date", "datetime", "number")

    def __init__(self, column: Column, styles: _Styles):
        number_format = column.number_format or NUMBER_FORMATS.get(column.kind)
        self.number = styles.of(number_format)
        self.date = styles.of(number_format or NUMBER_FORMATS["date"])
        self.datetime = styles.of(number_format or NUMBER_FORMATS["datetime"])


_PLAIN = Column("")


def _write_sheet(out: IO[str], spec: Sheet, styles: _Styles) -> int:
    columns = spec.column_specs()
    width = len(columns)
    out.write(_XML_HEAD + f'<worksheet xmlns="{_NS}" xmlns:r="{_NS_R}">')
    if spec.freeze_header:
        out.write(
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        )
    out.write('<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>')
    if columns:
        out.write("<cols>")
        for index, column in enumerate(columns, start=1):
            size = column.width or min(60, max(10, len(column.header) + 2))
            out.write(f'<col min="{index}" max="{index}" width="{size}" customWidth="1"/>')
        out.write("</cols>")
    out.write("<sheetData>")
    letters = [get_column_letter(n) for n in range(1, width + 1)]
    header = "".join(_header_cell(letters[i], c.header) for i, c in enumerate(columns))
    out.write(f'<row r="1">{header}</row>')
    formats = [_ColumnFormats(c, styles) for c in columns]
    plain = _ColumnFormats(_PLAIN, styles)
    texts: dict[str, str] = {}  # raw text -> its cell content: repeated values are cleaned once
    row_number = 1
    buffer: list[str] = []
    for row in spec.rows:
        row_number += 1
        buffer.append(_row_xml(row, row_number, letters, formats, plain, texts))
        if len(buffer) >= 500:
            out.write("".join(buffer))
            buffer.clear()
            if len(texts) > 200_000:
                texts.clear()
    count = row_number - 1
    if spec.notes:
        row_number += 1  # a blank line between the table and its notes
        for note in spec.notes:
            row_number += 1
            buffer.append(_row_xml(note, row_number, letters, [], plain, texts))
    out.write("".join(buffer))
    out.write("</sheetData>")
    if spec.filters and columns:
        out.write(f'<autoFilter ref="A1:{get_column_letter(width)}{count + 1}"/>')
    out.write("</worksheet>")
    out.flush()
    return count


def _header_cell(letter: str, header: str) -> str:
    text = _excel_value(header)[0]
    if not text:
        return f'<c r="{letter}1" s="{_Styles.HEADER}" t="inlineStr"/>'  # as openpyxl wrote it
    return f'<c r="{letter}1" s="{_Styles.HEADER}" t="inlineStr">{_xml_text(text)}</c>'


def _row_xml(row, row_number: int, letters: list[str], formats: list, plain: "_ColumnFormats", texts: dict) -> str:
    cells = []
    suffix = str(row_number)
    for index, raw in enumerate(row):
        if raw is None:
            continue
        while index >= len(letters):
            letters.append(get_column_letter(len(letters) + 1))
        kind = type(raw)
        if kind is str:
            content = texts.get(raw)
            if content is None:
                text = clean_text(raw)[:MAX_CELL_CHARS]
                content = texts[raw] = f't="inlineStr">{_xml_text(text)}' if text else ""
            if content:
                cells.append(f'<c r="{letters[index]}{suffix}" {content}</c>')
            continue
        value, is_text = _excel_value(raw)
        if value is None:
            continue
        if is_text:
            if value:
                cells.append(f'<c r="{letters[index]}{suffix}" t="inlineStr">{_xml_text(value)}</c>')
            continue
        column = formats[index] if index < len(formats) else plain
        if isinstance(value, bool):
            cells.append(f'<c r="{letters[index]}{suffix}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, dt.datetime):
            cells.append(f'<c r="{letters[index]}{suffix}"{column.datetime}><v>{to_excel(value):.16g}</v></c>')
        elif isinstance(value, dt.date):
            cells.append(f'<c r="{letters[index]}{suffix}"{column.date}><v>{to_excel(value):.16g}</v></c>')
        else:
            if isinstance(value, float) and math.isinf(value):
                continue  # no cell for an infinity (openpyxl wrote an empty one)
            cells.append(f'<c r="{letters[index]}{suffix}"{column.number}><v>{float(value):.16g}</v></c>')
    return f'<row r="{suffix}">{"".join(cells)}</row>'


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
