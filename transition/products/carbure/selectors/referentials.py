"""The referentials as the rules read them, built once per process from the database (they only
change with a migration)."""

from functools import cache

from ..domain.lot_construction import Referentials
from ..domain.lot_facts import BiofuelInfo, CountryInfo, FeedstockInfo
from ..models import Biofuel, Country, Feedstock, GhgReferenceValue


def biofuel_info(b: Biofuel) -> BiofuelInfo:
    return BiofuelInfo(b.code, b.name, b.density_kg_l, b.lhv_mj_l, b.is_alcohol, b.is_fat)


def feedstock_info(f: Feedstock) -> FeedstockInfo:
    return FeedstockInfo(
        f.code, f.name, f.category, f.compatible_alcohol, f.compatible_fat, f.is_double_counting, f.is_vegetable_oil
    )


@cache
def referentials() -> Referentials:
    return Referentials(
        biofuels={b.code: biofuel_info(b) for b in Biofuel.objects.all()},
        feedstocks={f.code: feedstock_info(f) for f in Feedstock.objects.all()},
        countries={c.code: CountryInfo(c.code, c.name, c.is_in_europe) for c in Country.objects.all()},
    )


@cache
def reference_values() -> dict[str, dict]:
    """etd and eec defaults by feedstock code; ep (min, max) by (feedstock, biofuel) codes."""
    values: dict[str, dict] = {"etd": {}, "eec": {}, "ep": {}}
    for row in GhgReferenceValue.objects.all():
        if row.term == "ep":
            values["ep"][(row.feedstock_id, row.biofuel_id)] = (row.default_min, row.default_max)
        else:
            values[row.term][row.feedstock_id] = row.default_max
    return values


def referentials_forget() -> None:
    """After the referentials changed in this process (tests that edit them)."""
    referentials.cache_clear()
    reference_values.cache_clear()


def biofuel_choices() -> list[tuple[str, str]]:
    return [(b.code, f"{b.name} ({b.code})") for b in Biofuel.objects.filter(is_displayed=True)]


def feedstock_choices() -> list[tuple[str, str]]:
    return [(f.code, f"{f.name} ({f.code})") for f in Feedstock.objects.filter(is_displayed=True)]


def country_choices() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in Country.objects.exclude(code="N/A")]
