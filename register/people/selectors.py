"""Read queries of the people app for pages and the API (the name search is `register.people.search`)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from register.people.models import FamilyLink, Person, PersonEvent, PersonName, PossibleDuplicate
from register.places.models import Location, Place


def published_people() -> QuerySet[Person]:
    """Published persons in name order (surname, given name, id)."""
    return Person.objects.filter(published=True).order_by("surname", "given_name", "id")


def person_detail_queryset() -> QuerySet[Person]:
    """Published persons with everything the person page and API need prefetched: name forms with their
    sources, events in date order with place (and its locations) and operation, family links both ways
    (to published persons only), possible duplicates, and citations with sources. A fixed number of
    queries however long the record is."""
    linked = Person.objects.filter(published=True)
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
                queryset=PossibleDuplicate.objects.filter(other__in=linked).select_related("other"),
            ),
            Prefetch(
                "duplicate_links_from",
                queryset=PossibleDuplicate.objects.filter(person__in=linked).select_related("person"),
            ),
            Prefetch("birthplace__locations", queryset=Location.objects.order_by("order", "id")),
            "citations__source",
        )
    )


def _place_ids(place_id: int) -> QuerySet:
    """The place and its camp divisions (children)."""
    return Place.objects.filter(Q(pk=place_id) | Q(parent_id=place_id)).values("pk")


def people_at_place(place_id: int) -> QuerySet[Person]:
    """Published persons with an event at the place (or one of its divisions) or born there, name order."""
    events = PersonEvent.objects.filter(person=OuterRef("pk"), place__in=_place_ids(place_id))
    return published_people().filter(Q(Exists(events)) | Q(birthplace__in=_place_ids(place_id)))


def people_in_operation(operation_id: int) -> QuerySet[Person]:
    """Published persons with an event in the deportation operation, name order."""
    return published_people().filter(
        Exists(PersonEvent.objects.filter(person=OuterRef("pk"), operation_id=operation_id))
    )


def people_counts(place_ids=None, operation_ids=None) -> dict[int, int]:
    """{place id or operation id: number of published persons linked by an event} for the given ids (one
    query; pass exactly one of the two). Ids without people are absent. Camp divisions are not added to
    their parent here (the place page's list does include them)."""
    if (place_ids is None) == (operation_ids is None):
        raise ValueError("pass exactly one of place_ids and operation_ids")
    field = "place_id" if place_ids is not None else "operation_id"
    ids = list(place_ids if place_ids is not None else operation_ids)
    if not ids:
        return {}
    rows = (
        PersonEvent.objects.filter(**{f"{field}__in": ids}, person__published=True)
        .values(field)
        .annotate(n=Count("person", distinct=True))
    )
    return {row[field]: row["n"] for row in rows}


@dataclass
class PathStop:
    """One stop of a life path: the event (None for the birthplace), its label, and the point (lon, lat)
    of its register place (the first location) or None when the place is text only."""

    event: PersonEvent | None
    place: Place | None
    point: tuple[float, float] | None


def _point(place: Place | None) -> tuple[float, float] | None:
    if place is None:
        return None
    locations = list(place.locations.all())
    if not locations:
        return None
    centroid = locations[0].geom.centroid if locations[0].geom.geom_type != "Point" else locations[0].geom
    return (round(centroid.x, 5), round(centroid.y, 5))


def life_path(person: Person) -> list[PathStop]:
    """The person's life path in order: the birthplace (unless privacy restricts it), then each event.
    Expects a person from `person_detail_queryset` (no extra queries)."""
    stops = []
    if not person.restricted and (person.birthplace or person.birthplace_text):
        stops.append(PathStop(None, person.birthplace, _point(person.birthplace)))
    for event in person.events.all():
        stops.append(PathStop(event, event.place, _point(event.place)))
    return stops
