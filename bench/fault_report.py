"""What bench/fault.py found, judged and printed: the requests counted per time window, the
checks, the report as text. Pure functions of plain data (tests/test_fault_report.py)."""

WINDOWS = ("before faults", "worker killed", "PostgreSQL restart", "Redis down", "after recovery")
# A request that takes this long counts as hung, whatever it answered.
HANG_SECONDS = 20.0


def outcome(status: int | None, error: str | None = None) -> str:
    """'ok' for an answer below 400 (a redirect after a save is a success), the status code
    for an error answer, else the kind of failure: 'timeout' or 'connection'."""
    if error:
        return error
    return "ok" if status is not None and status < 400 else str(status)


def window_of(t: float, windows: list[dict]) -> str | None:
    """The window a request that started at t (seconds since the run began) belongs to."""
    for window in windows:
        if window["start"] <= t < window["end"]:
            return window["name"]
    return None


# When a request was under way while a fault struck, the fault's window holds it, whichever
# window it started in; the database's outage explains a failure first.
PRECEDENCE = ("PostgreSQL restart", "worker killed", "Redis down")


def under_way(request: dict, window: dict) -> bool:
    """Whether the request was under way while one of the window's faults lasted (`faults`:
    [[from, to], …] in seconds since the run began)."""
    end = request["t"] + request["seconds"]
    return any(request["t"] <= to and end >= since for since, to in window.get("faults", ()))


def attribute(request: dict, windows: list[dict]) -> str | None:
    """The window a request counts in: the window of a fault that struck while it was under
    way, else the window it started in."""
    by_name = {w["name"]: w for w in windows}
    for name in PRECEDENCE:
        if name in by_name and under_way(request, by_name[name]):
            return name
    return window_of(request["t"], windows)


def tally(requests: list[dict], windows: list[dict]) -> list[dict]:
    """Per window: its length, the requests counted in it (see `attribute`), those that
    succeeded, the errors by kind with a few examples, the slowest answer.
    requests: {t, seconds, kind, outcome, and optionally port, path, detail}."""
    rows = []
    for window in windows:
        inside = [r for r in requests if attribute(r, windows) == window["name"]]
        errors: dict[str, int] = {}
        examples = []
        # The site recovers by itself: only requests under way during a fault may fail.
        outside = [r for r in inside if window.get("faults") and not under_way(r, window)]
        # The examples: errors with no fault under way first, then a few of each kind.
        for request in sorted(inside, key=lambda r: (r not in outside, r["t"])):
            if request["outcome"] != "ok":
                errors[request["outcome"]] = errors.get(request["outcome"], 0) + 1
                if errors[request["outcome"]] <= 3:
                    note = " (no fault under way)" if request in outside else ""
                    examples.append(
                        f"{request['outcome']}: {request['kind']} :{request.get('port', '')}"
                        f"{request.get('path', '')} {request.get('detail') or ''}".rstrip()
                        + note
                    )
        rows.append(
            {
                "name": window["name"],
                "seconds": round(window["end"] - window["start"], 1),
                "requests": len(inside),
                "ok": len(inside) - sum(errors.values()),
                "errors": dict(sorted(errors.items())),
                "examples": examples,
                "errors_outside_faults": sum(1 for r in outside if r["outcome"] != "ok"),
                "slowest": round(max((r["seconds"] for r in inside), default=0.0), 2),
                "saves_acknowledged": sum(
                    1 for r in inside if r["kind"] in ("save", "publish") and r["outcome"] == "ok"
                ),
            }
        )
    return rows


def errors_text(errors: dict[str, int]) -> str:
    return ", ".join(f"{n} × {kind}" for kind, n in errors.items()) or "–"


def _row(report: dict, name: str) -> dict:
    return next(
        (r for r in report["windows"] if r["name"] == name),
        {"requests": 0, "errors": {}, "slowest": 0.0, "saves_acknowledged": 0},
    )


