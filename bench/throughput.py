"""Requests per second of the public pages through the production configuration: nginx with
its micro-cache in front of gunicorn, PostgreSQL and Redis, as the number of stories grows.

    make bench-http                      # 1 000 and 100 000 stories
    .venv/bin/python bench/throughput.py --quick

It starts everything itself on 127.0.0.1 and stops what it started: PostgreSQL
(scripts/postgres.sh, scratch database `bench_http`), Redis (scripts/redis.sh), gunicorn with
the production settings and deploy/gunicorn.conf.py (2 sync workers), and nginx with the
site file from deploy/nginx/ on a free port. For each size in --stories it fills the database
with the story generator (development settings, as bench/pages.py does) and indexes the new
stories for search, counts each page's database queries, then runs wrk against every page in
four modes:

- cached: through nginx, as an anonymous visitor: the micro-cache answers;
- app-cache: straight to gunicorn, as an anonymous visitor: the site's own page cache
  (core.page_cache, in Redis) answers;
- uncached: through nginx with a `csrftoken` cookie, which both caches pass by (a visitor who
  has opened a form); --uncached-direct asks gunicorn directly instead, with the same cookie;
- static: the same page's HTML, saved to a file under STATIC_ROOT and served by the same
  nginx: the ceiling;
- baseline (with --baseline DIR): as uncached, through a second nginx to a second gunicorn
  that serves the code checked out in DIR (an older commit, the same migrations), so that a
  change is measured against what came before, back to back in the same run.

Every answer must be 2xx before anything is timed, and wrk must see no errors. The table and
var/bench-http-<stories>.json give medians over --rounds rounds. See bench/README.md.
"""

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BENCH_DIR = Path(__file__).resolve().parent
# bench/stack.py (and pages.py, search.py), also when this file is loaded by its path (tests).
sys.path.append(str(BENCH_DIR))

import stack  # noqa: E402
from stack import (  # noqa: E402
    Services,
    fetch,
    free_port,
    port_open,
    progress,
    run,
)

BASE_DIR = BENCH_DIR.parent
WORK_DIR = BASE_DIR / "var" / "bench-http"  # STATIC_ROOT, MEDIA_ROOT, nginx's files, logs
DEPLOY_DIR = stack.DEPLOY_DIR
WRK_SCRIPT = BENCH_DIR / "wrk_report.lua"
DATABASE_NAME = "bench_http"
PG_PORT, REDIS_PORT = 55432, 56379
REDIS_DB = 5  # the bench's own database number in a Redis that others may share
MODES = ("cached", "app-cache", "uncached", "static")
# A CSRF cookie in Django's format (32 letters or digits), so that Django accepts it as it is
# and sets no new one; the site file sends every request with this cookie past the cache.
BYPASS_COOKIE = "csrftoken=" + "benchhttp0" * 3 + "ab"
CEILING_DIR = "bench-http"  # under STATIC_ROOT, so under /static/
WRK_MARKER = "BENCH-WRK "
INSPECT_MARKER = "BENCH-INSPECT "


