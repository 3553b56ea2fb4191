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
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from kg.errors import RemoteError
from kg.store.remote import RemoteStore
from kg.vocab import BASE

__all__ = [
    "DIGEST_GRAPH",
    "DIGEST_PREDICATE",
    "PushResult",
    "push",
    "graphs_for_push",
    "default_graph_store",
]

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
    return {row["g"].value: row["d"].value for row in results}  # type: ignore[union-attr]


def _digest_record(digests: Mapping[str, str]) -> bytes:
    predicate = ox.NamedNode(DIGEST_PREDICATE)
    lines = [
        f"{ox.Triple(ox.NamedNode(iri), predicate, ox.Literal(digest))} .\n"
        for iri, digest in sorted(digests.items())
    ]
    return "".join(lines).encode("utf-8")


def _put(http: httpx.Client, url: str, graph: str, body: bytes) -> str | None:
    """Replace ``graph`` on the server; ``None``, or why it failed."""
    try:
        # N-Triples is Turtle: every Graph Store server reads text/turtle
        response = http.put(
            url, params={"graph": graph}, content=body, headers={"Content-Type": "text/turtle"}
        )
    except httpx.HTTPError as exc:
        return f"{url}: {exc}"
    if response.status_code in (200, 201, 204):
        return None
    return f"PUT {graph}: {response.status_code} {' '.join(response.text.split())[:200]}"


def push(
    graphs: Mapping[str, tuple[str, bytes]],
    endpoint: str,
    *,
    graph_store: str | None = None,
    auth: httpx.Auth | tuple[str, str] | None = None,
    timeout: float = 60.0,
) -> PushResult:
    """Send the graphs whose digest changed since the last push, each with a Graph Store ``PUT``.

    Parameters
    ----------
    graphs : mapping
        Graph IRI -> (digest, N-Triples bytes); see :func:`graphs_for_push`.
    endpoint : str
        The server's SPARQL query URL (the record of digests is read there).
    graph_store : str, optional
        Its Graph Store Protocol URL; see :func:`default_graph_store`.
    auth : httpx.Auth or (user, password), optional
        Credentials for both, e.g. ``httpx.DigestAuth("dba", password)``.
    timeout : float
        Seconds to wait for each request.

    Returns
    -------
    PushResult
        Which graphs were sent, which were unchanged, which were not sent.
    """
    store_url = graph_store or default_graph_store(endpoint, auth)
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
    with httpx.Client(auth=auth, timeout=timeout) as http:
        for iri in changed:
            error = _put(http, store_url, iri, graphs[iri][1])
            if error is not None:
                record.pop(iri, None)  # its state on the server is unknown: send it next time
                break
            pushed.append(iri)
            record[iri] = graphs[iri][0]
        record_error = _put(http, store_url, DIGEST_GRAPH, _digest_record(record))
    failed = tuple(changed[len(pushed) :])
    if record_error is not None:
        error = (error + "; " if error else "") + f"recording the digests: {record_error}"
    return PushResult(tuple(pushed), unchanged, failed, error)
