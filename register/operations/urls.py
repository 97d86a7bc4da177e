"""Pages of operations: /operations/ and /operations/<slug>/."""

from django.urls import path

from register.operations import views

app_name = "operations"
urlpatterns = [
    path("", views.operation_index, name="list"),
    path("<slug:slug>/", views.operation_detail, name="detail"),
]
