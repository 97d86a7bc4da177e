"""What the page of one person shows, prepared from a person of `selectors.person_detail_queryset`:
name forms by part, identity facts, the life path as timeline rows and as numbered map points, family
links, possible duplicates and sources; with the privacy rule applied.

Privacy (issue 3, "Privacy"): a restricted person (`Person.restricted`) is shown with the names and the
repression facts only (REPRESSION_EVENTS); birth, residence, occupation, family links, biography and
death details stay hidden.
"""

import functools
import re

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from register.core.edtf_words import edtf_display
from register.core.models import Script
from register.core.templatetags.register_tags import country_name
from register.people.models import (
    REPRESSION_EVENTS,
    DuplicateStatus,
    EventKind,
    NamePart,
    Person,
    PersonEvent,
    Relation,
)
from register.people.selectors import PathStop

KIND_ORDER = list(EventKind)
START_RE = re.compile(r"^[~?%]?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?[~?%]?$")
# "B is parent of A" read from A's side: A is child of B.
INVERSE = {Relation.PARENT_OF: Relation.CHILD_OF, Relation.CHILD_OF: Relation.PARENT_OF}
ORIGINAL_PARTS = (NamePart.SURNAME, NamePart.GIVEN, NamePart.PATRONYMIC)


def _published(record):
    return record if record is not None and record.published else None


def steps(person: Person, path: list[PathStop], restricted: bool) -> list[dict]:
    """The stops of `selectors.life_path` that may be shown, as rows of the timeline and the map, in order:
    {"kind", "label", "date", "edtf", "place", "place_text", "operation", "details", "citations", "point",
    "number"}. Only the repression facts when `restricted`. The birthplace stop comes from the person's
    own birth fields (left out when a birth event records it); a recorded death without a death or
    execution event ends the timeline. The order is `_in_life_order`. `number` counts the stops with a
    point: the markers on the map."""
    kinds = {stop.event.kind for stop in path if stop.event is not None}
    rows = []
    for stop in path:
        event = stop.event
        if event is None:
            if restricted or EventKind.BIRTH in kinds:
                continue
            rows.append(
                _row(EventKind.BIRTH, person.birth_edtf, stop.place, person.birthplace_text, stop.point)
            )
        elif not restricted or event.kind in REPRESSION_EVENTS:
            row = _row(event.kind, event.period_edtf, event.place, event.place_text, stop.point)
            row.update(
                operation=_published(event.operation),
                details=event_details(event),
                citations=list(event.citations.all()),
                note=event.note,
            )
            rows.append(row)
    rows.sort(key=functools.cmp_to_key(_in_life_order))
    if not restricted and person.death_edtf and not kinds & {EventKind.DEATH, EventKind.EXECUTION}:
        rows.append(_row(EventKind.DEATH, person.death_edtf, None, "", None))
    number = 0
    for row in rows:
        if row["point"] is not None:
            number += 1
            row["number"] = number
    return rows


def _start_parts(edtf: str) -> tuple[int, ...]:
    """(year, month, day) of the start of an EDTF date or interval, as far as it is given: "1941" -> (1941,),
    "1941-06-14/1941-06-18" -> (1941, 6, 14); () when the start is open, unknown or not read."""
    match = START_RE.match((edtf or "").split("/")[0].strip())
    return tuple(int(part) for part in match.groups() if part) if match else ()


def _in_life_order(first: dict, second: dict) -> int:
    """Compare two timeline rows: by their starts at the precision both have, then, when one start lies
    within the other's ("1941/1942" settlement and "1941-06-14" deportation), by the kind's place in a
    typical life path (the order of `EventKind`), then by the full start. Sorting by the start date alone
    put a year-precision settlement before the deportation that led to it. Rows without a start keep
    their place after dated ones of the same kind order (the sort is stable)."""
    a, b = _start_parts(first["edtf"]), _start_parts(second["edtf"])
    common = min(len(a), len(b))
    if common and a[:common] != b[:common]:
        return -1 if a[:common] < b[:common] else 1
    rank_a, rank_b = KIND_ORDER.index(first["kind"]), KIND_ORDER.index(second["kind"])
    if rank_a != rank_b:
        return -1 if rank_a < rank_b else 1
    if a != b:
        return -1 if a < b else 1
    return 0


def _row(kind: str, edtf: str, place, place_text: str, point) -> dict:
    place = _published(place)
    return {
        "kind": kind,
        "label": EventKind(kind).label,
        "date": edtf_display(edtf),
        "edtf": edtf,
        "place": place,
        "place_text": "" if place else place_text,
        "operation": None,
        "details": [],
        "citations": [],
        "note": "",
        "point": point if place else None,
        "number": None,
    }


