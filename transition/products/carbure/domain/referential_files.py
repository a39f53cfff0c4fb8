"""The referential data files of `carbure/data/` read as plain Python: one reader shared by the
migrations that load them and the tests that compare them with the original's."""

import csv
from functools import cache
from pathlib import Path

from .lot_construction import Referentials
from .lot_facts import BiofuelInfo, CountryInfo, FeedstockInfo

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def flag(value: str) -> bool:
    return value == "1"


def number(value: str) -> float | None:
    return float(value) if value != "" else None


def biofuels() -> list[dict]:
    booleans = ("is_alcohol", "is_fat", "is_displayed", "compatible_gasoline", "compatible_diesel", "is_saf")
    numbers = ("density_kg_l", "lhv_mj_kg", "lhv_mj_l", "renewable_energy_share")
    return [
        {
            **row,
            **{k: flag(row[k]) for k in (*booleans, "allowed_for_rfc")},
            **{k: float(row[k]) for k in numbers},
        }
        for row in rows("biofuels.csv")
    ]


def feedstocks() -> list[dict]:
    booleans = ("compatible_alcohol", "compatible_fat", "is_double_counting", "is_vegetable_oil", "is_displayed")
    return [{**row, **{k: flag(row[k]) for k in booleans}} for row in rows("feedstocks.csv")]


def countries() -> list[dict]:
    return [{**row, "is_in_europe": flag(row["is_in_europe"])} for row in rows("countries.csv")]


def red_ii_default_values() -> list[dict]:
    numbers = ("eec_typical", "eec_default", "ep_typical", "ep_default", "etd_typical", "etd_default")
    return [{**row, **{k: float(row[k]) for k in numbers}} for row in rows("red_ii_default_values.csv")]


def ghg_reference_values() -> list[dict]:
    return [
        {**row, "default_min": number(row["default_min"]), "default_max": number(row["default_max"])}
        for row in rows("ghg_reference_values.csv")
    ]


@cache
def referentials() -> Referentials:
    """The referentials straight from the files (tests, and checks before the database is ready)."""
    return Referentials(
        biofuels={
            b["code"]: BiofuelInfo(b["code"], b["name"], b["density_kg_l"], b["lhv_mj_l"], b["is_alcohol"], b["is_fat"])
            for b in biofuels()
        },
        feedstocks={
            f["code"]: FeedstockInfo(
                f["code"],
                f["name"],
                f["category"],
                f["compatible_alcohol"],
                f["compatible_fat"],
                f["is_double_counting"],
                f["is_vegetable_oil"],
            )
            for f in feedstocks()
        },
        countries={c["code"]: CountryInfo(c["code"], c["name"], c["is_in_europe"]) for c in countries()},
    )


def etd_defaults() -> dict[str, float]:
    return {row["feedstock_code"]: row["default_max"] for row in ghg_reference_values() if row["term"] == "etd"}


def eec_defaults() -> dict[str, float]:
    return {row["feedstock_code"]: row["default_max"] for row in ghg_reference_values() if row["term"] == "eec"}


def ep_defaults() -> dict[tuple[str, str], tuple[float, float]]:
    return {
        (row["feedstock_code"], row["biofuel_code"]): (row["default_min"], row["default_max"])
        for row in ghg_reference_values()
        if row["term"] == "ep"
    }
