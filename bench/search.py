"""Search latency as the number of stories grows, on the database in DATABASE_URL.

    DATABASE_URL=sqlite:///var/bench-search.sqlite3 .venv/bin/python bench/search.py \
        --stories 1000,10000,100000

For each story count the scratch database is filled up to that count with the shared story
generator (bench/pages.py's set-up: a scratch database only, see bench/README.md), the new
stories are added to the search index (timed), and then, for every query in QUERIES:

- `backend`: Wagtail's search backend alone: the first 12 matches and the count of all of them
  (what the site did before it bounded broad words);
- `search narrow` / `search broad`: the whole search page `/sok/?q=…` through Django's test
  client, without the page cache: search, facet counts, the "did you mean" for empty results,
  rendering. Narrow: words in at most MAX_TEXT_CANDIDATES (1 000) stories, all of them ranked
  and counted; broad: in more, so the newest 1 000 are;
- `listing`: the story listing with facets chosen, `/berattelser/?…` (no text search), its
  facets from the derived-data cache after the warm-up; `listing, cold`: the same right after a
  publication, every derived entry built again.

Each is run --warmup times untimed and --requests times timed; p50 and p95 are over all the
timed runs of all queries of a kind together. The number of database queries of a page is
counted too: it must not change with the number of stories.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import pages  # noqa: E402  (bench/pages.py: the scratch database and the generator)

# What people search for: topics of the generated stories, places, inflected forms, a question,
# a misspelling and a word that is in nearly every story.
QUERIES = [
    "matsvinn",
    "matsvinnet",
    "biogas",
    "skolor",
    "Kenya",
    "Kisumu",
    "jämställdhet",
    "solceller på taken",
    "räddningstjänst",
    "Östhammar",
    "vad gör kommunerna mot matsvinn",
    "kisumo",
    "kommunen",
]
# What each figure times (bench/README.md).
NAMES = {
    "backend": "backend (all matches counted)",
    "narrow": "search page, narrow words",
    "broad": "search page, broad words",
    "listing": "faceted listing",
    "listing_cold": "faceted listing after a publication",
}
COLUMNS = {
    "backend": "backend",
    "narrow": "search narrow",
    "broad": "search broad",
    "listing": "listing",
    "listing_cold": "listing, cold",
}
LISTINGS = [
    "mal=sdg-12",
    "mal=sdg-13&land=ke",
    "lan=uppsala&millenniekommun=ja",
    "ar=2015&mal=mdg-7",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", default="1000,10000", help="Counts, ascending (1000,10000).")
    parser.add_argument("--requests", type=int, default=5, help="Timed runs per query (5).")
    parser.add_argument("--warmup", type=int, default=1, help="Untimed runs per query (1).")
    parser.add_argument("--seed", type=int, default=2026, help="Generator seed (2026).")
    parser.add_argument("--batch-size", type=int, default=1000, help="Generator batch (1000).")
    parser.add_argument("--reset", action="store_true", help="Empty the scratch database first.")
    parser.add_argument("--i-know", action="store_true", help="See bench/pages.py --i-know.")
    parser.add_argument("--debug", action="store_true", help="Keep DEBUG (and its query log).")
    args = parser.parse_args(argv)
    try:
        args.counts = sorted({int(c.replace("_", "")) for c in args.stories.split(",") if c})
    except ValueError:
        parser.error("--stories takes numbers separated by commas, e.g. 1000,10000")
    return args


def index_new_stories() -> tuple[int, float]:
    """Add the stories the index does not have yet, as `update_index` would, in chunks."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import IntegerField
    from django.db.models.functions import Cast
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from millenniekommunerna.stories.models import StoryPage

    backend = get_search_backend()
    content_type = ContentType.objects.get_for_model(StoryPage)
    indexed = (
        IndexEntry.objects.filter(content_type=content_type)
        .annotate(pk_int=Cast("object_id", output_field=IntegerField()))
        .values("pk_int")
    )
    missing = StoryPage.get_indexed_objects().exclude(pk__in=indexed).order_by("pk")
    total = missing.count()
    started, done = time.perf_counter(), 0
    while True:
        chunk = list(missing[:1000])
        if not chunk:
            break
        backend.add_bulk(StoryPage, chunk)
        done += len(chunk)
        rate = done / (time.perf_counter() - started)
        print(f"\r indexing {done}/{total} ({rate:.0f}/s)   ", end="", file=sys.stderr, flush=True)
    if done:
        print(file=sys.stderr)
        from django.db import connection

        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather after such a load: the planner
            # tells rare words from common ones by them (search/migrations/0001).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return done, time.perf_counter() - started