def original_name(person: Person) -> str:
    """The name in the Cyrillic of the Soviet files ("Жемайтис Йонас Йонович") when recorded: the first
    Cyrillic form of the surname, given name and patronymic; "" when there is none."""
    forms = {}
    for name in person.names.all():
        if name.script == Script.CYRILLIC and name.part in ORIGINAL_PARTS:
            forms.setdefault(name.part, name.value)
    return " ".join(forms[part] for part in ORIGINAL_PARTS if part in forms)


def name_groups(person: Person) -> list[dict]:
    """[{"part": label, "names": [PersonName, ...]}] in NamePart order, primary form first."""
    groups = {part: [] for part in NamePart}
    for name in person.names.all():
        groups[NamePart(name.part)].append(name)
    return [
        {"part": part.label, "names": sorted(names, key=lambda name: not name.is_primary)}
        for part, names in groups.items()
        if names
    ]


def _fact(label: str, text: str, url: str = "") -> dict:
    return {"label": label, "text": text, "url": url}


def identity_facts(person: Person) -> list[dict]:
    """[{"label", "text", "url"}] of the recorded identity facts (unrestricted persons only)."""
    facts = []
    if person.sex:
        facts.append(_fact(_("Sex"), person.get_sex_display()))
    if person.birth_edtf:
        facts.append(_fact(_("Born"), edtf_display(person.birth_edtf)))
    if person.birthplace_id and person.birthplace.published:
        place = person.birthplace
        facts.append(_fact(_("Birthplace"), place.display_name, place.get_absolute_url()))
    elif person.birthplace_text:
        facts.append(_fact(_("Birthplace"), person.birthplace_text))
    for label, value in (
        (_("Nationality"), person.nationality),
        (_("Citizenship (as recorded)"), person.citizenship),
        (_("Occupation"), person.occupation),
        (_("Residence at arrest or deportation"), person.residence),
    ):
        if value:
            facts.append(_fact(label, value))
    if person.country:
        facts.append(_fact(_("Country of origin (present-day)"), country_name(person.country)))
    if person.death_edtf:
        facts.append(_fact(_("Died"), edtf_display(person.death_edtf)))
    if person.fate:
        facts.append(_fact(_("Fate"), person.get_fate_display()))
    return facts


def event_details(event: PersonEvent) -> list[tuple[str, str]]:
    """(label, text) of the details an event has: from where, article, body, term, cause, burial place."""
    details = []
    for label, value in (
        (_("From"), event.origin),
        (_("Article"), event.article),
        (_("Body"), event.authority),
        (_("Term"), event.term),
        (_("Cause"), event.cause),
    ):
        if value:
            details.append((label, value))
    if event.kind == EventKind.BURIAL and event.place_known is not None:
        details.append((_("Burial place"), _("known") if event.place_known else _("unknown")))
    return details


def path_features(rows: list[dict]) -> dict:
    """The timeline rows with a point as a GeoJSON FeatureCollection (dict), numbered 1.. in order;
    properties {number, label, date, place, url}. static/js/person-map.js joins them by a line."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": list(row["point"])},
            "properties": {
                "number": row["number"],
                "label": capfirst(str(row["label"])),
                "date": row["date"],
                "place": row["place"].display_name,
                "url": row["place"].get_absolute_url(),
            },
        }
        for row in rows
        if row["point"] is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def family_links(person: Person) -> list[dict]:
    """[{"relation": label, "other": Person, "source", "note"}] read from `person`'s side, in both
    directions, published others only; a link recorded both ways ("A child of B" and "B parent of A")
    is listed once."""
    links = [(link.relation, link.other, link) for link in person.links.all()]
    links += [
        (INVERSE.get(link.relation, link.relation), link.person, link) for link in person.linked_from.all()
    ]
    found = {}
    for relation, other, link in links:
        if other.published and (relation, other.pk) not in found:
            found[(relation, other.pk)] = {
                "relation": Relation(relation).label,
                "other": other,
                "source": link.source,
                "note": link.note,
            }
    return list(found.values())


def duplicates(person: Person) -> list[dict]:
    """Possible duplicates of `person` not reviewed as different persons, from the prefetched pairs:
    [{"other": Person, "status": label, "open": bool}]."""
    pairs = [(pair, pair.other) for pair in person.duplicate_links.all()]
    pairs += [(pair, pair.person) for pair in person.duplicate_links_from.all()]
    return [
        {"other": other, "status": pair.get_status_display(), "open": pair.status == DuplicateStatus.OPEN}
        for pair, other in pairs
        if pair.status != DuplicateStatus.DISTINCT and other.published
    ]


def person_sources(person: Person, rows: list[dict], restricted: bool) -> list:
    """Distinct sources of the shown names, life events and family links, in order of first use."""
    found = [name.source for name in person.names.all()]
    for row in rows:
        found += [cited.source for cited in row["citations"]]
    if not restricted:
        found += [link.source for link in person.links.all()]
        found += [link.source for link in person.linked_from.all()]
    unique = {source.pk: source for source in found if source is not None}
    return list(unique.values())
