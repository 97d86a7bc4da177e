"""URLs of the account pages (namespace "accounts"); allauth's come after these under /accounts/,
so none of these paths may be one of allauth's (login/, signup/, email/, password/...)."""

from django.urls import path

from register.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("api-token/", views.token, name="token"),
    path("api-token/<str:action>/", views.token_action, name="token_action"),
    path("my-data/", views.data, name="data"),
    path("delete/", views.delete, name="delete"),
]
