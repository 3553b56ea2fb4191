"""The ontology in OWL tools: HermiT's consistency check and the OWL API's OWL 2 DL profile.

HermiT is the reasoner Protégé ships; owlready2 bundles it and runs it on
Java (Debian's ``default-jre-headless``). A missing Java or owlready2 fails
these tests, it does not skip them.

The data's literals keep the datatypes that Dublin Core and the SHACL shapes
ask for, ``xsd:date`` (``dcterms:issued``) and ``xsd:gYear``
(``ck:startYear``, ``ck:endYear``). Neither is in the OWL 2 datatype map, so
HermiT reads the ontology with the data only when told to set those literals
aside (``--ignoreUnsupportedDatatypes``); a test pins that these two are the
only such datatypes, and the ontology alone is checked without that option.

The OWL API (Debian's ``libowlapi-java``, driven through JPype) checks the
OWL 2 DL profile: the ontology alone is in it, and with the data only those
literals are outside it. A missing JAR fails the tests too.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import owlready2
import pyoxigraph as ox
import pytest
from helpers import REPO, make_linked_data
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

import kg
from kg.authoring import read_corpus
from kg.rdf.build import corpus_quads
from kg.resources import shipped_data_dir
from kg.vocab import PREFIXES

CAUSAL_TTL = REPO / "ontology" / "causal.ttl"
#: Namespaces whose terms OWL itself defines (the reserved vocabulary) and kg's own.
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD), PREFIXES["ck"])
#: The OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus
#: rdf:langString, which RDF 1.1 gives to every language-tagged literal.
OWL2_DATATYPES = {
    str(RDF.PlainLiteral),
    str(RDF.XMLLiteral),
    str(RDF.langString),
    str(RDFS.Literal),
    str(OWL.real),
    str(OWL.rational),
    *(
        str(XSD) + name
        for name in (
            "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger "
            "negativeInteger long int short byte unsignedLong unsignedInt unsignedShort "
            "unsignedByte double float string normalizedString token language Name NCName "
            "NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp"
        ).split()
    ),
}
#: The datatypes the data uses outside that map, on purpose (see the module's docstring).
NON_OWL2_DATATYPES = {str(XSD.date), str(XSD.gYear)}
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _triples(quads) -> list[ox.Triple]:
    return [q.triple for q in quads]


@pytest.fixture(scope="module")
def datasets(tmp_path_factory) -> dict[str, list[ox.Triple]]:
    """The union of every graph (ontology included) of the shipped and the linked corpus."""
    linked = make_linked_data(tmp_path_factory.mktemp("linked") / "data")
    # One exact match, so that the matches (and the derived graph) are checked too.
    kg.apply_links([kg.linking.Decision("inland-provinces", "hinterland-regions", "exact")], linked)
    found = {}
    for name, folder in (("shipped", shipped_data_dir()), ("linked", linked)):
        corpus, problems = read_corpus(folder)
        assert [p for p in problems if p.is_violation] == []
        found[name] = _triples(corpus_quads(corpus))
    return found


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(CAUSAL_TTL, format="turtle")


def hermit_consistent(triples: list[ox.Triple], folder: Path, *, ignore_datatypes: bool) -> bool:
    """Run HermiT (through owlready2) on ``triples``; True when it finds them consistent."""
    path = folder / "input.nt"
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    # owlready2 hands HermiT a temporary file it does not remove: keep it in the test's folder.
    system_tmp, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        owlready2.sync_reasoner_hermit(
            world, debug=0, ignore_unsupported_datatypes=ignore_datatypes
        )
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    finally:
        tempfile.tempdir = system_tmp
    # A consistent ontology can still have classes that no individual may be in.
    assert list(world.inconsistent_classes()) == []
    return True


@pytest.mark.slow
def test_hermit_finds_the_ontology_alone_consistent(tmp_path):
    """Without --ignoreUnsupportedDatatypes: every datatype of causal.ttl is in the OWL 2 map."""
    triples = list(ox.parse(path=str(CAUSAL_TTL), format=ox.RdfFormat.TURTLE))
    assert hermit_consistent(triples, tmp_path, ignore_datatypes=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_hermit_finds_the_ontology_with_the_data_consistent(datasets, name, tmp_path):
    assert hermit_consistent(datasets[name], tmp_path, ignore_datatypes=True)


@pytest.mark.slow
def test_hermit_finds_a_claim_that_is_also_an_observation_inconsistent(datasets, tmp_path):
    """The check can fail: ck:CausalClaim and ck:Observation are disjoint."""
    claim = next(
        t.subject
        for t in datasets["shipped"]
        if t.object == ox.NamedNode(PREFIXES["ck"] + "CausalClaim")
    )
    broken = [
        *datasets["shipped"],
        ox.Triple(claim, ox.NamedNode(str(RDF.type)), ox.NamedNode(PREFIXES["ck"] + "Observation")),
    ]
    assert not hermit_consistent(broken, tmp_path, ignore_datatypes=True)


@pytest.mark.slow
def test_hermit_finds_a_factor_that_is_also_a_scheme_inconsistent(datasets, tmp_path):
    """SKOS S9 as the ontology states it: skos:ConceptScheme is disjoint with skos:Concept."""
    factor = next(
        t.subject
        for t in datasets["shipped"]
        if t.object == ox.NamedNode(PREFIXES["ck"] + "Factor")
    )
    scheme = ox.NamedNode(PREFIXES["skos"] + "ConceptScheme")
    broken = [*datasets["shipped"], ox.Triple(factor, ox.NamedNode(str(RDF.type)), scheme)]
    assert not hermit_consistent(broken, tmp_path, ignore_datatypes=True)


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_the_data_uses_no_datatype_outside_the_owl2_map_but_date_and_gyear(datasets, name):
    used = {
        t.object.datatype.value
        for t in datasets[name]
        if isinstance(t.object, ox.Literal) and t.object.language is None
    }
    assert used - OWL2_DATATYPES == NON_OWL2_DATATYPES & used
    assert NON_OWL2_DATATYPES & used, "the check above would pass vacuously"


def _outside(term) -> bool:
    return isinstance(term, ox.NamedNode) and not term.value.startswith(BUILT_IN)


def outside_terms_used(triples: list[ox.Triple]) -> dict[str, set[URIRef]]:
    """The outside terms the triples use, by the OWL kind their use calls for.

    A predicate with literal values is a datatype (or annotation) property,
    one with IRI values an object (or annotation) property, the object of
    ``rdf:type`` or of ``rdfs:subClassOf`` a class.
    """
    used: dict[str, set[URIRef]] = {"literal": set(), "iri": set(), "class": set()}
    for t in triples:
        if t.predicate.value in (str(RDF.type), str(RDFS.subClassOf)) and _outside(t.object):
            used["class"].add(URIRef(t.object.value))
        elif _outside(t.predicate):
            kind = "literal" if isinstance(t.object, ox.Literal) else "iri"
            used[kind].add(URIRef(t.predicate.value))
    return used


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_every_outside_term_the_data_uses_is_declared_with_its_kind(datasets, ontology, name):
    used = outside_terms_used(datasets[name])
    assert used["literal"] and used["iri"] and used["class"]
    kinds = {
        "literal": (OWL.DatatypeProperty, OWL.AnnotationProperty),
        "iri": (OWL.ObjectProperty, OWL.AnnotationProperty),
        "class": (OWL.Class,),
    }
    undeclared = sorted(
        (kind, str(term))
        for kind, terms in used.items()
        for term in terms
        if not any((term, RDF.type, k) in ontology for k in kinds[kind])
    )
    assert undeclared == []


def test_the_declarations_cover_every_outside_term_the_build_can_write(ontology):
    """Terms written only for some input (matches, series, URLs) are declared too."""
    build = (REPO / "kg" / "rdf" / "build.py").read_text(encoding="utf-8")
    for prefix in ("skos", "dcterms", "dc", "prov", "bibo"):
        for local in set(_calls(build, f'_{prefix}("')):
            term = URIRef(PREFIXES[prefix] + local)
            assert any(ontology.triples((term, RDF.type, None))), f"{prefix}:{local} undeclared"


def _calls(text: str, opening: str) -> list[str]:
    parts = text.split(opening)[1:]
    return [p.split('"', 1)[0] for p in parts]


def test_no_term_is_declared_with_two_property_kinds_or_as_class_and_property(ontology):
    """OWL 2 DL forbids one IRI being two kinds of property, or a class and a property."""
    clashes = []
    for term in set(ontology.subjects(RDF.type, None)):
        kinds = [k for k in (*PROPERTY_KINDS, OWL.Class) if (term, RDF.type, k) in ontology]
        if len(kinds) > 1:
            clashes.append((str(term), [str(k) for k in kinds]))
    assert clashes == []


def test_annotation_properties_carry_no_domain_range_that_dl_forbids(ontology):
    """An annotation property's range must be an IRI (never a class expression) in OWL 2 DL."""
    for prop in ontology.subjects(RDF.type, OWL.AnnotationProperty):
        for value in ontology.objects(prop, RDFS.range):
            assert isinstance(value, URIRef), prop


