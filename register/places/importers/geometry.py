"""Geometries of a researcher's places file: built from trusted parts, checked, reprojected to WGS 84.

GeoJSON geometries are built with GEOS from their `coordinates` only (GDAL's GeoJSON reader is never
given an uploaded object, see crs.py); CSV geometries come from WKT read by GEOS or from lon/lat
numbers. Invalid geometries are reported, never repaired, because a repaired outline may not be
what the researcher meant. Z and M values are dropped: the register stores 2D geometries.
"""

import math
import re

from django.contrib.gis.gdal import CoordTransform, GDALException
from django.contrib.gis.geos import (
    GEOSException,
    GEOSGeometry,
    LinearRing,
    MultiPolygon,
    Point,
    Polygon,
    WKBWriter,
)
from django.utils.translation import gettext as _

ALLOWED_TYPES = ("Point", "Polygon", "MultiPolygon")
_WKT_START_RE = re.compile(r"\s*(?:SRID=(-?\d+)\s*;\s*)?[A-Za-z]")


class GeometryProblem(ValueError):
    """A geometry cannot be used; `str()` is a message for the researcher."""


def from_geojson(obj) -> GEOSGeometry:
    """Build a Point, Polygon or MultiPolygon (SRID unset) from a GeoJSON geometry object (a dict).

    Only `type` and `coordinates` are read; positions are [x, y, ...] numbers (extra values dropped).
    Raises GeometryProblem for a missing, unsupported or malformed geometry or a `crs` member.
    """
    if obj is None:
        raise GeometryProblem(_("the feature has no geometry"))
    if not isinstance(obj, dict):
        raise GeometryProblem(_("the geometry is not a GeoJSON object"))
    if any(key.lower() == "crs" for key in obj):
        raise GeometryProblem(_("a “crs” member is only accepted on the FeatureCollection"))
    kind = obj.get("type")
    if kind not in ALLOWED_TYPES:
        raise GeometryProblem(unsupported_message(str(kind)))
    coordinates = obj.get("coordinates")
    try:
        if kind == "Point":
            return Point(*_position(coordinates))
        if kind == "Polygon":
            return _polygon(coordinates)
        return MultiPolygon(*[_polygon(polygon) for polygon in _array(coordinates)])
    except (TypeError, ValueError, OverflowError, GEOSException) as exc:  # Overflow: 1e400 as an integer
        raise GeometryProblem(
            _("malformed %(type)s coordinates (%(error)s)") % {"type": kind, "error": exc}
        ) from exc


def _array(value) -> list:
    if not isinstance(value, list):
        raise ValueError(_("expected an array"))
    return value


def _position(value) -> tuple[float, float]:
    items = _array(value)
    if len(items) < 2 or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in items[:2]):
        raise ValueError(_("a position must be [x, y] numbers"))
    return float(items[0]), float(items[1])


def _polygon(rings) -> Polygon:
    rings = _array(rings)
    if not rings:
        return Polygon()
    return Polygon(*[LinearRing([_position(p) for p in _array(ring)]) for ring in rings])


def from_wkt(text: str, expected_srid: int | None) -> GEOSGeometry:
    """Read WKT (optionally EWKT "SRID=n;...") with GEOS. SRID of the result is unset.

    An SRID prefix must equal `expected_srid` (the file's EPSG code). Raises GeometryProblem.
    """
    match = _WKT_START_RE.match(text or "")
    if not match:
        raise GeometryProblem(_("not WKT (e.g. POINT (88.2 69.35))") if text.strip() else _("is empty"))
    if match.group(1) is not None and int(match.group(1)) != expected_srid:
        raise GeometryProblem(
            _("SRID=%(srid)s in the WKT differs from the file's CRS; give --crs EPSG:%(srid)s")
            % {"srid": match.group(1)}
        )
    try:
        geom = GEOSGeometry(text.strip())
    except (ValueError, TypeError, GEOSException) as exc:
        raise GeometryProblem(_("not valid WKT (%(error)s)") % {"error": exc}) from exc
    geom.srid = None
    return geom


def unsupported_message(kind: str) -> str:
    """The message for a geometry type other than Point, Polygon and MultiPolygon."""
    return _("geometry type %(type)s is not supported (only Point, Polygon, MultiPolygon)") % {"type": kind}


def checked_wgs84(geom: GEOSGeometry, transform: CoordTransform | None) -> GEOSGeometry:
    """Check `geom` (in the file's CRS) and return a 2D copy in WGS 84 longitude/latitude (SRID 4326).

    `transform` is None when the file already is in WGS 84. Raises GeometryProblem when the type is
    not allowed, the geometry is empty or invalid (before or after reprojection), cannot be
    transformed, or has coordinates outside -180..180 / -90..90 degrees after reprojection.
    """
    if geom.geom_type not in ALLOWED_TYPES:
        raise GeometryProblem(unsupported_message(geom.geom_type))
    if geom.empty:
        raise GeometryProblem(_("the geometry is empty"))
    geom = _flat(geom)
    if not geom.valid:
        raise GeometryProblem(
            _("invalid geometry: %(reason)s (not repaired automatically)") % {"reason": geom.valid_reason}
        )
    if transform is not None:
        try:
            geom = geom.transform(transform, clone=True)
        except (GDALException, GEOSException) as exc:
            raise GeometryProblem(_("cannot be transformed to WGS 84 (%(error)s)") % {"error": exc}) from exc
    _check_range(geom)
    if not geom.valid:
        raise GeometryProblem(_("invalid after reprojection: %(reason)s") % {"reason": geom.valid_reason})
    geom.srid = 4326
    return geom


def _flat(geom: GEOSGeometry) -> GEOSGeometry:
    if not geom.hasz:
        return geom.clone()
    writer = WKBWriter()
    writer.outdim = 2
    return GEOSGeometry(writer.write(geom))


def _check_range(geom: GEOSGeometry) -> None:
    xmin, ymin, xmax, ymax = geom.extent
    finite = all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax))
    if not finite or xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90:
        raise GeometryProblem(
            _(
                "coordinates (%(xmin).6g, %(ymin).6g … %(xmax).6g, %(ymax).6g) lie outside "
                "longitude -180..180 / latitude -90..90 in WGS 84; is the CRS right (--crs)?"
            )
            % {"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax}
        )
