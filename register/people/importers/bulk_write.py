"""Writing a staged person list (see `register.people.importers.bulk`) with set-based SQL.

Runs inside the import's transaction after every row has been checked: public-id collisions are
resolved, the new name forms enter the name index (their keys computed in worker processes), persons are
inserted or updated (`INSERT ... ON CONFLICT (dataset, source_record_id)`), and their names, events and
citations are inserted from the staging table in one statement each.

Re-import semantics: a row whose record_id is already in the data set updates that person's fields from
the file and replaces the names, events (with their citations) and the `--source` citation the person
has; its id, public id, `published`, privacy, flags, biography, family links, other citations and
duplicate reviews are kept. Records of the data set that are not in the file are left alone, and so are
persons edited in the register since an import last wrote them (register/audit/edits.py; their rows are
skipped and their record_ids reported) unless `Options.overwrite_edits`.
"""

import multiprocessing
import time
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from register.audit.edits import edited_sql
from register.audit.sql import history_insert, history_params
from register.core.ids import stable_public_id
from register.people.importers.bulk_checks import (
    drop_foreign_keys,
    drop_indexes,
    lock_references,
    rebuild_indexes,
    set_based_checks,
)
from register.people.index import ensure_forms, form_row
from register.people.models import Person, PersonEvent, PersonName

POOL_THRESHOLD = 2_000  # fewer new forms than this are keyed in this process

# The script of a name's first letter, as register.core.models.guess_script decides it.
_SCRIPT = """CASE WHEN {v} ~ '^[^[:alpha:]]*[\u0400-\u04ff]' THEN 'Cyrl'
    WHEN {v} ~ '^[^[:alpha:]]*[\u0370-\u03ff]' THEN 'Grek'
    WHEN {v} ~ '^[^[:alpha:]]*[\u0590-\u05ff]' THEN 'Hebr'
    WHEN {v} ~ '^[^[:alpha:]]*[\u0600-\u06ff]' THEN 'Arab' ELSE 'Latn' END"""

_PERSON_FIELDS = """surname, given_name, patronymic, sex, birth_edtf, birth_start, birth_end, birth_year_min,
    birth_year_max, birthplace_text, nationality, country, occupation, residence, death_edtf, death_start,
    death_end, fate"""

_INSERT_PERSONS = f"""
WITH written AS (
    INSERT INTO people_person (public_id, {_PERSON_FIELDS}, citizenship, biography, incomplete, disputed,
        privacy, dataset, source_record_id, synthetic, published, created, updated)
    SELECT public_id, surname, COALESCE(NULLIF(given_name, ''), given_name_ru, ''),
        COALESCE(NULLIF(patronymic, ''), patronymic_ru, ''), sex, birth, birth_start, birth_end,
        extract(year FROM birth_start)::smallint, extract(year FROM birth_end)::smallint, birthplace,
        nationality, country, occupation, residence,
        CASE WHEN death <> '' THEN death ELSE execution END,
        CASE WHEN death <> '' THEN death_start ELSE execution_start END,
        CASE WHEN death <> '' THEN death_end ELSE execution_end END,
        fate, '', '', false, false, 'auto', %(dataset)s, record_id, %(synthetic)s, %(published)s, now(), now()
    FROM people_import_stage ORDER BY line
    ON CONFLICT (dataset, source_record_id) WHERE source_record_id <> '' DO UPDATE SET
        {", ".join(f"{name.strip()} = EXCLUDED.{name.strip()}" for name in _PERSON_FIELDS.split(","))},
        synthetic = EXCLUDED.synthetic, updated = now(), version = people_person.version + 1
    RETURNING *, (xmax = 0) AS was_created
), mapped AS (
    INSERT INTO people_import_map (id, record_id, created)
    SELECT id, source_record_id, was_created FROM written
)
{{history}}
"""  # noqa: S608 (no user input in the SQL text)

