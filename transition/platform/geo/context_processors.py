"""The maps' base layer, the same for every product: the platform's settings, in every template."""

from django.conf import settings


def map_tiles(request) -> dict:
    return {
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        "tiles_max_zoom": settings.MAP_TILES_MAX_ZOOM,
    }
