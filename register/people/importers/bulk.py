"""Bulk import of person lists from CSV (`manage.py import_people`), modelled on Memorial's card fields.

Columns (header names; only `record_id` and `surname` are required, unknown columns are an error):

    record_id            the record's id in the data set (the key of re-imports), at most 50 characters
    surname, given_name, patronymic          the names as the list writes them (primary forms)
    surname_ru, given_name_ru, patronymic_ru the Russian Cyrillic of the Soviet file (kind "russified")
    surname_latn, given_name_latn            a romanization (kind "romanized")
    name_lang            BCP 47 language of the primary forms ("lt", "pl", ...)
    sex                  m / f (also male, female, м, ж), or empty
    birth                date of birth, EDTF ("1905", "1905-03", "1905-03-12", "1905?")
    birthplace, nationality, occupation, residence      text as recorded
    country              present-day country of origin, ISO 3166-1 alpha-2
    arrest_date          EDTF; an "arrest" event
    sentencing_body, sentence_date (EDTF), article, sentence (term), verdict      a "sentence" event
    deportation_operation    slug of a register operation ("june-1941-baltic"); a "deportation" event
                             dated with the operation's dates
    camp                 a register place: its public id ("p4k2m7qza"), "<data set>:<id>", or a bare id of
                         the Memorial camp data ("memorial-gulag"); an "imprisonment" event
    death_date, execution_date   EDTF; "death" / "execution" events, the person's date of death and fate
    rehabilitation_date (EDTF), rehabilitation_body      a "rehabilitation" event
    source               the locator (volume, page, archive file) of the citation of `--source`
    synthetic            1: a generated test record (`generate_people` writes it on every row), stored
                         with synthetic=True whatever the data set; empty or 0: a real record. A file
                         that mixes the two is refused.

The file must be UTF-8 (a UTF-8 byte order mark at its start is accepted, as Excel writes one); a UTF-16
file, bytes that are not UTF-8, a NUL character or a field over the csv module's limit (131,072
characters) are problems at their line like any other.
Reading and checking is done here, row by row, streaming the checked values into a temporary staging
table with COPY; `register.people.importers.bulk_write` then writes them with set-based INSERTs. The
whole import is one transaction under the importer lock: if any row has a problem nothing is written.
"""

import csv
import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from register.audit.imports import import_run
from register.audit.models import ImportKind
from register.core.edtf import edtf_bounds
from register.core.ids import stable_public_id
from register.core.importing import ImportFailed, Problem, lock
from register.operations.models import Operation
from register.people.importers.columns import (
    COLUMNS,
    DATE_COLUMNS,
    NAME_COLUMNS,
    REQUIRED,
    SEXES,
    STAGE_COLUMNS,
    STAGE_TYPES,
    SYNTHETIC_VALUES,
    TEXT_CHECKS,
)
from register.people.importers.csvfile import long_field_column, not_utf8, utf16_problem
from register.people.index import MAX_FORM_LENGTH, form_text
from register.people.models import Fate
from register.places.importers.bundled import DATASET as CAMPS_DATASET
from register.places.models import Place

MAX_LISTED = 200  # problems kept in full; the rest are counted
SYNTHETIC_DATASET = "synthetic"


class LineProblem(Problem):
    """A problem at a line of the file (`row` is the file's line number, the header being line 1)."""

    def __str__(self):
        where = f"{self.file}, line {self.row}" if self.row else self.file
        return f"{where}, column “{self.field}”: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Options:
    """What `import_people` was asked to do. `source_id`: the `sources.Source` every person cites;
    `synthetic`: mark the persons as synthetic test data (always so in the data set "synthetic");
    `exclusive`: drop the costliest foreign keys while writing (faster for large files, but person pages
    and searches wait until the import is done; see `bulk_checks.drop_foreign_keys`); `user`: who runs it
    (stamped on the import run and its history rows); `overwrite_edits`: the file wins also over persons
    edited in the register since an import last wrote them (by default those are kept: `Result.kept`)."""

    dataset: str
    source_id: int | None = None
    synthetic: bool = False
    publish: bool = True
    exclusive: bool = False
    dry_run: bool = False
    workers: int = 2
    progress: bool = False
    report: Callable[[str], None] = print
    user: Any = None  # who runs the import (the import run's user), None on the command line
    overwrite_edits: bool = False  # also replace persons edited in the register since the last import


