"""Exports for other tools, with each claim's provenance kept.

=============  ======================  ===============================================
format         file                    what it holds
=============  ======================  ===============================================
``trig``       ``kg.trig``             the dataset, one named graph per brief
``nquads``     ``kg.nq``               the same, as N-Quads
``jsonld``     ``kg.jsonld``           the same, as JSON-LD (named graphs kept)
``graphml``    ``kg.graphml``          the causal graph: factors as nodes, one edge per claim
``gexf``       ``kg.gexf``             the same for Gephi (edge weight = confidence)
``csv``        ``claims.csv``          one row per claim (:data:`CSV_COLUMNS`)
``nanopub``    ``nanopubs.trig``       one nanopublication per claim, all in one file,
               ``nanopubs/B/C.trig``   and each on its own (brief ``B``, claim ``C``)
=============  ======================  ===============================================

In GraphML and GEXF every factor of the scheme is a node (exact matches are
*not* merged; ``exact_match`` lists them) and every claim an edge keyed by
its IRI (:data:`NODE_ATTRIBUTES`, :data:`EDGE_ATTRIBUTES`); lists become
text joined with ``"; "``, a missing value an empty string, booleans are
``true``/``false``. Characters that XML 1.0 forbids (C0 controls other than
tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates) are
replaced by U+FFFD in both (:func:`xml_safe`).

Each nanopublication has a head graph (``np:hasAssertion``,
``np:hasProvenance``, ``np:hasPublicationInfo``), an assertion graph with
the claim node's triples and its factors' labels, a provenance graph
(``prov:wasDerivedFrom`` the brief, and a citation with the locator) and a
publication-info graph; its IRIs are the claim's IRI plus ``/np``,
``/np#assertion`` and so on. The creator (``dcterms:creator``) and the
creation time (``dcterms:created``) go in the publication info only when
given, so by default the same data always gives the same bytes; kg signs
nothing (the README's ``kg export`` section says how to). The files kg wrote
in ``nanopubs/`` for claims the data no longer has are removed.

The RDF files label blank nodes canonically (RDFC-1.0), so an export is the
same byte for byte whether read from the store, from ``kg.trig`` or from any
``--dataset`` file. A cell of ``claims.csv`` that begins with ``=``, ``+``,
``-`` or ``@`` gets a leading ``'`` so that a spreadsheet shows it as text
instead of running it as a formula. The files are written all or nothing:
each is made and every target checked before the first is written, and a
file kg did not write is replaced only with ``force``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg import __version__
from kg.analysis.graph import causal_graph
from kg.errors import InvalidParameter, OutputExists, Phrase
from kg.io import HEADER_PREFIX, Output, atomic_write_all, display_path, spreadsheet_cell
from kg.io.files import file_kind, read_prefix, written_by_kg
from kg.linking.compare import contradicted_claims
from kg.outputs.formats import EXPORT_FORMATS
from kg.outputs.sparql import select
from kg.rdf.writers import canonical_quads, serialize_quads
from kg.store.source import local_store
from kg.vocab import PREFIXES, local_id

__all__ = [
    "EXPORT_FORMATS",
    "CSV_COLUMNS",
    "NODE_ATTRIBUTES",
    "EDGE_ATTRIBUTES",
    "NP",
    "NANOPUB_FOLDER",
    "ExportResult",
    "export",
    "export_graph",
    "claim_rows",
    "nanopublications",
    "nanopublication_files",
    "creation_time",
    "xml_safe",
]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: The nanopublication schema.
NP = "http://www.nanopub.org/nschema#"
#: The folder, inside the export folder, of the nanopublications one file each.
NANOPUB_FOLDER = "nanopubs"
XSD = PREFIXES["xsd"]

#: The attributes of each node (a factor) in GraphML and GEXF, with their types.
NODE_ATTRIBUTES = {
    "label": "string",  # skos:prefLabel
    "factor_id": "string",  # the factor's id, the end of its IRI
    "group": "string",
    "alt_labels": "string",  # skos:altLabel, joined with "; "
    "exact_match": "string",  # skos:exactMatch targets (ids of kg's factors, else IRIs)
    "close_match": "string",  # skos:closeMatch targets, likewise
    "needs_review": "boolean",  # an alignment kg link left for review
    "briefs": "string",  # the ids of the briefs whose claims name it
    "claims": "long",  # how many claims name it, as cause or effect
}
#: The attributes of each edge (a claim) in GraphML and GEXF, with their types.
EDGE_ATTRIBUTES = {
    "claim": "string",  # the claim's IRI (also the edge's id)
    "brief": "string",  # the id of the brief that states it
    "sign": "long",  # 1 or -1
    "direction": "string",  # increases or decreases
    "modality": "string",  # asserted, hedged, conditional or reported
    "confidence": "double",
    "weight": "double",  # the confidence again, the attribute Gephi and igraph weigh by
    "locator": "string",  # where in the brief
    "paraphrase": "string",
    "time_scope": "string",
    "contradicted": "boolean",  # another claim on the same pair has the other sign
}

# XML 1.0, section 2.2: a document may hold tab, LF, CR, U+0020-U+D7FF,
# U+E000-U+FFFD and U+10000-U+10FFFF, nothing else.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    "reading",
    "condition",
)

_CLAIM_ROWS = """
SELECT ?claim ?briefId ?locator ?cause ?causeLabel ?effect ?effectLabel ?sign ?modality
       ?confidence ?scope ?paraphrase ?reading ?condition
