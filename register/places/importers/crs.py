"""Safe handling of coordinate reference systems (CRS) that come from uploaded files.

Why this module exists: GDAL before 3.9 (this project runs on 3.6) cannot forbid file or network
access while it reads a spatial reference. `OSRSetFromUserInput`, which Django's
`SpatialReference(text)` calls with its default `srs_type="user"`, accepts file names ("/etc/passwd"),
URLs ("http://..."), and PROJ strings whose `+init=` makes PROJ open a file of the attacker's choice.
GDAL's GeoJSON and Shapefile drivers pass a file's CRS text (a GeoJSON `crs` name, a `.prj`) to the
same functions. So text from a researcher's file never reaches those code paths here:

- a CRS is only ever built with `SpatialReference(<int EPSG code>)` (a lookup in the local PROJ
  database) or `SpatialReference(<wkt>, srs_type="wkt")` (`importFromWkt`, which parses text only);
- the `--crs` option and GeoJSON `crs` names must match a short whitelist of EPSG/OGC forms;
- a `.prj` must look like WKT and must not contain anything that smells of a PROJ string, a file
  or a URL; its EPSG authority code is preferred over the WKT itself;
- PROJ's network access (grid downloads from the CDN) is switched off before any transformation.

Django's own guard (`gdal.geojson.ExternalCRSBlocker`, used by `GEOSGeometry(<geojson>)`) covers
GeoJSON geometries only, not `DataSource` (the OGR drivers) nor `SpatialReference(text)`; so uploaded
GeoJSON is parsed with the json module and its geometries are built with GEOS (geometry.py), and
shapefiles are opened without their .prj (shapefile.py).

Every refusal raises `CRSError` whose text is a message for the researcher.
"""

import os
import re
from ctypes import c_int

from django.contrib.gis.gdal import CoordTransform, GDALException, SpatialReference
from django.contrib.gis.gdal.error import SRSException
from django.contrib.gis.gdal.libgdal import lgdal
from django.utils.translation import gettext as _

WGS84 = 4326
MAX_PRJ_BYTES = 64 * 1024

_OPTION_RE = re.compile(r"EPSG:(\d{1,6})", re.IGNORECASE)
# GeoJSON 2008 "name" CRS forms we accept: OGC URN with EPSG code, EPSG:NNNN, OGC CRS84 (lon/lat WGS 84).
_GEOJSON_EPSG_RE = re.compile(r"(?:urn:ogc:def:crs:EPSG:(?:\d+(?:\.\d+)*)?:|EPSG:)(\d{1,6})", re.IGNORECASE)
_GEOJSON_CRS84_RE = re.compile(r"urn:ogc:def:crs:OGC:(?:1\.3)?:CRS84", re.IGNORECASE)
# WKT1 and WKT2 root keywords a .prj may start with.
_WKT_ROOT_RE = re.compile(
    r"(PROJCS|GEOGCS|GEOCCS|COMPD_CS|VERT_CS|LOCAL_CS|PROJCRS|PROJECTEDCRS|GEOGCRS|GEOGRAPHICCRS|GEODCRS|"
    r"GEODETICCRS|BASEGEOGCRS|COMPOUNDCRS|BOUNDCRS|VERTCRS|ENGCRS|DERIVEDPROJCRS)\s*\[",
    re.IGNORECASE,
)
# Anything that suggests a PROJ string, an init file, a path or a URL. `EXTENSION[` in WKT1 carries a
# PROJ string (GDAL's own WKT1 of EPSG:3857 has one); such files must name their CRS with --crs.
# A "+" is only refused before a letter ("+proj", "+init"), so exponents such as 6.378137e+06 still pass.
_PRJ_FORBIDDEN_RE = re.compile(
    r"\+\s*[a-z_]|\\|init=|proj=|[a-z]+://|https?:|ftp:|file:|extension\s*\[|@|~", re.IGNORECASE
)
# The EPSG id of the root CRS: the last node before the final closing bracket (WKT1 AUTHORITY, WKT2 ID).
_ROOT_EPSG_RE = re.compile(
    r"(?:AUTHORITY\[\s*\"EPSG\"\s*,\s*\"?(\d{1,6})\"?\s*\]|ID\[\s*\"EPSG\"\s*,\s*(\d{1,6})\s*(?:,[^\[\]]*)?\])\s*\]\s*\Z",
    re.IGNORECASE,
)


class CRSError(ValueError):
    """A CRS given on the command line or in a file was refused; `str()` is a message for the user."""


def disable_proj_network() -> None:
    """Forbid PROJ to download transformation grids (CDN access) in this process.

    Sets PROJ_NETWORK=OFF (read by PROJ when a context first asks whether networking is on) and,
    where GDAL has it (3.4+), calls OSRSetPROJEnableNetwork(FALSE) for GDAL's own PROJ contexts.
    Called when this module is imported and before any `CoordTransform` is built.
    """
    os.environ["PROJ_NETWORK"] = "OFF"
    setter = getattr(lgdal, "OSRSetPROJEnableNetwork", None)
    if setter is not None:
        setter.argtypes, setter.restype = [c_int], None
        setter(0)


def srs_from_epsg(code: int) -> SpatialReference:
    """The spatial reference of EPSG `code`, looked up in the local PROJ database (no file/URL access).

    Axis order is traditional GIS order (x = easting or longitude). Raises CRSError for unknown codes.
    """
    try:
        return SpatialReference(int(code))
    except (GDALException, SRSException, ValueError, TypeError) as exc:
        raise CRSError(
            _("EPSG:%(code)s is not a known coordinate reference system.") % {"code": code}
        ) from exc


