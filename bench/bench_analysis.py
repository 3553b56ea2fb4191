"""Benchmark of the causal analysis on synthetic graphs of growing size.

The graphs have the edge density of the shipped brief (claims per factor)
and its share of decreasing claims, with random wiring from a fixed seed.
Each operation is timed several times; the median is reported.

Usage: python bench/bench_analysis.py [--sizes 30 1000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import networkx as nx

from kg.analysis import (
    causal_chains,
    causal_graph,
    downstream,
    feedback_loops,
    from_edges,
    leverage,
    upstream,
    what_if,
)
from kg.pipeline import build_dataset

DATA = Path(__file__).resolve().parents[1] / "data"


def corpus_density() -> tuple[float, float]:
    """Claims per factor and share of decreasing claims in the shipped data."""
    G = causal_graph(build_dataset(DATA).dataset)
    negative = sum(1 for _, _, d in G.edges(data=True) if d["sign"] < 0)
    return G.number_of_edges() / G.number_of_nodes(), negative / G.number_of_edges()


def synthetic_graph(n: int, density: float, negative_share: float, seed: int = 0):
    rng = random.Random(seed)
    edges = []
    for _ in range(round(n * density)):
        u, v = rng.sample(range(n), 2)
        edges.append((f"f{u}", f"f{v}", "-" if rng.random() < negative_share else "+"))
    return from_edges(edges)


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def reachable_pair(G, rng):
    """A source and a target some distance apart (so chains exist)."""
    nodes = sorted(G)
    for _ in range(1000):
        source = rng.choice(nodes)
        lengths = nx.single_source_shortest_path_length(G, source, cutoff=6)
        far = [t for t, d in lengths.items() if d >= 3]
        if far:
            return source, rng.choice(sorted(far))
    return nodes[0], nodes[1]


def measure(G, source: str, target: str, repeat: int, once: bool) -> list[float]:
    """Median seconds of each operation, in the order of the table's columns."""
    slow = 1 if once else repeat
    return [
        timed(lambda: causal_chains(G, source, target, max_length=6, limit=100), repeat),
        timed(lambda: upstream(G, target), repeat),
        timed(lambda: downstream(G, source), repeat),
        timed(lambda: feedback_loops(G, max_length=8, limit=1000), repeat),
        timed(lambda: leverage(G), slow),
        timed(lambda: what_if(G, {source: "-"}), slow),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    density, negative = corpus_density()
    print(f"edge density {density:.2f} claims per factor, {negative:.0%} decreasing\n")
    print(
        "| factors | claims | chains (len 6, limit 100) | upstream | downstream "
        "| loops (len 8, limit 1000) | leverage | what-if |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        G = synthetic_graph(n, density, negative)
        rng = random.Random(n)
        source, target = reachable_pair(G, rng)
        repeat = args.repeat if n <= 1000 else max(1, args.repeat // 2)
        row = measure(G, source, target, repeat, once=n > 1000)
        cells = " | ".join(f"{t * 1000:,.1f} ms" for t in row)
        print(f"| {n:,} | {G.number_of_edges():,} | {cells} |")


if __name__ == "__main__":
    main()
