"""The interactive HTML explorer: one self-contained, offline page.

The layout comes from Graphviz ``dot`` (:func:`~kg.outputs.layout.graph_layout`),
computed once when the page is made: every factor's box and every arrow's
spline travel to the page, whose own script (``explorer_assets/explorer.js``)
draws them as SVG, with search, filters, details, chains, loops,
disagreements, what-if, leverage sizing, the view in the URL fragment and
PNG/SVG export. Nothing is fetched and no library is loaded.

All text from briefs travels as JSON in a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, and the page's script only ever
puts it into the document as text (``textContent``), never as HTML.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import rjsmin
from markupsafe import Markup
from pyvis.network import Network

from kg import __version__
from kg.analysis.chains import causal_chains
from kg.analysis.graph import causal_graph, collapse, node_label, resolve_node
from kg.analysis.leverage import leverage
from kg.analysis.loops import feedback_loops
from kg.analysis.weights import null_claims_between, pair_weights, rule_parameters
from kg.errors import InvalidParameter, Phrase, UnknownBrief
from kg.io import atomic_write
from kg.io.files import read_prefix
from kg.outputs.formats import MAX_FACTORS
from kg.outputs.layout import ENGINE, bends, box_lines, graph_layout, read_positions
from kg.outputs.sparql import oxigraph_store, select
from kg.vocab import SIGN_SYMBOLS, local_id

__all__ = [
    "MAX_FACTORS",
    "GROUP_COLOURS",
    "SIGN_COLOURS",
    "BRIEF_COLOURS",
    "Explorer",
    "select_subgraph",
    "explorer_html",
    "ExplorerPage",
    "explorer_keeping",
    "render_explorer",
    "write_explorer",
]

# Three channels that never share a palette: a factor's group is the fill of
# its box (Paul Tol's "light" scheme), an arrow's sign its colour and head
# (Okabe-Ito blue and vermilion; a bar head for decreases), a claim's brief
# the arrow's colour only when the reader asks for it (Tol's "muted", whose
# hues avoid blue and vermilion), with the sign still told by the head.
GROUP_COLOURS = {
    "economic": "#77AADD",
    "demographic": "#EE8866",
    "social policy": "#EEDD88",
    "social": "#FFAABB",
    "spatial": "#99DDFF",
    "political": "#44BB99",
    "outcome": "#BBCC33",
    "": "#DDDDDD",
}
SIGN_COLOURS = {"+": "#0072B2", "-": "#D55E00", "\u00b1": "#CC79A7"}
BRIEF_COLOURS = ["#332288", "#117733", "#999933", "#882255", "#44AA99", "#AA4499", "#DDCC77"]
LOOP_COLOUR = "#E69F00"
GENERATOR = f"kg {__version__} explorer"
#: From this many factors the page carries an overview (a box per group of factors), which
#: it opens on when the whole map cannot be read in the window (labels under 10 px).
OVERVIEW_FACTORS = 12
#: Most waypoints a page draws; above, its arrows run straight from box to box.
MAX_PAGE_WAYPOINTS = 2000
#: Above this many factors the page leaves leverage out: its loop count would cost seconds.
LEVERAGE_MAX_FACTORS = 400


@dataclass
class Explorer:
    """A rendered page and what it shows."""

    html: str
    factors: int
    pairs: int
    claims: int
    path: Path | None = None
    #: What the reader should know about the page, such as a layout made without Graphviz.
    notes: tuple[str, ...] = ()


_FACTORS = """
SELECT ?f ?d ?review WHERE {
  ?f a ck:Factor .
  OPTIONAL { ?f skos:definition ?d }
  OPTIONAL { ?f ck:needsReview ?review }
}
"""


def _factor_details(store: Any) -> dict[str, dict]:
    return {
        r["f"].value: {
            "definition": r["d"].value if r["d"] is not None else "",
            "review": r["review"] is not None and r["review"].value == "true",
        }
        for r in select(store, _FACTORS)
    }


_BRIEFS = """
SELECT ?brief ?id ?title ?citation ?synthetic ?url WHERE {
  ?brief a ck:Brief .
  OPTIONAL { ?brief dcterms:identifier ?id }
  OPTIONAL { ?brief dcterms:title ?title }
  OPTIONAL { ?brief dcterms:bibliographicCitation ?citation }
  OPTIONAL { ?brief ck:synthetic ?synthetic }
  OPTIONAL { ?brief bibo:uri ?url }
}
"""


def _briefs(store: Any) -> dict[str, dict]:
    briefs = {}
    for r in sorted(select(store, _BRIEFS), key=lambda r: r["brief"].value):
        iri = r["brief"].value
        ident = r["id"].value if r["id"] is not None else local_id(iri)
        url = r["url"].value if r["url"] is not None else ""
        briefs[ident] = {
            "id": ident,
            "iri": iri,
            "title": r["title"].value if r["title"] is not None else ident,
            "citation": r["citation"].value if r["citation"] is not None else ident,
            "synthetic": r["synthetic"] is not None and r["synthetic"].value == "true",
            # Only web addresses become links; anything else stays text.
            "url": url if url.startswith(("https://", "http://")) else "",
        }
    return briefs


def select_subgraph(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    chain: tuple[str, str] | None = None,
    max_factors: int = MAX_FACTORS,
) -> tuple[nx.MultiDiGraph, str]:
    """The part of ``G`` to draw, and a sentence that says what it is.

    Without ``focus`` or ``chain``, every factor that takes part in a claim.
    ``focus`` keeps the factors within ``depth`` links of a factor (either
    direction); ``chain`` keeps the factors on the chains between two.

    Raises
    ------
    KgError
        When more than ``max_factors`` factors would be drawn.
    NoCausalPath
        When ``chain`` names two factors no chain connects.
    """
    scope = "all factors that take part in a claim"
    keep = {n for n in G if G.degree(n) > 0}
    # A factor only a null finding names is shown too, with its "no effect found" mark.
    keep |= {c[end] for c in G.graph.get("null_claims", ()) for end in ("cause", "effect")}
    keep &= set(G)
    if focus is not None:
        centre = resolve_node(G, focus)
        near = nx.single_source_shortest_path_length(
            G.to_undirected(as_view=True), centre, cutoff=depth
        )
        keep = set(near)
        scope = (
            f"factors within {depth} link{'s' if depth != 1 else ''} of {node_label(G, centre)!r}"
        )
    if chain is not None:
        search = causal_chains(G, chain[0], chain[1], max_length=6, limit=100, require=True)
        on_chain = {n for c in search.chains for n in c.factors}
        keep = on_chain if focus is None else keep & on_chain
        scope = (
            f"chains from {node_label(G, search.source)!r} to {node_label(G, search.target)!r}"
            + (f" ({scope})" if focus is not None else "")
        )
    if len(keep) > max_factors:
        raise InvalidParameter(
            f"{len(keep)} factors are more than one page can show smoothly ({max_factors})",
            Phrase(
                "draw part of the graph: {focus:FACTOR} {depth:N}, {chain:FROM TO} or {brief:ID}"
            ),
        )
    return G.subgraph(keep).copy(), scope


def _claim_record(d: dict) -> dict:
    return {
        "claim": d["claim"],
        "id": local_id(d["claim"]),
        "sign": SIGN_SYMBOLS[d["sign"]] if d["sign"] else "0",
        "modality": d["modality"],
        "confidence": d["confidence"],
        "reading": d.get("reading", "stated"),
        "condition": d.get("condition"),
        "brief": d["brief"],
        "locator": d["locator"],
        "paraphrase": d["paraphrase"],
        "time_scope": d.get("time_scope"),
    }


def _pair_records(G: nx.MultiDiGraph) -> list[dict]:
    """Each pair with its claims, its null findings and its net sign and weight by the
    weighting rule (:mod:`kg.analysis.weights`), which the page's what-if propagates."""
    weights = pair_weights(G)
    pairs = []
    for u, v in sorted({(u, v) for u, v in G.edges()}):
        claims = sorted(G[u][v].values(), key=lambda d: (-d["confidence"], d["claim"]))
        nulls = sorted(null_claims_between(G, u, v), key=lambda d: d["claim"])
        pairs.append(
            {
                "id": f"{u}\n{v}",
                "from": u,
                "to": v,
                "weight": weights[u, v].as_dict(),
                "claims": [_claim_record(d) for d in claims],
                "null_claims": [_claim_record(d) for d in nulls],
            }
        )
    return pairs


