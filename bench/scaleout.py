"""Scale-out check: two app processes share one PostgreSQL and one Redis, and a publication
through either is visible through both, with every cache on, within a second.

    make scale-out                        # 10 publications
    .venv/bin/python bench/scaleout.py --publications 4

It starts what the fault test starts (bench/fault.py: a private PostgreSQL and Redis, the seed
stories, editors, two gunicorn processes with the production settings and the same
SECRET_KEY), and an nginx with the site file of deploy/nginx/ in front of each process, as two
app servers would have. Caches on: nginx's micro-cache, the page cache and the derived-data
cache in Redis, each process's own memory of derived entries, the template fragments.

Then, for each publication, alternately through the first and the second process:

1. every watched page is asked for, anonymously, through both processes and both nginx, until
   each answer comes from a cache (so that a stale copy is there to be served);
2. a national editor publishes a story through Wagtail's page edit form, with a new marker
   in its title and teaser (the form's POST answers with a redirect once it is committed);
3. from the moment that answer arrives, every watched page is asked for again and again,
   through both processes and both nginx, until the marker shows, or 5 s pass.

The watched pages: the story, its municipality's page, the listing of that municipality's
stories, a search for the marker, the API's story and the Atom feed of the municipality's
stories. One reader per path (each process, each nginx) asks for them in turn. The report
gives, per path, how long after the publish answer a request could still get the old page
(the start of the last one that did) and when the first request that got the new page
started; it fails (exit status 1) when the old page was served to a request that started
1 s or more after the publication, or the new page never showed. Through nginx a page may
be up to its micro-cache second old (`s-maxage=1`, PAGE_CACHE_SHARED_SECONDS). Written to
var/scale-out.json.
"""

import argparse
import contextlib
import json
import signal
import statistics
import sys
import threading
import time
from pathlib import Path

import fault
import stack
from fault_clients import Client, Editor, Recorder
from stack import StackError, progress

BASE_DIR = stack.BASE_DIR
WORK_DIR = BASE_DIR / "var" / "scale-out"
REPORT_PATH = BASE_DIR / "var" / "scale-out.json"
LIMIT = 1.0  # seconds, through an app process and through nginx
GIVE_UP = 5.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--publications", type=int, default=10, help="Publications (10).")
    parser.add_argument("--pg-port", type=int, default=55531, help="PostgreSQL's port (55531).")
    parser.add_argument("--redis-port", type=int, default=56531, help="Redis's port (56531).")
    parser.add_argument(
        "--ports",
        default="58531,58532,58533,58534",
        help="The two app processes' ports, then their nginx's (58531,58532,58533,58534).",
    )
    parser.add_argument("--time-limit", type=int, default=600, help="Give up after (600 s).")
    args = parser.parse_args(argv)
    ports = [int(p) for p in args.ports.split(",") if p]
    if len(ports) != 4:
        parser.error("--ports takes four ports")
    args.app_ports, args.nginx_ports = ports[:2], ports[2:]
    return args


