"""One project's socio-economic balance, put together from Bénéfriches' rules, each figure with
the assumption behind it in plain French.

Money is in euros, discounted at 4.5 % a year over the evaluation period (year 0 = first year of
operation). A positive amount is a benefit for the community, a negative one a cost.
"""

from dataclasses import dataclass, field

from . import friche_costs, renewable_energy, travel, urban_freshness
from .ecosystem_services import invasive_species_regulation, pollination, soil_erosion
from .evolution import Period, co2_g_per_vehicle_km, co2_value_eur_per_tonne, discount_factor
from .property_value import AVERAGE_HOLDING_PERIOD_YEARS, SOCIAL_HOUSING_SHARE, property_value_impact
from .reinstatement import EUR_PER_M2, Soils, reinstatement_costs

URBAN, RENATURATION, SOLAR = "urbain", "renaturation", "photovoltaique"
M2_PER_HA = 10000


@dataclass(frozen=True)
class ImpactInputs:
    kind: str
    site_m2: float
    city_population: float
    city_m2: float
    price_eur_m2: float
    first_year: int
    period_years: int = 30
    rural: bool = False
    site_buildings_m2: float = 0  # footprint of the buildings today
    site_impermeable_m2: float = 0  # other sealed surfaces today (car parks, yards)
    site_green_m2: float = 0  # artificial green today (lawns, bushes, trees)
    project_buildings_m2: float = 0
    project_impermeable_m2: float = 0
    project_green_m2: float = 0
    public_green_m2: float = 0
    decontaminated_m2: float = 0
    floor_areas: dict = field(default_factory=dict)  # Bénéfriches' uses (RESIDENTIAL, OFFICES…) -> m²
    solar_power_kwc: float = 0
    solar_production_mwh: float = 0


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float
    unit: str  # "€", "ha", "t CO₂", "emplois", "foyers"…
    assumption: str
    monetary: bool = True
    details: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Co2Year:
    year: int
    tonnes: float
    eur_per_tonne: float
    discount: float
    value_eur: float


@dataclass(frozen=True)
class ProjectImpact:
    figures: tuple[Figure, ...]
    co2_years: tuple[Co2Year, ...]
    period: Period

    @property
    def balance_eur(self) -> int:
        return round(sum(f.value for f in self.figures if f.monetary))

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


def _eur(x: float) -> str:
    return f"{round(x):,} €".replace(",", " ")


def _n(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}".replace(",", " ").replace(".", ",")