def _clusters(G: nx.MultiDiGraph, factors: dict[str, dict], pairs: list[dict]) -> list[dict]:
    """The overview: one box per group of factors, laid out by the same layered layout.

    Each cluster lists its factors (``members``); the page folds them into one
    box with vis-network's clustering, and opens it on a click. None for a
    small graph or a graph of one group.
    """
    key = {n: f["group"] or "other" for n, f in factors.items()}
    groups = sorted(set(key.values()))
    if len(factors) < OVERVIEW_FACTORS or len(groups) < 2:
        return []
    members = {g: [n for n in factors if key[n] == g] for g in groups}
    between = nx.DiGraph()
    between.add_nodes_from(groups)
    between.add_edges_from(
        (key[p["from"]], key[p["to"]]) for p in pairs if key[p["from"]] != key[p["to"]]
    )
    text = {
        g: f"{g.capitalize()}: {len(members[g])} factor{'s' if len(members[g]) != 1 else ''}"
        for g in groups
    }
    layout = graph_layout(between, labels=text)
    return [
        {
            "id": f"cluster:{g}",
            "group": "" if g == "other" and "" in {f["group"] for f in factors.values()} else g,
            "label": text[g],
            "lines": box_lines(text[g]),
            "members": members[g],
            "x": layout.positions[g][0],
            "y": layout.positions[g][1],
            "w": layout.sizes[g][0],
            "h": layout.sizes[g][1],
        }
        for g in groups
    ]


