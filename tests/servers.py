"""Fixtures that start real SPARQL servers on loopback and stop them afterwards.

* ``kg_endpoint(store, **options)``: kg's own endpoint (uvicorn in a thread).
* ``oxigraph_server``: ``oxigraph serve`` (the ``oxigraph`` package) on a
  private folder.
* ``virtuoso_server``: Virtuoso Open Source 7 (``virtuoso-t``, installed by
  ``scripts/system-deps.sh``) on a private database folder, with its SQL and
  HTTP ports on 127.0.0.1.

A server that cannot start fails the test; it is never skipped.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from kg.outputs.endpoint import create_app
from kg.outputs.endpoint.server import bind, make_server

__all__ = [
    "kg_endpoint",
    "served_snapshot",
    "free_port",
    "RemoteServer",
    "oxigraph_server",
    "virtuoso_server",
]


def free_port() -> int:
    """A port free on 127.0.0.1 at the time of asking."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    return port


def _wait(url: str, seconds: float, process: subprocess.Popen | None = None, **kwargs) -> None:
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2, **kwargs).status_code < 500:
                return
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s ({last})")


#: The app behind each URL kg_endpoint yields, for tests that look at what it serves.
SERVED: dict[str, object] = {}


def served_snapshot(url: str) -> Path:
    """The store snapshot the endpoint at ``url`` reads (its workers' data)."""
    return SERVED[url].state.endpoint.pool.folder  # type: ignore[attr-defined]


@contextlib.contextmanager
def kg_endpoint(store, **options) -> Iterator[str]:
    """Serve ``create_app(store, **options)`` on a free loopback port; yield its /sparql URL."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    app = create_app(store, **options)
    SERVED[f"http://127.0.0.1:{port}/sparql"] = app
    server = make_server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait(f"http://127.0.0.1:{port}/health", 20)
        yield f"http://127.0.0.1:{port}/sparql"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()
        SERVED.pop(f"http://127.0.0.1:{port}/sparql", None)


@dataclass(frozen=True)
class RemoteServer:
    """A running server: where to query it, where its graph store is, the credentials."""

    name: str
    endpoint: str
    graph_store: str
    auth: httpx.Auth | None = None


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[RemoteServer]:
    """Oxigraph's server on a fresh folder, its default graph the union of the named graphs."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        found = shutil.which("oxigraph")
        assert found, "oxigraph is missing: pip install -e '.[test]' installs it"
        binary = Path(found)
    port = free_port()
    log = (tmp_path / "oxigraph.log").open("wb")
    process = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--location",
            str(tmp_path / "oxigraph"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", 30, process)
        yield RemoteServer(
            "oxigraph", f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/store"
        )
    finally:
        _stop(process)
        log.close()


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ServerThreads = 10

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxKeepAlives = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


@pytest.fixture()
def virtuoso_server(tmp_path: Path) -> Iterator[RemoteServer]:
    """Virtuoso 7 on a fresh database; its graph store is the digest-authenticated one, as dba."""
    binary = shutil.which("virtuoso-t")
    assert binary, (
        "virtuoso-t is missing: run scripts/system-deps.sh (Debian's virtuoso-opensource-7-bin)"
    )
    folder = tmp_path / "virtuoso"
    folder.mkdir()
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http}"
    try:
        _wait(f"{base}/sparql?query=ASK%7B%7D", 90, process)
        yield RemoteServer(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql-graph-crud-auth",
            httpx.DigestAuth("dba", "dba"),
        )
    finally:
        _stop(process)
        log.close()
