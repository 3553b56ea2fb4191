"""Editing a SPARQL query's text: its form, the prefixes it lacks, the cookbook's placeholders.

Strings, IRIs and comments are blanked out (:data:`QUOTED`) before keywords
are looked for. These are conveniences on text kg is about to send (the
form chooses the ``Accept`` header, prefixes are declared for other
servers); what a query may do (``SERVICE``, foreign graphs, updates) is
never decided here but on its parse, by :mod:`kg.store.querycheck`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

__all__ = [
    "QUOTED",
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
_PREFIX = re.compile(r"(?<![\w?$:.-])PREFIX\s+([\w.-]*):\s*(\S+)", re.I)
_FORM = re.compile(_KEYWORD.format("(SELECT|ASK|CONSTRUCT|DESCRIBE)"), re.I)
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
    form = _FORM.search(QUOTED.sub(" ", query))
    return form.group(1).lower() if form else None


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
