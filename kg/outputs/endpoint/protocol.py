"""The SPARQL 1.1 Protocol rules the endpoint applies before and after running a query.

Three questions are answered here, without any HTTP machinery so that they
can be tested on their own:

* which media type to answer with (:func:`negotiate`), from the ``Accept``
  header and the kind of query;
* whether a query may run at all (:func:`check_query`, on the parsed query:
  :mod:`kg.store.querycheck`): an update, a ``SERVICE`` call or a ``FROM``,
  ``FROM NAMED`` or ``GRAPH`` graph that the store does not hold is refused,
  so the server never reaches the network;
* how to turn what pyoxigraph returns into bytes (:func:`serialize_results`),
  with the row cap applied before anything is written.

>>> negotiate("application/sparql-results+xml;q=0.9, text/csv", "select").media_type
'text/csv'
>>> negotiate("*/*", "construct").media_type
'text/turtle'
>>> check_query("SELECT * FROM <http://a/g> { ?s ?p ?o }", ["http://a/g"]).graphs
('http://a/g',)
>>> check_query('SELECT * { ?s ?p "SERVICE <http://x/>" }', []).services
()
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store.querycheck import Judged, judge_query
from kg.store.querytext import declare_prefixes, query_form

__all__ = [
    "ResultFormat",
    "SELECT_FORMATS",
    "GRAPH_FORMATS",
    "ProtocolError",
    "Judged",
    "query_form",
    "check_query",
    "negotiate",
    "serialize_results",
    "declare_prefixes",
    "RowCapExceeded",
    "Cancelled",
]


class ProtocolError(Exception):
    """A request the endpoint answers with an error status and a plain-text body.

    Not a :class:`~kg.errors.KgError`: it never reaches the command line, it
    becomes an HTTP response (``status``, ``message`` and extra ``headers``).
    """

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class ResultFormat:
    """A media type the endpoint can answer with, and pyoxigraph's format for it."""

    media_type: str
    results: ox.QueryResultsFormat | None = None
    rdf: ox.RdfFormat | None = None

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value (UTF-8 for the text formats)."""
        return self.media_type + "; charset=utf-8"


#: Answers to SELECT and ASK, the first being the default.
SELECT_FORMATS = (
    ResultFormat("application/sparql-results+json", results=ox.QueryResultsFormat.JSON),
    ResultFormat("application/sparql-results+xml", results=ox.QueryResultsFormat.XML),
    ResultFormat("text/csv", results=ox.QueryResultsFormat.CSV),
    ResultFormat("text/tab-separated-values", results=ox.QueryResultsFormat.TSV),
)
#: Answers to CONSTRUCT and DESCRIBE, the first being the default.
GRAPH_FORMATS = (
    ResultFormat("text/turtle", rdf=ox.RdfFormat.TURTLE),
    ResultFormat("application/n-triples", rdf=ox.RdfFormat.N_TRIPLES),
    ResultFormat("application/ld+json", rdf=ox.RdfFormat.JSON_LD),
    ResultFormat("application/rdf+xml", rdf=ox.RdfFormat.RDF_XML),
)
# Names clients use for the same formats.
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
    "application/x-turtle": "text/turtle",
}


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    ranges = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((quality, position, _ALIASES.get(media, media)))
    return sorted(ranges, key=lambda item: (-item[0], item[1]))


def negotiate(accept: str | None, form: str) -> ResultFormat:
    """Choose the answer's format for a query of ``form`` (``select``, ``ask``, ``construct``, ``describe``).

    The highest-quality media range of ``accept`` that the endpoint can write
    wins; ``*/*``, ``application/*`` and a missing header give the default
    (SPARQL JSON results, or Turtle for graphs).

    Raises
    ------
    ProtocolError
        406 when nothing acceptable can be written.
    """
    formats = GRAPH_FORMATS if form in ("construct", "describe") else SELECT_FORMATS
    if not accept or not accept.strip():
        return formats[0]
    for _quality, _position, media in _accepted(accept):
        for candidate in formats:
            if media == candidate.media_type:
                return candidate
        if media == "*/*" or (
            media.endswith("/*") and formats[0].media_type.startswith(media[:-1])
        ):
            return formats[0]
    offered = ", ".join(f.media_type for f in formats)
    raise ProtocolError(406, f"Not Acceptable: this endpoint answers {form.upper()} with {offered}")


