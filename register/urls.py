"""URL configuration: the pages, English at the unprefixed address and every other language under its
prefix (/lt/places/...; see register.core.middleware), and the API, admin and language switcher, which
have no prefix."""

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from register.core import views as core_views

# The admin signs in through the site's sign-in page, so that its rate limits and the lock-out after
# failed attempts (settings.ACCOUNT_RATE_LIMITS) protect staff accounts too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
]
urlpatterns += i18n_patterns(
    path("", include("register.core.urls")),
    path("places/", include("register.places.urls")),
    path("operations/", include("register.operations.urls")),
    path("people/", include("register.people.urls")),
    path("accounts/", include("register.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("contribute/", include("register.contributions.urls")),
    path("moderation/", include("register.contributions.moderation_urls")),
    path("history/", include("register.audit.urls")),
    prefix_default_language=False,
)
