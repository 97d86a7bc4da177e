"""Bulk downloads of the published places, with the same filters as the places list.

Linked Places Format (GeoJSON-LD) for gazetteers such as the World Historical Gazetteer, and two CSV
tables (places; yearly prisoner figures) for spreadsheets and statistics software.

The downloads are the same whatever language the client asks for: English labels and the citable,
unprefixed record addresses as identifiers (an LPF `@id` must not change with Accept-Language, or a
harvester would take one place for 26). The names in every language are in the data itself.
"""

import csv

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes, renderer_classes
from rest_framework.renderers import JSONRenderer

from api.filters import PlaceFilterParams, validated_params
from api.permissions import ReadOnly
from register.places.exports import figure_rows, place_rows, place_to_lpf, places_to_lpf
from register.places.selectors import place_detail_queryset, place_filter

FILE_PREFIX = "gulag-register"


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def _filtered_places(request):
    params = validated_params(PlaceFilterParams, request)
    return place_filter(place_detail_queryset(), **params.selector_kwargs()).order_by("primary_name", "id")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell that a spreadsheet will not run as a formula: text starting with = + - @ or a tab/CR is
    prefixed with an apostrophe (OWASP, "CSV injection"); numbers ("-73.5") and other values are kept."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def in_register_language(rows):
    """Yield from the iterable `rows` with the register's default language (English) active, so that a
    streamed export reads and links the same for every client."""
    with translation.override(settings.LANGUAGE_CODE):
        yield from rows


def _csv_response(rows, filename: str) -> StreamingHttpResponse:
    """Stream `rows` (lists of cells) as a CSV attachment in the register's default language; cells pass
    through `spreadsheet_safe`."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([spreadsheet_safe(cell) for cell in row]) for row in in_register_language(rows)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _download(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_FILTERS = {"parameters": [PlaceFilterParams], "tags": ["exports"]}


@extend_schema(
    summary="All places in Linked Places Format",
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiResponse(description="A parameter is invalid.")},
    **_FILTERS,
)
@api_view(["GET"])
@permission_classes([ReadOnly])
@renderer_classes([JSONRenderer])
def places_lpf(request):
    """GeoJSON-LD FeatureCollection in Linked Places Format v1.2 of the (filtered) published places."""
    with translation.override(settings.LANGUAGE_CODE):
        collection = places_to_lpf(_filtered_places(request), settings.SITE_URL)
    return _download(
        JsonResponse(collection, json_dumps_params={"ensure_ascii": False}), f"{FILE_PREFIX}-places.lpf.json"
    )


@extend_schema(
    summary="One place in Linked Places Format", responses={200: OpenApiTypes.OBJECT}, tags=["exports"]
)
@api_view(["GET"])
@permission_classes([ReadOnly])
@renderer_classes([JSONRenderer])
def place_lpf(request, public_id: str):
    """One published place as an LPF FeatureCollection of one feature; 404 if unknown or unpublished."""
    place = place_detail_queryset().filter(public_id=public_id).first()
    if place is None:
        return JsonResponse({"detail": _("No such place.")}, status=404)
    with translation.override(settings.LANGUAGE_CODE):
        collection = places_to_lpf([place], settings.SITE_URL)
        collection["features"] = [place_to_lpf(place, settings.SITE_URL)]
    return JsonResponse(collection, json_dumps_params={"ensure_ascii": False})


@extend_schema(summary="Places as CSV", responses={(200, "text/csv"): OpenApiTypes.STR}, **_FILTERS)
@api_view(["GET"])
@permission_classes([ReadOnly])
def places_csv(request):
    """One published place a row: ids, names, kind, period, activity, region, country, first location."""
    return _csv_response(
        place_rows(_filtered_places(request), settings.SITE_URL), f"{FILE_PREFIX}-places.csv"
    )


@extend_schema(
    summary="Yearly prisoner figures as CSV", responses={(200, "text/csv"): OpenApiTypes.STR}, **_FILTERS
)
@api_view(["GET"])
@permission_classes([ReadOnly])
def figures_csv(request):
    """One yearly prisoner figure a row; an empty `prisoners` cell means the source gives no figure."""
    return _csv_response(figure_rows(_filtered_places(request)), f"{FILE_PREFIX}-figures.csv")