WHERE {
  ?claim a ck:CausalClaim ; ck:cause ?cause ; ck:effect ?effect ; ck:sign ?sign ;
         ck:modality ?modality ; ck:confidence ?confidence ; ck:statedIn ?brief ;
         ck:locator ?locator ; ck:paraphrase ?paraphrase .
  ?brief dcterms:identifier ?briefId .
  ?cause skos:prefLabel ?causeLabel .
  ?effect skos:prefLabel ?effectLabel .
  OPTIONAL { ?claim ck:timeScope ?scope }
  OPTIONAL { ?claim ck:reading ?reading }
  OPTIONAL { ?claim ck:condition ?condition }
}
"""


@dataclass
class ExportResult:
    """The files an export wrote, by format."""

    out_dir: Path
    paths: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    #: The nanopublications one file each (:func:`nanopublication_files`), when written.
    nanopub_files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """Lines for the terminal."""
        c = self.counts
        lines = [
            f"Exported {c.get('claims', 0)} claims, {c.get('factors', 0)} factors and "
            f"{c.get('briefs', 0)} brief{'s' if c.get('briefs', 0) != 1 else ''} to "
            f"{display_path(self.out_dir)}:"
        ]
        lines += [f"  {fmt:<8} {display_path(path)}" for fmt, path in self.paths.items()]
        if self.nanopub_files:
            folder = display_path(self.out_dir / NANOPUB_FOLDER)
            lines.append(f"  {'':<8} {folder}/ ({len(self.nanopub_files)} files, one per claim)")
        return "\n".join(lines)


def _word(term: Any) -> str:
    """``increases``, ``hedged`` ...: the word of one of kg's individuals (``ck:Increase``)."""
    name = local_id(term.value).split("#")[-1]
    words = {"Increase": "increases", "Decrease": "decreases", "NoEffect": "no_effect"}
    return words.get(name, name.casefold())


def claim_rows(source: Any) -> list[dict[str, str]]:
    """One row per claim (:data:`CSV_COLUMNS`), ordered by brief and claim."""
    rows = []
    for r in select(local_store(source), _CLAIM_ROWS):
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
                "reading": _word(r["reading"]) if r["reading"] is not None else "stated",
                "condition": r["condition"].value if r["condition"] is not None else "",
            }
        )
    rows.sort(key=lambda row: (row["brief"], row["claim"]))
    return rows


