"""The benchmark: named operations and their baselines, measured in one run at each size.

At each size (a number of briefs) the harness writes a synthetic corpus
(:mod:`corpus`), turns it into N-Quads once, then runs every measurement of
:data:`MEASUREMENTS` in a fresh subprocess, so that each one's peak memory
(``ru_maxrss``) is its own. A measurement does its setup, then times only
the part inside ``ctx.timed()``; it may name a baseline measured in the same
run, and the table gives its time as a ratio to that baseline. Targets are
ratios, never absolute times, so they hold from one machine to another.

Usage: python bench/run.py [--sizes 100,1000] [--out bench/results.json] [--only NAME,...]

Adding a measurement is one decorated function::

    @measurement("kg.chains", baseline="networkx.all_simple_paths", budget_s=60)
    def chains(ctx):
        G = ...  # setup, not timed
        with ctx.timed():
            kg.causal_chains(G, source, target)

The naive baselines stop after ``--budget`` seconds (default 20 s; half a
second per brief below 40 briefs, so that the smoke run at 20 briefs stays
short); a ratio to a stopped baseline is an upper bound.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

__all__ = [
    "Measurement",
    "Context",
    "MEASUREMENTS",
    "measurement",
    "prepare",
    "run_one",
    "run",
    "main",
]

REPO = Path(__file__).resolve().parents[1]
#: Seconds a naive baseline may run before it is stopped (and reported as stopped).
NAIVE_BUDGET_S = 20.0


@dataclass(frozen=True)
class Measurement:
    """One named operation: a function of a :class:`Context`, its baseline and time limit.

    ``budget_s`` (None: no budget) is where ``ctx.budget()`` stops the
    function's work; the subprocess is killed at ``limit_s``.
    """

    name: str
    run: Callable[[Context], None]
    baseline: str | None = None
    budget_s: float | None = None
    limit_s: float = 600.0
    what: str = ""


#: Every measurement, by name, in the order they run.
MEASUREMENTS: dict[str, Measurement] = {}


def measurement(
    name: str,
    *,
    baseline: str | None = None,
    budget_s: float | None = None,
    limit_s: float = 600.0,
) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Register the decorated function as measurement ``name``; its docstring says what it does."""

    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        what = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""
        MEASUREMENTS[name] = Measurement(name, fn, baseline, budget_s, limit_s, what)
        return fn

    return register


@dataclass
class Context:
    """What a measurement works with: the size, the prepared files and a scratch folder."""

    size: int
    work: Path
    scratch: Path
    budget_s: float | None = None
    seconds: float | None = None
    rss_before_timed_mib: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        """The corpus's authoring files (``factors.yaml``, ``briefs/``)."""
        return self.work / "data"

    @property
    def nquads(self) -> Path:
        """The corpus's dataset as N-Quads, built once per size."""
        return self.work / "kg.nq"

    @contextlib.contextmanager
    def timed(self) -> Iterator[None]:
        """Time the block; only one block per measurement is timed."""
        self.rss_before_timed_mib = _peak_rss_mib()
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds = time.perf_counter() - start

    @contextlib.contextmanager
    def budget(self) -> Iterator[None]:
        """Stop the block when ``budget_s`` is spent, and note ``extra["stopped"]``.

        A timer signal interrupts the Python code of the block wherever it is
        (networkx's generators may go a long time between two results).
        """
        self.extra["stopped"] = False
        if not self.budget_s:
            yield
            return

        def interrupt(signum: int, frame: Any) -> None:
            raise _BudgetSpent

        previous = signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, self.budget_s)
        try:
            yield
        except _BudgetSpent:
            self.extra["stopped"] = True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


class _BudgetSpent(Exception):
    """Raised inside a measurement when its budget is spent."""


def _peak_rss_mib() -> float:
    """This process's peak resident memory, in MiB.

    On Linux, ``VmHWM`` of ``/proc/self/status``: unlike ``ru_maxrss``, which
    a child inherits from the parent it was forked from, it starts afresh
    with the new program.
    """
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


