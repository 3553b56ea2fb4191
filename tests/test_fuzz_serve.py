"""Fuzzing the query check and the endpoint's request parsing with hypothesis."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.errors import QueryError
from kg.outputs.endpoint import EndpointLimits
from kg.outputs.endpoint.hosts import host_name
from kg.outputs.sandbox import evaluate
from kg.store.querycheck import judge_query, nesting_depth
from tests.servers import Listener, kg_endpoint

# Pieces of SPARQL that scanners misread: escapes, comments, strings, comparisons, IRIs.
FRAGMENTS = [
    "SELECT * WHERE {", "ASK {", "}", "{", "?s ?p ?o", ".", "SERVICE", "service", "SILENT",
    "<{server}/q>", "r:q", r"ex:a\#", r"ex:a\'", r'ex:a\"', r"\u0053ERVICE", "#", "#>", "\n",
    "'", '"', "'''", '"""', "FILTER(", ")", "?s<?o", ">", "<", "(", "EXISTS", "GRAPH ?g",
    "FROM", "NAMED", "<http://e.org/g>", "BIND(", "AS ?e", "?e", "VALUES ?x {", "UNDEF",
    "PREFIX ex: <http://e.org/>", "PREFIX r: <{server}/>", "BASE <{server}/>", "LOAD",
    "INSERT DATA", "ex:b", "1", "\\", " ",
]  # fmt: skip


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_the_check_takes_any_text(text):
    # CPU time, not the clock: a busy machine may hold this process off the CPU for seconds
    started = time.process_time()
    assert nesting_depth(text) >= 0
    try:
        judge_query(text, held_graphs=())
    except QueryError as exc:
        assert "\n" not in str(exc).strip()
    assert time.process_time() - started < 5


@given(st.integers(min_value=0, max_value=200_000))
@settings(max_examples=20, deadline=None)
def test_the_depth_count_is_linear(size):
    text = "(" * size + "'" * size + "#" * size
    started = time.process_time()  # (CPU time, as above)
    assert nesting_depth(text) == size
    assert time.process_time() - started < 2


@pytest.mark.slow
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_query_the_check_lets_through_makes_no_request(listener, pieces):
    """Differential: what kg's check accepts, the engine (with network) must not send out."""
    query = " ".join(pieces).replace("{server}", listener.url)
    try:
        judge_query(query, held_graphs=())
    except QueryError:
        return
    before = listener.settled()
    try:  # a process that keeps the network: only the check stands between it and the listener
        evaluate(ox.Store(), query, {}, timeout=10, max_rows=10, network=True)
    except (QueryError, SyntaxError, RuntimeError):
        pass
    assert listener.settled() == before, query  # counted once the listener took them all


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with kg_endpoint(
        kg.build_dataset("data").store.oxigraph, limits=EndpointLimits(timeout=5)
    ) as url:
        yield url


_MEDIA = st.sampled_from([
    "application/sparql-query", "application/x-www-form-urlencoded", "application/sparql-update",
    "text/plain", "multipart/form-data; boundary=x", "", "application/sparql-query; charset=latin-1",
])  # fmt: skip
_KEYS = st.sampled_from(
    ["query", "update", "default-graph-uri", "named-graph-uri", "using-graph-uri", "x"]
)


@pytest.mark.slow
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH"]),
    params=st.lists(st.tuples(_KEYS, st.text(max_size=60)), max_size=4),
    media=_MEDIA,
    body=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode()),
    # header values the client can send: no space at either end
    accept=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60).map(
        str.strip
    ),
    path=st.sampled_from(
        [
            "/sparql",
            "/store",
            "/health",
            "/",
            "/assets/../../etc/passwd",
            "/sparql/%2e%2e/",
            "/assets/%2e%2e%2fsecret",
        ]
    ),  # fmt: skip
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_endpoint_answers_any_request_in_one_line(
    endpoint, method, params, media, body, accept, path
):
    base = endpoint.rsplit("/", 1)[0]
    headers = {"Accept": accept}
    if media:
        headers["Content-Type"] = media
    response = httpx.request(method, base + path, params=params, content=body, headers=headers,
                             timeout=30)  # fmt: skip
    assert response.status_code < 500 or response.status_code == 503, response.text
    assert "Traceback" not in response.text
    if response.status_code >= 400 and method != "HEAD":
        assert response.text.count("\n") <= 1, response.text
    assert "root:" not in response.text


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_host_headers_parse_or_are_refused(header):
    name = host_name(header)
    assert name is None or (name and name == name.lower() and " " not in name)
