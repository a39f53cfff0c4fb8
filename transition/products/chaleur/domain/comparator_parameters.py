"""The parameters of the cost and emissions comparator, as France Chaleur Urbaine publishes them
(betagouv/france-chaleur-urbaine-publicodes, rules/ratios-*.publicodes and
parametres-economiques.publicodes: values and the source each one cites). Pure data.

Every figure the comparator uses is a `Parameter` of this module, with its unit and source, so that
the page can list each assumption beside the result.
"""

from dataclasses import dataclass

__all__ = [
    "BUILDING_NEEDS_RESIDENTIAL",
    "BUILDING_NEEDS_TERTIARY",
    "MODES",
    "Mode",
    "P",
    "Parameter",
    "band",
]


@dataclass(frozen=True)
class Parameter:
    label: str
    value: float
    unit: str
    source: str


def _p(label: str, value: float, unit: str, source: str) -> Parameter:
    return Parameter(label, value, unit, source)


ELCIMAI_2024 = "ELCIMAI 2024"
AMORCE_2024 = "AMORCE 2024"
FCU_RATIOS = "France Chaleur Urbaine, ratios techniques"

# Every scalar, by key. The page shows those a result used.
P: dict[str, Parameter] = {
    # Building
    "surface_dwelling_m2": _p("Surface d’un logement type", 70, "m²", FCU_RATIOS),
    "people_per_dwelling": _p("Habitants par logement", 2.17, "personnes", FCU_RATIOS),
    "ecs_kwh_per_person": _p("Besoin d’eau chaude sanitaire", 955, "kWh/habitant/an", FCU_RATIOS),
    "dju_reference": _p("Degrés-jours de chauffage de référence", 2200, "DJU", FCU_RATIOS),
    "delta_t_reference": _p("Écart de température de référence (intérieur − extérieur de base)", 35, "°C", FCU_RATIOS),
    "oversizing": _p("Facteur de surpuissance", 0.20, "", FCU_RATIOS),
    # Prices
    "gas_molecule": _p("Gaz : molécule", 0.02638, "€ HT/kWh", "France Chaleur Urbaine, ratios économiques"),
    "gas_transport": _p("Gaz : transport", 0.02118, "€ HT/kWh", "France Chaleur Urbaine, ratios économiques"),
    "gas_distribution": _p("Gaz : distribution", 0.00404, "€ HT/kWh", "France Chaleur Urbaine, ratios économiques"),
    "gas_cee": _p(
        "Gaz : certificats d’économies d’énergie", 0.00585, "€ HT/kWh", "France Chaleur Urbaine, ratios économiques"
    ),
    "gas_ticgn": _p("Gaz : TICGN", 0.01637, "€/kWh", "France Chaleur Urbaine, ratios économiques"),
    "gas_fixed_distribution": _p(
        "Gaz individuel : abonnement, distribution", 139.44, "€ HT/an", "France Chaleur Urbaine, ratios économiques"
    ),
    "gas_fixed_commercial": _p(
        "Gaz individuel : abonnement, coûts commerciaux", 79, "€ HT/an", "France Chaleur Urbaine, ratios économiques"
    ),
    "gas_fixed_cta": _p(
        "Gaz individuel : contribution tarifaire d’acheminement",
        34.49,
        "€/an",
        "France Chaleur Urbaine, ratios économiques",
    ),
    "vat_fixed": _p("TVA sur les abonnements", 0.055, "", "impots.gouv 2024"),
    "vat": _p("TVA sur l’énergie, l’entretien et l’investissement", 0.20, "", "impots.gouv 2024"),
    "electricity_price": _p("Électricité, option base : énergie", 0.1887, "€ HT/kWh", AMORCE_2024),
    "electricity_excise": _p("Électricité : accise", 0.021, "€/kWh", "France Chaleur Urbaine, paramètres économiques"),
    "fuel_price_residential": _p(
        "Fioul livré (résidentiel)", 0.8878, "€ HT/L", "France Chaleur Urbaine, paramètres économiques"
    ),
    "fuel_price_tertiary": _p(
        "Fioul livré (tertiaire)", 0.8213, "€ HT/L", "France Chaleur Urbaine, paramètres économiques"
    ),
    "fuel_ticpe": _p("Fioul : TICPE", 0.1874, "€/L", "impots.gouv 2024"),
    "fuel_l_per_kwh": _p("Fioul : consommation par kWh PCI", 0.0947, "L/kWh", FCU_RATIOS),
    "pellets_price": _p("Granulés en sac", 300.9, "€ HT/t", "CEEB 2024"),
    "pellets_vat": _p("TVA sur les granulés", 0.10, "", "impots.gouv 2024"),
    "pellets_kg_per_kwh": _p("Granulés : consommation par kWh", 0.217391304, "kg/kWh", FCU_RATIOS),
    "installation_share": _p("Pose et mise en place (en plus du matériel)", 0.30, "", ELCIMAI_2024),
    # Emissions
    "co2_gas": _p("Émissions du gaz en chaudière", 0.243, "kg CO₂e/kWh", "Base Empreinte 2023"),
    "co2_fuel": _p("Émissions du fioul en chaudière", 0.314, "kg CO₂e/kWh", "Base Empreinte 2023"),
    "co2_pellets_boiler": _p("Émissions des granulés en chaudière", 0.027, "kg CO₂e/kWh", "Base Empreinte 2023"),
    "co2_pellets_stove": _p("Émissions des granulés en poêle", 0.032, "kg CO₂e/kWh", "Base Empreinte 2023"),
    "co2_electricity_heating": _p(
        "Émissions de l’électricité pour le chauffage", 0.0693, "kg CO₂e/kWh", "Base Empreinte 2020"
    ),
    "co2_network_average": _p("Contenu CO₂ moyen des réseaux de chaleur", 0.0972, "kg CO₂e/kWh", "FEDENE 2021"),
}

