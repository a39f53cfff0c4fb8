"""Fields shared by CoMobi's forms: weekdays, times, contact preferences."""

from django import forms
from dsfr.forms import DsfrBaseForm

from ..domain.schedule_text import WEEKDAY_LABELS
from ..enums import Contact


class Form(DsfrBaseForm):
    """DSFR markup; optional fields are marked "(facultatif)", as the DSFR now recommends."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


WEEKDAY_CHOICES = [(str(i), label) for i, label in enumerate(WEEKDAY_LABELS)]


class WeekdaysField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", WEEKDAY_CHOICES)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        return frozenset(int(v) for v in super().clean(value))


def time_field(label: str, *, required: bool = False, help_text: str = "") -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Heure au format HH:MM (ex. 08:30)."},
    )


def date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Date au format JJ/MM/AAAA."},
    )


def contact_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Comment préférez-vous être contacté ?", choices=Contact.choices, widget=forms.RadioSelect
    )


def apply_errors(form: forms.Form, exc) -> None:
    """A service's ValidationError onto the form: by field where the form has it, else general."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error.messages[0])
    else:
        for message in exc.messages:
            form.add_error(None, message)
