"""What a trip done is worth for the climate, as the impact indicators count it. Pure Python.

Kilometres shared: the passenger's own journey (pick-up to drop-off) as the travel model measures
it on the road (great-circle distance × 1.4 with the default model, the router's distance
otherwise). CO₂ avoided: those kilometres × 218 g CO₂e per km, the emissions of the average
car the passenger would otherwise have needed (ADEME, Base Empreinte®, "voiture particulière,
motorisation moyenne", as impactco2.fr uses it). The peer platform Mobicoop counts 213 g/km; a
passenger who would not have travelled at all avoids nothing, so the figure is an upper bound.
"""

from decimal import ROUND_HALF_UP, Decimal

CAR_G_CO2E_PER_KM = 218
FACTOR_SOURCE = "ADEME, Base Empreinte® (voiture particulière, motorisation moyenne), via impactco2.fr"


def co2_avoided_kg(shared_m: int) -> Decimal:
    """kg CO₂e avoided by carrying a passenger `shared_m` metres."""
    return (Decimal(shared_m) / 1000 * CAR_G_CO2E_PER_KM / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
