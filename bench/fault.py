"""Fault test: the production configuration keeps its promises while its parts fail.

    make fault-test                          # a few minutes
    make fault-test FAULT_ARGS="--short"     # under two minutes, as CI runs it

It starts everything itself on 127.0.0.1 and stops what it started: a private PostgreSQL
(scripts/postgres.sh), Redis (scripts/redis.sh) and two app processes (gunicorn with
deploy/gunicorn.conf.py and the production settings, bench/stack.py) sharing them. It loads the
seed stories, creates editors with `manage.py create_editor`, then lets readers browse the
public pages while editors sign in at /admin/login/ and save drafts and publish through
Wagtail's page edit form (bench/fault_clients.py). Meanwhile, one window after another:

- before faults;
- worker killed: one gunicorn worker of the first process gets SIGKILL (gunicorn starts
  another);
- PostgreSQL restart: its server is stopped for a few seconds and started again;
- Redis down: Redis is stopped, and started again (empty) when the window ends;
- after recovery.

Then it checks (bench/fault_report.py): every save that got a success answer is in the
database with its revision; every edited page shows its live revision through both
processes, as an anonymous visitor sees it; no error at all before the faults, while Redis
was down or after recovery (without restarting the app); while PostgreSQL was down, only
proper error pages (500/503), and no request hung. The report is printed and written to
var/fault-test.json; the exit status is 1 if a check failed. See docs/operations.md.
"""

import argparse
import contextlib
import html
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import stack
from fault_clients import BYPASS_COOKIE, Client, Editor, Recorder, reader
from fault_report import WINDOWS, evaluate, format_report, tally
from stack import Services, StackError, port_open, progress, run

