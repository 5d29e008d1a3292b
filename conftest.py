"""Test set-up shared by every app: the reference data and the page tree are built once per
test session; each test runs in a transaction that is rolled back."""

import fcntl
import io
import os
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

# Hypothesis profiles, the `examples` fixture and its report (tests/properties.py).
pytest_plugins = ["tests.properties"]

SEED_DIR = Path(__file__).resolve().parent / "millenniekommunerna" / "data" / "seed"


def _cannot_run(items) -> str:
    from tests.e2e.tools import missing_under_ci

    problems = missing_under_ci(items)
    if not problems:
        return ""
    return "CI=true, and the selected browser tests cannot run:\n  " + "\n  ".join(problems)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session):
    """Under CI (CI=true) the browser tests must run: when any selected test needs Chromium or
    a quality-gate tool that is missing, the run is an error before the first test (and the
    e2e site) starts. Here rather than in tests/e2e/conftest.py, which pytest loads only while
    collecting, so that the check holds however the run is started; deselected browser tests
    (`-m 'not e2e'`) need nothing."""
    message = _cannot_run(session.items)
    if not message:
        return
    if hasattr(session.config, "workerinput"):
        # An xdist worker that stops here takes its message with it (the controller reports
        # only "no active workers"), so under -n each such test errors in its setup instead.
        session.config.stash[CANNOT_RUN] = True
        return
    raise pytest.UsageError(message)


