"""Undoing an import run (`rollback_import` in register/audit/services.py does the permission check and
the transaction): the plan of what the run did, the check that nothing it touched changed since, and the
writes that put everything back.

What a run did is read from the history rows that point to it, table by table (registry.TRACKED_LABELS):
per object, the run's first and last history row. An object whose first row is '+' was created by the
run (it is deleted); any other was changed or deleted by it and is put back in the state of its newest
history row before the run (for a '-' first row, that row itself holds the last state).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from register.audit.registry import KINDS, TRACKED_MODELS, kind_of
from register.audit.restore import apply_state

MAX_LISTED = 20
# A history row h that is a change of its own: not of the run being rolled back (the parameter), nor of
# a run rolled back since (its rows and those of its rollback, stamped with it, cancel out).
_OTHER_CHANGE = """h.import_run_id IS DISTINCT FROM %s AND (h.import_run_id IS NULL OR h.import_run_id NOT IN
    (SELECT id FROM audit_importrun WHERE status = 'rolled_back'))"""


class RollbackRefused(Exception):
    """The run cannot be rolled back; the message says why (and lists the records in the way)."""


@dataclass
class Touched:
    """What a run did to one table: object id -> (first, last) history_id of its rows there."""

    model: type
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    created: set[int] = field(default_factory=set)  # the objects the run created (filled by undo)


def plan(run) -> list[Touched]:
    """Per tracked table (parents first), the objects the run wrote and the span of its rows."""
    out = []
    for model in TRACKED_MODELS():
        table = model.history.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, min(history_id), max(history_id) FROM {table} "  # noqa: S608
                "WHERE import_run_id = %s GROUP BY id",
                [run.pk],
            )
            spans = {pk: (first, last) for pk, first, last in cursor.fetchall()}
        if spans:
            out.append(Touched(model, spans))
    return out


def conflicts(run, touched: list[Touched]) -> list[str]:
    """Descriptions of the records changed after the run by anything else (at most MAX_LISTED, then a
    count): objects with a newer history row of another change, and children added to, changed in or
    removed from a record the run wrote, since the run started."""
    found: list[str] = []
    for item in touched:
        table = item.model.history.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT DISTINCT ON (h.id) h.id, h.history_date, u.username FROM {table} h
                    JOIN (SELECT id, max(history_id) AS last FROM {table} WHERE import_run_id = %s
                          GROUP BY id) r ON r.id = h.id
                    LEFT JOIN auth_user u ON u.id = h.history_user_id
                    WHERE h.history_id > r.last AND {_OTHER_CHANGE}
                    ORDER BY h.id, h.history_id DESC""",  # noqa: S608
                [run.pk, run.pk],
            )
            for pk, when, user in cursor.fetchall():
                found.append(_describe(item.model, pk, when, user))
    by_model = {item.model: item for item in touched}
    for kind in KINDS.values():
        parents = by_model.get(kind.model)
        if parents is None:
            continue
        for child in kind.children:
            found += _later_children(run, child, list(parents.spans))
    if len(found) > MAX_LISTED:
        more = len(found) - MAX_LISTED
        found = [*found[:MAX_LISTED], _("… and %(count)s more") % {"count": more}]
    return found


def _later_children(run, child, parent_ids: list[int]) -> list[str]:
    table = child.model.history.model._meta.db_table
    column = child.model._meta.get_field(child.parent_field).column
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT DISTINCT ON (h.{column}) h.{column}, h.history_date, u.username FROM {table} h
                LEFT JOIN auth_user u ON u.id = h.history_user_id
                WHERE h.{column} = ANY(%s) AND h.history_date > %s AND {_OTHER_CHANGE}
                ORDER BY h.{column}, h.history_id DESC""",  # noqa: S608
            [parent_ids, run.started, run.pk],
        )
        parent_model = child.model._meta.get_field(child.parent_field).related_model
        return [_describe(parent_model, pk, when, user) for pk, when, user in cursor.fetchall()]


def _describe(model, pk, when, user) -> str:
    """ "person v3k… (Kazlauskas Jonas), changed 30 Nov 2026 00:12 by bob" for the refusal message."""
    from django.utils import formats, timezone

    obj = model.objects.filter(pk=pk).first()
    label = f"{model._meta.verbose_name} #{pk}"
    kind = kind_of(model)
    if obj is not None:
        key = getattr(obj, kind.key_field) if kind else pk
        label = f"{model._meta.verbose_name} {key} ({obj})"
    when_text = formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
    if user:
        values = {"record": label, "time": when_text, "user": user}
        return _("%(record)s, changed %(time)s by %(user)s") % values
    return _("%(record)s, changed %(time)s") % {"record": label, "time": when_text}


def undo(run, touched: list[Touched]) -> dict[str, int]:
    """Put back what the run did (see the module docstring); return counts of deleted, created and
    updated rows. Raises RollbackRefused when a deletion is blocked by a row that refers to it, or when
    the state before the run was never recorded."""
    counts = {"deleted": 0, "created": 0, "updated": 0}
    for item in reversed(touched):  # children first: the run's new rows go
        history = item.model.history.model
        firsts = history.objects.filter(history_id__in=[first for first, _last in item.spans.values()])
        created = [row.id for row in firsts.only("id", "history_type") if row.history_type == "+"]
        for obj in item.model.objects.filter(pk__in=created):
            try:
                obj.delete()
            except ProtectedError as exc:
                raise RollbackRefused(_blocked(obj, exc)) from exc
            counts["deleted"] += 1
        item.created = set(created)
    for item in touched:  # parents first: the changed and deleted rows come back
        history = item.model.history.model
        pending = {pk: span for pk, span in item.spans.items() if pk not in item.created}
        if not pending:
            continue
        first_ids = [first for first, _last in pending.values()]
        firsts = {row.id: row for row in history.objects.filter(history_id__in=first_ids)}
        live = item.model.objects.in_bulk(list(pending))
        for pk, (first, _last) in pending.items():
            state = firsts[pk] if firsts[pk].history_type == "-" else _before(history, pk, first)
            outcome = apply_state(item.model, pk, state, live.get(pk, False))
            if outcome:
                counts[outcome] += 1
    return counts


def _before(history, pk: int, first: int):
    row = history.objects.filter(id=pk, history_id__lt=first).order_by("-history_id").first()
    if row is None or row.history_type == "-":
        raise RollbackRefused(
            _("The state of %(record)s #%(id)s before the run was never recorded: it cannot be put back.")
            % {"record": history.instance_type._meta.verbose_name, "id": pk}
        )
    return row


def _blocked(obj, exc: ProtectedError) -> str:
    others = ", ".join(str(other) for other in list(exc.protected_objects)[:MAX_LISTED])
    return _("%(record)s “%(name)s” cannot be deleted: other records refer to it (%(others)s).") % {
        "record": obj._meta.verbose_name,
        "name": obj,
        "others": others,
    }
