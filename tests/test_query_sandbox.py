"""kg query stays inside the dataset: no SERVICE call, no FROM graph loaded from elsewhere."""

from __future__ import annotations

import gc
import http.server
import sys
import threading
import time

import pytest
from rdflib import Graph

import kg
from kg.errors import QueryTimeout, UnreadableFile
from kg.outputs.sparql import QueryResult, format_result

REQUESTS: list[str] = []


class _Recorder(http.server.BaseHTTPRequestHandler):
    def _record(self) -> None:
        REQUESTS.append(f"{self.command} {self.path}")
        self.rfile.read(int(self.headers.get("Content-Length") or 0))  # the query, if posted
        body = b'{"head": {"vars": []}, "results": {"bindings": [{}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _record

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def listener():
    REQUESTS.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "query, words",
    [
        ("SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { service   <{url}/x> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <{url}/data.ttl> WHERE { ?s ?p ?o }", "holds no graph"),
        (
            "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
            "holds no graph",
        ),
    ],
)
def test_queries_that_would_reach_out_are_refused(listener, invoke, query, words):
    result = invoke("query", query.replace("{url}", listener))
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr.splitlines()) == 1
    assert REQUESTS == []


def test_the_word_service_inside_a_literal_is_only_text(invoke):
    result = invoke("query", 'SELECT ?x WHERE { BIND ("SERVICE <http://example.org/>" AS ?x) }')
    assert result.exit_code == 0, result.output


def test_from_a_graph_the_dataset_holds_is_answered(invoke):
    query = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/briefkg/factors> WHERE { ?s ?p ?o }"
    assert invoke("query", query, "--format", "csv").exit_code == 0


# ------------------------------------------------------------ updates and LOAD


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <{url}/data.ttl>",
        "LOAD SILENT <{url}/data.ttl> INTO GRAPH <http://example.org/g>",
        "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/briefkg/factors>",
        "CREATE GRAPH <http://example.org/g>",
        "# a comment first\nPREFIX e: <http://example.org/>\nCLEAR GRAPH e:g",
    ],
)
def test_updates_are_refused_in_one_line(listener, invoke, update):
    result = invoke("query", update.replace("{url}", listener))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "update" in line and "read-only" in line
    assert REQUESTS == []


def test_a_query_mentioning_update_words_is_not_an_update(invoke):
    query = 'SELECT ?load WHERE { BIND ("LOAD CLEAR DROP" AS ?load) }'
    assert invoke("query", query, "--format", "csv").exit_code == 0


# ------------------------------------------------------------ allowed services


def test_allow_service_reaches_exactly_that_endpoint(listener, invoke):
    query = f"SELECT * WHERE {{ SERVICE <{listener}/sparql> {{ ?s ?p ?o }} }}"
    allowed = invoke("query", query, "--allow-service", f"{listener}/sparql", "--format", "json")
    assert allowed.exit_code == 0, allowed.output
    assert [r.split("?")[0] for r in REQUESTS] in (["POST /sparql"], ["GET /sparql"])
    REQUESTS.clear()
    other = invoke("query", query.replace("/sparql", "/other"), "--allow-service",
                   f"{listener}/sparql")  # fmt: skip
    assert other.exit_code == 2 and f"<{listener}/other>" in other.stderr
    assert REQUESTS == []


def test_a_service_named_by_a_variable_is_never_allowed(listener, invoke):
    query = f"SELECT * WHERE {{ BIND (<{listener}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"
    result = invoke("query", query, "--allow-service", f"{listener}/sparql")
    assert result.exit_code == 2 and "SERVICE ?e" in result.stderr
    assert REQUESTS == []


# ------------------------------------------------------------ time limit and row cap

PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_a_query_past_its_time_limit_is_stopped(invoke):
    started = time.monotonic()
    result = invoke("query", PRODUCT, "--timeout", "1")
    spent = time.monotonic() - started
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "stopped after" in line and "--timeout" in line
    assert result.stdout == ""
    # A bound, not a speed target: the product runs for hours if nothing stops it.
    assert spent < 30


def test_the_library_has_no_time_limit_unless_asked(write_data):
    write_data()
    project = kg.Project("data")
    with pytest.raises(QueryTimeout):
        kg.run_query(project.dataset, PRODUCT, timeout=0.5)
    small = kg.run_query(project.dataset, "SELECT ?f { ?f a ck:Factor }", timeout=5)
    assert len(small.rows()) == len(
        kg.run_query(project.dataset, "SELECT ?f { ?f a ck:Factor }").rows()
    )


