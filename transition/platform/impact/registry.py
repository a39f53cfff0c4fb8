"""Impact indicators: each product registers its own from its AppConfig.ready().

An indicator's `compute(day)` returns its value as it stood at the end of `day` (Europe/Paris),
so that snapshots can be rebuilt for past dates. `day_end(day)` gives that instant, aware, for
filters such as `created_at__lt=day_end(day)`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
PORTAL = "portail"  # the platform's own indicators


@dataclass(frozen=True)
class Indicator:
    product: str  # a product slug, or "portail" for the platform's own
    key: str
    label: str
    definition: str  # plain French: what is counted, from what, with which assumption
    unit: str
    compute: Callable[[date], int | Decimal | None]  # None: nothing to measure yet ("—")
    headline: bool = True  # shown on /stats/ among the product's headline figures
    # A count of requests handled by the product (demands, dossiers...): the portal sums them all.
    counts_as_request: bool = False
    # Optional sentence computed when the page is shown, e.g. what a total is made of.
    explain: Callable[[], str] | None = None


_indicators: dict[tuple[str, str], Indicator] = {}


def register_indicator(indicator: Indicator) -> None:
    _indicators[(indicator.product, indicator.key)] = indicator


def indicators(product: str | None = None) -> list[Indicator]:
    return [i for (p, _), i in _indicators.items() if product is None or p == product]


def day_end(day: date) -> datetime:
    """The first instant after `day` in Europe/Paris: what happened by the end of `day` is before it."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=PARIS)
