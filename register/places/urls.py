"""Pages of places: /places/ (search and list) and /places/<public_id>/."""

from django.urls import path

from register.places import views

app_name = "places"
urlpatterns = [
    path("", views.place_search, name="list"),
    path("<slug:public_id>/", views.place_detail, name="detail"),
]