def _null_pair_records(G: nx.MultiDiGraph) -> list[dict]:
    """Pairs that only null findings name (no claim of an effect): never causal arrows.

    The page draws each as a dashed grey mark without a head, "no effect found".
    """
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for claim in G.graph.get("null_claims", ()):
        u, v = claim["cause"], claim["effect"]
        if u in G and v in G and not G.has_edge(u, v):
            by_pair.setdefault((u, v), []).append(claim)
    return [
        {
            "id": f"{u}\n{v}",
            "from": u,
            "to": v,
            "claims": [],
            "null_claims": [_claim_record(d) for d in sorted(claims, key=lambda d: d["claim"])],
        }
        for (u, v), claims in sorted(by_pair.items())
    ]


def _disagreements(pairs: list[dict]) -> list[dict]:
    """Pairs whose claims disagree: in sign (contradictions) or in hedging across briefs."""
    found = []
    for pair in pairs:
        claims = pair["claims"]
        if len({c["sign"] for c in claims}) > 1:
            found.append({"pair": pair["id"], "kind": "contradiction"})
        elif {c["brief"] for c in pair.get("null_claims", ())} - {c["brief"] for c in claims}:
            found.append({"pair": pair["id"], "kind": "null finding"})
        elif (
            len({c["brief"] for c in claims}) > 1
            and len({c["modality"] == "asserted" for c in claims}) > 1
        ):
            found.append({"pair": pair["id"], "kind": "hedge mismatch"})
    return found


def _loop_records(G: nx.MultiDiGraph, loops: Sequence[Any]) -> list[dict]:
    """Loops with R/B numbers and a name made of their factors' labels."""
    records = []
    counters: dict[str, int] = {}
    for loop in loops:
        letter = {"reinforcing": "R", "balancing": "B"}.get(loop.kind, "A")
        counters[letter] = counters.get(letter, 0) + 1
        labels = loop.labels(G)
        words = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]
        adjective = {"R": "reinforcing", "B": "balancing", "A": "ambiguous"}[letter]
        records.append(
            {
                "code": f"{letter}{counters[letter]}",
                "name": f"{adjective} loop of {words.lower() if len(words) < 200 else words}",
                "factors": list(loop.factors),
                "labels": labels,
                "kind": loop.kind,
                "pairs": [f"{s.cause}\n{s.effect}" for s in loop.steps],
            }
        )
    return records


