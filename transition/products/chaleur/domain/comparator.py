"""The cost and emissions comparator: for a building, the yearly cost (energy, upkeep, equipment
spread over its life) and the CO₂ of each heating mode. Pure Python; every figure comes from
`comparator_parameters.py`, and a result lists the assumptions it used.

The method, simplified from France Chaleur Urbaine's (with AMORCE and ELCIMAI):
- heating need = need per m² (DPE class, or tertiary activity) × surface; hot water (dwellings
  only) = 955 kWh per person × 2.17 people per dwelling;
- power = heating need ÷ full-load hours (2 200 DJU × 24 h ÷ 35 °C) × 1.2 (oversizing); an
  individual mode is sized per dwelling;
- energy bought = need ÷ efficiency (SCOP for a heat pump); its price includes taxes;
- a network: the price and CO₂ content the network publishes (no price published: no cost
  shown, rather than a guess), its emissions counted on the heat delivered;
- upkeep (P2, P3) and equipment (P4, with 30 % for installation, VAT 20 %) spread evenly over
  the equipment's life, without discounting (AMORCE's default rate is 0 %);
- emissions of use only (fuel and electricity), not of making the equipment.
"""

from dataclasses import dataclass, field

from .comparator_parameters import (
    BUILDING_NEEDS_RESIDENTIAL,
    BUILDING_NEEDS_TERTIARY,
    FUEL_COLLECTIVE_BANDS,
    FUEL_INDIVIDUAL_BANDS,
    GAS_COLLECTIVE_BANDS,
    GAS_INDIVIDUAL_BANDS,
    INVESTMENT_SOURCES,
    MODES,
    NEEDS_SOURCE,
    NETWORK_CONNECTION_PER_DWELLING,
    NETWORK_CONNECTION_TERTIARY,
    Mode,
    P,
    Parameter,
    band,
)

__all__ = [
    "Assumption",
    "Building",
    "ComparatorError",
    "Comparison",
    "ModeResult",
    "NetworkOffer",
    "building_needs",
    "compare",
    "energy_price_eur_per_kwh",
]

RESIDENTIAL = "residentiel"
TERTIARY = "tertiaire"
MAX_DWELLINGS = 2000
MAX_SURFACE_M2 = 200_000


class ComparatorError(ValueError):
    """An input the comparator cannot work with, with the French reason."""


@dataclass(frozen=True)
class Building:
    kind: str  # residentiel | tertiaire
    dwellings: int = 1
    surface_m2: float | None = None  # total; default 70 m² per dwelling for dwellings
    dpe: str = "D"  # residential
    activity: str = "bureaux"  # tertiary
    heating: str = "collectif"  # residential: collectif (one plant) or individuel (one per dwelling)


@dataclass(frozen=True)
class NetworkOffer:
    """The network compared: its name, published price (€ TTC/MWh) and CO₂ content (kg/kWh)."""

    name: str = ""
    price_eur_per_mwh: float | None = None
    co2_kg_per_kwh: float | None = None


@dataclass(frozen=True)
class Assumption:
    label: str
    value: str
    source: str


@dataclass(frozen=True)
class ModeResult:
    key: str
    label: str
    energy_kwh: float
    energy_eur: float | None  # None: no price known (a network that publishes none)
    upkeep_eur: float
    equipment_eur: float  # equipment TTC spread over its life
    investment_eur: float  # equipment TTC
    co2_kg: float
    lifetime_years: int
    efficiency: str
    total_eur: float | None
    note: str = ""


@dataclass(frozen=True)
class Comparison:
    heating_need_kwh: float
    ecs_need_kwh: float
    power_kw: float
    dwellings: int
    results: list[ModeResult]
    assumptions: list[Assumption] = field(default_factory=list)

    @property
    def cheapest(self) -> ModeResult | None:
        priced = [r for r in self.results if r.total_eur is not None]
        return min(priced, key=lambda r: r.total_eur) if priced else None

    @property
    def lowest_co2(self) -> ModeResult | None:
        return min(self.results, key=lambda r: r.co2_kg) if self.results else None

    def versus(self, current_key: str) -> dict[str, tuple[int | None, int]]:
        """For each mode, (yearly cost difference in €, CO₂ difference in kg) with the current mode:
        negative is a saving. The cost is None where either is not priced. {} when the current
        mode is not among the results."""
        current = next((r for r in self.results if r.key == current_key), None)
        if current is None:
            return {}
        out = {}
        for r in self.results:
            cost = None if r.total_eur is None or current.total_eur is None else r.total_eur - current.total_eur
            out[r.key] = (cost, r.co2_kg - current.co2_kg)
        return out


