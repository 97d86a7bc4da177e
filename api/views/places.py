"""Places: a filtered, paginated list and the full record of one place."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from api.filters import PlaceListParams, validated_params
from api.permissions import ReadOnly
from api.serializers.places import PlaceDetailSerializer, PlaceSummarySerializer
from register.places.selectors import place_detail_queryset, place_filter, place_list, place_with_locations


@extend_schema_view(
    list=extend_schema(
        summary="List places",
        description="Published places, 50 a page. With `q`, best matches come first, with `match_score`.",
        parameters=[PlaceListParams],
        responses={200: PlaceSummarySerializer, 400: OpenApiResponse(description="A parameter is invalid.")},
    ),
    retrieve=extend_schema(
        summary="One place in full",
        description="Names, locations with yearly figures, parent and children, operations, sources.",
    ),
)
class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """Published camps, prisons, special settlement areas and sites; unpublished ones are 404."""

    lookup_field = "public_id"
    lookup_value_regex = "[a-z0-9]+"
    permission_classes = [ReadOnly]
    filter_backends: list = []

    def get_serializer_class(self):
        return PlaceDetailSerializer if self.action == "retrieve" else PlaceSummarySerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return place_detail_queryset()
        params = validated_params(PlaceListParams, self.request)
        places = place_filter(place_list(), **params.selector_kwargs())
        if ordering := params.order_by():
            places = places.order_by(*ordering)
        return place_with_locations(places)
