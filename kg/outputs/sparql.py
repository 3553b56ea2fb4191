"""SPARQL 1.1 over a built dataset, and the cookbook of ready-made queries.

Queries run on Oxigraph. They see the union of the named graphs as their
default graph and may use the prefixes kg binds (``ck:``, ``factor:``,
``brief:``, ``skos:``, ``dcterms:`` ...) without declaring them. Values given
for a query's variables become RDF terms first: a variable with a ``VALUES``
placeholder gets the term written there by pyoxigraph (:func:`values_in_place`),
so the engine plans the query with it; any other is bound through pyoxigraph's
substitutions. Text from briefs or users is never pasted into a query, so it
cannot change one. Updates are refused, and so is anything that would reach beyond the
dataset (``SERVICE`` unless its endpoint is allowed, ``FROM`` a graph the
dataset lacks); a time limit and a row cap bound the work
(:mod:`kg.outputs.sandbox`).

The cookbook's queries are portable: each declares its prefixes and names
the graphs it reads, so that it runs unchanged on any SPARQL 1.1 engine
loaded with ``kg.trig``. Two placeholders make the rest explicit:

``FROM <urn:kg:every-graph>`` (:data:`EVERY_GRAPH`)
    The query reads the merge of every graph of the dataset (a chain of
    claims may pass through several briefs). kg drops the line and queries
    the union of the graphs; elsewhere write one ``FROM <graph>`` per graph.
``VALUES ?var { <urn:kg:bind-me> }`` (:data:`BIND_ME`)
    ``?var`` needs a value: kg refuses to run without one (``--bind``);
    elsewhere put the term in place of the placeholder, which left as it is
    matches nothing. ``VALUES ?var { UNDEF }`` marks a variable that may be
    left out (all values).

>>> 'upstream-of' in [q.name for q in cookbook()]
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from rapidfuzz import process

from kg.errors import InvalidParameter, Param, Phrase, QueryError, UnknownBrief, UnknownFactor
from kg.io.tables import text_table
from kg.names import FactorName, normalise_name, resolve_factor
from kg.outputs.formats import RESULT_FORMATS
from kg.outputs.sandbox import capped, evaluate, solutions_json
from kg.resources import cookbook_dir
from kg.store.querycheck import judge_query
from kg.store.querytext import BIND_ME, EVERY_GRAPH, QUOTED, take_placeholders
from kg.store.source import DatasetSource, as_source, local_store
from kg.vocab import MODALITIES, PREFIXES, SIGNS, local_id

__all__ = [
    "RESULT_FORMATS",
    "CookbookQuery",
    "QueryResult",
    "cookbook",
    "find_query",
    "bind_values",
    "take_placeholders",
    "values_in_place",
    "EVERY_GRAPH",
    "BIND_ME",
    "oxigraph_store",
    "select",
    "run_query",
    "format_result",
]

#: Kinds of cookbook parameter and how their values are read.
PARAMETER_KINDS = ("factor", "brief", "modality", "sign", "iri", "text")
_HEADER = re.compile(r"^#\s*(title|param):\s*(.*)$")
_CK = PREFIXES["ck"]


@dataclass(frozen=True)
class CookbookQuery:
    """A ready-made query shipped with kg (``kg/outputs/cookbook/NAME.rq``).

    ``params`` maps each variable the query can take from ``--bind`` to its
    kind: a factor name, a brief id, a modality, a sign, an IRI or text.
    ``required`` holds those without which it does not run (their
    ``VALUES`` block holds :data:`BIND_ME`).
    """

    name: str
    title: str
    text: str
    params: dict[str, str] = field(default_factory=dict)
    param_help: dict[str, str] = field(default_factory=dict)
    required: frozenset[str] = frozenset()


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
    required = take_placeholders(text)[1]
    return CookbookQuery(path.stem, title, text, params, helps, required)


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
    """The :class:`pyoxigraph.Store` behind a local dataset source.

    ``source`` is a :class:`kg.store.Store`, a :class:`pyoxigraph.Store`, or an
    rdflib dataset (copied into an in-memory store: fine for a brief, slow
    for a corpus); see :func:`kg.store.source.local_store`, which this is.

    Raises
    ------
    InvalidParameter
        ``source`` is a remote SPARQL server, or not a dataset.
    """
    return local_store(source)


def _engine(source: DatasetSource) -> ox.Store | None:
    """The pyoxigraph store of a local source, for work on its engine; ``None`` for a server.

    A remote server answers only through :meth:`DatasetSource.query`;
    :func:`~kg.store.source.local_store` says which sources hold their quads.
    """
    try:
        return local_store(source)
    except InvalidParameter:  # a remote server: its quads stay there
        return None


def _options(bound: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of :meth:`pyoxigraph.Store.query`: kg's prefixes, the union default graph."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
    substitutions = {ox.Variable(k): v for k, v in bound.items()}
    return {
        "prefixes": PREFIXES,
        "use_default_graph_as_union": True,
        "substitutions": substitutions,
    }


def select(store: DatasetSource | ox.Store, query: str, **bound: ox.NamedNode) -> list[Any]:
    """The solutions of a query of kg's own (kg's prefixes, union default graph).

    ``store`` is any dataset source, or a pyoxigraph store (see
    :func:`~kg.store.source.as_source`); SELECT queries only.
    """
    return list(cast(ox.QuerySolutions, as_source(store).query(query, bindings=bound)))


_NAMES = (
    "SELECT ?f ?label ?alt WHERE { { ?f skos:prefLabel ?label } UNION { ?f skos:altLabel ?alt } }"
)


def _factor_names(store: DatasetSource, name: str | None = None) -> list[FactorName]:
    """The names of the factors; with ``name``, only of those that may answer to it.

    With ``name``, a local store's engine writes every label and alternative
    label as SPARQL TSV, one line each, and only the factors whose lines
    :func:`_may_answer` keeps are read as terms (a remote server's rows are
    all read, then filtered the same way). Those are all the factors
    :func:`~kg.names.resolve_factor` could pick, so resolving ``name`` on
    them gives what resolving it on every factor gives, at the cost of a
    scan of the labels rather than of a Python object for each.
    """
    labels_query, types_query = _NAMES, "SELECT ?f WHERE { ?f a ck:Factor }"
    pieces = _pieces(name) if name is not None else None
    engine = _engine(store) if pieces is not None else None
    if pieces is not None and engine is not None:
        candidates = _candidates(engine, pieces)
        if not candidates:
            return []
        block = "VALUES ?f { " + " ".join(str(ox.NamedNode(i)) for i in candidates) + " } "
        labels_query = labels_query.replace("WHERE { ", "WHERE { " + block, 1)
        types_query = types_query.replace("WHERE { ", "WHERE { " + block, 1)
    labels: dict[str, str] = {}
    alts: dict[str, list[str]] = {}
    for row in select(store, labels_query):
        label, alt = row["label"], row["alt"]
        if label is not None:
            labels[row["f"].value] = label.value
        elif alt is not None:
            alts.setdefault(row["f"].value, []).append(alt.value)
    factors = {row["f"].value for row in select(store, types_query)}
    names = []
    for iri in sorted(factors & labels.keys()):
        texts = (iri, labels[iri], *alts.get(iri, ()))
        if pieces is None or any(_may_answer(text, pieces) for text in texts):
            names.append(FactorName(iri, labels[iri], tuple(sorted(set(alts.get(iri, ()))))))
    return names


def _candidates(store: ox.Store, pieces: list[list[str]]) -> list[str]:
    """The IRIs of the subjects of a label line :func:`_may_answer` keeps.

    Each line of the TSV is ``<IRI>`` and a literal in N-Triples syntax,
    tab-separated: an IRI and a printable ASCII label are written as they
    are, anything else with a backslash escape or outside ASCII, which
    :func:`_may_answer` keeps.
    """
    results = cast(ox.QuerySolutions, store.query(_NAMES, **_options({})))
    text = (results.serialize(format=ox.QueryResultsFormat.TSV) or b"").decode("utf-8")
    found: dict[str, None] = {}
    for line in text.split("\n")[1:]:
        end = line.find(">\t")
        if not line.startswith("<") or end < 0 or line[1:end] in found:
            continue  # a blank node's labels: it cannot be bound as a factor
        if "\\" in line or _may_answer(line.replace("\t", " "), pieces):
            found[line[1:end]] = None
    return list(found)


_SEPARATOR_RUNS = re.compile(r"[\s_\-]+")


def _pieces(name: str) -> list[list[str]]:
    """For each key ``name`` is looked up by, its words (see :func:`_may_answer`)."""
    raw = name.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    keys = {raw.casefold(), normalise_name(raw)}
    keys |= {key.removeprefix("factor:") for key in keys}
    return [[word for word in _SEPARATOR_RUNS.split(key) if word] for key in keys]


def _may_answer(text: str, pieces: list[list[str]]) -> bool:
    """Whether a factor's IRI, label or alternative label ``text`` may match a key of :func:`_pieces`.

    A printable ASCII text matches a key only if it holds each of the key's
    words, lower-cased (:func:`~kg.names.normalise_name` folds case and
    separators, and for such text ``casefold`` is ``lower``); any other
    text (accents, other scripts, control characters) is kept, to be judged
    by the names index itself.

    >>> _may_answer("Rural-to-urban migration", _pieces("RURAL TO URBAN migration"))
    True
    >>> _may_answer("Return migration", _pieces("rural to urban migration"))
    False
    >>> _may_answer("Straße", _pieces("strasse"))
    True
    """
    if not (text.isascii() and text.isprintable()):
        return True
    folded = text.lower()
    return any(all(word in folded for word in words) for words in pieces)


def _resolve_factor(store: DatasetSource, name: str) -> FactorName:
    """:func:`~kg.names.resolve_factor` on the store's factors, reading only those that may match."""
    try:
        return resolve_factor(name, _factor_names(store, name))
    except UnknownFactor:  # suggestions come from every factor
        return resolve_factor(name, _factor_names(store))


