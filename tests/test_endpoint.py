"""kg serve: the SPARQL 1.1 Protocol endpoint, queried over loopback by real clients."""

from __future__ import annotations

import functools
import io
import socket
import statistics
import sys
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, SPARQLWrapper

import kg
from kg.cli import main
from kg.outputs.endpoint import EndpointLimits, cookbook_entries, declare_prefixes
from kg.outputs.endpoint.server import bind
from kg.vocab import PREFIXES
from tests.servers import SERVED, kg_endpoint, served_snapshot

# httpx waits 5 s by default; under load a loopback answer can take longer, and
# these tests judge the answer, not its speed (a call may still pass its own timeout)
http_get = functools.partial(httpx.get, timeout=60)
http_post = functools.partial(httpx.post, timeout=60)
http_put = functools.partial(httpx.put, timeout=60)
http_delete = functools.partial(httpx.delete, timeout=60)

#: A result freed in another thread than its own is reported as unraisable: a failure here.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Hours of work in one engine call, in little memory (the issue's slot-holding query).
COUNT_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def built() -> ox.Store:
    return kg.build_dataset("data").store.oxigraph


@pytest.fixture(scope="module")
def endpoint(built):
    with kg_endpoint(built, cookbook=cookbook_entries(), explorer_html="<p>explorer</p>") as url:
        yield url


@pytest.fixture(scope="module")
def store(endpoint) -> ox.Store:
    """The data the endpoint's workers read, for direct answers to compare with.

    The same engine on the same files: the order of GROUP_CONCAT's parts,
    which SPARQL leaves open, is then the same too.
    """
    return ox.Store.read_only(str(served_snapshot(endpoint)))


def direct(store: ox.Store, query: str) -> list[tuple]:
    results = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    return [tuple(_ox_cell(row[name]) for name in names) for row in results]


def _ox_cell(term) -> tuple | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    datatype = term.datatype.value
    if term.language:
        return ("literal", term.value, "@" + term.language)
    return ("literal", term.value, None if datatype == XSD_STRING else datatype)


def _parsed_rows(content: bytes, fmt: ox.QueryResultsFormat) -> list[tuple]:
    """The rows of an answer as pyoxigraph parses it; the parsed results stay in this call."""
    solutions = ox.parse_query_results(content, fmt)
    names = [v.value for v in solutions.variables]
    return [tuple(_ox_cell(s[n]) for n in names) for s in solutions]


def _json_cell(cell: dict | None) -> tuple | None:
    if cell is None:
        return None
    if cell["type"] == "uri":
        return ("uri", cell["value"])
    if cell["type"] == "bnode":
        return ("bnode",)
    if "xml:lang" in cell:
        return ("literal", cell["value"], "@" + cell["xml:lang"])
    datatype = cell.get("datatype")
    return ("literal", cell["value"], None if datatype == XSD_STRING else datatype)


def _rdflib_cell(term) -> tuple | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("uri", str(term))
    if isinstance(term, Literal):
        if term.language:
            return ("literal", str(term), "@" + term.language)
        datatype = str(term.datatype) if term.datatype else None
        return ("literal", str(term), None if datatype == XSD_STRING else datatype)
    return ("bnode",)


COOKBOOK = cookbook_entries()
RETURN_MIGRATION = "<https://w3id.org/briefkg/factor/return-migration>"


def as_client(store: ox.Store, text: str) -> str:
    """A cookbook query as a client of any endpoint fills it in (the cookbook's README)."""
    graphs = "\n".join(sorted(f"FROM <{g.value}>" for g in store.named_graphs()))
    filled = text.replace("FROM <urn:kg:every-graph>", graphs)
    return declare_prefixes(filled.replace("<urn:kg:bind-me>", RETURN_MIGRATION))


@pytest.mark.parametrize("name,title,text", COOKBOOK, ids=[c[0] for c in COOKBOOK])
def test_sparqlwrapper_answers_equal_direct_answers(store, endpoint, name, title, text):
    query = as_client(store, text)
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    variables = answer["head"]["vars"]
    rows = [tuple(_json_cell(b.get(v)) for v in variables) for b in answer["results"]["bindings"]]
    expected = direct(store, query)
    assert rows == expected
    assert expected or name in ("shared-factors",), (
        f"{name} should find something in the shipped data"
    )


