"""kg query stays inside the dataset: no SERVICE call, no FROM graph loaded from elsewhere."""

from __future__ import annotations

import http.server
import threading

import pytest

REQUESTS: list[str] = []


class _Recorder(http.server.BaseHTTPRequestHandler):
    def _record(self) -> None:
        REQUESTS.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head": {"vars": []}, "results": {"bindings": [{}]}}')

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
