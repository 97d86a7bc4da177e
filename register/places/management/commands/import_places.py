"""`manage.py import_places FILE`: import a researcher's own places file (GeoJSON, CSV, zipped Shapefile).

See register/places/importers/userfile.py for what is read and checked, and crs.py for why a CRS is
only accepted in a few safe forms.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from register.places.importers.userfile import ImportOptions, ImportReport, import_places_file
from register.places.models import PlaceKind


class Command(BaseCommand):
    help = (
        "Import places from a GeoJSON FeatureCollection, a CSV file (lon/lat or WKT column) or a zipped "
        "ESRI Shapefile. Every problem is listed before anything is written; nothing is written if there "
        "is any. Places are unpublished unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the places file (.geojson/.json, .csv, .zip)")
        parser.add_argument("--format", choices=["geojson", "csv", "shp"], help="default: from the extension")
        parser.add_argument(
            "--crs",
            help="EPSG:NNNN of the coordinates (overrides the file's CRS); "
            "default: the file's CRS, else EPSG:4326",
        )
        parser.add_argument("--encoding", help="text encoding (default: detected; .cpg for shapefiles)")
        parser.add_argument("--kind", choices=PlaceKind.values, help="kind of rows without a `kind` value")
        parser.add_argument(
            "--lang", default="und", help="BCP 47 language of names without `name_lang` (default und)"
        )
        parser.add_argument(
            "--dataset",
            default="",
            help="your data set's name; with an `id` per row it makes re-imports update instead of duplicate",
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--source", default="", help="key of an existing source to cite")
        group.add_argument(
            "--source-title", default="", help="title of a data-set source to create (or reuse)"
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish the places (default: unpublished)"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    def handle(self, *args, **opts):
        options = ImportOptions(
            format=opts["format"],
            crs=opts["crs"],
            encoding=opts["encoding"],
            kind=opts["kind"] or "",
            lang=opts["lang"],
            dataset=opts["dataset"],
            source_key=opts["source"],
            source_title=opts["source_title"],
            publish=opts["publish"],
        )
        report = import_places_file(opts["file"], options, dry_run=opts["dry_run"])
        self._describe(report)
        for problem in report.problems:
            self.stderr.write(str(problem))
        counts = f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}"
        if report.problems:
            raise CommandError(
                f"{len(report.problems)} problem(s) found; nothing was written. "
                f"The {len(report.rows)} row(s) without problems would give: {counts}."
            )
        if opts["dry_run"]:
            self.stdout.write(f"Dry run, nothing written. Would have: {counts}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {report.file}: {counts}."))

    def _describe(self, report: ImportReport) -> None:
        details = ", ".join(
            part
            for part in (
                report.format,
                f"encoding {report.encoding}" if report.encoding else "",
                f"CRS {report.crs}" if report.crs else "",
                f"data set {report.dataset}" if report.dataset else "",
            )
            if part
        )
        self.stdout.write(f"{report.file} ({details}): {len(report.rows)} valid row(s).")
        if report.ignored_columns:
            self.stdout.write("Ignored columns: " + ", ".join(report.ignored_columns))
        if report.source is not None:
            state = "new" if report.source.pk is None or report.source_created else "existing"
            self.stdout.write(f"Source: {state} “{report.source.title}” (key {report.source.key})")
        if not report.dataset:
            self.stdout.write("No --dataset: every run creates new places (re-running duplicates them).")
