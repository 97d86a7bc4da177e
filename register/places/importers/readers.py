"""Readers of a researcher's places file (GeoJSON, CSV) into raw records, with every problem found.

A reader never raises for bad content: it returns a `ReadResult` whose `problems` list what is wrong
(file, 1-based row or feature number, field, message). Values stay text; they are checked against
the Place model in userfile.py. Shapefiles are read in shapefile.py.
"""

import codecs
import csv
import io
import json
import math
import re
from dataclasses import dataclass, field

import charset_normalizer
from django.contrib.gis.gdal import SpatialReference
from django.contrib.gis.geos import GEOSGeometry, Point
from django.utils.translation import gettext as _

from register.core.importing import Problem
from register.places.importers import crs as crs_mod
from register.places.importers.geometry import GeometryProblem, from_geojson, from_wkt

FIELDS = (
    "id",
    "name",
    "name_lang",
    "kind",
    "period",
    "precision",
    "description",
    "country",
    "wikidata",
    "geonames_id",
    "alt_names",
)
# dBase column names have at most 10 characters: shapefiles carry these truncated names.
ALIASES = {"descriptio": "description", "geonames_i": "geonames_id"}
LON_NAMES = ("lon", "lng", "longitude", "x")
LAT_NAMES = ("lat", "latitude", "y")
WKT_NAMES = ("wkt", "geometry")
_DECIMAL_COMMA_RE = re.compile(r"-?\d+,\d+")
MAX_CELL_CHARS = 64 * 1024 * 1024


class EncodingProblem(ValueError):
    """The bytes of a file cannot be decoded; `str()` is a message for the researcher."""


@dataclass
class RawRecord:
    """One row/feature: `values` maps field names of FIELDS to stripped text ("" when empty);
    `geometry` is in the file's CRS with SRID unset, or None when it could not be read (a problem
    was recorded)."""

    row: int
    values: dict[str, str]
    geometry: GEOSGeometry | None


@dataclass
class ReadResult:
    """What a reader found: records, the file's CRS (None when unknown), problems, and notes."""

    records: list[RawRecord] = field(default_factory=list)
    srs: SpatialReference | None = None
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    geometry_field: str = "geometry"
    ignored_columns: set[str] = field(default_factory=set)


def decode_text(data: bytes, encoding: str | None) -> tuple[str, str]:
    """Decode `data` with `encoding`, or detect it: UTF-8 (with or without BOM), else charset-normalizer.

    Returns (text, encoding name). Raises EncodingProblem.
    """
    if encoding:
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingProblem(
                _("cannot be decoded as %(enc)s (%(error)s)") % {"enc": encoding, "error": exc}
            ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text:  # NUL bytes in "UTF-8": UTF-16 without byte order mark?
        return text, "utf-8"
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and "\x00" not in str(best):
        return str(best), best.encoding
    if text is not None:
        raise EncodingProblem(_("the file contains NUL bytes; if it is UTF-16, give --encoding utf-16"))
    raise EncodingProblem(_("the text encoding cannot be detected; give --encoding"))


def map_columns(
    names: list[str], extra: dict[str, str] | None = None
) -> tuple[dict[str, str], set[str], list[str]]:
    """Map column/property names (case-insensitive) to field names.

    `extra` maps further lowercase names (e.g. geometry columns) to a canonical name. Returns
    ({original: canonical}, ignored names, canonical names that occur more than once).
    """
    known = {name: name for name in FIELDS} | ALIASES | (extra or {})
    mapping, ignored, seen, duplicates = {}, set(), set(), []
    for original in names:
        canonical = known.get((original or "").strip().lower())
        if canonical is None:
            if (original or "").strip():
                ignored.add(original)
        elif canonical in seen:
            duplicates.append(canonical)
        else:
            seen.add(canonical)
            mapping[original] = canonical
    return mapping, ignored, duplicates


def _property_text(value, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        raise ValueError(_("must be text or a number, not true/false"))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if name == "alt_names" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "|".join(value)
    raise ValueError(_("must be text or a number"))


def read_geojson(
    data: bytes, filename: str, encoding: str | None, srs: SpatialReference | None
) -> ReadResult:
    """Read a GeoJSON FeatureCollection with the json module (never with GDAL's OGR driver).

    `srs` (from --crs) overrides the file's `crs` member. Row numbers are 1-based feature numbers.
    """
    result = ReadResult()
    try:
        text, result.encoding = decode_text(data, encoding)
        doc = json.loads(text)
    except EncodingProblem as exc:
        return _fail(result, filename, str(exc))
    except RecursionError:
        return _fail(result, filename, _("the JSON is nested too deeply"))
    except json.JSONDecodeError as exc:
        return _fail(
            result,
            filename,
            _("not valid JSON (line %(line)s, column %(col)s: %(msg)s)")
            % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
        )
    if (
        not isinstance(doc, dict)
        or doc.get("type") != "FeatureCollection"
        or not isinstance(doc.get("features"), list)
    ):
        return _fail(result, filename, _("not a GeoJSON FeatureCollection"))
    try:
        result.srs = srs or crs_mod.srs_from_geojson_crs(doc.get("crs"))
    except crs_mod.CRSError as exc:
        result.problems.append(Problem(filename, 0, "crs", str(exc)))
    for number, feature in enumerate(doc["features"], start=1):
        record = _feature_record(feature, number, filename, result)
        if record is not None:
            result.records.append(record)
    return result


def _feature_record(feature, number: int, filename: str, result: ReadResult) -> RawRecord | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        result.problems.append(Problem(filename, number, "", _("not a GeoJSON Feature")))
        return None
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        result.problems.append(Problem(filename, number, "properties", _("must be an object")))
        properties = {}
    mapping, ignored, duplicates = map_columns(list(properties))
    result.ignored_columns |= ignored
    for name in duplicates:
        result.problems.append(
            Problem(filename, number, name, _("occurs more than once (names are case-insensitive)"))
        )
    values = {}
    for original, name in mapping.items():
        try:
            values[name] = _property_text(properties[original], name)
        except ValueError as exc:
            result.problems.append(Problem(filename, number, name, str(exc)))
    if not values.get("id") and feature.get("id") is not None:
        values["id"] = str(feature["id"]).strip()
    geometry = None
    try:
        if any(str(key).lower() == "crs" for key in feature):
            raise GeometryProblem(_("a “crs” member is only accepted on the FeatureCollection"))
        geometry = from_geojson(feature.get("geometry"))
    except GeometryProblem as exc:
        result.problems.append(Problem(filename, number, "geometry", str(exc)))
    return RawRecord(number, values, geometry)


def _fail(result: ReadResult, filename: str, message: str) -> ReadResult:
    result.problems.append(Problem(filename, 0, "", message))
    return result


def read_csv(data: bytes, filename: str, encoding: str | None, srs: SpatialReference | None) -> ReadResult:
    """Read a CSV file (delimiter , ; or tab, detected) with lon/lat columns or a WKT column.

    The CRS is `srs` (from --crs), else WGS 84 longitude/latitude. Row numbers are 1-based data rows
    (the header is not counted).
    """
    result = ReadResult(srs=srs or crs_mod.srs_from_epsg(crs_mod.WGS84))
    try:
        text, result.encoding = decode_text(data, encoding)
    except EncodingProblem as exc:
        return _fail(result, filename, str(exc))
    dialect = _dialect(text)
    # WKT of large areas is long; the limit is global to the process, so it is put back afterwards
    previous = csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))
    try:
        return _read_csv_rows(text, dialect, filename, result)
    finally:
        csv.field_size_limit(previous)