@pytest.mark.parametrize("name,title,text", COOKBOOK, ids=[c[0] for c in COOKBOOK])
def test_rdflib_sparqlstore_answers_equal_direct_answers(store, endpoint, name, title, text):
    query = as_client(store, text)
    graph = Graph(SPARQLStore(query_endpoint=endpoint, returnFormat="xml"))
    result = graph.query(query)
    rows = [tuple(_rdflib_cell(term) for term in row) for row in result]
    assert rows == direct(store, query)


def test_every_results_format_parses_with_standard_parsers(store, endpoint):
    query = declare_prefixes(dict((c[0], c[2]) for c in COOKBOOK)["claims-of-brief"])
    expected = direct(store, query)
    for media, rdflib_format, ox_format in (
        ("application/sparql-results+json", "json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", "xml", ox.QueryResultsFormat.XML),
        ("text/csv", "csv", None),
        ("text/tab-separated-values", "tsv", ox.QueryResultsFormat.TSV),
    ):
        response = http_get(endpoint, params={"query": query}, headers={"Accept": media})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media)
        parsed = Result.parse(io.BytesIO(response.content), format=rdflib_format)
        assert len(list(parsed)) == len(expected)
        if ox_format is not None:
            assert _parsed_rows(response.content, ox_format) == expected
    ask = http_post(
        endpoint,
        content="ASK { ?c a ck:CausalClaim }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert bool(ox.parse_query_results(ask.content, ox.QueryResultsFormat.JSON)) is True


def test_construct_in_turtle_ntriples_and_jsonld(store, endpoint):
    query = "CONSTRUCT { ?f skos:prefLabel ?l } WHERE { ?f a ck:Factor ; skos:prefLabel ?l }"
    local = list(store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True))
    assert local
    for media, fmt in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ):
        response = http_post(endpoint, data={"query": query}, headers={"Accept": media})
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        assert len(Graph().parse(data=response.content, format=fmt)) == len(local)


def test_update_requests_are_refused_and_change_nothing(store, endpoint):
    before = len(store)
    base = endpoint.rsplit("/", 1)[0]
    update = "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }"
    attempts = [
        http_get(endpoint, params={"update": update}),
        http_post(endpoint, data={"update": update}),
        http_post(endpoint, content=update, headers={"Content-Type": "application/sparql-update"}),
        http_post(endpoint, data={"query": update}),
        http_put(
            f"{base}/store",
            params={"graph": "http://e/g"},
            content=b"<http://e/s> <http://e/p> <http://e/o> .",
            headers={"Content-Type": "application/n-triples"},
        ),
        http_post(
            f"{base}/store",
            params={"default": ""},
            content=b"<http://e/s> <http://e/p> <http://e/o> .",
            headers={"Content-Type": "application/n-triples"},
        ),
        http_delete(f"{base}/store", params={"graph": "https://w3id.org/briefkg/ontology"}),
        http_delete(endpoint),
        http_put(endpoint, content=b""),
    ]
    for response in attempts:
        assert response.status_code in (403, 405), (response.request.method, response.text)
        assert (
            response.text.startswith(("Forbidden", "Method Not Allowed"))
            and "read-only" in response.text
        )
    assert len(store) == before


def test_malformed_and_overlong_queries_get_clean_errors(endpoint):
    malformed = http_get(endpoint, params={"query": "SELECT ?x WHERE { ?x "})
    assert malformed.status_code == 400 and malformed.text.startswith(
        "Bad Request: the query does not parse"
    )
    long_query = "ASK { }" + " " * EndpointLimits().max_query_length
    too_long = http_post(endpoint, data={"query": long_query})
    assert too_long.status_code == 413 and "characters" in too_long.text
    unknown = http_get(endpoint, params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert unknown.status_code == 406


def test_service_and_unknown_from_are_refused(endpoint):
    service = http_get(
        endpoint, params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}
    )
    assert service.status_code == 400 and "SERVICE" in service.text
    unknown = http_get(
        endpoint, params={"query": "SELECT * FROM <http://example.org/elsewhere> { ?s ?p ?o }"}
    )
    assert unknown.status_code == 400 and "elsewhere" in unknown.text
    held = http_get(
        endpoint, params={"query": "ASK FROM <https://w3id.org/briefkg/factors> { ?f a ck:Factor }"}
    )
    assert held.status_code == 200 and held.json()["boolean"] is True
    named = http_get(
        endpoint, params={"query": "ASK {}", "named-graph-uri": "http://example.org/x"}
    )
    assert named.status_code == 400


