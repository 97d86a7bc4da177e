"""Writing accepted changes into the register: the only code that turns a proposal into public records.

Called by `submission_accept` inside its transaction and audit context; see register/contributions/
changes.py for the proposal's shape and change keys.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from register.audit.concurrency import bump_version, lock_for_update
from register.contributions.changes import (
    MODELS,
    PERSON_NAME_PARTS,
    RECORD_KIND,
    change_label,
    current_value,
    first_point,
)
from register.contributions.exceptions import ChangedSinceSubmission, RecordGone
from register.operations.models import Operation
from register.people.models import FormKind, PersonEvent, PersonName
from register.places.models import Location, NameKind, Place, PlaceName, Precision
from register.texts.languages import language_label
from register.texts.models import TextTranslation, TranslatableField


def apply_changes(submission, keys: list[str], *, record_version: int | None = None):
    """Write the changes `keys` of `submission` and return the record created or changed.

    A correction locks the record row (register.audit.concurrency.lock_for_update; against
    `record_version` when the moderator's page gave one) and refuses a change whose item changed since
    the submission was sent. Raises StaleRecord, or ValidationError ("keys") when the chosen changes would
    leave a text with a translation in its original's language (nothing written either way).
    """
    record_kind = RECORD_KIND[submission.kind]
    model = MODELS[record_kind]
    if submission.is_new_record:
        record = None
    else:
        record = _lock(model, submission.target_id, record_version)
        _refuse_conflicts(submission, record, record_kind, keys)
    proposal = submission.proposal
    selected = set(keys)
    if record_kind in ("place", "operation"):
        _refuse_translation_in_original_language(record, model, proposal, selected)
    if record_kind == "person":
        record = _apply_person(record, proposal, selected)
    elif record_kind == "place":
        record = _apply_place(record, proposal, selected)
    else:
        record = _apply_fields(record, proposal, selected)
        record.save()
    if record_kind in ("place", "operation"):
        _apply_translations(record, record_kind, proposal, selected)
    _publish_files(submission, record, selected)
    return record


def _lock(model, pk, record_version):
    """Lock the record; RecordGone when it was deleted (before or while it is locked)."""
    if pk is None:
        raise RecordGone()
    if record_version is None:
        record_version = model._default_manager.filter(pk=pk).values_list("version", flat=True).first()
        if record_version is None:
            raise RecordGone()
    try:
        return lock_for_update(model, pk, expected_version=record_version)
    except model.DoesNotExist as exc:
        raise RecordGone() from exc


def _refuse_conflicts(submission, record, record_kind: str, keys: list[str]) -> None:
    changed = [
        change_label(record_kind, key)
        for key in keys
        if "+" not in key
        and not key.startswith("file:")
        and current_value(record, key) != submission.base.get(key)
    ]
    if changed:
        raise ChangedSinceSubmission(record, changed)


def _apply_fields(record, proposal: dict, selected: set, skip=()):
    for name, value in proposal.get("fields", {}).items():
        if f"field:{name}" in selected and name not in skip:
            setattr(record, name, value)
    if record.pk:
        bump_version(record)
    return record


# ---------------------------------------------------------------- persons


def _apply_person(person, proposal: dict, selected: set):
    from register.people.models import Person

    fields = proposal.get("fields", {})
    created = person is None
    if created:
        person = Person()
        _apply_fields(person, proposal, selected)
        person.save()
    for name, part in PERSON_NAME_PARTS.items():
        if name in fields and f"field:{name}" in selected:
            _set_primary_name(person, part, fields[name], keep_old=not created)
    for index, item in enumerate(proposal.get("names_add", [])):
        if f"name+{index}" in selected:
            PersonName(person=person, is_primary=False, **item).save()
    for pk in proposal.get("names_remove", []):
        if f"name-{pk}" in selected:
            for name in person.names.filter(pk=pk):
                name.delete()
    _apply_events(person, proposal, selected)
    if not created:
        person.refresh_from_db(fields=list(PERSON_NAME_PARTS))
        _apply_fields(person, proposal, selected, skip=PERSON_NAME_PARTS)
        person.save()
    return person


def _set_primary_name(person, part: str, value: str, *, keep_old: bool) -> None:
    """Make `value` the primary form of `part`; the former primary forms stay as variants (so that the
    person is still found by the spelling the register showed before)."""
    if keep_old:
        for name in person.names.filter(part=part, is_primary=True):
            name.is_primary = False
            name.save()
    existing = person.names.filter(part=part, value=value).first()
    if existing:
        existing.is_primary = True
        existing.save()
    else:
        PersonName(person=person, part=part, value=value, is_primary=True, kind=FormKind.ORIGINAL).save()


def _apply_events(person, proposal: dict, selected: set) -> None:
    order = (person.events.aggregate(last=Max("order"))["last"] or 0) + 1
    for index, item in enumerate(proposal.get("events_add", [])):
        if f"event+{index}" in selected:
            event = PersonEvent(person=person, order=order)
            _set_event_fields(event, item)
            event.save()
            order += 1
    for pk in proposal.get("events_remove", []):
        if f"event-{pk}" in selected:
            person.events.filter(pk=pk).delete()
    for pk, fields in proposal.get("events_change", {}).items():
        chosen = {field: value for field, value in fields.items() if f"event:{pk}:{field}" in selected}
        event = person.events.filter(pk=int(pk)).first()
        if chosen and event is not None:
            _set_event_fields(event, chosen)
            event.save()


def _set_event_fields(event, values: dict) -> None:
    for field, value in values.items():
        if field == "place":
            event.place = Place.objects.get(public_id=value) if value else None
        elif field == "operation":
            event.operation = Operation.objects.get(slug=value) if value else None
        else:
            setattr(event, field, value)


# ---------------------------------------------------------------- places


def _apply_place(place, proposal: dict, selected: set):
    created = place is None
    place = _apply_fields(place or Place(), proposal, selected)
    place.save()
    fields = proposal.get("fields", {})
    if "field:primary_name" in selected and "primary_name" in fields:
        PlaceName.objects.get_or_create(
            place=place, name=fields["primary_name"], language="und", kind=NameKind.OFFICIAL
        )
    if "field:primary_name_en" in selected and fields.get("primary_name_en"):
        PlaceName.objects.get_or_create(
            place=place, name=fields["primary_name_en"], language="en", kind=NameKind.TRANSLATION
        )
    point = proposal.get("point")
    if point and "point" in selected:
        geom = Point(point["lon"], point["lat"], srid=4326)
        location = None if created else first_point(place)
        if location is None:
            last = place.locations.aggregate(last=Max("order"))["last"]
            Location.objects.create(
                place=place,
                geom=geom,
                precision=Precision.APPROXIMATE,
                period_edtf=place.period_edtf,
                order=0 if last is None else last + 1,
            )
        else:
            location.geom = geom
            location.save()
    return place


# ---------------------------------------------------------------- translated texts


def _refuse_translation_in_original_language(record, model, proposal: dict, selected: set) -> None:
    """Refuse (ValidationError "keys") chosen changes after which a text's original language would also
    have a translation row: a new `description_language` without the removal of that translation, or a
    translation into the language the original has (e.g. become since the submission was sent). Records
    left so before this check existed are refused only when the chosen changes touch that language."""
    fields = proposal.get("fields", {})
    for field in TranslatableField.values:
        name = f"{field}_language"
        if f"field:{name}" in selected and name in fields:
            language = fields[name]
        elif record is not None:
            language = getattr(record, name)
        else:
            language = model._meta.get_field(name).get_default()
        key = f"translation:{field}:{language}"
        texts = proposal.get("translations", {}).get(field, {})
        if key in selected and language in texts:
            kept = bool(texts[language])
        else:
            kept = record is not None and record.translations.filter(field=field, language=language).exists()
        if kept and (f"field:{name}" in selected or key in selected):
            raise ValidationError(
                {
                    "keys": [
                        _(
                            "After these changes the original text would be in %(language)s and also have "
                            "a translation into %(language)s: accept the removal of that translation too, "
                            "or leave out the change that causes this."
                        )
                        % {"language": language_label(language)}
                    ]
                }
            )


def _apply_translations(record, record_kind: str, proposal: dict, selected: set) -> None:
    """Create, change or (for "") delete the chosen TextTranslation rows of `record`, through the ORM so
    that each change is a history row stamped like the rest of the accepted submission."""
    for field, texts in proposal.get("translations", {}).items():
        for language, text in texts.items():
            if f"translation:{field}:{language}" not in selected:
                continue
            row = TextTranslation.objects.filter(
                **{record_kind: record}, field=field, language=language
            ).first()
            if not text:
                if row is not None:
                    row.delete()
            elif row is None:
                TextTranslation.objects.create(
                    **{record_kind: record}, field=field, language=language, text=text
                )
            elif row.text != text:
                row.text = text
                row.save()


# ---------------------------------------------------------------- files


def _publish_files(submission, record, selected: set) -> None:
    record_type = ContentType.objects.get_for_model(type(record))
    for attachment in submission.attachments.all():
        if f"file:{attachment.pk}" in selected:
            attachment.published = True
            attachment.record_type = record_type
            attachment.record_id = record.pk
            attachment.save(update_fields=["published", "record_type", "record_id"])
