"""Server-side render time and query count of the public pages as the number of stories grows.

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python bench/pages.py --stories 1000,10000

For each story count the scratch database is filled up to that count with
`manage.py generate_stories` (whose throughput is printed too), then every page is requested
through Django's test client: a few warm-up requests, one request whose queries are counted, and
`--requests` timed ones. A page whose query count changes with the number of stories is named at
the end: listings must use a fixed number of queries however much data there is.

The database must be a scratch one: DATABASE_URL has to be set explicitly, and a database that
has tables but was not created by this script is refused (unless `--i-know`). A PostgreSQL
database that does not exist yet is created. See bench/README.md.
"""

import argparse
import io
import logging
import math
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MARKER_TABLE = "bench_scratch_database"  # the sign that this script created the database
DEFAULT_SETTINGS = "millenniekommunerna.settings.dev"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--stories",
        default="1000,10000",
        help="Story counts to measure at, ascending (default: 1000,10000).",
    )
    parser.add_argument(
        "--requests", type=int, default=30, help="Timed requests per page (default: 30)."
    )
    parser.add_argument("--warmup", type=int, default=3, help="Untimed requests first (3).")
    parser.add_argument("--seed", type=int, default=2026, help="Generator seed (2026).")
    parser.add_argument("--batch-size", type=int, default=1000, help="Generator batch (1000).")
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="Only fill the database up to each count and print the generator's throughput.",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="Empty the scratch database first (after checking that it is one).",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="Keep the settings' DEBUG (on in dev); by default it is switched off, as in "
        "production, so that query logging does not count in the timings.",
    )
    parser.add_argument(
        "--i-know",
        action="store_true",
        help="Use a database with tables that this script did not create (its stories count).",
    )
    args = parser.parse_args(argv)
    try:
        args.counts = sorted({int(c.replace("_", "")) for c in args.stories.split(",") if c})
    except ValueError:
        parser.error("--stories takes numbers separated by commas, e.g. 1000,10000")
    if not args.counts or args.counts[0] < 1:
        parser.error("--stories needs at least one count above zero")
    return args


def thousands(number: float) -> str:
    return f"{number:,.0f}".replace(",", " ")


# --- the scratch database -----------------------------------------------------------------------


def database_from_environment() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit(
            "bench/pages.py writes tens of thousands of made-up stories, so it needs DATABASE_URL "
            "to point at a scratch database, e.g.\n"
            "  DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python bench/pages.py\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:55432/bench .venv/bin/python "
            "bench/pages.py"
        )
    import dj_database_url

    database = dj_database_url.parse(url)
    if database["ENGINE"].endswith("sqlite3"):
        path = Path(database["NAME"]).resolve()
        if path == (BASE_DIR / "db.sqlite3").resolve():
            sys.exit("DATABASE_URL is the development database db.sqlite3; use a scratch file.")
        path.parent.mkdir(parents=True, exist_ok=True)
    elif database["ENGINE"].endswith("postgresql"):
        create_postgres_database(database)
    return database


def create_postgres_database(database: dict) -> None:
    import psycopg
    from psycopg import sql

    options = {
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"]))
            )
            print(f"Created the PostgreSQL database {database['NAME']}.")


def make_sure_it_is_scratch(args) -> None:
    """Refuse a database with tables that this script did not create; mark a new one."""
    from django.db import connection

    tables = connection.introspection.table_names()
    if tables and MARKER_TABLE not in tables and not args.i_know:
        sys.exit(
            f"{connection.settings_dict['NAME']} already has {len(tables)} tables and was not "
            "created by bench/pages.py. Point DATABASE_URL at a new scratch database, or pass "
            "--i-know if this one may be filled with made-up stories."
        )
    if args.reset and tables:
        if MARKER_TABLE not in tables:
            sys.exit("--reset only empties databases that bench/pages.py created.")
        empty_database()
        tables = []
    if not tables:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {MARKER_TABLE} (created_at varchar(40))")
            cursor.execute(
                f"INSERT INTO {MARKER_TABLE} VALUES (%s)",  # noqa: S608 (a constant)
                [time.strftime("%Y-%m-%dT%H:%M:%S")],
            )


