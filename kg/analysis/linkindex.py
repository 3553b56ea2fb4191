"""The link graph of a store's whole causal graph, cached with the store for ``kg chains``.

``kg chains`` on a big store spent nearly all its time making the causal
graph of every claim and weighing every pair, for the few links of the
chains it prints. A :class:`LinkIndex` keeps what the chain search reads
instead: each factor with its names (for the names index and the labels),
the exact-match merges, and each link that carries weight, with the weight
and ``-log(weight)`` the weighting rule gives it (:func:`~kg.analysis.weights.link_graph`),
in the order the graph gives them; and, read only for the links of the
chains found, each link's claims and null findings. It is made from the
unfiltered graph (:func:`save_link_index`, which a build calls with the rows
it made) and kept in the store's cache under the dataset digest
(:meth:`kg.store.Store.derived_cache`), so a store whose dataset changed
never reads another dataset's index. The file holds arrays and JSON records
only (:mod:`kg.store.arrays`): loading it runs no code from it.

>>> import tempfile
>>> from pathlib import Path
>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+"), ("B", "C", "-")])
>>> with tempfile.TemporaryDirectory() as tmp:
...     save_link_index(G, Path(tmp) / "links.bin")
...     index = load_link_index(Path(tmp) / "links.bin")
...     sorted(index.links.edges(data="weight")), index.step("B", "C").sign
([('A', 'B', 0.8), ('B', 'C', 0.8)], -1)
"""

from __future__ import annotations

import heapq
import json
import math
from array import array
from collections.abc import Iterator, Sequence
from functools import cached_property
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.analysis.graph import Step, factor_nodes
from kg.analysis.weights import (
    _null_index,
    link_graph,
    pair_weights,
    rows_pair_weight,
    rule_parameters,
)
from kg.store import arrays

if TYPE_CHECKING:
    from kg.store import CausalRows, Store
    from kg.store.rows import ClaimRow

__all__ = [
    "KIND",
    "LinkIndex",
    "save_link_index",
    "save_rows_link_index",
    "load_link_index",
    "keep_link_index",
]

#: The cache's kind and version (part of its file name): a new version is never read as an old one.
KIND = "links1"

#: The claim fields a link's record keeps, in the order the causal graph's edges hold them.
_FIELDS = (
    "claim", "sign", "modality", "confidence", "reading", "condition", "brief", "locator",
    "paraphrase", "time_scope",
)  # fmt: skip


