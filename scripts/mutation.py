"""Mutation testing, one module at a time (`make mutation`; docs/testing.md).

For each target below, the project's tracked files are copied to `var/mutation/work/<name>/`
with the `[tool.mutmut]` table of pyproject.toml narrowed to that target (`only_mutate`, and
the tests that cover it as `pytest_add_cli_args_test_selection`); mutmut then makes every
mutant of those modules and runs the selected tests against each. A mutant is *killed* when a
test fails, *survives* when all pass. The counts per target go to `var/mutation/report.json`
and `report.md`, with the surviving mutants' names (see them with `mutmut show NAME` in the
target's folder).

    .venv/bin/python scripts/mutation.py                 # every target
    .venv/bin/python scripts/mutation.py text roles      # some targets
    .venv/bin/python scripts/mutation.py --list          # what the targets are

Written here rather than as mutmut configuration alone because mutmut reads one configuration
per folder, and a run over the whole package would run the whole suite for every mutant.
"""

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "mutation"
PACKAGE = "millenniekommunerna"


@dataclass(frozen=True)
class Target:
    name: str
    modules: tuple[str, ...]  # globs under the package, as mutmut's only_mutate takes them
    tests: tuple[str, ...]  # the tests that cover them (paths or node ids)
    about: str


TARGETS = (
    Target(
        "text",
        ("core/text.py",),
        (f"{PACKAGE}/core/tests/test_text.py",),
        "text helpers: excerpts, slugs",
    ),
    Target(
        "swedish",
        ("core/swedish.py",),
        (f"{PACKAGE}/core/tests/test_swedish.py",),
        "Swedish search words: query cleaning, stems, inflections, snippets",
    ),
    Target(
        "ratelimit",
        ("core/ratelimit.py",),
        (
            f"{PACKAGE}/core/tests/test_ratelimit.py",
            f"{PACKAGE}/tips/tests/test_views.py",
            "tests/test_rate_limit.py",
        ),
        "rate limits of logins, tips, the API and the expensive anonymous pages",
    ),
    Target(
        "roles",
        (
            "editorial/roles.py",
            "municipalities/permissions.py",
            "tips/permissions.py",
            "partnerships/permissions.py",
        ),
        (
            f"{PACKAGE}/editorial/tests/test_permissions.py",
            f"{PACKAGE}/editorial/tests/test_security.py",
            f"{PACKAGE}/tips/tests/test_views.py",
            f"{PACKAGE}/tips/tests/test_admin.py",
            f"{PACKAGE}/partnerships/tests/test_permissions.py",
            f"{PACKAGE}/partnerships/tests/test_admin.py",
        ),
        "permissions and roles: who may edit, publish and see tips and partnerships",
    ),
    Target(
        "selection",
        ("stories/listing/selection.py", "stories/listing/params.py", "core/query_params.py"),
        (f"{PACKAGE}/search/tests/test_listing.py", f"{PACKAGE}/search/tests/test_views.py"),
        "the listing's selection: reading and checking the query string",
    ),
    Target(
        "facets",
        ("stories/listing/facets.py", "stories/listing/finder.py"),
        (f"{PACKAGE}/search/tests/test_listing.py", f"{PACKAGE}/search/tests/test_views.py"),
        "facet counts and pagination",
    ),
    Target(
        "api-filters",
        ("api/filters.py", "api/partnership_filters.py"),
        # The contract test holds the code lists the OpenAPI document gives each filter.
        (
            f"{PACKAGE}/api/tests/test_api.py",
            f"{PACKAGE}/api/tests/test_followup.py",
            f"{PACKAGE}/api/tests/test_partnerships.py",
            f"{PACKAGE}/api/tests/test_openapi_contract.py",
        ),
        "API filters of stories and partnerships",
    ),
    Target(
        "api-representation",
        ("api/representation/*.py",),
        (
            f"{PACKAGE}/api/tests/test_api.py",
            f"{PACKAGE}/api/tests/test_body_text.py",
            f"{PACKAGE}/api/tests/test_exports.py",
            f"{PACKAGE}/api/tests/test_followup.py",
            f"{PACKAGE}/api/tests/test_jsonld.py",
            f"{PACKAGE}/api/tests/test_partnerships.py",
            f"{PACKAGE}/api/tests/test_partnership_exports.py",
            f"{PACKAGE}/api/tests/test_query_bounds.py",
        ),
        "what the API and the exports say about a story, municipality, goal and place",
    ),
    Target(
        "importer",
        ("stories/importers/*.py",),
        # The provenance tests hold the importer's source options (source.py).
        (
            f"{PACKAGE}/stories/tests/test_import_listing.py",
            f"{PACKAGE}/stories/tests/test_import_status.py",
            f"{PACKAGE}/stories/tests/test_listing_shapes.py",
            f"{PACKAGE}/stories/tests/test_provenance.py",
        ),
        "the listing importer and its enrichment",
    ),
    Target(
        "tips",
        ("tips/images.py", "tips/forms.py", "images/validators.py"),
        (
            f"{PACKAGE}/tips/tests/test_images.py",
            f"{PACKAGE}/tips/tests/test_views.py",
            f"{PACKAGE}/images/tests/test_validators.py",
        ),
        "tip sanitising and image validation",
    ),
    Target(
        "statistics",
        ("statistics/tables.py",),
        (f"{PACKAGE}/statistics/tests/test_views.py",),
        "statistics tables",
    ),
)


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return [name for name in listed.decode().split("\0") if name]