def test_a_query_past_the_time_limit_gets_503_and_others_go_on(store):
    limits = EndpointLimits(timeout=4.0, max_rows=10**9)
    with kg_endpoint(store, limits=limits) as url:
        pool = SERVED[url].state.endpoint.pool
        slow: dict = {}

        def run_slow():
            started = time.monotonic()
            slow["response"] = http_get(url, params={"query": PRODUCT}, timeout=30)
            slow["seconds"] = time.monotonic() - started
            slow["done"] = time.monotonic()

        thread = threading.Thread(target=run_slow)
        thread.start()
        deadline = time.monotonic() + 60  # a minute for a loaded machine to start it
        while not pool.busy and time.monotonic() < deadline:  # the slow query is running
            time.sleep(0.02)
        assert pool.busy, "the slow query never reached a worker"
        answered = []
        for _ in range(3):
            ask = http_get(url, params={"query": "ASK {}"}, timeout=30)
            assert ask.status_code == 200 and ask.json()["boolean"] is True
            answered.append(time.monotonic())
        thread.join(30)
        response = slow["response"]
        assert response.status_code == 503
        assert "time limit" in response.text and response.headers["retry-after"]
        # the other queries were answered while the slow one ran, not after it was stopped
        assert max(answered) < slow["done"]
        # stopped at the limit: unstopped, it would outlast the client's 30 s
        assert slow["seconds"] < limits.timeout + 20


def _until(condition, seconds: float = 30.0) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass; whether it held."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_more_clients_than_slots_wait_while_the_queue_has_room_then_get_503(store):
    """Every request with a place in the queue is answered 200, however long it waits.

    One worker, a queue of four: two queries that run to the time limit
    hold the worker for twice that limit, the queries behind them wait that
    long and are answered; a request beyond the four places is refused at
    once with ``Retry-After``.
    """
    limits = EndpointLimits(timeout=2.0, max_concurrent=1, queue=4, max_rows=10**9)
    with kg_endpoint(store, limits=limits) as url:
        pool = SERVED[url].state.endpoint.pool
        answers: dict[str, httpx.Response] = {}
        took: dict[str, float] = {}

        def ask(name: str, query: str) -> threading.Thread:
            def send() -> None:
                started = time.monotonic()
                answers[name] = http_get(url, params={"query": query})
                took[name] = time.monotonic() - started

            thread = threading.Thread(target=send)
            thread.start()
            return thread

        threads = [ask("slow-1", COUNT_PRODUCT)]
        assert _until(lambda: bool(pool.busy)), "the first slow query never reached the worker"
        threads.append(ask("slow-2", COUNT_PRODUCT))
        assert _until(lambda: pool.waiting == 1)
        for n in range(limits.queue - 1):
            threads.append(ask(f"ask-{n}", "ASK {}"))
            assert _until(lambda n=n: pool.waiting == n + 2), f"ask-{n} never joined the queue"
        assert pool.waiting == limits.queue and pool.busy
        refused = http_get(url, params={"query": "ASK {}"})
        assert refused.status_code == 503 and refused.headers["retry-after"].isdigit()
        assert "waiting, the size of the queue" in refused.text and refused.text.count("\n") == 1
        for thread in threads:
            thread.join(120)
        assert not any(thread.is_alive() for thread in threads)
        # the two slow queries were stopped at the time limit, each its own 503
        for name in ("slow-1", "slow-2"):
            assert answers[name].status_code == 503 and "time limit" in answers[name].text
        # the others waited behind both, past the time limit, and were answered
        for n in range(limits.queue - 1):
            answer = answers[f"ask-{n}"]
            assert answer.status_code == 200 and answer.json()["boolean"] is True
            assert took[f"ask-{n}"] > limits.timeout


