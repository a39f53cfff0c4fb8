"""Spreadsheets France Chaleur Urbaine writes, all through the platform's writer (typed cells, frozen
header, filters, no formula): the back-office's demands and prospects, a bulk test's results (with
their legend)."""

from collections.abc import Iterable

from transition.platform.core.spreadsheets import Column, Sheet, xlsx_write

from .domain.bulk_results import LEGEND, RESULT_COLUMNS, TYPE_LABELS, TYPE_MEANINGS, result_row
from .domain.demand_status import status_label
from .models import Demand
from .selectors.prospects import Prospect

__all__ = ["bulk_xlsx_write", "demands_sheet", "prospects_sheet"]


DEMAND_COLUMNS = [
    Column("Référence"),
    Column("Date", kind="datetime"),
    Column("Statut"),
    Column("Adresse", width=40),
    Column("Code INSEE"),
    Column("Éligible"),
    Column("Type d'éligibilité", width=30),
    Column("Distance au réseau (m)", kind="int"),
    Column("PDP"),
    Column("Réseau", width=30),
    Column("Identifiant du réseau"),
    Column("Nom"),
    Column("Prénom"),
    Column("Courriel", width=30),
    Column("Téléphone"),
    Column("Structure"),
    Column("Nom de la structure"),
    Column("Énergie de chauffage"),
    Column("Type de chauffage"),
    Column("Logements", kind="int"),
    Column("Surface (m²)", kind="int"),
    Column("Consommation (MWh/an)", kind="float"),
    Column("Commentaire du demandeur", width=40),
    Column("Commentaire du gestionnaire", width=40),
    Column("Conseil de l’agence locale"),
]


def _demand_row(d: Demand) -> list:
    network = d.network or d.network_under_construction
    return [
        d.reference,
        d.created_at,
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


def demands_sheet(demands: Iterable[Demand]) -> Sheet:
    return Sheet("Demandes", DEMAND_COLUMNS, rows=(_demand_row(d) for d in demands))


PROSPECT_COLUMNS = [
    Column("Numéro d’immatriculation"),
    Column("Nom", width=30),
    Column("Adresse", width=40),
    Column("Code INSEE"),
    Column("Longitude", kind="float"),
    Column("Latitude", kind="float"),
    Column("Lots", kind="int"),
    Column("Logements", kind="int"),
    Column("Période de construction"),
    Column("Chauffage"),
    Column("Énergie"),
    Column("Syndic", width=30),
    Column("Réseau le plus proche", width=30),
    Column("Identifiant du réseau"),
    Column("Distance au réseau (m)", kind="int"),
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


def prospects_sheet(prospects: Iterable[Prospect]) -> Sheet:
    return Sheet("Prospects", PROSPECT_COLUMNS, rows=(_prospect_row(p) for p in prospects))


CHANGES_COLUMN = "Changements à la dernière vérification"


def bulk_xlsx_write(rows: Iterable, target, *, with_changes: bool = False, title: str = "", tested_at=None) -> int:
    """Write the "Résultats" and "Légende" sheets (streamed: constant memory). `rows` gives
    (address, tested_label, score, outcome, error, changes) tuples. Returns the row count."""
    # Numbers keep their type without a format of their own: a 100,000-row file writes faster.
    columns = [Column(name, width=30 if name.startswith("Adresse") else None) for name in RESULT_COLUMNS]
    if with_changes:
        columns.append(Column(CHANGES_COLUMN, width=50))

    def lines():
        for address, tested_label, score, outcome, error, row_changes in rows:
            line = result_row(address=address, tested_label=tested_label, score=score, outcome=outcome, error=error)
            if with_changes:
                line.append(" ; ".join(row_changes or []))
            yield line

    legend = Sheet(
        "Légende",
        [Column("Colonne", width=40), Column("Signification", width=100)],
        rows=LEGEND,
        filters=False,
        notes=[
            ("Type d'éligibilité", "Signification"),
            *((label, TYPE_MEANINGS[key]) for key, label in TYPE_LABELS.items()),
            *([(), ("Fichier", title)] if title else []),
            *([("Testé le", tested_at)] if tested_at else []),
        ],
    )
    counts = xlsx_write(target, [Sheet("Résultats", columns, rows=lines()), legend])
    return counts["Résultats"]
