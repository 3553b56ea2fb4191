"""A query's results are freed in the thread that made them (pyoxigraph's rule), by construction.

pyoxigraph's results may only be freed in the thread that made them;
freed elsewhere (by a garbage collection that another thread happens to
run, when the results sit in a reference cycle) pyoxigraph reports an
error. The endpoint's worker function runs a query, writes its answer
and drops the results in one call, keeping them in no cycle: here several
threads answer queries of every kind of outcome at once, the collector
running in yet another thread after each answer, and not one error is
reported.
"""

from __future__ import annotations

import gc
import sys
import threading

import pyoxigraph as ox
import pytest

from kg.outputs.endpoint.worker import answer

#: A result freed in another thread than its own is reported as unraisable: a failure here.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
E = "http://e/"
#: (query, Accept, max_rows): answered, other formats, refused by negotiation, over the
#: row cap, failing while evaluated, CONSTRUCT and ASK.
CASES = [
    ("SELECT ?s ?o WHERE { ?s ?p ?o }", "application/sparql-results+json", 100),
    ("SELECT ?s ?o WHERE { ?s ?p ?o }", "text/csv", 100),
    ("SELECT ?s ?o WHERE { ?s ?p ?o }", "text/turtle", 100),
    ("SELECT ?s ?o WHERE { ?s ?p ?o }", None, 2),
    ("SELECT ?x WHERE { ?s ?p ?o BIND(xsd:integer(?o) AS ?x) FILTER(?x / 0 > 1) }", None, 100),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", None, 100),
    ("ASK { ?s ?p ?o }", "text/csv", 100),
]


@pytest.mark.slow
def test_results_never_outlive_their_thread_under_concurrent_answers():
    store = ox.Store()
    for i in range(20):
        store.add(ox.Quad(ox.NamedNode(f"{E}s{i}"), ox.NamedNode(f"{E}p"), ox.Literal(str(i))))
    reported: list = []
    statuses: list[int] = []
    lock = threading.Lock()

    def client(offset: int) -> None:
        for n in range(3 * len(CASES)):
            query, accept, cap = CASES[(n + offset) % len(CASES)]
            text = f"{query} # client {offset} request {n}"  # a new text: parsed again
            head, _body = answer(store, set(), {"query": text, "accept": accept, "max_rows": cap})
            collector = threading.Thread(target=gc.collect)  # a cycle would be freed there
            collector.start()
            collector.join(60)
            with lock:
                statuses.append(head["status"])

    # Results that earlier tests left in reference cycles were made in this thread: freed
    # here now, not by the collector threads below, which would report them as this
    # test's (seen after the sandbox's tests in one process).
    gc.collect()
    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: reported.append(unraisable.exc_value)
    try:
        threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        gc.collect()
    finally:
        sys.unraisablehook = previous
    assert len(statuses) == 4 * 3 * len(CASES)
    assert {200, 400, 406} <= set(statuses)  # answers, the row cap, a refused format
    assert reported == []
