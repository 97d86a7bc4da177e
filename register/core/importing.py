"""Shared pieces of the register's importers: problems with file/row/field, run summaries, checks of
values against model fields, and the lock that keeps two runs of one importer from racing."""

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

# PostgreSQL advisory lock keys, one per importer (any fixed 64-bit numbers, unique in the database).
LOCKS = {
    "load_register_data": 0x6755_4C41_4701,
    "import_places": 0x6755_4C41_4702,
    "import_people": 0x6755_4C41_4703,
}
MAX_INTEGER = 2**31 - 1  # the largest value of an IntegerField / PositiveIntegerField column


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file. `row` is the 1-based data row (or feature index), 0 = whole file."""

    file: str
    row: int
    field: str
    message: str

    def __str__(self):
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return f"{where}, field “{self.field}”: {self.message}" if self.field else f"{where}: {self.message}"


class ImportFailed(Exception):
    """Raised when an import finds problems; nothing was written. `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Summary:
    """Counts of what an import did, per kind of record: created, updated, unchanged, deleted."""

    counts: Counter = field(default_factory=Counter)

    def add(self, record: str, outcome: str, n: int = 1) -> None:
        self.counts[(record, outcome)] += n

    def total(self, record: str) -> int:
        return sum(n for (rec, outcome), n in self.counts.items() if rec == record and outcome != "deleted")

    def changed(self) -> int:
        return sum(
            n for (_, outcome), n in self.counts.items() if outcome in {"created", "updated", "deleted"}
        )

    def lines(self) -> list[str]:
        """One line per kind of record: "places: 574 (created 574, updated 0, unchanged 0)"."""
        records = sorted({rec for rec, _ in self.counts})
        out = []
        for rec in records:
            parts = ", ".join(
                f"{outcome} {self.counts[(rec, outcome)]}"
                for outcome in ("created", "updated", "unchanged", "kept", "deleted")
                if self.counts[(rec, outcome)] or outcome not in ("kept", "deleted")
            )
            out.append(f"{rec}: {self.total(rec)} ({parts})")
        return out


def read_csv(path: Path, required: list[str], problems: list[Problem]) -> list[dict[str, str]]:
    """Read a UTF-8 CSV file (with or without a byte order mark) into dicts with stripped values.

    Missing required columns and unreadable files are added to `problems` (and [] is returned).
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # a BOM (Excel) is not a column name
            reader = csv.DictReader(handle)
            missing = [col for col in required if col not in (reader.fieldnames or [])]
            if missing:
                problems.append(Problem(path.name, 0, ", ".join(missing), "required column is missing"))
                return []
            return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.append(Problem(path.name, 0, "", f"cannot be read: {exc}"))
        return []


def upsert(model, lookup: dict, values: dict, summary: Summary, record: str, existing=None):
    """Create or update one row so that it has `values`; count the outcome in `summary`.

    `existing` is the current row if the caller already fetched it (None: looked up by `lookup`).
    Geometries are compared with `equals_exact` (tolerance 1e-9 degrees). Returns the saved row.
    """
    if existing is None:
        existing = model.objects.filter(**lookup).first()
    if existing is None:
        obj = model(**lookup, **values)
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        summary.add(record, "created")
        return obj
    changed = [name for name, value in values.items() if not _same(getattr(existing, name), value)]
    if changed:
        for name in changed:
            setattr(existing, name, values[name])
        existing.save()
        summary.add(record, "updated")
    else:
        summary.add(record, "unchanged")
    return existing


def _same(current, wanted) -> bool:
    if hasattr(wanted, "equals_exact") and current is not None:
        return current.geom_type == wanted.geom_type and current.equals_exact(wanted, 1e-9)
    if hasattr(current, "pk") and hasattr(wanted, "pk"):
        return current.pk == wanted.pk
    return current == wanted


def lock(importer: str) -> None:
    """Wait until no other run of `importer` (a key of LOCKS) is writing, then hold its lock until the
    current transaction ends. Call inside transaction.atomic(), before reading what is stored: a second
    process started meanwhile then waits and sees what the first one wrote, instead of racing it into
    duplicates or a unique-constraint error."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCKS[importer]])


def too_long(value: str, model, field_name: str) -> str:
    """A problem message when `value` does not fit the model field's max_length, else ""."""
    limit = model._meta.get_field(field_name).max_length
    return f"is longer than {limit} characters" if limit and len(value) > limit else ""
