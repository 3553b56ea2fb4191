"""The interactive HTML explorer: one self-contained, offline page.

The page is made with pyvis, which assembles vis-network's nodes, edges and
options; kg then writes them into its own template with vis-network's script
and style sheet in-line (pyvis's template would load Bootstrap and menu
libraries from CDNs) and adds its own script for search, filters, details,
chains and loops. Positions are computed in Python
(:func:`~kg.outputs.layout.layered_positions`) and physics is off, so the
page is usable as soon as it is drawn.

All text from briefs travels as JSON in a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, and the page's script only ever
puts it into the document as text (``textContent``), never as HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg import __version__
from kg.analysis.chains import causal_chains
from kg.analysis.graph import causal_graph, node_label, resolve_node
from kg.analysis.loops import feedback_loops
from kg.errors import InvalidParameter
from kg.io import atomic_write
from kg.outputs.formats import MAX_FACTORS
from kg.outputs.sparql import oxigraph_store, select
from kg.vocab import SIGN_SYMBOLS, local_id

__all__ = [
    "MAX_FACTORS",
    "GROUP_COLOURS",
    "Explorer",
    "select_subgraph",
    "explorer_html",
    "ExplorerPage",
    "render_explorer",
    "write_explorer",
]

#: Above this many factors a whole-graph page would freeze the browser.

GROUP_COLOURS = {
    "economic": "#4e79a7",
    "demographic": "#f28e2b",
    "social policy": "#59a14f",
    "social": "#b07aa1",
    "spatial": "#76b7b2",
    "political": "#edc948",
    "outcome": "#9c755f",
    "": "#bab0ac",
}
SIGN_COLOURS = {"+": "#2e7d32", "-": "#c62828", "±": "#6a1b9a"}
BRIEF_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]
LOOP_BORDER = "#b8860b"
GENERATOR = f"kg {__version__} explorer"


@dataclass
class Explorer:
    """A rendered page and what it shows."""

    html: str
    factors: int
    pairs: int
    claims: int
    path: Path | None = None


def _factor_details(store: Any) -> dict[str, dict]:
    rows = select(
        store, "SELECT ?f ?d WHERE { ?f a ck:Factor . OPTIONAL { ?f skos:definition ?d } }"
    )
    return {r["f"].value: {"definition": r["d"].value if r["d"] is not None else ""} for r in rows}


_BRIEFS = """
SELECT ?brief ?id ?title ?citation ?synthetic WHERE {
  ?brief a ck:Brief .
  OPTIONAL { ?brief dcterms:identifier ?id }
  OPTIONAL { ?brief dcterms:title ?title }
  OPTIONAL { ?brief dcterms:bibliographicCitation ?citation }
  OPTIONAL { ?brief ck:synthetic ?synthetic }
}
"""


def _briefs(store: Any) -> dict[str, dict]:
    briefs = {}
    for r in sorted(select(store, _BRIEFS), key=lambda r: r["brief"].value):
        iri = r["brief"].value
        ident = r["id"].value if r["id"] is not None else local_id(iri)
        briefs[ident] = {
            "id": ident,
            "iri": iri,
            "title": r["title"].value if r["title"] is not None else ident,
            "citation": r["citation"].value if r["citation"] is not None else ident,
            "synthetic": r["synthetic"] is not None and r["synthetic"].value == "true",
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
            "draw part of the graph: a focus factor and a depth, a chain or a brief",
        )
    return G.subgraph(keep).copy(), scope


def _pair_records(G: nx.MultiDiGraph) -> list[dict]:
    pairs = []
    for u, v in sorted({(u, v) for u, v in G.edges()}):
        claims = sorted(G[u][v].values(), key=lambda d: (-d["confidence"], d["claim"]))
        pairs.append(
            {
                "id": f"{u}\n{v}",
                "from": u,
                "to": v,
                "claims": [
                    {
                        "claim": d["claim"],
                        "id": local_id(d["claim"]),
                        "sign": SIGN_SYMBOLS[d["sign"]],
                        "modality": d["modality"],
                        "confidence": d["confidence"],
                        "brief": d["brief"],
                        "locator": d["locator"],
                        "paraphrase": d["paraphrase"],
                        "time_scope": d.get("time_scope"),
                    }
                    for d in claims
                ],
            }
        )
    return pairs


def _edge_style(claims: list[dict]) -> dict:
    signs = {c["sign"] for c in claims}
    sign = signs.pop() if len(signs) == 1 else "±"
    return {
        "sign": sign,
        "color": SIGN_COLOURS[sign],
        "dashes": all(c["modality"] != "asserted" for c in claims),
        "width": round(1 + 4 * max(c["confidence"] for c in claims), 2),
    }


def explorer_html(
    dataset: Any,
    G: nx.MultiDiGraph | None = None,
    *,
    focus: str | None = None,
    depth: int = 2,
    chain: tuple[str, str] | None = None,
    brief: str | None = None,
    build: str = "",
    max_factors: int = MAX_FACTORS,
) -> Explorer:
    """The explorer page for a dataset (or for a causal graph ``G`` drawn from it).

    Parameters
    ----------
    dataset : kg.store.Store, pyoxigraph.Store or rdflib.Dataset
        The built dataset: briefs' citations and factors' definitions come from it.
    G : networkx.MultiDiGraph, optional
        The causal graph to draw; by default :func:`kg.causal_graph` of the
        dataset (limited to ``brief`` when given).
    focus, depth, chain, max_factors
        See :func:`select_subgraph`.
    brief : str, optional
        Draw only this brief's claims.
    build : str
        A line naming the build the page comes from.
    """
    if G is None:
        G = causal_graph(dataset, briefs=[brief] if brief else None)
    elif brief:
        G = G.edge_subgraph(
            [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["brief"] == brief]
        ).copy()
    shown, scope = select_subgraph(
        G, focus=focus, depth=depth, chain=chain, max_factors=max_factors
    )
    if brief:
        scope += f", in the claims of brief {brief}"
    store = oxigraph_store(dataset)
    briefs = _briefs(store)
    used_briefs = sorted({d["brief"] for _, _, d in shown.edges(data=True)})
    details = _factor_details(store)
    loops = feedback_loops(shown, max_length=8, limit=200)
    loop_nodes = {n for loop in loops.loops for n in loop.factors}
    loop_pairs = {(s.cause, s.effect) for loop in loops.loops for s in loop.steps}
    positions = nx_positions(shown)

    net = Network(directed=True, cdn_resources="in_line")
    for node in sorted(shown, key=lambda n: node_label(shown, n)):
        data = shown.nodes[node]
        group = data.get("group", "")
        net.add_node(
            node,
            label=data.get("label", node),
            x=positions[node][0],
            y=positions[node][1],
            shape="box",
            color={
                "background": GROUP_COLOURS.get(group, GROUP_COLOURS[""]),
                "border": LOOP_BORDER if node in loop_nodes else "#444444",
            },
            borderWidth=4 if node in loop_nodes else 1,
            font={"color": "#ffffff" if group not in ("political", "") else "#222222"},
            physics=False,
        )
    pairs = _pair_records(shown)
    for pair in pairs:
        style = _edge_style(pair["claims"])
        net.add_edge(
            pair["from"], pair["to"], id=pair["id"], color=style["color"], dashes=style["dashes"],
            width=style["width"], arrows="to", physics=False,
            shadow={"enabled": (pair["from"], pair["to"]) in loop_pairs, "color": LOOP_BORDER,
                    "size": 8, "x": 0, "y": 0},
            label="±" if style["sign"] == "±" else None,
        )  # fmt: skip
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    payload = {
        "nodes": nodes,
        "edges": [{k: v for k, v in e.items() if v is not None} for e in edges],
        "factors": {
            n: {
                "label": shown.nodes[n].get("label", n),
                "alt_labels": list(shown.nodes[n].get("alt_labels", ())),
                "group": shown.nodes[n].get("group", ""),
                "definition": details.get(n, {}).get("definition", ""),
            }
            for n in shown
        },
        "pairs": pairs,
        "loops": [
            {"factors": list(loop.factors), "labels": loop.labels(shown), "kind": loop.kind,
             "pairs": [f"{s.cause}\n{s.effect}" for s in loop.steps]}
            for loop in loops.loops
        ],
        "briefs": [briefs.get(b, {"id": b, "title": b, "citation": b, "iri": "", "synthetic": False})
                   for b in used_briefs],
        "brief_colours": {b: BRIEF_COLOURS[i % len(BRIEF_COLOURS)] for i, b in enumerate(used_briefs)},
        "group_colours": {g: c for g, c in GROUP_COLOURS.items() if g},
        "sign_colours": SIGN_COLOURS,
        "loop_colour": LOOP_BORDER,
        "scope": scope,
        "build": build,
    }  # fmt: skip
    claims = sum(len(p["claims"]) for p in pairs)
    page = _render_page(payload, _title(payload["briefs"]))
    return Explorer(page, shown.number_of_nodes(), len(pairs), claims)


def nx_positions(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Layered positions of the factors of ``G`` (see :mod:`kg.outputs.layout`)."""
    from kg.outputs.layout import layered_positions

    simple = nx.DiGraph()
    simple.add_nodes_from(G.nodes(data=True))
    simple.add_edges_from((u, v) for u, v in G.edges())
    return layered_positions(simple)


