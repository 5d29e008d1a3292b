"""Peak memory of exporting every published story (CSV and JSON) as the number of stories grows.

    DATABASE_URL=sqlite:///var/bench-export.sqlite3 .venv/bin/python bench/export.py \
        --stories 1000,10000,100000

For each count the scratch database is filled up to that many stories with the shared generator
(`manage.py generate_stories`), then each export runs in a fresh child process, through Django's
test client and the whole middleware stack, its streamed body read to the end and thrown away.
The child reports its peak resident set size (`ru_maxrss`) before and after the export, and
(with `--tracemalloc`, slower) the peak of memory Python allocated during the export. Flat
numbers across the counts mean memory does not grow with the number of stories.

The database must be a scratch one, as for bench/pages.py, whose checks this script uses.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
EXPORTS = {"csv": "/api/v1/exports/stories.csv", "json": "/api/v1/exports/stories.json"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--stories",
        default="1000,10000,100000",
        help="Story counts to measure at, ascending (default: 1000,10000,100000).",
    )
    parser.add_argument("--formats", default="csv,json", help="Exports to run (csv,json).")
    parser.add_argument("--seed", type=int, default=2026, help="Generator seed (2026).")
    parser.add_argument("--batch-size", type=int, default=1000, help="Generator batch (1000).")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="Also trace Python's allocations during the export (two to three times slower).",
    )
    parser.add_argument(
        "--reset", action="store_true", help="Empty the scratch database first (as pages.py)."
    )
    parser.add_argument(
        "--i-know",
        action="store_true",
        help="Use a database with tables that the bench scripts did not create.",
    )
    parser.add_argument("--child", choices=sorted(EXPORTS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.counts = sorted({int(c.replace("_", "")) for c in args.stories.split(",") if c})
    except ValueError:
        parser.error("--stories takes numbers separated by commas, e.g. 1000,10000")
    args.format_list = [f for f in args.formats.split(",") if f]
    if not set(args.format_list) <= set(EXPORTS):
        parser.error("--formats takes csv and/or json")
    return args


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millenniekommunerna.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # Django's query log would grow with the export
    settings.API_RATE_LIMIT = 0


def max_rss_kb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux


def child(args):
    """Run one export in this (fresh) process and print what it cost, as JSON."""
    import warnings

    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise")
    setup_django()
    from django.test import Client

    from millenniekommunerna.stories.models import StoryPage

    client = Client(HTTP_HOST="localhost")
    stories = StoryPage.objects.live().count()
    # Imports, URL resolution, the database connection: not the export's. (A story that does
    # not exist: one small query, nothing that reads every story.)
    client.get("/api/v1/stories/2147483647")
    before = max_rss_kb()
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(EXPORTS[args.child])
    size = 0
    for part in response.streaming_content:
        size += len(part)
    seconds = time.perf_counter() - started
    traced = None
    if args.tracemalloc:
        traced = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    print(
        json.dumps(
            {
                "status": response.status_code,
                "stories": stories,
                "bytes": size,
                "seconds": seconds,
                "rss_before_kb": before,
                "rss_peak_kb": max_rss_kb(),
                "traced_peak_kb": traced,
            }
        )
    )


def measure(export, args):
    command = [sys.executable, __file__, "--child", export]
    if args.tracemalloc:
        command.append("--tracemalloc")
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"The {export} export failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def mb(kilobytes):
    return f"{kilobytes / 1024:,.1f}".replace(",", " ")


def main(argv=None):
    args = parse_args(argv)
    if args.child:
        child(args)
        return
    sys.path.insert(0, str(BENCH_DIR))
    import pages  # the scratch-database checks and the filling, shared with bench/pages.py

    pages.database_from_environment()
    setup_django()
    pages.make_sure_it_is_scratch(args)
    pages.prepare_database()
    print(f"{pages.describe_database()} · exports streamed in chunks\n")

    rows = []
    for count in args.counts:
        filled = pages.fill_up_to(count, args)
        if filled is None:
            continue
        for export in args.format_list:
            result = measure(export, args)
            rows.append((count, export, result))
            traced = (
                f", Python peak during export {mb(result['traced_peak_kb'])} MB"
                if result["traced_peak_kb"] is not None
                else ""
            )
            print(
                f"{pages.thousands(result['stories']):>9} stories {export:>4}: "
                f"{mb(result['bytes'] / 1024):>8} MB in {result['seconds']:6.1f} s, "
                f"peak RSS {mb(result['rss_peak_kb'])} MB "
                f"(+{mb(result['rss_peak_kb'] - result['rss_before_kb'])} MB over the idle "
                f"process){traced}",
                flush=True,
            )

    print("\nPeak RSS of the exporting process, MB")
    print(f"{'stories':>9} " + " ".join(f"{e:>10}" for e in args.format_list))
    by_count = {}
    for count, export, result in rows:
        by_count.setdefault(count, {})[export] = result
    for count, results in by_count.items():
        cells = " ".join(
            f"{mb(results[e]['rss_peak_kb']):>10}" if e in results else f"{'–':>10}"
            for e in args.format_list
        )
        print(f"{pages.thousands(count):>9} {cells}")


if __name__ == "__main__":
    main()
