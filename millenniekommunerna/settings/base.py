"""Settings shared by every environment. Safe for production by default: DEBUG is off and
everything secret or host-specific comes from the environment (or a local `.env`)."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from millenniekommunerna.search.conf import search_backends

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

load_dotenv(BASE_DIR / ".env")


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "millenniekommunerna.core",
    "millenniekommunerna.users",
    "millenniekommunerna.images",
    "millenniekommunerna.municipalities",
    "millenniekommunerna.goals",
    "millenniekommunerna.partnerships",
    "millenniekommunerna.stories",
    "millenniekommunerna.home",
    "millenniekommunerna.editorial",
    "millenniekommunerna.tips",
    "millenniekommunerna.subscriptions",
    "millenniekommunerna.maps",
    "millenniekommunerna.statistics",
    "millenniekommunerna.search",
    "millenniekommunerna.feeds",
    "millenniekommunerna.api",
    "millenniekommunerna.embeds",
    "millenniekommunerna.suggestions",
    "millenniekommunerna.reuse",
    "millenniekommunerna.collaborations",
    "millenniekommunerna.followup",
    "millenniekommunerna.backups",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Only for the Swagger UI files it bundles, so that the API docs load nothing from a CDN.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # When nginx's copy of a response ends, to the second (core.page_cache).
    "millenniekommunerna.core.page_cache.SharedCacheExpiryMiddleware",
    # The generation of the cached derived data, read once per request (core.derived_cache).
    "millenniekommunerna.core.derived_cache.GenerationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, static files and
    # cached pages included (docs/security.md).
    "millenniekommunerna.core.csp.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and 304 for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # The page cache (core.page_cache): stores here, on the way out...
    "millenniekommunerna.core.page_cache.PageCacheUpdateMiddleware",
    # The request's Wagtail site and its home page from the cache (core.sites).
    "millenniekommunerna.core.sites.SiteMiddleware",
    "millenniekommunerna.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous reads from the read replica when there is one (core.replica).
    "millenniekommunerna.core.replica.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # ...and answers from it here, once the session and the user are known.
    "millenniekommunerna.core.page_cache.PageCacheFetchMiddleware",
]

# Whole pages for anonymous visitors (core.page_cache), renewed at once on every publication.
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long shared caches in front (nginx, a CDN) may keep a page: a publication is visible
# everywhere within this.
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", "1"))
# Never cached: the admin and previews, the tip and contact forms (their CSRF token), the API
# (its own limits), the health check (it must say how things are now).
PAGE_CACHE_EXCLUDE = (
    "/admin/",
    "/django-admin/",
    "/tipsa/",
    "/en/tipsa/",
    "/kontakta/",
    "/en/kontakta/",
    "/folj/",
    "/en/folj/",
    "/api/",
    "/documents/",
    "/healthz",
)

ROOT_URLCONF = "millenniekommunerna.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "millenniekommunerna.core.context_processors.navigation",
                "millenniekommunerna.core.context_processors.published_content_key",
            ],
        },
    },
]

WSGI_APPLICATION = "millenniekommunerna.wsgi.application"

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL (or anything
# dj-database-url understands).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A kept connection (DB_CONN_MAX_AGE) is tested before a request uses it, so that the
        # first request after a database restart gets a new connection instead of a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # While the database cannot be reached a request fails within this, never hangs.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DB_CONNECT_TIMEOUT", "5")
    )
# A PostgreSQL read replica for anonymous visitors' reads (core.replica), if there is one.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
    # The test database is the primary's: the routing is tested, not the replication.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["millenniekommunerna.core.replica.ReplicaRouter"]
# Seconds after a change during which every request reads the primary (the replica's lag).
REPLICA_CATCH_UP = float(os.environ.get("REPLICA_CATCH_UP", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    # Overlapping admin requests (an editor's save while the editor autosaves): take the write
    # lock at the start of a transaction and wait for it, instead of failing with "database is
    # locked" when a read transaction tries to become a write.
    DATABASES["default"]["OPTIONS"].update({"transaction_mode": "IMMEDIATE", "timeout": 20})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but Redis being unreachable is a cache miss, not a 500
            # (core.cache_backends).
            "BACKEND": "millenniekommunerna.core.cache_backends.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mk",
            "OPTIONS": {
                # Seconds; a Redis that does not answer costs a request at most this per call.
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "millenniekommunerna",
        }
    }

# Sessions in the database, never only in the cache: editors stay signed in while Redis
# restarts (docs/operations.md).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Swedish first, English too.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# The project's catalogue first (makemessages writes there); then the admin's (Wagtail's) strings
# in Swedish where Wagtail's own catalogue lacks them or words them differently
# (admin_translations/README.md). Both come before every app's catalogue.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "admin_translations" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# The model behind the goal suggestions in the story editor (`manage.py train_goal_suggestions`).
GOAL_SUGGESTIONS_MODEL_PATH = Path(
    os.environ.get("GOAL_SUGGESTIONS_MODEL_PATH", BASE_DIR / "var" / "goal-suggestions.joblib")
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Millenniekommunerna"
# The site's public address (scheme, host, port): every absolute URL starts from it
# (core.public_url). Unset, links follow the address a request came in on.
PUBLIC_ROOT_URL = os.environ.get("PUBLIC_ROOT_URL", "").rstrip("/")
# Links in e-mails sent from the admin (password, workflow notifications).
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL") or PUBLIC_ROOT_URL or "http://127.0.0.1:8000"
)
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
# Says to choose the file again when an upload comes back with another error.
WAGTAILIMAGES_IMAGE_FORM_BASE = "millenniekommunerna.images.forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Documents go through Wagtail's view (which checks collection privacy), always as downloads
# with nosniff and a `default-src 'none'` policy, never shown inline in the site's origin; the
# web server refuses /media/documents/ (docs/security.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Swedish full-text search: stemming on SQLite and PostgreSQL, or a search cluster when
# SEARCH_URL is set (see millenniekommunerna/search/conf.py).
WAGTAILSEARCH_BACKENDS = search_backends(DATABASES["default"]["ENGINE"], os.environ)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_COMMENTS_ENABLED = True

# Editorial workflow (millenniekommunerna.editorial): notifications, login throttling
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@millenniekommunerna.se")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_USER_LOGIN_FORM = "millenniekommunerna.editorial.forms.ThrottledLoginForm"
# Avatars from Gravatar would load from another host and hand it a hash of each editor's email.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Failed logins per user name and address, and per address alone, in LOGIN_FAILURE_PERIOD s.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_LIMIT_PER_IP = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_IP", "50"))
LOGIN_FAILURE_PERIOD = int(os.environ.get("LOGIN_FAILURE_PERIOD", str(15 * 60)))
# Reverse proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Story tips at /tipsa/ (millenniekommunerna.tips)
TIPS_RATE_LIMIT = int(os.environ.get("TIPS_RATE_LIMIT", "10"))  # submissions per address …
TIPS_RATE_PERIOD = int(os.environ.get("TIPS_RATE_PERIOD", str(60 * 60)))  # … per this many s
TIPS_RETENTION_DAYS = int(os.environ.get("TIPS_RETENTION_DAYS", "180"))
TIPS_IMAGE_MAX_BYTES = int(os.environ.get("TIPS_IMAGE_MAX_BYTES", str(10 * 1024 * 1024)))
TIPS_IMAGE_MAX_PIXELS = int(os.environ.get("TIPS_IMAGE_MAX_PIXELS", "50000000"))

# Messages to a story's municipality at /kontakta/<id>/ (millenniekommunerna.reuse)
CONTACT_RATE_LIMIT = int(os.environ.get("CONTACT_RATE_LIMIT", "5"))  # messages per address …
CONTACT_RATE_PERIOD = int(os.environ.get("CONTACT_RATE_PERIOD", str(60 * 60)))  # … per period
# Messages to one municipality per 24 hours, whoever sends them.
CONTACT_MESSAGES_PER_MUNICIPALITY = int(os.environ.get("CONTACT_MESSAGES_PER_MUNICIPALITY", "30"))

# Follow by email at /folj/ (millenniekommunerna.subscriptions)
SUBSCRIPTIONS_RATE_LIMIT = int(os.environ.get("SUBSCRIPTIONS_RATE_LIMIT", "10"))  # forms …
SUBSCRIPTIONS_RATE_PERIOD = int(os.environ.get("SUBSCRIPTIONS_RATE_PERIOD", str(60 * 60)))
# Confirmation mails to one address per 24 hours, whoever asks.
SUBSCRIPTIONS_MAILS_PER_ADDRESS = int(os.environ.get("SUBSCRIPTIONS_MAILS_PER_ADDRESS", "3"))
# Days before an address that was never confirmed is deleted.
SUBSCRIPTIONS_UNCONFIRMED_DAYS = int(os.environ.get("SUBSCRIPTIONS_UNCONFIRMED_DAYS", "7"))

# Open data (the API under /api/v1/, the exports and /oppna-data/)
OPEN_DATA_LICENCE_NAME = os.environ.get("OPEN_DATA_LICENCE_NAME", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# Requests per client address (see TRUSTED_PROXY_COUNT) per window; 0 turns the limit off.
# Shared between processes only when the cache is (REDIS_URL).
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "120"))
API_RATE_LIMIT_WINDOW = int(os.environ.get("API_RATE_LIMIT_WINDOW", "60"))

# Filtered story listings and searches that the cache cannot answer, per client address (see
# TRUSTED_PROXY_COUNT) per EXPENSIVE_RATE_PERIOD seconds; more get 429 and Retry-After. Never
# counted: cached answers and signed-in editors. 0 turns the limit off (here, so development
# and tests run without it); settings.production turns it on. Counted by django-ratelimit in
# the cache (core.ratelimit), shared between processes only when the cache is (REDIS_URL).
EXPENSIVE_RATE_LIMIT = int(os.environ.get("EXPENSIVE_RATE_LIMIT", "0"))
EXPENSIVE_RATE_PERIOD = int(os.environ.get("EXPENSIVE_RATE_PERIOD", "60"))
# When the cache cannot count (Redis unreachable), every limit lets the request through rather
# than refusing everyone: the limits protect the site's capacity, not a secret.
RATELIMIT_FAIL_OPEN = True

# Security headers (docs/security.md). The public site: everything from the site itself,
# scripts only from its files. Style attributes are allowed (the goals' colours come from the
# database); <style> elements only with the hash of the one in the error pages
# (templates/errors/base.html, which must work without static files).
ERROR_PAGE_STYLE_HASH = "'sha256-3UtINEUyhSm37W19TaE8vcgbKlzevmWJ0P+Fq9aLI/o='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", ERROR_PAGE_STYLE_HASH],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Replaced by what X-Frame-Options says (core.csp).
        "frame-ancestors": ["'none'"],
    }
}
# Who may frame the embeds (/inbaddning/…, millenniekommunerna.embeds), and nothing else:
# any site by default, since any municipality's website may show them; a list of sources
# (`https://*.se https://example.org`) narrows it.
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS", "*")
# Wagtail's admin: its own, looser policy; each relaxation and its reason in docs/security.md.
CSP_ADMIN_PREFIXES = ("/admin/",)
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Browser features the site never uses, refused to it and to anything it might frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Logging: everything to stderr; the process manager collects it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        # Wagtail logs every page creation and django-tasks every background task at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