def test_a_request_whose_client_left_gives_its_place_in_the_queue_back(store):
    limits = EndpointLimits(timeout=30.0, max_concurrent=1, queue=1, max_rows=10**9)
    with kg_endpoint(store, limits=limits) as url:
        pool = SERVED[url].state.endpoint.pool
        port = int(url.split(":")[2].split("/")[0])
        slow = threading.Thread(target=lambda: http_get(url, params={"query": COUNT_PRODUCT}))
        slow.start()
        try:
            assert _until(lambda: bool(pool.busy)), "the slow query never reached the worker"
            with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
                client.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                assert _until(lambda: pool.waiting == 1), "the request never joined the queue"
            # the client closed its connection: its request leaves the queue while the
            # slow query still holds the worker
            assert _until(lambda: pool.waiting == 0), "a request whose client left kept its place"
            assert pool.busy
            queued: list[httpx.Response] = []
            behind = threading.Thread(
                target=lambda: queued.append(http_get(url, params={"query": "ASK {}"}))
            )
            behind.start()
            assert _until(lambda: pool.waiting == 1 or bool(queued))
            assert not queued or queued[0].status_code == 200
        finally:
            slow.join(60)
        behind.join(60)
        assert queued and queued[0].status_code == 200 and queued[0].json()["boolean"] is True


def test_row_cap(store):
    with kg_endpoint(store, limits=EndpointLimits(max_rows=5)) as url:
        over = http_get(url, params={"query": "SELECT * { ?s ?p ?o }"})
        assert over.status_code == 400 and "LIMIT" in over.text
        within = http_get(url, params={"query": "SELECT * { ?s ?p ?o } LIMIT 5"})
        assert within.status_code == 200 and len(within.json()["results"]["bindings"]) == 5


def test_a_query_worker_starts_without_the_web_stack():
    # A worker is a fresh interpreter started for every slot and after every killed query:
    # it loads the engine, not Starlette or uvicorn, and its module runs once, as __main__.
    import subprocess
    import sys

    probe = (
        "import runpy, sys, warnings; warnings.simplefilter('error');"
        "sys.argv = ['worker'];"
        "runpy.run_module('kg.outputs.endpoint.worker', run_name='not_main', alter_sys=True);"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'httpx', 'rdflib') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_answer_of_megabytes_arrives_whole_through_the_widened_pipe():
    import os

    from kg.outputs.endpoint.worker import PIPE_BYTES, widen_pipe

    big = ox.Store()
    for n in range(40):  # 40 literals of 128 KiB: a JSON answer of 5 MiB, five pipes' worth
        big.add(ox.Quad(ox.NamedNode(f"http://e/s{n:02}"), ox.NamedNode("http://e/p"),
                        ox.Literal(f"{n:02}" * 65536), ox.NamedNode("http://e/g")))  # fmt: skip
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    expected = big.query(query, use_default_graph_as_union=True).serialize(
        format=ox.QueryResultsFormat.JSON
    )
    with kg_endpoint(big) as url:
        answer = http_get(url, params={"query": query})
    assert answer.status_code == 200 and answer.content == expected, "every byte, in order"
    assert len(expected) > 5 * 2**20
    if not sys.platform.startswith("linux"):
        return  # the pipe keeps its size elsewhere
    read, write = os.pipe()
    try:
        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as most:
            assert widen_pipe(write) == min(PIPE_BYTES, int(most.read()))
    finally:
        os.close(read)
        os.close(write)