def test_an_answer_past_the_row_cap_is_cut_and_says_so(invoke):
    everything = invoke("query", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv")
    total = len(everything.stdout.splitlines()) - 1
    assert everything.exit_code == 0 and total > 7
    cut = invoke("query", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv", "--max-rows", "7")
    assert cut.exit_code == 2
    assert len(cut.stdout.splitlines()) == 1 + 7  # the header and the first seven rows
    (line,) = cut.stderr.splitlines()
    assert "cut at 7 rows" in line and "--max-rows" in line
    exact = invoke(
        "query", "SELECT * WHERE { ?s ?p ?o }", "--max-rows", str(total), "--format", "csv"
    )
    assert exact.exit_code == 0 and exact.stderr == ""


def test_triples_past_the_row_cap_are_cut_too(invoke):
    cut = invoke("query", "CONSTRUCT WHERE { ?s ?p ?o }", "--max-rows", "3")
    assert cut.exit_code == 2 and "cut at 3 rows" in cut.stderr
    assert len(Graph().parse(data=cut.stdout, format="turtle")) == 3


def test_results_read_through_the_child_are_the_same_terms(write_data):
    write_data()
    dataset = kg.Project("data").dataset
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    direct = kg.run_query(dataset, query).rows()
    limited = kg.run_query(dataset, query, timeout=10, max_rows=10**6).rows()
    assert sorted(map(str, limited)) == sorted(map(str, direct)) and direct


# ------------------------------------------------------------ datasets that would fetch


@pytest.mark.parametrize(
    "context",
    [
        '"{url}/context.jsonld"',
        '[{"@vocab": "http://example.org/"}, "{url}/more.jsonld"]',
        '{"knows": {"@id": "http://example.org/knows", "@context": "{url}/scoped.jsonld"}}',
        '{"@import": "{url}/imported.jsonld"}',
    ],
)
def test_a_remote_jsonld_context_is_refused_unfetched(listener, invoke, tmp_path, context):
    context = context.replace("{url}", listener)
    evil = tmp_path / "evil.jsonld"
    evil.write_text(f'{{"@context": {context}, "@id": "http://example.org/a"}}', encoding="utf-8")
    result = invoke("query", "ASK { ?s ?p ?o }", "--dataset", str(evil))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert f"<{listener}/" in line and "remote" in line
    with pytest.raises(UnreadableFile, match="remote"):
        kg.read_dataset(evil)
    assert REQUESTS == []


def test_an_inline_context_reads(invoke, tmp_path):
    good = tmp_path / "good.jsonld"
    good.write_text(
        '{"@context": {"name": "http://example.org/name"}, "@id": "http://example.org/a",'
        ' "name": "x"}',
        encoding="utf-8",
    )
    result = invoke("query", "ASK { ?s <http://example.org/name> ?o }", "--dataset", str(good))
    assert (result.exit_code, result.stdout.strip()) == (0, "true")


@pytest.mark.server
def test_the_row_cap_holds_for_an_answer_from_a_server(write_data, invoke):
    from tests.servers import kg_endpoint

    write_data()
    store = kg.build_dataset("data").store.oxigraph
    with kg_endpoint(store) as url:
        query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        cut = invoke("query", query, "--endpoint", url, "--max-rows", "4", "--format", "csv")
        whole = invoke("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--endpoint", url,
                       "--format", "csv")  # fmt: skip
    assert int(whole.stdout.splitlines()[1]) > 4
    assert cut.exit_code == 2 and "cut at 4 rows" in cut.stderr
    assert len(cut.stdout.splitlines()) == 1 + 4


class _Garbage(http.server.BaseHTTPRequestHandler):
    """An endpoint whose answer is not SPARQL results: the error surfaces as rows are read."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "nonsense"'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def garbage():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Garbage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.mark.server
def test_an_error_that_surfaces_while_rows_are_read_is_one_line(garbage, invoke, write_data):
    query = f"SELECT ?s WHERE {{ SERVICE <{garbage}> {{ ?s ?p ?o }} }}"
    for limits in ((), ("--timeout", "30", "--max-rows", "10")):
        result = invoke("query", query, "--allow-service", garbage, *limits)
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.splitlines()
        assert line.startswith("kg: error: the query failed")
    write_data()
    # without limits too: the rows are read where the query runs, so the error surfaces there
    with pytest.raises(kg.errors.QueryError, match="the query failed"):
        kg.run_query(kg.Project("data").dataset, query, allow_service=[garbage])


def test_a_result_holds_nothing_that_must_stay_in_the_thread_that_made_it(write_data):
    """pyoxigraph's results may be used and freed only in the thread that made them."""
    write_data()
    dataset = kg.Project("data").dataset
    queries = {
        "select": "SELECT ?s ?o WHERE { ?s a ?o }",
        "ask": "ASK { ?s a ?o }",
        "construct": "CONSTRUCT { ?s a ?o } WHERE { ?s a ?o }",
    }
    limits = {"none": {}, "rows": {"max_rows": 1}, "time": {"timeout": 60}}
    made: dict[tuple[str, str], QueryResult] = {}

    def run() -> None:
        for form, query in queries.items():
            for name, limit in limits.items():
                made[form, name] = kg.run_query(dataset, query, **limit)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert len(made) == len(queries) * len(limits)
    unraisable: list = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        for (form, name), result in made.items():  # read in this thread, not the worker's
            if form == "select":
                rows = len(result.rows())
                assert (
                    rows == 1 if name == "rows" else rows == len(made["select", "none"].rows()) > 1
                )
                assert format_result(result, "csv").startswith("s,o")
            text = format_result(result, "json" if form == "ask" else "table")
            assert text.strip(), (form, name)
        made.clear()  # freed here, in another thread than the one that made them
        gc.collect()
    finally:
        sys.unraisablehook = hook
    assert [str(u.exc_value) for u in unraisable] == []
