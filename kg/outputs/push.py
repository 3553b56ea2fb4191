"""``kg push``: load the dataset's named graphs into a SPARQL 1.1 server.

Each graph is sent with the SPARQL 1.1 Graph Store HTTP Protocol's ``PUT``,
which replaces the graph as a whole, so pushing twice leaves the server as
pushing once. The server keeps, in a named graph of kg's
(:data:`DIGEST_GRAPH`), the digest of each graph as last pushed; a push
reads it first and sends only the graphs whose digest changed, then writes
the record anew. A failure stops the push: the graphs sent before it are
reported as pushed, the failing one and the rest as not pushed, and the
server's other graphs are left as they were. Graphs that a later build no
longer has are not deleted from the server.

Digests are SHA-256 of a graph's canonical N-Triples (blank nodes named by
RDFC-1.0, lines sorted), so the same data gives the same digest on every
build.

>>> graphs = {"http://e/g": ("sha256:0", b"<http://e/s> <http://e/p> <http://e/o> .\\n")}
>>> default_graph_store("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/store'
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.errors import DataNotFound, RemoteError
from kg.io.files import file_kind
from kg.store.http import Credentials, ServerClient, ServerUrl, check_server_url
from kg.store.remote import RemoteStore
from kg.vocab import BASE

__all__ = [
    "DIGEST_GRAPH",
    "DIGEST_PREDICATE",
    "PushResult",
    "push",
    "graphs_for_push",
    "default_graph_store",
    "read_password",
    "MAX_PASSWORD_FILE",
]

#: The largest password file kg reads, in bytes.
MAX_PASSWORD_FILE = 4096

#: The server's named graph where kg records what it pushed.
DIGEST_GRAPH = BASE + "pushed"
#: ``<graph> kg-push:digest "sha256:..."`` in :data:`DIGEST_GRAPH`.
DIGEST_PREDICATE = BASE + "pushed#digest"


@dataclass(frozen=True)
class PushResult:
    """What a push did, graph by graph (IRIs, sorted).

    ``failed`` holds the graph whose sending failed and those not tried
    after it; ``error`` says what went wrong (``None`` when nothing did).
    """

    pushed: tuple[str, ...]
    unchanged: tuple[str, ...]
    failed: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether every graph is on the server as given."""
        return self.error is None

    def summary(self) -> str:
        """One line per outcome, for the command line."""
        lines = [
            f"pushed {len(self.pushed)}, unchanged {len(self.unchanged)}, failed {len(self.failed)}"
        ]
        lines += [f"  pushed    {iri}" for iri in self.pushed]
        lines += [f"  not sent  {iri}" for iri in self.failed]
        if self.error:
            lines.append(f"  error: {self.error}")
        if self.failed:
            lines.append(
                "  each graph on the server is whole: as sent, or as it was before "
                "(a PUT replaces one graph in one request); push again to send the rest"
            )
        return "\n".join(lines)


def default_graph_store(endpoint: str, auth: object = None) -> str:
    """The Graph Store Protocol URL that goes with a query endpoint.

    Oxigraph's ``.../query`` has ``.../store``; Virtuoso's ``.../sparql``
    has ``.../sparql-graph-crud-auth`` (with credentials) or
    ``.../sparql-graph-crud``; any other URL is taken to serve both.

    >>> default_graph_store("http://127.0.0.1:8890/sparql", auth=("dba", "dba"))
    'http://127.0.0.1:8890/sparql-graph-crud-auth'
    """
    if endpoint.endswith("/query"):
        return endpoint[: -len("query")] + "store"
    if endpoint.endswith("/sparql"):
        return endpoint + ("-graph-crud-auth" if auth is not None else "-graph-crud")
    return endpoint