BASE_DIR = stack.BASE_DIR
WORK_DIR = BASE_DIR / "var" / "fault-test"  # STATIC_ROOT, MEDIA_ROOT, the app processes' logs
REPORT_PATH = BASE_DIR / "var" / "fault-test.json"
SEED_DIR = BASE_DIR / "millenniekommunerna" / "data" / "seed"
PREPARE_MARKER = "FAULT-PREPARE "
VERIFY_MARKER = "FAULT-VERIFY "
MARKER = re.compile(r"fault-[0-9a-f]{6}-\d{5}")
# Seconds of each window (and how long PostgreSQL stays down within its window).
TIMINGS = {
    "full": {
        "before": 20,
        "killed": 15,
        "postgres_down": 5,
        "postgres_after": 10,
        "redis": 25,
        "after": 20,
    },
    "short": {
        "before": 6,
        "killed": 6,
        "postgres_down": 2,
        "postgres_after": 4,
        "redis": 10,
        "after": 6,
    },
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--short", action="store_true", help="Shorter windows, as CI runs it.")
    parser.add_argument("--pg-port", type=int, default=55521, help="PostgreSQL's port (55521).")
    parser.add_argument("--redis-port", type=int, default=56521, help="Redis's port (56521).")
    parser.add_argument(
        "--app-ports", default="58521,58522", help="The two app processes' ports (58521,58522)."
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per process (2).")
    parser.add_argument("--readers", type=int, default=4, help="Reading visitors (4).")
    parser.add_argument("--national-editors", type=int, default=2, help="Who publish (2).")
    parser.add_argument(
        "--municipality-editors", type=int, default=1, help="Who save drafts only (1)."
    )
    parser.add_argument(
        "--time-limit", type=int, default=0, help="Give up after this many seconds (480 / 900)."
    )
    args = parser.parse_args(argv)
    args.mode = "short" if args.short else "full"
    args.timings = TIMINGS[args.mode]
    args.ports = [int(p) for p in args.app_ports.split(",") if p]
    if len(args.ports) != 2:
        parser.error("--app-ports takes two ports")
    args.time_limit = args.time_limit or (480 if args.short else 900)
    return args


# --- children: preparing the data (development settings) and reading the database after --------


def child_prepare() -> None:
    """`bench/fault.py _prepare`: editors with passwords (FAULT_EDITORS, FAULT_PASSWORD), the
    pages each edits, and the pages the readers ask for, as JSON."""
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from urllib.parse import urlsplit

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Count, Q

    from millenniekommunerna.municipalities.models import Municipality
    from millenniekommunerna.stories.models import StoryPage

    def path(page):
        return urlsplit(page.url).path

    wanted = json.loads(os.environ["FAULT_EDITORS"])
    password = os.environ["FAULT_PASSWORD"]
    # Stories that can be published as they are (the site refuses a story without goals).
    stories = list(StoryPage.objects.live().filter(goals__isnull=False).distinct().order_by("pk"))
    busiest = (
        Municipality.objects.annotate(n=Count("stories", filter=Q(stories__live=True)))
        .order_by("-n", "code")
        .select_related("page")
        .first()
    )
    own = [s for s in stories if s.municipality_id == busiest.pk]
    others = [s for s in stories if s.municipality_id != busiest.pk]
    editors = []
    for editor in wanted:
        if editor["national"]:
            options, pool = ["--national"], others
        else:
            options, pool = ["--municipality", busiest.code], own
        call_command("create_editor", editor["email"], *options, "--no-email", stdout=sys.stderr)
        user = get_user_model().objects.get(username=editor["email"])
        user.set_password(password)
        user.save()
        pages, pool[:] = pool[:2], pool[2:]
        if not pages:
            raise SystemExit(f"No story left for {editor['email']}")
        editors.append(
            {
                **editor,
                "pages": [{"id": p.pk, "title": p.title, "url": path(p)} for p in pages],
            }
        )
    urls = [
        "/",
        "/berattelser/",
        "/berattelser/?mal=sdg-13",
        path(busiest.page),
        "/mal/sdg-13/",
        "/karta/",
        "/statistik/",
        "/sok/?q=vatten",
        "/api/v1/stories",
        "/flode/berattelser.atom",
    ]
    urls += [page["url"] for editor in editors for page in editor["pages"]]
    print(PREPARE_MARKER + json.dumps({"editors": editors, "urls": urls}))


def child_verify() -> None:
    """`bench/fault.py _verify` with {pages: [id]} on stdin: for each page, the markers found
    in its revisions (in the title and the teaser both) and its live revision's title."""
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Revision

    ids = json.load(sys.stdin)["pages"]
    found: dict[str, list[str]] = {str(i): [] for i in ids}
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(i) for i in ids],
    ).values_list("object_id", "content")
    for object_id, content in revisions:
        title, teaser = content.get("title", ""), content.get("teaser", "")
        found[object_id] += [m for m in MARKER.findall(title) if m in teaser]
    live = {}
    for page in Page.objects.filter(pk__in=ids).select_related("live_revision"):
        revision = page.live_revision
        live[str(page.pk)] = {
            "title": revision.content["title"] if revision else page.title,
            "revision": revision.pk if revision else None,
        }
    print(VERIFY_MARKER + json.dumps({"found": found, "live": live}))


# --- the run ------------------------------------------------------------------------------------


