from django import forms

from ..domain.request_status import MANUAL
from ..domain.request_status import RequestStatus as StatusValue
from ..enums import CarpoolStatus, ContactAnswer, ContactChannel, Direction, Outcome, RequestStatus
from .fields import Form, date_field, time_field

MAX_UPLOAD = 10 * 1024 * 1024


class RequestFilterForm(Form):
    statut = forms.ChoiceField(
        label="État",
        required=False,
        choices=[("", "Toutes"), ("ouvertes", "En cours"), *RequestStatus.choices],
    )
    q = forms.CharField(label="Rechercher", required=False, max_length=100, help_text="Nom, téléphone ou lieu")
    miennes = forms.BooleanField(label="Seulement celles que je suis", required=False)
    confiees = forms.BooleanField(label="Seulement celles confiées au médiateur", required=False)


class ContactForm(Form):
    channel = forms.ChoiceField(
        label="Moyen", choices=[c for c in ContactChannel.choices if c[0] != ContactChannel.DIRECT]
    )
    answer = forms.ChoiceField(label="Réponse", choices=ContactAnswer.choices, initial=ContactAnswer.SANS_REPONSE)
    note = forms.CharField(label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    offer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ConfirmForm(Form):
    offer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    driver = forms.ChoiceField(label="Conducteur", required=False)
    direction = forms.ChoiceField(label="Sens", choices=Direction.choices, initial=Direction.ALLER)
    day = date_field("Date", required=True)
    pickup_time = time_field("Heure de prise en charge", required=True)

    def __init__(self, *args, drivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["driver"].choices = [
            ("", "— choisir —"),
            *((str(p.pk), f"{p.full_name} ({p.phone or p.email})") for p in drivers),
        ]

    def clean(self):
        data = super().clean()
        if not data.get("offer") and not data.get("driver"):
            self.add_error("driver", "Choisissez le conducteur.")
        return data


class StatusForm(Form):
    status = forms.ChoiceField(label="Nouvel état")
    outcome = forms.ChoiceField(label="Issue (pour clore)", choices=[("", "—"), *Outcome.choices], required=False)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = MANUAL[StatusValue(current)]
        self.fields["status"].choices = [(value, label) for value, label in RequestStatus.choices if value in allowed]


class CarpoolStatusForm(Form):
    status = forms.ChoiceField(choices=CarpoolStatus.choices)


IMPORT_KINDS = [
    ("offers", "Tableur des conducteurs (colonnes de comobi-core : Départ, Arrivée, Jours, Jour, heureDepart…)"),
    ("requests", "Tableur des demandes (colonnes de Lotocar : Date demande, Départ, Arrivée, Date départ…)"),
    ("ads", "Annonces d’une plateforme Mobicoop (« Basic ads », sans en-tête)"),
]


class ImportForm(Form):
    kind = forms.ChoiceField(label="Que contient le fichier ?", choices=IMPORT_KINDS, widget=forms.RadioSelect)
    file = forms.FileField(
        label="Fichier", help_text="CSV (séparateur point-virgule ou virgule), XLSX ou ODS ; 10 Mo au plus."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Le fichier dépasse 10 Mo : découpez-le en plusieurs fichiers.")
        return upload