REUSED_DB_SETTINGS = """from .test import *  # noqa: F403

DATABASES["default"]["TEST"] = {{"NAME": {name!r}}}  # noqa: F405
"""


def prepare(target: Target, resume: bool = False) -> Path:
    """A copy of the tracked files with the mutmut table narrowed to `target`.

    mutmut starts a pytest session for every mutant, and creating the test database (the
    migrations) takes longer than most tests. The sessions reuse SQLite test databases in the
    copy (`--reuse-db`), one per mutant run at once: each session takes a free one
    (MUTATION_DB_SLOTS, the root conftest.py), made by the first session that took it; each
    test still runs in a transaction that is rolled back.

    With `resume` the verdicts of an earlier run stay: the copy is brought up to date (also
    mutmut's own copy in `mutants/`, which it does not refresh by itself), and mutmut checks
    again only the mutants of functions that changed since and those never checked.
    """
    work = OUT / "work" / target.name
    resume = resume and (work / "mutants").is_dir()
    described = json.dumps({"modules": target.modules, "tests": target.tests})
    earlier = work / "target.json"
    if resume and (not earlier.exists() or earlier.read_text(encoding="utf-8") != described):
        # mutmut learnt which tests reach which function on the first run; with other
        # modules or tests that would be wrong, so the run starts again.
        print(f"  {target.name}: its modules or tests changed since; starting again", flush=True)
        resume = False
    if work.exists() and not resume:
        shutil.rmtree(work)
    mutated = {f"{PACKAGE}/{glob}" for glob in target.modules}
    for name in tracked_files():
        source = ROOT / name
        if not source.is_file():
            continue
        copies = [work / name]
        if resume and not any(fnmatch.fnmatch(name, glob) for glob in mutated):
            copies.append(work / "mutants" / name)
        for copy in copies:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
        if resume and copies == [work / name]:
            # mutmut makes a module's mutants again (keeping the verdicts of the functions
            # that did not change) only when the module is newer than its mutants.
            os.utime(work / name)
    earlier.write_text(described, encoding="utf-8")
    pyproject = work / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    table = [
        f"only_mutate = {json.dumps([f'{PACKAGE}/{glob}' for glob in target.modules])}",
        f"pytest_add_cli_args_test_selection = {json.dumps(list(target.tests))}",
    ]
    settings = work / PACKAGE / "settings" / "mutation.py"
    settings.write_text(
        REUSED_DB_SETTINGS.format(name=str(work / "test-db.sqlite3")), encoding="utf-8"
    )
    cli_args = tomllib.loads(text)["tool"]["mutmut"]["pytest_add_cli_args"]
    cli_args += [f"--ds={PACKAGE}.settings.mutation", "--reuse-db"]
    text = re.sub(
        r"^pytest_add_cli_args = .*$",
        f"pytest_add_cli_args = {json.dumps(cli_args)}",
        text,
        count=1,
        flags=re.MULTILINE,
    )
    text = text.replace("[tool.mutmut]\n", "[tool.mutmut]\n" + "\n".join(table) + "\n", 1)
    tomllib.loads(text)  # still valid
    pyproject.write_text(text, encoding="utf-8")
    if resume:
        for changed in (pyproject, settings):
            shutil.copy2(changed, work / "mutants" / changed.relative_to(work))
    return work


def run(target: Target, max_children: int, resume: bool = False) -> dict:
    undecided = set()
    if resume and (OUT / "work" / target.name / "mutants").is_dir():
        undecided = _names(target, "survived", "no tests")
    work = prepare(target, resume)
    mutmut = str(ROOT / ".venv" / "bin" / "mutmut")
    started = time.monotonic()
    log = OUT / f"{target.name}.log"
    with open(log, "a" if resume else "w", encoding="utf-8") as handle:

        def mutmut_run(*names):
            process = subprocess.run(
                [mutmut, "run", "--max-children", str(max_children), *names],
                cwd=work,
                env={**os.environ, "MUTATION_DB_SLOTS": str(max_children)},
                stdout=handle,
                stderr=subprocess.STDOUT,
                check=False,
            )
            if process.returncode != 0:
                raise SystemExit(f"mutmut failed for {target.name}; see {log}")

        mutmut_run()
        # The earlier run's survivors and mutants no test reached, if they kept that verdict,
        # are checked again: tests may have been added since.
        again = sorted(undecided & _names(target, "survived", "no tests"))
        if again:
            mutmut_run(*again)
    return collect(target, round(time.monotonic() - started))