class BenchError(stack.StackError):
    """Something that makes the numbers meaningless: stop, say why, clean up."""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--stories", default="1000,100000", help="Story counts, ascending (1000,100000)."
    )
    parser.add_argument("--rounds", type=int, default=3, help="Rounds of every page (3).")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of each wrk run (10).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2).")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2).")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="A smoke run: 200 stories, 1 round of 3 s (overrides those options).",
    )
    parser.add_argument(
        "--uncached-direct",
        action="store_true",
        help="Measure 'uncached' straight from gunicorn instead of through nginx with the "
        "cookie that bypasses its cache.",
    )
    parser.add_argument(
        "--keep-services",
        action="store_true",
        help="Leave PostgreSQL and Redis running if this run started them, so that the next "
        "run finds the filled database (scripts/postgres.sh stop removes the cluster).",
    )
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        help="A checkout of another commit (git worktree add DIR COMMIT) with the same "
        "migrations: its code is served too and measured uncached beside this one's.",
    )
    parser.add_argument(
        "--baseline-pages",
        default="home,story,municipality",
        help="The pages the baseline is timed on, by the start of their names "
        "(home,story,municipality; empty: every page).",
    )
    parser.add_argument("--seed", type=int, default=2026, help="Generator seed (2026).")
    parser.add_argument("--batch-size", type=int, default=1000, help="Generator batch (1000).")
    parser.add_argument(
        "--database",
        default=DATABASE_NAME,
        help=f"The scratch database on the bench's PostgreSQL ({DATABASE_NAME}); another one "
        "filled by bench/search.py with the same seed holds the same stories.",
    )
    parser.add_argument("--reset", action="store_true", help="Empty the scratch database first.")
    parser.add_argument(
        "--i-know",
        action="store_true",
        help="Use a `bench_http` database that bench/pages.py's checks did not create.",
    )
    args = parser.parse_args(argv)
    args.baseline_pages = [p.strip() for p in args.baseline_pages.split(",") if p.strip()]
    if args.baseline:
        args.baseline = Path(args.baseline).resolve()
        if not (args.baseline / "manage.py").is_file():
            parser.error(f"--baseline {args.baseline}: not a checkout of this project")
    if args.quick:
        args.stories, args.rounds, args.duration = "200", 1, 3
    try:
        args.counts = sorted({int(c.replace("_", "")) for c in args.stories.split(",") if c})
    except ValueError:
        parser.error("--stories takes numbers separated by commas, e.g. 1000,100000")
    if not args.counts or args.counts[0] < 1:
        parser.error("--stories needs at least one count above zero")
    if args.rounds < 1 or args.duration < 1:
        parser.error("--rounds and --duration must be at least 1")
    return args


# --- pure helpers (tests/test_bench_http.py) ----------------------------------------------------