# -- preparation -----------------------------------------------------------------------


def prepare(work: Path, size: int, *, seed: int = 0) -> dict[str, Any]:
    """Write the corpus of ``size`` briefs and its N-Quads under ``work``; say how long it took."""
    from kg.authoring import read_corpus
    from kg.rdf.build import corpus_to_dataset

    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    write_corpus(work / "data", size, seed=seed)
    written = time.perf_counter()
    corpus, problems = read_corpus(work / "data")
    if problems:
        raise SystemExit(f"the generated corpus has problems, e.g. {problems[0]}")
    # The same dataset as kg.build_dataset, without the SHACL run, which is not measured here.
    dataset = corpus_to_dataset(corpus)
    (work / "kg.nq").write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))
    done = time.perf_counter()
    return {
        "corpus_s": round(written - start, 3),
        "nquads_s": round(done - written, 3),
        "briefs": len(corpus.briefs),
        "claims": len(corpus.claims),
        "factors": len(corpus.factors),
        "quads": sum(1 for line in (work / "kg.nq").open("rb") if line.strip()),
    }


# -- helpers for the measurements ----------------------------------------------------------


def _fresh_oxigraph(ctx: Context):
    import pyoxigraph as ox

    return ox.Store(ctx.scratch / "oxigraph")


def _graph_contents(ctx: Context):
    import pyoxigraph as ox

    from kg.store import graph_contents

    return graph_contents(ox.parse(path=ctx.nquads, format=ox.RdfFormat.N_QUADS))


def _synced_store(ctx: Context, folder: Path | None = None):
    from kg.store import Store

    store = Store.open(folder or ctx.scratch / "store")
    store.sync(_graph_contents(ctx), dataset_digest="bench")
    return store


def _digraph(ctx: Context):
    """The collapsed causal graph (one edge per cause-effect pair) of the corpus."""
    import networkx as nx

    store = _synced_store(ctx, ctx.scratch / "graph-store")
    rows = store.causal_rows()
    store.close()
    G = nx.DiGraph()
    G.add_nodes_from(f.iri for f in rows.factors)
    G.add_edges_from((c.cause, c.effect) for c in rows.claims)
    return G


