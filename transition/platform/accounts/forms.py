from django import forms


class EmailLinkForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        error_messages={
            "required": "Indiquez votre adresse électronique.",
            "invalid": "Indiquez une adresse électronique valide, par exemple nom@exemple.fr.",
        },
    )


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je comprends que mon compte et mes données personnelles seront effacés définitivement.",
        error_messages={"required": "Cochez la case pour confirmer la suppression."},
    )
