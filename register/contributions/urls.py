"""URLs of register.contributions (filled in by issue 4's work)."""

app_name = "contributions"
urlpatterns = []
