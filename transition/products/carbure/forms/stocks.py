"""Taking a lot out of a stock, flushing it, turning ethanol into ETBE."""

from django import forms
from dsfr.forms import DsfrBaseForm

from ..domain.vocabulary import DELIVERY_TYPE_LABELS, DeliveryType
from ..models import Depot, Entity
from ..selectors.entities import client_entities
from ..selectors.referentials import country_choices

SPLIT_TYPES = (
    DeliveryType.UNKNOWN,
    DeliveryType.RFC,
    DeliveryType.BLENDING,
    DeliveryType.EXPORT,
    DeliveryType.DIRECT,
    DeliveryType.PROCESSING,
    DeliveryType.TRADING,
)


class SplitForm(DsfrBaseForm):
    volume_l = forms.DecimalField(label="Volume (litres)", min_value=0.01, decimal_places=2, max_digits=14)
    delivery_date = forms.DateField(
        label="Date de livraison", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    delivery_type = forms.ChoiceField(label="Type de livraison")
    client = forms.ModelChoiceField(label="Client inscrit sur CarbuRe", queryset=Entity.objects.none(), required=False)
    unknown_client = forms.CharField(label="… ou client non inscrit", max_length=255, required=False)
    delivery_site = forms.ModelChoiceField(label="Dépôt de livraison", queryset=Depot.objects.all(), required=False)
    unknown_delivery_site = forms.CharField(label="… ou site non enregistré", max_length=255, required=False)
    delivery_site_country = forms.ChoiceField(label="Pays de livraison (site non enregistré)", required=False)
    transport_document_reference = forms.CharField(label="Numéro du document douanier", max_length=128, required=False)

    def __init__(self, *args, entity: Entity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_type"].choices = [(t.value, DELIVERY_TYPE_LABELS[t]) for t in SPLIT_TYPES]
        self.fields["client"].queryset = client_entities().exclude(pk=entity.pk)
        self.fields["client"].label_from_instance = lambda e: e.organisation.name
        self.fields["delivery_site_country"].choices = [("", "—")] + country_choices()


class FlushForm(DsfrBaseForm):
    comment = forms.CharField(label="Motif (arrondis, pertes…)", max_length=255, required=False)


class EtbeForm(DsfrBaseForm):
    volume_ethanol_l = forms.DecimalField(
        label="Éthanol utilisé (litres)", min_value=0.01, decimal_places=2, max_digits=14
    )
    volume_etbe_l = forms.DecimalField(label="ETBE obtenu (litres)", min_value=0.01, decimal_places=2, max_digits=14)
    volume_denaturant_l = forms.DecimalField(label="Dénaturant (litres)", min_value=0, decimal_places=2, max_digits=14)
    volume_etbe_eligible_l = forms.DecimalField(
        label="ETBE éligible (litres)", min_value=0, decimal_places=2, max_digits=14
    )
