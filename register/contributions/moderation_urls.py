"""URLs of the moderation queue (moderators only)."""

app_name = "moderation"
urlpatterns = []
