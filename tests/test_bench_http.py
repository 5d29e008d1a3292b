"""The pure helpers of bench/throughput.py and deploy/render.py; the benchmark itself is not run here
(it takes minutes and needs nginx, wrk, PostgreSQL and Redis: `make bench-http`)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load("bench_http", "bench/throughput.py")
render = load("deploy_render", "deploy/render.py")

WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:40000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    11.26ms   20.05ms 200.00ms   90.00%
  Latency Distribution
     50%   11.20ms
     99%  114.10ms
  4297 requests in 3.03s, 28.10MB read
{non_2xx}Requests/sec:   1419.20
Transfer/sec:      9.28MB
BENCH-WRK {{"requests": 4297, "duration_us": 3030000, "bytes": 29463229, "connect_errors": 0, \
"read_errors": 0, "write_errors": 0, "status_errors": {status}, "timeouts": 0, "p50_us": 11200, \
"p90_us": 20000, "p99_us": 114100, "max_us": 200000}}
"""


def test_parse_wrk_reads_the_json_line():
    result = bench.parse_wrk(WRK_OUTPUT.format(non_2xx="", status=0))
    assert result["requests"] == 4297
    assert result["rps"] == pytest.approx(4297 / 3.03)
    assert result["p50_ms"] == pytest.approx(11.2)
    assert result["p99_ms"] == pytest.approx(114.1)
    assert result["bytes_per_response"] == pytest.approx(29463229 / 4297)
    assert bench.wrk_problem(result, expected_bytes=6380) is None


def test_a_run_with_error_responses_does_not_count():
    output = WRK_OUTPUT.format(non_2xx="  Non-2xx or 3xx responses: 12\n", status=12)
    problem = bench.wrk_problem(bench.parse_wrk(output))
    assert "12 status" in problem


def test_wrk_text_counts_even_if_the_script_line_says_none():
    output = WRK_OUTPUT.format(non_2xx="  Non-2xx or 3xx responses: 3\n", status=0)
    assert bench.parse_wrk(output)["errors"]["status"] == 3


def test_responses_much_smaller_than_the_page_do_not_count():
    # e.g. a redirect, which wrk counts as a success
    result = bench.parse_wrk(WRK_OUTPUT.format(non_2xx="", status=0))
    assert "less than half" in bench.wrk_problem(result, expected_bytes=20_000)


def test_missing_result_line_is_an_error():
    with pytest.raises(bench.BenchError):
        bench.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_summary_is_the_median_of_the_rounds():
    rounds = [
        {"rps": 100.0, "p50_ms": 5.0, "p99_ms": 50.0},
        {"rps": 300.0, "p50_ms": 1.0, "p99_ms": 10.0},
        {"rps": 200.0, "p50_ms": 3.0, "p99_ms": 90.0},
    ]
    assert bench.summarise(rounds) == {"rps": 200.0, "p50_ms": 3.0, "p99_ms": 50.0, "rounds": 3}


def test_modes_take_turns_being_first():
    assert bench.rotated(("a", "b", "c"), 0) == ["a", "b", "c"]
    assert bench.rotated(("a", "b", "c"), 1) == ["b", "c", "a"]
    assert bench.rotated(("a", "b", "c"), 5) == ["c", "a", "b"]


def test_table_names_each_page_once():
    row = {"page": "home", "url": "/", "rps": 10.0, "p50_ms": 1.0, "p99_ms": 2.0, "queries": 9}
    table = bench.format_table(
        [{**row, "mode": "cached", "ratio": 0.5, "cache": "HIT"}, {**row, "mode": "static"}]
    )
    lines = table.splitlines()
    assert lines[1].startswith("home") and "0.50" in lines[1] and "HIT" in lines[1]
    assert lines[2].startswith(" ") and "static" in lines[2]


def test_render_fills_our_names_and_leaves_nginx_variables():
    text = render.render("listen ${MK_LISTEN}; set $x $host; # ${MK_…}", {"MK_LISTEN": "8080"})
    assert text == "listen 8080; set $x $host; # ${MK_…}"


def test_render_refuses_unknown_and_unfilled_names():
    with pytest.raises(ValueError, match="unknown"):
        render.render("", {"MK_LISTNE": "80"})
    with pytest.raises(ValueError, match="MK_NOT_A_NAME"):
        render.render("x ${MK_NOT_A_NAME}")


def test_the_deploy_templates_render_with_the_defaults():
    for template in (ROOT / "deploy" / "nginx").glob("*.template"):
        assert not render.PLACEHOLDER.findall(render.render_file(template))