def _far_pair(G) -> tuple[str, str]:
    """A source and a target at least three steps apart, chosen deterministically."""
    import networkx as nx

    by_degree = sorted(G, key=lambda n: (-G.out_degree(n), n))
    for source in by_degree[:50]:
        lengths = nx.single_source_shortest_path_length(G, source, cutoff=6)
        far = sorted(t for t, d in lengths.items() if d >= 3)
        if far:
            return source, far[len(far) // 2]
    nodes = sorted(G)
    return nodes[0], nodes[-1]


def _cookbook_runs(ctx: Context):
    """Each cookbook query's text, with kg's prefixes declared by the store call."""
    from kg.outputs.sparql import cookbook

    return [(q.name, q.text) for q in cookbook()]


# -- the measurements ------------------------------------------------------------------------


@measurement("oxigraph.bulk_load")
def _bulk_load(ctx: Context) -> None:
    """Bare pyoxigraph: bulk-load the corpus's N-Quads into a fresh on-disk store."""
    import pyoxigraph as ox

    store = _fresh_oxigraph(ctx)
    with ctx.timed():
        store.bulk_load(path=ctx.nquads, format=ox.RdfFormat.N_QUADS)
        store.flush()
    ctx.extra["quads"] = len(store)


@measurement("oxigraph.cookbook")
def _oxigraph_cookbook(ctx: Context) -> None:
    """Bare pyoxigraph: every cookbook query, unbound, default graph as union."""
    import pyoxigraph as ox

    from kg.vocab import PREFIXES

    store = _fresh_oxigraph(ctx)
    store.bulk_load(path=ctx.nquads, format=ox.RdfFormat.N_QUADS)
    per_query = {}
    with ctx.timed():
        for name, text in _cookbook_runs(ctx):
            start = time.perf_counter()
            result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            rows = sum(1 for _ in result) if not isinstance(result, ox.QueryBoolean) else 1
            per_query[name] = {"s": round(time.perf_counter() - start, 4), "rows": rows}
    ctx.extra["queries"] = per_query


@measurement("store.sync_cold", baseline="oxigraph.bulk_load")
def _sync_cold(ctx: Context) -> None:
    """Store.sync of every graph into an empty on-disk store (the bulk path)."""
    from kg.store import Store

    graphs = _graph_contents(ctx)
    store = Store.open(ctx.scratch / "store")
    with ctx.timed():
        result = store.sync(graphs, dataset_digest="bench")
    ctx.extra.update(graphs=len(graphs), quads=result.quads)


@measurement("store.sync_one_changed", baseline="store.sync_cold")
def _sync_one_changed(ctx: Context) -> None:
    """Store.sync after one brief's graph changed: one graph rewritten, the rest untouched."""
    import pyoxigraph as ox

    from kg.store import GraphContent

    store = _synced_store(ctx)
    graphs = _graph_contents(ctx)
    brief = sorted(iri for iri in graphs if "/brief/" in iri)[0]
    old = graphs[brief]
    extra = ox.Quad(ox.NamedNode(brief), ox.NamedNode(brief + "#edited"), ox.Literal("1"))
    graphs[brief] = GraphContent(brief, old.digest + "+", lambda: [*old.quads(), extra])
    with ctx.timed():
        result = store.sync(graphs, dataset_digest="bench-changed")
    ctx.extra.update(replaced=result.replaced, unchanged=result.unchanged, quads=result.quads)


@measurement("store.causal_rows_cold", baseline="oxigraph.bulk_load")
def _rows_cold(ctx: Context) -> None:
    """Store.causal_rows on a synced store with no cache: the SPARQL queries."""
    store = _synced_store(ctx)
    with ctx.timed():
        rows = store.causal_rows()
    ctx.extra.update(claims=len(rows.claims), factors=len(rows.factors))


@measurement("store.causal_rows_cached", baseline="store.causal_rows_cold")
def _rows_cached(ctx: Context) -> None:
    """Open the store read-only and read the causal rows from its cache."""
    from kg.store import Store

    folder = ctx.scratch / "store"
    _synced_store(ctx, folder).close()
    with Store.open(folder, read_only=True) as store:
        store.causal_rows()  # a reader writes the cache for the next command
    with ctx.timed():
        with Store.open(folder, read_only=True) as store:
            rows = store.causal_rows()
    ctx.extra.update(claims=len(rows.claims))


@measurement("networkx.all_simple_paths", budget_s=NAIVE_BUDGET_S)
def _naive_paths(ctx: Context) -> None:
    """Naive chains: every simple path between two far factors, then sorted by length."""
    import networkx as nx

    G = _digraph(ctx)
    source, target = _far_pair(G)
    paths: list[list[str]] = []
    with ctx.timed():
        with ctx.budget():
            for path in nx.all_simple_paths(G, source, target):
                paths.append(path)
        paths.sort(key=lambda p: (len(p), p))
    ctx.extra["paths"] = len(paths)


@measurement("networkx.all_cycles", budget_s=NAIVE_BUDGET_S)
def _naive_cycles(ctx: Context) -> None:
    """Naive loops: every simple cycle of the graph, then those of at most 8 factors kept."""
    import networkx as nx

    G = _digraph(ctx)
    counts = {"cycles": 0, "kept": 0}
    with ctx.timed(), ctx.budget():
        for cycle in nx.simple_cycles(G):
            counts["cycles"] += 1
            counts["kept"] += len(cycle) <= 8
    ctx.extra.update(counts)


# -- running -------------------------------------------------------------------------------------


def budget_for(size: int, budget: float | None = None) -> float:
    """The budget of the naive baselines at ``size``: ``budget``, else 20 s (less when small)."""
    if budget is not None:
        return budget
    return NAIVE_BUDGET_S if size >= 40 else max(1.0, size / 2)


def run_one(name: str, size: int, work: Path, budget: float | None = None) -> dict[str, Any]:
    """Run measurement ``name`` in this process; return its figures."""
    spec = MEASUREMENTS[name]
    scratch = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work))
    limit = None if spec.budget_s is None else min(spec.budget_s, budget_for(size, budget))
    ctx = Context(size, work, scratch, budget_s=limit)
    try:
        spec.run(ctx)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if ctx.seconds is None:
        raise RuntimeError(f"measurement {name} timed nothing (no `with ctx.timed():`)")
    return {
        "seconds": ctx.seconds,
        "budget_s": limit,
        "peak_rss_mib": round(_peak_rss_mib(), 1),
        "rss_before_timed_mib": round(ctx.rss_before_timed_mib or 0.0, 1),
        "extra": ctx.extra,
    }


