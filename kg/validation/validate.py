"""Check a data folder: authoring rules first, then the SHACL shapes.

The SHACL step runs on the built graph and each result is traced back to the
authoring file and line of the record it concerns, so the analyst reads
``file:line: field`` for SHACL problems exactly as for authoring ones. Each
result keeps its SHACL severity: a shape with ``sh:severity sh:Warning``
gives a warning, which is printed but does not make the data fail.

The whole dataset can be checked at once (:func:`shacl_problems`), or piece
by piece so that a build re-checks only what changed: the factor scheme
(:func:`scheme_shacl_problems`) and each brief's named graph
(:func:`brief_shacl_problems`). The pieces together find exactly the problems
of the whole.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql import prepareQuery

from kg.authoring.model import Corpus
from kg.authoring.reader import read_corpus
from kg.datafolder import brief_files
from kg.errors import DataNotFound, UnreadableFile
from kg.io import display_path
from kg.problems import Problem, ValidationReport
from kg.rdf.build import (
    ONTOLOGY_GRAPH,
    SCHEME_GRAPH,
    SourceRecord,
    corpus_graphs,
    ontology_quads,
    source_records,
    to_rdflib,
)
from kg.rdf.writers import rdflib_quads
from kg.resources import ontology_dir
from kg.store.source import DatasetSource, local_store
from kg.vocab import brief_iri

__all__ = [
    "CheckedData",
    "check_data",
    "validate",
    "load_shapes",
    "shacl_check",
    "shacl_problems",
    "scheme_shacl_problems",
    "brief_shacl_problems",
    "graphs_shacl_problems",
    "store_shacl_problems",
    "shacl_results",
    "ShaclResult",
    "BATCH_TRIPLES",
    "QuadsSeen",
]

#: SHACL severities and the words kg uses for them.
_SEVERITY_WORDS = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass
class CheckedData:
    """The outcome of checking a data folder.

    ``quads`` is ``None`` when the authoring checks failed, since a graph
    built from records with problems would mislead; ``dataset`` is the same
    as an rdflib dataset, made on first use.
    """

    corpus: Corpus
    quads: list[ox.Quad] | None
    report: ValidationReport

    @cached_property
    def dataset(self) -> Dataset | None:
        """The dataset as an rdflib :class:`~rdflib.Dataset` (``None`` when not built)."""
        return None if self.quads is None else to_rdflib(self.quads)


# ---------------------------------------------------------------- the shapes


def load_shapes(path: str | os.PathLike | None = None) -> Graph:
    """The SHACL shapes graph, parsed once and reused while the file is unchanged.

    Parameters
    ----------
    path : path, optional
        A Turtle file of shapes; default kg's ``ontology/shapes.ttl``.

    Returns
    -------
    rdflib.Graph
        Shared between calls: read it, do not change it.

    Raises
    ------
    DataNotFound
        The file is missing.
    UnreadableFile
        The file cannot be read or is not valid Turtle; the message names the
        file and the parser's line.

    Examples
    --------
    >>> from rdflib.namespace import SH
    >>> shapes = load_shapes()
    >>> shapes is load_shapes() and (None, SH.targetClass, None) in shapes
    True
    """
    shapes_path = Path(path) if path is not None else ontology_dir() / "shapes.ttl"
    try:
        stat = shapes_path.stat()
    except OSError:
        raise DataNotFound(
            f"the SHACL shapes file {display_path(shapes_path)} is missing",
            "give the path of an existing Turtle file, or reinstall kg to restore its shapes",
        ) from None
    return _parse_shapes(str(shapes_path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parse_shapes(path: str, _mtime_ns: int, _size: int) -> Graph:
    """Parse a shapes file; the modification time and size key the cache."""
    shown = display_path(Path(path))
    shapes = Graph()
    try:
        shapes.parse(path, format="turtle")
    except SyntaxError as error:  # rdflib's BadSyntax
        line, why = _syntax_error(error)
        where = f"{shown}:{line}" if line else shown
        raise UnreadableFile(
            f"{where}: the SHACL shapes are not valid Turtle: {why}",
            "fix the file there, or reinstall kg to restore its shapes",
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableFile(
            f"{shown}: the SHACL shapes cannot be read: {error}",
            "check that the file is readable UTF-8 Turtle",
        ) from None
    return shapes


def _syntax_error(error: SyntaxError) -> tuple[int, str]:
    """The line (1-based, 0 when unknown) and the reason of a Turtle syntax error."""
    text = str(error)
    line = getattr(error, "lines", None)  # rdflib counts the lines before the error
    if isinstance(line, int):
        line += 1
    else:
        found = re.search(r"at line (\d+)", text)
        line = int(found.group(1)) if found else 0
    why = re.search(r"Bad syntax \((.*?)\) at \^", text, flags=re.S)
    reason = why.group(1) if why else text.strip().splitlines()[0] if text.strip() else "bad syntax"
    return line, " ".join(reason.split())


# ---------------------------------------------------------------- running the shapes


def shacl_check(
    graph: Graph | Iterable[ox.Quad | ox.Triple],
    records: Mapping[str, SourceRecord],
    *,
    context: Iterable[Graph | Iterable[ox.Quad | ox.Triple]] = (),
    shapes: Graph | None = None,
) -> list[Problem]:
    """Check the nodes of ``graph`` against the shapes, looking up ``context`` too.

    The focus nodes are the subjects that ``graph`` itself gives a type; the
    ``context`` graphs (the factor scheme, the ontology's class hierarchy)
    supply what the shapes look up about other nodes, such as the type of a
    claim's cause, but their own nodes are not checked.

    Parameters
    ----------
    graph : rdflib.Graph or iterable of pyoxigraph quads or triples
        The triples to check, e.g. one brief's named graph (a quad's graph
        name is ignored: every triple is data).
    records : mapping of IRI to SourceRecord
        Where each node was written (:func:`kg.rdf.build.source_records`), to
        give each problem its file, line and record.
    context : iterable of the same
        Graphs the shapes may read but whose nodes are not checked.
    shapes : rdflib.Graph, optional
        The shapes; default :func:`load_shapes`.

    Returns
    -------
    list of Problem
        Sorted, each distinct problem once, with ``origin="shacl"`` and the
        severity of its shape.
    """
    data = ox.Store()
    focus: set[str] = set()
    data.bulk_extend(_typed_subjects(_triples(graph), focus))
    if not focus:
        return []
    for extra in context:
        data.bulk_extend(_as_default(_triples(extra)))
    return _run(data, records, shapes, focus)


def shacl_problems(
    dataset: DatasetSource | Dataset | ox.Store | Iterable[ox.Quad | ox.Triple],
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
) -> list[Problem]:
    """Run the SHACL shapes over the whole ``dataset`` (the union of its graphs).

    ``dataset`` is a local dataset source (a :class:`kg.store.Store`, such as
    :attr:`kg.Project.dataset`), a pyoxigraph store, an rdflib dataset or
    quads; without an ``rdfs:subClassOf`` triple, kg's ontology's class
    hierarchy is added (``sh:class`` follows it). The shapes run in batches
    of a few thousand triples (:func:`shacl_results`). A remote SPARQL
    server is refused (:func:`kg.store.source.local_store`): kg does not
    copy its quads.

    Returns
    -------
    list of Problem
        Sorted, each distinct problem once, with ``origin="shacl"`` and the
        severity of its shape.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from kg.rdf.build import ontology_quads
    >>> store = ox.Store()
    >>> store.extend(ontology_quads().quads)
    >>> brief = "https://w3id.org/briefkg/brief/b1"
    >>> store.add(ox.Quad(ox.NamedNode(brief), ox.NamedNode(str(RDF.type)),
    ...                   ox.NamedNode("https://w3id.org/briefkg/ontology#Brief"), ox.NamedNode(brief)))
    >>> sorted({p.field for p in shacl_problems(store, {})})[:2]  # a brief needs these
    ['authors', 'date']
    """
    shapes = load_shapes() if shapes is None else shapes
    return _problems(shacl_results(dataset, shapes=shapes), shapes, records)


def store_shacl_problems(
    data: ox.Store,
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
    batch_triples: int | None = None,
) -> list[Problem]:
    """Run the shapes over a pyoxigraph store, in batches of ``batch_triples`` triples.

    The same as :func:`shacl_problems` on the store; ``batch_triples``
    (default :data:`BATCH_TRIPLES`) sets the size of each run of the engine.
    """
    shapes = load_shapes() if shapes is None else shapes
    found = shacl_results(data, shapes=shapes, batch_triples=batch_triples)
    return _problems(found, shapes, records)


class QuadsSeen:
    """The quads the shapes read, kept as a maker of them hands them on (to a store, say).

    ``seen(quads)`` yields ``quads`` unchanged and keeps those whose
    property the shapes read; :meth:`problems` then runs the shapes on what
    was kept, as :func:`shacl_problems` on all the quads would. A build that
    makes each graph's quads once for its store checks them that way without
    reading them back.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> brief = ox.NamedNode("https://w3id.org/briefkg/brief/b1")
    >>> kind = ox.NamedNode("https://w3id.org/briefkg/ontology#Brief")
    >>> kept = QuadsSeen()
    >>> len(list(kept.seen([ox.Quad(brief, ox.NamedNode(str(RDF.type)), kind)])))
    1
    >>> sorted({p.field for p in kept.problems({})})[:2]
    ['authors', 'date']
    """

    def __init__(self, shapes: Graph | None = None) -> None:
        self.shapes = load_shapes() if shapes is None else shapes
        self._read = _read_properties(self.shapes, len(self.shapes))
        self.quads: list[ox.Quad | ox.Triple] = []

    def seen(self, quads: Iterable[ox.Quad | ox.Triple]) -> Iterator[ox.Quad | ox.Triple]:
        """Yield ``quads``, keeping those the shapes read."""
        read, keep = self._read, self.quads.append
        for q in quads:
            if read is None or q.predicate.value in read:
                keep(q)
            yield q

    def problems(self, records: Mapping[str, SourceRecord]) -> list[Problem]:
        """The problems of the shapes on the quads seen."""
        return shacl_problems(self.quads, records, shapes=self.shapes)


#: Triples per run of the engine. pyshacl-turbo reads its input in time that
#: grows faster than the input (about 5 µs a triple at 10,000, 10 µs at
#: 900,000), and each run has a small fixed cost: a few thousand triples a
#: run is the cheapest (see the benchmarks page).
BATCH_TRIPLES = 8_000


class ShaclResult(NamedTuple):
    """One result of a SHACL report, as the engine gives it (rdflib terms, ``None`` when absent)."""

    focus: Any
    shape: Any
    constraint: Any
    severity: Any
    path: Any
    value: Any
    message: Any


def shacl_results(
    dataset: DatasetSource | Dataset | ox.Store | Iterable[ox.Quad | ox.Triple],
    *,
    shapes: Graph | None = None,
    batch_triples: int | None = None,
) -> list[ShaclResult]:
    """The results of the shapes on the union of ``dataset``'s graphs, one run of the engine per batch.

    The engine sees a batch of subjects, each with all its triples (whatever
    graph holds them), plus the ``rdf:type`` triples of the nodes those
    triples name and the class hierarchy, and reports only on the batch's
    subjects: so each node is judged once, on its own triples and the types
    of its values, which is all kg's shapes read (targets by class or by
    subject of a property, paths of one property, ``sh:class``, SPARQL on
    ``$this``'s own triples). Shapes that read further (``sh:targetNode``,
    ``sh:targetObjectsOf``, SPARQL targets, ``sh:node``, qualified shapes,
    paths longer than one property) run on the whole dataset at once.
    Without an ``rdfs:subClassOf`` triple the ontology's hierarchy is added.

    Parameters
    ----------
    dataset : local dataset source, pyoxigraph store, rdflib dataset or quads
    shapes : rdflib.Graph, optional
        The shapes; default :func:`load_shapes`.
    batch_triples : int, optional
        Triples per run of the engine; default :data:`BATCH_TRIPLES`.

    Returns
    -------
    list of ShaclResult
        Sorted, each distinct result once: the same as one run of
        pyshacl-turbo (or pySHACL) on the whole union
        (``tests/conformance/test_shacl_engines.py`` holds that).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> brief = ox.NamedNode("https://w3id.org/briefkg/brief/b1")
    >>> kind = ox.NamedNode("https://w3id.org/briefkg/ontology#Brief")
    >>> found = shacl_results([ox.Quad(brief, ox.NamedNode(str(RDF.type)), kind)])
    >>> {str(r.focus) for r in found}
    {'https://w3id.org/briefkg/brief/b1'}
    """
    shapes = load_shapes() if shapes is None else shapes
    if isinstance(dataset, DatasetSource | ox.Store):  # a store: its engine, by the protocol
        dataset = local_store(dataset)
    size = BATCH_TRIPLES if batch_triples is None else batch_triples
    read = _read_properties(shapes, len(shapes))
    if read is None:
        quads = _quads_of(dataset)
    elif isinstance(dataset, ox.Store):  # only what the shapes read, picked by the store
        quads = (
            q for p in sorted(read) for q in dataset.quads_for_pattern(None, ox.NamedNode(p), None)
        )
    else:
        quads = (q for q in _quads_of(dataset) if q.predicate.value in read)
    if not _batchable(shapes, len(shapes)):
        data = ox.Store()
        data.bulk_extend(quads)
        if not data.query(_HAS_HIERARCHY):
            data.bulk_extend(_as_default(_subclass_triples(ontology_quads().quads)))
        return sorted(_results(data, shapes, None, frozenset()), key=_result_key)
    # The engine reads a store's graphs as one graph, their union: the quads
    # go to it as they are, in whatever graph.
    about: dict[Any, list[ox.Quad]] = {}
    types: dict[Any, list[ox.Quad]] = {}
    hierarchy: list[ox.Quad] = []
    for q in quads:
        about.setdefault(q.subject, []).append(q)
        if q.predicate == _TYPE:
            types.setdefault(q.subject, []).append(q)
        elif q.predicate == _SUBCLASS:
            hierarchy.append(q)
    if not hierarchy:
        hierarchy = list(_as_default(_subclass_triples(ontology_quads().quads)))
    return sorted(_in_batches(about, types, hierarchy, shapes, size), key=_result_key)


def _in_batches(
    about: Mapping[Any, list[ox.Quad]],
    types: Mapping[Any, list[ox.Quad]],
    hierarchy: list[ox.Quad],
    shapes: Graph,
    size: int,
) -> set[ShaclResult]:
    """The results on the subjects of ``about``, in runs of about ``size`` triples."""
    found: set[ShaclResult] = set()
    named_subjects = [s for s in about if isinstance(s, ox.NamedNode)]
    blank_subjects = [s for s in about if not isinstance(s, ox.NamedNode)]
    # Blank nodes cannot be named as focus nodes: their batch is judged whole.
    for subjects, by_focus in ((named_subjects, True), (blank_subjects, False)):
        batch: list[Any] = []
        count = 0
        for subject in subjects:
            batch.append(subject)
            count += len(about[subject])
            if count >= size:
                found.update(_batch_results(batch, about, types, hierarchy, shapes, by_focus))
                batch, count = [], 0
        if batch:
            found.update(_batch_results(batch, about, types, hierarchy, shapes, by_focus))
    return found


def _batch_results(
    subjects: list[Any],
    about: Mapping[Any, list[ox.Quad]],
    types: Mapping[Any, list[ox.Quad]],
    hierarchy: list[ox.Quad],
    shapes: Graph,
    by_focus: bool,
) -> list[ShaclResult]:
    """One run of the engine on ``subjects`` with their triples and the types of what they name."""
    classed = _classed_paths(shapes, len(shapes))
    batch = [q for subject in subjects for q in about[subject]]
    named = {
        q.object
        for q in batch
        if (classed is None or q.predicate.value in classed) and q.object in types
    }
    named.difference_update(subjects)
    data = ox.Store()
    data.bulk_extend(batch)
    data.bulk_extend(q for n in named for q in types[n])
    data.bulk_extend(hierarchy)
    if by_focus:
        return _results(data, shapes, [s.value for s in subjects], frozenset())
    return _results(data, shapes, None, frozenset(str(getattr(n, "value", n)) for n in named))


@lru_cache(maxsize=8)
def _classed_paths(shapes: Graph, _size: int) -> frozenset[str] | None:
    """The properties whose values' types a shape's ``sh:class`` reads (``None``: any)."""
    paths = set()
    for shape in shapes.subjects(SH["class"], None):
        path = shapes.value(shape, SH.path)
        if not isinstance(path, URIRef):
            return None  # a class judged inside sh:or, sh:not ...: keep every value's types
        paths.add(str(path))
    return frozenset(paths)


#: What a shape may read beyond its focus node's own triples and its values' types.
_READS_FURTHER = (SH.targetNode, SH.targetObjectsOf, SH.target, SH.node, SH.qualifiedValueShape)


@lru_cache(maxsize=8)
def _batchable(shapes: Graph, _size: int) -> bool:
    """Whether the shapes judge a node by its own triples and its values' types alone."""
    if any((None, p, None) in shapes for p in _READS_FURTHER):
        return False
    return all(isinstance(path, URIRef) for path in shapes.objects(None, SH.path))