def _title(briefs: list[dict]) -> str:
    if len(briefs) == 1:
        return f"Causal claims of \u201c{briefs[0]['title']}\u201d"
    return f"Causal claims of {len(briefs)} briefs"


def _script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(raw, escaped)
    return text


def _asset(name: str) -> str:
    return resources.files("kg.outputs").joinpath("explorer_assets", name).read_text("utf-8")


#: Where pyvis 0.3 keeps its copy of vis-network; pyproject.toml pins pyvis to 0.3.x for it.
VIS_NETWORK = Path("lib") / "vis-9.1.2" / "vis-network.min.js"


def _vis_asset(name: str) -> str:
    path = Path(pyvis.__file__).parent / VIS_NETWORK.parent / name
    try:
        return path.read_text("utf-8")
    except OSError:  # a bug of the installation, not of the user's data
        raise RuntimeError(
            f"pyvis {getattr(pyvis, '__version__', '?')} has no {VIS_NETWORK}; kg needs pyvis 0.3.x"
        ) from None


def _render_page(payload: dict, title: str) -> str:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(_asset("page.html"))
    vis_js = _inline_script(_vis_asset("vis-network.min.js"))
    page_js = _inline_script(_asset("explorer.js"))
    # Only these two scripts may run: an injected handler or script would not.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"
        for code in (vis_js, page_js)
    )
    return template.render(
        title=title,
        generator=GENERATOR,
        script_hashes=Markup(hashes),
        vis_css=Markup(_vis_asset("vis-network.css")),
        vis_js=Markup(vis_js),
        page_css=Markup(_asset("explorer.css")),
        page_js=Markup(page_js),
        data_json=Markup(_script_json(payload)),
    )


