"""Analysis of the shipped brief (EAI Background Brief No. 1360), through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import with_example

from kg.analysis import causal_graph, feedback_loops
from kg.cli import main
from kg.pipeline import build_dataset

DATA = Path(__file__).resolve().parents[1] / "data"
BRIEF = "eai-bb-1360"  # the shipped data holds other briefs too; these tests read this one


@pytest.fixture(scope="module")
def graph():
    return causal_graph(build_dataset(DATA).dataset)


def run(*args):
    result = CliRunner().invoke(main, [*args, "--data", str(DATA)])
    return result


def run_json(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def run_brief_json(*args):
    """``run_json`` on the claims of EAI Background Brief No. 1360 alone."""
    return run_json(*args, "--brief", BRIEF)


def test_chain_from_coastal_costs_to_return_migration():
    data = run_brief_json("chains", "rising coastal costs", "return migration")
    assert data["from"] == "Rising coastal costs" and data["to"] == "Return migration"
    assert data["chains"], "no chain found"
    best = data["chains"][0]
    assert (
        best["factors"][0] == "Rising coastal costs" and best["factors"][-1] == "Return migration"
    )
    assert best["sign"] == "+"
    for step in best["steps"]:
        assert step["claims"], step
        assert all(c["locator"].startswith("Executive summary, point") for c in step["claims"])


def test_virtuous_cycle_is_a_reinforcing_loop():
    data = run_brief_json("loops")
    two_factor = [
        loop
        for loop in data["loops"]
        if set(loop["factors"]) == {"Return migration", "Hinterland economic takeoff"}
    ]
    assert len(two_factor) == 1
    assert two_factor[0]["kind"] == "reinforcing"
    assert len(two_factor[0]["claims"]) == 2


def test_point_9_what_if(graph):
    data = run_brief_json("whatif", "hinterland takeoff=-")
    effects = {e["factor"]: e for e in data["effects"]}
    assert effects["Return migration"]["direction"] == "down"
    cycle = [
        loop
        for loop in data["loops"]
        if set(loop["factors"]) == {"Return migration", "Hinterland economic takeoff"}
    ]
    assert cycle and cycle[0]["effect"] == "weakened"


def test_removing_the_disruption_sensitive_link_breaks_the_cycle():
    data = run_brief_json(
        "whatif", "hinterland takeoff=-", "--remove", "hinterland-takeoff-draws-migrants-home"
    )
    broken = [set(loop["factors"]) for loop in data["broken_loops"]]
    assert {"Return migration", "Hinterland economic takeoff"} in broken
    assert "Return migration" in {e["factor"] for e in data["lost_effects"]}


def test_disruption_pushes_return_migration_down_through_the_conditional_claim():
    data = run_brief_json("whatif", "disruption of the hinterland's takeoff=+")
    effects = {e["factor"]: e["direction"] for e in data["effects"]}
    assert effects["Return migration"] == "down"
    excluded = run_brief_json(
        "whatif", "disruption of the hinterland's takeoff=+", "--exclude-modality", "conditional"
    )
    assert excluded["effects"] == []


def test_upstream_and_downstream_json():
    up = run_brief_json("upstream", "return migration")
    rows = {r["factor"]: r for r in up["factors"]}
    assert rows["Rising coastal costs"]["sign"] == "+"
    assert rows["Migrants' participation in urban social insurance"]["sign"] == "-"
    down = run_brief_json("downstream", "return migration", "--depth", "1")
    assert all(r["distance"] == 1 for r in down["factors"])


def test_leverage_puts_a_loop_member_first():
    data = run_brief_json("leverage")
    top = data["factors"][0]
    assert top["factor"] in {"Return migration", "Hinterland economic takeoff"}
    assert top["loops"] >= 1


def test_brief_filter_and_unknown_brief():
    assert run_json("loops", "--brief", "eai-bb-1360")["loops"]
    result = run("loops", "--brief", "no-such-brief")
    assert result.exit_code == 2 and "unknown brief" in result.stderr


def test_no_chain_exits_1_with_message():
    result = run("chains", "return migration", "rising coastal costs")
    assert result.exit_code == 1
    assert "no causal chain" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_factor_exits_2_with_suggestion():
    result = run("upstream", "retrun migration")
    assert result.exit_code == 2
    assert "did you mean 'Return migration'" in result.stderr


def test_table_output_names_the_claims(graph):
    result = run("chains", "rising coastal costs", "return migration", "--brief", BRIEF)
    assert result.exit_code == 0
    assert "coastal-costs-push-industry-inland" in result.stdout
    assert "point 3" in result.stdout


def test_loops_of_shipped_graph_match_networkx(graph):
    import networkx as nx

    simple = nx.DiGraph(graph)
    expected = {frozenset(c) for c in nx.simple_cycles(simple, length_bound=8)}
    found = {frozenset(loop.factors) for loop in feedback_loops(graph).loops}
    assert found == expected


def test_projection_filters_by_confidence_modality_and_brief(tmp_path):
    dataset = build_dataset(with_example(tmp_path / "data")).dataset
    everything = causal_graph(dataset)
    confident = causal_graph(dataset, min_confidence=0.7)
    assert 0 < confident.number_of_edges() < everything.number_of_edges()
    assert all(d["confidence"] >= 0.7 for _, _, d in confident.edges(data=True))
    no_conditional = causal_graph(dataset, exclude_modalities=["conditional"])
    assert {d["modality"] for _, _, d in no_conditional.edges(data=True)} == {
        "asserted",
        "hedged",
        "reported",
    }
    one_brief = causal_graph(dataset, briefs=["eai-bb-1360"])
    assert {d["brief"] for _, _, d in one_brief.edges(data=True)} == {"eai-bb-1360"}
    # Parallel claims of two briefs between the same factors stay separate edges.
    pairs = {}
    for u, v, d in everything.edges(data=True):
        pairs.setdefault((u, v), set()).add(d["brief"])
    assert any(len(briefs) > 1 for briefs in pairs.values())