#: Shape terms whose object names a property the shape reads on its focus node.
_PROPERTY_TERMS = (
    SH.path,
    SH.disjoint,
    SH.equals,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.targetSubjectsOf,
)


@lru_cache(maxsize=8)
def _read_properties(shapes: Graph, _size: int) -> frozenset[str] | None:
    """Every property the shapes read (``None``: they may read any).

    The properties of their paths, property comparisons and targets, those
    their SPARQL constraints name (parsed with their declared prefixes), and
    ``rdf:type`` and ``rdfs:subClassOf``. A closed shape, a SPARQL-defined
    component or a query with a variable or path as predicate may read any.
    """
    if (None, SH.closed, None) in shapes or (None, SH.ask, None) in shapes:
        return None
    read = {str(RDF.type), str(RDFS.subClassOf)}
    for term in _PROPERTY_TERMS:
        for value in shapes.objects(None, term):
            if not isinstance(value, URIRef):
                return None
            read.add(str(value))
    for node, text in shapes.subject_objects(SH.select):
        namespaces = {
            str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
            for prefixes in shapes.objects(node, SH.prefixes)
            for d in shapes.objects(prefixes, SH.declare)
        }
        try:
            query = prepareQuery(str(text), initNs=namespaces)
        except Exception:  # noqa: BLE001 - rdflib's parser raises many kinds; then read all
            return None
        if not _query_properties(query.algebra, read):
            return None
    return frozenset(read)