# Heating need per m² and year, by DPE class (residential) and by activity (tertiary).
BUILDING_NEEDS_RESIDENTIAL: dict[str, float] = {"A": 45, "B": 70, "C": 115, "D": 165, "E": 215, "F": 275, "G": 300}
BUILDING_NEEDS_TERTIARY: dict[str, tuple[str, float]] = {
    "bureaux": ("Bureaux", 95),
    "enseignement_primaire": ("Enseignement primaire", 81),
    "enseignement_secondaire": ("Enseignement secondaire", 81),
    "commerces": ("Commerces", 74),
    "cafe_restaurant": ("Café, restaurant", 106),
    "hotel": ("Hôtel", 83),
    "sante": ("Santé", 100),
    "ehpad": ("EHPAD", 110),
    "sport": ("Sport", 97),
}
NEEDS_SOURCE = "France Chaleur Urbaine, ratios techniques (DPE ; moyenne française 2021 pour le tertiaire)"


def band(value: float, table: tuple[tuple[float, float], ...], beyond: float) -> float:
    """The figure of the first band whose upper bound (inclusive) holds `value`; `beyond` past the last."""
    for upper, figure in table:
        if value <= upper:
            return figure
    return beyond


# Investment tables (€ HT): bands of power (kW), dwellings or surface, as published.
GAS_COLLECTIVE_BANDS = (
    (35, 4800), (120, 15000), (200, 25000), (300, 37500), (400, 40000), (500, 45000), (600, 52335),
    (700, 61058), (800, 69780), (900, 78503), (1000, 87225), (1250, 109031), (1500, 130838), (1750, 152644),
)  # fmt: skip
FUEL_COLLECTIVE_BANDS = (
    (35, 5280), (120, 16500), (200, 27500), (300, 41250), (400, 44000), (500, 49500), (600, 57569),
    (700, 67163), (800, 76758), (900, 86353), (1000, 95948), (1250, 119934), (1500, 143921), (1750, 167908),
)  # fmt: skip
NETWORK_CONNECTION_PER_DWELLING = (
    (25, 3709), (42, 2364), (58, 1847), (83, 1393), (125, 1027), (167, 857), (250, 701), (333, 608),
)  # fmt: skip
NETWORK_CONNECTION_TERTIARY = (
    (1500, 92725), (2500, 99305), (3500, 107146), (5000, 115621), (7500, 128398), (10000, 143072), (15000, 175203),
)  # fmt: skip
GAS_INDIVIDUAL_BANDS = ((12, 2660), (20, 2810), (25, 2920), (30, 3220))
FUEL_INDIVIDUAL_BANDS = ((12, 2926), (20, 3091), (25, 3212), (30, 3542))


@dataclass(frozen=True)
class Mode:
    """A heating mode: how it turns a need into energy bought, what that energy costs and emits,
    what the equipment costs, and how long it lasts."""

    key: str
    label: str
    scope: str  # "collectif": one plant for the building; "individuel": one per dwelling
    energy: str  # reseau, gaz, fioul, granules, electricite
    efficiency_heating: float  # useful heat per unit of energy bought (SCOP for a heat pump)
    efficiency_ecs: float
    efficiency_source: str
    lifetime_years: int
    investment: str  # key of the investment rule (comparator.py)
    maintenance_pct_of_investment: float = 0.0  # P2 + P3, € HT per € HT invested and year
    maintenance_eur_per_mwh: float = 0.0  # P2 per MWh of useful heat (€ HT unless stated)
    maintenance_includes_vat: bool = False
    co2_key: str = ""
    grand_public: bool = True


