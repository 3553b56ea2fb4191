"""Layouts for causal maps: Graphviz ``dot`` for pages people read, layers for huge ones.

:func:`graph_layout` is what the explorer draws. Up to
:data:`DOT_MAX_FACTORS` factors it runs Graphviz ``dot`` (``rankdir=LR``:
causes left of effects, crossings minimised by dot's own heuristics, each
arrow routed as a spline around the boxes it is not attached to, parallel
arrowheads spread over the sides of a box) and reads its ``-Tplain``
output back. Every feedback loop of up to four factors is drawn as a ring
rather than a row: its first half sits on one side, the second half on
the other, so the cycle is visible as a cycle. Positions an analyst saved
(:func:`read_positions`) are kept as they are, new factors take dot's
place for them moved off any box, and Graphviz ``neato -n2`` routes the
arrows around the boxes at those positions: this keeps a layout stable
when claims are added.

Above :data:`DOT_MAX_FACTORS` factors dot takes minutes; the page is then an
overview, and :func:`layered_positions` (one pass of layering and barycentre
ordering, in Python) places the factors, with straight arrows.

Without Graphviz the page still works: :func:`graph_layout` then uses
:func:`layered_positions` with straight arrows (``engine="layers"``, which
the page shows), and :data:`NO_GRAPHVIZ` is the note ``kg render`` prints,
saying what is lost and how to install Graphviz: a change of layout is
never silent.

>>> import networkx as nx
>>> G = nx.DiGraph([("costs", "shift"), ("shift", "growth"), ("growth", "return"),
...                 ("return", "growth")])
>>> pos = layered_positions(G)
>>> pos["costs"][0] < pos["shift"][0] < pos["growth"][0]
True
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import MissingTool, UnreadableFile

__all__ = [
    "DOT_MAX_FACTORS",
    "NO_GRAPHVIZ",
    "Layout",
    "graphviz_installed",
    "box_lines",
    "box_size",
    "crossing_count",
    "graph_layout",
    "layered_positions",
    "read_positions",
]

#: The note for a page laid out without Graphviz.
NO_GRAPHVIZ = (
    "Graphviz is not installed: the page is laid out in layers with straight arrows, "
    "which may cross factors; for the full layout, install Graphviz "
    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) and render again"
)
#: Above this many factors ``dot`` is too slow for a page made on demand.
DOT_MAX_FACTORS = 400
#: Characters per line of a factor's box; longer labels wrap.
LINE_CHARACTERS = 18
#: The page draws labels at this size (px) at zoom 1; boxes are sized for it.
FONT_SIZE = 14
_CHAR_WIDTH = 0.62 * FONT_SIZE  # DejaVu Sans' widest common letters, so text stays inside
_LINE_HEIGHT = 1.25 * FONT_SIZE
_PADDING = (14, 10)
#: Loops of up to this many factors are drawn as rings.
RING_MAX = 4
_TIMEOUT = 120
_INSTALL = (
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
)


@dataclass
class Layout:
    """Where each factor and arrow is drawn, in page pixels (y grows downwards).

    Attributes
    ----------
    positions : dict
        ``{factor: (x, y)}``, the centre of each box.
    sizes : dict
        ``{factor: (width, height)}`` of each box.
    routes : dict
        ``{(cause, effect): [(x, y), ...]}``, a cubic Bézier spline from the
        cause's box to the effect's (1 + 3k points).
    engine : str
        ``"dot"``, ``"neato"`` (saved positions kept) or ``"layers"``.
    """

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    sizes: dict[str, tuple[float, float]] = field(default_factory=dict)
    routes: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    engine: str = "dot"


def box_lines(label: str) -> list[str]:
    """A factor's label wrapped into the lines of its box."""
    return textwrap.wrap(label, LINE_CHARACTERS, break_long_words=True) or [""]


