"""A browser test that cannot run must not look like one that passed: under CI (CI=true) a
missing Chromium stops the run with an error before any test or the e2e site starts; elsewhere
the browser tests are skipped. The same holds for the quality gates' tools (Java with the Nu
HTML checker, Node with Lighthouse). Each case runs pytest on browser tests in a subprocess
whose PATH holds no Chromium, or only a Chromium (tests/e2e/tools.py looks programs up there
on import)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER_TESTS = "tests/e2e/test_maps.py"
# Started from the top, as `make test PYTEST_ARGS="-m e2e"` is, pytest loads
# tests/e2e/conftest.py only while collecting; started on the file, before the session.
FROM_THE_TOP = ["tests", "-m", "e2e", "-k", "test_maps"]
ON_THE_FILE = [BROWSER_TESTS]
USAGE_ERROR = 4
NO_TESTS_COLLECTED = 5


QUALITY_GATES = "tests/e2e/test_quality_gates.py"


def run_pytest(tmp_path, *args, ci: bool):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "CI", "COV_CORE_"))
    }
    # A folder of our own as PATH: no chromium on it unless the test puts one there. Python
    # itself is started by its full path.
    env["PATH"] = str(tmp_path)
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-x", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("args", [FROM_THE_TOP, ON_THE_FILE], ids=["from-the-top", "one-file"])
def test_under_ci_a_missing_chromium_is_an_error_not_an_expected_failure(tmp_path, args):
    result = run_pytest(tmp_path, *args, ci=True)
    output = result.stdout + result.stderr

    assert result.returncode == USAGE_ERROR, output
    assert "Chromium is not installed" in output
    assert "xfail" not in output.lower()
    # Stopped before the first test: the session fixture that starts the e2e site never ran.
    assert not re.search(r"\d+ (passed|failed|skipped|xfailed|xpassed|errors?)\b", output)


def test_under_ci_deselected_browser_tests_need_no_chromium(tmp_path):
    result = run_pytest(tmp_path, BROWSER_TESTS, "-m", "not e2e", ci=True)
    output = result.stdout + result.stderr

    assert result.returncode == NO_TESTS_COLLECTED, output
    assert "Chromium is not installed" not in output


def test_outside_ci_a_missing_chromium_skips_the_browser_tests(tmp_path):
    result = run_pytest(tmp_path, *FROM_THE_TOP, ci=False)
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "skipped" in output
    assert "Chromium is not installed" in output
    assert "xfail" not in output.lower()
    assert " passed" not in output


@pytest.mark.parametrize(
    "args",
    [["tests", "-m", "e2e", "-k", "test_quality_gates"], [QUALITY_GATES]],
    ids=["from-the-top", "one-file"],
)
def test_under_ci_a_missing_quality_tool_is_an_error_even_with_chromium(tmp_path, args):
    chromium = tmp_path / "chromium"  # found on PATH, never started: the run stops before
    chromium.write_text("#!/bin/sh\nexit 1\n")
    chromium.chmod(0o755)

    result = run_pytest(tmp_path, *args, ci=True)
    output = result.stdout + result.stderr

    assert result.returncode == USAGE_ERROR, output
    assert "Chromium is not installed" not in output
    assert "Java is not installed" in output
    assert "Node is not installed" in output
    assert "xfail" not in output.lower()
    assert not re.search(r"\d+ (passed|failed|skipped|xfailed|xpassed|errors?)\b", output)