def verdicts(target: Target) -> dict[str, str]:
    """Each mutant's verdict so far, by name ("killed", "survived", "not checked", …)."""
    work = OUT / "work" / target.name
    mutmut = str(ROOT / ".venv" / "bin" / "mutmut")
    if not (work / "mutants").is_dir():
        raise SystemExit(f"{target.name} has not been run; see --list")
    listed = subprocess.run(
        [mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=False
    ).stdout
    found = {}
    for line in listed.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            found[name] = status.strip()
    return found


def _names(target: Target, *statuses: str) -> set[str]:
    return {name for name, status in verdicts(target).items() if status in statuses}


def collect(target: Target, seconds: int | None = None) -> dict:
    """The verdicts so far in the target's work folder: all of them after a whole run, the
    mutants decided before it was stopped after an interrupted one (`checked` < `mutants`)."""
    found = verdicts(target)
    count = Counter(found.values())
    killed, survived, timeouts = count["killed"], count["survived"], count["timeout"]
    decided = killed + survived + timeouts
    return {
        "target": target.name,
        "about": target.about,
        "modules": list(target.modules),
        "mutants": len(found),
        "checked": len(found) - count["not checked"],
        "killed": killed,
        "survived": survived,
        "timed_out": timeouts,
        "no_tests": count["no tests"],
        "suspicious": count["suspicious"],
        "score": round(100 * (killed + timeouts) / decided, 1) if decided else None,
        "seconds": seconds,
        "survivors": sorted(name for name, status in found.items() if status == "survived"),
    }


def write_report(rows: list[dict]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    previous = {}
    report_json = OUT / "report.json"
    if report_json.exists():
        previous = {row["target"]: row for row in json.loads(report_json.read_text())}
    previous.update({row["target"]: row for row in rows})
    merged = [previous[t.name] for t in TARGETS if t.name in previous]
    report_json.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# Mutation testing",
        "",
        "Score = killed (and timed out) / mutants with a verdict. "
        "See docs/testing.md for how to read it.",
        "",
        "| target | what | mutants | killed | survived | timed out | no tests | score | seconds |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in merged:
        score = "–" if row["score"] is None else f"{row['score']} %"
        mutants = row["mutants"]
        if row.get("checked", mutants) < mutants:
            mutants = f"{row['checked']} of {mutants} (stopped)"
        seconds = "–" if row["seconds"] is None else row["seconds"]
        lines.append(
            f"| {row['target']} | {row['about']} | {mutants} | {row['killed']} | "
            f"{row['survived']} | {row['timed_out']} | {row['no_tests']} | {score} | "
            f"{seconds} |"
        )
    lines.append("")
    for row in merged:
        if row["survivors"]:
            lines.append(f"## Survivors of {row['target']}")
            lines.append("")
            lines += [f"- `{name}`" for name in row["survivors"]]
            lines.append("")
    (OUT / "report.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="target names (default: all)")
    parser.add_argument("--list", action="store_true", help="list the targets and stop")
    parser.add_argument(
        "--collect",
        action="store_true",
        help="run nothing: report the verdicts already in the targets' work folders "
        "(of a run that was stopped, the mutants it decided)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the verdicts of an earlier (or stopped) run of the targets: check only the "
        "mutants not checked yet, those of functions changed since, and the survivors again "
        "(a target whose modules or tests changed starts again)",
    )
    parser.add_argument("--max-children", type=int, default=2, help="mutants run at once")
    parser.add_argument(
        "--min-score", type=float, default=None, help="exit 1 when a target scores below this"
    )
    args = parser.parse_args()
    by_name = {t.name: t for t in TARGETS}
    if args.list:
        for target in TARGETS:
            print(f"{target.name:20} {', '.join(target.modules)}  ({target.about})")
        return 0
    unknown = [name for name in args.targets if name not in by_name]
    if unknown:
        parser.error(f"unknown target(s): {', '.join(unknown)}; see --list")
    chosen = [by_name[name] for name in args.targets] or list(TARGETS)
    if args.collect:
        rows = [collect(target) for target in chosen]
        for row in rows:
            print(
                f"{row['target']}: {row['checked']} of {row['mutants']} mutants checked, "
                f"{row['killed']} killed, {row['survived']} survived, score {row['score']} %"
            )
        write_report(rows)
        print(f"report: {OUT / 'report.md'}")
        return 0
    rows = []
    for target in chosen:
        print(f"mutation testing {target.name} ({', '.join(target.modules)}) …", flush=True)
        row = run(target, args.max_children, args.resume)
        rows.append(row)
        print(
            f"  {row['mutants']} mutants: {row['killed']} killed, {row['survived']} survived, "
            f"{row['timed_out']} timed out, score {row['score']} % ({row['seconds']} s)",
            flush=True,
        )
        write_report(rows)
    print(f"report: {OUT / 'report.md'}")
    if args.min_score is not None:
        low = [r for r in rows if r["score"] is not None and r["score"] < args.min_score]
        if low:
            print("below the minimum score:", ", ".join(r["target"] for r in low))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