def parse_wrk(output: str) -> dict:
    """wrk's result from its output: the JSON line of bench/wrk_report.lua, in ms and req/s, and
    any 'Non-2xx or 3xx responses' or 'Socket errors' line wrk printed itself."""
    line = next((ln for ln in output.splitlines() if ln.startswith(WRK_MARKER)), None)
    if line is None:
        raise BenchError(f"wrk printed no result line:\n{output.strip()[-2000:]}")
    raw = json.loads(line[len(WRK_MARKER) :])
    seconds = raw["duration_us"] / 1_000_000
    errors = {
        "status": raw["status_errors"],
        "connect": raw["connect_errors"],
        "read": raw["read_errors"],
        "write": raw["write_errors"],
        "timeout": raw["timeouts"],
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    if non_2xx:
        errors["status"] = max(errors["status"], int(non_2xx.group(1)))
    return {
        "requests": raw["requests"],
        "seconds": seconds,
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "bytes_per_response": raw["bytes"] / raw["requests"] if raw["requests"] else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
    }


def wrk_problem(result: dict, expected_bytes: int | None = None) -> str | None:
    """Why a wrk run does not count, or None: any error, no requests, or responses much
    smaller than the page (a redirect or an error page that wrk counts as a success)."""
    errors = {name: n for name, n in result["errors"].items() if n}
    if errors:
        listed = ", ".join(f"{n} {name}" for name, n in errors.items())
        return f"wrk saw errors ({listed}; 'status' is a response of 400 or more)"
    if not result["requests"]:
        return "no request completed"
    if expected_bytes and result["bytes_per_response"] < expected_bytes / 2:
        return (
            f"responses of {result['bytes_per_response']:.0f} bytes on average, less than half "
            f"of the {expected_bytes} bytes the page had before the run"
        )
    return None


def summarise(rounds: list[dict]) -> dict:
    """Medians over the rounds of one page in one mode."""
    return {
        "rps": statistics.median(r["rps"] for r in rounds),
        "p50_ms": statistics.median(r["p50_ms"] for r in rounds),
        "p99_ms": statistics.median(r["p99_ms"] for r in rounds),
        "rounds": len(rounds),
    }


def format_table(rows: list[dict]) -> str:
    """rows: {page, url, mode, rps, p50_ms, p99_ms, ratio, queries, cache}."""
    lines = [
        f"{'page':<28} {'mode':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'× static':>8} "
        f"{'queries':>7}  nginx"
    ]
    previous = None
    for row in rows:
        name = row["page"] if row["page"] != previous else ""
        previous = row["page"]
        ratio = f"{row['ratio']:.2f}" if row.get("ratio") is not None else "–"
        queries = row["queries"] if row.get("queries") is not None else ""
        lines.append(
            f"{name[:28]:<28} {row['mode']:<9} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p99_ms']:>8.1f} {ratio:>8} {queries!s:>7}  {row.get('cache') or ''}".rstrip()
        )
    return "\n".join(lines)


def format_baseline(rows: list[dict]) -> str:
    """Per page: uncached req/s of this code and of the baseline's, and their ratio."""
    by_page: dict[str, dict] = {}
    for row in rows:
        by_page.setdefault(row["page"], {})[row["mode"]] = row["rps"]
    lines = [f"{'page':<28} {'this':>8} {'baseline':>8} {'× baseline':>10}"]
    for page, modes in by_page.items():
        this, before = modes.get("uncached"), modes.get("baseline")
        if before is None:
            continue
        ratio = f"{this / before:.1f}" if this and before else "–"
        lines.append(f"{page[:28]:<28} {this or 0:>8.1f} {before or 0:>8.1f} {ratio:>10}")
    return "\n".join(lines)


def baseline_commit(directory) -> str | None:
    if not directory:
        return None
    done = subprocess.run(
        ["git", "-C", str(directory), "log", "-1", "--format=%h %s"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None


def rotated(items: tuple, by: int) -> list:
    """The modes in another order each round, so that none always runs after another."""
    by %= len(items)
    return [*items[by:], *items[:by]]


def thousands(number: float) -> str:
    return f"{number:,.0f}".replace(",", " ")


def machine_load() -> str:
    try:
        return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    except OSError:
        return f"{os.cpu_count()} CPUs"


# --- children: the fill (development settings) and the query counts (production settings) -------


def child_fill(argv: list[str]) -> None:
    """`bench/throughput.py _fill COUNT [--reset] [--i-know] [--seed N] [--batch-size N]`, run
    with the development settings: bench/pages.py's scratch checks and filling, then the
    search index."""
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--i-know", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args(argv)

    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.append(str(BENCH_DIR))
    import pages
    import search

    pages.database_from_environment()
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    pages.make_sure_it_is_scratch(args)
    pages.prepare_database()
    filled = pages.fill_up_to(args.count, args)
    if filled is None:
        return
    generated, rate = filled
    if generated:
        print(f"Generated {thousands(generated)} stories at {thousands(rate)} stories/s.")
    indexed, seconds = search.index_new_stories()
    if indexed:
        print(f"Indexed {thousands(indexed)} stories for search in {seconds:.1f} s.")


def pages_to_measure() -> list[tuple[str, str]]:
    sys.path.append(str(BENCH_DIR))
    import pages

    deepest, busiest, story = pages.sample_pages()
    if busiest is None or story is None:
        raise BenchError("The database has no published stories.")
    facets = urlencode({"mal": "sdg-13", "lan": busiest.county.slug})
    return [
        ("home", "/"),
        ("listing: goal + county", f"/berattelser/?{facets}"),
        ("listing: deepest page", f"/berattelser/?sida={deepest}"),
        ("story", urlsplit(story.url).path),
        (f"municipality ({thousands(busiest.n)})", urlsplit(busiest.page.url).path),
        ("goal sdg-13", "/mal/sdg-13/"),
        ("map", "/karta/"),
        ("statistics", "/statistik/"),
        ("search: narrow", "/sok/?" + urlencode({"q": "Kisumu"})),
        ("search: broad", "/sok/?" + urlencode({"q": "kommunen"})),
        ("API: story list", "/api/v1/stories"),
        ("API: story", f"/api/v1/stories/{story.pk}"),
    ]


def child_inspect(argv: list[str]) -> None:
    """`bench/throughput.py _inspect`, run with the production settings and environment that
    gunicorn gets: which pages to measure, and each one's database queries, counted through Django's
    test client on the second request (the first fills the caches, as in steady state)."""
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    result = []
    for name, url in pages_to_measure():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        result.append(
            {
                "page": name,
                "url": url,
                "status": response.status_code,
                "queries": len(queries.captured_queries),
            }
        )
    print(INSPECT_MARKER + json.dumps(result))


# --- the run ------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args, services: Services):
        self.args = args
        self.services = services
        self.python = sys.executable
        self.static_root = WORK_DIR / "static"
        self.media_root = WORK_DIR / "media"
        self.nginx_dir = WORK_DIR / "nginx"
        self.database_url = ""
        self.redis_url = ""
        self.nginx_port = 0
        self.gunicorn_port = 0
        self.baseline_nginx_port = 0
        self.baseline_gunicorn_port = 0
        self.modes = MODES + (("baseline",) if args.baseline else ())

    # environments

    def production_env(self, baseline: bool = False) -> dict:
        env = stack.production_env(
            database_url=self.database_url,
            redis_url=self.redis_url,
            static_root=self.static_root,
            media_root=self.media_root,
            public_root_url=f"http://127.0.0.1:{self.nginx_port}",
        )
        if baseline:
            # Its own static files (its templates name its own) and its own Redis database,
            # so that neither process reads what the other cached.
            env["STATIC_ROOT"] = str(WORK_DIR / "static-baseline")
            env["REDIS_URL"] = self.redis_url.rsplit("/", 1)[0] + f"/{REDIS_DB + 1}"
        return env

    def dev_env(self) -> dict:
        return stack.dev_env(
            database_url=self.database_url,
            redis_url=self.redis_url,
            static_root=self.static_root,
            media_root=self.media_root,
        )

    # steps

    def start_services(self) -> None:
        pg_url = self.services.script_service("PostgreSQL", "postgres.sh", PG_PORT)
        self.database_url = pg_url.rsplit("/", 1)[0] + "/" + self.args.database
        redis_url = self.services.script_service("Redis", "redis.sh", REDIS_PORT)
        self.redis_url = redis_url.rsplit("/", 1)[0] + f"/{REDIS_DB}"

    def collectstatic(self) -> None:
        progress("collectstatic (production settings) …")
        stack.collectstatic(self.production_env())
        if self.args.baseline:
            stack.collectstatic(self.production_env(baseline=True), app_dir=self.args.baseline)

    def fill(self, count: int, first: bool) -> bool:
        """Fill up to `count` stories; False when the database already has more."""
        progress(f"\nFilling the database up to {thousands(count)} stories (development settings)")
        command = [self.python, __file__, "_fill", str(count), "--seed", str(self.args.seed)]
        command += ["--batch-size", str(self.args.batch_size)]
        if first and self.args.reset:
            command.append("--reset")
        if self.args.i_know:
            command.append("--i-know")
        output = run(command, env=self.dev_env(), echo=True)
        return "skipping that count" not in output

    def flush_cache(self) -> None:
        for db in (REDIS_DB, REDIS_DB + 1):
            subprocess.run(
                ["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), "-n", str(db), "flushdb"],
                check=True,
                capture_output=True,
            )

    def inspect(self) -> list[dict]:
        progress("Counting each page's database queries (production settings, test client) …")
        # Without the page cache, whose hit costs no query: the count is of a rendering page.
        env = {**self.production_env(), "PAGE_CACHE_SECONDS": "0"}
        output = run([self.python, __file__, "_inspect"], env=env)
        line = next(ln for ln in output.splitlines() if ln.startswith(INSPECT_MARKER))
        pages = json.loads(line[len(INSPECT_MARKER) :])
        failed = [p for p in pages if not 200 <= p["status"] < 300]
        if failed:
            listed = "\n".join(f"  {p['status']} {p['url']}" for p in failed)
            raise BenchError(f"Pages that do not answer 2xx (test client):\n{listed}")
        return pages

    def start_gunicorn(self) -> subprocess.Popen:
        self.gunicorn_port = free_port()
        return stack.start_gunicorn(
            self.services,
            self.production_env(),
            self.gunicorn_port,
            self.args.workers,
            WORK_DIR / "gunicorn.log",
        )

    def start_baseline(self) -> list[subprocess.Popen]:
        """The --baseline checkout's gunicorn and an nginx of its own in front."""
        if not self.args.baseline:
            return []
        self.baseline_gunicorn_port = free_port()
        gunicorn = stack.start_gunicorn(
            self.services,
            self.production_env(baseline=True),
            self.baseline_gunicorn_port,
            self.args.workers,
            WORK_DIR / "gunicorn-baseline.log",
            name="gunicorn (baseline)",
            app_dir=self.args.baseline,
        )
        self.baseline_nginx_port = free_port()
        nginx = self.start_nginx(
            self.baseline_nginx_port, self.baseline_gunicorn_port, WORK_DIR / "nginx-baseline"
        )
        return [gunicorn, nginx]

    def start_nginx(self, port=None, upstream=None, nginx_dir=None) -> subprocess.Popen:
        return stack.start_nginx(
            self.services,
            port=port or self.nginx_port,
            upstream_port=upstream or self.gunicorn_port,
            nginx_dir=nginx_dir or self.nginx_dir,
            static_root=self.static_root,
            media_root=self.media_root,
        )

    def targets(self, url: str, slug: str) -> dict[str, tuple[int, str, dict]]:
        """For each mode: (port, path, extra headers)."""
        # The CSRF cookie passes by nginx's micro-cache and the site's page cache alike.
        uncached = (
            (self.gunicorn_port, url, {"Cookie": BYPASS_COOKIE})
            if self.args.uncached_direct
            else (self.nginx_port, url, {"Cookie": BYPASS_COOKIE})
        )
        targets = {
            "cached": (self.nginx_port, url, {}),
            # Straight to gunicorn without cookies: the site's own page cache (core.page_cache).
            "app-cache": (self.gunicorn_port, url, {}),
            "uncached": uncached,
            "static": (self.nginx_port, f"/static/{CEILING_DIR}/{slug}", {}),
        }
        if self.args.baseline:
            port = self.baseline_gunicorn_port if self.args.uncached_direct else None
            targets["baseline"] = (port or self.baseline_nginx_port, url, uncached[2])
        return targets

    def precheck(self, pages: list[dict]) -> None:
        """Ask for every page in every mode before timing anything: each answer must be 2xx,
        the cached mode must be kept by nginx and the uncached one must pass it by. The
        uncached HTML is saved as the static ceiling; the compressed sizes are remembered."""
        ceiling = self.static_root / CEILING_DIR
        shutil.rmtree(ceiling, ignore_errors=True)
        ceiling.mkdir(parents=True)
        problems = []
        gzip = {"Accept-Encoding": "gzip"}
        for index, page in enumerate(pages):
            port, path, headers = self.targets(page["url"], "")["uncached"]
            # A few requests, so that both gunicorn workers have seen the page once.
            for attempt in range(2 * self.args.workers):
                status, response_headers, body = fetch(port, path, headers)
                if not 200 <= status < 300:
                    problems.append(f"  {status} uncached {path}")
                    break
                seen = response_headers.get("x-cache-status")
                if attempt == 0 and not self.args.uncached_direct and seen != "BYPASS":
                    problems.append(f"  X-Cache-Status {seen} (not BYPASS) uncached {path}")
            else:
                kind = response_headers.get("content-type", "")
                extension = "json" if "json" in kind else "html"
                page["slug"] = f"{index:02d}.{extension}"
                (ceiling / page["slug"]).write_bytes(body)
            if "slug" not in page:
                continue
            page["bytes"], page["cache"] = {}, None
            for mode, (port, path, headers) in self.targets(page["url"], page["slug"]).items():
                for _ in range(2):  # the second one from nginx's cache, in the cached mode
                    status, response_headers, body = fetch(port, path, {**headers, **gzip})
                if not 200 <= status < 300:
                    problems.append(f"  {status} {mode} {path}")
                page["bytes"][mode] = len(body)
                if mode == "cached":
                    page["cache"] = response_headers.get("x-cache-status")
                if mode == "app-cache":
                    page["app_cache"] = response_headers.get("x-page-cache", "miss")
        if problems:
            raise BenchError("Refusing to time: not every answer is right\n" + "\n".join(problems))

    def wrk(self, port: int, path: str, headers: dict) -> tuple[dict, str]:
        command = [
            "wrk",
            f"-t{self.args.threads}",
            f"-c{self.args.connections}",
            f"-d{self.args.duration}s",
            "--timeout",
            "60s",
            "--latency",
            "-s",
            str(WRK_SCRIPT),
            "-H",
            "Accept-Encoding: gzip",
        ]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        output = run([*command, f"http://127.0.0.1:{port}{path}"], env=os.environ)
        return parse_wrk(output), output

    def settle(self) -> None:
        """Wait until gunicorn has worked off what the last run left queued: when wrk stops,
        the requests nginx had passed on are still rendered, and would slow the next run."""
        for port in (self.gunicorn_port, self.baseline_gunicorn_port):
            deadline = time.monotonic() + 60
            while port and time.monotonic() < deadline:
                started = time.perf_counter()
                fetch(port, "/robots.txt", {})
                if time.perf_counter() - started < 0.2:
                    break

    def compared(self, page: dict) -> bool:
        """Whether the baseline is timed on this page (--baseline-pages)."""
        wanted = self.args.baseline_pages
        return not wanted or any(page["page"].startswith(name) for name in wanted)

    def modes_of(self, page: dict) -> tuple:
        return tuple(m for m in self.modes if m != "baseline" or self.compared(page))

    def measure(self, count: int, pages: list[dict]) -> list[dict]:
        results = {(p["page"], mode): [] for p in pages for mode in self.modes_of(p)}
        total = self.args.rounds * sum(len(self.modes_of(p)) for p in pages)
        done = 0
        for round_number in range(1, self.args.rounds + 1):
            for page in pages:
                targets = self.targets(page["url"], page["slug"])
                for mode in rotated(self.modes, round_number - 1):
                    if mode == "baseline" and not self.compared(page):
                        continue
                    port, path, headers = targets[mode]
                    self.settle()
                    result, output = self.wrk(port, path, headers)
                    problem = wrk_problem(result, page["bytes"][mode])
                    if problem:
                        raise BenchError(f"{page['page']} ({mode}, {path}): {problem}\n{output}")
                    results[(page["page"], mode)].append(result)
                    done += 1
                    progress(
                        f"  [{done}/{total}] round {round_number} {page['page'][:26]:<26} "
                        f"{mode:<8} {result['rps']:>8.1f} req/s  p50 {result['p50_ms']:7.1f} ms"
                        f"  p99 {result['p99_ms']:7.1f} ms  ({machine_load()})"
                    )
        rows = []
        for page in pages:
            modes = self.modes_of(page)
            summaries = {mode: summarise(results[(page["page"], mode)]) for mode in modes}
            ceiling = summaries["static"]["rps"]
            for mode in modes:
                rows.append(
                    {
                        "page": page["page"],
                        "url": page["url"],
                        "mode": mode,
                        **summaries[mode],
                        "ratio": summaries[mode]["rps"] / ceiling if ceiling else None,
                        # The baseline's own queries are not counted (its code may differ).
                        "queries": page["queries"] if mode not in ("static", "baseline") else None,
                        "cache": page["cache"] if mode == "cached" else None,
                        "bytes": page["bytes"][mode],
                        "each_round": [
                            {k: r[k] for k in ("rps", "p50_ms", "p99_ms", "requests")}
                            for r in results[(page["page"], mode)]
                        ],
                    }
                )
        return rows

    def run_size(self, count: int, first: bool) -> None:
        if not self.fill(count, first):
            return
        self.flush_cache()
        self.nginx_port = free_port()
        pages = self.inspect()
        gunicorn = self.start_gunicorn()
        nginx = self.start_nginx()
        baseline = self.start_baseline()
        try:
            progress(
                f"gunicorn ({self.args.workers} sync workers) on 127.0.0.1:{self.gunicorn_port}, "
                f"nginx on 127.0.0.1:{self.nginx_port}; checking every page …"
            )
            self.precheck(pages)
            progress(
                f"Timing {len(pages)} pages × {len(self.modes)} modes × {self.args.rounds} rounds"
                f" of {self.args.duration} s (wrk -t{self.args.threads} -c{self.args.connections})"
            )
            started_load = machine_load()
            rows = self.measure(count, pages)
        finally:
            for proc in [nginx, gunicorn, *baseline]:
                self.services.stop(proc)
        uncached = (
            "straight from gunicorn"
            if self.args.uncached_direct
            else "through nginx with a csrftoken cookie, which bypasses its cache"
        )
        print(
            f"\n{thousands(count)} stories · PostgreSQL · Redis · gunicorn {self.args.workers} "
            f"sync workers · wrk -t{self.args.threads} -c{self.args.connections}, "
            f"{self.args.rounds} × {self.args.duration} s, medians · {started_load} at the start, "
            f"{machine_load()} at the end\nuncached: {uncached}; static: the same response saved "
            "to a file and served by the same nginx; × static: req/s over the static req/s\n"
        )
        print(format_table(rows))
        if self.args.baseline:
            print(f"\nuncached against the baseline ({self.args.baseline}), req/s\n")
            print(format_baseline(rows))
        report = {
            "stories": count,
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_at_start": started_load,
            "load_at_end": machine_load(),
            "wrk": {
                "threads": self.args.threads,
                "connections": self.args.connections,
                "duration_s": self.args.duration,
                "rounds": self.args.rounds,
                "accept_encoding": "gzip",
            },
            "gunicorn_workers": self.args.workers,
            "uncached": "direct" if self.args.uncached_direct else "nginx-bypass-cookie",
            "baseline": str(self.args.baseline) if self.args.baseline else None,
            "baseline_commit": baseline_commit(self.args.baseline),
            "rows": rows,
        }
        path = BASE_DIR / "var" / f"bench-http-{count}.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nWritten to {path.relative_to(BASE_DIR)}")


def check_tools() -> None:
    missing = [
        tool for tool in ("wrk", "nginx", "redis-server", "redis-cli") if not shutil.which(tool)
    ]
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) and not port_open(PG_PORT):
        missing.append("postgresql")
    if missing:
        sys.exit(
            f"Missing: {', '.join(missing)}. apt-get install -y wrk nginx redis-server postgresql"
        )


def main(argv=None) -> None:
    args = parse_args(argv)
    check_tools()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    # A SIGTERM cleans up as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    services = Services(args.keep_services)
    bench = Bench(args, services)
    progress(
        f"bench/throughput.py · {', '.join(thousands(c) for c in args.counts)} stories · "
        f"Python {platform.python_version()} · {machine_load()}"
    )
    try:
        bench.start_services()
        bench.collectstatic()
        for position, count in enumerate(args.counts):
            bench.run_size(count, first=position == 0)
    except stack.StackError as error:
        progress(f"\n{error}")
        sys.exit(1)
    finally:
        with contextlib.suppress(Exception):
            services.stop_all()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_fill":
        child_fill(sys.argv[2:])
    elif len(sys.argv) > 1 and sys.argv[1] == "_inspect":
        child_inspect(sys.argv[2:])
    else:
        main()
