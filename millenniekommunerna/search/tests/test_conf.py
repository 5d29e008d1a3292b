import os

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

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


def test_the_settings_use_the_backend_for_the_database_in_use():
    engine = settings.DATABASES["default"]["ENGINE"]
    assert search_backends(engine, os.environ) == settings.WAGTAILSEARCH_BACKENDS
