"""Judging a query kg did not write, on its parsed form, before any engine sees it.

Two steps, in this order:

1. :func:`nesting_depth` counts how deeply the text nests brackets, in one
   linear pass that steps over strings, IRIs, comments and escaped
   characters of prefixed names (``ex:a\\#``). A query nested deeper than
   :data:`MAX_DEPTH` is refused before any parser runs: SPARQL parsers
   recurse once per level, and Oxigraph's overflows its stack (the process
   dies) at a few thousand.
2. :func:`judge_query` parses the text with rdflib's SPARQL 1.1 parser (a
   complete grammar: ``\\u`` escapes expanded first, as the standard says,
   then every terminal, ``PN_LOCAL_ESC`` included) and walks the parse
   tree. It refuses every update (``LOAD`` included), a ``SERVICE`` whose
   endpoint is not allowed (a variable endpoint never is), and a ``FROM``,
   ``FROM NAMED`` or ``GRAPH`` IRI the dataset does not hold.

The verdict is the parser's, never a text pattern's: a keyword inside a
string, an IRI, a comment or a prefixed name is a keyword only where the
grammar says so. Text rdflib's parser does not take is refused, even when
Oxigraph would run it (SPARQL-star's ``<<`` ``>>`` for one): refusing is the
safe side of a disagreement between two parsers. Parsing costs about 30 ms
for one of the cookbook's queries, so verdicts are kept for the last
:data:`CACHED` texts.

This is the first wall. The second is that queries run in a process that
has no network at all (:mod:`kg.outputs.isolation`).

>>> judge_query("SELECT * { ?s ?p ?o }", held_graphs=()).form
'select'
>>> judge_query(r"PREFIX e: <http://e/> SELECT * { ?s e:a\\' ?o . SERVICE <http://x/> { } }", held_graphs=())
Traceback (most recent call last):
...
kg.errors.QueryRefused: the query uses SERVICE <http://x/>, which would fetch data over the network; remove the SERVICE clause, or allow that endpoint with allow_service=URL
"""

from __future__ import annotations

import functools
import queue
import sys
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.errors import Phrase, QueryError, QueryRefused, QueryTooLarge, QueryUpdate

__all__ = [
    "MAX_DEPTH",
    "CACHED",
    "Judged",
    "nesting_depth",
    "check_size",
    "judge_query",
    "start_parser",
    "parsed_facts",
]

