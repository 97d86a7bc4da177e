"""Query parameters of the API's list endpoints: validated by serializers, documented from them.

Each `*Params` serializer reads a request's query string and, once valid, gives the keyword arguments
of the matching selector (`register.places.selectors.place_filter` / `map_locations`,
`register.operations.selectors.operation_filter`; `PersonSearchParams` gives the query and the
`PersonFilters` of `register.people.search.search_people`). An invalid parameter gives a 400 response whose
body names the parameter: {"bbox": ["min_lon must be less than max_lon."]}.
"""

import math

import pycountry
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from register.operations.models import Operation, OperationKind
from register.people.models import Fate
from register.places.models import Place, PlaceKind

# `ordering` values of the places list -> ORM ordering (ties broken by id for stable pages).
PLACE_ORDERINGS = {
    "name": ("primary_name", "id"),
    "-name": ("-primary_name", "-id"),
    "name_en": ("primary_name_en", "primary_name", "id"),
    "-name_en": ("-primary_name_en", "-primary_name", "-id"),
    "period_start": ("period_start", "primary_name", "id"),
    "-period_start": ("-period_start", "primary_name", "id"),
    "period_end": ("period_end", "primary_name", "id"),
    "-period_end": ("-period_end", "primary_name", "id"),
    "kind": ("kind", "primary_name", "id"),
    "-kind": ("-kind", "primary_name", "id"),
}


class CommaListField(serializers.ListField):
    """A list given as a repeated parameter, a comma-separated value, or both: `?kind=a,b&kind=c`."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        items = [item.strip() for value in data for item in str(value).split(",") if item.strip()]
        try:
            return super().to_internal_value(items)
        except serializers.ValidationError as error:
            # ListField keys errors by item index ({"0": [...]}); a query parameter reads better flat.
            raise serializers.ValidationError(_flatten(error.detail)) from error


def _flatten(detail) -> list:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [detail]


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$",
        "example": "5.8,47.2,15.1,55.1",
        "description": "min_lon,min_lat,max_lon,max_lat in WGS 84 degrees",
    }
)
class BBoxField(serializers.Field):
    """A bounding box `min_lon,min_lat,max_lon,max_lat` in WGS 84 degrees -> a tuple of 4 floats."""

    default_error_messages = {
        "format": _("Give four numbers separated by commas: min_lon,min_lat,max_lon,max_lat."),
        "lon_range": _("Longitudes must lie between -180 and 180."),
        "lat_range": _("Latitudes must lie between -90 and 90."),
        "lon_order": _("min_lon must be less than max_lon."),
        "lat_order": _("min_lat must be less than max_lat."),
    }

    def to_internal_value(self, data) -> tuple[float, float, float, float]:
        parts = str(data).split(",")
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            self.fail("format")
        if len(numbers) != 4 or not all(math.isfinite(number) for number in numbers):
            self.fail("format")
        min_lon, min_lat, max_lon, max_lat = numbers
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            self.fail("lon_range")
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
            self.fail("lat_range")
        if min_lon >= max_lon:
            self.fail("lon_order")
        if min_lat >= max_lat:
            self.fail("lat_order")
        return min_lon, min_lat, max_lon, max_lat

    def to_representation(self, value):
        return ",".join(str(number) for number in value)


class CountryCodeField(serializers.RegexField):
    """An ISO 3166-1 alpha-2 code, any case ("de" -> "DE")."""

    def __init__(self, **kwargs):
        super().__init__(r"^[A-Za-z]{2}$", **kwargs)

    def to_internal_value(self, data) -> str:
        return super().to_internal_value(data).upper()


def _countries(help_text: str) -> CommaListField:
    return CommaListField(
        child=CountryCodeField(error_messages={"invalid": _("Not an ISO 3166-1 alpha-2 code.")}),
        required=False,
        help_text=help_text,
    )


class PlaceFilterParams(serializers.Serializer):
    """Filters shared by the places list and the map (see `register.places.selectors.place_filter`)."""

    kind = CommaListField(
        child=serializers.ChoiceField(choices=PlaceKind.choices),
        required=False,
        help_text="Kinds of place (see /api/v1/kinds/); repeat the parameter or separate with commas.",
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Any name of the place in any script or romanization (Норильлаг = Norillag).",
    )
    year = serializers.IntegerField(
        required=False, min_value=1917, max_value=1991, help_text="In operation during this year."
    )
    bbox = BBoxField(
        required=False,
        help_text="min_lon,min_lat,max_lon,max_lat (WGS 84): places with a location inside the box.",
    )
    country = _countries("Present-day countries, ISO 3166-1 alpha-2 (repeat or comma-separate).")
    activity = CommaListField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        help_text="Economic activity ids (see /api/v1/activities/); repeat or comma-separate.",
    )
    region = CommaListField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        help_text="Macro-region ids (see /api/v1/regions/); repeat or comma-separate.",
    )

    def selector_kwargs(self) -> dict:
        """The keyword arguments of `place_filter` / `map_locations` for the validated parameters."""
        data = self.validated_data
        return {
            "q": data.get("q", "").strip(),
            "kinds": data.get("kind") or None,
            "year": data.get("year"),
            "bbox": data.get("bbox"),
            "countries": data.get("country") or None,
            "activities": data.get("activity") or None,
            "regions": data.get("region") or None,
        }


class PlaceListParams(PlaceFilterParams):
    """The places list's filters plus `ordering` (default: best match first for `q`, else by name)."""

    ordering = serializers.ChoiceField(
        choices=list(PLACE_ORDERINGS),
        required=False,
        help_text="Sort order; default is by name, or by match score when `q` is given.",
    )

    def order_by(self) -> tuple[str, ...] | None:
        """ORM ordering for the `ordering` parameter, or None to keep the selector's order."""
        ordering = self.validated_data.get("ordering")
        return PLACE_ORDERINGS[ordering] if ordering else None