def test_every_datatype_range_of_the_ontology_is_in_the_owl2_map(ontology):
    ranges = {
        str(r)
        for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)
        for r in ontology.objects(p, RDFS.range)
    }
    assert ranges and ranges <= OWL2_DATATYPES


#: The OWL API's OWL 2 DL profile checker (Debian's libowlapi-java), driven
#: through JPype in a child process so that the JVM does not outlive the check.
OWLAPI_PROFILE = r"""
import glob, sys
import jpype, jpype.imports

java = "/usr/share/java/"
jars = ["owlapi-distribution", "atinject-jsr330-api", "caffeine", "commons-codec", "commons-io",
        "commons-rdf-api", "guava", "hppcrt", "jackson-annotations", "jackson-core",
        "jackson-databind", "jsr305", "slf4j-api", "slf4j-nop", "xz", "httpclient", "httpcore"]
classpath = [java + jar + ".jar" for jar in jars] + sorted(glob.glob(java + "rdf4j-*.jar"))
missing = [jar for jar in classpath if not glob.glob(jar)]
if missing:
    sys.exit("missing " + " ".join(missing) + "; install Debian's libowlapi-java")
jpype.startJVM(classpath=classpath)
from java.io import File
from org.semanticweb.owlapi.apibinding import OWLManager
from org.semanticweb.owlapi.profiles import OWL2DLProfile

manager = OWLManager.createOWLOntologyManager()
ontology = manager.loadOntologyFromOntologyDocument(File(sys.argv[1]))
for violation in OWL2DLProfile().checkOntology(ontology).getViolations():
    print(violation.getClass().getSimpleName() + "\t" + str(violation.toString()).replace("\n", " "))
"""


