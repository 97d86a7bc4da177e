"""Which imported records were edited in the register since an import last wrote them, so that a
re-import keeps them instead of overwriting a moderator's work.

A record (Person, Place, Operation) counts as *edited in the register* when its newest history row, or
the newest history row of any of its child rows (registry.KINDS: names, events, locations, ...), does
not come from an import run: an accepted submission, the admin, a restore. Rows an import run wrote
do not count; the rows of a run that was rolled back and of its rollback (stamped with that run) are
left out altogether, so that the row before them decides (an accepted edit that an overwriting run
replaced and its rollback put back is an edit again); neither does a starting version
recorded by `manage.py populate_history` (a '+' row without user, submission or run). "Newest" is by
history_id (the order of writing): set-based imports stamp their rows with the transaction's start time.

    edited = edited_in_register(Person, [p.pk for p in persons])     # -> {pk, ...}
    note_kept(summary, "bundled persons", ["lt-1", ...])             # counted and listed
    for line in kept_lines(summary): print(line)
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.utils.translation import ngettext

from register.audit.models import ImportRun, ImportRunStatus
from register.audit.registry import kind_of

# The newest history row h of an object is a register edit (see the module docstring).
_EDIT = (
    "h.import_run_id IS NULL AND NOT (h.history_type = '+' AND h.history_user_id IS NULL "
    "AND h.submission_id IS NULL)"
)


def edited_sql(model, ids: str) -> str:
    """SQL selecting the ids (column "parent") among the record ids that the SQL `ids` selects (a
    SELECT of one column, with the caller's parameters) whose record of `model` (Person, Place or
    Operation) was edited in the register since an import last wrote it; see the module docstring."""
    kind = kind_of(model)
    tables = [(model.history.model._meta.db_table, '"id"')]
    if kind is not None:
        for child in kind.children:
            column = child.model._meta.get_field(child.parent_field).column
            tables.append((child.model.history.model._meta.db_table, f'"{column}"'))
    runs = ImportRun._meta.db_table
    return " UNION ".join(
        f"""SELECT n.parent FROM (
                SELECT DISTINCT ON (h.id) h.{parent} AS parent, ({_EDIT}) AS edited
                FROM {table} h LEFT JOIN {runs} r ON r.id = h.import_run_id
                WHERE h.{parent} IN ({ids}) AND r.status IS DISTINCT FROM '{ImportRunStatus.ROLLED_BACK}'
                ORDER BY h.id, h.history_id DESC) n
            WHERE n.edited"""  # noqa: S608 (table and column names from the models)
        for table, parent in tables
    )


def edited_in_register(model, pks: Iterable[int]) -> set[int]:
    """The pks among `pks` (of Person, Place or Operation) whose record was edited in the register since
    an import last wrote it (see the module docstring). One query, whatever the number of pks."""
    pks = [int(pk) for pk in pks if pk is not None]
    if not pks:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(edited_sql(model, "SELECT unnest(%(pks)s::bigint[])"), {"pks": pks})
        return {row[0] for row in cursor.fetchall()}


def note_kept(summary, record: str, keys: Iterable[str]) -> None:
    """Count `keys` (the records' keys in the imported file) as "kept" under `record` in the import's
    Summary and remember them for `kept_lines`."""
    keys = sorted(str(key) for key in keys)
    if not keys:
        return
    summary.add(record, "kept", len(keys))
    kept = summary.__dict__.setdefault("kept_edited", {})
    kept.setdefault(record, []).extend(keys)


def kept_keys(summary) -> dict[str, list[str]]:
    """{record label: [keys]} of the records `note_kept` counted in `summary`."""
    return dict(getattr(summary, "kept_edited", {}))


def kept_line(keys: list[str]) -> str:
    """The translated report line: "kept 2 records edited in the register since the last import: a, b"."""
    return ngettext(
        "kept %(count)d record edited in the register since the last import: %(ids)s",
        "kept %(count)d records edited in the register since the last import: %(ids)s",
        len(keys),
    ) % {"count": len(keys), "ids": ", ".join(keys)}


def kept_lines(summary) -> list[str]:
    """One line per record label with kept records: "<label>: kept N records edited ...: <ids>"."""
    return [f"{record}: {kept_line(keys)}" for record, keys in sorted(kept_keys(summary).items())]
