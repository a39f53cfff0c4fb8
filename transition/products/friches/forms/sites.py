"""Forms of the registry: a site, a building, the answers on mutability, joining as collectivité."""

import math

from django import forms

from transition.platform.geo.domain.territory import departement_of_insee

from ..domain.geometry import GeometryError, in_france, read_outline
from ..domain.mutability_criteria import CRITERIA, NE_SAIT_PAS, USAGE_LABELS, USAGES
from ..enums import OwnerKind, SiteStatus
from ..models.sites import (
    BUILDING_POLLUTION_CHOICES,
    BUILDING_STATE_CHOICES,
    BUILDING_USE_CHOICES,
    DOC_TYPE_CHOICES,
    HERITAGE_CHOICES,
    SITE_TYPE_CHOICES,
    SOIL_POLLUTION_CHOICES,
    VACANCY_CHOICES,
    ZAER_CHOICES,
    ZONE_TYPE_CHOICES,
)
from . import Form, required

BLANK = [("", "Non renseigné")]
MAIN_STATUSES = [
    (s.value, s.label)
    for s in (SiteStatus.POTENTIELLE, SiteStatus.SANS_PROJET, SiteStatus.AVEC_PROJET, SiteStatus.RECONVERTIE)
]


class JoinForm(Form):
    organisation = forms.ModelChoiceField(
        label="Pour quelle organisation ?", queryset=None, empty_label=None, error_messages=required("L’organisation")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SiteForm(Form):
    name = forms.CharField(
        label="Nom du site",
        max_length=255,
        error_messages=required("Le nom du site"),
        help_text="Le nom usuel : « Ancienne filature Dupont », « Gare de marchandises »…",
    )
    site_type = forms.ChoiceField(label="Ancienne activité", choices=SITE_TYPE_CHOICES, initial="inconnu")
    address = forms.CharField(label="Adresse", max_length=255, required=False)
    commune_insee = forms.CharField(
        label="Code INSEE de la commune",
        max_length=5,
        min_length=5,
        error_messages={**required("Le code INSEE"), "min_length": "Le code INSEE compte 5 caractères."},
        help_text="5 caractères, par exemple 08105 pour Charleville-Mézières (ce n’est pas le code postal).",
    )
    commune_name = forms.CharField(label="Commune", max_length=100, error_messages=required("Le nom de la commune"))
    lon = forms.FloatField(
        label="Longitude",
        help_text="En degrés décimaux (WGS 84), par exemple 4.7194. Cliquez sur la carte pour la remplir.",
        error_messages={**required("La longitude"), "invalid": "Un nombre décimal est attendu."},
    )
    lat = forms.FloatField(
        label="Latitude",
        help_text="Par exemple 49.7625.",
        error_messages={**required("La latitude"), "invalid": "Un nombre décimal est attendu."},
    )
    outline_wkt = forms.CharField(
        label="Contour du site",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Tracez-le sur la carte, ou collez un polygone WKT (POLYGON((lon lat, …))).",
    )
    surface_m2 = forms.IntegerField(
        label="Surface de l’unité foncière (m²)",
        required=False,
        min_value=1,
        max_value=100_000_000,
        help_text="Laissée vide, elle est calculée d’après le contour.",
    )
    status = forms.ChoiceField(label="Statut", choices=MAIN_STATUSES, initial=SiteStatus.SANS_PROJET)
    owner_kind = forms.ChoiceField(label="Propriétaire", choices=OwnerKind.choices, initial=OwnerKind.INCONNU)
    owner_name = forms.CharField(
        label="Nom du propriétaire (personne morale seulement)",
        max_length=255,
        required=False,
        help_text="N’indiquez jamais le nom d’un particulier.",
    )
    soil_pollution = forms.ChoiceField(
        label="Pollution des sols", choices=BLANK + SOIL_POLLUTION_CHOICES, required=False
    )
    building_pollution = forms.ChoiceField(
        label="Pollution des bâtiments", choices=BLANK + BUILDING_POLLUTION_CHOICES, required=False
    )
    zone_type = forms.ChoiceField(
        label="Zone du document d’urbanisme", choices=BLANK + ZONE_TYPE_CHOICES, required=False
    )
    zone_label = forms.CharField(
        label="Libellé de la zone", max_length=50, required=False, help_text="Par exemple UX, 1AUh."
    )
    planning_document = forms.ChoiceField(
        label="Document d’urbanisme", choices=BLANK + DOC_TYPE_CHOICES, required=False
    )
    zaer = forms.ChoiceField(
        label="En zone d’accélération des énergies renouvelables", choices=ZAER_CHOICES, initial="inconnu"
    )
    intended_uses = forms.MultipleChoiceField(
        label="Usages envisagés", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(u, USAGE_LABELS[u]) for u in USAGES],
    )  # fmt: skip

    def clean_commune_insee(self):
        code = self.cleaned_data["commune_insee"].strip().upper()
        if departement_of_insee(code) is None:
            raise forms.ValidationError("Ce code INSEE de commune n’existe pas.")
        return code

    def clean(self):
        data = super().clean()
        lon, lat = data.get("lon"), data.get("lat")
        if (lon is not None and lat is not None) and (
            not (math.isfinite(lon) and math.isfinite(lat)) or not in_france(lon, lat)
        ):
            self.add_error("lat", "Ce point n’est pas en France : vérifiez la longitude et la latitude.")
        data["outline_shape"] = None
        if data.get("outline_wkt"):
            try:
                data["outline_shape"] = read_outline(data["outline_wkt"]).geometry
            except GeometryError as exc:
                self.add_error("outline_wkt", f"Contour refusé : {exc}.")
        return data


