"""Layouts for causal maps: a layered (Sugiyama) layout by grandalf, the same everywhere.

:func:`graph_layout` places the factors the explorer draws. It uses
grandalf's :class:`~grandalf.layouts.SugiyamaLayout`, a pure-Python
implementation of the layered method Graphviz ``dot`` uses: feedback arcs
reversed, factors ranked in layers, crossings reduced by median ordering
sweeps, coordinates by Brandes and Köpf. Causes sit left of their effects.
The layout needs no program outside Python, so a page is laid out the same
on every machine.

An arrow that spans several layers passes through *waypoints* (grandalf's
dummy vertices, as dot's virtual nodes), and every arrow leaves its cause
and enters its effect horizontally, through the gap beside its box's
column: so no arrow crosses a box that is not one of its ends. Then each
arrow is cut short (:func:`straightened`): it runs straight past every
waypoint it can skip without coming near another box or crossing an arrow
its full route did not cross. The page draws the waypoints left, where an
arrow bends (:func:`bends`), as invisible points of vis-network.

Positions an analyst saved (:func:`read_positions`) are kept as they are;
new factors take the layout's place for them, moved off any box.

>>> import networkx as nx
>>> G = nx.DiGraph([("costs", "shift"), ("shift", "growth"), ("growth", "return"),
...                 ("return", "growth")])
>>> layout = graph_layout(G)
>>> x = {n: p[0] for n, p in layout.positions.items()}
>>> x["costs"] < x["shift"] < x["growth"]
True
"""

from __future__ import annotations

import bisect
import json
import math
import os
import random
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout

from kg.errors import InvalidParameter, Phrase, UnreadableFile

__all__ = [
    "ENGINE",
    "MAX_WAYPOINTS",
    "Layout",
    "box_lines",
    "bends",
    "box_size",
    "crossing_count",
    "graph_layout",
    "layered_positions",
    "read_positions",
    "straightened",
]

#: The name of the layout engine, recorded in the page; a page of another engine is relaid.
ENGINE = "sugiyama"
#: Above this many factors grandalf takes too long: the overview's quick layering is used.
SUGIYAMA_MAX_FACTORS = 400
#: Most waypoints (dummy vertices) one layout may need: above, a graph is too dense to draw.
MAX_WAYPOINTS = 40_000
#: Characters per line of a factor's box; longer labels wrap.
LINE_CHARACTERS = 16
#: The page draws labels at this size (px) at zoom 1; boxes are sized for it.
FONT_SIZE = 14
_CHAR_WIDTH = 0.66 * FONT_SIZE  # DejaVu Sans' common letters, so text stays inside
_LINE_HEIGHT = 1.2 * FONT_SIZE
_PADDING = (8, 6)
#: Gap between factors of one layer, and between layers (px at zoom 1).
LAYER_GAP = 56.0
ROW_GAP = 14.0
ITERATIONS = 8
#: Median-and-transpose sweeps run on top of grandalf's ordering.
REFINE_SWEEPS = 24
#: Orders of the factors tried, the layout with the fewest crossings kept.
TRIES = 16
#: Room (px) an arrow cut short keeps from the boxes it passes (:func:`straightened`).
CLEARANCE = 4.0
#: Above this many waypoints in one component its arrows are not cut short: checking costs
#: seconds, and the explorer draws arrows straight from about as many.
STRAIGHTEN_MAX_WAYPOINTS = 2000


@dataclass
class Layout:
    """Where each factor and arrow is drawn, in page pixels (y grows downwards).

    Attributes
    ----------
    positions : dict
        ``{factor: (x, y)}``, the centre of each box.
    sizes : dict
        ``{factor: (width, height)}`` of each box.
    waypoints : dict
        ``{(cause, effect): [(x, y), ...]}``, the points an arrow passes
        through between its two boxes, in order (none for a straight arrow).
    engine : str
        :data:`ENGINE`, or ``"saved"`` when saved positions were kept.
    """

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    sizes: dict[str, tuple[float, float]] = field(default_factory=dict)
    waypoints: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)
    engine: str = ENGINE

    def route(self, cause: str, effect: str) -> list[tuple[float, float]]:
        """The polyline an arrow follows, from its cause's centre to its effect's."""
        return [
            self.positions[cause],
            *self.waypoints.get((cause, effect), []),
            self.positions[effect],
        ]


def box_lines(label: str) -> list[str]:
    """A factor's label wrapped into the lines of its box."""
    return textwrap.wrap(label, LINE_CHARACTERS, break_long_words=True) or [""]


