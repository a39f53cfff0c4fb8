"""Reading lots: what an entity is to a lot, the lists (keyset pagination, newest first), a lot's
page with its checks, history and lineage."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat, LPad
from django.utils import timezone

from ..domain.power_heat import PowerHeatSaving, power_heat_saving
from ..domain.transitions import LotState, Party
from ..domain.vocabulary import CorrectionStatus, LotStatus
from ..models import Entity, Lot, LotCheck, Stock
from .checks import FACTS_RELATED, locked_years

# What a lot list shows, and no more: each join costs the planner time on a table of millions.
LIST_RELATED = ("supplier__organisation", "client__organisation", "biofuel", "feedstock")
DETAIL_RELATED = (
    *FACTS_RELATED,
    "biofuel",
    "feedstock",
    "country_of_origin",
    "delivery_site_country",
    "production_site",
)


def lots_for_facts(ids, *, for_update: bool = False) -> QuerySet:
    queryset = Lot.objects.filter(pk__in=list(ids)).order_by("pk")
    if for_update:
        # select_for_update cannot lock the nullable side of outer joins: lock, then read.
        list(queryset.select_for_update().values_list("pk", flat=True))
    return queryset.select_related(*FACTS_RELATED)


def lot_copy(lot: Lot) -> Lot:
    """A new unsaved lot with the same data (lineage, status and flags set by the caller)."""
    child = Lot.objects.get(pk=lot.pk)
    child.pk = child.id = None
    child.carbure_id = ""
    child.parent_lot = child.parent_stock = None
    child.declared_by_supplier = child.declared_by_client = False
    child.had_blocking_errors = child.has_blocking_errors = child.has_warnings = False
    child.highlighted_by_admin, child.audit_verdict = False, ""
    child.correction_status = CorrectionStatus.NO_PROBLEMO
    child.created_at = child.updated_at = timezone.now()
    return child


def carbure_id_refresh(lot_ids) -> None:
    """Give lots their readable identifier: delivery country, period, biofuel, number
    (FR202506-ETH-1234). One UPDATE computed by the database, however many lots."""
    Lot.objects.filter(pk__in=list(lot_ids)).update(
        carbure_id=Concat(
            Coalesce(F("delivery_site_country_id"), Value("XX")),
            LPad(Cast(Coalesce(F("period"), Value(0)), output_field=CharField()), 6, Value("0")),
            Value("-"),
            Coalesce(F("biofuel_id"), Value("XXX")),
            Value("-"),
            Cast(F("id"), output_field=CharField()),
            output_field=CharField(),
        )
    )


def parties(lot: Lot, entity: Entity) -> frozenset[Party]:
    found = set()
    if lot.added_by_id == entity.pk:
        found.add(Party.CREATOR)
    if lot.supplier_id == entity.pk:
        found.add(Party.SUPPLIER)
    if lot.client_id == entity.pk:
        found.add(Party.CLIENT)
    return frozenset(found)


def descendants_in_use(lot: Lot) -> bool:
    """Whether what the client did with the lot went further than its own acceptance."""
    if lot.children.exclude(lot_status__in=[LotStatus.DRAFT, LotStatus.DELETED]).exists():
        return True
    for stock in lot.stocks.all():
        if stock.extracted_lots.exclude(lot_status=LotStatus.DELETED).exists() or stock.transformations.exists():
            return True
        if round(stock.remaining_volume_l, 2) != round(stock.initial_volume_l, 2):
            return True
    return False


def lot_state(lot: Lot, entity: Entity) -> LotState:
    return LotState(
        lot_status=LotStatus(lot.lot_status),
        correction_status=CorrectionStatus(lot.correction_status),
        parties=parties(lot, entity),
        has_blocking_errors=lot.has_blocking_errors,
        year_locked=lot.year is not None and (lot.year in locked_years() or lot.year <= 2015),
        descendants_in_use=lot.lot_status == LotStatus.ACCEPTED and descendants_in_use(lot),
    )


# --- lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LotTab:
    key: str
    label: str


TABS = (
    LotTab("brouillons", "Brouillons"),
    LotTab("recus", "Reçus"),
    LotTab("envoyes", "Envoyés"),
    LotTab("corrections", "En correction"),
    LotTab("declares", "Déclarés"),
)
TAB_KEYS = {tab.key for tab in TABS}


def tab_queryset(entity: Entity, tab: str) -> QuerySet:
    """An entity's lots on one tab. Each tab reads one of the lot indexes (entity, status, id)."""
    lots = Lot.objects.all()
    if tab == "brouillons":
        return lots.filter(added_by=entity, lot_status=LotStatus.DRAFT)
    if tab == "recus":
        return lots.filter(client=entity, lot_status__in=[LotStatus.PENDING, LotStatus.ACCEPTED])
    if tab == "envoyes":
        return lots.filter(supplier=entity, lot_status__in=[LotStatus.PENDING, LotStatus.ACCEPTED, LotStatus.REJECTED])
    if tab == "corrections":
        return (
            lots.filter(Q(client=entity) | Q(supplier=entity) | Q(added_by=entity))
            .filter(correction_status__in=[CorrectionStatus.IN_CORRECTION, CorrectionStatus.FIXED])
            .exclude(lot_status=LotStatus.DELETED)
        )
    if tab == "declares":
        return lots.filter(Q(client=entity) | Q(supplier=entity), lot_status=LotStatus.FROZEN)
    raise ValueError(tab)


@dataclass(frozen=True)
class LotFilters:
    period: int | None = None
    status: str = ""
    biofuel: str = ""
    feedstock: str = ""
    with_errors: bool = False
    query: str = ""