def _fmt(value: float) -> str:
    text = f"{value:,.5f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def _described(parameter: Parameter) -> Assumption:
    value = f"{_fmt(parameter.value * 100)} %" if parameter.unit == "" else f"{_fmt(parameter.value)} {parameter.unit}"
    return Assumption(parameter.label, value, parameter.source)


def _validated(building: Building) -> Building:
    if building.kind not in {RESIDENTIAL, TERTIARY}:
        raise ComparatorError("Choisissez un type de bâtiment : logements ou tertiaire.")
    if building.kind == RESIDENTIAL:
        if not 1 <= building.dwellings <= MAX_DWELLINGS:
            raise ComparatorError(f"Le nombre de logements doit être compris entre 1 et {MAX_DWELLINGS}.")
        if building.dpe not in BUILDING_NEEDS_RESIDENTIAL:
            raise ComparatorError("Choisissez une étiquette DPE de A à G.")
        if building.heating not in {"collectif", "individuel"}:
            raise ComparatorError("Choisissez un chauffage collectif ou individuel.")
    else:
        if building.activity not in BUILDING_NEEDS_TERTIARY:
            raise ComparatorError("Choisissez l’activité du bâtiment tertiaire.")
        if building.surface_m2 is None:
            raise ComparatorError("Indiquez la surface chauffée du bâtiment tertiaire.")
    if building.surface_m2 is not None and not 10 <= building.surface_m2 <= MAX_SURFACE_M2:
        raise ComparatorError(
            f"La surface doit être comprise entre 10 et {MAX_SURFACE_M2:,} m².".replace(",", "\u202f")
        )
    return building


def full_load_hours() -> float:
    return P["dju_reference"].value * 24 / P["delta_t_reference"].value


def building_needs(building: Building) -> tuple[float, float, float, float]:
    """(surface m², heating need kWh/year, hot water need kWh/year, power kW of one plant)."""
    building = _validated(building)
    if building.kind == RESIDENTIAL:
        surface = building.surface_m2 or building.dwellings * P["surface_dwelling_m2"].value
        heating = BUILDING_NEEDS_RESIDENTIAL[building.dpe] * surface
        ecs = P["ecs_kwh_per_person"].value * P["people_per_dwelling"].value * building.dwellings
    else:
        surface = building.surface_m2
        heating = BUILDING_NEEDS_TERTIARY[building.activity][1] * surface
        ecs = 0.0
    power = heating / full_load_hours() * (1 + P["oversizing"].value)
    return surface, heating, ecs, power


def energy_price_eur_per_kwh(energy: str, kind: str, network: NetworkOffer) -> float | None:
    """The price, taxes included, of one kWh bought (kWh PCI for fuels)."""
    vat = 1 + P["vat"].value
    if energy == "reseau":
        return None if network.price_eur_per_mwh is None else network.price_eur_per_mwh / 1000
    if energy == "gaz":
        parts = ("gas_molecule", "gas_transport", "gas_distribution", "gas_cee", "gas_ticgn")
        return sum(P[key].value for key in parts) * vat
    if energy == "fioul":
        litre = P["fuel_price_residential" if kind == RESIDENTIAL else "fuel_price_tertiary"].value
        return (litre + P["fuel_ticpe"].value) * vat * P["fuel_l_per_kwh"].value
    if energy == "granules":
        per_kg = P["pellets_price"].value / 1000 * (1 + P["pellets_vat"].value)
        return per_kg * P["pellets_kg_per_kwh"].value
    if energy == "electricite":
        return P["electricity_price"].value * vat + P["electricity_excise"].value
    raise ValueError(energy)


