"""What it costs to put the site back in a state fit for its new use, by kind of work
(Bénéfriches' default costs per m²): removing impermeable surfaces (10 €/m²), rebuilding living
soils (45 €/m²), remediating polluted soil (66 €/m²), demolishing buildings (75 €/m² of footprint)
and removing asbestos (75 €/m² of footprint).

Impermeable = buildings + impermeable soils; green artificial = artificial grass or bushes + trees.
"""

from dataclasses import dataclass

from ..rounding import js_round

EUR_PER_M2 = {
    "deimpermeabilization": 10,
    "sustainable_soils_reinstatement": 45,
    "remediation": 66,
    "demolition": 75,
    "asbestos_removal": 75,
}

WORK_LABELS = {
    "deimpermeabilization": "Désimperméabilisation",
    "sustainable_soils_reinstatement": "Reconstitution de sols vivants",
    "remediation": "Dépollution des sols",
    "demolition": "Déconstruction",
    "asbestos_removal": "Désamiantage",
}


@dataclass(frozen=True)
class Soils:
    """Surfaces in m² of the kinds the reinstatement rules read."""

    buildings: float = 0
    impermeable: float = 0
    green_artificial: float = 0  # artificial grass or bushes, and trees

    @property
    def sealed(self) -> float:
        return self.buildings + self.impermeable


@dataclass(frozen=True)
class ReinstatementCost:
    work: str
    surface_m2: float
    eur_per_m2: float
    amount_eur: int

    @property
    def label(self) -> str:
        return WORK_LABELS[self.work]


def reinstatement_costs(*, site: Soils, project: Soils, decontaminated_m2: float = 0) -> list[ReinstatementCost]:
    """The works the project implies, in the original's order; a work that is not needed is absent."""
    costs = []

    def add(work: str, surface: float) -> None:
        costs.append(ReinstatementCost(work, surface, EUR_PER_M2[work], js_round(surface * EUR_PER_M2[work])))

    sealed_change = project.sealed - site.sealed
    green_change = project.green_artificial - site.green_artificial
    if sealed_change < 0:
        add("deimpermeabilization", abs(sealed_change))
        if green_change > 0:
            add("sustainable_soils_reinstatement", green_change)
    if decontaminated_m2 > 0:
        add("remediation", decontaminated_m2)
    if site.buildings > 0:
        add("demolition", site.buildings)
        add("asbestos_removal", site.buildings)
    return costs
