"""An entity's sites, depots, certificates and settings."""

from django import forms
from dsfr.forms import DsfrBaseForm

from ..models import Depot
from ..selectors.referentials import country_choices


class SiteForm(DsfrBaseForm):
    name = forms.CharField(label="Nom du site", max_length=120)
    city = forms.CharField(label="Commune", max_length=120, required=False)
    country_id = forms.ChoiceField(label="Pays")
    commissioning_date = forms.DateField(
        label="Date de mise en service", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    certificate = forms.CharField(label="Certificat de durabilité du site", max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country_id"].choices = country_choices()
        self.fields["country_id"].initial = "FR"


class DepotForm(DsfrBaseForm):
    depot = forms.ModelChoiceField(label="Dépôt", queryset=Depot.objects.order_by("name"))


class CertificateClaimForm(DsfrBaseForm):
    certificate_id = forms.CharField(label="Numéro du certificat", max_length=64)


class SettingsForm(DsfrBaseForm):
    default_certificate = forms.CharField(
        label="Certificat par défaut", max_length=64, required=False, help_text="Repris sur les lots que vous vendez."
    )
    has_trading = forms.BooleanField(
        label="Nous revendons aussi des lots d’autres producteurs (négoce)", required=False
    )
