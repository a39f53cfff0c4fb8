"""An entity's monthly declarations: the lots of a period, what stops the declaration, and the
months to show."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from ..domain import declarations as rules
from ..domain.vocabulary import CorrectionStatus, LotStatus
from ..models import Declaration, Entity, Lot
from .checks import locked_years


def period_lots(entity: Entity, period: int) -> QuerySet:
    """The lots a period's declaration covers: sent or received by the entity, neither drafts nor deleted."""
    return (
        Lot.objects.filter(period=period)
        .filter(Q(supplier=entity) | Q(client=entity))
        .exclude(lot_status__in=[LotStatus.DRAFT, LotStatus.DELETED])
    )


def period_counts(entity: Entity, period: int) -> rules.PeriodLots:
    counts = period_lots(entity, period).aggregate(
        pending=Count("pk", filter=Q(lot_status=LotStatus.PENDING)),
        in_correction=Count(
            "pk", filter=Q(correction_status__in=[CorrectionStatus.IN_CORRECTION, CorrectionStatus.FIXED])
        ),
        rejected=Count("pk", filter=Q(lot_status=LotStatus.REJECTED)),
    )
    return rules.PeriodLots(**counts)


def year_locked(period: int) -> bool:
    year = period // 100
    return year in locked_years() or year <= 2015


@dataclass
class PeriodSummary:
    period: int
    label: str
    deadline: date
    declared: bool
    lots_sent: int
    lots_received: int
    volume_sent_l: float
    volume_received_l: float
    refusal: str | None
    overdue: bool
    has_lots: bool


def declaration_summaries(entity: Entity, *, months: int = 12, today: date | None = None) -> list[PeriodSummary]:
    """The last `months` periods, the current one first."""
    today = today or timezone.localdate()
    period = today.year * 100 + today.month
    periods = []
    for _ in range(months):
        periods.append(period)
        period = rules.previous_period(period)
    declared = set(
        Declaration.objects.filter(entity=entity, period__in=periods, declared=True).values_list("period", flat=True)
    )
    totals = {
        row["period"]: row
        for row in Lot.objects.filter(period__in=periods)
        .filter(Q(supplier=entity) | Q(client=entity))
        .exclude(lot_status__in=[LotStatus.DRAFT, LotStatus.DELETED])
        .values("period")
        .annotate(
            sent=Count("pk", filter=Q(supplier=entity)),
            received=Count("pk", filter=Q(client=entity)),
            volume_sent=Sum("volume_l", filter=Q(supplier=entity)),
            volume_received=Sum("volume_l", filter=Q(client=entity)),
        )
    }
    summaries = []
    for p in periods:
        row = totals.get(p, {})
        is_declared = p in declared
        summaries.append(
            PeriodSummary(
                period=p,
                label=rules.period_label(p),
                deadline=rules.deadline(p),
                declared=is_declared,
                lots_sent=row.get("sent", 0),
                lots_received=row.get("received", 0),
                volume_sent_l=row.get("volume_sent") or 0,
                volume_received_l=row.get("volume_received") or 0,
                refusal=None
                if is_declared
                else rules.validation_refusal(counts=period_counts(entity, p), year_locked=year_locked(p)),
                overdue=not is_declared and today > rules.deadline(p) and bool(row),
                has_lots=bool(row),
            )
        )
    return summaries
