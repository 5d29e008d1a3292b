"""Settings of the site the browser tests run: the test settings, served the way production
serves them, so that Lighthouse and the byte budget measure what visitors get.

- Static files are collected, hashed and precompressed (WhiteNoise's manifest storage, as in
  production), so they are sent compressed and with far-future cache headers.
- HTML is compressed by GZipMiddleware, standing in for the reverse proxy that compresses it in
  production (docs/deployment.md). Only here: in production the proxy does it.
"""

import os
from pathlib import Path

from millenniekommunerna.settings.test import *  # noqa: F403
from millenniekommunerna.settings.test import BASE_DIR, MIDDLEWARE, STORAGES

STATIC_ROOT = Path(os.environ.get("E2E_STATIC_ROOT", BASE_DIR / "var" / "e2e-static"))
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *MIDDLEWARE]
