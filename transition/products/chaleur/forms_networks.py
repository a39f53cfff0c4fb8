"""The "Tester une adresse" form: the platform's address field (autocomplete, geocoded on the
server when nothing was picked) and the heating type."""

from django import forms

from transition.platform.geo.forms import AddressField

from .domain.eligibility_messages import HEATING_LABELS, Heating


class EligibilityTestForm(forms.Form):
    adresse = AddressField(
        label="Adresse du bâtiment",
        help_text="Numéro, rue et commune, par exemple : 12 rue des Lilas, Angers",
    )
    chauffage = forms.ChoiceField(
        label="Mode de chauffage actuel",
        choices=[(heating.value, label) for heating, label in HEATING_LABELS.items()],
        initial=Heating.COLLECTIVE.value,
        required=False,
    )

    def clean_chauffage(self) -> Heating:
        return Heating(self.cleaned_data.get("chauffage") or Heating.COLLECTIVE.value)
