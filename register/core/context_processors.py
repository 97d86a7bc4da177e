"""Template context shared by every page."""

from django.conf import settings


def site(request):
    """Add the map tile settings and the site URL (for citations) to every template."""
    return {
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "SITE_URL": settings.SITE_URL,
    }
