"""The factor scheme against the SKOS reference's integrity conditions, and skosify.

Each check below is written from the SKOS Reference (W3C Recommendation,
18 August 2009) and named by its condition:

- S9: ``skos:ConceptScheme`` is disjoint with ``skos:Concept``.
- S13: ``skos:prefLabel``, ``skos:altLabel`` and ``skos:hiddenLabel`` are
  pairwise disjoint properties (no resource has the same literal under two).
- S14: a resource has no more than one ``skos:prefLabel`` per language tag.
- S46: ``skos:exactMatch`` is disjoint with ``skos:broadMatch`` and
  ``skos:relatedMatch``; ``skos:exactMatch`` is symmetric (S44 makes the
  mapping properties' inverses explicit) and transitive (S45), so the check
  runs on its closure.

Each check is run on the built schemes and on a copy broken on purpose, so a
check that could never fail would show. skosify (PyPI) reads the scheme as
a SKOS processor and must log no warning.
"""

from __future__ import annotations

import logging
from itertools import combinations

import pytest
import skosify
from helpers import make_linked_data
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

import kg
from kg.authoring import read_corpus
from kg.rdf.build import SCHEME_GRAPH, ontology_quads, scheme_quads, to_rdflib
from kg.resources import shipped_data_dir

SCHEME = URIRef(SCHEME_GRAPH)


def _graph(quads) -> Graph:
    graph = Graph()
    for triple in to_rdflib(quads).triples((None, None, None)):
        graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def schemes(tmp_path_factory) -> dict[str, Graph]:
    """The factor scheme's graph of the shipped and of the linked corpus."""
    linked = make_linked_data(tmp_path_factory.mktemp("linked") / "data")
    # One exact match, so that the matches (and the derived graph) are checked too.
    kg.apply_links([kg.linking.Decision("inland-provinces", "hinterland-regions", "exact")], linked)
    found = {}
    for name, folder in (("shipped", shipped_data_dir()), ("linked", linked)):
        corpus, problems = read_corpus(folder)
        assert [p for p in problems if p.is_violation] == []
        found[name] = _graph(scheme_quads(corpus).quads)
    return found


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _graph(ontology_quads().quads)


def types_of(graph: Graph, ontology: Graph) -> dict[URIRef, set[URIRef]]:
    """Each node's classes, with the superclasses the ontology states (ck:Factor ⊑ skos:Concept)."""
    found: dict[URIRef, set[URIRef]] = {}
    for node, cls in graph.subject_objects(RDF.type):
        found.setdefault(node, set()).update(ontology.transitive_objects(cls, RDFS.subClassOf))
    return found


def s9_violations(graph: Graph, ontology: Graph) -> list[str]:
    return sorted(
        str(node)
        for node, classes in types_of(graph, ontology).items()
        if {SKOS.ConceptScheme, SKOS.Concept} <= classes
    )


def s13_violations(graph: Graph) -> list[tuple[str, str, str, str]]:
    found = []
    for node in set(graph.subjects()):
        labels = {
            p: set(graph.objects(node, p))
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        }
        for (p1, l1), (p2, l2) in combinations(labels.items(), 2):
            found += [(str(node), str(p1), str(p2), str(lit)) for lit in l1 & l2]
    return sorted(found)


def s14_violations(graph: Graph) -> list[tuple[str, str]]:
    found = []
    for node in set(graph.subjects(SKOS.prefLabel, None)):
        languages = [
            lit.language for lit in graph.objects(node, SKOS.prefLabel) if isinstance(lit, Literal)
        ]
        found += [(str(node), str(lang)) for lang in set(languages) if languages.count(lang) > 1]
    return sorted(found)


def _symmetric(pairs: set[tuple]) -> set[tuple]:
    return pairs | {(b, a) for a, b in pairs}


def exact_match_closure(graph: Graph) -> set[tuple]:
    """skos:exactMatch pairs, closed under symmetry (S44) and transitivity (S45)."""
    pairs = _symmetric(set(graph.subject_objects(SKOS.exactMatch)))
    while True:
        more = {(a, d) for a, b in pairs for c, d in pairs if b == c and a != d}
        if more <= pairs:
            return pairs
        pairs |= more


