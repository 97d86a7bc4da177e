"""Deportation and repression operations: a filtered list and one operation by its slug."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from api.filters import OperationFilterParams, validated_params
from api.permissions import ReadOnly
from api.serializers.operations import OperationSerializer
from register.operations.selectors import operation_api_queryset, operation_filter


@extend_schema_view(
    list=extend_schema(
        summary="List operations",
        description="Published operations, earliest first, with names, figures and destinations.",
        parameters=[OperationFilterParams],
        responses={200: OperationSerializer, 400: OpenApiResponse(description="A parameter is invalid.")},
    ),
    retrieve=extend_schema(summary="One operation"),
)
class OperationViewSet(viewsets.ReadOnlyModelViewSet):
    """Operations by their stable slug (e.g. `priboi-1949`)."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"  # a SlugField: anything else (a NUL byte...) is a 404
    serializer_class = OperationSerializer
    permission_classes = [ReadOnly]
    filter_backends: list = []

    def get_queryset(self):
        if self.action != "list":
            return operation_api_queryset()
        params = validated_params(OperationFilterParams, self.request)
        return operation_filter(operation_api_queryset(), **params.selector_kwargs())
