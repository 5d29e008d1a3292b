"""Uploaded files served by Django, in development and the browser tests (in production the web
server serves MEDIA_ROOT with the same headers: deploy/nginx/). Only raster images may show in
the browser; everything else is a download, none may be sniffed into another type, and none
runs anything even when opened on its own (a `sandbox` policy)."""

import posixpath

from django.http import Http404
from django.views.static import serve

# Formats a browser shows as a picture and nothing else (SVG, which may hold scripts, is not one).
INLINE_CONTENT_TYPES = frozenset(
    {"image/avif", "image/gif", "image/jpeg", "image/png", "image/webp"}
)
MEDIA_POLICY = "default-src 'none'; sandbox"
# Wagtail's documents are served by its own view, which checks collections' privacy.
PRIVATE_PREFIXES = ("documents/",)


def protect(response):
    """The headers of an uploaded file, `response` as the storage or view made it."""
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in INLINE_CONTENT_TYPES:
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_POLICY
    return response


def serve_media(request, path, document_root=None):
    if posixpath.normpath(path).lstrip("/").startswith(PRIVATE_PREFIXES):
        raise Http404
    return protect(serve(request, path, document_root=document_root))