def graphs_for_push(quads: bytes) -> dict[str, tuple[str, bytes]]:
    """Each named graph of an N-Quads dataset as ``IRI -> (digest, canonical N-Triples)``.

    >>> nq = b'<http://e/s> <http://e/p> _:x <http://e/g> .\\n_:x <http://e/p> "o" <http://e/g> .\\n'
    >>> digest, text = graphs_for_push(nq)["http://e/g"]
    >>> digest.startswith("sha256:"), text.count(b"\\n")
    (True, 2)
    """
    dataset = ox.Dataset(ox.parse(quads, format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines: dict[str, list[str]] = {}
    for quad in dataset:
        if isinstance(quad.graph_name, ox.NamedNode):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            lines.setdefault(quad.graph_name.value, []).append(f"{triple} .\n")
    graphs = {}
    for iri, graph_lines in sorted(lines.items()):
        text = "".join(sorted(graph_lines)).encode("utf-8")
        graphs[iri] = ("sha256:" + hashlib.sha256(text).hexdigest(), text)
    return graphs


def _read_digests(store: RemoteStore) -> dict[str, str]:
    results = store.query(
        f"SELECT ?g ?d WHERE {{ GRAPH <{DIGEST_GRAPH}> {{ ?g <{DIGEST_PREDICATE}> ?d }} }}"
    )
    digests = {}
    for row in results:  # type: ignore[union-attr]
        graph, digest = row["g"], row["d"]
        if not isinstance(graph, ox.NamedNode) or not isinstance(digest, ox.Literal):
            got = ", ".join(
                f"?{name} {'unbound' if term is None else type(term).__name__}"
                for name, term in (("g", graph), ("d", digest))
            )
            raise RemoteError(
                f"{store.endpoint} answered a record of pushed graphs that kg cannot read "
                f"(a row with {got}; a graph's name and a digest literal belong there)",
                f"check that the URL is the server's SPARQL query URL, or clear <{DIGEST_GRAPH}>",
            )
        digests[graph.value] = digest.value
    return digests


def _digest_record(digests: Mapping[str, str]) -> bytes:
    predicate = ox.NamedNode(DIGEST_PREDICATE)
    lines = [
        f"{ox.Triple(ox.NamedNode(iri), predicate, ox.Literal(digest))} .\n"
        for iri, digest in sorted(digests.items())
    ]
    return "".join(lines).encode("utf-8")


def _put(client: ServerClient, store: ServerUrl, graph: str, body: bytes) -> str | None:
    """Replace ``graph`` on the server; ``None``, or why it failed."""
    try:
        # N-Triples is Turtle: every Graph Store server reads text/turtle
        answer = client.request(
            "PUT",
            store,
            params={"graph": graph},
            content=body,
            headers={"Content-Type": "text/turtle"},
        )
    except RemoteError as exc:
        return f"PUT {graph}: {exc.reason}"
    if answer.status in (200, 201, 204):
        return None
    return f"PUT {graph}: {client.refusal(store, answer).reason}"


def read_password(path: str | os.PathLike) -> str:
    """The first line of a password file, checked before it is read.

    The file must be a regular file (not a FIFO, device or folder: those are
    refused without being read, so nothing blocks) of at most
    :data:`MAX_PASSWORD_FILE` bytes, in UTF-8 without control characters,
    and its first line must not be empty. Messages never show its content.

    Raises
    ------
    DataNotFound
        The file is missing or unreadable, or is not such a file.
    """
    path = Path(path)
    remedy = "give a small text file whose first line is the password"
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise DataNotFound(f"{path}: cannot read a password ({exc.strerror})", remedy) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = file_kind(mode)
            raise DataNotFound(f"{path} is {kind}, not a password file", remedy)
        data = os.read(fd, MAX_PASSWORD_FILE + 1)
    except OSError as exc:
        raise DataNotFound(f"{path}: cannot read a password ({exc.strerror})", remedy) from None
    finally:
        os.close(fd)
    if len(data) > MAX_PASSWORD_FILE:
        raise DataNotFound(f"{path} is larger than {MAX_PASSWORD_FILE} bytes", remedy)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataNotFound(f"{path} is not UTF-8 text", remedy) from None
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise DataNotFound(f"{path} has an empty first line", remedy)
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        raise DataNotFound(f"{path}: the password holds a control character", remedy)
    return password


def push(
    graphs: Mapping[str, tuple[str, bytes]],
    endpoint: str,
    *,
    graph_store: str | None = None,
    auth: Credentials | httpx.Auth | tuple[str, str] | None = None,
    timeout: float = 60.0,
) -> PushResult:
    """Send the graphs whose digest changed since the last push, each with a Graph Store ``PUT``.

    Each ``PUT`` replaces one graph in one request, which the server applies
    whole or not at all (Oxigraph and Virtuoso each load the body in one
    transaction), so a push that stops midway leaves every graph on the
    server either as it was or as sent, never half written; the result
    names the graphs that were sent.

    Parameters
    ----------
    graphs : mapping
        Graph IRI -> (digest, N-Triples bytes); see :func:`graphs_for_push`.
    endpoint : str
        The server's SPARQL query URL (the record of digests is read there).
        A user name and password in it are sent as basic authentication,
        never shown.
    graph_store : str, optional
        Its Graph Store Protocol URL; see :func:`default_graph_store`.
    auth : Credentials, httpx.Auth or (user, password), optional
        Credentials for both, e.g. ``Credentials("dba", password)`` (digest).
    timeout : float
        Seconds each request may take in all (sending, and reading the whole answer).

    Returns
    -------
    PushResult
        Which graphs were sent, which were unchanged, which were not sent.

    Raises
    ------
    InvalidParameter
        A URL is not one kg can use (see :func:`kg.store.http.check_server_url`).
    """
    server = check_server_url(endpoint, "endpoint")
    guessed = default_graph_store(server.url, auth or server.credentials)
    store = check_server_url(graph_store or guessed, "graph_store")
    if store.credentials is None and server.credentials is not None:
        store = ServerUrl(store.url, store.shown, server.credentials)  # the same server's
    order = sorted(graphs)
    with RemoteStore(endpoint, auth=auth, timeout=timeout, row_cap=None) as remote:
        try:
            previous = _read_digests(remote)
        except RemoteError as exc:
            return PushResult((), (), tuple(order), f"reading what was pushed before: {exc}")
    changed = [iri for iri in order if previous.get(iri) != graphs[iri][0]]
    unchanged = tuple(iri for iri in order if iri not in changed)
    if not changed:
        return PushResult((), unchanged)
    pushed: list[str] = []
    error = None
    record = dict(previous)
    with ServerClient(auth=auth, timeout=timeout) as client:
        for iri in changed:
            error = _put(client, store, iri, graphs[iri][1])
            if error is not None:
                record.pop(iri, None)  # its state on the server is unknown: send it next time
                break
            pushed.append(iri)
            record[iri] = graphs[iri][0]
        record_error = _put(client, store, DIGEST_GRAPH, _digest_record(record))
    failed = tuple(changed[len(pushed) :])
    if record_error is not None:
        error = (error + "; " if error else "") + f"recording the digests: {record_error}"
    return PushResult(tuple(pushed), unchanged, failed, error)
