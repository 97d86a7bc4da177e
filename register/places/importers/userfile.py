"""Import a researcher's own places file (GeoJSON, CSV or zipped ESRI Shapefile) into the register.

`import_places_file` reads the file (readers.py, shapefile.py), checks every record (cleaning.py,
geometry.py), compares the rows with the database (writer.plan) and, only when no problem at all was
found and it is not a dry run, writes everything in one transaction (writer.write). Problems carry
(file, row, field, message): row is the 1-based data row of a CSV file, the 1-based feature number
of a GeoJSON file, the 1-based record number of a shapefile, or 0 for the whole file or an option.

A researcher's data set name is stored as "user:<name>" so that a file can never overwrite records of
the register's bundled data sets. Imported places are unpublished unless `publish` is set.
"""

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.gis.gdal import SpatialReference
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from register.audit.imports import import_run
from register.audit.models import ImportKind
from register.core.importing import Problem, lock
from register.names.normalize import romanize
from register.places.importers import crs as crs_mod
from register.places.importers import writer
from register.places.importers.cleaning import FieldError, PlaceRow, RowCleaner, normalize_language
from register.places.importers.geometry import GeometryProblem, checked_wgs84
from register.places.importers.readers import ReadResult, read_csv, read_geojson
from register.places.importers.shapefile import read_shapefile
from register.places.models import PlaceKind
from register.sources.models import Source, SourceKind

FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".zip": "shp",
}
DATASET_PREFIX = "user:"
MAX_FILE_BYTES = 200 * 1024 * 1024
_DATASET_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,44}")


@dataclass
class ImportOptions:
    """Options of an import, as given on the command line (see the import_places command).

    `format` is "geojson", "csv" or "shp" (None: from the file's extension); `crs` is "EPSG:NNNN";
    `dataset` is the researcher's data set name (stored with the "user:" prefix).
    """

    format: str | None = None
    crs: str | None = None
    encoding: str | None = None
    kind: str = ""
    lang: str = "und"
    dataset: str = ""
    source_key: str = ""
    source_title: str = ""
    publish: bool = False


@dataclass
class ImportReport:
    """The outcome of an import. `dataset` is the stored data set name ("user:<name>", or "" without
    --dataset). Counts are of places; `written` is False for dry runs and whenever there are problems
    (then nothing was written). `source` is unsaved when it would be created."""

    file: str
    dataset: str = ""
    problems: list[Problem] = field(default_factory=list)
    rows: list[PlaceRow] = field(default_factory=list)
    format: str = ""
    encoding: str = ""
    crs: str = ""
    ignored_columns: list[str] = field(default_factory=list)
    source: Source | None = None
    source_created: bool = False  # the import created `source` (it was new when written)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False

    def add(self, field_name: str, message: str, row: int = 0) -> None:
        """Record a problem of this file (row 0: the whole file or an option)."""
        self.problems.append(Problem(self.file, row, field_name, message))


