"""Forms of a project: starting it, its path (actions and their status), the thread, advisors'
notes and reminders."""

from django import forms
from django.utils import timezone

from ..domain.mutability_criteria import USAGE_LABELS, USAGES
from ..enums import ActionStatus, Step
from ..models import Resource
from . import Form, required


class ProjectForm(Form):
    name = forms.CharField(label="Nom du projet", max_length=255, error_messages=required("Le nom du projet"))
    description = forms.CharField(
        label="Le projet en quelques mots",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce que la collectivité souhaite faire du site, où elle en est.",
    )
    intended_uses = forms.MultipleChoiceField(
        label="Usages envisagés", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(u, USAGE_LABELS[u]) for u in USAGES],
        help_text="Ils orientent les étapes, contacts et financements proposés.",
    )  # fmt: skip


class ActionStatusForm(Form):
    status = forms.ChoiceField(label="Statut", choices=ActionStatus.choices)


class ActionForm(Form):
    step = forms.ChoiceField(label="Étape", choices=Step.choices)
    title = forms.CharField(label="Action", max_length=255, error_messages=required("L’intitulé de l’action"))
    text = forms.CharField(label="Détail", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    resource = forms.ModelChoiceField(
        label="Ressource jointe", required=False, queryset=Resource.objects.filter(active=True), empty_label="Aucune"
    )


class MessageForm(Form):
    text = forms.CharField(label="Votre message", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages=required("Le message"))  # fmt: skip


class NoteForm(Form):
    text = forms.CharField(label="Note privée (conseillers seulement)", max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 3}), error_messages=required("La note"))  # fmt: skip


class ReminderForm(Form):
    due_on = forms.DateField(label="Me le rappeler le", widget=forms.DateInput(attrs={"type": "date"}),
                             error_messages={**required("La date"), "invalid": "Une date est attendue."})  # fmt: skip
    text = forms.CharField(label="Objet", max_length=255, error_messages=required("L’objet du rappel"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("Cette date est passée : choisissez aujourd’hui ou un jour à venir.")
        return due_on
