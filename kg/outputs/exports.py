"""Exports for other tools, with each claim's provenance kept.

=============  ===================  ==================================================
format         file                 what it holds
=============  ===================  ==================================================
``trig``       ``kg.trig``          the dataset, one named graph per brief
``nquads``     ``kg.nq``            the same, as N-Quads
``jsonld``     ``kg.jsonld``        the same, as JSON-LD (named graphs kept)
``graphml``    ``kg.graphml``       the causal graph: factors as nodes, one edge per claim
``gexf``       ``kg.gexf``          the same for Gephi (edge weight = confidence)
``csv``        ``claims.csv``       one row per claim (:data:`CSV_COLUMNS`)
``nanopub``    ``nanopubs.trig``    one nanopublication per claim
=============  ===================  ==================================================

In GraphML and GEXF every factor of the scheme is a node (exact matches are
*not* merged; ``exact_match`` lists them) and every claim an edge keyed by
its IRI; lists become text joined with ``"; "``, a missing value an empty
string. Each nanopublication has a head graph (``np:hasAssertion``,
``np:hasProvenance``, ``np:hasPublicationInfo``), an assertion graph with
the claim node's triples and its factors' labels, a provenance graph
(``prov:wasDerivedFrom`` the brief, and a citation with the locator) and a
publication-info graph; its IRIs are the claim's IRI plus ``/np``,
``/np#assertion`` and so on. No timestamps or signatures are written, so the
same data always gives the same bytes. A cell of ``claims.csv`` that begins
with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so that a spreadsheet
shows it as text instead of running it as a formula. The files are written
all or nothing: each is made and every target checked before the first is
written, and a file kg did not write is replaced only with ``force``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg import __version__
from kg.analysis.graph import causal_graph
from kg.errors import InvalidParameter
from kg.io import HEADER_PREFIX, Output, atomic_write_all, display_path, spreadsheet_cell
from kg.linking.compare import contradicted_claims
from kg.outputs.formats import EXPORT_FORMATS
from kg.outputs.sparql import oxigraph_store, select
from kg.rdf.writers import serialize_quads
from kg.vocab import PREFIXES, local_id

__all__ = [
    "EXPORT_FORMATS",
    "CSV_COLUMNS",
    "NP",
    "ExportResult",
    "export",
    "export_graph",
    "claim_rows",
    "nanopublications",
]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: The nanopublication schema.
NP = "http://www.nanopub.org/nschema#"


#: Columns of the CSV edge list, one row per claim.
CSV_COLUMNS = (
    "claim",
    "brief",
    "locator",
    "cause",
    "cause_label",
    "effect",
    "effect_label",
    "sign",
    "modality",
    "confidence",
    "time_scope",
    "paraphrase",
)

_CLAIM_ROWS = """
SELECT ?claim ?briefId ?locator ?cause ?causeLabel ?effect ?effectLabel ?sign ?modality
       ?confidence ?scope ?paraphrase
WHERE {
  ?claim a ck:CausalClaim ; ck:cause ?cause ; ck:effect ?effect ; ck:sign ?sign ;
         ck:modality ?modality ; ck:confidence ?confidence ; ck:statedIn ?brief ;
         ck:locator ?locator ; ck:paraphrase ?paraphrase .
  ?brief dcterms:identifier ?briefId .
  ?cause skos:prefLabel ?causeLabel .
  ?effect skos:prefLabel ?effectLabel .
  OPTIONAL { ?claim ck:timeScope ?scope }
}
"""


@dataclass
class ExportResult:
    """The files an export wrote, by format."""

    out_dir: Path
    paths: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """Lines for the terminal."""
        c = self.counts
        lines = [
            f"Exported {c.get('claims', 0)} claims, {c.get('factors', 0)} factors and "
            f"{c.get('briefs', 0)} brief{'s' if c.get('briefs', 0) != 1 else ''} to "
            f"{display_path(self.out_dir)}:"
        ]
        lines += [f"  {fmt:<8} {display_path(path)}" for fmt, path in self.paths.items()]
        return "\n".join(lines)


def _word(term: Any) -> str:
    """``increases``, ``hedged`` ...: the word of one of kg's individuals (``ck:Increase``)."""
    name = local_id(term.value).split("#")[-1]
    return {"Increase": "increases", "Decrease": "decreases"}.get(name, name.casefold())