class LinkIndex:
    """The links of a causal graph and its factors, with each link's claims read on demand.

    ``graph`` has the factors of the causal graph (same keys, attributes and
    order) and its ``aliases``, but no claims: for names and labels only.
    The links are arrays, in the order of the graph's
    :func:`~kg.analysis.weights.link_graph`; the chain search reads them as
    :class:`~kg.analysis.chains.Links` (:meth:`hops`, :meth:`distances`,
    :meth:`successors`), and :attr:`links` makes that link graph itself.
    :meth:`step` gives the :class:`~kg.analysis.graph.Step` that
    :func:`~kg.analysis.graph.steps_between` gives on the causal graph.

    The searches from the target run over lists of numbers, not a networkx
    graph: making a graph of 120,000 links (a dict a link) takes longer
    than the whole search, and SciPy's graph routines take about as long
    to import. Dijkstra's algorithm gives the same distances, to the bit,
    whatever the order it meets links in: each is the least, over the
    factor's links, of the same sum of two numbers.
    """

    def __init__(self, graph: nx.MultiDiGraph, file: arrays.ArrayFile):
        import numpy as np

        self.graph = graph
        self._file = file
        self._keys = list(graph)
        self._position = {n: i for i, n in enumerate(self._keys)}
        columns = file.arrays
        causes, effects = columns["cause"], columns["effect"]
        count = len(self._keys)
        if len(causes) and (
            np.any(np.diff(causes) < 0) or min(causes.min(), effects.min()) < 0
            or max(causes.max(), effects.max()) >= count
        ):  # fmt: skip
            raise arrays.Unreadable(f"{file.path}: the links are not as written")
        self._out = np.searchsorted(causes, np.arange(count + 1)).tolist()
        self._effects = effects.tolist()
        self._weights = columns["weight"].tolist()
        backwards = np.argsort(effects, kind="stable")
        self._in = np.searchsorted(effects[backwards], np.arange(count + 1)).tolist()
        self._causes = causes[backwards].tolist()
        self._distances = columns["distance"][backwards].tolist()
        self._successors: dict[str, dict[str, float]] = {}

    @cached_property
    def links(self) -> nx.DiGraph:
        """The link graph (:func:`~kg.analysis.weights.link_graph`), made from the arrays."""
        keys, columns = self._keys, self._file.arrays
        links = nx.DiGraph()
        links.add_nodes_from(keys)
        links.add_edges_from(
            (keys[u], keys[v], {"weight": w, "distance": d})
            for u, v, w, d in zip(
                columns["cause"].tolist(),
                columns["effect"].tolist(),
                columns["weight"].tolist(),
                columns["distance"].tolist(),
                strict=True,
            )
        )
        return nx.freeze(links)

    def hops(self, target: str) -> dict[str, int]:
        """The fewest links from each factor that reaches ``target`` to it (breadth first)."""
        into, causes = self._in, self._causes
        start = self._position[target]
        level = {start: 0}
        frontier, depth = [start], 0
        while frontier:
            depth += 1
            reached = []
            for v in frontier:
                for u in causes[into[v] : into[v + 1]]:
                    if u not in level:
                        level[u] = depth
                        reached.append(u)
            frontier = reached
        keys = self._keys
        return {keys[i]: n for i, n in level.items()}

    def distances(self, target: str) -> dict[str, float]:
        """The least sum of ``-log(weight)`` from each factor that reaches ``target``
        (Dijkstra's algorithm, as networkx's ``single_source_dijkstra_path_length``)."""
        into, causes, lengths = self._in, self._causes, self._distances
        start = self._position[target]
        settled: dict[int, float] = {}
        seen = {start: 0.0}
        queue = [(0.0, start)]
        while queue:
            d, v = heapq.heappop(queue)
            if v in settled:
                continue
            settled[v] = d
            a, b = into[v], into[v + 1]
            for u, length in zip(causes[a:b], lengths[a:b], strict=True):
                if u in settled:
                    continue
                reached = d + length
                if u not in seen or reached < seen[u]:
                    seen[u] = reached
                    heapq.heappush(queue, (reached, u))
        keys = self._keys
        return {keys[i]: d for i, d in settled.items()}

    def successors(self, factor: str) -> dict[str, float]:
        """The links out of ``factor`` and their weights, in the link graph's order."""
        found = self._successors.get(factor)
        if found is None:
            i = self._position[factor]
            a, b = self._out[i], self._out[i + 1]
            keys = self._keys
            found = self._successors[factor] = dict(
                zip([keys[j] for j in self._effects[a:b]], self._weights[a:b], strict=True)
            )
        return found

    def step(self, cause: str, effect: str) -> Step:
        """The link from ``cause`` to ``effect``, with its claims and null findings.

        Raises :class:`kg.store.arrays.Unreadable` when its record is not as written.
        """
        u, v = self._position[cause], self._position[effect]
        a, b = self._out[u], self._out[u + 1]
        try:
            row = a + self._effects[a:b].index(v)
        except ValueError:
            raise arrays.Unreadable(
                f"{self._file.path} has no link from {cause} to {effect}"
            ) from None
        try:
            pair, claims, nulls = json.loads(self._file.record(row))
        except (ValueError, TypeError) as exc:
            raise arrays.Unreadable(f"{self._file.path}: link {row}: {exc}") from None
        if pair != [u, v]:
            raise arrays.Unreadable(f"{self._file.path}: link {row} is not where it was written")
        claims = tuple(dict(zip(_FIELDS, c, strict=True)) for c in claims)
        nulls = tuple(
            {**dict(zip(_FIELDS, c, strict=True)), "cause": cause, "effect": effect} for c in nulls
        )
        sign = int(self._file.arrays["sign"][row])
        weight = self._weights[row]
        confidence = max(d["confidence"] for d in claims)
        return Step(cause, effect, sign, confidence, claims, weight, nulls)