def box_size(label: str) -> tuple[float, float]:
    """Width and height in pixels of the box that holds ``label``."""
    lines = box_lines(label)
    width = max(len(line) for line in lines) * _CHAR_WIDTH + 2 * _PADDING[0]
    return round(width, 1), round(len(lines) * _LINE_HEIGHT + 2 * _PADDING[1], 1)


def graph_layout(
    G: nx.DiGraph,
    *,
    labels: Mapping[str, str] | None = None,
    rings: Iterable[list[str]] = (),
    saved: Mapping[str, tuple[float, float]] | None = None,
    clusters: Mapping[str, str] | None = None,
) -> Layout:
    """Lay ``G`` out for the explorer.

    Parameters
    ----------
    G : networkx.DiGraph
        The factors and cause-effect pairs.
    labels : mapping, optional
        The text of each factor's box (default: the node's ``label`` or id).
    rings : iterable of lists
        Feedback loops, each as the list of its factors in order; the first
        disjoint ones of up to :data:`RING_MAX` factors are drawn as rings.
    saved : mapping, optional
        Positions ``{factor: (x, y)}`` to keep (from :func:`read_positions`).
    clusters : mapping, optional
        ``{factor: name}``: dot keeps the factors of one name together (an
        overview's groups); rings are not drawn then.

    Raises
    ------
    MissingTool
        When Graphviz gives up (it ran past its time limit).
    """
    labels = labels or {n: str(G.nodes[n].get("label", n)) for n in G}
    sizes = {n: box_size(labels.get(n, str(n))) for n in G}
    if G.number_of_nodes() == 0:
        return Layout()
    if G.number_of_nodes() > DOT_MAX_FACTORS or not graphviz_installed():
        positions = layered_positions(G)
        if saved:
            positions.update({n: saved[n] for n in G if n in saved})
        return Layout(positions, sizes, _straight(G, positions), "layers")
    names = {node: f"n{i}" for i, node in enumerate(sorted(G, key=lambda n: _key(G, n)))}
    layout = _run("dot", _dot_source(G, names, sizes, [], clusters), names, sizes)
    ring_edges, _groups = _ring_constraints(G, list(rings))
    if ring_edges and not clusters:
        # Rings show loops as loops, but not at the price of more crossings.
        ringed = _run("dot", _dot_source(G, names, sizes, list(rings)), names, sizes)
        if crossing_count(ringed.routes) <= crossing_count(layout.routes):
            layout = ringed
    if saved and any(n in saved for n in G):
        fixed = _placed_around(layout, {n: saved[n] for n in G if n in saved})
        layout = _anchored(
            _run("neato", _pinned_source(G, names, sizes, fixed), names, sizes), fixed
        )
    return layout


