"""Benchmark of the explorer page: time to write it and time until it is usable.

For synthetic graphs of 30, 300 and 2,000 factors (the shipped brief's
density), it times the page's making in Python, then opens it in headless
chromium and times navigation until the page reports ready (vis-network has
drawn it once, fitted; the layout comes with the page). Graphs above 400
factors open as an overview laid out by kg's quick layering. Needs Debian's chromium and Playwright (the test extra).

Usage: python bench/bench_explorer.py [--sizes 30 300 2000]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 2000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    density, negative = corpus_density()
    print("| factors | claims | page size | make page | open until usable |")
    print("|---:|---:|---:|---:|---:|")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for n in args.sizes:
            G = synthetic_graph(n, density, negative)
            start = time.perf_counter()
            page = explorer_html(Dataset(), G, max_factors=max(n, 2000))
            made = time.perf_counter() - start
            path = Path(folder) / f"graph-{n}.html"
            path.write_text(page.html, encoding="utf-8")
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            tab.goto(path.as_uri())
            tab.wait_for_selector("body[data-ready=true]", timeout=120_000)
            usable = time.perf_counter() - start
            tab.close()
            print(
                f"| {page.factors:,} | {page.claims:,} | {len(page.html) / 1e6:.1f} MB "
                f"| {made:.2f} s | {usable:.2f} s |"
            )
        browser.close()


if __name__ == "__main__":
    main()
