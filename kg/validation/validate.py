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
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

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
    dataset: DatasetSource | Dataset | ox.Store | Iterable[ox.Quad],
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
) -> list[Problem]:
    """Run the SHACL shapes over the whole ``dataset`` (the union of its graphs).

    ``dataset`` is a local dataset source (a :class:`kg.store.Store`, such as
    :attr:`kg.Project.dataset`), a pyoxigraph store, an rdflib dataset or
    quads; without an ``rdfs:subClassOf`` triple, kg's ontology's class
    hierarchy is added (``sh:class`` follows it). A store that holds the
    hierarchy (as the store of ``kg build`` does, in the ontology's graph)
    is handed to the engine as it is, not copied: pyshacl-turbo reads a
    store's named graphs as one graph, their union. A remote SPARQL server
    is refused (:func:`kg.store.source.local_store`): kg does not copy its
    quads.

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
    if isinstance(dataset, DatasetSource | ox.Store):  # a store: its engine, by the protocol
        dataset = local_store(dataset)
        if dataset.query(_HAS_HIERARCHY):
            return store_shacl_problems(dataset, records, shapes=shapes)
    data = ox.Store()
    data.bulk_extend(_as_default(_triples(dataset)))
    if not data.query(_HAS_HIERARCHY):
        data.bulk_extend(_as_default(_subclass_triples(ontology_quads().quads)))
    return _run(data, records, shapes, None)


def store_shacl_problems(
    data: ox.Store,
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
    batch_triples: int = 2_000_000,
) -> list[Problem]:
    """Run the shapes over a store that holds the class hierarchy, in runs of the engine's size.

    A store of at most ``batch_triples`` quads goes to the engine as it is
    (pyshacl-turbo reads the union of its graphs). A bigger one is checked
    subject by subject, in batches of about ``batch_triples`` triples: each
    subject with all its triples, in whatever graph, beside the types of the
    nodes they name through a path that a shape's ``sh:class`` judges, and the
    class hierarchy; the problems of the nodes named only for their types
    are left to their own batch. The batches bound the engine's memory (it
    reads a store as one N-Quads text); they do not save time: the engine's
    reading grows a little faster than its input (about 8 µs a triple at
    100,000 triples, 12 µs at 400,000), but the batches' own copying costs
    about as much. This finds the problems of one run
    because kg's shapes judge a node by its own triples and the types of the
    nodes it names (paths of one step, ``sh:class``, SPARQL on ``$this``'s
    own triples); ``tests/test_validation_incremental.py`` holds that.
    """
    if len(data) <= batch_triples:
        return _run(data, records, shapes, None)
    shapes = load_shapes() if shapes is None else shapes
    classed = _classed_paths(shapes, len(shapes))
    hierarchy = [ox.Quad(*q.triple) for q in data.quads_for_pattern(None, _SUBCLASS, None, None)]
    problems: set[Problem] = set()
    done: set[Any] = set()
    batch: list[ox.Quad] = []

    def check() -> None:
        subjects = {q.subject for q in batch}
        named = {
            q.object
            for q in batch
            if q.predicate.value in classed and isinstance(q.object, ox.NamedNode)
        } - subjects
        run = ox.Store()
        run.bulk_extend(batch)
        run.bulk_extend(
            ox.Quad(*t.triple) for n in named for t in data.quads_for_pattern(n, _TYPE, None, None)
        )
        run.bulk_extend(hierarchy)
        only_named = {n.value for n in named}
        problems.update(p for p in _run(run, records, shapes, None, exclude=only_named))
        batch.clear()

    for quad in data:
        subject = quad.subject
        if subject in done:
            continue
        done.add(subject)
        batch.extend(ox.Quad(*q.triple) for q in data.quads_for_pattern(subject, None, None, None))
        if len(batch) >= batch_triples:
            check()
    if batch:
        check()
    return sorted(problems)


@lru_cache(maxsize=8)
def _classed_paths(shapes: Graph, _size: int) -> frozenset[str]:
    """The predicates whose values a shape's ``sh:class`` judges by their types."""
    return frozenset(
        str(path)
        for shape in shapes.subjects(SH["class"], None)
        for path in shapes.objects(shape, SH.path)
        if isinstance(path, URIRef)
    )


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
    data = ox.Store()
    data.bulk_extend(_as_default(scheme + ontology))
    # Every node here is checked: no list of focus nodes is needed.
    return _run(data, records, shapes, None)


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
    batch_quads: int = 2_000_000,
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
    about: dict[str, list[ox.Triple]] = {}
    for quad in scheme:
        if isinstance(quad.subject, ox.NamedNode):
            about.setdefault(quad.subject.value, []).append(quad.triple)
    hierarchy = list(_subclass_triples(ontology))
    problems: set[Problem] = set()
    batch: list[ox.Triple] = []

    def check() -> None:
        if not batch:
            return
        focus: set[str] = set()
        data = ox.Store()
        data.bulk_extend(_typed_subjects(batch, focus))
        named = {
            n.value for t in batch for n in (t.subject, t.object) if isinstance(n, ox.NamedNode)
        }
        data.bulk_extend(ox.Quad(*t) for node in sorted(named) for t in about.get(node, ()))
        data.bulk_extend(ox.Quad(*t) for t in hierarchy)
        if focus:
            problems.update(_run(data, records, shapes, focus))
        batch.clear()

    for graph in graphs:
        batch.extend(q.triple if isinstance(q, ox.Quad) else q for q in graph)
        if len(batch) >= batch_quads:
            check()
    check()
    return sorted(problems)


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
    *,
    exclude: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Problem]:
    """Run the shapes on ``data``; report on ``focus`` nodes (None: all) but not on ``exclude``."""
    shapes = load_shapes() if shapes is None else shapes
    try:
        compiled = _compiled(shapes, len(shapes))
        _conforms, results, _text = compiled.validate(data, allow_warnings=True, allow_infos=True)
    except (RuntimeError, ValueError, TypeError, KeyError) as error:
        text = str(error).strip()
        first = text.splitlines()[0] if text else type(error).__name__
        raise UnreadableFile(
            f"the SHACL shapes are not valid SHACL: {first}",
            "fix the shapes file, or reinstall kg to restore its shapes",
        ) from None
    problems = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        node = results.value(result, SH.focusNode)
        if (focus is not None and str(node) not in focus) or str(node) in exclude:
            continue
        problems.add(_problem(results, result, shapes, records))
    return sorted(problems)


def _problem(
    results: Graph, result: Any, shapes: Graph, records: Mapping[str, SourceRecord]
) -> Problem:
    """One result of a report as a :class:`Problem` at the file and line its focus node came from."""
    focus = results.value(result, SH.focusNode)
    shape = results.value(result, SH.sourceShape)
    message = results.value(result, SH.resultMessage)
    severity = _SEVERITY_WORDS.get(results.value(result, SH.resultSeverity), "violation")
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
