"""The assumptions of the socio-economic balance, each with what it means."""

from django import forms

from ..enums import ProjectKind
from ..selectors.balance import FLOOR_AREA_KEYS
from . import Form


def _m2(label, help_text=""):
    return forms.IntegerField(
        label=f"{label} (m²)", required=False, min_value=0, max_value=100_000_000, help_text=help_text
    )


class BalanceForm(Form):
    kind = forms.ChoiceField(label="Type de projet", choices=ProjectKind.choices)
    period_years = forms.IntegerField(
        label="Durée d’évaluation (années)", min_value=1, max_value=50, help_text="Bénéfriches évalue de 1 à 50 ans."
    )
    first_year = forms.IntegerField(label="Première année d’exploitation", min_value=2000, max_value=2100)
    site_m2 = _m2("Surface du site")
    city_population = forms.IntegerField(
        label="Population de la commune", required=False, min_value=1, max_value=5_000_000
    )
    city_surface_ha = forms.FloatField(label="Surface de la commune (ha)", required=False, min_value=1)
    price_eur_m2 = forms.IntegerField(
        label="Prix médian du logement dans la commune (€/m²)", required=False, min_value=1, max_value=100_000
    )
    rural = forms.BooleanField(label="Commune rurale (pas de gardiennage compté)", required=False)
    site_buildings_m2 = _m2("Emprise des bâtiments existants")
    site_impermeable_m2 = _m2("Autres surfaces imperméables existantes", "Parkings, cours, voiries.")
    site_green_m2 = _m2("Espaces verts existants")
    project_buildings_m2 = _m2("Emprise des bâtiments du projet")
    project_impermeable_m2 = _m2("Surfaces imperméables du projet")
    project_green_m2 = _m2("Espaces verts privés du projet")
    public_green_m2 = _m2("Espaces verts publics du projet")
    decontaminated_m2 = _m2("Surface dépolluée")
    solar_power_kwc = forms.FloatField(label="Puissance de la centrale (kWc)", required=False, min_value=0)
    solar_production_mwh = forms.FloatField(label="Production attendue (MWh par an)", required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in FLOOR_AREA_KEYS:
            self.fields[f"floor_{key}"] = _m2(f"{label}, surface de plancher")

    def project_fields(self):
        return [
            self[n]
            for n in (
                "kind",
                "period_years",
                "first_year",
                "city_population",
                "city_surface_ha",
                "price_eur_m2",
                "rural",
            )
        ]

    def soil_fields(self):
        names = ("site_m2", "site_buildings_m2", "site_impermeable_m2", "site_green_m2", "project_buildings_m2")
        names += ("project_impermeable_m2", "project_green_m2", "public_green_m2", "decontaminated_m2")
        return [self[n] for n in names]

    def floor_fields(self):
        return [self[f"floor_{key}"] for key, _ in FLOOR_AREA_KEYS]