def box_size(label: str) -> tuple[float, float]:
    """Width and height in pixels of the box that holds ``label``."""
    lines = box_lines(label)
    width = max(len(line) for line in lines) * _CHAR_WIDTH + 2 * _PADDING[0]
    return round(width, 1), max(round(len(lines) * _LINE_HEIGHT + 2 * _PADDING[1], 1), 32.0)


class _View:
    """What grandalf reads and writes for a vertex: its size and its place."""

    def __init__(self, w: float = 2.0, h: float = 2.0):
        self.w, self.h = w, h
        self.xy = (0.0, 0.0)


class _Path:
    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []

    def setpath(self, points) -> None:
        self.points = list(points)


def graph_layout(
    G: nx.DiGraph,
    *,
    labels: Mapping[str, str] | None = None,
    saved: Mapping[str, tuple[float, float]] | None = None,
) -> Layout:
    """Lay ``G`` out for the explorer.

    Parameters
    ----------
    G : networkx.DiGraph
        The factors and cause-effect pairs (a multigraph is collapsed).
    labels : mapping, optional
        The text of each factor's box (default: the node's ``label`` or id).
    saved : mapping, optional
        Positions ``{factor: (x, y)}`` to keep (from :func:`read_positions`).

    Raises
    ------
    InvalidParameter
        When the graph is too dense to lay out (more than
        :data:`MAX_WAYPOINTS` waypoints): the message names ``--focus`` and ``--brief``.
    """
    simple = nx.DiGraph()
    simple.add_nodes_from(G.nodes)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    text = {n: (labels or {}).get(n) or str(G.nodes[n].get("label", n)) for n in G}
    sizes = {n: box_size(text[n]) for n in G}
    order = sorted(simple, key=lambda n: (text[n].casefold(), str(n)))
    rank = {n: i for i, n in enumerate(order)}
    if simple.number_of_nodes() > SUGIYAMA_MAX_FACTORS:
        # An overview: one quick pass of layering and ordering, arrows straight.
        at = layered_positions(simple, x_gap=max(w for w, _ in sizes.values()) + LAYER_GAP,
                               y_gap=max(h for _, h in sizes.values()) + ROW_GAP)  # fmt: skip
        return Layout({n: at[n] for n in simple}, sizes, {}, "layers")
    parts = []
    for component in sorted(
        nx.weakly_connected_components(simple), key=lambda c: min(rank[n] for n in c)
    ):
        parts.append(_best_of_tries(simple, sorted(component, key=rank.__getitem__), sizes))
    layout = _packed(parts, sizes)
    if saved:
        kept = {n: (float(p[0]), float(p[1])) for n, p in saved.items() if n in layout.positions}
        layout = _kept(layout, kept)
    return layout


def _best_of_tries(G: nx.DiGraph, nodes: list[str], sizes) -> Layout:
    """The layout with the fewest crossings among :data:`TRIES` orders of the factors.

    grandalf's ordering sweeps start from the order the factors are given
    in: a few seeded orders find a better ordering (the same on every run).
    A try whose boxes overlap (grandalf's coordinates can put two boxes of a
    layer too close) is taken only when every try has one.
    """
    # Up to 150 factors a try costs a few tenths of a second; the full corpus (70) needs ten.
    tries = TRIES if len(nodes) <= 60 else 10 if len(nodes) <= 150 else 1
    best: tuple[bool, int, Layout] | None = None
    for seed in range(tries):
        order = list(nodes)
        if seed:
            random.Random(seed).shuffle(order)
        layout = _component_layout(G, order, sizes)
        if tries == 1:
            return _straightened_if_small(layout)
        crossed = crossing_count({(u, v): layout.route(u, v) for u, v in layout.waypoints})
        overlap = _overlapping(layout)
        if best is None or (overlap, crossed) < best[:2]:
            best = (overlap, crossed, layout)
        if crossed == 0 and not overlap:
            break
    assert best is not None
    # Straightening adds no crossing, so the tries are ranked before it and only the
    # chosen one pays for it.
    return _straightened_if_small(best[2])


def _straightened_if_small(layout: Layout) -> Layout:
    if sum(len(points) for points in layout.waypoints.values()) > STRAIGHTEN_MAX_WAYPOINTS:
        return layout  # too many to check in good time (the page draws such arrows straight)
    return straightened(layout)


