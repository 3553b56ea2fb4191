"""The SPARQL 1.1 Protocol rules the endpoint applies before and after running a query.

Three questions are answered here, without any HTTP machinery so that they
can be tested on their own:

* which media type to answer with (:func:`negotiate`), from the ``Accept``
  header and the kind of query;
* whether a query may run at all (:func:`check_query`): a ``SERVICE`` call
  or a ``FROM``/``FROM NAMED`` graph that the store does not hold is refused,
  so the server never reaches the network;
* how to turn what pyoxigraph returns into bytes (:func:`serialize_results`),
  with the row cap applied before anything is written.

>>> negotiate("application/sparql-results+xml;q=0.9, text/csv", "select").media_type
'text/csv'
>>> negotiate("*/*", "construct").media_type
'text/turtle'
>>> scan_query("SELECT * FROM <http://a/g> { ?s ?p ?o }").from_graphs
('http://a/g',)
>>> scan_query('SELECT * { ?s ?p "SERVICE <http://x/>" }').service
False
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = [
    "ResultFormat",
    "SELECT_FORMATS",
    "GRAPH_FORMATS",
    "ProtocolError",
    "QueryScan",
    "scan_query",
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


# ----------------------------------------------------------- looking at a query

# Strings, IRIs and comments are blanked out before keywords are looked for, so
# that "SERVICE" inside a literal or an IRI is not mistaken for the keyword.
_TOKEN = re.compile(
    r'(?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\')'
    r'|(?P<string>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<comment>#[^\n]*)",
    re.S,
)
_KEYWORD = r"(?<![\w?$:.-]){}(?![\w:-])"
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.I)
_FROM = re.compile(r"(?<![\w?$:.-])FROM\s+(?:NAMED\s+)?(\S+)", re.I)
_PREFIX = re.compile(r"(?<![\w?$:.-])PREFIX\s+([\w.-]*):\s*(\S+)", re.I)
_FORM = re.compile(_KEYWORD.format("(SELECT|ASK|CONSTRUCT|DESCRIBE)"), re.I)
_UPDATE = re.compile(
    _KEYWORD.format("(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)"), re.I
)
_IRI_MARK = "\x00{}\x00"


@dataclass(frozen=True)
class QueryScan:
    """What :func:`scan_query` found in a query's text."""

    form: str | None
    service: bool
    from_graphs: tuple[str, ...]
    looks_like_update: bool


def scan_query(query: str, prefixes: Mapping[str, str] | None = None) -> QueryScan:
    """Find a query's form, any ``SERVICE`` keyword and the graphs of its ``FROM`` clauses.

    Prefixed names in ``FROM`` are expanded with the query's own ``PREFIX``
    declarations, then ``prefixes``.

    >>> scan_query("PREFIX e: <http://e/> ASK FROM NAMED e:g { }").from_graphs
    ('http://e/g',)
    >>> scan_query("SELECT ?service { ?s <http://e/SERVICE> ?service }").service
    False
    >>> scan_query("select * { service <http://e/sparql> { ?s ?p ?o } }").service
    True
    """
    iris: list[str] = []

    def blank(match: re.Match[str]) -> str:
        if match.group("iri"):
            iris.append(match.group("iri")[1:-1])
            return " " + _IRI_MARK.format(len(iris) - 1) + " "
        return " \x01 " if match.group("long") or match.group("string") else " "

    text = _TOKEN.sub(blank, query)

    def resolve(token: str, declared: Mapping[str, str]) -> str:
        found = re.fullmatch("\x00(\\d+)\x00", token)
        if found:
            return iris[int(found.group(1))]
        name, sep, local = token.partition(":")
        if sep and name in declared:
            return declared[name] + local
        return token

    declared = dict(prefixes or {})
    for name, target in _PREFIX.findall(text):
        declared[name] = resolve(target, {})
    graphs = tuple(resolve(token, declared) for token in _FROM.findall(text))
    form = _FORM.search(text)
    return QueryScan(
        form=form.group(1).lower() if form else None,
        service=bool(_SERVICE.search(text)),
        from_graphs=graphs,
        looks_like_update=bool(_UPDATE.search(text)) and form is None,
    )


def declare_prefixes(query: str, prefixes: Mapping[str, str] | None = None) -> str:
    """``query`` with a ``PREFIX`` line for each of kg's prefixes it uses without declaring.

    Servers other than kg's know none of kg's prefixes; with them declared
    the query means the same everywhere.

    >>> print(declare_prefixes("SELECT ?f { ?f a ck:Factor }"))
    PREFIX ck: <https://w3id.org/briefkg/ontology#>
    SELECT ?f { ?f a ck:Factor }
    """
    from kg.vocab import PREFIXES

    table = PREFIXES if prefixes is None else prefixes
    text = _TOKEN.sub(" ", query)
    declared = {name for name, _target in _PREFIX.findall(text)}
    lines = [
        f"PREFIX {name}: <{iri}>"
        for name, iri in table.items()
        if name not in declared and re.search(rf"(?<![\w?$:.-]){re.escape(name)}:", text)
    ]
    return "\n".join([*lines, query])


def query_form(query: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``; ``None`` when none is found.

    >>> query_form("PREFIX e: <http://e/> construct { ?s ?p ?o } where { ?s ?p ?o }")
    'construct'
    """
    return scan_query(query).form


def check_query(
    query: str, held_graphs: Iterable[str], prefixes: Mapping[str, str] | None = None
) -> QueryScan:
    """Refuse a query that would reach beyond the store; return what was found in it.

    Raises
    ------
    ProtocolError
        400 for ``SERVICE`` (federated queries would make the server fetch
        from the network) and for a ``FROM``/``FROM NAMED`` graph the store
        does not hold.
    """
    scan = scan_query(query, prefixes)
    if scan.service:
        raise ProtocolError(
            400, "Bad Request: SERVICE is not allowed; this endpoint never fetches remote data"
        )
    held = set(held_graphs)
    for graph in scan.from_graphs:
        if graph not in held:
            raise ProtocolError(
                400,
                f"Bad Request: the store holds no graph <{graph}>; FROM may only name the store's graphs",
            )
    return scan


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


def _tsv_cell(term: object) -> str:
    return "" if term is None else str(term)


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
    through a response. Solutions are read, counted, written as SPARQL TSV
    (whose cells are terms in N-Triples syntax, as pyoxigraph prints them)
    and handed back to pyoxigraph's serializer for the format asked for.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("a\\tb")))
    >>> text = serialize_results(store.query("SELECT ?o { ?s ?p ?o }"), SELECT_FORMATS[2], max_rows=5)
    >>> text.decode().splitlines()
    ['o', 'a\\tb']
    """
    if isinstance(results, ox.QueryBoolean):
        if fmt.results is None:
            raise ProtocolError(406, "Not Acceptable: ASK answers are written as SPARQL results")
        return results.serialize(format=fmt.results)
    if isinstance(results, ox.QueryTriples):
        triples = _collect(results, max_rows, cancel)
        return ox.serialize(triples, format=fmt.rdf, prefixes=dict(prefixes or {})) or b""
    variables = [v.value for v in results.variables]
    rows = _collect(results, max_rows, cancel)
    lines = ["\t".join("?" + v for v in variables)]
    for solution in rows:
        lines.append("\t".join(_tsv_cell(solution[v]) for v in variables))
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    reparsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    return reparsed.serialize(format=fmt.results)