def test_health_pages_and_service_description(store, endpoint):
    base = endpoint.rsplit("/", 1)[0]
    health = http_get(f"{base}/health").json()
    assert health == {
        "status": "ok",
        "quads": len(store),
        "graphs": len(list(store.named_graphs())),
        "queued": 0,
    }
    page = http_get(endpoint, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "/assets/yasgui.min.js" in page.text
    assert (
        "cdn" not in page.text.lower()
        and 'src="http' not in page.text
        and 'href="http' not in page.text
    )
    for name, _title, _text in COOKBOOK:
        assert f'"name": "{name}"' in page.text
    assert http_get(f"{base}/assets/yasgui.min.js").status_code == 200
    assert http_get(f"{base}/").text == "<p>explorer</p>"
    described = http_get(endpoint, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=described.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(endpoint)) in graph
    names = {str(o) for o in graph.objects(None, URIRef(sd + "name"))}
    assert names == {g.value for g in store.named_graphs()}


def test_cors_is_off_unless_asked_for(store, endpoint):
    headers = {"Origin": "http://example.org"}
    assert (
        "access-control-allow-origin"
        not in http_get(endpoint, params={"query": "ASK {}"}, headers=headers).headers
    )
    with kg_endpoint(store, cors="http://example.org") as url:
        allowed = http_get(url, params={"query": "ASK {}"}, headers=headers)
        assert allowed.headers["access-control-allow-origin"] == "http://example.org"


def test_serve_on_a_port_in_use_is_one_line_and_exit_2():
    sock = bind("127.0.0.1", 0)
    sock.listen()
    try:
        result = CliRunner().invoke(main, ["serve", "--port", str(sock.getsockname()[1])])
    finally:
        sock.close()
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "cannot listen on 127.0.0.1" in result.output
    bad_host = CliRunner().invoke(main, ["serve", "--host", "no-such-host.invalid"])
    assert bad_host.exit_code == 2 and "unknown host" in bad_host.output


def test_bounded_load_of_cookbook_queries(store):
    clients, seconds = 10, 10.0
    queries = [declare_prefixes(text) for _name, _title, text in COOKBOOK]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    # a query may take its time on a loaded machine (time limit and client alike):
    # this test judges that every answer is complete, not how fast it came
    limits = EndpointLimits(max_concurrent=clients, timeout=60.0)
    with kg_endpoint(store, limits=limits) as url:
        stop = time.monotonic() + seconds

        def client(index: int) -> None:
            with httpx.Client(timeout=60) as http:
                count = index
                while time.monotonic() < stop and count < index + 100_000:
                    query = queries[count % len(queries)]
                    started = time.monotonic()
                    try:
                        response = http.post(url, data={"query": query})
                        ok = response.status_code == 200
                        problem = f"{response.status_code} {response.text[:100]}"
                    except httpx.HTTPError as exc:
                        ok, problem = False, str(exc)
                    with lock:
                        latencies.append(time.monotonic() - started)
                        if not ok:
                            errors.append(problem)
                    count += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 30)
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"\nload: {clients} clients, {seconds:g} s: {len(latencies)} requests, {len(errors)} errors, "
        f"p50 {cuts[49] * 1000:.1f} ms, p90 {cuts[89] * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms"
    )
    assert not errors, errors[:3]
    assert len(latencies) > clients


def test_load_and_cookbook_placeholders_on_the_endpoint(store, endpoint):
    load = http_post(endpoint, data={"query": "LOAD <http://127.0.0.1:9/data.ttl>"})
    assert load.status_code == 403 and "read-only" in load.text
    upstream = dict((c[0], c[2]) for c in COOKBOOK)["upstream-of"]
    # Sent as it ships but for the value: the endpoint reads FROM <urn:kg:every-graph> as the union.
    sent = http_post(
        endpoint,
        data={"query": upstream.replace("<urn:kg:bind-me>", RETURN_MIGRATION)},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert sent.status_code == 200, sent.text
    rows = [
        tuple(_json_cell(b.get(v)) for v in ("upstream",))
        for b in sent.json()["results"]["bindings"]
    ]
    assert rows and rows == [(r[1],) for r in direct(store, as_client(store, upstream))]
    unbound = http_post(endpoint, data={"query": upstream},
                         headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    assert unbound.status_code == 200 and unbound.json()["results"]["bindings"] == []


def test_a_dataset_source_is_served_and_a_remote_server_is_refused():
    from kg.errors import InvalidParameter
    from kg.outputs.endpoint import create_app
    from kg.store import Store
    from kg.store.remote import RemoteStore

    source = Store.open(None)  # a kg store in memory, as Project.dataset gives one
    graph = ox.NamedNode("https://w3id.org/briefkg/brief/b1")
    source.oxigraph.add(
        ox.Quad(graph, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("B1"), graph)
    )
    with kg_endpoint(source) as url:
        answer = httpx.post(
            url,
            data={"query": "SELECT ?t WHERE { ?b <http://purl.org/dc/terms/title> ?t }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
    assert answer.status_code == 200, answer.text
    assert [b["t"]["value"] for b in answer.json()["results"]["bindings"]] == ["B1"]
    with pytest.raises(InvalidParameter, match="is a remote server"):
        create_app(RemoteStore("http://127.0.0.1:9/sparql"))
