"""kg push and RemoteStore against hostile servers: each failure one clear error, in bounded time.

The command-line cases (every hostile answer, bad URLs, odd password files)
are in tests/badinput/cases_push.py; these check what the corpus cannot see:
what the server holds after a push that failed midway, the total deadline,
the answer size cap, and that a redirect is never followed.
"""

from __future__ import annotations

import http.server
import os
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import DataNotFound, InvalidParameter, RemoteError
from kg.outputs.push import push, read_password
from kg.store.http import Credentials, ServerClient, check_server_url
from kg.store.remote import RemoteStore
from tests.servers import HostileHandler, hostile_server

GRAPHS = {
    f"http://e/g{i}": (f"sha256:{i}", f"<http://e/s> <http://e/p> <http://e/o{i}> .\n".encode())
    for i in range(5)
}


@pytest.mark.server
def test_a_push_that_fails_at_the_third_graph_says_which_were_sent_and_leaves_each_whole():
    with hostile_server() as base:
        port = base.rsplit(":", 1)[1]
        result = push(GRAPHS, f"{base}/fail-third/query", graph_store=f"{base}/fail-third/store")
    order = sorted(GRAPHS)
    assert result.pushed == tuple(order[:2])
    assert result.failed == tuple(order[2:])
    assert "answered 500" in result.error and order[2] in result.error
    held = {k.split(" ", 1)[1]: v for k, v in HostileHandler.graphs.items() if k.startswith(port)}
    # the two graphs sent are on the server as sent, whole; the third and the rest were not
    # written (the digest record goes last, naming only the graphs sent)
    assert {held[iri] for iri in order[:2]} == {GRAPHS[iri][1] for iri in order[:2]}
    assert not set(order[2:]) & set(held)
    assert all(f"<{iri}>" in held["https://w3id.org/briefkg/pushed"].decode() for iri in order[:2])
    assert order[2] not in held["https://w3id.org/briefkg/pushed"].decode()
    assert "whole" in result.summary() and f"not sent  {order[2]}" in result.summary()


@pytest.mark.server
@pytest.mark.parametrize("mode", ["trickle", "trickle-headers"])
def test_a_server_that_trickles_is_cut_at_the_total_deadline(mode):
    with hostile_server() as base, RemoteStore(f"{base}/{mode}/sparql", timeout=1.5) as remote:
        started = time.monotonic()
        with pytest.raises(RemoteError, match=r"did not send its whole answer within 1.5 s"):
            remote.query("SELECT * WHERE { ?s ?p ?o }")
        # a byte every half second would keep a per-read timeout waiting a minute
        assert time.monotonic() - started < 20


@pytest.mark.server
def test_an_answer_past_the_size_cap_is_refused():
    with hostile_server() as base, ServerClient(max_bytes=100) as client:
        with pytest.raises(RemoteError, match="more than 100 bytes"):
            client.request("GET", check_server_url(f"{base}/html/x"))


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802
        type(self).seen.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.mark.server
def test_a_redirect_to_another_server_is_never_followed():
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    try:
        port = other.server_address[1]
        with hostile_server() as base:
            url = f"http://dba:pw-9@{base.removeprefix('http://')}/redirect-to/{port}/sparql"
            with RemoteStore(url) as remote, pytest.raises(RemoteError) as caught:
                remote.query("ASK { ?s ?p ?o }")
    finally:
        other.shutdown()
        other.server_close()
    assert f"127.0.0.1:{port}/steal" in str(caught.value)
    assert "pw-9" not in str(caught.value) and "dba:***@" in str(caught.value)
    assert _Recorder.seen == []


def test_credentials_never_show():
    server = check_server_url("http://dba:p%40ss@127.0.0.1:9/sparql")
    assert server.credentials == Credentials("dba", "p@ss", "basic")
    assert "p@ss" not in server.shown and "p%40ss" not in server.shown
    assert "p@ss" not in server.url and "p@ss" not in repr(server)
    client = ServerClient(auth=Credentials("dba", "hunter2"))
    assert client.mask("x hunter2 y ZGJhOmh1bnRlcjI= z") == "x *** y *** z"
    with pytest.raises(RemoteError) as caught:
        RemoteStore("http://dba:hunter2@127.0.0.1:9/sparql", timeout=5).query("ASK {}")
    assert "hunter2" not in str(caught.value) and "cannot be reached" in str(caught.value)


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf")])
def test_timeouts_must_be_finite_and_positive(timeout):
    with pytest.raises(InvalidParameter):
        ServerClient(timeout=timeout)


def test_a_fifo_password_file_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "password"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(_raises(read_password, fifo)))
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "read_password waited on a FIFO"
    assert isinstance(outcome[0], DataNotFound) and "FIFO" in str(outcome[0])


def _raises(function, *args) -> BaseException:
    try:
        function(*args)
    except BaseException as exc:  # noqa: BLE001
        return exc
    raise AssertionError("no error")


def test_a_password_is_the_first_line_and_never_in_a_message(tmp_path):
    good = tmp_path / "good"
    good.write_text("s3cret\nignored\n")
    assert read_password(good) == "s3cret"
    binary = tmp_path / "binary"
    binary.write_bytes(b"s3cret\xff\n")
    with pytest.raises(DataNotFound) as caught:
        read_password(binary)
    assert "s3cret" not in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=60),
    st.sampled_from(["http://", "https://", "ftp://", "", "http://[", "http://u:"]),
)
def test_any_url_text_is_checked_in_one_error_that_never_shows_the_password(text, start):
    url = start + text
    secret = "Zq7-secret-Zq7"
    with_password = url.replace("://", f"://user:{secret}@", 1) if "://" in url else url
    for candidate in (url, with_password):
        try:
            server = check_server_url(candidate)
        except InvalidParameter as exc:
            message = str(exc)
            assert "\n" not in message and "\r" not in message
            assert secret not in message
        else:
            assert server.url.startswith(("http://", "https://"))
            assert secret not in server.shown and secret not in server.url


@pytest.mark.server
def test_the_password_is_in_no_log_record(caplog):
    import logging

    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request they send
    with hostile_server() as base:
        url = f"http://dba:Log-s3cret@{base.removeprefix('http://')}/echo/sparql"
        with RemoteStore(url, timeout=10) as remote, pytest.raises(RemoteError) as caught:
            remote.query("ASK { ?s ?p ?o }")
    assert caplog.records, "httpx logged nothing: the test would prove nothing"
    assert "Log-s3cret" not in caplog.text and "Log-s3cret" not in str(caught.value)
    assert "answered 401" in str(caught.value)
