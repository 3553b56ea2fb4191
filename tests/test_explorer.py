"""The explorer page as HTML: what it contains, what it refuses, how it is written."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from pathlib import Path

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner
from rdflib import Dataset

from kg.analysis import causal_graph
from kg.analysis.graph import from_edges
from kg.cli import main
from kg.errors import KgError, NoCausalPath, OutputExists, UnknownBrief
from kg.outputs.explorer import ExplorerPage, explorer_html, render_explorer
from kg.pipeline import build_dataset
from kg.project import Project

DATA = Path(__file__).resolve().parents[1] / "data"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(2)</script>"

FACTORS = """\
factors:
  - {id: costs, label: Rising costs, definition: Costs of production go up., group: economic}
  - {id: shift, label: Industry shift, alt_labels: [relocation], definition: Firms move inland., group: spatial}
  - {id: growth, label: Inland growth, definition: The interior economy grows., group: economic}
  - {id: homecoming, label: Return migration, definition: Migrants go back home., group: demographic}
"""

BRIEF = """\
brief:
  id: hostile
  title: "A brief with {title}"
  authors: [Test Author]
  publisher: Test Institute
  date: 2020-01-01
  url: "https://example.org/briefs/hostile?a=1&b='2'&c=(3)"
  language: en
  synthetic: true
  section: Summary
claims:
  - id: costs-shift
    point: 1
    cause: costs
    effect: shift
    sign: increases
    modality: asserted
    confidence: 0.9
    paraphrase: "Costs push firms inland {img}"
  - id: shift-growth
    point: 2
    cause: shift
    effect: growth
    sign: increases
    modality: hedged
    confidence: 0.6
    paraphrase: "The shift may grow the interior {script}"
  - id: growth-homecoming
    point: 3
    cause: growth
    effect: homecoming
    sign: increases
    modality: asserted
    confidence: 0.8
    paraphrase: Growth draws migrants home.
  - id: homecoming-growth
    point: 3
    cause: homecoming
    effect: growth
    sign: increases
    modality: asserted
    confidence: 0.7
    paraphrase: Returnees feed growth in turn.
