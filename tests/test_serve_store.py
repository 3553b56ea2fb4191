"""kg serve on the store kg build made: it answers, and holds the store against a build."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx
import pyoxigraph
from helpers import PYTHON, SHIPPED_DATA, subprocess_env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_from_the_built_store_and_a_build_waits_for_it(tmp_path):
    out = tmp_path / "out"
    built = subprocess.run(
        [PYTHON, "-m", "kg", "build", "--data", str(SHIPPED_DATA), "--out", str(out)],
        env=subprocess_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "kg", "serve", "--data", str(SHIPPED_DATA), "--store", str(out / "store"),
         "--port", str(port)],
        env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        health = None
        for _ in range(100):  # at most 20 s for the server to start
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health.status_code == 200
        written = len(list(pyoxigraph.parse(path=str(out / "kg.trig"))))
        assert health.json()["quads"] == written
        answer = httpx.get(
            f"http://127.0.0.1:{port}/sparql",
            params={"query": "ASK { factor:coastal-costs ck:causes+ factor:return-migration }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=10,
        )
        assert answer.json()["boolean"] is True
        refused = subprocess.run(
            [PYTHON, "-m", "kg", "build", "--data", str(SHIPPED_DATA), "--out", str(out)],
            env=subprocess_env(), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert refused.returncode == 2
        assert refused.stderr.startswith("kg: error: ") and len(refused.stderr.splitlines()) == 1
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.stderr is not None and "note:" not in server.stderr.read()
