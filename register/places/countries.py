"""Present-day country of a point, from the Natural Earth admin-0 outlines shipped as the base map."""

import json
from functools import lru_cache
from pathlib import Path

import pycountry
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, Point

COUNTRIES_FILE = Path(settings.BASE_DIR) / "static" / "basemap" / "countries-50m.geojson"
# A point on a coast may fall just outside the 1:50m outline; accept the nearest country this close.
NEAREST_WITHIN_DEGREES = 0.25


class CountryLocator:
    """Find the ISO 3166-1 alpha-2 code of the present-day country containing a WGS 84 point.

    Built from a GeoJSON FeatureCollection whose feature `id` is the ISO 3166-1 numeric code
    (Natural Earth 4.1.0 via world-atlas 2.0.2). Features without a known code are skipped; invalid
    outlines are repaired with GEOS MakeValid, since predicates on invalid geometries are unreliable.
    """

    def __init__(self, path: Path = COUNTRIES_FILE):
        with path.open(encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        self.shapes = []
        for feature in features:
            alpha2 = _alpha2(feature.get("id"))
            if alpha2 and feature.get("geometry"):
                geom = GEOSGeometry(json.dumps(unwrap_antimeridian(feature["geometry"])), srid=4326)
                if not geom.valid:  # rounding to 4 decimals left self-intersections
                    geom = geom.make_valid()
                self.shapes.append((alpha2, geom, geom.prepared))

    def country_of(self, point: Point) -> str:
        """Return the alpha-2 code for `point`, or "" when it lies in no country (e.g. at sea)."""
        shifted = Point(point.x + 360, point.y, srid=4326) if point.x < 0 else point
        for alpha2, _geom, prepared in self.shapes:
            if prepared.contains(point) or prepared.contains(shifted):
                return alpha2
        nearest = min(self.shapes, key=lambda shape: shape[1].distance(point), default=None)
        if nearest and nearest[1].distance(point) <= NEAREST_WITHIN_DEGREES:
            return nearest[0]
        return ""


def unwrap_antimeridian(geometry: dict) -> dict:
    """Shift the western longitudes of rings that cross the antimeridian east by 360 degrees.

    Such rings (Russia's Chukotka, Fiji) come as one ring spanning -180..180, which GEOS reads as a
    band round the globe. Antarctica's ring really circles the pole and is left alone. Returns a
    new GeoJSON geometry dict (Polygon or MultiPolygon).
    """
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    fixed = [[_unwrap_ring(ring) for ring in polygon] for polygon in polygons]
    coordinates = fixed if geometry["type"] == "MultiPolygon" else fixed[0]
    return {"type": geometry["type"], "coordinates": coordinates}


def _unwrap_ring(ring: list) -> list:
    lons = [point[0] for point in ring]
    if max(lons) - min(lons) < 300 or min(point[1] for point in ring) < -60:
        return ring
    return [[lon + 360 if lon < 0 else lon, lat] for lon, lat, *_ in ring]


def _alpha2(numeric) -> str:
    if numeric is None:
        return ""
    country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return country.alpha_2 if country else ""


@lru_cache(maxsize=1)
def country_locator() -> CountryLocator:
    """The shared locator (parsing the outlines takes about a second)."""
    return CountryLocator()
