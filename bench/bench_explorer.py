"""Benchmark of the explorer page: time to write it and time until it is usable.

For synthetic graphs of 30, 300 and 2,000 factors (the shipped brief's
density), it times the page's making in Python, then opens it in headless
chromium and times navigation until the page reports ready (vis-network has
drawn it once, fitted; the layout comes with the page). Graphs above 400
factors are laid out by kg's quick layering. Needs Debian's chromium and
Playwright (the test extra).

``--baseline DIR`` also makes the same graphs' pages with the kg of another
checkout (its own ``.venv``, e.g. the main branch's former page), in a
separate process, and opens them in the same browser session, so that the
ratio is measured in one run on one machine. Each page is opened
``--repeat`` times and the median kept; with a baseline the two pages are
opened in turn (this page, then the baseline's, and again), so that a
change of the machine's load weighs on both alike.

Usage: python bench/bench_explorer.py [--sizes 30 300 2000] [--baseline /work/main] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analysis import corpus_density, synthetic_graph  # noqa: E402

from kg.outputs.explorer import explorer_html  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip

#: Run by the baseline checkout's Python: the page of the edges given on stdin.
BASELINE_SCRIPT = """
import json, sys, time
from rdflib import Dataset
from kg.analysis.graph import from_edges
from kg.outputs.explorer import explorer_html
edges = [tuple(e) for e in json.load(sys.stdin)]
G = from_edges(edges)
start = time.perf_counter()
page = explorer_html(Dataset(), G, max_factors=max(G.number_of_nodes(), 2000))
made = time.perf_counter() - start
open(sys.argv[1], "w", encoding="utf-8").write(page.html)
print(made)
"""


def open_times(browser, paths: list[Path], repeat: int) -> list[float]:
    """Median seconds from navigation until each page says it is ready, opened in turn."""
    times: list[list[float]] = [[] for _ in paths]
    for _ in range(repeat):
        for path, spent in zip(paths, times, strict=True):
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            tab.goto(path.as_uri())
            tab.wait_for_selector("body[data-ready=true]", timeout=120_000)
            spent.append(time.perf_counter() - start)
            tab.close()
    return [statistics.median(spent) for spent in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 2000])
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    density, negative = corpus_density()
    head = "| factors | claims | page size | make page | open until usable |"
    rule = "|---:|---:|---:|---:|---:|"
    if args.baseline:
        head += " baseline: make | baseline: open | open ratio |"
        rule += "---:|---:|---:|"
    print(head)
    print(rule)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for n in args.sizes:
            G = synthetic_graph(n, density, negative)
            start = time.perf_counter()
            page = explorer_html(Dataset(), G, max_factors=max(n, 2000))
            made = time.perf_counter() - start
            path = Path(folder) / f"graph-{n}.html"
            path.write_text(page.html, encoding="utf-8")
            row = (
                f"| {page.factors:,} | {page.claims:,} | {len(page.html) / 1e6:.1f} MB "
                f"| {made:.2f} s |"
            )
            if args.baseline:
                edges = [(u, v, "+" if d["sign"] > 0 else "-") for u, v, d in G.edges(data=True)]
                base = Path(folder) / f"baseline-{n}.html"
                out = subprocess.run(
                    [str(args.baseline / ".venv" / "bin" / "python"), "-c", BASELINE_SCRIPT,
                     str(base)], input=json.dumps(edges), capture_output=True, text=True,
                    check=True, cwd=args.baseline,
                )  # fmt: skip
                base_made = float(out.stdout.strip().splitlines()[-1])
                usable, base_usable = open_times(browser, [path, base], args.repeat)
                row += (
                    f" {usable:.2f} s | {base_made:.2f} s | {base_usable:.2f} s "
                    f"| {usable / base_usable:.2f} |"
                )
            else:
                (usable,) = open_times(browser, [path], args.repeat)
                row += f" {usable:.2f} s |"
            print(row, flush=True)
        browser.close()


if __name__ == "__main__":
    main()