def project_impact(i: ImpactInputs) -> ProjectImpact:
    period = Period(years=i.period_years, first_year=i.first_year)
    years = f"{period.years} an{'s' if period.years > 1 else ''}"
    figures: list[Figure] = []
    ha = i.site_m2 / M2_PER_HA

    figures.append(
        Figure(
            "land_take",
            "Artificialisation évitée",
            ha,
            "ha",
            f"Sans la friche, ce projet aurait consommé la même surface d’espaces naturels, agricoles ou "
            f"forestiers ailleurs : {_n(ha, 2)} ha.",
            monetary=False,
        )
    )

    site = Soils(i.site_buildings_m2, i.site_impermeable_m2, i.site_green_m2)
    project = Soils(i.project_buildings_m2, i.project_impermeable_m2, i.project_green_m2)
    costs = reinstatement_costs(site=site, project=project, decontaminated_m2=i.decontaminated_m2)
    if costs:
        figures.append(
            Figure(
                "reinstatement",
                "Remise en état du site",
                -sum(c.amount_eur for c in costs),
                "€",
                "Coûts moyens constatés par l’ADEME, au m² : désimperméabilisation "
                f"{EUR_PER_M2['deimpermeabilization']} €, reconstitution de sols vivants "
                f"{EUR_PER_M2['sustainable_soils_reinstatement']} €, dépollution {EUR_PER_M2['remediation']} €, "
                f"déconstruction {EUR_PER_M2['demolition']} € et désamiantage {EUR_PER_M2['asbestos_removal']} € "
                "par m² d’emprise des bâtiments existants. Dépense de l’année de réalisation, non actualisée.",
                details=tuple((f"{c.label} ({_n(c.surface_m2)} m²)", -c.amount_eur) for c in costs),
            )
        )

    expenses = friche_costs.friche_default_yearly_expenses(
        surface_m2=i.site_m2, city_population=i.city_population, buildings_m2=i.site_buildings_m2, rural=i.rural
    )
    avoided = [(friche_costs.PURPOSE_LABELS[e.purpose], period.sum_with_discount(e.amount)) for e in expenses]
    figures.append(
        Figure(
            "friche_costs",
            "Coûts de la friche évités",
            sum(v for _, v in avoided),
            "€",
            f"Tant qu’elle reste en friche, le propriétaire paie chaque année : "
            f"{', '.join(f'{friche_costs.PURPOSE_LABELS[e.purpose].lower()} {_eur(e.amount)}' for e in expenses)}"
            + (" (pas de gardiennage compté en commune rurale)" if i.rural else "")
            + f". Ces dépenses cessent ; cumul actualisé sur {years}.",
            details=tuple(avoided),
        )
    )

    if i.kind in (URBAN, RENATURATION):
        pv = property_value_impact(
            site_m2=i.site_m2,
            city_m2=i.city_m2,
            city_population=i.city_population,
            price_eur_per_m2=i.price_eur_m2,
            period=period,
            with_renaturation=i.kind == RENATURATION,
        )
        rings = ", ".join(f"+{_n(rise * 100, 1)} % à {radius} m" for radius, rise, _ in pv.rings)
        figures.append(
            Figure(
                "property_value",
                "Valeur du patrimoine bâti alentour",
                pv.property_value_increase_eur,
                "€",
                f"La disparition de la friche{' et la renaturation' if i.kind == RENATURATION else ''} valorise "
                f"les logements voisins ({rings}), au prix local de {_eur(i.price_eur_m2)}/m², sur le disque "
                f"entier autour du site à chaque distance, comme le calcule Bénéfriches ; "
                f"{_n(SOCIAL_HOUSING_SHARE * 100)} % de logements sociaux exclus ; gain réparti sur 5 ans, "
                "actualisé.",
                details=tuple(
                    (f"Logements jusqu’à {r} m, gain avant étalement et actualisation", g) for r, _, g in pv.rings
                ),
            )
        )
        figures.append(
            Figure(
                "transfer_duties",
                "Droits de mutation supplémentaires",
                pv.transfer_duties_increase_eur,
                "€",
                f"5,81 % de la plus-value, quand les logements se vendent (une fois tous les "
                f"{AVERAGE_HOLDING_PERIOD_YEARS} ans en moyenne), sur {min(period.years - 1, AVERAGE_HOLDING_PERIOD_YEARS)} "
                "ans au plus, actualisé.",
            )
        )

    co2_years: list[Co2Year] = []
    if i.kind == URBAN:
        figures.append(
            Figure(
                "roads_construction",
                "Voiries et réseaux qu’il n’a pas fallu construire",
                friche_costs.avoided_roads_construction(i.site_m2),
                "€",
                f"Construire en extension demande {_eur(friche_costs.AVOIDED_ROADS_CONSTRUCTION_EUR_PER_HA)} de "
                "voiries et réseaux par hectare ; la friche est déjà desservie.",
            )
        )
        figures.append(
            Figure(
                "roads_maintenance",
                "Entretien des voiries et réseaux du site",
                -period.sum_with_discount(friche_costs.friche_roads_maintenance_per_year(i.site_m2), 1),
                "€",
                f"{_eur(friche_costs.FRICHE_ROADS_MAINTENANCE_EUR_PER_HA_PER_YEAR)} par hectare et par an à "
                "partir de la deuxième année, actualisé.",
            )
        )
        trips = travel.yearly_travel(
            site_m2=i.site_m2, city_m2=i.city_m2, city_population=i.city_population, floor_areas=i.floor_areas
        )
        if trips.avoided_vehicle_km > 0:
            yearly = (
                trips.avoided_vehicle_km_eur
                + trips.time_saved_eur
                + trips.avoided_air_pollution_eur
                + trips.avoided_property_damage_eur
                + trips.avoided_minor_injuries_eur
                + trips.avoided_severe_injuries_eur
                + trips.avoided_deaths_eur
            )
            figures.append(
                Figure(
                    "travel",
                    "Déplacements évités",
                    period.sum_with_discount(yearly),
                    "€",
                    f"Habitants et salariés vivent ou travaillent plus près : la moitié d’entre eux évite "
                    f"1,2 km par trajet ({_n(trips.avoided_vehicle_km)} km en voiture par an), à 0,12 €/km, "
                    "2 minutes gagnées valant 9,97 €/h, moins d’accidents et de pollution ; actualisé.",
                    details=(
                        ("Frais de déplacement", trips.avoided_vehicle_km_eur),
                        ("Temps gagné", trips.time_saved_eur),
                        ("Pollution de l’air", trips.avoided_air_pollution_eur),
                        ("Accidents", trips.avoided_property_damage_eur + trips.avoided_minor_injuries_eur),
                    ),
                )
            )
            for index in range(period.years):
                year = period.first_year + index
                tonnes = trips.avoided_vehicle_km * co2_g_per_vehicle_km(year) / 1_000_000
                co2_years.append(_co2_year(year, index, tonnes))
        fresh = urban_freshness.yearly_freshness(
            site_m2=i.site_m2,
            city_m2=i.city_m2,
            city_population=i.city_population,
            floor_areas=i.floor_areas,
            public_green_m2=i.public_green_m2,
        )
        if fresh.has_impact:
            figures.append(
                Figure(
                    "freshness",
                    "Climatisation évitée grâce aux espaces verts",
                    period.sum_with_discount(fresh.avoided_ac_eur),
                    "€",
                    f"Les espaces verts publics ({_n(i.public_green_m2)} m²) rafraîchissent les logements et "
                    f"commerces jusqu’à {fresh.influence_radius} m : 4,20 € par foyer et 0,07 €/m² d’activité "
                    "par an ; actualisé.",
                )
            )
            co2_years = _add_tonnes(co2_years, period, fresh.avoided_ac_co2_t)

    if i.kind == SOLAR and i.solar_production_mwh > 0:
        tonnes = renewable_energy.avoided_co2_t_per_year(i.solar_production_mwh)
        for index in range(period.years):
            co2_years.append(_co2_year(period.first_year + index, index, tonnes))
        figures.append(
            Figure(
                "households",
                "Foyers alimentés",
                renewable_energy.households_powered(i.solar_production_mwh),
                "foyers",
                f"{_n(i.solar_production_mwh)} MWh par an, un foyer consommant 4 890,6 kWh par an.",
                monetary=False,
            )
        )
        figures.append(
            Figure(
                "solar_jobs",
                "Emplois pour exploiter la centrale",
                renewable_energy.operations_jobs(i.solar_power_kwc),
                "équivalents temps plein",
                f"0,0002 emploi par kWc installé ({_n(i.solar_power_kwc)} kWc).",
                monetary=False,
            )
        )

    green_gain = i.project_green_m2 + i.public_green_m2 - i.site_green_m2
    if green_gain > 0:
        yearly = pollination(green_gain) + invasive_species_regulation(green_gain) + soil_erosion(green_gain)
        figures.append(
            Figure(
                "nature",
                "Services rendus par la nature",
                period.sum_with_discount_and_gdp(yearly),
                "€",
                f"{_n(green_gain)} m² de sols végétalisés en plus : pollinisation (0,0092 €/m²), régulation des "
                "espèces invasives (0,0034 €/m²) et érosion évitée (0,025 €/m²) chaque année, croissant avec "
                "le PIB par habitant, actualisé.",
            )
        )

    if co2_years:
        tonnes_total = sum(y.tonnes for y in co2_years)
        figures.append(
            Figure(
                "co2",
                "Émissions de CO₂ évitées",
                round(sum(y.value_eur for y in co2_years)),
                "€",
                f"{_n(tonnes_total, 1)} t de CO₂ évitées sur {years}, valorisées à la valeur tutélaire du carbone "
                "(90 €/t en 2020, 250 € en 2030, 500 € en 2040, 775 € à partir de 2050), actualisée.",
            )
        )
    return ProjectImpact(figures=tuple(figures), co2_years=tuple(co2_years), period=period)


def _co2_year(year: int, index: int, tonnes: float) -> Co2Year:
    value = co2_value_eur_per_tonne(year)
    factor = discount_factor(index)
    return Co2Year(year, tonnes, value, factor, tonnes * value * factor)


def _add_tonnes(years: list[Co2Year], period: Period, tonnes: float) -> list[Co2Year]:
    if not years:
        return [_co2_year(period.first_year + i, i, tonnes) for i in range(period.years)]
    return [_co2_year(y.year, i, y.tonnes + tonnes) for i, y in enumerate(years)]
