"""SPARQL 1.1 over a built dataset, and the cookbook of ready-made queries.

Queries run on Oxigraph. They see the union of the named graphs as their
default graph and may use the prefixes kg binds (``ck:``, ``factor:``,
``brief:``, ``skos:``, ``dcterms:`` ...) without declaring them. Values given
for a query's variables are bound as RDF terms (pyoxigraph's substitutions),
never pasted into the query text, so text from briefs or users cannot change
a query. Updates are refused.

>>> 'upstream-of' in [q.name for q in cookbook()]
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from rapidfuzz import process

from kg.errors import InvalidParameter, QueryError, UnknownBrief
from kg.io.tables import text_table
from kg.names import FactorName, resolve_factor
from kg.outputs.formats import RESULT_FORMATS
from kg.resources import cookbook_dir
from kg.store.querytext import scan_query
from kg.store.remote import RemoteStore
from kg.vocab import MODALITIES, PREFIXES, SIGNS, local_id

__all__ = [
    "RESULT_FORMATS",
    "CookbookQuery",
    "QueryResult",
    "cookbook",
    "find_query",
    "bind_values",
    "oxigraph_store",
    "select",
    "run_query",
    "format_result",
]

#: Kinds of cookbook parameter and how their values are read.
PARAMETER_KINDS = ("factor", "brief", "modality", "sign", "iri", "text")
_HEADER = re.compile(r"^#\s*(title|param):\s*(.*)$")
_UPDATE = re.compile(
    r"^\s*((PREFIX|BASE)[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)
_CK = PREFIXES["ck"]


@dataclass(frozen=True)
class CookbookQuery:
    """A ready-made query shipped with kg (``kg/outputs/cookbook/NAME.rq``).

    ``params`` maps each variable the query can take from ``--bind`` to its
    kind: a factor name, a brief id, a modality, a sign, an IRI or text.
    """

    name: str
    title: str
    text: str
    params: dict[str, str] = field(default_factory=dict)
    param_help: dict[str, str] = field(default_factory=dict)


def _read_cookbook_file(path: Path) -> CookbookQuery:
    text = path.read_text(encoding="utf-8")
    title, params, helps = path.stem, {}, {}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "title":
            title = value.strip()
        else:
            name, kind, *rest = value.split(None, 2)
            params[name] = kind
            helps[name] = rest[0] if rest else ""
    return CookbookQuery(path.stem, title, text, params, helps)


def cookbook() -> list[CookbookQuery]:
    """Every query of the cookbook, sorted by name."""
    return [_read_cookbook_file(p) for p in sorted(cookbook_dir().glob("*.rq"))]


def find_query(name_or_text: str) -> tuple[str, Mapping[str, str]]:
    """Resolve what a user passed to ``kg query``: a cookbook name, a ``.rq`` file or text.

    Returns the query text and the kinds of its parameters (empty unless a
    cookbook query).
    """
    for query in cookbook():
        if query.name == name_or_text:
            return query.text, query.params
    candidate = Path(name_or_text)
    if name_or_text.endswith(".rq") or (
        len(name_or_text) < 256
        and "\n" not in name_or_text
        and candidate.suffix
        and candidate.is_file()
    ):
        try:
            return candidate.read_text(encoding="utf-8"), {}
        except FileNotFoundError:
            raise QueryError(f"{name_or_text}: no such query file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{name_or_text}: cannot be read ({exc})") from None
    if re.fullmatch(r"[a-z0-9-]+", name_or_text):
        names = ", ".join(q.name for q in cookbook())
        raise QueryError(f"{name_or_text!r} is not a cookbook query; known: {names}")
    return name_or_text, {}


def oxigraph_store(source: Any) -> ox.Store:
    """The :class:`pyoxigraph.Store` behind ``source``.

    ``source`` is a :class:`kg.store.Store`, a :class:`pyoxigraph.Store`, or an
    rdflib dataset (copied into an in-memory store: fine for a brief, slow
    for a corpus).
    """
    if isinstance(source, ox.Store):
        return source
    inner = getattr(source, "oxigraph", None)
    if isinstance(inner, ox.Store):
        return inner
    from kg.rdf.writers import rdflib_quads

    store = ox.Store()
    store.bulk_extend(rdflib_quads(source))
    return store


def _execute(store: ox.Store | RemoteStore, query: str, bound: Mapping[str, Any]) -> Any:
    """Run ``query`` with kg's prefixes and the union default graph, locally or on a server."""
    if isinstance(store, RemoteStore):
        return store.query(query, bindings=bound)
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
    substitutions = {ox.Variable(k): v for k, v in bound.items()}
    return store.query(
        query, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
    )