def save_link_index(G: nx.MultiDiGraph, path: Path, *, dataset: str | None = None) -> None:
    """Write the :class:`LinkIndex` of ``G`` (an unfiltered causal graph) to ``path``.

    ``dataset`` is the digest of the dataset ``G`` was made from, which
    :func:`load_link_index` checks. A file that cannot be written is only
    slower next time. From rows, :func:`save_rows_link_index` writes the same
    file without the graph.
    """
    import numpy as np

    weights = pair_weights(G)
    links = link_graph(G)
    nodes = list(G)
    position = {n: i for i, n in enumerate(nodes)}
    pairs = list(links.edges(data=True))
    nulls = _null_index(G)  # by pair, as null_claims_between reads them
    fields = itemgetter(*_FIELDS)
    encode = json.JSONEncoder().encode  # ASCII: any text, even a lone surrogate, encodes
    records = []
    for u, v, _ in pairs:
        claims = list(G[u][v].values())
        if len(claims) > 1:
            claims.sort(key=_claim_order)
        record = [
            [position[u], position[v]],
            [fields(d) for d in claims],
            [fields(d) for d in nulls.get((u, v), ())],
        ]
        records.append(encode(record).encode())
    columns = {
        "cause": np.array([position[u] for u, _, _ in pairs], dtype="<i4"),
        "effect": np.array([position[v] for _, v, _ in pairs], dtype="<i4"),
        "weight": np.array([d["weight"] for _, _, d in pairs], dtype="<f8"),
        "distance": np.array([d["distance"] for _, _, d in pairs], dtype="<f8"),
        "sign": np.array([weights[u, v].sign for u, v, _ in pairs], dtype="i1"),
    }
    nodes_meta = [[n, *_node_fields(n, G.nodes[n])] for n in nodes]
    _write(path, dataset, nodes_meta, G.graph.get("aliases", {}), columns, records)


def save_rows_link_index(rows: CausalRows, path: Path, *, dataset: str | None = None) -> None:
    """Write the :class:`LinkIndex` of the causal graph of ``rows`` (unfiltered) to ``path``.

    The same file, byte for byte, as :func:`save_link_index` on
    :func:`~kg.analysis.graph.graph_from_rows` of ``rows``, made without that
    graph and its dict for every claim: the claims are numbered, grouped by
    pair in arrays, and each pair is weighed from its rows
    (:func:`~kg.analysis.weights.rows_pair_weight`). The graph's orders are
    kept: the factors as the rows give them (any outside the scheme after
    them, as the claims bring them), each factor's links in the order of the
    first claim to each effect, a link's claims by confidence then IRI, and
    one claim for each IRI on a pair (the last one's fields in the first
    one's place, as networkx keeps an edge added again under its key). The
    links' records go to a temporary file beside ``path`` as they are made
    (:class:`kg.store.arrays.RecordSpool`), not all into memory.
    """
    import numpy as np

    factors, aliases = factor_nodes(rows)
    nodes = [iri for iri in factors if iri not in aliases]
    claims = rows.claims
    number = {n: i for i, n in enumerate(nodes)}
    number.update((alias, number[head]) for alias, head in aliases.items())
    edges, nulls = _edges(claims, aliases, number, nodes)
    width = len(nodes)
    count = len(edges.pairs)
    fields = attrgetter(*_FIELDS)
    encode = json.JSONEncoder().encode
    columns = {
        "cause": np.empty(count, dtype="<i4"),
        "effect": np.empty(count, dtype="<i4"),
        "weight": np.empty(count, dtype="<f8"),
        "distance": np.empty(count, dtype="<f8"),
        "sign": np.empty(count, dtype="i1"),
    }
    try:
        with arrays.RecordSpool(path.parent) as records:  # on disk as they come, not in memory
            for key, numbers in edges:
                group = [claims[i] for i in numbers]
                if len(group) > 1:
                    if len({c.claim for c in group}) < len(group):
                        group = list({c.claim: c for c in group}.values())
                    group.sort(key=_row_order)
                on_pair = nulls.get(key, ())
                weight = rows_pair_weight(group, on_pair)
                if weight.weight > 0:  # as link_graph: a link whose claims balance carries nothing
                    u, v = divmod(key, width)
                    at = len(records)
                    columns["cause"][at], columns["effect"][at] = u, v
                    columns["weight"][at] = weight.weight
                    columns["distance"][at] = -math.log(weight.weight)
                    columns["sign"][at] = weight.sign
                    record = [[u, v], [fields(c) for c in group], [fields(c) for c in on_pair]]
                    records.append(encode(record).encode())
            del edges, nulls
            columns = {name: column[: len(records)] for name, column in columns.items()}
            nodes_meta = [[n, *_node_fields(n, factors.get(n, {}))] for n in nodes]
            _write(path, dataset, nodes_meta, aliases, columns, records)
    except OSError:
        pass  # a cache that cannot be written is only slower next time


