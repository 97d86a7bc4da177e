"""Integrity checks and indexes around the writing of a bulk import (`register.people.importers.bulk`).

Three ways of keeping the foreign keys of the millions of name and event rows cheap:
- `set_based_checks`: when the database role may set `session_replication_role` (a superuser, or on
  PostgreSQL 15+ a role granted SET on it), the per-row foreign-key triggers are off for the import's
  transaction and the same guarantee is given set-wise: every referenced row is either written by this
  transaction or locked FOR KEY SHARE here (as each per-row check would lock it), and checked to exist.
  Nothing else changes: no table lock, readers go on. Without the privilege the per-row checks run.
- `--exclusive`: `drop_foreign_keys` drops the keys of names and events to persons and name forms and
  adds them back NOT VALID; `validate_foreign_keys` validates them after the commit (one scan each).
- `--exclusive` with at least as many rows as persons stored: `drop_indexes` / `rebuild_indexes`
  build the secondary indexes of persons, names and events afresh by one sort each.
"""

from django.db import DatabaseError, connection, transaction

# The foreign keys that cost most in a bulk load (one deferred check, and a row lock, per inserted row).
_HEAVY_KEYS = {
    "people_personname": ("people_person", "people_nameform"),
    "people_personevent": ("people_person",),
}


def drop_foreign_keys(cursor) -> list[tuple[str, str, str]]:
    """Drop the foreign keys of names and events to persons and name forms, for `--exclusive` imports;
    return (table, constraint, definition) of each, to add back (NOT VALID) and validate after commit.

    Dropping takes ACCESS EXCLUSIVE locks on people_person, people_personname, people_personevent and
    people_nameform until the import commits: person pages and searches wait for it."""
    dropped = []
    for table, parents in _HEAVY_KEYS.items():
        cursor.execute(
            """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE contype = 'f' AND conrelid = %s::regclass AND confrelid::regclass::text = ANY(%s)""",
            [table, list(parents)],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            dropped.append((table, name, definition))
    return dropped


# The tables whose secondary indexes an --exclusive import of many rows builds afresh.
_REBUILT_TABLES = ["people_person", "people_personname", "people_personevent"]


def drop_indexes(cursor) -> list[str]:
    """For an --exclusive import of at least as many rows as there are persons (a first load, or one that
    doubles the register): drop the secondary indexes of persons, names and events (not unique, not
    behind a constraint) and return their definitions for `rebuild_indexes`. Building an index by one
    sort is several times cheaper than millions of insertions at random places of it. [] otherwise."""
    cursor.execute("SELECT count(*) FROM people_import_stage")
    staged = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM (SELECT 1 FROM people_person LIMIT %s) AS stored", [staged + 1])
    if cursor.fetchone()[0] > staged:
        return []
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
           WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
           ORDER BY 1""",
        [_REBUILT_TABLES],
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes]


def rebuild_indexes(cursor, definitions: list[str]) -> None:
    """Create the indexes `drop_indexes` dropped, each by one sort in up to 1 GB of memory."""
    cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
    for definition in definitions:
        cursor.execute(definition)


def unvalidated_foreign_keys() -> list[tuple[str, str]]:
    """(table, constraint) of the foreign keys of names and events that are NOT VALID: added back by an
    `--exclusive` import whose validation has not run or was interrupted (e.g. by Ctrl-C)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT conrelid::regclass::text, conname FROM pg_constraint
               WHERE contype = 'f' AND NOT convalidated AND conrelid::regclass::text = ANY(%s)
               ORDER BY 1, 2""",
            [list(_HEAVY_KEYS)],
        )
        return cursor.fetchall()


def validate_foreign_keys(constraints: list[tuple[str, str]]) -> None:
    """Validate foreign keys added back NOT VALID (after the import's commit: the validating scan takes
    a SHARE UPDATE EXCLUSIVE lock, which lets reads and writes go on). Each is validated in its own
    statement, so an interrupted run leaves the rest NOT VALID for `unvalidated_foreign_keys` to find.
    Raises KeyboardInterrupt if interrupted (psycopg cancels the running statement first)."""
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        try:
            for table, name in constraints:
                cursor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}")
        finally:
            cursor.execute("RESET maintenance_work_mem")


def set_based_checks(cursor) -> bool:
    """Turn the per-row foreign-key triggers off for the rest of the import's transaction if the role
    may (see the module docstring); return whether it did. Call `lock_references` next, before any row
    is written. Raises nothing: without the privilege the per-row checks stay."""
    cursor.execute(
        """SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal
           AND tgrelid IN ('people_person'::regclass, 'people_personname'::regclass,
                           'people_personevent'::regclass, 'sources_citation'::regclass)"""
    )
    if cursor.fetchone()[0]:  # triggers of someone else's that replica mode would silence too
        return False
    try:
        with transaction.atomic():  # a savepoint: a refused SET leaves the transaction usable
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    return True


# (what, the referenced rows locked FOR KEY SHARE, the ids the staged rows need): persons are the
# import's own rows (inserted or updated by it, so locked by it) and need no lock.
_REFERENCES = [
    (
        "name forms",
        """SELECT f.id FROM people_nameform f WHERE f.text = ANY(%(forms)s) FOR KEY SHARE OF f""",
        "SELECT cardinality(%(forms)s::text[])",
    ),
    (
        "operations",
        """SELECT o.id FROM operations_operation o
           WHERE o.id IN (SELECT operation_id FROM people_import_stage) FOR KEY SHARE OF o""",
        "SELECT count(DISTINCT operation_id) FROM people_import_stage",
    ),
    (
        "places",
        """SELECT p.id FROM places_place p
           WHERE p.id IN (SELECT camp_id FROM people_import_stage) FOR KEY SHARE OF p""",
        "SELECT count(DISTINCT camp_id) FROM people_import_stage",
    ),
]


def lock_references(cursor, forms: list[str], source_id: int | None) -> None:
    """The set-wise form of the skipped per-row checks, before the rows are written: lock the name
    forms (`forms`: the file's distinct form texts), operations, places and source the staged rows
    refer to (FOR KEY SHARE, held to the commit: nobody can delete them meanwhile) and make sure each
    exists. Raises DatabaseError naming what is missing (the transaction then rolls back)."""
    for what, lock_sql, wanted_sql in _REFERENCES:
        params = {"forms": forms} if "%(forms)s" in lock_sql else None
        cursor.execute(f"SELECT count(*) FROM ({lock_sql}) AS locked", params)  # noqa: S608
        locked = cursor.fetchone()[0]
        cursor.execute(wanted_sql, params)
        if cursor.fetchone()[0] != locked:
            raise DatabaseError(f"{what} named in the file were deleted during the import")
    if source_id:
        cursor.execute("SELECT id FROM sources_source WHERE id = %s FOR KEY SHARE", [source_id])
        if cursor.fetchone() is None:
            raise DatabaseError("the source was deleted during the import")
