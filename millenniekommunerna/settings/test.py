"""Tests: fast hashing, in-memory mail, plain static storage, no .env surprises."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105  # nosec B105  # the test settings' own key
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The data generator of `devtools` is tested too (and the benchmarks use it).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# The browser tests run the site in a separate process with these settings: WhiteNoise serves
# static files straight from the apps (no collectstatic) and uploaded media is served too.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True

# The page cache is off for the suite, whose tests change data behind the signals' back
# (queryset updates, fixtures); core/tests/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
