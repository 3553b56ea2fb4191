"""The weighting rule (kg.analysis.weights) on hand-made graphs with known answers, and
what-if through it: the Python API and the command line give the same result."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import SHIPPED_DATA

import kg
from kg.analysis.graph import from_edges
from kg.analysis.weights import (
    AMBIGUITY_MARGIN,
    MODALITY_WEIGHTS,
    READING_WEIGHTS,
    pair_weights,
    propagate,
)
from kg.analysis.whatif import what_if
from kg.cli import main

ASSERTED = {"modality": "asserted", "confidence": 0.8}


def weight(edges, pair=("A", "B")):
    return pair_weights(from_edges(edges))[pair]


# ---------------------------------------------------------------- the pair rule


def test_one_claim_weighs_its_confidence_times_modality_and_reading():
    hedged = weight([("A", "B", "+", {"modality": "hedged", "confidence": 0.6})])
    assert hedged.sign == 1
    assert hedged.weight == pytest.approx(0.6 * MODALITY_WEIGHTS["hedged"])
    inferred = weight([("A", "B", "-", {**ASSERTED, "reading": "inferred"})])
    assert inferred.sign == -1
    assert inferred.weight == pytest.approx(0.8 * READING_WEIGHTS["inferred"])


def test_claims_of_one_brief_do_not_add_up_but_independent_briefs_do():
    same = weight([("A", "B", "+", {**ASSERTED, "brief": "x"})] * 3)
    assert same.weight == pytest.approx(0.8)
    two = weight(
        [("A", "B", "+", {**ASSERTED, "brief": "x"}), ("A", "B", "+", {**ASSERTED, "brief": "y"})]
    )
    assert two.weight == pytest.approx(1 - 0.2 * 0.2)  # noisy-or of 0.8 and 0.8
    assert two.briefs == 2


def test_a_disputed_link_is_weak_and_keeps_its_better_backed_sign():
    disputed = weight(
        [
            ("A", "B", "+", {**ASSERTED, "brief": "x"}),
            ("A", "B", "+", {**ASSERTED, "brief": "y"}),
            ("A", "B", "-", {**ASSERTED, "brief": "z"}),
        ]
    )
    assert disputed.sign == 1
    assert disputed.weight == pytest.approx(0.96 - 0.8)


def test_two_equal_opposite_briefs_balance_exactly():
    balanced = weight(
        [("A", "B", "+", {**ASSERTED, "brief": "x"}), ("A", "B", "-", {**ASSERTED, "brief": "y"})]
    )
    assert (balanced.sign, balanced.weight) == (0, 0.0)


def test_a_null_finding_attenuates_and_is_no_edge():
    G = from_edges(
        [("A", "B", "+", {**ASSERTED, "brief": "x"}), ("A", "B", "0", {**ASSERTED, "brief": "y"})]
    )
    assert G.number_of_edges() == 1
    pair = pair_weights(G)["A", "B"]
    assert pair.sign == 1 and pair.null == pytest.approx(0.8)
    assert pair.weight == pytest.approx(0.8 * (1 - 0.8))


# ---------------------------------------------------------------- propagation


def test_a_direct_link_outweighs_a_long_opposing_chain():
    G = from_edges(
        [("A", "B", "-"), ("A", "X", "+"), ("X", "Y", "+"), ("Y", "B", "+")]  # all 0.8 asserted
    )
    effect = propagate(G, {"A": 1})["B"]
    assert effect.direction == "down"
    assert effect.opposition == pytest.approx(0.8)
    assert effect.support == pytest.approx(0.8**3)
    assert effect.strength == pytest.approx(0.8 - 0.8**3)
    assert effect.chain == ["A", "B"]
    assert effect.opposing_chain == ["A", "X", "Y", "B"]


def test_a_truly_balanced_case_is_ambiguous_and_a_clear_one_is_not():
    balanced = from_edges([("A", "X", "+"), ("X", "B", "+"), ("A", "Y", "+"), ("Y", "B", "-")])
    assert propagate(balanced, {"A": 1})["B"].direction == "ambiguous"
    # Just outside the margin the stronger side wins.
    weaker = 0.8 * (1 - AMBIGUITY_MARGIN) - 0.01
    clear = from_edges(
        [
            ("A", "X", "+"),
            ("X", "B", "+"),
            ("A", "Y", "+"),
            ("Y", "B", "-", {"confidence": weaker}),
        ]
    )
    assert propagate(clear, {"A": 1})["B"].direction == "up"


def test_a_disputed_link_no_longer_makes_everything_ambiguous():
    """The shipped-data situation, made up: a direct link that three briefs back,
    one of them disputing it, and a longer opposing route."""
    G = from_edges(
        [
            ("takeoff", "return", "+", {**ASSERTED, "brief": "a"}),
            ("takeoff", "return", "+", {"modality": "hedged", "confidence": 0.6, "brief": "b"}),
            ("takeoff", "outflow", "-", {**ASSERTED, "brief": "a"}),
            ("outflow", "return", "+", {**ASSERTED, "brief": "c"}),
            ("outflow", "return", "-", {"modality": "hedged", "confidence": 0.6, "brief": "d"}),
            ("return", "skills", "+", {**ASSERTED, "brief": "a"}),
        ]
    )
    data = what_if(G, {"takeoff": "-"}).as_dict(G)
    effects = {e["factor"]: e for e in data["effects"]}
    assert effects["return"]["direction"] == "down"
    assert effects["return"]["supporting"]["factors"] == ["takeoff", "return"]
    assert effects["return"]["opposing"]["factors"] == ["takeoff", "outflow", "return"]
    assert effects["skills"]["direction"] == "down"
    assert all(e["direction"] != "ambiguous" for e in data["effects"])


def test_a_shocked_factor_is_held_and_no_chain_runs_through_it():
    G = from_edges([("A", "B", "+"), ("B", "A", "-"), ("B", "C", "+")])
    reached = propagate(G, {"A": 1})
    assert "A" not in reached
    assert reached["C"].chains == {1: ["A", "B", "C"]}


def test_max_depth_bounds_the_chains():
    G = from_edges([("A", "B", "+"), ("B", "C", "+"), ("C", "D", "+")])
    assert set(propagate(G, {"A": 1}, max_depth=2)) == {"B", "C"}


def test_stated_only_leaves_inferred_links_out_of_what_if(write_data):
    from helpers import BRIEF_YAML

    brief = BRIEF_YAML.replace(
        "    modality: hedged\n", "    modality: hedged\n    reading: inferred\n", 1
    )
    data = write_data(brief=brief)
    runner = CliRunner()

    def reached(*extra):
        result = runner.invoke(
            main, ["whatif", "input costs=+", "--data", str(data), "--format", "json", *extra]
        )
        assert result.exit_code == 0, result.output
        return {e["factor"] for e in json.loads(result.stdout)["effects"]}

    assert reached() == {"Relocation of firms", "Local growth", "Homecoming of workers"}
    assert reached("--stated-only") == {"Relocation of firms"}


# ---------------------------------------------------------------- one rule everywhere


def test_what_if_json_is_the_same_through_the_command_line_and_the_api(write_data):
    from helpers import SECOND_BRIEF_YAML

    data = write_data(extra={"second-brief.yaml": SECOND_BRIEF_YAML})
    G = kg.load_causal_graph(data)
    expected = what_if(G, {"input costs": "-"}).as_dict(G)
    result = CliRunner().invoke(
        main, ["whatif", "input costs=-", "--data", str(data), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))
    stated = CliRunner().invoke(
        main, ["whatif", "input costs=-", "--data", str(data), "--format", "json", "--stated-only"]
    )
    assert stated.exit_code == 0, stated.output


def test_the_shipped_data_gives_return_migration_a_direction():
    result = CliRunner().invoke(
        main,
        [
            "whatif",
            "Hinterland economic takeoff=-",
            "--data",
            str(SHIPPED_DATA),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    effects = {e["factor"]: e for e in json.loads(result.stdout)["effects"]}
    migration = effects["Return migration"]
    assert migration["direction"] == "down"  # less takeoff, less return: the direct link wins
    assert migration["supporting"]["factors"] == ["Hinterland economic takeoff", "Return migration"]
    # The opposing chain is shown, and is weaker than the direct link it loses to.
    opposing = migration["opposing"]
    assert opposing["factors"][0] == "Hinterland economic takeoff"
    assert opposing["factors"][-1] == "Return migration" and len(opposing["factors"]) > 2
    assert opposing["strength"] < migration["supporting"]["strength"]


def test_the_explorer_page_carries_the_same_weights_and_parameters(write_data):
    from helpers import BRIEF_YAML, SECOND_BRIEF_YAML

    from kg.analysis.weights import rule_parameters
    from kg.outputs.explorer import _page_payload, explorer_html

    # A null finding of the second brief on a pair the first one claims.
    second = SECOND_BRIEF_YAML + (
        "  - id: relocation-leaves-growth-alone\n    point: 2\n    cause: relocation\n"
        "    effect: local-growth\n    sign: no_effect\n    modality: hedged\n"
        "    reading: stated\n    confidence: 0.6\n"
        "    paraphrase: Firms arriving make no clear difference to growth here.\n"
    )
    data = write_data(brief=BRIEF_YAML, extra={"second-brief.yaml": second})
    dataset = kg.build_dataset(data).dataset
    G = kg.causal_graph(dataset)
    payload = _page_payload(explorer_html(dataset).html)
    expected = {f"{u}\n{v}": w.as_dict() for (u, v), w in pair_weights(G).items()}
    assert {p["id"]: p["weight"] for p in payload["pairs"]} == expected
    assert payload["weight_rule"] == rule_parameters()
    (pair,) = [p for p in payload["pairs"] if p["null_claims"]]
    assert pair["weight"]["null"] > 0 and [c["sign"] for c in pair["null_claims"]] == ["0"]
    assert {"null finding"} <= {d["kind"] for d in payload["disagreements"]}


def test_the_lazy_weigher_and_the_net_signs_agree_with_pair_weights():
    from kg.analysis.weights import net_signs, weigher

    G = from_edges(
        [
            ("A", "B", "+", {"brief": "x"}),
            ("A", "C", "-", {"brief": "x", "confidence": 0.0}),
            ("A", "D", "+", {"brief": "x"}),
            ("A", "D", "-", {"brief": "y", "reading": "inferred"}),
            ("B", "C", "+", {"brief": "x"}),
            ("B", "C", "0", {"brief": "y"}),
            ("C", "D", "-", {"brief": "x", "modality": "hedged"}),
            ("C", "D", "-", {"brief": "y", "modality": "reported"}),
        ]
    )
    every = pair_weights(G)
    weigh, sign = weigher(G), net_signs(G)
    assert {pair: weigh(*pair) for pair in every} == every
    assert {pair: sign(*pair) for pair in every} == {p: w.sign for p, w in every.items()}
    assert every["A", "C"].sign == 0  # a claim of confidence 0 carries nothing


# ---------------------------------------------------------------- weights kept with the graph


def _fresh(G):
    """The same graph rebuilt from scratch: nothing kept from earlier answers."""
    H = from_edges([])
    H.graph.update({k: v for k, v in G.graph.items() if not k.startswith("_")})
    H.graph["null_claims"] = list(G.graph["null_claims"])
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(G.edges(keys=True, data=True))
    return H


def test_the_weights_kept_with_a_graph_follow_its_changes():
    from kg.analysis.weights import link_graph, net_signs

    G = from_edges([("A", "B", "+", {"brief": "x"}), ("B", "C", "+", {"brief": "x"})])
    assert pair_weights(G) is pair_weights(G)
    assert link_graph(G) is link_graph(G)
    assert propagate(G, {"A": 1})["C"].direction == "up"
    # An opposing claim added in place: the kept weights are dropped with networkx's cache.
    G.add_edge("B", "C", key="against", **{**G["B"]["C"]["B->C#2"], "sign": -1, "brief": "y"})
    assert pair_weights(G) == pair_weights(_fresh(G))
    assert pair_weights(G)["B", "C"].sign == 0
    assert "C" not in propagate(G, {"A": 1})
    assert not link_graph(G).has_edge("B", "C")
    # A null finding added to the graph's list (which networkx does not watch).
    G.remove_edge("B", "C", "against")
    before = pair_weights(G)["B", "C"]
    G.graph["null_claims"].append(
        {**G["B"]["C"]["B->C#2"], "sign": 0, "brief": "z", "cause": "B", "effect": "C"}
    )
    after = pair_weights(G)["B", "C"]
    assert after == pair_weights(_fresh(G))["B", "C"]
    assert after.weight < before.weight
    assert net_signs(G)("B", "C") == net_signs(_fresh(G))("B", "C") == 1
    # A null finding that balances a pair exactly, added after the weights were kept.
    G.add_edge("C", "D", key="c-d", **{**G["B"]["C"]["B->C#2"], "brief": "x"})
    assert pair_weights(G)["C", "D"].sign == 1
    G.graph["null_claims"].append(
        {**G["C"]["D"]["c-d"], "sign": 0, "brief": "y", "confidence": 1.0, "cause": "C",
         "effect": "D"}
    )  # fmt: skip
    assert net_signs(G)("C", "D") == pair_weights(G)["C", "D"].sign == 0
    # A copy or a view keeps nothing of its original's answers.
    H = G.copy()
    H.remove_edge("A", "B", "A->B#1")
    assert ("A", "B") not in pair_weights(H) and ("A", "B") in pair_weights(G)
    view = G.subgraph(["B", "C"])
    assert set(pair_weights(view)) == {("B", "C")}


def test_the_kept_weights_are_read_only():
    G = from_edges([("A", "B", "+")])
    with pytest.raises(TypeError):
        pair_weights(G)["A", "B"] = None  # type: ignore[index]


def test_what_if_answers_stay_those_of_a_fresh_graph_across_filters_and_removals(write_data):
    """The graphs of one data folder with and without inferred claims, and of one brief
    only, each have their own weights: asking one never changes another's answer."""
    from helpers import BRIEF_ID, BRIEF_YAML, SECOND_BRIEF_YAML

    brief = BRIEF_YAML.replace(
        "    modality: hedged\n", "    modality: hedged\n    reading: inferred\n", 1
    )
    data = write_data(brief=brief, extra={"second-brief.yaml": SECOND_BRIEF_YAML})
    rows = kg.Project(data).dataset.causal_rows()
    every = kg.causal_graph(rows)
    stated = kg.causal_graph(rows, stated_only=True)
    one = kg.causal_graph(rows, briefs=[BRIEF_ID])
    answers = {}
    for name, G in (("every", every), ("stated", stated), ("one", one), ("every", every)):
        shock = {"input costs": "+"}
        result = what_if(G, shock).as_dict(G)
        removed = what_if(G, shock, remove=["Relocation of firms"]).as_dict(G)
        fresh = _fresh(G)
        assert result == what_if(fresh, shock).as_dict(fresh)
        assert removed == what_if(fresh, shock, remove=["Relocation of firms"]).as_dict(fresh)
        assert answers.setdefault(name, result) == result
    assert pair_weights(every) != pair_weights(stated)
    assert answers["every"] != answers["stated"]
