"""The explorer in a real browser: Debian's chromium driven by Playwright.

A missing browser fails these tests (scripts/system-deps.sh installs it);
it never skips them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_explorer import XSS_IMG, XSS_SCRIPT, hostile_data  # noqa: F401  (fixture)

from kg.outputs.explorer import render_explorer
from kg.project import Project

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"


class Page:
    """An opened explorer page that records console errors, requests and dialogs."""

    def __init__(self, browser, path: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

        def route(request_route):
            url = request_route.request.url
            self.requests.append(url)
            if url.startswith(("file:", "data:")):
                request_route.continue_()
            else:
                request_route.abort()

        self.page.route("**/*", route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", timeout=15_000)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def click_edge(self, pair_id: str) -> None:
        self.page.click("#reset")
        point = self.page.evaluate("(id) => kgExplorer.edgeMidpoint(id)", pair_id)
        self.page.mouse.click(point["x"], point["y"])


@pytest.fixture(scope="module")
def shipped_page_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("explorer") / "graph.html"
    return render_explorer(Project(DATA).dataset, out=out).path


@pytest.fixture
def shipped(browser, shipped_page_path):
    page = Page(browser, shipped_page_path)
    yield page
    page.context.close()


def pair_of_claim(page: Page, claim_id: str) -> str:
    return page.js(f"kgExplorer.data.pairs.find(p => p.claims.some(c => c.id === {claim_id!r})).id")


def test_loads_offline_without_errors_or_outside_requests(shipped):
    assert shipped.errors == []
    outside = [u for u in shipped.requests if not u.startswith(("file:", "data:"))]
    assert outside == []
    assert shipped.requests  # the page itself was recorded


def test_node_and_edge_counts_match_the_graph(shipped):
    data = shipped.js("kgExplorer.data")
    assert shipped.js("kgExplorer.nodes.length") == len(data["factors"]) == len(data["nodes"])
    assert shipped.js("kgExplorer.edges.length") == len(data["pairs"])
    drawn = shipped.js("Object.keys(kgExplorer.network.body.nodes).length")
    assert drawn >= len(data["factors"])


def test_physics_is_off_and_layout_does_not_drift(shipped):
    before = shipped.js("kgExplorer.network.getPositions()")
    shipped.page.wait_for_timeout(500)
    assert shipped.js("kgExplorer.network.getPositions()") == before
    assert shipped.js("kgExplorer.network.physics.options.enabled") is False


def test_search_focuses_a_factor_by_alternative_label(shipped):
    shipped.page.fill("#search", "Reverse Urbanisation")
    shipped.page.press("#search", "Enter")
    assert shipped.js("kgExplorer.selectedNode()").endswith("/factor/return-migration")
    assert shipped.js("kgExplorer.network.getSelectedNodes()") == [
        shipped.js("kgExplorer.selectedNode()")
    ]
    assert "Upstream" in shipped.page.inner_text("#details-body")


def test_unknown_search_says_so(shipped):
    shipped.page.fill("#search", "no such factor at all")
    shipped.page.press("#search", "Enter")
    assert "No factor matches" in shipped.page.inner_text("#search-message")


def test_clicking_a_factor_highlights_its_neighbours(shipped):
    shipped.page.fill("#search", "hinterland economic takeoff")
    shipped.page.press("#search", "Enter")
    highlighted = shipped.js("kgExplorer.highlighted()")
    labels = {shipped.js(f"kgExplorer.data.factors[{n!r}].label") for n in highlighted["nodes"]}
    assert {"Return migration", "Inland shift of industry"} <= labels


def test_sign_filter_hides_the_other_edges(shipped):
    with_decrease = shipped.js(
        "kgExplorer.data.pairs.filter(p => p.claims.some(c => c.sign === '-')).map(p => p.id)"
    )
    assert with_decrease
    assert len(with_decrease) < shipped.js("kgExplorer.data.pairs.length")
    shipped.page.uncheck("#filter-signs input[value='+']")
    visible = set(shipped.js("kgExplorer.visibleEdges()"))
    assert visible == set(with_decrease)


def test_modality_and_brief_filters(shipped):
    shipped.page.uncheck("#filter-modalities input[value='conditional']")
    visible = set(shipped.js("kgExplorer.visibleEdges()"))
    disruption = pair_of_claim(shipped, "disruption-stalls-hinterland-takeoff")
    assert disruption not in visible
    only_eai = set(
        shipped.js(
            "kgExplorer.data.pairs.filter(p => p.claims.every(c => c.brief === 'eai-bb-1360'"
            " && c.modality !== 'conditional')).map(p => p.id)"
        )
    )
    for brief in shipped.js("kgExplorer.data.briefs.map(b => b.id)"):
        if brief != "eai-bb-1360":
            shipped.page.uncheck(f"#filter-briefs input[value='{brief}']")
    assert only_eai <= set(shipped.js("kgExplorer.visibleEdges()"))
    shipped.page.uncheck("#filter-briefs input[value='eai-bb-1360']")
    assert shipped.js("kgExplorer.visibleEdges()") == []


def test_clicking_an_edge_shows_the_claim_and_locator(shipped):
    pair = pair_of_claim(shipped, "coastal-costs-push-industry-inland")
    shipped.click_edge(pair)
    panel = shipped.page.locator("#details-body")
    assert "Executive summary, point 3" in panel.inner_text()
    assert "coastal-costs-push-industry-inland" in panel.inner_text()
    assert panel.locator("[data-field=locator]").first.inner_text() == "Executive summary, point 3"


def test_chain_from_coastal_costs_to_return_migration_is_highlighted(shipped):
    ids = shipped.js("kgExplorer.data.factors")
    source = next(i for i, f in ids.items() if f["label"] == "Rising coastal costs")
    target = next(i for i, f in ids.items() if f["label"] == "Return migration")
    shipped.page.select_option("#chain-from", source)
    shipped.page.select_option("#chain-to", target)
    shipped.page.click("#chain-go")
    highlighted = shipped.js("kgExplorer.highlighted()")
    assert highlighted["kind"] == "chains"
    assert source in highlighted["nodes"] and target in highlighted["nodes"]
    assert highlighted["edges"]
    assert "[+] Rising coastal costs" in shipped.page.inner_text("#details-body")


def test_virtuous_cycle_is_listed_as_reinforcing_and_highlightable(shipped):
    items = shipped.page.locator("#loops li")
    texts = items.all_inner_texts()
    index = next(
        i
        for i, text in enumerate(texts)
        if text.count("\u2192") == 2 and "Return migration" in text and "Hinterland" in text
    )
    assert items.nth(index).get_attribute("data-kind") == "reinforcing"
    items.nth(index).click()
    assert len(shipped.js("kgExplorer.highlighted()")["edges"]) == 2


def test_xss_payloads_show_as_text_and_run_nothing(browser, hostile_data, tmp_path):  # noqa: F811
    path = render_explorer(Project(hostile_data).dataset, out=tmp_path / "hostile.html").path
    page = Page(browser, path)
    try:
        assert page.errors == []
        assert page.dialogs == []
        for claim in ("costs-shift", "shift-growth"):
            page.click_edge(pair_of_claim(page, claim))
            text = page.page.inner_text("#details-body")
            assert (XSS_IMG.replace('"', "'") in text) or (XSS_SCRIPT in text)
        assert page.page.locator("#details-body img").count() == 0
        assert XSS_IMG.replace('"', "'") in page.page.inner_text("header")
        page.page.wait_for_timeout(300)
        assert page.dialogs == []
    finally:
        page.context.close()


def test_contradicted_edges_are_marked_and_arrows_can_be_coloured_by_brief(shipped):
    contradicted = shipped.js(
        "kgExplorer.data.pairs.filter(p => new Set(p.claims.map(c => c.sign)).size > 1)"
        ".map(p => p.id)"
    )
    # Wang and Fan (2006) contradict EAI Background Brief No. 1360 on one pair.
    assert contradicted, "the shipped real briefs contradict one another on one pair"
    for pair in contradicted:
        edge = shipped.js(f"kgExplorer.edges.get({pair!r})")
        assert edge["label"] == "\u00b1"
        assert edge["color"]["color"] == shipped.js("kgExplorer.data.sign_colours['\u00b1']")
    single = shipped.js(
        "kgExplorer.data.pairs.find(p => p.claims.every(c => c.brief === 'wang-fan-2006')).id"
    )
    shipped.page.check("#colour-by input[value=brief]")
    colour = shipped.js(f"kgExplorer.edges.get({single!r}).color.color")
    assert colour == shipped.js("kgExplorer.data.brief_colours['wang-fan-2006']")