def _brief(store: DatasetSource, value: str) -> ox.NamedNode:
    """The brief whose IRI or id is ``value`` (the engine keeps the IRIs that end with it)."""
    wanted = value.strip().strip("<>")
    query = "SELECT ?b WHERE { ?b a ck:Brief }"
    if _engine(store) is not None:  # a local engine keeps only the IRIs that end with it
        query = (
            "SELECT ?b WHERE { ?b a ck:Brief "
            f"FILTER(STR(?b) = {ox.Literal(wanted)} || STRENDS(STR(?b), {ox.Literal('/' + wanted)})) }}"
        )
    briefs = sorted(row["b"].value for row in select(store, query))
    for iri in briefs:
        if wanted in (iri, local_id(iri)):
            return ox.NamedNode(iri)
    every = sorted(row["b"].value for row in select(store, "SELECT ?b WHERE { ?b a ck:Brief }"))
    raise UnknownBrief(value, [local_id(i) for i in every])


def bind_values(
    source: Any, values: Mapping[str, str], kinds: Mapping[str, str]
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Turn ``VAR=VALUE`` pairs into RDF terms according to each variable's kind.

    Without a declared kind, ``<...>`` is an IRI and anything else a plain literal.
    """
    store = as_source(source)
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for var, value in values.items():
        kind = kinds.get(var)
        stripped = value.strip()
        if kind is None:
            is_iri = stripped.startswith("<") and stripped.endswith(">")
            bound[var] = _iri(var, stripped[1:-1]) if is_iri else ox.Literal(value)
        elif kind == "factor":
            factor = ox.NamedNode(_resolve_factor(store, value).iri)
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
                else {"increases": "Increase", "decreases": "Decrease", "no_effect": "NoEffect"}[
                    key
                ]
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
    """What a query gave, read whole: its form and, for SELECT, the variables.

    ``kind`` is ``"SELECT"``, ``"ASK"`` or ``"GRAPH"`` (CONSTRUCT and DESCRIBE).
    ``raw`` is a :class:`pyoxigraph.QueryBoolean`, a list of
    :class:`pyoxigraph.Triple` or a list of :class:`pyoxigraph.QuerySolution`:
    never pyoxigraph's iterators over results, which may only be freed in the
    thread that made them, so a result may be handed to any thread.
    ``cut`` is the row cap when the query had more rows (or triples) than
    it and only the first ones were kept, else ``None``.
    """

    kind: str
    raw: Any
    variables: list[str] = field(default_factory=list)
    cut: int | None = None

    @property
    def boolean(self) -> bool:
        """The answer of an ASK query."""
        return bool(self.raw)

    def __iter__(self) -> Any:
        """What the query gave, as rdflib's results iterate: a SELECT query's rows
        (:meth:`rows`), a CONSTRUCT or DESCRIBE query's triples, an ASK query's one answer."""
        if self.kind == "ASK":
            return iter((self.boolean,))
        if self.kind == "GRAPH":
            return iter(self.raw)
        return iter(self.rows())

    def rows(self) -> list[list[Any]]:
        """The solutions of a SELECT query, each a list of terms (None where unbound).

        Raises
        ------
        kg.errors.QueryError
            The query is not a SELECT query: it has no rows.
        """
        if self.kind != "SELECT":
            raise QueryError(
                f"an {self.kind} query has no rows"
                if self.kind == "ASK"
                else "a CONSTRUCT or DESCRIBE query has no rows",
                "iterate over the result: an ASK query gives its answer, a CONSTRUCT or "
                "DESCRIBE query its triples",
            )
        return [[row[v] for v in self.variables] for row in self.raw]


def run_query(
    source: Any,
    query: str,
    bindings: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    *,
    timeout: float | None = None,
    max_rows: int | None = None,
    allow_service: Sequence[str] = (),
) -> QueryResult:
    """Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE).

    The query sees only the dataset: updates (``LOAD`` included), a
    ``SERVICE`` whose endpoint is not in ``allow_service`` and a ``FROM``
    graph the dataset lacks are refused before anything runs. The
    cookbook's placeholders (:func:`take_placeholders`) are honoured: a
    variable marked required must be given in ``bindings``.

    Parameters
    ----------
    source : kg.store.source.DatasetSource, pyoxigraph.Store or rdflib.Dataset
        The dataset, local or a remote SPARQL server (see :attr:`kg.Project.source`).
    query : str
        The query text.
    bindings : mapping, optional
        ``{variable: value}`` to bind before running; see :func:`bind_values`.
    kinds : mapping, optional
        The kind of each bindable variable (for cookbook queries).
    timeout : float, optional
        Seconds the query may run, its answer's reading included; ``None``
        (the default) for no limit. With a limit the query runs in a child
        process that is killed when the limit passes.
    max_rows : int, optional
        Solutions (or triples) to keep; with more, the first ``max_rows``
        are kept and :attr:`QueryResult.cut` says so. ``None`` keeps all.
    allow_service : sequence of str
        Endpoint IRIs that ``SERVICE`` clauses may call; any other is refused.

    Raises
    ------
    QueryError
        The query does not parse, is an update, reaches beyond the dataset,
        lacks a required binding, names an unknown prefix, or failed while its
        answer was read.
    QueryTimeout
        The query ran past ``timeout``.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> run_query(store, "ASK { ?s ck:cause ?o }").boolean
    False
    """
    if max_rows is not None and max_rows < 1:
        raise InvalidParameter(
            Phrase("{max_rows} keeps no row", max_rows=Param("max_rows", str(max_rows))),
            "give a number above 0",
        )
    if timeout is not None and not (timeout > 0 and math.isfinite(timeout)):
        raise InvalidParameter(
            Phrase(
                "{timeout} is not a finite number of seconds above 0",
                timeout=Param("timeout", f"{timeout:g}"),
            ),
            Phrase("give seconds above 0, e.g. {timeout:10}"),
        )
    _check_bound_names(query, bindings or {}, kinds or {})
    text, required = take_placeholders(query)
    for name in sorted(required - set(bindings or {})):
        raise QueryError(
            f"the query needs a value for ?{name}",
            Phrase("pass {bindings}", bindings=Param("bindings", f"{name}=VALUE")),
        )
    dataset = as_source(source)
    engine = _engine(dataset)  # None for a remote server, which answers the text itself
    # Judged on the parse, before any engine sees the text: updates, SERVICE, foreign graphs
    # (a remote server's graphs are its own business, so they are not checked there).
    judged = judge_query(
        text,
        None if engine is None else [g.value for g in engine.named_graphs()],
        PREFIXES,
        allow_service,
    )
    initial = bind_values(dataset, bindings or {}, kinds or {})
    try:
        if engine is None:
            # read whole here; the server has a cap of its own, which may be higher
            answer = capped(dataset.query(text, bindings=initial), max_rows)
        else:
            query, rest = values_in_place(query, initial)
            answer = evaluate(
                engine,
                query,
                _options(rest),
                timeout=timeout,
                max_rows=max_rows,
                network=bool(judged.services),  # only endpoints the user allowed
            )
    except SyntaxError as exc:
        raise QueryError(f"the query does not parse: {_parse_message(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        unprojected = re.search(r"does not contains? variable \?(\w+) in its SELECT", str(exc))
        if unprojected:
            raise QueryError(
                f"?{unprojected.group(1)} is bound but not in the SELECT clause",
                f"add ?{unprojected.group(1)} to SELECT (or use SELECT *): values are bound "
                "through the query's projection (SPARQL substitution)",
            ) from None
        raise QueryError(f"the query failed: {_one_line(exc)}") from None
    cut = max_rows if answer.cut else None
    if answer.form == "ask":
        return QueryResult("ASK", answer.raw)
    if answer.form == "graph":
        return QueryResult("GRAPH", answer.raw, cut=cut)
    return QueryResult("SELECT", answer.raw, answer.variables, cut)


_VALUES_BLOCK = r"(?<![\w?$:.-])VALUES\s*[?$]{}\s*\{{\s*(?:<{}>|UNDEF)\s*\}}"


def values_in_place(
    query: str, terms: Mapping[str, ox.NamedNode | ox.Literal]
) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
    """Put each value in its variable's ``VALUES`` placeholder; the query and the values left.

    A cookbook query marks where a variable takes its value with ``VALUES
    ?var { <urn:kg:bind-me> }`` (or ``{ UNDEF }``). The value is written
    there, as the portable cookbook tells other engines to do, so the engine
    plans the query with the value in place: a property path starting from
    it is evaluated from that one node (through pyoxigraph's
    ``substitutions=`` the same path is evaluated for every node first, a
    hundred times slower on a corpus). The values are terms that pyoxigraph
    built and writes in its own syntax, so their text can never become query
    syntax. The other placeholders are dropped
    (:func:`~kg.store.querytext.take_placeholders`); the values of variables
    without a placeholder are returned, for pyoxigraph's substitutions.

    >>> text, rest = values_in_place(
    ...     "SELECT ?f { VALUES ?f { <urn:kg:bind-me> } ?f ?p ?o }", {"f": ox.NamedNode("http://e/a")})
    >>> " ".join(text.split()), rest
    ('SELECT ?f { VALUES ?f { <http://e/a> } ?f ?p ?o }', {})
    """
    # strings and comments blanked (same length): a VALUES inside them is no placeholder
    masked = QUOTED.sub(lambda m: m.group(0) if m.group("iri") else " " * len(m.group(0)), query)
    spots: list[tuple[int, int, str]] = []
    rest: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, term in terms.items():
        block = re.compile(_VALUES_BLOCK.format(re.escape(name), re.escape(BIND_ME)), re.I)
        found = [(m.start(), m.end()) for m in block.finditer(masked)]
        if found:
            spots += [(start, end, f"VALUES ?{name} {{ {term} }}") for start, end in found]
        else:
            rest[name] = term
    for start, end, text in sorted(spots, reverse=True):
        query = query[:start] + text + query[end:]
    return take_placeholders(query)[0], rest


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


_AT = re.compile(r"^error at (\d+:\d+): ")
_UNDECLARED = re.compile(r"Prefix not found|prefix .{0,40}not found", re.I)


def _parse_message(exc: Exception) -> str:
    """pyoxigraph's parse error, short enough for one line: its list of expected characters cut."""
    text = _one_line(exc)
    where = _AT.match(text)
    at = f" (at line:column {where.group(1)})" if where else ""
    if _UNDECLARED.search(text):
        return f"it uses a prefix it does not declare{at}; add a PREFIX line for it"
    if len(text) > 240:
        text = text[:240].rsplit(" ", 1)[0] + " ..."
    return text


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
                    Phrase("use {fmt}", fmt=Param("fmt", "json or table")),
                )
            if fmt == "json":
                return result.raw.serialize(format=ox.QueryResultsFormat.JSON).decode()
            return "true" if result.boolean else "false"
        if fmt in _SERIALISED:
            # pyoxigraph writes the rows from its own reading of them, made and freed here
            document = solutions_json(result.variables, result.raw)
            solutions = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
            try:
                return (solutions.serialize(format=_SERIALISED[fmt]) or b"").decode()
            finally:
                del solutions
    except (OSError, ValueError, RuntimeError) as exc:  # raised while evaluating
        raise QueryError(f"the query failed: {_one_line(exc)}") from None
    rows = result.rows()
    table = [[_cell(t) for t in row] for row in rows]
    return (
        text_table(result.variables, table)
        if width is None
        else text_table(result.variables, table, width)
    )
