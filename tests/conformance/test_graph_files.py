"""The GraphML and GEXF exports read in networkx and igraph with their attribute types kept.

GraphML (http://graphml.graphdrawing.org/) and GEXF 1.2 declare each
attribute's type; a boolean's values are ``true`` and ``false`` (XML Schema's
lexical forms), which the files must use, and every attribute must be one kg
documents (:data:`kg.outputs.exports.NODE_ATTRIBUTES`, ``EDGE_ATTRIBUTES``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest

from kg.outputs.exports import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
PYTHON_TYPES = {"string": str, "boolean": bool, "long": int, "double": float}


def counts(outputs) -> tuple[int, int]:
    """Factors, and claims that make a causal link (null findings make none), in the built
    dataset, by SPARQL on pyoxigraph (no kg code)."""
    store = ox.Store()
    store.load(path=str(outputs.built["trig"]), format=ox.RdfFormat.TRIG)

    ck = "https://w3id.org/briefkg/ontology#"

    def count(cls: str, unless: str = "") -> int:
        query = (
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{cls}> {unless} }} }}"
        )
        return int(next(iter(store.query(query)))["n"].value)

    null = f"FILTER NOT EXISTS {{ ?x <{ck}sign> <{ck}NoEffect> }}"
    return count(ck + "Factor"), count(ck + "CausalClaim", null)


def test_graphml_declares_the_documented_attributes_with_xml_schema_booleans(outputs):
    root = ET.parse(outputs.exported.paths["graphml"]).getroot()
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.iter(GRAPHML + "key")
    }
    declared = {**{("node", n): t for n, t in NODE_ATTRIBUTES.items()},
                **{("edge", n): t for n, t in EDGE_ATTRIBUTES.items()}}  # fmt: skip
    assert {k: v for k, v in keys.items() if k[0] != "graph"} == declared
    booleans = {name for (_for, name), kind in keys.items() if kind == "boolean"}
    values = {d.text for d in root.iter(GRAPHML + "data") if d.get("key") in booleans}
    assert values and values <= {"true", "false"}


def test_gexf_declares_the_documented_attributes_and_no_networkx_key(outputs):
    root = ET.parse(outputs.exported.paths["gexf"]).getroot()
    declared, types_by_id = {}, {}
    for group in root.iter(GEXF + "attributes"):
        for attribute in group.iter(GEXF + "attribute"):
            declared[(group.get("class"), attribute.get("title"))] = attribute.get("type")
            types_by_id[attribute.get("id")] = attribute.get("type")
    # GEXF has its own XML attributes for a node's label and an edge's weight
    native = {("node", "label"), ("edge", "weight")}
    documented = {**{("node", n): t for n, t in NODE_ATTRIBUTES.items()},
                  **{("edge", n): t for n, t in EDGE_ATTRIBUTES.items()}}  # fmt: skip
    assert declared == {k: v for k, v in documented.items() if k not in native}
    booleans = {i for i, kind in types_by_id.items() if kind == "boolean"}
    values = {v.get("value") for v in root.iter(GEXF + "attvalue") if v.get("for") in booleans}
    assert values and values <= {"true", "false"}
    edges = list(root.iter(GEXF + "edge"))
    assert all(e.get("id").startswith("https://w3id.org/briefkg/brief/") for e in edges)
    assert all(0 < float(e.get("weight")) <= 1 for e in edges)
    assert all(n.get("label") for n in root.iter(GEXF + "node"))


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_reads_every_factor_and_claim_with_typed_attributes(outputs, fmt, read):
    graph = read(outputs.exported.paths[fmt])
    factors, claims = counts(outputs)
    assert graph.number_of_nodes() == factors and graph.number_of_edges() == claims
    for _node, data in graph.nodes(data=True):
        for name, kind in NODE_ATTRIBUTES.items():
            assert isinstance(data[name], PYTHON_TYPES[kind]), (fmt, name, data[name])
    for _u, _v, data in graph.edges(data=True):
        for name, kind in EDGE_ATTRIBUTES.items():
            assert isinstance(data[name], PYTHON_TYPES[kind]), (fmt, name, data[name])
        assert data["sign"] in (1, -1) and 0 <= data["confidence"] <= 1


def test_igraph_reads_the_graphml_with_typed_attributes(outputs):
    graph = igraph.Graph.Read_GraphML(str(outputs.exported.paths["graphml"]))
    factors, claims = counts(outputs)
    assert graph.is_directed() and (graph.vcount(), graph.ecount()) == (factors, claims)
    # igraph keeps booleans as booleans and holds every number as a float
    igraph_types = {"string": str, "boolean": bool, "long": float, "double": float}
    for name, kind in NODE_ATTRIBUTES.items():
        assert all(isinstance(v, igraph_types[kind]) for v in graph.vs[name]), name
    for name, kind in EDGE_ATTRIBUTES.items():
        assert all(isinstance(v, igraph_types[kind]) for v in graph.es[name]), name
    assert set(graph.es["sign"]) <= {1.0, -1.0}
