"""What the administration (DGEC) reads: volumes by month, entity and feedstock; every lot with
its checks; declarations of a period; certificates to check; locked years."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from ..domain import declarations as periods
from ..domain.sanity_checks import MESSAGES as CHECK_MESSAGES
from ..domain.vocabulary import (
    CLIENT_ENTITY_TYPES,
    ENTITY_TYPE_LABELS,
    FEEDSTOCK_CATEGORY_LABELS,
    EntityType,
    LotStatus,
)
from ..enums import CertificateCheck
from ..models import Declaration, Entity, EntityCertificate, Lot, LotCheck, YearLock

COUNTED = (LotStatus.PENDING, LotStatus.ACCEPTED, LotStatus.FROZEN)  # lots that exist for the market


def year_lots(year: int) -> QuerySet:
    return Lot.objects.filter(year=year, lot_status__in=COUNTED)


def volumes_by_month(year: int) -> list[dict]:
    rows = {
        r["period"]: r
        for r in year_lots(year)
        .values("period")
        .annotate(
            lots=Count("pk"),
            volume=Sum("volume_l"),
            declared=Sum("volume_l", filter=Q(lot_status=LotStatus.FROZEN)),
            blocking=Count("pk", filter=Q(has_blocking_errors=True)),
        )
    }
    return [
        {
            "period": p,
            "label": periods.period_label(p),
            **rows.get(p, {"lots": 0, "volume": 0, "declared": 0, "blocking": 0}),
        }
        for p in (year * 100 + month for month in range(1, 13))
    ]


def volumes_by_feedstock(year: int) -> list[dict]:
    rows = list(
        year_lots(year)
        .values("feedstock_id", "feedstock__name", "feedstock__category")
        .annotate(lots=Count("pk"), volume=Sum("volume_l"))
        .order_by("-volume")
    )
    total = sum(r["volume"] or 0 for r in rows) or 1
    for r in rows:
        r["share"] = 100 * (r["volume"] or 0) / total
        r["category_label"] = FEEDSTOCK_CATEGORY_LABELS.get(r["feedstock__category"], "—")
    return rows


def volumes_by_entity(year: int) -> list[dict]:
    lots = year_lots(year)
    sent = {r["supplier_id"]: r for r in lots.values("supplier_id").annotate(lots=Count("pk"), volume=Sum("volume_l"))}
    received = {r["client_id"]: r for r in lots.values("client_id").annotate(lots=Count("pk"), volume=Sum("volume_l"))}
    result = []
    for entity in Entity.objects.filter(entity_type__in=CLIENT_ENTITY_TYPES).select_related("organisation"):
        s, r = sent.get(entity.pk, {}), received.get(entity.pk, {})
        result.append(
            {
                "entity": entity,
                "type_label": ENTITY_TYPE_LABELS[EntityType(entity.entity_type)],
                "sent_lots": s.get("lots", 0),
                "sent_volume": s.get("volume") or 0,
                "received_lots": r.get("lots", 0),
                "received_volume": r.get("volume") or 0,
            }
        )
    return sorted(result, key=lambda row: -(row["sent_volume"] + row["received_volume"]))


def check_counts(year: int) -> list[dict]:
    """The checks raised on the year's lots, most frequent first, each with what it means."""
    rows = list(
        LotCheck.objects.filter(lot__year=year, lot__lot_status__in=COUNTED)
        .values("code", "blocking")
        .annotate(lots=Count("lot", distinct=True))
        .order_by("-lots")
    )
    return [{**row, "meaning": CHECK_MESSAGES.get(row["code"], "")} for row in rows]


@dataclass(frozen=True)
class AdminLotFilters:
    year: int | None = None
    period: int | None = None
    entity_id: int | None = None
    status: str = ""
    check_code: str = ""
    blocking_only: bool = False
    highlighted: bool = False


def admin_lots(filters: AdminLotFilters) -> QuerySet:
    lots = Lot.objects.exclude(lot_status__in=[LotStatus.DRAFT, LotStatus.DELETED])
    if filters.year:
        lots = lots.filter(year=filters.year)
    if filters.period:
        lots = lots.filter(period=filters.period)
    if filters.entity_id:
        e = filters.entity_id
        lots = lots.filter(Q(supplier_id=e) | Q(client_id=e) | Q(added_by_id=e))
    if filters.status:
        lots = lots.filter(lot_status=filters.status)
    if filters.check_code:
        lots = lots.filter(checks__code=filters.check_code).distinct()
    if filters.blocking_only:
        lots = lots.filter(has_blocking_errors=True)
    if filters.highlighted:
        lots = lots.filter(highlighted_by_admin=True)
    return lots


def period_declarations(period: int) -> list[dict]:
    declared = {d.entity_id: d for d in Declaration.objects.filter(period=period)}
    with_lots = set(
        Lot.objects.filter(period=period)
        .exclude(lot_status__in=[LotStatus.DRAFT, LotStatus.DELETED])
        .values_list("supplier_id", flat=True)
    ) | set(
        Lot.objects.filter(period=period)
        .exclude(lot_status__in=[LotStatus.DRAFT, LotStatus.DELETED])
        .values_list("client_id", flat=True)
    )
    rows = []
    for entity in Entity.objects.filter(pk__in=with_lots - {None}).select_related("organisation"):
        d = declared.get(entity.pk)
        rows.append({"entity": entity, "declared": bool(d and d.declared), "declared_at": d.declared_at if d else None})
    return sorted(rows, key=lambda r: (r["declared"], r["entity"].organisation.name))


def pending_certificates() -> QuerySet:
    return (
        EntityCertificate.objects.filter(check_status=CertificateCheck.PENDING)
        .select_related("entity__organisation", "certificate")
        .order_by("created_at")
    )


def locked_year_list() -> list[int]:
    return list(YearLock.objects.values_list("year", flat=True))
