from ninja import Schema


class SearchResultOut(Schema):
    offer_id: int
    driver: str  # "Prénom N."
    extra_minutes: float
    band: str  # "0-5", "5-20" or "20-45"
    departure: str  # "HH:MM", the driver's departure
    pickup: str  # "HH:MM", when the driver reaches the passenger
    direct_contact: bool  # the driver accepts to be contacted directly (else through the mediator)


class SearchOut(Schema):
    results: list[SearchResultOut]
