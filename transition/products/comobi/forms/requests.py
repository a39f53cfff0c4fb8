from django import forms
from django.utils import timezone

from ..enums import Reason
from ..services.requests import RequestData
from .fields import Form, WeekdaysField, date_field, time_field
from .places import bind_places, place_field

WHEN = [("date", "Un jour précis"), ("jours", "Chaque semaine, certains jours")]


class RequestForm(Form):
    origin = place_field("Départ")
    destination = place_field("Arrivée")
    when = forms.ChoiceField(label="Quand ?", choices=WHEN, widget=forms.RadioSelect, initial="date")
    day = date_field("Date")
    weekdays = WeekdaysField(label="Jours de la semaine")
    leave_after = time_field("Partir après", help_text="Heure de prise en charge au plus tôt")
    arrive_before = time_field("Arriver avant", help_text="Ex. l’heure de votre rendez-vous")
    return_wanted = forms.BooleanField(label="Je souhaite aussi un retour", required=False)
    return_after = time_field("Retour : partir après")
    reason = forms.ChoiceField(label="Motif du déplacement", choices=Reason.choices)

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        bind_places(self, territory)

    def clean(self):
        data = super().clean()
        if data.get("when") == "date" and not data.get("day"):
            self.add_error("day", "Indiquez la date du trajet.")
        if data.get("when") == "jours" and not data.get("weekdays"):
            self.add_error("weekdays", "Cochez au moins un jour.")
        return data

    def data_object(self) -> RequestData:
        data = self.cleaned_data
        dated = data["when"] == "date"
        return RequestData(
            origin=data["origin"],
            destination=data["destination"],
            day=data["day"] if dated else None,
            weekdays=frozenset() if dated else data["weekdays"],
            leave_after=data.get("leave_after"),
            arrive_before=data.get("arrive_before"),
            return_wanted=data.get("return_wanted", False),
            return_after=data.get("return_after"),
            reason=data["reason"],
        )

    @classmethod
    def initial_of(cls, request) -> dict:
        return {
            "origin": request.origin_label,
            "destination": request.destination_label,
            "when": "date" if request.day else "jours",
            "day": request.day,
            "weekdays": [str(d) for d in sorted(request.weekday_set)],
            "leave_after": request.leave_after,
            "arrive_before": request.arrive_before,
            "return_wanted": request.return_wanted,
            "return_after": request.return_after,
            "reason": request.reason,
        }


class SearchForm(Form):
    """The public search: where from, where to, which day, and optionally the hours."""

    origin = place_field("Départ")
    destination = place_field("Arrivée")
    day = date_field("Date", required=True)
    leave_after = time_field("Partir après")
    arrive_before = time_field("Arriver avant")

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        bind_places(self, territory)
        self.fields["day"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        after, before = data.get("leave_after"), data.get("arrive_before")
        if after and before and before <= after:
            self.add_error("arrive_before", "L’heure d’arrivée doit suivre l’heure de départ.")
        return data
