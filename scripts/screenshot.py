"""Make docs/explorer.png, the README's picture of the explorer on the shipped brief.

Usage: .venv/bin/python scripts/screenshot.py  (needs chromium and Playwright)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.outputs.explorer import render_explorer

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_path = render_explorer(
            ROOT / "data", out=Path(folder) / "graph.html", brief="eai-bb-1360"
        ).path
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready=true]")
        # Show the virtuous cycle of point 9, the brief's central loop.
        page.locator("#loops li").first.click()
        page.screenshot(path=str(ROOT / "docs" / "explorer.png"))
        browser.close()
    print("Wrote docs/explorer.png")


if __name__ == "__main__":
    main()