def _query_properties(node: Any, read: set[str]) -> bool:
    """Add to ``read`` the predicates of the triple patterns under ``node``; False if one is not an IRI."""
    if isinstance(node, PropertyPath):
        return False
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "triples":  # a block of triple patterns, each s p o (s p o ...)
                for pattern in value:
                    if len(pattern) % 3:
                        return False
                    for predicate in pattern[1::3]:
                        if not isinstance(predicate, URIRef):
                            return False
                        read.add(str(predicate))
            elif not _query_properties(value, read):
                return False
        return True
    if isinstance(node, list | tuple | set):
        return all(_query_properties(v, read) for v in node)
    return True


def _result_key(result: ShaclResult) -> tuple[str, ...]:
    return tuple("" if term is None else term.n3() for term in result)


def _problems(
    results: Iterable[ShaclResult], shapes: Graph, records: Mapping[str, SourceRecord]
) -> list[Problem]:
    """Each result as a :class:`Problem` at the file and line its focus node came from."""
    return sorted({_problem(r, shapes, records) for r in results})


def scheme_shacl_problems(
    dataset: Dataset | Iterable[ox.Quad],
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
) -> list[Problem]:
    """Check the factor scheme's graph, and the ontology's, of ``dataset``.

    Together with :func:`brief_shacl_problems` for every brief, this finds the
    same problems as :func:`shacl_problems` on the whole dataset.
    """
    quads = _quads(dataset)
    scheme = [q for q in quads if _graph_of(q) == SCHEME_GRAPH]
    ontology = [q for q in quads if _graph_of(q) == ONTOLOGY_GRAPH] or list(ontology_quads().quads)
    shapes = load_shapes() if shapes is None else shapes
    return _problems(shacl_results(scheme + ontology, shapes=shapes), shapes, records)