class BuildingForm(Form):
    label = forms.CharField(label="Nom ou repère", max_length=120, error_messages=required("Le nom du bâtiment"))
    use = forms.ChoiceField(label="Type", choices=BUILDING_USE_CHOICES, initial="inconnu")
    floor_area_m2 = forms.IntegerField(
        label="Surface de plancher (m²)", required=False, min_value=0, max_value=10_000_000
    )
    footprint_m2 = forms.IntegerField(label="Emprise au sol (m²)", required=False, min_value=0, max_value=10_000_000)
    state = forms.ChoiceField(label="État", choices=BUILDING_STATE_CHOICES, initial="inconnu")
    heritage = forms.ChoiceField(label="Valeur patrimoniale", choices=HERITAGE_CHOICES, initial="aucun")
    vacancy = forms.ChoiceField(label="Occupation", choices=VACANCY_CHOICES, initial="vacant")
    built_year = forms.IntegerField(label="Année de construction", required=False, min_value=1000, max_value=2100)


def _criterion_field(criterion) -> forms.Field:
    label = criterion.label
    if criterion.kind == "numeric":
        unit = f" ({criterion.unit})" if criterion.unit else ""
        return forms.FloatField(label=f"{label}{unit}", required=False, min_value=0)
    choices = [("", "Non renseigné")]
    if criterion.kind == "boolean":
        choices += [("true", "Oui"), ("false", "Non")]
    else:
        choices += [(c.value, c.label) for c in criterion.choices]
    if criterion.accepts_ne_sait_pas or criterion.kind == "boolean":
        choices.append((NE_SAIT_PAS, "Je ne sais pas"))
    return forms.ChoiceField(label=label, choices=choices, required=False)


class MutabilityForm(Form):
    """One field per criterion of Mutafriches, prefilled with what the registry or the person said."""

    def __init__(self, *args, values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion.key] = _criterion_field(criterion)
            value = values.get(criterion.key)
            if isinstance(value, bool):
                value = "true" if value else "false"
            self.initial.setdefault(criterion.key, value)

    def sections(self):
        """(section key, [bound fields]) in the criteria table's order."""
        out: dict[str, list] = {}
        for criterion in CRITERIA:
            out.setdefault(criterion.section, []).append(self[criterion.key])
        return list(out.items())

    def answers(self, derived: dict) -> dict:
        """What the person says that the registry does not already say."""
        out = {}
        for criterion in CRITERIA:
            raw = self.cleaned_data.get(criterion.key)
            if raw in (None, ""):
                continue
            value = {"true": True, "false": False}.get(raw, raw) if criterion.kind == "boolean" else raw
            if criterion.kind == "numeric" and float(value).is_integer():
                value = int(value)
            if derived.get(criterion.key) != value:
                out[criterion.key] = value
        return out
