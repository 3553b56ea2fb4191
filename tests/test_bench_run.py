"""The benchmark harness: its registry, and a smoke run at ten briefs."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import pytest
from helpers import REPO

sys.path.insert(0, str(REPO / "bench"))
import run as bench  # noqa: E402


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    """One smoke run at ten briefs, the naive baselines given a second: its output and JSON."""
    out = tmp_path_factory.mktemp("bench") / "results.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "10", "--budget", "1"]
        + ["--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    return done, json.loads(out.read_text())


@pytest.fixture
def smoke(smoke_run):
    return smoke_run[1]


@pytest.mark.slow
def test_a_smoke_run_writes_figures_ratios_and_the_machine(smoke_run):
    done, report = smoke_run
    assert set(report["machine"]) >= {"cpus", "memory_gib", "python", "pyoxigraph"}
    assert report["machine"]["cpus"] >= 1 and report["sizes"] == [10]
    assert report["prepared"]["10"]["briefs"] == 10
    rows = {r["name"]: r for r in report["results"]}
    assert list(rows) == list(bench.MEASUREMENTS)
    for name, row in rows.items():
        assert row["size"] == 10 and "error" not in row, row
        assert row["seconds"] >= 0 and row["peak_rss_mib"] > 10
        baseline = bench.MEASUREMENTS[name].baseline
        assert row["baseline"] == baseline
        if baseline:
            assert row["ratio"] == pytest.approx(row["seconds"] / rows[baseline]["seconds"])
        else:
            assert row["ratio"] is None
        if row["extra"].get("stopped"):
            # stopped by the 1 s budget's timer, soon after it rang however busy the machine
            assert 1.0 - 0.005 <= row["seconds"] < 1.0 + 5, "stopped at the budget"
    assert rows["store.sync_one_changed"]["extra"]["replaced"] == 1
    quads = report["prepared"]["10"]["quads"]
    assert rows["oxigraph.bulk_load"]["extra"]["quads"] == quads
    assert rows["store.sync_cold"]["extra"]["quads"] == quads
    for name in bench.MEASUREMENTS:
        assert name in done.stdout, "the table names every measurement"


KG_MEASUREMENTS = {
    "kg.build_cold": "oxigraph.bulk_load",
    "kg.build_cold_no_shacl": "oxigraph.bulk_load",
    "kg.build_one_changed": "kg.build_cold",
    "kg.validate": None,
    "kg.chains": "networkx.all_simple_paths",
    "kg.loops_through": "networkx.all_cycles",
    "kg.what_if": None,
    "kg.upstream": None,
    "kg.leverage": None,
    "kg.explorer_focus": None,
    "kg.compare": None,
    "kg.link": None,
    "cli.chains": "process.start",
    "cli.chains_after_build": "process.start",
    "kg.serve": None,
}


@pytest.mark.slow
def test_the_smoke_run_measures_kg_end_to_end_against_its_baselines(smoke):
    rows = {r["name"]: r for r in smoke["results"]}
    queries = [p.stem for p in (REPO / "kg" / "outputs" / "cookbook").glob("*.rq")]
    wanted = dict(KG_MEASUREMENTS)
    wanted.update({f"kg.query.{q}": f"oxigraph.query.{q}" for q in queries})
    for name, baseline in wanted.items():
        row = rows[name]
        assert isinstance(row["seconds"], float) and row["seconds"] > 0, name
        assert row["baseline"] == baseline, name
        if baseline:
            assert row["peak_ratio"] == pytest.approx(
                row["peak_rss_mib"] / rows[baseline]["peak_rss_mib"], abs=0.001
            )
    quads = smoke["prepared"]["10"]["quads"]
    assert rows["kg.build_cold"]["extra"]["quads"] == quads
    assert rows["kg.build_cold"]["extra"]["shacl_checked"] > 10, "every graph checked"
    assert rows["kg.build_cold_no_shacl"]["extra"]["shacl_checked"] == 0
    changed = rows["kg.build_one_changed"]["extra"]
    assert changed["replaced"] == 1 and changed["shacl_checked"] == 1
    assert changed["unchanged"] >= 10
    assert rows["kg.validate"]["extra"]["conforms"] is True
    for q in queries:
        kg_run, bare = rows[f"kg.query.{q}"]["extra"], rows[f"oxigraph.query.{q}"]["extra"]
        assert kg_run["rows"] == bare["rows"], f"{q}: kg and bare pyoxigraph give one answer"
        assert kg_run["rows_sha256"] == bare["rows_sha256"], f"{q}: the same rows"
    assert rows["kg.query.upstream-of"]["extra"]["bound"].keys() == {"factor"}
    assert rows["kg.query.claims-of-brief"]["extra"]["rows"] > 10, "one brief's claims"
    chains = rows["kg.chains"]["extra"]
    assert 1 <= chains["pairs"] <= bench.PAIRS and all(p["chains"] for p in chains["per_pair"])
    assert rows["cli.chains"]["extra"]["exit"] == 0
    after_build = rows["cli.chains_after_build"]["extra"]
    assert after_build["exit"] == 0 and after_build["stderr"] == "", "the store is read at once"
    for row in rows.values():
        assert row["cpu_seconds"] >= 0
        if row["baseline"] and rows[row["baseline"]]["cpu_seconds"]:
            assert row["cpu_ratio"] == pytest.approx(
                row["cpu_seconds"] / rows[row["baseline"]]["cpu_seconds"], abs=0.002
            )
    served = rows["kg.serve"]["extra"]
    assert set(served["statuses"]) == {"200"} and served["requests_per_s"] > 0
    assert served["p50_ms"] <= served["p95_ms"]


def test_sampled_pairs_are_far_apart_and_fixed_by_the_seed():
    import kg

    G = kg.from_edges([("a", "b", "+"), ("b", "c", "+"), ("c", "d", "-"), ("x", "b", "+")])
    pairs = bench._sampled_pairs(G, 2)
    assert pairs == bench._sampled_pairs(G, 2)
    labels = {tuple(G.nodes[n]["label"] for n in pair) for pair in pairs}
    assert labels == {("a", "d"), ("x", "d")}, "the two pairs three links apart"
    assert len(bench._sampled_pairs(G, 3)) == 3, "then a pair two links apart"


def test_a_registered_measurement_times_only_its_timed_block(tmp_path):
    spans = {}

    @bench.measurement("test.sleep", baseline="test.none", budget_s=0.2)
    def sleep(ctx):
        started = time.perf_counter()
        time.sleep(0.3)  # setup, not timed
        spans["setup"] = time.perf_counter() - started
        with ctx.timed(), ctx.budget():
            time.sleep(60)  # stopped by the budget

    started = time.perf_counter()
    try:
        figures = bench.run_one("test.sleep", 10, tmp_path, budget=0.2)
    finally:
        del bench.MEASUREMENTS["test.sleep"]
    whole = time.perf_counter() - started
    # What the timer saw is the budget or more, and nothing of the setup.
    assert 0.2 - 0.005 <= figures["seconds"] <= whole - spans["setup"]  # (timer clocks differ)
    assert figures["extra"]["stopped"] is True and figures["budget_s"] == 0.2
    assert whole < 30, "the budget did not stop the 60 s block"


def test_a_measurement_that_times_nothing_is_an_error(tmp_path):
    bench.measurement("test.untimed")(lambda ctx: None)
    try:
        with pytest.raises(RuntimeError, match="timed nothing"):
            bench.run_one("test.untimed", 10, tmp_path)
    finally:
        del bench.MEASUREMENTS["test.untimed"]


def test_small_sizes_get_a_smaller_naive_budget():
    assert bench.budget_for(20) == 2.5 and bench.budget_for(1000) == bench.NAIVE_BUDGET_S
    assert bench.budget_for(4) == 1.0
    assert bench.budget_for(1000, 3.0) == 3.0


def test_runs_at_two_sizes_merge_into_one_markdown_table():
    def report(size, seconds, **row):
        base = {"size": size, "name": "a", "seconds": 2.0, "baseline": None, "ratio": None}
        timed = {"size": size, "name": "b", "seconds": seconds, "baseline": "a"}
        timed.update(ratio=seconds / 2.0, **row)
        return {"machine": {"cpus": 2}, "sizes": [size], "prepared": {str(size): {}},
                "results": [base, timed]}  # fmt: skip

    big = report(1000, 1.0)
    big["results"][1] = {"size": 1000, "name": "b", "baseline": "a", "error": "killed after 300 s"}
    merged = bench.merge([big, report(10, 0.5)])
    assert merged["sizes"] == [10, 1000] and set(merged["prepared"]) == {"10", "1000"}
    assert [(r["size"], r["name"]) for r in merged["results"]] == [
        (10, "a"), (10, "b"), (1000, "a"), (1000, "b")
    ]  # fmt: skip
    lines = bench.markdown(merged).splitlines()
    assert lines[0] == "| measurement | baseline | 10 briefs: s (ratio) | 1,000 briefs: s (ratio) |"
    assert lines[3] == "| `b` | `a` | 0.5 (0.25) | killed |"
    for r in merged["results"]:  # with CPU figures, the table gives them
        r.update(cpu_seconds=r.get("seconds", 0) / 10, cpu_ratio=(r.get("ratio") or 0) or None)
    lines = bench.markdown(merged).splitlines()
    assert lines[0].endswith("| 10 briefs: CPU s (ratio) | 1,000 briefs: CPU s (ratio) |")
    assert lines[3] == "| `b` | `a` | 0.05 (0.25) | killed |"


def test_a_503_is_counted_by_its_cause():
    from kg.outputs.endpoint.runner import EndpointLimits, WorkerPool

    pool = WorkerPool(REPO, EndpointLimits(max_concurrent=2, queue=3))
    pool._waiting = 3  # every place taken, no idle worker
    with pytest.raises(Exception) as refused:
        asyncio.run(pool._take())
    assert bench._status(503, refused.value.message) == "503 queue full"
    limit = "Service Unavailable: the query ran past the time limit of 10 s (stopped after 10.0 s)"
    assert bench._status(503, limit) == "503 time limit"
    assert bench._status(503, "Service Unavailable: the server is stopping\n").endswith("stopping")
    assert bench._status(200, "{}") == "200"


def test_every_server_gets_the_same_requests_each_client_going_round_the_queries():
    import http.server
    import threading
    from urllib.parse import parse_qs

    received: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(parse_qs(body.decode())["query"][0])
            self.send_response(200 if received[-1] != "refused" else 503)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        turn = bench._load(url, ["a", "b", "c", "refused"], clients=3, passes=2)
    finally:
        server.shutdown()
        server.server_close()
    assert sorted(received) == sorted(["a", "b", "c", "refused"] * 3 * 2), "each query 6 times"
    assert turn["statuses"] == {"200": 18, "503 {}": 6}, "each answer counted by its status"
    assert len(turn["latencies"]) == 18 and turn["seconds"] >= max(turn["latencies"])


def test_turns_add_up_to_one_figure_for_each_server():
    turns = [
        {"statuses": {"200": 2}, "seconds": 2.0, "latencies": [0.5, 1.5], "server_cpu_s": 1.0},
        {"statuses": {"200": 2, "ReadTimeout": 1}, "seconds": 4.0, "latencies": [1.0, 3.0],
         "server_cpu_s": 3.0},
    ]  # fmt: skip
    figures = bench._summary(turns)
    assert figures["statuses"] == {"200": 4, "ReadTimeout": 1}
    assert figures["requests_per_s"] == round(4 / 6.0, 2)
    assert figures["p50_ms"] == 1000.0 and figures["max_ms"] == 3000.0
    assert figures["server_cpu_per_request_s"] == 1.0
    turns[0]["server_cpu_s"] = None  # no /proc: no CPU figure, rather than a wrong one
    assert bench._summary(turns)["server_cpu_per_request_s"] is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_servers_cpu_counts_its_children():
    # A parent that starts a child spending about 0.3 s of CPU, then waits for a line.
    script = (
        "import subprocess, sys; "
        "child = subprocess.Popen([sys.executable, '-c', "
        "'import time, sys\\nt = time.process_time()\\n"
        "while time.process_time() - t < 0.3: pass\\nprint(1, flush=True)\\nsys.stdin.read()'], "
        "stdin=subprocess.PIPE, stdout=subprocess.PIPE); "
        "child.stdout.readline(); print(child.pid, flush=True); sys.stdin.read()"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        child = int(parent.stdout.readline())
        both, alone = bench._tree_cpu_seconds(parent.pid), bench._tree_cpu_seconds(child)
        assert alone >= 0.25, "the child's own busy loop"
        assert both >= alone + 0.01, "the parent's start-up besides the child's"
    finally:
        parent.stdin.close()
        parent.wait(timeout=30)
    assert bench._tree_cpu_seconds(parent.pid) is None, "a process gone has no figure"