def filtered(lots: QuerySet, filters: LotFilters) -> QuerySet:
    if filters.period:
        lots = lots.filter(period=filters.period)
    if filters.status:
        lots = lots.filter(lot_status=filters.status)
    if filters.biofuel:
        lots = lots.filter(biofuel_id=filters.biofuel)
    if filters.feedstock:
        lots = lots.filter(feedstock_id=filters.feedstock)
    if filters.with_errors:
        lots = lots.filter(has_blocking_errors=True)
    if filters.query:
        q = filters.query
        lots = lots.filter(
            Q(carbure_id__icontains=q) | Q(transport_document_reference__icontains=q) | Q(free_field__icontains=q)
        )
    return lots


@dataclass
class LotPage:
    lots: list[Lot]
    next_cursor: int | None  # the last id shown: the next page starts below it


def lot_page(
    lots: QuerySet, *, after: int | None, size: int, viewer: Entity | None, as_controller: bool = False
) -> LotPage:
    """One page, newest first, from the id below `after` (keyset: the same cost at any depth).
    Each lot carries `shown_checks`, the checks this viewer may see (one query for the page): the
    list says "Alertes" only when the lot's page will show one."""
    if after:
        lots = lots.filter(id__lt=after)
    page = list(lots.select_related(*LIST_RELATED).order_by("-id")[: size + 1])
    has_more = len(page) > size
    page = page[:size]
    by_lot = defaultdict(list)
    for check in LotCheck.objects.filter(lot_id__in=[lot.pk for lot in page]).order_by("-blocking", "code"):
        by_lot[check.lot_id].append(check)
    for lot in page:
        lot.shown_checks = [c for c in by_lot[lot.pk] if _shown(c, lot, viewer, as_controller)]
    return LotPage(page, page[-1].pk if has_more else None)


COUNT_CAP = 10_000


def tab_counts(entity: Entity) -> dict[str, str]:
    """Lots per tab, counted up to COUNT_CAP (beyond, "10 000+": a count of a million rows
    would cost more than the page itself)."""
    counts = {}
    for tab in TABS:
        n = tab_queryset(entity, tab.key)[: COUNT_CAP + 1].count()
        counts[tab.key] = f"{COUNT_CAP:,}+".replace(",", " ") if n > COUNT_CAP else str(n)
    return counts


# --- one lot ----------------------------------------------------------------------------------


def visible_checks(lot: Lot, entity: Entity | None, *, as_controller: bool = False) -> list[LotCheck]:
    """The checks this viewer may see: creator, recipient, or administration and auditors."""
    return [c for c in lot.checks.all().order_by("-blocking", "code") if _shown(c, lot, entity, as_controller)]


def _shown(check: LotCheck, lot: Lot, entity: Entity | None, as_controller: bool) -> bool:
    if as_controller:
        return check.to_administration or check.to_auditor
    if entity is None:
        return False
    return (entity.pk == lot.added_by_id and check.to_creator) or (entity.pk == lot.client_id and check.to_recipient)


def lot_power_heat(lot: Lot) -> PowerHeatSaving | None:
    """The savings of a lot delivered to a power or heat plant whose efficiencies are known."""
    site = lot.delivery_site
    if site is None:
        return None
    return power_heat_saving(
        ghg_total=lot.ghg_total,
        electrical_efficiency=site.electrical_efficiency,
        thermal_efficiency=site.thermal_efficiency,
        useful_temperature_c=site.useful_temperature_c,
    )


def lot_lineage(lot: Lot) -> dict:
    return {
        "power_heat": lot_power_heat(lot),
        "parent_lot": lot.parent_lot,
        "parent_stock": lot.parent_stock,
        "children": list(lot.children.exclude(lot_status=LotStatus.DELETED).select_related("client__organisation")),
        "stocks": list(Stock.objects.filter(parent_lot=lot).select_related("depot")),
    }


def lot_as_row(lot: Lot) -> dict:
    """A stored lot in the lot form's (the template's) columns."""

    def name(entity, unknown):
        return entity.organisation.name if entity else unknown

    row = {
        "production_site": lot.production_site.name if lot.production_site else lot.unknown_production_site,
        "producer": "" if lot.producer_id == lot.added_by_id else name(lot.producer, lot.unknown_producer),
        "production_site_country": lot.production_country_id or "",
        "production_site_commissioning_date": lot.production_site_commissioning_date,
        "production_site_reference": lot.production_site_certificate,
        "double_counting_registration": lot.production_site_double_counting_certificate,
        "supplier": "" if lot.supplier_id == lot.added_by_id else name(lot.supplier, lot.unknown_supplier),
        "supplier_certificate": lot.supplier_certificate,
        "vendor_certificate": lot.vendor_certificate,
        "quantity": lot.volume_l or None,
        "unit": "l",
        "biocarburant_code": lot.biofuel_id or "",
        "matiere_premiere_code": lot.feedstock_id or "",
        "pays_origine_code": lot.country_of_origin_id or "",
        "dae": lot.transport_document_reference,
        "client": "" if lot.client_id == lot.added_by_id else name(lot.client, lot.unknown_client),
        "delivery_date": lot.delivery_date,
        "delivery_site": lot.delivery_site.depot_id if lot.delivery_site else lot.unknown_delivery_site,
        "delivery_site_country": lot.delivery_site_country_id or "",
        "delivery_type": "" if lot.delivery_type == "UNKNOWN" else lot.delivery_type,
        "champ_libre": lot.free_field,
    }
    row.update({term: getattr(lot, term) for term in ("eec", "el", "ep", "etd", "eu", "esca", "eccs", "eccr", "eee")})
    return row