MODES: tuple[Mode, ...] = (
    Mode("reseau", "Réseau de chaleur", "collectif", "reseau", 0.86, 0.93,
         "sous-station : 86 % (chauffage), 93 % (eau chaude)", 30, "network",
         maintenance_pct_of_investment=0.0126 + 0.0083),
    Mode("gaz_coll_cond", "Chaudière gaz collective à condensation", "collectif", "gaz", 0.80, 0.86,
         "80 % (chauffage), 86 % (eau chaude)", 22, "gas_collective",
         maintenance_pct_of_investment=0.0172, maintenance_eur_per_mwh=7.0, co2_key="co2_gas"),
    Mode("gaz_coll", "Chaudière gaz collective sans condensation", "collectif", "gaz", 0.73, 0.73,
         "73 %", 22, "gas_collective",
         maintenance_pct_of_investment=0.0172, maintenance_eur_per_mwh=7.0, co2_key="co2_gas"),
    Mode("fioul_coll", "Chaudière fioul collective", "collectif", "fioul", 0.71, 0.71, "71 %", 21,
         "fuel_collective", maintenance_pct_of_investment=0.0191 + 0.0110, co2_key="co2_fuel"),
    Mode("granules_coll", "Chaudière à granulés collective", "collectif", "granules", 0.82, 0.82, "82 %", 17,
         "pellets_collective", maintenance_eur_per_mwh=22.0, co2_key="co2_pellets_boiler", grand_public=False),
    Mode("pac_air_eau_coll", "Pompe à chaleur air/eau collective", "collectif", "electricite", 2.78, 2.78,
         "SCOP 3,98 − 1,2 (émetteurs radiateurs) = 2,78", 22, "heat_pump_collective",
         maintenance_eur_per_mwh=9.0, maintenance_includes_vat=True, co2_key="co2_electricity_heating",
         grand_public=False),
    Mode("gaz_indiv_cond", "Chaudière gaz individuelle à condensation", "individuel", "gaz", 0.82, 0.87,
         "82 % (chauffage), 87 % (eau chaude)", 17, "gas_individual",
         maintenance_pct_of_investment=0.0218 + 0.0083, co2_key="co2_gas"),
    Mode("gaz_indiv", "Chaudière gaz individuelle sans condensation", "individuel", "gaz", 0.75, 0.75, "75 %",
         17, "gas_individual", maintenance_pct_of_investment=0.0218 + 0.0083, co2_key="co2_gas"),
    Mode("fioul_indiv", "Chaudière fioul individuelle", "individuel", "fioul", 0.73, 0.73, "73 %", 21,
         "fuel_individual", maintenance_pct_of_investment=0.0191 + 0.0110, co2_key="co2_fuel"),
    Mode("poele_granules", "Poêle à granulés individuel", "individuel", "granules", 0.80, 0.80, "80 %", 16,
         "pellet_stove", maintenance_eur_per_mwh=41.0, maintenance_includes_vat=True,
         co2_key="co2_pellets_stove", grand_public=False),
    Mode("pac_air_eau_indiv", "Pompe à chaleur air/eau individuelle", "individuel", "electricite", 2.6, 2.6,
         "SCOP 3,8 − 1,2 (émetteurs radiateurs) = 2,6", 17, "heat_pump_individual",
         maintenance_eur_per_mwh=9.0, maintenance_includes_vat=True, co2_key="co2_electricity_heating",
         grand_public=False),
    Mode("radiateurs", "Radiateurs électriques", "individuel", "electricite", 0.96, 0.96, "96 %", 25,
         "electric_radiators", co2_key="co2_electricity_heating", grand_public=False),
)  # fmt: skip

INVESTMENT_SOURCES = {
    "network": "Coût de raccordement d’une sous-station, par logement ou par surface (FEDENE 2024)",
    "gas_collective": "Chaudière gaz collective par tranche de puissance (ELCIMAI 2024, Atlantic 2024)",
    "fuel_collective": "Chaudière fioul collective par tranche de puissance (France Chaleur Urbaine)",
    "pellets_collective": "Chaudière à granulés : 750 € HT/kW, forfaits de 25 à 50 kW (Hargassner, ELCIMAI)",
    "heat_pump_collective": "Pompe à chaleur air/eau collective : 1 005 € HT/kW (ELCIMAI 2024)",
    "gas_individual": "Chaudière gaz individuelle par puissance (Atlantic 2023)",
    "fuel_individual": "Chaudière fioul individuelle par puissance (France Chaleur Urbaine)",
    "pellet_stove": "Poêle à granulés 12 kW : 5 600 € HT (Invicta 2024)",
    "heat_pump_individual": "Pompe à chaleur air/eau individuelle : 1 117 € HT/kW (ADEME, coûts des EnR 2022)",
    "electric_radiators": "Radiateur électrique de 2 kW : 550 € HT (Atlantic 2023)",
}
