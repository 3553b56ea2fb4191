"""pySHACL and Apache Jena's SHACL engine give the same report on kg's data.

The data graph is the union of the graphs of the built ``kg.trig`` (the
ontology's class hierarchy included, which ``sh:class`` follows), as
N-Triples; the shapes are ``ontology/shapes.ttl``. Both engines must agree
on whether it conforms, and result for result (focus node, path, constraint
component, severity), on the shipped data, on the synthetic corpus and on
broken copies that violate each kind of constraint the shapes use.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from helpers import REPO
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF, SH
from rdflib.term import BNode

from conformance.conformance_tools import jena_shacl

SHAPES = REPO / "ontology" / "shapes.ttl"
PREFIXES = """
PREFIX ck: <https://w3id.org/briefkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
ONE_CLAIM = "{ SELECT ?c WHERE { ?c a ck:CausalClaim } ORDER BY ?c LIMIT 1 }"

#: Broken copies: a SPARQL Update each, and the constraint it breaks.
BREAKAGES = {
    "missing cause (sh:minCount)": f"DELETE {{ ?c ck:cause ?f }} WHERE {{ {ONE_CLAIM} ?c ck:cause ?f }}",
    "confidence above 1 (sh:maxInclusive)": f"""
        DELETE {{ ?c ck:confidence ?v }} INSERT {{ ?c ck:confidence 1.5 }}
        WHERE {{ {ONE_CLAIM} ?c ck:confidence ?v }}""",
    "sign not a sign (sh:in)": f"""
        DELETE {{ ?c ck:sign ?v }} INSERT {{ ?c ck:sign ck:Hedged }}
        WHERE {{ {ONE_CLAIM} ?c ck:sign ?v }}""",
    "start after end (sh:sparql)": f"""
        INSERT {{ ?c ck:timeScope "the decade" ; ck:startYear "2020"^^xsd:gYear ;
                     ck:endYear "2010"^^xsd:gYear }}
        WHERE {{ {ONE_CLAIM} }}""",
    "factor without a label (sh:minCount)": """
        DELETE { ?f skos:prefLabel ?l } WHERE {
          { SELECT ?f WHERE { ?f a ck:Factor } ORDER BY ?f LIMIT 1 } ?f skos:prefLabel ?l }""",
}


def union_graph(path, tmp_path, update: str | None = None):
    """The union of the graphs of ``path`` as an N-Triples file, after ``update``."""
    store = ox.Store()
    triples = {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG)}
    store.extend(ox.Quad(*t) for t in triples)
    if update is not None:
        store.update(PREFIXES + update)
    out = tmp_path / "data.nt"
    out.write_bytes(ox.serialize(store, format=ox.RdfFormat.N_QUADS) or b"")
    return out


def summary(report: Graph) -> tuple[bool, list[tuple[str, ...]]]:
    """Whether a SHACL validation report conforms, and its results, comparable across engines."""

    def term(value) -> str:
        return "_" if value is None or isinstance(value, BNode) else str(value)

    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    conforms = report.value(node, SH.conforms).toPython()
    results = sorted(
        tuple(
            term(report.value(result, prop))
            for prop in (
                SH.focusNode,
                SH.resultPath,
                SH.sourceConstraintComponent,
                SH.resultSeverity,
            )
        )  # fmt: skip
        for result in report.objects(node, SH.result)
    )
    return conforms, results


def both(data) -> tuple:
    graph = Graph().parse(data, format="nt")
    shapes = Graph().parse(SHAPES, format="turtle")
    _conforms, py_report, _text = validate(graph, shacl_graph=shapes, inference="none")
    jena_report = Graph().parse(data=jena_shacl(SHAPES, data), format="turtle")
    return summary(py_report), summary(jena_report)


def test_both_engines_find_kgs_data_conforms(outputs, tmp_path):
    ours, jenas = both(union_graph(outputs.built["trig"], tmp_path))
    assert ours == jenas == (True, [])


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_both_engines_report_the_same_results_on_a_broken_copy(shipped, tmp_path, breakage):
    ours, jenas = both(union_graph(shipped.built["trig"], tmp_path, BREAKAGES[breakage]))
    assert ours[0] is False and ours[1], breakage  # the copy is broken ...
    assert ours == jenas  # ... and both say how, result for result
