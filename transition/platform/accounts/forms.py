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


class ApiTokenForm(forms.Form):
    """`choices` are the (organisation, scope) pairs the person may issue, as "org_pk|scope"."""

    target = forms.ChoiceField(
        label="Organisation et usage",
        error_messages={
            "required": "Choisissez l’organisation et l’usage du jeton.",
            "invalid_choice": "Choix inconnu.",
        },
    )
    name = forms.CharField(
        label="Nom du jeton",
        help_text="Le logiciel qui l’utilisera, par exemple « Logiciel de suivi des demandes ».",
        max_length=100,
        error_messages={"required": "Donnez un nom au jeton."},
    )

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {f"{o.pk}|{s.scope}": (o, s) for o, s in pairs}
        self.fields["target"].choices = [("", "Choisir")] + [
            (key, f"{o.name} — {s.label}") for key, (o, s) in self.pairs.items()
        ]

    def chosen(self):
        return self.pairs[self.cleaned_data["target"]]