def select(store: ox.Store | RemoteStore, query: str, **bound: ox.NamedNode) -> list[Any]:
    """The solutions of a query of kg's own (kg's prefixes, union default graph)."""
    return list(cast(ox.QuerySolutions, _execute(store, query, bound)))  # kg's own are SELECTs


def _factor_names(store: ox.Store | RemoteStore) -> list[FactorName]:
    rows = select(
        store,
        "SELECT ?f ?label ?alt WHERE { ?f a ck:Factor ; skos:prefLabel ?label . "
        "OPTIONAL { ?f skos:altLabel ?alt } }",
    )
    labels: dict[str, str] = {}
    alts: dict[str, set[str]] = {}
    for row in rows:
        iri = row["f"].value
        labels[iri] = row["label"].value
        alts.setdefault(iri, set())
        if row["alt"] is not None:
            alts[iri].add(row["alt"].value)
    return [FactorName(i, labels[i], tuple(sorted(alts[i]))) for i in sorted(labels)]


def _brief(store: ox.Store | RemoteStore, value: str) -> ox.NamedNode:
    briefs = sorted(row["b"].value for row in select(store, "SELECT ?b WHERE { ?b a ck:Brief }"))
    wanted = value.strip().strip("<>")
    for iri in briefs:
        if wanted in (iri, local_id(iri)):
            return ox.NamedNode(iri)
    raise UnknownBrief(value, [local_id(i) for i in briefs])


