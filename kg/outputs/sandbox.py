"""Evaluating a query within limits: a time limit that can stop it, and a cap on its rows.

pyoxigraph 0.5 has no way to interrupt a query: a call such as an ``ORDER
BY`` over a cartesian product runs inside Rust until it ends, and a Python
thread cannot stop it. With a time limit, the query is therefore evaluated
in a child process forked from this one (it shares the store's memory, copy
on write, so nothing is copied or reloaded) and the child is killed when the
limit passes. The child first leaves the network and caps its memory
(:mod:`kg.outputs.isolation`): a ``SERVICE`` call fails there whatever the
query check let through, and a query that would take all the memory, or
overflow the parser's stack, ends the child only
(:class:`~kg.errors.QueryCrashed`). The child reads at most ``max_rows + 1`` solutions (or
triples) and sends them back as SPARQL 1.1 Query Results JSON (N-Triples for
CONSTRUCT and DESCRIBE), which the parent parses with pyoxigraph's own
parsers, so the result is the same kind of object a direct query gives.
Every error that surfaces while rows are read (not only when the query is
parsed) is caught where it happens and comes back as a message.

Without a time limit the same reading happens in this process. Either way the
answer comes back read whole, as plain values (:class:`Evaluated`): pyoxigraph's
iterators over results (``QuerySolutions``, ``QueryTriples``) may only be freed
in the thread that made them, so none outlives the function that made it, and
no error raised while one is read keeps it in a traceback. Forking needs
a platform that has ``fork`` (Linux, macOS); elsewhere a time limit cannot
be kept and :class:`~kg.errors.QueryError` says so.

Why fork, not spawn
-------------------
The process that forks may hold threads (an on-disk store's RocksDB
threads, a server's worker threads), and Python 3.12 warns that a fork of a
threaded process may deadlock in the child; kg leaves that warning to be
seen. A spawned child (or one from a fork server, or a worker started before
the store opened) shares nothing with this process, so it would have to be
handed the whole dataset and load it before each query: an in-memory store
has no file to reopen, and pyoxigraph gives no way to hand a store across
processes. Measured on the 2-core machine kg is developed on, shared with
other work (pyoxigraph 0.5, Python 3.11, the best of three runs;
``bench/sandbox_start.py``), a ``COUNT(*)`` query's child answered by fork
in about 30 ms, 80 ms and 0.85 s for 5,000, 50,000 and 500,000 quads, and by
spawn, the dataset dumped as N-Quads and loaded in the child, in 0.2 to
0.5 s, 1.1 s and 10.6 s: every ``kg query`` (which runs under a time limit
by default; the shipped briefs hold about 5,600 quads) would wait up to half
a second more, and a server's queries ten times longer on a large corpus.
The child forked here reads the store and writes to a pipe only; were it
ever stuck on a lock a thread held at the fork, the time limit ends it like
any overrunning query.

>>> import pyoxigraph as ox
>>> answer = evaluate(ox.Store(), "SELECT ?x WHERE { VALUES ?x { 1 2 3 } }", {}, max_rows=2)
>>> answer.cut, [row["x"].value for row in answer.raw]
(True, ['1', '2'])
"""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any, cast

import pyoxigraph as ox

from kg.errors import QueryCrashed, QueryError, QueryTimeout
from kg.outputs.isolation import cut_network, describe_exit, limit_memory, quiet_stderr

__all__ = ["Evaluated", "evaluate", "capped", "solutions_json", "MEMORY"]

#: Bytes of address space a query's process may map beyond what it held when it began.
MEMORY = 2 * 1024**3

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_JSON = ox.QueryResultsFormat.JSON


@dataclass
class Evaluated:
    """A query's answer read within its limits, as values any thread may hold and free.

    ``raw`` is a :class:`pyoxigraph.QueryBoolean` (ASK), a list of
    :class:`pyoxigraph.Triple` (CONSTRUCT, DESCRIBE) or a list of
    :class:`pyoxigraph.QuerySolution` (SELECT, whose variables are
    ``variables``), holding at most ``max_rows`` items; ``cut`` says whether
    the query had more; ``form`` is ``"ask"``, ``"graph"`` or ``"select"``. It never holds pyoxigraph's ``QuerySolutions`` or
    ``QueryTriples``, which may only be freed in the thread that made them.
    """

    raw: Any
    cut: bool = False
    variables: list[str] = field(default_factory=list)
    form: str = "select"


