"""URL configuration: pages (language-prefix free, language from the session/cookie), API and admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("register.core.urls")),
    path("places/", include("register.places.urls")),
    path("operations/", include("register.operations.urls")),
    path("people/", include("register.people.urls")),
    path("accounts/", include("register.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("contribute/", include("register.contributions.urls")),
    path("moderation/", include("register.contributions.moderation_urls")),
    path("history/", include("register.audit.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
