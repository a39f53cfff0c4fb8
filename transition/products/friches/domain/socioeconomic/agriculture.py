"""An agricultural operation the site carried before: its jobs (full-time equivalents per
hectare), incomes and expenses per hectare and per year, by kind of farming (Bénéfriches' tables)."""

from dataclasses import dataclass

from ..rounding import js_round, round_to

M2_PER_HA = 10000

JOBS_PER_HA: dict[str, float] = {
    "CATTLE_FARMING": 1.09,
    "CEREALS_AND_OILSEEDS_CULTIVATION": 0.7,
    "LARGE_VEGETABLE_CULTIVATION": 1.1,
    "MARKET_GARDENING": 2.6,
    "FLOWERS_AND_HORTICULTURE": 2.75,
    "VITICULTURE": 1.51,
    "FRUITS_AND_OTHER_PERMANENT_CROPS": 1.68,
    "PIG_FARMING": 1.23,
    "POULTRY_FARMING": 1.17,
    "SHEEP_AND_GOAT_FARMING": 0.82,
    "POLYCULTURE_AND_LIVESTOCK": 1.09,
}

# (subsidies, product sales, other) in € per hectare and per year
INCOMES_EUR_PER_HA: dict[str, tuple[float, float, float]] = {
    "CATTLE_FARMING": (410, 2040, 160),
    "CEREALS_AND_OILSEEDS_CULTIVATION": (270, 1350, 70),
    "LARGE_VEGETABLE_CULTIVATION": (360, 3020, 230),
    "MARKET_GARDENING": (1160, 21630, 880),
    "FLOWERS_AND_HORTICULTURE": (630, 37550, 1660),
    "VITICULTURE": (380, 9330, 1260),
    "FRUITS_AND_OTHER_PERMANENT_CROPS": (1190, 6390, 550),
    "PIG_FARMING": (370, 12960, 360),
    "POULTRY_FARMING": (450, 4900, 350),
    "SHEEP_AND_GOAT_FARMING": (490, 1120, 70),
    "POLYCULTURE_AND_LIVESTOCK": (390, 2250, 180),
}

# (rent, taxes, other operations costs) in € per hectare and per year
EXPENSES_EUR_PER_HA: dict[str, tuple[float, float, float]] = {
    "CATTLE_FARMING": (110, 20, 1930),
    "CEREALS_AND_OILSEEDS_CULTIVATION": (130, 20, 1420),
    "LARGE_VEGETABLE_CULTIVATION": (220, 30, 2630),
    "MARKET_GARDENING": (320, 120, 19260),
    "FLOWERS_AND_HORTICULTURE": (530, 260, 31740),
    "VITICULTURE": (1010, 120, 7240),
    "FRUITS_AND_OTHER_PERMANENT_CROPS": (250, 60, 6820),
    "PIG_FARMING": (170, 50, 10700),
    "POULTRY_FARMING": (160, 30, 4320),
    "SHEEP_AND_GOAT_FARMING": (60, 10, 1330),
    "POLYCULTURE_AND_LIVESTOCK": (130, 20, 2200),
}


@dataclass(frozen=True)
class Amount:
    name: str  # "source" of an income, "purpose" of an expense
    amount: int
    bearer: str = ""


def agricultural_jobs(activity: str, surface_m2: float) -> float:
    return round_to(JOBS_PER_HA[activity] * surface_m2 / M2_PER_HA, 1)


def agricultural_yearly_incomes(activity: str, surface_m2: float) -> list[Amount]:
    ha = surface_m2 / M2_PER_HA
    names = ("subsidies", "product-sales", "other")
    return [Amount(name, js_round(rate * ha)) for name, rate in zip(names, INCOMES_EUR_PER_HA[activity], strict=True)]


def agricultural_yearly_expenses(activity: str, surface_m2: float, bearer: str = "owner") -> list[Amount]:
    ha = surface_m2 / M2_PER_HA
    names = ("rent", "taxes", "otherOperationsCosts")
    return [
        Amount(name, js_round(rate * ha), bearer)
        for name, rate in zip(names, EXPENSES_EUR_PER_HA[activity], strict=True)
    ]
