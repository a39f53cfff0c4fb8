"""Forms of Potentiel's pages."""

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

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