def bind_values(
    source: Any, values: Mapping[str, str], kinds: Mapping[str, str]
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Turn ``VAR=VALUE`` pairs into RDF terms according to each variable's kind.

    Without a declared kind, ``<...>`` is an IRI and anything else a plain literal.
    """
    store = source if isinstance(source, RemoteStore) else oxigraph_store(source)
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for var, value in values.items():
        kind = kinds.get(var)
        stripped = value.strip()
        if kind is None:
            is_iri = stripped.startswith("<") and stripped.endswith(">")
            bound[var] = _iri(var, stripped[1:-1]) if is_iri else ox.Literal(value)
        elif kind == "factor":
            factor = ox.NamedNode(resolve_factor(value, _factor_names(store)).iri)
            heads = select(store, "SELECT ?f ?head WHERE { ?f ck:mergedInto ?head }", f=factor)
            bound[var] = heads[0]["head"] if heads else factor
        elif kind == "brief":
            bound[var] = _brief(store, value)
        elif kind in ("modality", "sign"):
            words = MODALITIES if kind == "modality" else SIGNS
            key = stripped.casefold()
            if key not in words:
                raise QueryError(
                    f"{var}={value!r} is not a {kind}", f"use one of {', '.join(words)}"
                )
            term = (
                key.capitalize()
                if kind == "modality"
                else {"increases": "Increase", "decreases": "Decrease"}[key]
            )
            bound[var] = ox.NamedNode(_CK + term)
        elif kind == "iri":
            bound[var] = _iri(var, stripped.strip("<>"))
        else:
            bound[var] = ox.Literal(value)
    return bound


def _iri(var: str, text: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(text)
    except ValueError as exc:
        raise QueryError(
            f"{var}={text!r} is not an IRI ({_one_line(exc)})",
            "write a full IRI, e.g. <https://...>",
        ) from None


@dataclass
class QueryResult:
    """What a query gave: its form and, for SELECT, the variables; read once by :func:`format_result`.

    ``kind`` is ``"SELECT"``, ``"ASK"`` or ``"GRAPH"`` (CONSTRUCT and DESCRIBE).
    """

    kind: str
    raw: Any
    variables: list[str] = field(default_factory=list)

    @property
    def boolean(self) -> bool:
        """The answer of an ASK query."""
        return bool(self.raw)

    def __iter__(self) -> Any:
        return iter(self.rows())

    def rows(self) -> list[list[Any]]:
        """The solutions of a SELECT query, each a list of terms (None where unbound)."""
        try:
            return [[row[v] for v in self.variables] for row in self.raw]
        except (OSError, ValueError, RuntimeError) as exc:  # raised while evaluating
            raise QueryError(f"the query failed: {_one_line(exc)}") from None


def run_query(
    source: Any,
    query: str,
    bindings: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE).

    Parameters
    ----------
    source : kg.store.Store, pyoxigraph.Store or rdflib.Dataset
        The dataset (see :attr:`kg.Project.dataset`).
    query : str
        The query text.
    bindings : mapping, optional
        ``{variable: value}`` to bind before running; see :func:`bind_values`.
    kinds : mapping, optional
        The kind of each bindable variable (for cookbook queries).

    Raises
    ------
    QueryError
        The query does not parse, is an update, or names an unknown prefix.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> run_query(store, "ASK { ?s ck:cause ?o }").boolean
    False
    """
    if _UPDATE.match(query):
        raise QueryError("kg query runs read-only queries", "updates are not allowed")
    _check_bound_names(query, bindings or {}, kinds or {})
    store = source if isinstance(source, RemoteStore) else oxigraph_store(source)
    if isinstance(store, ox.Store):
        _stay_inside(store, query)
    initial = bind_values(store, bindings or {}, kinds or {})
    try:
        raw = _execute(store, query, initial)
    except SyntaxError as exc:
        raise QueryError(f"the query does not parse: {_one_line(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        unprojected = re.search(r"does not contains? variable \?(\w+) in its SELECT", str(exc))
        if unprojected:
            raise QueryError(
                f"?{unprojected.group(1)} is bound but not in the SELECT clause",
                f"add ?{unprojected.group(1)} to SELECT (or use SELECT *): values are bound "
                "through the query's projection (SPARQL substitution)",
            ) from None
        raise QueryError(f"the query failed: {_one_line(exc)}") from None
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult("ASK", raw)
    if isinstance(raw, (ox.QueryTriples, list)):  # a server's triples come as a list
        return QueryResult("GRAPH", raw)
    return QueryResult("SELECT", raw, [v.value for v in raw.variables])


def _stay_inside(store: ox.Store, query: str) -> None:
    """Refuse what would make the query reach beyond the dataset: SERVICE, FROM graphs it lacks.

    Oxigraph would send a ``SERVICE`` clause over HTTP; kg never lets a query
    reach the network.
    """
    scan = scan_query(query, PREFIXES)
    if scan.service:
        raise QueryError(
            "the query uses SERVICE, which would fetch data over the network",
            "kg query answers from the dataset alone; remove the SERVICE clause",
        )
    held = {g.value for g in store.named_graphs()}
    for graph in scan.from_graphs:
        if graph not in held:
            raise QueryError(
                f"the dataset holds no graph <{graph}>",
                "FROM and FROM NAMED may only name the dataset's graphs; kg loads no other",
            )


def _check_bound_names(query: str, bindings: Mapping[str, str], kinds: Mapping[str, str]) -> None:
    """A bound name the query does not use is a typo: say so rather than ignore it."""
    used = set(kinds) | set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", query))
    for name in bindings:
        if name not in used:
            best = process.extractOne(name, sorted(used), score_cutoff=60) if used else None
            hint = f"did you mean {best[0]!r}?" if best else "the query has no variables to bind"
            raise QueryError(f"the query has no variable ?{name}", hint)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


# ---------------------------------------------------------------- formatting

_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _cell(term: Any) -> str:
    """A term as a reader wants it in a table: ``prefix:name``, a literal's text, ``_:id``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in _NAMESPACES:
            local = term.value[len(namespace) :]
            if term.value.startswith(namespace) and _LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


_SERIALISED = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


def format_result(result: QueryResult, fmt: str = "table", width: int | None = None) -> str:
    """Render a query result as text.

    ``table`` is for reading (IRIs shortened with prefixes, long cells cut to
    fit the terminal); ``csv`` and ``json`` follow the SPARQL 1.1 Query
    Results CSV and JSON formats, ``tsv`` the TSV format. CONSTRUCT and
    DESCRIBE results are written as Turtle whatever ``fmt`` says. The CSV and
    TSV formats have no form for an ASK answer: use ``table`` or ``json``.
    """
    if fmt not in RESULT_FORMATS:
        raise InvalidParameter(f"unknown format {fmt!r}", f"use one of {', '.join(RESULT_FORMATS)}")
    try:
        if result.kind == "GRAPH":
            turtle = ox.serialize(result.raw, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
            return (turtle or b"").decode()
        if result.kind == "ASK":
            if fmt in ("csv", "tsv"):
                raise QueryError(
                    f"an ASK answer has no SPARQL {fmt.upper()} form",
                    "use the json or table format",
                )
            if fmt == "json":
                return result.raw.serialize(format=ox.QueryResultsFormat.JSON).decode()
            return "true" if result.boolean else "false"
        if fmt in _SERIALISED:
            return result.raw.serialize(format=_SERIALISED[fmt]).decode()
    except (OSError, ValueError, RuntimeError) as exc:  # raised while evaluating
        raise QueryError(f"the query failed: {_one_line(exc)}") from None
    rows = result.rows()
    table = [[_cell(t) for t in row] for row in rows]
    return (
        text_table(result.variables, table)
        if width is None
        else text_table(result.variables, table, width)
    )
