"""The administration's filters and registrations."""

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from ..domain.vocabulary import CERTIFICATE_SCHEME_LABELS, DEPOT_TYPE_LABELS, LOT_STATUS_LABELS, choices
from ..models import Entity, ProductionSite
from ..selectors.referentials import country_choices


class AdminLotFilterForm(DsfrBaseForm):
    annee = forms.IntegerField(label="Année", min_value=2000, max_value=2100, required=False)
    mois = forms.IntegerField(label="Mois", min_value=1, max_value=12, required=False)
    entite = forms.ModelChoiceField(
        label="Entité", queryset=Entity.objects.select_related("organisation"), required=False
    )
    statut = forms.ChoiceField(label="Statut", required=False)
    controle = forms.CharField(label="Code de contrôle (ex. GHG_REDUC_INF_50)", max_length=48, required=False)
    bloquants = forms.BooleanField(label="Avec erreurs bloquantes", required=False)
    signales = forms.BooleanField(label="Signalés par l’administration", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statut"].choices = [("", "Tous")] + [
            c for c in choices(LOT_STATUS_LABELS) if c[0] not in ("DRAFT", "DELETED")
        ]
        self.fields["entite"].label_from_instance = lambda e: e.organisation.name


class YearForm(DsfrBaseForm):
    year = forms.IntegerField(label="Année", min_value=2000, max_value=2100)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year >= timezone.localdate().year:
            raise forms.ValidationError("Seule une année passée peut être verrouillée.")
        return year


class CertificateForm(DsfrBaseForm):
    certificate_id = forms.CharField(label="Numéro", max_length=64)
    scheme = forms.ChoiceField(label="Système", choices=choices(CERTIFICATE_SCHEME_LABELS))
    holder = forms.CharField(label="Titulaire", max_length=200)
    valid_from = forms.DateField(label="Valide du", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    valid_until = forms.DateField(
        label="Valide jusqu’au", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class AgreementForm(DsfrBaseForm):
    certificate_id = forms.CharField(label="Numéro d’agrément", max_length=64)
    production_site = forms.ModelChoiceField(
        label="Site de production",
        queryset=ProductionSite.objects.select_related("producer__organisation"),
        required=False,
    )
    valid_from = forms.DateField(label="Valide du", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    valid_until = forms.DateField(
        label="Valide jusqu’au", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class DepotForm(DsfrBaseForm):
    depot_id = forms.CharField(label="Identifiant douanier", max_length=32)
    name = forms.CharField(label="Nom", max_length=120)
    city = forms.CharField(label="Commune", max_length=120, required=False)
    country_id = forms.ChoiceField(label="Pays")
    depot_type = forms.ChoiceField(label="Type", choices=choices(DEPOT_TYPE_LABELS))
    electrical_efficiency = forms.FloatField(
        label="Rendement électrique (centrales)", min_value=0, max_value=1, required=False, help_text="Entre 0 et 1."
    )
    thermal_efficiency = forms.FloatField(
        label="Rendement thermique (centrales)", min_value=0, max_value=1, required=False, help_text="Entre 0 et 1."
    )
    useful_temperature_c = forms.FloatField(
        label="Température utile de la chaleur (°C, cogénération)", min_value=0, max_value=1000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country_id"].choices = country_choices()
        self.fields["country_id"].initial = "FR"
