"""Reads of places: search and filtering shared by the web pages and the API.

Every function returns a QuerySet so callers can paginate, order and prefetch further.
"""

import datetime as dt

from django.contrib.gis.geos import Polygon
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.utils import translation

from register.names.normalize import search_key
from register.places.models import Location, NameKind, Place, PlaceName, PrisonerFigure
from register.texts.selectors import translations_prefetch

# Trigram word similarity above which a name counts as a fuzzy match (pg_trgm's default is 0.6).
FUZZY_THRESHOLD = 0.5


def place_list(*, published_only: bool = True) -> QuerySet[Place]:
    """All places (published ones unless told otherwise) with activity and region joined."""
    places = Place.objects.select_related("activity", "region")
    return places.filter(published=True) if published_only else places


def place_filter(
    places: QuerySet[Place],
    *,
    q: str = "",
    kinds: list[str] | None = None,
    year: int | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    countries: list[str] | None = None,
    activities: list[int] | None = None,
    regions: list[int] | None = None,
) -> QuerySet[Place]:
    """Narrow `places` by the register's filters; empty arguments do not filter.

    q: any name of the place in any script or romanization (see `place_search`).
    year: in operation during that calendar year (period bounds overlap it).
    bbox: (min_lon, min_lat, max_lon, max_lat) in WGS 84 degrees; a place matches if any of its
    locations lies inside. countries: ISO 3166-1 alpha-2 codes. activities/regions: vocabulary ids.
    """
    if kinds:
        places = places.filter(kind__in=kinds)
    if countries:
        places = places.filter(country__in=[code.upper() for code in countries])
    if activities:
        places = places.filter(activity__source_id__in=activities)
    if regions:
        places = places.filter(region__source_id__in=regions)
    if year:
        places = places.filter(in_year(year))
    if bbox:
        inside = Location.objects.filter(place=OuterRef("pk"), geom__intersects=Polygon.from_bbox(bbox))
        places = places.filter(Exists(inside))
    if q:
        places = place_search(places, q)
    return places


def in_year(year: int, prefix: str = "") -> Q:
    """Q object: the record's period overlaps calendar year `year` (open bounds count as overlapping)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        (Q(**{f"{prefix}period_start__lte": last}) | Q(**{f"{prefix}period_start__isnull": True}))
        & (Q(**{f"{prefix}period_end__gte": first}) | Q(**{f"{prefix}period_end__isnull": True}))
        & ~Q(**{f"{prefix}period_edtf": ""})
    )


def place_search(places: QuerySet[Place], q: str) -> QuerySet[Place]:
    """Places with a name matching `q` in any script or romanization, best matches first.

    The query and every stored name are reduced to `names.normalize.search_key` (Норильлаг and
    Norillag both become "norilag"); a name matches when its key contains the query's key, or when
    pg_trgm word similarity is at least FUZZY_THRESHOLD (typos). Annotates `match_score` (0..1)
    and `matched_name`, the name that matched best.
    """
    key = search_key(q)
    if not key:
        return places.none()
    names = PlaceName.objects.filter(place=OuterRef("pk")).filter(
        Q(search_key__contains=key) | Q(search_key__trigram_word_similar=key)
    )
    # Of names that match equally well, the one in the reader's language is the one reported as matched
    # ("Kraj Krasnojarski" for a Polish reader, not its Russian form with the same search key).
    reader = (translation.get_language() or "en").split("-")[0]
    ranked = (
        PlaceName.objects.filter(place=OuterRef("pk"))
        .annotate(
            similarity=TrigramWordSimilarity(key, "search_key"),
            other_language=Case(When(language=reader, then=Value(0)), default=Value(1)),
        )
        .order_by("-similarity", "other_language", "id")
    )
    return (
        places.filter(Exists(names))
        .annotate(
            match_score=Subquery(ranked.values("similarity")[:1]),
            matched_name=Subquery(ranked.values("name")[:1]),
        )
        .order_by("-match_score", "primary_name")
    )


# Which of a place's names in the reader's language to show first: the official form, then a local one,
# then a translation (exonym), then other forms; code names ("Особлаг № 5") are never a display name.
READER_NAME_ORDER = [
    NameKind.OFFICIAL,
    NameKind.LOCAL,
    NameKind.TRANSLATION,
    NameKind.ALTERNATIVE,
    NameKind.SHORT,
]


def attach_reader_names(places, language: str | None = None) -> None:
    """Set `reader_name` and `reader_name_language` on fetched Place objects: the place's name in
    `language` (default: the active language), which Place.display_name then shows, chosen by
    READER_NAME_ORDER. One query for all of them (none for English readers, who keep the English name):
    for a page of the list, a place with its parent and children, an operation's destinations."""
    language = (language or translation.get_language() or "en").split("-")[0]
    places = [place for place in places if place is not None]
    if language == "en" or not places:
        return
    best: dict[int, tuple[int, int, str]] = {}
    rows = PlaceName.objects.filter(
        place__in=[place.pk for place in places], language=language, kind__in=READER_NAME_ORDER
    ).values_list("place_id", "kind", "id", "name")
    for place_id, kind, pk, name in rows:
        candidate = (READER_NAME_ORDER.index(kind), pk, name)
        if place_id not in best or candidate < best[place_id]:
            best[place_id] = candidate
    for place in places:
        if place.pk in best:
            place.reader_name, place.reader_name_language = best[place.pk][2], language


def place_detail_queryset() -> QuerySet[Place]:
    """Published places with everything the detail page and API need, in a fixed number of queries."""
    return (
        place_list()
        .select_related("parent")
        .prefetch_related(
            "names__source",
            Prefetch(
                "locations",
                queryset=Location.objects.select_related("source").prefetch_related(
                    Prefetch(
                        "figures", queryset=PrisonerFigure.objects.select_related("source").order_by("year")
                    )
                ),
            ),
            Prefetch("children", queryset=Place.objects.filter(published=True).order_by("primary_name")),
            "citations__source",
            "operations",
            translations_prefetch(),
        )
    )


def map_locations(
    *, kinds=None, year=None, activities=None, regions=None, countries=None, q="", bbox=None
) -> QuerySet[Location]:
    """Locations of published places for the map, filtered like `place_filter`, with figures prefetched.

    `year` keeps locations whose own period overlaps the year (or, when a location has no figures,
    whose place's period does).
    """
    places = place_filter(
        place_list(), q=q, kinds=kinds, countries=countries, activities=activities, regions=regions, bbox=bbox
    )
    locations = (
        Location.objects.filter(place__in=places.values("pk"))
        .select_related("place", "place__activity", "place__region")
        .prefetch_related(Prefetch("figures", queryset=PrisonerFigure.objects.order_by("year")))
    )
    if year:
        locations = locations.filter(in_year(year) | (Q(period_edtf="") & in_year(year, "place__")))
    return locations.order_by("place__primary_name", "order")


def place_with_locations(places: QuerySet[Place]) -> QuerySet[Place]:
    """`places` with their locations prefetched in `order` (the first is the place's representative
    location); adds one query however many places there are."""
    return places.prefetch_related(Prefetch("locations", queryset=Location.objects.order_by("order", "id")))
