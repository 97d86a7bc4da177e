"""URLs of the API under /api/: version 1 (one router), the OpenAPI schema, Swagger UI and ReDoc."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from api.views import exports, people_export
from api.views.map import MapLocationViewSet
from api.views.operations import OperationViewSet
from api.views.people import PersonViewSet
from api.views.places import PlaceViewSet
from api.views.submissions import ModerationViewSet, SubmissionViewSet
from api.views.vocabularies import ActivityViewSet, KindViewSet, RegionViewSet, SourceViewSet

app_name = "api"

router = DefaultRouter()
router.register("places", PlaceViewSet, basename="place")
router.register("operations", OperationViewSet, basename="operation")
router.register("people", PersonViewSet, basename="person")
router.register("map/locations", MapLocationViewSet, basename="map-location")
router.register("kinds", KindViewSet, basename="kind")
router.register("activities", ActivityViewSet, basename="activity")
router.register("regions", RegionViewSet, basename="region")
router.register("sources", SourceViewSet, basename="source")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("moderation/submissions", ModerationViewSet, basename="moderation-submission")

urlpatterns = [
    path("v1/export/places.lpf.json", exports.places_lpf, name="export-places-lpf"),
    path("v1/export/places.csv", exports.places_csv, name="export-places-csv"),
    path("v1/export/figures.csv", exports.figures_csv, name="export-figures-csv"),
    path("v1/export/people.csv", people_export.people_csv, name="export-people-csv"),
    path("v1/places/<slug:public_id>/lpf/", exports.place_lpf, name="place-lpf"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
