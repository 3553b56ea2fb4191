"""A query worker of ``kg serve``: a process of its own that answers queries on one snapshot.

The server starts each worker with ``python -m kg.outputs.endpoint.worker
FOLDER MEMORY`` (a fresh interpreter, never a fork of the threaded server).
Before it loads the engine the worker leaves the network
(:func:`~kg.outputs.isolation.cut_network`); it then opens the store at
``FOLDER`` read-only, caps its memory at what it holds plus ``MEMORY``
bytes, and answers requests one at a time on its standard input and output:

* a request is one frame holding JSON (``query``, ``accept``,
  ``default_graph``, ``named_graphs``, ``max_rows`` and, when another
  worker has parsed the same text, ``parsed``: what its parse found);
* an answer is two frames, JSON (``status``, ``content_type``,
  ``headers``, and ``parsed`` for a query that ran) then the body's bytes.

A frame is a 4-byte big-endian length and that many bytes. The worker
writes a first frame, ``{"ready": ...}``, once it can answer. Whatever
happens to a query (a stack overflow, an allocation failure, the server
killing it at the deadline) ends this process only; the server starts
another.

>>> import pyoxigraph as ox
>>> answer(ox.Store(), set(), {"query": "ASK { }", "accept": None})[0]["status"]
200
"""

from __future__ import annotations

import json
import os
import struct
import sys
from typing import IO, Any

from kg.outputs.isolation import cut_network, limit_memory, quiet_stderr

__all__ = ["answer", "read_frame", "write_frame", "widen_pipe", "PIPE_BYTES", "main"]

_LENGTH = struct.Struct(">I")
#: Bytes the pipe of answers to the server may hold (Linux's default is 64 KiB).
PIPE_BYTES = 1024 * 1024


