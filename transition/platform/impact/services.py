"""Writes of the impact app: daily snapshots of every registered indicator."""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import Snapshot
from .registry import Indicator, indicators

logger = logging.getLogger(__name__)

VALUE_QUANTUM = Decimal("0.0001")  # the precision Snapshot.value keeps


class IndicatorError(Exception):
    """An indicator's computation failed; the message is in French."""


@dataclass
class SnapshotReport:
    day: date
    saved: list[tuple[str, str]] = field(default_factory=list)
    failed: dict[tuple[str, str], str] = field(default_factory=dict)


def indicator_value(indicator: Indicator, day: date) -> Decimal | None:
    """`indicator.compute(day)` checked and converted to a Decimal, or IndicatorError. None: the
    indicator has nothing to measure yet (a share of zero addresses): the pages show "—"."""
    try:
        raw = indicator.compute(day)
    except Exception as exc:
        raise IndicatorError(f"le calcul a échoué ({type(exc).__name__} : {exc})") from exc
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise IndicatorError(f"le calcul doit rendre un entier ou un Decimal, pas {type(raw).__name__}")
    value = Decimal(raw)
    if not value.is_finite():
        raise IndicatorError(f"le calcul a rendu une valeur non finie ({value})")
    return value.quantize(VALUE_QUANTUM)


def snapshot_take(*, day: date) -> SnapshotReport:
    """Compute every registered indicator as it stood at the end of `day` and store it, replacing
    that day's earlier snapshot. An indicator that fails is logged and skipped; the others are saved."""
    if day > timezone.localdate():
        raise ValueError(f"Impossible de relever les indicateurs d’un jour à venir ({day:%d/%m/%Y}).")
    report = SnapshotReport(day=day)
    now = timezone.now()
    with transaction.atomic():
        for indicator in indicators():
            ident = (indicator.product, indicator.key)
            try:
                with transaction.atomic():  # a failing query leaves the others' savepoints intact
                    value = indicator_value(indicator, day)
                    if value is None:  # nothing to measure that day: no snapshot, "—" on the pages
                        Snapshot.objects.filter(product=indicator.product, key=indicator.key, date=day).delete()
                        report.saved.append(ident)
                        continue
                    Snapshot.objects.update_or_create(
                        product=indicator.product,
                        key=indicator.key,
                        date=day,
                        defaults={"value": value, "computed_at": now},
                    )
            except Exception as exc:
                message = str(exc) if isinstance(exc, IndicatorError) else f"{type(exc).__name__} : {exc}"
                logger.exception("Indicateur %s/%s au %s non relevé : %s", *ident, day.isoformat(), message)
                report.failed[ident] = message
            else:
                report.saved.append(ident)
    return report


def snapshot_backfill(*, last_day: date, days: int) -> list[SnapshotReport]:
    """Snapshots for the `days` days ending with `last_day`, oldest first."""
    if days < 1:
        raise ValueError("Le nombre de jours à reprendre doit valoir au moins 1.")
    return [snapshot_take(day=last_day - timedelta(days=offset)) for offset in range(days - 1, -1, -1)]
