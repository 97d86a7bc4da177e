"""Writes of the audit trail: rolling back an import run, restoring a record to one of its versions.
Both are moderators' actions (checked here), one transaction each, and recorded in history themselves."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from register.accounts.roles import require_moderator
from register.audit import rollback, rollback_sql
from register.audit.concurrency import lock_for_update
from register.audit.context import recording
from register.audit.models import ImportKind, ImportRun, ImportRunStatus
from register.audit.registry import kind_of
from register.audit.restore import apply_state, content_fields, latest_rows
from register.audit.rollback import RollbackRefused

__all__ = ["RollbackRefused", "RestoreRefused", "record_restore", "rollback_import"]

NOT_ROLLED_BACK = {ImportKind.GIVEN_NAMES}  # given names have no history to restore from


class RestoreRefused(Exception):
    """A version cannot be restored (unknown version, or a version of another record)."""


@transaction.atomic
def rollback_import(*, run: ImportRun, user, command_line: bool = False) -> dict[str, int]:
    """Undo the import run `run` in one transaction: delete the records it created, put the records it
    changed (fields and child rows) back in their state before it, re-create the child rows it deleted;
    each of these changes is recorded in history with the reason "rollback of import run N". Marks the
    run rolled_back. Returns counts {"deleted": n, "created": n, "updated": n} of rows.

    `user` must be a moderator (PermissionDenied) unless `command_line` (manage.py rollback_import, user
    None). Raises RollbackRefused (nothing changed) when the run is not done or already rolled back, when
    a record it touched was changed again after it (the message lists them), or when a row it created is
    referred to by another record."""
    if not command_line:
        require_moderator(user)
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status == ImportRunStatus.ROLLED_BACK:
        raise RollbackRefused(_("Import run %(id)s was already rolled back.") % {"id": run.pk})
    if run.status != ImportRunStatus.DONE:
        raise RollbackRefused(
            _("Import run %(id)s is %(status)s: only a finished run can be rolled back.")
            % {"id": run.pk, "status": run.get_status_display()}
        )
    if run.kind in NOT_ROLLED_BACK:
        raise RollbackRefused(_("Runs of this kind keep no history and cannot be rolled back."))
    touched = rollback.plan(run)
    found = rollback.conflicts(run, touched)
    if found:
        raise RollbackRefused(
            _("Import run %(id)s cannot be rolled back: these records were changed after it:")
            % {"id": run.pk}
            + "\n"
            + "\n".join(found)
        )
    actor = user if user is not None and user.is_authenticated else None
    # the rollback's own rows are stamped with the run too: they cancel its rows out (rollback.conflicts)
    with recording(user=actor, reason=f"rollback of import run {run.pk}", import_run=run):
        if rollback_sql.applies(touched):  # a person import: set-based, in a few statements per table
            counts = rollback_sql.undo(touched)
        else:
            counts = rollback.undo(run, touched)
    run.status, run.rolled_back_at, run.rolled_back_by = ImportRunStatus.ROLLED_BACK, timezone.now(), actor
    run.save(update_fields=["status", "rolled_back_at", "rolled_back_by"])
    return counts


@transaction.atomic
def record_restore(*, record, history_id: int, user, expected_version: int) -> dict[str, int]:
    """Restore `record` (a Person, Place or Operation) and its child rows (names, events, locations, ...,
    see registry.KINDS) to their state as of the version `history_id` (a history row of the record),
    as a new recorded change with the reason "restored the version of <date>". Returns counts of child
    rows deleted, created and updated.

    Raises PermissionDenied unless `user` is a moderator, StaleRecord when the record's version is not
    `expected_version` (changed since the page was shown), RestoreRefused for a history row that is not
    a restorable version of this record."""
    from register.audit.selectors import version_time

    require_moderator(user)
    kind = kind_of(type(record))
    if kind is None:
        raise RestoreRefused(_("Only persons, places and operations have versions to restore."))
    record = lock_for_update(kind.model, record.pk, expected_version=expected_version)
    version = kind.model.history.filter(id=record.pk, history_id=history_id).first()
    if version is None or version.history_type == "-":
        raise RestoreRefused(_("This version does not exist for this record."))
    as_of = version_time(kind, record, version)
    # stored data, the same in every language: the version's time in UTC
    when = version.history_date.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    counts = {"deleted": 0, "created": 0, "updated": 0}
    with recording(user=user, reason=f"restored the version of {when}"):
        for child in kind.children:
            _restore_children(child, record.pk, as_of, counts)
        record.refresh_from_db()  # a restored name may have changed the copies of the primary names
        for field in content_fields(kind.model):
            setattr(record, field.attname, getattr(version, field.attname))
        record.save()  # always a recorded change and a new version, even when only child rows changed
    return counts


def _restore_children(child, parent_pk: int, as_of, counts: dict[str, int]) -> None:
    """Make the child rows of one table match their recorded state at `as_of`: rows alive then come back
    with their values, rows created since go. Rows with no history before `as_of` are left alone."""
    history = child.model.history.model
    rows = history.objects.filter(**{f"{child.parent_field}_id": parent_pk})
    then = latest_rows(rows.filter(history_date__lte=as_of))
    live = {obj.pk: obj for obj in child.model.objects.filter(**{f"{child.parent_field}_id": parent_pk})}
    recorded_since = set(rows.filter(history_date__gt=as_of).values_list("id", flat=True))
    wanted = {pk: row for pk, row in then.items() if row.history_type != "-"}
    for pk, obj in live.items():  # deletions first: a row coming back may share their unique values
        if pk not in wanted and (pk in then or pk in recorded_since):
            obj.delete()
            counts["deleted"] += 1
    for pk, row in wanted.items():
        outcome = apply_state(child.model, pk, row, live.get(pk) or False)
        if outcome:
            counts[outcome] += 1