class _Pairs:
    """The effect claims of rows grouped by pair, as arrays, iterated in the causal graph's
    adjacency order: ``(cause * width + effect, claim numbers)`` for each pair, the factors in
    order, each factor's effects in the order their first claims come."""

    _CHUNK = 8192  # pairs made into Python numbers at a time

    def __init__(self, causes: array, effects: array, numbers: array, width: int):
        import numpy as np

        keys = np.frombuffer(causes, dtype=np.intc).astype(np.int64) * width
        keys += np.frombuffer(effects, dtype=np.intc)
        pairs, first, pair_of = np.unique(keys, return_index=True, return_inverse=True)
        del keys
        order = np.lexsort((first, pairs // width)) if width else first
        del first
        place = np.empty_like(order)
        place[order] = np.arange(len(order))
        place = place[pair_of.reshape(-1)]  # each claim's pair's place in that order
        del pair_of
        by_place = np.argsort(place, kind="stable")
        self.numbers = np.frombuffer(numbers, dtype=np.intc)[by_place]
        self.bounds = np.searchsorted(place[by_place], np.arange(len(order) + 1))
        self.pairs = pairs[order]

    def __iter__(self) -> Iterator[tuple[int, list[int]]]:
        for start in range(0, len(self.pairs), self._CHUNK):
            keys = self.pairs[start : start + self._CHUNK].tolist()
            bounds = self.bounds[start : start + len(keys) + 1].tolist()
            base = bounds[0]
            numbers = self.numbers[base : bounds[-1]].tolist()
            for k, key in enumerate(keys):
                yield key, numbers[bounds[k] - base : bounds[k + 1] - base]


def _edges(
    claims: Sequence[ClaimRow], aliases: dict[str, str], number: dict[str, int], nodes: list[str]
) -> tuple[_Pairs, dict[int, list[ClaimRow]]]:
    """The effect claims by pair (:class:`_Pairs`) and the null findings by pair key, as
    :func:`~kg.analysis.graph.graph_from_rows` makes edges and null findings of the claims
    (none of a factor merged into itself); a factor outside the scheme becomes a node, after
    the others, at the first effect claim that has it (``number`` and ``nodes`` grow)."""
    causes, effects, numbers = array("i"), array("i"), array("i")
    nulls: list[tuple[int, int, int]] = []
    for i, claim in enumerate(claims):
        u, v = number.get(claim.cause), number.get(claim.effect)
        if u is None or v is None:
            cause = aliases.get(claim.cause, claim.cause)
            effect = aliases.get(claim.effect, claim.effect)
            if cause == effect:
                continue
            if claim.sign == 0:
                nulls.append((i, -1, -1))  # its factors are looked up once every edge is in
                continue
            u, v = _place(number, nodes, cause), _place(number, nodes, effect)
        elif u == v:
            continue
        elif claim.sign == 0:
            nulls.append((i, u, v))
            continue
        causes.append(u)
        effects.append(v)
        numbers.append(i)
    width = len(nodes)
    by_pair: dict[int, list[ClaimRow]] = {}
    for i, u, v in nulls:
        claim = claims[i]
        if u < 0:
            u = number.get(aliases.get(claim.cause, claim.cause), -1)
            v = number.get(aliases.get(claim.effect, claim.effect), -1)
            if u < 0 or v < 0:
                continue  # a factor no effect claim has: on no link
        by_pair.setdefault(u * width + v, []).append(claim)
    return _Pairs(causes, effects, numbers, width), by_pair


def _place(number: dict[str, int], nodes: list[str], factor: str) -> int:
    """The node number of ``factor``, a new one after the others if it has none yet."""
    found = number.get(factor)
    if found is None:
        found = number[factor] = len(nodes)
        nodes.append(factor)
    return found


def _write(
    path: Path,
    dataset: str | None,
    nodes: list[list],
    aliases: dict[str, str],
    columns: dict[str, Any],
    records: list[bytes] | arrays.RecordSpool,
) -> None:
    """Write the file of a link index: its factors, its links' columns and their records."""
    meta = {"dataset": dataset, "rule": rule_parameters(), "nodes": nodes, "aliases": aliases}
    arrays.write(path, meta, columns, records)


def _claim_order(claim: dict) -> tuple:
    """The order of a link's claims in :func:`~kg.analysis.graph.steps_between`."""
    return -claim["confidence"], claim["claim"]


def _row_order(claim: ClaimRow) -> tuple:
    """:func:`_claim_order` of a claim row."""
    return -claim.confidence, claim.claim


def _node_fields(node: str, data: dict) -> list:
    """A factor's attributes as :func:`~kg.analysis.graph.graph_from_rows` sets them
    (a graph of :func:`~kg.analysis.graph.from_edges` lacks some)."""
    return [
        data.get("label", str(node)),
        list(data.get("alt_labels", ())),
        data.get("group", ""),
        data.get("id", str(node)),
        list(data.get("merged", ())),
    ]


def load_link_index(path: Path, *, dataset: str | None = None) -> LinkIndex:
    """The :class:`LinkIndex` kept in ``path``, made from dataset ``dataset`` (a digest).

    Raises
    ------
    FileNotFoundError
        Nothing is kept there.
    kg.store.arrays.Unreadable
        The file is torn or altered, or was made from another dataset or by another
        weighting rule.
    """
    kept = arrays.read(path)
    try:
        if kept.meta["dataset"] != dataset:
            raise arrays.Unreadable(f"{path} was made from another dataset")
        if kept.meta["rule"] != rule_parameters():
            raise arrays.Unreadable(f"{path} was made with another weighting rule")
        nodes = kept.meta["nodes"]
        G = nx.MultiDiGraph()
        G.add_nodes_from(
            (
                iri,
                {
                    "label": label,
                    "alt_labels": tuple(alts),
                    "group": group,
                    "id": id_,
                    "merged": tuple(merged),
                },
            )  # fmt: skip
            for iri, label, alts, group, id_, merged in nodes
        )
        G.graph.update(aliases=dict(kept.meta["aliases"]))
        return LinkIndex(G, kept)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise arrays.Unreadable(f"{path} could not be read: {exc}") from None


def keep_link_index(store: Store, rows: CausalRows) -> None:
    """Cache the :class:`LinkIndex` of ``rows`` (the store's dataset, unfiltered) in ``store``.

    For the build, which has the rows in memory (:func:`kg.pipeline.build`'s ``keep``):
    :func:`save_rows_link_index`, without the causal graph of every claim.
    """
    path = store.derived_cache(KIND)
    if path is not None:
        save_rows_link_index(rows, path, dataset=store.dataset_digest)
