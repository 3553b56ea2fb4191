"""Benchmark of the causal analysis on synthetic graphs of growing size.

The graphs have the edge density of the shipped brief (claims per factor)
and its share of decreasing claims, with random wiring from a fixed seed.
Each operation is timed several times; the median is reported.

A second table compares the lazy, best-first chain search with the naive
one (every simple path within the bound, then a sort) on a dense graph; the
naive search gets at most ``--naive-budget`` seconds, so its time, and the
ratio, may be a lower bound (marked ``>``).

Usage: python bench/bench_analysis.py [--sizes 30 1000 10000] [--repeat 5] [--naive-budget 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from itertools import pairwise
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
from kg.analysis.graph import collapse
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


def naive_chains(G, source, target, max_length: int, limit: int, budget_s: float):
    """Every simple path within the bound, ranked, the first ``limit`` kept; stops after
    ``budget_s`` seconds. Returns (seconds, finished)."""
    start = time.perf_counter()
    simple = collapse(G)
    strength = {(u, v): max(d["confidence"] for d in G[u][v].values()) for u, v in simple.edges()}
    paths = []
    for n, path in enumerate(nx.all_simple_paths(simple, source, target, cutoff=max_length)):
        paths.append(path)
        if n % 1000 == 0 and time.perf_counter() - start > budget_s:
            return time.perf_counter() - start, False
    paths.sort(key=lambda p: (len(p), -min(strength[e] for e in pairwise(p)), p))
    del paths[limit:]
    return time.perf_counter() - start, True


def lazy_vs_naive(budget_s: float, repeat: int) -> None:
    """Print the lazy and naive chain searches' times on dense graphs, and their ratio."""
    print("\n| factors | claims | chains (len 6, limit 100) | naive (all paths, sort) | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for n, density in ((60, 8.0), (150, 12.0)):
        G = synthetic_graph(n, density, 0.28, seed=1)
        rng = random.Random(1)
        for u, v, key in G.edges(keys=True):
            G[u][v][key]["confidence"] = rng.choice([0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        source, target = reachable_pair(G, rng)
        lazy = timed(
            lambda G=G, s=source, t=target: causal_chains(G, s, t, max_length=6, limit=100),
            repeat,
        )
        naive, finished = naive_chains(G, source, target, 6, 100, budget_s)
        mark = "" if finished else ">"
        print(
            f"| {n:,} | {G.number_of_edges():,} | {lazy * 1000:,.1f} ms | "
            f"{mark}{naive * 1000:,.0f} ms | {mark}{naive / lazy:,.0f}x |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-budget", type=float, default=20.0)
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
    lazy_vs_naive(args.naive_budget, args.repeat)


if __name__ == "__main__":
    main()