def check_query(
    query: str,
    held_graphs: Iterable[str],
    prefixes: Mapping[str, str] | None = None,
    parsed: Any = None,
) -> Judged:
    """Refuse a query that would write or reach beyond the store; return what its parse holds.

    Raises
    ------
    ProtocolError
        403 for an update; 400 for ``SERVICE`` (federated queries would make
        the server fetch from the network), for a ``FROM``, ``FROM NAMED`` or
        ``GRAPH`` graph the store does not hold, for a query nested too deep
        and for one that does not parse.
    """
    try:
        return judge_query(query, list(held_graphs), prefixes, parsed=parsed)
    except QueryError as exc:
        status = getattr(exc, "status", 400)
        label = {403: "Forbidden", 413: "Content Too Large"}.get(status, "Bad Request")
        raise ProtocolError(status, f"{label}: {exc}") from None


# ----------------------------------------------------------- writing results


class RowCapExceeded(ProtocolError):
    """The query has more results than the endpoint's row cap."""

    def __init__(self, cap: int):
        super().__init__(
            400,
            f"Bad Request: the query has more than {cap} results, the cap of this endpoint; "
            "add a LIMIT (and OFFSET to page through them)",
        )


class Cancelled(Exception):
    """The deadline passed while the results were being read; nobody waits for them."""


def _collect(items: Iterable, cap: int, cancel: threading.Event | None) -> list:
    collected = []
    for index, item in enumerate(items):
        if index >= cap:
            raise RowCapExceeded(cap)
        if cancel is not None and index % 64 == 0 and cancel.is_set():
            raise Cancelled()
        collected.append(item)
    return collected


def serialize_results(
    results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    fmt: ResultFormat,
    *,
    max_rows: int,
    prefixes: Mapping[str, str] | None = None,
    cancel: threading.Event | None = None,
) -> bytes:
    """Write query results in ``fmt``, refusing more than ``max_rows`` solutions or triples.

    Every result is read before a byte is written, so an error (the row cap,
    a failure during evaluation, ``cancel`` being set) is never half-way
    through a response. pyoxigraph writes the solutions as SPARQL TSV (one
    line a solution, its cells terms in N-Triples syntax) into a writer that
    counts them and stops past the cap; the TSV is handed back to
    pyoxigraph's serializer for the format asked for.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("a\\tb")))
    >>> text = serialize_results(store.query("SELECT ?o { ?s ?p ?o }"), SELECT_FORMATS[2], max_rows=5)
    >>> text.decode().splitlines()
    ['o', 'a\\tb']
    """
    if isinstance(results, ox.QueryBoolean):
        if fmt.results is None:
            raise ProtocolError(406, "Not Acceptable: ASK answers are written as SPARQL results")
        return results.serialize(format=fmt.results) or b""
    if isinstance(results, ox.QueryTriples):
        triples = _collect(results, max_rows, cancel)
        return ox.serialize(triples, format=fmt.rdf, prefixes=dict(prefixes or {})) or b""
    # pyoxigraph writes the solutions as SPARQL TSV (one line a solution, terms in N-Triples
    # syntax) into a writer that counts the lines and stops at the cap; the TSV is then
    # handed back to pyoxigraph's serializer for the format asked for.
    writer = _CountingWriter(max_rows + 1, cancel)  # the header line, then the solutions
    try:
        results.serialize(writer, ox.QueryResultsFormat.TSV)
    except (OSError, RuntimeError, ValueError):
        if writer.stopped is None:
            raise
    # The reason is a word, not an exception kept on the writer: no exception refers to a
    # frame that refers back to it, so nothing here outlives this call in a reference cycle.
    if writer.stopped == "cap":
        raise RowCapExceeded(max_rows)
    if writer.stopped == "cancel":
        raise Cancelled()
    tsv = writer.getvalue()
    if fmt.results == ox.QueryResultsFormat.TSV:
        return tsv
    reparsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    return reparsed.serialize(format=fmt.results) or b""


class _CountingWriter(io.BytesIO):
    """A buffer that stops taking bytes after ``lines`` lines (or once ``cancel`` is set)."""

    def __init__(self, lines: int, cancel: threading.Event | None):
        super().__init__()
        self.limit = lines
        self.lines = 0
        self.cancel = cancel
        self.stopped: str | None = None  # "cap" or "cancel"

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.lines += chunk.count(b"\n")
        if self.lines > self.limit:
            self.stopped = "cap"
        elif self.cancel is not None and self.cancel.is_set():
            self.stopped = "cancel"
        if self.stopped is not None:
            raise OSError(f"stopped ({self.stopped})")
        return super().write(chunk)
