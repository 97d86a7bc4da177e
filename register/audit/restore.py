"""Putting rows back into a recorded state: the primitives of `rollback_import` and `record_restore`.

A *state* is a history row (django-simple-history `Historical<Model>` instance) or None for "the row
does not exist". `apply_state` makes the live row match it through the ORM, so that the change is
itself recorded in history (under the caller's `recording()` context).
"""

from __future__ import annotations

from django.db import models

# Columns that are not a record's content: never compared nor copied back.
NOT_CONTENT = {"id", "created", "updated", "version"}


def content_fields(model) -> list:
    """The concrete fields of `model` a state sets (everything but the key and bookkeeping)."""
    return [field for field in model._meta.concrete_fields if field.name not in NOT_CONTENT]


def differs(obj, state) -> bool:
    """Whether the live row `obj` differs from the history row `state` in any content field."""
    return any(
        getattr(obj, field.attname) != getattr(state, field.attname) for field in content_fields(type(obj))
    )


def apply_state(model, pk, state, current=None) -> str:
    """Make row `pk` of `model` match `state` (a history row, or None: no row); `current` is the live
    row if already fetched (False: known not to exist). Returns what was done: "deleted", "created",
    "updated" or "" (nothing to do). Versioned rows get a new version. Raises ProtectedError when a
    deletion is blocked by a PROTECT foreign key."""
    if current is None:
        current = model.objects.filter(pk=pk).first() or False
    if state is None:
        if current is False:
            return ""
        current.delete()
        return "deleted"
    if current is False:
        obj = state.instance  # a model instance with the recorded values and the same pk
        obj._state.adding = True
        if hasattr(obj, "version"):
            obj.version = (obj.version or 0) + 1
        obj.save(force_insert=True)
        return "created"
    if not differs(current, state):
        return ""
    for field in content_fields(model):
        setattr(current, field.attname, getattr(state, field.attname))
    current.save()  # a versioned row gets version + 1 from the pre_save receiver
    return "updated"


def latest_rows(history_qs) -> dict[int, models.Model]:
    """The newest history row per object id of `history_qs` (ordered by history_id)."""
    rows: dict[int, models.Model] = {}
    for row in history_qs.order_by("id", "-history_id").distinct("id"):
        rows[row.id] = row
    return rows
