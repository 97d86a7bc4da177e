"""Reads of the audit trail: a record's changes (with its child rows) field by field, and import runs.

A *change* is what one action did to a record and its child rows: the history rows of the record and
of its children (registry.KINDS) that carry the same stamp (user, reason, import run, submission) and
follow each other within GROUP_SECONDS, with at most one row of the record itself (its *version*).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from register.audit.models import ImportRun
from register.audit.registry import KINDS, Kind

GROUP_SECONDS = 2
DERIVED = {  # computed from other fields, or bookkeeping: never shown as a change of their own
    "id",
    "created",
    "updated",
    "version",
    "search_key",
    "form",
    "birth_start",
    "birth_end",
    "birth_year_min",
    "birth_year_max",
    "death_start",
    "death_end",
    "period_start",
    "period_end",
}
ACTIONS = {"+": _("added"), "-": _("removed"), "~": _("changed")}


@dataclass
class FieldChange:
    """One field of one row: its label and the old and new values as shown (old "" for a new row)."""

    label: str
    old: Any
    new: Any


@dataclass
class RowChange:
    """One history row of the record or of a child: which table (`section`), what happened (`action`
    "+", "-", "~"), a short label of the row, and its changed fields."""

    section: str
    action: str
    label: str
    fields: list[FieldChange]

    @property
    def action_display(self) -> str:
        return ACTIONS[self.action]


@dataclass
class Change:
    """One change of a record (see the module docstring). `version_id` is the history_id of the record's
    own row (None when only child rows changed), restorable unless the record was deleted by it."""

    start: dt.datetime
    end: dt.datetime
    user: Any
    reason: str
    import_run_id: int | None
    submission_id: int | None
    version_id: int | None = None
    version_type: str = ""
    rows: list[RowChange] = field(default_factory=list)
    newest: bool = False  # the record's newest change: its state is the current one

    @property
    def restorable(self) -> bool:
        return self.version_id is not None and self.version_type != "-" and not self.newest

    @property
    def reason_note(self) -> str:
        """The reason text as far as it adds something to the links of the import run and submission
        shown beside it: "" for "Submission #3" or "import run 4" next to their links, "(persons.json)"
        for "import run 4 (persons.json)", the whole text otherwise."""
        reason = self.reason.strip()
        if self.submission_id is not None and reason.lower() == f"submission #{self.submission_id}":
            return ""
        prefix = f"import run {self.import_run_id}"
        if self.import_run_id is not None and (reason == prefix or reason.startswith(prefix + " (")):
            return reason[len(prefix) :].strip()
        return reason

    def stamp(self) -> tuple:
        return (getattr(self.user, "pk", self.user), self.reason, self.import_run_id, self.submission_id)


def record_changes(kind: Kind, record) -> list[Change]:
    """Every change of `record` (a model instance of `kind`) and its child rows, newest first."""
    tables = [(None, kind.model, kind.model.history.filter(id=record.pk))]
    for child in kind.children:
        history = child.model.history.model
        tables.append((child, child.model, history.objects.filter(**{f"{child.parent_field}_id": record.pk})))
    rows = []
    for order, (child, model, queryset) in enumerate(tables):
        for row in queryset.values():
            rows.append((row["history_date"], order, row["history_id"], child, model, row))
    rows.sort(key=lambda item: item[:3])
    users = get_user_model().objects.in_bulk({row["history_user_id"] for *_, row in rows} - {None})
    changes: list[Change] = []
    previous: dict[tuple[int, int], dict] = {}
    labels = _Labels()
    for when, order, _history_id, child, model, row in rows:
        stamp = (row["history_user_id"], row["history_change_reason"] or "", row["import_run_id"])
        stamp += (row["submission_id"],)
        current = changes[-1] if changes else None
        is_record = child is None
        if (
            current is None
            or current.stamp() != stamp
            or (when - current.end).total_seconds() > GROUP_SECONDS
            or (is_record and current.version_id is not None)
        ):
            current = Change(when, when, users.get(stamp[0]), stamp[1], stamp[2], stamp[3])
            changes.append(current)
        current.end = max(current.end, when)
        if is_record:
            current.version_id, current.version_type = row["history_id"], row["history_type"]
        before = previous.get((order, row["id"]))
        previous[(order, row["id"])] = row
        section = str(kind.title) if is_record else str(child.title)
        parent = child.parent_field if child else None
        change = _row_change(model, section, row, before, parent, labels)
        if is_record:
            change.label = str(record)
        current.rows.append(change)
    labels.resolve(changes)
    changes.reverse()
    if changes:
        changes[0].newest = True
    return changes


def version_time(kind: Kind, record, version) -> dt.datetime:
    """The time as of which a restore of `version` (a history row of `record`) takes the child rows: the
    end of the change that wrote it."""
    for change in record_changes(kind, record):
        if change.version_id == version.history_id:
            return change.end
    return version.history_date


def _row_change(model, section: str, row: dict, before: dict | None, parent: str | None, labels) -> RowChange:
    fields = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in DERIVED or model_field.name == parent:
            continue
        new = row.get(model_field.attname)
        old = before.get(model_field.attname) if before else None
        if row["history_type"] == "-":
            continue
        if before is not None and before["history_type"] != "-" and old == new:
            continue
        if before is None and new in (None, "", [], False):
            continue
        fields.append(
            FieldChange(
                str(model_field.verbose_name),
                labels.value(model_field, old) if before else "",
                labels.value(model_field, new),
            )
        )
    return RowChange(section, row["history_type"], _row_label(model, row, labels), fields)


def _row_label(model, row: dict, labels):
    """A short text naming a history row (a _Ref to resolve later where it names another record)."""
    for name in ("value", "name", "text", "description_en", "description"):
        if row.get(name):
            text = str(row[name])
            if row.get("language"):
                text += f" ({row['language']})"
            return text
    if "kind" in row and model.__name__ == "PersonEvent":
        kind = labels.value(model._meta.get_field("kind"), row["kind"])
        return f"{kind} {row.get('period_edtf', '')}".strip()
    if "relation" in row:
        relation = labels.value(model._meta.get_field("relation"), row["relation"])
        other = labels.value(model._meta.get_field("other"), row["other_id"])
        return _Ref(other.model, other.pk, f"{relation} ") if isinstance(other, _Ref) else relation
    if "place_id" in row and model.__name__ == "OperationDestination":
        return labels.value(model._meta.get_field("place"), row["place_id"])
    if "people" in row and row["people"] is not None:
        return str(row["people"])
    return f"{model._meta.verbose_name} #{row['id']}"


class _Labels:
    """Shows field values: choices by their label, foreign keys by the related record (fetched in bulk
    at the end: `value` returns a placeholder that `resolve` replaces)."""

    def __init__(self):
        self.wanted: dict[Any, set] = {}

    def value(self, model_field, value):
        if value is None or value == "":
            return ""
        if model_field.is_relation and model_field.related_model is not None:
            self.wanted.setdefault(model_field.related_model, set()).add(value)
            return _Ref(model_field.related_model, value)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        if hasattr(value, "wkt"):
            return value.wkt if len(value.wkt) <= 80 else value.wkt[:79] + "…"
        return value

    def resolve(self, changes: list[Change]) -> None:
        found = {model: model.objects.in_bulk(list(ids)) for model, ids in self.wanted.items()}
        for change in changes:
            for row in change.rows:
                if isinstance(row.label, _Ref):
                    row.label = row.label.text(found)
                for item in row.fields:
                    if isinstance(item.old, _Ref):
                        item.old = item.old.text(found)
                    if isinstance(item.new, _Ref):
                        item.new = item.new.text(found)


@dataclass(frozen=True)
class _Ref:
    model: Any
    pk: Any
    prefix: str = ""

    def text(self, found) -> str:
        obj = found.get(self.model, {}).get(self.pk)
        return self.prefix + (str(obj) if obj is not None else f"#{self.pk}")

    def __str__(self):
        return f"#{self.pk}"


def import_runs():
    """Import runs newest first, with their user and the one who rolled them back."""
    return ImportRun.objects.select_related("user", "rolled_back_by").order_by("-started", "-id")


def record_for(kind_name: str, key: str):
    """(Kind, record) for a URL's kind ("person", "place", "operation") and key; raises KeyError for
    an unknown kind and Model.DoesNotExist for an unknown key."""
    kind = KINDS[kind_name]
    return kind, kind.model.objects.get(**{kind.key_field: key})
