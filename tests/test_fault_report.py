"""The judging and the report of bench/fault.py (bench/fault_report.py), and the admin form as
its editors post it (bench/fault_clients.py). The fault test itself needs PostgreSQL, Redis and
gunicorn and takes minutes: `make fault-test`."""

import importlib.util
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parent.parent


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # fault_clients imports fault_report by name
    spec.loader.exec_module(module)
    return module


report_module = load("fault_report")
clients = load("fault_clients")

WINDOWS = [
    {"name": "before faults", "start": 0.0, "end": 10.0},
    {"name": "worker killed", "start": 10.0, "end": 20.0, "faults": [[10.0, 10.0]]},
    {"name": "PostgreSQL restart", "start": 20.0, "end": 30.0, "faults": [[20.0, 20.5], [25, 27]]},
    {"name": "Redis down", "start": 30.0, "end": 40.0, "faults": [[30.0, 40.0]]},
    {"name": "after recovery", "start": 40.0, "end": 50.0},
]


def request(t, outcome="ok", seconds=0.1, kind="read"):
    return {"t": t, "seconds": seconds, "kind": kind, "outcome": outcome, "path": "/", "port": 1}


def a_report(requests):
    return {
        "mode": "short",
        "app_processes": 2,
        "workers": 2,
        "readers": 4,
        "editors": 3,
        "windows": report_module.tally(requests, WINDOWS),
        "faults": ["worker 10 of app process 1 killed with SIGKILL"],
        "worker": {"killed": 10, "replacement": 11, "seconds": 0.3},
        "saves": {"acknowledged": 2, "publications": 1, "found": 2, "lost": []},
        "pages": {"checked": 6, "wrong": []},
        "app_restarted": [],
    }


GOOD = [
    request(1),
    request(9.9, "connection", seconds=0.2),  # on the worker when it was killed
    request(20.2, "500"),  # the database was restarting
    request(26, "500"),  # the database was down
    request(31),
    request(32, "ok", kind="save"),
    request(41),
]


def judged(requests):
    report = a_report(requests)
    report["checks"] = report_module.evaluate(report)
    return report


def failed(report):
    return [check["name"] for check in report["checks"] if not check["passed"]]


def test_a_run_that_keeps_every_promise_passes_and_says_so():
    report = judged(GOOD)
    assert failed(report) == []
    text = report_module.format_report(report)
    assert "Result: every check passed" in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("window"))
    assert [line.split("  ")[0].strip() for line in lines[header + 1 : header + 6]] == list(
        report_module.WINDOWS
    )
    assert "2 × 500" in lines[header + 3]
    assert "2 acknowledged saves (1 publications), 2 found" in text and "0 lost" in text
    assert "6 published pages checked through both processes" in text
    assert "0 responses 500 of 2 requests" in text
    assert json.loads(json.dumps(report)) == report  # written as JSON too


def test_a_500_while_redis_is_down_fails_the_run():
    report = judged([*GOOD, request(35, "500")])
    assert failed(report) == ["Redis down"]
    assert "Result: 1 of 8 checks FAILED" in report_module.format_report(report)


def test_a_request_under_way_when_the_database_stopped_counts_in_its_window():
    # Started before the restart, answered 500 during it: the database explains it.
    report = judged([*GOOD, request(18, "500", seconds=3)])
    assert failed(report) == []
    assert report["windows"][2]["errors"] == {"500": 3}


def test_once_the_database_is_back_requests_must_succeed():
    # e.g. a kept connection that nobody tested after the restart (CONN_HEALTH_CHECKS)
    report = judged([*GOOD, request(23, "500"), request(28, "500")])
    assert failed(report) == ["PostgreSQL restart"]
    assert "2 while it was up" in report_module.format_report(report)


def test_while_the_database_restarts_only_error_pages_are_allowed_never_a_hang():
    assert failed(judged([*GOOD, request(25.5, "timeout", seconds=30)])) == [
        "PostgreSQL restart",
        "no request hung",
    ]


def test_a_lost_save_an_error_after_recovery_and_a_wrong_page_each_fail():
    report = a_report([*GOOD, request(45, "502")])
    report["saves"]["lost"] = ["fault-abcdef-00001"]
    report["pages"]["wrong"] = [{"page": 3, "port": 58522}]
    report["checks"] = report_module.evaluate(report)
    assert failed(report) == ["after recovery", "acknowledged saves", "published pages"]


def test_after_the_kill_the_other_workers_answer():
    assert failed(judged([*GOOD, request(11, "connection")])) == ["worker killed"]


def test_a_worker_that_is_not_replaced_fails():
    report = a_report(GOOD)
    report["worker"]["replacement"] = None
    assert [c["name"] for c in report_module.evaluate(report) if not c["passed"]] == [
        "worker killed"
    ]


EDIT_FORM = """
<form action="/admin/pages/7/edit/" method="POST">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="text" name="title" value="Gammal rubrik">
  <textarea name="teaser">
Gammal ingress</textarea>
  <input type="checkbox" name="goals" value="3" checked>
  <input type="checkbox" name="goals" value="4">
  <select name="source_date_precision"><option value="year">År</option>
    <option value="period" selected>Period</option></select>
  <input type="hidden" name="review_flags-TOTAL_FORMS" value="0">
  <template><input name="review_flags-__prefix__-kind" value=""></template>
  <button type="submit" name="action-publish" value="action-publish">Publicera</button>
</form>
<form method="post" action="/admin/logout/"><input name="other" value="x"></form>
"""


def test_the_edit_form_is_posted_as_a_browser_sends_it():
    data = parse_qsl(
        clients.edit_post_data(EDIT_FORM, "Ny rubrik", "Ny ingress", "Text", publish=True),
        keep_blank_values=True,
    )
    fields = dict(data)
    assert fields["csrfmiddlewaretoken"] == "tok"
    assert fields["title"] == "Ny rubrik" and fields["teaser"] == "Ny ingress"
    assert [v for k, v in data if k == "goals"] == ["3"]
    assert fields["source_date_precision"] == "period"
    assert "review_flags-__prefix__-kind" not in fields and "other" not in fields
    assert fields["body-count"] == "1" and fields["body-0-type"] == "paragraph"
    assert json.loads(fields["body-0-value"])["blocks"][0]["text"] == "Text"
    assert fields["action-publish"] == "action-publish"
    draft = dict(parse_qsl(clients.edit_post_data(EDIT_FORM, "a", "b", "c", publish=False)))
    assert "action-publish" not in draft


def test_a_failure_must_be_the_sites_error_page_or_the_apis_json():
    page = "<title>Något gick fel – Millenniekommunerna</title>"
    assert clients.proper_error({"content-type": "text/html; charset=utf-8"}, page)
    assert not clients.proper_error({"content-type": "text/html"}, "<h1>Server Error (500)</h1>")
    assert clients.proper_error({"content-type": "application/json"}, '{"detail": "Server error"}')
    assert not clients.proper_error({"content-type": "application/json"}, "Internal Server Error")


def test_quiet_waits_for_the_requests_under_way():
    recorder = clients.Recorder()
    recorder.begin()
    inside = []

    def restart():
        with recorder.quiet(timeout=5):
            inside.append(recorder.under_way)

    thread = threading.Thread(target=restart)
    thread.start()
    time.sleep(0.2)
    assert inside == []  # a request is still under way
    recorder.end()
    thread.join(5)
    assert inside == [0]
    assert recorder.open.is_set()