def brief_shacl_problems(
    dataset: Dataset | Iterable[ox.Quad],
    brief_id: str,
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
) -> list[Problem]:
    """Check one brief's named graph of ``dataset``, seeing the factor scheme.

    Only the brief, its claims, observations and series are checked; the
    factors are checked once by :func:`scheme_shacl_problems`. A build that
    knows which brief files changed needs to check only their graphs
    (:func:`graphs_shacl_problems` checks many at once).

    Parameters
    ----------
    dataset : rdflib.Dataset or iterable of pyoxigraph quads
        As built by :func:`kg.rdf.build.corpus_to_dataset` (or its quads).
    brief_id : str
        The brief's id; its graph is named by the brief's IRI.
    records : mapping of IRI to SourceRecord
        Where each node was written.
    shapes : rdflib.Graph, optional
        The shapes; default :func:`load_shapes`.
    """
    quads = _quads(dataset)
    name = str(brief_iri(brief_id))
    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        by_graph.setdefault(_graph_of(quad), []).append(quad)
    return graphs_shacl_problems(
        [by_graph.get(name, [])],
        by_graph.get(SCHEME_GRAPH, []),
        by_graph.get(ONTOLOGY_GRAPH) or ontology_quads().quads,
        records,
        shapes=shapes,
    )


