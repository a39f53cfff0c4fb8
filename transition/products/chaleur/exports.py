"""Spreadsheets France Chaleur Urbaine writes: the back-office's demands and prospects, a bulk
test's results (with their legend)."""

import io
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from .domain.bulk_results import LEGEND, RESULT_COLUMNS, TYPE_LABELS, result_row
from .domain.demand_status import status_label
from .models import Demand
from .selectors.prospects import Prospect

__all__ = ["bulk_xlsx_write", "demands_xlsx", "prospects_xlsx"]


def _local(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _xlsx(title: str, header: list[str], rows: Iterable[list]) -> bytes:
    """One sheet, its header in bold."""
    # openpyxl loads on demand (heavy, and only a few requests and jobs write a spreadsheet).
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


DEMAND_COLUMNS = [
    "Référence",
    "Date",
    "Statut",
    "Adresse",
    "Code INSEE",
    "Éligible",
    "Type d'éligibilité",
    "Distance au réseau (m)",
    "PDP",
    "Réseau",
    "Identifiant du réseau",
    "Nom",
    "Prénom",
    "Courriel",
    "Téléphone",
    "Structure",
    "Nom de la structure",
    "Énergie de chauffage",
    "Type de chauffage",
    "Logements",
    "Surface (m²)",
    "Consommation (MWh/an)",
    "Commentaire du demandeur",
    "Commentaire du gestionnaire",
    "Conseil de l’agence locale",
]


def _demand_row(d: Demand) -> list:
    network = d.network or d.network_under_construction
    return [
        d.reference,
        _local(d.created_at),
        status_label(d.status),
        d.address,
        d.citycode,
        "Oui" if d.eligible else "Non",
        d.eligibility_snapshot.get("label", d.eligibility_type),
        d.distance_m,
        "Oui" if d.in_pdp else "Non",
        network.name if network else "",
        d.network.national_id if d.network else "",
        d.last_name,
        d.first_name,
        d.email,
        d.phone,
        d.get_structure_type_display(),
        d.company,
        d.get_heating_energy_display(),
        d.get_heating_type_display(),
        d.dwellings_count,
        d.surface_m2,
        float(d.consumption_mwh) if d.consumption_mwh is not None else None,
        d.comment,
        d.operator_comment,
        d.agency.name if d.agency else "",
    ]


def demands_xlsx(demands: Iterable[Demand]) -> bytes:
    return _xlsx("Demandes", DEMAND_COLUMNS, (_demand_row(d) for d in demands))


PROSPECT_COLUMNS = [
    "Numéro d’immatriculation",
    "Nom",
    "Adresse",
    "Code INSEE",
    "Longitude",
    "Latitude",
    "Lots",
    "Logements",
    "Période de construction",
    "Chauffage",
    "Énergie",
    "Syndic",
    "Réseau le plus proche",
    "Identifiant du réseau",
    "Distance au réseau (m)",
]


def _prospect_row(p: Prospect) -> list:
    c = p.copropriete
    return [
        c.registry_id,
        c.name,
        c.address,
        c.citycode,
        c.lon,
        c.lat,
        c.lots_count,
        c.dwellings_count,
        c.get_construction_period_display(),
        c.get_heating_type_display(),
        c.get_heating_energy_display(),
        c.syndic,
        p.network.name,
        p.network.national_id,
        p.distance_m,
    ]


def prospects_xlsx(prospects: Iterable[Prospect]) -> bytes:
    return _xlsx("Prospects", PROSPECT_COLUMNS, (_prospect_row(p) for p in prospects))


def bulk_xlsx_write(rows: Iterable, target, *, with_changes: bool = False, title: str = "") -> int:
    """Write the "Résultats" and "Légende" sheets (write-only mode: constant memory). `rows`
    gives (address, tested_label, score, outcome, error, changes) tuples. Returns the row count."""
    # openpyxl loads on demand (heavy, and only a few requests and jobs write a spreadsheet).
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Résultats")
    bold = Font(bold=True)

    def header_cells(names):
        cells = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            cells.append(cell)
        return cells

    columns = list(RESULT_COLUMNS) + (["Changements à la dernière vérification"] if with_changes else [])
    sheet.append(header_cells(columns))
    count = 0
    for address, tested_label, score, outcome, error, row_changes in rows:
        line = result_row(address=address, tested_label=tested_label, score=score, outcome=outcome, error=error)
        if with_changes:
            line.append(" ; ".join(row_changes or []))
        sheet.append(line)
        count += 1
    legend = workbook.create_sheet("Légende")
    legend.append(header_cells(["Colonne", "Signification"]))
    for name, meaning in LEGEND:
        legend.append([name, meaning])
    legend.append([])
    legend.append(header_cells(["Type d'éligibilité", "Signification"]))
    for label in TYPE_LABELS.values():
        legend.append([label, ""])
    if title:
        legend.append([])
        legend.append(["Fichier", title])
    workbook.save(target)
    return count
