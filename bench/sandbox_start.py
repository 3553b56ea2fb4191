"""How long a query's child process takes to answer: forked (sharing the store) or spawned.

``kg.outputs.sandbox`` runs a query under a time limit in a child process. A
forked child shares the store's memory; a spawned one shares nothing and must
be handed the dataset (dumped as N-Quads) and load it first. This measures
both on in-memory stores of synthetic quads, the best of three runs each, and
prints one line a size. Run by hand:

    .venv/bin/python bench/sandbox_start.py 5000 50000 500000
"""

from __future__ import annotations

import multiprocessing
import sys
import time

import pyoxigraph as ox

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _forked(conn, store):
    conn.send(next(iter(store.query(COUNT, use_default_graph_as_union=True)))["n"].value)


def _spawned(conn, data):
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    conn.send(next(iter(store.query(COUNT, use_default_graph_as_union=True)))["n"].value)


def _answer(method: str, target, argument) -> tuple[float, str]:
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    started = time.perf_counter()
    child = context.Process(target=target, args=(sender, argument))
    child.start()
    sender.close()
    value = receiver.recv()
    child.join()
    return time.perf_counter() - started, value


def measure(n: int) -> tuple[float, float]:
    """Seconds to an answer by fork, and by spawn with the dump included."""
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"),
                ox.Literal(f"value {i}"), ox.NamedNode(f"http://e/g{i % 100}"))
        for i in range(n)
    )  # fmt: skip
    fork = min(_answer("fork", _forked, store)[0] for _ in range(3))
    started = time.perf_counter()
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    dump = time.perf_counter() - started
    spawn = min(_answer("spawn", _spawned, data)[0] for _ in range(3))
    return fork, spawn + dump


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [5_000, 50_000]:
        fork, spawn = measure(size)
        print(
            f"{size:>9,} quads: fork {fork * 1000:8.1f} ms, spawn and load {spawn * 1000:8.1f} ms"
        )
