"""Impact indicators: each product registers its own from its AppConfig.ready().

An indicator's `compute(day)` returns its value as it stood at the end of `day` (Europe/Paris),
so that snapshots can be rebuilt for past dates.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Indicator:
    product: str  # a product slug, or "portail" for the platform's own
    key: str
    label: str
    definition: str  # plain French: what is counted, from what, with which assumption
    unit: str
    compute: Callable[[date], int | Decimal]
    headline: bool = True  # shown on /stats/ among the product's headline figures


_indicators: dict[tuple[str, str], Indicator] = {}


def register_indicator(indicator: Indicator) -> None:
    _indicators[(indicator.product, indicator.key)] = indicator


def indicators(product: str | None = None) -> list[Indicator]:
    return [i for (p, _), i in _indicators.items() if product is None or p == product]
