"""Local development: DEBUG on, a throw-away key, mail written to files in var/mail/."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env_list

DEBUG = True
# Only for local development; production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Every mail (the digests, confirmations, editors' notifications) as a file to open and read;
# EMAIL_FILE_PATH or the environment's EMAIL_BACKEND chooses otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
# `manage.py generate_stories` (made-up stories for trying the site with a lot of data).
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
