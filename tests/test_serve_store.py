"""kg serve on the store kg build made: it answers, and follows a build into that store."""

from __future__ import annotations

import subprocess
import threading
import time

import httpx
import pyoxigraph
import pytest
from helpers import PYTHON, copy_of_shipped_data, subprocess_env

from tests.servers import served_base, wait_for_answer

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"


def _build(data, out) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "kg", "build", "--data", str(data), "--out", str(out)],
        env=subprocess_env(), capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def _count(base: str) -> int:
    answer = httpx.get(
        f"{base}/sparql",
        params={"query": COUNT},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,  # an answer, however busy the machine; a hang still fails
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_serve_follows_a_build_into_the_served_store(tmp_path):
    data = tmp_path / "data"
    copy_of_shipped_data(data)
    out = tmp_path / "out"
    built = _build(data, out)
    assert built.returncode == 0, built.stderr
    before = len(list(pyoxigraph.parse(path=str(out / "kg.trig"))))
    server = subprocess.Popen(
        [PYTHON, "-m", "kg", "serve", "--data", str(data), "--store", str(out / "store"),
         "--port", "0"],
        env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    answers: list[int | str] = []
    stop = threading.Event()

    def client() -> None:
        for _ in range(10_000):  # bounded; stopped by the event long before
            if stop.is_set():
                return
            try:
                answers.append(_count(base))
            except (AssertionError, httpx.HTTPError) as exc:
                answers.append(f"error: {exc}")

    try:
        base = served_base(server, 120)  # the port it got: no free port guessed, no race
        # a busy machine starts the server and its workers
        health = wait_for_answer(f"{base}/health", 120, server)
        assert health.status_code == 200
        assert health.json()["quads"] == before
        assert _count(base) == before
        clients = [threading.Thread(target=client) for _ in range(3)]
        for thread in clients:
            thread.start()
        # A brief fewer: the build writes the served store while the clients query it.
        (data / "briefs" / "zhao-2002.yaml").unlink()
        for link in (data / "links").glob("*.csv"):
            link.unlink()
        rebuilt = _build(data, out)
        assert rebuilt.returncode == 0, rebuilt.stderr
        after = len(list(pyoxigraph.parse(path=str(out / "kg.trig"))))
        assert after < before
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _count(base) != after:
            time.sleep(0.2)
        assert _count(base) == after, "the server did not move to the new data within 120 s"
        stop.set()
        for thread in clients:
            thread.join(30)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    assert answers and set(answers) <= {before, after}, [
        a for a in answers if a not in (before, after)
    ][:3]
    assert server.stderr is not None and "note:" not in server.stderr.read()


def test_serve_reads_the_store_of_build_out_without_being_told(tmp_path):
    """After `kg build --out X`, `kg serve --data D` serves X's store, and says nothing."""
    data = tmp_path / "data"
    copy_of_shipped_data(data)
    out = tmp_path / "elsewhere"
    built = _build(data, out)
    assert built.returncode == 0, built.stderr
    quads = len(list(pyoxigraph.parse(path=str(out / "kg.trig"))))
    server = subprocess.Popen(
        [PYTHON, "-m", "kg", "serve", "--data", str(data), "--port", "0"],
        cwd=tmp_path, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        base = served_base(server, 120)
        health = wait_for_answer(f"{base}/health", 120, server)
        assert health.status_code == 200
        assert health.json()["quads"] == quads
        # the snapshot it serves is one of the recorded store's
        snapshots = list((out / "store" / "snapshots").glob("*"))
        assert snapshots, "kg serve did not serve the store kg build --out made"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.stderr is not None and "note:" not in server.stderr.read()
