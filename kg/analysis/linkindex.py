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

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.graph import Step
from kg.analysis.weights import link_graph, null_claims_between, pair_weights, rule_parameters
from kg.store import arrays

if TYPE_CHECKING:
    from kg.store import CausalRows, Store

__all__ = ["KIND", "LinkIndex", "save_link_index", "load_link_index", "keep_link_index"]

#: The cache's kind and version (part of its file name): a new version is never read as an old one.
KIND = "links1"

#: The claim fields a link's record keeps, in the order the causal graph's edges hold them.
_FIELDS = (
    "claim", "sign", "modality", "confidence", "reading", "condition", "brief", "locator",
    "paraphrase", "time_scope",
)  # fmt: skip
#: The factor attributes the index keeps (those :func:`kg.analysis.graph.graph_from_rows` sets).
_NODE_FIELDS = ("label", "alt_labels", "group", "id", "merged")


@dataclass(frozen=True)
class LinkIndex:
    """The links of a causal graph and its factors, with each link's claims read on demand.

    ``graph`` has the factors of the causal graph (same keys, attributes and
    order) and its ``aliases``, but no claims: for names and labels only.
    ``links`` is the graph's :func:`~kg.analysis.weights.link_graph`, equal
    to it edge for edge and in the same order. :meth:`step` gives the
    :class:`~kg.analysis.graph.Step` that :func:`~kg.analysis.graph.steps_between`
    gives on the causal graph.
    """

    graph: nx.MultiDiGraph
    links: nx.DiGraph
    _file: arrays.ArrayFile
    _position: dict[str, int]

    def step(self, cause: str, effect: str) -> Step:
        """The link from ``cause`` to ``effect``, with its claims and null findings.

        Raises :class:`kg.store.arrays.Unreadable` when its record is not as written.
        """
        import numpy as np

        u, v = self._position[cause], self._position[effect]
        causes, effects = self._file.arrays["cause"], self._file.arrays["effect"]
        first, last = np.searchsorted(causes, u, "left"), np.searchsorted(causes, u, "right")
        found = np.flatnonzero(effects[first:last] == v)
        if not len(found):
            raise arrays.Unreadable(f"{self._file.path} has no link from {cause} to {effect}")
        row = int(first + found[0])
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
        weight = float(self._file.arrays["weight"][row])
        confidence = max(d["confidence"] for d in claims)
        return Step(cause, effect, sign, confidence, claims, weight, nulls)


def save_link_index(G: nx.MultiDiGraph, path: Path, *, dataset: str | None = None) -> None:
    """Write the :class:`LinkIndex` of ``G`` (an unfiltered causal graph) to ``path``.

    ``dataset`` is the digest of the dataset ``G`` was made from, which
    :func:`load_link_index` checks. A file that cannot be written is only
    slower next time.
    """
    import numpy as np

    weights = pair_weights(G)
    links = link_graph(G)
    nodes = list(G)
    position = {n: i for i, n in enumerate(nodes)}
    pairs = list(links.edges(data=True))
    records = []
    for u, v, _ in pairs:
        claims = sorted(G[u][v].values(), key=lambda d: (-d["confidence"], d["claim"]))
        nulls = null_claims_between(G, u, v)
        record = [
            [position[u], position[v]],
            [[d[f] for f in _FIELDS] for d in claims],
            [[d[f] for f in _FIELDS] for d in nulls],
        ]
        records.append(json.dumps(record, ensure_ascii=False).encode())
    meta = {
        "dataset": dataset,
        "rule": rule_parameters(),
        "nodes": [[n, *(G.nodes[n][f] for f in _NODE_FIELDS)] for n in nodes],
        "aliases": G.graph.get("aliases", {}),
    }
    columns = {
        "cause": np.array([position[u] for u, _, _ in pairs], dtype="<i4"),
        "effect": np.array([position[v] for _, v, _ in pairs], dtype="<i4"),
        "weight": np.array([d["weight"] for _, _, d in pairs], dtype="<f8"),
        "distance": np.array([d["distance"] for _, _, d in pairs], dtype="<f8"),
        "sign": np.array([weights[u, v].sign for u, v, _ in pairs], dtype="i1"),
    }
    arrays.write(path, meta, columns, records)


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
        keys = [n[0] for n in nodes]
        columns = kept.arrays
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
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise arrays.Unreadable(f"{path} could not be read: {exc}") from None
    return LinkIndex(G, nx.freeze(links), kept, {n: i for i, n in enumerate(keys)})


def keep_link_index(store: Store, rows: CausalRows) -> None:
    """Cache the :class:`LinkIndex` of ``rows`` (the store's dataset, unfiltered) in ``store``.

    For the build, which has the rows in memory (:func:`kg.pipeline.build`'s ``keep``).
    """
    from kg.analysis.graph import graph_from_rows

    path = store.derived_cache(KIND)
    if path is not None:
        save_link_index(graph_from_rows(rows), path, dataset=store.dataset_digest)