def _in_subprocess(name: str, size: int, work: Path, budget: float | None) -> dict[str, Any]:
    spec = MEASUREMENTS[name]
    command = [sys.executable, __file__, "--one", name, "--size", str(size), "--work", str(work)]
    if budget is not None:
        command += ["--budget", str(budget)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=spec.limit_s, cwd=REPO
        )
    except subprocess.TimeoutExpired:
        return {"error": f"killed after {spec.limit_s:.0f} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict[str, Any]:
    """The machine the figures come from."""
    import pyoxigraph

    from kg import __version__

    memory = None
    with contextlib.suppress(OSError, ValueError):
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(memory / 2**30, 1) if memory else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pyoxigraph": pyoxigraph.__version__,
        "kg": __version__,
    }


def run(
    sizes: list[int],
    *,
    only: list[str] | None = None,
    seed: int = 0,
    budget: float | None = None,
) -> dict[str, Any]:
    """Prepare each size, run the measurements, and add each one's ratio to its baseline."""
    names = [n for n in MEASUREMENTS if not only or n in only]
    results: list[dict[str, Any]] = []
    prepared = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in sizes:
            work = Path(tmp) / str(size)
            prepared[str(size)] = prepare(work, size, seed=seed)
            figures = {}
            for name in names:
                figures[name] = _in_subprocess(name, size, work, budget)
            for name in names:
                row = {"size": size, "name": name, **figures[name]}
                baseline = MEASUREMENTS[name].baseline
                row["baseline"] = baseline
                base = figures.get(baseline) if baseline else None
                if base and base.get("seconds") and row.get("seconds") is not None:
                    row["ratio"] = row["seconds"] / base["seconds"]
                else:
                    row["ratio"] = None
                results.append(row)
    return {"machine": machine(), "sizes": sizes, "prepared": prepared, "results": results}


def table(report: dict[str, Any]) -> str:
    """The results as a text table: absolute figures and ratios to the baselines."""
    header = ("size", "measurement", "seconds", "peak MiB", "baseline", "ratio", "note")
    lines = [header]
    for r in report["results"]:
        note = r.get("error") or ("stopped at budget" if r.get("extra", {}).get("stopped") else "")
        lines.append(
            (
                str(r["size"]),
                r["name"],
                f"{r['seconds']:.3f}" if r.get("seconds") is not None else "-",
                f"{r['peak_rss_mib']:.0f}" if r.get("peak_rss_mib") is not None else "-",
                r.get("baseline") or "",
                f"{r['ratio']:.3g}" if r.get("ratio") is not None else "",
                note,
            )
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="numbers of briefs, comma-separated")
    parser.add_argument("--out", default=str(REPO / "bench" / "results.json"))
    parser.add_argument("--only", default="", help="measurement names, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=float, help="seconds for each naive baseline")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # run one measurement (subprocess)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.size, Path(args.work), args.budget)))
        return 0
    only = [n for n in args.only.split(",") if n]
    unknown = sorted(set(only) - set(MEASUREMENTS))
    if unknown:
        parser.error(f"unknown measurement {unknown[0]!r}; known: {', '.join(MEASUREMENTS)}")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    report = run(sizes, only=only or None, seed=args.seed, budget=args.budget)
    print(table(report))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"Wrote {out}")
    failed = [r["name"] for r in report["results"] if r.get("error")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
