from django import forms

from transition.platform.notify.phone import phone_display

from ..services.people import PersonData
from .fields import Form, contact_field


class PersonForm(Form):
    first_name = forms.CharField(
        label="Prénom", max_length=100, help_text="Montré aux autres sous la forme « Prénom N. »"
    )
    last_name = forms.CharField(label="Nom", max_length=100, required=False)
    phone = forms.CharField(
        label="Téléphone", max_length=30, required=False, help_text="Format attendu : 06 12 34 56 78"
    )
    email = forms.EmailField(label="Adresse électronique", required=False, help_text="Format attendu : nom@domaine.fr")
    contact_preference = contact_field()
    sms_consent = forms.BooleanField(
        label="J’accepte de recevoir des SMS au sujet de mes trajets (confirmation, rappel la veille)", required=False
    )
    direct_contact = forms.BooleanField(
        label="Conducteur : j’accepte que les passagers voient mon téléphone ou mon adresse pour me contacter directement",
        help_text="Sans cet accord, les passagers passent par le médiateur du territoire.",
        required=False,
    )

    def __init__(self, *args, with_email: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_email:
            del self.fields["email"]  # a signed-in person's email is their account's

    @classmethod
    def initial_of(cls, person) -> dict:
        return {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "phone": phone_display(person.phone),
            "email": person.email,
            "contact_preference": person.contact_preference,
            "sms_consent": person.sms_consent_at is not None,
            "direct_contact": person.direct_contact_consent_at is not None,
        }

    def data_object(self, *, email: str = "") -> PersonData:
        data = self.cleaned_data
        return PersonData(
            first_name=data["first_name"],
            last_name=data.get("last_name", ""),
            phone=data.get("phone", ""),
            email=data.get("email", email) or email,
            contact_preference=data["contact_preference"],
            direct_contact=data.get("direct_contact", False),
            sms_consent=data.get("sms_consent", False),
        )


class MediatedPersonForm(PersonForm):
    """A person a mediator enters from a phone call: their consent is asked and recorded."""

    data_consent = forms.BooleanField(
        label="La personne accepte que ses coordonnées soient enregistrées pour organiser ses trajets",
        help_text="À demander de vive voix ; la date et votre nom sont enregistrés.",
        required=False,
    )


class PhoneCodeForm(Form):
    code = forms.CharField(label="Code reçu par SMS", max_length=6, min_length=6, help_text="6 chiffres")