def _term_json(term: Any) -> dict[str, Any]:
    """A term as the SPARQL 1.1 Query Results JSON format writes it (RDF-star triples too)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: _term_json(getattr(term, p)) for p in parts}}
    written: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        written["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        written["datatype"] = term.datatype.value
    return written


def _taken(results: Any, max_rows: int | None) -> tuple[str, Any, list[str], bool]:
    """Read at most ``max_rows`` items of ``results``: the form, the items, the variables, cut.

    The items are a bool (ASK), triples or solutions, all of which may cross threads.
    """
    if isinstance(results, ox.QueryBoolean):
        return "ask", bool(results), [], False
    graph = isinstance(results, (ox.QueryTriples, list))  # a server's triples come as a list
    names = [] if graph else [v.value for v in results.variables]
    taken = list(results if max_rows is None else islice(results, max_rows + 1))
    cut = max_rows is not None and len(taken) > max_rows
    return ("graph" if graph else "select"), (taken[:max_rows] if cut else taken), names, cut


def _encoded(form: str, items: Any, names: list[str]) -> Any:
    """What :func:`_taken` read, as bytes for the pipe (a bool stays a bool)."""
    if form == "ask":
        return items
    if form == "graph":
        return ox.serialize(items, format=ox.RdfFormat.N_TRIPLES) or b""
    return solutions_json(names, items)


def solutions_json(names: list[str], rows: list[Any]) -> bytes:
    """Solutions as a SPARQL 1.1 Query Results JSON document.

    >>> solutions_json(["x"], list(ox.Store().query("SELECT ?x { VALUES ?x { <a:b> } }")))
    b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "a:b"}}]}}'
    """
    bindings = [
        {name: _term_json(row[name]) for name in names if row[name] is not None} for row in rows
    ]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()


def _answer(
    store: ox.Store, query: str, options: Mapping[str, Any], max_rows: int | None, encode: bool
) -> tuple:
    """Evaluate and read the query; errors come back as ``("syntax" | "error", message)``.

    The results are made, read and freed here, in the calling thread; only
    their items (or bytes, with ``encode``) and messages leave.
    """
    results = None
    try:
        results = store.query(query, **options)
        form, items, names, cut = _taken(results, max_rows)
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except (OSError, ValueError, RuntimeError, TypeError) as exc:  # raised while evaluating
        return ("error", str(exc))
    finally:
        del results
    return ("ok", form, _encoded(form, items, names) if encode else items, names, cut)


def _child(
    conn: Connection,
    store: ox.Store,
    query: str,
    options: Mapping[str, Any],
    max_rows: int | None,
    network: bool,
) -> None:
    # The walls go up before the engine runs: no network (a SERVICE the check missed
    # fails here), bounded memory (an allocation failure ends this process only).
    quiet_stderr()
    if not network:
        cut_network()
    limit_memory(MEMORY)
    conn.send(_answer(store, query, options, max_rows, encode=True))
    conn.close()


def _in_child(
    store: ox.Store,
    query: str,
    options: Mapping[str, Any],
    max_rows: int | None,
    timeout: float,
    network: bool,
) -> tuple:
    if "fork" not in multiprocessing.get_all_start_methods():
        raise QueryError(
            "a time limit needs a platform that can fork processes",
            "run without a time limit (timeout None)",
        )
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, store, query, options, max_rows, network))
    started = time.monotonic()
    child.start()  # a fork, not a spawn: see the module's documentation for why
    sender.close()
    try:
        if receiver.poll(timeout):
            try:
                return receiver.recv()
            except EOFError:  # the child died without an answer (crash, out of memory)
                child.join(5)
                raise QueryCrashed(
                    f"the query's process ended without an answer: {describe_exit(child.exitcode)}",
                    "narrow the query (fewer nested groups, a LIMIT, bind a variable)",
                ) from None
        raise QueryTimeout(timeout, time.monotonic() - started)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def evaluate(
    store: ox.Store,
    query: str,
    options: Mapping[str, Any],
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    network: bool = False,
) -> Evaluated:
    """Run ``store.query(query, **options)`` and read its answer within the limits.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store to query.
    query : str
        The query text, already checked (see :func:`kg.outputs.sparql.run_query`).
    options : mapping
        Keyword arguments of :meth:`pyoxigraph.Store.query` (``prefixes``,
        ``substitutions``, ``use_default_graph_as_union``).
    timeout : float, optional
        Seconds the query may take, its answer's reading included; ``None``
        for no limit (the query then runs in this process).
    max_rows : int, optional
        Solutions or triples to keep; ``None`` keeps all.
    network : bool
        Leave the query's process on the network (a ``SERVICE`` the user
        allowed); by default it has none.

    Raises
    ------
    QueryTimeout
        The query ran past ``timeout`` and was stopped.
    SyntaxError
        The query does not parse (pyoxigraph's message).
    RuntimeError
        The query failed, when it was prepared or while its answer was read
        (pyoxigraph's message).
    """
    if timeout is None:
        return _evaluated(_answer(store, query, options, max_rows, encode=False))
    return _decoded(_in_child(store, query, options, max_rows, timeout, network))


def capped(results: Any, max_rows: int | None) -> Evaluated:
    """The first ``max_rows`` items of answers read elsewhere (a server's), and whether more came.

    ``results`` is read whole here (all of it with ``max_rows`` None); the
    caller passes it without keeping a name for it, so that it is freed
    here, in the thread that made it.

    >>> import pyoxigraph as ox
    >>> capped(ox.Store().query("SELECT ?x { VALUES ?x { 1 2 } }"), 1).cut
    True
    """
    answer: tuple
    try:
        answer = ("ok", *_taken(results, max_rows))
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        answer = ("error", str(exc))
    finally:
        del results
    return _evaluated(answer)


def _evaluated(answer: tuple) -> Evaluated:
    """What :func:`_answer` read in this process, or the error it met, raised here."""
    if answer[0] == "syntax":
        raise SyntaxError(answer[1])
    if answer[0] == "error":
        raise RuntimeError(answer[1])
    _ok, form, items, names, cut = answer
    if form == "ask":
        document = json.dumps({"head": {}, "boolean": items}).encode()
        return Evaluated(
            ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON), form=form
        )
    return Evaluated(items, cut, names, form)


def _decoded(answer: tuple) -> Evaluated:
    """What :func:`_answer` sent from the query's process, as pyoxigraph's values again."""
    if answer[0] != "ok" or answer[1] == "ask":
        return _evaluated(answer)
    _ok, form, payload, names, cut = answer
    if form == "graph":
        items = [quad.triple for quad in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)]
    else:  # the parsed solutions are read and freed in this call, in this thread
        items = list(cast(ox.QuerySolutions, ox.parse_query_results(payload, format=_JSON)))
    return Evaluated(items, cut, names, form)
