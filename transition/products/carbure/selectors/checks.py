"""What the sanity checks need from the database: a stored lot as `LotFacts`, and the world
(`CheckContext`) for a batch of lots, holding only what those lots refer to."""

from collections.abc import Iterable
from datetime import date

from django.db.models.functions import Upper
from django.utils import timezone

from ..domain.lot_facts import (
    CertificateInfo,
    CheckContext,
    DepotRef,
    DoubleCountingInfo,
    EecStat,
    EntityRef,
    EpStat,
    LotFacts,
)
from ..domain.vocabulary import CorrectionStatus, DeliveryType, EntityType, LotStatus
from ..models import (
    Certificate,
    Declaration,
    Depot,
    DoubleCountingAgreement,
    Entity,
    EntityDepot,
    GhgStatistic,
    Lot,
    YearLock,
)
from .referentials import reference_values, referentials

# What a lot list must select to build facts without a query per lot.
FACTS_RELATED = (
    "producer__organisation",
    "supplier__organisation",
    "client__organisation",
    "added_by__organisation",
    "delivery_site",
)


def entity_ref(entity: Entity | None) -> EntityRef | None:
    if entity is None:
        return None
    return EntityRef(entity.pk, entity.organisation.name, EntityType(entity.entity_type), entity.has_trading)


def depot_ref(depot: Depot | None) -> DepotRef | None:
    if depot is None:
        return None
    return DepotRef(depot.depot_id, depot.name, depot.depot_type, depot.country_id, depot.pk)


def lot_facts(lot: Lot) -> LotFacts:
    refs = referentials()
    return LotFacts(
        lot_status=LotStatus(lot.lot_status),
        correction_status=CorrectionStatus(lot.correction_status),
        delivery_date=lot.delivery_date,
        volume_l=lot.volume_l,
        biofuel=refs.biofuels.get(lot.biofuel_id) if lot.biofuel_id else None,
        feedstock=refs.feedstocks.get(lot.feedstock_id) if lot.feedstock_id else None,
        country_of_origin=refs.countries.get(lot.country_of_origin_id) if lot.country_of_origin_id else None,
        producer=entity_ref(lot.producer),
        production_site_id=lot.production_site_id,
        production_site_commissioning_date=lot.production_site_commissioning_date,
        double_counting_reference=lot.production_site_double_counting_certificate,
        supplier=entity_ref(lot.supplier),
        supplier_certificate=lot.supplier_certificate,
        vendor_certificate=lot.vendor_certificate,
        client=entity_ref(lot.client),
        added_by=entity_ref(lot.added_by),
        transport_document_reference=lot.transport_document_reference,
        delivery_type=DeliveryType(lot.delivery_type),
        delivery_site=depot_ref(lot.delivery_site),
        delivery_site_country=refs.countries.get(lot.delivery_site_country_id)
        if lot.delivery_site_country_id
        else None,
        has_parent=lot.parent_lot_id is not None or lot.parent_stock_id is not None,
        eec=lot.eec,
        el=lot.el,
        ep=lot.ep,
        etd=lot.etd,
        eu=lot.eu,
        esca=lot.esca,
        eccs=lot.eccs,
        eccr=lot.eccr,
        eee=lot.eee,
        ghg_reduction=lot.ghg_reduction,
        ghg_reduction_red_ii=lot.ghg_reduction_red_ii,
    )


def locked_years() -> frozenset[int]:
    return frozenset(YearLock.objects.values_list("year", flat=True))


def anonymous_context(*, today: date | None = None) -> CheckContext:
    """What anyone may be checked against: today, locked years, the public default values."""
    return CheckContext(
        today=today or timezone.localdate(),
        locked_years=locked_years(),
        etd_defaults=reference_values()["etd"],
    )


def check_context(lots: Iterable[LotFacts], *, today: date | None = None) -> CheckContext:
    """The full world of a batch of lots: only the certificates, agreements, depots, declarations
    and statistics they refer to are read."""
    lots = list(lots)
    base = anonymous_context(today=today)
    certificate_ids = {lot.supplier_certificate.strip().upper() for lot in lots if lot.supplier_certificate.strip()}
    agreement_ids = {
        lot.double_counting_reference.strip().upper() for lot in lots if lot.double_counting_reference.strip()
    }
    client_ids = {lot.client.id for lot in lots if lot.client}
    creator_ids = {lot.added_by.id for lot in lots if lot.added_by}
    feedstocks = {lot.feedstock.code for lot in lots if lot.feedstock}

    certificates = {
        c.certificate_id.upper(): CertificateInfo(c.certificate_id, c.valid_from, c.valid_until)
        for chunk in _chunks(sorted(certificate_ids))
        for c in Certificate.objects.annotate(upper_id=Upper("certificate_id")).filter(upper_id__in=chunk)
    }
    agreements = tuple(
        DoubleCountingInfo(a.certificate_id, a.production_site_id, a.valid_from, a.valid_until)
        for chunk in _chunks(sorted(agreement_ids))
        for a in DoubleCountingAgreement.objects.annotate(upper_id=Upper("certificate_id")).filter(upper_id__in=chunk)
    )
    depots: dict[int, set[str]] = {client_id: set() for client_id in client_ids}
    for entity_id, depot_id in EntityDepot.objects.filter(entity_id__in=client_ids).values_list(
        "entity_id", "depot__depot_id"
    ):
        depots[entity_id].add(depot_id)
    declared = frozenset(
        Declaration.objects.filter(entity_id__in=creator_ids, declared=True).values_list("entity_id", "period")
    )
    defaults = reference_values()
    eec_stats = {
        (s.feedstock_id, s.origin_id): EecStat(defaults["eec"].get(s.feedstock_id), s.average)
        for s in GhgStatistic.objects.filter(term="eec", feedstock_id__in=feedstocks)
    }
    ep_stats = {}
    for s in GhgStatistic.objects.filter(term="ep", feedstock_id__in=feedstocks):
        low, high = defaults["ep"].get((s.feedstock_id, s.biofuel_id), (None, None))
        ep_stats[(s.feedstock_id, s.biofuel_id)] = EpStat(low, high, s.average)
    return CheckContext(
        today=base.today,
        locked_years=base.locked_years,
        etd_defaults=base.etd_defaults,
        has_account_data=True,
        certificates=certificates,
        double_counting=agreements,
        entity_depots={k: frozenset(v) for k, v in depots.items()},
        declared_periods=declared,
        eec_stats=eec_stats,
        ep_stats=ep_stats,
    )


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]
