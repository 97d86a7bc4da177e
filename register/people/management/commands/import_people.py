"""`manage.py import_people FILE --dataset NAME`: bulk import of a person list (CSV, see the README)."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from register.audit.edits import kept_line
from register.core.importing import ImportFailed
from register.people.importers.bulk import (
    SYNTHETIC_DATASET,
    KeysNotValidated,
    Options,
    default_workers,
    import_people,
)
from register.people.importers.bulk_checks import unvalidated_foreign_keys, validate_foreign_keys
from register.sources.models import Source


class Command(BaseCommand):
    """Import a person list; print what was created and updated (or every problem, writing nothing)."""

    help = (
        "Import a CSV person list (columns in the README, 'Importing person lists') into a data set. "
        "Atomic: a file with any bad row changes nothing. Re-importing updates the records with the same "
        "record_id, except persons edited in the register since the last import (kept and listed; "
        "--overwrite-edits replaces them too)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?", help="the CSV file (UTF-8)")
        parser.add_argument("--dataset", default="", help="data set name; record_id is unique within it")
        parser.add_argument("--source", default="", help="key of an existing source every person cites")
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help=f"mark the persons as synthetic test data (implied by --dataset {SYNTHETIC_DATASET})",
        )
        parser.add_argument("--unpublished", action="store_true", help="new persons stay unpublished")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="the file wins also over persons edited in the register (an accepted submission, the "
            "admin, a restore) since the last import; by default those are kept and listed",
        )
        parser.add_argument(
            "--exclusive",
            action="store_true",
            help="faster for large files: person pages and searches wait until the import is done",
        )
        parser.add_argument("--workers", type=int, default=default_workers(), help="processes for name keys")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--validate-keys",
            action="store_true",
            help="only finish the foreign key check of an interrupted --exclusive import (no FILE)",
        )

    def handle(self, *args, file: Path | None, dataset: str, source: str, **options):
        if options["validate_keys"]:
            return self.validate_keys(file)
        if file is None:
            raise CommandError("give the CSV file to import (or --validate-keys)")
        dataset = dataset.strip()
        if not dataset or len(dataset) > 50:
            raise CommandError("--dataset needs a name of 1 to 50 characters")
        source_id = None
        if source:
            source_id = Source.objects.filter(key=source).values_list("id", flat=True).first()
            if source_id is None:
                raise CommandError(f"no source has the key “{source}” (see the admin, Sources)")
        run = Options(
            dataset=dataset,
            source_id=source_id,
            synthetic=options["synthetic"] or dataset == SYNTHETIC_DATASET,
            publish=not options["unpublished"],
            dry_run=options["dry_run"],
            exclusive=options["exclusive"],
            workers=max(1, options["workers"]),
            progress=not options["no_progress"] and options["verbosity"] > 0 and sys.stderr.isatty(),
            report=self.stdout.write,
            overwrite_edits=options["overwrite_edits"],
        )
        started = time.perf_counter()
        try:
            result = import_people(file, run)
        except ImportFailed as exc:
            raise CommandError(f"Nothing was imported: problems found in {file}:\n{exc}") from exc
        except KeysNotValidated as exc:
            raise CommandError(str(exc), returncode=3) from None
        except KeyboardInterrupt:
            raise CommandError("interrupted: nothing was imported", returncode=3) from None
        except DatabaseError as exc:
            raise CommandError(f"Nothing was imported: the database refused a record: {exc}") from exc
        seconds = time.perf_counter() - started
        verb = "would create" if run.dry_run else "created"
        self.stdout.write(
            f"{result.rows} rows: {verb} {result.created} persons, updated {result.updated}; "
            f"{result.names} names ({result.forms_added} new name forms), {result.events} events "
            f"in {seconds:.1f} s ({result.rows / max(seconds, 1e-9):,.0f} rows/s)"
        )
        if result.kept:
            self.stdout.write(self.style.WARNING(kept_line(result.kept)))
        if options["verbosity"] > 1:
            for phase, spent in result.timings.items():
                self.stdout.write(f"  {phase}: {spent:.1f} s")
        if run.dry_run:
            self.stdout.write("Dry run: nothing was written.")

    def validate_keys(self, file: Path | None) -> None:
        """Validate the foreign keys an interrupted `--exclusive` import left NOT VALID."""
        if file is not None:
            raise CommandError("--validate-keys takes no file")
        pending = unvalidated_foreign_keys()
        try:
            validate_foreign_keys(pending)
        except KeyboardInterrupt:
            raise CommandError(
                "the foreign key check was interrupted: run `manage.py import_people --validate-keys`",
                returncode=3,
            ) from None
        self.stdout.write(f"foreign keys validated: {len(pending)}")
