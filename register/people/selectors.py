"""Read queries of the people app for pages and the API (the name search is `register.people.search`)."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from register.people.models import (
    REPRESSION_EVENTS,
    FamilyLink,
    Person,
    PersonEvent,
    PersonName,
    PossibleDuplicate,
    restricted_q,
    restricted_sql,
)
from register.places.models import Location, Place


def published_people() -> QuerySet[Person]:
    """Published persons in name order (surname, given name, id)."""
    return Person.objects.filter(published=True).order_by("surname", "given_name", "id")


def person_detail_queryset() -> QuerySet[Person]:
    """Published persons with everything the person page and API need prefetched: name forms with their
    sources, events in date order with place (and its locations) and operation, family links both ways
    (to published persons that are not restricted: a restricted person's family links are withheld on
    both sides), possible duplicates (to published persons), and citations with sources. A fixed number
    of queries however long the record is."""
    published = Person.objects.filter(published=True)
    linked = published.exclude(restricted_q())
    return (
        published_people()
        .select_related("birthplace")
        .prefetch_related(
            Prefetch(
                "names",
                queryset=PersonName.objects.select_related("source").order_by("part", "-is_primary", "id"),
            ),
            Prefetch(
                "events",
                queryset=PersonEvent.objects.select_related("place", "operation")
                .prefetch_related(
                    Prefetch("place__locations", queryset=Location.objects.order_by("order", "id")),
                    "citations__source",
                )
                .order_by("period_start", "order", "id"),
            ),
            Prefetch(
                "links",
                queryset=FamilyLink.objects.filter(other__in=linked).select_related("other", "source"),
            ),
            Prefetch(
                "linked_from",
                queryset=FamilyLink.objects.filter(person__in=linked).select_related("person", "source"),
            ),
            Prefetch(
                "duplicate_links",
                queryset=PossibleDuplicate.objects.filter(other__in=published).select_related("other"),
            ),
            Prefetch(
                "duplicate_links_from",
                queryset=PossibleDuplicate.objects.filter(person__in=published).select_related("person"),
            ),
            Prefetch("birthplace__locations", queryset=Location.objects.order_by("order", "id")),
            "citations__source",
        )
    )


def _place_ids(place_id: int) -> QuerySet:
    """The place and its camp divisions (children)."""
    return Place.objects.filter(Q(pk=place_id) | Q(parent_id=place_id)).values("pk")


def people_at_place(place_id: int) -> QuerySet[Person]:
    """Published persons with an event at the place (or one of its camp divisions) or born there, name
    order. A restricted person (`Person.restricted`) is listed only through a repression event."""
    places = _place_ids(place_id)
    shown_event = Q(kind__in=REPRESSION_EVENTS) | ~restricted_q("person__")
    events = PersonEvent.objects.filter(shown_event, person=OuterRef("pk"), place__in=places)
    return published_people().filter(Q(Exists(events)) | (Q(birthplace__in=places) & ~restricted_q()))


def people_in_operation(operation_id: int) -> QuerySet[Person]:
    """Published persons with an event in the deportation operation, name order."""
    return published_people().filter(
        Exists(PersonEvent.objects.filter(person=OuterRef("pk"), operation_id=operation_id))
    )


def people_counts(place_ids=None, operation_ids=None) -> dict[int, int]:
    """{place id or operation id: number of published persons} for the given ids, in one query; pass
    exactly one of the two. Ids without people are absent. A place counts the persons of `people_at_place`
    (an event there or at one of its camp divisions, or born there; a restricted person only through a
    repression event), an operation those with an event in it, so the counts agree with the lists and the
    search filters. Raises ValueError otherwise."""
    if (place_ids is None) == (operation_ids is None):
        raise ValueError("pass exactly one of place_ids and operation_ids")
    ids = [int(pk) for pk in (place_ids if place_ids is not None else operation_ids)]
    if not ids:
        return {}
    if operation_ids is not None:
        sql = """SELECT e.operation_id, count(DISTINCT e.person_id) FROM people_personevent e
                 JOIN people_person p ON p.id = e.person_id AND p.published
                 WHERE e.operation_id = ANY(%s) GROUP BY e.operation_id"""
        params = [ids]
    else:
        sql = """WITH target AS (SELECT id, id AS target FROM places_place WHERE id = ANY(%s)
                                 UNION ALL
                                 SELECT id, parent_id FROM places_place WHERE parent_id = ANY(%s)),
                      linked AS (SELECT t.target, e.person_id, e.kind = ANY(%s) AS shown
                                 FROM people_personevent e JOIN target t ON t.id = e.place_id
                                 UNION ALL
                                 SELECT t.target, p.id, false FROM people_person p
                                 JOIN target t ON t.id = p.birthplace_id)
                 SELECT linked.target, count(DISTINCT linked.person_id) FROM linked
                 JOIN people_person p ON p.id = linked.person_id AND p.published
                 WHERE linked.shown OR NOT {restricted} GROUP BY linked.target"""
        restricted, restricted_params = restricted_sql("p")
        sql = sql.format(restricted=restricted)
        params = [ids, ids, sorted(REPRESSION_EVENTS), *restricted_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


@dataclass
class PathStop:
    """One stop of a life path: the event (None for the birthplace), its label, and the point (lon, lat)
    of its register place (the first location) or None when the place is text only."""

    event: PersonEvent | None
    place: Place | None
    point: tuple[float, float] | None


def _point(place: Place | None) -> tuple[float, float] | None:
    if place is None or not place.published:
        return None
    locations = list(place.locations.all())
    if not locations:
        return None
    centroid = locations[0].geom.centroid if locations[0].geom.geom_type != "Point" else locations[0].geom
    return (round(centroid.x, 5), round(centroid.y, 5))


def life_path(person: Person) -> list[PathStop]:
    """The person's life path in date order: the birthplace, then each event; for a restricted person
    (`Person.restricted`) only the repression events (`REPRESSION_EVENTS`). Unpublished places are left
    out (the stop keeps its event, without place or point). Expects a person from `person_detail_queryset`
    (no extra queries); `register.people.person_page` refines the order of dates of other precisions."""
    restricted = person.restricted
    stops = []
    if not restricted and (person.birthplace or person.birthplace_text):
        birthplace = person.birthplace if person.birthplace and person.birthplace.published else None
        stops.append(PathStop(None, birthplace, _point(birthplace)))
    for event in person.events.all():
        if restricted and event.kind not in REPRESSION_EVENTS:
            continue
        place = event.place if event.place and event.place.published else None
        stops.append(PathStop(event, place, _point(place)))
    return stops