def _leverage_records(G: nx.MultiDiGraph, keep: set[str]) -> dict[str, dict]:
    """Each factor's leverage, its score's three parts, and its rank (as ``kg leverage``
    gives them for ``G``), for the factors in ``keep``."""
    if G.number_of_nodes() > LEVERAGE_MAX_FACTORS:  # the score would cost seconds
        return {}
    rows = leverage(G, max_loop_length=8, loop_limit=2000).rows
    return {
        r.node: {
            "rank": i + 1,
            "score": r.score,
            "reach": r.reach,
            "brokerage": r.brokerage,
            "feedback": r.feedback,
            "downstream": r.downstream,
            "weighted_reach": r.weighted_reach,
            "loops": r.loops,
            "loop_strength": r.loop_strength,
            "of": len(rows),
        }
        for i, r in enumerate(rows)
        if r.node in keep
    }


def _leverage_basis(G: nx.MultiDiGraph, shown: nx.MultiDiGraph, *, complete: bool) -> dict:
    """What the page needs to recompute leverage for its filters as ``kg leverage`` would.

    ``n`` counts every factor of the scheme (the command line ranks them all),
    ``others`` holds the labels of those the page does not draw (they score 0
    and take their rank among the others by label), and ``recomputable`` says
    whether the page can: it draws every factor some claim names and lists
    every loop (its own count stopped short of no limit).
    """
    drawn = set(shown)
    recomputable = complete and all(n in drawn for n in G if G.degree(n) > 0)
    others = sorted(node_label(G, n) for n in G if n not in drawn) if recomputable else []
    return {"n": G.number_of_nodes(), "recomputable": recomputable, "others": others}


