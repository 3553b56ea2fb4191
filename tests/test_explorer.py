"""The explorer page as HTML: what it contains, what it refuses, how it is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.analysis import causal_graph
from kg.cli import main
from kg.errors import KgError, NoCausalPath, OutputExists
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
    used = {n for n in G if G.degree(n)}
    assert len(data["nodes"]) == page.factors == len(used)
    assert len(data["edges"]) == page.pairs == len({(u, v) for u, v in G.edges()})
    assert page.claims == G.number_of_edges()
    citations = {brief["id"]: brief["citation"] for brief in data["briefs"]}
    assert "EAI Background Brief No. 1360" in citations["eai-bb-1360"]
    # The default page shows the real briefs that ship, and no invented one.
    assert set(citations) == {p.stem for p in (DATA / "briefs").glob("*.yaml")}
    assert "example-second-view" not in citations
    kinds = {tuple(sorted(loop["labels"])): loop["kind"] for loop in data["loops"]}
    assert kinds[("Hinterland economic takeoff", "Return migration")] == "reinforcing"


def test_page_is_self_contained():
    page = explorer_html(build_dataset(DATA).dataset).html
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)
    assert not re.search(r"https?://[^\"'\s]*(cdn|jsdelivr|unpkg|bootstrap)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_brief_text_is_escaped(hostile_data):
    page = explorer_html(build_dataset(hostile_data).dataset).html
    # The payloads never appear as markup anywhere in the page.
    assert XSS_IMG not in page.replace("\\u003c", "?")
    assert "<img" not in page
    assert page.count("</script>") == 3  # the page's own three script elements
    # ... but survive intact as data.
    claims = [c for p in page_data(page)["pairs"] for c in p["claims"]]
    assert any(XSS_SCRIPT in c["paraphrase"] for c in claims)
    assert "&lt;img" in page  # the title, escaped by the template


def test_focus_depth_and_chain_and_brief(hostile_data):
    dataset = build_dataset(hostile_data).dataset
    focused = explorer_html(dataset, focus="rising costs", depth=1)
    assert {n["label"] for n in page_data(focused.html)["nodes"]} == {
        "Rising costs",
        "Industry shift",
    }
    chain = explorer_html(dataset, chain=("relocation", "return migration"))
    assert {n["label"] for n in page_data(chain.html)["nodes"]} == {
        "Industry shift",
        "Inland growth",
        "Return migration",
    }
    with pytest.raises(NoCausalPath):
        explorer_html(dataset, chain=("return migration", "rising costs"))
    assert explorer_html(dataset, brief="hostile").pairs == 4


def test_size_limit_refuses_with_advice(hostile_data, invoke):
    dataset = build_dataset(hostile_data).dataset
    with pytest.raises(KgError, match="a focus factor and a depth"):
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
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in frame
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


def test_the_pinned_pyvis_still_ships_the_vis_network_the_page_in_lines():
    """kg reads vis-network from inside pyvis: if a pyvis release moves it, this fails first."""
    from importlib.metadata import version

    import pyvis

    from kg.outputs.explorer import VIS_NETWORK

    path = Path(pyvis.__file__).parent / VIS_NETWORK
    assert path.is_file(), f"pyvis {version('pyvis')} no longer ships {VIS_NETWORK}"
    assert re.match(r"0\.3\.", version("pyvis")), "pyproject.toml pins pyvis to 0.3.x"
    head = path.read_text("utf-8")[:500]
    assert "vis-network" in head and "@version 9.1.2" in head