def s46_violations(graph: Graph) -> list[tuple[str, str]]:
    exact = exact_match_closure(graph)
    broad = set(graph.subject_objects(SKOS.broadMatch)) | {
        (b, a) for a, b in graph.subject_objects(SKOS.narrowMatch)
    }
    related = _symmetric(set(graph.subject_objects(SKOS.relatedMatch)))
    return sorted((str(a), str(b)) for a, b in exact & (broad | related))


def _some_factors(graph: Graph, count: int) -> list[URIRef]:
    factors = sorted(graph.subjects(SKOS.inScheme, SCHEME))
    assert len(factors) >= count
    return factors[:count]


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_s9_no_node_is_both_a_concept_scheme_and_a_concept(schemes, ontology, name):
    assert s9_violations(schemes[name], ontology) == []
    broken = schemes[name] + Graph()
    (factor,) = _some_factors(broken, 1)
    broken.add((factor, RDF.type, SKOS.ConceptScheme))
    assert s9_violations(broken, ontology) == [str(factor)]


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_s13_pref_alt_and_hidden_labels_are_pairwise_disjoint(schemes, name):
    graph = schemes[name]
    assert any(graph.triples((None, SKOS.altLabel, None))), "the check would pass vacuously"
    assert s13_violations(graph) == []
    broken = graph + Graph()
    (factor,) = _some_factors(broken, 1)
    broken.add((factor, SKOS.hiddenLabel, graph.value(factor, SKOS.prefLabel)))
    assert [v[:3] for v in s13_violations(broken)] == [
        (str(factor), str(SKOS.prefLabel), str(SKOS.hiddenLabel))
    ]


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_s14_at_most_one_pref_label_per_language(schemes, name):
    assert s14_violations(schemes[name]) == []
    broken = schemes[name] + Graph()
    broken.add((SCHEME, SKOS.prefLabel, Literal("another label", lang="en")))
    assert s14_violations(broken) == [(str(SCHEME), "en")]


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_s46_exact_match_is_disjoint_with_broad_and_related_match(schemes, name):
    graph = schemes[name]
    assert s46_violations(graph) == []
    broken = graph + Graph()
    a, b, c = _some_factors(broken, 3)
    broken.add((a, SKOS.exactMatch, b))
    broken.add((b, SKOS.exactMatch, c))
    broken.add((c, SKOS.relatedMatch, a))  # a = c by the closure, so a relatedMatch c clashes
    assert (str(a), str(c)) in s46_violations(broken)


def test_the_linked_scheme_has_exact_matches_for_s46_to_check(schemes):
    assert any(schemes["linked"].triples((None, SKOS.exactMatch, None)))


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_the_scheme_has_one_pref_label_per_language_and_a_title(schemes, name):
    graph = schemes[name]
    labels = list(graph.objects(SCHEME, SKOS.prefLabel))
    assert labels and all(isinstance(label, Literal) and label.language for label in labels)
    assert {str(label) for label in labels} == {
        str(t) for t in graph.objects(SCHEME, URIRef("http://purl.org/dc/terms/title"))
    }


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_top_concepts_are_exactly_the_concepts_without_broader(schemes, name):
    graph = schemes[name]
    concepts = set(graph.subjects(SKOS.inScheme, SCHEME))
    without_broader = {c for c in concepts if graph.value(c, SKOS.broader) is None}
    assert without_broader
    assert set(graph.objects(SCHEME, SKOS.hasTopConcept)) == without_broader
    assert set(graph.subjects(SKOS.topConceptOf, SCHEME)) == without_broader


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def skosify_warnings(graph: Graph) -> list[str]:
    """What skosify logs at WARNING or above while it reads ``graph`` (it logs to the root logger)."""
    handler = _Warnings()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        skosify.skosify(graph + Graph())
    finally:
        root.removeHandler(handler)
    return handler.messages


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_skosify_reads_the_scheme_without_a_warning(schemes, name):
    assert skosify_warnings(schemes[name]) == []


def test_skosify_warns_about_a_scheme_without_a_label(schemes):
    """The check can fail: skosify names what the scheme lacked before it had a label."""
    broken = schemes["shipped"] + Graph()
    broken.remove((SCHEME, SKOS.prefLabel, None))
    assert any("label" in message for message in skosify_warnings(broken))