def explorer_html(
    dataset: Any,
    G: nx.MultiDiGraph | None = None,
    *,
    focus: str | None = None,
    depth: int = 2,
    chain: tuple[str, str] | None = None,
    brief: str | Sequence[str] | None = None,
    positions: str | os.PathLike | Mapping[str, tuple[float, float]] | None = None,
    build: str = "",
    max_factors: int = MAX_FACTORS,
) -> Explorer:
    """The explorer page for a dataset (or for a causal graph ``G`` drawn from it).

    The page is made by pyvis: a :class:`pyvis.network.Network` holds the
    factors (boxes at the places :func:`~kg.outputs.layout.graph_layout`
    gives them), the arrows and vis-network's options, and its
    ``generate_html`` writes the page through kg's template, which in-lines
    a vis-network build from the npm registry vendored with kg (smaller than
    the copy pyvis ships, which carries polyfills) and kg's panels.

    Parameters
    ----------
    dataset : kg.store.Store, pyoxigraph.Store or rdflib.Dataset
        The built dataset: briefs' citations and factors' definitions come from it.
    G : networkx.MultiDiGraph, optional
        The causal graph to draw; by default :func:`kg.causal_graph` of the
        dataset (limited to ``brief`` when given).
    focus, depth, chain, max_factors
        See :func:`select_subgraph`.
    brief : str or list of str, optional
        Draw only the claims of this brief, or of these briefs.
    positions : path or mapping, optional
        Positions to keep, ``{factor IRI: (x, y)}``, or the JSON file the
        page's "Save positions" button writes.
    build : str
        A line naming the build the page comes from.

    Raises
    ------
    KgError
        An unknown brief, too many factors, a graph too dense to lay out, or
        a positions file that cannot be read.
    """
    if not hasattr(dataset, "query") and not hasattr(dataset, "oxigraph"):
        raise InvalidParameter(
            f"cannot draw {type(dataset).__name__} {dataset!r:.60}",
            "give a dataset: kg.Project(FOLDER).dataset or kg.build_dataset(FOLDER).dataset",
        )
    chosen = [brief] if isinstance(brief, str) else list(dict.fromkeys(brief or []))
    store = oxigraph_store(dataset)
    briefs = _briefs(store)
    for name in chosen:
        if name not in briefs:
            raise UnknownBrief(name, sorted(briefs))
    if G is None:
        G = causal_graph(dataset, briefs=chosen or None)
    elif chosen:
        G = G.edge_subgraph(
            [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["brief"] in chosen]
        ).copy()
        G.graph["null_claims"] = [c for c in G.graph.get("null_claims", ()) if c["brief"] in chosen]
    shown, scope = select_subgraph(
        G, focus=focus, depth=depth, chain=chain, max_factors=max_factors
    )
    if chosen:
        scope += ", in the claims of brief" + ("s " if len(chosen) > 1 else " ") + ", ".join(chosen)
    used_briefs = sorted(
        {d["brief"] for _, _, d in shown.edges(data=True)}
        | {c["brief"] for c in shown.graph.get("null_claims", ())
           if c["cause"] in shown and c["effect"] in shown}
    )  # fmt: skip
    details = _factor_details(store)
    saved = read_positions(positions) if isinstance(positions, (str, os.PathLike)) else positions
    simple = collapse(shown)
    labels = {n: str(shown.nodes[n].get("label", n)) for n in shown}
    null_pairs = _null_pair_records(shown)
    # Null-only pairs are laid out like arrows, so that their marks pass no box either.
    simple.add_edges_from((p["from"], p["to"]) for p in null_pairs)
    layout = graph_layout(simple, labels=labels, saved=saved)
    found = feedback_loops(shown, max_length=8, limit=200)
    loops = found.loops
    pairs = _pair_records(shown)
    # Beyond a few thousand waypoints the page would open slowly: arrows then run straight.
    routed = sum(len(points) for points in layout.waypoints.values()) <= MAX_PAGE_WAYPOINTS
    for pair in pairs + null_pairs:
        pair["route"] = layout.waypoints.get((pair["from"], pair["to"]), []) if routed else []
    # Leverage as `kg leverage` computes it on the same briefs: over the whole graph, not
    # only the part drawn (a focus or a chain), so that scores and ranks are the same.
    scores = _leverage_records(G, keep=set(shown))
    loop_nodes = {n for loop in loops for n in loop.factors}
    factors = {
        n: {
            "label": labels[n],
            "lines": box_lines(labels[n]),
            "alt_labels": list(shown.nodes[n].get("alt_labels", ())),
            "group": shown.nodes[n].get("group", ""),
            "definition": details.get(n, {}).get("definition", ""),
            "review": details.get(n, {}).get("review", False),
            "x": layout.positions[n][0],
            "y": layout.positions[n][1],
            "w": layout.sizes[n][0],
            "h": layout.sizes[n][1],
            "loop": n in loop_nodes,
            "leverage": scores.get(n),
        }
        for n in sorted(shown, key=lambda n: (labels[n].casefold(), n))
    }
    payload = {
        "factors": factors,
        # The chains lists' order, made here: the page then needs no collator to open.
        "factor_order": list(factors),
        "pairs": pairs,
        "null_pairs": null_pairs,
        "weight_rule": rule_parameters(),
        "loops": _loop_records(shown, loops),
        "leverage": _leverage_basis(G, shown, complete=bool(scores) and not found.limit_hit),
        "disagreements": _disagreements(pairs),
        "briefs": [briefs.get(b, {"id": b, "title": b, "citation": b, "iri": "", "url": "",
                                  "synthetic": False}) for b in used_briefs],
        "brief_colours": {b: BRIEF_COLOURS[i % len(BRIEF_COLOURS)] for i, b in enumerate(used_briefs)},
        "group_colours": {g: c for g, c in GROUP_COLOURS.items() if g},
        "sign_colours": SIGN_COLOURS,
        "null_colour": NULL_COLOUR,
        "loop_colour": LOOP_COLOUR,
        "clusters": _clusters(shown, factors, pairs + null_pairs),
        "box_extra": BOX_EXTRA,
        "engine": layout.engine,
        "straight": not routed,
        "scope": scope,
        "build": build,
        "title": _title([briefs.get(b, {"title": b}) for b in used_briefs]),
    }  # fmt: skip
    claims = sum(len(p["claims"]) for p in pairs)
    page = _render_page(_network(payload), payload)
    return Explorer(page, shown.number_of_nodes(), len(pairs), claims)


def _title(briefs: list[dict]) -> str:
    if len(briefs) == 1:
        return f"Causal claims of \u201c{briefs[0]['title']}\u201d"
    return f"Causal claims of {len(briefs)} briefs"