def _inline_script(code: str) -> str:
    # A literal "</script" inside in-lined code would end the element early.
    return code.replace("</script", "<\\/script")


def _written_by_kg(path: Path) -> bool:
    try:
        head = path.read_bytes()[:2048].decode("utf-8", errors="replace")
    except OSError:
        return False
    return '<meta name="generator" content="kg ' in head


def write_explorer(page: Explorer, path: str | os.PathLike, *, force: bool = False) -> Explorer:
    """Write the page atomically; a file that kg did not write needs ``force``."""
    page.path = atomic_write(path, page.html.encode("utf-8"), force=force, ours=_written_by_kg)
    return page


class ExplorerPage:
    """The explorer for a notebook: Jupyter shows it inline, in a sandboxed frame.

    >>> page = ExplorerPage("<p>graph</p>", height=300)
    >>> page._repr_html_().startswith("<iframe")
    True
    """

    def __init__(self, page_html: str, height: int = 640):
        self.html = page_html
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ccc" '
            'sandbox="allow-scripts"></iframe>'
        )


def render_explorer(
    dataset: Any,
    out: str | os.PathLike = Path("dist") / "graph.html",
    *,
    build: str = "",
    force: bool = False,
    **options: Any,
) -> Explorer:
    """Draw ``dataset`` (options of :func:`explorer_html`) and write the page to ``out``.

    Returns the :class:`Explorer` with its ``path`` and counts.
    """
    return write_explorer(explorer_html(dataset, build=build, **options), out, force=force)
