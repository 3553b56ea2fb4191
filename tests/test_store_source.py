"""One protocol for every dataset kg reads (kg.store.source), and one term converter (kg.io.terms)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Literal, URIRef

import kg
from kg.errors import InvalidParameter
from kg.io.terms import oxigraph_quads, rdflib_dataset, to_oxigraph, to_rdflib
from kg.outputs.push import graphs_for_push, push
from kg.rdf.writers import serialize_quads
from kg.store import Store
from kg.store.remote import RemoteStore
from kg.store.source import DatasetSource, as_source, local_store
from tests.servers import oxigraph_server  # noqa: F401  (fixture)

EX = "https://example.org/"
QUADS = [
    ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("沿海", language="zh"),
            ox.NamedNode(EX + "g1")),
    ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "q"), ox.Literal("2", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), ox.NamedNode(EX + "g2")),
]  # fmt: skip
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(source: DatasetSource) -> int:
    solutions = source.query(COUNT)
    assert isinstance(solutions, ox.QuerySolutions)
    return int(next(iter(solutions))["n"].value)


def _memory() -> ox.Store:
    store = ox.Store()
    store.bulk_extend(QUADS)
    return store


def test_every_local_kind_is_a_source_with_the_same_answers(tmp_path):
    with Store.open(tmp_path / "store") as on_disk:
        on_disk.oxigraph.bulk_extend(QUADS)
        kinds = [on_disk, as_source(_memory()), as_source(rdflib_dataset(QUADS))]
        for source in kinds:
            assert isinstance(source, DatasetSource)
            assert _count(source) == 2  # the union of the named graphs is the default graph
            assert sorted(map(str, local_store(source))) == sorted(map(str, QUADS))


def test_a_pyoxigraph_store_is_wrapped_not_copied():
    store = _memory()
    source = as_source(store)
    assert local_store(source) is store
    assert as_source(source) is source


def test_what_is_not_a_dataset_is_refused_in_one_line():
    for thing in (42, "dist/dataset.trig", None):
        with pytest.raises(InvalidParameter, match="is not a dataset") as caught:
            as_source(thing)
        assert "\n" not in str(caught.value)


def test_a_remote_server_is_a_source_but_has_no_local_store(oxigraph_server):  # noqa: F811
    graphs = graphs_for_push(serialize_quads(QUADS, "nquads"))
    auth = oxigraph_server.auth
    assert push(graphs, oxigraph_server.endpoint, graph_store=oxigraph_server.graph_store,
                auth=auth).ok  # fmt: skip
    project = kg.Project(endpoint=oxigraph_server.endpoint)
    source = project.source
    assert isinstance(source, RemoteStore) and isinstance(source, DatasetSource)
    assert as_source(source) is source
    assert _count(source) >= 2
    with pytest.raises(InvalidParameter, match="remote server"):
        local_store(source)
    with pytest.raises(InvalidParameter, match="Project.source"):
        _ = project.dataset
    source.close()


def test_a_project_without_endpoint_reads_its_dataset_as_source():
    project = kg.Project()
    assert project.source is project.dataset
    assert isinstance(project.source, DatasetSource)


# ---------------------------------------------------------------- the term converter

iris = st.from_regex(r"https://example\.org/[a-z0-9]{1,8}", fullmatch=True).map(ox.NamedNode)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
literals = st.one_of(
    texts.map(ox.Literal),
    st.tuples(texts, st.sampled_from(["en", "zh", "fr-be"])).map(
        lambda t: ox.Literal(t[0], language=t[1])
    ),
    st.integers().map(lambda n: ox.Literal(str(n), datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))),
)  # fmt: skip
blanks = st.from_regex(r"b[a-z0-9]{1,6}", fullmatch=True).map(ox.BlankNode)


@settings(max_examples=200, deadline=None)
@given(st.one_of(iris, literals, blanks))
def test_terms_cross_both_ways_unchanged(term):
    assert to_oxigraph(to_rdflib(term)) == term


def test_rdflib_terms_map_to_the_same_terms_as_nquads_gives():
    for term, expected in [
        (URIRef(EX + "x"), ox.NamedNode(EX + "x")),
        (BNode("b1"), ox.BlankNode("b1")),
        (Literal("x", lang="en"), ox.Literal("x", language="en")),
        (Literal("x"), ox.Literal("x")),
    ]:
        assert to_oxigraph(term) == expected
        assert to_rdflib(expected) == term


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(iris, iris, st.one_of(iris, literals), iris), max_size=5))
def test_datasets_cross_both_ways_unchanged(rows):
    quads = [ox.Quad(*row) for row in rows]
    dataset = rdflib_dataset(quads)
    assert isinstance(dataset, Dataset)
    assert sorted(map(str, oxigraph_quads(dataset))) == sorted(map(str, set(quads)))