def import_places_file(
    path: Path, options: ImportOptions, *, dry_run: bool = False, user=None
) -> ImportReport:
    """Read, check and (unless `dry_run` or any problem) write a places file in one transaction, as an
    import run (audit.ImportRun, kind "places", by `user`) that `manage.py rollback_import` can undo.

    Never raises for bad input: every problem is in `report.problems`. Database errors propagate
    (and roll the whole import back).
    """
    path = Path(path)
    report = ImportReport(file=path.name)
    srs = _check_options(options, report)
    report.source = _resolve_source(options, report)
    result = _read(path, options, srs, report)
    if result is not None:
        _clean_records(result, options, report)
    report.problems.sort(key=lambda problem: problem.row)
    if report.problems or dry_run:
        _plan(report, options)
        return report
    with import_run(kind=ImportKind.PLACES, dataset=report.dataset, paths=[path], user=user) as run:
        _write(report, options)
        run.counts = {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
        run.discard = not report.written
    return report


def _write(report: ImportReport, options: ImportOptions) -> None:
    """The writing part of import_places_file, in one transaction (sets report.written)."""
    with transaction.atomic():
        # Another import running meanwhile (e.g. of the same file) may be writing these places or this
        # source: wait for it, then compare with what it wrote, instead of both creating them.
        lock("import_places")
        report.source = _resolve_source(options, report)
        actions = _plan(report, options)
        if report.problems:
            return
        if report.source is not None and report.source.pk is None:
            report.source.save()
            report.source_created = True
        writer.write(actions, report.dataset, report.source, options.publish)
    report.written = True


def _plan(report: ImportReport, options: ImportOptions) -> list[writer.Action]:
    """Compare the checked rows with the database; count what would be created, updated, unchanged."""
    actions = writer.plan(report.rows, report.dataset, report.source, options.publish)
    statuses = [action.status for action in actions]
    report.created, report.updated = statuses.count(writer.CREATE), statuses.count(writer.UPDATE)
    report.unchanged = statuses.count(writer.UNCHANGED)
    return actions


def _check_options(options: ImportOptions, report: ImportReport) -> SpatialReference | None:
    srs = None
    if options.crs:
        try:
            srs = crs_mod.srs_from_option(options.crs)
        except crs_mod.CRSError as exc:
            report.add("--crs", str(exc))
    if options.encoding:
        try:
            codecs.lookup(options.encoding)
        except (LookupError, ValueError):  # ValueError: a NUL byte in the name
            report.add("--encoding", _("“%(enc)s” is not a known text encoding") % {"enc": options.encoding})
    if options.kind and options.kind not in PlaceKind.values:
        choices = ", ".join(PlaceKind.values)
        report.add(
            "--kind", _("“%(kind)s” is not one of: %(choices)s") % {"kind": options.kind, "choices": choices}
        )
    try:
        normalize_language(options.lang or "und")
    except FieldError as exc:
        report.add("--lang", str(exc))
    if options.dataset and not _DATASET_RE.fullmatch(options.dataset):
        report.add("--dataset", _("use up to 45 lowercase letters, digits, “-”, “_” or “.”"))
    elif options.dataset:
        report.dataset = DATASET_PREFIX + options.dataset
    return srs


def _resolve_source(options: ImportOptions, report: ImportReport) -> Source | None:
    """The existing Source named by --source, or a (possibly unsaved) data-set Source for --source-title."""
    if options.source_key and options.source_title:
        report.add("--source", _("give --source or --source-title, not both"))
        return None
    if options.source_key:
        source = Source.objects.filter(key=options.source_key).first()
        if source is None:
            message = _(
                "there is no source with the key “%(key)s”; add it in the admin or use --source-title"
            )
            report.add("--source", message % {"key": options.source_key})
        return source
    if not options.source_title:
        return None
    title = options.source_title.strip()[:300]
    key = slugify(romanize(title))[:100].strip("-") or "data-set"
    source = Source.objects.filter(key=key).first()
    if source is None:
        return Source(key=key, kind=SourceKind.DATA_SET, title=title)
    if source.kind != SourceKind.DATA_SET or source.title != title:
        message = _("a different source already has the key “%(key)s” (“%(title)s”); use --source %(key)s")
        report.add("--source-title", message % {"key": key, "title": source.title})
    return source


def _read(path: Path, options: ImportOptions, srs, report: ImportReport) -> ReadResult | None:
    report.format = options.format or FORMATS.get(path.suffix.lower(), "")
    if report.format not in {"geojson", "csv", "shp"}:
        report.add("--format", _("cannot tell the format; give --format geojson, csv or shp"))
        return None
    if not path.is_file():
        report.add("", _("the file does not exist"))
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        report.add("", _("the file is larger than %(mb)s MB") % {"mb": MAX_FILE_BYTES // 2**20})
        return None
    if report.format == "shp":
        result = read_shapefile(path, report.file, options.encoding, srs)
    else:
        reader = read_geojson if report.format == "geojson" else read_csv
        result = reader(path.read_bytes(), report.file, options.encoding, srs)
    report.problems.extend(result.problems)
    report.encoding = result.encoding
    report.crs = crs_mod.describe(result.srs) if result.srs is not None else ""
    report.ignored_columns = sorted(result.ignored_columns)
    return result


def _clean_records(result: ReadResult, options: ImportOptions, report: ImportReport) -> None:
    transform = _transform(result, report)
    cleaner = RowCleaner(options.kind, options.lang or "und", require_id=bool(report.dataset))
    first_row_of: dict[str, int] = {}
    read_problem_rows = {problem.row for problem in result.problems}
    for record in result.records:
        values, errors = cleaner.clean(record.values)
        before = len(report.problems)
        for name, message in errors:
            report.add(name, message, record.row)
        record_id = values.get("id", "") if report.dataset else ""
        if record_id in first_row_of:
            message = _("“%(id)s” is also the id of row %(row)s")
            report.add("id", message % {"id": record_id, "row": first_row_of[record_id]}, record.row)
        elif record_id:
            first_row_of[record_id] = record.row
        geom = None
        if record.geometry is not None and transform is not False:
            try:
                geom = checked_wgs84(record.geometry, transform)
            except GeometryProblem as exc:
                report.add(result.geometry_field, str(exc), record.row)
        if len(report.problems) == before and geom is not None and record.row not in read_problem_rows:
            report.rows.append(_place_row(record.row, record_id, values, geom))


def _transform(result: ReadResult, report: ImportReport):
    """The CoordTransform to WGS 84, None when none is needed, False when the CRS is unusable."""
    if result.srs is None:
        return False
    try:
        return crs_mod.transform_to_wgs84(result.srs)
    except crs_mod.CRSError as exc:
        report.add("crs", str(exc))
        return False


def _place_row(row: int, record_id: str, values: dict, geom) -> PlaceRow:
    return PlaceRow(
        row=row,
        record_id=record_id,
        name=values["name"],
        name_lang=values["name_lang"],
        kind=values["kind"],
        period=values["period"],
        precision=values["precision"],
        description=values["description"],
        country=values["country"],
        wikidata=values["wikidata"],
        geonames_id=values["geonames_id"],
        alt_names=values["alt_names"],
        geom=geom,
    )
