"""The benchmark: named operations and their baselines, measured in one run at each size.

At each size (a number of briefs) the harness writes a synthetic corpus
(:mod:`corpus`), turns it into N-Quads once, then runs every measurement of
:data:`MEASUREMENTS` in a fresh subprocess, so that each one's peak memory
(``ru_maxrss``) is its own. A measurement does its setup, then times only
the part inside ``ctx.timed()``; it may name a baseline measured in the same
run, and the table gives its time as a ratio to that baseline. Targets are
ratios, never absolute times, so they hold from one machine to another.

Usage: python bench/run.py [--sizes 100,1000] [--out bench/results.json] [--only NAME,...]
       python bench/run.py --report RESULTS.json [MORE.json ...] [--out MERGED.json]

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
import statistics
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
#: Seed of the factors, pairs and brief the measurements draw.
SAMPLE_SEED = 0
#: Factor pairs the chain searches run between.
PAIRS = 5
#: Clients at once, the rounds of turns on each server, and each client's passes over
#: the queries in a turn, for the endpoint.
CLIENTS = 8
ROUNDS = 4
PASSES = 1
#: Seconds a client of the endpoint waits for an answer.
CLIENT_TIMEOUT_S = 60.0
#: Seconds a build or a full SHACL validation may run before its subprocess is killed.
BUILD_LIMIT_S = 1500.0
#: Seconds any other measurement may run before its subprocess is killed.
LONG_LIMIT_S = 300.0


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
    limit_s: float = LONG_LIMIT_S
    what: str = ""


#: Every measurement, by name, in the order they run.
MEASUREMENTS: dict[str, Measurement] = {}


def measurement(
    name: str,
    *,
    baseline: str | None = None,
    budget_s: float | None = None,
    limit_s: float = LONG_LIMIT_S,
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
    cpu_seconds: float | None = None
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

    @property
    def store_path(self) -> Path:
        """The store that ``kg.build`` made from the corpus (shared: open it read-only)."""
        return self.work / "store"

    @contextlib.contextmanager
    def timed(self) -> Iterator[None]:
        """Time the block; only one block per measurement is timed."""
        self.rss_before_timed_mib = _peak_rss_mib()
        cpu = _cpu_seconds()
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds = time.perf_counter() - start
            self.cpu_seconds = _cpu_seconds() - cpu

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


def _cpu_seconds() -> float:
    """CPU time (user and system) of this process and of the children it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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
    """Write the corpus of ``size`` briefs, its N-Quads and a built store under ``work``.

    The store comes from ``kg.build`` without the SHACL run (which is
    measured, not part of the preparation), and ``work/kg.nq`` from bare
    pyoxigraph dumping that store, so both hold the dataset kg builds; the
    reading measurements share that store and only open it read-only.
    """
    import pyoxigraph as ox

    import kg

    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    write_corpus(work / "data", size, seed=seed)
    written = time.perf_counter()
    try:
        result = kg.build(work / "data", work, store=work / "store", shacl=False)
    except kg.InvalidData as exc:
        raise SystemExit(f"the generated corpus has problems, e.g. {exc}") from None
    result.store.oxigraph.dump(work / "kg.nq", format=ox.RdfFormat.N_QUADS)
    result.store.close()
    done = time.perf_counter()
    return {
        "corpus_s": round(written - start, 3),
        "nquads_s": round(done - written, 3),
        "briefs": result.counts["briefs"],
        "claims": result.counts["claims"],
        "factors": result.counts["factors"],
        "quads": result.counts["quads"],
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


def _causal_graph(ctx: Context):
    """The signed causal graph, as ``kg.Project(...).causal_graph()`` reads it from the store."""
    import kg

    return kg.Project(ctx.data_dir, store=ctx.store_path).causal_graph()


def _factors_with_claims(G) -> list[str]:
    """The factors that are the cause of a claim and the effect of another, sorted."""
    return sorted(n for n in G if G.in_degree(n) and G.out_degree(n))


def _sampled_factors(G, k: int) -> list[str]:
    """``k`` factors with claims (both ways), drawn with the fixed seed :data:`SAMPLE_SEED`."""
    import random

    factors = _factors_with_claims(G)
    return random.Random(SAMPLE_SEED).sample(factors, min(k, len(factors)))


def _sampled_factor(G) -> str:
    return _sampled_factors(G, 1)[0]


def _sampled_pairs(G, k: int = PAIRS) -> list[tuple[str, str]]:
    """``k`` pairs three to six links apart (fewer links if none are), drawn with the seed.

    Each source is a drawn cause of some claim; its target is drawn among the
    factors it reaches in three to six links.
    """
    import random

    import networkx as nx

    rng = random.Random(SAMPLE_SEED)
    simple = nx.DiGraph(G)
    sources = sorted(n for n in G if G.out_degree(n))
    rng.shuffle(sources)
    pairs: list[tuple[str, str]] = []
    for min_distance in (3, 2, 1):
        for source in sources:
            if len(pairs) == k:
                return pairs
            if any(source == a for a, _b in pairs):
                continue
            lengths = nx.single_source_shortest_path_length(simple, source, cutoff=6)
            far = sorted(t for t, d in lengths.items() if d >= min_distance)
            if far:
                pairs.append((source, rng.choice(far)))
    return pairs


def _sampled_brief(G) -> str:
    import random

    briefs = sorted({d["brief"] for _u, _v, d in G.edges(data=True)})
    return random.Random(SAMPLE_SEED).choice(briefs)


def _cookbook_names() -> list[str]:
    from kg.resources import cookbook_dir

    return sorted(p.stem for p in cookbook_dir().glob("*.rq"))


def _cookbook_call(ctx: Context, name: str):
    """The cookbook query ``name`` and the values kg binds to it, by name (a factor's label)."""
    from kg.outputs.sparql import cookbook

    query = next(q for q in cookbook() if q.name == name)
    G = _causal_graph(ctx)
    factor = _sampled_factor(G)
    values = {
        "factor": G.nodes[factor].get("label", factor),
        "brief": _sampled_brief(G),
        "modality": "hedged",
        "sign": "increases",
    }
    bindings = {var: values[kind] for var, kind in query.params.items() if kind in values}
    return query, bindings


def _kg(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m kg ARGS`` as a new process."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=REPO
    )


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


@measurement("kg.build_cold", baseline="oxigraph.bulk_load", limit_s=BUILD_LIMIT_S)
def _build_cold(ctx: Context) -> None:
    """kg.build of the corpus into a fresh store folder, SHACL shapes on, TriG written."""
    import kg

    with ctx.timed():
        result = kg.build(ctx.data_dir, ctx.scratch / "out", store=ctx.scratch / "store")
    ctx.extra.update(quads=result.counts["quads"], shacl_checked=result.shacl_checked)
    result.store.close()


@measurement("kg.build_cold_no_shacl", baseline="oxigraph.bulk_load", limit_s=BUILD_LIMIT_S)
def _build_cold_no_shacl(ctx: Context) -> None:
    """kg.build of the corpus into a fresh store folder with shacl=False (authoring checks only)."""
    import kg

    with ctx.timed():
        result = kg.build(
            ctx.data_dir, ctx.scratch / "out", store=ctx.scratch / "store", shacl=False
        )
    ctx.extra.update(quads=result.counts["quads"], shacl_checked=result.shacl_checked)
    result.store.close()


@measurement("kg.build_one_changed", baseline="kg.build_cold", limit_s=BUILD_LIMIT_S)
def _build_one_changed(ctx: Context) -> None:
    """kg.build into the same store after one claim's paraphrase changed in one brief file."""
    import kg

    data = ctx.scratch / "data"
    shutil.copytree(ctx.data_dir, data)
    out, store = ctx.scratch / "out", ctx.scratch / "store"
    start = time.perf_counter()
    kg.build(data, out, store=store).store.close()
    ctx.extra["cold_s"] = round(time.perf_counter() - start, 3)
    brief = sorted((data / "briefs").glob("*.yaml"))[0]
    text = brief.read_text(encoding="utf-8")
    edited = text.replace('paraphrase: "In brief', 'paraphrase: "Edited: in brief', 1)
    if edited == text:
        raise RuntimeError(f"no claim paraphrase to edit in {brief}")
    brief.write_text(edited, encoding="utf-8")
    with ctx.timed():
        result = kg.build(data, out, store=store)
    assert result.sync is not None
    ctx.extra.update(
        replaced=result.sync.replaced,
        unchanged=result.sync.unchanged,
        shacl_checked=result.shacl_checked,
    )
    result.store.close()


@measurement("kg.validate", limit_s=BUILD_LIMIT_S)
def _validate(ctx: Context) -> None:
    """kg.validate of the corpus: the authoring checks, then the SHACL shapes on every graph."""
    import kg

    with ctx.timed():
        report = kg.validate(ctx.data_dir)
    ctx.extra.update(conforms=report.conforms, problems=len(report.problems))


def _oxigraph_query(name: str) -> Callable[[Context], None]:
    def measure(ctx: Context) -> None:
        import pyoxigraph as ox

        from kg.vocab import PREFIXES

        query, bindings = _cookbook_call(ctx, name)
        text = _written_query(ctx, query, bindings)
        oxigraph = ox.Store.read_only(str(ctx.store_path / "oxigraph"))

        def answer() -> bytes:
            result = oxigraph.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            assert isinstance(result, ox.QuerySolutions)
            return result.serialize(format=ox.QueryResultsFormat.JSON)

        _time_answer(ctx, answer, bindings)

    measure.__doc__ = (
        f"Bare pyoxigraph: the cookbook query {name} with its values written in its VALUES "
        "blocks by hand, kg's prefixes, union default graph, results serialised as SPARQL JSON."
    )
    return measure


def _written_query(ctx: Context, query: Any, bindings: dict[str, str]) -> str:
    """The cookbook query's text as another engine's user writes it: each value in its VALUES block.

    The terms come from the causal graph (a factor's node is its IRI) and the
    vocabulary, not from kg's binding code; ``FROM <urn:kg:every-graph>`` is
    dropped (the store's default graph is the union of its graphs).
    """
    import re

    from kg.vocab import CK, brief_iri

    G = _causal_graph(ctx)
    factor = _sampled_factor(G)
    terms = {
        "factor": f"<{factor}>",
        "brief": f"<{brief_iri(_sampled_brief(G))}>",
        "modality": f"<{CK.Hedged}>",
        "sign": f"<{CK.Increase}>",
    }
    text = query.text.replace("FROM <urn:kg:every-graph>", "")
    for var, kind in query.params.items():
        if var in bindings:
            block = re.compile(rf"VALUES \?{var} \{{ (<urn:kg:bind-me>|UNDEF) \}}")
            text = block.sub(f"VALUES ?{var} {{ {terms[kind]} }}", text)
    return text


def _time_answer(ctx: Context, answer: Callable[[], Any], bindings: dict) -> None:
    """Time ``answer()`` (SPARQL JSON) after one warm-up run, and record its row count."""
    import hashlib

    answer()  # both runs, kg's and bare pyoxigraph's, start with the same warm caches
    with ctx.timed():
        body = answer()
    found = json.loads(body)["results"]["bindings"]
    digest = hashlib.sha256(json.dumps(sorted(found, key=json.dumps), sort_keys=True).encode())
    ctx.extra.update(bound=bindings, rows=len(found), rows_sha256=digest.hexdigest()[:16])


def _kg_query(name: str) -> Callable[[Context], None]:
    def measure(ctx: Context) -> None:
        from kg.outputs.sparql import format_result, run_query
        from kg.store import Store

        query, bindings = _cookbook_call(ctx, name)
        with Store.open(ctx.store_path, read_only=True) as store:

            def answer() -> str:
                result = run_query(store, query.text, bindings, query.params)
                return format_result(result, "json")

            _time_answer(ctx, answer, bindings)

    measure.__doc__ = (
        f"kg.run_query of the cookbook query {name} on the built store, values bound by "
        "name (factor label, brief id, modality), then format_result(..., 'json')."
    )
    return measure


for _name in _cookbook_names():
    measurement(f"oxigraph.query.{_name}")(_oxigraph_query(_name))
    measurement(f"kg.query.{_name}", baseline=f"oxigraph.query.{_name}")(_kg_query(_name))


@measurement("networkx.all_simple_paths", budget_s=NAIVE_BUDGET_S)
def _naive_paths(ctx: Context) -> None:
    """Naive chains: every simple path of up to 6 links for each sampled pair, sorted, top 100."""
    import networkx as nx

    G = _causal_graph(ctx)
    pairs = _sampled_pairs(G)
    simple = nx.DiGraph(G)
    counts: list[int] = []
    with ctx.timed(), ctx.budget():
        for source, target in pairs:
            paths = list(nx.all_simple_paths(simple, source, target, cutoff=6))
            paths.sort(key=lambda p: (len(p), p))
            counts.append(len(paths))
            del paths[100:]
    ctx.extra.update(pairs=len(pairs), finished_pairs=len(counts), paths=counts)


@measurement("kg.chains", baseline="networkx.all_simple_paths")
def _chains(ctx: Context) -> None:
    """kg.causal_chains, top 100 of up to 6 links, for each of the sampled factor pairs."""
    import kg

    G = _causal_graph(ctx)
    pairs = _sampled_pairs(G)
    per_pair: list[dict[str, Any]] = []
    with ctx.timed():
        for source, target in pairs:
            start = time.perf_counter()
            search = kg.causal_chains(G, source, target, max_length=6, limit=100)
            seconds = time.perf_counter() - start
            per_pair.append({"s": round(seconds, 4), "chains": len(search.chains)})
    ctx.extra.update(
        pairs=len(pairs), slowest_pair_s=max(p["s"] for p in per_pair), per_pair=per_pair
    )


@measurement("networkx.all_cycles", budget_s=NAIVE_BUDGET_S)
def _naive_cycles(ctx: Context) -> None:
    """Naive loops: every simple cycle of the graph, then those of at most 8 factors kept."""
    import networkx as nx

    simple = nx.DiGraph(_causal_graph(ctx))
    counts = {"cycles": 0, "kept": 0}
    with ctx.timed(), ctx.budget():
        for cycle in nx.simple_cycles(simple):
            counts["cycles"] += 1
            counts["kept"] += len(cycle) <= 8
    ctx.extra.update(counts)


@measurement("kg.loops_through", baseline="networkx.all_cycles")
def _loops_through(ctx: Context) -> None:
    """kg.feedback_loops through one sampled factor, up to 8 factors, the first 100."""
    import kg

    G = _causal_graph(ctx)
    factor = _sampled_factor(G)
    with ctx.timed():
        search = kg.feedback_loops(G, through=[factor], max_length=8, limit=100)
    ctx.extra.update(loops=len(search.loops), limit_hit=search.limit_hit)


@measurement("kg.what_if")
def _what_if(ctx: Context) -> None:
    """kg.what_if of one sampled factor going up."""
    import kg

    G = _causal_graph(ctx)
    factor = _sampled_factor(G)
    with ctx.timed():
        result = kg.what_if(G, {factor: "+"})
    ctx.extra.update(reached=len(result.reached), loops=len(result.loops))


@measurement("kg.upstream")
def _upstream(ctx: Context) -> None:
    """kg.upstream of one sampled factor (every factor that can influence it)."""
    import kg

    G = _causal_graph(ctx)
    factor = _sampled_factor(G)
    with ctx.timed():
        result = kg.upstream(G, factor)
    ctx.extra.update(factors=len(result))


@measurement("kg.leverage")
def _leverage(ctx: Context) -> None:
    """kg.leverage of every factor, the top 20 kept."""
    import kg

    G = _causal_graph(ctx)
    with ctx.timed():
        result = kg.leverage(G, top=20)
    ctx.extra.update(factors=len(result.rows))


@measurement("kg.explorer_focus")
def _explorer_focus(ctx: Context) -> None:
    """The explorer page of the built store focused on a sampled factor, depth 2."""
    from kg.outputs.explorer import explorer_html
    from kg.store import Store

    factor = _sampled_factor(_causal_graph(ctx))
    with Store.open(ctx.store_path, read_only=True) as store:
        with ctx.timed():
            page = explorer_html(store, focus=factor, depth=2)
    ctx.extra.update(factors=page.factors, claims=page.claims, html_kib=len(page.html) // 1024)


@measurement("kg.compare")
def _compare(ctx: Context) -> None:
    """kg.linking.compare.compare_briefs of every brief (chains up to 4 links, 50 kept)."""
    from kg.linking.compare import compare_briefs

    G = _causal_graph(ctx)
    with ctx.timed():
        result = compare_briefs(G, max_length=4, limit=50)
    ctx.extra.update(shared=len(result.shared), connections=result.connections)


@measurement("kg.link")
def _link(ctx: Context) -> None:
    """kg.linking.link_proposals of the corpus (score at least 70, the first 100)."""
    from kg.linking import link_proposals

    with ctx.timed():
        proposals = link_proposals(ctx.data_dir, min_score=70, limit=100)
    ctx.extra.update(proposals=len(proposals))


@measurement("process.start")
def _process_start(ctx: Context) -> None:
    """A new Python process that imports kg and exits: the floor under every command."""
    with ctx.timed():
        done = subprocess.run([sys.executable, "-c", "import kg"], cwd=REPO)
    if done.returncode:
        raise RuntimeError("python -c 'import kg' failed")


@measurement("cli.chains", baseline="process.start")
def _cli_chains(ctx: Context) -> None:
    """`kg chains A B --data DATA --store STORE` as a new process on the built store."""
    G = _causal_graph(ctx)
    source, target = _sampled_pairs(G, 1)[0]
    labels = [G.nodes[n].get("label", n) for n in (source, target)]
    args = ["chains", *labels, "--data", str(ctx.data_dir), "--store", str(ctx.store_path)]
    _kg(*args)  # the first reader writes the store's cache of causal rows
    with ctx.timed():
        done = _kg(*args)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"kg chains failed: {done.stderr.strip()}")
    ctx.extra.update(exit=done.returncode, lines=len(done.stdout.splitlines()), stderr=done.stderr)


@measurement("cli.chains_after_build", baseline="process.start", limit_s=BUILD_LIMIT_S)
def _cli_chains_after_build(ctx: Context) -> None:
    """`kg chains A B` as a new process, the first command after a fresh `kg build` (untimed)."""
    import kg

    G = _causal_graph(ctx)
    source, target = _sampled_pairs(G, 1)[0]
    labels = [G.nodes[n].get("label", n) for n in (source, target)]
    store = ctx.scratch / "out" / "store"
    kg.build(ctx.data_dir, ctx.scratch / "out", "nquads", store=store, shacl=False).close()
    args = ["chains", *labels, "--data", str(ctx.data_dir), "--store", str(store)]
    with ctx.timed():
        done = _kg(*args)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"kg chains failed: {done.stderr.strip()}")
    ctx.extra.update(exit=done.returncode, lines=len(done.stdout.splitlines()), stderr=done.stderr)