def graphs_shacl_problems(
    graphs: Iterable[Iterable[ox.Quad]],
    scheme: Iterable[ox.Quad],
    ontology: Iterable[ox.Quad],
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
    batch_quads: int | None = None,
) -> list[Problem]:
    """Check the nodes of several briefs' graphs at once, seeing the factor scheme.

    The graphs are checked in batches of about ``batch_quads`` quads, each
    in one run of the engine: the batch's triples, the ontology's class
    hierarchy and, from the factor scheme, the triples about each node the
    batch names. Only the nodes the batch's graphs give a type are reported
    on (the factors are checked by :func:`scheme_shacl_problems`), so the
    problems are those of :func:`brief_shacl_problems` for each graph.

    Parameters
    ----------
    graphs : iterable of iterables of pyoxigraph quads
        The graphs to check, each given by its quads.
    scheme, ontology : iterables of pyoxigraph quads
        The factor scheme's and the ontology's graphs.
    records : mapping of IRI to SourceRecord
        Where each node was written.
    shapes : rdflib.Graph, optional
        The shapes; default :func:`load_shapes`.
    batch_quads : int
        Quads of brief graphs per run of the engine (its memory grows with it).
    """
    shapes = load_shapes() if shapes is None else shapes
    size = BATCH_TRIPLES if batch_quads is None else batch_quads
    types: dict[Any, list[ox.Quad]] = {}
    for quad in scheme:
        if quad.predicate == _TYPE:
            types.setdefault(quad.subject, []).append(quad)
    hierarchy = list(_as_default(_subclass_triples(ontology)))
    found: set[ShaclResult] = set()
    about: dict[Any, list[ox.Quad]] = {}
    typed: set[Any] = set()
    count = 0

    def check() -> None:
        # Only the subjects a graph gives a type are judged (a factor named as
        # the subject of a claim's edge is the scheme's to judge).
        judged = {s: about[s] for s in about if s in typed}
        found.update(_in_batches(judged, types, hierarchy, shapes, size))
        about.clear()
        typed.clear()

    for graph in graphs:
        for q in _quads_of(graph):
            about.setdefault(q.subject, []).append(q)
            if q.predicate == _TYPE and isinstance(q.subject, ox.NamedNode):
                types.setdefault(q.subject, []).append(q)
                typed.add(q.subject)
            count += 1
        if count >= size:
            check()
            count = 0
    if about:
        check()
    return _problems(found, shapes, records)