def xml_safe(text: str) -> str:
    r"""``text`` with each character XML 1.0 forbids replaced by U+FFFD (the replacement character).

    >>> xml_safe("a\x01b\x0bc\ufffed\ud800") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def _flat(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return xml_safe("; ".join(str(v) for v in sorted(value)))
    return xml_safe(value) if isinstance(value, str) else value


def export_graph(source: Any) -> nx.MultiDiGraph:
    """The causal graph with every attribute a plain string, number or boolean.

    Nodes are factor IRIs (unmerged); each edge is a claim, keyed by its IRI.
    """
    store = local_store(source)
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
        attributes = {
            "label": data.get("label", node),
            "factor_id": data.get("id", local_id(node)),
            "group": data.get("group", ""),
            "alt_labels": data.get("alt_labels", ()),
            "exact_match": links.get(node, {}).get("exact_match", ()),
            "close_match": links.get(node, {}).get("close_match", ()),
            "needs_review": node in review,
            "briefs": briefs.get(node, ()),
            "claims": G.in_degree(node) + G.out_degree(node),
        }
        out.add_node(node, **{k: _flat(attributes[k]) for k in NODE_ATTRIBUTES})
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: e[2])
    for u, v, key, data in edges:
        attributes = {
            **{k: data[k] for k in ("claim", "brief", "sign", "modality", "confidence")},
            **{k: data[k] for k in ("locator", "paraphrase")},
            "direction": "increases" if data["sign"] > 0 else "decreases",
            "weight": data["confidence"],
            "time_scope": data.get("time_scope"),
            "contradicted": data["claim"] in contradicted,
        }
        out.add_edge(u, v, key=key, **{k: _flat(attributes[k]) for k in EDGE_ATTRIBUTES})
    return out


def _xml(lines, note: str) -> bytes:
    body = "\n".join(lines) + "\n"
    body = re.sub(r' lastmodifieddate="[^"]*"', "", body)  # no dates: same data, same bytes
    # A comment may not hold "--" (XML 1.0, section 2.5), which a file name could.
    comment = xml_safe(f"{HEADER_PREFIX[2:]} {note}")
    while "--" in comment:
        comment = comment.replace("--", "- -")
    head = f"<?xml version='1.0' encoding='utf-8'?>\n<!-- {comment.rstrip('-')} -->\n"
    return (head + body).encode("utf-8")


def _graphml(graph: nx.MultiDiGraph, note: str) -> bytes:
    """GraphML, with booleans as the spec writes them (networkx writes ``True``/``False``)."""
    text = "\n".join(nx.generate_graphml(graph, named_key_ids=True))
    booleans = "|".join(
        name
        for name, kind in (*NODE_ATTRIBUTES.items(), *EDGE_ATTRIBUTES.items())
        if kind == "boolean"
    )
    text = re.sub(
        f'(<data key="(?:{booleans})">)(True|False)(</data>)',
        lambda m: m[1] + m[2].lower() + m[3],
        text,
    )
    return _xml([text], note)


def _gexf(graph: nx.MultiDiGraph, note: str) -> bytes:
    """GEXF with each edge's id its claim, and without the ``networkx_key`` networkx adds."""
    gexf = graph.copy()
    for _u, _v, _k, d in gexf.edges(keys=True, data=True):
        d["id"] = d["claim"]
    text = "\n".join(nx.generate_gexf(gexf))
    # networkx writes each multigraph edge's key as an attribute: the key is
    # the claim, already the edge's id, so the attribute and its values go.
    declared = re.search(r'\n *<attribute id="(\d+)" title="networkx_key" type="string" />', text)
    if declared:
        text = text.replace(declared[0], "")
        text = re.sub(f'\n *<attvalue for="{declared[1]}" value="[^"]*" />', "", text)
    return _xml([text], note)


def _csv(rows: list[dict[str, str]]) -> bytes:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    return stream.getvalue().encode("utf-8")


