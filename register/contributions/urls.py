"""URLs of contributors: new records, corrections, their own submissions, and attached files."""

from django.urls import path

from register.contributions import views

app_name = "contributions"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/new/", views.new_person, name="new_person"),
    path("place/new/", views.new_place, name="new_place"),
    path("<str:kind>/<str:key>/correct/", views.correct, name="correct"),
    path("submissions/<int:pk>/", views.detail, name="detail"),
    path("files/<uuid:pk>/", views.attachment_file, name="file"),
]