_TYPE = ox.NamedNode(str(RDF.type))
#: Whether a store holds a class hierarchy, in any of its graphs.
_HAS_HIERARCHY = f"ASK {{ {{ ?a <{RDFS.subClassOf}> ?b }} UNION {{ GRAPH ?g {{ ?a <{RDFS.subClassOf}> ?b }} }} }}"
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))


def _triples(source: Any) -> Iterable[ox.Triple]:
    """The triples of an rdflib graph or dataset, a pyoxigraph store, or quads or triples."""
    if isinstance(source, Graph):  # rdflib: a Dataset is a Graph too
        if isinstance(source, Dataset):
            return (q.triple for q in rdflib_quads(source))
        data = source.serialize(format="nt", encoding="utf-8")
        return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    return (t.triple if isinstance(t, ox.Quad) else t for t in source)


def _quads_of(source: Any) -> Iterable[ox.Quad]:
    """The quads of an rdflib graph or dataset, a pyoxigraph store, or quads or triples.

    Triples (and an rdflib graph's) are in the default graph; quads keep theirs.
    """
    if isinstance(source, Graph) and not isinstance(source, Dataset):
        return _as_default(_triples(source))
    if isinstance(source, Dataset):
        return rdflib_quads(source)
    return (q if isinstance(q, ox.Quad) else ox.Quad(*q) for q in source)


