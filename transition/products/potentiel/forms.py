"""Forms of Potentiel's pages."""

import copy

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from .domain.changes import ChangeKind
from .domain.guarantees import MAINLEVEE_LABELS, TYPE_LABELS, GuaranteeType, MainleveeReason
from .domain.ppa import GrantOption
from .models import Periode


class Form(DsfrBaseForm):
    """DSFR markup; optional fields are marked "(facultatif)", as the DSFR recommends."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class CandidaturesUploadForm(Form):
    file = forms.FileField(
        label="Fichier de la CRE",
        help_text="CSV séparé par des points-virgules, en UTF-8 ou Windows-1252, avec les 45 colonnes de la CRE.",
    )


class NotificationForm(Form):
    date = forms.DateField(
        label="Date de notification",
        help_text="Format : JJ/MM/AAAA. Elle fixe la date d’achèvement prévisionnelle des lauréats.",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("La date de notification ne peut pas être dans le futur.")
        return date


class ClaimForm(Form):
    identifiant = forms.CharField(
        label="Numéro du projet",
        max_length=300,
        help_text="Tel qu’indiqué dans le courriel de notification, par exemple « PPE2 - Bâtiment#3##12 ».",
    )
    code = forms.CharField(
        label="Code",
        max_length=40,
        required=False,
        help_text="Inutile si vous êtes connecté avec l’adresse de contact de la candidature.",
    )


class InvitationForm(Form):
    email = forms.EmailField(label="Adresse électronique de la personne à inviter")


class PeriodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Periode) -> str:
        return obj.label


class CahierDesChargesForm(Form):
    reference = forms.ChoiceField(label="Cahier des charges", widget=forms.RadioSelect)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].choices = choices


# --- workflows: requests, guarantees (potflows) ---
REPRESENTANT_CHOICES = [
    ("personne-physique", "Personne physique"),
    ("personne-morale", "Personne morale"),
    ("collectivité", "Collectivité"),
    ("autre", "Autre"),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "fr-upload", "accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DemandeForm(forms.Form):
    """The fields depend on the kind of change; the values are checked by the domain."""

    reason = forms.CharField(
        label="Raison du changement",
        widget=forms.Textarea(attrs={"class": "fr-input", "rows": 5}),
        max_length=5000,
        help_text="Expliquez le changement : elle sera lue par l’autorité qui instruit.",
    )
    documents = MultipleFileField(
        label="Pièces justificatives",
        required=False,
        help_text="PDF, PNG ou JPEG, 10 Mo au plus par fichier.",
    )

    def __init__(self, *args, kind: ChangeKind, site_power: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        text = {"class": "fr-input"}
        if kind is ChangeKind.DELAI:
            self.fields["mois"] = forms.IntegerField(
                label="Durée du délai demandé (en mois)",
                min_value=1,
                max_value=120,
                widget=forms.NumberInput(attrs=text),
            )
        elif kind is ChangeKind.PUISSANCE:
            self.fields["puissance"] = forms.CharField(
                label="Nouvelle puissance", max_length=30, widget=forms.TextInput(attrs=text)
            )
            if site_power:
                self.fields["puissance_de_site"] = forms.CharField(
                    label="Nouvelle puissance de site",
                    max_length=30,
                    required=site_power == "requis",
                    widget=forms.TextInput(attrs=text),
                )
        elif kind is ChangeKind.ACTIONNAIRE:
            self.fields["actionnaire"] = forms.CharField(
                label="Nouvel actionnaire (société mère)", max_length=300, widget=forms.TextInput(attrs=text)
            )
        elif kind is ChangeKind.PRODUCTEUR:
            self.fields["producteur"] = forms.CharField(
                label="Nouveau producteur", max_length=300, widget=forms.TextInput(attrs=text)
            )
        elif kind is ChangeKind.REPRESENTANT_LEGAL:
            self.fields["nom"] = forms.CharField(
                label="Nom du représentant légal", max_length=300, widget=forms.TextInput(attrs=text)
            )
            self.fields["type"] = forms.ChoiceField(
                label="Type de représentant légal",
                choices=REPRESENTANT_CHOICES,
                widget=forms.Select(attrs={"class": "fr-select"}),
            )
        elif kind is ChangeKind.ABANDON:
            self.fields["recandidature"] = forms.BooleanField(
                label="Je m’engage à présenter de nouveau ce projet à un appel d’offres (abandon avec recandidature)",
                required=False,
            )
            self.fields["ppa"] = forms.BooleanField(
                label="Le projet se poursuit sous contrat de vente d’électricité de gré à gré (signaler un PPA)",
                help_text="Le raccordement du projet reste alors modifiable pendant et après l’abandon.",
                required=False,
            )
        # the reason and documents last
        self.order_fields([n for n in self.fields if n not in ("reason", "documents")] + ["reason", "documents"])

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("reason", "documents")}


PPA_OPTION_LABELS = {
    GrantOption.KEEP: "Laisser le signalement PPA tel que le porteur l’a indiqué",
    GrantOption.SIGNAL: "Signaler que le projet part en PPA",
    GrantOption.WITHDRAW: "Annuler le signalement PPA du porteur",
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("accorder", "Accorder"), ("rejeter", "Rejeter")],
        widget=forms.RadioSelect,
    )
    motifs = forms.CharField(
        label="Motifs de la décision",
        widget=forms.Textarea(attrs={"class": "fr-input", "rows": 6}),
        max_length=5000,
        help_text="Ils figurent dans le courrier de réponse envoyé au porteur.",
    )
    ppa = forms.ChoiceField(
        label="Signalement PPA",
        choices=[(o.value, PPA_OPTION_LABELS[o]) for o in GrantOption],
        required=False,
        widget=forms.RadioSelect,
        help_text="Abandon accordé seulement.",
    )
    date_accord = forms.DateField(
        label="Date d’accord du recours",
        required=False,
        widget=forms.DateInput(attrs={"class": "fr-input", "type": "date"}),
        help_text="Recours seulement ; aujourd’hui si vide.",
    )


class CommentForm(forms.Form):
    commentaire = forms.CharField(
        label="Commentaire (facultatif)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "fr-input", "rows": 2}),
    )


DATE = {"class": "fr-input", "type": "date"}


class DepotGarantiesForm(forms.Form):
    type = forms.ChoiceField(label="Type de garanties financières", widget=forms.Select(attrs={"class": "fr-select"}))
    date_echeance = forms.DateField(
        label="Date d’échéance",
        required=False,
        widget=forms.DateInput(attrs=DATE),
        help_text="Seulement pour une garantie avec date d’échéance.",
    )
    date_constitution = forms.DateField(label="Date de constitution", widget=forms.DateInput(attrs=DATE))
    document = forms.FileField(
        label="Attestation de constitution (PDF)",
        widget=forms.ClearableFileInput(attrs={"class": "fr-upload", "accept": ".pdf"}),
    )

    def __init__(self, *args, types=(), document_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(t, TYPE_LABELS[GuaranteeType(t)]) for t in types if t in set(GuaranteeType)]
        self.fields["document"].required = document_required


class AttestationGarantiesForm(forms.Form):
    document = forms.FileField(
        label="Attestation de constitution (PDF)",
        widget=forms.ClearableFileInput(attrs={"class": "fr-upload", "accept": ".pdf"}),
    )


class MainleveeForm(forms.Form):
    motif = forms.ChoiceField(
        label="Motif",
        choices=[(r.value, MAINLEVEE_LABELS[r]) for r in MainleveeReason],
        widget=forms.Select(attrs={"class": "fr-select"}),
    )

    def __init__(self, *args, reasons: list[MainleveeReason] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if reasons is not None:  # the page offers only the reasons open now (domain rule)
            self.fields["motif"].choices = [(r.value, MAINLEVEE_LABELS[r]) for r in reasons]


class MainleveeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision", choices=[("accorder", "Accorder"), ("rejeter", "Rejeter")], widget=forms.RadioSelect
    )
    motifs = forms.CharField(
        label="Motifs", widget=forms.Textarea(attrs={"class": "fr-input", "rows": 4}), max_length=5000
    )


# How the correction page names the CRE's columns (domain/corrections.CORRECTABLE).
CORRECTION_LABELS = {
    "nomProjet": "Nom du projet",
    "nomCandidat": "Candidat",
    "sociétéMère": "Société mère",
    "nomReprésentantLégal": "Nom et prénom du représentant légal",
    "emailContact": "Adresse électronique du contact",
    "adresse1": "Adresse (ligne 1)",
    "adresse2": "Adresse (ligne 2)",
    "codePostal": "Code postal",
    "commune": "Commune",
    "puissance": "Puissance",
    "prixReference": "Prix de référence (€/MWh)",
    "noteTotale": "Note totale",
    "statut": "Classement (« Classé » ou « Éliminé »)",
    "motifÉlimination": "Motif d’élimination",
    "technologie": "Technologie (PV, Eolien, Hydraulique ou N/A)",
    "typeGarantiesFinancières": "Type de garanties financières (1, 2, 3, exemption ou type-inconnu)",
    "dateÉchéanceGf": "Échéance des garanties financières (JJ/MM/AAAA)",
    "financementCollectif": "Financement collectif (Oui/Non)",
    "gouvernancePartagée": "Gouvernance partagée (Oui/Non)",
    "historiqueAbandon": "Historique d’abandon (1 à 4)",
    "coefficientKChoisi": "Choix du coefficient K (Oui/Non)",
    "puissanceDeSite": "Puissance de site",
    "installateur": "Installateur",
    "installationAvecDispositifDeStockage": "Installation couplée à un dispositif de stockage (Oui/Non)",
    "puissanceDuDispositifDeStockageEnKW": "Puissance du dispositif de stockage (kW)",
    "capacitéDuDispositifDeStockageEnKWh": "Capacité du dispositif de stockage (kWh)",
    "natureDeLExploitation": "Nature de l’exploitation",
    "dateDAutorisation": "Date d’obtention de l’autorisation (JJ/MM/AAAA)",
    "numéroDAutorisation": "Numéro de l’autorisation",
    "numéroIdentification": "Numéro SIREN ou SIRET",
    "volumeRéservé": "Volume réservé (Oui/Non)",
    "latitude": "Latitude (degrés décimaux)",
    "longitude": "Longitude (degrés décimaux)",
}


class CandidatureCorrectionForm(Form):
    """Every correctable column, filled with the candidature's current text; the changes are the
    fields whose text differs. The checks are the import's (services/corrections.py)."""

    def __init__(self, data=None, *, current: dict[str, str], notified: bool):
        super().__init__(data, initial=current)
        self.current = current
        for key, label in CORRECTION_LABELS.items():
            self.fields[key] = forms.CharField(label=label, required=False, max_length=300)
        if notified:
            self.fields["regenerate"] = forms.BooleanField(
                label="Régénérer l’attestation de désignation",
                required=False,
                help_text="Le porteur est prévenu par courriel que son attestation a été modifiée.",
            )

    def changes(self) -> dict[str, str]:
        return {
            key: (self.cleaned_data.get(key) or "").strip()
            for key in CORRECTION_LABELS
            if (self.cleaned_data.get(key) or "").strip() != (self.current.get(key) or "").strip()
        }


