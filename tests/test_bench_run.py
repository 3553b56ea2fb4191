"""The benchmark harness: its registry, and a smoke run at ten briefs."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from helpers import REPO

sys.path.insert(0, str(REPO / "bench"))
import run as bench  # noqa: E402


def test_a_smoke_run_writes_figures_ratios_and_the_machine(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "10", "--budget", "1"]
        + ["--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text())
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
            assert row["seconds"] == pytest.approx(1.0, abs=0.5), "stopped at the budget"
    assert rows["store.sync_one_changed"]["extra"]["replaced"] == 1
    assert rows["oxigraph.bulk_load"]["extra"]["quads"] == report["prepared"]["10"]["quads"]
    assert rows["store.sync_cold"]["extra"]["quads"] == report["prepared"]["10"]["quads"]
    assert set(rows["oxigraph.cookbook"]["extra"]["queries"]) >= {"upstream-of", "factors"}
    for name in bench.MEASUREMENTS:
        assert name in done.stdout, "the table names every measurement"


def test_a_registered_measurement_times_only_its_timed_block(tmp_path):
    @bench.measurement("test.sleep", baseline="test.none", budget_s=0.2)
    def sleep(ctx):
        time.sleep(0.1)  # setup, not timed
        with ctx.timed(), ctx.budget():
            time.sleep(5)  # stopped by the budget

    try:
        figures = bench.run_one("test.sleep", 10, tmp_path, budget=0.2)
    finally:
        del bench.MEASUREMENTS["test.sleep"]
    assert 0.15 <= figures["seconds"] < 1.0
    assert figures["extra"]["stopped"] is True and figures["budget_s"] == 0.2


def test_a_measurement_that_times_nothing_is_an_error(tmp_path):
    bench.measurement("test.untimed")(lambda ctx: None)
    try:
        with pytest.raises(RuntimeError, match="timed nothing"):
            bench.run_one("test.untimed", 10, tmp_path)
    finally:
        del bench.MEASUREMENTS["test.untimed"]


def test_small_sizes_get_a_smaller_naive_budget():
    assert bench.budget_for(20) == 10 and bench.budget_for(1000) == bench.NAIVE_BUDGET_S
    assert bench.budget_for(1000, 3.0) == 3.0
