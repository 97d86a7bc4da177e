"""The map's data: every matching location as one GeoJSON FeatureCollection (no pagination)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from api.filters import PlaceFilterParams, validated_params
from api.permissions import ReadOnly
from api.serializers.map import MapLocationSerializer
from register.places.selectors import map_locations


@extend_schema_view(
    list=extend_schema(
        summary="Map locations (GeoJSON)",
        description="A FeatureCollection of the locations of published places, filtered like the places "
        "list. `bbox` keeps places with a location in the box (with all their locations); `year` keeps "
        "locations in use that year. Not paginated: the register has fewer than 2,000 locations.",
        parameters=[PlaceFilterParams],
        responses={
            200: MapLocationSerializer(many=True),
            400: OpenApiResponse(description="A parameter is invalid."),
        },
    )
)
class MapLocationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """GeoJSON of place locations for the home page map (see `api.serializers.map` for the contract)."""

    serializer_class = MapLocationSerializer
    permission_classes = [ReadOnly]
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        params = validated_params(PlaceFilterParams, self.request)
        return map_locations(**params.selector_kwargs())
