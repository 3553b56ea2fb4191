"""Factors merged by exact matches: SPARQL over the built dataset and the analysis agree."""

from __future__ import annotations

import json

import pytest
from helpers import make_linked_data

import kg
from kg.linking import Decision
from kg.rdf.build import DERIVED_GRAPH
from kg.vocab import factor_iri

# Two pairs of factors meaning the same thing, each pair used by different briefs.
MERGES = [("inland-provinces", "hinterland-regions"), ("farmland-transfer", "land-circulation")]


@pytest.fixture
def merged(tmp_path):
    data = make_linked_data(tmp_path / "data")
    kg.apply_links([Decision(a, b, "exact") for a, b in MERGES], data)
    return kg.Project(data)


def _cookbook(project, name, factor):
    result = kg.run_query(
        project.dataset,
        kg.outputs.sparql.find_query(name)[0],
        {"factor": factor},
        {"factor": "factor"},
    )
    column = {"upstream-of": 1, "downstream-of": 1}[name]
    return {row[column].value for row in result.rows()}


def _analysis(G, direction, factor):
    result = (kg.upstream if direction == "upstream" else kg.downstream)(G, factor)
    return {row["factor"] for row in result.as_dict(G)["factors"]}


def test_the_build_writes_the_merge_into_the_derived_graph(merged):
    rows = kg.run_query(
        merged.dataset,
        f"SELECT ?member ?head WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?member ck:mergedInto ?head }} }}",
    ).rows()
    members = {r[0].value for r in rows}
    heads = {r[1].value for r in rows}
    G = merged.causal_graph()
    assert members == set(G.graph["aliases"])
    assert heads == set(G.graph["aliases"].values())
    assert len(members) == len(MERGES)


@pytest.mark.parametrize(
    "name, direction", [("upstream-of", "upstream"), ("downstream-of", "downstream")]
)
def test_cookbook_and_analysis_reach_the_same_factors(merged, name, direction):
    G = merged.causal_graph()
    labels = {G.nodes[n]["label"]: n for n in G}
    checked = 0
    for node in G:
        if G.degree(node) == 0:
            continue
        sparql = _cookbook(merged, name, node) - {node}
        analysis = {labels[label] for label in _analysis(G, direction, node)} - {node}
        assert sparql == analysis, G.nodes[node]["label"]
        checked += 1
    assert checked > 20


def test_a_merged_member_answers_for_its_group(merged):
    G = merged.causal_graph()
    member, head = next(iter(G.graph["aliases"].items()))
    assert _cookbook(merged, "upstream-of", member) == _cookbook(merged, "upstream-of", head)


def test_nothing_merged_means_no_merged_factors_in_the_derived_graph(tmp_path):
    project = kg.Project(make_linked_data(tmp_path / "data"))
    graphs = {
        r[0].value
        for r in kg.run_query(project.dataset, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }").rows()
    }
    merged = kg.run_query(
        project.dataset,
        "ASK { GRAPH ?g { ?f <https://w3id.org/briefkg/ontology#mergedInto> ?h } }",
    )
    assert DERIVED_GRAPH in graphs and merged.boolean is False
    assert str(factor_iri("inland-provinces")) not in json.dumps(sorted(graphs))