def _endpoint_queries(ctx: Context) -> list[str]:
    """The cookbook queries that take a value, each with one given in a VALUES block."""
    from kg.outputs.sparql import bind_values, cookbook, take_placeholders
    from kg.store import Store

    G = _causal_graph(ctx)
    factor = _sampled_factor(G)
    values = {
        "factor": G.nodes[factor].get("label", factor),
        "brief": _sampled_brief(G),
        "modality": "hedged",
    }
    texts = []
    with Store.open(ctx.store_path, read_only=True) as store:
        for query in cookbook():
            kinds = {v: k for v, k in query.params.items() if k in values}
            if not kinds:
                continue
            terms = bind_values(store, {v: values[k] for v, k in kinds.items()}, kinds)
            block = " ".join(f"VALUES ?{var} {{ {term} }}" for var, term in terms.items())
            text = take_placeholders(query.text)[0]  # the block below stands for them
            texts.append(text.replace("WHERE {", "WHERE {\n  " + block, 1))
    return texts


def _status(code: int, body: str) -> str:
    """``code``, and for kg's ``503`` its cause: ``503 queue full``, ``503 time limit`` or other."""
    if code != 503:
        return str(code)
    if "the size of the queue" in body:
        return "503 queue full"
    if "time limit" in body:
        return "503 time limit"
    return "503 " + (body.strip().splitlines() or [""])[0][:80]


