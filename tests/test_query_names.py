"""A factor bound by name in a query is the factor kg.names resolves on every factor of the store.

The store's engine narrows the factors down before the names index sees
them (kg.outputs.sparql reads only those that may answer to the name);
these tests hold that the narrowing never changes the answer: the same
factor, the same ambiguity, the same suggestions.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.names import FactorName, resolve_factor
from kg.outputs.sparql import bind_values

SKOS = "http://www.w3.org/2004/02/skos/core#"
CK = "https://w3id.org/briefkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
BASE = "https://w3id.org/briefkg/factor/"
FACTORS = [
    FactorName(BASE + "return-migration", "Return migration", ("reverse urbanisation",)),
    FactorName(BASE + "rural-urban", "Rural-to-urban migration", ("village_to_city  migration",)),
    FactorName(BASE + "strasse", "Straße maintenance", ()),  # casefold: "strasse maintenance"
    FactorName(BASE + "strasse-2", "Strasse maintenance", ()),  # the same name to the index
    FactorName(BASE + "kelvin", "\u212a heat", ()),  # KELVIN SIGN casefolds to "k"
    FactorName(BASE + "k-heat", "K-heat", ()),
    FactorName(BASE + "tabbed", "Tabbed\tlabel", ()),  # a tab is a separator to the index
    FactorName(BASE + "gfc", "Global financial crisis", ("GFC",)),
    FactorName(BASE + "gfc-2", "Gfc", ()),  # shares a name with the factor above
    FactorName(BASE + "new-normal", 'The "new" normal', ("back\\slash",)),  # escaped in TSV
    FactorName(BASE + "北京-growth", "北京 growth", ("Beijing growth",)),
]
NAMES = [
    "Return migration", "RETURN-MIGRATION", "  return   migration ", "reverse_urbanisation",
    "return-migration", "factor:Return-Migration", BASE + "return-migration",
    f"<{BASE}rural-urban>", "rural to urban migration", "Village to city migration",
    "strasse maintenance", "STRASSE-maintenance", "straße maintenance",
    "k heat", "K-Heat", "tabbed label", "Tabbed-Label",
    "gfc", "GFC", "global financial crisis", "北京 growth", "北京-growth", "beijing growth",
    'the "new" normal', "THE-\"NEW\"-NORMAL", "back\\slash",
    "return migraton", "migration", "", "factor:", "crisis financial global",
]  # fmt: skip


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    graph = ox.NamedNode("https://w3id.org/briefkg/factors")
    for factor in FACTORS:
        node = ox.NamedNode(factor.iri)
        label = ox.Literal(factor.label, language="en")
        store.add(ox.Quad(node, ox.NamedNode(SKOS + "prefLabel"), label, graph))
        store.add(ox.Quad(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(CK + "Factor"), graph))
        for alt in factor.alt_labels:
            store.add(ox.Quad(node, ox.NamedNode(SKOS + "altLabel"), ox.Literal(alt), graph))
    # a labelled thing that is no factor answers to nothing
    other = ox.NamedNode("http://e/other")
    store.add(
        ox.Quad(other, ox.NamedNode(SKOS + "prefLabel"), ox.Literal("Return migration"), graph)
    )
    return store


def _outcome(call):
    try:
        return ("factor", call())
    except KgError as exc:
        return (type(exc).__name__, str(exc))


@pytest.mark.parametrize("name", NAMES)
def test_binding_a_factor_by_name_is_resolving_it_on_every_factor(store, name):
    expected = _outcome(lambda: resolve_factor(name, FACTORS).iri)
    got = _outcome(lambda: bind_values(store, {"f": name}, {"f": "factor"})["f"].value)
    assert got == expected
