"""Which network a demand goes to: the nearest one when the address is eligible or the network
runs closer than 500 m. Pure Python."""

ASSIGNMENT_MAX_DISTANCE_M = 500


def assigned_network_id(*, eligible: bool, distance_m: int | None, network_id: int | None) -> int | None:
    """The id of the network the demand is routed to, or None (it then waits for the team)."""
    if network_id is None:
        return None
    if eligible:
        return network_id
    if distance_m is not None and distance_m < ASSIGNMENT_MAX_DISTANCE_M:
        return network_id
    return None
