"""Reading a zipped ESRI Shapefile safely: checked zip members, our own CRS and text decoding.

Only the .shp, .shx and .dbf members are written, under fixed names ("layer.*") in a private
temporary directory, so no member name is ever used as a path and GDAL never sees the .prj or .cpg.
The .prj is parsed by crs.srs_from_prj; the dBase text is decoded here (.cpg, --encoding or
detection) because GDAL is told not to recode it. GDAL opens the files with the Shapefile driver
only, never by guessing the format from their content.
"""

import codecs
import re
import tempfile
import zipfile
from ctypes import c_char_p
from pathlib import Path, PurePosixPath

import charset_normalizer
from django.contrib.gis.gdal import DataSource, Driver, GDALException, SpatialReference
from django.contrib.gis.gdal.prototypes import ds as gdal_ds
from django.contrib.gis.geos import GEOSException
from django.utils.translation import gettext as _

from register.core.importing import Problem
from register.places.importers import crs as crs_mod
from register.places.importers.readers import RawRecord, ReadResult, map_columns

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 1000
SHAPE_MAGIC = b"\x00\x00\x27\x0a"  # file code 9994, big-endian, at the start of .shp and .shx
_CPG_RE = re.compile(r"(?:ansi|cp|windows|win)?[\s_-]*(\d{3,5})", re.IGNORECASE)


class ZipProblem(ValueError):
    """The zip file cannot be used; `str()` is a message for the researcher."""


def safe_members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Check an archive and return its shapefile members as {".shp": info, ".shx": ..., ".dbf": ...,
    ".prj"/".cpg": ... when present}.

    Raises ZipProblem for absolute, drive-letter, backslash or ".." member names, more than
    MAX_MEMBERS members, more than MAX_UNCOMPRESSED_BYTES in total, not exactly one .shp (macOS
    "__MACOSX/" and "._" files are ignored), or a missing .shx/.dbf.
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ZipProblem(_("the zip file has more than %(n)s members") % {"n": MAX_MEMBERS})
    for info in infos:
        if _unsafe_name(info.filename):
            raise ZipProblem(
                _("the zip member “%(name)s” has an unsafe path") % {"name": info.filename[:200]}
            )
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise ZipProblem(
            _("the zip file unpacks to more than %(mb)s MB") % {"mb": MAX_UNCOMPRESSED_BYTES // 2**20}
        )
    usable = [info for info in infos if not info.is_dir() and not _macos_extra(info.filename)]
    shps = [info for info in usable if info.filename.lower().endswith(".shp")]
    if len(shps) != 1:
        raise ZipProblem(_("the zip file must hold exactly one .shp file, it holds %(n)s") % {"n": len(shps)})
    stem = shps[0].filename[:-4].lower()
    members = {
        info.filename[len(stem) :].lower(): info for info in usable if info.filename.lower().startswith(stem)
    }
    members = {ext: info for ext, info in members.items() if ext in {".shp", ".shx", ".dbf", ".prj", ".cpg"}}
    for ext in (".shx", ".dbf"):
        if ext not in members:
            raise ZipProblem(_("the zip file has no %(ext)s file next to the .shp") % {"ext": ext})
    return members


def _unsafe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or "\x00" in name
        or re.match(r"[A-Za-z]:", name) is not None
        or ".." in parts
    )


