"""Reads from a read replica (core.replica): which requests may, and the router's answers."""

import pytest
from django.test import RequestFactory

from millenniekommunerna.core import derived_cache, replica


@pytest.fixture
def with_replica(settings, monkeypatch):
    # DATABASE_REPLICA_URL set: settings.base adds the "replica" database and the router.
    monkeypatch.setattr(replica, "has_replica", lambda: True)
    settings.REPLICA_CATCH_UP = 5
    return settings


def request(method="get", path="/berattelser/", cookies=None):
    made = getattr(RequestFactory(), method)(path)
    made.COOKIES.update(cookies or {})
    return made


def changed_seconds_ago(monkeypatch, seconds):
    token = derived_cache._new_token()
    monkeypatch.setattr(derived_cache, "generation", lambda: token)
    now = derived_cache.time.time()
    monkeypatch.setattr(derived_cache.time, "time", lambda: now + seconds)


def test_an_anonymous_visitors_get_reads_the_replica_once_it_has_caught_up(
    with_replica, monkeypatch
):
    changed_seconds_ago(monkeypatch, 60)
    assert replica.may_read_replica(request())
    assert replica.may_read_replica(request("head"))


def test_just_after_a_change_everyone_reads_the_primary(with_replica, monkeypatch):
    # The replica may not have the change yet, and the page cache would keep what it rendered.
    changed_seconds_ago(monkeypatch, 1)
    assert not replica.may_read_replica(request())


def test_editors_forms_and_the_admin_read_the_primary(with_replica, monkeypatch):
    changed_seconds_ago(monkeypatch, 60)
    assert not replica.may_read_replica(request("post", "/tipsa/"))
    assert not replica.may_read_replica(request(cookies={"sessionid": "abc"}))
    assert not replica.may_read_replica(request(path="/admin/pages/"))


def test_without_a_replica_nothing_is_routed(settings, monkeypatch):
    changed_seconds_ago(monkeypatch, 60)
    assert not replica.has_replica()
    assert not replica.may_read_replica(request())


def test_the_router_sends_reads_where_the_middleware_said_and_writes_to_the_primary(
    with_replica, monkeypatch
):
    router = replica.ReplicaRouter()
    seen = {}

    def view(req):
        seen["read"] = router.db_for_read(None)
        seen["write"] = router.db_for_write(None)
        return None

    changed_seconds_ago(monkeypatch, 60)
    replica.ReplicaMiddleware(view)(request())
    assert seen == {"read": "replica", "write": "default"}
    replica.ReplicaMiddleware(view)(request("post"))
    assert seen == {"read": None, "write": "default"}  # None: Django's default database
    assert router.db_for_read(None) is None  # nothing left over after the request
    assert router.allow_migrate("replica", "stories") is False
    assert router.allow_migrate("default", "stories") is True


def test_a_generation_token_tells_when_the_data_changed():
    token = derived_cache._new_token()
    assert 0 <= derived_cache.seconds_since_change(token) < 5
    assert derived_cache.seconds_since_change("not-a-token") is None
    assert derived_cache.seconds_since_change(None) is None
