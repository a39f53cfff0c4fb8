"""Which condominiums of the registry an operator sees as prospects. Pure Python.

A condominium is a prospect of a network when it stands within PROSPECT_DISTANCE_M metres of its
trace (distances rounded to the metre, half up, as the eligibility rule rounds them); it is shown
with its nearest network.
"""

from .eligibility import round_distance

PROSPECT_DISTANCE_M = 200


def prospect_distance_m(distance_m: float) -> int | None:
    """The distance shown for a condominium, or None when it is too far to be a prospect."""
    rounded = round_distance(distance_m)
    return rounded if rounded <= PROSPECT_DISTANCE_M else None