def evaluate(report: dict) -> list[dict]:
    """The checks, each {name, passed, detail}."""
    checks = []

    def check(name, passed, detail):
        checks.append({"name": name, "passed": bool(passed), "detail": detail})

    before = _row(report, "before faults")
    check(
        "before faults",
        before["requests"] and not before["errors"],
        f"{before['requests']} requests, errors: {errors_text(before['errors'])}",
    )

    worker = report["worker"]
    killed = _row(report, "worker killed")
    unexpected = {k: n for k, n in killed["errors"].items() if k != "connection"}
    unexpected["after the kill"] = killed.get("errors_outside_faults", 0)
    replaced = (
        f"gunicorn started worker {worker['replacement']} after {worker['seconds']:.1f} s"
        if worker.get("replacement")
        else "gunicorn did not replace it"
    )
    check(
        "worker killed",
        worker.get("replacement") and not any(unexpected.values()),
        f"worker {worker['killed']} got SIGKILL; {replaced}; errors: "
        f"{errors_text(killed['errors'])} (only the requests it was answering may fail)",
    )

    postgres = _row(report, "PostgreSQL restart")
    unexpected = {k: n for k, n in postgres["errors"].items() if k not in ("500", "503")}
    after_restart = postgres.get("errors_outside_faults", 0)
    check(
        "PostgreSQL restart",
        not unexpected and not after_restart and postgres["slowest"] < HANG_SECONDS,
        f"{postgres['requests']} requests, errors: {errors_text(postgres['errors'])} "
        f"(only 500/503 error pages allowed), {after_restart} while it was up; slowest "
        f"{postgres['slowest']:.1f} s",
    )

    redis = _row(report, "Redis down")
    check(
        "Redis down",
        redis["requests"] and not redis["errors"] and redis["saves_acknowledged"],
        f"{redis['errors'].get('500', 0)} responses 500 of {redis['requests']} requests, "
        f"errors: {errors_text(redis['errors'])}; {redis['saves_acknowledged']} saves "
        "acknowledged",
    )

    after = _row(report, "after recovery")
    restarted = report.get("app_restarted") or []
    check(
        "after recovery",
        after["requests"] and not after["errors"] and not restarted,
        f"{after['requests']} requests, errors: {errors_text(after['errors'])}; app processes "
        f"restarted: {', '.join(restarted) or 'none'}",
    )

    saves = report["saves"]
    lost = len(saves["lost"])
    check(
        "acknowledged saves",
        saves["acknowledged"] and not lost,
        f"{saves['acknowledged']} acknowledged saves ({saves['publications']} publications), "
        f"{saves['found']} found in the database with their revision, {lost} lost",
    )

    pages = report["pages"]
    check(
        "published pages",
        pages["checked"] and not pages["wrong"],
        f"{pages['checked']} published pages checked through both processes, "
        f"{len(pages['wrong'])} not showing their live revision",
    )

    slowest = max((r["slowest"] for r in report["windows"]), default=0.0)
    check(
        "no request hung",
        slowest < HANG_SECONDS,
        f"slowest answer {slowest:.1f} s (limit {HANG_SECONDS:.0f} s)",
    )
    return checks


def format_report(report: dict) -> str:
    lines = [
        f"Fault test ({report['mode']}): {report['app_processes']} app processes (gunicorn, "
        f"{report['workers']} workers each) sharing PostgreSQL and Redis; "
        f"{report['readers']} readers, {report['editors']} editors"
        + (f"; {report['machine']} at the end" if report.get("machine") else ""),
        "",
        f"{'window':<20} {'seconds':>7} {'requests':>8} {'ok':>7}  errors",
    ]
    for row in report["windows"]:
        lines.append(
            f"{row['name']:<20} {row['seconds']:>7.1f} {row['requests']:>8} {row['ok']:>7}  "
            f"{errors_text(row['errors'])}"
        )
    total: dict[str, int] = {}
    for row in report["windows"]:
        for kind, n in row["errors"].items():
            total[kind] = total.get(kind, 0) + n
    lines.append(
        f"{'all':<20} {sum(r['seconds'] for r in report['windows']):>7.1f} "
        f"{sum(r['requests'] for r in report['windows']):>8} "
        f"{sum(r['ok'] for r in report['windows']):>7}  {errors_text(total)}"
    )
    examples = [(row["name"], e) for row in report["windows"] for e in row.get("examples", [])]
    if examples:
        lines += ["", "Errors, a few of each kind (a request under way when a fault struck counts "]
        lines[-1] += "in the fault's window)"
        lines += [f"  {name}: {example}" for name, example in examples]
    lines += ["", "Faults"]
    lines += [f"  {fault}" for fault in report.get("faults", [])]
    lines += ["", "Verified"]
    for check in report["checks"]:
        mark = "ok  " if check["passed"] else "FAIL"
        lines.append(f"  {mark}  {check['name']}: {check['detail']}")
    failed = [c for c in report["checks"] if not c["passed"]]
    for problem in report.get("problems", [])[:20]:
        lines.append(f"        {problem}")
    lines += [
        "",
        "Result: every check passed"
        if not failed
        else f"Result: {len(failed)} of {len(report['checks'])} checks FAILED",
    ]
    return "\n".join(lines)
