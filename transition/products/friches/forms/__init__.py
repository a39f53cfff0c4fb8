"""Forms of Friches, by topic: they parse and validate input, in French; services decide."""

from django import forms
from dsfr.forms import DsfrBaseForm


class Form(DsfrBaseForm):
    """DSFR markup; optional fields are marked "(facultatif)", as the DSFR recommends."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


def required(label: str) -> dict:
    return {"required": f"{label} est obligatoire."}
