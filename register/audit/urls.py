"""URLs of register.audit (filled in by issue 4's work)."""

app_name = "audit"
urlpatterns = []