def _overlapping(layout: Layout) -> bool:
    """Whether two boxes of the layout overlap."""
    boxes = sorted(
        (x - w / 2, x + w / 2, y - h / 2, y + h / 2)
        for n, (x, y) in layout.positions.items()
        for w, h in (layout.sizes[n],)
    )
    for i, (_left, right, top, bottom) in enumerate(boxes):
        for other in boxes[i + 1 :]:
            if other[0] >= right:
                break
            if other[2] < bottom and top < other[3]:
                return True
    return False


def _component_layout(G: nx.DiGraph, nodes: list[str], sizes) -> Layout:
    """One connected component, laid out left to right, with its arrows' waypoints."""
    if len(nodes) == 1:
        return Layout({nodes[0]: (0.0, 0.0)}, {nodes[0]: sizes[nodes[0]]})
    vertices = {n: Vertex(n) for n in nodes}
    for n, v in vertices.items():
        # grandalf lays out top to bottom: its width is our height and the other way round.
        v.view = _View(sizes[n][1], sizes[n][0])
    edges = []
    for u in nodes:
        for w in sorted(G.successors(u), key=nodes.index):
            e = Edge(vertices[u], vertices[w])
            e.view = _Path()
            edges.append(e)
    # One connected component, made from the ordered list of edges: grandalf's Graph would
    # gather them in a set, whose order (by object id) changes from run to run, and with it
    # the layout.
    core = graph_core(list(vertices.values()), edges)
    sugiyama = SugiyamaLayout(core)
    sugiyama.xspace = ROW_GAP
    sugiyama.yspace = LAYER_GAP
    sugiyama.dw = sugiyama.dh = 4.0  # waypoints take little room in their layer
    sugiyama.init_all(roots=[], inverted_edges=_feedback_edges(core), optimize=True)
    dummies = sum(len(layer) for layer in sugiyama.layers) - len(nodes)
    if dummies > MAX_WAYPOINTS:
        raise InvalidParameter(
            f"the graph is too dense to lay out in one page ({len(nodes)} factors, "
            f"{len(edges)} cause-effect pairs)",
            Phrase("draw part of it: {focus:FACTOR} {depth:1}, or {brief:ID}"),
        )
    for _ in range(ITERATIONS):
        for _step in sugiyama.ordering_step():
            pass
    _refine_order(sugiyama)
    sugiyama.setxy()
    # Columns: each layer spans the widest box in it.
    column: dict[int, tuple[float, float]] = {}
    for index, layer in enumerate(sugiyama.layers):
        y = layer[0].view.xy[1]
        half = max(v.view.h for v in layer) / 2
        column[index] = (y - half, y + half)
    positions = {n: (v.view.xy[1], v.view.xy[0]) for n, v in vertices.items()}
    layer_of = {n: sugiyama.grx[v].rank for n, v in vertices.items()}
    waypoints = {}
    for e in edges:
        u, w = e.v[0].data, e.v[1].data
        if e in sugiyama.ctrls:
            ctrl = sugiyama.ctrls[e]
            ranks = sorted(ctrl)
            middle = [ctrl[r].view.xy for r in ranks[1:-1]]
        else:
            middle = []
        forward = layer_of[u] < layer_of[w]
        low, high = (u, w) if forward else (w, u)
        points = [(column[layer_of[low]][1], positions[low][1])]
        for r, (across, _) in zip(range(layer_of[low] + 1, layer_of[high]), middle, strict=True):
            points += [(column[r][0], across), (column[r][1], across)]
        points.append((column[layer_of[high]][0], positions[high][1]))
        waypoints[(u, w)] = points if forward else points[::-1]
    return Layout(positions, {n: sizes[n] for n in nodes}, waypoints)