_INSERT_NAMES = f"""
WITH written AS (
INSERT INTO people_personname (person_id, part, value, language, script, kind, is_primary, source_id, form_id)
SELECT m.id, v.part, v.value, v.language, {_SCRIPT.format(v="v.value")}, v.kind, v.is_primary,
    %(source)s, f.id
FROM people_import_stage s
JOIN people_import_map m ON m.record_id = s.record_id
CROSS JOIN LATERAL (VALUES
    ('surname', s.surname, s.f_surname, s.name_lang, 'original', true),
    ('given', s.given_name, s.f_given_name, s.name_lang, 'original', true),
    ('patronymic', s.patronymic, s.f_patronymic, s.name_lang, 'original', true),
    ('surname', s.surname_ru, s.f_surname_ru, 'ru', 'russified', false),
    ('given', s.given_name_ru, s.f_given_name_ru, 'ru', 'russified', s.given_name = ''),
    ('patronymic', s.patronymic_ru, s.f_patronymic_ru, 'ru', 'russified', s.patronymic = ''),
    ('surname', s.surname_latn, s.f_surname_latn, '', 'romanized', false),
    ('given', s.given_name_latn, s.f_given_name_latn, '', 'romanized',
        s.given_name = '' AND s.given_name_ru = '')
) AS v(part, value, form, language, kind, is_primary)
JOIN people_nameform f ON f.text = v.form
WHERE v.value <> ''
ORDER BY m.id
RETURNING *
)
{{history}}
"""  # noqa: S608

_INSERT_EVENTS = """
WITH written AS (
INSERT INTO people_personevent (person_id, "order", kind, period_edtf, period_start, period_end, place_id,
    place_text, operation_id, origin, article, authority, term, cause, place_known, note)
SELECT m.id, v.ord, v.kind, COALESCE(v.edtf, ''), v.first, v.last, v.place, '', v.operation, v.origin,
    v.article, v.authority, v.term, '', NULL, v.note
FROM people_import_stage s
JOIN people_import_map m ON m.record_id = s.record_id
LEFT JOIN operations_operation o ON o.id = s.operation_id
CROSS JOIN LATERAL (VALUES
    (1, 'arrest', s.arrest, s.arrest_start, s.arrest_end, NULL::bigint, NULL::bigint, '', '', '', '', '',
        s.arrest <> ''),
    (2, 'sentence', s.sentence_date, s.sentence_start, s.sentence_end, NULL, NULL, '', s.article,
        s.sentencing_body, s.term, s.verdict,
        s.sentence_date <> '' OR s.sentencing_body <> '' OR s.article <> '' OR s.term <> ''
        OR s.verdict <> ''),
    (3, 'deportation', o.period_edtf, o.period_start, o.period_end, NULL, s.operation_id, s.residence, '', '',
        '', '', s.operation_id IS NOT NULL),
    (4, 'imprisonment', '', NULL, NULL, s.camp_id, NULL, '', '', '', '', '', s.camp_id IS NOT NULL),
    (5, 'execution', s.execution, s.execution_start, s.execution_end, NULL, NULL, '', '', '', '', '',
        s.execution <> ''),
    (6, 'death', s.death, s.death_start, s.death_end, NULL, NULL, '', '', '', '', '', s.death <> ''),
    (7, 'rehabilitation', s.rehabilitation, s.rehabilitation_start, s.rehabilitation_end, NULL, NULL, '', '',
        s.rehabilitation_body, '', '', s.rehabilitation <> '' OR s.rehabilitation_body <> '')
) AS v(ord, kind, edtf, first, last, place, operation, origin, article, authority, term, note, present)
WHERE v.present
ORDER BY m.id, v.ord
RETURNING *
)
{history}
"""