def empty_database() -> None:
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    else:
        sys.exit(f"--reset does not know how to empty a {connection.vendor} database.")
    print("Emptied the scratch database.")


def prepare_database() -> None:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
    print(f"Migrated and loaded the reference data in {time.perf_counter() - started:.1f} s.")


def describe_database() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return connection.vendor


def machine_load() -> str:
    """Timings mean little on a busy machine; say how busy it was."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not on every platform
        return f"{os.cpu_count()} CPUs"
    return f"load {load:.1f} on {os.cpu_count()} CPUs"


# --- filling and measuring ----------------------------------------------------------------------


def fill_up_to(count: int, args) -> tuple[int, float] | None:
    """Generate stories until there are `count`; return (generated, stories per second)."""
    from devtools.generator import generate_stories
    from millenniekommunerna.stories.models import StoryPage

    existing = StoryPage.objects.count()
    if existing > count:
        print(
            f"The database already has {thousands(existing)} stories, more than "
            f"{thousands(count)}: skipping that count (--reset starts afresh)."
        )
        return None
    if existing == count:
        return 0, 0.0

    def progress(done, total, seconds):
        rate = thousands(done / seconds) if seconds else "–"
        print(
            f"\r generating {thousands(done)}/{thousands(total)} "
            f"({100 * done // total} %) {rate}/s   ",
            end="",
            file=sys.stderr,
            flush=True,
        )

    result = generate_stories(
        count - existing,
        seed=args.seed + existing,
        batch_size=args.batch_size,
        progress=progress,
    )
    print(file=sys.stderr)
    return result.created, result.rate


def sample_pages():
    """What both page benchmarks measure besides the fixed addresses (bench/throughput.py
    uses it too): the deepest page of the story listing that its pages reach
    (core.pagination), the municipality with the most stories (with its page and county) and
    the newest story."""
    from django.db.models import Count, Q

    from millenniekommunerna.core import pagination
    from millenniekommunerna.municipalities.models import Municipality
    from millenniekommunerna.stories.models import StoryIndexPage, StoryPage

    live = StoryPage.objects.live()
    pages = max(1, math.ceil(live.count() / StoryIndexPage.per_page))
    deepest = min(pages, pagination.MAX_PAGES)
    busiest = (
        Municipality.objects.annotate(n=Count("stories", filter=Q(stories__live=True)))
        .filter(n__gt=0)
        .order_by("-n", "code")
        .select_related("page", "county")
        .first()
    )
    story = live.order_by("-first_published_at", "-pk").first()
    return deepest, busiest, story


def pages_to_measure() -> list[tuple[str, str]]:
    deepest, busiest, story = sample_pages()
    pages = [
        ("home", "/"),
        ("stories", "/berattelser/"),
        ("stories, deepest page", f"/berattelser/?sida={deepest}"),
        ("municipalities", "/kommuner/"),
    ]
    if busiest is not None:
        url = busiest.page.url
        last = max(1, math.ceil(busiest.n / busiest.page.per_page))
        pages += [
            (f"municipality ({thousands(busiest.n)})", url),
            ("  its last page", f"{url}?sida={last}"),
        ]
    if story is not None:
        pages.append(("story", story.url))
    pages += [("goals", "/mal/"), ("goal sdg-13", "/mal/sdg-13/")]
    return pages


def measure(client, url: str, args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(args.warmup):
        response = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result = {
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "kb": len(response.content) / 1024,
    }
    if response.status_code >= 500:
        error = getattr(response, "exc_info", None)
        result["error"] = f"{error[0].__name__}: {error[1]}" if error else "server error"
        return result
    timings = []
    for _ in range(args.requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    result["median"] = statistics.median(timings)
    result["p95"] = (
        statistics.quantiles(timings, n=20, method="inclusive")[-1]
        if len(timings) > 1
        else timings[0]
    )
    return result


def print_table(rows: list[tuple[str, str, dict]]) -> None:
    print(
        f"{'page':<26} {'url':<52} {'status':>6} {'queries':>7} {'median ms':>9} "
        f"{'p95 ms':>8} {'KB':>6}"
    )
    for name, url, r in rows:
        timing = f"{r['median']:>9.1f} {r['p95']:>8.1f}" if "median" in r else f"{'–':>9} {'–':>8}"
        shown_url = url if len(url) <= 52 else url[:51] + "…"
        print(
            f"{name:<26} {shown_url:<52} {r['status']:>6} {r['queries']:>7} {timing} "
            f"{r['kb']:>6.1f}"
        )
        if "error" in r:
            print(f"{'':<26}   ↳ {r['error'][:200]}")


def print_summary(counts: list[int], results: dict[int, dict[str, dict]]) -> None:
    """Query counts and median times side by side, and the pages whose query count grows."""
    names = list(dict.fromkeys(name for by_page in results.values() for name in by_page))
    keys = {name: name.split(" (")[0] for name in names}  # "municipality (412 st.)"
    by_key = {
        count: {keys[name]: r for name, r in by_page.items()} for count, by_page in results.items()
    }
    measured = [c for c in counts if c in by_key]
    print("\nQueries / median ms per page, by number of stories")
    header = "".join(f"{thousands(c) + ' stories':>20}" for c in measured)
    print(f"{'page':<26}{header}")
    growing = []
    for key in dict.fromkeys(keys.values()):
        cells, queries = [], []
        for count in measured:
            r = by_key[count].get(key)
            if r is None:
                cells.append(f"{'':>20}")
                continue
            queries.append(r["queries"])
            median = f"{r['median']:.1f}" if "median" in r else f"{r['status']}"
            cells.append(f"{r['queries']:>10} / {median:>7}")
        print(f"{key:<26}{''.join(cells)}")
        if len(set(queries)) > 1:
            growing.append((key, queries))
    if growing:
        print("\nQuery count changes with the data (a listing that does not prefetch?):")
        for key, queries in growing:
            steps = " → ".join(str(q) for q in queries)
            print(f"  {key}: {steps} queries at {', '.join(thousands(c) for c in measured)}")
    else:
        print("\nNo page's query count changes with the number of stories.")


def main(argv=None) -> None:
    args = parse_args(argv)
    # WhiteNoise warns that STATIC_ROOT does not exist; the pages are measured without it.
    warnings.filterwarnings("ignore", message="No directory at")
    database_from_environment()
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    # What is measured is the rendering: whole pages from the page cache are
    # bench/throughput.py's subject.
    os.environ["PAGE_CACHE_SECONDS"] = "0"

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    if not args.debug:
        settings.DEBUG = False
    make_sure_it_is_scratch(args)
    prepare_database()
    print(
        f"{describe_database()} · Python {platform.python_version()} · "
        f"{os.environ['DJANGO_SETTINGS_MODULE']} · DEBUG {'on' if settings.DEBUG else 'off'} · "
        f"{machine_load()}"
    )

    # A page that fails shows its error in the table; no traceback per request.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    results, throughput = {}, {}
    for count in args.counts:
        filled = fill_up_to(count, args)
        if filled is None:
            continue
        generated, rate = filled
        throughput[count] = (generated, rate)
        made = (
            f"{thousands(generated)} generated at {thousands(rate)} stories/s"
            if generated
            else "already there"
        )
        print(f"\n{thousands(count)} stories ({made})")
        if args.generate_only:
            continue
        print(
            f"{args.requests} timed requests per page after {args.warmup} warm-up requests "
            f"({machine_load()})\n"
        )
        rows = [(name, url, measure(client, url, args)) for name, url in pages_to_measure()]
        print_table(rows)
        results[count] = {name: r for name, _, r in rows}

    if throughput:
        print("\nGenerator throughput")
        for count, (generated, rate) in throughput.items():
            if generated:
                print(
                    f"  up to {thousands(count):>9}: {thousands(generated):>9} stories, "
                    f"{thousands(rate):>6} stories/s"
                )
    if results:
        print_summary(args.counts, results)


if __name__ == "__main__":
    main()
