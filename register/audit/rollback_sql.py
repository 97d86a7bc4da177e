"""Set-based rollback of a person import run (the bulk importer writes hundreds of thousands of rows in
one run; undoing them one ORM save at a time would take hours). The same steps as rollback.undo, in a
few statements per table, each writing its history rows in SQL (register/audit/sql.py):

1. the names and events the run created go (with the events' citations), then the persons it created
   (with their citations, family links and duplicate reviews);
2. the persons it changed get the values of their newest history row before the run (version + 1);
3. the names and events it deleted come back with their ids and values (from their '-' history rows).

Used when a run touched nothing but persons, names and events, and every row it changed (not created)
was first changed by it through an update of a person or a deletion of a name or event: the shape of
what `import_people` writes. Anything else goes through rollback.undo.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from register.audit.sql import history_insert, history_params, record_columns

LABELS = {"people.Person", "people.PersonName", "people.PersonEvent"}
PLUS, MINUS, TILDE = "'+'", "'-'", "'~'"  # history_type values as SQL literals


def applies(touched) -> bool:
    """Whether the run's plan (rollback.plan) has the shape this module undoes."""
    if not touched or any(item.model._meta.label not in LABELS for item in touched):
        return False
    with connection.cursor() as cursor:
        for item in touched:
            allowed = ("+", "~") if item.model._meta.label == "people.Person" else ("+", "-")
            table = item.model.history.model._meta.db_table
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {table} WHERE history_id = ANY(%s) "  # noqa: S608
                "AND history_type <> ALL(%s))",
                [[first for first, _last in item.spans.values()], list(allowed)],
            )
            if cursor.fetchone()[0]:
                return False
    return True


def undo(touched) -> dict[str, int]:
    """Undo the run (see the module docstring); return counts of rows deleted, created and updated.
    Raises RollbackRefused when a person's state before the run was never recorded."""
    from register.people.models import Person, PersonEvent, PersonName

    by_label = {item.model._meta.label: item for item in touched}
    stamp = history_params()
    counts = {"deleted": 0, "created": 0, "updated": 0}
    with connection.cursor() as cursor:
        for model in (PersonName, PersonEvent, Person):
            _firsts(cursor, model, by_label.get(model._meta.label))
        counts["deleted"] += _delete_created(cursor, PersonEvent, stamp, events=True)
        counts["deleted"] += _delete_created(cursor, PersonName, stamp)
        counts["deleted"] += _delete_created(cursor, Person, stamp, persons=True)
        counts["updated"] += _restore_persons(cursor, stamp)
        counts["created"] += _recreate(cursor, PersonName, stamp)
        counts["created"] += _recreate(cursor, PersonEvent, stamp)
        cursor.execute("DROP TABLE IF EXISTS rb_personname, rb_personevent, rb_person")
    return counts


def _firsts(cursor, model, item) -> None:
    """Temporary table rb_<model> (id, first history_id, its type) of the run's objects of `model`."""
    name = f"rb_{model._meta.model_name}"
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMPORARY TABLE {name} (id bigint PRIMARY KEY, first bigint, type text)")
    if item is None:
        return
    table = model.history.model._meta.db_table
    cursor.execute(
        f"""INSERT INTO {name} SELECT h.id, h.history_id, h.history_type FROM {table} h
            WHERE h.history_id = ANY(%s)""",  # noqa: S608
        [[first for first, _last in item.spans.values()]],
    )
    cursor.execute(f"ANALYZE {name}")


def _delete_created(cursor, model, stamp: dict, *, events=False, persons=False) -> int:
    table, temp = model._meta.db_table, f"rb_{model._meta.model_name}"
    created = f"(SELECT id FROM {temp} WHERE type = '+')"  # noqa: S608 (names from the models only)
    if events or persons:
        kind = ContentType.objects.get_for_model(model).id
        cursor.execute(
            f"DELETE FROM sources_citation WHERE content_type_id = %s AND object_id IN {created}",  # noqa: S608
            [kind],
        )
    if persons:
        from register.people.models import FamilyLink

        cursor.execute(
            f"DELETE FROM people_possibleduplicate WHERE person_id IN {created} OR other_id IN {created}"  # noqa: S608
        )
        links = f"people_familylink r WHERE r.person_id IN {created} OR r.other_id IN {created}"
        cursor.execute(history_insert(FamilyLink, links, "'-'"), stamp)
        cursor.execute(
            f"DELETE FROM people_familylink WHERE person_id IN {created} OR other_id IN {created}"  # noqa: S608
        )
    removed = f"(DELETE FROM {table} WHERE id IN {created} RETURNING *)"  # noqa: S608
    cursor.execute(f"WITH removed AS {removed} {history_insert(model, 'removed AS r', MINUS)}", stamp)
    return cursor.rowcount


def _restore_persons(cursor, stamp: dict) -> int:
    from register.audit.rollback import RollbackRefused
    from register.people.models import Person

    history = Person.history.model._meta.db_table
    cursor.execute(
        f"""CREATE TEMPORARY TABLE rb_person_state ON COMMIT DROP AS
            SELECT DISTINCT ON (c.id) c.id, h.history_id FROM rb_person c
            LEFT JOIN {history} h ON h.id = c.id AND h.history_id < c.first
            WHERE c.type = '~' ORDER BY c.id, h.history_id DESC"""  # noqa: S608
    )
    cursor.execute("SELECT id FROM rb_person_state WHERE history_id IS NULL LIMIT 5")
    missing = [pk for (pk,) in cursor.fetchall()]
    if missing:
        raise RollbackRefused(
            f"The state before the run of the persons with ids {missing} was never recorded: "
            "they cannot be put back."
        )
    columns = [c for c in record_columns(Person) if c not in ('"id"', '"created"', '"updated"', '"version"')]
    assignments = ", ".join(f"{column} = s.{column}" for column in columns)
    written = (
        f"UPDATE people_person p SET {assignments}, version = p.version + 1, updated = now() "  # noqa: S608
        f"FROM {history} s JOIN rb_person_state t ON t.history_id = s.history_id "
        "WHERE p.id = t.id RETURNING p.*"
    )
    cursor.execute(f"WITH written AS ({written}) {history_insert(Person, 'written AS r', TILDE)}", stamp)
    count = cursor.rowcount
    cursor.execute("DROP TABLE rb_person_state")
    return count


def _recreate(cursor, model, stamp: dict) -> int:
    table, temp = model._meta.db_table, f"rb_{model._meta.model_name}"
    history = model.history.model._meta.db_table
    columns = ", ".join(record_columns(model))
    selected = ", ".join(f"h.{column}" for column in record_columns(model))
    written = (
        f"INSERT INTO {table} ({columns}) SELECT {selected} FROM {history} h "  # noqa: S608
        f"JOIN {temp} t ON t.first = h.history_id WHERE t.type = '-' RETURNING *"
    )
    cursor.execute(f"WITH written AS ({written}) {history_insert(model, 'written AS r', PLUS)}", stamp)
    return cursor.rowcount
