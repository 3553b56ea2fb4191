"""The projection of the causal graph: rows from a dataset, the graph from rows."""

from __future__ import annotations

import pytest
from helpers import SHIPPED_DATA, make_linked_data
from rdflib.namespace import DCTERMS, RDF

import kg
from kg.analysis.graph import causal_graph, graph_from_rows, rows_from_dataset
from kg.errors import InvalidParameter, UnknownBrief
from kg.store.rows import CausalRows, ClaimRow, FactorRow
from kg.vocab import CK, local_id


def same_graph(G, H) -> None:
    """Nodes, edges (in order, with keys and attributes) and graph attributes are equal."""
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
    assert G.graph == H.graph


#: The number of each sign, written out here rather than taken from kg.
SIGN_NUMBERS = {CK.Increase: 1, CK.Decrease: -1, CK.NoEffect: 0}


def claims_read_from_triples(dataset) -> set[tuple]:
    """Every claim as (claim, cause, effect, sign, brief, confidence), straight from the triples."""
    found = set()
    for claim in dataset.subjects(RDF.type, CK.CausalClaim):
        brief = dataset.value(claim, CK.statedIn)
        found.add(
            (
                str(claim),
                str(dataset.value(claim, CK.cause)),
                str(dataset.value(claim, CK.effect)),
                SIGN_NUMBERS[dataset.value(claim, CK.sign)],
                str(dataset.value(brief, DCTERMS.identifier)),
                float(dataset.value(claim, CK.confidence)),
            )
        )
    return found


@pytest.fixture(scope="module")
def shipped():
    return kg.build_dataset(SHIPPED_DATA).dataset


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """The linking test data, with one exact match so that merging has work to do."""
    data = make_linked_data(tmp_path_factory.mktemp("linked") / "data")
    kg.apply_links([kg.linking.Decision("inland-provinces", "hinterland-regions", "exact")], data)
    return kg.build_dataset(data).dataset


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_graph_from_rows_of_a_dataset_is_the_causal_graph(name, request):
    dataset = request.getfixturevalue(name)
    rows = rows_from_dataset(dataset)
    same_graph(graph_from_rows(rows), causal_graph(dataset))
    same_graph(graph_from_rows(rows, merge_exact=False), causal_graph(dataset, merge_exact=False))
    kept = {"briefs": ["eai-bb-1360"], "exclude_modalities": ["hedged"], "min_confidence": 0.7}
    same_graph(graph_from_rows(rows, **kept), causal_graph(dataset, **kept))


@pytest.mark.parametrize("name", ["shipped", "linked"])
def test_rows_hold_every_claim_and_factor_of_the_dataset(name, request):
    dataset = request.getfixturevalue(name)
    rows = rows_from_dataset(dataset)
    read = {(c.claim, c.cause, c.effect, c.sign, c.brief, c.confidence) for c in rows.claims}
    assert read == claims_read_from_triples(dataset)
    assert {f.iri for f in rows.factors} == {str(f) for f in dataset.subjects(RDF.type, CK.Factor)}
    G = causal_graph(dataset, merge_exact=False)
    # A null finding (sign 0) is a claim but never an edge.
    assert {(k, u, v) for u, v, k in G.edges(keys=True)} == {c[:3] for c in read if c[3] != 0}


def test_exact_match_of_the_linking_data_merges_two_factors(linked):
    rows = rows_from_dataset(linked)
    ends = {frozenset(pair) for pair in rows.exact_matches}
    assert (
        frozenset(
            {
                "https://w3id.org/briefkg/factor/inland-provinces",
                "https://w3id.org/briefkg/factor/hinterland-regions",
            }
        )
        in ends
    )
    G = causal_graph(linked)
    (member,) = G.graph["aliases"]
    head = G.graph["aliases"][member]
    assert member not in G and head in G
    assert G.nodes[head]["merged"] == (local_id(member),)
    names = {G.nodes[head]["label"], *G.nodes[head]["alt_labels"]}
    assert {"Inland provinces", "Hinterland regions", "interior provinces"} <= names


def rows_of(*claims, matches=(), briefs=("x", "y")) -> CausalRows:
    names = sorted({end for c in claims for end in c[:2]} | {end for m in matches for end in m})
    return CausalRows(
        factors=tuple(FactorRow(f"f:{n}", n.upper(), "", (f"{n} alt",)) for n in names),
        claims=tuple(
            ClaimRow(f"c:{n}", f"f:{c[0]}", f"f:{c[1]}", c[2], c[3], c[4], c[5], "p", "text")
            for n, c in enumerate(claims)
        ),
        exact_matches=tuple((f"f:{a}", f"f:{b}") for a, b in matches),
        briefs=briefs,
    )


def test_representative_has_most_claims_and_merging_collapses_claims():
    rows = rows_of(
        ("a", "b", 1, "asserted", 0.9, "x"),
        ("b", "c", -1, "hedged", 0.5, "y"),
        ("c", "d", 1, "asserted", 0.8, "x"),
        ("b", "d", 1, "asserted", 0.8, "x"),
        matches=[("d", "b")],
    )
    G = graph_from_rows(rows)
    assert G.graph["aliases"] == {"f:d": "f:b"}  # b has three claims, d two
    assert G.nodes["f:b"]["merged"] == (local_id("f:d"),)
    assert G.nodes["f:b"]["alt_labels"] == ("D", "b alt", "d alt")
    assert G.graph["collapsed_claims"] == ["c:3"]
    (collapsed,) = G.graph["collapsed"]
    assert (collapsed["cause_label"], collapsed["effect_label"], collapsed["node"]) == (
        "B",
        "D",
        "f:b",
    )
    assert sorted((u, v) for u, v in G.edges()) == [("f:a", "f:b"), ("f:b", "f:c"), ("f:c", "f:b")]
    # filters never change the representative: it counts every claim of the rows
    assert graph_from_rows(rows, briefs=["y"]).graph["aliases"] == {"f:d": "f:b"}


def test_filters_and_their_errors():
    rows = rows_of(("a", "b", 1, "asserted", 0.9, "x"), ("b", "c", -1, "hedged", 0.5, "y"))
    assert [k for _, _, k in graph_from_rows(rows, briefs=["y"]).edges(keys=True)] == ["c:1"]
    assert [k for _, _, k in graph_from_rows(rows, min_confidence=0.6).edges(keys=True)] == ["c:0"]
    kept = graph_from_rows(rows, exclude_modalities=["Asserted"])
    assert [k for _, _, k in kept.edges(keys=True)] == ["c:1"]
    assert len(kept) == 3  # every factor stays a node
    with pytest.raises(UnknownBrief):
        graph_from_rows(rows, briefs=["z"])
    with pytest.raises(InvalidParameter, match="unknown modality 'rumoured'"):
        graph_from_rows(rows, exclude_modalities=["rumoured"])


def test_causal_graph_reads_any_store_with_causal_rows():
    rows = rows_of(("a", "b", -1, "asserted", 0.9, "x"))

    class Store:
        calls = 0

        def causal_rows(self):
            Store.calls += 1
            return rows

    G = causal_graph(Store(), min_confidence=0.5)
    assert Store.calls == 1
    same_graph(G, graph_from_rows(rows))
    same_graph(causal_graph(rows), graph_from_rows(rows))
    with pytest.raises(TypeError, match="cannot read causal rows from a list"):
        causal_graph([])
