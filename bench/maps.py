"""Size and render time of the map and statistics pages: cold (empty cache, and the first
request of a process, which also reads and simplifies the boundary files) and cached.

    export DATABASE_URL=sqlite:///var/bench-maps.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_reference_data
    .venv/bin/python manage.py import_listing \\
        millenniekommunerna/data/seed/millenniekommunerna-listing.txt \\
        --goals millenniekommunerna/data/seed/seed_goals.csv --mark-millennium
    .venv/bin/python bench/maps.py            # optionally: manage.py generate_stories 10000 first

Pages are requested through Django's test client in this process, with DEBUG off as in
production and the local-memory cache. Only reads: the database is never written to, but
DATABASE_URL must be set explicitly so that the site's own database is not used by accident.
"""

import argparse
import gzip
import os
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def report_times(requests, cold, cached):
    print(f"  cold (empty cache), median of {requests}: {statistics.median(cold):7.1f} ms")
    print(f"  cached, median of {requests}:             {statistics.median(cached):7.1f} ms")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20, help="Timed requests (20).")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a scratch database (see the top of this file).")

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millenniekommunerna.settings.dev")
    import django

    # WhiteNoise warns that collectstatic has not run: irrelevant to these timings.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from millenniekommunerna.stories.models import StoryPage

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()

    def get(url):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return response, elapsed

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            get(url)
        return len(captured.captured_queries)

    print(f"Stories: {StoryPage.objects.live().count()} published")
    print(f"Database: {connection.vendor}; Python {sys.version.split()[0]}")
    print()

    cache.clear()
    response, first = get("/karta/")
    html = response.content
    print("/karta/")
    print(f"  first request of the process (boundary files read): {first:7.1f} ms")
    cold, cached = [], []
    for _ in range(args.requests):
        cache.clear()
        cold.append(get("/karta/")[1])
        cached.append(get("/karta/")[1])
    report_times(args.requests, cold, cached)
    cache.clear()
    print(f"  queries cold / cached: {queries('/karta/')} / {queries('/karta/')}")
    sweden = re.search(rb'<svg class="sweden-map".*?</svg>', html, re.DOTALL).group(0)
    world = re.search(rb'<svg class="world-map".*?</svg>', html, re.DOTALL).group(0)
    print(f"  page: {kb(len(html))} ({kb(len(gzip.compress(html)))} gzipped)")
    print(f"  Sweden map SVG: {kb(len(sweden))} ({kb(len(gzip.compress(sweden)))} gzipped)")
    print(f"  world map SVG: {kb(len(world))} ({kb(len(gzip.compress(world)))} gzipped)")

    locator_page = get("/kommuner/osthammar/")[0].content
    locator = re.search(rb'<svg class="locator".*?</svg>', locator_page, re.DOTALL).group(0)
    print(f"  locator map on a municipality page: {kb(len(locator))}")
    print()

    print("/statistik/")
    cold, cached = [], []
    for _ in range(args.requests):
        cache.clear()
        cold.append(get("/statistik/")[1])
        cached.append(get("/statistik/")[1])
    report_times(args.requests, cold, cached)
    cache.clear()
    print(f"  queries cold / cached: {queries('/statistik/')} / {queries('/statistik/')}")
    page = get("/statistik/")[0].content
    print(f"  page: {kb(len(page))} ({kb(len(gzip.compress(page)))} gzipped)")


if __name__ == "__main__":
    main()
