"""Pages of persons: /people/ (name search) and /people/<public_id>/."""

from django.urls import path

from register.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_search, name="list"),
    path("<slug:public_id>/", views.person_detail, name="detail"),
]
