"""The files CarbuRe hands out, all through the platform's spreadsheet writer: the lot template
(with its reference sheets) and the lot exports."""

from collections.abc import Iterable

from transition.platform.core.spreadsheets import Column, Sheet

from .domain import template
from .domain.vocabulary import DELIVERY_TYPE_LABELS, FEEDSTOCK_CATEGORY_LABELS, FeedstockCategory
from .models import Biofuel, Country, Depot, Entity, Feedstock, Lot

EXAMPLE = {column.name: column.example for column in template.COLUMNS}


def template_sheets(*, entity_names: Iterable[str] = ()) -> list[Sheet]:
    """The template: an empty first sheet (the one read back), then the help and the referentials."""
    names = list(entity_names)
    sheets = [
        Sheet("lots", [Column(c.name, kind="text", width=max(14, len(c.name) + 2)) for c in template.COLUMNS], rows=[]),
        Sheet(
            "Colonnes",
            [Column("colonne", kind="text", width=34), Column("signification", kind="text", width=80), "exemple"],
            rows=[(c.name, c.help, c.example) for c in template.COLUMNS],
            notes=[
                ("Seul le premier onglet est lu. Une ligne par lot ; les lignes vides sont ignorées.",),
                ("Dates : AAAA-MM-JJ, JJ/MM/AAAA, JJ/MM/AA ou date Excel.",),
                ("Volume en litres, ou bien quantité et unité (l, kg ou mj).",),
            ],
        ),
        Sheet(
            "Exemple",
            [Column(c.name, kind="text") for c in template.COLUMNS],
            rows=[[EXAMPLE[c.name] for c in template.COLUMNS]],
        ),
        Sheet(
            "Biocarburants",
            ["code", "nom", "masse volumique (kg/l)", "PCI (MJ/l)"],
            rows=((b.code, b.name, b.density_kg_l, b.lhv_mj_l) for b in Biofuel.objects.order_by("code")),
        ),
        Sheet(
            "MatieresPremieres",
            ["code", "nom", "catégorie", "double comptage"],
            rows=(
                (
                    f["code"],
                    f["name"],
                    FEEDSTOCK_CATEGORY_LABELS[FeedstockCategory(f["category"])],
                    "oui" if f["dc"] else "non",
                )
                for f in _feedstocks()
            ),
        ),
        Sheet(
            "Pays",
            ["code", "nom"],
            rows=Country.objects.exclude(code="N/A").order_by("code").values_list("code", "name"),
        ),
        Sheet(
            "SitesDeLivraison",
            ["code", "nom", "commune", "pays"],
            rows=Depot.objects.order_by("name").values_list("depot_id", "name", "city", "country_id"),
        ),
        Sheet(
            "TypesDeLivraison",
            ["code", "signification"],
            rows=[(t.value, label) for t, label in DELIVERY_TYPE_LABELS.items() if t.value != "CONSUMPTION"],
        ),
    ]
    if names:
        sheets.append(Sheet("Societes", ["nom"], rows=[(name,) for name in names]))
    return sheets


def _feedstocks():
    for f in Feedstock.objects.order_by("code"):
        yield {"code": f.code, "name": f.name, "category": f.category, "dc": f.is_double_counting}


LOT_COLUMNS = [
    Column("carbure_id", kind="text", width=24),
    Column("statut", kind="text"),
    Column("producer", kind="text"),
    Column("production_site", kind="text"),
    Column("production_site_country", kind="text"),
    Column("production_site_reference", kind="text"),
    Column("production_site_commissioning_date", kind="date"),
    Column("double_counting_registration", kind="text"),
    Column("supplier", kind="text"),
    Column("supplier_certificate", kind="text"),
    Column("volume", kind="float"),
    Column("weight_kg", kind="float"),
    Column("lhv_amount_mj", kind="float"),
    Column("biocarburant_code", kind="text"),
    Column("matiere_premiere_code", kind="text"),
    Column("categorie_matiere_premiere", kind="text"),
    Column("pays_origine_code", kind="text"),
    *[Column(term, kind="float") for term in ("eec", "el", "ep", "etd", "eu", "esca", "eccs", "eccr", "eee")],
    Column("ghg_total", kind="float"),
    Column("ghg_reduction", kind="float"),
    Column("ghg_reduction_red_ii", kind="float"),
    Column("dae", kind="text"),
    Column("champ_libre", kind="text"),
    Column("client", kind="text"),
    Column("delivery_date", kind="date"),
    Column("delivery_site", kind="text"),
    Column("delivery_site_country", kind="text"),
    Column("delivery_site_name", kind="text"),
    Column("delivery_type", kind="text"),
    Column("erreurs_bloquantes", kind="bool"),
]


def _name(entity: Entity | None, unknown: str) -> str:
    return entity.organisation.name if entity else unknown


def lot_rows(lots: Iterable[Lot]):
    for lot in lots:
        yield (
            lot.carbure_id,
            lot.status_label,
            _name(lot.producer, lot.unknown_producer),
            lot.production_site.name if lot.production_site else lot.unknown_production_site,
            lot.production_country_id or "",
            lot.production_site_certificate,
            lot.production_site_commissioning_date,
            lot.production_site_double_counting_certificate,
            _name(lot.supplier, lot.unknown_supplier),
            lot.supplier_certificate,
            lot.volume_l,
            lot.weight_kg,
            lot.lhv_amount_mj,
            lot.biofuel_id or "",
            lot.feedstock_id or "",
            lot.feedstock.category if lot.feedstock else "",
            lot.country_of_origin_id or "",
            *[getattr(lot, term) for term in ("eec", "el", "ep", "etd", "eu", "esca", "eccs", "eccr", "eee")],
            lot.ghg_total,
            lot.ghg_reduction,
            lot.ghg_reduction_red_ii,
            lot.transport_document_reference,
            lot.free_field,
            _name(lot.client, lot.unknown_client),
            lot.delivery_date,
            lot.delivery_site.depot_id if lot.delivery_site else "",
            lot.delivery_site_country_id or "",
            lot.delivery_site.name if lot.delivery_site else lot.unknown_delivery_site,
            lot.delivery_type,
            lot.has_blocking_errors,
        )


EXPORT_RELATED = (
    "producer__organisation",
    "supplier__organisation",
    "client__organisation",
    "production_site",
    "delivery_site",
    "feedstock",
)


def lots_sheet(lots, *, title: str = "lots") -> Sheet:
    return Sheet(title, LOT_COLUMNS, rows=lot_rows(lots.select_related(*EXPORT_RELATED).order_by("id").iterator(2000)))


def checker_report_sheet(results) -> Sheet:
    """The public checker's answer as a spreadsheet: one line per error (or per clean row)."""

    def rows():
        for r in results:
            base = (
                r.row,
                r.draft.biofuel.code if r.draft.biofuel else "",
                r.ghg_total,
                r.ghg_reduction_red_ii,
                r.ghg_reduction,
            )
            if not r.errors:
                yield (*base, "", "", "", "Aucune erreur")
            for e in r.errors:
                yield (*base, e.code, "bloquant" if e.blocking else "alerte", e.field or "", e.message)

    return Sheet(
        "controles",
        [
            Column("ligne", kind="int"),
            Column("biocarburant", kind="text"),
            Column("ghg_total", kind="float"),
            Column("ghg_reduction_red_ii", kind="float"),
            Column("ghg_reduction", kind="float"),
            Column("code", kind="text"),
            Column("niveau", kind="text"),
            Column("colonne", kind="text"),
            Column("message", kind="text", width=80),
        ],
        rows=rows(),
    )
