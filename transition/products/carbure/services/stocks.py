"""Stocks: made by accepting a lot into a depot; split into lots for the next clients; flushed
when at most 5 % remains; ethanol turned into ETBE (a new stock)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts.permissions import require

from ..domain import stocks as rules
from ..domain.vocabulary import DeliveryType, LotStatus, TransportDocumentType
from ..enums import LotEventType, StockEventType
from ..models import Biofuel, Depot, Entity, Lot, Stock, StockTransformation
from ..selectors.lots import carbure_id_refresh, lot_copy, lots_for_facts
from .checks import lots_checks_refresh
from .history import lot_events_record, stock_event_record


class StockRefused(Exception):
    """A stock operation the rules refuse; the message says why, in French."""


def _quantities(biofuel: Biofuel, volume_l: float) -> tuple[float, float]:
    return round(volume_l * biofuel.density_kg_l, 2), round(volume_l * biofuel.lhv_mj_l, 2)


def stock_create_from_lot(lot: Lot, *, entity: Entity, user) -> Stock:
    """The stock a lot makes when its client accepts it into a depot (inside the caller's transaction)."""
    stock = Stock.objects.create(
        owner=entity,
        depot_id=lot.delivery_site_id,
        parent_lot=lot,
        biofuel_id=lot.biofuel_id,
        feedstock_id=lot.feedstock_id,
        country_of_origin_id=lot.country_of_origin_id,
        production_site_id=lot.production_site_id,
        unknown_production_site=lot.unknown_production_site,
        supplier_id=lot.supplier_id,
        unknown_supplier=lot.unknown_supplier,
        initial_volume_l=lot.volume_l,
        remaining_volume_l=lot.volume_l,
        remaining_weight_kg=lot.weight_kg,
        remaining_lhv_amount_mj=lot.lhv_amount_mj,
        ghg_reduction=lot.ghg_reduction,
        ghg_reduction_red_ii=lot.ghg_reduction_red_ii,
    )
    stock.carbure_id = f"{lot.carbure_id}S{stock.pk}"
    stock.save(update_fields=["carbure_id"])
    stock_event_record(stock, StockEventType.CREATED, entity=entity, user=user, volume_l=lot.volume_l)
    return stock


def _take(stock: Stock, volume_l: float) -> None:
    stock.remaining_volume_l = rules.remaining_after(stock.remaining_volume_l, volume_l)
    biofuel = Biofuel.objects.get(pk=stock.biofuel_id)
    stock.remaining_weight_kg, stock.remaining_lhv_amount_mj = _quantities(biofuel, stock.remaining_volume_l)
    stock.save(update_fields=["remaining_volume_l", "remaining_weight_kg", "remaining_lhv_amount_mj"])


def _origin_lot(stock: Stock) -> Lot:
    while stock.parent_lot_id is None:
        stock = stock.parent_transformation.source
    return stock.parent_lot


def _lot_from(stock: Stock, volume_l: float, entity: Entity) -> Lot:
    """A new unsaved lot of `volume_l` litres taken from the stock by its owner, with the
    sustainability data of the lot the stock came from."""
    lot = lot_copy(_origin_lot(stock))
    lot.biofuel_id = stock.biofuel_id
    lot.volume_l = volume_l
    lot.weight_kg, lot.lhv_amount_mj = _quantities(Biofuel.objects.get(pk=stock.biofuel_id), volume_l)
    lot.parent_stock = stock
    lot.added_by = lot.supplier = entity
    return lot


def _locked(stock: Stock, entity: Entity) -> Stock:
    stock = Stock.objects.select_for_update().get(pk=stock.pk)
    if stock.owner_id != entity.pk:
        raise StockRefused("Ce stock n’appartient pas à votre entité.")
    return stock


def stock_split(
    *,
    entity: Entity,
    user,
    stock: Stock,
    volume_l: float,
    delivery_date: date,
    delivery_type: DeliveryType = DeliveryType.UNKNOWN,
    client: Entity | None = None,
    unknown_client: str = "",
    delivery_site: Depot | None = None,
    unknown_delivery_site: str = "",
    delivery_site_country_id: str | None = None,
    transport_document_reference: str = "",
    supplier_certificate: str = "",
) -> Lot:
    """A draft lot taken from the stock, with the stock's sustainability data; the stock shrinks at once."""
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        stock = _locked(stock, entity)
        reason = rules.split_refusal(remaining_l=stock.remaining_volume_l, volume_l=volume_l)
        if reason:
            raise StockRefused(reason)
        volume = round(volume_l, 2)
        lot = _lot_from(stock, volume, entity)
        lot.lot_status = LotStatus.DRAFT
        lot.unknown_supplier = ""
        lot.supplier_certificate = supplier_certificate or entity.default_certificate
        lot.vendor, lot.vendor_certificate = None, ""
        lot.client, lot.unknown_client = client, unknown_client
        lot.delivery_type = delivery_type
        lot.delivery_date = delivery_date
        lot.year, lot.period = delivery_date.year, delivery_date.year * 100 + delivery_date.month
        lot.delivery_site, lot.unknown_delivery_site = delivery_site, unknown_delivery_site
        lot.delivery_site_country_id = delivery_site.country_id if delivery_site else delivery_site_country_id
        lot.transport_document_type = TransportDocumentType.DAE
        lot.transport_document_reference = transport_document_reference
        lot.free_field = ""
        lot.save()
        carbure_id_refresh([lot.pk])
        lot.refresh_from_db(fields=["carbure_id"])
        _take(stock, volume)
        stock_event_record(
            stock, StockEventType.SPLIT, entity=entity, user=user, volume_l=volume, details={"lot": lot.pk}
        )
        lot_events_record([lot], LotEventType.CREATED, entity=entity, user=user, details={"stock": stock.pk})
        lots_checks_refresh(lots_for_facts([lot.pk]))
    return lot


def stock_flush(*, entity: Entity, user, stock: Stock, comment: str = "") -> Lot:
    """Write off what remains (at most 5 %) as a FLUSHED lot, accepted at once."""
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        stock = _locked(stock, entity)
        reason = rules.flush_refusal(initial_l=stock.initial_volume_l, remaining_l=stock.remaining_volume_l)
        if reason:
            raise StockRefused(reason)
        volume = round(stock.remaining_volume_l, 2)
        lot = _lot_from(stock, volume, entity)
        lot.client, lot.unknown_client = None, ""
        lot.lot_status, lot.delivery_type = LotStatus.ACCEPTED, DeliveryType.FLUSHED
        lot.transport_document_type, lot.transport_document_reference = TransportDocumentType.OTHER, "N/A - FLUSH"
        lot.delivery_site, lot.unknown_delivery_site, lot.delivery_site_country = None, "", None
        lot.delivery_date = timezone.localdate()
        lot.year, lot.period = lot.delivery_date.year, lot.delivery_date.year * 100 + lot.delivery_date.month
        lot.free_field = comment or "Vidange de stock"
        lot.save()
        lot.carbure_id = f"{stock.carbure_id}-V"
        lot.save(update_fields=["carbure_id"])
        stock.remaining_volume_l = stock.remaining_weight_kg = stock.remaining_lhv_amount_mj = 0
        stock.save(update_fields=["remaining_volume_l", "remaining_weight_kg", "remaining_lhv_amount_mj"])
        stock_event_record(stock, StockEventType.FLUSHED, entity=entity, user=user, volume_l=volume)
        lot_events_record([lot], LotEventType.CREATED, entity=entity, user=user, details={"stock": stock.pk})
        lot_events_record([lot], LotEventType.ACCEPTED, entity=entity, user=user, details={"automatic": True})
    return lot


def stock_transform_to_etbe(
    *,
    entity: Entity,
    user,
    stock: Stock,
    volume_ethanol_l: float,
    volume_etbe_l: float,
    volume_denaturant_l: float,
    volume_etbe_eligible_l: float,
) -> Stock:
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        stock = _locked(stock, entity)
        try:
            t = rules.etbe_transformation(
                biofuel_code=stock.biofuel_id,
                remaining_l=stock.remaining_volume_l,
                volume_ethanol_l=volume_ethanol_l,
                volume_etbe_l=volume_etbe_l,
                volume_denaturant_l=volume_denaturant_l,
                volume_etbe_eligible_l=volume_etbe_eligible_l,
            )
        except rules.StockRuleError as exc:
            raise StockRefused(str(exc)) from None
        _take(stock, t.volume_ethanol_l)
        transformation = StockTransformation.objects.create(
            source=stock,
            entity=entity,
            user=user,
            volume_ethanol_l=t.volume_ethanol_l,
            volume_etbe_l=t.volume_etbe_l,
            volume_denaturant_l=t.volume_denaturant_l,
            volume_etbe_eligible_l=t.volume_etbe_eligible_l,
        )
        etbe = Biofuel.objects.get(pk=rules.ETBE)
        weight, lhv = _quantities(etbe, t.volume_etbe_l)
        new_stock = Stock.objects.create(
            owner=entity,
            depot_id=stock.depot_id,
            parent_transformation=transformation,
            biofuel=etbe,
            feedstock_id=stock.feedstock_id,
            country_of_origin_id=stock.country_of_origin_id,
            production_site_id=stock.production_site_id,
            unknown_production_site=stock.unknown_production_site,
            supplier_id=stock.supplier_id,
            unknown_supplier=stock.unknown_supplier,
            initial_volume_l=t.volume_etbe_l,
            remaining_volume_l=t.volume_etbe_l,
            remaining_weight_kg=weight,
            remaining_lhv_amount_mj=lhv,
            ghg_reduction=stock.ghg_reduction,
            ghg_reduction_red_ii=stock.ghg_reduction_red_ii,
        )
        new_stock.carbure_id = f"{stock.carbure_id}T{new_stock.pk}"
        new_stock.save(update_fields=["carbure_id"])
        details = {"ethanol_l": t.volume_ethanol_l, "etbe_l": t.volume_etbe_l, "new_stock": new_stock.pk}
        stock_event_record(
            stock, StockEventType.TRANSFORMED, entity=entity, user=user, volume_l=t.volume_ethanol_l, details=details
        )
        stock_event_record(new_stock, StockEventType.CREATED, entity=entity, user=user, volume_l=t.volume_etbe_l)
    return new_stock