def _read_csv_rows(text: str, dialect, filename: str, result: ReadResult) -> ReadResult:
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(rows, None)
        if not header:
            return _fail(result, filename, _("the file is empty"))
        columns = _csv_columns(header, filename, result)
        if columns is None:
            return result
        for number, cells in enumerate(rows, start=1):
            if any(cell.strip() for cell in cells):
                result.records.append(_csv_record(cells, number, header, columns, dialect, filename, result))
    except csv.Error as exc:
        result.problems.append(
            Problem(filename, 0, "", _("not readable as CSV (%(error)s)") % {"error": exc})
        )
    return result


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _csv_columns(header: list[str], filename: str, result: ReadResult) -> dict[str, str] | None:
    extra = {n: "lon" for n in LON_NAMES} | {n: "lat" for n in LAT_NAMES} | {n: "wkt" for n in WKT_NAMES}
    mapping, result.ignored_columns, duplicates = map_columns(header, extra)
    for name in duplicates:
        result.problems.append(Problem(filename, 0, name, _("more than one column holds this field")))
    present = set(mapping.values())
    if "wkt" in present and present & {"lon", "lat"}:
        result.problems.append(
            Problem(filename, 0, "wkt", _("give either lon/lat columns or a WKT column, not both"))
        )
    elif "wkt" not in present and not {"lon", "lat"} <= present:
        result.problems.append(
            Problem(
                filename,
                0,
                "lon/lat",
                _(
                    "needs lon and lat columns (lon/lng/longitude/x, lat/latitude/y) "
                    "or a WKT column (wkt/geometry)"
                ),
            )
        )
    if result.problems:
        return None
    column_of = {name: orig for orig, name in mapping.items()}
    result.geometry_field = column_of.get("wkt") or f"{column_of['lon']}/{column_of['lat']}"
    return mapping


def _csv_record(cells, number, header, columns, dialect, filename, result) -> RawRecord:
    if len(cells) > len(header):
        result.problems.append(
            Problem(
                filename,
                number,
                "",
                _("has %(n)s cells, the header has %(m)s") % {"n": len(cells), "m": len(header)},
            )
        )
    by_name = {
        columns[col]: (col, cells[i].strip() if i < len(cells) else "")
        for i, col in enumerate(header)
        if col in columns
    }
    values = {name: text for name, (_col, text) in by_name.items() if name in FIELDS}
    return RawRecord(number, values, _csv_geometry(by_name, number, dialect, filename, result))


def _csv_geometry(
    by_name: dict, number: int, dialect, filename: str, result: ReadResult
) -> GEOSGeometry | None:
    if "wkt" in by_name:
        column, text = by_name["wkt"]
        try:
            return from_wkt(text, result.srs.srid)
        except GeometryProblem as exc:
            result.problems.append(Problem(filename, number, column, str(exc)))
            return None
    coordinates = []
    for name in ("lon", "lat"):
        column, text = by_name[name]
        try:
            coordinates.append(_number(text, dialect))
        except ValueError as exc:
            result.problems.append(Problem(filename, number, column, str(exc)))
    return Point(*coordinates) if len(coordinates) == 2 else None


def _number(text: str, dialect) -> float:
    """A coordinate from text; a decimal comma is accepted when the delimiter is not a comma."""
    if dialect.delimiter != "," and _DECIMAL_COMMA_RE.fullmatch(text):
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(
            _("is empty") if not text else _("“%(text)s” is not a number") % {"text": text[:50]}
        ) from None
    if not math.isfinite(value):
        raise ValueError(_("“%(text)s” is not a number") % {"text": text[:50]})
    return value
