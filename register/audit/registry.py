"""Which public records the audit trail follows, and how their child rows hang from them.

A *kind* (person, place, operation) is a record with a `version`, a key in URLs (`public_id` or `slug`)
and child tables whose history is shown and restored with it. The importers' rollback walks every
history table of `TRACKED_MODELS`, parents before children.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Child:
    """A child table of a kind: `model` label ("people.PersonName") and its foreign key to the parent."""

    label: str
    parent_field: str
    title: str

    @property
    def model(self):
        return apps.get_model(self.label)


@dataclass(frozen=True)
class Kind:
    """A kind of record: its model label, the field of its URL key, its child tables."""

    name: str
    label: str
    key_field: str
    children: tuple[Child, ...]
    title: str

    @property
    def model(self):
        return apps.get_model(self.label)


KINDS: dict[str, Kind] = {
    "person": Kind(
        "person",
        "people.Person",
        "public_id",
        (
            Child("people.PersonName", "person", _("names")),
            Child("people.PersonEvent", "person", _("events")),
            Child("people.FamilyLink", "person", _("family links")),
        ),
        _("person"),
    ),
    "place": Kind(
        "place",
        "places.Place",
        "public_id",
        (
            Child("places.PlaceName", "place", _("names")),
            Child("places.Location", "place", _("locations")),
            Child("texts.TextTranslation", "place", _("translations")),
        ),
        _("place"),
    ),
    "operation": Kind(
        "operation",
        "operations.Operation",
        "slug",
        (
            Child("operations.OperationName", "operation", _("names")),
            Child("operations.OperationFigure", "operation", _("figures")),
            Child("operations.OperationDestination", "operation", _("destinations")),
            Child("texts.TextTranslation", "operation", _("translations")),
        ),
        _("operation"),
    ),
}

# Every model with a history table, parents before their children (the order of re-creation).
TRACKED_LABELS = (
    "places.Place",
    "places.PlaceName",
    "places.Location",
    "places.PrisonerFigure",
    "operations.Operation",
    "operations.OperationName",
    "operations.OperationFigure",
    "operations.OperationDestination",
    "texts.TextTranslation",
    "people.Person",
    "people.PersonName",
    "people.PersonEvent",
    "people.FamilyLink",
)


def TRACKED_MODELS() -> list:  # noqa: N802 (a constant computed once the app registry is ready)
    """The tracked models (see TRACKED_LABELS), parents first."""
    return [apps.get_model(label) for label in TRACKED_LABELS]


def VERSIONED_MODELS() -> list:  # noqa: N802
    """The models with a `version` column: Person, Place, Operation."""
    return [kind.model for kind in KINDS.values()]


def kind_of(model) -> Kind | None:
    """The Kind whose record model is `model`, or None."""
    return next((kind for kind in KINDS.values() if kind.model is model), None)