class ModificationForm(DemandeForm):
    """The administration's direct modification: the fields of the change, no reason nor
    documents; a new producer by its name and/or its identification number."""

    def __init__(self, *args, kind: ChangeKind, site_power: str | None = None, **kwargs):
        super().__init__(*args, kind=kind, site_power=site_power, **kwargs)
        del self.fields["reason"], self.fields["documents"]
        if kind is ChangeKind.PRODUCTEUR:
            self.fields["producteur"].required = False
            self.fields["producteur"].help_text = "Laissez vide pour garder le nom actuel."
            self.fields["numero_identification"] = copy.deepcopy(
                IdentificationForm.base_fields["numero_identification"]
            )
            self.fields["numero_identification"].required = False


class IdentificationForm(Form):
    numero_identification = forms.CharField(
        label="Numéro d’identification du producteur (SIRET ou équivalent)",
        max_length=30,
        widget=forms.TextInput(attrs={"class": "fr-input", "autocomplete": "off"}),
    )


class CorrectionAccordForm(forms.Form):
    """The instructor corrects the requested représentant légal, then grants it."""

    nom = forms.CharField(
        label="Nom corrigé du représentant légal", max_length=300, widget=forms.TextInput(attrs={"class": "fr-input"})
    )
    type = forms.ChoiceField(
        label="Type de représentant légal",
        choices=REPRESENTANT_CHOICES,
        widget=forms.Select(attrs={"class": "fr-select"}),
    )
    motifs = DecisionForm.base_fields["motifs"]


class PreuveRecandidatureForm(Form):
    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preuve"] = forms.ChoiceField(
            label="Le projet présenté de nouveau (lauréat ou éliminé d’une période notifiée)",
            choices=[("", "Choisissez un de vos projets"), *choices],
            widget=forms.Select(attrs={"class": "fr-select"}),
        )