def _quads(source: Any) -> list[ox.Quad]:
    if isinstance(source, Dataset):
        return rdflib_quads(source)
    return list(source)


def _graph_of(quad: ox.Quad) -> str:
    graph = quad.graph_name
    return graph.value if isinstance(graph, ox.NamedNode) else ""


def _as_default(triples: Iterable[ox.Triple | ox.Quad]) -> Iterator[ox.Quad]:
    """Triples (or quads, their graph dropped) as quads of the default graph."""
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object)


def _typed_subjects(triples: Iterable[ox.Triple], focus: set[str]) -> Iterator[ox.Quad]:
    """``triples`` as default-graph quads, noting in ``focus`` each IRI given a type."""
    for t in triples:
        if t.predicate == _TYPE and isinstance(t.subject, ox.NamedNode):
            focus.add(t.subject.value)
        yield ox.Quad(t.subject, t.predicate, t.object)


def _subclass_triples(ontology: Iterable[ox.Quad | ox.Triple]) -> Iterator[ox.Triple]:
    """The ``rdfs:subClassOf`` triples of the ontology, which ``sh:class`` follows."""
    for q in ontology:
        if q.predicate == _SUBCLASS:
            yield ox.Triple(q.subject, q.predicate, q.object)


@lru_cache(maxsize=8)
def _compiled(shapes: Graph, _size: int) -> Any:
    """The shapes compiled by pyshacl-turbo, once per shapes graph (and size)."""
    import pyshacl_turbo

    return pyshacl_turbo.compile_shapes(shapes)


def _run(
    data: ox.Store,
    records: Mapping[str, SourceRecord],
    shapes: Graph | None,
    focus: set[str] | None,
) -> list[Problem]:
    """Run the shapes on ``data`` in one run; report on ``focus`` nodes (None: all)."""
    shapes = load_shapes() if shapes is None else shapes
    found = _results(data, shapes, None, frozenset())
    return _problems((r for r in found if focus is None or str(r.focus) in focus), shapes, records)