def write_stage(options, result) -> None:
    """Write the staged rows (see the module docstring); fill `result` with counts and phase timings.
    With options.progress, each phase is announced through options.report as it starts."""

    def timed(phase: str, func, *args):
        if options.progress:
            options.report(f"{phase} …")
        return _timed(result, phase, func, *args)

    with connection.cursor() as cursor:
        if not options.overwrite_edits:
            result.kept = timed("keep edited", _keep_edited, cursor, options.dataset)
        timed("public ids", _fix_public_ids, cursor, options.dataset)
        result.forms_added = timed("name index", _add_forms, cursor, options, result.forms)
        cursor.execute(
            "CREATE TEMPORARY TABLE people_import_map (id bigint, record_id text, created bool)"
            " ON COMMIT DROP"
        )
        dropped = drop_foreign_keys(cursor) if options.exclusive else []
        indexes = timed("drop indexes", drop_indexes, cursor) if options.exclusive else []
        result.set_checks = set_based_checks(cursor)
        if result.set_checks:
            timed("lock references", lock_references, cursor, result.forms, options.source_id)
        stamp = history_params()  # the history rows of what is written (register/audit/sql.py)
        params = {
            "dataset": options.dataset,
            "synthetic": result.synthetic,
            "published": options.publish,
            **stamp,
        }
        timed("persons", cursor.execute, _persons_sql(cursor, options.dataset), params)
        cursor.execute("CREATE INDEX ON people_import_map (record_id)")
        cursor.execute("ANALYZE people_import_map")
        cursor.execute(
            "SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created)"
            " FROM people_import_map"
        )
        result.created, result.updated = cursor.fetchone()
        if result.updated:
            timed("replace", _remove_replaced, cursor, options.source_id, stamp)
        names_sql = _INSERT_NAMES.format(history=history_insert(PersonName, "written AS r", "'+'"))
        timed("names", cursor.execute, names_sql, {"source": options.source_id, **stamp})
        result.names = cursor.rowcount
        events_sql = _INSERT_EVENTS.format(history=history_insert(PersonEvent, "written AS r", "'+'"))
        timed("events", cursor.execute, events_sql, stamp)
        result.events = cursor.rowcount
        if options.source_id:
            timed("citations", _cite, cursor, options.source_id)
        if result.set_checks:  # the per-row checks again for the rest of a caller's transaction
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        if dropped:  # the remaining deferred checks must run before the tables can be altered
            timed("deferred checks", cursor.execute, "SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, definition in dropped:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition} NOT VALID")
        result.unvalidated = [(table, name) for table, name, _ in dropped]
        if indexes:
            timed("rebuild indexes", rebuild_indexes, cursor, indexes)
        if not options.dry_run:
            timed("analyze", _analyze, cursor)


def _keep_edited(cursor, dataset: str) -> list[str]:
    """Take the rows of persons edited in the register since an import last wrote them (an accepted
    submission, the admin, a restore: register/audit/edits.py) out of the staging table, so that neither
    the persons nor their names and events are replaced; return their record_ids (sorted)."""
    matched = """SELECT p.id FROM people_person p
        JOIN people_import_stage s ON s.record_id = p.source_record_id
        WHERE p.dataset = %(dataset)s AND s.record_id <> ''"""
    cursor.execute(
        f"""DELETE FROM people_import_stage s USING people_person p
            WHERE p.dataset = %(dataset)s AND p.source_record_id = s.record_id AND s.record_id <> ''
              AND p.id IN ({edited_sql(Person, matched)})
            RETURNING s.record_id""",  # noqa: S608 (no user input in the SQL text)
        {"dataset": dataset},
    )
    return sorted(row[0] for row in cursor.fetchall())


def _persons_sql(cursor, dataset: str) -> str:
    """The persons INSERT: plain when the data set has no persons yet (nothing to update, and no
    speculative insertion per row), else INSERT ... ON CONFLICT DO UPDATE; each written person gets a
    history row ('+' created, '~' updated)."""
    history = history_insert(Person, "written AS r", "CASE WHEN r.was_created THEN '+' ELSE '~' END")
    sql = _INSERT_PERSONS.format(history=history)
    cursor.execute("SELECT EXISTS (SELECT 1 FROM people_person WHERE dataset = %s)", [dataset])
    if cursor.fetchone()[0]:
        return sql
    start, end = sql.index("    ON CONFLICT"), sql.index("    RETURNING")
    return sql[:start] + sql[end:]


def _timed(result, phase: str, func, *args):
    started = time.perf_counter()
    value = func(*args)
    result.timings[phase] = time.perf_counter() - started
    return value