def claim_rows(source: Any) -> list[dict[str, str]]:
    """One row per claim (:data:`CSV_COLUMNS`), ordered by brief and claim."""
    rows = []
    for r in select(oxigraph_store(source), _CLAIM_ROWS):
        rows.append(
            {
                "claim": r["claim"].value,
                "brief": r["briefId"].value,
                "locator": r["locator"].value,
                "cause": local_id(r["cause"].value),
                "cause_label": r["causeLabel"].value,
                "effect": local_id(r["effect"].value),
                "effect_label": r["effectLabel"].value,
                "sign": _word(r["sign"]),
                "modality": _word(r["modality"]),
                "confidence": f"{float(r['confidence'].value):g}",
                "time_scope": r["scope"].value if r["scope"] is not None else "",
                "paraphrase": r["paraphrase"].value,
            }
        )
    rows.sort(key=lambda row: (row["brief"], row["claim"]))
    return rows


def _flat(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in sorted(value))
    return value


def export_graph(source: Any) -> nx.MultiDiGraph:
    """The causal graph with every attribute a plain string, number or boolean.

    Nodes are factor IRIs (unmerged); each edge is a claim, keyed by its IRI.
    """
    store = oxigraph_store(source)
    G = causal_graph(source, merge_exact=False)
    contradicted = contradicted_claims(G)
    links: dict[str, dict[str, list[str]]] = {}
    for name, prop in (("exact_match", "exactMatch"), ("close_match", "closeMatch")):
        for row in select(store, f"SELECT ?s ?o WHERE {{ ?s skos:{prop} ?o }}"):
            target = row["o"].value
            target = local_id(target) if target in G else target
            links.setdefault(row["s"].value, {}).setdefault(name, []).append(target)
    review = {r["s"].value for r in select(store, "SELECT ?s WHERE { ?s ck:needsReview true }")}
    briefs: dict[str, set[str]] = {}
    for u, v, data in G.edges(data=True):
        for node in (u, v):
            briefs.setdefault(node, set()).add(data["brief"])
    out = nx.MultiDiGraph()
    out.graph["name"] = "kg causal graph"
    for node in sorted(G):
        data = G.nodes[node]
        out.add_node(
            node,
            label=data.get("label", node),
            factor_id=data.get("id", local_id(node)),
            group=data.get("group", ""),
            alt_labels=_flat(data.get("alt_labels", ())),
            exact_match=_flat(links.get(node, {}).get("exact_match", ())),
            close_match=_flat(links.get(node, {}).get("close_match", ())),
            needs_review=node in review,
            briefs=_flat(briefs.get(node, ())),
            claims=G.in_degree(node) + G.out_degree(node),
        )
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: e[2])
    for u, v, key, data in edges:
        out.add_edge(
            u,
            v,
            key=key,
            claim=data["claim"],
            brief=data["brief"],
            sign=data["sign"],
            direction="increases" if data["sign"] > 0 else "decreases",
            modality=data["modality"],
            confidence=data["confidence"],
            weight=data["confidence"],
            locator=data["locator"],
            paraphrase=data["paraphrase"],
            time_scope=_flat(data.get("time_scope")),
            contradicted=data["claim"] in contradicted,
        )
    return out


def _xml(lines, note: str) -> bytes:
    body = "\n".join(lines) + "\n"
    body = re.sub(r' lastmodifieddate="[^"]*"', "", body)  # no dates: same data, same bytes
    head = f"<?xml version='1.0' encoding='utf-8'?>\n<!-- {HEADER_PREFIX[2:]} {note} -->\n"
    return (head + body).encode("utf-8")


def _csv(rows: list[dict[str, str]]) -> bytes:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    return stream.getvalue().encode("utf-8")