def worker_pids(master: int) -> set[int]:
    """The processes whose parent is `master` (gunicorn's workers)."""
    pids = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = Path(f"/proc/{entry}/stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.add(int(entry))
    return pids


class FaultTest:
    def __init__(self, args):
        self.args = args
        self.services = Services()
        self.run_id = os.urandom(3).hex()
        self.password = os.urandom(12).hex()
        self.secret_key = os.urandom(32).hex()
        temporary = Path(tempfile.gettempdir())
        self.pg_env = {
            "PG_PORT": str(args.pg_port),
            "PG_STATE_DIR": str(temporary / f"millenniekommunerna-fault-pg-{args.pg_port}"),
        }
        self.redis_env = {
            "REDIS_PORT": str(args.redis_port),
            "REDIS_STATE_DIR": str(
                temporary / f"millenniekommunerna-fault-redis-{args.redis_port}"
            ),
        }
        self.database_url = self.redis_url = ""
        self.apps: list = []
        self.recorder = Recorder()
        self.windows: list[dict] = []
        self.faults: list[str] = []
        self.worker: dict = {"killed": None, "replacement": None, "seconds": None}

    def production_env(self) -> dict:
        return {
            **stack.production_env(
                database_url=self.database_url,
                redis_url=self.redis_url,
                static_root=WORK_DIR / "static",
                media_root=WORK_DIR / "media",
                public_root_url=f"http://127.0.0.1:{self.args.ports[0]}",
                # Both processes: a session started on one is valid on the other.
                secret_key=self.secret_key,
            ),
            # The limits are counted (in Redis, or not while it is down) but not reached: every
            # request comes from 127.0.0.1.
            "EXPENSIVE_RATE_LIMIT": "100000",
            "API_RATE_LIMIT": "100000",
        }

    def dev_env(self) -> dict:
        return stack.dev_env(
            database_url=self.database_url,
            redis_url=self.redis_url,
            static_root=WORK_DIR / "static",
            media_root=WORK_DIR / "media",
        )

    # setting up

    def start(self) -> dict:
        taken = [
            p for p in (self.args.pg_port, self.args.redis_port, *self.args.ports) if port_open(p)
        ]
        if taken:
            # This test restarts and stops its servers: never someone else's.
            raise StackError(f"Ports already in use on 127.0.0.1: {taken}; choose others.")
        self.database_url = self.services.script_service(
            "PostgreSQL", "postgres.sh", self.args.pg_port, env=self.pg_env
        )
        self.redis_url = self.services.script_service(
            "Redis", "redis.sh", self.args.redis_port, env=self.redis_env
        )
        python, env = sys.executable, self.dev_env()
        started = time.monotonic()
        progress("Migrating, loading the reference data and the seed stories …")
        run([python, "manage.py", "migrate", "--noinput"], env=env)
        run([python, "manage.py", "load_reference_data"], env=env)
        seed = [str(SEED_DIR / "millenniekommunerna-listing.txt")]
        seed += ["--goals", str(SEED_DIR / "seed_goals.csv"), "--mark-millennium"]
        run([python, "manage.py", "import_listing", *seed], env=env)
        run([python, "manage.py", "setup_editorial"], env=env)
        wanted = [
            {"email": f"nationell{n}@fault-test.example", "national": True}
            for n in range(1, self.args.national_editors + 1)
        ] + [
            {"email": f"kommun{n}@fault-test.example", "national": False}
            for n in range(1, self.args.municipality_editors + 1)
        ]
        env = {**env, "FAULT_EDITORS": json.dumps(wanted), "FAULT_PASSWORD": self.password}
        output = run([python, __file__, "_prepare"], env=env)
        line = next(ln for ln in output.splitlines() if ln.startswith(PREPARE_MARKER))
        prepared = json.loads(line[len(PREPARE_MARKER) :])
        progress(f"… {time.monotonic() - started:.0f} s; collectstatic (production settings) …")
        stack.collectstatic(self.production_env())
        for number, port in enumerate(self.args.ports, start=1):
            log = WORK_DIR / f"app-{number}.log"
            name = f"app process {number}"
            proc = stack.start_gunicorn(
                self.services, self.production_env(), port, self.args.workers, log, name
            )
            self.apps.append({"name": name, "proc": proc, "pid": proc.pid, "port": port})
        progress(
            f"Two app processes on 127.0.0.1:{self.args.ports[0]} and :{self.args.ports[1]} "
            f"({self.args.workers} workers each), PostgreSQL :{self.args.pg_port}, Redis "
            f":{self.args.redis_port}"
        )
        return prepared

    # the faults

    def window(self, name: str) -> None:
        now = self.recorder.now()
        if self.windows:
            self.windows[-1]["end"] = now
        self.windows.append({"name": name, "start": now, "end": now})
        progress(f"[{now:6.1f} s] {name}")

    def kill_worker(self) -> None:
        master = self.apps[0]["pid"]
        before = worker_pids(master)
        if not before:
            raise StackError("The first app process has no workers")
        victim = min(before)
        killed_at = time.monotonic()
        self.windows[-1]["faults"] = [[self.recorder.now()] * 2]
        os.kill(victim, signal.SIGKILL)
        self.worker["killed"] = victim
        deadline = killed_at + 30
        while time.monotonic() < deadline:
            now = worker_pids(master)
            new = now - before
            if victim not in now and len(now) >= self.args.workers and new:
                self.worker["replacement"] = min(new)
                self.worker["seconds"] = round(time.monotonic() - killed_at, 2)
                break
            time.sleep(0.1)
        replaced = (
            f"gunicorn started worker {self.worker['replacement']} after "
            f"{self.worker['seconds']:.1f} s"
            if self.worker["replacement"]
            else "gunicorn did not start another within 30 s"
        )
        self.faults.append(f"worker {victim} of app process 1 killed with SIGKILL; {replaced}")

    def restart_postgres(self, down: int) -> None:
        """pg_ctl restart (down 0), or stopped for `down` seconds and started again; open
        connections are cut (fast shutdown)."""
        begun = self.recorder.now()
        stack.script("postgres.sh", "restart", str(down), env=self.pg_env)
        ended = self.recorder.now()
        self.windows[-1].setdefault("faults", []).append([begun, ended])
        how = f"stopped for {down} s and started again" if down else "restarted (pg_ctl restart)"
        self.faults.append(f"PostgreSQL {how}: unavailable {ended - begun:.1f} s")

    def faults_in_turn(self) -> None:
        timings = self.args.timings
        self.window(WINDOWS[0])
        time.sleep(timings["before"])
        self.window(WINDOWS[1])
        self.kill_worker()
        time.sleep(timings["killed"])
        self.window(WINDOWS[2])
        # At once, while no request is under way: every worker's kept connection is dead, and
        # its next request must not fail (CONN_HEALTH_CHECKS).
        with self.recorder.quiet():
            self.restart_postgres(0)
        time.sleep(timings["postgres_after"])
        # For a while: requests fail, as error pages, not hanging.
        self.restart_postgres(timings["postgres_down"])
        time.sleep(timings["postgres_after"])
        self.window(WINDOWS[3])
        begun = self.recorder.now()
        stack.script("redis.sh", "stop", env=self.redis_env)
        time.sleep(timings["redis"])
        stack.script("redis.sh", "start", env=self.redis_env)
        self.windows[-1]["faults"] = [[begun, self.recorder.now()]]
        self.faults.append(f"Redis stopped for {timings['redis']} s, started again (empty)")
        self.window(WINDOWS[4])
        time.sleep(timings["after"])
        self.windows[-1]["end"] = self.recorder.now()

    def warm_up(self, urls: list[str]) -> None:
        """Every page once (the shared caches fill) and a few pages from every worker (each
        loads its code and templates): the first window measures a site in its steady state."""
        started = time.monotonic()
        visitor = Client(Recorder())  # not recorded in the run
        for url in urls:
            visitor.request("warm-up", self.args.ports[0], "GET", url)
        for port in self.args.ports:
            for _ in range(3 * self.args.workers):
                visitor.request("warm-up", port, "GET", "/", headers={"Cookie": BYPASS_COOKIE})
                visitor.request("warm-up", port, "GET", "/admin/login/")
        progress(f"Warmed up in {time.monotonic() - started:.0f} s")

    def load(self, prepared: dict) -> None:
        self.warm_up(prepared["urls"])
        stop = threading.Event()
        numbers = itertools.count(1)  # next() on it is atomic: the editors' threads share it

        def markers():
            return f"fault-{self.run_id}-{next(numbers):05d}"

        threads = []
        for offset in range(self.args.readers):
            args = (self.recorder, prepared["urls"], self.args.ports, offset * 5, stop, 0.05)
            threads.append(threading.Thread(target=reader, args=args, daemon=True))
        for number, editor in enumerate(prepared["editors"]):
            ports = self.args.ports[number % 2 :] + self.args.ports[: number % 2]
            person = Editor(
                self.recorder,
                editor["email"],
                self.password,
                editor["pages"],
                ports,
                publishes=editor["national"],
                markers=markers,
                pause=0.3,
            )
            threads.append(threading.Thread(target=person.run, args=(stop,), daemon=True))
        for thread in threads:
            thread.start()
        try:
            self.faults_in_turn()
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=40)

    # afterwards

    def verify(self, prepared: dict) -> dict:
        pages = [page for editor in prepared["editors"] for page in editor["pages"]]
        # A visitor sees a publication at once through the app (its page cache is renewed),
        # within PAGE_CACHE_SHARED_SECONDS (1 s) through a shared cache in front.
        time.sleep(1.5)
        output = run_with_input(
            [sys.executable, __file__, "_verify"],
            self.production_env(),
            json.dumps({"pages": [p["id"] for p in pages]}),
        )
        line = next(ln for ln in output.splitlines() if ln.startswith(VERIFY_MARKER))
        database = json.loads(line[len(VERIFY_MARKER) :])
        problems = []

        saves = self.recorder.saves
        acknowledged = [s for s in saves if s["acknowledged"]]
        lost = [s for s in acknowledged if s["marker"] not in database["found"][str(s["page"])]]
        problems += [f"lost: {s['action']} of page {s['page']} ({s['marker']})" for s in lost]

        wrong = []
        visitor = Client(Recorder())
        for page in pages:
            live = database["live"][str(page["id"])]
            expected = MARKER.findall(live["title"])
            # The live revision is the last acknowledged publication or one tried after it.
            published = [s for s in saves if s["page"] == page["id"] and s["action"] == "publish"]
            last = max((s["t"] for s in published if s["acknowledged"]), default=None)
            allowed = {s["marker"] for s in published if last is not None and s["t"] >= last}
            if last is not None and not set(expected) <= allowed:
                wrong.append({"page": page["id"], "problem": "older than the last publication"})
            # Other stories' titles may show on the page too (related stories): only this
            # page's own markers count.
            own = {s["marker"] for s in saves if s["page"] == page["id"]}
            for port in self.args.ports:
                visitor.cookies.clear()
                status, _, text = visitor.request("check", port, "GET", page["url"])
                seen = set(MARKER.findall(text)) & own
                shows = html.escape(live["title"]) in text or live["title"] in text
                if status != 200 or not shows or seen != set(expected):
                    wrong.append(
                        {
                            "page": page["id"],
                            "port": port,
                            "status": status,
                            "live": live["title"],
                            "markers_seen": sorted(seen),
                        }
                    )
        problems += [f"page shown wrongly: {w}" for w in wrong]
        restarted = [
            app["name"]
            for app in self.apps
            if app["proc"].poll() is not None or app["proc"].pid != app["pid"]
        ]
        return {
            "saves": {
                "attempted": len(saves),
                "acknowledged": len(acknowledged),
                "publications": sum(1 for s in acknowledged if s["action"] == "publish"),
                "found": len(acknowledged) - len(lost),
                "lost": [s["marker"] for s in lost],
            },
            "pages": {"checked": len(pages), "wrong": wrong},
            "app_restarted": restarted,
            "problems": problems,
        }

    def report(self, verified: dict) -> dict:
        report = {
            "mode": self.args.mode,
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "app_processes": len(self.apps),
            "workers": self.args.workers,
            "readers": self.args.readers,
            "editors": self.args.national_editors + self.args.municipality_editors,
            "timings": self.args.timings,
            "machine": machine_load(),
            "windows": tally(self.recorder.requests, self.windows),
            "faults": self.faults,
            "worker": self.worker,
            **verified,
        }
        report["checks"] = evaluate(report)
        return report


def machine_load() -> str:
    """The numbers depend on what else the machine does."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def run_with_input(command: list[str], env: dict, data: str) -> str:
    result = subprocess.run(
        command, cwd=BASE_DIR, env=env, input=data, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise StackError(f"{' '.join(command[:3])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def main(argv=None) -> int:
    args = parse_args(argv)
    WORK_DIR.mkdir(parents=True, exist_ok=True)

    def give_up(*_):
        raise StackError(f"Time limit of {args.time_limit} s reached")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(args.time_limit)
    test = FaultTest(args)
    try:
        prepared = test.start()
        test.load(prepared)
        report = test.report(test.verify(prepared))
    except StackError as error:
        progress(f"\n{error}")
        return 1
    finally:
        signal.alarm(0)
        with contextlib.suppress(Exception):
            test.services.stop_all()
    print(format_report(report))
    REPORT_PATH.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {REPORT_PATH.relative_to(BASE_DIR)}")
    return 0 if all(check["passed"] for check in report["checks"]) else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        child_prepare()
    elif len(sys.argv) > 1 and sys.argv[1] == "_verify":
        child_verify()
    else:
        sys.exit(main())
