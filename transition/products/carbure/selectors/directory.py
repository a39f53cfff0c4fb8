"""What an entity may resolve the names of its lot rows against: its production sites, the
registered entities and depots, its stocks (with the lot each one came from)."""

from collections.abc import Iterable

from ..domain import template
from ..domain.ghg import ghg_of
from ..domain.lot_construction import Directory, LotDraft, SiteRef, StockRef, construct_lot
from ..domain.lot_facts import DoubleCountingInfo
from ..domain.vocabulary import CLIENT_ENTITY_TYPES
from ..models import Depot, Entity, Lot, ProductionSite, Stock
from .checks import depot_ref, entity_ref
from .referentials import referentials


def site_ref(site: ProductionSite) -> SiteRef:
    refs = referentials()
    return SiteRef(
        id=site.pk,
        name=site.name,
        country=refs.countries.get(site.country_id),
        commissioning_date=site.commissioning_date,
        agreements=tuple(
            DoubleCountingInfo(a.certificate_id, a.production_site_id, a.valid_from, a.valid_until)
            for a in site.agreements.all()
        ),
    )


def lot_draft(lot: Lot) -> LotDraft:
    """The production and sustainability data of a stored lot, as a draft to copy from."""
    refs = referentials()
    return LotDraft(
        producer=entity_ref(lot.producer),
        unknown_producer=lot.unknown_producer,
        production_site=site_ref(lot.production_site) if lot.production_site else None,
        unknown_production_site=lot.unknown_production_site,
        production_country=refs.countries.get(lot.production_country_id) if lot.production_country_id else None,
        commissioning_date=lot.production_site_commissioning_date,
        production_site_certificate=lot.production_site_certificate,
        double_counting_reference=lot.production_site_double_counting_certificate,
        biofuel=refs.biofuels.get(lot.biofuel_id) if lot.biofuel_id else None,
        feedstock=refs.feedstocks.get(lot.feedstock_id) if lot.feedstock_id else None,
        country_of_origin=refs.countries.get(lot.country_of_origin_id) if lot.country_of_origin_id else None,
        terms={term: getattr(lot, term) for term in ("eec", "el", "ep", "etd", "eu", "esca", "eccs", "eccr", "eee")},
    )


def stock_origin_lot(stock: Stock) -> Lot:
    """The lot whose sustainability data a stock carries (through ETBE transformations)."""
    while stock.parent_lot_id is None:
        stock = stock.parent_transformation.source
    return stock.parent_lot


def stock_ref(stock: Stock) -> StockRef:
    origin = lot_draft(stock_origin_lot(stock))
    origin.ghg = ghg_of(origin.terms)
    return StockRef(
        id=stock.pk,
        carbure_id=stock.carbure_id,
        remaining_volume_l=stock.remaining_volume_l,
        biofuel=referentials().biofuels[stock.biofuel_id],
        depot=depot_ref(stock.depot),
        origin=origin,
    )


def directory_for(entity: Entity, *, stock_ids: Iterable[str] = ()) -> Directory:
    clients = Entity.objects.filter(entity_type__in=CLIENT_ENTITY_TYPES).select_related("organisation")
    depots = {}
    for depot in Depot.objects.all():
        ref = depot_ref(depot)
        depots[depot.name.strip().upper()] = ref
        depots[depot.depot_id.strip().upper()] = ref  # an id wins over a homonymous name
    wanted = {s.strip().upper() for s in stock_ids if s.strip()}
    stocks = (
        Stock.objects.filter(owner=entity, carbure_id__in=wanted).select_related(
            "depot", "parent_lot", "parent_transformation__source"
        )
        if wanted
        else []
    )
    return Directory(
        importer=entity_ref(entity),
        default_certificate=entity.default_certificate,
        own_sites={site.name.strip().upper(): site_ref(site) for site in entity.sites.prefetch_related("agreements")},
        entities={e.organisation.name.strip().upper(): entity_ref(e) for e in clients},
        depots=depots,
        stocks={s.carbure_id.upper(): stock_ref(s) for s in stocks},
    )


def draft_from_row(entity: Entity, raw: dict) -> tuple[LotDraft, list]:
    """One row of template columns (a form, a line of a file) resolved as `entity` would import it."""
    row, findings = template.parse_row({template.normalise_header(k): v for k, v in raw.items()})
    draft, more = construct_lot(row, referentials(), directory_for(entity, stock_ids=[row.get("carbure_stock_id")]))
    return draft, findings + more
