"""kg's SHACL engine (pyshacl-turbo on a pyoxigraph store) reports what pySHACL reports.

kg validates with pyshacl-turbo, handing it the data as a pyoxigraph
``Store``; pySHACL, on an rdflib graph of the same triples, is the
reference. Both must agree on whether the data conforms and, result for
result, on the focus node, the source shape, the constraint component, the
severity, the path and the value: on the shipped data, on the synthetic
corpus, and on broken copies of each that break every kind of constraint the
shapes use (the breakages of :mod:`test_shacl_agreement` and more).
"""

from __future__ import annotations

import pyoxigraph as ox
import pyshacl
import pyshacl_turbo
import pytest
from helpers import REPO
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import BNode

from conformance.test_shacl_agreement import BREAKAGES, ONE_CLAIM, PREFIXES

SHAPES = REPO / "ontology" / "shapes.ttl"

#: More broken copies: a warning, a datatype, a class, a node kind, a count, a pattern.
MORE_BREAKAGES = {
    "factor awaiting review (sh:in, warning)": """
        INSERT { ?f ck:needsReview true } WHERE {
          { SELECT ?f WHERE { ?f a ck:Factor } ORDER BY ?f LIMIT 1 } }""",
    "confidence as text (sh:datatype)": f"""
        DELETE {{ ?c ck:confidence ?v }} INSERT {{ ?c ck:confidence "high" }}
        WHERE {{ {ONE_CLAIM} ?c ck:confidence ?v }}""",
    "cause not a factor (sh:class)": f"""
        DELETE {{ ?c ck:cause ?f }} INSERT {{ ?c ck:cause <https://example.org/not-a-factor> }}
        WHERE {{ {ONE_CLAIM} ?c ck:cause ?f }}""",
    "two effects (sh:maxCount)": f"""
        INSERT {{ ?c ck:effect ?other }}
        WHERE {{ {ONE_CLAIM} ?c ck:cause ?other }}""",
    "end year without a time scope (sh:minCount)": f"""
        DELETE {{ ?c ck:timeScope ?s }} INSERT {{ ?c ck:endYear "2010"^^xsd:gYear }}
        WHERE {{ {ONE_CLAIM} OPTIONAL {{ ?c ck:timeScope ?s }} }}""",
    "start year not a year (sh:pattern)": f"""
        INSERT {{ ?c ck:timeScope "then" ; ck:startYear "20"^^xsd:gYear }}
        WHERE {{ {ONE_CLAIM} }}""",
    "a blank node brief (sh:nodeKind)": """
        INSERT { [] a ck:Brief } WHERE { }""",
}

ALL_BREAKAGES = {**BREAKAGES, **MORE_BREAKAGES}

#: Where the engines differ, and why: the breakages whose extra results pyshacl-turbo gives.
#: An ill-formed ``"20"^^xsd:gYear`` fails ``sh:datatype`` (SHACL 4.1.1: a literal
#: must be well-formed for its datatype); rdflib does not check a gYear's form,
#: so pySHACL reports the pattern only. kg's authoring checks refuse such a year first.
ILL_FORMED = {"start year not a year (sh:pattern)"}

FIELDS = (
    SH.focusNode,
    SH.sourceShape,
    SH.sourceConstraintComponent,
    SH.resultSeverity,
    SH.resultPath,
    SH.value,
)


def union_store(path, update: str | None = None) -> ox.Store:
    """The union of the graphs of the TriG file ``path`` in one store's default graph."""
    store = ox.Store()
    triples = {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG)}
    store.extend(ox.Quad(*t) for t in triples)
    if update is not None:
        store.update(PREFIXES + update)
    return store


def results(report: Graph) -> tuple[bool, list[tuple[str, ...]]]:
    """Whether a report conforms, and its results as comparable tuples (blank nodes as ``_``)."""

    def term(value) -> str:
        if value is None or isinstance(value, BNode):
            return "_"
        if isinstance(value, Literal) and value.datatype is None and not value.language:
            value = Literal(str(value), datatype=XSD.string)  # the same term in RDF 1.1
        return value.n3()

    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    conforms = report.value(node, SH.conforms).toPython()
    found = sorted(
        tuple(term(report.value(result, p)) for p in FIELDS)
        for result in report.objects(node, SH.result)
    )
    return conforms, found


def both_engines(store: ox.Store) -> tuple:
    """The report of pyshacl-turbo on ``store`` and pySHACL's on the same triples."""
    shapes = Graph().parse(SHAPES, format="turtle")
    _c, turbo, _t = pyshacl_turbo.validate(
        store, shacl_graph=shapes, allow_warnings=True, allow_infos=True
    )
    data = Graph().parse(
        data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt"
    )
    _c, reference, _t = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True
    )
    return results(turbo), results(reference)


