"""`manage.py load_register_data`: load (or refresh) the real data bundled in fixtures/."""

import contextlib
import sys
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from register.audit.edits import kept_lines
from register.audit.imports import import_run
from register.audit.models import ImportKind
from register.core.importing import ImportFailed, Problem, Summary, lock
from register.operations import importers as operations
from register.people import realdata
from register.people.given import load_bundled_given_names
from register.places.importers import bundled, bundled_write
from register.sources.services import sources_load
from register.texts.importers import read_operation_descriptions, write_operation_descriptions


class Command(BaseCommand):
    """Load the bundled data; print one summary line per kind of record."""

    help = (
        "Import the bundled real data (camps, locations, yearly figures, vocabularies, operations, "
        "given-name equivalents, persons) from "
        "fixtures/. Idempotent and atomic: a re-run changes nothing, a bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="folder holding the bundled data (default: fixtures/)",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="do not show progress bars (default when not on a terminal)",
        )

    def handle(self, *args, fixtures: Path, no_progress: bool, **options):
        try:
            show = not no_progress and options["verbosity"] > 0 and sys.stderr.isatty()
            summary = load_register_data(fixtures, progress=show)
        except ImportFailed as exc:
            raise CommandError(
                f"Nothing was imported: {len(exc.problems)} problem(s) found.\n" + str(exc)
            ) from exc
        except (ValidationError, DatabaseError) as exc:
            # A value the readers do not check (e.g. in sources.csv) was refused when written.
            raise CommandError(f"Nothing was imported: a record could not be written: {exc}") from exc
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        for line in kept_lines(summary):
            self.stdout.write(self.style.WARNING(f"  {line}"))
        verdict = "no changes" if not summary.changed() else f"{summary.changed()} records changed"
        self.stdout.write(self.style.SUCCESS(f"Bundled data loaded: {verdict}."))


@transaction.atomic
def load_register_data(folder: Path, progress: bool = False, user=None) -> Summary:
    """Read, check and write every bundled file in one transaction; return what was done.

    Persons (fixtures/people/persons.json) are written last, after the places and operations they refer
    to. Each step that changes something is an import run (audit.ImportRun) by `user` (None: the
    command line), which `manage.py rollback_import` can undo. Raises ImportFailed with every problem
    found (file, row, field) before anything is kept. A second run started meanwhile (another process)
    waits for this one to finish, then finds no changes. Records edited in the register since the last
    import (an accepted submission, the admin, a restore) are kept as they are and counted "kept"
    (register/audit/edits.py; their keys in `kept_keys(summary)`).
    """
    lock("load_register_data")
    problems: list[Problem] = []
    summary = Summary()
    sources = sources_load(path=folder / "sources.csv", summary=summary, problems=problems)
    camps_dir, ops_dir = folder / "gulag-camps", folder / "operations"
    vocab = bundled.read_vocabularies(camps_dir / "vocabularies.csv", problems)
    camps = bundled.read_camps(camps_dir / "camps.csv", vocab, problems)
    bundled.read_locations(camps_dir / "locations.geojson", camps, problems)
    bundled.read_country_overrides(camps_dir / "country-overrides.csv", camps, problems)
    local_names = bundled.read_local_names(camps_dir / "local-names.csv", camps, sources, problems)
    rows = operations.read_operations(ops_dir / "operations.csv", problems)
    destinations = operations.read_destinations(ops_dir / "destinations.csv", problems)
    links = operations.read_links(ops_dir / "operation-destinations.csv", rows, destinations, problems)
    descriptions = read_operation_descriptions(ops_dir / "descriptions.csv", rows, set(sources), problems)
    operation_names = operations.read_names(
        ops_dir / "operation-names.csv", "slug", {row["slug"] for row in rows}, sources, problems
    )
    destination_names = operations.read_names(
        ops_dir / "destination-names.csv", "key", set(destinations), sources, problems
    )
    people_path = folder / "people" / "persons.json"
    persons = realdata.read_persons(people_path, set(sources), problems) if sources else []
    if problems:
        raise ImportFailed(problems)
    camp_files = [camps_dir / name for name in CAMP_FILES]
    with _step(summary, ImportKind.PLACES, bundled.DATASET, camp_files, user):
        vocab_objs = bundled_write.write_vocabularies(vocab, summary)
        bundled_write.write_camps(camps, local_names, sources, vocab_objs, summary, progress=progress)
    op_files = [ops_dir / name for name in OPERATION_FILES]
    with _step(summary, ImportKind.OPERATIONS, "operations", op_files, user):
        places = operations.write_destinations(destinations, sources, summary)
        operations.write_operations(rows, links, places, sources, summary)
        write_operation_descriptions(descriptions, sources, summary)
        operations.write_destination_names(destination_names, places, sources, summary)
        operations.write_operation_names(operation_names, sources, summary)
    given_path = folder / "name-matching" / "given-name-equivalents.csv"
    with _step(summary, ImportKind.GIVEN_NAMES, "given-names", [given_path], user):
        load_bundled_given_names(summary, path=given_path)
    with _step(summary, ImportKind.PEOPLE, "bundled", [people_path], user):
        realdata.write_people(people_path, persons, summary)  # after places and operations: it refers to them
    return summary


CAMP_FILES = (
    "camps.csv",
    "locations.geojson",
    "local-names.csv",
    "country-overrides.csv",
    "vocabularies.csv",
)
OPERATION_FILES = (
    "operations.csv",
    "destinations.csv",
    "operation-destinations.csv",
    "operation-names.csv",
    "destination-names.csv",
    "descriptions.csv",
)


@contextlib.contextmanager
def _step(summary: Summary, kind: str, dataset: str, paths: list[Path], user):
    """One step of the load as an import run (register/audit/imports.py) with the step's counts; a step
    that changed nothing leaves no run behind."""
    before = Counter(summary.counts)
    with import_run(kind=kind, dataset=dataset, paths=paths, user=user) as run:
        yield run
        delta = Summary(summary.counts - before)
        counts: dict[str, dict[str, int]] = {}
        for (record, outcome), n in delta.counts.items():
            counts.setdefault(record, {})[outcome] = n
        run.counts, run.discard = counts, not delta.changed()