def owl2_dl_violations(triples: list[ox.Triple], folder: Path) -> list[tuple[str, str]]:
    """The OWL API's OWL 2 DL profile violations of ``triples``: (kind, text) pairs."""
    path = folder / "input.nt"
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    run = subprocess.run(
        [sys.executable, "-c", OWLAPI_PROFILE, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return [tuple(line.split("\t", 1)) for line in run.stdout.splitlines()]  # type: ignore[misc]


@pytest.mark.slow
def test_the_owl_api_finds_the_ontology_alone_in_the_owl2_dl_profile(tmp_path):
    triples = list(ox.parse(path=str(CAUSAL_TTL), format=ox.RdfFormat.TURTLE))
    assert owl2_dl_violations(triples, tmp_path) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_the_owl_api_finds_only_the_date_and_year_literals_outside_owl2_dl(
    datasets, name, tmp_path
):
    """Every other axiom of ontology plus data is OWL 2 DL; the two datatypes are a known gap."""
    violations = owl2_dl_violations(datasets[name], tmp_path)
    assert violations, "the data has xsd:date literals, which OWL 2 DL does not allow"
    datatype_kinds = {"UseOfUndeclaredDatatype", "UseOfDefinedDatatypeInLiteral"}
    others = [v for v in violations if v[0] not in datatype_kinds]
    assert others == []
    assert all("xsd:date" in text or "xsd:gYear" in text for _, text in violations)


@pytest.mark.slow
def test_the_owl_api_finds_a_property_used_both_ways_outside_owl2_dl(datasets, tmp_path):
    """The check can fail: a datatype property given an IRI value is outside the profile."""
    brief = next(
        t.subject for t in datasets["shipped"] if t.object == ox.NamedNode(PREFIXES["ck"] + "Brief")
    )
    creator = ox.NamedNode(PREFIXES["dc"] + "creator")
    broken = [
        *datasets["shipped"],
        ox.Triple(brief, creator, ox.NamedNode("https://example.org/someone")),
    ]
    kinds = {kind for kind, _ in owl2_dl_violations(broken, tmp_path)}
    assert kinds - {"UseOfUndeclaredDatatype", "UseOfDefinedDatatypeInLiteral"}
