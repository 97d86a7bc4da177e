"""The home page with the map and the "About the data" page."""

from django.urls import path

from register.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about_data"),
]