def percentiles(timings: list[float]) -> tuple[float, float]:
    if len(timings) == 1:
        return timings[0], timings[0]
    return statistics.median(timings), statistics.quantiles(timings, n=20, method="inclusive")[-1]


def timed(function, args) -> list[float]:
    for _ in range(args.warmup):
        function()
    timings = []
    for _ in range(args.requests):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure(client, args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from modelsearch.query import And, Or, PlainText
    from wagtail.search.backends import get_search_backend

    from millenniekommunerna.core import derived_cache
    from millenniekommunerna.core import swedish as text
    from millenniekommunerna.stories.listing.params import MAX_TEXT_CANDIDATES
    from millenniekommunerna.stories.models import StoryPage

    backend = get_search_backend()
    result = {
        "backend": [],
        "page": [],
        "narrow": [],
        "broad": [],
        "listing": [],
        "listing_cold": [],
        "queries": set(),
        "hits": {},
    }

    for query in QUERIES:
        searched, _ = text.query_words(query)
        wagtail_query = And(
            [Or([PlainText(form) for form in text.inflections(word)]) for word in searched]
        )

        def backend_search(wagtail_query=wagtail_query):
            results = backend.search(wagtail_query, StoryPage.objects.live())
            list(results[:12])
            return results.count()

        result["hits"][query] = backend_search()
        result["backend"] += timed(backend_search, args)
        url = "/sok/?" + urlencode({"q": query})

        def page(url=url):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        timings = timed(page, args)
        result["page"] += timings
        # Narrow: few enough matches to rank and count them all; broad: more, so the newest
        # MAX_TEXT_CANDIDATES are (stories/listing/finder.py).
        kind = "broad" if result["hits"][query] > MAX_TEXT_CANDIDATES else "narrow"
        result[kind] += timings
        with CaptureQueriesContext(connection) as captured:
            page()
        result["queries"].add(("search", len(captured)))

    for params in LISTINGS:
        url = f"/berattelser/?{params}"

        def listing(url=url):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        result["listing"] += timed(listing, args)
        with CaptureQueriesContext(connection) as captured:
            listing()
        result["queries"].add(("listing", len(captured)))

        def listing_after_publication(url=url):
            # What the first visitor after a publication costs: every derived entry (facets,
            # counts, menus) is built again.
            derived_cache.invalidate()
            listing(url)

        result["listing_cold"] += timed(listing_after_publication, args)
    return result


def main(argv=None):
    args = parse_args(argv)
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise")
    pages.database_from_environment()
    sys.path.insert(0, str(pages.BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", pages.DEFAULT_SETTINGS)
    # What is measured is the search: whole pages from the page cache are bench/throughput.py's
    # subject.
    os.environ["PAGE_CACHE_SECONDS"] = "0"

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    if not args.debug:
        settings.DEBUG = False
    pages.make_sure_it_is_scratch(args)
    pages.prepare_database()
    backend_name = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"{pages.describe_database()} · search backend {backend_name} · "
        f"load average {os.getloadavg()[0]:.2f} · {args.requests} timed runs of "
        f"{len(QUERIES)} queries and {len(LISTINGS)} listings"
    )
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    rows = []
    for count in args.counts:
        filled = pages.fill_up_to(count, args)
        if filled is None:
            continue
        indexed, seconds = index_new_stories()
        cache.clear()
        print(
            f"\n{pages.thousands(count)} stories: indexed {pages.thousands(indexed)} new in "
            f"{seconds:.1f} s"
        )
        result = measure(client, args)
        hits = ", ".join(f"{q} {n}" for q, n in result["hits"].items())
        print(f"  matches: {hits}")
        rows.append((count, result))
        for name in NAMES:
            if result[name]:
                p50, p95 = percentiles(result[name])
                print(f"  {NAMES[name]:<34} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
        print(f"  queries per page: {sorted(result['queries'])}")

    if rows:
        print("\nSearch latency (ms), p50 / p95, server side (Django's test client)")
        print(f"{'stories':>9} " + " ".join(f"{COLUMNS[name]:>17}" for name in NAMES))
        for count, result in rows:
            cells = []
            for name in NAMES:
                if result[name]:
                    p50, p95 = percentiles(result[name])
                    cells.append(f"{p50:7.1f} / {p95:7.1f}")
                else:
                    cells.append("–")
            print(f"{pages.thousands(count):>9} " + " ".join(f"{c:>17}" for c in cells))
        query_counts = {count: sorted(result["queries"]) for count, result in rows}
        if len({tuple(q) for q in query_counts.values()}) > 1:
            print(f"\nQuery counts changed with the data: {query_counts}")
        else:
            print("\nThe query count of the search page and the listing does not change with data.")


if __name__ == "__main__":
    main()
