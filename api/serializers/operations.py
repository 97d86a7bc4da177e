"""Serializers of deportation and repression operations with their names, figures and destinations."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import (
    CitationSerializer,
    DescriptionsMixin,
    source_key_field,
)
from api.serializers.counts import PeopleCountList, PeopleCountMixin
from register.operations.models import Operation, OperationDestination, OperationFigure, OperationName

GEOJSON_GEOMETRY = {
    "type": "object",
    "nullable": True,
    "description": "GeoJSON geometry (WGS 84) of the place's first location; null when it has none.",
    "properties": {"type": {"type": "string"}, "coordinates": {"type": "array", "items": {}}},
}


class OperationNameSerializer(serializers.ModelSerializer):
    """A name of the operation in one language (BCP 47) and script (ISO 15924)."""

    source = source_key_field()

    class Meta:
        model = OperationName
        fields = ["name", "language", "script", "kind", "source"]
        read_only_fields = fields


class OperationFigureSerializer(serializers.ModelSerializer):
    """A count of people affected as one source gives it; figures that disagree are listed side by side.
    `people` is null where the source gives only words (`text`)."""

    source = source_key_field()

    class Meta:
        model = OperationFigure
        fields = ["people", "text", "is_official", "source", "locator"]
        read_only_fields = fields


class OperationDestinationSerializer(serializers.ModelSerializer):
    """A destination area: the place (id, names, kind, API URL) and its first location's geometry."""

    id = serializers.CharField(source="place.public_id", read_only=True)
    url = serializers.HyperlinkedRelatedField(
        source="place", view_name="api:place-detail", lookup_field="public_id", read_only=True
    )
    name = serializers.CharField(source="place.primary_name", read_only=True)
    name_en = serializers.CharField(source="place.primary_name_en", read_only=True)
    kind = serializers.CharField(source="place.kind", read_only=True)
    precision = serializers.SerializerMethodField()
    geometry = serializers.SerializerMethodField()

    class Meta:
        model = OperationDestination
        fields = ["id", "url", "name", "name_en", "kind", "precision", "geometry", "note"]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_precision(self, link: OperationDestination) -> str | None:
        """Precision of the place's first location (e.g. "region" for a whole area), or None."""
        first = _first_location(link)
        return first.precision if first else None

    @extend_schema_field(GEOJSON_GEOMETRY)
    def get_geometry(self, link: OperationDestination) -> dict | None:
        """GeoJSON of the place's first location, or None."""
        first = _first_location(link)
        return json.loads(first.geom.geojson) if first else None


def _first_location(link: OperationDestination):
    return next(iter(link.place.locations.all()), None)


class OperationSerializer(DescriptionsMixin, PeopleCountMixin, serializers.ModelSerializer):
    """An operation with its names, period (EDTF and bounds), origins, figures, destinations, citations,
    and `people_count`: the published persons of the register with a life event in it."""

    people_count_key = "operation_ids"

    url = serializers.HyperlinkedIdentityField(view_name="api:operation-detail", lookup_field="slug")
    web_url = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    period = serializers.CharField(
        source="period_edtf", read_only=True, help_text="EDTF, e.g. 1949-03-25/1949-03-28."
    )
    names = OperationNameSerializer(many=True, read_only=True)
    figures = OperationFigureSerializer(many=True, read_only=True)
    destinations = OperationDestinationSerializer(source="destination_links", many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Operation
        fields = [
            "slug",
            "url",
            "web_url",
            "kind",
            "kind_label",
            "name_en",
            "names",
            "period",
            "period_start",
            "period_end",
            "origin_countries",
            "origin_territories",
            "destinations_note",
            "description",
            "description_language",
            "descriptions",
            "description_for_reader",
            "figures",
            "destinations",
            "citations",
            "people_count",
        ]
        read_only_fields = fields
        list_serializer_class = PeopleCountList

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, operation: Operation) -> str:
        """The absolute URL of the operation's page on the web site."""
        return self.context["request"].build_absolute_uri(operation.get_absolute_url())
