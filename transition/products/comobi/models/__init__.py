from .carpools import Carpool
from .offers import Offer, offers_version_name
from .people import Person, PhoneCheck
from .requests import ContactLog, TripRequest
from .territories import Place, Territory, TerritoryCommune

__all__ = [
    "Carpool",
    "ContactLog",
    "Offer",
    "Person",
    "PhoneCheck",
    "Place",
    "Territory",
    "TerritoryCommune",
    "TripRequest",
    "offers_version_name",
]
