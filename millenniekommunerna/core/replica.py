"""Reads from a PostgreSQL read replica (DATABASE_REPLICA_URL), when the site has one.

Anonymous visitors' GET and HEAD requests read from the replica; everything else reads and
writes the primary: editors (a session), the admin, forms (POST), and management commands.
Streaming replication lags a little behind the primary, and the page cache would keep a page
rendered from the replica's older data under the generation that a publication has just
begun (core.derived_cache): so for REPLICA_CATCH_UP seconds after any change, every request
reads the primary, and the cached pages and fragments of the new generation are rendered from
data that has the change.

Django's database routers decide per query, without the request; the middleware tells the
router about the request through a context variable."""

import contextvars

from django.conf import settings

from . import derived_cache

REPLICA = "replica"
_use_replica = contextvars.ContextVar("use_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _use_replica.get() else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data, whichever copy it came from

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def may_read_replica(request) -> bool:
    if not has_replica() or request.method not in ("GET", "HEAD"):
        return False
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return False
    if request.path_info.startswith(("/admin/", "/django-admin/")):
        return False
    since = derived_cache.seconds_since_change(derived_cache.generation())
    return since is not None and since >= settings.REPLICA_CATCH_UP


class ReplicaMiddleware:
    """Lets the router send this request's reads to the replica, or not (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _use_replica.set(may_read_replica(request))
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)