def creation_time(value: str | date | datetime | None) -> ox.Literal | None:
    """The ``dcterms:created`` value of the nanopublications, from ``--date``.

    ``"now"`` reads the clock (UTC, whole seconds); ``YYYY-MM-DD`` gives an
    ``xsd:date``, an ISO 8601 date and time an ``xsd:dateTime``; ``None``
    gives none, so that the same data gives the same bytes.

    >>> creation_time("2024-01-15").value, creation_time("2024-01-15T09:30:00Z").datatype.value
    ('2024-01-15', 'http://www.w3.org/2001/XMLSchema#dateTime')
    """
    if value is None:
        return None
    if value == "now":
        value = datetime.now(UTC).replace(microsecond=0)
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            raise InvalidParameter(
                Phrase("{created} {value!r} is not an ISO 8601 date or date and time", value=value),
                "give e.g. 2024-01-15, 2024-01-15T09:30:00Z or now",
            ) from None
    if isinstance(value, datetime):
        text = value.isoformat().replace("+00:00", "Z")
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "dateTime"))
    return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))


def _creator(value: str | None) -> ox.NamedNode | None:
    """The ``dcterms:creator`` of the nanopublications: an http(s) IRI, such as an ORCID iD."""
    if value is None:
        return None
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
        raise InvalidParameter(
            Phrase("{creator} {value!r} is not an http(s) IRI", value=value),
            "give your ORCID iD as an IRI, e.g. https://orcid.org/0000-0002-1825-0097",
        )
    return ox.NamedNode(value)


def _nanopubs(
    source: Any, creator: str | None, created: str | date | datetime | None
) -> list[tuple[str, str, list[ox.Quad]]]:
    """Each claim's IRI, its brief's and the quads of its nanopublication, ordered by claim."""
    store = local_store(source)
    author, when = _creator(creator), creation_time(created)
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
    result = []
    for claim_value in claims:
        quads: list[ox.Quad] = []
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
            quads.append(ox.Quad(s, predicate, o, graph))  # noqa: B023  # called in this loop only

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
        if author is not None:
            add(pubinfo, np_iri, dcterms + "creator", author)
        if when is not None:
            add(pubinfo, np_iri, dcterms + "created", when)
        comment = f"Made by kg {__version__}; not signed."
        add(pubinfo, np_iri, rdfs + "comment", ox.Literal(comment))
        result.append((claim_value, brief.value, quads))
    return result


def nanopublications(
    source: Any,
    *,
    creator: str | None = None,
    created: str | date | datetime | None = None,
) -> list[ox.Quad]:
    """One nanopublication per claim: four named graphs per claim, as quads.

    Parameters
    ----------
    source : dataset or store
    creator : str, optional
        Who publishes them, as an IRI (an ORCID iD): the ``dcterms:creator``
        of each publication info.
    created : str, date or datetime, optional
        When: the ``dcterms:created`` of each publication info (see
        :func:`creation_time`; ``"now"`` reads the clock).
    """
    return [q for _claim, _brief, quads in _nanopubs(source, creator, created) for q in quads]


def nanopublication_files(
    source: Any,
    *,
    creator: str | None = None,
    created: str | date | datetime | None = None,
) -> dict[Path, list[ox.Quad]]:
    """Each nanopublication on its own: ``nanopubs/<brief-id>/<claim-id>.trig`` -> its quads.

    One file per nanopublication is what nanopub tools (the ``nanopub``
    library, nanopub-java's ``sign`` and ``check``) read. Parameters as for
    :func:`nanopublications`.
    """
    files = {}
    for claim, brief, quads in _nanopubs(source, creator, created):
        files[Path(NANOPUB_FOLDER) / local_id(brief) / f"{local_id(claim)}.trig"] = quads
    return files


def _remove_stale(folder: Path, current: set[Path]) -> None:
    """Remove the nanopublications kg wrote earlier for claims the data no longer has.

    Only files that kg wrote go (a file of anyone else's stays), so that the
    folder holds the nanopublications of the data as it is, ready to publish.
    """
    for path in sorted(folder.glob("*/*.trig")):
        if path not in current and written_by_kg(path):
            path.unlink()
    for brief_folder in sorted(folder.iterdir()):
        if brief_folder.is_dir() and not any(brief_folder.iterdir()):
            brief_folder.rmdir()