def _macos_extra(name: str) -> bool:
    return name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith("._")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """The member's bytes, counting them against the remaining `budget` (so lying headers cannot
    unpack more than MAX_UNCOMPRESSED_BYTES). Raises ZipProblem."""
    try:
        with archive.open(info) as handle:
            data = handle.read(budget[0] + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise ZipProblem(
            _("the zip member “%(name)s” cannot be read (%(error)s)")
            % {"name": info.filename[:200], "error": exc}
        ) from exc
    budget[0] -= len(data)
    if budget[0] < 0:
        raise ZipProblem(
            _("the zip file unpacks to more than %(mb)s MB") % {"mb": MAX_UNCOMPRESSED_BYTES // 2**20}
        )
    return data


def dbf_encoding(dbf: bytes, cpg: bytes | None) -> str:
    """The text encoding of a .dbf: from its .cpg when there is one ("UTF-8", "1251", "ANSI 1251",
    "CP1251"), else UTF-8 when all records decode as UTF-8, else cp1252 or cp1251 as detected by
    charset-normalizer. Raises ZipProblem when neither works."""
    if cpg is not None:
        name = cpg.decode("ascii", errors="replace").strip()
        match = _CPG_RE.fullmatch(name)
        try:
            return codecs.lookup(f"cp{match.group(1)}" if match else name).name
        except (LookupError, ValueError):  # ValueError: a NUL byte in the name
            raise ZipProblem(
                _("the .cpg file names an unknown encoding “%(name)s”; give --encoding") % {"name": name[:50]}
            ) from None
    body = dbf[int.from_bytes(dbf[8:10], "little") :] if len(dbf) >= 32 else dbf
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body, cp_isolation=["cp1252", "cp1251"]).best()
    if best is None:
        raise ZipProblem(_("the text encoding of the .dbf cannot be detected; give --encoding"))
    return best.encoding


def read_shapefile(
    path: Path, filename: str, encoding: str | None, srs: SpatialReference | None
) -> ReadResult:
    """Read the one layer of a zipped shapefile. `srs` (from --crs) overrides the .prj.

    Row numbers are 1-based record numbers. Without a .prj and without --crs the file is refused.
    """
    result = ReadResult()
    try:
        with zipfile.ZipFile(path) as archive:
            members = safe_members(archive)
            budget = [MAX_UNCOMPRESSED_BYTES]
            data = {ext: _read_member(archive, info, budget) for ext, info in members.items()}
        _check_magic(data)
        result.encoding = (
            codecs.lookup(encoding).name if encoding else dbf_encoding(data[".dbf"], data.get(".cpg"))
        )
    except (ZipProblem, zipfile.BadZipFile, OSError, LookupError) as exc:
        result.problems.append(Problem(filename, 0, "", str(exc)))
        return result
    result.srs = _shapefile_srs(data.get(".prj"), srs, filename, result)
    with tempfile.TemporaryDirectory(prefix="places-shp-") as tmp:
        for ext in (".shp", ".shx", ".dbf"):
            (Path(tmp) / f"layer{ext}").write_bytes(data[ext])
        _read_layer(Path(tmp) / "layer.shp", filename, result)
    return result


def _check_magic(data: dict[str, bytes]) -> None:
    if not (data[".shp"].startswith(SHAPE_MAGIC) and data[".shx"].startswith(SHAPE_MAGIC)):
        raise ZipProblem(_("the .shp/.shx files are not ESRI Shapefile data"))
    if len(data[".dbf"]) < 32:
        raise ZipProblem(_("the .dbf file is not dBase data"))


def _shapefile_srs(prj: bytes | None, srs, filename: str, result: ReadResult) -> SpatialReference | None:
    if srs is not None:
        return srs
    if prj is None:
        result.problems.append(
            Problem(filename, 0, "crs", _("the zip file has no .prj; give --crs EPSG:NNNN"))
        )
        return None
    try:
        return crs_mod.srs_from_prj(prj)
    except crs_mod.CRSError as exc:
        result.problems.append(Problem(filename, 0, "crs", str(exc)))
        return None


def open_shapefile(path: Path) -> DataSource:
    """Open `path` with GDAL's "ESRI Shapefile" driver only, without recoding of dBase text.

    Django's DataSource tries every driver; here GDALOpenEx gets an allowed-driver list and the
    open option ENCODING="" (text comes back as the file's bytes, decoded with latin-1 by Django
    and re-decoded by the caller). Raises GDALException when GDAL cannot open it.
    """
    Driver.ensure_registered()
    drivers = (c_char_p * 2)(b"ESRI Shapefile", None)
    options = (c_char_p * 2)(b"ENCODING=", None)
    flags = gdal_ds.GDAL_OF_READONLY | gdal_ds.GDAL_OF_VECTOR
    pointer = gdal_ds.open_ds(str(path).encode(), flags, drivers, options, None)
    return DataSource(pointer, ds_driver=gdal_ds.get_dataset_driver(pointer), encoding="latin-1")


def _read_layer(path: Path, filename: str, result: ReadResult) -> None:
    try:
        source = open_shapefile(path)
        layer = source[0]
    except (GDALException, IndexError) as exc:
        result.problems.append(
            Problem(filename, 0, "", _("cannot be read as a shapefile (%(error)s)") % {"error": exc})
        )
        return
    names = [_redecode(name, result.encoding) for name in layer.fields]
    mapping, result.ignored_columns, duplicates = map_columns(names)
    for name in duplicates:
        result.problems.append(Problem(filename, 0, name, _("more than one column holds this field")))
    for number, feature in enumerate(layer, start=1):
        values = {}
        for index, name in enumerate(names):
            if name in mapping:
                values[mapping[name]] = _field_text(feature[index], mapping[name], filename, number, result)
        result.records.append(RawRecord(number, values, _feature_geometry(feature, filename, number, result)))


def _redecode(text: str, encoding: str) -> str:
    return text.encode("latin-1").decode(encoding, errors="replace")


def _field_text(field, name: str, filename: str, number: int, result: ReadResult) -> str:
    value = field.value
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode(result.encoding).strip()
        except UnicodeDecodeError:
            result.problems.append(
                Problem(
                    filename,
                    number,
                    name,
                    _("is not valid %(enc)s text; give --encoding") % {"enc": result.encoding},
                )
            )
            return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _feature_geometry(feature, filename: str, number: int, result: ReadResult):
    try:
        ogr = feature.geom
        ogr.set_measured(False)
        ogr.set_3d(False)
        return ogr.geos
    except (GDALException, GEOSException, ValueError) as exc:
        result.problems.append(
            Problem(
                filename,
                number,
                "geometry",
                _("the record has no usable geometry (%(error)s)") % {"error": exc},
            )
        )
        return None