class ScaleOut(fault.FaultTest):
    def __init__(self, args):
        fault_args = fault.parse_args(
            [
                "--pg-port",
                str(args.pg_port),
                "--redis-port",
                str(args.redis_port),
                "--app-ports",
                ",".join(map(str, args.app_ports)),
                "--national-editors",
                "1",
                "--municipality-editors",
                "0",
            ]
        )
        super().__init__(fault_args)
        self.publications = args.publications
        self.nginx_ports = args.nginx_ports

    def start_nginx(self) -> None:
        for number, (app, port) in enumerate(zip(self.apps, self.nginx_ports, strict=True), 1):
            stack.start_nginx(
                self.services,
                port=port,
                upstream_port=app["port"],
                nginx_dir=WORK_DIR / f"nginx-{number}",
                static_root=fault.WORK_DIR / "static",
                media_root=fault.WORK_DIR / "media",
            )

    def paths(self) -> dict[str, int]:
        paths = {}
        for number, (app, port) in enumerate(zip(self.apps, self.nginx_ports, strict=True), 1):
            paths[f"process {number}"] = app["port"]
            paths[f"nginx {number}"] = port
        return paths

    def watched(self, page: dict, marker: str | None) -> dict[str, str]:
        municipality = page["url"].rstrip("/").rsplit("/", 1)[0] + "/"
        slug = municipality.rstrip("/").rsplit("/", 1)[1]
        watched = {
            "story": page["url"],
            "municipality": municipality,
            "listing": f"/berattelser/?kommun={slug}",
            "API story": f"/api/v1/stories/{page['id']}",
            "feed": f"/flode/kommuner/{slug}.atom",
        }
        if marker:
            watched["search"] = f"/sok/?q={marker}"
        return watched

    def check_watched(self, client: Client, page: dict) -> None:
        problems = []
        for name, url in self.watched(page, None).items():
            for path, port in self.paths().items():
                status, _, _ = client.request("check", port, "GET", url)
                if status != 200:
                    problems.append(f"  {status} {name} {url} ({path})")
        if problems:
            raise StackError("Watched pages that do not answer 200:\n" + "\n".join(problems))

    def warm(self, client: Client, page: dict) -> dict:
        """Ask for every watched page twice through each path: the second answer comes from
        the caches the first one filled (nginx's, the page cache), the copy that must not be
        served once the story is published again. Returns how many second answers came from
        a cache, per path."""
        cached: dict[str, list[int]] = {path: [0, 0] for path in self.paths()}
        for url in self.watched(page, None).values():
            for path, port in self.paths().items():
                for _ in range(2):
                    _, headers, _ = client.request("warm", port, "GET", url)
                hit = headers.get("x-page-cache") == "hit" or headers.get("x-cache-status") == "HIT"
                cached[path][0] += hit
                cached[path][1] += 1
        return cached

    def until_visible(self, page: dict, marker: str, published_at: float) -> dict:
        """Per page and path: when the last request that still got the old page started,
        and when the first one that got the new page started (seconds after the publish
        answer). One reader per path asks for the pages in turn, as visitors would; the
        staleness is the first figure: how long after the publication someone could still be
        shown the old page."""
        times: dict[str, dict[str, dict]] = {}
        lock = threading.Lock()
        pages = self.watched(page, marker)

        def watch(path, port):
            client = Client(Recorder())
            state = {name: {"stale_until": None, "fresh_at": None} for name in pages}
            while time.monotonic() - published_at < GIVE_UP:
                waiting = [name for name in pages if state[name]["fresh_at"] is None]
                if not waiting:
                    break
                for name in waiting:
                    started = time.monotonic() - published_at
                    status, _, text = client.request("watch", port, "GET", pages[name])
                    if status == 200 and marker in text:
                        state[name]["fresh_at"] = started
                    else:
                        state[name]["stale_until"] = started
                time.sleep(0.02)
            with lock:
                for name, seen in state.items():
                    times.setdefault(name, {})[path] = seen

        threads = [
            threading.Thread(target=watch, args=(path, port)) for path, port in self.paths().items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return times

    def publish_and_watch(self, prepared: dict) -> list[dict]:
        national = prepared["editors"][0]
        recorder = Recorder()
        markers = iter(f"skalning{n:04d}x{self.run_id}" for n in range(1, 10000))
        editor = Editor(
            recorder,
            national["email"],
            self.password,
            national["pages"],
            [app["port"] for app in self.apps],
            publishes=True,
            markers=lambda: next(markers),
            pause=0,
        )
        reader = Client(Recorder())
        self.check_watched(reader, national["pages"][0])
        results = []
        for number in range(self.publications):
            through = self.apps[number % 2]
            page = national["pages"][number % len(national["pages"])]
            if not editor.signed_in and not editor.sign_in(through["port"]):
                raise StackError("The editor could not sign in")
            warmed = self.warm(reader, page)
            editor.save(page, through["port"], publish=True)
            published_at = time.monotonic()
            saved = recorder.saves[-1]
            if not saved["acknowledged"]:
                raise StackError(f"Publication {number + 1} was not acknowledged: {saved}")
            times = self.until_visible(page, saved["marker"], published_at)
            results.append(
                {"through": through["name"], "page": page["id"], "warmed": warmed, "times": times}
            )
            seen = [t for paths in times.values() for t in paths.values()]
            stale = max((t["stale_until"] or 0 for t in seen), default=0)
            missing = sum(t["fresh_at"] is None for t in seen)
            progress(
                f"  publication {number + 1}/{self.publications} through {through['name']}: "
                f"the old page last served to a request started {stale:.3f} s after"
                + (f", {missing} never seen" if missing else "")
            )
        return results


def summarise(results: list[dict]) -> dict:
    by_path: dict[str, list[dict]] = {}
    for result in results:
        for paths in result["times"].values():
            for path, seen in paths.items():
                by_path.setdefault(path, []).append(seen)
    summary = {}
    for path, observations in by_path.items():
        hits = sum(r["warmed"][path][0] for r in results)
        asked = sum(r["warmed"][path][1] for r in results)
        stale = [o["stale_until"] or 0.0 for o in observations]
        fresh = [o["fresh_at"] for o in observations if o["fresh_at"] is not None]
        never = len(observations) - len(fresh)
        summary[path] = {
            "observations": len(observations),
            "cached_before": f"{hits}/{asked}",
            "never_seen": never,
            "stale_median_s": round(statistics.median(stale), 3),
            "stale_max_s": round(max(stale), 3),
            "fresh_median_s": round(statistics.median(fresh), 3) if fresh else None,
            "fresh_max_s": round(max(fresh), 3) if fresh else None,
            "limit_s": LIMIT,
            "passed": not never and max(stale) < LIMIT,
        }
    return summary


def format_summary(summary: dict, results: list[dict]) -> str:
    pages = sorted({name for result in results for name in result["times"]})
    lines = [
        f"{len(results)} publications, alternately through each process; watched: "
        f"{', '.join(pages)}",
        "old page: the latest start of a request that still got the old page, in seconds after "
        "the publish answer;",
        "new page: the start of the first request that got the new one; cached before: the "
        "watched pages answered from a cache (page cache or nginx) just before each publication",
        "",
        f"{'path':<12} {'cached before':>13} {'seen':>7} {'old page median':>16} {'max':>6} "
        f"{'new page median':>16} {'max':>6} {'limit':>6}  result",
    ]

    def seconds(value):
        return f"{value:.3f}" if value is not None else "–"

    for path, row in sorted(summary.items()):
        seen = f"{row['observations'] - row['never_seen']}/{row['observations']}"
        lines.append(
            f"{path:<12} {row['cached_before']:>13} {seen:>7} {seconds(row['stale_median_s']):>16} "
            f"{seconds(row['stale_max_s']):>6} {seconds(row['fresh_median_s']):>16} "
            f"{seconds(row['fresh_max_s']):>6} {row['limit_s']:>6.1f}  "
            + ("passed" if row["passed"] else "FAILED")
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    fault.WORK_DIR.mkdir(parents=True, exist_ok=True)

    def give_up(*_):
        raise StackError(f"Time limit of {args.time_limit} s reached")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(args.time_limit)
    test = ScaleOut(args)
    try:
        prepared = test.start()
        test.start_nginx()
        results = test.publish_and_watch(prepared)
    except StackError as error:
        progress(f"\n{error}")
        return 1
    finally:
        signal.alarm(0)
        with contextlib.suppress(Exception):
            test.services.stop_all()
    summary = summarise(results)
    print("\n" + format_summary(summary, results))
    report = {"summary": summary, "publications": results}
    REPORT_PATH.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {Path(REPORT_PATH).relative_to(BASE_DIR)}")
    return 0 if all(row["passed"] for row in summary.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
