"""Pages of deportation and repression operations: the list and the page of one operation."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from register.core.views import base_map_config
from register.operations.forms import OperationSearchForm
from register.operations.selectors import operation_detail_queryset, operation_filter, operation_list
from register.people.selectors import people_in_operation
from register.places import citation
from register.places.selectors import attach_reader_names

PEOPLE_PAGE_SIZE = 50


def operation_index(request):
    """/operations/: every published operation with its dates, origins and official count; `?q=` keeps
    those with a name (in any language or script) that matches; an invalid `q` is a field error."""
    form = OperationSearchForm(request.GET or None)
    operations = operation_list().prefetch_related("names")
    if form.is_bound:  # a search the form refuses (too long) lists nothing, beside its error, as /places/
        valid = form.is_valid()
        operations = operation_filter(operations, q=form.cleaned_data["q"]) if valid else operations.none()
    return render(request, "operations/list.html", {"operations": operations, "form": form})


def destination_features(links) -> dict:
    """The destinations' locations as a GeoJSON FeatureCollection (dict) for the small map."""
    features = []
    for link in links:
        for location in link.place.locations.all():
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": list(location.geom.centroid.coords)},
                    "properties": {
                        "label": link.place.display_name,
                        "url": link.place.get_absolute_url(),
                        "precision": location.precision,
                        "period": location.period_edtf,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def operation_detail(request, slug: str):
    """The page of one operation: names, dates, origins, figures side by side, destinations, the people
    deported in it (PEOPLE_PAGE_SIZE a page, `?page=`), sources."""
    operation = get_object_or_404(operation_detail_queryset(), slug=slug)
    links = list(operation.destination_links.all())
    attach_reader_names([link.place for link in links])
    url = citation.citable_url(operation)
    context = {
        "operation": operation,
        "destinations": links,
        "destinations_geojson": destination_features(links),
        "map_config": base_map_config(request),
        "stable_url": url,
        "cite": citation.citation_formats(title=operation.name_en, record_id=operation.slug, url=url),
        "api_url": f"/api/v1/operations/{operation.slug}/",
        "people_page": Paginator(people_in_operation(operation.pk), PEOPLE_PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "people_filter": urlencode({"operation": operation.slug}),
    }
    return render(request, "operations/detail.html", context)
