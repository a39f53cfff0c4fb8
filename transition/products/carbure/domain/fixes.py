"""What a fix carries down the chain: when a lot's production or sustainability data is fixed,
every lot and stock made from it (trading, processing, stock and its extractions) takes the same
values; delivery data (client, date, depot, volume) stays each lot's own."""

PROPAGATED_LOT_FIELDS = (
    "feedstock_id",
    "country_of_origin_id",
    "producer_id",
    "unknown_producer",
    "production_site_id",
    "unknown_production_site",
    "production_country_id",
    "production_site_commissioning_date",
    "production_site_certificate",
    "production_site_double_counting_certificate",
    "eec",
    "el",
    "ep",
    "etd",
    "eu",
    "esca",
    "eccs",
    "eccr",
    "eee",
    "ghg_total",
    "ghg_reduction",
    "ghg_reduction_red_ii",
)
PROPAGATED_STOCK_FIELDS = (
    "feedstock_id",
    "country_of_origin_id",
    "production_site_id",
    "unknown_production_site",
    "ghg_reduction",
    "ghg_reduction_red_ii",
)


def changed_fields(before: dict, after: dict, fields=PROPAGATED_LOT_FIELDS) -> dict[str, tuple]:
    """{field: (old, new)} for the propagated fields that differ."""
    return {f: (before.get(f), after.get(f)) for f in fields if before.get(f) != after.get(f)}