#: The colour and sign of a pair that only null findings name ("no effect found").
NULL_COLOUR = "#8c8c8c"
#: vis-network's options for every page: positions fixed (no physics), navigation buttons,
#: arrowheads at the borders of boxes.
VIS_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
    "interaction": {
        "navigationButtons": True,
        "keyboard": {"enabled": True, "bindToWindow": False},
        "hover": True,
        "tooltipDelay": 3_600_000,
        "zoomSpeed": 0.6,
    },
    "nodes": {
        "shape": "box",
        "physics": False,
        "font": {"face": "sans-serif", "size": 14, "color": "#222222"},
        "margin": {"top": 6, "bottom": 6, "left": 8, "right": 8},
        "shapeProperties": {"borderRadius": 3},
    },
    # The only labels arrows carry are null findings' marks: their font is every arrow's.
    "edges": {
        "smooth": False,
        "arrowStrikethrough": False,
        "selectionWidth": 1.5,
        "font": {"color": NULL_COLOUR, "size": 16, "strokeWidth": 4},
    },
}
NULL_MARK = "\u2205"
#: What vis-network adds around a box's text area (its margins and border), in px.
BOX_EXTRA = (2 * 8 + 6, 2 * 6 + 6)
#: The curve of the middle segment of each arrow of an opposing pair: two arcs, one each side.
OPPOSING_CURVE = {"enabled": True, "type": "curvedCW", "roundness": 0.35}


