"""The template checker: rows of the lot template, checked as CarbuRe would check them, without
writing anything. Anonymous: every check that needs no account data; for an entity: all of them,
with names resolved against what the entity may see."""

from dataclasses import dataclass

from django.conf import settings

from transition.platform.core.imports import FileRefused, read_table

from ..domain import template
from ..domain.lot_construction import ANONYMOUS, LotDraft, construct_lot
from ..domain.sanity_checks import run_checks
from ..models import Entity
from .checks import anonymous_context, check_context
from .directory import directory_for
from .referentials import referentials

# Where a check's lot field is written in the template.
TEMPLATE_COLUMN_OF_FIELD = {
    "biofuel": "biocarburant_code",
    "feedstock": "matiere_premiere_code",
    "country_of_origin": "pays_origine_code",
    "transport_document_reference": "dae",
    "production_site_double_counting_certificate": "double_counting_registration",
}


@dataclass(frozen=True)
class RowError:
    code: str
    blocking: bool
    field: str | None
    message: str


@dataclass
class RowCheck:
    row: int
    ghg_total: float | None
    ghg_reduction: float | None
    ghg_reduction_red_ii: float | None
    errors: list[RowError]
    draft: LotDraft

    @property
    def blocking(self) -> bool:
        return any(error.blocking for error in self.errors)


def template_column(field: str | None) -> str | None:
    if field is None:
        return None
    return TEMPLATE_COLUMN_OF_FIELD.get(field, field)


def rows_check(rows: list[tuple[int, dict]], *, entity: Entity | None = None) -> list[RowCheck]:
    """`rows`: (row number, {template column: value}) pairs, in order."""
    refs = referentials()
    parsed = []
    for number, raw in rows:
        normalised = {template.normalise_header(k): v for k, v in raw.items()}
        row, findings = template.parse_row(normalised)
        parsed.append((number, row, findings))
    if entity is None:
        directory = ANONYMOUS
    else:
        directory = directory_for(entity, stock_ids=[row.get("carbure_stock_id") for _, row, _ in parsed])
    built = []
    for number, row, findings in parsed:
        draft, more = construct_lot(row, refs, directory)
        built.append((number, draft, findings + more))
    ctx = anonymous_context() if entity is None else check_context(draft.facts() for _, draft, _ in built)
    results = []
    for number, draft, findings in built:
        errors = [RowError(f.code, f.blocking, f.column, f.message) for f in findings]
        errors += [
            RowError(r.code, r.blocking, template_column(r.field), r.message) for r in run_checks(draft.facts(), ctx)
        ]
        unreadable_terms = any(f.code == "WRONG_FLOAT_FORMAT" for f in findings)
        ghg = None if unreadable_terms else draft.ghg
        results.append(
            RowCheck(
                row=number,
                ghg_total=ghg.total if ghg else None,
                ghg_reduction=ghg.reduction if ghg else None,
                ghg_reduction_red_ii=ghg.reduction_red_ii if ghg else None,
                errors=errors,
                draft=draft,
            )
        )
    return results


def rows_from_table(table) -> list[tuple[int, dict]]:
    """The rows of a read template file, refused when none of its columns is the template's."""
    known = {template.normalise_header(h) for h in table.headers} & set(template.COLUMN_NAMES)
    if not known:
        raise FileRefused(
            "Aucune colonne du modèle CarbuRe dans la première ligne du premier onglet : "
            "téléchargez le modèle et gardez ses en-têtes (biocarburant_code, volume, delivery_date…)."
        )
    return [(row.line, row.values) for row in table.rows]


def file_rows(upload, *, filename: str) -> list[tuple[int, dict]]:
    """Read an uploaded template (XLSX, ODS or CSV) within the import's caps. Raises FileRefused."""
    table = read_table(
        upload,
        filename=filename,
        max_rows=settings.CARBURE_IMPORT_MAX_ROWS,
        max_bytes=settings.CARBURE_IMPORT_MAX_BYTES,
    )
    return rows_from_table(table)
