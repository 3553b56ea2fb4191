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
import http.server
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
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
    "served_base",
    "listening_port",
    "wait_for_answer",
    "RemoteServer",
    "oxigraph_server",
    "virtuoso_server",
    "HostileHandler",
    "hostile_server",
]


def free_port() -> int:
    """A port free on 127.0.0.1 at the time of asking."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    return port


def served_base(process: subprocess.Popen, seconds: float) -> str:
    """The base URL (``http://127.0.0.1:PORT``) that ``kg serve --port 0`` names on its stdout.

    The server binds port 0 and reports the port it got, so that no test has to
    guess a free port and race other processes for it. Waits at most ``seconds``
    for the line; a server that exits first, or says something else, fails.
    """
    assert process.stdout is not None, "start kg serve with stdout=subprocess.PIPE, text=True"
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True)
    reader.start()
    try:
        line = lines.get(timeout=seconds)
    except queue.Empty:
        raise RuntimeError(f"kg serve named no URL within {seconds} s") from None
    found = re.search(r" at (http://\S+)/sparql ", line)
    if found is None:
        process.poll()
        raise RuntimeError(f"kg serve said {line!r} (exit status {process.returncode})")
    return found.group(1)


def _listening_ports(pid: int) -> list[int]:
    """The TCP ports process ``pid`` listens on over IPv4 (Linux: its sockets' inodes in /proc)."""
    inodes = set()
    with contextlib.suppress(OSError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
    ports = []
    for row in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = row.split()
        if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
            ports.append(int(fields[1].rpartition(":")[2], 16))
    return ports


def listening_port(process: subprocess.Popen, seconds: float) -> int:
    """The port a server started with port 0 listens on, once it listens.

    For servers that take port 0 but do not say which port they got (Oxigraph
    prints ``:0``): the port is read from the process's own sockets, so no test
    guesses a free port and races other processes for it. Polls until the
    deadline; a process that exits first fails at once.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before it listened")
        ports = _listening_ports(process.pid)
        if ports:
            return ports[0]
        time.sleep(0.05)
    raise RuntimeError(f"the server did not listen within {seconds} s")


def wait_for_answer(
    url: str, seconds: float, process: subprocess.Popen | None = None, **kwargs
) -> httpx.Response:
    """Poll ``url`` until it answers with a status under 500; return that answer.

    Each attempt may take what is left of ``seconds``: a server that accepts but
    answers slowly (its workers starting on a busy machine) is waited for, not
    asked again. A ``process`` that exits first fails at once.
    """
    deadline = time.monotonic() + seconds
    last = None
    while (left := deadline - time.monotonic()) > 0:
        if process is not None and process.poll() is not None:
            said = process.communicate()[1] if process.stderr else ""
            raise RuntimeError(f"the server exited with {process.returncode}: {str(said)[-2000:]}")
        try:
            answer = httpx.get(url, timeout=left, **kwargs)
            if answer.status_code < 500:
                return answer
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
        wait_for_answer(
            f"http://127.0.0.1:{port}/health", 60
        )  # its workers start on a busy machine
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
    log = (tmp_path / "oxigraph.log").open("wb")
    process = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--location",
            str(tmp_path / "oxigraph"),
            "--bind",
            "127.0.0.1:0",  # the port it gets is read from its socket: no free port guessed
            "--union-default-graph",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        port = listening_port(process, 60)
        wait_for_answer(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", 60, process)
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
    sql, http = free_port(), free_port()  # Virtuoso reads fixed ports from its ini file
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
        wait_for_answer(f"{base}/sparql?query=ASK%7B%7D", 90, process)
        yield RemoteServer(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql-graph-crud-auth",
            httpx.DigestAuth("dba", "dba"),
        )
    finally:
        _stop(process)
        log.close()


# ---------------------------------------------------------------- a hostile SPARQL server

#: ``{"head": ..., "results": ...}`` texts a hostile server answers, by the first segment of the path.
_HOSTILE_JSON = {
    # a row without ?d, which the query binds in every row
    "missing-value": b'{"head":{"vars":["g","d"]},"results":{"bindings":'
    b'[{"g":{"type":"uri","value":"http://e/g"}}]}}',
    # JSON cut in the middle of a row
    "cut": b'{"head":{"vars":["g","d"]},"results":{"bindings":[{"g":{"type":"uri","value":"http://e/',
    # an ASK answer where rows belong
    "ask": b'{"head":{},"boolean":true}',
    # bytes that are not UTF-8
    "bad-utf8": b'{"head":{"vars":["g","d"]},"results":{"bindings":'
    b'[{"g":{"type":"uri","value":"http://e/\xff\xfe"},"d":{"type":"literal","value":"x"}}]}}',
    # a literal where a graph's name belongs
    "literal-graph": b'{"head":{"vars":["g","d"]},"results":{"bindings":'
    b'[{"g":{"type":"literal","value":"not a graph"},"d":{"type":"literal","value":"sha256:0"}}]}}',
    # nothing at all
    "empty": b"",
    # arrays nested deeper than any parser's stack
    "deep": b"[" * 200_000 + b"]" * 200_000,
}
_EMPTY_RESULTS = b'{"head":{"vars":["g","d"]},"results":{"bindings":[]}}'
_HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Proxy Error</title><style>p{x:y}</style></head>"
    b"<body><h1>Proxy Error</h1><p>The proxy server could not handle the request.</p></body></html>"
)


class HostileHandler(http.server.BaseHTTPRequestHandler):
    """A SPARQL server that answers badly, in the way the first segment of the path names.

    ``/<mode>/...``: the modes of :data:`_HOSTILE_JSON` (as SPARQL JSON
    results), ``html`` (an error page with status 200), ``html-500``,
    ``redirect`` (307 to another host), ``redirect-to/<port>`` (302 to
    that loopback port), ``wrong-type`` (valid results sent as
    ``text/plain``), ``trickle`` (a body byte every half second),
    ``trickle-headers`` (the status line a byte every half second),
    ``echo`` (401 with the request's headers in the body), and ``fail-third``
    (results with no rows; the third ``PUT`` to a server fails with 500, the
    others are kept in :attr:`graphs` as ``"<port> <graph>"``). Every loop is bounded (at most 120 bytes trickled).
    """

    requests: list[str] = []
    graphs: dict[str, bytes] = {}
    puts: dict[str, int] = {}

    def _send(self, status: int, body: bytes, media: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        type(self).requests.append(f"{self.command} {self.path}")
        mode = self.path.lstrip("/").split("/")[0].split("?")[0]
        results = "application/sparql-results+json"
        if mode in _HOSTILE_JSON:
            self._send(200, _HOSTILE_JSON[mode], results)
        elif mode == "html":
            self._send(200, _HTML_PAGE, "text/html; charset=utf-8")
        elif mode == "html-500":
            self._send(500, _HTML_PAGE, "text/html")
        elif mode == "redirect":
            self._send(307, b"", "text/plain", Location="http://attacker.example/sparql")
        elif mode == "redirect-to":  # /redirect-to/<port>/...: to another loopback server
            port = self.path.split("/")[2]
            self._send(302, b"", "text/plain", Location=f"http://127.0.0.1:{port}/steal")
        elif mode == "wrong-type":
            self._send(200, _EMPTY_RESULTS, "text/plain")
        elif mode == "echo":
            # the credentials first, as a careless server's error page might show them
            echoed = f"Authorization: {self.headers.get('Authorization')}".encode()
            self._send(401, echoed + b"\n" + body[:200], "text/plain")
        elif mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", results)
            self.end_headers()
            self._trickle(_EMPTY_RESULTS * 10)
        elif mode == "trickle-headers":
            self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: " + results.encode() + b"\r\n" * 40)
        elif mode == "fail-third":
            if self.command == "PUT":
                puts, key = type(self).puts, f"{self.server.server_address[1]}/{mode}"
                puts[key] = puts.get(key, 0) + 1
                if puts[key] == 3:
                    self._send(500, b"disk full while loading", "text/plain")
                    return
                graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]
                type(self).graphs[f"{self.server.server_address[1]} {graph}"] = body
                self._send(204, b"", "text/plain")
            else:
                self._send(200, _EMPTY_RESULTS, results)
        else:
            self._send(404, b"no such mode", "text/plain")

    def _trickle(self, data: bytes) -> None:
        for byte in data[:120]:  # bounded: a minute at most
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return  # the client gave up
            time.sleep(0.5)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@contextlib.contextmanager
def hostile_server() -> Iterator[str]:
    """A :class:`HostileHandler` server on loopback; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Listener:
    """A TCP listener on loopback that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = 0
        self._probes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def settled(self, seconds: float = 60) -> int:
        """The connections others made, counted once every one made so far has been taken.

        The listener connects to itself and waits (at most ``seconds``) until it has
        taken that connection: one made earlier was queued ahead of it and is counted by
        then. No sleep and hope for the counting thread.
        """
        with socket.create_connection(self.sock.getsockname(), timeout=seconds) as probe:
            probe.recv(1)  # nothing comes: the listener takes the connection and closes it
        self._probes += 1
        return self.connections - self._probes

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()
