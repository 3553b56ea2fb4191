"""The endpoint's query page in a real browser: YASGUI served by kg, offline, querying kg."""

from __future__ import annotations

import subprocess

import pytest
from helpers import PYTHON, SHIPPED_DATA, subprocess_env

from tests.servers import served_base, wait_for_answer

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture
def served(tmp_path):
    server = subprocess.Popen(
        [PYTHON, "-m", "kg", "serve", "--data", str(SHIPPED_DATA), "--store",
         str(tmp_path / "none"), "--port", "0"],
        env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = served_base(server, 60)  # the port it got: no free port guessed, no race
        answer = wait_for_answer(base + "/health", 60, server)  # a minute at most
        assert answer.status_code == 200, answer.text
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
