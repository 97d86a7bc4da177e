"""A proposal checked by the models' own rules before it is stored (register/contributions/changes.py
gives its shape and keys): every value a string that fits the column it will be written to, EDTF dates,
countries, coordinates, names that the name index can hold, ids that belong to the record.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from register.contributions.changes import (
    EDTF_FIELDS,
    EVENT_FIELDS,
    FIELDS,
    MAX_ITEMS,
    MODELS,
    NAME_FIELDS,
    NAME_TEXT_FIELDS,
    PERSON_NAME_PARTS,
    RECORD_KIND,
    event_value,
    point_value,
)
from register.contributions.models import SubmissionKind
from register.contributions.text import clean_text
from register.core.edtf import edtf_bounds
from register.operations.models import Operation
from register.people.models import (
    REPRESSION_EVENTS,
    EventKind,
    FormKind,
    NamePart,
    Person,
    PersonEvent,
    PersonName,
    validate_country,
)
from register.places.models import Place, PlaceName
from register.texts.languages import language_codes, language_label
from register.texts.models import MAX_TEXT_LENGTH, TranslatableField


def clean_proposal(kind: str, proposal: dict, record=None, *, has_files: bool = False) -> dict:
    """Check and normalise a proposal for a submission of `kind` about `record` (None for a new record).

    Returns the proposal with strings stripped, unknown keys dropped and values equal to the record's
    present ones left out; a correction must change something unless `has_files`. Raises
    ValidationError with a dict of errors keyed "surname", "names_add.0.value",
    "events_add.1.period_edtf", "events_change.7.term", "point", "translations",
    "translations.description.lt" or "__all__".
    """
    record_kind = RECORD_KIND[kind]
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    if not isinstance(proposal, dict):
        raise ValidationError({"__all__": [_("The proposal must be an object.")]})
    fields = _clean_fields(record_kind, proposal.get("fields") or {}, record, errors)
    if fields:
        out["fields"] = fields
    if record_kind == "person":
        _clean_person_items(proposal, record, out, errors)
    if record_kind == "place" and proposal.get("point") not in (None, "", {}):
        point = _clean_point(proposal["point"], errors)
        if point and (record is None or point != point_value(record)):
            out["point"] = point
    if proposal.get("translations") not in (None, {}):
        translations = _clean_translations(record_kind, proposal["translations"], record, fields, errors)
        if translations:
            out["translations"] = translations
    if record_kind in ("place", "operation"):
        _check_original_languages(record, fields, out.get("translations", {}), errors)
    _check_complete(kind, out, errors, has_files)
    if errors:
        raise ValidationError(errors)
    return out


def _clean_fields(record_kind: str, fields: dict, record, errors: dict) -> dict:
    if not isinstance(fields, dict):
        errors["__all__"] = [_("“fields” must be an object.")]
        return {}
    model = MODELS[record_kind]
    allowed = FIELDS[record_kind]
    out = {}
    for name, value in fields.items():
        if name not in allowed:
            errors[name] = [_("This field cannot be changed here.")]
            continue
        try:
            value = clean_text(value, name=name in NAME_TEXT_FIELDS)
        except ValidationError as exc:
            errors[name] = exc.messages
            continue
        if record is not None and getattr(record, name) == value:
            continue
        if record is None and value == "":
            continue
        described = fields.get("description")
        if (
            record is None
            and name == "description_language"
            and not (isinstance(described, str) and described.strip())
        ):
            continue  # the language of no text: not a change worth reviewing
        try:
            _check_field(model, name, value)
        except ValidationError as exc:
            errors[name] = exc.messages
            continue
        out[name] = value
    if record_kind == "person" and record is not None:
        for name in PERSON_NAME_PARTS:
            if out.get(name, None) == "":
                errors[name] = [_("A name cannot be emptied here: remove its name form instead.")]
    return out


def _check_field(model, name: str, value: str) -> None:
    field = model._meta.get_field(name)
    field.clean(value, None)  # max_length, choices, the field's own validators
    if name in EDTF_FIELDS:
        edtf_bounds(value)
    if name == "country":
        validate_country(value)
    if name == "description" and len(value) > MAX_TEXT_LENGTH:
        raise ValidationError(
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": MAX_TEXT_LENGTH, "count": len(value)}
        )
    if name == "wikidata" and value and not (value[:1] == "Q" and value[1:].isdigit() and value[1:2] != "0"):
        raise ValidationError(_("A Wikidata id is Q followed by digits, e.g. Q193056."))
    if model is Place and name == "kind" and value == "":
        raise ValidationError(_("Choose a kind of place."))
    if model is Person and name in PERSON_NAME_PARTS and value:
        _check_name_form(value)
    if model is Place and name in ("primary_name", "primary_name_en") and value:
        _check_place_name(value)


def _check_name_form(value: str) -> None:
    """A person's name as it will be stored as a PersonName: its length and its dictionary text."""
    from register.people.index import form_text

    clean_text(value, name=True, max_length=PersonName._meta.get_field("value").max_length)
    try:
        form_text(value)
    except ValueError as exc:
        raise ValidationError(_("This name is too long.")) from exc


