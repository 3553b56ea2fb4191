"""Comparison across briefs (kg.linking.compare, `kg compare`) on the synthetic test briefs."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from helpers import EXAMPLE_BRIEF, LINKING, SHIPPED_DATA, make_linked_data, with_example
from ruamel.yaml import YAML

import kg
from kg.analysis.graph import from_edges
from kg.linking import compare_briefs, contradicted_claims

HUKOU, RURAL, REAL = "synthetic-hukou-reform", "synthetic-rural-revitalisation", "eai-bb-1360"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    data = make_linked_data(tmp_path_factory.mktemp("linked") / "data")
    return kg.causal_graph(kg.build_dataset(data).dataset)


@pytest.fixture(scope="module")
def result(graph):
    return compare_briefs(graph, max_length=5, limit=1000)


def pair(result, graph, cause, effect):
    found = [
        p
        for p in result.pairs
        if graph.nodes[p.cause]["id"] == cause and graph.nodes[p.effect]["id"] == effect
    ]
    assert len(found) == 1, (cause, effect)
    return found[0]


def test_the_synthetic_briefs_are_marked_synthetic():
    yaml = YAML(typ="safe")
    for path in (LINKING / "briefs").glob("*.yaml"):
        assert yaml.load(path.read_text(encoding="utf-8"))["brief"]["synthetic"] is True


def test_briefs_and_shared_factors(result, graph):
    assert set(result.briefs) == {REAL, HUKOU, RURAL}
    shared = {graph.nodes[s.node]["id"]: set(s.briefs) for s in result.shared}
    assert shared["return-migration"] == {REAL, HUKOU, RURAL}
    assert shared["coastal-costs"] == {REAL, HUKOU}
    assert shared["returnee-entrepreneurship"] == {REAL, RURAL}
    assert "hukou-relaxation" not in shared  # only the hukou brief uses it
    assert "village-incomes" not in shared


def test_agreement(result, graph):
    assert pair(result, graph, "coastal-costs", "inland-industrial-shift").verdict == "agree"
    both = pair(result, graph, "return-migration", "returnee-entrepreneurship")
    assert both.verdict == "agree" and both.briefs == (REAL, RURAL)


def test_contradiction(result, graph):
    found = pair(result, graph, "urban-layoffs", "return-migration")
    assert found.verdict == "contradict"
    assert found.by_brief()[REAL]["signs"] == ["+"]
    assert found.by_brief()[HUKOU]["signs"] == ["-"]


def test_hedge_mismatch(result, graph):
    found = pair(result, graph, "hinterland-takeoff", "return-migration")
    assert found.verdict == "hedge-mismatch"
    assert found.by_brief()[REAL]["modalities"] == ["asserted"]
    assert found.by_brief()[HUKOU]["modalities"] == ["hedged"]


def test_only_pairs_of_several_briefs_are_judged(result):
    assert all(len(p.briefs) > 1 for p in result.pairs)
    assert result.counts() | {"chains": 0} == {
        "shared_factors": len(result.shared),
        "agree": 2,
        "hedge-mismatch": 1,
        "null-finding": 0,
        "contradict": 1,
        "selection_disagreements": 0,
        "trend_disagreements": 0,
        "chains": 0,
    }


def _brief_graph(graph, brief):
    own = nx.DiGraph()
    own.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["brief"] == brief)
    return own


def test_a_chain_that_no_single_brief_contains(result, graph):
    hukou = "https://w3id.org/briefkg/factor/hukou-relaxation"
    ret = "https://w3id.org/briefkg/factor/return-migration"
    chains = [c for c in result.chains if c.factors[0] == hukou and c.factors[-1] == ret]
    assert len(chains) == 1
    chain = chains[0]
    assert chain.labels(graph) == [
        "Relaxation of hukou rules",
        "Migrants' participation in urban social insurance",
        "Return for elder care",
        "Return migration",
    ]
    assert chain.sign_symbol == "-"  # more hukou relaxation, fewer returns for elder care
    step_briefs = [{c["brief"] for c in step.claims} for step in chain.steps]
    assert step_briefs == [{HUKOU}, {REAL}, {REAL}]
    for brief in (REAL, HUKOU, RURAL):
        own = _brief_graph(graph, brief)
        assert not (hukou in own and ret in own and nx.has_path(own, hukou, ret))
    assert nx.has_path(graph, hukou, ret)


def test_every_listed_chain_needs_two_briefs(result, graph):
    assert result.chains
    for chain in result.chains:
        source, target = chain.factors[0], chain.factors[-1]
        assert len(chain.briefs) >= 2
        for brief in result.briefs:
            own = _brief_graph(graph, brief)
            assert not (source in own and target in own and nx.has_path(own, source, target))


def test_chain_through_three_briefs(result, graph):
    takeoff = "https://w3id.org/briefkg/factor/hinterland-takeoff"
    incomes = "https://w3id.org/briefkg/factor/village-incomes"
    chain = next(c for c in result.chains if c.factors[0] == takeoff and c.factors[-1] == incomes)
    assert len(chain.steps) == 3
    assert set(chain.briefs) == {REAL, HUKOU, RURAL}


def test_limits_are_reported(graph):
    small = compare_briefs(graph, max_length=3, limit=2)
    assert len(small.chains) == 2 and small.limit_hit and small.connections > 2
    assert all(len(c.steps) <= 3 for c in small.chains)


def test_brief_filter(graph):
    only = compare_briefs(graph, [REAL, RURAL])
    assert set(only.briefs) == {REAL, RURAL}
    assert {p.verdict for p in only.pairs} == {"agree"}


def test_json_shape(result, graph):
    data = json.loads(json.dumps(result.as_dict(graph)))
    assert set(data) == {
        "briefs",
        "summary",
        "shared_factors",
        "pairs",
        "selections",
        "trends",
        "chains",
    }
    assert {b["id"] for b in data["briefs"]} == {REAL, HUKOU, RURAL}
    assert set(data["shared_factors"][0]) == {"factor", "id", "merged", "briefs", "claims"}
    first = data["pairs"][0]
    assert first["verdict"] == "contradict"
    assert set(first) == {"cause", "effect", "verdict", "weight", "briefs", "claims"}
    assert set(data["chains"]) == {
        "max_length",
        "limit",
        "limit_hit",
        "found",
        "resting_on_inferred_links",
        "crossing_disputed_links",
        "ranked_by",
        "chains",
    }
    step = data["chains"]["chains"][0]["steps"][0]
    assert {"cause", "effect", "sign", "briefs", "claims"} <= set(step)
    assert {"claim", "brief", "locator", "sign", "modality", "reading", "paraphrase"} <= set(
        step["claims"][0]
    )


def test_contradicted_claims_for_the_explorer(graph):
    found = contradicted_claims(graph)
    assert found == {
        "https://w3id.org/briefkg/brief/eai-bb-1360/claim/layoffs-send-workers-home",
        f"https://w3id.org/briefkg/brief/{HUKOU}/claim/laid-off-migrants-stay-in-cities",
    }


def test_within_one_brief_opposite_signs_are_not_a_cross_brief_contradiction():
    G = from_edges(
        [
            ("a", "b", "+", {"brief": "x"}),
            ("a", "b", "-", {"brief": "x"}),
            ("a", "b", "+", {"brief": "y"}),
        ]
    )
    assert [p.verdict for p in compare_briefs(G).pairs] == ["contradict"]
    G = from_edges(
        [("a", "b", "+", {"brief": "x"}), ("a", "b", "+", {"brief": "y", "modality": "hedged"})]
    )
    assert [p.verdict for p in compare_briefs(G).pairs] == ["hedge-mismatch"]


# ---------------------------------------------------------------- the command


def test_compare_command_table_and_json(tmp_path, invoke, monkeypatch):
    data = make_linked_data(tmp_path / "data")
    monkeypatch.setenv("COLUMNS", "300")  # a terminal wide enough that no line folds
    table = invoke("compare", "--data", data)
    assert table.exit_code == 0, table.output
    assert "contradict" in table.stdout and "hedge-mismatch" in table.stdout
    assert f"-[{HUKOU}]-> Migrants' participation in urban social insurance" in table.stdout
    as_json = invoke("compare", "--data", data, "--format", "json", HUKOU, REAL)
    assert as_json.exit_code == 0, as_json.output
    document = json.loads(as_json.stdout)
    assert {b["id"] for b in document["briefs"]} == {REAL, HUKOU}


def test_compare_needs_two_briefs_or_none(tmp_path, invoke):
    data = make_linked_data(tmp_path / "data")
    result = invoke("compare", "--data", data, REAL)
    assert result.exit_code == 2 and "two or more briefs" in result.stderr
    unknown = invoke("compare", "--data", data, REAL, "no-such-brief")
    assert unknown.exit_code == 2 and "unknown brief" in unknown.stderr


def test_compare_with_one_brief_says_so(write_data, invoke):
    result = invoke("compare", "--data", write_data())
    assert result.exit_code == 0
    assert "fewer than two briefs" in result.stdout


def test_the_default_data_holds_real_briefs_only():
    for path in (SHIPPED_DATA / "briefs").glob("*.yaml"):
        document = YAML(typ="safe").load(path.read_text("utf-8"))
        assert document["brief"]["synthetic"] is False, path.name


def test_the_example_brief_gives_kg_compare_something_to_show(invoke, tmp_path):
    document = YAML(typ="safe").load(EXAMPLE_BRIEF.read_text("utf-8"))
    assert (
        document["brief"]["synthetic"] is True and "example" in document["brief"]["title"].lower()
    )
    data_dir = with_example(tmp_path / "data")
    data = json.loads(invoke("compare", "--data", data_dir, "--format", "json").stdout)
    summary = data["summary"]
    assert (
        summary["agree"]
        and summary["contradict"]
        and summary["hedge-mismatch"]
        and summary["chains"]
    )


# ---------------------------------------------------------------- regression tests


def test_claims_that_an_exact_match_collapses_are_listed(write_data, second_brief_yaml, invoke):
    """relocation = local-growth makes the claim between them a link of one factor to itself:
    kg compare counts it out, and says so, instead of dropping it silently."""
    data = write_data(extra={"second-brief.yaml": second_brief_yaml})
    kg.apply_links([kg.linking.Decision("relocation", "local-growth", "exact")], data)
    result, graph = kg.compare(data)
    document = json.loads(json.dumps(result.as_dict(graph)))
    assert document["summary"]["collapsed_claims"] == 1
    briefs = {b["id"]: b for b in document["briefs"]}
    assert briefs["test-brief"]["claims"] == 2
    (claim,) = briefs["test-brief"]["collapsed_claims"]
    assert claim["claim"].endswith("/relocation-drives-growth")
    assert (claim["cause"], claim["effect"]) == ("Relocation of firms", "Local growth")
    assert briefs["second-brief"]["collapsed_claims"] == []
    table = invoke("compare", "--data", data)
    assert table.exit_code == 0, table.output
    assert "Left out: 1 claim whose cause and effect exact_match made one factor" in table.stdout
    assert "test-brief: relocation-drives-growth (Relocation of firms -> Local growth" in (
        table.stdout
    )


def test_cross_chains_counted_ranked_and_cut_as_the_full_list_is():
    """On a random corpus of five briefs: every pair the briefs connect only together is
    counted once, the listed chains are the first ``limit`` of the full ranked list, and
    the summary's counts are those of the full list."""
    import random

    from kg.analysis.graph import node_label

    rng = random.Random(7)
    edges = []
    for _ in range(160):
        a, b = rng.sample(range(30), 2)
        attrs = {"brief": rng.choice("abcde"), "confidence": rng.choice([0.4, 0.8]),
                 "reading": rng.choice(["stated", "inferred"])}  # fmt: skip
        edges.append((f"F{a}", f"F{b}", rng.choice("++-0"), attrs))
    G = from_edges(edges)
    every = compare_briefs(G, max_length=3, limit=None)
    top = compare_briefs(G, max_length=3, limit=7)
    combined = nx.DiGraph(G.edges())
    own = {b: nx.DiGraph((u, v) for u, v, d in G.edges(data="brief") if d == b) for b in "abcde"}
    expected = set()
    for source in combined:
        near = nx.single_source_shortest_path_length(combined, source, cutoff=3)
        alone = set().union(*(nx.descendants(g, source) for g in own.values() if source in g))
        expected |= {(source, t) for t in near if t != source and t not in alone}
    found = [(c.factors[0], c.factors[-1]) for c in every.chains]
    assert len(found) == len(set(found)) == every.connections == top.connections
    assert set(found) == expected
    ranks = [(-c.strength, len(c.steps), c.labels(G)) for c in every.chains]
    assert ranks == sorted(ranks)
    assert [c.factors for c in top.chains] == [c.factors for c in every.chains[:7]]
    assert top.inferred_connections == sum(
        1 for c in every.chains if any(all(x["reading"] == "inferred" for x in s.claims)
                                       for s in c.steps)
    ) > 0  # fmt: skip
    assert top.disputed_connections == every.disputed_connections > 0
    assert all(node_label(G, n) for c in top.chains for n in c.factors)