def nanopublications(source: Any) -> list[ox.Quad]:
    """One nanopublication per claim: four named graphs per claim, as quads."""
    store = oxigraph_store(source)
    ck, skos, dcterms = PREFIXES["ck"], PREFIXES["skos"], PREFIXES["dcterms"]
    prov, rdfs, rdf_type = PREFIXES["prov"], PREFIXES["rdfs"], ox.NamedNode(RDF_TYPE)
    citations = {
        r["b"].value: r["c"].value
        for r in select(store, "SELECT ?b ?c WHERE { ?b dcterms:bibliographicCitation ?c }")
    }
    labels: dict[str, list[ox.Literal]] = {}
    for r in select(store, "SELECT ?f ?l WHERE { ?f a ck:Factor ; skos:prefLabel ?l }"):
        labels.setdefault(r["f"].value, []).append(r["l"])
    claims = sorted(r["c"].value for r in select(store, "SELECT ?c WHERE { ?c a ck:CausalClaim }"))
    quads: list[ox.Quad] = []
    for claim_value in claims:
        claim = ox.NamedNode(claim_value)
        own = {(q.predicate, q.object) for q in store.quads_for_pattern(claim, None, None, None)}
        # a claim's own objects are IRIs and literals, never quoted triples
        values = {p.value: o for p, o in own if not isinstance(o, ox.Triple)}
        brief, locator = values[ck + "statedIn"], values[ck + "locator"].value
        base = f"{claim_value}/np"
        np_iri = ox.NamedNode(base)
        head, assertion = ox.NamedNode(base + "#Head"), ox.NamedNode(base + "#assertion")
        provenance, pubinfo = ox.NamedNode(base + "#provenance"), ox.NamedNode(base + "#pubinfo")

        def add(graph: ox.NamedNode, s: Any, p: str | ox.NamedNode, o: Any) -> None:
            predicate = p if isinstance(p, ox.NamedNode) else ox.NamedNode(p)
            quads.append(ox.Quad(s, predicate, o, graph))

        add(head, np_iri, rdf_type, ox.NamedNode(NP + "Nanopublication"))
        add(head, np_iri, NP + "hasAssertion", assertion)
        add(head, np_iri, NP + "hasProvenance", provenance)
        add(head, np_iri, NP + "hasPublicationInfo", pubinfo)
        for p, o in own:
            add(assertion, claim, p, o)
        for role in ("cause", "effect"):
            factor = values[ck + role]
            for label in labels.get(factor.value, []):
                add(assertion, factor, skos + "prefLabel", label)
        add(provenance, assertion, prov + "wasDerivedFrom", brief)
        where = f"{citations.get(brief.value, brief.value)}, {locator}"
        add(provenance, assertion, dcterms + "bibliographicCitation", ox.Literal(where))
        add(pubinfo, np_iri, prov + "wasDerivedFrom", claim)
        add(pubinfo, np_iri, dcterms + "source", brief)
        title = f"Claim {local_id(claim_value)} of brief {local_id(brief.value)}"
        add(pubinfo, np_iri, rdfs + "label", ox.Literal(title))
        comment = f"Made by kg {__version__}; not signed, no timestamp."
        add(pubinfo, np_iri, rdfs + "comment", ox.Literal(comment))
    return quads


def _ours_xml(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return f"<!-- {HEADER_PREFIX[2:]}".encode() in handle.read(512)
    except OSError:
        return False


def _ours_csv(path: Path) -> bool:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return handle.readline().strip() == ",".join(CSV_COLUMNS)
    except OSError:
        return False


def export(
    dataset: Any,
    out_dir: str | os.PathLike = Path("dist") / "export",
    formats: list[str] | tuple[str, ...] | None = None,
    *,
    source: str = "",
    force: bool = False,
) -> ExportResult:
    """Write the graph in each of ``formats`` (default: all of :data:`EXPORT_FORMATS`) to ``out_dir``.

    ``source`` says in each file what the dataset was made from (see
    :attr:`kg.Project.source_note`).
    """
    formats = list(dict.fromkeys(formats or EXPORT_FORMATS))
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise InvalidParameter(
            f"unknown format {unknown[0]!r}", f"use one of: {', '.join(EXPORT_FORMATS)}"
        )
    note = f"{__version__} export from {source}; regenerate with `kg export`, do not edit"
    out_dir = Path(out_dir)
    result = ExportResult(out_dir)
    store = oxigraph_store(dataset)
    graph = export_graph(dataset) if {"graphml", "gexf"} & set(formats) else None
    rows = claim_rows(store)
    result.counts = {
        "claims": len(rows),
        "factors": len(select(store, "SELECT DISTINCT ?f WHERE { ?f a ck:Factor }")),
        "briefs": len(select(store, "SELECT DISTINCT ?b WHERE { ?b a ck:Brief }")),
    }
    # Every file is made, and every target checked, before anything is written:
    # a file kg may not replace stops the export with the folder as it was.
    outputs = []
    for fmt in formats:
        path = out_dir / EXPORT_FORMATS[fmt]
        ours = None
        if fmt in ("trig", "nquads", "jsonld"):
            rdf_format = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt]
            data = serialize_quads(
                store.quads_for_pattern(None, None, None, None), rdf_format, note
            )
        elif fmt == "nanopub":
            data = serialize_quads(nanopublications(store), "trig", note)
        elif fmt == "graphml":
            data = _xml(nx.generate_graphml(graph, named_key_ids=True), note)
            ours = _ours_xml
        elif fmt == "gexf":
            assert graph is not None  # made above when a format needs it
            gexf = graph.copy()
            for _u, _v, _k, d in gexf.edges(keys=True, data=True):
                d["id"] = d["claim"]
            data = _xml(nx.generate_gexf(gexf), note)
            ours = _ours_xml
        else:
            data = _csv(rows)
            ours = _ours_csv
        outputs.append(Output(path, data) if ours is None else Output(path, data, ours))
    for fmt, path in zip(formats, atomic_write_all(outputs, force=force), strict=True):
        result.paths[fmt] = path
    return result