class OperationFilterParams(serializers.Serializer):
    """Filters of the operations list (see `register.operations.selectors.operation_filter`)."""

    kind = CommaListField(
        child=serializers.ChoiceField(choices=OperationKind.choices),
        required=False,
        help_text="Kinds of operation; repeat the parameter or separate with commas.",
    )
    country = _countries("Present-day countries people were taken from, ISO 3166-1 alpha-2.")
    year = serializers.IntegerField(
        required=False, min_value=1917, max_value=1991, help_text="The operation took place during this year."
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Any name of the operation in any script (Прибой = Priboi).",
    )

    def selector_kwargs(self) -> dict:
        """The keyword arguments of `operation_filter` for the validated parameters."""
        data = self.validated_data
        return {
            "q": data.get("q", "").strip(),
            "kinds": data.get("kind") or None,
            "countries": data.get("country") or None,
            "year": data.get("year"),
        }


def validated_params(params_class: type[serializers.Serializer], request: Request) -> serializers.Serializer:
    """Validate `request`'s query string with `params_class`; raises ValidationError (a 400) if invalid."""
    params = params_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params


class IsoCountryField(CountryCodeField):
    """A present-day country code of ISO 3166-1 alpha-2, checked against pycountry's list ("lt" -> "LT")."""

    default_error_messages = {"invalid": _("Not an ISO 3166-1 alpha-2 code.")}

    def to_internal_value(self, data) -> str:
        code = super().to_internal_value(data)
        if pycountry.countries.get(alpha_2=code) is None:
            self.fail("invalid")
        return code


class PersonSearchParams(serializers.Serializer):
    """The people search's query and filters (see `register.people.search.search_people`).

    `operation` and `place` take the public identifiers (slug, public id) and must name a published
    record; `to_filters()` turns them into the ids `PersonFilters` takes.
    """

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="A name in any script or spelling: surname, given name, patronymic, in either order "
        "(Žemaitis = Жемайтис = Zhemaitis). Without it the list is in name order.",
    )
    born_from = serializers.IntegerField(
        required=False, min_value=1800, max_value=2000, help_text="Born in or after this year."
    )
    born_to = serializers.IntegerField(
        required=False, min_value=1800, max_value=2000, help_text="Born in or before this year."
    )
    operation = serializers.SlugField(
        required=False, help_text="Slug of an operation (see /api/v1/operations/): deported in it."
    )
    place = serializers.RegexField(
        r"^[a-z0-9]{1,20}$",
        required=False,
        help_text="Public id of a place (see /api/v1/places/): an event there (camp, settlement area, ...).",
    )
    country = IsoCountryField(
        required=False, help_text="Present-day country of origin, ISO 3166-1 alpha-2 (e.g. LT)."
    )
    fate = serializers.ChoiceField(
        choices=[(value, label) for value, label in Fate.choices if value],
        required=False,
        help_text="What became of the person.",
    )

    def validate_operation(self, slug: str) -> int:
        """The id of the published operation with this slug; a field error when there is none."""
        operations = Operation.objects.filter(slug=slug, published=True)
        operation_id = operations.values_list("pk", flat=True).first()
        if operation_id is None:
            raise serializers.ValidationError(_("No published operation has this slug."))
        return operation_id

    def validate_place(self, public_id: str) -> int:
        """The id of the published place with this public id; a field error when there is none."""
        places = Place.objects.filter(public_id=public_id, published=True)
        place_id = places.values_list("pk", flat=True).first()
        if place_id is None:
            raise serializers.ValidationError(_("No published place has this id."))
        return place_id

    def validate(self, attrs: dict) -> dict:
        """Refuse a birth-year range that ends before it starts (an error on `born_to`)."""
        born_from, born_to = attrs.get("born_from"), attrs.get("born_to")
        if born_from is not None and born_to is not None and born_from > born_to:
            raise serializers.ValidationError({"born_to": [_("born_to must not be before born_from.")]})
        return attrs

    def query(self) -> str:
        """The validated name query, stripped ("" to browse)."""
        return self.validated_data.get("q", "").strip()

    def to_filters(self):
        """The `register.people.search.PersonFilters` of the validated parameters."""
        from register.people.search import PersonFilters  # noqa: PLC0415 (lands with the search)

        data = self.validated_data
        return PersonFilters(
            born_from=data.get("born_from"),
            born_to=data.get("born_to"),
            operation=data.get("operation"),
            place=data.get("place"),
            country=data.get("country", ""),
            fate=data.get("fate", ""),
        )
