"""Forms of France Chaleur Urbaine: they parse and validate input, in French; services decide."""

from django import forms
from dsfr.forms import DsfrBaseForm

from transition.platform.geo.forms import AddressField

from .domain import bulk_columns
from .domain.demand_status import STATUS_CHOICES
from .domain.eligibility_messages import HEATING_LABELS, Heating
from .enums import ConstructionPeriod, HeatingEnergy, HeatingType, StructureType
from .notifications import EMAIL_TEMPLATES


class Form(DsfrBaseForm):
    """DSFR markup; optional fields are marked "(facultatif)", as the DSFR now recommends."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def _required(label: str) -> dict:
    return {"required": f"{label} est obligatoire."}


# The "Tester une adresse" form: the platform's address field (autocomplete, geocoded on the
# server when nothing was picked) and the heating type.
class EligibilityTestForm(forms.Form):
    adresse = AddressField(
        label="Adresse du bâtiment",
        help_text="Numéro, rue et commune, par exemple : 12 avenue Jean XXIII, Angers",
    )
    chauffage = forms.ChoiceField(
        label="Mode de chauffage actuel",
        choices=[(heating.value, label) for heating, label in HEATING_LABELS.items()],
        initial=Heating.COLLECTIVE.value,
        required=False,
    )

    def clean_chauffage(self) -> Heating:
        return Heating(self.cleaned_data.get("chauffage") or Heating.COLLECTIVE.value)


class DemandForm(Form):
    first_name = forms.CharField(label="Prénom", max_length=150, error_messages=_required("Le prénom"))
    last_name = forms.CharField(label="Nom", max_length=150, error_messages=_required("Le nom"))
    email = forms.EmailField(
        label="Adresse électronique",
        help_text="Format attendu : nom@exemple.fr",
        error_messages={**_required("L’adresse électronique"), "invalid": "Indiquez une adresse électronique valide."},
    )
    phone = forms.RegexField(
        label="Téléphone",
        required=False,
        regex=r"^\+?[0-9 .()-]{6,20}$",
        help_text="Format attendu : 01 22 33 44 55",
        error_messages={"invalid": "Indiquez un numéro de téléphone valide."},
    )
    structure_type = forms.ChoiceField(
        label="Vous êtes…", choices=StructureType.choices, error_messages=_required("Le type de structure")
    )
    company = forms.CharField(
        label="Nom de la structure", required=False, max_length=255, help_text="Syndic, bailleur, entreprise…"
    )
    heating_energy = forms.ChoiceField(
        label="Énergie de chauffage actuelle",
        choices=HeatingEnergy.choices,
        error_messages=_required("L’énergie de chauffage"),
    )
    heating_type = forms.ChoiceField(
        label="Type de chauffage",
        choices=HeatingType.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Le type de chauffage"),
    )
    dwellings_count = forms.IntegerField(label="Nombre de logements", required=False, min_value=0, max_value=100000)
    surface_m2 = forms.IntegerField(label="Surface chauffée (m²)", required=False, min_value=0, max_value=10_000_000)
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    wants_operator_contact = forms.BooleanField(
        label="Je souhaite être contacté par le gestionnaire du réseau (rendez-vous, étude, devis).",
        required=False,
        initial=True,
    )
    wants_agency_advice = forms.BooleanField(
        label="Je souhaite aussi un conseil gratuit et neutre de mon agence locale de l’énergie.", required=False
    )
    consent = forms.BooleanField(
        label="J’accepte que mes coordonnées soient transmises au gestionnaire du réseau et, si je l’ai demandé, à l’agence locale de l’énergie, pour traiter ma demande.",
        error_messages={"required": "Votre accord est nécessaire pour transmettre votre demande."},
    )

    def __init__(self, *args, offer_operator: bool = True, **kwargs):
        """`offer_operator=False`: no network takes this demand, so no operator to be contacted by."""
        super().__init__(*args, **kwargs)
        if not offer_operator:
            del self.fields["wants_operator_contact"]

    def clean(self):
        data = super().clean()
        if "wants_operator_contact" not in self.fields:
            data["wants_operator_contact"] = False
            return data
        if not (data.get("wants_operator_contact") or data.get("wants_agency_advice")):
            raise forms.ValidationError(
                "Choisissez au moins un contact : le gestionnaire du réseau ou l’agence locale de l’énergie."
            )
        return data


class StatusForm(Form):
    status = forms.ChoiceField(label="Statut", choices=STATUS_CHOICES)
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_backward = forms.BooleanField(
        label="Je confirme revenir à une étape antérieure",
        help_text="Nécessaire seulement pour revenir en arrière (par exemple de « Étude en cours » à « En attente de prise en charge »).",
        required=False,
    )
    notify = forms.BooleanField(label="Prévenir le demandeur par courriel", required=False, initial=True)


class CommentForm(Form):
    text = forms.CharField(label="Commentaire", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionForm(Form):
    distance_m = forms.IntegerField(label="Distance au réseau (m)", required=False, min_value=0, max_value=100000)
    dwellings_count = forms.IntegerField(label="Nombre de logements", required=False, min_value=0, max_value=100000)
    consumption_mwh = forms.DecimalField(
        label="Consommation (MWh/an)", required=False, min_value=0, max_digits=10, decimal_places=1, localize=True
    )


class EmailForm(Form):
    template = forms.ChoiceField(label="Modèle", choices=[(k, v[0]) for k, v in EMAIL_TEMPLATES.items()])
    body = forms.CharField(label="Message", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))


class DemandFilterForm(Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    statut = forms.ChoiceField(label="Statut", required=False, choices=[("", "Tous")] + STATUS_CHOICES)
    reseau = forms.TypedChoiceField(label="Réseau", required=False, coerce=int, empty_value=None)
    eligible = forms.ChoiceField(
        label="Éligibilité", required=False, choices=[("", "Toutes"), ("oui", "Éligibles"), ("non", "Non éligibles")]
    )
    tri = forms.ChoiceField(
        label="Trier par",
        required=False,
        choices=[
            ("recent", "Plus récentes"),
            ("ancien", "Plus anciennes"),
            ("statut", "Statut"),
            ("logements", "Nombre de logements"),
            ("distance", "Distance au réseau"),
            ("adresse", "Adresse"),
        ],
    )

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reseau"].choices = [("", "Tous")] + [(n.pk, str(n)) for n in networks]


class ProspectFilterForm(Form):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    reseau = forms.TypedChoiceField(label="Réseau", required=False, coerce=int, empty_value=None)
    chauffage = forms.ChoiceField(label="Chauffage", required=False, choices=[("", "Tous")] + HeatingType.choices)
    energie = forms.ChoiceField(label="Énergie", required=False, choices=[("", "Toutes")] + HeatingEnergy.choices)
    periode = forms.ChoiceField(
        label="Construction", required=False, choices=[("", "Toutes")] + ConstructionPeriod.choices
    )
    logements_min = forms.IntegerField(label="Logements (minimum)", required=False, min_value=0)

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reseau"].choices = [("", "Tous")] + [(n.pk, str(n)) for n in networks]


class BulkUploadForm(Form):
    file = forms.FileField(
        label="Fichier d’adresses",
        help_text="Fichier .csv ou .txt, 50 Mo au plus : une adresse par ligne, ou des colonnes (adresse, code postal, commune… ou latitude et longitude).",
        error_messages={"required": "Choisissez un fichier."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > bulk_columns.MAX_FILE_BYTES:
            raise forms.ValidationError("Le fichier dépasse 50 Mo : découpez-le en plusieurs fichiers.")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("Seuls les fichiers .csv et .txt sont acceptés.")
        return upload


class BulkMappingForm(Form):
    delimiter = forms.ChoiceField(
        label="Séparateur de colonnes",
        choices=[
            (";", "Point-virgule ( ; )"),
            (",", "Virgule ( , )"),
            ("\t", "Tabulation"),
            ("|", "Barre verticale ( | )"),
            ("", "Aucun : une adresse par ligne"),
        ],
        required=False,
    )
    has_header = forms.BooleanField(label="La première ligne contient les noms des colonnes", required=False)
    mode = forms.ChoiceField(
        label="Le fichier donne",
        choices=[("adresse", "Une adresse"), ("coordonnees", "Une latitude et une longitude")],
        widget=forms.RadioSelect,
    )
    address_columns = forms.TypedMultipleChoiceField(
        label="Colonne(s) de l’adresse",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Plusieurs colonnes (adresse, code postal, commune) sont mises bout à bout.",
    )
    lat_column = forms.TypedChoiceField(label="Colonne de la latitude", required=False, coerce=int, empty_value=None)
    lon_column = forms.TypedChoiceField(label="Colonne de la longitude", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, header=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(i, f"{i + 1} — {name}") for i, name in enumerate(header)]
        self.fields["address_columns"].choices = choices
        self.fields["lat_column"].choices = [("", "—")] + choices
        self.fields["lon_column"].choices = [("", "—")] + choices

    def mapping(self) -> bulk_columns.ColumnMapping:
        data = self.cleaned_data
        if data["mode"] == "adresse":
            return bulk_columns.ColumnMapping(address_columns=tuple(data.get("address_columns") or ()))
        return bulk_columns.ColumnMapping(lat_column=data.get("lat_column"), lon_column=data.get("lon_column"))


class AmbassadorVolunteerForm(Form):
    display_name = forms.CharField(
        label="Nom affiché",
        max_length=150,
        help_text="Le nom de la résidence, par exemple « Résidence Les Tilleuls ». Votre adresse n’est jamais affichée.",
    )
    testimony = forms.CharField(
        label="Votre témoignage", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AmbassadorMessageForm(Form):
    sender_name = forms.CharField(label="Votre nom", max_length=150)
    sender_email = forms.EmailField(
        label="Votre adresse électronique",
        help_text="Elle n’est transmise à l’ambassadeur que s’il vous répond.",
    )
    body = forms.CharField(
        label="Votre message", min_length=10, max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )


class AmbassadorReplyForm(Form):
    body = forms.CharField(label="Votre réponse", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
