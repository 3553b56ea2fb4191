"""TriG, N-Quads and JSON-LD are one dataset: canonical forms agree in pyoxigraph, PyLD and Jena.

Two files hold the same RDF dataset when their canonical N-Quads (RDF Dataset
Canonicalization: RDFC-1.0 in pyoxigraph, URDNA2015, its predecessor, in
PyLD) are equal. Jena reads each file too, and its reading is compared the
same way. An RDF list (``owl:oneOf``, ``owl:distinctMembers``) whose order
changed, as a JSON-LD writer that sorts arrays makes it, shows as a
difference.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from pyld import jsonld

from conformance.conformance_tools import riot_nquads
from kg.vocab import PREFIXES

OWL = PREFIXES["owl"]
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CK = PREFIXES["ck"]
_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def canonical(data: bytes | str, fmt: ox.RdfFormat) -> set[ox.Quad]:
    """The dataset of ``data``, blank nodes labelled by RDFC-1.0 (pyoxigraph)."""
    dataset = ox.Dataset(ox.parse(data, format=fmt))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def canonical_file(path) -> set[ox.Quad]:
    return canonical(path.read_bytes(), _FORMATS[path.suffix])


def files(outputs):
    """The dataset in every format kg writes it with named graphs, built and exported."""
    exported = [outputs.exported.paths[f] for f in ("trig", "nquads", "jsonld")]
    built = [outputs.built[f] for f in ("trig", "nquads", "json-ld")]
    return [*built, *exported]


def test_every_file_is_the_same_dataset_in_pyoxigraph(outputs):
    reference = canonical_file(outputs.built["trig"])
    assert len(reference) > 500
    for path in files(outputs):
        assert canonical_file(path) == reference, path


def test_json_ld_and_n_quads_have_the_same_urdna2015_form_in_pyld(outputs):
    document = json.loads(outputs.exported.paths["jsonld"].read_text(encoding="utf-8"))
    options = {"algorithm": "URDNA2015", "format": "application/n-quads"}
    from_jsonld = jsonld.normalize(document, options)
    nquads = outputs.exported.paths["nquads"].read_text(encoding="utf-8")
    from_nquads = jsonld.normalize(nquads, {**options, "inputFormat": "application/n-quads"})
    assert from_jsonld == from_nquads
    # and PyLD's canonical form is the same dataset as pyoxigraph's reading of TriG
    ours = canonical_file(outputs.exported.paths["trig"])
    assert canonical(from_jsonld, ox.RdfFormat.N_QUADS) == ours


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_jena_reads_each_export_as_the_same_dataset(shipped, fmt):
    path = shipped.exported.paths[fmt]
    syntax = "jsonld10" if fmt == "jsonld" else None
    read_by_jena = canonical(riot_nquads(path, syntax), ox.RdfFormat.N_QUADS)
    assert read_by_jena == canonical_file(shipped.exported.paths["trig"])


def members(store: ox.Store, head) -> list[str]:
    """The items of the RDF list starting at ``head``, in order."""
    items = []
    first, rest = ox.NamedNode(RDF + "first"), ox.NamedNode(RDF + "rest")
    while head != ox.NamedNode(RDF + "nil"):
        (item,) = [q.object for q in store.quads_for_pattern(head, first, None, None)]
        (head,) = [q.object for q in store.quads_for_pattern(head, rest, None, None)]
        items.append(str(item))
    return items


def lists(path) -> list[tuple[str, str, list[str]]]:
    """Every OWL list of a file: its owner (``_`` for a blank node), property and items."""
    store = ox.Store()
    store.load(path=str(path), format=_FORMATS[path.suffix])
    found = []
    for prop in ("oneOf", "distinctMembers", "unionOf", "members"):
        for quad in store.quads_for_pattern(None, ox.NamedNode(OWL + prop), None, None):
            owner = "_" if isinstance(quad.subject, ox.BlankNode) else str(quad.subject)
            found.append((owner, prop, members(store, quad.object)))
    return sorted(found)


def test_rdf_lists_keep_their_order_in_json_ld(shipped):
    """Regression: a JSON-LD writer that sorted every array reordered ``@list``s."""
    from_trig = lists(shipped.exported.paths["trig"])
    assert any(owner == f"<{CK}Sign>" and prop == "oneOf" for owner, prop, _ in from_trig)
    assert lists(shipped.exported.paths["jsonld"]) == from_trig
    assert lists(shipped.built["json-ld"]) == from_trig