#: Reports of :func:`both_engines` by (file, breakage): each pair is worked out once in a run
#: (pySHACL takes seconds), though three tests compare against it.
_REPORTS: dict[tuple[str, str | None], tuple] = {}


def reports_on_union(path, breakage: str | None = None) -> tuple:
    """:func:`both_engines` on ``union_store(path)`` broken by ``breakage`` (a name, or None)."""
    key = (str(path), breakage)
    if key not in _REPORTS:
        update = ALL_BREAKAGES[breakage] if breakage else None
        _REPORTS[key] = both_engines(union_store(path, update))
    return _REPORTS[key]


def test_both_engines_find_kgs_data_conforms(outputs):
    turbo, reference = reports_on_union(outputs.built["trig"])
    assert turbo == reference
    assert turbo[0] is True
    assert all(r[3] != SH.Violation.n3() for r in turbo[1])


@pytest.mark.parametrize("breakage", list(ALL_BREAKAGES))
@pytest.mark.parametrize("corpus", ["shipped", "synthetic"])
def test_both_engines_give_the_same_results_on_a_broken_copy(request, corpus, breakage):
    built = request.getfixturevalue(corpus).built["trig"]
    turbo, reference = reports_on_union(built, breakage)
    assert turbo[1], f"{breakage}: the copy is broken"
    if breakage in ILL_FORMED:
        extra = set(turbo[1]) - set(reference[1])
        assert set(reference[1]) < set(turbo[1]) and turbo[0] == reference[0]
        assert {r[2] for r in extra} == {SH.DatatypeConstraintComponent.n3()}, extra
        return
    assert turbo == reference, breakage


def named_store(path, update: str | None = None) -> ox.Store:
    """The TriG file ``path`` with its named graphs kept, as ``kg build``'s store holds it.

    A breakage is made on the union (:func:`union_store`): the triples it
    removes go from every graph, the ones it adds go into a graph of their own,
    so that a shape must see across graphs to find or to miss them.
    """
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    before = {q.triple for q in quads}
    after = {q.triple for q in union_store(path, update)}
    store = ox.Store()
    store.extend(q for q in quads if q.triple in after)
    added = ox.NamedNode("urn:test:added")
    store.extend(ox.Quad(*t, added) for t in after - before)
    return store


@pytest.mark.parametrize("breakage", [None, *ALL_BREAKAGES])
def test_the_engine_reads_a_stores_named_graphs_as_their_union(outputs, breakage):
    """kg's first build hands pyshacl-turbo its store as it is: graph names must not matter."""
    shapes = Graph().parse(SHAPES, format="turtle")
    update = ALL_BREAKAGES.get(breakage) if breakage else None
    reports = [
        results(
            pyshacl_turbo.validate(s, shacl_graph=shapes, allow_warnings=True, allow_infos=True)[1]
        )
        for s in (
            named_store(outputs.built["trig"], update),
            union_store(outputs.built["trig"], update),
        )
    ]
    assert reports[0] == reports[1]
    assert reports[0][0] is (
        breakage is None or breakage in {"factor awaiting review (sh:in, warning)"}
    )


def batched(store: ox.Store, batch_triples: int) -> tuple:
    """kg's own run: the shapes in batches of ``batch_triples`` triples, as ``results`` gives them."""
    from kg.validation import shacl_results

    found = shacl_results(store, batch_triples=batch_triples)
    key = {SH.Violation.n3()}

    def term(value) -> str:
        if value is None or isinstance(value, BNode):
            return "_"
        if isinstance(value, Literal) and value.datatype is None and not value.language:
            value = Literal(str(value), datatype=XSD.string)
        return value.n3()

    rows = sorted({tuple(term(t) for t in r[:6]) for r in found})
    return not any(r[3] in key for r in rows), rows


@pytest.mark.parametrize("breakage", [None, *ALL_BREAKAGES])
@pytest.mark.parametrize("corpus", ["shipped", "synthetic"])
def test_kgs_batches_give_pyshacls_results(request, corpus, breakage):
    """kg hands the engine a few thousand triples at a time: the results are pySHACL's on the whole."""
    built = request.getfixturevalue(corpus).built["trig"]
    update = ALL_BREAKAGES.get(breakage) if breakage else None
    reference = reports_on_union(built, breakage)[1]
    store = named_store(built, update)
    for size in (1, 500):  # one subject a run, and a few hundred triples
        mine = batched(store, size)
        if breakage in ILL_FORMED:  # pyshacl-turbo's stricter reading, as above
            assert set(reference[1]) < set(mine[1])
            continue
        assert mine[1] == reference[1], (breakage, size)
        assert mine[0] is (not any(r[3] == SH.Violation.n3() for r in reference[1]))
