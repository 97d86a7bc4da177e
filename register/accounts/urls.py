"""URLs of register.accounts (filled in by issue 4's work)."""

app_name = "accounts"
urlpatterns = []
