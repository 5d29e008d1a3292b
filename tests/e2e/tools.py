"""What the browser tests need from the machine: Chromium for every one of them, and for the
quality gates Java with the Nu HTML checker and Node with Lighthouse (`npm ci --prefix
tools/quality` installs the checker and Lighthouse). Programs are looked up on PATH when this
module is imported.

A test that needs more than Chromium says so with `@pytest.mark.needs_tools("vnu", ...)`.
Under CI (CI=true) a missing tool that a selected test needs stops the whole run before any
test starts (the root conftest.py asks `missing_under_ci`); elsewhere the test is skipped."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS_DIR = ROOT / "tools" / "quality"
VNU_JAR = TOOLS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
JAVA = shutil.which("java")
NODE = shutil.which("node")

INSTALL_QUALITY_TOOLS = "run `npm ci --prefix tools/quality`"


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _missing(tool: str) -> list[str]:
    """Why `tool` cannot run here, one line per missing piece; empty when it can."""
    if tool == "chromium":
        return [] if CHROMIUM else ["Chromium is not installed (`apt-get install chromium`)"]
    if tool == "vnu":
        problems = [] if JAVA else ["Java is not installed (the Nu HTML checker needs it)"]
        if not VNU_JAR.exists():
            problems.append(
                f"The Nu HTML checker is not installed ({VNU_JAR}); {INSTALL_QUALITY_TOOLS}"
            )
        return problems
    if tool == "lighthouse":
        problems = [] if NODE else ["Node is not installed (Lighthouse needs it)"]
        if not LIGHTHOUSE.exists():
            problems.append(f"Lighthouse is not installed ({LIGHTHOUSE}); {INSTALL_QUALITY_TOOLS}")
        return problems
    raise ValueError(f"unknown tool {tool!r}")


def tools_needed(item) -> list[str]:
    """The tools a collected test needs: none unless it is a browser test."""
    if item.get_closest_marker("e2e") is None:
        return []
    needed = ["chromium"]
    for marker in item.iter_markers("needs_tools"):
        needed.extend(tool for tool in marker.args if tool not in needed)
    return needed


def missing_under_ci(items) -> list[str]:
    """Under CI, what the selected tests need and this machine lacks."""
    if not under_ci():
        return []
    needed: list[str] = []
    for item in items:
        needed.extend(tool for tool in tools_needed(item) if tool not in needed)
    return [problem for tool in needed for problem in _missing(tool)]


def require_tool(tool: str) -> None:
    """Skip the running test when `tool` is missing (under CI the run never got this far)."""
    problems = _missing(tool)
    if problems:
        message = "; ".join(problems)
        if under_ci():
            pytest.fail(message)
        pytest.skip(message)
