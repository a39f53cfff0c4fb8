from django import forms

from ..enums import OfferKind
from ..services.offers import OfferData
from .fields import Form, WeekdaysField, date_field, time_field
from .places import bind_places, place_field


class OfferForm(Form):
    kind = forms.ChoiceField(
        label="Type de trajet", choices=OfferKind.choices, widget=forms.RadioSelect, initial=OfferKind.REGULAR
    )
    origin = place_field("Départ")
    destination = place_field("Arrivée")
    precise_place = forms.CharField(
        label="Lieu de rendez-vous précis",
        max_length=200,
        required=False,
        help_text="Ex. « parking de la mairie »",
    )
    weekdays = WeekdaysField(label="Jours (trajet régulier)")
    day = date_field("Date (trajet ponctuel)")
    departure_time = time_field("Heure de départ", required=True)
    return_time = time_field("Heure de retour", help_text="Le même jour, en sens inverse")
    valid_until = date_field("Jusqu’au (trajet régulier)")
    seats = forms.IntegerField(label="Places proposées", min_value=1, max_value=8, initial=1)
    max_extra_minutes = forms.IntegerField(
        label="Détour accepté, en minutes",
        min_value=0,
        max_value=45,
        required=False,
        help_text="Au-delà, votre trajet n’est pas proposé. Sans limite : jusqu’à 45 minutes.",
    )
    remarks = forms.CharField(
        label="Remarques pour le médiateur",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        bind_places(self, territory)

    def clean(self):
        data = super().clean()
        if data.get("kind") == OfferKind.REGULAR and not data.get("weekdays"):
            self.add_error("weekdays", "Cochez au moins un jour pour un trajet régulier.")
        if data.get("kind") == OfferKind.ONE_OFF and not data.get("day"):
            self.add_error("day", "Indiquez la date du trajet ponctuel.")
        return data

    @classmethod
    def initial_of(cls, offer) -> dict:
        return {
            "kind": offer.kind,
            "origin": offer.origin_label,
            "destination": offer.destination_label,
            "precise_place": offer.precise_place,
            "weekdays": [str(d) for d in sorted(offer.weekday_set)],
            "day": offer.day,
            "departure_time": offer.departure_time,
            "return_time": offer.return_time,
            "valid_until": offer.valid_until,
            "seats": offer.seats,
            "max_extra_minutes": offer.max_extra_minutes,
            "remarks": offer.remarks,
        }

    def data_object(self) -> OfferData:
        data = self.cleaned_data
        regular = data["kind"] == OfferKind.REGULAR
        return OfferData(
            kind=data["kind"],
            origin=data["origin"],
            destination=data["destination"],
            departure_time=data["departure_time"],
            weekdays=data["weekdays"] if regular else frozenset(),
            day=None if regular else data["day"],
            return_time=data.get("return_time"),
            valid_until=data.get("valid_until") if regular else None,
            seats=data["seats"],
            max_extra_minutes=data.get("max_extra_minutes"),
            precise_place=data.get("precise_place", ""),
            remarks=data.get("remarks", ""),
        )
