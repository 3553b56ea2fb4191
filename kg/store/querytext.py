"""Looking at a SPARQL query's text without running it: its form, SERVICE, FROM graphs, prefixes.

Strings, IRIs and comments are blanked out (:data:`QUOTED`) before keywords
are looked for, so that ``SERVICE`` inside a literal or an IRI is not taken
for the keyword. Used wherever kg handles a query it did not write: the
endpoint, the remote store and ``kg query``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

__all__ = [
    "QUOTED",
    "QueryScan",
    "scan_query",
    "declare_prefixes",
    "query_form",
    "take_placeholders",
    "EVERY_GRAPH",
    "BIND_ME",
]


#: Long strings, strings, IRIs and comments of a query's text.
QUOTED = re.compile(
    r'(?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\')'
    r'|(?P<string>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<comment>#[^\n]*)",
    re.S,
)
_KEYWORD = r"(?<![\w?$:.-]){}(?![\w:-])"
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.I)
_SERVICE_TARGET = re.compile(r"(?<![\w?$:.-])SERVICE\s+(?:SILENT\s+)?(\S+)", re.I)
_FROM = re.compile(r"(?<![\w?$:.-])FROM\s+(?:NAMED\s+)?(\S+)", re.I)
_PREFIX = re.compile(r"(?<![\w?$:.-])PREFIX\s+([\w.-]*):\s*(\S+)", re.I)
_FORM = re.compile(_KEYWORD.format("(SELECT|ASK|CONSTRUCT|DESCRIBE)"), re.I)
_UPDATE = re.compile(
    _KEYWORD.format("(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)"), re.I
)
_IRI_MARK = "\x00{}\x00"
#: The graph a cookbook query names in ``FROM`` to read the merge of every graph.
EVERY_GRAPH = "urn:kg:every-graph"
#: The value a cookbook query's ``VALUES`` block holds for a variable that must be bound.
BIND_ME = "urn:kg:bind-me"
_PLACEHOLDER = re.compile(
    r"(?<![\w?$:.-])VALUES\s*[?$](?P<var>[A-Za-z_][A-Za-z0-9_]*)\s*\{\s*"
    rf"(?P<value><{re.escape(BIND_ME)}>|UNDEF)\s*\}}"
    rf"|(?<![\w?$:.-])FROM\s*<{re.escape(EVERY_GRAPH)}>",
    re.I,
)


@dataclass(frozen=True)
class QueryScan:
    """What :func:`scan_query` found in a query's text."""

    form: str | None
    service: bool
    from_graphs: tuple[str, ...]
    looks_like_update: bool
    #: The endpoint of each ``SERVICE`` clause (a variable stays as written, ``?name``).
    services: tuple[str, ...] = ()


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
    >>> scan_query("SELECT * { SERVICE SILENT <http://e/q> { ?s ?p ?o } }").services
    ('http://e/q',)
    """
    iris: list[str] = []

    def blank(match: re.Match[str]) -> str:
        if match.group("iri"):
            iris.append(match.group("iri")[1:-1])
            return " " + _IRI_MARK.format(len(iris) - 1) + " "
        return " \x01 " if match.group("long") or match.group("string") else " "

    text = QUOTED.sub(blank, query)

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
        services=tuple(resolve(token, declared) for token in _SERVICE_TARGET.findall(text)),
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
    text = QUOTED.sub(" ", query)
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


def _masked(query: str) -> str:
    """``query`` with its strings and comments blanked, same length, IRIs kept."""

    def blank(match: re.Match[str]) -> str:
        return match.group(0) if match.group("iri") else " " * len(match.group(0))

    return QUOTED.sub(blank, query)


def take_placeholders(
    query: str, *, values: bool | Collection[str] = True
) -> tuple[str, frozenset[str]]:
    """``query`` without the cookbook's placeholders, and the variables that must be bound.

    Drops ``FROM <urn:kg:every-graph>`` (kg's default graph is the union of
    every graph) and the ``VALUES ?var { <urn:kg:bind-me> }`` and ``VALUES
    ?var { UNDEF }`` blocks: all of them, none (``values=False``) or those of
    the variables named in ``values``. Returns the variables whose block holds
    :data:`BIND_ME`. Text inside strings and comments is left alone. The
    endpoint keeps the ``VALUES`` blocks: a client there binds by editing
    them, and one left as it is matches nothing.

    >>> text, required = take_placeholders(
    ...     "SELECT ?f FROM <urn:kg:every-graph> { VALUES ?f { <urn:kg:bind-me> } ?f ?p ?o }")
    >>> " ".join(text.split()), sorted(required)
    ('SELECT ?f { ?f ?p ?o }', ['f'])
    """
    kept, required, start = [], set(), 0
    for match in _PLACEHOLDER.finditer(_masked(query)):
        variable, value = match.group("var"), match.group("value")
        if value and value.upper() != "UNDEF":
            required.add(variable)
        if variable and (values is False or (values is not True and variable not in values)):
            continue
        kept.append(query[start : match.start()])
        start = match.end()
    kept.append(query[start:])
    return "".join(kept), frozenset(required)
