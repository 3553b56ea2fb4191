"""The explorer in a real browser: Debian's chromium driven by Playwright.

A missing browser or a missing Graphviz fails these tests
(scripts/system-deps.sh installs both); they never skip.
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import subprocess
from itertools import combinations
from pathlib import Path

import pytest
from test_explorer import XSS_IMG, XSS_SCRIPT, hostile_data, page_data  # noqa: F401  (fixture)

from kg.analysis.graph import from_edges
from kg.outputs.explorer import explorer_html, render_explorer
from kg.outputs.layout import box_size
from kg.project import Project

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
SHIPPED_BRIEF = "eai-bb-1360"
VIEWPORTS = [(1280, 720), (1400, 900)]


class Page:
    """An opened explorer page that records console errors, requests and dialogs."""

    def __init__(self, browser, path: Path, viewport=(1400, 900), fragment: str = ""):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True
        )
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
        self.page.goto(path.resolve().as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready=true]", timeout=15_000)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def click_edge(self, pair_id: str) -> None:
        self.page.click("#reset")
        point = self.js("(id) => kgExplorer.edgeMidpoint(id)", pair_id)
        self.page.mouse.click(point["x"], point["y"])

    def graph_box(self) -> dict:
        return self.js("(() => { const r = canvas.getBoundingClientRect(); "
                       "return {x: r.left, y: r.top, width: r.width, height: r.height}; })()")  # fmt: skip

    def in_view(self, factors) -> bool:
        box = self.graph_box()
        for factor in factors:
            b = self.js("(id) => kgExplorer.nodeBox(id)", factor)
            if not (b["x"] >= box["x"] - 1 and b["y"] >= box["y"] - 1
                    and b["x"] + b["width"] <= box["x"] + box["width"] + 1
                    and b["y"] + b["height"] <= box["y"] + box["height"] + 1):  # fmt: skip
                return False
        return True


@pytest.fixture(scope="module")
def shipped_page_path(tmp_path_factory):
    """The page of the shipped brief alone, whatever else ``data/`` holds."""
    out = tmp_path_factory.mktemp("explorer") / "graph.html"
    return render_explorer(Project(DATA).dataset, out=out, brief=SHIPPED_BRIEF).path


@pytest.fixture(scope="module")
def two_brief_path(tmp_path_factory):
    """A page of two briefs that contradict each other on one arrow."""
    from helpers import BRIEF_YAML, FACTORS_YAML, SECOND_BRIEF_YAML

    root = tmp_path_factory.mktemp("two")
    (root / "data" / "briefs").mkdir(parents=True)
    (root / "data" / "factors.yaml").write_text(FACTORS_YAML, encoding="utf-8")
    (root / "data" / "briefs" / "test-brief.yaml").write_text(BRIEF_YAML, encoding="utf-8")
    (root / "data" / "briefs" / "second-brief.yaml").write_text(SECOND_BRIEF_YAML, "utf-8")
    return render_explorer(Project(root / "data").dataset, out=root / "two.html").path


@pytest.fixture
def shipped(browser, shipped_page_path):
    page = Page(browser, shipped_page_path)
    yield page
    page.context.close()


def edge_line(page: Page, pair_id: str) -> dict:
    """The sign and stroke colour an arrow is drawn with."""
    return page.js(
        "(id) => { const g = [...document.querySelectorAll('.edge')].find(e => e.dataset.pair === id);"
        " return {sign: g.dataset.sign, stroke: g.querySelector('path').getAttribute('stroke')}; }",
        pair_id,
    )


def pair_of_claim(page: Page, claim_id: str) -> str:
    return page.js(f"kgExplorer.data.pairs.find(p => p.claims.some(c => c.id === {claim_id!r})).id")


# ---------------------------------------------------------------- geometry, in Python


def bezier_points(route, per_segment: int = 16) -> list[tuple[float, float]]:
    points = [tuple(route[0])]
    for i in range(1, len(route) - 2, 3):
        p0, p1, p2, p3 = route[i - 1], route[i], route[i + 1], route[i + 2]
        for step in range(1, per_segment + 1):
            t = step / per_segment
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            points.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                           a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))  # fmt: skip
    return points


def _segments_cross(p, q, r, s) -> bool:
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = orient(r, s, p), orient(r, s, q), orient(p, q, r), orient(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def crossings(edges: dict[tuple[str, str], list]) -> int:
    """Pairs of arrows that cross, arrows that share a factor left out."""
    lines = {pair: bezier_points(route) for pair, route in edges.items() if route}
    count = 0
    for (a, pa), (b, pb) in combinations(lines.items(), 2):
        if set(a) & set(b):
            continue
        boxes = [(min(x for x, _ in pts), min(y for _, y in pts), max(x for x, _ in pts),
                  max(y for _, y in pts)) for pts in (pa, pb)]  # fmt: skip
        if boxes[0][2] < boxes[1][0] or boxes[1][2] < boxes[0][0]:
            continue
        if any(_segments_cross(p, q, r, s) for p, q in zip(pa, pa[1:], strict=False)
               for r, s in zip(pb, pb[1:], strict=False)):  # fmt: skip
            count += 1
    return count


def page_routes(data: dict) -> dict[tuple[str, str], list]:
    return {(p["from"], p["to"]): p["route"] for p in data["pairs"]}


def dot_reference_crossings(data: dict) -> int:
    """Crossings of plain Graphviz ``dot`` on the same graph and box sizes."""
    dot = shutil.which("dot")
    assert dot, "Graphviz is missing: run scripts/system-deps.sh (apt-get install graphviz)"
    names = {f: f"n{i}" for i, f in enumerate(data["factors"])}
    lines = ['digraph { rankdir=LR; node [shape=box fixedsize=true label=""];']
    for f, d in data["factors"].items():
        lines.append(f"{names[f]} [width={d['w'] / 72} height={d['h'] / 72}];")
    for p in data["pairs"]:
        lines.append(f"{names[p['from']]} -> {names[p['to']]};")
    lines.append("}")
    out = subprocess.run([dot, "-Tplain"], input="\n".join(lines), capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    back = {v: k for k, v in names.items()}
    routes = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "edge":
            n = int(parts[3])
            values = [float(v) * 72 for v in parts[4 : 4 + 2 * n]]
            routes[(back[parts[1]], back[parts[2]])] = [
                (values[i], -values[i + 1]) for i in range(0, len(values), 2)
            ]
    return crossings(routes)


def synthetic_graphs():
    """Three graphs of the kind briefs make: a cascade, feedback, and a random web."""
    cascade = [(f"c{i}", f"c{j}", "+") for i in range(6) for j in range(i + 1, min(i + 3, 8))]
    feedback = [("a", "b", "+"), ("b", "c", "+"), ("c", "a", "-"), ("c", "d", "+"),
                ("d", "e", "-"), ("e", "c", "+"), ("x", "a", "+"), ("e", "y", "+")]  # fmt: skip
    rng = random.Random(7)
    web = {(f"w{rng.randrange(18)}", f"w{rng.randrange(18)}") for _ in range(30)}
    random_web = [(u, v, rng.choice("+-")) for u, v in sorted(web) if u != v]
    return {"cascade": cascade, "feedback": feedback, "web": random_web}


@pytest.mark.parametrize("name", ["shipped", *synthetic_graphs()])
def test_crossings_are_no_more_than_dots(name, shipped_page_path):
    if name == "shipped":
        data = page_data(shipped_page_path.read_text("utf-8"))
    else:
        from rdflib import Dataset

        G = from_edges(synthetic_graphs()[name])
        data = page_data(explorer_html(Dataset(), G).html)
    assert data["engine"] == "dot"
    assert crossings(page_routes(data)) <= dot_reference_crossings(data)
    assert_clear_of_other_boxes(data)


def assert_clear_of_other_boxes(data: dict) -> None:
    """No two boxes overlap and no arrow runs through a box that is not one of its ends."""
    boxes = {f: (d["x"] - d["w"] / 2, d["y"] - d["h"] / 2, d["x"] + d["w"] / 2,
                 d["y"] + d["h"] / 2) for f, d in data["factors"].items()}  # fmt: skip
    for (a, p), (b, q) in combinations(boxes.items(), 2):
        assert p[2] <= q[0] or q[2] <= p[0] or p[3] <= q[1] or q[3] <= p[1], (a, b)
    for pair in data["pairs"]:
        for x, y in bezier_points(pair["route"]):
            for factor, (x0, y0, x1, y1) in boxes.items():
                if factor not in (pair["from"], pair["to"]):
                    assert not (x0 + 1 < x < x1 - 1 and y0 + 1 < y < y1 - 1), (pair["id"], factor)


def test_arrows_routed_around_saved_positions(tmp_path):
    """Positions from the page (one factor dragged): arrows still avoid other boxes."""
    from rdflib import Dataset

    G = from_edges(synthetic_graphs()["feedback"])
    first = page_data(explorer_html(Dataset(), G).html)
    saved = {f: [d["x"], d["y"]] for f, d in first["factors"].items()}
    top = min(saved, key=lambda f: saved[f][1])
    saved[top] = [saved[top][0] + 40, saved[top][1] - 150]
    path = tmp_path / "positions.json"
    path.write_text(json.dumps({"positions": saved}), encoding="utf-8")
    data = page_data(explorer_html(Dataset(), G, positions=path).html)
    assert data["engine"] == "neato"
    assert_clear_of_other_boxes(data)


def test_boxes_are_sized_for_their_labels(shipped_page_path):
    data = page_data(shipped_page_path.read_text("utf-8"))
    for d in data["factors"].values():
        assert (d["w"], d["h"]) == box_size(d["label"])


# ---------------------------------------------------------------- in the browser


def test_loads_offline_without_errors_or_outside_requests(shipped):
    assert shipped.errors == []
    outside = [u for u in shipped.requests if not u.startswith(("file:", "data:"))]
    assert outside == []
    assert shipped.requests  # the page itself was recorded


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_labels_are_readable_at_first_load(browser, shipped_page_path, viewport):
    page = Page(browser, shipped_page_path, viewport=viewport)
    try:
        sizes = page.js("kgExplorer.labelPixels()")
        assert len(sizes) == page.js("Object.keys(kgExplorer.data.factors).length") <= 60
        assert min(s["px"] for s in sizes) >= 11
        assert all(s["shown"] for s in sizes)
        assert page.in_view(page.js("Object.keys(kgExplorer.data.factors)"))
        reset = page.page.locator("#reset").bounding_box()
        assert reset and reset["y"] + reset["height"] <= viewport[1]
        legend = page.page.locator("#legend").bounding_box()
        assert legend and legend["y"] + legend["height"] <= viewport[1] + 1
    finally:
        page.context.close()


def test_arrows_pass_behind_no_factor_but_their_ends(shipped):
    data = shipped.js("kgExplorer.data")
    for pair in data["pairs"]:
        points = shipped.js("([id, n]) => kgExplorer.edgePoints(id, n)", [pair["id"], 60])
        for factor, d in data["factors"].items():
            if factor in (pair["from"], pair["to"]):
                continue
            x0, x1 = d["x"] - d["w"] / 2 + 1, d["x"] + d["w"] / 2 - 1
            y0, y1 = d["y"] - d["h"] / 2 + 1, d["y"] + d["h"] / 2 - 1
            inside = [p for p in points if x0 < p[0] < x1 and y0 < p[1] < y1]
            assert not inside, f"{pair['id']!r} passes behind {d['label']!r}"


def test_every_arrow_is_clickable_at_its_drawn_midpoint(shipped):
    for pair in shipped.js("kgExplorer.data.pairs.map(p => p.id)"):
        shipped.click_edge(pair)
        assert shipped.js("kgExplorer.selection()")["id"] == pair
        assert shipped.js("kgExplorer.selection()")["kind"] == "pair"


def test_the_virtuous_cycle_is_a_visible_cycle_highlighted_and_fitted(shipped):
    data = shipped.js("kgExplorer.data")
    names = {f: d["label"] for f, d in data["factors"].items()}
    cycle = {"Return migration", "Business start-ups by returnees", "Hinterland economic takeoff"}
    index = next(
        i for i, lp in enumerate(data["loops"]) if {names[f] for f in lp["factors"]} == cycle
    )
    loop = data["loops"][index]
    (a, b, c) = [(data["factors"][f]["x"], data["factors"][f]["y"]) for f in loop["factors"]]
    area = abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2
    assert area > 100 * 100, "the loop's factors are (nearly) on one line"
    item = shipped.page.locator(f"#loops li[data-index='{index}']")
    assert item.get_attribute("data-kind") == "reinforcing"
    assert item.inner_text().startswith(loop["code"]) and loop["code"].startswith("R")
    shipped.page.mouse.wheel(0, 2000)  # zoomed far out first: the click must bring it back
    item.click()
    highlighted = shipped.js("kgExplorer.highlighted()")
    assert set(highlighted["edges"]) == set(loop["pairs"]) and highlighted["kind"] == "loop"
    assert shipped.in_view(loop["factors"])
    assert min(s["px"] for s in shipped.js("kgExplorer.labelPixels()")) >= 11


def test_search_focuses_a_factor_with_its_neighbours_in_view(shipped):
    shipped.page.fill("#search", "Reverse Urbanisation")
    shipped.page.press("#search", "Enter")
    selected = shipped.js("kgExplorer.selectedNode()")
    assert selected.endswith("/factor/return-migration")
    highlighted = shipped.js("kgExplorer.highlighted()")
    assert len(highlighted["nodes"]) > 3
    assert shipped.in_view(highlighted["nodes"])
    text = shipped.page.inner_text("#details-body")
    assert "Upstream" in text and "claim" in text and "[+]" in text


def test_unknown_search_says_so(shipped):
    shipped.page.fill("#search", "no such factor at all")
    shipped.page.press("#search", "Enter")
    assert "No factor matches" in shipped.page.inner_text("#search-message")


def test_escape_and_a_click_on_empty_canvas_clear_the_selection(shipped):
    pair = shipped.js("kgExplorer.data.pairs[0].id")
    shipped.click_edge(pair)
    assert shipped.js("kgExplorer.selection()") is not None
    shipped.page.keyboard.press("Escape")
    assert shipped.js("kgExplorer.selection()") is None
    assert shipped.page.locator("#details").is_hidden()
    shipped.click_edge(pair)
    box = shipped.graph_box()
    shipped.page.mouse.click(box["x"] + 5, box["y"] + 5)
    assert shipped.js("kgExplorer.selection()") is None


def expected_visible(data: dict, briefs, signs, modalities) -> set[str]:
    return {
        p["id"]
        for p in data["pairs"]
        if any(
            c["brief"] in briefs and c["sign"] in signs and c["modality"] in modalities
            for c in p["claims"]
        )  # fmt: skip
    }


FILTERS = [("filter-signs", "+"), ("filter-signs", "-"), ("filter-modalities", "asserted"),
           ("filter-modalities", "hedged"), ("filter-modalities", "conditional"),
           ("filter-briefs", SHIPPED_BRIEF)]  # fmt: skip


@pytest.mark.parametrize("fieldset, value", FILTERS)
def test_loops_chains_counts_and_details_follow_each_filter(shipped, fieldset, value):
    data = shipped.js("kgExplorer.data")
    loop = data["loops"][0]
    shipped.page.locator("#loops li[data-index='0']").click()  # a selection that may go stale
    shipped.page.uncheck(f"#{fieldset} input[value='{value}']")
    briefs = {b["id"] for b in data["briefs"]} - ({value} if fieldset == "filter-briefs" else set())
    signs = {"+", "-"} - ({value} if fieldset == "filter-signs" else set())
    modalities = {"asserted", "hedged", "conditional", "reported"} - (
        {value} if fieldset == "filter-modalities" else set()
    )
    visible = expected_visible(data, briefs, signs, modalities)
    assert set(shipped.js("kgExplorer.visibleEdges()")) == visible
    counts = shipped.page.locator("#counts")
    assert int(counts.get_attribute("data-pairs")) == len(visible)
    touched = {f for p in data["pairs"] if p["id"] in visible for f in (p["from"], p["to"])}
    assert int(counts.get_attribute("data-factors")) == len(touched)
    faded = shipped.js(
        "[...document.querySelectorAll('.node[data-faded=true]')].map(n => n.dataset.id)"
    )
    assert set(faded) == set(data["factors"]) - touched
    listed = shipped.js("[...document.querySelectorAll('#loops li[data-index]:not([hidden])')]"
                        ".map(li => Number(li.dataset.index))")  # fmt: skip
    assert listed == [i for i, lp in enumerate(data["loops"]) if set(lp["pairs"]) <= visible]
    selection = shipped.js("kgExplorer.selection()")
    if set(loop["pairs"]) <= visible:
        assert set(selection["edges"]) <= visible
    else:  # the selected loop is hidden: nothing stale stays on screen
        assert selection is None and shipped.page.locator("#details").is_hidden()
    # Chains run over visible arrows only; with none, Details says so instead of an old chain.
    ids = {d["label"]: f for f, d in data["factors"].items()}
    shipped.page.select_option("#chain-from", ids["Rising coastal costs"])
    shipped.page.select_option("#chain-to", ids["Return migration"])
    shipped.page.click("#chain-go")
    highlighted = shipped.js("kgExplorer.highlighted()")
    assert set(highlighted["edges"]) <= visible
    if not highlighted["edges"]:
        assert "No chain" in shipped.page.inner_text("#details-body")


def test_chains_are_listed_with_their_claims_and_clickable(shipped):
    ids = {d["label"]: f for f, d in shipped.js("kgExplorer.data.factors").items()}
    source, target = ids["Rising coastal costs"], ids["Return migration"]
    shipped.page.select_option("#chain-from", source)
    shipped.page.select_option("#chain-to", target)
    shipped.page.click("#chain-go")
    highlighted = shipped.js("kgExplorer.highlighted()")
    assert highlighted["kind"] == "chains" and {source, target} <= set(highlighted["nodes"])
    first = shipped.page.locator("#details-body li.chain").first
    assert first.inner_text().startswith("[+] Rising coastal costs")
    assert first.locator(".claim").count() >= 1  # each link's claims
    first.locator("div").first.click()
    one = shipped.js("kgExplorer.highlighted()")
    assert set(one["edges"]) <= set(highlighted["edges"]) and shipped.in_view(one["nodes"])


def test_chain_ends_can_be_picked_on_the_graph_with_shift_click(shipped):
    ids = {d["label"]: f for f, d in shipped.js("kgExplorer.data.factors").items()}
    for name in ("Rising coastal costs", "Return migration"):
        box = shipped.js("(id) => kgExplorer.nodeBox(id)", ids[name])
        shipped.page.keyboard.down("Shift")
        shipped.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        shipped.page.keyboard.up("Shift")
    selection = shipped.js("kgExplorer.selection()")
    assert selection["kind"] == "chains"
    assert (selection["from"], selection["to"]) == (
        ids["Rising coastal costs"],
        ids["Return migration"],
    )


def test_what_if_colours_the_factors_it_reaches(shipped):
    shipped.page.fill("#search", "Rising coastal costs")
    shipped.page.press("#search", "Enter")
    shipped.page.get_by_role("button", name="rises").click()
    selection = shipped.js("kgExplorer.selection()")
    assert selection["kind"] == "whatif"
    effects = selection["effects"]
    ids = {d["label"]: f for f, d in shipped.js("kgExplorer.data.factors").items()}
    assert effects[ids["Inland shift of industry"]] == "+"
    assert shipped.page.locator("#details-body [data-effect='+']").count() >= 1
    stroke = shipped.js(
        f"document.querySelector('.node[data-id=\"{ids['Inland shift of industry']}\"] rect:nth-child(2)').getAttribute('stroke')"
    )
    assert stroke == shipped.js("kgExplorer.data.sign_colours['+']")


def test_leverage_toggle_sizes_factors(shipped):
    assert shipped.js("document.querySelectorAll('.node rect[visibility=visible]').length") == 0
    shipped.page.check("#size-by-leverage")
    haloes = shipped.js("[...document.querySelectorAll('.node')].map(n => [n.dataset.id,"
                        " Number(n.querySelector('rect').getAttribute('width'))])")  # fmt: skip
    data = shipped.js("kgExplorer.data.factors")
    best = max(data, key=lambda f: data[f]["leverage"])
    widths = dict(haloes)
    assert widths[best] - data[best]["w"] == max(widths[f] - data[f]["w"] for f in data)


def test_clicking_an_edge_shows_the_claim_locator_and_source(shipped):
    pair = pair_of_claim(shipped, "coastal-costs-push-industry-inland")
    shipped.click_edge(pair)
    panel = shipped.page.locator("#details-body")
    assert "coastal-costs-push-industry-inland" in panel.inner_text()
    assert panel.locator("[data-field=locator]").first.inner_text() == "Executive summary, point 3"
    url = shipped.js(f"kgExplorer.data.briefs.find(b => b.id === {SHIPPED_BRIEF!r}).url")
    if url:
        assert panel.locator("a[data-field=source]").first.get_attribute("href") == url


def test_the_view_round_trips_through_the_url(browser, shipped_page_path):
    first = Page(browser, shipped_page_path)
    try:
        first.page.uncheck("#filter-modalities input[value='conditional']")
        first.page.check("#colour-by input[value=brief]")
        first.page.fill("#search", "Return migration")
        first.page.press("#search", "Enter")
        fragment = first.js("location.hash")
        before = (first.js("kgExplorer.selection()"), first.js("kgExplorer.visibleEdges()"))
    finally:
        first.context.close()
    assert fragment.startswith("#")
    again = Page(browser, shipped_page_path, fragment=fragment)
    try:
        assert again.errors == []
        assert (again.js("kgExplorer.selection()"), again.js("kgExplorer.visibleEdges()")) == before
        assert not again.page.is_checked("#filter-modalities input[value='conditional']")
        assert again.page.is_checked("#colour-by input[value=brief]")
    finally:
        again.context.close()


def test_png_and_svg_exports_of_the_current_view(shipped):
    shipped.page.locator("#loops li[data-index='0']").click()
    svg = shipped.js("kgExplorer.exportSVG()")
    assert svg.startswith("<svg") and "<text" in svg and "<path" in svg and len(svg) > 5000
    assert "<script" not in svg
    png = shipped.js("kgExplorer.exportPNG()")
    assert png.startswith("data:image/png;base64,")
    raw = base64.b64decode(png.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 10_000
    with shipped.page.expect_download() as download:
        shipped.page.click("#export-svg")
    assert Path(download.value.path()).stat().st_size > 5000
    assert shipped.errors == []


def test_dragged_positions_are_saved_for_kg_render(shipped, tmp_path):
    factor = shipped.js("Object.keys(kgExplorer.data.factors)[0]")
    box = shipped.js("(id) => kgExplorer.nodeBox(id)", factor)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    start = shipped.js(
        f"[kgExplorer.data.factors[{factor!r}].x, kgExplorer.data.factors[{factor!r}].y]"
    )
    shipped.page.mouse.move(x, y)
    shipped.page.mouse.down()
    shipped.page.mouse.move(x + 40, y + 60, steps=5)
    shipped.page.mouse.up()
    with shipped.page.expect_download() as download:
        shipped.page.click("#save-positions")
    saved = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert saved["moved"] == [factor]
    assert saved["positions"][factor][0] > start[0] and saved["positions"][factor][1] > start[1]


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
        # The brief's address is a link beside the locator, as an attribute value only.
        link = page.page.locator("#details-body a[data-field=source]").first
        assert link.get_attribute("href") == "https://example.org/briefs/hostile?a=1&b='2'&c=(3)"
        assert XSS_IMG.replace('"', "'") in page.page.inner_text("header")
        assert "<img" not in page.js("kgExplorer.exportSVG()")
        page.page.wait_for_timeout(300)
        assert page.dialogs == []
    finally:
        page.context.close()


def test_contradictions_are_listed_and_arrows_can_be_coloured_by_brief(browser, two_brief_path):
    page = Page(browser, two_brief_path)
    try:
        data = page.js("kgExplorer.data")
        contradicted = [d["pair"] for d in data["disagreements"] if d["kind"] == "contradiction"]
        listed = page.page.locator("#disagreements li[data-kind=contradiction]")
        assert listed.count() == len(contradicted)
        for i, pair in enumerate(contradicted):
            page.page.click("#disagreements summary") if i == 0 else None
            listed.nth(i).click()
            assert page.js("kgExplorer.selection()")["id"] == pair
            assert "disagree in sign" in page.page.inner_text("#details-body")
            assert edge_line(page, pair)["sign"] == "\u00b1"
        single = next(p for p in data["pairs"] if len({c["brief"] for c in p["claims"]}) == 1)
        brief = single["claims"][0]["brief"]
        page.page.check("#colour-by input[value=brief]")
        colour = edge_line(page, single["id"])["stroke"]
        assert colour == data["brief_colours"][brief]
        assert colour not in data["sign_colours"].values()
        assert colour not in data["group_colours"].values()
        assert page.errors == []
    finally:
        page.context.close()


def test_a_notebook_frame_shows_a_usable_graph(browser, shipped_page_path):
    from kg.outputs.explorer import ExplorerPage

    frame = ExplorerPage(shipped_page_path.read_text("utf-8"))._repr_html_()
    context = browser.new_context(viewport={"width": 980, "height": 900})
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.set_content(f"<!DOCTYPE html><body style='margin:0;width:900px'>{frame}</body>")
        inner = tab.frames[1]
        inner.wait_for_selector("body[data-ready=true]", timeout=15_000)
        width = inner.evaluate("canvas.getBoundingClientRect().width")
        assert width > 800  # the panels give way to the graph
        assert inner.is_hidden("#controls")
        assert min(s["px"] for s in inner.evaluate("kgExplorer.labelPixels()")) >= 11
        inner.click("#toggle-controls")  # the panel opens over the graph
        assert inner.is_visible("#controls")
        assert errors == []
    finally:
        context.close()


def test_large_graphs_open_as_an_overview(browser, tmp_path):
    from rdflib import Dataset

    edges = [(f"f{i}", f"f{(i * 7 + 3) % 90}", "+") for i in range(90) if i != (i * 7 + 3) % 90]
    G = from_edges(edges)
    for i, node in enumerate(sorted(G)):
        G.nodes[node]["group"] = ["economic", "social", "spatial"][i % 3]
    page_html = explorer_html(Dataset(), G).html
    assert page_data(page_html)["overview"] is True
    path = tmp_path / "big.html"
    path.write_text(page_html, encoding="utf-8")
    page = Page(browser, path)
    try:
        assert not any(s["shown"] for s in page.js("kgExplorer.labelPixels()"))
        # The groups are areas whose names can be read at first sight.
        groups = page.js("[...document.querySelectorAll('[data-role=groups] text')]"
                         ".map(t => [t.textContent, t.getBoundingClientRect().height])")  # fmt: skip
        assert {name for name, _ in groups} == {
            d["group"] or "no group" for d in page.js("Object.values(kgExplorer.data.factors)")
        }
        assert min(height for _, height in groups) >= 11
        factor = page.js("Object.keys(kgExplorer.data.factors)[0]")
        box = page.js("(id) => kgExplorer.nodeBox(id)", factor)
        page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hovered = [s["id"] for s in page.js("kgExplorer.labelPixels()") if s["shown"]]
        assert hovered == [factor]
        page.js("(id) => document.querySelector(`.node[data-id=\"${id}\"]`)"
                ".dispatchEvent(new MouseEvent('click', {bubbles: true}))", factor)  # fmt: skip
        shown = [s for s in page.js("kgExplorer.labelPixels()") if s["shown"]]
        assert factor in {s["id"] for s in shown}
        assert min(s["px"] for s in shown) >= 11
        assert page.errors == []
    finally:
        page.context.close()


def test_a_page_without_claims_opens_without_errors(browser, tmp_path):
    import networkx as nx
    from rdflib import Dataset

    path = tmp_path / "empty.html"
    path.write_text(explorer_html(Dataset(), nx.MultiDiGraph()).html, encoding="utf-8")
    page = Page(browser, path)
    try:
        assert page.errors == []
        assert page.js("kgExplorer.visibleEdges()") == []
        assert "No feedback loop" in page.page.inner_text("#loops")
        page.page.click("#reset")
        assert page.js("kgExplorer.exportSVG()").startswith("<svg")
    finally:
        page.context.close()
