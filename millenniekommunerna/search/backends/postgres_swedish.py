"""Wagtail's PostgreSQL full-text backend with the `swedish` configuration, with two fixes so
that it answers like the SQLite backend of this app.

Why this exists:
- PostgreSQL's parser reads `HIV/Aids` or `50/50` as one file-path token, so `aids` would not
  find a story about HIV/Aids. Text is indexed with a space around such slashes.
- The stock ranking multiplies a title match by `title_norm`, the average title length over
  every indexed object (mostly short municipality and goal names) divided by this title's
  length, so a story whose long title has the word ranks below one that only has it in the
  body. Here a title match simply weighs TITLE_WEIGHT times a body match.
"""

import re

from django.db.models import F
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    InsertQuery,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.utils import get_content_type_pk

TITLE_WEIGHT = 4.0

_SLASH_BETWEEN_WORDS = re.compile(r"(?<=\w)/(?=\w)")


class SwedishObjectIndexer(ObjectIndexer):
    def prepare_value(self, value):
        return _SLASH_BETWEEN_WORDS.sub(" / ", super().prepare_value(value))


class SwedishPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        # The stock add_items with SwedishObjectIndexer in place of ObjectIndexer.
        if not model.get_search_fields():
            return
        indexers = [SwedishObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        table = IndexEntry._meta.db_table
        # Only the model's table name and the SQL the compiler made for each value go into the
        # string; the values themselves are parameters.
        with self.write_connection.cursor() as cursor:
            cursor.execute(  # nosemgrep: raw-sql-built-from-strings
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "  # nosec B608
                f"title_norm, title_text, body_text) (VALUES {', '.join(rows)}) "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                "title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, "
                "body = EXCLUDED.body, title_text = EXCLUDED.title_text, "
                "body_text = EXCLUDED.body_text",
                params,
            )
        # No _refresh_title_norms() here, unlike the stock add_items: it averages the title
        # length over the whole index on every save, for a title_norm that this backend's
        # ranking (get_index_vectors below) does not use.


class SwedishPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_index_vectors(self, search_query):
        return [
            (F("index_entries__title"), TITLE_WEIGHT),
            (F("index_entries__body"), 1.0),
        ]


class SwedishPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = SwedishPostgresSearchQueryCompiler
    index_class = SwedishPostgresIndex

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "swedish", **params})


SearchBackend = SwedishPostgresSearchBackend
