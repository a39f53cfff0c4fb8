"""Cartofriches' duplicate rule: a new site whose outline covers more than 10 % of an existing
site's outline is the same friche. The share is of the existing site's area; exactly 10 % is not a
duplicate (the rule says "more than"). Areas are compared in degrees: at a site's scale the ratio
is the one in metres."""

from shapely.geometry.base import BaseGeometry

THRESHOLD = 0.10


def overlap_share(existing: BaseGeometry, new: BaseGeometry) -> float:
    if existing.is_empty or existing.area == 0:
        return 0.0
    return existing.intersection(new).area / existing.area


def is_duplicate(existing: BaseGeometry, new: BaseGeometry) -> bool:
    return overlap_share(existing, new) > THRESHOLD
