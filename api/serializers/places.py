"""Serializers of places: the list item, the full record and its parts (names, locations, figures)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField

from api.serializers.common import (
    CitationSerializer,
    DescriptionsMixin,
    SourceSerializer,
    VocabularySerializer,
    source_key_field,
)
from api.serializers.counts import PeopleCountList, PeopleCountMixin
from register.places.models import Location, Place, PlaceName, PrisonerFigure

GEOJSON_POINT = {
    "type": "object",
    "nullable": True,
    "description": "GeoJSON Point [lon, lat] of the place's first location (a point on its surface "
    "for an area); null when the place has no location.",
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
    },
}


class PlaceRefSerializer(serializers.ModelSerializer):
    """A short reference to another place: id, names, kind and its API URL."""

    id = serializers.CharField(source="public_id", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:place-detail", lookup_field="public_id")
    name = serializers.CharField(source="primary_name", read_only=True)
    name_en = serializers.CharField(source="primary_name_en", read_only=True)

    class Meta:
        model = Place
        fields = ["id", "url", "name", "name_en", "kind"]
        read_only_fields = fields


class PlaceSummarySerializer(PeopleCountMixin, serializers.ModelSerializer):
    """A place in a list. `match_score` (0..1) is set when the list was searched with `q`, else null;
    `people_count` is the number of published persons with a life event at the place."""

    people_count_key = "place_ids"

    id = serializers.CharField(source="public_id", read_only=True, help_text="The place's stable public id.")
    url = serializers.HyperlinkedIdentityField(view_name="api:place-detail", lookup_field="public_id")
    web_url = serializers.SerializerMethodField()
    name = serializers.CharField(source="primary_name", read_only=True)
    name_en = serializers.CharField(source="primary_name_en", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    period = serializers.CharField(source="period_edtf", read_only=True, help_text="EDTF, e.g. 1935/1956.")
    activity = VocabularySerializer(read_only=True, allow_null=True)
    region = VocabularySerializer(read_only=True, allow_null=True)
    point = serializers.SerializerMethodField()
    match_score = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id",
            "url",
            "web_url",
            "name",
            "name_en",
            "kind",
            "kind_label",
            "period",
            "period_start",
            "period_end",
            "activity",
            "region",
            "country",
            "point",
            "match_score",
            "people_count",
        ]
        read_only_fields = fields
        list_serializer_class = PeopleCountList

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, place: Place) -> str:
        """The absolute URL of the place's page on the web site."""
        return self.context["request"].build_absolute_uri(place.get_absolute_url())

    @extend_schema_field(GEOJSON_POINT)
    def get_point(self, place: Place) -> dict | None:
        """GeoJSON Point of the first location (by `order`), from the prefetched locations."""
        first = next(iter(place.locations.all()), None)
        if first is None:
            return None
        point = first.geom if first.geom.geom_type == "Point" else first.geom.point_on_surface
        return {"type": "Point", "coordinates": [point.x, point.y]}

    @extend_schema_field({"type": "number", "format": "float", "nullable": True})
    def get_match_score(self, place: Place) -> float | None:
        """Trigram similarity of the best-matching name to `q` (1 = exact), or None without `q`."""
        score = getattr(place, "match_score", None)
        return round(score, 3) if score is not None else None


class PlaceNameSerializer(serializers.ModelSerializer):
    """One name: language (BCP 47), script (ISO 15924), kind, period of use (EDTF) and source key."""

    period = serializers.CharField(source="period_edtf", read_only=True)
    source = source_key_field()

    class Meta:
        model = PlaceName
        fields = ["name", "language", "script", "kind", "period", "source"]
        read_only_fields = fields


class PrisonerFigureSerializer(serializers.ModelSerializer):
    """Prisoners at a location in a year. `prisoners` null means the source gives no figure (its
    `source_value` may then be "0", which in the Memorial data means "no figure", never zero people)."""

    source = source_key_field()

    class Meta:
        model = PrisonerFigure
        fields = ["year", "prisoners", "source_value", "source"]
        read_only_fields = fields


class LocationSerializer(serializers.ModelSerializer):
    """Where the place was: GeoJSON geometry (WGS 84), precision, description, period and figures."""

    geometry = GeometryField(source="geom", read_only=True)
    period = serializers.CharField(source="period_edtf", read_only=True)
    figures = PrisonerFigureSerializer(many=True, read_only=True)
    source = source_key_field()

    class Meta:
        model = Location
        fields = [
            "id",
            "order",
            "geometry",
            "precision",
            "description",
            "description_en",
            "period",
            "period_start",
            "period_end",
            "figures",
            "source",
        ]
        read_only_fields = fields


class OperationRefSerializer(serializers.Serializer):
    """A short reference to an operation: slug, English name, kind, period (EDTF) and its API URL."""

    slug = serializers.SlugField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:operation-detail", lookup_field="slug")
    name_en = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    period = serializers.CharField(source="period_edtf", read_only=True)


class PlaceDetailSerializer(DescriptionsMixin, PlaceSummarySerializer):
    """A place in full, with every name, location and yearly figure, its sources and citations."""

    names = PlaceNameSerializer(many=True, read_only=True)
    locations = LocationSerializer(many=True, read_only=True)
    parent = serializers.SerializerMethodField()
    children = PlaceRefSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    sources = serializers.SerializerMethodField()
    operations = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id",
            "url",
            "web_url",
            "name",
            "name_en",
            "kind",
            "kind_label",
            "period",
            "period_start",
            "period_end",
            "activity",
            "region",
            "country",
            "admin_area",
            "description",
            "description_language",
            "descriptions",
            "description_for_reader",
            "wikidata",
            "geonames_id",
            "point",
            "names",
            "locations",
            "parent",
            "children",
            "operations",
            "citations",
            "sources",
            "dataset",
            "source_record_id",
            "people_count",
        ]
        read_only_fields = fields

    @extend_schema_field(PlaceRefSerializer(allow_null=True))
    def get_parent(self, place: Place) -> dict | None:
        """The parent place when it is published, else None."""
        if place.parent is None or not place.parent.published:
            return None
        return PlaceRefSerializer(place.parent, context=self.context).data

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, place: Place) -> list[dict]:
        """Every source the record cites or its names, locations and figures rest on, once each."""
        return SourceSerializer(place_sources(place), many=True, context=self.context).data

    @extend_schema_field(OperationRefSerializer(many=True))
    def get_operations(self, place: Place) -> list[dict]:
        """The published operations this place was a destination of."""
        operations = [operation for operation in place.operations.all() if operation.published]
        return OperationRefSerializer(operations, many=True, context=self.context).data


def place_sources(place: Place) -> list:
    """The distinct sources of a place's citations, names, locations and figures, in that order.

    Reads only prefetched rows (see `place_detail_queryset`), so it runs no query.
    """
    found = [citation.source for citation in place.citations.all()]
    found += [name.source for name in place.names.all()]
    for location in place.locations.all():
        found.append(location.source)
        found += [figure.source for figure in location.figures.all()]
    unique: dict = {}
    for source in found:
        if source is not None:
            unique.setdefault(source.pk, source)
    return list(unique.values())
