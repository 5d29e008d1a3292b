"""Browser tests: the site runs in its own process on a prepared SQLite database (reference
data + the seed stories), served as production serves it (tests/e2e/settings.py), and
Playwright drives Debian's Chromium against it.

They run whenever Chromium is installed and are skipped when it is not, except under CI
(CI=true): there a missing Chromium, or a missing quality-gate tool (Java and the Nu HTML
checker, Node and Lighthouse; tests/e2e/tools.py), stops the run with an error before any test
starts, whether it was started as `make test`, `pytest -m e2e` or on one file. That check lives
in the root conftest.py, because pytest loads this file only once collection reaches
tests/e2e/, too late for a session-start hook.

Measurements (axe violations, Lighthouse scores, bytes) are collected into
var/e2e/report.json and var/e2e/report.md; screenshots go to var/screenshots/."""

import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e import contact
from tests.e2e.tools import CHROMIUM, ROOT, under_ci

E2E_DIR = ROOT / "var" / "e2e"
STATIC_DIR = ROOT / "var" / "e2e-static"
SCREENSHOT_DIR = ROOT / "var" / "screenshots"
REPORT_JSON = E2E_DIR / "report.json"
REPORT_MD = E2E_DIR / "report.md"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = ROOT / "millenniekommunerna" / "data" / "seed" / "millenniekommunerna-listing.txt"
SEED_GOALS = SEED.with_name("seed_goals.csv")

# Playwright's sync API runs an event loop in this thread; Django code called from test
# helpers must still be allowed to run.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Tests that change the site's content (an editor publishes a story) run after all others,
# which count on the seeded site as it is.
CHANGES_CONTENT = ("test_editorial_journey.py", "test_goal_suggestions.py")


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.fspath.basename in CHANGES_CONTENT)
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # Under CI the root conftest.py refuses to run without Chromium instead.
            if not CHROMIUM and not under_ci():
                item.add_marker(pytest.mark.skip(reason="Chromium is not installed"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteProcess:
    """The site, on its own database, served by Django's server in a subprocess: a SQLite
    file, or — with `E2E_DATABASE_URL` naming a PostgreSQL server (scripts/postgres.sh) — a
    database of its own there, made for the run and dropped after it."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.database = directory / "db.sqlite3"
        self.postgres = os.environ.get("E2E_DATABASE_URL", "")
        if self.postgres:
            self.postgres_name = f"mk_e2e_{os.getpid()}"
            database_url = self.postgres.rsplit("/", 1)[0] + "/" + self.postgres_name
        else:
            database_url = f"sqlite:///{self.database}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
            "DATABASE_URL": database_url,
            "E2E_STATIC_ROOT": str(STATIC_DIR),
            # The goal suggestions' model of this site's database, not the developer's.
            "GOAL_SUGGESTIONS_MODEL_PATH": str(directory / "goal-suggestions.joblib"),
            "PYTHONUNBUFFERED": "1",
        }
        self.process = None
        self.url = ""

    def manage(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout + result.stderr

    def _postgres(self, statement: str):
        import psycopg

        with psycopg.connect(self.postgres, autocommit=True) as connection:
            connection.execute(statement)

    def prepare(self):
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True)
        if self.postgres:
            self._postgres(f"DROP DATABASE IF EXISTS {self.postgres_name}")
            self._postgres(f"CREATE DATABASE {self.postgres_name}")
        self.manage("migrate", "--noinput")
        self.manage("load_reference_data")
        self.manage("import_listing", str(SEED), "--goals", str(SEED_GOALS), "--mark-millennium")
        self.manage(
            "shell", "-c", "from tests.e2e.translations import translate_seed_story as t; t()"
        )
        self.manage(
            "shell", "-c", "from tests.e2e.subscriptions import make_sample_subscriber as m; m()"
        )
        self.manage(
            "shell", "-c", "from tests.e2e.results import add_results_to_seed_story as r; r()"
        )
        contact.remember_story_id(
            self.manage("shell", "-c", "from tests.e2e.contact import print_story_id as p; p()")
        )
        # Hashed, compressed static files as in production. The folder is shared by test runs
        # (only changed files are copied again); the lock keeps two runs from writing at once.
        STATIC_DIR.mkdir(parents=True, exist_ok=True)
        with open(STATIC_DIR.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.manage("collectstatic", "--noinput", "-v0")

    def start(self):
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        log = open(self.directory / "server.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the site did not start; see {self.directory / 'server.log'}")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)
        # The server's log (errors included) stays for a look after the run.
        log = self.directory / "server.log"
        if log.exists():
            shutil.copy(log, self.directory.parent / "server-last.log")
        shutil.rmtree(self.directory, ignore_errors=True)
        if self.postgres:
            self._postgres(f"DROP DATABASE IF EXISTS {self.postgres_name} WITH (FORCE)")


@pytest.fixture(scope="session")
def site():
    """The running site: `site.url` is its base URL, `site.manage(...)` runs a command on its
    database (e.g. to create an editor account)."""
    # A folder of its own, so that test runs started at the same time do not share a database.
    process = SiteProcess(E2E_DIR / f"site-{os.getpid()}")
    process.prepare()
    process.start()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def base_url(site):
    return site.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def javascript(request):
    """Whether the browser runs JavaScript: on, unless a test is parametrized with
    `@pytest.mark.parametrize("javascript", [True, False], indirect=True)`."""
    return getattr(request, "param", True)


@pytest.fixture
def context(new_context, javascript):
    return new_context(java_script_enabled=javascript)


class QualityReport:
    """Numbers measured during the run, per page type, written to var/e2e/report.{json,md}."""

    def __init__(self):
        self.rows: dict[str, dict] = {}

    def record(self, page_type: str, **values):
        self.rows.setdefault(page_type, {}).update(values)

    def write(self):
        if not self.rows:
            return
        E2E_DIR.mkdir(parents=True, exist_ok=True)
        previous = json.loads(REPORT_JSON.read_text()) if REPORT_JSON.exists() else {}
        for name, values in self.rows.items():
            previous.setdefault(name, {}).update(values)
        REPORT_JSON.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")
        REPORT_MD.write_text(_report_table(previous))


def _report_table(rows: dict) -> str:
    axe_keys = ["axe_sv_1280", "axe_sv_375", "axe_en_1280", "axe_en_375"]
    columns = [
        ("lighthouse_performance", "LH performance"),
        ("lighthouse_accessibility", "LH accessibility"),
        ("lighthouse_best_practices", "LH best practices"),
        ("lighthouse_seo", "LH SEO"),
        ("transferred_bytes", "HTML+CSS+JS bytes"),
        ("vnu_errors", "Nu errors"),
    ]
    header = ["page type", "axe violations sv/en × 1280/375", *(title for _k, title in columns)]
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    for name, values in sorted(rows.items()):
        axe_cell = "/".join(str(values.get(key, "–")) for key in axe_keys)
        cells = [str(values.get(key, "–")) for key, _title in columns]
        lines.append(f"| {name} | {axe_cell} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def quality_report():
    report = QualityReport()
    yield report
    report.write()


@pytest.fixture
def screenshot(page):
    """`screenshot("home", width=375)` saves var/screenshots/home-375.png (full page)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(name: str, width: int | None = None) -> Path:
        if width:
            page.set_viewport_size({"width": width, "height": 900})
        path = SCREENSHOT_DIR / f"{name}-{width or page.viewport_size['width']}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
