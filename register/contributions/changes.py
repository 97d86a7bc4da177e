"""A submission's proposal as a list of changes with stable keys (register/contributions/checks.py checks
it by the models' own rules).

The proposal (Submission.proposal) is a JSON object:

    {"fields": {"surname": "Žemaitis", "birth_edtf": "1905"},          scalar fields of the record
     "names_add": [{"part": "surname", "value": "Жемайтис", "language": "ru", "script": "Cyrl",
                    "kind": "russified"}],                               person: name forms to add
     "names_remove": [12],                                               person: PersonName ids
     "events_add": [{"kind": "deportation", "period_edtf": "1941-06-14", "place": "p2x...",
                     "place_text": "", "operation": "june-deportation-1941", ...}],
     "events_remove": [7],                                               person: PersonEvent ids
     "events_change": {"7": {"term": "10 years"}},                       person: fields of an event
     "point": {"lat": 61.5, "lon": 90.1},                                place: WGS 84 degrees
     "translations": {"description": {"lt": "...", "de": ""}}}          place, operation: texts in other
                                                                         languages ("" removes one)

Each item is one change with a stable key: `field:<name>`, `name+<n>`, `name-<pk>`, `event+<n>`,
`event-<pk>`, `event:<pk>:<field>`, `point`, `translation:<field>:<language>` (register/texts), and
`file:<uuid>` for each attached file. A moderator
accepts all of them or a subset by key (register/contributions/apply.py writes them).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from register.audit.registry import KINDS
from register.contributions.models import SubmissionKind
from register.operations.models import Operation
from register.people.models import (
    EventKind,
    FormKind,
    NamePart,
    Person,
    PersonEvent,
)
from register.places.models import Place
from register.texts.languages import language_label

PERSON_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "sex",
    "birth_edtf",
    "birthplace_text",
    "nationality",
    "citizenship",
    "country",
    "occupation",
    "residence",
    "death_edtf",
    "fate",
    "biography",
)
PERSON_NAME_PARTS = {
    "surname": NamePart.SURNAME,
    "given_name": NamePart.GIVEN,
    "patronymic": NamePart.PATRONYMIC,
}
PLACE_FIELDS = (
    "primary_name",
    "primary_name_en",
    "kind",
    "period_edtf",
    "country",
    "admin_area",
    "description",
    "description_language",
    "wikidata",
)
OPERATION_FIELDS = (
    "name_en",
    "kind",
    "period_edtf",
    "origin_territories",
    "destinations_note",
    "description",
    "description_language",
)
NAME_FIELDS = ("part", "value", "language", "script", "kind")
EVENT_FIELDS = (
    "kind",
    "period_edtf",
    "place",
    "place_text",
    "operation",
    "origin",
    "article",
    "authority",
    "term",
    "cause",
    "note",
)
FIELD_ORDER = {
    name: index
    for fields in (OPERATION_FIELDS, PLACE_FIELDS, PERSON_FIELDS)
    for index, name in enumerate(fields)
}
EDTF_FIELDS = {"birth_edtf", "death_edtf", "period_edtf"}

MODELS = {"person": Person, "place": Place, "operation": Operation}
# The field of each record kind's public key (Person.public_id, Place.public_id, Operation.slug).
KEY_FIELD = {name: kind.key_field for name, kind in KINDS.items()}
FIELDS = {"person": PERSON_FIELDS, "place": PLACE_FIELDS, "operation": OPERATION_FIELDS}
RECORD_KIND = {
    SubmissionKind.NEW_PERSON: "person",
    SubmissionKind.PERSON_CHANGE: "person",
    SubmissionKind.NEW_PLACE: "place",
    SubmissionKind.PLACE_CHANGE: "place",
    SubmissionKind.OPERATION_CHANGE: "operation",
}
MAX_ITEMS = 50  # names or events added by one submission
NAME_TEXT_FIELDS = {"surname", "given_name", "patronymic", "primary_name", "primary_name_en", "name_en"}


@dataclass
class Change:
    """One proposed change. `kind` is "add", "remove" or "change"; `old` the record's value now, `base`
    its value when the submission was sent, `new` the proposed value (None for a removal); `conflict` is
    True when the record changed under the submission (old != base): such a change cannot be accepted.
    `group` is "field", "name", "event", "point", "translation" or "file" (for the templates); `context`
    names the event a change of one event field belongs to; `language` is the language of a translated
    text (for the page's `lang`); `accepted` is True once a moderator accepted it.
    Conflicts are only computed for open submissions (a decided one changed the record itself)."""

    key: str
    label: str
    kind: str
    group: str
    old: Any = None
    new: Any = None
    base: Any = None
    conflict: bool = False
    context: str = ""
    language: str = ""
    accepted: bool = False
    choices: dict = dataclass_field(default_factory=dict, repr=False)

    @property
    def old_text(self) -> str:
        """The current value as one line of text (a choice as its label)."""
        return _choice_text(self.choices, self.old)

    @property
    def base_text(self) -> str:
        """The value when the submission was sent, as one line of text."""
        return _choice_text(self.choices, self.base)

    @property
    def new_text(self) -> str:
        """The proposed value as one line of text (a choice as its label)."""
        return _choice_text(self.choices, self.new)


def _choice_text(choices: dict, value) -> str:
    if isinstance(value, str) and value in choices:
        return str(choices[value])
    return value_text(value)


def value_text(value) -> str:
    """A stored or proposed value as one line of text: "Жемайтис (surname, ru, russified)" for a name
    form, "deportation · 1941-06-14 · Igarka" for an event, "61.50000, 90.10000" for a point."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "lat" in value and "lon" in value:
            return f"{value['lat']:.5f}, {value['lon']:.5f}"
        if "part" in value and "value" in value:
            details = [
                _label(NamePart, value.get("part")),
                value.get("language"),
                _label(FormKind, value.get("kind")),
            ]
            return f"{value['value']} ({', '.join(item for item in details if item)})"
        if "kind" in value and "period_edtf" in value:
            return event_text(value)
        return " · ".join(str(item) for item in value.values() if item not in ("", None))
    return str(value)


def event_text(value: dict) -> str:
    """An event dict as one line: kind, date, place, then its other details."""
    place = value.get("place") or ""
    if place:
        place = Place.objects.filter(public_id=place).values_list("primary_name", flat=True).first() or place
    operation = value.get("operation") or ""
    parts = [
        _label(EventKind, value.get("kind")),
        value.get("period_edtf"),
        place or value.get("place_text"),
        operation,
    ]
    parts += [value.get(field) for field in ("origin", "article", "authority", "term", "cause", "note")]
    return " · ".join(str(part) for part in parts if part)


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


# ---------------------------------------------------------------- current values of a record


def person_name_value(name) -> dict:
    """A PersonName as a proposal-shaped dict."""
    return {field: getattr(name, field) for field in NAME_FIELDS}


def event_value(event) -> dict:
    """A PersonEvent as a proposal-shaped dict (place as its public id, operation as its slug)."""
    value = {field: getattr(event, field) for field in EVENT_FIELDS if field not in ("place", "operation")}
    value["place"] = event.place.public_id if event.place_id else ""
    value["operation"] = event.operation.slug if event.operation_id else ""
    return {field: value[field] for field in EVENT_FIELDS}


def point_value(place) -> dict | None:
    """The first point location of a place as {"lat", "lon"} (degrees), None when it has none."""
    location = first_point(place)
    if location is None:
        return None
    return {"lat": round(location.geom.y, 6), "lon": round(location.geom.x, 6)}


def first_point(place):
    """The place's first Location whose geometry is a point (None when there is none)."""
    for location in place.locations.order_by("order", "id"):
        if location.geom.geom_type == "Point":
            return location
    return None


def current_value(record, key: str):
    """The record's present value for one change key (None when the item no longer exists)."""
    if record is None:
        return None
    if key.startswith("field:"):
        return getattr(record, key[6:])
    if key == "point":
        return point_value(record)
    if key.startswith("translation:"):
        _prefix, field, language = key.split(":")
        return (
            record.translations.filter(field=field, language=language).values_list("text", flat=True).first()
        )
    if key.startswith("name-"):
        name = record.names.filter(pk=int(key[5:])).first()
        return person_name_value(name) if name else None
    if key.startswith("event-"):
        event = record.events.select_related("place", "operation").filter(pk=int(key[6:])).first()
        return event_value(event) if event else None
    if key.startswith("event:"):
        _prefix, pk, field = key.split(":")
        event = record.events.select_related("place", "operation").filter(pk=int(pk)).first()
        return event_value(event)[field] if event else None
    return None  # additions and files have no current value


# ---------------------------------------------------------------- keys and diff


def proposal_keys(proposal: dict) -> list[str]:
    """The change keys of a proposal in display order (file keys come from the attachments)."""
    fields = proposal.get("fields", {})
    keys = [f"field:{name}" for name in sorted(fields, key=lambda name: FIELD_ORDER.get(name, 99))]
    keys += [f"name+{index}" for index in range(len(proposal.get("names_add", [])))]
    keys += [f"name-{pk}" for pk in proposal.get("names_remove", [])]
    keys += [f"event+{index}" for index in range(len(proposal.get("events_add", [])))]
    keys += [f"event-{pk}" for pk in proposal.get("events_remove", [])]
    for pk, fields in proposal.get("events_change", {}).items():
        keys += [f"event:{pk}:{field}" for field in fields]
    if proposal.get("point"):
        keys.append("point")
    for field, texts in proposal.get("translations", {}).items():
        keys += [f"translation:{field}:{language}" for language in sorted(texts)]
    return keys


def proposed_value(proposal: dict, key: str):
    """The proposed value of one change key (None for a removal)."""
    if key.startswith("field:"):
        return proposal["fields"][key[6:]]
    if key.startswith("name+"):
        return proposal["names_add"][int(key[5:])]
    if key.startswith("event+"):
        return proposal["events_add"][int(key[6:])]
    if key.startswith("event:"):
        _prefix, pk, field = key.split(":")
        return proposal["events_change"][pk][field]
    if key == "point":
        return proposal["point"]
    if key.startswith("translation:"):
        _prefix, field, language = key.split(":")
        return proposal["translations"][field][language]
    return None


def base_values(record, proposal: dict) -> dict:
    """{key: the record's value now} for every change of the proposal (stored as Submission.base)."""
    return {key: current_value(record, key) for key in proposal_keys(proposal) if "+" not in key}


def diff(submission) -> list[Change]:
    """The submission's changes against the record as it is now, in display order, files last.

    Returns a list of Change (see there); for a new record every change is an addition without conflict.
    """
    record = None if submission.is_new_record else submission.record
    record_kind = RECORD_KIND[submission.kind]
    is_open = submission.status in ("pending", "needs_info")  # a decided one has no conflicts to show
    accepted = set(submission.accepted_keys or ())
    changes = []
    events = {}
    if record is not None and record_kind == "person":
        events = {
            str(event.pk): event_value(event) for event in record.events.select_related("place", "operation")
        }
    for key in proposal_keys(submission.proposal):
        old = current_value(record, key)
        base = submission.base.get(key) if "+" not in key else None
        new = proposed_value(submission.proposal, key)
        kind = "add" if "+" in key or submission.is_new_record else "remove" if "-" in key else "change"
        conflict = is_open and kind != "add" and _normal(old) != _normal(base)
        language = ""
        if key.startswith("translation:"):  # an added translation conflicts too when one appeared since
            language = key.split(":")[2]
            kind = "remove" if new == "" else "add" if base is None and old is None else "change"
            conflict = is_open and not submission.is_new_record and old != base
        changes.append(
            Change(
                key=key,
                label=change_label(record_kind, key),
                kind=kind,
                group=_group(key),
                old=old,
                new=new,
                base=base,
                conflict=conflict,
                accepted=key in accepted,
                context=_event_context(key, events),
                language=language,
                choices=_choices(record_kind, key),
            )
        )
    for attachment in submission.attachments.all():
        changes.append(
            Change(
                key=f"file:{attachment.pk}",
                label=_("Attach the file"),
                kind="add",
                group="file",
                new=attachment,
                accepted=f"file:{attachment.pk}" in accepted,
            )
        )
    return changes


def _choices(record_kind: str, key: str) -> dict:
    """{value: label} of a scalar field with choices (kind, sex, fate), else {}."""
    if key.startswith("event:"):
        model_field = PersonEvent._meta.get_field(key.split(":")[2])
    elif key.startswith("field:"):
        model_field = MODELS[record_kind]._meta.get_field(key[6:])
    else:
        return {}
    return {value: label for value, label in (model_field.choices or []) if value != ""}


def _event_context(key: str, events: dict) -> str:
    """For a change of one field of an event: the event it belongs to, as one line."""
    if key.startswith("event-"):
        pk = key[6:]
    elif key.startswith("event:"):
        pk = key.split(":")[1]
    else:
        return ""
    event = events.get(pk)
    return event_text(event) if event else ""


def _normal(value):
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {key: _normal(item) for key, item in value.items()}
    return value


def _group(key: str) -> str:
    if key.startswith("field:"):
        return "field"
    if key.startswith("name"):
        return "name"
    if key.startswith("event"):
        return "event"
    return key.split(":")[0]


def change_label(record_kind: str, key: str) -> str:
    """The translated label of a change key ("Surname", "Add a name form", "Term of event 7")."""
    if key.startswith("field:"):
        return capfirst(str(MODELS[record_kind]._meta.get_field(key[6:]).verbose_name))
    if key.startswith("name+"):
        return _("Add a name form")
    if key.startswith("name-"):
        return _("Remove a name form")
    if key.startswith("event+"):
        return _("Add a life event")
    if key.startswith("event-"):
        return _("Remove a life event")
    if key.startswith("event:"):
        field = key.split(":")[2]
        label = str(PersonEvent._meta.get_field(field).verbose_name)
        return _("Life event: %(field)s") % {"field": label}
    if key == "point":
        return _("Location (point)")
    if key.startswith("translation:"):
        _prefix, field, language = key.split(":")
        label = capfirst(str(MODELS[record_kind]._meta.get_field(field).verbose_name))
        return _("%(field)s in %(language)s") % {"field": label, "language": language_label(language)}
    return key