def _check_place_name(value: str) -> None:
    """A place's name as it will be stored as a PlaceName, whose search key has a length limit too."""
    from register.names.normalize import search_key

    limit = PlaceName._meta.get_field("search_key").max_length
    if len(value) > PlaceName._meta.get_field("name").max_length or len(search_key(value)) > limit:
        raise ValidationError(_("This name is too long."))


def _clean_person_items(proposal: dict, record, out: dict, errors: dict) -> None:
    names = _clean_list(proposal, "names_add", _clean_name, errors)
    events = _clean_list(proposal, "events_add", _clean_event, errors)
    if names:
        out["names_add"] = names
    if events:
        out["events_add"] = events
    if record is None:
        return
    events = record.events.all()
    if getattr(record, "restricted", False):  # only the repression facts are shown, so only they are offered
        events = events.filter(kind__in=REPRESSION_EVENTS)
    for key, related in (("names_remove", record.names), ("events_remove", events)):
        ids = _clean_ids(proposal.get(key) or [], related, key, errors)
        if ids:
            out[key] = ids
    changes = _clean_event_changes(proposal.get("events_change") or {}, events, errors)
    if changes:
        out["events_change"] = changes


def _clean_list(proposal: dict, key: str, clean_item, errors: dict) -> list:
    items = proposal.get(key) or []
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        errors[key] = [_("At most %(count)d items.") % {"count": MAX_ITEMS}]
        return []
    out = []
    for index, item in enumerate(items):
        item_errors: dict[str, list[str]] = {}
        cleaned = clean_item(item if isinstance(item, dict) else {}, item_errors)
        for field, messages in item_errors.items():
            errors[f"{key}.{index}.{field}"] = messages
        out.append(cleaned)
    return out


def _clean_name(item: dict, errors: dict) -> dict:
    from register.people.index import form_text

    name = {}
    for field in NAME_FIELDS:
        try:
            name[field] = clean_text(
                item.get(field),
                name=field == "value",
                max_length=PersonName._meta.get_field(field).max_length,
            )
        except ValidationError as exc:
            errors[field] = exc.messages
            name[field] = ""
    name["kind"] = name["kind"] or FormKind.ORIGINAL
    if name["part"] not in NamePart.values:
        errors["part"] = [_("Choose which part of the name this is.")]
    if name["kind"] not in FormKind.values:
        errors["kind"] = [_("Choose how this name form came about.")]
    if "value" not in errors:
        try:
            if not form_text(name["value"]):
                errors["value"] = [_("A name needs at least one letter.")]
        except ValueError:
            errors["value"] = [_("This name is too long.")]
    if "language" in errors:
        errors["language"] = [_("A language is a short code such as lt, ru or de.")]
    if name["script"] and name["script"] not in ("Latn", "Cyrl", "Grek", "Hebr", "Arab", "Zyyy"):
        errors["script"] = [_("Unknown script.")]
    return name


def _clean_event(item: dict, errors: dict, *, partial: bool = False) -> dict:
    event = {}
    for field in EVENT_FIELDS:
        if partial and field not in item:
            continue
        try:
            event[field] = value = clean_text(item.get(field))
            _check_event_field(field, value)
        except ValidationError as exc:
            errors[field] = exc.messages
            event.setdefault(field, "")
    return event


def _check_event_field(field: str, value: str) -> None:
    if field == "kind":
        if value not in EventKind.values:
            raise ValidationError(_("Choose the kind of event."))
    elif field == "place":
        if value and not Place.objects.filter(public_id=value, published=True).exists():
            raise ValidationError(_("No place of the register has the id “%(id)s”.") % {"id": value})
    elif field == "operation":
        if value and not Operation.objects.filter(slug=value, published=True).exists():
            raise ValidationError(_("No operation of the register has the id “%(id)s”.") % {"id": value})
    else:
        PersonEvent._meta.get_field(field).clean(value, None)
        if field == "period_edtf":
            edtf_bounds(value)


def _clean_ids(values, related, key: str, errors: dict) -> list[int]:
    try:
        if not isinstance(values, list) or any(isinstance(value, bool | float) for value in values):
            raise TypeError(key)
        ids = sorted({int(value) for value in values})
    except (TypeError, ValueError):
        errors[key] = [_("Unknown item.")]
        return []
    known = set(related.filter(pk__in=ids).values_list("pk", flat=True))
    if set(ids) - known:
        errors[key] = [_("This item is not part of the record (any more).")]
    return [pk for pk in ids if pk in known]


def _clean_event_changes(changes, events, errors: dict) -> dict:
    if not isinstance(changes, dict):
        errors["events_change"] = [_("Unknown item.")]
        return {}
    events = {str(event.pk): event for event in events.select_related("place", "operation")}
    out = {}
    for pk, fields in changes.items():
        pk = str(pk)
        if pk not in events or not isinstance(fields, dict):
            errors[f"events_change.{pk}"] = [_("This item is not part of the record (any more).")]
            continue
        item_errors: dict[str, list[str]] = {}
        cleaned = _clean_event(
            {k: v for k, v in fields.items() if k in EVENT_FIELDS}, item_errors, partial=True
        )
        for field, messages in item_errors.items():
            errors[f"events_change.{pk}.{field}"] = messages
        current = event_value(events[pk])
        cleaned = {field: value for field, value in cleaned.items() if current[field] != value}
        if cleaned:
            out[pk] = cleaned
    return out


