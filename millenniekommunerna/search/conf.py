"""Which search backend the site uses, chosen from the environment and the database.

Imported by the settings, so it must not import Django models.

- `SEARCH_URL` set: an OpenSearch or Elasticsearch cluster (`SEARCH_BACKEND` says which client
  and version, default `opensearch2`; `SEARCH_INDEX` names the index), with Swedish analysis.
  For large installations; `manage.py update_index` fills it.
- PostgreSQL: Wagtail's PostgreSQL backend with the `swedish` text-search configuration (and
  two fixes, see `backends/postgres_swedish.py`).
- SQLite: the Swedish-stemming FTS5 backend of this app (see `backends/sqlite_swedish.py`).
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

CLUSTER_BACKENDS = {
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}
SQLITE_BACKEND = "millenniekommunerna.search.backends.sqlite_swedish"
POSTGRES_BACKEND = "millenniekommunerna.search.backends.postgres_swedish"
DATABASE_BACKEND = "wagtail.search.backends.database"
POSTGRES_SEARCH_CONFIG = "swedish"

# OpenSearch and Elasticsearch have a built-in `swedish` analyser (Snowball stemmer and stop
# words); Wagtail's mapping leaves full-text fields to the index's default analyser.
CLUSTER_INDEX_SETTINGS = {
    "settings": {"analysis": {"analyzer": {"default": {"type": "swedish"}}}},
}


def search_backends(database_engine: str, environ: Mapping[str, str]) -> dict:
    """The value of WAGTAILSEARCH_BACKENDS."""
    url = environ.get("SEARCH_URL", "").strip()
    if url:
        name = environ.get("SEARCH_BACKEND", "opensearch2").strip() or "opensearch2"
        if name not in CLUSTER_BACKENDS:
            raise ImproperlyConfigured(
                f"SEARCH_BACKEND={name!r} is not one of {', '.join(sorted(CLUSTER_BACKENDS))}."
            )
        return {
            "default": {
                "BACKEND": CLUSTER_BACKENDS[name],
                "URLS": [u.strip() for u in url.split(",") if u.strip()],
                "INDEX": environ.get("SEARCH_INDEX", "millenniekommunerna").strip(),
                "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
                "OPTIONS": {},
                "INDEX_SETTINGS": CLUSTER_INDEX_SETTINGS,
            }
        }
    if database_engine.endswith("sqlite3"):
        return {"default": {"BACKEND": SQLITE_BACKEND}}
    if "postgresql" in database_engine or "postgis" in database_engine:
        return {"default": {"BACKEND": POSTGRES_BACKEND, "SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG}}
    return {"default": {"BACKEND": DATABASE_BACKEND}}
