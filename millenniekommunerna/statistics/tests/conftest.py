from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

DATA = Path(__file__).resolve().parents[2] / "data" / "seed"


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives each test's rolled-back transaction: start every test without it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """The 27 seed stories and their 9 partnerships, imported once for the test class; each test
    runs in a savepoint inside this transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command(
            "import_listing",
            str(DATA / "millenniekommunerna-listing.txt"),
            "--goals",
            str(DATA / "seed_goals.csv"),
            "--mark-millennium",
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )
        yield
        transaction.set_rollback(True)
