"""The endpoint's query page in a real browser: YASGUI served by kg, offline, querying kg."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx
import pytest
from helpers import PYTHON, SHIPPED_DATA, subprocess_env

pytestmark = [pytest.mark.browser, pytest.mark.server]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "kg", "serve", "--data", str(SHIPPED_DATA), "--store",
         str(tmp_path / "none"), "--port", str(port)],
        env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:  # poll until it answers, for a minute at most
            try:
                assert httpx.get(base + "/health", timeout=2).status_code == 200
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1][-2000:]
                assert time.monotonic() < deadline, "kg serve did not answer within 60 s"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_query_page_runs_a_cookbook_query_offline(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(request_route):
        url = request_route.request.url
        if url.startswith(served):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(served + "/sparql")
    page.wait_for_selector(".yasgui", timeout=20_000)
    tabs = page.locator(".yasgui .tabsList .tab")
    assert tabs.count() >= 8  # one per cookbook query
    # Run the query of the open tab and wait for the results table.
    page.locator(".yasqe_queryButton").first.click()
    page.wait_for_selector(".yasr .dataTable, .yasr table", timeout=20_000)
    assert page.locator(".yasr table tbody tr").count() > 0
    assert outside == []
    assert errors == []
    context.close()
