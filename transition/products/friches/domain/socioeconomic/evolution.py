"""How a yearly value evolves over the evaluation period: the discount rate (4.5 % a year), the
GDP per capita growth (1.2 % a year from 2022), the value of a tonne of CO₂ (90 € in 2020,
250 € in 2030, 500 € in 2040, 775 € from 2050, geometric between) and the CO₂ a vehicle emits per
kilometre (157.2 g in 2015, 120.9 g in 2030, 87.2 g from 2050).

Year index 0 is the first year of operation. A value spread over part of the period fills the
indexes [start, end) as JavaScript's Array.fill does (an end beyond the period is cut to it); the
other years hold nothing. Sums are rounded to the euro, as the original rounds them.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from ..rounding import js_round

DISCOUNT_RATE = 0.045
GDP_PER_CAPITA_GROWTH = 0.012
GDP_REFERENCE_YEAR = 2022
CO2_VALUE_EUR_PER_TONNE: dict[int, float] = {2020: 90, 2030: 250, 2040: 500, 2050: 775}
CO2_G_PER_VEHICLE_KM: dict[int, float] = {2015: 157.2, 2030: 120.9, 2050: 87.2}
MIN_PERIOD_YEARS = 1
MAX_PERIOD_YEARS = 50

FACTORS = ("discount", "gdp_evolution", "co2_value")


def discount_factor(year_index: int) -> float:
    return 1 / (1 + DISCOUNT_RATE) ** year_index


def gdp_factor(year: int) -> float:
    return (1 + GDP_PER_CAPITA_GROWTH) ** (year - GDP_REFERENCE_YEAR)


def _geometric_path(anchors: dict[int, float], year: int) -> float:
    years = sorted(anchors)
    if year >= years[-1]:
        return anchors[years[-1]]
    if year in anchors:
        return anchors[year]
    # the segment around `year`; before the first anchor, the first segment extended backwards
    low, high = years[0], years[1]
    for a, b in zip(years, years[1:], strict=False):
        if a <= year < b:
            low, high = a, b
            break
    coefficient = (year - low) / (high - low)
    return anchors[low] * (anchors[high] / anchors[low]) ** coefficient


def co2_value_eur_per_tonne(year: int) -> float:
    return _geometric_path(CO2_VALUE_EUR_PER_TONNE, year)


def co2_g_per_vehicle_km(year: int) -> float:
    return _geometric_path(CO2_G_PER_VEHICLE_KM, year)


@dataclass(frozen=True)
class Period:
    """The evaluation period: its length in years (1 to 50) and its first year of operation."""

    years: int
    first_year: int

    def __post_init__(self):
        object.__setattr__(self, "years", max(MIN_PERIOD_YEARS, min(MAX_PERIOD_YEARS, int(self.years))))

    def factor(self, name: str, year_index: int) -> float:
        if name == "discount":
            return discount_factor(year_index)
        if name == "gdp_evolution":
            return gdp_factor(self.first_year + year_index)
        if name == "co2_value":
            return co2_value_eur_per_tonne(self.first_year + year_index)
        raise ValueError(f"facteur inconnu : {name}")

    def _filled_range(self, start: int | None, end: int | None) -> range:
        n = self.years

        def clamp(i: int | None, default: int) -> int:  # JavaScript's Array.fill index rules
            if i is None:
                return default
            return max(n + i, 0) if i < 0 else min(i, n)

        return range(clamp(start, 0), clamp(end, n))

    def weighted_yearly_values(
        self, first_year_value: float, factors: Sequence[str], start: int | None = None, end: int | None = None
    ) -> list[float | None]:
        """One value per year of the period, multiplied by the factors; None outside [start, end)."""
        values: list[float | None] = [None] * self.years
        for i in self._filled_range(start, end):
            value = first_year_value
            for name in factors:
                value *= self.factor(name, i)
            values[i] = value
        return values

    def sum_with_discount(self, first_year_value: float, start: int | None = None, end: int | None = None) -> int:
        return js_round(_total(self.weighted_yearly_values(first_year_value, ("discount",), start, end)))

    def sum_with_discount_and_gdp(self, first_year_value: float) -> int:
        return js_round(_total(self.weighted_yearly_values(first_year_value, ("discount", "gdp_evolution"))))

    def sum_with_discount_and_co2_value(self, first_year_value: float) -> int:
        return js_round(_total(self.weighted_yearly_values(first_year_value, ("discount", "co2_value"))))


def _total(values: Sequence[float | None]) -> float:
    return sum(v for v in values if v is not None)


def cumulative(values: Sequence[float | None]) -> list[float]:
    running = 0.0
    out = []
    for v in values:
        running += v or 0
        out.append(running)
    return out
