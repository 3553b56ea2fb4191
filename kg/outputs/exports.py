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

import networkx as nx
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg import __version__
from kg.analysis.graph import causal_graph
from kg.errors import InvalidParameter
from kg.io import HEADER_PREFIX, Output, atomic_write_all, display_path, spreadsheet_cell
from kg.linking.compare import contradicted_claims
from kg.outputs.formats import EXPORT_FORMATS
from kg.rdf.writers import serialize_dataset
from kg.vocab import CK, TERM_WORDS, bind_prefixes

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

#: The nanopublication schema.
NP = Namespace("http://www.nanopub.org/nschema#")


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

_MODALITY_WORDS = {
    CK.Asserted: "asserted",
    CK.Hedged: "hedged",
    CK.Conditional: "conditional",
    CK.Reported: "reported",
}


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


def _ident(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def claim_rows(dataset: Dataset) -> list[dict[str, str]]:
    """One row per claim (:data:`CSV_COLUMNS`), ordered by brief and claim."""
    rows = []
    for r in dataset.query(_CLAIM_ROWS):
        rows.append(
            {
                "claim": str(r.claim),
                "brief": str(r.briefId),
                "locator": str(r.locator),
                "cause": _ident(str(r.cause)),
                "cause_label": str(r.causeLabel),
                "effect": _ident(str(r.effect)),
                "effect_label": str(r.effectLabel),
                "sign": TERM_WORDS.get(r.sign, str(r.sign)),
                "modality": _MODALITY_WORDS.get(r.modality, str(r.modality)),
                "confidence": f"{float(r.confidence):g}",
                "time_scope": str(r.scope) if r.scope else "",
                "paraphrase": str(r.paraphrase),
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


def export_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The causal graph with every attribute a plain string, number or boolean.

    Nodes are factor IRIs (unmerged); each edge is a claim, keyed by its IRI.
    """
    G = causal_graph(dataset, merge_exact=False)
    contradicted = contradicted_claims(G)
    links: dict[str, dict[str, list[str]]] = {}
    for name, prop in (("exact_match", SKOS.exactMatch), ("close_match", SKOS.closeMatch)):
        for s, o in dataset.subject_objects(prop):
            target = str(o)
            target = _ident(target) if target in G else target
            links.setdefault(str(s), {}).setdefault(name, []).append(target)
    review = {str(s) for s in dataset.subjects(CK.needsReview, Literal(True))}
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
            factor_id=data.get("id", _ident(node)),
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


def nanopublications(dataset: Dataset) -> Dataset:
    """One nanopublication per claim, as a dataset of four named graphs per claim."""
    out = Dataset()
    bind_prefixes(out)
    out.bind("np", NP)
    citations = {s: str(o) for s, o in dataset.subject_objects(DCTERMS.bibliographicCitation)}
    for claim in sorted(set(dataset.subjects(RDF.type, CK.CausalClaim))):
        brief = dataset.value(claim, CK.statedIn)
        locator = dataset.value(claim, CK.locator)
        base = f"{claim}/np"
        np_iri = URIRef(base)
        head, assertion = URIRef(base + "#Head"), URIRef(base + "#assertion")
        provenance, pubinfo = URIRef(base + "#provenance"), URIRef(base + "#pubinfo")
        g = out.graph(head)
        g.add((np_iri, RDF.type, NP.Nanopublication))
        g.add((np_iri, NP.hasAssertion, assertion))
        g.add((np_iri, NP.hasProvenance, provenance))
        g.add((np_iri, NP.hasPublicationInfo, pubinfo))
        g = out.graph(assertion)
        for p, o in dataset.predicate_objects(claim):
            g.add((claim, p, o))
        for role in (CK.cause, CK.effect):
            factor = dataset.value(claim, role)
            for label in dataset.objects(factor, SKOS.prefLabel):
                g.add((factor, SKOS.prefLabel, label))
        g = out.graph(provenance)
        g.add((assertion, PROV.wasDerivedFrom, brief))
        where = f"{citations.get(brief, str(brief))}, {locator}"
        g.add((assertion, DCTERMS.bibliographicCitation, Literal(where)))
        g = out.graph(pubinfo)
        g.add((np_iri, PROV.wasDerivedFrom, claim))
        g.add((np_iri, DCTERMS.source, brief))
        g.add(
            (
                np_iri,
                RDFS.label,
                Literal(f"Claim {_ident(str(claim))} of brief {_ident(str(brief))}"),
            )
        )
        g.add(
            (np_iri, RDFS.comment, Literal(f"Made by kg {__version__}; not signed, no timestamp."))
        )
    return out


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
    dataset: Dataset,
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
    graph = export_graph(dataset) if {"graphml", "gexf"} & set(formats) else None
    rows = claim_rows(dataset)
    result.counts = {
        "claims": len(rows),
        "factors": len(set(dataset.subjects(RDF.type, CK.Factor))),
        "briefs": len(set(dataset.subjects(RDF.type, CK.Brief))),
    }
    # Every file is made, and every target checked, before anything is written:
    # a file kg may not replace stops the export with the folder as it was.
    outputs = []
    for fmt in formats:
        path = out_dir / EXPORT_FORMATS[fmt]
        ours = None
        if fmt in ("trig", "nquads", "jsonld"):
            rdf_format = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt]
            data = serialize_dataset(dataset, rdf_format, note)
        elif fmt == "nanopub":
            data = serialize_dataset(nanopublications(dataset), "trig", note)
        elif fmt == "graphml":
            data = _xml(nx.generate_graphml(graph, named_key_ids=True), note)
            ours = _ours_xml
        elif fmt == "gexf":
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
