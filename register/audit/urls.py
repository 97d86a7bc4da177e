"""URLs of the moderators' history pages (mounted at /history/)."""

from django.urls import path

from register.audit import views

app_name = "audit"
urlpatterns = [
    path("imports/", views.import_runs, name="imports"),
    path("imports/<int:run_id>/rollback/", views.import_rollback, name="import_rollback"),
    path("<str:kind>/<str:key>/", views.record_history, name="record"),
    path("<str:kind>/<str:key>/restore/<int:history_id>/", views.record_restore_view, name="restore"),
]