def _clean_point(point, errors: dict) -> dict | None:
    try:
        for axis in ("lat", "lon"):
            if isinstance(point[axis], bool) or not isinstance(point[axis], int | float):
                raise TypeError(axis)
        lat, lon = float(point["lat"]), float(point["lon"])
    except (TypeError, ValueError, KeyError):
        errors["point"] = [_("Give the latitude and longitude in degrees (e.g. 61.5, 90.1).")]
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        errors["point"] = [_("The latitude must be between -90 and 90, the longitude between -180 and 180.")]
        return None
    return {"lat": round(lat, 6), "lon": round(lon, 6)}


def _clean_translations(record_kind: str, translations, record, fields: dict, errors: dict) -> dict:
    """{"description": {"lt": text}} checked: a translatable field of a place or operation, languages of
    settings.LANGUAGES other than the original's, text (register/contributions/text.py) of at most
    MAX_TEXT_LENGTH characters; "" removes a translation (always allowed, also one in the original's
    language). Unchanged texts are left out."""
    if record_kind not in ("place", "operation"):
        errors["translations"] = [_("This kind of record has no texts to translate.")]
        return {}
    if not isinstance(translations, dict) or not all(
        isinstance(texts, dict) for texts in translations.values()
    ):
        errors["translations"] = [_('Translations must be an object such as {"description": {"lt": "…"}}.')]
        return {}
    out: dict[str, dict[str, str]] = {}
    for field, texts in translations.items():
        if field not in TranslatableField.values:
            errors[f"translations.{field}"] = [_("This text cannot be translated here.")]
            continue
        current = _current_translations(record, field)
        original = fields.get(field, getattr(record, field, "") if record is not None else "")
        original_language = fields.get(f"{field}_language") or getattr(record, f"{field}_language", "en")
        for language, value in texts.items():
            key = f"translations.{field}.{language}"
            text = _clean_translation(language, value, key, errors)
            if text is None or text == current.get(language, ""):
                continue  # an unchanged row is no change, even one in the original's language
            if text and language == original_language:  # removing such a row is always allowed
                errors[key] = [
                    _(
                        "The original text is in %(language)s: correct the text itself rather than "
                        "translating it."
                    )
                    % {"language": language_label(language)}
                ]
                continue
            if text and not original:
                errors[key] = [_("Write the text in its original language first, then its translations.")]
                continue
            out.setdefault(field, {})[language] = text
    return out


def _clean_translation(language, value, key: str, errors: dict) -> str | None:
    """One translated text ("" for a removal), or None (with an error in `errors[key]`)."""
    if not isinstance(language, str) or language not in language_codes():
        errors[key] = [_("Choose one of the register's languages (a code such as lt, de or uk).")]
        return None
    try:
        return clean_text(value, max_length=MAX_TEXT_LENGTH)
    except ValidationError as exc:
        errors[key] = exc.messages
        return None


def _check_original_languages(record, fields: dict, translations: dict, errors: dict) -> None:
    """A new language of an original text (`description_language`) must not be one the record already
    has a translation in, unless the same proposal removes that translation ("" in `translations`, the
    cleaned ones), e.g. to move its text into the original: otherwise the translation would be hidden
    behind the original (register/texts/selectors.py) and could not be corrected any more."""
    if record is None:
        return
    for field in TranslatableField.values:
        name = f"{field}_language"
        language = fields.get(name)
        if not language or name in errors:
            continue
        removed = translations.get(field, {}).get(language) == ""
        if language in _current_translations(record, field) and not removed:
            errors[name] = [
                _(
                    "There is already a translation into %(language)s: remove that translation in the same "
                    "correction (or move its text into the original) before giving the original text "
                    "this language."
                )
                % {"language": language_label(language)}
            ]


def _current_translations(record, field: str) -> dict[str, str]:
    if record is None:
        return {}
    return dict(record.translations.filter(field=field).values_list("language", "text"))


def _check_complete(kind: str, out: dict, errors: dict, has_files: bool) -> None:
    fields = out.get("fields", {})
    if kind == SubmissionKind.NEW_PERSON:
        if not (fields.get("surname") or fields.get("given_name")) and not errors.keys() & {
            "surname",
            "given_name",
        }:
            errors["surname"] = [_("Give at least a surname or a given name.")]
    elif kind == SubmissionKind.NEW_PLACE:
        if not fields.get("primary_name"):
            errors.setdefault("primary_name", [_("Give the name of the place.")])
        if not fields.get("kind"):
            errors.setdefault("kind", [_("Choose a kind of place.")])
        if not out.get("point"):
            errors.setdefault("point", [_("Pick the place on the map or type its coordinates.")])
    elif not out and not has_files and not errors:
        errors["__all__"] = [_("Nothing to change: every value is the same as in the record.")]