def straightened(layout: Layout) -> Layout:
    """The layout with its arrows cut short wherever a straight line is clear.

    Each arrow, from its cause's centre, runs straight to the farthest of its
    waypoints (or to its effect) that it can reach without passing within
    :data:`CLEARANCE` of a box that is not its end and without crossing an
    arrow its route did not cross; the waypoints it skips are dropped. So no
    arrow crosses a box it did not cross before, no crossing is added, and
    the page draws far fewer waypoints (each costs it a node and a segment).
    The two arrows of a two-factor loop keep their routes: the page bows them
    apart, each on its own side.

    >>> layout = Layout({"a": (0.0, 0.0), "b": (100.0, 40.0)}, {"a": (20, 20), "b": (20, 20)},
    ...                 {("a", "b"): [(20.0, 0.0), (80.0, 40.0)]})
    >>> straightened(layout).waypoints
    {('a', 'b'): []}
    """
    boxes = sorted(
        (
            x - w / 2 - CLEARANCE,
            y - h / 2 - CLEARANCE,
            x + w / 2 + CLEARANCE,
            y + h / 2 + CLEARANCE,
            n,
        )
        for n, (x, y) in layout.positions.items()
        for w, h in (layout.sizes[n],)
    )
    lefts = [b[0] for b in boxes]
    widest = max((b[2] - b[0] for b in boxes), default=0.0)
    routes = {
        (u, v): [layout.positions[u], *bends(layout.positions[u], points, layout.positions[v]),
                 layout.positions[v]]
        for (u, v), points in layout.waypoints.items()
    }  # fmt: skip

    def blocked(p, q, ends) -> bool:
        """Whether the segment from p to q passes through a box other than ``ends``."""
        low, high = min(p[0], q[0]), max(p[0], q[0])
        for x0, y0, x1, y1, n in boxes[bisect.bisect_left(lefts, low - widest) :]:
            if x0 > high:
                break
            if n not in ends and x1 > low and _segment_meets_box(p, q, (x0, y0, x1, y1)):
                return True
        return False

    def crossed(points, pair) -> set:
        """The other arrows (sharing no end with ``pair``) that the polyline crosses."""
        found = set()
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        for other, (ox0, oy0, ox1, oy1) in extent.items():
            if other in found or set(other) & set(pair):
                continue
            if ox0 > x1 or ox1 < x0 or oy0 > y1 or oy1 < y0:
                continue
            route = routes[other]
            if any(
                _segments_cross(p, q, r, s)
                for p, q in zip(points, points[1:], strict=False)
                for r, s in zip(route, route[1:], strict=False)
            ):
                found.add(other)
        return found

    def bounds(route):
        xs, ys = [p[0] for p in route], [p[1] for p in route]
        return min(xs), min(ys), max(xs), max(ys)

    extent = {pair: bounds(route) for pair, route in routes.items()}
    waypoints = {}
    for (u, v), route in routes.items():
        if (v, u) in routes:  # a two-factor loop: its arrows keep their own routes
            waypoints[(u, v)] = route[1:-1]
            continue
        kept = [route[0]]
        i = 0
        while i < len(route) - 1:
            j = len(route) - 1
            while j > i + 1:
                ends = ({u} if i == 0 else set()) | ({v} if j == len(route) - 1 else set())
                if not blocked(route[i], route[j], ends) and crossed(
                    [route[i], route[j]], (u, v)
                ) <= crossed(route[i : j + 1], (u, v)):
                    break
                j -= 1
            kept.append(route[j])
            i = j
        routes[(u, v)] = kept
        extent[(u, v)] = bounds(kept)
        waypoints[(u, v)] = kept[1:-1]
    return Layout(layout.positions, layout.sizes, waypoints, layout.engine)


def _segment_meets_box(p, q, box) -> bool:
    """Whether the segment from p to q passes through the inside of the box (Liang-Barsky)."""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    low, high = 0.0, 1.0
    for step, room in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if step == 0:
            if room <= 0:
                return False
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def bends(
    start: tuple[float, float], points: list[tuple[float, float]], end: tuple[float, float]
) -> list[tuple[float, float]]:
    """The waypoints where the line from ``start`` through ``points`` to ``end`` turns.

    A waypoint on the straight line between its neighbours changes nothing
    drawn (an arrow running straight along its row passes two per layer), and
    each costs the page a node and a segment.

    >>> bends((0, 0), [(1, 0), (2, 0), (3, 1), (4, 2)], (5, 2))
    [(2, 0), (4, 2)]
    """
    kept: list[tuple[float, float]] = []
    before = start
    for i, point in enumerate(points):
        after = points[i + 1] if i + 1 < len(points) else end
        turn = (point[0] - before[0]) * (after[1] - before[1]) - (point[1] - before[1]) * (
            after[0] - before[0]
        )
        if abs(turn) > 1e-6:
            kept.append(point)
            before = point
    return kept


