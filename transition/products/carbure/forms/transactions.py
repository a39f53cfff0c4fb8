"""What a client says when it accepts a lot, a refusal's reason, a comment."""

from django import forms
from dsfr.forms import DsfrBaseForm

from ..domain.transitions import ACCEPTANCE_TYPES
from ..domain.vocabulary import DELIVERY_TYPE_LABELS, EntityType
from ..models import Biofuel, Entity
from ..selectors.entities import client_entities

ACCEPTANCE_LABELS = {
    "STOCK": "En stock (dans le dépôt de livraison)",
    "BLENDING": "Incorporation",
    "RFC": "Mise à consommation",
    "EXPORT": "Exportation",
    "TRADING": "Revente à un autre client (négoce)",
    "PROCESSING": "Transformation par une autre entité",
    "DIRECT": "Livraison directe",
    "CONSUMPTION": "Consommation (électricité ou chaleur)",
}


class AcceptForm(DsfrBaseForm):
    delivery_type = forms.ChoiceField(label="Accepter le lot en", widget=forms.RadioSelect)
    next_client = forms.ModelChoiceField(
        label="Client à qui vous le revendez (inscrit sur CarbuRe)", queryset=Entity.objects.none(), required=False
    )
    unknown_next_client = forms.CharField(
        label="… ou client non inscrit",
        required=False,
        max_length=255,
        help_text="Nom du client, s’il n’est pas sur CarbuRe.",
    )
    certificate = forms.CharField(
        label="Votre certificat de durabilité",
        required=False,
        max_length=64,
        help_text="Vide : votre certificat par défaut.",
    )
    processor = forms.ModelChoiceField(
        label="Entité qui transforme le lot", queryset=Entity.objects.none(), required=False
    )
    processed_biofuel = forms.ModelChoiceField(
        label="Biocarburant obtenu", queryset=Biofuel.objects.none(), required=False, help_text="Vide : le même."
    )
    processed_volume_l = forms.DecimalField(
        label="Volume obtenu (litres)",
        required=False,
        min_value=0,
        decimal_places=2,
        max_digits=14,
        help_text="Vide : le même.",
    )

    def __init__(self, *args, entity: Entity, **kwargs):
        super().__init__(*args, **kwargs)
        types = [t for t in ACCEPTANCE_TYPES if t.value != "CONSUMPTION" or entity.entity_type == EntityType.POWER_HEAT]
        self.fields["delivery_type"].choices = [
            (t.value, ACCEPTANCE_LABELS.get(t.value, DELIVERY_TYPE_LABELS[t])) for t in types
        ]
        others = client_entities().exclude(pk=entity.pk)
        self.fields["next_client"].queryset = others
        self.fields["processor"].queryset = others
        self.fields["processed_biofuel"].queryset = Biofuel.objects.filter(is_displayed=True)
        self.fields["next_client"].label_from_instance = lambda e: e.organisation.name
        self.fields["processor"].label_from_instance = lambda e: e.organisation.name


class CommentForm(DsfrBaseForm):
    text = forms.CharField(label="Commentaire", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(DsfrBaseForm):
    text = forms.CharField(
        label="Motif (transmis à l’autre partie)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
