"""The explorer in a real browser: Debian's chromium driven by Playwright.

The page is vis-network's, made by pyvis; geometry is read through
vis-network's API (``getBoundingBox``, ``getPositions``, ``canvasToDOM``).
A missing browser or a missing Graphviz (the reference for crossings) fails
these tests (scripts/system-deps.sh installs both); they never skip.
"""

from __future__ import annotations

import base64
import html
import json
import math
import random
import shutil
import subprocess
import time
from itertools import combinations
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_explorer import XSS_IMG, XSS_SCRIPT, hostile_data, page_data  # noqa: F401  (fixture)

from kg.analysis.graph import causal_graph, from_edges
from kg.outputs.explorer import explorer_html, render_explorer
from kg.outputs.layout import box_size, crossing_count
from kg.project import Project

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
SHIPPED_BRIEF = "eai-bb-1360"
#: Viewports and the smallest label (px) the whole map must have there at first sight.
VIEWPORTS = [((1280, 720), 10), ((1920, 1080), 11)]
#: How long a page may take to draw itself (ms): a bound on a hang, not a speed target;
#: a busy machine takes seconds to lay out the shipped data.
READY_MS = 60_000
#: Presses of the graph tried before a click counts as not taken, and how long (ms) each
#: waits for vis-network's click event: bounds on a starved browser, not speed targets.
CLICK_TRIES = 5
CLICK_MS = 5_000


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
        self.page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def click_graph(self, x: float, y: float, *, shift: bool = False) -> None:
        """Click the graph at ``(x, y)`` until vis-network has taken it as a click.

        vis-network (Hammer.js) takes a press released within 250 ms as a click, and
        one held past 251 ms as a click too, but a press whose release a loaded
        browser handles late, before its hold timer runs, is neither; a reader
        would click again, and so does this, at most :data:`CLICK_TRIES` times. A
        press taken as a click is never repeated: its effect is what the test judges.
        """
        for _ in range(CLICK_TRIES):
            self.js("() => { window.kgClicked = false; "
                    "kgExplorer.network.once('click', () => { window.kgClicked = true; }); }")  # fmt: skip
            if shift:
                self.page.keyboard.down("Shift")
            self.page.mouse.click(x, y)
            if shift:
                self.page.keyboard.up("Shift")
            try:
                self.page.wait_for_function("window.kgClicked === true", timeout=CLICK_MS)
                return
            except PlaywrightTimeout:
                continue
        raise AssertionError(
            f"vis-network took none of {CLICK_TRIES} presses at {x}, {y} as a click"
        )

    def drag_factor(self, factor: str, dx: float, dy: float) -> None:
        """Drag a factor's box by ``(dx, dy)`` pixels until the page has taken it as a move.

        vis-network takes a press held 251 ms without moving as a hold, after
        which no drag starts: a loaded browser that handles the first move late
        makes a drag a hold. A reader would drag again, and so does this, at most
        :data:`CLICK_TRIES` times; a drag the page took is never repeated.
        """
        moved = "([id, x, y]) => kgExplorer.data.factors[id].x !== x || kgExplorer.data.factors[id].y !== y"
        f = self.js("(id) => kgExplorer.data.factors[id]", factor)
        for _ in range(CLICK_TRIES):
            box = self.js("(id) => kgExplorer.nodeBox(id)", factor)
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            self.page.mouse.move(x, y)
            self.page.mouse.down()
            self.page.mouse.move(x + dx, y + dy, steps=5)
            self.page.mouse.up()
            try:
                self.page.wait_for_function(moved, arg=[factor, f["x"], f["y"]], timeout=CLICK_MS)
                return
            except PlaywrightTimeout:
                continue
        raise AssertionError(f"the page took none of {CLICK_TRIES} drags of {factor} as a move")

    def click_edge(self, pair_id: str) -> None:
        self.page.click("#reset")
        point = self.js("(id) => kgExplorer.edgeMidpoint(id)", pair_id)
        self.click_graph(point["x"], point["y"])

    def graph_box(self) -> dict:
        return self.js("(() => { const r = document.getElementById('canvas').getBoundingClientRect(); "
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
    """The sign and colour an arrow is drawn with (its last segment, in vis-network)."""
    style = page.js("(id) => kgExplorer.edgeStyle(id)", pair_id)
    return {"sign": style["sign"], "stroke": style["color"]["color"]}


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


def page_routes(data: dict) -> dict[tuple[str, str], list]:
    """Each arrow as the polyline the page draws: centre, waypoints, centre."""
    f = data["factors"]
    return {
        (p["from"], p["to"]): [(f[p["from"]]["x"], f[p["from"]]["y"]), *map(tuple, p["route"]),
                               (f[p["to"]]["x"], f[p["to"]]["y"])]
        for p in data["pairs"]
    }  # fmt: skip


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
            routes[(back[parts[1]], back[parts[2]])] = bezier_points(
                [(values[i], -values[i + 1]) for i in range(0, len(values), 2)]
            )
    return crossing_count(routes)


def synthetic_graphs():
    """Three graphs of the kind briefs make: a cascade, feedback, and a random web."""
    cascade = [(f"c{i}", f"c{j}", "+") for i in range(6) for j in range(i + 1, min(i + 3, 8))]
    feedback = [("a", "b", "+"), ("b", "c", "+"), ("c", "a", "-"), ("c", "d", "+"),
                ("d", "e", "-"), ("e", "c", "+"), ("x", "a", "+"), ("e", "y", "+")]  # fmt: skip
    rng = random.Random(7)
    web = {(f"w{rng.randrange(18)}", f"w{rng.randrange(18)}") for _ in range(30)}
    random_web = [(u, v, rng.choice("+-")) for u, v in sorted(web) if u != v]
    return {"cascade": cascade, "feedback": feedback, "web": random_web}


@pytest.fixture(scope="module")
def all_briefs_data(tmp_path_factory):
    return page_data(explorer_html(Project(DATA).dataset).html)


@pytest.mark.parametrize("name", ["shipped", *synthetic_graphs()])
def test_crossings_are_at_most_a_quarter_above_dots(name, shipped_page_path):
    if name == "shipped":
        data = page_data(shipped_page_path.read_text("utf-8"))
    else:
        from rdflib import Dataset

        G = from_edges(synthetic_graphs()[name])
        data = page_data(explorer_html(Dataset(), G).html)
    assert data["engine"] == "sugiyama"
    assert crossing_count(page_routes(data)) <= 1.25 * dot_reference_crossings(data)
    assert_clear_of_other_boxes(data)


def test_the_full_corpus_page_draws_every_brief_with_claims(all_briefs_data):
    """The page of the whole ``data/`` folder: every brief with a causal claim or a null
    finding is drawn (the survey briefs hold only trend observations)."""
    G = causal_graph(Project(DATA).dataset)
    with_claims = {d["brief"] for _, _, d in G.edges(data=True)}
    with_claims |= {c["brief"] for c in G.graph["null_claims"]}
    files = {path.stem for path in (DATA / "briefs").glob("*.yaml")}
    assert with_claims <= files and len(with_claims) >= 30
    assert {b["id"] for b in all_briefs_data["briefs"]} == with_claims
    named = {n for n in G if G.degree(n) > 0}
    named |= {c[end] for c in G.graph["null_claims"] for end in ("cause", "effect")}
    assert set(all_briefs_data["factors"]) == named


def test_crossings_of_the_full_corpus_against_dots(all_briefs_data):
    data = all_briefs_data
    assert data["engine"] == "sugiyama" and not data["straight"]
    assert crossing_count(page_routes(data)) <= 1.25 * dot_reference_crossings(data)


def test_the_full_corpus_keeps_arrows_clear_of_other_boxes_and_boxes_apart(all_briefs_data):
    assert_clear_of_other_boxes(all_briefs_data)


def assert_clear_of_other_boxes(data: dict) -> None:
    """No two boxes overlap and no arrow runs through a box that is not one of its ends."""
    boxes = {f: (d["x"] - d["w"] / 2, d["y"] - d["h"] / 2, d["x"] + d["w"] / 2,
                 d["y"] + d["h"] / 2) for f, d in data["factors"].items()}  # fmt: skip
    for (a, p), (b, q) in combinations(boxes.items(), 2):
        assert p[2] <= q[0] or q[2] <= p[0] or p[3] <= q[1] or q[3] <= p[1], (a, b)
    for (u, v), route in page_routes(data).items():
        for x, y in sampled(route):
            for factor, (x0, y0, x1, y1) in boxes.items():
                if factor not in (u, v):
                    assert not (x0 + 1 < x < x1 - 1 and y0 + 1 < y < y1 - 1), (u, v, factor)


def sampled(route, per_segment: int = 12) -> list[tuple[float, float]]:
    points = []
    for (x0, y0), (x1, y1) in zip(route, route[1:], strict=False):
        points += [(x0 + (x1 - x0) * i / per_segment, y0 + (y1 - y0) * i / per_segment)
                   for i in range(per_segment + 1)]  # fmt: skip
    return points


def test_saved_positions_are_kept_as_they_are():
    from rdflib import Dataset

    G = from_edges(synthetic_graphs()["feedback"])
    first = page_data(explorer_html(Dataset(), G).html)
    saved = {f: (d["x"] + 40, d["y"] - 150) for f, d in first["factors"].items()}
    data = page_data(explorer_html(Dataset(), G, positions=saved).html)
    assert data["engine"] == "saved"
    assert {f: (d["x"], d["y"]) for f, d in data["factors"].items()} == saved


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
    # The legend explains the null-finding mark only where the data has null findings.
    data = shipped.js("kgExplorer.data")
    nulls = bool(data["null_pairs"]) or any(p["null_claims"] for p in data["pairs"])
    assert ("\u2205" in shipped.page.inner_text("#legend-body")) == nulls


@pytest.mark.parametrize("viewport, smallest", VIEWPORTS)
def test_the_whole_map_is_readable_at_first_sight(browser, shipped_page_path, viewport, smallest):
    page = Page(browser, shipped_page_path, viewport=viewport)
    try:
        sizes = page.js("kgExplorer.labelPixels()")
        assert len(sizes) == page.js("Object.keys(kgExplorer.data.factors).length") <= 60
        assert min(s["px"] for s in sizes) >= smallest
        assert all(s["shown"] for s in sizes)
        assert page.in_view(page.js("Object.keys(kgExplorer.data.factors)"))
        reset = page.page.locator("#reset").bounding_box()
        assert reset and reset["y"] + reset["height"] <= viewport[1]
        legend = page.page.locator("#legend").bounding_box()
        assert legend and legend["y"] + legend["height"] <= viewport[1] + 1
    finally:
        page.context.close()


def test_arrows_pass_behind_no_factor_but_their_ends(shipped):
    """As vis-network draws them: boxes from getBoundingBox, arrows through their waypoints."""
    data = shipped.js("kgExplorer.data")
    boxes = {f: shipped.js("(id) => kgExplorer.layoutBox(id)", f) for f in data["factors"]}
    for (a, p), (b, q) in combinations(boxes.items(), 2):
        assert (p["right"] <= q["left"] or q["right"] <= p["left"] or p["bottom"] <= q["top"]
                or q["bottom"] <= p["top"]), (a, b)  # fmt: skip
    for pair in data["pairs"]:
        route = shipped.js("(id) => kgExplorer.edgePoints(id)", pair["id"])
        # And as vis-network draws each segment (a bowed one too), sampled along its curve.
        drawn = shipped.js(
            "(id) => kgExplorer.segments(id).flatMap(s => [...Array(21).keys()].map(i => {"
            " const p = kgExplorer.network.body.edges[s].edgeType.getPoint(i / 20);"
            " return [p.x, p.y]; }))", pair["id"])  # fmt: skip
        for factor, b in boxes.items():
            if factor in (pair["from"], pair["to"]):
                continue
            inside = [(x, y) for x, y in sampled(route) + [tuple(q) for q in drawn]
                      if b["left"] + 1 < x < b["right"] - 1 and b["top"] + 1 < y < b["bottom"] - 1]  # fmt: skip
            assert not inside, f"{pair['id']!r} passes behind {data['factors'][factor]['label']!r}"


def test_a_two_factor_loop_is_two_distinct_arcs(shipped):
    data = shipped.js("kgExplorer.data")
    pairs = {(p["from"], p["to"]): p["id"] for p in data["pairs"]}
    opposing = [(pid, pairs[(v, u)]) for (u, v), pid in pairs.items() if (v, u) in pairs and u < v]
    assert opposing, "the shipped brief has a two-factor loop"
    for first, second in opposing:
        middles = []
        for pid in (first, second):
            ids = shipped.js("(id) => kgExplorer.segments(id)", pid)
            edge = ids[(len(ids) - 1) // 2]
            # vis-network's own drawing of the curved segment, sampled at its middle.
            middles.append(
                shipped.js("(id) => kgExplorer.network.body.edges[id].edgeType.getPoint(0.5)", edge)
            )
        apart = math.dist((middles[0]["x"], middles[0]["y"]), (middles[1]["x"], middles[1]["y"]))
        assert apart > 12, (first, second, apart)


def test_every_arrow_is_clickable_at_its_drawn_midpoint(shipped):
    for pair in shipped.js("kgExplorer.data.pairs.map(p => p.id)"):
        shipped.click_edge(pair)
        assert shipped.js("kgExplorer.selection()")["id"] == pair
        assert shipped.js("kgExplorer.selection()")["kind"] == "pair"


def test_the_virtuous_cycle_is_highlighted_labelled_and_fitted(shipped):
    data = shipped.js("kgExplorer.data")
    names = {f: d["label"] for f, d in data["factors"].items()}
    cycle = {"Return migration", "Business start-ups by returnees", "Hinterland economic takeoff"}
    index = next(
        i for i, lp in enumerate(data["loops"]) if {names[f] for f in lp["factors"]} == cycle
    )
    loop = data["loops"][index]
    item = shipped.page.locator(f"#loops li[data-index='{index}']")
    assert item.get_attribute("data-kind") == "reinforcing"
    code = item.locator(".code").inner_text()
    assert code.startswith("R")
    shipped.page.mouse.wheel(0, 2000)  # zoomed far out first: the click must bring it back
    item.click()
    highlighted = shipped.js("kgExplorer.highlighted()")
    assert set(highlighted["edges"]) == set(loop["pairs"]) and highlighted["kind"] == "loop"
    assert shipped.in_view(loop["factors"])
    assert shipped.js("kgExplorer.loopLabel()")["label"] == code  # named on the graph
    for pid in loop["pairs"]:
        assert edge_line(shipped, pid)["stroke"] == data["loop_colour"]
    assert min(s["px"] for s in shipped.js("kgExplorer.labelPixels()")) >= 10


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
    assert "No factor is named" in shipped.page.inner_text("#search-message")


def test_escape_and_a_click_on_empty_canvas_clear_the_selection(shipped):
    pair = shipped.js("kgExplorer.data.pairs[0].id")
    shipped.click_edge(pair)
    assert shipped.js("kgExplorer.selection()") is not None
    shipped.page.keyboard.press("Escape")
    assert shipped.js("kgExplorer.selection()") is None
    assert shipped.page.locator("#details").is_hidden()
    shipped.click_edge(pair)
    box = shipped.graph_box()
    shipped.click_graph(box["x"] + 5, box["y"] + 5)
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
    assert set(shipped.js("kgExplorer.faded()")) == set(data["factors"]) - touched
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
        shipped.click_graph(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, shift=True)
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
    style = shipped.js("(id) => kgExplorer.nodeStyle(id)", ids["Inland shift of industry"])
    assert style["color"]["border"] == shipped.js("kgExplorer.data.sign_colours['+']")


def test_size_by_leverage_changes_box_sizes_and_the_score_is_explained(shipped):
    data = shipped.js("kgExplorer.data.factors")
    before = {f: shipped.js("(id) => kgExplorer.layoutBox(id)", f) for f in data}
    shipped.page.check("#size-by-leverage")
    after = {f: shipped.js("(id) => kgExplorer.layoutBox(id)", f) for f in data}
    ratio = {f: (after[f]["right"] - after[f]["left"]) / (before[f]["right"] - before[f]["left"])
             for f in data}  # fmt: skip
    best = max(data, key=lambda f: data[f]["leverage"]["score"])
    least = min(data, key=lambda f: data[f]["leverage"]["score"])
    assert ratio[best] == pytest.approx(1, abs=0.02) and ratio[least] < 0.8
    shipped.page.fill("#search", data[best]["label"])
    shipped.page.press("#search", "Enter")
    text = shipped.page.inner_text("#details-body .leverage")
    assert "reach" in text and "brokerage" in text and "feedback" in text and "rank 1 " in text
    assert f"{data[best]['leverage']['weighted_reach']:.2f} weighted" in text


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


def test_exports_hold_the_whole_map_title_legend_and_sources_whatever_the_zoom(shipped):
    shipped.page.locator("#loops li[data-index='0']").click()
    for _ in range(3):
        shipped.page.mouse.wheel(0, -600)  # zoomed in: most boxes are off screen
    svg = shipped.js("kgExplorer.exportSVG()")
    assert svg.startswith("<svg") and "<script" not in svg
    data = shipped.js("kgExplorer.data")
    for f in data["factors"].values():
        for line in f["lines"]:
            assert f">{html.escape(line, quote=False)}<" in svg, line
    assert 'data-role="title"' in svg and 'data-role="legend"' in svg and "factor: economic" in svg
    assert data["briefs"][0]["citation"][:30] in html.unescape(svg)
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
    start = shipped.js(
        f"[kgExplorer.data.factors[{factor!r}].x, kgExplorer.data.factors[{factor!r}].y]"
    )
    shipped.drag_factor(factor, 40, 60)
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


def open_notebook_frame(browser, page_path: Path):
    """The page as a notebook shows it (an 800-pixel cell), its frame once ready."""
    from kg.outputs.explorer import ExplorerPage

    frame = ExplorerPage(page_path.read_text("utf-8"))._repr_html_()
    context = browser.new_context(viewport={"width": 820, "height": 640})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    frame = frame.replace("height:720px", "height:600px")
    tab.set_content(f"<!DOCTYPE html><body style='margin:0;width:800px'>{frame}</body>")
    inner = tab.frames[1]
    inner.wait_for_selector("body[data-ready=true]", timeout=READY_MS)
    return context, inner, errors


def canvas_box(frame) -> list[float]:
    return frame.evaluate("(() => { const r = document.getElementById('canvas')"
                          ".getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()")  # fmt: skip


def whole_map(frame) -> tuple[dict, list[dict], list[float]]:
    """The overview, the boxes the whole map shows (every factor, or every group of the
    overview) and the canvas, polled until those boxes are inside the canvas or
    :data:`READY_MS` has passed: a size change refits the map on the browser's next frame,
    which a busy machine may draw seconds later."""
    deadline = time.monotonic() + READY_MS / 1000
    while True:
        box = canvas_box(frame)
        overview = frame.evaluate("kgExplorer.overview()")
        boxes = (
            [c["box"] for c in overview["clusters"]]
            if overview["shown"]
            else [frame.evaluate("(id) => kgExplorer.nodeBox(id)", f)
                  for f in frame.evaluate("Object.keys(kgExplorer.data.factors)")]
        )  # fmt: skip
        if all(inside(b, box) for b in boxes) or time.monotonic() > deadline:
            return overview, boxes, box
        frame.wait_for_timeout(100)


def inside(b: dict, box: list[float]) -> bool:
    return (box[0] - 1 <= b["x"] and b["x"] + b["width"] <= box[2] + 1
            and box[1] - 1 <= b["y"] and b["y"] + b["height"] <= box[3] + 1)  # fmt: skip


def test_a_notebook_frame_shows_a_usable_graph(browser, shipped_page_path):
    context, inner, errors = open_notebook_frame(browser, shipped_page_path)
    try:
        box = canvas_box(inner)
        assert box[2] - box[0] > 700  # the panels give way to the graph
        assert inner.is_hidden("#controls")
        # The whole map: every factor in view, or, when they cannot be read at this
        # size, every group of the overview, readable.
        overview, boxes, box = whole_map(inner)
        for b in boxes:
            assert inside(b, box), (b, box)
        if overview["shown"]:
            assert min(c["px"] for c in overview["clusters"]) >= 10
        inner.click("#toggle-controls")  # the panel opens over the graph
        assert inner.is_visible("#controls")
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("page", ["shipped", "all briefs"])
def test_the_map_is_fitted_again_when_its_canvas_grows_in_a_still_window(
    browser, shipped_page_path, all_briefs_path, page
):
    # A header that wraps and unwraps changes the canvas, not the window: vis-network
    # scales its view to the taller canvas, which pushes a fitted map out at the sides.
    context, inner, errors = open_notebook_frame(
        browser, shipped_page_path if page == "shipped" else all_briefs_path
    )
    try:
        inner.evaluate("document.querySelector('header').style.minHeight = '160px'")
        inner.click("#reset")
        small = canvas_box(inner)
        inner.evaluate("document.querySelector('header').style.minHeight = ''")
        overview, boxes, box = whole_map(inner)
        assert box[3] - box[1] > small[3] - small[1] + 50  # the canvas did grow
        for b in boxes:
            assert inside(b, box), (b, box)
        assert errors == []
    finally:
        context.close()


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


# ---------------------------------------------------------------- one answer: the page and the command line


@pytest.fixture(scope="module")
def all_briefs_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("all") / "graph.html"
    return render_explorer(Project(DATA).dataset, out=out).path


def _cli_json(*args: str) -> dict:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, [*args, "--data", str(DATA), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _filtered_briefs(page: Page) -> list[str]:
    """Untick the first brief; the briefs still shown."""
    briefs = page.js("kgExplorer.data.briefs.map(b => b.id)")
    page.page.uncheck(f"#filter-briefs input[value='{briefs[0]}']")
    return briefs[1:]


@pytest.mark.parametrize("filtered", [False, True])
def test_what_if_in_the_page_is_kg_whatif_on_the_same_claims(browser, all_briefs_path, filtered):
    """Direction, strength, support and opposition of every effect, and the deciding chain,
    as ``kg whatif --format json`` gives them over the same briefs (the weighting rule)."""
    page = Page(browser, all_briefs_path)
    try:
        briefs = _filtered_briefs(page) if filtered else []
        factors = page.js("kgExplorer.data.factors")
        label = {f: d["label"] for f, d in factors.items()}
        shocks = ["Hinterland economic takeoff", "Rising coastal costs", "Return migration"]
        ambiguous = 0
        for name, direction in [(s, d) for s in shocks for d in "+-"]:
            ident = next(f for f, d in factors.items() if d["label"] == name)
            args = [a for b in briefs for a in ("--brief", b)]
            cli = _cli_json("whatif", f"{name}={direction}", *args)
            expected = {e["factor"]: (e["direction"], e["strength"], e["support"], e["opposition"],
                                      e["chain"]) for e in cli["effects"]}  # fmt: skip
            reached = page.js("([id, d]) => kgExplorer.whatIfEffects(id, d)", [ident, direction])
            got = {label[f]: ({1: "up", -1: "down", 0: "ambiguous"}[e["sign"]],
                              round(e["strength"], 4), round(e["support"], 4),
                              round(e["opposition"], 4), [label[n] for n in e["chain"]])
                   for f, e in reached.items()}  # fmt: skip
            assert got == expected, (name, direction, briefs)
            ambiguous += sum(1 for e in expected.values() if e[0] == "ambiguous")
            # What the page shows says the same.
            page.js("([id, d]) => kgExplorer.select({kind: 'whatif', id: id, direction: d})",
                    [ident, direction])  # fmt: skip
            shown = page.js("[...document.querySelectorAll('#details-body li[data-effect]')]"
                            ".map(li => [li.dataset.factor, li.dataset.effect])")  # fmt: skip
            assert {label[f]: s for f, s in shown} == {
                f: {"up": "+", "down": "-", "ambiguous": "?"}[e[0]] for f, e in expected.items()
            }
        assert expected, "the shocks reach nothing: the test would prove nothing"
    finally:
        page.context.close()


@pytest.mark.parametrize("filtered", [False, True])
def test_chains_in_the_page_are_kg_chains_in_the_same_order(browser, all_briefs_path, filtered):
    page = Page(browser, all_briefs_path)
    try:
        briefs = _filtered_briefs(page) if filtered else []
        factors = page.js("kgExplorer.data.factors")
        ident = {d["label"]: f for f, d in factors.items()}
        args = [a for b in briefs for a in ("--brief", b)]
        compared = 0
        for source, target in [("Rising coastal costs", "Return migration"),
                               ("Hinterland economic takeoff", "Return migration"),
                               ("Return migration", "Hinterland economic takeoff")]:  # fmt: skip
            from click.testing import CliRunner

            from kg.cli import main

            result = CliRunner().invoke(main, ["chains", source, target, "--limit", "50",
                                               "--data", str(DATA), "--format", "json", *args])  # fmt: skip
            expected = (
                [
                    (c["factors"], c["sign"], c["strength"])
                    for c in json.loads(result.stdout)["chains"]
                ]
                if result.exit_code == 0
                else []
            )
            found = page.js("([a, b]) => kgExplorer.chains(a, b)", [ident[source], ident[target]])
            got = [([factors[f]["label"] for f in c["factors"]], c["sign"], round(c["strength"], 4))
                   for c in found]  # fmt: skip
            assert got == expected, (source, target, briefs)
            compared += len(expected)
        assert compared > 3
    finally:
        page.context.close()


def test_a_disputed_link_is_weighed_in_the_page_as_by_kg_pair_weights(browser, all_briefs_path):
    """Every pair's net sign and weight in the page is the library's rule, on all claims."""
    page = Page(browser, all_briefs_path)
    try:
        from kg.analysis.graph import causal_graph
        from kg.analysis.weights import pair_weights

        G = causal_graph(Project(DATA).dataset)
        expected = {
            f"{u}\n{v}": (w.sign, round(w.weight, 6)) for (u, v), w in pair_weights(G).items()
        }
        got = page.js("kgExplorer.weights()")
        assert {k: (v["sign"], round(v["weight"], 6)) for k, v in got.items()} == expected
    finally:
        page.context.close()


def test_loop_polarity_follows_the_filters_as_kg_loops(browser, all_briefs_path):
    page = Page(browser, all_briefs_path)
    try:

        def as_set(loops):
            return {(frozenset(lp["labels"] if "labels" in lp else lp["factors"]), lp["kind"])
                    for lp in loops}  # fmt: skip

        assert as_set(page.js("kgExplorer.visibleLoops()")) == as_set(_cli_json("loops")["loops"])
        briefs = _filtered_briefs(page)
        cli = _cli_json("loops", *[a for b in briefs for a in ("--brief", b)])
        assert as_set(page.js("kgExplorer.visibleLoops()")) == as_set(cli["loops"])
        shown = page.js("[...document.querySelectorAll('#loops li[data-index]:not([hidden])')]"
                        ".map(li => li.dataset.kind)")  # fmt: skip
        assert sorted(shown) == sorted(lp["kind"] for lp in cli["loops"])
    finally:
        page.context.close()


def test_search_resolves_names_as_the_command_line_and_suggests_its_near_names(
    browser, all_briefs_path
):
    """Every name of every factor (label, alternative labels, id, factor:ID, IRI, in other
    case and with hyphens for spaces) finds what ``resolve_node`` finds; an unknown name
    gets the command line's suggestions (``kg.names.suggest_factors``), first the same."""
    from kg.analysis.graph import causal_graph, resolve_node
    from kg.errors import KgError, UnknownFactor
    from kg.vocab import local_id

    G = causal_graph(Project(DATA).dataset)
    page = Page(browser, all_briefs_path)
    try:
        factors = page.js("kgExplorer.data.factors")
        names = []
        for f, d in factors.items():
            names += [d["label"], d["label"].upper(), d["label"].replace(" ", "-"), f,
                      local_id(f), f"factor:{local_id(f)}", f"<{f}>", *d["alt_labels"]]  # fmt: skip
        for name in names:
            try:
                expected = [resolve_node(G, name)]
            except KgError:  # an ambiguous name: the page lists the candidates
                expected = None
            got = page.js("(t) => kgExplorer.resolveName(t)", name)
            assert got == expected if expected else len(got) > 1, name
        for typed in [
            "elderly",
            "return migraton",
            "hinterland",
            "coastal cost",
            "remitances",
            "urban povrty",
            "skills",
            "hukou",
            "insurance",
        ]:
            try:
                resolve_node(G, typed)
                continue
            except UnknownFactor as unknown:
                cli = unknown.suggestions
            near = page.js("(t) => kgExplorer.suggestNames(t)", typed)
            # The first suggestion is the same; the next may differ (WRatio is approximated).
            assert near[:1] == cli[:1], (typed, near, cli)
        with pytest.raises(UnknownFactor) as unknown:
            resolve_node(G, "elderly")
        page.page.fill("#search", "elderly")
        page.page.press("#search", "Enter")
        assert "did you mean" in page.page.inner_text("#search-message")
        page.page.locator("#search-message button").first.click()
        selected = page.js("kgExplorer.selectedNode()")
        label = page.js(f"kgExplorer.data.factors[{selected!r}].label")
        assert label == unknown.value.suggestions[0]  # the command line's first suggestion
    finally:
        page.context.close()


def test_the_page_is_made_by_pyvis(monkeypatch):
    """pyvis's Network builds every box and arrow of the page."""
    from pyvis.network import Network

    added_nodes, added_edges = [], []
    real_node, real_edge = Network.add_node, Network.add_edge

    def spy_node(self, n_id, *args, **kwargs):
        added_nodes.append(n_id)
        return real_node(self, n_id, *args, **kwargs)

    def spy_edge(self, source, to, **kwargs):
        added_edges.append(kwargs.get("pair"))
        return real_edge(self, source, to, **kwargs)

    monkeypatch.setattr(Network, "add_node", spy_node)
    monkeypatch.setattr(Network, "add_edge", spy_edge)
    data = page_data(explorer_html(Project(DATA).dataset, brief=SHIPPED_BRIEF).html)
    assert set(data["factors"]) <= set(added_nodes)
    assert {p["id"] for p in data["pairs"]} == set(added_edges)


def _page_of(browser, tmp_path, edges) -> Page:
    from rdflib import Dataset

    path = tmp_path / "page.html"
    path.write_text(explorer_html(Dataset(), from_edges(edges)).html, encoding="utf-8")
    return Page(browser, path)


def test_a_balanced_what_if_is_ambiguous_in_the_page_as_in_the_library(browser, tmp_path):
    """Hand-made graphs with known answers: a direct link outweighs a long opposing chain;
    two equally strong opposite chains are ambiguous (kg.analysis.weights)."""
    from kg.analysis.weights import propagate

    edges = [("A", "B", "-"), ("A", "X", "+"), ("X", "Y", "+"), ("Y", "B", "+"),
             ("A", "P", "+"), ("A", "Q", "-"), ("P", "C", "+"), ("Q", "C", "+")]  # fmt: skip
    page = _page_of(browser, tmp_path, edges)
    try:
        got = page.js("kgExplorer.whatIfEffects('A', '+')")
        assert got["B"]["sign"] == -1 and round(got["B"]["opposition"], 4) == 0.8
        assert got["C"]["sign"] == 0
        expected = propagate(from_edges(edges), {"A": 1})
        assert {n: (e["sign"], round(e["strength"], 6)) for n, e in got.items()} == {
            n: (e.sign, round(e.strength, 6)) for n, e in expected.items()
        }
        assert page.errors == []
    finally:
        page.context.close()


def test_null_findings_are_evidence_never_causal_arrows(browser, tmp_path):
    """A pair only a null finding names is a headless dotted grey mark that what-if does not
    cross; a null finding on an arrow weakens it (and is marked); both show their claims."""
    edges = [("A", "B", "+"), ("B", "C", "+"), ("A", "D", "0"), ("B", "C", "0", {"brief": "other"})]
    page = _page_of(browser, tmp_path, edges)
    try:
        data = page.js("kgExplorer.data")
        assert [(p["from"], p["to"]) for p in data["pairs"]] == [("A", "B"), ("B", "C")]
        (null_pair,) = data["null_pairs"]
        segments = page.js("(id) => kgExplorer.segments(id)", null_pair["id"])
        styles = [page.js(f"kgExplorer.network.body.data.edges.get({s!r})") for s in segments]
        assert all(not s["arrows"]["to"]["enabled"] and s["dashes"] for s in styles)
        assert any(s.get("label") == "\u2205" for s in styles)
        assert "D" not in page.js("kgExplorer.whatIfEffects('A', '+')")
        weights = page.js("kgExplorer.weights()")
        assert weights["B\nC"]["weight"] < weights["A\nB"]["weight"]
        marked = page.js(
            "kgExplorer.segments('B\\nC').map(s => kgExplorer.network.body.data.edges.get(s).label)"
        )
        assert "\u2205" in marked
        page.js("(id) => kgExplorer.select({kind: 'pair', id: id})", null_pair["id"])
        assert "no effect found" in page.page.inner_text("#details-body")
        page.js("kgExplorer.select({kind: 'pair', id: 'B\\nC'})")
        text = page.page.inner_text("#details-body")
        assert "No effect found (1)" in text and "Weighed: increases" in text
        assert page.page.locator("#legend-body").inner_text().count("\u2205") >= 1
        assert page.errors == []
    finally:
        page.context.close()


# ---------------------------------------------------------------- first sight of a larger map: the overview


@pytest.mark.parametrize("viewport, smallest", VIEWPORTS)
def test_a_map_too_big_to_read_opens_on_a_readable_overview(
    browser, all_briefs_path, viewport, smallest
):
    page = Page(browser, all_briefs_path, viewport=viewport)
    try:
        overview = page.js("kgExplorer.overview()")
        if not overview["shown"]:  # then the whole map itself must be readable
            assert min(s["px"] for s in page.js("kgExplorer.labelPixels()")) >= smallest
            assert page.in_view(page.js("Object.keys(kgExplorer.data.factors)"))
            return
        area = page.graph_box()
        groups = overview["clusters"]
        assert sorted(f for c in groups for f in c["members"]) == sorted(
            page.js("Object.keys(kgExplorer.data.factors)")
        )
        for c in groups:
            b = c["box"]
            assert c["px"] >= smallest
            assert area["x"] - 1 <= b["x"] and b["x"] + b["width"] <= area["x"] + area["width"] + 1
            assert (
                area["y"] - 1 <= b["y"] and b["y"] + b["height"] <= area["y"] + area["height"] + 1
            )
        # The overview is there because the whole map would not be readable.
        page.js("kgExplorer.openOverview()")
        page.js("kgExplorer.fitAll()")
        assert page.js("kgExplorer.scale()") * 14 < smallest
        assert page.page.is_hidden("#overview-hint")
        assert page.errors == []
    finally:
        page.context.close()


def test_a_click_on_a_group_opens_the_map_on_its_factors(browser, all_briefs_path):
    page = Page(browser, all_briefs_path, viewport=(1280, 720))
    try:
        assert page.js("kgExplorer.overview().shown")
        assert page.page.is_visible("#overview-hint")
        groups = page.js("kgExplorer.overview().clusters")
        group = max(groups, key=lambda c: len(c["members"]))
        point = page.js("(id) => kgExplorer.clusterPoint(id)", group["id"])
        page.click_graph(point["x"], point["y"])
        assert not page.js("kgExplorer.overview().shown")
        assert page.page.is_hidden("#overview-hint")
        assert all(s["shown"] for s in page.js("kgExplorer.labelPixels()"))
        # The group's factors highlighted, listed and all in view (beside the details).
        members = group["members"]
        lit = page.js("kgExplorer.highlighted()")
        assert lit["kind"] == "group" and sorted(lit["nodes"]) == sorted(members)
        listed = page.page.locator("#details-body li.chip").all_inner_texts()
        labels = page.js("kgExplorer.data.factors")
        assert sorted(listed) == sorted(labels[f]["label"] for f in members)
        assert page.in_view(members)
        panel = page.page.locator("#details").bounding_box()
        for f in members:
            assert page.js("(id) => kgExplorer.nodeBox(id)", f)["x"] < panel["x"]
        # Back to the overview, then straight to a factor by search.
        page.page.click("#show-overview")
        assert page.js("kgExplorer.overview().shown")
        page.page.fill("#search", "Return migration")
        page.page.press("#search", "Enter")
        assert not page.js("kgExplorer.overview().shown")
        selected = page.js("kgExplorer.selectedNode()")
        assert page.in_view([selected])
        assert page.errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("fieldset, value", [("filter-modalities", "asserted"),
                                             ("filter-signs", "-")])  # fmt: skip
def test_filtering_refits_the_view_to_what_is_shown(shipped, fieldset, value):
    shipped.js("kgExplorer.network.moveTo({scale: 3, position: {x: 0, y: 0}, animation: false})")
    before = shipped.js("kgExplorer.scale()")
    shipped.page.uncheck(f"#{fieldset} input[value='{value}']")
    shown = shipped.js("kgExplorer.visibleFactors()")
    assert shown and shipped.in_view(shown)
    assert shipped.js("kgExplorer.scale()") != before


@pytest.mark.parametrize("brief", [None, SHIPPED_BRIEF])
def test_leverage_in_the_page_is_kg_leverage(browser, tmp_path, brief):
    """Each factor's score, rank and three parts in the page, as ``kg leverage`` on the same
    briefs; the details of a factor show them."""
    out = tmp_path / "page.html"
    render_explorer(Project(DATA).dataset, out=out, brief=brief)
    cli = _cli_json("leverage", *(["--brief", brief] if brief else []))["factors"]
    page = Page(browser, out)
    try:
        factors = page.js("kgExplorer.data.factors")
        got = {d["label"]: (d["leverage"]["score"], d["leverage"]["rank"], d["leverage"]["reach"],
                            d["leverage"]["brokerage"], d["leverage"]["feedback"])
               for d in factors.values()}  # fmt: skip
        expected = {r["factor"]: (r["score"], i, r["parts"]["reach"], r["parts"]["brokerage"],
                                  r["parts"]["feedback"]) for i, r in enumerate(cli, start=1)
                    if r["factor"] in got}  # fmt: skip
        # The command line also ranks factors no claim of these briefs names (score 0).
        assert got == expected
        assert all(r["score"] == 0 for r in cli if r["factor"] not in got)
        top = next(f for f, d in factors.items() if d["leverage"]["rank"] == 1)
        page.js("(id) => kgExplorer.select({kind: 'factor', id: id})", top)
        text = page.page.inner_text("#details-body .leverage")
        assert f"{cli[0]['score']:.3f}" in text and "reach" in text and "feedback" in text
    finally:
        page.context.close()


@pytest.mark.parametrize("filters", [("brief",), ("stated",), ("brief", "stated")])
def test_leverage_in_the_page_follows_the_filters_as_kg_leverage(browser, all_briefs_path, filters):
    """With a brief unticked and/or inferred claims unticked, every drawn factor's score, rank
    and parts in the page are those of ``kg leverage --brief ... --stated-only``."""
    page = Page(browser, all_briefs_path)
    try:
        before = page.js("kgExplorer.leverage()")
        args = []
        if "brief" in filters:
            args += [a for b in _filtered_briefs(page) for a in ("--brief", b)]
        if "stated" in filters:
            page.page.uncheck("#filter-readings input[value='inferred']")
            args.append("--stated-only")
        cli = _cli_json("leverage", *args)["factors"]
        factors = page.js("kgExplorer.data.factors")
        now = page.js("kgExplorer.leverage()")
        got = {factors[f]["label"]: (r["score"], r["rank"], r["reach"], r["brokerage"],
                                     r["feedback"], r["downstream"], r["loops"])
               for f, r in now.items()}  # fmt: skip
        expected = {r["factor"]: (r["score"], i, r["parts"]["reach"], r["parts"]["brokerage"],
                                  r["parts"]["feedback"], r["downstream"], r["loops"])
                    for i, r in enumerate(cli, start=1) if r["factor"] in got}  # fmt: skip
        assert set(got) == {factors[f]["label"] for f in factors}
        assert got == expected
        # The filter changed the answer: the page did not keep its first figures.
        assert any(before[f]["score"] != now[f]["score"] for f in before)
        top = next(f for f, r in now.items() if r["rank"] == 1)
        page.js("(id) => kgExplorer.select({kind: 'factor', id: id})", top)
        assert f"{cli[0]['score']:.3f}" in page.page.inner_text("#details-body .leverage")
        assert not page.errors
    finally:
        page.context.close()


def test_a_focus_page_says_it_does_not_recompute_leverage_for_a_filter(browser, tmp_path):
    """A page of part of the graph cannot rank factors it does not hold: after a filter
    change it shows no score rather than a wrong one, and says why."""
    out = tmp_path / "focus.html"
    render_explorer(Project(DATA).dataset, out=out, focus="Return migration", depth=1)
    page = Page(browser, out)
    try:
        assert page.js("kgExplorer.data.leverage.recomputable") is False
        assert page.js("Object.keys(kgExplorer.leverage()).length") > 0
        _filtered_briefs(page)
        assert page.js("kgExplorer.leverage()") == {}
        factor = page.js("Object.keys(kgExplorer.data.factors)[0]")
        page.js("(id) => kgExplorer.select({kind: 'factor', id: id})", factor)
        assert "not recomputed" in page.page.inner_text("#details-body .leverage")
    finally:
        page.context.close()


def test_drawn_boxes_are_the_layout_boxes(browser, all_briefs_path):
    """vis-network draws each box at the width and height the layout gave it (labels are
    wrapped in Python, so no box grows past its place)."""
    page = Page(browser, all_briefs_path, viewport=(1920, 1080))
    try:
        page.js("kgExplorer.openOverview()")
        for f, d in page.js("kgExplorer.data.factors").items():
            b = page.js("(id) => kgExplorer.layoutBox(id)", f)
            assert abs((b["right"] - b["left"]) - d["w"]) <= 2, (d["label"], b, d["w"])
            assert b["bottom"] - b["top"] <= d["h"] + 2, (d["label"], b, d["h"])
    finally:
        page.context.close()
