"""Property-based tests (hypothesis): the settings profiles, a count of the examples each test
ran, reported at the end of the run, and a transaction per example.

Loaded by the root conftest.py. Profiles: `default` for the normal suite and `thorough` for
twenty times as many examples (`HYPOTHESIS_PROFILE=thorough`, or `--hypothesis-profile
thorough`). Failing examples are kept in `.hypothesis/` at the root of the repository and
tried first on the next run.

A test states its number of examples for the default profile; `examples.settings(n)` scales
it to the profile in use::

    def test_anything_goes(client, examples):
        @given(value=st.text())
        @examples.settings(50)
        def check(value):
            examples.count()
            with rolled_back():
                ...

        check()
        examples.assert_ran()
"""

import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

DEFAULT_EXAMPLES = 100
DATABASE = DirectoryBasedExampleDatabase(Path(__file__).resolve().parent.parent / ".hypothesis")
PROPERTY = "hypothesis_examples"

# Django pages take tens of milliseconds each, more on busy cores: no deadline per example.
settings.register_profile(
    "default", max_examples=DEFAULT_EXAMPLES, deadline=None, database=DATABASE, print_blob=True
)
settings.register_profile(
    "thorough",
    max_examples=DEFAULT_EXAMPLES * 20,
    deadline=None,
    database=DATABASE,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def scaled(examples: int) -> int:
    """`examples` for the default profile, as many times more as the profile in use asks."""
    return max(1, examples * settings.default.max_examples // DEFAULT_EXAMPLES)


@contextmanager
def rolled_back():
    """One example's writes, undone when it ends (inside the test's own transaction), so that
    every example starts from the database the test started with."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def any_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any Unicode text, control characters included (not lone surrogates, which no request
    can carry)."""
    return st.text(st.characters(codec="utf-8"), max_size=max_size)


def _encoded(text: str) -> str:
    return quote(text, safe="")


@st.composite
def query_strings(draw, values: dict[str, list[str]]):
    """A query string of any parameters (those of `values` and any others), repeated or not,
    with any values (each parameter's own `values`, and anything: Unicode, control characters,
    very long ones), encoded as a browser would or broken (`%zz`, bytes that are not UTF-8)."""
    anything = any_text() | st.sampled_from(
        ["", " ", "0", "-1", "1e9", "9" * 30, "nan", "\x00", "x" * 5000]
    )
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        known = st.sampled_from(sorted(values)) if values else st.nothing()
        name = draw(known | any_text(20))
        own = values.get(name)
        value = draw(st.sampled_from(own) | anything if own else anything)
        part = f"{_encoded(name)}={_encoded(value)}"
        if draw(st.integers(0, 9)) == 0:
            part += draw(st.sampled_from(["%", "%zz", "%ff%fe", "&&", "=", "%00", ";", "+"]))
        parts.append(part)
    return "&".join(parts)


class Examples:
    """The examples a property-based test ran, counted by the test itself."""

    def __init__(self):
        self.ran = 0
        self.planned = 0

    def settings(self, examples: int, **kwargs) -> settings:
        """Settings for `examples` examples (scaled to the profile). Pytest's fixtures are set
        up once per test, not per example: each example undoes what it changed
        (`rolled_back`), hence the health check left out."""
        self.planned = scaled(examples)
        return settings(
            max_examples=self.planned,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
            **kwargs,
        )

    def count(self) -> None:
        self.ran += 1

    def assert_ran(self, at_least: int | None = None) -> None:
        """At least as many examples as planned (or `at_least`, for strategies with fewer
        distinct values than that): a property that ran a handful of times proves little."""
        wanted = self.planned if at_least is None else min(scaled(at_least), self.planned)
        assert self.ran >= max(wanted, 1), f"ran {self.ran} examples, expected {wanted}"


@pytest.fixture
def examples(record_property):
    counter = Examples()
    yield counter
    record_property(PROPERTY, counter.ran)


# Per test id, the examples it ran: filled in from the test reports, so under xdist the
# controller, which prints the summary, has every worker's counts.
_COUNTS: dict[str, int] = {}


def pytest_runtest_logreport(report):
    if report.when != "teardown":
        return
    for name, value in report.user_properties:
        if name == PROPERTY:
            _COUNTS[report.nodeid] = value


def pytest_terminal_summary(terminalreporter, config):
    if not _COUNTS:
        return
    profile = settings.get_current_profile_name()
    terminalreporter.section(f"hypothesis examples (profile {profile})")
    for nodeid, ran in sorted(_COUNTS.items()):
        terminalreporter.line(f"{ran:>6}  {nodeid}")
    terminalreporter.line(f"{sum(_COUNTS.values()):>6}  in {len(_COUNTS)} tests")
