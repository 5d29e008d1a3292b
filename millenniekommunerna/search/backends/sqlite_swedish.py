"""Wagtail's SQLite full-text backend, made to understand Swedish.

Why this exists: SQLite's FTS5 tokenizer (unicode61) folds case and diacritics but has no
Swedish stemmer, so on the embedded default database `skolor` would not find `skola`, nor
`partnerskapet` `partnerskap`. PostgreSQL gets this from its `swedish` text-search
configuration; here the same Snowball algorithm (PyStemmer) is applied in Python, to the text
when it is indexed and to the query, so FTS5 compares stems with stems.

Also different from the stock backend:
- a query is only ever the words of `millenniekommunerna.core.swedish.WORD` (letters and digits),
  so FTS5 syntax in user input (`"`, `NEAR(`, `*`, `OR`) cannot reach MATCH, and a query left
  with no words matches nothing instead of raising;
- ranking weighs the title column (the FTS table's `title`) above the body with BM25 column
  weights, where the stock backend weighs every column alike;
- the FTS table is joined to the searched rows, so the MATCH runs once per search, where the
  stock backend reruns it for every matching row to score it (seconds for a common word).

Autocomplete is left as it is (prefixes of unstemmed words), as PostgreSQL does with `simple`.
"""

from django.db.models import Expression, F, FloatField, Func
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import (
    MatchExpression,
    SearchQueryField,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from millenniekommunerna.core.swedish import stem_text

# BM25 weights of the FTS5 table's columns, in their order: autocomplete, body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 4.0)


class SwedishObjectIndexer(ObjectIndexer):
    """Indexes the stems of the title and body text instead of the words themselves, and
    reads an object's related objects once for all three columns (the stock indexer walks
    them once per column)."""

    @cached_property
    def _texts(self) -> dict[str, list[str]]:
        texts = {"title": [], "body": [], "autocomplete": []}
        for field in self.search_fields:
            for current_field, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, SearchField):
                    column = "title" if current_field.field_name == "title" else "body"
                    texts[column].append(value)
                elif isinstance(current_field, AutocompleteField):
                    texts["autocomplete"].append(value)
        return texts

    @cached_property
    def title(self):
        return stem_text(" ".join(self._texts["title"]))

    @cached_property
    def body(self):
        return stem_text(" ".join(self._texts["body"]))

    @cached_property
    def autocomplete(self):
        return " ".join(self._texts["autocomplete"])


class SwedishSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        # The stock add_items with SwedishObjectIndexer in place of ObjectIndexer.
        if not model.get_search_fields():
            return
        indexers = [SwedishObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class WeightedBM25(Func):
    """`bm25(fts_table, w_autocomplete, w_body, w_title)`: lower is better, as in FTS5."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        weights = ", ".join(str(float(w)) for w in COLUMN_WEIGHTS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class FTSQuery(Expression):
    """A ready FTS5 query string, passed to MATCH as a parameter."""

    def __init__(self, text):
        super().__init__(output_field=SearchQueryField())
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


def _fts_query(query) -> str | None:
    """The FTS5 query for a Wagtail search query, of stems in double quotes (stems are letters
    and digits only); None when it has no words and so can match nothing."""
    if isinstance(query, PlainText):
        stems = list(dict.fromkeys(stem_text(query.query_string).split()))
        if not stems:
            return None
        operator = " AND " if query.operator.upper() == "AND" else " OR "
        return "(" + operator.join(f'"{stem}"' for stem in stems) + ")"
    if isinstance(query, Phrase):
        stems = stem_text(query.query_string)
        return f'"{stems}"' if stems else None
    if isinstance(query, And):
        parts = [_fts_query(subquery) for subquery in query.subqueries]
        return None if None in parts else "(" + " AND ".join(parts) + ")"
    if isinstance(query, Or):
        # The inflected forms of a word often share a stem: each is asked once.
        parts = list(dict.fromkeys(p for p in map(_fts_query, query.subqueries) if p))
        return "(" + " OR ".join(parts) + ")" if parts else None
    raise NotImplementedError(f"{type(query).__name__} is not supported by this backend.")


class SwedishSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        text = _fts_query(query)
        return None if text is None else FTSQuery(text)

    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()

    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if isinstance(query, Not) or not _integer_pk(self.queryset.model):
            return super().search(config, start, stop, score_field=score_field)
        if isinstance(query, MatchAll):
            return self.queryset[start:stop]
        if not isinstance(query, (PlainText, Phrase, And, Or)):
            return super().search(config, start, stop, score_field=score_field)
        if _fts_query(query) is None:
            return self.queryset.none()
        # The stock search finds the rows with `pk IN (SELECT object_id FROM fts …)` and scores
        # each with a correlated subquery that reruns the whole MATCH for every row: seconds for
        # a common word in 10 000 stories. Here the FTS table is joined instead, so SQLite runs
        # the MATCH once, follows each hit to its row by primary key, and bm25() is computed in
        # the same pass.
        model = self.queryset.model
        fts = SQLiteFTSIndexEntry._meta.db_table
        entries = IndexEntry._meta.db_table
        pk = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
        content_types = ", ".join(str(int(pk)) for pk in get_descendants_content_types_pks(model))
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        compiler = SQLiteFTSIndexEntry.objects.all().query.get_compiler(using=self.queryset.db)
        match_sql, match_params = match.as_sql(compiler, compiler.connection)
        weights = ", ".join(str(float(w)) for w in COLUMN_WEIGHTS)
        score_field = score_field or ("_score" if self.order_by_relevance else None)
        # Only table and column names from the models and integers are put into the SQL; the
        # visitor's words are in match_params.
        queryset = self.queryset.extra(  # noqa: S610  # nosec B610  # nosemgrep: raw-sql-built-from-strings
            tables=[entries, fts],
            where=[
                f"{fts}.rowid = {entries}.id",
                # The unary + keeps SQLite from starting at the content-type index and
                # running the MATCH once per index entry (100 ms instead of 2 at 1 000).
                f"+{entries}.content_type_id IN ({content_types})",
                f"{pk} = CAST({entries}.object_id AS INTEGER)",
                match_sql,
            ],
            params=match_params,
            select={score_field: f"bm25({fts}, {weights})"} if score_field else None,
        )
        if self.order_by_relevance:
            queryset = queryset.order_by(score_field, "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]

    def matching(self, config):
        """The rows that match, as a queryset that can also serve as a subquery (the search
        queryset names the FTS tables in raw SQL and must stay at the top of a query)."""
        query = normalize(self.query)
        if isinstance(query, Not) or not isinstance(query, (PlainText, Phrase, And, Or)):
            return self.search(config, None, None)
        if _fts_query(query) is None:
            return self.queryset.none()
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        content_types = get_descendants_content_types_pks(self.queryset.model)
        ids = (
            SQLiteFTSIndexEntry.objects.filter(match)
            # + 0: as above, start at the MATCH rather than at the content-type index.
            .annotate(_content_type=F("index_entry__content_type_id") + 0)
            .filter(_content_type__in=content_types)
            .values("index_entry__object_id")
        )
        return self.queryset.filter(pk__in=ids)


def _integer_pk(model) -> bool:
    field = model._meta.pk
    while field.is_relation:  # a page's pk is its link to wagtailcore_page
        field = field.target_field
    return field.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"}


class SwedishSQLiteSearchResults(SQLiteSearchResults):
    def matching_queryset(self):
        """All matching rows, unordered, usable inside other queries (facet counts)."""
        return self.query_compiler.matching(self.query_compiler.get_config(self.backend))


class SwedishSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = SwedishSQLiteSearchQueryCompiler
    results_class = SwedishSQLiteSearchResults
    index_class = SwedishSQLiteIndex


SearchBackend = SwedishSQLiteSearchBackend