CANNOT_RUN = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items):
    """Within each module, the tests without the seed stories run before those with them:
    the seed stories stay in the database from the first test that asks for them to the end
    of its module (`_seed_for_module`). The sort is stable, so the order is otherwise as
    written; under xdist each worker runs its share in this order."""
    modules = {}
    for index, item in enumerate(items):
        modules.setdefault(item.module.__name__ if item.module else "", index)
    items.sort(
        key=lambda item: (
            modules[item.module.__name__ if item.module else ""],
            "_seed_for_module" in item.fixturenames,
        )
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.config.stash.get(CANNOT_RUN, False):
        message = _cannot_run([item])
        if message:
            pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Mutation testing (scripts/mutation.py) starts a pytest session per mutant, several at
    once, each reusing a SQLite test database (`--reuse-db`) so as not to run the migrations
    every time. With MUTATION_DB_SLOTS=n each session takes one of n databases, the first whose
    lock file no other session holds, and keeps it to the end of the session. (pytest-django's
    own suffixes are for xdist and tox workers, which live for a whole run.)"""
    slots = int(os.environ.get("MUTATION_DB_SLOTS", "0"))
    if not slots:
        yield
        return
    from django.conf import settings

    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    name = test_settings.get("NAME")
    if not name or name == ":memory:":
        raise pytest.UsageError("MUTATION_DB_SLOTS needs a test database file (TEST NAME)")
    handle = None
    while handle is None:
        for slot in range(slots):
            handle = open(f"{name}.slot{slot}.lock", "w")  # noqa: SIM115 (held to the end)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.close()
                handle = None
        else:
            time.sleep(0.05)
    test_settings["NAME"] = f"{name}.slot{slot}"
    yield
    # mutmut runs its first sessions (the clean run, the coverage of each test) in the process
    # it forks the mutants' sessions from: those must find the slot free and the name as it was.
    test_settings["NAME"] = name
    handle.close()


def _mutmut_reached():
    """While mutmut learns which tests reach which function (its "stats" session, of
    scripts/mutation.py), the set of functions reached since the last test's teardown;
    otherwise None."""
    try:
        from mutmut.mutation.trampoline import get_mutant_under_test
        from mutmut.state import state
    except ImportError:
        return None
    if get_mutant_under_test() != "stats":
        return None
    return state()._stats


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """mutmut credits what a fixture reaches to the test being set up when it runs: for a
    fixture of a class, module or session (the seed import of the importer's tests), only the
    first test that uses it. Each later test would then run without the functions it checks
    ever being mutated for it, and their mutants survive. So what such a fixture reaches is
    kept, and credited to every test that uses it (`pytest_runtest_teardown` below)."""
    reached = _mutmut_reached()
    if reached is None or fixturedef.scope == "function":
        yield
        return
    before = set(reached)
    reached.clear()
    yield
    fixturedef.mutmut_reached = set(reached)
    reached |= before


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    reached = _mutmut_reached()
    if reached is None:
        return
    for definitions in item._fixtureinfo.name2fixturedefs.values():
        for definition in definitions:
            reached |= getattr(definition, "mutmut_reached", set())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def import_seed():
    """The 27 seed stories in 17 municipalities and their 9 partnerships, imported as
    `make run` does (and so indexed by the search backend through Wagtail's signals)."""
    call_command(
        "import_listing",
        str(SEED_DIR / "millenniekommunerna-listing.txt"),
        goals=str(SEED_DIR / "seed_goals.csv"),
        mark_millennium=True,
        stdout=io.StringIO(),
    )


@pytest.fixture(scope="module")
def _seed_for_module(django_db_setup, django_db_blocker):
    """The seed stories imported once for a test module (two seconds an import); each test
    that asks for them runs in a savepoint inside this transaction, so what it changes is
    rolled back before the next. A test of the same module that does not ask for them and
    runs after one that did would see them too: keep such tests in modules of their own."""
    with django_db_blocker.unblock(), transaction.atomic():
        import_seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seed_import(_seed_for_module, db):
    """The seed stories, for one test."""


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """The seed stories imported once for a test class; each test runs in a savepoint inside
    this transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        import_seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _no_cache_from_earlier_tests():
    """Counts, maps and statistics are cached until a story is published
    (core.derived_cache); a test that makes stories straight in the database fires no such
    signal, so no test may see what an earlier test cached."""
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request to an /en/ page leaves English
    active in the thread (LocaleMiddleware activates, nothing deactivates), and a test that
    renders a template without a request would otherwise inherit it from the test before."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def empty_cache():
    """The cache outlives each test's rolled-back transaction: a test that uses it starts and
    ends without it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from millenniekommunerna.home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def municipality_index(db):
    from millenniekommunerna.municipalities.models import MunicipalityIndexPage

    return MunicipalityIndexPage.objects.get()


@pytest.fixture
def goal_index(db):
    from millenniekommunerna.goals.models import GoalIndexPage

    return GoalIndexPage.objects.get()


@pytest.fixture
def story_index(db):
    from millenniekommunerna.stories.models import StoryIndexPage

    return StoryIndexPage.objects.get()


@pytest.fixture
def count_queries(client):
    """GET `url` and return (response, number of database queries it took). The page is
    fetched once before counting, so that one-off work (image renditions made on first view)
    does not count: the number is what every later visitor costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(url, **kwargs):
        client.get(url, **kwargs)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, **kwargs)
        return response, len(captured.captured_queries)

    return get


@pytest.fixture
def make_stories():
    """Create `n` published stories spread over a few municipalities, with goals, places and
    a hero image, so that listings exercise every relation a card shows."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.images.factories import CustomImageFactory
    from millenniekommunerna.partnerships.models import PartnerPlace
    from millenniekommunerna.stories.factories import StoryPageFactory

    goals = list(Goal.objects.filter(slug__in=["sdg-12", "mdg-7", "sdg-17"]))
    places = list(PartnerPlace.objects.all()[:2])
    codes = ["0382", "1781", "0182", "2514"]  # Östhammar, Kristinehamn, Nacka, Kalix

    def make(n, **kwargs):
        stories = []
        for i in range(n):
            stories.append(
                StoryPageFactory(
                    municipality_code=kwargs.get("municipality_code", codes[i % len(codes)]),
                    goals=goals,
                    partner_places=places,
                    hero_image=CustomImageFactory() if i % 2 == 0 else None,
                )
            )
        return stories

    return make
