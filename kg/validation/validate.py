"""Check a data folder: authoring rules first, then the SHACL shapes.

The SHACL step runs on the built graph (the union of every named graph,
ontology included) and each result is traced back to the authoring file and
line of the record it concerns, so the analyst reads ``file:line: field`` for
SHACL problems exactly as for authoring ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.authoring.model import Corpus
from kg.authoring.reader import read_corpus
from kg.io import display_path
from kg.problems import Problem, ValidationReport
from kg.rdf.build import SourceRecord, corpus_to_dataset, source_records
from kg.resources import ontology_dir

__all__ = ["CheckedData", "check_data", "validate", "shacl_problems", "load_shapes"]


@dataclass
class CheckedData:
    """The outcome of checking a data folder.

    ``dataset`` is ``None`` when the authoring checks failed, since a graph
    built from records with problems would mislead.
    """

    corpus: Corpus
    dataset: Dataset | None
    report: ValidationReport


def load_shapes() -> Graph:
    """The SHACL shapes graph (``ontology/shapes.ttl``)."""
    shapes = Graph()
    shapes.parse(ontology_dir() / "shapes.ttl", format="turtle")
    return shapes


def check_data(data_dir: str | os.PathLike) -> CheckedData:
    """Read, check and (when the authoring checks pass) build and SHACL-validate a folder."""
    corpus, problems = read_corpus(data_dir)
    files = [display_path(corpus.factors_path)] + [
        display_path(p) for p in sorted((Path(data_dir) / "briefs").glob("*.y*ml"))
    ]
    report = ValidationReport(problems=sorted(problems), files=files)
    if problems:
        return CheckedData(corpus, None, report)
    dataset = corpus_to_dataset(corpus)
    report.problems = sorted(shacl_problems(dataset, source_records(corpus)))
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
        ``report.conforms`` tells whether the data is valid;
        ``report.problems`` lists each problem with file, line and field.

    Raises
    ------
    DataNotFound
        The folder or its files are missing, so nothing could be checked.
    """
    return check_data(data_dir).report


def shacl_problems(dataset: Dataset, records: dict[URIRef, SourceRecord]) -> list[Problem]:
    """Run the SHACL shapes over ``dataset`` and return each result as a :class:`Problem`."""
    data = Graph()
    for triple in dataset.triples((None, None, None)):
        data.add(triple)
    shapes = load_shapes()
    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        field_name = shapes.value(shape, SH.name) if shape is not None else None
        record = records.get(focus) if isinstance(focus, URIRef) else None
        field_text = str(field_name) if field_name is not None else ""
        text = str(message) if message is not None else "does not meet the shapes"
        if record is None:
            problems.append(Problem(str(focus), 0, "", field_text, text, origin="shacl"))
            continue
        problems.append(
            Problem(
                record.source.path,
                record.line_of(field_text),
                record.record,
                field_text,
                text,
                origin="shacl",
            )
        )
    return problems