def _refine_order(sugiyama: SugiyamaLayout, sweeps: int = REFINE_SWEEPS) -> None:
    """Fewer crossings than grandalf's sweeps leave: median sweeps and transpositions.

    grandalf orders each layer once per sweep by the mean of its neighbours'
    places. On top of its order this runs the refinement of Gansner et al.
    (the ordering step of Graphviz ``dot``): alternately down and up, each
    layer is sorted by the weighted median of its neighbours' places in the
    layer before, then neighbouring factors of a layer swap while that
    removes crossings with both adjacent layers (allowing equal swaps on
    every other sweep, to leave a plateau). The order with the fewest
    crossings between adjacent layers is kept, and written back into
    grandalf's layers before its coordinates are computed.
    """
    layers = [list(layer) for layer in sugiyama.layers]
    if len(layers) < 2:
        return
    # Larger graphs (waypoints included) get fewer sweeps: each costs more.
    size = sum(len(layer) for layer in layers)
    sweeps = sweeps if size <= 400 else max(2, sweeps * 400 // size)
    sugiyama._edge_inverter()  # grandalf's neighbour lists need its acyclic orientation
    saved_dirv = sugiyama.dirv
    above: dict = {}
    below: dict = {}
    for layer in sugiyama.layers:
        for vertex in layer:
            sugiyama.dirv = -1
            above[vertex] = list(layer._neighbors(vertex))
            sugiyama.dirv = +1
            below[vertex] = list(layer._neighbors(vertex))
    sugiyama.dirv = saved_dirv
    sugiyama._edge_inverter()
    place = {v: i for layer in layers for i, v in enumerate(layer)}

    def between(upper: list) -> int:
        """Crossings between ``upper`` and the layer below it (Barth and Mutzel's count)."""
        ends = [place[w] for v in upper for w in sorted(below[v], key=place.__getitem__)]
        seen: list[int] = []
        count = 0
        for i, end in enumerate(ends):
            j = bisect.bisect_right(seen, end)
            count += i - j
            seen.insert(j, end)
        return count

    def total() -> int:
        return sum(between(layer) for layer in layers[:-1])

    def pair_cost(v, w) -> int:
        """Crossings among the arrows of ``v`` and ``w`` when ``v`` is before ``w``."""
        cost = 0
        for near in (above, below):
            if near[v] and near[w]:
                ends = sorted(place[x] for x in near[w])
                cost += sum(bisect.bisect_left(ends, place[x]) for x in near[v])
        return cost

    def median(vertex, near) -> float:
        spots = sorted(place[x] for x in near[vertex])
        if not spots:
            return -1.0
        middle = len(spots) // 2
        if len(spots) % 2:
            return float(spots[middle])
        if len(spots) == 2:
            return (spots[0] + spots[1]) / 2
        left = spots[middle - 1] - spots[0]
        right = spots[-1] - spots[middle]
        if left + right == 0:
            return (spots[middle - 1] + spots[middle]) / 2
        return (spots[middle - 1] * right + spots[middle] * left) / (left + right)

    def transpose(equal: bool) -> None:
        # Only layers next to one that changed are looked at again (as dot does).
        dirty = set(range(len(layers)))
        rounds = 0
        while dirty and rounds < 2 * len(layers) + 8:
            rounds += 1
            again: set[int] = set()
            for r in sorted(dirty):
                layer = layers[r]
                for i in range(len(layer) - 1):
                    v, w = layer[i], layer[i + 1]
                    now, swapped = pair_cost(v, w), pair_cost(w, v)
                    if swapped < now or (equal and swapped == now and now > 0):
                        layer[i], layer[i + 1] = w, v
                        place[v], place[w] = i + 1, i
                        if swapped < now:
                            again.update(k for k in (r - 1, r, r + 1) if 0 <= k < len(layers))
            dirty = again

    best = total()
    best_order = [list(layer) for layer in layers]
    for sweep in range(sweeps):
        if best == 0:
            break
        downwards = sweep % 2 == 0
        sequence = range(1, len(layers)) if downwards else range(len(layers) - 2, -1, -1)
        near = above if downwards else below
        for r in sequence:
            layer = layers[r]
            key = {v: median(v, near) for v in layer}
            fixed = [v for v in layer if key[v] < 0]
            moving = sorted((v for v in layer if key[v] >= 0), key=lambda v: (key[v], place[v]))
            # Factors with no neighbour there keep their slot.
            it = iter(moving)
            layer[:] = [v if key[v] < 0 else next(it) for v in layer] if fixed else moving
            for i, v in enumerate(layer):
                place[v] = i
        transpose(equal=sweep % 2 == 1)
        crossed = total()
        if crossed < best:
            best, best_order = crossed, [list(layer) for layer in layers]
    for layer, order in zip(sugiyama.layers, best_order, strict=True):
        layer[:] = order
        for i, vertex in enumerate(layer):
            sugiyama.grx[vertex].pos = i
            sugiyama.grx[vertex].bar = i / max(len(layer) - 1, 1)


def _feedback_edges(core) -> list:
    """Edges to reverse so the component is acyclic: those that close a cycle in a
    depth-first walk, from the factors no arrow enters first, then from any left."""
    vertices = list(core.sV)
    state: dict = {}
    feedback = []
    for root in [v for v in vertices if not v.e_in()] + vertices:
        if root in state:
            continue
        stack = [(root, iter(root.e_out()))]
        state[root] = 1
        while stack:
            vertex, out = stack[-1]
            edge = next(out, None)
            if edge is None:
                state[vertex] = 2
                stack.pop()
                continue
            target = edge.v[1]
            if state.get(target) == 1:
                feedback.append(edge)
            elif target not in state:
                state[target] = 1
                stack.append((target, iter(target.e_out())))
    return feedback


def _packed(parts: list[Layout], sizes) -> Layout:
    """Components side by side in rows, about as wide as a 16:9 screen is wide for their area."""
    boxes = []
    for part in parts:
        x0 = min(x - sizes[n][0] / 2 for n, (x, y) in part.positions.items())
        y0 = min(y - sizes[n][1] / 2 for n, (x, y) in part.positions.items())
        x1 = max(x + sizes[n][0] / 2 for n, (x, y) in part.positions.items())
        y1 = max(y + sizes[n][1] / 2 for n, (x, y) in part.positions.items())
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    area = sum((w + LAYER_GAP) * (h + ROW_GAP) for _, _, w, h in boxes)
    width = max([math.sqrt(area * 16 / 9)] + [w for _, _, w, _ in boxes])
    result = Layout()
    x = y = row_height = 0.0
    for part, (x0, y0, w, h) in zip(parts, boxes, strict=True):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + 2 * ROW_GAP, 0.0
        dx, dy = x - x0, y - y0
        for n, (px, py) in part.positions.items():
            result.positions[n] = (round(px + dx, 1), round(py + dy, 1))
        result.sizes.update(part.sizes)
        for pair, points in part.waypoints.items():
            result.waypoints[pair] = [(round(px + dx, 1), round(py + dy, 1)) for px, py in points]
        x += w + LAYER_GAP
        row_height = max(row_height, h)
    return result


def _kept(layout: Layout, saved: Mapping[str, tuple[float, float]]) -> Layout:
    """Saved factors where they were; the others where the layout put them, moved off any box.

    Arrows between kept places run straight.
    """
    if not saved:
        return layout
    placed: dict[str, tuple[float, float]] = dict(saved)
    gap = ROW_GAP

    def clash(node: str, x: float, y: float) -> float:
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
    return Layout(placed, layout.sizes, {}, "saved")


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


def crossing_count(routes: Mapping[tuple[str, str], list[tuple[float, float]]]) -> int:
    """Pairs of polylines that cross, pairs that share an end left out.

    The segments are swept from left to right, so that only segments whose
    spans overlap are tested (a layered layout's segments between different
    columns never are).

    >>> crossing_count({("a", "b"): [(0, 0), (2, 2)], ("c", "d"): [(0, 2), (2, 0)]})
    1
    """
    segments = sorted(
        (min(p[0], q[0]), max(p[0], q[0]), min(p[1], q[1]), max(p[1], q[1]), index, p, q)
        for index, points in enumerate(routes.values())
        for p, q in zip(points, points[1:], strict=False)
    )
    ends = [set(pair) for pair in routes]
    found: set[tuple[int, int]] = set()
    active: list[tuple] = []
    for segment in segments:
        left, _right, low, high, index, p, q = segment
        active = [a for a in active if a[1] > left]
        for _l, _r, other_low, other_high, other, r, t in active:
            if other == index or other_high <= low or other_low >= high:
                continue
            pair = (other, index) if other < index else (index, other)
            if pair in found or ends[index] & ends[other]:
                continue
            if _segments_cross(p, q, r, t):
                found.add(pair)
        active.append(segment)
    return len(found)


def _segments_cross(p, q, r, s) -> bool:
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = orient(r, s, p), orient(r, s, q), orient(p, q, r), orient(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


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


def _key(G: nx.DiGraph, node: str) -> tuple[str, str]:
    return (str(G.nodes[node].get("label", node)).casefold(), str(node))
