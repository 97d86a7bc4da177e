"""Closed lists the filters take values from (kinds, activities, regions) and the sources."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from api.permissions import ReadOnly
from api.serializers.common import ActivitySerializer, ChoiceSerializer, RegionSerializer, SourceSerializer
from register.places.models import Activity, PlaceKind, Region
from register.sources.models import Source


@extend_schema_view(list=extend_schema(summary="Kinds of place", responses=ChoiceSerializer(many=True)))
class KindViewSet(viewsets.ViewSet):
    """The kinds of place (`kind` filter values) with labels in the request's language."""

    permission_classes = [ReadOnly]

    def list(self, request, *args, **kwargs):
        """[{"value": "special_camp", "label": "special camp (osoblag)"}, ...] in the model's order."""
        kinds = [{"value": value, "label": str(label)} for value, label in PlaceKind.choices]
        return Response(ChoiceSerializer(kinds, many=True).data)


@extend_schema_view(list=extend_schema(summary="Economic activities"))
class ActivityViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Economic activities of camps; `id` is the value of the `activity` filter. Not paginated."""

    queryset = Activity.objects.order_by("label_en")
    serializer_class = ActivitySerializer
    permission_classes = [ReadOnly]
    pagination_class = None
    filter_backends: list = []


@extend_schema_view(list=extend_schema(summary="Macro-regions"))
class RegionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Macro-regions of the camp system; `id` is the value of the `region` filter. Not paginated."""

    queryset = Region.objects.order_by("label_en")
    serializer_class = RegionSerializer
    permission_classes = [ReadOnly]
    pagination_class = None
    filter_backends: list = []


@extend_schema_view(list=extend_schema(summary="List sources"), retrieve=extend_schema(summary="One source"))
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Sources the register's facts rest on, by their stable key (e.g. `memorial-1998`)."""

    queryset = Source.objects.order_by("title", "key")
    serializer_class = SourceSerializer
    permission_classes = [ReadOnly]
    lookup_field = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"  # a SlugField: anything else (a NUL byte...) is a 404
    filter_backends: list = []
