"""Settings for the Gulag register, read from the environment (see README and .env.example).

Every setting that differs between machines comes from an environment variable; the helpers
below turn its text into the right type and fail loudly on a value they cannot read.
"""

import os
from pathlib import Path

import dj_database_url
import django.conf.locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    """Read a yes/no environment variable: 1/true/yes/on or 0/false/no/off (any case).

    Raises ImproperlyConfigured for any other value, so that a typo never silently turns a
    security setting off.
    """
    value = (os.environ.get(name) or default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value (use True or False).")


def envlist(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envstr(name: str, default):
    """Read an environment variable; unset or empty (as in a sourced .env.example) gives `default`."""
    return os.environ.get(name) or default


def default_database_url() -> str:
    """The project-local cluster started by `make run` (scripts/pg-local.sh) on its Unix socket."""
    socket_dir = BASE_DIR / "var" / "run"
    return f"postgis://postgres@/gulag_register?host={socket_dir}&port=5433"


DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 (refused below when DEBUG is off)
SECRET_KEY = envstr("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = envbool("DEBUG", "True")
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("With DEBUG=False, set SECRET_KEY to a random value of 32 characters or more.")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.gis",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "rest_framework.authtoken",
    "allauth",
    "allauth.account",
    "simple_history",
    "register.core",
    "register.audit",
    "register.accounts",
    "register.sources",
    "register.places",
    "register.operations",
    "register.people",
    "register.contributions",
    "register.texts",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "register.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "register.urls"
WSGI_APPLICATION = "register.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "register.core.context_processors.site",
                "register.accounts.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or default_database_url(),
        engine="django.contrib.gis.db.backends.postgis",
        conn_max_age=int(envstr("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("GDAL_LIBRARY_PATH"):
    GDAL_LIBRARY_PATH = os.environ["GDAL_LIBRARY_PATH"]
if os.environ.get("GEOS_LIBRARY_PATH"):
    GEOS_LIBRARY_PATH = os.environ["GEOS_LIBRARY_PATH"]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# The cache is shared by every web worker (the database), so that the rate limits and the log-in
# lock-out below count across processes; `migrate` creates its table (register/core migration).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "register_cache",
    }
}

# Accounts (issue 4): e-mail + password, e-mail verified before the first log-in (django-allauth).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "contributions:mine"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
# A password reset for an address with no account sends nothing (the page looks the same either way),
# so the form cannot be used to mail strangers.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Behind a reverse proxy, the number of proxies whose X-Forwarded-For entries are trusted, so that the
# per-address rate limits count each visitor, not the proxy (0: the connection's own address).
ALLAUTH_TRUSTED_PROXY_COUNT = int(envstr("TRUSTED_PROXY_COUNT", "0"))
# The internal username is random (never derived from the e-mail address); the sign-up form hides
# its honeypot from people and screen readers (register/accounts/adapter.py, forms.py).
ACCOUNT_ADAPTER = "register.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "register.accounts.forms.SignupForm"}
# A bot fills every field it sees; this one is hidden from people (allauth rejects such a sign-up).
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# Rate limits (allauth's syntax: count/period/key). `login_failed` is the lock-out: after 5 failed
# log-ins for one account within 15 minutes, further attempts are refused until the period passes.
ACCOUNT_RATE_LIMITS = {
    "signup": envstr("RATE_LIMIT_SIGNUP", "10/h/ip"),
    "login": envstr("RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": envstr("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/15m/key"),
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Contributions a contributor may send per hour (register/contributions/services.py).
SUBMISSIONS_PER_HOUR = int(envstr("SUBMISSIONS_PER_HOUR", "30"))
# Attached files: the largest accepted size in bytes (documents, photos, memoirs).
UPLOAD_MAX_BYTES = int(envstr("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
CONTENT_LICENCE_NAME = envstr(
    "CONTENT_LICENCE_NAME", "Creative Commons Attribution 4.0 International (CC BY 4.0)"
)  # the register's data and accepted contributions
CONTENT_LICENCE_URL = envstr("CONTENT_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
UPLOAD_MAX_FILES = int(envstr("UPLOAD_MAX_FILES", "10"))  # per submission, with the files of its answers
UPLOAD_MAX_TOTAL_BYTES = int(envstr("UPLOAD_MAX_TOTAL_BYTES", str(50 * 1024 * 1024)))  # per submission
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: printed on the console in development; set EMAIL_BACKEND (and EMAIL_HOST ...) in production.
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = int(envstr("EMAIL_PORT", "25"))
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Gulag register <noreply@localhost>")

# History of every public record (django-simple-history); who/why come from register/audit/context.py.
SIMPLE_HISTORY_REVERT_DISABLED = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The 24 official languages of the European Union, plus Russian, the language of the Soviet sources, and
# Ukrainian, spoken by many deportees' families (issue 5).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
]
# Django's language table lacks Maltese (no LANG_INFO entry, no catalogue, no formats): register it here,
# the documented way to add a language (docs/topics/i18n/translation "How Django discovers language
# preference"), so that get_language_info("mt"), the switcher and {% get_current_language %} know it.
# Its interface strings, including those of Django, DRF and allauth, come from locale/mt.
django.conf.locale.LANG_INFO.setdefault(
    "mt", {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"}
)
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switcher's choice is remembered for a year (Django's default cookie lasts the browser session).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Date and number formats of the languages Django has none for (Maltese), from the Unicode CLDR.
FORMAT_MODULE_PATH = ["register.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "False")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"

# Map: the offline base layer (Natural Earth outlines) is always drawn; the online tile layer is
# added on top when MAP_TILE_URL is not empty and the tiles load.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = envstr("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (58.0, 75.0),
    "DEFAULT_ZOOM": 3,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 16,
    "TILES": [],
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Tokens for scripts (contributors and moderators); the session for the browsable API.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gulag register API",
    "DESCRIPTION": "REST API of the open register of Gulag camps, prisons, deportation areas, "
    "deportation operations and people. Reading is open to all; contributors send submissions and "
    "moderators review them with a token (`Authorization: Token <key>`, from the account's API token page).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc are served from the sidecar package's static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `kind` field with different choices: name each set of choices.
    "ENUM_NAME_OVERRIDES": {
        "PlaceKindEnum": "register.places.models.PlaceKind",
        "NameKindEnum": "register.places.models.NameKind",
        "OperationKindEnum": "register.operations.models.OperationKind",
        "SourceKindEnum": "register.sources.models.SourceKind",
        "SubmissionKindEnum": "register.contributions.models.SubmissionKind",
        "SubmissionStatusEnum": "register.contributions.models.SubmissionStatus",
        "SubmitterRelationEnum": "register.contributions.models.SubmitterRelation",
        "AttachmentKindEnum": "register.contributions.models.AttachmentKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # GEOS reports every self-intersection it repairs in the Natural Earth outlines as a notice.
    # Django's own loggers print through the root handler only (not a second time through theirs).
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.contrib.gis": {"level": "ERROR"},
    },
}

if not DEBUG:
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "True")
    CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "True")
    LANGUAGE_COOKIE_SECURE = envbool("SECURE_COOKIES", "True")

# gis.W001: GDAL < 3.9 cannot block file and network access from a hostile spatial reference.
# The register never hands uploaded CRS text to GDAL: register/places/importers/crs.py accepts only
# EPSG codes and WKT it has parsed itself (see README, "Importing your own places file").
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# A person with no recorded death who was born less than this many years ago (or whose birth is not
# recorded) may still be alive: only the name and the repression facts are shown (issue 3).
PERSON_PRIVACY_YEARS = int(os.environ.get("PERSON_PRIVACY_YEARS", "100"))
