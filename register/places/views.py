"""Pages of places: search and list, and the page of one place."""

import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404, render

from register.core.views import base_map_config
from register.people.selectors import people_at_place
from register.places import citation
from register.places.charts import prisoner_chart
from register.places.forms import SORT_NAME, SORT_RELEVANCE, SORT_START, PlaceSearchForm
from register.places.models import Place
from register.places.selectors import (
    attach_reader_names,
    place_detail_queryset,
    place_filter,
    place_list,
)

PAGE_SIZE = 50
PEOPLE_PAGE_SIZE = 50


def sorted_places(places, sort: str, has_query: bool):
    """Order `places`: by relevance (only with a query: `place_search` already did), by display name,
    or by start of period (undated places last)."""
    if sort == SORT_RELEVANCE and has_query:
        return places
    places = places.annotate(sort_name=Coalesce(NullIf("primary_name_en", Value("")), "primary_name"))
    if sort == SORT_START:
        return places.order_by(F("period_start").asc(nulls_last=True), "sort_name", "id")
    return places.order_by("sort_name", "id")


def place_search(request):
    """/places/: search by any name and filter; 50 results a page."""
    form = PlaceSearchForm(request.GET or None)
    places = place_list()
    sort = SORT_NAME
    if form.is_bound and form.is_valid():
        filters = form.filters()
        places = place_filter(places, **filters)
        sort = form.cleaned_data.get("sort") or (SORT_RELEVANCE if filters["q"] else SORT_NAME)
        places = sorted_places(places, sort, bool(filters["q"]))
    elif not form.is_bound:
        places = sorted_places(places, SORT_NAME, False)
    else:
        places = places.none()
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    attach_reader_names(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode(), "sort": sort}
    return render(request, "places/list.html", context)


def figure_rows(place: Place) -> list[dict]:
    """Every yearly figure of the place's locations, by year: {year, prisoners, location, source}."""
    rows = [
        {
            "year": figure.year,
            "prisoners": figure.prisoners,
            "source_value": figure.source_value,
            "location": location,
            "source": figure.source,
        }
        for location in place.locations.all()
        for figure in location.figures.all()
    ]
    return sorted(rows, key=lambda row: (row["year"], row["location"].order))


def location_features(locations) -> dict:
    """The locations as a GeoJSON FeatureCollection (dict) for the small map of a record page."""
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(location.geom.geojson),
            "properties": {
                "label": location.description_en or location.description,
                "precision": location.precision,
                "period": location.period_edtf,
            },
        }
        for location in locations
    ]
    return {"type": "FeatureCollection", "features": features}


def place_sources(place: Place, rows: list[dict]) -> list:
    """Distinct sources of the place's names, locations and figures, in order of first use."""
    found = [name.source for name in place.names.all()]
    found += [location.source for location in place.locations.all()]
    found += [row["source"] for row in rows]
    unique = {source.pk: source for source in found if source is not None}
    return list(unique.values())


def place_detail(request, public_id: str):
    """The page of one published place: names, locations, figures, links, the people linked to it
    (PEOPLE_PAGE_SIZE a page, `?page=`), sources and citation formats."""
    place = get_object_or_404(place_detail_queryset(), public_id=public_id)
    attach_reader_names([place, place.parent, *place.children.all()])
    rows = figure_rows(place)
    url = citation.citable_url(place)
    title = citation.record_title(place.display_name, place.primary_name)
    context = {
        "place": place,
        "figures": rows,
        "chart": prisoner_chart((row["year"], row["prisoners"]) for row in rows),
        "locations_geojson": location_features(place.locations.all()),
        "parent": place.parent if place.parent and place.parent.published else None,
        "operations": [operation for operation in place.operations.all() if operation.published],
        "sources": place_sources(place, rows),
        "map_config": base_map_config(request),
        "stable_url": url,
        "cite": citation.citation_formats(title=title, record_id=place.public_id, url=url),
        "api_url": f"/api/v1/places/{place.public_id}/",
        "lpf_url": f"/api/v1/places/{place.public_id}/lpf/",
        "people_page": Paginator(people_at_place(place.pk), PEOPLE_PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "people_filter": urlencode({"place": place.public_id}),
    }
    return render(request, "places/detail.html", context)
