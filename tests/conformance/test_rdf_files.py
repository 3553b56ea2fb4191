"""Every RDF file kg writes parses in Raptor (``rapper``) and Apache Jena (``riot``), with kg's count.

The files: ``kg build`` in each format (TriG, Turtle, N-Quads, JSON-LD), the
RDF exports (TriG, N-Quads, JSON-LD), the nanopublication bundle and each
nanopublication's own file, for the shipped data and a synthetic corpus.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from helpers import REPO

from conformance.conformance_tools import (
    JENA_SYNTAX,
    RAPPER_SYNTAX,
    rapper_count,
    riot_counts,
    riot_validate,
)

_OX = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def statements(path) -> int:
    """The distinct quads (for Turtle: triples) of a file, as pyoxigraph reads it."""
    return len(set(ox.parse(path=str(path), format=_OX[path.suffix])))


def test_kg_build_prints_what_its_file_holds(outputs):
    for fmt, path in outputs.built.items():
        count, unit = outputs.printed[fmt]
        assert unit == ("triples" if fmt == "turtle" else "quads"), fmt
        if path.suffix in RAPPER_SYNTAX:  # rapper reads no JSON-LD
            assert rapper_count(path, RAPPER_SYNTAX[path.suffix]) == count, fmt
        assert statements(path) == count, fmt
    # Turtle writes the union of the graphs: a triple stated in two graphs is one triple.
    assert outputs.printed["turtle"][0] <= outputs.printed["trig"][0]


@pytest.mark.slow
def test_rapper_reads_every_rdf_file_with_kgs_count(outputs):
    files = [p for p in outputs.rdf_files if p.suffix in RAPPER_SYNTAX]
    assert len(files) > 6
    for path in files:
        assert rapper_count(path, RAPPER_SYNTAX[path.suffix]) == statements(path), path


def test_jena_validates_every_rdf_file(outputs):
    by_syntax: dict[str | None, list] = {}
    for path in outputs.rdf_files:
        by_syntax.setdefault(JENA_SYNTAX.get(path.suffix), []).append(path)
    for syntax, paths in by_syntax.items():
        assert riot_validate(paths, syntax) == "", syntax


def test_jena_counts_every_rdf_file_as_kg_does(outputs):
    by_syntax: dict[str | None, list] = {}
    for path in outputs.rdf_files:
        by_syntax.setdefault(JENA_SYNTAX.get(path.suffix), []).append(path)
    for syntax, paths in by_syntax.items():
        counts = riot_counts(paths, syntax)
        assert set(counts) == set(paths)
        for path in paths:
            assert counts[path] == statements(path), path


def test_the_ontology_and_shapes_parse_in_rapper_and_jena():
    files = [REPO / "ontology" / "causal.ttl", REPO / "ontology" / "shapes.ttl"]
    for path in files:
        assert rapper_count(path, "turtle") == statements(path) > 50, path
    assert riot_validate(files) == ""
    assert riot_counts(files) == {p: statements(p) for p in files}
