"""A project's socio-economic balance: the assumptions (what the project said, what the registry and
the commune's figures give by default) and the balance computed from them."""

from dataclasses import dataclass

from django.utils import timezone

from ..domain.socioeconomic.project_impact import (
    RENATURATION,
    SOLAR,
    URBAN,
    ImpactInputs,
    ProjectImpact,
    project_impact,
)
from ..models import CommuneStats, Project

DEFAULT_PERIOD_YEARS = 30
FLOOR_AREA_KEYS = (
    ("RESIDENTIAL", "Logements"),
    ("OFFICES", "Bureaux"),
    ("LOCAL_STORE", "Commerces"),
    ("LOCAL_SERVICES", "Services de proximité"),
    ("ARTISANAL_OR_INDUSTRIAL_OR_SHIPPING_PREMISES", "Locaux artisanaux, industriels ou logistiques"),
    ("PUBLIC_FACILITIES", "Équipements publics"),
    ("SPORTS_FACILITIES", "Équipements sportifs"),
    ("OTHER_CULTURAL_PLACE", "Lieux culturels"),
)


def default_kind(intended_uses) -> str:
    uses = set(intended_uses or ())
    if uses == {"renaturation"}:
        return RENATURATION
    if uses == {"photovoltaique"}:
        return SOLAR
    return URBAN


def default_inputs(project: Project) -> dict:
    site = project.site
    buildings = [b.footprint_m2 or 0 for b in site.buildings.all()]
    cnig_surface = (site.cnig or {}).get("bati_surface", "")
    stats = CommuneStats.objects.filter(insee=site.commune_insee).first()
    return {
        "kind": default_kind(site.intended_uses),
        "period_years": DEFAULT_PERIOD_YEARS,
        "first_year": timezone.localdate().year + 1,
        "site_m2": site.surface_m2,
        "site_buildings_m2": sum(buildings) if buildings else (int(cnig_surface) if cnig_surface.isdigit() else 0),
        "city_population": stats.population if stats else None,
        "city_surface_ha": float(stats.surface_ha) if stats else None,
        "price_eur_m2": stats.price_eur_m2 if stats else None,
        "rural": False,
    }


def balance_values(project: Project) -> dict:
    """The assumptions in force: the project's own over the defaults."""
    values = default_inputs(project)
    values.update({k: v for k, v in (project.impact_inputs or {}).items() if v is not None and v != ""})
    return values


REQUIRED = {
    "site_m2": "la surface du site",
    "city_population": "la population de la commune",
    "city_surface_ha": "la surface de la commune",
    "price_eur_m2": "le prix du logement dans la commune",
}


@dataclass(frozen=True)
class Balance:
    values: dict
    missing: list[str]
    impact: ProjectImpact | None


def project_balance(project: Project) -> Balance:
    values = balance_values(project)
    missing = [label for key, label in REQUIRED.items() if not values.get(key)]
    if missing:
        return Balance(values, missing, None)
    inputs = ImpactInputs(
        kind=values["kind"],
        site_m2=float(values["site_m2"]),
        city_population=float(values["city_population"]),
        city_m2=float(values["city_surface_ha"]) * 10000,
        price_eur_m2=float(values["price_eur_m2"]),
        first_year=int(values["first_year"]),
        period_years=int(values["period_years"]),
        rural=bool(values.get("rural")),
        site_buildings_m2=float(values.get("site_buildings_m2") or 0),
        site_impermeable_m2=float(values.get("site_impermeable_m2") or 0),
        site_green_m2=float(values.get("site_green_m2") or 0),
        project_buildings_m2=float(values.get("project_buildings_m2") or 0),
        project_impermeable_m2=float(values.get("project_impermeable_m2") or 0),
        project_green_m2=float(values.get("project_green_m2") or 0),
        public_green_m2=float(values.get("public_green_m2") or 0),
        decontaminated_m2=float(values.get("decontaminated_m2") or 0),
        floor_areas={key: float(values.get(f"floor_{key}") or 0) for key, _ in FLOOR_AREA_KEYS},
        solar_power_kwc=float(values.get("solar_power_kwc") or 0),
        solar_production_mwh=float(values.get("solar_production_mwh") or 0),
    )
    return Balance(values, [], project_impact(inputs))