def _placed_around(
    layout: Layout, saved: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Saved factors where they were; the others where dot put them, moved down off any box.

    This keeps a page's layout when claims are added: render with the
    positions saved from the previous page, and only new factors find new
    places.
    """
    placed: dict[str, tuple[float, float]] = dict(saved)
    gap = 12.0

    def clash(node: str, x: float, y: float) -> float:
        """How far ``node`` at (x, y) must move down to clear the boxes placed so far."""
        w, h = layout.sizes[node]
        need = 0.0
        for other, (ox, oy) in placed.items():
            ow, oh = layout.sizes[other]
            if abs(x - ox) < (w + ow) / 2 + gap and abs(y - oy) < (h + oh) / 2 + gap:
                need = max(need, oy + (h + oh) / 2 + gap - y)
        return need

    for node in sorted(set(layout.positions) - set(saved), key=lambda n: layout.positions[n][::-1]):
        x, y = layout.positions[node]
        while (step := clash(node, x, y)) > 0:
            y += step + 0.1
        placed[node] = (x, round(y, 1))
    return placed


def _anchored(layout: Layout, fixed: Mapping[str, tuple[float, float]]) -> Layout:
    """neato's output moved back onto the positions it was given (plain output is shifted)."""
    some = next(iter(fixed))
    dx = fixed[some][0] - layout.positions[some][0]
    dy = fixed[some][1] - layout.positions[some][1]
    routes = {
        pair: [(round(x + dx, 1), round(y + dy, 1)) for x, y in points]
        for pair, points in layout.routes.items()
    }
    return Layout(dict(fixed), layout.sizes, routes, "neato")


def read_positions(path: str | os.PathLike) -> dict[str, tuple[float, float]]:
    """Positions saved from the explorer page (its "Save positions" button).

    The file is JSON: ``{"positions": {factor IRI: [x, y], ...}}``.

    Raises
    ------
    UnreadableFile
        When the file is missing or not such JSON.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise UnreadableFile(
            f"{path}: cannot read the positions file ({error.strerror})",
            "give the file the explorer's Save positions button wrote",
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableFile(
            f"{path}: not JSON ({error})",
            "give the file the explorer's Save positions button wrote",
        ) from None
    positions = data.get("positions") if isinstance(data, dict) else None
    if not isinstance(positions, dict):
        raise UnreadableFile(
            f'{path}: no "positions" object', 'the file holds {"positions": {"factor": [x, y]}}'
        )
    result = {}
    for factor, point in positions.items():
        if not (
            isinstance(point, list)
            and len(point) == 2
            and all(isinstance(v, (int, float)) and math.isfinite(v) for v in point)
        ):
            raise UnreadableFile(
                f"{path}: positions: {factor}: not a pair of numbers", "write it as [x, y]"
            )
        result[str(factor)] = (float(point[0]), float(point[1]))
    return result


def _dot_source(G, names, sizes, rings, clusters=None) -> str:
    lines = [
        "digraph kg {",
        "  rankdir=LR; nodesep=0.25; ranksep=0.45; splines=true; outputorder=edgesfirst;",
        # Bounded effort: the default search is quadratic on dense graphs.
        "  mclimit=2; searchsize=60;",
        '  node [shape=box fixedsize=true label=""];',
        "  edge [arrowsize=0.8];",
    ]
    for node, name in sorted(names.items(), key=lambda item: int(item[1][1:])):
        width, height = sizes[node]
        lines.append(f"  {name} [width={width / 72:.3f} height={height / 72:.3f}];")
    by_cluster: dict[str, list[str]] = {}
    for node, cluster in sorted((clusters or {}).items()):
        by_cluster.setdefault(cluster, []).append(names[node])
    for i, (_cluster, members) in enumerate(sorted(by_cluster.items())):
        lines.append(f"  subgraph cluster_{i} {{ " + " ".join(members) + " }")
    ring_edges, ring_groups = _ring_constraints(G, rings)
    for members in ring_groups:
        lines.append("  { rank=same; " + " ".join(names[m] for m in members) + " }")
    for u, v in sorted(G.edges(), key=lambda e: (names[e[0]], names[e[1]])):
        if u == v:
            continue
        extra = " [constraint=false]" if (u, v) in ring_edges else ""
        lines.append(f"  {names[u]} -> {names[v]}{extra};")
    lines.append("}")
    return "\n".join(lines)


def _ring_constraints(G, rings) -> tuple[set, list[list[str]]]:
    """Edges freed from ranking and same-rank groups that turn short loops into rings.

    A loop a → b → c → d → a gets a, d in one rank and b, c in the next: the
    arrows a → b and c → d run across, b → c and d → a along the ranks, so
    the four factors form a rectangle.
    """
    used: set[str] = set()
    free: set[tuple[str, str]] = set()
    groups: list[list[str]] = []
    for loop in rings:
        if not 3 <= len(loop) <= RING_MAX or used & set(loop):
            continue
        used |= set(loop)
        half = (len(loop) + 1) // 2
        first, second = loop[:half], list(reversed(loop[half:]))
        for i, node in enumerate(first):
            column = [node] + ([second[i]] if i < len(second) else [])
            if len(column) > 1:
                groups.append(column)
        steps = list(zip(loop, loop[1:] + loop[:1], strict=True))
        # Only the arrows across the ring (first half forwards) set the ranks.
        free |= {step for step in steps if not (step[0] in first and step[1] in first)}
    return free, groups


def _pinned_source(G, names, sizes, fixed) -> str:
    lines = ["digraph kg {", "  splines=true; outputorder=edgesfirst;",
             '  node [shape=box fixedsize=true label=""];', "  edge [arrowsize=0.8];"]  # fmt: skip
    for node, name in names.items():
        width, height = sizes[node]
        x, y = fixed[node]
        # neato -n2 reads positions in points, y upwards; the page's y grows downwards.
        lines.append(
            f'  {name} [width={width / 72:.3f} height={height / 72:.3f} pos="{x:.1f},{-y:.1f}!"];'
        )
    for u, v in sorted(G.edges(), key=lambda e: (names[e[0]], names[e[1]])):
        if u != v:
            lines.append(f"  {names[u]} -> {names[v]};")
    lines.append("}")
    return "\n".join(lines)


def graphviz_installed() -> bool:
    """Whether both Graphviz programs the layout runs (``dot``, ``neato``) are on the PATH."""
    return all(shutil.which(engine) for engine in ("dot", "neato"))


def _run(engine: str, source: str, names, sizes) -> Layout:
    executable = shutil.which(engine)
    if executable is None:
        raise MissingTool(
            f"Graphviz `{engine}` is not installed; kg render lays graphs out with it", _INSTALL
        )
    command = [executable, "-Tplain"] + (["-n2"] if engine == "neato" else [])
    try:
        done = subprocess.run(
            command, input=source, capture_output=True, text=True, timeout=_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise MissingTool(
            f"Graphviz `{engine}` took more than {_TIMEOUT} s on {len(names)} factors",
            "draw part of the graph: --focus FACTOR --depth N, --chain FROM TO or --brief ID",
        ) from None
    if done.returncode != 0:  # a bug of kg's input or of the installation, not of the data
        raise RuntimeError(f"{engine} failed: {done.stderr.strip()}")
    return _parse_plain(done.stdout, {name: node for node, name in names.items()}, sizes)


def _parse_plain(text: str, nodes_of: dict[str, str], sizes) -> Layout:
    """Graphviz's ``-Tplain`` output (inches, y upwards) as a :class:`Layout` in pixels."""
    layout = Layout(sizes=dict(sizes))
    height = 0.0
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "graph":
            height = float(parts[3]) * 72
        elif parts[0] == "node":
            x, y = float(parts[2]) * 72, height - float(parts[3]) * 72
            layout.positions[nodes_of[parts[1]]] = (round(x, 1), round(y, 1))
        elif parts[0] == "edge":
            count = int(parts[3])
            values = [float(v) * 72 for v in parts[4 : 4 + 2 * count]]
            points = [
                (round(values[i], 1), round(height - values[i + 1], 1))
                for i in range(0, len(values), 2)
            ]
            layout.routes[(nodes_of[parts[1]], nodes_of[parts[2]])] = points
    return layout


def crossing_count(routes: Mapping[tuple[str, str], list[tuple[float, float]]]) -> int:
    """How many pairs of arrows cross (arrows that share a factor are not counted).

    >>> crossing_count({("a", "b"): [(0, 0), (0, 0), (10, 10), (10, 10)],
    ...                 ("c", "d"): [(0, 9), (0, 9), (10, 0), (10, 0)]})
    1
    """
    lines = {pair: _sampled(points) for pair, points in routes.items() if points}
    boxes = {
        pair: (min(x for x, _ in pts), min(y for _, y in pts), max(x for x, _ in pts),
               max(y for _, y in pts))
        for pair, pts in lines.items()
    }  # fmt: skip
    items = sorted(lines, key=lambda pair: boxes[pair][0])
    count = 0
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if boxes[b][0] > boxes[a][2]:
                break  # sorted by left edge: no later arrow reaches back to this one
            if set(a) & set(b) or boxes[a][3] < boxes[b][1] or boxes[b][3] < boxes[a][1]:
                continue
            if _polylines_cross(lines[a], lines[b]):
                count += 1
    return count


def _sampled(points, per_segment: int = 8) -> list[tuple[float, float]]:
    result = [points[0]]
    for i in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = points[i - 1], points[i], points[i + 1], points[i + 2]
        for step in range(1, per_segment + 1):
            t = step / per_segment
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            result.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                           a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))  # fmt: skip
    return result


