"""Reads of the impact app: what /stats/ and /stats/<product>/ show."""

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Min

from transition.platform.core.db_router import replica_reads
from transition.platform.core.registry import product as find_product
from transition.platform.core.registry import products

from .domain.chart import ChartGeometry, bar_chart
from .domain.months import (
    MonthlyValue,
    add_months,
    chart_months,
    last_of_each_month,
    month_short_label,
    month_start,
)
from .enums import ValueSource
from .models import Snapshot
from .registry import PORTAL, Indicator, indicators
from .services import IndicatorError, indicator_value

logger = logging.getLogger(__name__)

PORTAL_NAME = "Plateforme Transition"


@dataclass(frozen=True)
class Figure:
    """An indicator's current value, with where it comes from."""

    indicator: Indicator
    value: Decimal | None
    source: str  # a ValueSource
    as_of: date | None
    error: str = ""

    @property
    def unavailable(self) -> bool:
        return self.source == ValueSource.UNAVAILABLE


@dataclass(frozen=True)
class IndicatorStats:
    figure: Figure
    months: list[MonthlyValue]
    chart: ChartGeometry
    last_snapshot: date | None
    explanation: str
    anchor: str

    @property
    def all_zero(self) -> bool:
        """Every month known is zero: the chart has no bar to show."""
        known = [m.value for m in self.months if m.value is not None]
        return bool(known) and all(v == 0 for v in known)

    @property
    def has_bars(self) -> bool:
        """Some month has a value other than zero: worth a chart (else a sentence says so)."""
        return any(m.value for m in self.months if m.value is not None)

    @property
    def indicator(self) -> Indicator:
        return self.figure.indicator


@dataclass(frozen=True)
class ProductStats:
    slug: str
    name: str
    figures: list[Figure]  # headline figures
    indicators: list[IndicatorStats]
    indicator_count: int


def product_name(slug: str) -> str | None:
    if slug == PORTAL:
        return PORTAL_NAME
    owner = find_product(slug)
    return owner.name if owner else None


def _live(indicator: Indicator, today: date) -> Figure:
    try:
        value = indicator_value(indicator, today)
    except IndicatorError as exc:
        logger.error("Indicateur %s/%s indisponible : %s", indicator.product, indicator.key, exc)
        return Figure(indicator, None, ValueSource.UNAVAILABLE, None, str(exc))
    return Figure(indicator, value, ValueSource.LIVE, today)


def _current(indicator: Indicator, latest_this_month: tuple[date, Decimal] | None, today: date) -> Figure:
    """Today's snapshot, or the value computed now: the nightly snapshot is yesterday's, and a figure
    that ignores today (accounts opened this morning) reads as wrong. If the computation fails, the
    month's latest snapshot, else "indisponible"."""
    if latest_this_month is not None and latest_this_month[0] >= today:
        day, value = latest_this_month
        return Figure(indicator, value, ValueSource.SNAPSHOT, day)
    live = _live(indicator, today)
    if live.unavailable and latest_this_month is not None:
        day, value = latest_this_month
        return Figure(indicator, value, ValueSource.SNAPSHOT, day)
    return live


@replica_reads()
def stats_overview(*, today: date) -> list[ProductStats]:
    """Every product's headline figures (the portal first); products without indicators have none."""
    this_month = month_start(today)
    latest: dict[tuple[str, str], tuple[date, Decimal]] = {}
    for product, key, day, value in Snapshot.objects.filter(date__gte=this_month, date__lte=today).values_list(
        "product", "key", "date", "value"
    ):
        if (product, key) not in latest or day > latest[(product, key)][0]:
            latest[(product, key)] = (day, value)
    overview = []
    for slug, name in [(PORTAL, PORTAL_NAME), *((p.slug, p.name) for p in products())]:
        headline = [i for i in indicators(slug) if i.headline]
        figures = [_current(i, latest.get((i.product, i.key)), today) for i in headline]
        overview.append(
            ProductStats(slug=slug, name=name, figures=figures, indicators=[], indicator_count=len(indicators(slug)))
        )
    return overview


@replica_reads()
def product_stats(slug: str, *, today: date) -> ProductStats | None:
    """Headline figures, monthly series and charts of one product; None for an unknown slug."""
    name = product_name(slug)
    if name is None:
        return None
    registered = indicators(slug)
    keys = [i.key for i in registered]
    bounds = {
        row["key"]: row
        for row in Snapshot.objects.filter(product=slug, key__in=keys, date__lte=today)
        .values("key")
        .annotate(first=Min("date"), last=Max("date"))
    }
    window_start = add_months(month_start(today), -(settings.IMPACT_CHART_MONTHS - 1))
    points: dict[str, list[tuple[date, Decimal]]] = {key: [] for key in keys}
    for key, day, value in Snapshot.objects.filter(
        product=slug, key__in=keys, date__gte=window_start, date__lte=today
    ).values_list("key", "date", "value"):
        points[key].append((day, value))

    stats = []
    for indicator in registered:
        bound = bounds.get(indicator.key)
        months = chart_months(
            today=today, first_snapshot=bound["first"] if bound else None, max_months=settings.IMPACT_CHART_MONTHS
        )
        by_month = last_of_each_month(points[indicator.key])
        current_month = month_start(today)
        figure = _current(indicator, by_month.get(current_month), today)
        series = []
        for month in months:
            if month == current_month and figure.source != ValueSource.SNAPSHOT:
                series.append(MonthlyValue(month, figure.value, figure.source, figure.as_of))
            elif month in by_month:
                day, value = by_month[month]
                series.append(MonthlyValue(month, value, ValueSource.SNAPSHOT, day))
            elif month == current_month:
                series.append(MonthlyValue(month, figure.value, figure.source, figure.as_of))
            else:
                series.append(MonthlyValue(month, None, ValueSource.MISSING, None))
        chart = bar_chart(
            [m.value for m in series],
            [month_short_label(m.month) for m in series],
            [str(m.month.year) if i == 0 or m.month.month == 1 else "" for i, m in enumerate(series)],
            [m.source for m in series],
        )
        stats.append(
            IndicatorStats(
                figure=figure,
                months=series,
                chart=chart,
                last_snapshot=bound["last"] if bound else None,
                explanation=indicator.explain() if indicator.explain else "",
                anchor=f"indicateur-{indicator.key}".replace("_", "-"),
            )
        )
    return ProductStats(
        slug=slug,
        name=name,
        figures=[s.figure for s in stats if s.indicator.headline],
        indicators=stats,
        indicator_count=len(stats),
    )
