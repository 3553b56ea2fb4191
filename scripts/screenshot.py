"""Make docs/explorer.png, the README's picture of the explorer on the shipped briefs.

Usage: .venv/bin/python scripts/screenshot.py  (needs chromium and Playwright)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.outputs.explorer import render_explorer
from kg.project import Project

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        dataset = Project(ROOT / "data").dataset
        page_path = render_explorer(dataset, out=Path(folder) / "graph.html").path
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready=true]")
        # Show where the real sources disagree: Zhao (2002) finds no effect of return on
        # non-farm work where Liang and Cheng (2023) and Wu et al. (2018) find one.
        page.click("details:has(#disagreements) > summary")
        page.locator(
            "#disagreements li[data-kind='null finding']", has_text="Non-farm work"
        ).first.click()
        page.screenshot(path=str(ROOT / "docs" / "explorer.png"))
        browser.close()
    print("Wrote docs/explorer.png")


if __name__ == "__main__":
    main()
