from django import forms

from transition.platform.notify.phone import PhoneError, phone_display, phone_parse

from ..enums import Role, TerritoryKind
from ..models import Territory
from .fields import Form


class TerritoryCreateForm(Form):
    name = forms.CharField(label="Nom du territoire", max_length=120)
    slug = forms.SlugField(label="Adresse", max_length=50, help_text="En minuscules, sans accent : /comobi/<adresse>/")
    kind = forms.ChoiceField(label="Type", choices=TerritoryKind.choices)
    communes = forms.CharField(
        label="Communes desservies (codes INSEE)",
        required=False,
        max_length=5000,
        help_text="Séparés par des virgules ou des espaces, ex. 46127, 46102",
    )
    admin_email = forms.EmailField(
        label="Adresse électronique du premier administrateur", help_text="Format attendu : nom@domaine.fr"
    )

    def clean_communes(self):
        text = self.cleaned_data.get("communes", "")
        return [c for c in text.replace(",", " ").replace(";", " ").split() if c]


class TerritorySettingsForm(Form):
    name = forms.CharField(label="Nom", max_length=120)
    kind = forms.ChoiceField(label="Type", choices=TerritoryKind.choices)
    phone = forms.CharField(
        label="Téléphone public",
        max_length=30,
        required=False,
        help_text="Le numéro que les passagers sans internet appellent. Format attendu : 05 65 12 34 56",
    )
    email = forms.EmailField(
        label="Adresse électronique publique", required=False, help_text="Format attendu : nom@domaine.fr"
    )
    welcome_text = forms.CharField(
        label="Texte d’accueil", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    terms_text = forms.CharField(
        label="Conditions d’utilisation", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    jdma_url = forms.URLField(label="Lien « Je donne mon avis »", required=False, assume_scheme="https")
    router_url = forms.URLField(
        label="Calculateur d’itinéraires (compatible OSRM)",
        required=False,
        assume_scheme="https",
        help_text="Un serveur OSRM pour des temps de trajet sur route ; vide : vol d’oiseau × 1,4 à 60 km/h.",
    )
    is_open = forms.BooleanField(
        label="Territoire ouvert au public",
        required=False,
        help_text="Tant que le territoire est fermé, ses pages publiques ne sont visibles que de son équipe.",
    )

    FIELDS = ("name", "kind", "phone", "email", "welcome_text", "terms_text", "jdma_url", "router_url", "is_open")

    @classmethod
    def initial_of(cls, territory: Territory) -> dict:
        initial = {field: getattr(territory, field) for field in cls.FIELDS}
        initial["phone"] = phone_display(initial["phone"])  # as people write it, not +33…
        return initial

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        try:
            return phone_parse(value).e164
        except PhoneError as exc:
            raise forms.ValidationError(str(exc)) from None


class CommuneForm(Form):
    insee_code = forms.CharField(label="Code INSEE", max_length=5, min_length=5, help_text="Ex. 46127 pour Gramat")
    lat = forms.FloatField(label="Latitude", required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label="Longitude", required=False, min_value=-180, max_value=180)


class PlaceForm(Form):
    name = forms.CharField(
        label="Nom", max_length=120, help_text="Tel que les gens le disent : « la pharmacie de Gramat »"
    )
    aliases = forms.CharField(label="Autres noms", max_length=500, required=False, help_text="Séparés par des virgules")
    lat = forms.FloatField(label="Latitude", min_value=-90, max_value=90, help_text="Ex. 44.7797")
    lon = forms.FloatField(label="Longitude", min_value=-180, max_value=180, help_text="Ex. 1.7269")


class PlacesImportForm(Form):
    file = forms.FileField(
        label="Fichier des lieux", help_text="Colonnes : noms ; latitude ; longitude (CSV, XLSX ou ODS, 2 Mo au plus)"
    )


class MemberForm(Form):
    email = forms.EmailField(label="Adresse électronique", help_text="Format attendu : nom@domaine.fr")
    given_name = forms.CharField(label="Prénom", max_length=150, required=False)
    family_name = forms.CharField(label="Nom", max_length=150, required=False)
    role = forms.ChoiceField(label="Rôle", choices=Role.choices, initial=Role.MEDIATEUR)