def _ours_xml(path: Path) -> bool:
    return f"<!-- {HEADER_PREFIX[2:]}".encode() in read_prefix(path, 512)


def _ours_csv(path: Path) -> bool:
    header = ",".join(CSV_COLUMNS)
    first = read_prefix(path, len(header) + 4).decode("utf-8", errors="replace")
    return first.splitlines()[0].strip() == header if first else False


def export(
    dataset: Any,
    out_dir: str | os.PathLike = Path("dist") / "export",
    formats: list[str] | tuple[str, ...] | None = None,
    *,
    source: str = "",
    creator: str | None = None,
    created: str | date | datetime | None = None,
    force: bool = False,
) -> ExportResult:
    """Write the graph in each of ``formats`` (default: all of :data:`EXPORT_FORMATS`) to ``out_dir``.

    ``source`` says in each file what the dataset was made from (see
    :attr:`kg.Project.source_note`). ``creator`` and ``created`` go into
    each nanopublication's publication info (see :func:`nanopublications`).
    """
    formats = list(dict.fromkeys(formats or EXPORT_FORMATS))
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise InvalidParameter(
            f"unknown format {unknown[0]!r}", f"use one of: {', '.join(EXPORT_FORMATS)}"
        )
    _creator(creator), creation_time(created)  # a bad value stops the export, whatever the formats
    note = f"{__version__} export from {source}; regenerate with `kg export`, do not edit"
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        kind = file_kind(out_dir.stat().st_mode)
        raise OutputExists(out_dir, f"is {kind}, not a folder", "give a folder for the exports")
    result = ExportResult(out_dir)
    store = local_store(dataset)
    graph = export_graph(dataset) if {"graphml", "gexf"} & set(formats) else None
    rows = claim_rows(store)
    result.counts = {
        "claims": len(rows),
        "factors": len(select(store, "SELECT DISTINCT ?f WHERE { ?f a ck:Factor }")),
        "briefs": len(select(store, "SELECT DISTINCT ?b WHERE { ?b a ck:Brief }")),
    }
    quads: list[ox.Quad] | None = None  # the dataset, blank nodes labelled canonically
    # Every file is made, and every target checked, before anything is written:
    # a file kg may not replace stops the export with the folder as it was.
    outputs = []
    nanopub_files: list[Path] = []
    for fmt in formats:
        path = out_dir / EXPORT_FORMATS[fmt]
        ours = None
        if fmt in ("trig", "nquads", "jsonld"):
            rdf_format = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt]
            if quads is None:
                quads = canonical_quads(store.quads_for_pattern(None, None, None, None))
            data = serialize_quads(quads, rdf_format, note)
        elif fmt == "nanopub":
            files = nanopublication_files(store, creator=creator, created=created)
            data = serialize_quads([q for qs in files.values() for q in qs], "trig", note)
            for name, file_quads in files.items():
                outputs.append(Output(out_dir / name, serialize_quads(file_quads, "trig", note)))
                nanopub_files.append(out_dir / name)
        elif fmt == "graphml":
            assert graph is not None  # made above when a format needs it
            data = _graphml(graph, note)
            ours = _ours_xml
        elif fmt == "gexf":
            assert graph is not None
            data = _gexf(graph, note)
            ours = _ours_xml
        else:
            data = _csv(rows)
            ours = _ours_csv
        outputs.append(Output(path, data) if ours is None else Output(path, data, ours))
    written = dict(
        zip((o.path for o in outputs), atomic_write_all(outputs, force=force), strict=True)
    )
    for fmt in formats:
        result.paths[fmt] = written[out_dir / EXPORT_FORMATS[fmt]]
    result.nanopub_files = [written[p] for p in nanopub_files]
    if "nanopub" in formats:
        _remove_stale(out_dir / NANOPUB_FOLDER, set(result.nanopub_files))
    return result
