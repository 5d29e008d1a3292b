import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from wagtail.search.backends import get_search_backend

from millenniekommunerna.search.conf import search_backends


def test_sqlite_uses_the_swedish_stemming_backend():
    backends = search_backends("django.db.backends.sqlite3", {})
    assert backends == {
        "default": {"BACKEND": "millenniekommunerna.search.backends.sqlite_swedish"}
    }


def test_postgresql_uses_the_swedish_configuration():
    backend = search_backends("django.db.backends.postgresql", {})["default"]
    assert backend["BACKEND"] == "millenniekommunerna.search.backends.postgres_swedish"
    assert backend["SEARCH_CONFIG"] == "swedish"


def test_search_url_switches_to_a_search_cluster_with_swedish_analysis():
    backend = search_backends(
        "django.db.backends.postgresql",
        {"SEARCH_URL": "https://search.example:9200, https://search2.example:9200"},
    )["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert backend["URLS"] == ["https://search.example:9200", "https://search2.example:9200"]
    assert backend["INDEX"] == "millenniekommunerna"
    analyzer = backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert analyzer == {"type": "swedish"}

    elastic = search_backends(
        "django.db.backends.sqlite3",
        {"SEARCH_URL": "http://localhost:9200", "SEARCH_BACKEND": "elasticsearch8"},
    )["default"]
    assert elastic["BACKEND"] == "wagtail.search.backends.elasticsearch8"


def test_an_unknown_search_backend_is_refused():
    with pytest.raises(ImproperlyConfigured, match="SEARCH_BACKEND"):
        search_backends("django.db.backends.sqlite3", {"SEARCH_URL": "x", "SEARCH_BACKEND": "solr"})


def test_another_database_uses_wagtails_database_backend():
    backends = search_backends("django.db.backends.mysql", {})
    assert backends == {"default": {"BACKEND": "wagtail.search.backends.database"}}


def test_a_cluster_index_and_timeout_come_from_the_environment():
    backend = search_backends(
        "django.db.backends.sqlite3",
        {"SEARCH_URL": "http://localhost:9200", "SEARCH_INDEX": "mk", "SEARCH_TIMEOUT": "20"},
    )["default"]
    assert (backend["INDEX"], backend["TIMEOUT"]) == ("mk", 20)
    assert (
        search_backends("django.db.backends.sqlite3", {"SEARCH_URL": "http://localhost:9200"})[
            "default"
        ]["TIMEOUT"]
        == 5
    )


# The test settings read no SEARCH_URL: the backend follows the database the tests run on.
EXPECTED_SETTINGS = {
    "sqlite": {"default": {"BACKEND": "millenniekommunerna.search.backends.sqlite_swedish"}},
    "postgresql": {
        "default": {
            "BACKEND": "millenniekommunerna.search.backends.postgres_swedish",
            "SEARCH_CONFIG": "swedish",
        }
    },
}
# By name: each backend module can only be imported on its own database.
EXPECTED_CLASS = {
    "sqlite": "millenniekommunerna.search.backends.sqlite_swedish.SwedishSQLiteSearchBackend",
    "postgresql": "millenniekommunerna.search.backends.postgres_swedish.SwedishPostgresSearchBackend",
}


def test_the_settings_use_the_swedish_backend_for_the_database_in_use():
    backends = settings.WAGTAILSEARCH_BACKENDS
    assert backends == EXPECTED_SETTINGS[connection.vendor]
    backend = type(get_search_backend())
    assert f"{backend.__module__}.{backend.__qualname__}" == EXPECTED_CLASS[connection.vendor]
