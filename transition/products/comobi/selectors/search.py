"""A search as people see it: matches of a need with their offer and driver, anonymised."""

from dataclasses import dataclass

from ..domain.matching import BANDS, Match, Need, clock_text
from ..domain.schedule_text import weekdays_text
from ..enums import Direction
from ..models import Offer, Territory
from .matching import matches_for


@dataclass(frozen=True)
class Found:
    match: Match
    offer: Offer
    direction: str

    @property
    def driver_name(self) -> str:
        return self.offer.driver.public_name

    @property
    def direct_contact(self) -> bool:
        driver = self.offer.driver
        return driver.direct_contact_consent_at is not None and bool(driver.phone or driver.email)

    @property
    def is_return(self) -> bool:
        return self.direction == Direction.RETOUR

    @property
    def from_label(self) -> str:
        return self.offer.destination_label if self.is_return else self.offer.origin_label

    @property
    def to_label(self) -> str:
        return self.offer.origin_label if self.is_return else self.offer.destination_label

    @property
    def departure(self) -> str:
        return clock_text(self.match.departure_min)

    @property
    def pickup(self) -> str:
        return clock_text(self.match.pickup_min)

    @property
    def dropoff(self) -> str:
        return clock_text(self.match.dropoff_min)

    @property
    def days_text(self) -> str:
        return weekdays_text(self.match.weekdays) if self.match.weekdays else ""

    @property
    def extra_text(self) -> str:
        minutes = self.match.extra_minutes
        if minutes < 1:
            return "sans détour"
        shown = f"{minutes:.1f}".replace(".", ",").replace(",0", "")
        return f"{shown} min de détour"


@dataclass(frozen=True)
class Band:
    name: str
    label: str
    found: list[Found]


BAND_LABELS = {
    "0-5": "Moins de 5 minutes de détour",
    "5-20": "De 5 à 20 minutes de détour",
    "20-45": "De 20 à 45 minutes de détour",
}


def search(*, territory: Territory, need: Need, exclude_person_id: int | None = None) -> list[Found]:
    """Every match of the need in the territory, in the order shown, with offer and driver."""
    matches = matches_for(territory, need).matches
    offers = Offer.objects.select_related("driver").in_bulk({m.key[0] for m in matches})
    found = []
    for match in matches:
        offer = offers.get(match.key[0])
        if offer is None or offer.driver_id == exclude_person_id:
            continue  # withdrawn meanwhile, or the person's own trip
        found.append(Found(match=match, offer=offer, direction=match.key[1]))
    return found


def banded(found: list[Found]) -> list[Band]:
    return [Band(name, BAND_LABELS[name], [f for f in found if f.match.band == name]) for name, _, _ in BANDS]