#: Brackets (``(``, ``[``, ``{``) a query may nest; deeper is refused before parsing.
MAX_DEPTH = 64
#: Query texts whose parse is remembered (per process).
CACHED = 512
# The parser recurses a few dozen Python frames per level of nesting: it runs in
# a thread of its own with a stack big enough for MAX_DEPTH levels and more, under
# a recursion limit raised once, here (changing it while other threads compile
# code breaks their compilation, so it is never changed back and forth).
_PARSER_STACK = 256 * 1024 * 1024
_PARSER_FRAMES = 10_000
if sys.getrecursionlimit() < _PARSER_FRAMES:
    sys.setrecursionlimit(_PARSER_FRAMES)
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Judged:
    """What the parse of a query found: its form, the endpoints and graphs it names.

    ``services`` holds each ``SERVICE`` endpoint's IRI (``?name`` for a
    variable), ``graphs`` each IRI of ``FROM``, ``FROM NAMED`` and ``GRAPH``.
    """

    form: str
    services: tuple[str, ...]
    graphs: tuple[str, ...]


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``(``, ``[`` and ``{`` in ``text``, outside strings, IRIs and comments.

    One pass, linear in the text's length. A backslash outside a string
    escapes the next character (a prefixed name's ``\\#`` is not a comment,
    ``\\'`` opens no string). An ``<`` that does not open an IRI (a
    comparison) is passed over. The count is for bounding work: it may
    differ from the grammar's by a level where text is malformed, and the
    parser has the last word.

    >>> nesting_depth("SELECT * { FILTER((1)) }")
    3
    >>> nesting_depth(r'ASK { ?s ?p "((((" . ?s <http://e/(> ex:a\\' }')
    1
    >>> nesting_depth(r'ASK { ?s ex:a\\# ( 1 ) }')
    2
    """
    depth = deepest = 0
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == "\\":
            index += 1  # the escaped character is part of a name
        elif char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end
        elif char == "<":
            end = index + 1
            while end < size and text[end] not in '<>"{}|^`\\' and text[end] > " ":
                end += 1
            if end < size and text[end] == ">":
                index = end
        elif char in "\"'":
            long = text.startswith(char * 3, index)
            quote = char * 3 if long else char
            end = index + len(quote)
            while end < size:
                if text[end] == "\\":
                    end += 2
                    continue
                if text.startswith(quote, end) or (not long and text[end] in "\r\n"):
                    break
                end += 1
            index = end + len(quote) - 1
        index += 1
    return deepest


def check_size(text: str, max_length: int | None = None, max_depth: int = MAX_DEPTH) -> None:
    """Refuse a query longer than ``max_length`` characters or nested deeper than ``max_depth``.

    Raises
    ------
    QueryTooLarge
        Its ``status`` is 413 for the length, 400 for the depth.

    >>> check_size("SELECT * {" * 2 + "}" * 2, max_depth=1)
    Traceback (most recent call last):
    ...
    kg.errors.QueryTooLarge: the query nests brackets 2 deep, over the limit of 1; write it flatter (a chain of patterns, not nested groups)
    """
    if max_length is not None and len(text) > max_length:
        raise QueryTooLarge(
            f"the query has {len(text)} characters, over the limit of {max_length}",
            Phrase("shorten it (bind values with {bindings} rather than listing them)"),
            status=413,
        )
    depth = nesting_depth(text)
    if depth > max_depth:
        raise QueryTooLarge(
            f"the query nests brackets {depth} deep, over the limit of {max_depth}",
            "write it flatter (a chain of patterns, not nested groups)",
        )


def _parse(text: str) -> tuple[str, Any, Any]:
    """``("query", prologue, query)``, ``("update", None, None)`` or ``("error", message, None)``."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
        return ("query", parsed[0], parsed[1])
    except (ParseBaseException, RecursionError, ValueError, TypeError) as exc:
        failure = exc
    try:
        parseUpdate(text)
        return ("update", None, None)
    except (ParseBaseException, RecursionError, ValueError, TypeError):
        pass
    if isinstance(failure, RecursionError):
        return ("error", "it nests too deeply for the parser", None)
    return ("error", " ".join(str(failure).split()), None)


class _ParserThread:
    """One long-lived thread with a big stack that runs every parse of this process.

    Started once (a worker starts it before it caps its memory, so the
    stack's reservation is counted in before the cap), then fed texts
    through a queue.
    """

    def __init__(self) -> None:
        self.jobs: queue.Queue[tuple[str, queue.Queue]] = queue.Queue()
        previous = threading.stack_size()
        try:
            threading.stack_size(_PARSER_STACK)
            self.thread = threading.Thread(target=self._serve, name="kg-parse", daemon=True)
            self.thread.start()
        finally:
            threading.stack_size(previous)

    def _serve(self) -> None:
        while True:
            text, reply = self.jobs.get()
            try:
                reply.put(_parse(text))
            except BaseException as exc:  # noqa: BLE001 - reported to the caller, never lost
                reply.put(("error", f"the parser failed ({type(exc).__name__})", None))

    def parse(self, text: str) -> tuple[str, Any, Any]:
        reply: queue.Queue = queue.Queue(maxsize=1)
        self.jobs.put((text, reply))
        return reply.get()


_PARSER: _ParserThread | None = None


def start_parser() -> None:
    """Start this process's parser thread now (it starts at the first parse otherwise)."""
    global _PARSER
    with _PARSE_LOCK:
        if _PARSER is None:
            _PARSER = _ParserThread()


def _parse_deep(text: str) -> tuple[str, Any, Any]:
    """:func:`_parse` in the parser thread, whose stack has room for :data:`MAX_DEPTH` levels."""
    start_parser()
    assert _PARSER is not None
    return _PARSER.parse(text)


@functools.lru_cache(maxsize=CACHED)
def _facts(text: str, prefixes: tuple[tuple[str, str], ...]) -> tuple[str, ...] | str:
    """The form, services and graphs of a parsed query, flattened; or why it is refused."""
    kind, prologue_tree, query = _parse_deep(text)  # one at a time, in the parser thread
    if kind == "update":
        return "update"
    if kind == "error":
        return "error:" + prologue_tree
    from rdflib.plugins.sparql.algebra import translatePrologue

    try:
        prologue = translatePrologue(prologue_tree, None, dict(prefixes))
    except Exception as exc:  # noqa: BLE001 - rdflib raises bare Exception for bad prefixes
        return "error:" + " ".join(str(exc).split())
    services: list[str] = []
    graphs: list[str] = []
    for node in _nodes(query):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            services.append(_iri(prologue, node["term"]))
        elif name == "GraphGraphPattern":
            term = node["term"]
            if not _is_variable(term):
                graphs.append(_iri(prologue, term))
        elif name == "DatasetClause":
            for key in ("default", "named"):
                if key in node:  # CompValue.get answers the key itself when it is missing
                    graphs.append(_iri(prologue, node[key]))
    form = query.name.removesuffix("Query").lower()
    return (form, str(len(services)), *services, *graphs)


def parsed_facts(text: str, prefixes: Mapping[str, str] | None = None) -> tuple[str, ...] | str:
    """What the parse of ``text`` found, as plain strings (kept for the last :data:`CACHED` texts).

    ``"update"``, ``"error:MESSAGE"``, or the form, the number of
    ``SERVICE`` endpoints, the endpoints, then the graph IRIs.
    """
    return _facts(text, tuple(sorted((prefixes or {}).items())))


def _is_variable(term: Any) -> bool:
    from rdflib.term import Variable

    return isinstance(term, Variable)


def _iri(prologue: Any, term: Any) -> str:
    """A parsed ``VarOrIri`` as text: the absolute IRI, or ``?name`` for a variable."""
    if _is_variable(term):
        return "?" + str(term)
    try:
        return str(prologue.absolutize(term))
    except Exception:  # noqa: BLE001 - an undeclared prefix: rdflib raises bare Exception
        return "?unresolved"


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of a parse tree, depth first, without recursion (the tree may be deep)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)


def judge_query(
    text: str,
    held_graphs: Collection[str] | None,
    prefixes: Mapping[str, str] | None = None,
    allow_service: Collection[str] = (),
    *,
    max_depth: int = MAX_DEPTH,
    parsed: Sequence[str] | str | None = None,
) -> Judged:
    """Parse ``text`` and refuse it unless it only reads the dataset; return what it holds.

    Parameters
    ----------
    text : str
        The query, as the engine will receive it.
    held_graphs : collection of str, optional
        The IRIs of the dataset's named graphs; ``FROM``, ``FROM NAMED`` and
        ``GRAPH`` may name only these. ``None`` (a remote server's dataset,
        which kg does not know) checks neither graphs nor ``SERVICE``: that
        server decides what it fetches.
    prefixes : mapping, optional
        Prefixes the engine declares for the query (kg's, :data:`kg.vocab.PREFIXES`).
    allow_service : collection of str
        Endpoints a ``SERVICE`` may call, each named exactly.
    max_depth : int
        See :func:`check_size`, which runs first.
    parsed : optional
        What :func:`parsed_facts` returned for this very text and these
        prefixes in another process (the server hands it on, so that each
        worker does not parse again a text another one has parsed).

    Raises
    ------
    QueryTooLarge
        Nested deeper than ``max_depth``.
    QueryUpdate
        The text is a SPARQL update.
    QueryRefused
        ``SERVICE`` to an endpoint not allowed, or a graph the dataset lacks.
    QueryError
        The text does not parse.

    >>> judge_query("ASK FROM <http://e/g> { }", held_graphs=["http://e/g"]).graphs
    ('http://e/g',)
    """
    check_size(text, max_depth=max_depth)
    facts = parsed_facts(text, prefixes) if parsed is None else parsed
    if not isinstance(facts, str):
        facts = tuple(facts)
    if facts == "update":
        raise QueryUpdate(
            "the text is a SPARQL update (LOAD, INSERT, DELETE, CLEAR, DROP, CREATE, ...) "
            "and queries are read-only",
            "give a SELECT, ASK, CONSTRUCT or DESCRIBE query",
        )
    if isinstance(facts, str):
        raise QueryError(
            f"the query does not parse: {facts.removeprefix('error:')}",
            "kg reads queries with rdflib's SPARQL 1.1 parser before running them; "
            "fix the text there",
        )
    form, count, rest = facts[0], int(facts[1]), facts[2:]
    services, graphs = rest[:count], rest[count:]
    if held_graphs is None:
        return Judged(form, tuple(services), tuple(graphs))
    allowed = set(allow_service)
    for service in services:
        if service not in allowed or service.startswith("?"):
            shown = service if service.startswith("?") else f"<{service}>"
            raise QueryRefused(
                f"the query uses SERVICE {shown}, which would fetch data over the network",
                Phrase(
                    "remove the SERVICE clause, or allow that endpoint with {allow_service:URL}"
                ),
            )
    held = set(held_graphs)
    for graph in graphs:
        if graph not in held:
            raise QueryRefused(
                f"the dataset holds no graph <{graph}>",
                "FROM, FROM NAMED and GRAPH may only name the dataset's graphs; kg loads no other",
            )
    return Judged(form, tuple(services), tuple(graphs))