@dataclass
class Result:
    """What an import did (or, with dry_run, would do): persons created and updated, names and events."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    names: int = 0
    events: int = 0
    forms_added: int = 0
    synthetic: bool = False
    forms: list[str] = field(default_factory=list)  # the distinct name form texts of the file
    set_checks: bool = False  # foreign keys checked set-wise (bulk_checks.set_based_checks)
    unvalidated: list[tuple[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # record_ids of persons kept (edited in the register)


class _Reader:
    """Checks the rows of one file and turns each into a staging row; collects the problems."""

    def __init__(self, path: Path, options: Options):
        self.name, self.options = path.name, options
        self.problems: list[LineProblem] = []
        self.count = 0
        self.synthetic: tuple[bool, int] | None = None  # (the file's marker, its first line)
        self.forms: dict[str, str] = {}
        self.dates: dict[str, tuple] = {}
        self.countries = {country.alpha_2 for country in pycountry.countries}
        self.operations = dict(Operation.objects.values_list("slug", "id"))
        self.places = dict(Place.objects.values_list("public_id", "id"))
        self.place_keys = {
            f"{dataset}:{record}": pk
            for pk, dataset, record in Place.objects.exclude(source_record_id="").values_list(
                "id", "dataset", "source_record_id"
            )
        }

    def problem(self, line: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(LineProblem(self.name, line, column, message))

    def header(self, names: list[str]) -> list[int] | None:
        """Index of each of COLUMNS in a row (len(names) = "absent"), or None after reporting problems."""
        if names and names[0].startswith("\ufeff"):
            names[0] = names[0][1:]
        for position, name in enumerate(names, start=1):
            if name not in COLUMNS:
                self.problem(
                    1, name, f"unknown column (position {position}); the columns are: {', '.join(COLUMNS)}"
                )
        for name in REQUIRED:
            if name not in names:
                self.problem(1, name, "required column is missing")
        if len(set(names)) != len(names):
            self.problem(1, "", "a column name is repeated")
        if self.count:
            return None
        return [names.index(name) if name in names else len(names) for name in COLUMNS]

    def form(self, line: int, column: str, value: str) -> str:
        text = self.forms.get(value)
        if text is None:
            if len(value) > MAX_FORM_LENGTH:
                self.problem(line, column, f"is longer than {MAX_FORM_LENGTH} characters")
                return ""
            try:
                text = form_text(value)
            except ValueError as exc:
                self.problem(line, column, str(exc))
                return ""
            if not text:
                self.problem(line, column, f"a name needs at least one letter: “{value}”")
                return ""
            self.forms[value] = text
        return text

    def date(self, line: int, column: str, value: str) -> tuple:
        bounds = self.dates.get(value)
        if bounds is None:
            try:
                start, end = edtf_bounds(value)
            except ValidationError as exc:
                self.problem(line, column, exc.messages[0])
                return ("", None, None)
            bounds = (value, start and start.isoformat(), end and end.isoformat())
            self.dates[value] = bounds
        return bounds

    def marker(self, line: int, value: str) -> None:
        """Check the `synthetic` column: 1 or empty/0, the same on every row of the file."""
        flag = SYNTHETIC_VALUES.get(value)
        if flag is None:
            self.problem(line, "synthetic", f"“{value}” is not 1 (synthetic record) or empty (real record)")
        elif self.synthetic is None:
            self.synthetic = (flag, line)
        elif flag != self.synthetic[0]:
            first = "synthetic" if self.synthetic[0] else "real"
            self.problem(
                line,
                "synthetic",
                f"line {self.synthetic[1]} is a {first} record: a file may not mix "
                "synthetic and real records",
            )

    def place(self, value: str) -> int | None:
        if value.isdigit():
            return self.place_keys.get(f"{CAMPS_DATASET}:{value}")
        return self.places.get(value) or self.place_keys.get(value)

    def stage(self, line: int, values: list[str]) -> tuple:
        """The staging row of one CSV row (values in the order of COLUMNS, stripped)."""
        problem = self.problem
        (
            record_id,
            surname,
            given,
            patronymic,
            surname_ru,
            given_ru,
            patronymic_ru,
            surname_latn,
            given_latn,
            lang,
            sex,
            birth,
            birthplace,
            nationality,
            occupation,
            residence,
            country,
            arrest,
            body,
            sentence_date,
            article,
            term,
            verdict,
            operation,
            camp,
            death,
            execution,
            rehabilitation,
            rehabilitation_body,
            locator,
            synthetic,
        ) = values
        self.marker(line, synthetic)
        if not record_id:
            problem(line, "record_id", "is empty")
        elif len(record_id) > 50:
            problem(line, "record_id", "is longer than 50 characters")
        names = [surname, given, patronymic, surname_ru, given_ru, patronymic_ru, surname_latn, given_latn]
        forms = [
            self.form(line, column, value) if value else ""
            for column, value in zip(NAME_COLUMNS, names, strict=True)
        ]
        if not surname:
            problem(line, "surname", "is empty")
        for ru, primary in (
            (3, 0),
            (4, 1),
            (5, 2),
            (6, 0),
            (7, 1),
        ):  # a repeat of the primary form is no form
            if forms[ru] and forms[ru] == forms[primary]:
                names[ru] = forms[ru] = ""
        for column, position, limit in TEXT_CHECKS:
            value = values[position]
            if len(value) > limit:
                problem(line, column, f"is longer than {limit} characters")
        sex_code = SEXES.get(sex.lower())
        if sex_code is None:
            problem(line, "sex", f"“{sex}” is not m or f")
        if country and country.upper() not in self.countries:
            problem(line, "country", f"“{country}” is not an ISO 3166-1 alpha-2 country code")
        operation_id = self.operations.get(operation) if operation else None
        if operation and operation_id is None:
            problem(line, "deportation_operation", f"no operation has the slug “{operation}”")
        camp_id = self.place(camp) if camp else None
        if camp and camp_id is None:
            problem(line, "camp", f"no register place has the id “{camp}”")
        dates = [
            self.date(line, column, value) if value else ("", None, None)
            for column, value in zip(
                DATE_COLUMNS, (birth, arrest, sentence_date, death, execution, rehabilitation), strict=True
            )
        ]
        birth_b, arrest_b, sentence_b, death_b, execution_b, rehabilitation_b = dates
        fate = Fate.EXECUTED if execution else (Fate.DIED if death else Fate.UNKNOWN)
        return (
            line,
            record_id,
            stable_public_id(self.options.dataset, record_id, "v"),
            *names,
            *forms,
            lang,
            sex_code or "",
            *birth_b,
            birthplace,
            nationality,
            occupation,
            residence,
            country.upper(),
            *arrest_b,
            body,
            *sentence_b,
            article,
            term,
            verdict,
            operation_id,
            camp_id,
            *death_b,
            *execution_b,
            *rehabilitation_b,
            rehabilitation_body,
            locator,
            str(fate),
        )


def create_stage(cursor) -> None:
    """Create the temporary staging table (dropped at the end of the transaction)."""
    columns = ", ".join(
        f"{name} {STAGE_TYPES.get(name, 'date' if name.endswith(('_start', '_end')) else 'text')}"
        for name in STAGE_COLUMNS
    )
    cursor.execute(f"CREATE TEMPORARY TABLE people_import_stage ({columns}) ON COMMIT DROP")  # noqa: S608


def read_into_stage(path: Path, options: Options, result: Result) -> tuple[list[LineProblem], int]:
    """Check every row of `path` and COPY the staging rows; return (problems listed, problems found) and
    set result.rows, result.synthetic (the file's marker) and result.forms (its name form texts).

    Rows with problems are still read (to find every problem) but not staged."""
    reader = _Reader(path, options)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise ImportFailed([LineProblem(path.name, 0, "", f"cannot be read: {exc}")]) from exc
    if message := utf16_problem(head):
        raise ImportFailed([LineProblem(path.name, 1, "", message)])
    rows = 0
    with connection.cursor() as cursor:
        create_stage(cursor)
        sql = f"COPY people_import_stage ({', '.join(STAGE_COLUMNS)}) FROM STDIN"  # noqa: S608
        with path.open(encoding="utf-8", newline="") as handle, cursor.cursor.copy(sql) as copy:
            try:
                rows = _copy_rows(handle, reader, copy, options, path)
            except UnicodeDecodeError:
                _not_utf8(path, reader)
            except _Unreadable as exc:
                _unreadable(path, reader, exc)
    result.rows, result.forms = rows, sorted(set(reader.forms.values()))
    result.synthetic = bool(reader.synthetic and reader.synthetic[0])
    return reader.problems, reader.count


class _Unreadable(Exception):
    """A CSV record the csv module refuses (`error`), beginning on physical line `line`; `names`: the
    header's column names, if read."""

    def __init__(self, line: int, error: csv.Error, names: list[str]):
        super().__init__(str(error))
        self.line, self.error, self.names = line, error, names


def _records(lines, names: list[str]):
    """(first physical line, fields) of each CSV record of the csv reader `lines`; raises _Unreadable."""
    previous = lines.line_num
    try:
        for raw in lines:
            yield previous + 1, raw
            previous = lines.line_num
    except csv.Error as exc:
        raise _Unreadable(previous + 1, exc, names) from exc


def _not_utf8(path: Path, reader: _Reader) -> None:
    found = not_utf8(path)
    if found is None:  # the file changed while it was read
        reader.problem(0, "", "is not UTF-8 text: save it as UTF-8")
        return
    line, position, message = found
    reader.problem(line, _column_at(path, position) if line > 1 else "", message)


def _unreadable(path: Path, reader: _Reader, exc: _Unreadable) -> None:
    limit = csv.field_size_limit()
    if "field larger than field limit" not in str(exc.error):
        reader.problem(exc.line, "", f"is not a readable CSV record: {exc.error}")
        return
    position = long_field_column(path, exc.line, limit)
    column = "" if position is None else _column_at(path, position, exc.names)
    reader.problem(
        exc.line, column, f"a field is longer than {limit:,} characters (is a quotation mark left open?)"
    )


def _column_at(path: Path, position: int, names: list[str] | None = None) -> str:
    """The header name of field `position` (from 0); "field N" beyond the header."""
    if names is None:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            names = [name.strip() for name in next(csv.reader(handle), [])]
    return names[position] if position < len(names) else f"field {position + 1}"


def _copy_rows(handle: io.TextIOBase, reader: _Reader, copy, options: Options, path: Path) -> int:
    lines = csv.reader(handle)
    try:
        names = next(lines, None)
    except csv.Error as exc:
        raise _Unreadable(1, exc, []) from exc
    if not names or not any(name.strip() for name in names):
        reader.problem(1, "", "the file is empty (no header line)")
        return 0
    names = [name.strip() for name in names]
    index = reader.header(list(names))
    if index is None:
        return 0
    width, rows = len(names), 0
    bar = _progress_bar(path) if options.progress else None
    for line, raw in _records(lines, names):
        if not raw:
            continue
        rows += 1
        if len(raw) != width:
            reader.problem(line, "", f"has {len(raw)} fields, the header has {width}")
            continue
        raw.append("")
        values = [raw[position].strip() for position in index]
        if (bad := _bad_character(values)) is not None:
            reader.problem(line, COLUMNS[bad[0]], bad[1])
            continue
        staged = reader.stage(line, values)
        if not reader.count:  # after the first problem rows are only checked
            copy.write_row(staged)
        if bar is not None and rows % 10_000 == 0:
            bar.update(10_000)
    if bar is not None:
        bar.update(rows % 10_000)
        bar.close()
    if not rows:
        reader.problem(2, "", "the file has a header but no rows")
    return rows


def _bad_character(values: list[str]) -> tuple[int, str] | None:
    """(position, message) of the first value with a character no text field may hold, or None.
    NUL cannot be stored in PostgreSQL text; a byte order mark inside a file means joined files."""
    joined = "".join(values)
    if "\x00" in joined:
        return next(i for i, v in enumerate(values) if "\x00" in v), "contains a NUL character"
    if "\ufeff" in joined:
        position = next(i for i, v in enumerate(values) if "\ufeff" in v)
        return position, "contains a byte order mark (U+FEFF): were two files joined?"
    return None


def _progress_bar(path: Path):
    from tqdm import tqdm

    with path.open("rb") as handle:
        total = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1
    return tqdm(total=max(total, 0), unit=" rows", desc="reading", unit_scale=True)


def import_people(path: Path, options: Options) -> Result:
    """Import the person list `path` into the data set `options.dataset`; return what was done.

    Raises ImportFailed (with every problem, capped at MAX_LISTED listed plus a count) and writes nothing
    when any row is wrong, or with dry_run=True after counting. Re-importing a data set updates the persons
    with the same record_id (see README, "Importing person lists"). A real run is an import run
    (audit.ImportRun, kind "people") that `manage.py rollback_import` can undo.
    """
    path = Path(path)
    result = Result()
    if options.dry_run:
        return _import(path, options, result)
    with import_run(kind=ImportKind.PEOPLE, dataset=options.dataset, paths=[path], user=options.user) as run:
        _import(path, options, result)
        run.counts = {"rows": result.rows, "created": result.created, "updated": result.updated}
        run.counts |= {"names": result.names, "events": result.events}
        if result.kept:
            run.counts["kept (edited in the register)"] = ", ".join(result.kept)
        if options.overwrite_edits:
            run.counts["overwrite_edits"] = True
    _validate_after_commit(result)
    return result


def _import(path: Path, options: Options, result: Result) -> Result:
    """The import in one transaction (see import_people); history rows are stamped with the open run."""
    from register.people.importers.bulk_write import write_stage

    with transaction.atomic():
        lock("import_people")
        _tune(connection)
        started = time.perf_counter()
        problems, count = read_into_stage(path, options, result)
        result.synthetic = result.synthetic or options.synthetic or options.dataset == SYNTHETIC_DATASET
        result.timings["read and COPY"] = time.perf_counter() - started
        if not count:
            problems, count = _duplicates(path.name)
        if count:
            if count > len(problems):
                problems.append(LineProblem(path.name, 0, "", f"… and {count - len(problems)} more problems"))
            raise ImportFailed(problems)
        write_stage(options, result)
        if options.progress and not options.dry_run:
            options.report("committing (the deferred foreign-key checks run now) …")
        _drop_temporary_tables()  # ON COMMIT DROP does not fire when the caller's transaction goes on
        if options.dry_run:
            transaction.set_rollback(True)
            result.unvalidated = []
    return result


class KeysNotValidated(Exception):
    """The import committed (`result`) but the validation of the foreign keys after it was interrupted;
    `manage.py import_people --validate-keys` (or the next import) finishes it."""

    def __init__(self, result: Result):
        super().__init__(
            f"imported {result.created + result.updated} persons; the foreign key check was interrupted: "
            "run `manage.py import_people --validate-keys`"
        )
        self.result = result


def _validate_after_commit(result: Result) -> None:
    """Validate the keys this import added back NOT VALID, and any an interrupted import left so.
    Raises KeysNotValidated on Ctrl-C (the data are committed; the keys stay NOT VALID but enforced)."""
    from register.people.importers.bulk_checks import unvalidated_foreign_keys, validate_foreign_keys

    started = time.perf_counter()
    try:
        pending = unvalidated_foreign_keys()
        if pending:
            validate_foreign_keys(pending)
            result.timings["validate keys (after commit)"] = time.perf_counter() - started
    except KeyboardInterrupt:
        raise KeysNotValidated(result) from None


def _drop_temporary_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS people_import_stage, people_import_map, people_import_old")


def _tune(conn) -> None:
    """Memory for this transaction's joins, sorts and temporary tables (the defaults, 4 MB and 8 MB,
    make the joins of a million staged rows spill to disk). `temp_buffers` only takes effect before the
    session's first temporary table, hence the check."""
    with conn.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        # Nothing is lost if the server crashes before the commit reaches the disk: the import is re-run.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relpersistence = 't' AND pg_table_is_visible(oid)"
        )
        if not cursor.fetchone()[0]:
            cursor.execute("SET LOCAL temp_buffers = '256MB'")


def _duplicates(name: str) -> tuple[list[LineProblem], int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT record_id, array_agg(line ORDER BY line) FROM people_import_stage
               GROUP BY record_id HAVING count(*) > 1 ORDER BY min(line)"""
        )
        duplicates = cursor.fetchall()
    problems = [
        LineProblem(name, lines[1], "record_id", f"“{record}” is already on line {lines[0]}")
        for record, lines in duplicates[:MAX_LISTED]
    ]
    return problems, len(duplicates)


def default_workers() -> int:
    """Worker processes for the name keys: the CPUs this process may use, at most 4."""
    return max(1, min(4, len(os.sched_getaffinity(0))))
