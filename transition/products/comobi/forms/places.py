"""A place field: the platform's address field, suggesting the territory's own names first
(its place names, its communes) and resolving a typed text in the same order as imports."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from transition.platform.geo.forms import AddressField, AddressWidget

from ..domain.matching import Point
from ..models import Territory
from ..selectors.places import PlaceKind, PlaceUnknown, Resolved, place_resolve


class PlaceField(AddressField):
    default_error_messages = {
        **AddressField.default_error_messages,
        "required": "Indiquez un lieu : une commune, une adresse ou un lieu-dit.",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.territory: Territory | None = None

    def for_territory(self, territory: Territory) -> "PlaceField":
        self.territory = territory
        url = reverse("api:comobi_places", kwargs={"slug": territory.slug})
        self.widget = AddressWidget(search_url=url, attrs=self.widget.widgets[0].attrs)
        return self

    def compress(self, data_list):
        if not data_list or not (data_list[0] or "").strip():
            return None
        typed, label, lon, lat = (list(data_list) + [None] * 6)[:4]
        typed = " ".join(typed.split())
        if label and lon is not None and lat is not None and typed == " ".join(label.split()):
            return Resolved(label.strip()[:200], Point(lat, lon), PlaceKind.ADDRESS)
        try:
            return place_resolve(territory=self.territory, text=typed)
        except PlaceUnknown as exc:
            raise ValidationError(exc.message, code="not_found") from None


def place_field(label: str, help_text: str = "") -> PlaceField:
    return PlaceField(
        label=label, help_text=help_text or "Une commune, une adresse ou un lieu connu (ex. « Hôpital de Figeac »)."
    )


def bind_places(form: forms.Form, territory: Territory) -> None:
    for field in form.fields.values():
        if isinstance(field, PlaceField):
            field.for_territory(territory)