def srs_from_option(text: str) -> SpatialReference:
    """Parse a `--crs` option value; only the form "EPSG:<integer>" is accepted. Raises CRSError."""
    match = _OPTION_RE.fullmatch((text or "").strip())
    if not match:
        raise CRSError(
            _("--crs must have the form EPSG:NNNN (e.g. EPSG:3857), not “%(text)s”.") % {"text": text}
        )
    return srs_from_epsg(int(match.group(1)))


def srs_from_geojson_crs(member) -> SpatialReference:
    """The spatial reference named by a GeoJSON (2008) top-level `crs` member.

    None (no member) means WGS 84 longitude/latitude (RFC 7946). Only `{"type": "name", "properties":
    {"name": ...}}` with urn:ogc:def:crs:EPSG::NNNN, EPSG:NNNN or urn:ogc:def:crs:OGC:1.3:CRS84 is
    accepted; "link" CRSs, file names, URLs and PROJ strings raise CRSError. Coordinates are always
    read as x/longitude first, as GDAL and every GeoJSON writer do.
    """
    if member is None:
        return srs_from_epsg(WGS84)
    properties = member.get("properties") if isinstance(member, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    if not isinstance(name, str) or member.get("type") != "name":
        raise CRSError(_("Only a named CRS is accepted in the GeoJSON “crs” member (e.g. EPSG:3857)."))
    if _GEOJSON_CRS84_RE.fullmatch(name):
        return srs_from_epsg(WGS84)
    match = _GEOJSON_EPSG_RE.fullmatch(name)
    if not match:
        raise CRSError(
            _(
                "The GeoJSON CRS name “%(name)s” is not accepted; use urn:ogc:def:crs:EPSG::NNNN, EPSG:NNNN "
                "or urn:ogc:def:crs:OGC:1.3:CRS84, or give --crs."
            )
            % {"name": name[:100]}
        )
    return srs_from_epsg(int(match.group(1)))


def srs_from_prj(data: bytes) -> SpatialReference:
    """The spatial reference described by the bytes of a Shapefile `.prj` (WKT1, ESRI WKT or WKT2).

    The text must start with a WKT root keyword (PROJCS[, GEOGCS[, PROJCRS[, GEOGCRS[, COMPOUNDCRS[ ...)
    and must not contain "+" before a letter, backslashes, "init=", "proj=", URL schemes ("http://",
    "file:"), "@", "~" or EXTENSION[ nodes.
    An EPSG id of the root CRS is looked up by code; otherwise the WKT is parsed with `importFromWkt`,
    which never opens files. Raises CRSError with the reason.
    """
    text = _prj_text(data)
    if not _WKT_ROOT_RE.match(text):
        raise CRSError(
            _("The .prj file does not contain a WKT coordinate reference system; give --crs EPSG:NNNN.")
        )
    bad = _PRJ_FORBIDDEN_RE.search(text)
    if bad is not None:
        raise CRSError(
            _(
                "The .prj file contains “%(token)s”, which may refer to a PROJ string, a file or a URL; "
                "it is not read. Give the CRS with --crs EPSG:NNNN."
            )
            % {"token": bad.group(0)}
        )
    match = _ROOT_EPSG_RE.search(text)
    if match:
        return srs_from_epsg(int(match.group(1) or match.group(2)))
    try:
        return SpatialReference(text, srs_type="wkt")
    except (GDALException, SRSException) as exc:
        raise CRSError(_("The .prj file is not valid WKT; give --crs EPSG:NNNN.")) from exc


def _prj_text(data: bytes) -> str:
    if len(data) > MAX_PRJ_BYTES:
        raise CRSError(_("The .prj file is too large to be a CRS definition."))
    try:
        text = data.decode("ascii").strip().lstrip("\ufeff")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-8-sig").strip()
        except UnicodeDecodeError as exc:
            raise CRSError(_("The .prj file is not text.")) from exc
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        raise CRSError(_("The .prj file contains control characters."))
    return text


def is_wgs84(srs: SpatialReference) -> bool:
    """True when `srs` is EPSG:4326 (or OGC CRS84) so that no transformation is needed."""
    return srs.auth_name(None) == "EPSG" and srs.auth_code(None) == str(WGS84) or srs.srid == WGS84


def transform_to_wgs84(srs: SpatialReference) -> CoordTransform | None:
    """A transformation from `srs` to WGS 84 longitude/latitude, or None when `srs` already is it.

    Network access of PROJ is switched off first. Raises CRSError when PROJ cannot transform.
    """
    if is_wgs84(srs):
        return None
    disable_proj_network()
    try:
        return CoordTransform(srs, srs_from_epsg(WGS84))
    except (GDALException, SRSException) as exc:
        raise CRSError(_("Coordinates in this CRS cannot be transformed to WGS 84.")) from exc


def describe(srs: SpatialReference) -> str:
    """A short label of `srs` for summaries: "EPSG:3857 (WGS 84 / Pseudo-Mercator)" or its name."""
    code = srs.auth_code(None) if srs.auth_name(None) == "EPSG" else None
    return f"EPSG:{code} ({srs.name})" if code else (srs.name or "custom CRS")


disable_proj_network()