def _network(payload: dict) -> Network:
    """The pyvis network of a page: a box per factor, an arrow per cause-effect pair.

    An arrow through waypoints is a chain of segments joined at invisible
    points; only its last segment has a head. Of two opposing arrows, each
    bows to its own side.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for n, f in payload["factors"].items():
        net.add_node(
            n,
            label="\n".join(f["lines"]),
            shape="box",
            x=f["x"],
            y=f["y"],
            color={"background": GROUP_COLOURS.get(f["group"], GROUP_COLOURS[""]),
                   "border": LOOP_COLOUR if f["loop"] else "#555555"},
            borderWidth=3 if f["loop"] else 1,
            widthConstraint={"minimum": f["w"] - BOX_EXTRA[0]},
            heightConstraint={"minimum": f["h"] - BOX_EXTRA[1]},
            # No vis-network group: the page colours boxes itself, and a group's
            # options would be merged into every box again when it is measured.
            **({"shapeProperties": {"borderDashes": [5, 3]}} if f["review"] else {}),
        )  # fmt: skip
    factors = payload["factors"]

    def drawn(pair: dict) -> list:
        """The waypoints where the arrow bends: the others change nothing drawn."""
        ends = [(factors[pair[end]]["x"], factors[pair[end]]["y"]) for end in ("from", "to")]
        return bends(ends[0], [tuple(q) for q in pair["route"]], ends[1])

    routes = {(p["from"], p["to"]): drawn(p) for p in payload["pairs"]}
    for index, pair in enumerate(payload["pairs"]):
        claims = pair["claims"]
        sign = "\u00b1" if len({c["sign"] for c in claims}) > 1 else claims[0]["sign"]
        colour = SIGN_COLOURS[sign]
        route = routes[pair["from"], pair["to"]]
        points = [pair["from"]]
        for k, (x, y) in enumerate(route):
            point = f"{index}:{k}"
            net.add_node(point, label=" ", shape="dot", size=0.5, x=x, y=y, physics=False,
                         color={"background": colour, "border": colour}, borderWidth=0,
                         chosen=False, waypoint=True)  # fmt: skip
            points.append(point)
        points.append(pair["to"])
        # Two opposing arrows on one line (adjacent layers, no waypoints between) bow apart;
        # through waypoints of their own they are apart already, and a bow could touch a box.
        back = routes.get((pair["to"], pair["from"]))
        opposing = back is not None and back[::-1] == route
        middle = (len(points) - 2) // 2
        for k, (a, b) in enumerate(zip(points, points[1:], strict=False)):
            last = k == len(points) - 2
            net.add_edge(
                a,
                b,
                id=f"{index}/{k}",
                pair=pair["id"],
                color=colour,
                width=1 + 2 * max(c["confidence"] for c in claims),
                dashes=all(c["modality"] != "asserted" for c in claims),
                arrows={"to": {"enabled": last, "type": "arrow" if sign == "+" else "bar"
                               if sign == "-" else "diamond", "scaleFactor": 0.8}},
                smooth=OPPOSING_CURVE if opposing and k == middle else False,
            )  # fmt: skip
    for index, pair in enumerate(payload["null_pairs"], start=len(payload["pairs"])):
        points = [pair["from"]]
        for k, (x, y) in enumerate(drawn(pair)):
            point = f"{index}:{k}"
            net.add_node(point, label=" ", shape="dot", size=0.5, x=x, y=y, physics=False,
                         color={"background": NULL_COLOUR, "border": NULL_COLOUR},
                         borderWidth=0, chosen=False, waypoint=True)  # fmt: skip
            points.append(point)
        points.append(pair["to"])
        for k, (a, b) in enumerate(zip(points, points[1:], strict=False)):
            mark = {"label": NULL_MARK} if k == (len(points) - 2) // 2 else {}
            net.add_edge(a, b, id=f"{index}/{k}", pair=pair["id"], color=NULL_COLOUR, width=1.5,
                         dashes=[2, 4], arrows={"to": {"enabled": False}}, smooth=False,
                         null=True, **mark)  # fmt: skip
    net.set_options(json.dumps(VIS_OPTIONS))
    return net


def _script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
                         ("\u0085", "\\u0085")):  # fmt: skip
        text = text.replace(raw, escaped)
    return text


def _asset(name: str) -> str:
    return resources.files("kg.outputs").joinpath("explorer_assets", name).read_text("utf-8")


@functools.cache
def _page_script() -> str:
    """kg's own script without its comments and indentation (rJSmin), as the page in-lines it.

    The browser parses a third less text, and compiles each function again from less when
    it first runs: the page is usable sooner.
    """
    return rjsmin.jsmin(_asset("explorer.js"))


def _vis_asset(name: str) -> str:
    """A file of the vis-network build vendored with kg (:data:`VIS_VERSION`)."""
    return _asset(name)


#: The version of vis-network the page in-lines: a build from the npm registry, vendored in
#: ``explorer_assets`` (made by ``scripts/vis-network/build.sh``; versions and SHA-256 in
#: ``explorer_assets/VENDORED.md``).
VIS_VERSION = "9.1.9"


def _digest(code: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"
    )


def _render_page(net: Network, payload: dict) -> str:
    """The page, written by pyvis's ``generate_html`` through kg's template."""
    folder = resources.files("kg.outputs").joinpath("explorer_assets")
    net.set_template_dir(str(folder) + os.sep, "page.html")
    environment = net.templateEnv
    environment.autoescape = True
    environment.undefined = jinja2.StrictUndefined
    environment.filters["script_json"] = lambda value: Markup(_script_json(value))
    environment.filters["json_text"] = lambda text: Markup(_script_json(json.loads(text)))
    page_js = _inline_script(_page_script())
    vis_js = _inline_script(_vis_asset("vis-network.min.js"))
    environment.globals.update(
        title=payload["title"],
        generator=GENERATOR,
        # Only these two scripts may run: an injected handler or script would not.
        script_hash=Markup(f"{_digest(vis_js)} {_digest(page_js)}"),
        page_css=Markup(_asset("explorer.css")),
        vis_css=Markup(_vis_asset("vis-network.min.css").replace("</style", "<\\/style")),
        vis_js=Markup(vis_js),
        page_js=Markup(page_js),
        data=payload,
    )
    return net.generate_html()


def _inline_script(code: str) -> str:
    # A literal "</script" inside in-lined code would end the element early, and a
    # C1 control character is not allowed in HTML: both written as escapes (in
    # vis-network they stand inside string literals, where the escape means the same).
    code = code.replace("</script", "<\\/script")
    return re.sub("[\x80-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", code)


def _written_by_kg(path: Path) -> bool:
    head = read_prefix(path, 2048).decode("utf-8", errors="replace")
    return '<meta name="generator" content="kg ' in head


def write_explorer(page: Explorer, path: str | os.PathLike, *, force: bool = False) -> Explorer:
    """Write the page atomically; a file that kg did not write needs ``force``."""
    page.path = atomic_write(path, page.html.encode("utf-8"), force=force, ours=_written_by_kg)
    return page


class ExplorerPage:
    """The explorer for a notebook: Jupyter shows it inline, in a sandboxed frame.

    The frame may run the page's script and download its exports, nothing
    else (no access to the notebook, no navigation of the notebook's page).

    >>> page = ExplorerPage("<p>graph</p>", height=300)
    >>> page._repr_html_().startswith("<iframe")
    True
    """

    def __init__(self, page_html: str, height: int = 720):
        self.html = page_html
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ccc" '
            'sandbox="allow-scripts allow-downloads"></iframe>'
        )


def page_positions(path: str | os.PathLike) -> dict[str, tuple[float, float]]:
    """The factor positions of an explorer page kg wrote, ``{}`` when it is not one.

    >>> page_positions("no such page.html")
    {}
    """
    path = Path(path)
    # Only a regular file kg wrote is read: a FIFO or a device at --out must not block or
    # fill memory before the write refuses it.
    if not path.is_file() or not _written_by_kg(path):
        return {}
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return page_positions_of(text)


def page_positions_of(page_html: str) -> dict[str, tuple[float, float]]:
    """The factor positions of an explorer page laid out by this version's engine.

    ``{}`` when the page has none, or was laid out by another engine (an
    older page's Graphviz or fallback layout): such a page is laid out afresh.
    """
    try:
        payload = _page_payload(page_html)
        if payload.get("engine") not in (ENGINE, "saved"):
            return {}
        return {str(f): (float(d["x"]), float(d["y"])) for f, d in payload["factors"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}  # a page of another version: laid out afresh


def explorer_keeping(
    dataset: Any,
    previous: str | os.PathLike | None,
    *,
    relayout: bool = False,
    **options: Any,
) -> Explorer:
    """The page of :func:`explorer_html`, its factors kept where ``previous`` had them.

    Unless ``positions`` are given or ``relayout`` is true, factors keep the
    places they have in the page at ``previous`` (a page kg wrote with this
    layout engine): when a fresh layout would move any of them (claims were
    added, say), new factors are placed among the old places, and ``notes``
    says so. A page laid out by another engine is laid out afresh. Unchanged
    data gives the same page. ``kg render`` and ``kg serve`` both make their
    page this way, so both show the same places.
    """
    page = explorer_html(dataset, **options)
    kept = (
        {}
        if relayout or previous is None or options.get("positions") is not None
        else page_positions(previous)
    )
    fresh = page_positions_of(page.html)
    moved = [f for f in fresh if f in kept and kept[f] != fresh[f]]
    if moved:  # the new layout would move factors the reader has seen: keep their places
        page = explorer_html(dataset, **{**options, "positions": kept})
        same = sum(1 for f in fresh if f in kept)
        page.notes = (
            *page.notes,
            f"kept the places of {same} factors from the page this one replaces; "
            "arrows between kept places run straight (--relayout for a fresh layout)",
        )
    return page


def render_explorer(
    dataset: Any,
    out: str | os.PathLike = Path("dist") / "graph.html",
    *,
    build: str = "",
    force: bool = False,
    relayout: bool = False,
    **options: Any,
) -> Explorer:
    """Draw ``dataset`` (options of :func:`explorer_html`) and write the page to ``out``.

    Factors keep their places in the page at ``out`` as
    :func:`explorer_keeping` says. Returns the :class:`Explorer` with its
    ``path`` and counts.
    """
    page = explorer_keeping(dataset, out, relayout=relayout, build=build, **options)
    return write_explorer(page, out, force=force)


_DATA_BLOCK = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.S)


def _page_payload(page_html: str) -> dict:
    """The data block of an explorer page (ValueError when it has none)."""
    match = _DATA_BLOCK.search(page_html)
    if match is None:
        raise ValueError("no data block")
    return json.loads(match.group(1))
