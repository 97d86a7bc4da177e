"""Optimistic concurrency of record edits: a form carries the `version` of the record it showed, and the
save is refused when someone changed the record since (instead of silently overwriting their change).

Person, Place and Operation have `version` (1 when created); every save of an existing row raises it by
one (register/audit/signals.py, or `bump_version` when the caller wants to do it itself).

    person = lock_for_update(Person, pk, expected_version=form.cleaned_data["version"])
    ...                         # raises StaleRecord if the version moved on
    bump_version(person)
    person.save()
"""

from __future__ import annotations

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _


class StaleRecord(Exception):
    """The record was changed since the form showing it was opened. `record` is the current row,
    `changed_by` the username of the last change if known (else ""), `changed_at` its time (or None)."""

    def __init__(self, record, changed_by: str = "", changed_at=None):
        self.record, self.changed_by, self.changed_at = record, changed_by, changed_at
        super().__init__(stale_message(changed_by, changed_at))


def stale_message(changed_by: str, changed_at) -> str:
    """The translated sentence shown to the editor of a stale record."""
    when = formats.date_format(timezone.localtime(changed_at), "DATETIME_FORMAT") if changed_at else ""
    if changed_by and when:
        return _(
            "This record was changed by %(user)s at %(time)s since you opened it; reload it and make "
            "your change again."
        ) % {"user": changed_by, "time": when}
    if when:
        return _(
            "This record was changed at %(time)s since you opened it; reload it and make your change again."
        ) % {"time": when}
    return _("This record was changed since you opened it; reload it and make your change again.")


def last_change(record) -> tuple[str, object]:
    """(username or "", time or None) of the newest history row of `record`."""
    history = getattr(record, "history", None)
    if history is None:
        return "", None
    row = history.select_related("history_user").order_by("-history_date", "-history_id").first()
    if row is None:
        return "", None
    user = row.history_user
    return (user.get_username() if user else ""), row.history_date


def lock_for_update(model, pk, *, expected_version: int):
    """Lock the row `pk` of `model` (SELECT ... FOR UPDATE, inside the caller's transaction) and return it.

    Raises model.DoesNotExist for an unknown pk, StaleRecord when its version is not `expected_version`,
    and TransactionManagementError outside transaction.atomic()."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("lock_for_update needs transaction.atomic()")
    obj = model.objects.select_for_update(of=("self",)).get(pk=pk)
    if obj.version != int(expected_version):
        raise StaleRecord(obj, *last_change(obj))
    return obj


def bump_version(obj) -> None:
    """Raise obj.version by one for the coming save (the pre_save receiver then leaves it alone)."""
    obj.version = (obj.version or 0) + 1
    obj._audit_version_bumped = True
