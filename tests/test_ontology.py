"""The vocabulary (ontology/causal.ttl) and the shapes (ontology/shapes.ttl)."""

from __future__ import annotations

import pytest
from helpers import BRIEF_ID, REPO
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.authoring.reader import (
    BRIEF_FIELDS,
    CLAIM_FIELDS,
    FACTOR_FIELDS,
    OBSERVATION_FIELDS,
    SELECTION_FIELDS,
)
from kg.vocab import CK, ONTOLOGY_IRI

CK_NS = "https://w3id.org/briefkg/ontology#"
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
OUTSIDE = (
    "http://www.wikidata.org/",
    "https://www.wikidata.org/",
    "http://purl.obolibrary.org/obo/",
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(REPO / "ontology" / "causal.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(REPO / "ontology" / "shapes.ttl", format="turtle")


def ck_terms_declared(graph: Graph) -> set[URIRef]:
    return {
        s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(CK_NS)
    }


def test_both_files_parse_and_are_not_empty(ontology, shapes):
    assert len(ontology) > 100
    assert len(shapes) > 100
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology


def test_every_ck_term_has_a_label_and_a_definition(ontology):
    subjects = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(CK_NS)}
    assert subjects, "no ck: terms found"
    missing = [
        (str(s), what)
        for s in sorted(subjects)
        for what, prop in (("rdfs:label", RDFS.label), ("skos:definition", SKOS.definition))
        if not any(isinstance(v, Literal) and str(v).strip() for v in ontology.objects(s, prop))
    ]
    assert missing == []


def test_every_term_of_the_CK_namespace_is_declared(ontology):
    declared = ck_terms_declared(ontology)
    names = [n for n in CK.__annotations__ if not n.startswith("_")]
    assert len(names) > 30
    undeclared = [n for n in names if URIRef(CK_NS + n) not in declared]
    assert undeclared == []


def test_every_declared_ck_term_is_reachable_through_CK(ontology):
    """The closed namespace must not hide a term that the ontology declares."""
    names = set(CK.__annotations__)
    extra = sorted(str(t)[len(CK_NS) :] for t in ck_terms_declared(ontology))
    assert [n for n in extra if n not in names] == []


def test_ontology_has_a_version_iri_matching_its_version_info(ontology):
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    info = ontology.value(ONTOLOGY_IRI, OWL.versionInfo)
    assert isinstance(version_iri, URIRef)
    assert info is not None
    assert str(version_iri) == f"{ONTOLOGY_IRI}/{info}"


@pytest.mark.parametrize("sub", ["increases", "decreases"])
def test_signed_edges_are_subproperties_of_causes(ontology, sub):
    assert (CK[sub], RDFS.subPropertyOf, CK.causes) in ontology


def test_stated_in_is_a_subproperty_of_prov_was_derived_from(ontology):
    assert (CK.statedIn, RDFS.subPropertyOf, PROV_DERIVED) in ontology


def test_causes_is_not_transitive(ontology):
    assert (CK.causes, RDF.type, OWL.TransitiveProperty) not in ontology


def test_no_formal_link_to_wikidata_or_obo(ontology):
    """Alignments are annotations only (rdfs:seeAlso, comments), never equivalence."""
    formal = (
        OWL.equivalentProperty,
        OWL.equivalentClass,
        OWL.sameAs,
        RDFS.subPropertyOf,
        RDFS.subClassOf,
    )
    links = [
        (str(s), str(p), str(o))
        for p in formal
        for s, o in ontology.subject_objects(p)
        if str(o).startswith(OUTSIDE) or str(s).startswith(OUTSIDE)
    ]
    assert links == []
    # ... while the annotations the README describes are there.
    see_also = {str(o) for o in ontology.objects(CK.causes, RDFS.seeAlso)}
    assert "http://www.wikidata.org/entity/P1542" in see_also


def _property_shapes(shapes: Graph) -> set:
    found = set(shapes.subjects(RDF.type, SH.PropertyShape))
    found |= set(shapes.objects(None, SH.property))
    return found


def test_every_property_shape_has_an_iri_a_message_and_a_name(shapes):
    props = _property_shapes(shapes)
    assert len(props) > 30
    bad = [
        str(p)
        for p in props
        if not isinstance(p, URIRef)
        or shapes.value(p, SH.message) is None
        or shapes.value(p, SH.name) is None
        or shapes.value(p, SH.path) is None
    ]
    assert bad == []


def test_shape_names_are_authoring_field_names(shapes):
    """sh:name is used to point SHACL problems at a YAML field; it must be one."""
    fields = {
        f.name
        for group in (
            BRIEF_FIELDS,
            CLAIM_FIELDS,
            FACTOR_FIELDS,
            OBSERVATION_FIELDS,
            SELECTION_FIELDS,
        )
        for f in group
    }
    fields.add("title")  # the scheme's title in factors.yaml
    names = {str(shapes.value(p, SH.name)) for p in _property_shapes(shapes)}
    assert names - fields == set()


def test_shapes_only_target_classes_of_the_ontology_or_known_vocabularies(shapes, ontology):
    declared = set(ontology.subjects(RDF.type, OWL.Class))
    targets = set(shapes.objects(None, SH.targetClass))
    known_outside = {SKOS.ConceptScheme, URIRef("http://purl.org/ontology/bibo/Series")}
    assert targets - declared - known_outside == set()


DOCS = REPO / "docs" / "ontology" / "index.html"
OWL_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def test_the_ontology_docs_list_every_class_and_property_of_causal_ttl(ontology):
    page = DOCS.read_text(encoding="utf-8")
    terms = {
        t for kind in OWL_KINDS for t in ontology.subjects(RDF.type, kind) if isinstance(t, URIRef)
    }
    assert len(terms) > 40
    assert sorted(str(t) for t in terms if str(t) not in page) == []


def test_the_committed_ontology_docs_are_what_pylode_makes_of_causal_ttl(tmp_path):
    """Run scripts/ontology-docs.sh's pyLODE call again and compare with the committed page.

    pyLODE lists the members of an owl:unionOf in an order that changes from
    run to run, so the pages are compared line by line regardless of order.
    """
    from pylode import OntPub

    made = OntPub(REPO / "ontology" / "causal.ttl", sort_subjects=True).make_html(include_css=True)
    committed = DOCS.read_text(encoding="utf-8")
    assert sorted(str(made).splitlines()) == sorted(committed.splitlines()), (
        "docs/ontology/index.html is out of date: run scripts/ontology-docs.sh"
    )


def test_the_ontology_readme_lists_every_outside_term_causal_ttl_declares(ontology):
    readme = (REPO / "ontology" / "README.md").read_text(encoding="utf-8")
    prefixes = {ns: p for p, ns in ontology.namespaces()}
    outside = {
        t
        for kind in OWL_KINDS
        for t in ontology.subjects(RDF.type, kind)
        if isinstance(t, URIRef) and not t.startswith(CK_NS)
    }
    assert len(outside) > 20
    missing = []
    for term in sorted(outside):
        ns = next(n for n in prefixes if term.startswith(n))
        if f"`{prefixes[ns]}:{term[len(ns) :]}`" not in readme:
            missing.append(str(term))
    assert missing == []


DCTERMS_LANGUAGE = URIRef("http://purl.org/dc/terms/language")
LINGUISTIC_SYSTEM = URIRef("http://purl.org/dc/terms/LinguisticSystem")


@pytest.fixture
def fixture_build(write_data):
    """The dataset and source records of the valid fixture data."""
    import kg
    from kg.rdf.build import corpus_to_dataset, source_records

    corpus, problems = kg.read_corpus(write_data())
    assert problems == []
    return corpus_to_dataset(corpus), source_records(corpus)


@pytest.mark.parametrize(
    ("tag", "iri"),
    [
        ("en", "http://id.loc.gov/vocabulary/iso639-1/en"),
        ("zh-Hans", "http://id.loc.gov/vocabulary/iso639-1/zh"),
        ("yue", "http://id.loc.gov/vocabulary/iso639-2/yue"),
    ],
)
def test_a_language_tag_names_its_iso_639_resource_at_the_library_of_congress(tag, iri):
    from kg.vocab import language_iri

    assert language_iri(tag) == URIRef(iri)


def test_a_briefs_language_is_a_linguistic_system_iri_and_conforms(fixture_build):
    from kg.validation import shacl_problems
    from kg.vocab import brief_iri

    dataset, records = fixture_build
    brief = brief_iri(BRIEF_ID)
    (language,) = dataset.objects(brief, DCTERMS_LANGUAGE)
    assert language == URIRef("http://id.loc.gov/vocabulary/iso639-1/en")  # the YAML says en
    assert (language, RDF.type, LINGUISTIC_SYSTEM) in dataset
    assert shacl_problems(dataset, records) == []


def test_shacl_rejects_a_language_given_as_a_literal(fixture_build):
    """The form kg wrote before: `dcterms:language "en"`, which DCMI's range rules out."""
    from kg.validation import shacl_problems
    from kg.vocab import brief_iri

    dataset, records = fixture_build
    graph = dataset.graph(brief_iri(BRIEF_ID))
    graph.set((brief_iri(BRIEF_ID), DCTERMS_LANGUAGE, Literal("en")))
    found = shacl_problems(dataset, records)
    assert {(p.record, p.field, p.severity) for p in found} == {("brief", "language", "violation")}


def test_shacl_rejects_a_scheme_without_a_pref_label(fixture_build):
    from kg.validation import shacl_problems
    from kg.vocab import SCHEME_IRI

    dataset, records = fixture_build
    dataset.graph(SCHEME_IRI).remove((SCHEME_IRI, SKOS.prefLabel, None))
    found = shacl_problems(dataset, records)
    assert found and {p.field for p in found} == {"title"}