def _fix_public_ids(cursor, dataset: str) -> None:
    """Give a fresh stable id to each staged row whose public id is taken by another record.

    Ids are 40 bits (`stable_public_id`): a few collide among millions of records. The later record (by
    line, or the one not yet stored) gets stable_public_id(dataset, "<record_id>#<n>") with the smallest n
    that is free, so the outcome is the same on every install and every re-import."""
    cursor.execute(
        """SELECT s.line, s.record_id FROM people_import_stage s
           JOIN people_person p ON p.public_id = s.public_id
           WHERE NOT (p.dataset = %s AND p.source_record_id = s.record_id)
           UNION
           SELECT line, record_id FROM (
               SELECT line, record_id, row_number() OVER (PARTITION BY public_id ORDER BY line) AS n
               FROM people_import_stage) AS ranked
           WHERE n > 1
           ORDER BY 1""",
        [dataset],
    )
    clashes = cursor.fetchall()
    for line, record_id in clashes:
        for n in range(1, 1000):
            candidate = stable_public_id(dataset, f"{record_id}#{n}", "v")
            cursor.execute(
                """SELECT NOT EXISTS (SELECT 1 FROM people_person WHERE public_id = %s
                                      AND NOT (dataset = %s AND source_record_id = %s))
                      AND NOT EXISTS (SELECT 1 FROM people_import_stage WHERE public_id = %s)""",
                [candidate, dataset, record_id, candidate],
            )
            if cursor.fetchone()[0]:
                cursor.execute(
                    "UPDATE people_import_stage SET public_id = %s WHERE line = %s", [candidate, line]
                )
                break


def _add_forms(cursor, options, texts: list[str]) -> int:
    """Enter the name forms `texts` (those of the file, distinct, as the reader found them) missing from
    the name index; return how many were added."""
    cursor.execute(
        """SELECT t.text FROM unnest(%s::text[]) AS t(text)
           WHERE NOT EXISTS (SELECT 1 FROM people_nameform f WHERE f.text = t.text)""",
        [texts],
    )
    missing = [text for (text,) in cursor.fetchall()]
    rows = dict(zip(missing, _form_rows(missing, options.workers), strict=True))
    ensure_forms(missing, rows_for=rows.__getitem__)
    return len(missing)


def _form_rows(texts: list[str], workers: int) -> Iterable[tuple]:
    """`form_row` of each text, in order; in `workers` forked processes when there are many."""
    if workers < 2 or len(texts) < POOL_THRESHOLD:
        return [form_row(text) for text in texts]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(form_row, texts, chunksize=512)


def _remove_replaced(cursor, source_id: int | None, stamp: dict) -> None:
    """Delete the names, events (with their citations) and --source citations of updated persons; each
    name and event deleted gets a '-' history row with its last values (what a rollback restores)."""
    event_type = ContentType.objects.get_for_model(PersonEvent).id
    cursor.execute("CREATE TEMPORARY TABLE people_import_old ON COMMIT DROP AS "
                   "SELECT id FROM people_import_map WHERE NOT created")  # fmt: skip
    # Statistics for the planner: without them it may walk every event for each updated person.
    cursor.execute("ANALYZE people_import_old")
    cursor.execute(_delete_with_history(PersonName), stamp)
    cursor.execute(  # a join, not "object_id IN (...)": that one may be planned as a merge semi join that
        # walks every event once per updated person (minutes with 100,000 persons updated)
        """DELETE FROM sources_citation c USING people_personevent e, people_import_old o
           WHERE c.content_type_id = %s AND c.object_id = e.id AND e.person_id = o.id""",
        [event_type],
    )
    cursor.execute(_delete_with_history(PersonEvent), stamp)
    if source_id:
        cursor.execute(
            """DELETE FROM sources_citation WHERE source_id = %s AND content_type_id = %s
               AND object_id IN (SELECT id FROM people_import_old)""",
            [source_id, ContentType.objects.get_for_model(Person).id],
        )


def _delete_with_history(model) -> str:
    """DELETE the rows of `model` (names or events) of the updated persons, writing their '-' history rows."""
    table, history = model._meta.db_table, history_insert(model, "removed AS r", "'-'")
    return (
        f"WITH removed AS (DELETE FROM {table} WHERE person_id IN (SELECT id FROM people_import_old) "  # noqa: S608
        f"RETURNING *) {history}"
    )


def _cite(cursor, source_id: int) -> None:
    cursor.execute(
        """INSERT INTO sources_citation (source_id, content_type_id, object_id, locator, note)
           SELECT %s, %s, m.id, s.locator, '' FROM people_import_stage s
           JOIN people_import_map m ON m.record_id = s.record_id
           ON CONFLICT DO NOTHING""",
        [source_id, ContentType.objects.get_for_model(Person).id],
    )


def _analyze(cursor) -> None:
    """Refresh the planner's statistics: a bulk load changes the tables' sizes by orders of magnitude."""
    for table in (
        "people_person",
        "people_personname",
        "people_personevent",
        "people_nameform",
        "people_namekey",
    ):
        cursor.execute(f"ANALYZE {table}")  # noqa: S608
