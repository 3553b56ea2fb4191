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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from pyshacl.errors import ConstraintLoadError, ShapeLoadError
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.authoring.model import Corpus
from kg.authoring.reader import read_corpus
from kg.errors import DataNotFound, UnreadableFile
from kg.io import display_path
from kg.problems import Problem, ValidationReport
from kg.rdf.build import SourceRecord, corpus_to_dataset, load_ontology, source_records
from kg.resources import ontology_dir
from kg.vocab import ONTOLOGY_IRI, SCHEME_IRI, brief_iri

__all__ = [
    "CheckedData",
    "check_data",
    "validate",
    "load_shapes",
    "shacl_check",
    "shacl_problems",
    "scheme_shacl_problems",
    "brief_shacl_problems",
]

#: SHACL severities and the words kg uses for them.
_SEVERITY_WORDS = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass
class CheckedData:
    """The outcome of checking a data folder.

    ``dataset`` is ``None`` when the authoring checks failed, since a graph
    built from records with problems would mislead.
    """

    corpus: Corpus
    dataset: Dataset | None
    report: ValidationReport


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


@lru_cache(maxsize=1)
def _class_hierarchy() -> Graph:
    """The ``rdfs:subClassOf`` triples of kg's ontology, which ``sh:class`` follows."""
    return _subclass_triples(load_ontology())


def _subclass_triples(ontology: Graph) -> Graph:
    hierarchy = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        hierarchy.add(triple)
    return hierarchy


# ---------------------------------------------------------------- running the shapes


def shacl_check(
    graph: Graph,
    records: Mapping[str, SourceRecord],
    *,
    context: Iterable[Graph] = (),
    shapes: Graph | None = None,
) -> list[Problem]:
    """Check the nodes of ``graph`` against the shapes, looking up ``context`` too.

    The focus nodes are the subjects that ``graph`` itself gives a type; the
    ``context`` graphs (the factor scheme, the ontology's class hierarchy)
    supply what the shapes look up about other nodes, such as the type of a
    claim's cause, but their own nodes are not checked.

    Parameters
    ----------
    graph : rdflib.Graph
        The triples to check, e.g. one brief's named graph.
    records : mapping of IRI to SourceRecord
        Where each node was written (:func:`kg.rdf.build.source_records`), to
        give each problem its file, line and record.
    context : iterable of rdflib.Graph
        Graphs the shapes may read but whose nodes are not checked.
    shapes : rdflib.Graph, optional
        The shapes; default :func:`load_shapes`.

    Returns
    -------
    list of Problem
        Sorted, each distinct problem once, with ``origin="shacl"`` and the
        severity of its shape.
    """
    typed = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    focus: list[str | URIRef] = sorted(typed)
    if not focus:
        return []  # pySHACL would take an empty list of focus nodes as "every node"
    data = Graph()
    data += graph
    for extra in context:
        data += extra
    return _run(data, records, shapes, focus)


def shacl_problems(
    dataset: Dataset,
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
) -> list[Problem]:
    """Run the SHACL shapes over the whole ``dataset`` (the union of its graphs).

    Returns
    -------
    list of Problem
        Sorted, each distinct problem once, with ``origin="shacl"`` and the
        severity of its shape.
    """
    data = Graph()
    for triple in dataset.triples((None, None, None)):
        data.add(triple)
    if not any(True for _ in data.triples((None, RDFS.subClassOf, None))):
        data += _class_hierarchy()
    return _run(data, records, shapes, None)


def scheme_shacl_problems(
    dataset: Dataset,
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
) -> list[Problem]:
    """Check the factor scheme's graph, and the ontology's, of ``dataset``.

    Together with :func:`brief_shacl_problems` for every brief, this finds the
    same problems as :func:`shacl_problems` on the whole dataset.
    """
    data = Graph()
    data += dataset.graph(SCHEME_IRI)
    data += _ontology_of(dataset)
    # Every node here is checked, so no list of focus nodes is needed (pySHACL
    # looks each target up in that list, which is slow for thousands of factors).
    return _run(data, records, shapes, None)


def brief_shacl_problems(
    dataset: Dataset,
    brief_id: str,
    records: Mapping[str, SourceRecord],
    *,
    shapes: Graph | None = None,
) -> list[Problem]:
    """Check one brief's named graph of ``dataset``, seeing the factor scheme.

    Only the brief, its claims, observations and series are checked; the
    factors are checked once by :func:`scheme_shacl_problems`. A build that
    knows which brief files changed needs to check only their graphs.

    The shapes see the brief's graph, the ontology's class hierarchy and, from
    the factor scheme, the triples about each node the brief's graph names
    (the factors its claims and observations point to), so the time of a
    check depends on the size of the brief, not of the scheme. Every node's
    triples are assumed to sit in one graph, as the build writes them; a
    series, which several briefs may name, is described anew by each.

    Parameters
    ----------
    dataset : rdflib.Dataset
        As built by :func:`kg.rdf.build.corpus_to_dataset`.
    brief_id : str
        The brief's id; its graph is named by the brief's IRI.
    records : mapping of IRI to SourceRecord
        Where each node was written.
    shapes : rdflib.Graph, optional
        The shapes; default :func:`load_shapes`.
    """
    brief = dataset.graph(brief_iri(brief_id))
    scheme = dataset.graph(SCHEME_IRI)
    named = {node for s, _p, o in brief for node in (s, o) if isinstance(node, URIRef)}
    described = Graph()
    for node in named:
        for triple in scheme.triples((node, None, None)):
            described.add(triple)
    context = [described, _subclass_triples(_ontology_of(dataset))]
    return shacl_check(brief, records, context=context, shapes=shapes)


def _ontology_of(dataset: Dataset) -> Graph:
    """The dataset's ontology graph, or kg's ontology when it was built without one."""
    ontology = dataset.graph(ONTOLOGY_IRI)
    return ontology if len(ontology) else load_ontology()


def _run(
    data: Graph,
    records: Mapping[str, SourceRecord],
    shapes: Graph | None,
    focus: list[str | URIRef] | None,
) -> list[Problem]:
    shapes = load_shapes() if shapes is None else shapes
    try:
        _conforms, results, _text = shacl_validate(
            data,
            shacl_graph=shapes,
            inference="none",
            inplace=True,  # `data` is a graph made for this call
            allow_warnings=True,
            allow_infos=True,
            focus_nodes=focus,
        )
    except (ShapeLoadError, ConstraintLoadError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise UnreadableFile(
            f"the SHACL shapes are not valid SHACL: {first}",
            "fix the shapes file, or reinstall kg to restore its shapes",
        ) from None
    problems = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        problems.add(_problem(results, result, shapes, records))
    return sorted(problems)


def _problem(results: Graph, result, shapes: Graph, records: Mapping[str, SourceRecord]) -> Problem:
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
    """Read, check and (when the authoring checks pass) build and SHACL-validate a folder."""
    corpus, problems = read_corpus(data_dir)
    files = [display_path(corpus.factors_path)] + [
        display_path(p) for p in sorted((Path(data_dir) / "briefs").glob("*.y*ml"))
    ]
    report = ValidationReport(problems=sorted(problems), files=files)
    if not report.conforms:
        return CheckedData(corpus, None, report)
    dataset = corpus_to_dataset(corpus)
    report.problems = sorted([*problems, *shacl_problems(dataset, source_records(corpus))])
    report.shacl_checked = True
    return CheckedData(corpus, dataset, report)


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