def _results(
    data: ox.Store, shapes: Graph, focus: list[str] | None, exclude: frozenset[str]
) -> list[ShaclResult]:
    """One run of the engine on ``data``: the results on ``focus`` (None: every target) not in ``exclude``."""
    try:
        compiled = _compiled(shapes, len(shapes))
        _conforms, report, _text = compiled.validate(
            data, allow_warnings=True, allow_infos=True, focus_nodes=focus
        )
    except (RuntimeError, ValueError, TypeError, KeyError) as error:
        text = str(error).strip()
        first = text.splitlines()[0] if text else type(error).__name__
        raise UnreadableFile(
            f"the SHACL shapes are not valid SHACL: {first}",
            "fix the shapes file, or reinstall kg to restore its shapes",
        ) from None
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        node = report.value(result, SH.focusNode)
        if str(node) in exclude:
            continue
        found.append(
            ShaclResult(
                node,
                *(
                    report.value(result, p)
                    for p in (
                        SH.sourceShape,
                        SH.sourceConstraintComponent,
                        SH.resultSeverity,
                        SH.resultPath,
                        SH.value,
                        SH.resultMessage,
                    )
                ),
            )
        )
    return found


def _problem(result: ShaclResult, shapes: Graph, records: Mapping[str, SourceRecord]) -> Problem:
    """One result as a :class:`Problem` at the file and line its focus node came from."""
    focus, shape, message = result.focus, result.shape, result.message
    severity = _SEVERITY_WORDS.get(result.severity, "violation")
    field_name = shapes.value(shape, SH.name) if shape is not None else None
    field_text = str(field_name) if field_name is not None else ""
    text = str(message) if message is not None else "does not meet the shapes"
    record = records.get(focus) if isinstance(focus, URIRef) else None
    if record is None:
        return Problem(str(focus), 0, "", field_text, text, origin="shacl", severity=severity)
    return Problem(
        record.source.path,
        record.line_of(field_text),
        record.record,
        field_text,
        text,
        origin="shacl",
        severity=severity,
    )


# ---------------------------------------------------------------- a data folder


def check_data(data_dir: str | os.PathLike) -> CheckedData:
    """Read, check and (when the authoring checks pass) build and SHACL-validate a folder.

    The shapes check the factor scheme with the ontology, then the briefs'
    graphs in batches (:func:`graphs_shacl_problems`): the problems of
    :func:`shacl_problems` on the whole dataset, in bounded memory.
    """
    corpus, problems = read_corpus(data_dir)
    files = [display_path(corpus.factors_path)] + [display_path(p) for p in brief_files(data_dir)]
    report = ValidationReport(problems=sorted(problems), files=files)
    if not report.conforms:
        return CheckedData(corpus, None, report)
    graphs = corpus_graphs(corpus)
    records = source_records(corpus)
    scheme, ontology = graphs[SCHEME_GRAPH].quads, graphs[ONTOLOGY_GRAPH].quads
    found = scheme_shacl_problems([*scheme, *ontology], records)
    briefs = (graphs[str(brief_iri(b))].quads for b in sorted(corpus.briefs))
    found += graphs_shacl_problems(briefs, scheme, ontology, records)
    report.problems = sorted([*problems, *found])
    report.shacl_checked = True
    return CheckedData(corpus, [q for g in graphs.values() for q in g.quads], report)


def validate(data_dir: str | os.PathLike) -> ValidationReport:
    """Validate the authoring files of ``data_dir``.

    Parameters
    ----------
    data_dir : path
        A folder with ``factors.yaml`` and ``briefs/<id>.yaml``.

    Returns
    -------
    ValidationReport
        ``report.conforms`` tells whether the data is valid (no violation);
        ``report.problems`` lists each problem with file, line, field and
        severity; ``report.warnings`` those that do not make the data fail,
        such as factors awaiting review.

    Raises
    ------
    DataNotFound
        The folder or its files are missing, so nothing could be checked.
    UnreadableFile
        The SHACL shapes file is not valid Turtle.
    """
    return check_data(data_dir).report
