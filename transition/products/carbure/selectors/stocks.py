"""An entity's stocks: what remains, by depot and biofuel, and one stock's history."""

from django.db.models import QuerySet

from ..domain.stocks import FLUSH_MAX_SHARE
from ..models import Entity, Stock


def entity_stocks(entity: Entity, *, with_empty: bool = False) -> QuerySet:
    stocks = Stock.objects.filter(owner=entity).select_related("depot", "biofuel", "feedstock", "country_of_origin")
    if not with_empty:
        stocks = stocks.filter(remaining_volume_l__gt=0)
    return stocks.order_by("-id")


def flushable(stock: Stock) -> bool:
    return 0 < stock.remaining_volume_l <= stock.initial_volume_l * FLUSH_MAX_SHARE