def _polylines_cross(first, second) -> bool:
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    for p, q in zip(first, first[1:], strict=False):
        for r, s in zip(second, second[1:], strict=False):
            if (orient(r, s, p) * orient(r, s, q) < 0) and (orient(p, q, r) * orient(p, q, s) < 0):
                return True
    return False


def _straight(G, positions) -> dict[tuple[str, str], list[tuple[float, float]]]:
    routes = {}
    for u, v in G.edges():
        (x1, y1), (x2, y2) = positions[u], positions[v]
        routes[(u, v)] = [(x1, y1), (x1, y1), (x2, y2), (x2, y2)]
    return routes


def layered_positions(
    G: nx.DiGraph, *, x_gap: float = 280.0, y_gap: float = 90.0, sweeps: int = 4
) -> dict[str, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` in pixels, causes to the left of effects.

    Each strongly connected component gets a layer one past the furthest of
    its causes, and factors within a layer are ordered by the barycentre of
    their neighbours. Used for overviews too large for ``dot``.
    """
    if G.number_of_nodes() == 0:
        return {}
    simple = nx.DiGraph(G)
    condensed = nx.condensation(simple)
    component_layer: dict[int, int] = {}
    for component in nx.topological_sort(condensed):
        preds = list(condensed.predecessors(component))
        component_layer[component] = max((component_layer[p] + 1 for p in preds), default=0)
    # Components of many factors spread over a few columns so a feedback
    # cluster does not become one very tall column.
    layer_of: dict[str, float] = {}
    shift: dict[int, int] = {}
    for component in nx.topological_sort(condensed):
        members = sorted(condensed.nodes[component]["members"], key=lambda n: _key(G, n))
        width = max(1, math.isqrt(len(members)) // 2) if len(members) > 8 else 1
        extra = max((shift.get(p, 0) for p in condensed.predecessors(component)), default=0)
        shift[component] = extra + width - 1
        for i, node in enumerate(members):
            layer_of[node] = component_layer[component] + extra + (i % width)
    layers: dict[float, list[str]] = {}
    for node in sorted(layer_of, key=lambda n: _key(G, n)):
        layers.setdefault(layer_of[node], []).append(node)
    order = {node: i for nodes in layers.values() for i, node in enumerate(nodes)}
    keys = sorted(layers)
    for sweep in range(sweeps):
        sequence = keys if sweep % 2 == 0 else list(reversed(keys))
        for layer in sequence:
            nodes = layers[layer]
            neighbours = (
                (lambda n: simple.predecessors(n))
                if sweep % 2 == 0
                else (lambda n: simple.successors(n))
            )

            def barycentre(n, neighbours=neighbours, nodes=nodes):
                around = [order[m] for m in neighbours(n) if layer_of[m] != layer_of[n]]
                return (sum(around) / len(around)) if around else order[n]

            nodes.sort(key=lambda n: (barycentre(n), _key(G, n)))
            for i, node in enumerate(nodes):
                order[node] = i
    positions = {}
    for layer, nodes in layers.items():
        top = -(len(nodes) - 1) * y_gap / 2
        for i, node in enumerate(nodes):
            stagger = (i % 2) * y_gap * 0.15
            positions[node] = (round(layer * x_gap, 1), round(top + i * y_gap + stagger, 1))
    return positions


def _key(G: nx.DiGraph, node: str) -> tuple[str, str]:
    return (str(G.nodes[node].get("label", node)).casefold(), str(node))
