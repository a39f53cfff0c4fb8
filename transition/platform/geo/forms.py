"""A DSFR address field with autocomplete, for any product form.

    from transition.platform.geo.forms import AddressField

    class DemandForm(forms.Form):
        address = AddressField(label="Adresse du bâtiment")

    form.cleaned_data["address"]  # -> Address(label, lon, lat, citycode, postcode, ...)
    form.cleaned_data["address"].understood  # False: say "Nous avons compris : …", offer .candidates

In the page, `{{ form.media }}` loads `geo/address-autocomplete.js` (no inline script): while the
person types, it asks /api/geo/search and offers a list (arrows, Enter, Escape, mouse); choosing
an entry fills the hidden label/lon/lat/citycode/postcode inputs. Without JavaScript, or when the
person did not pick an entry, the server geocodes the typed text itself on submit.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from transition.platform.geo.domain.understanding import understood_as_typed
from transition.platform.geo.geocoding import GeocodingError, get_geocoder

MIN_SCORE = 0.5
CANDIDATES = 5


@dataclass(frozen=True)
class Address:
    label: str
    lon: float
    lat: float
    citycode: str
    postcode: str = ""
    # When the server geocoded typed text: what was typed, whether the best guess reads as it
    # (domain/understanding.py), and the other guesses to offer when it does not.
    typed: str = ""
    understood: bool = True
    candidates: tuple["Address", ...] = ()


class AddressWidget(forms.MultiWidget):
    template_name = "geo/widgets/address.html"

    class Media:
        js = ("geo/address-autocomplete.js",)
        css = {"all": ("geo/address-autocomplete.css",)}

    def __init__(self, attrs=None, *, search_url: str = "/api/geo/search"):
        text_attrs = {
            "class": "fr-input",
            "autocomplete": "off",
            "spellcheck": "false",
            "role": "combobox",
            "aria-autocomplete": "list",
            "aria-expanded": "false",
            "data-geo-text": "",
            **(attrs or {}),
        }
        widgets = {
            "": forms.TextInput(attrs=text_attrs),
            "label": forms.HiddenInput(attrs={"data-geo-label": ""}),
            "lon": forms.HiddenInput(attrs={"data-geo-lon": ""}),
            "lat": forms.HiddenInput(attrs={"data-geo-lat": ""}),
            "citycode": forms.HiddenInput(attrs={"data-geo-citycode": ""}),
            "postcode": forms.HiddenInput(attrs={"data-geo-postcode": ""}),
        }
        self.search_url = search_url
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, Address):
            return [value.label, value.label, value.lon, value.lat, value.citycode, value.postcode]
        if isinstance(value, str):
            return [value, "", "", "", "", ""]
        return [None] * 6

    def id_for_label(self, id_):
        """The visible text input carries the field's label (MultiWidget gives none by default)."""
        return f"{id_}_0" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        context["widget"]["list_id"] = f"{context['widget']['attrs'].get('id', name)}-suggestions"
        return context


class AddressField(forms.MultiValueField):
    widget = AddressWidget
    default_error_messages = {
        "required": "Saisissez une adresse.",
        "not_found": "Adresse introuvable : vérifiez-la ou choisissez-la dans la liste proposée.",
        "unavailable": "La recherche d'adresse est indisponible pour le moment : réessayez dans quelques minutes.",
    }

    def __init__(self, *, search_url: str = "/api/geo/search", **kwargs):
        fields = (
            forms.CharField(max_length=200),
            forms.CharField(required=False, max_length=200),
            forms.FloatField(required=False, min_value=-180, max_value=180),
            forms.FloatField(required=False, min_value=-90, max_value=90),
            forms.CharField(required=False, max_length=5),
            forms.CharField(required=False, max_length=5),
        )
        kwargs.setdefault("widget", AddressWidget(search_url=search_url))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not (data_list[0] or "").strip():
            return None
        typed, label, lon, lat, citycode, postcode = (list(data_list) + [None] * 6)[:6]
        typed = typed.strip()
        if label and lon is not None and lat is not None and citycode and typed == label.strip():
            return Address(label=label.strip(), lon=lon, lat=lat, citycode=citycode, postcode=postcode or "")
        # Nothing picked in the list (no JavaScript, or text typed after the pick): geocode it here.
        try:
            results = get_geocoder().search(typed, limit=CANDIDATES)
        except GeocodingError as exc:
            raise ValidationError(self.error_messages["unavailable"], code="unavailable") from exc
        if not results or results[0].score < MIN_SCORE or not results[0].citycode:
            raise ValidationError(self.error_messages["not_found"], code="not_found")
        best, others = results[0], results[1:]
        understood = understood_as_typed(typed, best.label, best.score)
        candidates = tuple(
            Address(label=r.label, lon=r.lon, lat=r.lat, citycode=r.citycode, postcode=r.postcode or "")
            for r in others
            if r.citycode and r.label != best.label
        )
        return Address(
            label=best.label,
            lon=best.lon,
            lat=best.lat,
            citycode=best.citycode,
            postcode=best.postcode or "",
            typed=typed,
            understood=understood,
            candidates=() if understood else candidates,
        )