def _load(url: str, queries: list[str], clients: int, passes: int) -> dict:
    """``clients`` threads each posting every one of ``queries`` ``passes`` times to ``url``.

    Client ``i`` starts at query ``i`` and goes round the list, so every
    server gets the same requests, the same mix at every moment (one turn
    differs from another only in how long it takes). ``latencies`` holds the
    seconds of each answered (``200``) request.
    """
    import threading

    import httpx

    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()

    def client(offset: int) -> None:
        with httpx.Client(timeout=CLIENT_TIMEOUT_S) as http:
            for n in range(offset, offset + passes * len(queries)):
                start = time.perf_counter()
                try:
                    answer = http.post(
                        url,
                        data={"query": queries[n % len(queries)]},
                        headers={"Accept": "application/sparql-results+json"},
                    )
                    answer.read()
                    status = _status(answer.status_code, answer.text)
                except httpx.HTTPError as exc:  # counted, not lost with the client's thread
                    status = type(exc).__name__
                took = time.perf_counter() - start
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    if status == "200":
                        latencies.append(took)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"statuses": statuses, "seconds": time.perf_counter() - started, "latencies": latencies}


def _summary(turns: list[dict]) -> dict:
    """One server's turns together: answers by status, requests a second, latencies, CPU."""
    statuses: dict[str, int] = {}
    for turn in turns:
        for status, count in turn["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
    latencies = sorted(t for turn in turns for t in turn["latencies"])
    seconds = sum(turn["seconds"] for turn in turns)
    cpu = [turn["server_cpu_s"] for turn in turns]

    def quantile(q: float) -> float | None:
        return round(latencies[int(q * (len(latencies) - 1))] * 1000, 1) if latencies else None

    return {
        "statuses": statuses,
        "requests_per_s": round(len(latencies) / seconds, 2) if seconds else 0.0,
        "p50_ms": quantile(0.5),
        "p95_ms": quantile(0.95),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "server_cpu_per_request_s": (
            round(sum(cpu) / len(latencies), 3) if latencies and None not in cpu else None
        ),
    }


def _tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user and system) of process ``pid`` and its descendants; None without /proc.

    The live processes' own time, plus what ``pid`` has collected from the
    children it waited for (kg's workers killed at the time limit).
    """
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                # the fields after the command's name, which may hold spaces and brackets
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
    if pid not in stats:
        return None
    children: dict[int, list[int]] = {}
    for child, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(child)
    total = sum(int(v) for v in stats[pid][13:15])  # cutime, cstime: children waited for
    todo = [pid]
    while todo:
        current = todo.pop()
        total += int(stats[current][11]) + int(stats[current][12])  # utime, stime
        todo.extend(children.get(current, []))
    return total / tick


def _load_average() -> float | None:
    """The 1-minute load average, None where there is none."""
    try:
        return round(os.getloadavg()[0], 1)
    except OSError:
        return None


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@measurement("kg.serve", limit_s=BUILD_LIMIT_S)
def _serve(ctx: Context) -> None:
    """`kg serve --store` against `oxigraph serve-read-only` on the same store, queries and clients.

    Both servers run from the start; they get the same load in turns,
    interleaved (Oxigraph then kg in the first round, kg then Oxigraph in
    the second, and so on, ``KG_BENCH_ROUNDS`` rounds), so that both see
    the same share of a machine others load. A turn is CLIENTS threads each
    posting every bound cookbook query ``KG_BENCH_PASSES`` times, after one
    warm-up pass of one client on each server; the timed block is every
    turn of both. kg runs one worker process a core (``KG_BENCH_WORKERS``
    to change it), the others waiting in its queue: the queries are
    CPU-bound, so more workers than cores only share the cores.
    ``throughput_ratio`` is the median over the rounds of kg's answered
    requests per second over Oxigraph's in the same round
    (``throughput_ratios`` each round's); ``server_cpu_per_request_s`` is
    each server's CPU seconds (kg's with its workers) per answered request.
    ``statuses`` counts the answers by HTTP status, a 503 by its cause
    (``503 queue full``, ``503 time limit``), and the requests the client
    gave up on after ``CLIENT_TIMEOUT_S`` by httpx's exception
    (``ReadTimeout``). kg's queue has a place for every client, so a ``503
    queue full`` here breaks the server's rule; a request waits in the
    queue until a worker is free (or its client leaves), as it may wait for
    Oxigraph's threads, and a query may run as long as the client waits
    (``--timeout``), as Oxigraph's server sets no time limit.
    """
    queries = _endpoint_queries(ctx)
    rounds = int(os.environ.get("KG_BENCH_ROUNDS", ROUNDS if ctx.size >= 40 else 1))
    passes = int(os.environ.get("KG_BENCH_PASSES", PASSES))
    clients = int(os.environ.get("KG_BENCH_CLIENTS", CLIENTS))
    workers = int(os.environ.get("KG_BENCH_WORKERS", os.cpu_count() or 1))
    # Oxigraph's own server on a snapshot of the store (the store may not be read while written).
    copy = Path(ctx.work) / "serve-baseline"
    shutil.rmtree(copy, ignore_errors=True)
    import pyoxigraph

    pyoxigraph.Store.read_only(str(ctx.store_path / "oxigraph")).backup(str(copy))
    ports = {"oxigraph": _free_port(), "kg": _free_port()}
    urls = {
        "oxigraph": f"http://127.0.0.1:{ports['oxigraph']}/query",
        "kg": f"http://127.0.0.1:{ports['kg']}/sparql",
    }
    servers: dict[str, subprocess.Popen] = {}
    try:
        servers["oxigraph"] = subprocess.Popen(
            [str(Path(sys.executable).parent / "oxigraph"), "serve-read-only"]
            + ["--location", str(copy), "--union-default-graph"]
            + ["--bind", f"127.0.0.1:{ports['oxigraph']}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        servers["kg"] = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--data", str(ctx.data_dir)]
            + ["--store", str(ctx.store_path), "--host", "127.0.0.1", "--port", str(ports["kg"])]
            + ["--max-concurrent", str(workers), "--queue", str(max(clients, 64))]
            + ["--timeout", str(CLIENT_TIMEOUT_S)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _wait_for(urls["oxigraph"] + "?query=ASK%7B%7D", servers["oxigraph"])
        _wait_for(f"http://127.0.0.1:{ports['kg']}/health", servers["kg"])
        for name in ("oxigraph", "kg"):
            _load(urls[name], queries, 1, 1)
        turns: dict[str, list[dict]] = {"oxigraph": [], "kg": []}
        loads = []
        with ctx.timed():
            for number in range(rounds):
                for name in ("oxigraph", "kg") if number % 2 == 0 else ("kg", "oxigraph"):
                    loads.append(_load_average())
                    before = _tree_cpu_seconds(servers[name].pid)
                    turn = _load(urls[name], queries, clients, passes)
                    after = _tree_cpu_seconds(servers[name].pid)
                    turn["server_cpu_s"] = None if None in (before, after) else after - before
                    turns[name].append(turn)
            loads.append(_load_average())
    finally:
        for server in servers.values():
            _stop(server)
    ratios = []
    for kg_turn, ox_turn in zip(turns["kg"], turns["oxigraph"], strict=True):
        kg_rate = len(kg_turn["latencies"]) / kg_turn["seconds"]
        ox_rate = len(ox_turn["latencies"]) / ox_turn["seconds"]
        ratios.append(round(kg_rate / ox_rate, 2) if ox_rate else None)
    known = [r for r in ratios if r is not None]
    kg_figures, ox_figures = _summary(turns["kg"]), _summary(turns["oxigraph"])
    kg_cpu, ox_cpu = (f["server_cpu_per_request_s"] for f in (kg_figures, ox_figures))
    ctx.extra.update(
        clients=clients,
        workers=workers,
        queries=len(queries),
        rounds=rounds,
        passes=passes,
        **kg_figures,
        oxigraph=ox_figures,
        throughput_ratios=ratios,
        throughput_ratio=round(statistics.median(known), 2) if known else None,
        cpu_per_request_ratio=round(kg_cpu / ox_cpu, 2) if kg_cpu and ox_cpu else None,
        load_average=[x for x in loads if x is not None],
    )


def _wait_for(url: str, server: subprocess.Popen, timeout: float = 120.0) -> None:
    """Wait until ``url`` answers 200 (the server has opened its store)."""
    import httpx

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            stderr = server.stderr.read().decode() if server.stderr else ""
            raise RuntimeError(f"kg serve exited: {stderr.strip()}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"kg serve did not answer {url} within {timeout:.0f} s")


# -- running -------------------------------------------------------------------------------------


def budget_for(size: int, budget: float | None = None) -> float:
    """The budget of the naive baselines at ``size``: ``budget``, else 20 s (less when small).

    Below 40 briefs the budget is an eighth of a second per brief (at least
    one second), so that the smoke run stays short.
    """
    if budget is not None:
        return budget
    return NAIVE_BUDGET_S if size >= 40 else max(1.0, size / 8)


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
        "cpu_seconds": round(ctx.cpu_seconds or 0.0, 3),
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
                if base and base.get("cpu_seconds") and row.get("cpu_seconds") is not None:
                    row["cpu_ratio"] = round(row["cpu_seconds"] / base["cpu_seconds"], 3)
                else:
                    row["cpu_ratio"] = None
                if base and base.get("peak_rss_mib") and row.get("peak_rss_mib") is not None:
                    row["peak_ratio"] = round(row["peak_rss_mib"] / base["peak_rss_mib"], 3)
                else:
                    row["peak_ratio"] = None
                results.append(row)
    return {"machine": machine(), "sizes": sizes, "prepared": prepared, "results": results}


def table(report: dict[str, Any]) -> str:
    """The results as a text table: absolute figures and ratios to the baselines."""
    header = (
        "size", "measurement", "seconds", "CPU s", "peak MiB", "baseline", "ratio", "CPU ratio",
        "peak ratio", "note",
    )  # fmt: skip
    lines = [header]
    for r in report["results"]:
        note = r.get("error") or ("stopped at budget" if r.get("extra", {}).get("stopped") else "")
        note = note if len(note) <= 80 else note[:77] + "..."
        lines.append(
            (
                str(r["size"]),
                r["name"],
                f"{r['seconds']:.3f}" if r.get("seconds") is not None else "-",
                f"{r['cpu_seconds']:.3f}" if r.get("cpu_seconds") is not None else "-",
                f"{r['peak_rss_mib']:.0f}" if r.get("peak_rss_mib") is not None else "-",
                r.get("baseline") or "",
                f"{r['ratio']:.3g}" if r.get("ratio") is not None else "",
                f"{r['cpu_ratio']:.3g}" if r.get("cpu_ratio") is not None else "",
                f"{r['peak_ratio']:.2f}" if r.get("peak_ratio") is not None else "",
                note,
            )
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines
    )


def merge(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Several reports (runs at different sizes on one machine) as one, sizes in order."""
    merged: dict[str, Any] = {"machine": reports[0]["machine"], "sizes": [], "prepared": {}}
    merged["results"] = []
    for report in reports:
        merged["sizes"] += report["sizes"]
        merged["prepared"].update(report["prepared"])
        merged["results"] += report["results"]
    order = {size: n for n, size in enumerate(sorted(merged["sizes"]))}
    merged["sizes"] = sorted(merged["sizes"])
    merged["results"].sort(key=lambda r: order[r["size"]])  # stable: measurements keep their order
    return merged


def markdown(report: dict[str, Any]) -> str:
    """The results as a Markdown table: one row per measurement, seconds and ratio per size."""
    sizes = report["sizes"]
    by = {(r["name"], r["size"]): r for r in report["results"]}
    names = list(dict.fromkeys(r["name"] for r in report["results"]))
    # CPU seconds where the results have them (a shared machine inflates wall time), else wall
    unit = "CPU s" if any(r.get("cpu_seconds") is not None for r in report["results"]) else "s"
    head = ["measurement", "baseline"] + [f"{s:,} briefs: {unit} (ratio)" for s in sizes]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = [f"`{name}`", next((f"`{r['baseline']}`" for r in report["results"]
                                    if r["name"] == name and r.get("baseline")), "")]  # fmt: skip
        for size in sizes:
            r = by.get((name, size))
            if r is None:
                cells.append("")
            elif r.get("error"):
                cells.append("killed" if "killed" in r["error"] else "failed")
            else:
                cpu = unit == "CPU s" and r.get("cpu_seconds") is not None
                value, ratio = (
                    (r["cpu_seconds"], r.get("cpu_ratio"))
                    if cpu
                    else (r["seconds"], r.get("ratio"))
                )
                cell = f"{value:.3g}" if value < 100 else f"{value:.0f}"
                if ratio is not None:
                    cell += f" ({ratio:.3g})"
                if r.get("extra", {}).get("stopped"):
                    cell += " stopped"
                cells.append(cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="numbers of briefs, comma-separated")
    parser.add_argument("--out", default=str(REPO / "bench" / "results.json"))
    parser.add_argument("--only", default="", help="measurement names, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=float, help="seconds for each naive baseline")
    parser.add_argument(
        "--report", nargs="+", metavar="JSON", help="merge these results; print them as Markdown"
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # run one measurement (subprocess)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.size, Path(args.work), args.budget)))
        return 0
    if args.report:
        report = merge([json.loads(Path(f).read_text(encoding="utf-8")) for f in args.report])
        print(markdown(report))
        if args.out != parser.get_default("out") or len(args.report) > 1:
            Path(args.out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
            print(f"Wrote {args.out}")
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
