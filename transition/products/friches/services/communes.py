"""Loading the communes' figures the socio-economic balance reads (population, surface, median
price of housing): a `;`-separated file with `city_code`, `da_name`, `da_population`,
`da_surface_ha` and `dvf_pxm2_median` (Bénéfriches' extract of INSEE and DVF data)."""

from decimal import Decimal, InvalidOperation

from django.db import transaction

from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportReport, read_table
from transition.platform.geo.domain.territory import departement_of_insee

from ..models import CommuneStats

PRODUCT = "friches"
COLUMNS = ("city_code", "da_name", "da_population", "da_surface_ha", "dvf_pxm2_median")
BATCH = 2000


def communes_stats_import(*, source, filename: str) -> ImportReport:
    try:
        table = read_table(source, filename=filename, max_rows=60_000, delimiter=";")
    except FileRefused as exc:
        return ImportReport.from_refusal(exc)
    report = ImportReport(rows_read=len(table.rows))
    missing = table.missing(COLUMNS)
    if missing:
        report.error(f"colonnes absentes : {', '.join(missing)}")
        return report
    rows = []
    for row in table.rows:
        code = row.text("city_code").zfill(5)
        if departement_of_insee(code) is None:
            report.error("code INSEE inconnu", line=row.line, field="city_code")
            continue
        try:
            population = int(row.text("da_population") or "0")
            surface = Decimal(row.text("da_surface_ha") or "0")
        except (ValueError, InvalidOperation):
            report.error("population ou surface illisible", line=row.line)
            continue
        price = row.text("dvf_pxm2_median")
        rows.append(
            CommuneStats(
                insee=code,
                name=row.text("da_name")[:100],
                population=max(population, 0),
                surface_ha=surface,
                price_eur_m2=int(float(price)) if price.replace(".", "", 1).isdigit() else None,
            )
        )
    if not report.ok:
        return report
    with transaction.atomic():
        CommuneStats.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["insee"],
            update_fields=["name", "population", "surface_ha", "price_eur_m2"],
        )
        report.created = len(rows)
        event_record(actor=None, action="friches.communes_import", product=PRODUCT, payload={"rows": len(rows)})
    return report