def _investment_ht(rule: str, building: Building, surface: float, power_kw: float, dwellings: int) -> float:
    """€ HT for the building: a collective plant, or one equipment per dwelling."""
    power_each = power_kw / dwellings
    with_installation = 1 + P["installation_share"].value
    if rule == "network":
        if building.kind == RESIDENTIAL:
            return band(dwellings, NETWORK_CONNECTION_PER_DWELLING, 608) * dwellings
        return band(surface, NETWORK_CONNECTION_TERTIARY, 175203)
    if rule == "gas_collective":
        return band(power_kw, GAS_COLLECTIVE_BANDS, 174450) * with_installation
    if rule == "fuel_collective":
        return band(power_kw, FUEL_COLLECTIVE_BANDS, 191895) * with_installation
    if rule == "pellets_collective":
        if power_kw < 25:
            cost = 750 * power_kw
        else:
            cost = band(power_kw, ((25, 20000), (30, 26250), (40, 29750), (50, 37500)), 750 * power_kw)
        return cost * with_installation
    if rule == "heat_pump_collective":
        return 1005 * power_kw * with_installation
    if rule == "gas_individual":
        return band(power_each, GAS_INDIVIDUAL_BANDS, 3620) * with_installation * dwellings
    if rule == "fuel_individual":
        return band(power_each, FUEL_INDIVIDUAL_BANDS, 3982) * with_installation * dwellings
    if rule == "pellet_stove":
        stoves = max(1, -(-power_each // 12))
        return 5600 * stoves * with_installation * dwellings
    if rule == "heat_pump_individual":
        return 1117 * power_each * with_installation * dwellings
    if rule == "electric_radiators":
        radiators = max(1, -(-power_each // 2))
        return 550 * radiators * with_installation * dwellings
    raise ValueError(rule)


def _modes_for(building: Building, everything: bool) -> list[Mode]:
    """A collective heating compares collective plants; an individual one compares individual
    equipment, and the network (a building connects as a whole)."""
    if building.kind == RESIDENTIAL and building.heating == "individuel":
        fits = [m for m in MODES if m.scope == "individuel" or m.key == "reseau"]
    else:
        fits = [m for m in MODES if m.scope == "collectif"]
    return [m for m in fits if everything or m.grand_public]


def _result(
    mode: Mode, building: Building, network: NetworkOffer, surface, heating, ecs, power, dwellings
) -> ModeResult:
    vat = 1 + P["vat"].value
    energy_kwh = heating / mode.efficiency_heating + ecs / mode.efficiency_ecs
    price = energy_price_eur_per_kwh(mode.energy, building.kind, network)
    energy_eur = None if price is None else energy_kwh * price
    if mode.energy == "gaz" and mode.scope == "individuel":
        fixed = sum(P[k].value for k in ("gas_fixed_distribution", "gas_fixed_commercial", "gas_fixed_cta"))
        energy_eur += fixed * (1 + P["vat_fixed"].value) * dwellings
    investment_ht = _investment_ht(mode.investment, building, surface, power, dwellings)
    useful_mwh = (heating + ecs) / 1000
    upkeep_ht = investment_ht * mode.maintenance_pct_of_investment
    per_mwh = mode.maintenance_eur_per_mwh * useful_mwh
    upkeep = upkeep_ht * vat + (per_mwh if mode.maintenance_includes_vat else per_mwh * vat)
    investment = investment_ht * vat
    equipment = investment / mode.lifetime_years
    note = ""
    if mode.energy == "reseau":
        content = network.co2_kg_per_kwh
        if content is None:
            content = P["co2_network_average"].value
            note = "Contenu CO₂ moyen des réseaux français (le réseau n’en publie pas)."
        co2 = content * (heating + ecs)
        if price is None:
            note = (note + " " if note else "") + "Prix non publié pour ce réseau : coût non calculé."
    else:
        co2 = energy_kwh * P[mode.co2_key].value
    total = None if energy_eur is None else energy_eur + upkeep + equipment
    return ModeResult(
        key=mode.key,
        label=mode.label,
        energy_kwh=round(energy_kwh),
        energy_eur=None if energy_eur is None else round(energy_eur),
        upkeep_eur=round(upkeep),
        equipment_eur=round(equipment),
        investment_eur=round(investment),
        co2_kg=round(co2),
        lifetime_years=mode.lifetime_years,
        efficiency=mode.efficiency_source,
        total_eur=None if total is None else round(total),
        note=note,
    )


def compare(building: Building, network: NetworkOffer | None = None, *, everything: bool = False) -> Comparison:
    """Every mode that fits the building (the general public's selection, or all of them), cheapest
    first; those without a price last."""
    network = network or NetworkOffer()
    surface, heating, ecs, power = building_needs(building)
    dwellings = building.dwellings if building.kind == RESIDENTIAL else 1
    results = [
        _result(mode, building, network, surface, heating, ecs, power, dwellings)
        for mode in _modes_for(building, everything)
    ]
    results.sort(key=lambda r: (r.total_eur is None, r.total_eur or 0, r.co2_kg))
    return Comparison(
        heating_need_kwh=round(heating),
        ecs_need_kwh=round(ecs),
        power_kw=round(power, 1),
        dwellings=dwellings,
        results=results,
        assumptions=_assumptions(building, network, surface),
    )


def _assumptions(building: Building, network: NetworkOffer, surface: float) -> list[Assumption]:
    rows = []
    if building.kind == RESIDENTIAL:
        need = BUILDING_NEEDS_RESIDENTIAL[building.dpe]
        rows.append(Assumption(f"Besoin de chauffage (DPE {building.dpe})", f"{_fmt(need)} kWh/m²/an", NEEDS_SOURCE))
        if building.surface_m2 is None:
            rows.append(_described(P["surface_dwelling_m2"]))
        rows += [_described(P["people_per_dwelling"]), _described(P["ecs_kwh_per_person"])]
    else:
        label, need = BUILDING_NEEDS_TERTIARY[building.activity]
        rows.append(Assumption(f"Besoin de chauffage ({label})", f"{_fmt(need)} kWh/m²/an", NEEDS_SOURCE))
        rows.append(Assumption("Eau chaude sanitaire", "non comptée pour le tertiaire", "choix de Transition"))
    rows.append(Assumption("Surface chauffée", f"{_fmt(surface)} m²", "saisie" if building.surface_m2 else "calculée"))
    rows += [_described(P[k]) for k in ("dju_reference", "delta_t_reference", "oversizing")]
    if network.name:
        price = (
            f"{_fmt(network.price_eur_per_mwh)} € TTC/MWh" if network.price_eur_per_mwh is not None else "non publié"
        )
        co2 = f"{_fmt(network.co2_kg_per_kwh)} kg CO₂/kWh" if network.co2_kg_per_kwh is not None else "non publié"
        rows.append(Assumption(f"Prix de la chaleur de « {network.name} »", price, "open data des réseaux"))
        rows.append(Assumption(f"Contenu CO₂ de « {network.name} »", co2, "open data des réseaux"))
    rows += [
        _described(P[k])
        for k in (
            "gas_molecule", "gas_transport", "gas_distribution", "gas_cee", "gas_ticgn", "gas_fixed_distribution",
            "gas_fixed_commercial", "gas_fixed_cta", "vat_fixed", "vat", "electricity_price", "electricity_excise",
            "fuel_price_residential" if building.kind == RESIDENTIAL else "fuel_price_tertiary", "fuel_ticpe",
            "fuel_l_per_kwh", "pellets_price", "pellets_vat", "pellets_kg_per_kwh", "installation_share",
            "co2_gas", "co2_fuel", "co2_pellets_boiler", "co2_pellets_stove", "co2_electricity_heating",
            "co2_network_average",
        )
    ]  # fmt: skip
    for mode in MODES:
        rows.append(
            Assumption(
                f"{mode.label} : rendement, durée de vie",
                f"{mode.efficiency_source} ; {mode.lifetime_years} ans",
                "France Chaleur Urbaine, ratios techniques",
            )
        )
    rows += [
        Assumption("Investissement", text, "France Chaleur Urbaine, ratios économiques")
        for text in INVESTMENT_SOURCES.values()
    ]
    rows.append(
        Assumption(
            "Abonnement au gaz d’une chaufferie collective",
            "non compté (barème tertiaire non repris)",
            "choix de Transition",
        )
    )
    rows.append(Assumption("Émissions de fabrication des équipements", "non comptées", "choix de Transition"))
    rows.append(Assumption("Actualisation", "0 % (coûts répartis également sur la durée de vie)", "AMORCE"))
    return rows
