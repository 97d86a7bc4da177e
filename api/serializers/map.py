"""The map's GeoJSON: one Feature per location of a published place.

The home page's JavaScript relies on this exact contract: feature `id` = location id, `geometry` =
the location's geometry, and `properties` = {place, name, name_original, kind, kind_label, url,
activity, region, order, precision, start_year, end_year, figures}. Change it only together with
the map script.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from register.places.models import Location

FIGURES_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "integer", "nullable": True},
    "description": "Year -> prisoners; null means the source gives no figure that year (never 0).",
    "example": {"1938": 12345, "1945": None},
}


class MapLocationSerializer(GeoFeatureModelSerializer):
    """A location as a GeoJSON Feature with the place's names, kind, vocabulary ids, years and figures."""

    place = serializers.CharField(source="place.public_id", read_only=True, help_text="Place's public id.")
    name = serializers.CharField(
        source="place.display_name", read_only=True, help_text="English name if there is one, else original."
    )
    name_original = serializers.CharField(source="place.primary_name", read_only=True)
    kind = serializers.CharField(source="place.kind", read_only=True)
    kind_label = serializers.CharField(source="place.get_kind_display", read_only=True)
    url = serializers.SerializerMethodField()
    activity = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()
    start_year = serializers.SerializerMethodField()
    end_year = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()

    class Meta:
        model = Location
        geo_field = "geom"
        id_field = "id"
        fields = [
            "id",
            "geom",
            "place",
            "name",
            "name_original",
            "kind",
            "kind_label",
            "url",
            "activity",
            "region",
            "order",
            "precision",
            "start_year",
            "end_year",
            "figures",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, location: Location) -> str:
        """The place page's URL (site-relative)."""
        return location.place.get_absolute_url()

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_activity(self, location: Location) -> int | None:
        """The economic activity's source id, or None."""
        return location.place.activity.source_id if location.place.activity else None

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_region(self, location: Location) -> int | None:
        """The macro-region's source id, or None."""
        return location.place.region.source_id if location.place.region else None

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_start_year(self, location: Location) -> int | None:
        """First year of the location's period, else of the place's; None when both are open."""
        start = location.period_start or location.place.period_start
        return start.year if start else None

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_end_year(self, location: Location) -> int | None:
        """Last year of the location's period, else of the place's; None when both are open."""
        end = location.period_end or location.place.period_end
        return end.year if end else None

    @extend_schema_field(FIGURES_SCHEMA)
    def get_figures(self, location: Location) -> dict[str, int | None]:
        """{"1938": 12345, "1945": None}: prisoners by year from the prefetched figures, in year order."""
        figures: dict[str, int | None] = {}
        for figure in location.figures.all():
            # Two sources may give the same year: a number wins over "no figure".
            if figures.get(str(figure.year)) is None:
                figures[str(figure.year)] = figure.prisoners
        return figures