def read_frame(stream: IO[bytes]) -> bytes | None:
    """The next frame's bytes, ``None`` at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    return data if len(data) == size else None


def widen_pipe(fd: int, size: int = PIPE_BYTES) -> int:
    """Let the pipe at ``fd`` hold ``size`` bytes (Linux; at most the system's maximum).

    An answer of a few megabytes then crosses to the server in a few
    writes, not one 64 KiB write per wake-up of both processes: on a busy
    machine each wake-up waits for a core, and the worker, blocked in its
    write, waits with it instead of taking the next query. Returns the
    pipe's size afterwards (0 where it cannot be known).
    """
    import fcntl

    getter, setter = getattr(fcntl, "F_GETPIPE_SZ", None), getattr(fcntl, "F_SETPIPE_SZ", None)
    if getter is None or setter is None:
        return 0
    try:
        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as most:
            size = min(size, int(most.read()))
    except (OSError, ValueError):
        pass
    try:
        fcntl.fcntl(fd, setter, size)
    except OSError:  # not a pipe, or over what this process may ask: keep the size it has
        pass
    try:
        return fcntl.fcntl(fd, getter)
    except OSError:
        return 0


def write_frame(stream: IO[bytes], data: bytes) -> None:
    """Write ``data`` as one frame."""
    stream.write(_LENGTH.pack(len(data)) + data)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> tuple:
    head = {"status": status, "content_type": "text/plain; charset=utf-8", "headers": headers or {}}
    return head, (message + "\n").encode("utf-8")


def answer(store: Any, held: set[str], request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Check, run and serialise one query: the answer's head and body.

    The query's results never leave :func:`_evaluate`, which runs it and
    writes its answer in the thread that called it; only bytes come back.
    """
    from kg.outputs.endpoint.protocol import ProtocolError, check_query, negotiate
    from kg.store.querycheck import parsed_facts
    from kg.vocab import PREFIXES

    query = request["query"]
    facts = request.get("parsed")
    try:
        judged = check_query(query, held, PREFIXES, parsed=facts)
        if facts is None:  # the server keeps it for the next worker that gets this text
            facts = parsed_facts(query, PREFIXES)
        graph = judged.form in ("construct", "describe")
        chosen = negotiate(request.get("accept"), "construct" if graph else "select")
        content_type, body = _evaluate(store, query, request, chosen)
    except ProtocolError as error:
        return _error(error.status, error.message, error.headers)
    head: dict[str, Any] = {
        "status": 200,
        "content_type": content_type,
        "headers": {},
        "parsed": facts,
    }
    return head, body


def _evaluate(store: Any, query: str, request: dict[str, Any], chosen: Any) -> tuple[str, bytes]:
    """Run ``query`` and write its answer: the content type and the bytes.

    The results are made, read and dropped here, in the calling thread:
    ``finally`` deletes them before the frame is left, so that no traceback
    or reference cycle keeps them for a garbage collection in another thread
    (pyoxigraph's results may only be freed in the thread that made them).
    """
    import pyoxigraph as ox

    from kg.outputs.endpoint.protocol import ProtocolError, negotiate, serialize_results
    from kg.vocab import PREFIXES

    default_graph = request.get("default_graph")
    named = request.get("named_graphs")
    results = None
    try:
        try:
            results = store.query(
                query,
                prefixes=PREFIXES,
                use_default_graph_as_union=default_graph is None,
                default_graph=None
                if default_graph is None
                else [ox.NamedNode(g) for g in default_graph],
                named_graphs=None if named is None else [ox.NamedNode(g) for g in named],
            )
        except SyntaxError as exc:
            message = f"Bad Request: the query does not parse: {exc}"
            raise ProtocolError(400, message) from None
        if isinstance(results, ox.QueryTriples) != (chosen.rdf is not None):
            # the engine's form differs from the parse's: the format is chosen for the engine's
            graph = isinstance(results, ox.QueryTriples)
            chosen = negotiate(request.get("accept"), "construct" if graph else "select")
        try:
            body = serialize_results(
                results, chosen, max_rows=request.get("max_rows") or 10_000, prefixes=PREFIXES
            )
        except (OSError, RuntimeError, ValueError) as exc:
            said = " ".join(str(exc).split())
            raise ProtocolError(500, f"Internal Server Error: the query failed: {said}") from None
        return chosen.content_type, body
    finally:
        del results


def main(argv: list[str] | None = None) -> int:
    """Run a worker on the store folder ``argv[0]`` with ``argv[1]`` bytes of memory to spare."""
    folder, memory = (argv if argv is not None else sys.argv[1:])[:2]
    isolated = cut_network()  # before the engine is loaded: no thread of it predates the wall
    quiet_stderr()
    import pyoxigraph as ox

    from kg.store.querycheck import judge_query, start_parser

    store = ox.Store.read_only(folder)
    held = {graph.value for graph in store.named_graphs()}
    start_parser()  # its thread's stack is reserved before the memory cap
    judge_query("ASK { }", held)  # load the parser now, not at the first request
    limit_memory(int(memory))
    # The answers go out on a descriptor of their own: nothing a library prints can mix in.
    outbox = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    widen_pipe(outbox.fileno())
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    inbox = sys.stdin.buffer
    write_frame(outbox, json.dumps({"ready": True, "isolation_failure": isolated}).encode())
    outbox.flush()
    while True:
        frame = read_frame(inbox)
        if frame is None:
            return 0
        fatal = False
        try:
            head, body = answer(store, held, json.loads(frame))
        except MemoryError:  # Python's own allocation failed at the cap: answer, then make way
            head, body = _error(500, "Internal Server Error: the query ran out of memory")
            fatal = True
        except Exception as exc:  # noqa: BLE001 - one request's failure is its answer
            said = " ".join(str(exc).split())
            head, body = _error(500, f"Internal Server Error: {type(exc).__name__}: {said}")
        write_frame(outbox, json.dumps(head).encode())
        write_frame(outbox, body)
        outbox.flush()
        if fatal:
            return 3


if __name__ == "__main__":
    sys.exit(main())