"""


@pytest.fixture
def hostile_data(tmp_path):
    data = tmp_path / "data"
    (data / "briefs").mkdir(parents=True)
    (data / "factors.yaml").write_text(FACTORS, encoding="utf-8")
    text = BRIEF.format(
        title=XSS_IMG.replace('"', "'"),
        img=XSS_IMG.replace('"', "'"),
        script=XSS_SCRIPT,
    )
    (data / "briefs" / "hostile.yaml").write_text(text, encoding="utf-8")
    return data


def page_data(page_html: str) -> dict:
    match = re.search(
        r'<script id="kg-data" type="application/json">(.*?)</script>', page_html, re.S
    )
    assert match, "no data block"
    return json.loads(match.group(1))


def test_shipped_page_counts_and_citation():
    dataset = build_dataset(DATA).dataset
    page = explorer_html(dataset)
    data = page_data(page.html)
    G = causal_graph(dataset)
    # Factors of a causal link, or of a null finding (drawn as a mark, never an arrow).
    used = {n for n in G if G.degree(n)}
    used |= {c[end] for c in G.graph.get("null_claims", ()) for end in ("cause", "effect")}
    assert len(data["factors"]) == page.factors == len(used)
    assert len(data["pairs"]) == page.pairs == len({(u, v) for u, v in G.edges()})
    assert page.claims == G.number_of_edges()
    citations = {brief["id"]: brief["citation"] for brief in data["briefs"]}
    assert "EAI Background Brief No. 1360" in citations["eai-bb-1360"]
    # The default page shows the real briefs that ship and make claims (a statistical
    # release of observations only draws nothing on the map), and no invented one.
    with_claims = {
        p.stem
        for p in (DATA / "briefs").glob("*.yaml")
        if yaml.safe_load(p.read_text()).get("claims")
    }
    assert with_claims and set(citations) == with_claims
    assert "example-second-view" not in citations
    kinds = {tuple(sorted(loop["labels"])): loop["kind"] for loop in data["loops"]}
    assert kinds[("Hinterland economic takeoff", "Return migration")] == "reinforcing"


def test_page_is_self_contained():
    page = explorer_html(build_dataset(DATA).dataset).html
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)
    assert not re.search(r"https?://[^\"'\s]*(cdn|jsdelivr|unpkg|bootstrap)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_page_inlines_the_vendored_vis_network_build():
    """The page carries the vis-network build whose SHA-256 VENDORED.md records, no other copy."""
    assets = Path(__file__).resolve().parents[1] / "kg" / "outputs" / "explorer_assets"
    record = (assets / "VENDORED.md").read_text(encoding="utf-8")
    page = explorer_html(build_dataset(DATA).dataset).html
    for name in ("vis-network.min.js", "vis-network.min.css"):
        text = (assets / name).read_text(encoding="utf-8")
        assert f"{hashlib.sha256(text.encode()).hexdigest()}  {name}" in record
    script = (assets / "vis-network.min.js").read_text(encoding="utf-8")
    assert "@version 9.1.9" in script and "@license" in script  # vis-network's licence header kept
    # In-lined as built (a literal "</script" would be escaped; the build has none).
    assert script.strip() in page
    assert "core-js" not in page  # not the polyfilled copy pyvis ships
    licences = (assets / "vis-network.LICENSES.txt").read_text(encoding="utf-8")
    for package in ("vis-network 9.1.9", "vis-data 7.1.9", "vis-util 5.0.7", "@egjs/hammerjs"):
        assert package in licences


def test_page_script_is_inlined_without_comments_and_allowed_by_its_hash():
    """kg's script is in-lined minified; the policy lets exactly the page's two scripts run."""
    assets = Path(__file__).resolve().parents[1] / "kg" / "outputs" / "explorer_assets"
    source = (assets / "explorer.js").read_text(encoding="utf-8")
    page = explorer_html(build_dataset(DATA).dataset).html
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 2  # vis-network, then kg's own
    ours = scripts[1]
    comments = [line.strip() for line in source.splitlines() if line.strip().startswith("//")]
    assert len(comments) > 50 and not [c for c in comments if c in ours]
    assert len(ours) < 0.8 * len(source)
    assert "window.kgExplorer" in ours and 'document.body.dataset.ready="true"' in ours
    policy = re.search(r"script-src ([^;]+);", page).group(1).split()
    digests = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    ]
    assert sorted(policy) == sorted(digests)


def test_chain_lists_order_comes_with_the_page():
    """The page carries the factors in label order (case aside): its lists need no collator."""
    G = from_edges([("beta", "Alpha", "+"), ("Alpha", "gamma", "-"), ("Delta", "beta", "+")])
    data = page_data(explorer_html(Dataset(), G).html)
    assert data["factor_order"] == ["Alpha", "beta", "Delta", "gamma"]
    assert sorted(data["factor_order"]) == sorted(data["factors"])


def test_brief_text_is_escaped(hostile_data):
    page = explorer_html(build_dataset(hostile_data).dataset).html
    # The payloads never appear as markup anywhere in the page.
    assert XSS_IMG not in page.replace("\\u003c", "?")
    assert "<img" not in page
    assert page.count("</script>") == 4  # data, network, vis-network and the page script
    # ... but survive intact as data.
    claims = [c for p in page_data(page)["pairs"] for c in p["claims"]]
    assert any(XSS_SCRIPT in c["paraphrase"] for c in claims)
    assert "&lt;img" in page  # the title, escaped by the template


def test_focus_depth_and_chain_and_brief(hostile_data):
    dataset = build_dataset(hostile_data).dataset
    focused = explorer_html(dataset, focus="rising costs", depth=1)
    assert {f["label"] for f in page_data(focused.html)["factors"].values()} == {
        "Rising costs",
        "Industry shift",
    }
    chain = explorer_html(dataset, chain=("relocation", "return migration"))
    assert {f["label"] for f in page_data(chain.html)["factors"].values()} == {
        "Industry shift",
        "Inland growth",
        "Return migration",
    }
    with pytest.raises(NoCausalPath):
        explorer_html(dataset, chain=("return migration", "rising costs"))
    assert explorer_html(dataset, brief="hostile").pairs == 4


def test_size_limit_refuses_with_advice(hostile_data, invoke):
    dataset = build_dataset(hostile_data).dataset
    with pytest.raises(KgError, match="focus=FACTOR depth=N, chain=FROM TO or brief=ID"):
        explorer_html(dataset, max_factors=3)
    assert explorer_html(dataset, focus="costs", depth=1, max_factors=3).factors == 2
    refused = invoke("render", "--data", hostile_data, "--max-factors", "3")
    assert refused.exit_code == 2 and "--focus FACTOR --depth N" in refused.stderr


def test_render_writes_atomically_and_respects_foreign_files(hostile_data, tmp_path):
    out = tmp_path / "out" / "graph.html"
    page = render_explorer(Project(hostile_data).dataset, out=out)
    assert page.path == out and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    render_explorer(Project(hostile_data).dataset, out=out)  # replaces its own page
    foreign = tmp_path / "notes.html"
    foreign.write_text("my notes", encoding="utf-8")
    with pytest.raises(OutputExists):
        render_explorer(Project(hostile_data).dataset, out=foreign)
    assert foreign.read_text(encoding="utf-8") == "my notes"
    render_explorer(Project(hostile_data).dataset, out=foreign, force=True)
    assert "kgExplorer" in foreign.read_text(encoding="utf-8")
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_cli_render_prints_path_and_refuses_big_graph(hostile_data, tmp_path):
    out = tmp_path / "g.html"
    runner = CliRunner()
    result = runner.invoke(main, ["render", "--data", str(hostile_data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout and out.exists()
    big = runner.invoke(
        main,
        [
            "render",
            "--data",
            str(hostile_data),
            "--out",
            str(tmp_path / "x.html"),
            "--max-factors",
            "2",
        ],
    )
    assert big.exit_code == 2
    assert "--focus" in big.stderr and not (tmp_path / "x.html").exists()


def test_notebook_page_is_an_escaped_iframe(hostile_data):
    page = explorer_html(build_dataset(hostile_data).dataset).html
    frame = ExplorerPage(page)._repr_html_()
    assert (
        frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts allow-downloads"' in frame
    )
    assert "<script" not in frame  # the whole page is an attribute value


def test_readme_shows_a_screenshot_that_exists():
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert images, "README shows no screenshot"
    for image in images:
        path = DATA.parent / image
        assert path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_layout_is_deterministic(hostile_data):
    dataset = build_dataset(hostile_data).dataset
    assert explorer_html(dataset).html == explorer_html(dataset).html


def test_every_given_brief_is_drawn(second_brief_yaml, write_data):
    data = write_data(extra={"second-brief.yaml": second_brief_yaml})
    dataset = build_dataset(data).dataset
    briefs = sorted({d["brief"] for _, _, d in causal_graph(dataset).edges(data=True)})
    assert len(briefs) == 2
    both = page_data(explorer_html(dataset, brief=briefs).html)
    assert sorted(b["id"] for b in both["briefs"]) == briefs
    one = page_data(explorer_html(dataset, brief=briefs[:1]).html)
    assert [b["id"] for b in one["briefs"]] == briefs[:1]
    with pytest.raises(UnknownBrief):
        explorer_html(dataset, brief=[briefs[0], "no-such-brief"])


def test_cli_render_keeps_every_brief_option(second_brief_yaml, write_data, invoke, tmp_path):
    data = write_data(extra={"second-brief.yaml": second_brief_yaml})
    briefs = sorted(
        {d["brief"] for _, _, d in causal_graph(build_dataset(data).dataset).edges(data=True)}
    )
    out = tmp_path / "two.html"
    args = ["render", "--data", data, "--out", out]
    result = invoke(*args, *[arg for b in briefs for arg in ("--brief", b)])
    assert result.exit_code == 0, result.output
    assert sorted(b["id"] for b in page_data(out.read_text("utf-8"))["briefs"]) == briefs
    unknown = invoke(*args, "--brief", "nope", "--force")
    assert unknown.exit_code == 2 and "unknown brief 'nope'" in unknown.stderr


def test_the_layout_is_the_same_without_graphviz(hostile_data, tmp_path, monkeypatch):
    dataset = build_dataset(hostile_data).dataset
    with_dot = explorer_html(dataset)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    without = explorer_html(dataset)
    assert without.notes == () and page_data(without.html)["engine"] == "sugiyama"
    assert without.html == with_dot.html


def test_a_page_laid_out_by_another_engine_is_laid_out_afresh(hostile_data, tmp_path, invoke):
    out = tmp_path / "graph.html"
    assert invoke("render", "--data", hostile_data, "--out", out).exit_code == 0
    fresh = out.read_text("utf-8")
    # The same page as an older kg's fallback layout would have written it.
    old = json.loads(
        re.search(r'id="kg-data" type="application/json">(.*?)</script>', fresh, re.S)[1]
    )
    old["engine"] = "layers"
    for d in old["factors"].values():
        d["x"] += 500.0
    out.write_text(fresh.replace(
        re.search(r'id="kg-data" type="application/json">(.*?)</script>', fresh, re.S)[1],
        json.dumps(old)), encoding="utf-8")  # fmt: skip
    again = invoke("render", "--data", hostile_data, "--out", out)
    assert again.exit_code == 0 and "kept the places" not in again.stderr
    assert out.read_text("utf-8") == fresh


def test_a_graph_too_dense_to_lay_out_is_refused_in_one_line(invoke, tmp_path):
    """3,540 claims among 60 factors (a complete graph): refused quickly, naming --focus."""
    import time

    from rdflib import Dataset

    from kg.analysis.graph import from_edges
    from kg.errors import InvalidParameter

    G = from_edges([(f"f{i}", f"f{j}", "+-"[(i + j) % 2]) for i in range(60) for j in range(60)
                    if i != j])  # fmt: skip
    start = time.process_time()  # CPU time: a busy machine holds the test off the CPU for seconds
    with pytest.raises(InvalidParameter) as refused:
        explorer_html(Dataset(), G)
    assert time.process_time() - start < 30
    from kg.cli import cli_message

    message = str(refused.value)  # from Python, the parameters; on the command line, the flags
    assert "\n" not in message and "focus=FACTOR" in message and "brief=ID" in message
    shown = cli_message(refused.value)
    assert "--focus FACTOR --depth 1" in shown and "--brief ID" in shown


def test_saved_positions_are_kept(hostile_data, tmp_path, invoke):
    dataset = build_dataset(hostile_data).dataset
    first = page_data(explorer_html(dataset).html)["factors"]
    moved = next(iter(first))
    saved = {f: [d["x"], d["y"]] for f, d in first.items()}
    saved[moved] = [first[moved]["x"] + 333.0, first[moved]["y"] - 111.0]
    path = tmp_path / "positions.json"
    path.write_text(json.dumps({"positions": saved}), encoding="utf-8")
    again = page_data(explorer_html(dataset, positions=path).html)
    for factor, (x, y) in saved.items():
        assert (again["factors"][factor]["x"], again["factors"][factor]["y"]) == (x, y)
    assert again["engine"] == "saved"
    out = tmp_path / "kept.html"
    assert (
        invoke("render", "--data", hostile_data, "--positions", path, "--out", out).exit_code == 0
    )
    assert page_data(out.read_text("utf-8"))["factors"][moved]["x"] == saved[moved][0]
    path.write_text("{not json", encoding="utf-8")
    bad = invoke("render", "--data", hostile_data, "--positions", path, "--out", out)
    assert bad.exit_code == 2 and "positions.json" in bad.stderr and "not JSON" in bad.stderr


def test_loops_are_numbered_and_named_from_their_factors(hostile_data):
    data = page_data(explorer_html(build_dataset(hostile_data).dataset).html)
    (loop,) = data["loops"]
    assert loop["code"] == "R1"
    assert loop["name"] == "reinforcing loop of inland growth and return migration"


def test_disagreements_list_contradictions_and_hedge_mismatches():
    from kg.outputs.explorer import _disagreements

    def claim(sign, modality, brief):
        return {"sign": sign, "modality": modality, "brief": brief}

    pairs = [
        {"id": "a", "claims": [claim("+", "asserted", "x"), claim("-", "asserted", "y")]},
        {"id": "b", "claims": [claim("+", "asserted", "x"), claim("+", "hedged", "y")]},
        {"id": "c", "claims": [claim("+", "asserted", "x"), claim("+", "hedged", "x")]},
        {"id": "d", "claims": [claim("+", "hedged", "x"), claim("+", "reported", "y")]},
    ]
    assert _disagreements(pairs) == [
        {"pair": "a", "kind": "contradiction"},
        {"pair": "b", "kind": "hedge mismatch"},
    ]


def test_show_explorer_refuses_what_is_not_a_dataset(hostile_data):
    import kg

    with pytest.raises(KgError, match="nope"):
        kg.show_explorer(data="nope")
    with pytest.raises(KgError, match="takes no option colour"):
        kg.show_explorer(hostile_data, colour="red")
    with pytest.raises(KgError, match="give a kg.Project"):
        kg.show_explorer(42)
    frame = kg.show_explorer(hostile_data)
    assert frame.height >= 700 and "kgExplorer" in frame.html


def test_adding_claims_keeps_the_saved_places_of_the_factors(hostile_data, tmp_path):
    from kg.outputs.layout import graph_layout

    dataset = build_dataset(hostile_data).dataset
    before = page_data(explorer_html(dataset).html)["factors"]
    saved = {f: (d["x"], d["y"]) for f, d in before.items()}
    G = nx.DiGraph(causal_graph(dataset))
    # Two new factors (causes of existing ones): the old ones stay where they were.
    G.add_edges_from([("new-a", next(iter(saved))), ("new-b", "new-a")])
    layout = graph_layout(G, saved=saved)
    assert layout.engine == "saved"
    assert {n: layout.positions[n] for n in saved} == saved
    boxes = {
        n: (x - layout.sizes[n][0] / 2, y - layout.sizes[n][1] / 2,
            x + layout.sizes[n][0] / 2, y + layout.sizes[n][1] / 2)
        for n, (x, y) in layout.positions.items()
    }  # fmt: skip
    for (a, p), (b, q) in itertools.combinations(boxes.items(), 2):
        assert p[2] <= q[0] or q[2] <= p[0] or p[3] <= q[1] or q[3] <= p[1], (a, b)
    assert set(layout.positions) == set(G)


def test_a_page_made_again_keeps_the_places_of_the_factors_it_had(
    write_data, factors_yaml, second_brief_yaml, invoke, tmp_path
):
    data = write_data()
    out = tmp_path / "graph.html"
    assert invoke("render", "--data", data, "--out", out).exit_code == 0
    first = out.read_bytes()
    again = invoke("render", "--data", data, "--out", out)
    assert again.exit_code == 0 and "kept the places" not in again.stderr
    assert out.read_bytes() == first, "unchanged data gives the same page"
    before = page_data(first.decode("utf-8"))["factors"]
    more_factors = factors_yaml + (
        "  - id: automation\n"
        "    label: Factory automation\n"
        "    definition: Machines taking over factory tasks. More means more automated plants.\n"
        "    group: economic\n"
    )
    more_claims = second_brief_yaml + (
        "\n  - id: automation-keeps-firms-home\n"
        "    point: 2\n"
        "    cause: automation\n"
        "    effect: relocation\n"
        "    sign: decreases\n"
        "    modality: hedged\n"
        "    confidence: 0.6\n"
        "    paraphrase: Machines that replace workers may let firms stay where they are.\n"
    )
    write_data(factors=more_factors, extra={"second-brief.yaml": more_claims})
    fresh = page_data(explorer_html(build_dataset(data).dataset).html)["factors"]
    assert any((fresh[f]["x"], fresh[f]["y"]) != (d["x"], d["y"]) for f, d in before.items()), (
        "the second brief must move a factor in a fresh layout for this test to mean anything"
    )
    grown = invoke("render", "--data", data, "--out", out)
    assert grown.exit_code == 0 and "kept the places of" in grown.stderr
    after = page_data(out.read_text("utf-8"))["factors"]
    for factor, d in before.items():
        assert (after[factor]["x"], after[factor]["y"]) == (d["x"], d["y"]), factor
    relaid = invoke("render", "--data", data, "--out", out, "--relayout")
    assert relaid.exit_code == 0 and "kept the places" not in relaid.stderr
    assert page_data(out.read_text("utf-8"))["factors"] == fresh


def test_the_layout_is_the_same_at_every_run():
    """grandalf would gather a component's arrows in a set ordered by object ids: the same
    component laid out again must give the same places and waypoints."""
    import random

    from kg.outputs.layout import _component_layout, box_size

    rng = random.Random(3)
    G = nx.DiGraph((f"f{rng.randrange(40)}", f"f{rng.randrange(40)}") for _ in range(80))
    G.remove_edges_from(nx.selfloop_edges(G))
    nodes = sorted(max(nx.weakly_connected_components(G), key=len))
    sizes = {n: box_size(n) for n in nodes}
    first, again = _component_layout(G, nodes, sizes), _component_layout(G, nodes, sizes)
    assert len(nodes) > 30
    assert again.positions == first.positions
    assert again.waypoints == first.waypoints


def test_arrows_cut_short_cross_no_more_arrows_and_no_box(monkeypatch):
    """Straightened arrows drop most waypoints, cross no arrow their full route did not
    cross, pass through no box but their ends, and a two-factor loop keeps its routes."""
    import random

    from kg.outputs import layout as layouts

    rng = random.Random(5)
    G = nx.DiGraph((f"f{rng.randrange(30)}", f"f{rng.randrange(30)}") for _ in range(60))
    G.remove_edges_from(nx.selfloop_edges(G))
    G.add_edges_from([("f1", "f2"), ("f2", "f1")])
    nodes = sorted(max(nx.weakly_connected_components(G), key=len))
    sizes = {n: layouts.box_size(n) for n in nodes}
    monkeypatch.setattr(layouts, "STRAIGHTEN_MAX_WAYPOINTS", -1)  # the routes in full
    full = layouts._component_layout(G, nodes, sizes)
    cut = layouts.straightened(full)

    def routes(layout):
        return {pair: layout.route(*pair) for pair in layout.waypoints}

    def crossed(layout, pair):
        return {
            other
            for other in layout.waypoints
            if other != pair
            and layouts.crossing_count({k: routes(layout)[k] for k in (pair, other)})
        }

    before = sum(len(layouts.bends(full.positions[u], p, full.positions[v]))
                 for (u, v), p in full.waypoints.items())  # fmt: skip
    after = sum(len(p) for p in cut.waypoints.values())
    assert after < before / 2, (after, before)
    assert layouts.crossing_count(routes(cut)) <= layouts.crossing_count(routes(full))
    for pair in full.waypoints:
        assert crossed(cut, pair) <= crossed(full, pair), pair
    for u, v in [("f1", "f2"), ("f2", "f1")]:
        assert cut.route(u, v) == [full.positions[u],
                                   *layouts.bends(full.positions[u], full.waypoints[u, v],
                                                  full.positions[v]), full.positions[v]]  # fmt: skip
    for (u, v), route in routes(cut).items():
        for (x0, y0), (x1, y1) in itertools.pairwise(route):
            for step in range(41):
                x, y = x0 + (x1 - x0) * step / 40, y0 + (y1 - y0) * step / 40
                for n, (cx, cy) in cut.positions.items():
                    w, h = cut.sizes[n]
                    if n not in (u, v):
                        assert not (abs(x - cx) < w / 2 and abs(y - cy) < h / 2), ((u, v), n)


def test_the_crossing_count_is_the_count_of_pairs_of_routes_that_cross():
    """The sweep gives the pairwise test's answer on random polylines (shared ends left out)."""
    import random

    from kg.outputs import layout as layouts

    def pairwise(routes):
        items = list(routes.items())
        return sum(
            1
            for i, (a, first) in enumerate(items)
            for b, second in items[i + 1 :]
            if not set(a) & set(b)
            and any(
                layouts._segments_cross(p, q, r, s)
                for p, q in zip(first, first[1:], strict=False)
                for r, s in zip(second, second[1:], strict=False)
            )
        )

    rng = random.Random(7)
    crossings = 0
    for _ in range(300):
        names = [f"n{i}" for i in range(rng.randint(2, 9))]
        routes = {}
        for _ in range(rng.randint(1, 15)):
            # integer points too, so that segments touch, share ends and lie along each other
            def point():
                return (rng.choice([rng.random() * 10, rng.randint(0, 5)]),
                        rng.choice([rng.random() * 10, rng.randint(0, 5)]))  # fmt: skip

            routes[tuple(rng.sample(names, 2))] = [point() for _ in range(rng.randint(2, 6))]
        expected = pairwise(routes)
        crossings += expected
        assert layouts.crossing_count(routes) == expected, routes
    assert crossings > 100  # the cases do cross
