"""The bundled real persons (fixtures/people/persons.json): reading, checking and writing them.

The file is one JSON object {"dataset": "bundled-people", "persons": [...]}; its format is documented in
fixtures/README.md. `read_persons` checks the structure and every value (problems name the file, the
1-based person number and the field path, e.g. "events[2].date"); `load_bundled_people` resolves the
references (sources by key, places by data set + source id or public id, operations by slug, family
links by person id), then creates or updates each person keyed by DATASET + its `id`. Nothing is written
when there is any problem (ImportFailed), and a second run reports every person "unchanged".
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from register.audit.edits import edited_in_register, note_kept
from register.core.edtf import edtf_bounds
from register.core.ids import stable_public_id
from register.core.importing import ImportFailed, Problem, Summary
from register.core.models import Script
from register.operations.models import Operation
from register.people.index import form_text
from register.people.models import (
    EventKind,
    FamilyLink,
    Fate,
    FormKind,
    NamePart,
    Person,
    PersonEvent,
    PersonName,
    Privacy,
    Relation,
    Sex,
    validate_country,
)
from register.places.models import Place
from register.sources.models import Citation, Source

DATASET = "bundled-people"
RECORD = "bundled persons"

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")

PERSON_KEYS = {
    "id", "sex", "birth", "birthplace_text", "death", "fate", "country", "nationality", "citizenship",
    "occupation", "residence", "biography", "incomplete", "disputed", "privacy", "names", "events",
    "links", "citations",
}  # fmt: skip
NAME_KEYS = {"part", "value", "language", "script", "kind", "primary", "source"}
EVENT_KEYS = {
    "kind", "date", "place", "place_public_id", "place_text", "operation", "origin", "article",
    "authority", "term", "cause", "place_known", "note", "citations",
}  # fmt: skip
EVENT_TEXT = ["place_text", "origin", "article", "authority", "term", "cause", "note"]
LINK_KEYS = {"relation", "other", "source", "note"}
CITATION_KEYS = {"source", "locator", "note"}
PERSON_TEXT = ["birthplace_text", "nationality", "citizenship", "occupation", "residence", "biography"]


def default_path() -> Path:
    """fixtures/people/persons.json of the project."""
    return Path(settings.BASE_DIR) / "fixtures" / "people" / "persons.json"


@dataclass
class _Checker:
    """Collects the problems of one file; `where` is the field path prefix of the current record."""

    file: str
    problems: list[Problem]
    row: int = 0
    where: str = ""

    def add(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.row, f"{self.where}{field_name}", message))

    def keys(self, record: dict, allowed: set[str], required: tuple[str, ...] = ()) -> None:
        for key in sorted(set(record) - allowed):
            self.add(key, "unknown field")
        for key in required:
            if record.get(key) in (None, "", []):
                self.add(key, "is required")

    def text(self, record: dict, key: str, model, model_field: str | None = None) -> None:
        value = record.get(key, "")
        if not isinstance(value, str):
            self.add(key, "must be a string")
            return
        limit = model._meta.get_field(model_field or key).max_length
        if limit and len(value) > limit:
            self.add(key, f"is longer than {limit} characters")

    def choice(self, record: dict, key: str, choices, default="") -> None:
        value = record.get(key, default)
        if value not in choices.values:
            self.add(key, f"unknown value “{value}” (allowed: {', '.join(v for v in choices.values if v)})")

    def boolean(self, record: dict, key: str, nullable: bool = False) -> None:
        value = record.get(key)
        if value is None and (nullable or key not in record):
            return
        if not isinstance(value, bool):
            self.add(key, "must be true or false" + (" or null" if nullable else ""))

    def edtf(self, record: dict, key: str) -> None:
        value = record.get(key, "")
        if not isinstance(value, str):
            self.add(key, "must be a string")
            return
        try:
            edtf_bounds(value)
        except ValidationError:
            self.add(key, f"“{value}” is not a valid EDTF date")

    def source(self, record: dict, key: str, sources: set[str], required: bool = False) -> None:
        value = record.get(key)
        if value in (None, ""):
            if required:
                self.add(key, "is required")
        elif value not in sources:
            self.add(key, f"unknown source “{value}” (not in sources.csv)")


@dataclass
class PersonRecord:
    """One checked person of the file, still with references as keys (see the module docstring)."""

    row: int
    data: dict
    place_refs: dict = field(default_factory=dict)


def read_persons(path: Path, source_keys: set[str], problems: list[Problem]) -> list[PersonRecord]:
    """Read and check persons.json against the known source keys; return the person records.

    Every problem (file, person number, field path, message) is appended to `problems`; references to
    places and operations are checked later by `resolve` (they may be written in the same run).
    """
    check = _Checker(path.name, problems)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        check.add("", f"cannot be read: {exc}")
        return []
    if not isinstance(document, dict) or not isinstance(document.get("persons"), list):
        check.add("persons", "the file must be an object with a list “persons”")
        return []
    if document.get("dataset", DATASET) != DATASET:
        check.add("dataset", f"must be “{DATASET}”")
    records, seen = [], {}
    for number, person in enumerate(document["persons"], start=1):
        check.row, check.where = number, ""
        if not isinstance(person, dict):
            check.add("", "a person must be an object")
            continue
        _check_person(check, person, source_keys)
        pid = person.get("id")
        if isinstance(pid, str) and pid in seen:
            check.add("id", f"“{pid}” is also the id of person {seen[pid]}")
        elif isinstance(pid, str):
            seen[pid] = number
        records.append(PersonRecord(number, person))
    for record in records:
        check.row = record.row
        for i, link in enumerate(_list(record.data, "links")):
            other = link.get("other") if isinstance(link, dict) else None
            check.where = f"links[{i}]."
            if isinstance(other, str) and other not in seen:
                check.add("other", f"no person with id “{other}” in the file")
            elif other == record.data.get("id"):
                check.add("other", "a person cannot be linked to themself")
    return records


def _list(record: dict, key: str) -> list:
    value = record.get(key, [])
    return value if isinstance(value, list) else []


def _check_person(check: _Checker, person: dict, sources: set[str]) -> None:
    check.keys(person, PERSON_KEYS, ("id", "names", "citations"))
    for where in _nul_paths(person):
        check.add(where, "contains a NUL character")
    pid = person.get("id", "")
    if pid and (not isinstance(pid, str) or not _ID_RE.match(pid)):
        check.add("id", "must be lowercase letters, digits and hyphens (at most 50)")
    check.choice(person, "sex", Sex)
    check.choice(person, "fate", Fate)
    check.choice(person, "privacy", Privacy, default=Privacy.AUTO)
    check.edtf(person, "birth")
    check.edtf(person, "death")
    country = person.get("country", "")
    if country and (
        not isinstance(country, str) or not _COUNTRY_RE.match(country) or _unknown_country(country)
    ):
        check.add("country", "must be an ISO 3166-1 alpha-2 code in capitals (e.g. LT)")
    for key in PERSON_TEXT:
        check.text(person, key, Person)
    for key in ("incomplete", "disputed"):
        check.boolean(person, key)
    for key in ("names", "events", "links", "citations"):
        if key in person and not isinstance(person[key], list):
            check.add(key, "must be a list")
    for i, name in enumerate(_list(person, "names")):
        check.where = f"names[{i}]."
        _check_name(check, name, sources)
    check.where = ""
    for part in NamePart.values:
        primary = [n for n in _list(person, "names") if isinstance(n, dict) and n.get("part") == part]
        if sum(1 for n in primary if n.get("primary") is True) > 1:
            check.add("names", f"more than one primary form of the {part}")
    for i, event in enumerate(_list(person, "events")):
        check.where = f"events[{i}]."
        _check_event(check, event, sources)
    for i, link in enumerate(_list(person, "links")):
        check.where = f"links[{i}]."
        if _is_object(check, link):
            check.keys(link, LINK_KEYS, ("relation", "other"))
            check.choice(link, "relation", Relation)
            check.source(link, "source", sources)
            check.text(link, "note", FamilyLink)
    _check_citations(check, person, sources, "")
    check.where = ""


def _is_object(check: _Checker, value) -> bool:
    if not isinstance(value, dict):
        check.add("", "must be an object")
        return False
    return True


def _check_name(check: _Checker, name, sources: set[str]) -> None:
    if not _is_object(check, name):
        return
    check.keys(name, NAME_KEYS, ("part", "value", "language", "source"))
    check.choice(name, "part", NamePart)
    check.choice(name, "kind", FormKind, default=FormKind.ORIGINAL)
    if "script" in name:
        check.choice(name, "script", Script)
    check.boolean(name, "primary")
    check.text(name, "value", PersonName)
    value = name.get("value")
    if isinstance(value, str) and value:
        try:
            if not form_text(value):
                check.add("value", "a name needs at least one letter")
        except ValueError as exc:
            check.add("value", str(exc))
    language = name.get("language", "")
    if language and (not isinstance(language, str) or not _LANG_RE.match(language)):
        check.add("language", f"“{language}” is not a BCP 47 language code (e.g. lt, ru, et)")
    check.source(name, "source", sources, required=False)


def _check_event(check: _Checker, event, sources: set[str]) -> None:
    if not _is_object(check, event):
        return
    check.keys(event, EVENT_KEYS, ("kind",))
    check.choice(event, "kind", EventKind)
    check.edtf(event, "date")
    for key in EVENT_TEXT:
        check.text(event, key, PersonEvent)
    check.boolean(event, "place_known", nullable=True)
    place = event.get("place")
    if place is not None and (
        not isinstance(place, dict)
        or set(place) != {"dataset", "source_record_id"}
        or not all(isinstance(v, str) and v for v in place.values())
    ):
        check.add("place", "must be an object with “dataset” and “source_record_id”")
    if place is not None and event.get("place_public_id"):
        check.add("place_public_id", "give either “place” or “place_public_id”, not both")
    for key in ("operation", "place_public_id"):
        if key in event and not isinstance(event[key], str):
            check.add(key, "must be a string")
    _check_citations(check, event, sources, check.where)


def _check_citations(check: _Checker, record: dict, sources: set[str], where: str) -> None:
    for i, citation in enumerate(_list(record, "citations")):
        check.where = f"{where}citations[{i}]."
        if _is_object(check, citation):
            check.keys(citation, CITATION_KEYS, ("source",))
            check.source(citation, "source", sources)
            check.text(citation, "locator", Citation)
            check.text(citation, "note", Citation)
    check.where = where


@dataclass
class _Refs:
    sources: dict[str, Source]
    places: dict[tuple[str, str], Place]
    places_by_public_id: dict[str, Place]
    operations: dict[str, Operation]


def resolve(path: Path, records: list[PersonRecord], problems: list[Problem]) -> _Refs:
    """Look up the sources, places and operations the records name; unknown ones become problems."""
    events = [
        (r, i, e) for r in records for i, e in enumerate(_list(r.data, "events")) if isinstance(e, dict)
    ]
    place_keys = {
        (e["place"]["dataset"], e["place"]["source_record_id"]) for _, _, e in events if _ok_place(e)
    }
    public_ids = {e["place_public_id"] for _, _, e in events if isinstance(e.get("place_public_id"), str)}
    slugs = {e["operation"] for _, _, e in events if isinstance(e.get("operation"), str) and e["operation"]}
    places: dict[tuple[str, str], Place] = {}
    for dataset in {key[0] for key in place_keys}:
        wanted = [key[1] for key in place_keys if key[0] == dataset]
        for place in Place.objects.filter(dataset=dataset, source_record_id__in=wanted):
            places[(dataset, place.source_record_id)] = place
    refs = _Refs(
        sources={s.key: s for s in Source.objects.all()},
        places=places,
        places_by_public_id={p.public_id: p for p in Place.objects.filter(public_id__in=public_ids)},
        operations={o.slug: o for o in Operation.objects.filter(slug__in=slugs)},
    )
    for record, i, event in events:
        where = f"events[{i}]."
        if _ok_place(event) and (event["place"]["dataset"], event["place"]["source_record_id"]) not in places:
            ref = f"{event['place']['dataset']}:{event['place']['source_record_id']}"
            problems.append(Problem(path.name, record.row, where + "place", f"no register place “{ref}”"))
        public_id = event.get("place_public_id")
        if isinstance(public_id, str) and public_id not in refs.places_by_public_id:
            problems.append(
                Problem(path.name, record.row, where + "place_public_id", f"no register place “{public_id}”")
            )
        slug = event.get("operation")
        if isinstance(slug, str) and slug and slug not in refs.operations:
            problems.append(Problem(path.name, record.row, where + "operation", f"no operation “{slug}”"))
    return refs


def _ok_place(event: dict) -> bool:
    place = event.get("place")
    return isinstance(place, dict) and isinstance(place.get("dataset"), str) and "source_record_id" in place


@transaction.atomic
def load_bundled_people(
    summary: Summary | None = None, path: Path | None = None, source_keys: set[str] | None = None
) -> Summary:
    """Read, check and write the bundled persons (default fixtures/people/persons.json).

    `source_keys`: the keys the file may cite (default: the sources in the database). Raises ImportFailed
    with every problem found; nothing is written then. Returns the summary with "bundled persons"
    counts (created/updated/unchanged/deleted; persons of the data set no longer in the file are deleted).
    """
    summary = summary or Summary()
    path = path or default_path()
    problems: list[Problem] = []
    if source_keys is None:
        source_keys = set(Source.objects.values_list("key", flat=True))
    records = read_persons(path, source_keys, problems)
    if problems:
        raise ImportFailed(problems)
    return write_people(path, records, summary)


@transaction.atomic
def write_people(path: Path, records: list[PersonRecord], summary: Summary) -> Summary:
    """Resolve the references of records checked by `read_persons` and write them (see
    `load_bundled_people`). Persons edited in the register since the last import (audit/edits.py) are
    kept as they are, with their names, events and links, and counted "kept". Raises ImportFailed
    (nothing written by this call) for unknown places or operations."""
    problems: list[Problem] = []
    refs = resolve(path, records, problems)
    if problems:
        raise ImportFailed(problems)
    stored = dict(Person.objects.filter(dataset=DATASET).values_list("source_record_id", "pk"))
    edited = edited_in_register(Person, stored.values())
    kept = {key for key, pk in stored.items() if pk in edited}
    persons = {
        record.data["id"]: (
            Person.objects.get(pk=stored[record.data["id"]])
            if record.data["id"] in kept
            else _write_person(record.data, refs, summary)
        )
        for record in records
    }
    for record in records:
        if record.data["id"] not in kept:
            _write_links(persons[record.data["id"]], record.data, persons, refs, summary)
    note_kept(summary, RECORD, kept)
    stale = Person.objects.filter(dataset=DATASET).exclude(source_record_id__in=[*persons, *kept])
    summary.add(RECORD, "deleted", stale.count())
    stale.delete()
    return summary


def _person_values(data: dict) -> dict:
    primary = {}
    for name in data["names"]:
        if name.get("primary") and name["part"] in (NamePart.SURNAME, NamePart.GIVEN, NamePart.PATRONYMIC):
            primary[name["part"]] = name["value"]
    values = {key: data.get(key, "") for key in PERSON_TEXT}
    values.update(
        surname=primary.get(NamePart.SURNAME, ""),
        given_name=primary.get(NamePart.GIVEN, ""),
        patronymic=primary.get(NamePart.PATRONYMIC, ""),
        sex=data.get("sex", ""),
        birth_edtf=data.get("birth", ""),
        death_edtf=data.get("death", ""),
        fate=data.get("fate", ""),
        country=data.get("country", ""),
        incomplete=data.get("incomplete", False),
        disputed=data.get("disputed", False),
        privacy=data.get("privacy", Privacy.AUTO),
        synthetic=False,
        published=True,
    )
    return values


def _name_rows(data: dict, refs: _Refs) -> list[tuple]:
    return [
        (
            n["part"],
            n["value"],
            n["language"],
            n.get("script") or "",
            n.get("kind", FormKind.ORIGINAL),
            bool(n.get("primary", False)),
            refs.sources[n["source"]].pk if n.get("source") else None,
        )
        for n in data["names"]
    ]


def _event_rows(data: dict, refs: _Refs) -> list[tuple]:
    rows = []
    for order, e in enumerate(_list(data, "events")):
        place = None
        if _ok_place(e):
            place = refs.places[(e["place"]["dataset"], e["place"]["source_record_id"])].pk
        elif e.get("place_public_id"):
            place = refs.places_by_public_id[e["place_public_id"]].pk
        operation = refs.operations[e["operation"]].pk if e.get("operation") else None
        text = tuple(e.get(key, "") for key in EVENT_TEXT)
        rows.append(
            (
                e["kind"],
                e.get("date", ""),
                place,
                operation,
                *text,
                e.get("place_known"),
                order,
                _cites(e, refs),
            )
        )
    return rows


def _cites(record: dict, refs: _Refs) -> tuple:
    return tuple(
        sorted(
            (refs.sources[c["source"]].pk, c.get("locator", ""), c.get("note", ""))
            for c in record["citations"]
        )
        if record.get("citations")
        else ()
    )


def _stored_rows(person: Person) -> tuple[list, list, tuple]:
    names = [
        (n.part, n.value, n.language, n.script, n.kind, n.is_primary, n.source_id)
        for n in person.names.order_by("id")
    ]
    event_type = ContentType.objects.get_for_model(PersonEvent)
    cites: dict[int, list] = {}
    for c in Citation.objects.filter(content_type=event_type, object_id__in=person.events.values("id")):
        cites.setdefault(c.object_id, []).append((c.source_id, c.locator, c.note))
    events = [
        (e.kind, e.period_edtf, e.place_id, e.operation_id, *(getattr(e, k) for k in EVENT_TEXT))
        + (e.place_known, e.order, tuple(sorted(cites.get(e.pk, []))))
        for e in person.events.order_by("order", "id")
    ]
    own = tuple(sorted((c.source_id, c.locator, c.note) for c in person.citations.all()))
    return names, events, own


def _write_person(data: dict, refs: _Refs, summary: Summary) -> Person:
    values = _person_values(data)
    person = Person.objects.filter(dataset=DATASET, source_record_id=data["id"]).first()
    names, events, own = _name_rows(data, refs), _event_rows(data, refs), _cites(data, refs)
    # A stored name has its script filled in (guessed when the file gives none): compare it so.
    names = [(*row[:3], row[3] or _guess(row[1]), *row[4:]) for row in names]
    if person is None:
        person = Person(dataset=DATASET, source_record_id=data["id"], **values)
        person.public_id = stable_public_id(DATASET, data["id"], "v")
        person.full_clean(validate_unique=False, validate_constraints=False)
        person.save()
        outcome = "created"
    else:
        changed = [key for key, value in values.items() if getattr(person, key) != value]
        if not changed and _stored_rows(person) == (names, events, own):
            summary.add(RECORD, "unchanged")
            return person
        for key in changed:
            setattr(person, key, values[key])
        person.full_clean(validate_unique=False, validate_constraints=False)
        person.save()
        person.names.all().delete()
        person.events.all().delete()
        person.citations.all().delete()
        outcome = "updated"
    _write_children(person, data, names, events, refs)
    summary.add(RECORD, outcome)
    return person


def _guess(value: str) -> str:
    from register.core.models import guess_script

    return guess_script(value)


def _write_children(person: Person, data: dict, names: list, events: list, refs: _Refs) -> None:
    for part, value, language, script, kind, primary, source_id in names:
        PersonName(
            person=person,
            part=part,
            value=value,
            language=language,
            script=script,
            kind=kind,
            is_primary=primary,
            source_id=source_id,
        ).save()
    for row in events:
        kind, date, place_id, operation_id = row[:4]
        text = dict(zip(EVENT_TEXT, row[4 : 4 + len(EVENT_TEXT)], strict=True))
        place_known, order, cites = row[4 + len(EVENT_TEXT) :]
        event = PersonEvent(
            person=person,
            kind=kind,
            period_edtf=date,
            place_id=place_id,
            operation_id=operation_id,
            place_known=place_known,
            order=order,
            **text,
        )
        event.full_clean(validate_unique=False, validate_constraints=False)
        event.save()
        _write_citations(event, cites)
    _write_citations(person, _cites(data, refs))


def _write_citations(record, cites: tuple) -> None:
    content_type = ContentType.objects.get_for_model(record)
    Citation.objects.bulk_create(
        Citation(source_id=source_id, content_type=content_type, object_id=record.pk, locator=loc, note=note)
        for source_id, loc, note in cites
    )


def _write_links(person: Person, data: dict, persons: dict, refs: _Refs, summary: Summary) -> None:
    wanted = {
        (link["relation"], persons[link["other"]].pk): (
            refs.sources[link["source"]].pk if link.get("source") else None,
            link.get("note", ""),
        )
        for link in _list(data, "links")
    }
    stored = {(link.relation, link.other_id): link for link in person.links.all()}
    for key, link in stored.items():
        if key not in wanted:
            link.delete()
    for (relation, other_id), (source_id, note) in wanted.items():
        link = stored.get((relation, other_id))
        if link is None:
            FamilyLink.objects.create(
                person=person, relation=relation, other_id=other_id, source_id=source_id, note=note
            )
            summary.add("bundled family links", "created")
        elif (link.source_id, link.note) != (source_id, note):
            link.source_id, link.note = source_id, note
            link.save()
            summary.add("bundled family links", "updated")
        else:
            summary.add("bundled family links", "unchanged")


def _unknown_country(code: str) -> bool:
    """Whether pycountry does not know the alpha-2 code ("XX")."""
    try:
        validate_country(code)
    except ValidationError:
        return True
    return False


def _nul_paths(value, path: str = "") -> list[str]:
    """The field paths ("names[2].value") of the strings in `value` that contain a NUL character, which
    PostgreSQL cannot store."""
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            found for key, item in value.items() for found in _nul_paths(item, f"{path}.{key}".lstrip("."))
        ]
    if isinstance(value, list):
        return [found for number, item in enumerate(value) for found in _nul_paths(item, f"{path}[{number}]")]
    return []
