"""The lot form (the template's columns, one lot), the template upload and the public checker."""

from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm

from ..domain.ghg import TERM_LABELS, TERMS
from ..domain.quantities import UNIT_LABELS
from ..domain.template import COLUMNS
from ..domain.vocabulary import DELIVERY_TYPE_LABELS, TEMPLATE_DELIVERY_TYPES
from ..models import Entity
from ..selectors.directory import draft_from_row
from ..selectors.referentials import biofuel_choices, country_choices, feedstock_choices

HELP = {c.name: c.help for c in COLUMNS}
EMPTY = [("", "—")]
ACCEPTED_FILES = ".xlsx,.ods,.csv"
FIELD_OF_COLUMN = {"volume": "quantity"}  # the form asks a quantity and its unit


class TemplateFileForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier du modèle CarbuRe",
        help_text="XLSX, ODS ou CSV, le premier onglet rempli selon le modèle.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.CARBURE_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Le fichier dépasse {settings.CARBURE_IMPORT_MAX_BYTES // (1024 * 1024)} Mo : découpez-le."
            )
        return upload


def _text(label, name, **kwargs):
    return forms.CharField(label=label, help_text=HELP.get(name, ""), required=False, max_length=255, **kwargs)


class LotForm(DsfrBaseForm):
    """One lot, in the template's columns: what it says is resolved exactly as an imported row."""

    production_site = _text(
        "Site de production", "production_site", widget=forms.TextInput(attrs={"list": "carbure-sites"})
    )
    producer = _text("Producteur", "producer")
    production_site_country = forms.ChoiceField(label="Pays du site de production", required=False)
    production_site_commissioning_date = forms.DateField(
        label="Date de mise en service du site",
        required=False,
        help_text=HELP["production_site_commissioning_date"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    production_site_reference = _text("Certificat du site de production", "production_site_reference")
    double_counting_registration = _text("Agrément double comptage", "double_counting_registration")
    supplier = _text("Fournisseur", "supplier")
    supplier_certificate = _text("Certificat du fournisseur", "supplier_certificate")
    vendor_certificate = _text("Votre certificat de négociant", "vendor_certificate")
    quantity = forms.DecimalField(label="Quantité", required=False, min_value=0, decimal_places=2, max_digits=14)
    unit = forms.ChoiceField(label="Unité", choices=[(u.value, label) for u, label in UNIT_LABELS.items()])
    biocarburant_code = forms.ChoiceField(label="Biocarburant", required=False)
    matiere_premiere_code = forms.ChoiceField(label="Matière première", required=False)
    pays_origine_code = forms.ChoiceField(label="Pays d’origine de la matière première", required=False)
    dae = _text("Numéro du document douanier (DAE…)", "dae")
    client = _text("Client", "client", widget=forms.TextInput(attrs={"list": "carbure-clients"}))
    delivery_date = forms.DateField(
        label="Date de livraison", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    delivery_site = _text(
        "Site de livraison", "delivery_site", widget=forms.TextInput(attrs={"list": "carbure-depots"})
    )
    delivery_site_country = forms.ChoiceField(
        label="Pays de livraison", required=False, help_text=HELP["delivery_site_country"]
    )
    delivery_type = forms.ChoiceField(label="Type de livraison", required=False)
    champ_libre = forms.CharField(
        label="Champ libre", required=False, max_length=255, widget=forms.TextInput, help_text=HELP["champ_libre"]
    )

    def __init__(self, *args, entity: Entity, **kwargs):
        super().__init__(*args, **kwargs)
        self.entity = entity
        countries = EMPTY + country_choices()
        self.fields["production_site_country"].choices = countries
        self.fields["pays_origine_code"].choices = countries
        self.fields["delivery_site_country"].choices = countries
        self.fields["biocarburant_code"].choices = EMPTY + biofuel_choices()
        self.fields["matiere_premiere_code"].choices = EMPTY + feedstock_choices()
        self.fields["delivery_type"].choices = EMPTY + [
            (t.value, label) for t, label in DELIVERY_TYPE_LABELS.items() if t in TEMPLATE_DELIVERY_TYPES
        ]
        for term in TERMS:
            self.fields[term] = forms.DecimalField(
                label=f"{term} — {TERM_LABELS[term]}",
                required=False,
                decimal_places=4,
                max_digits=10,
                help_text="gCO2eq/MJ" + (" ; peut être négatif" if term == "el" else ""),
            )
        self.draft = None

    def clean(self):
        data = super().clean()
        raw = {name: value for name, value in data.items() if name not in ("quantity", "unit")}
        if data.get("quantity") is not None:
            raw["quantity"], raw["unit"] = data["quantity"], data.get("unit")
        draft, findings = draft_from_row(self.entity, raw)
        for finding in findings:
            column = FIELD_OF_COLUMN.get(finding.column, finding.column)
            field = column if column in self.fields else None
            self.add_error(field, finding.message)
        self.draft = draft
        return data


class LotFilterForm(DsfrBaseForm):
    periode = forms.CharField(
        label="Mois de livraison", required=False, widget=forms.DateInput(attrs={"type": "month"}), max_length=7
    )
    biocarburant = forms.ChoiceField(label="Biocarburant", required=False)
    matiere = forms.ChoiceField(label="Matière première", required=False)
    erreurs = forms.BooleanField(label="Avec erreurs bloquantes", required=False)
    q = forms.CharField(label="Rechercher (identifiant, DAE, champ libre)", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["biocarburant"].choices = [("", "Tous")] + biofuel_choices()
        self.fields["matiere"].choices = [("", "Toutes")] + feedstock_choices()

    def clean_periode(self):
        value = self.cleaned_data["periode"].strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
        except ValueError:
            raise forms.ValidationError("Mois attendu au format AAAA-MM.") from None
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise forms.ValidationError("Mois attendu au format AAAA-MM.")
        return year * 100 + month
