"""SPARQL 1.1 over a built dataset, and the cookbook of ready-made queries.

Queries see the union of the briefs' named graphs as their default graph and
may use the prefixes kg binds (``ck:``, ``factor:``, ``brief:``, ``skos:``,
``dcterms:`` ...) without declaring them. Values given for a query's
variables are bound as RDF terms (``initBindings``), never pasted into the
query text, so text from briefs or users cannot change a query.

>>> 'upstream-of' in [q.name for q in cookbook()]
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import process
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import KgError, QueryError, UnknownBrief
from kg.names import factor_names, resolve_factor
from kg.outputs.formats import RESULT_FORMATS
from kg.outputs.tables import text_table
from kg.resources import cookbook_dir
from kg.vocab import CK, MODALITY_TERMS, SIGN_TERMS, local_id

__all__ = [
    "RESULT_FORMATS",
    "CookbookQuery",
    "cookbook",
    "find_query",
    "bind_values",
    "run_query",
    "format_result",
]

#: Output formats of :func:`format_result`.
#: Kinds of cookbook parameter and how their values are read.
PARAMETER_KINDS = ("factor", "brief", "modality", "sign", "iri", "text")
_HEADER = re.compile(r"^#\s*(title|param):\s*(.*)$")


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


def bind_values(
    dataset: Dataset, values: Mapping[str, str], kinds: Mapping[str, str]
) -> dict[str, Node]:
    """Turn ``VAR=VALUE`` pairs into RDF terms according to each variable's kind.

    Without a declared kind, ``<...>`` is an IRI and anything else a plain literal.
    """
    bound: dict[str, Node] = {}
    for var, value in values.items():
        kind = kinds.get(var)
        if kind is None:
            stripped = value.strip()
            is_iri = stripped.startswith("<") and stripped.endswith(">")
            bound[var] = URIRef(stripped[1:-1]) if is_iri else Literal(value)
        elif kind == "factor":
            bound[var] = URIRef(resolve_factor(value, factor_names(dataset)).iri)
        elif kind == "brief":
            bound[var] = _brief(dataset, value)
        elif kind in ("modality", "sign"):
            table = MODALITY_TERMS if kind == "modality" else SIGN_TERMS
            key = value.strip().casefold()
            if key not in table:
                raise QueryError(f"{var}={value!r}: use one of {', '.join(table)}")
            bound[var] = table[key]
        elif kind == "iri":
            bound[var] = URIRef(value.strip().strip("<>"))
        else:
            bound[var] = Literal(value)
    return bound


def _brief(dataset: Dataset, value: str) -> URIRef:
    briefs = sorted(dataset.subjects(RDF.type, CK.Brief))
    wanted = value.strip().strip("<>")
    for iri in briefs:
        if wanted in (str(iri), local_id(iri)):
            return URIRef(iri)
    raise UnknownBrief(value, [local_id(i) for i in briefs])


def run_query(
    dataset: Dataset,
    query: str,
    bindings: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
) -> Result:
    """Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE).

    Parameters
    ----------
    dataset : rdflib.Dataset
        A built dataset (see :func:`kg.load_dataset`).
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
    """
    try:
        prepared = prepareQuery(query, initNs=dict(dataset.namespaces()))
    except Exception as exc:  # pyparsing and rdflib raise several kinds
        if re.match(
            r"\s*(PREFIX[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b", query, re.I
        ):
            raise QueryError("kg query runs read-only queries; updates are not allowed") from None
        raise QueryError(f"the query does not parse: {_one_line(exc)}") from None
    _check_bound_names(query, bindings or {}, kinds or {})
    initial = bind_values(dataset, bindings or {}, kinds or {})
    try:
        return dataset.query(prepared, initBindings=initial)
    except KgError:
        raise
    except Exception as exc:  # evaluation errors from rdflib
        raise QueryError(f"the query failed: {_one_line(exc)}") from None


def _check_bound_names(query: str, bindings: Mapping[str, str], kinds: Mapping[str, str]) -> None:
    """A bound name the query does not use is a typo: say so rather than ignore it."""
    used = set(kinds) | set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", query))
    for name in bindings:
        if name not in used:
            best = process.extractOne(name, sorted(used), score_cutoff=60) if used else None
            hint = f"did you mean {best[0]!r}?" if best else "the query has no variables to bind"
            raise QueryError(f"the query has no variable ?{name}; {hint}")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


# ---------------------------------------------------------------- formatting


def _cell(term: Node | None, dataset: Dataset) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return term.n3(dataset.namespace_manager)
    return str(term)


def format_result(result: Result, dataset: Dataset, fmt: str = "table", width: int = 80) -> str:
    """Render a query result as text.

    ``table`` is for reading (IRIs shortened with prefixes, long cells cut at
    ``width`` characters); ``csv`` and ``json`` follow the SPARQL 1.1 Query
    Results CSV and JSON formats, ``tsv`` the TSV format. CONSTRUCT and
    DESCRIBE results are written as Turtle whatever ``fmt`` says.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        for prefix, namespace in dataset.namespaces():
            graph.bind(prefix, namespace, override=True)
        return graph.serialize(format="turtle")
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    variables = [str(v) for v in result.vars or []]
    rows = list(result)
    if fmt == "csv":
        return result.serialize(format="csv").decode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        for row in rows:
            lines.append("\t".join("" if t is None else t.n3() for t in row))
        return "\n".join(lines) + "\n"
    return text_table(variables, [[_cell(t, dataset) for t in row] for row in rows], width)
