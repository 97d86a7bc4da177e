"""URLs of the moderation queue (moderators only)."""

from django.urls import path

from register.contributions import moderation_views as views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("submissions/<int:pk>/", views.detail, name="detail"),
]
