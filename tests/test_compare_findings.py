"""kg compare and the build's cross-brief judgements on small made-up corpora: null findings,
selection findings, observed trends, and the ranked summary of chains across briefs."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import FACTORS_YAML
from rdflib import URIRef

import kg
from kg.analysis.graph import from_edges
from kg.cli import main
from kg.linking.compare import compare_briefs
from kg.rdf.build import (
    DERIVED_GRAPH,
    corpus_to_dataset,
    cross_brief_link_iri,
    selection_comparison_iri,
    trend_comparison_iri,
)
from kg.vocab import CK, factor_iri

FACTORS = FACTORS_YAML + (
    "  - id: worker-skills\n"
    "    label: Worker skills\n"
    "    definition: What workers know and can do. More means more skilled workers.\n"
    "    group: economic\n"
)


def brief(ident: str, body: str) -> str:
    return (
        f"brief:\n  id: {ident}\n  title: Brief {ident}\n  authors: [Tester]\n"
        "  publisher: Test Institute\n  date: 2020-01-02\n  language: en\n"
        "  synthetic: true\n  section: Summary\n\n" + body
    )


def claim(ident, cause, effect, sign, point=1, modality="asserted", reading="stated"):
    return (
        f"  - id: {ident}\n    point: {point}\n    cause: {cause}\n    effect: {effect}\n"
        f"    sign: {sign}\n    modality: {modality}\n    reading: {reading}\n"
        f"    confidence: 0.8\n    paraphrase: In this brief {cause} meets {effect} ({sign}).\n"
    )


def selection(ident, direction, point=2):
    return (
        f"  - id: {ident}\n    point: {point}\n    population: homecoming\n"
        "    compared_with: workers who stay away\n    trait: worker-skills\n"
        f"    direction: {direction}\n    modality: asserted\n    reading: stated\n"
        f"    confidence: 0.8\n    paraphrase: Those who come home are {direction} on skills.\n"
    )


def trend(ident, value, start, end, point=3):
    return (
        f"  - id: {ident}\n    point: {point}\n    paraphrase: Relocation was {value} then.\n"
        f"    concerns: [relocation]\n    trend: {value}\n    trend_of: relocation\n"
        f"    time_scope: {start} to {end}\n    start_year: {start}\n    end_year: {end}\n"
    )


# Brief a: costs raise relocation; returnees are lower on skills; relocation rising 2000-2010.
# Brief b: no effect of costs on relocation; return raises skills (an effect claim on the pair
#          homecoming -> skills, which must never meet a's selection finding); relocation
#          falling 2005-2015 (overlaps a's years).
# Brief c: returnees higher on skills (against a's selection); relocation steady 1990-1995
#          (overlaps neither).
BRIEFS = {
    "a.yaml": brief(
        "a",
        "observations:\n"
        + trend("relocation-up", "rising", 2000, 2010)
        + "\nclaims:\n"
        + claim("costs-move-firms", "input-costs", "relocation", "increases")
        + "\nselections:\n"
        + selection("returnees-lower", "lower"),
    ),
    "b.yaml": brief(
        "b",
        "observations:\n"
        + trend("relocation-down", "falling", 2005, 2015)
        + "\nclaims:\n"
        + claim("costs-do-not-move-firms", "input-costs", "relocation", "no_effect")
        + claim("return-brings-skills", "homecoming", "worker-skills", "increases", point=2),
    ),
    "c.yaml": brief(
        "c",
        "observations:\n"
        + trend("relocation-flat", "steady", 1990, 1995)
        + "\nclaims:\n"
        + claim("firms-lift-growth", "relocation", "local-growth", "increases", reading="inferred")
        + "\nselections:\n"
        + selection("returnees-higher", "higher"),
    ),
}


@pytest.fixture
def data(write_data):
    return write_data(
        brief=brief(
            "test-brief",
            "claims:\n" + claim("growth-brings-home", "local-growth", "homecoming", "increases"),
        ),
        factors=FACTORS,
        extra=BRIEFS,
    )


@pytest.fixture
def compared(data):
    return kg.compare(data)


def test_a_null_against_an_effect_is_its_own_verdict(compared):
    comparison, G = compared
    (pair,) = [p for p in comparison.pairs if set(p.briefs) == {"a", "b"}]
    assert pair.verdict == "null-finding"
    assert {c["sign"] for c in pair.claims} == {1, 0}
    data = pair.as_dict(G)
    assert data["briefs"]["b"]["signs"] == ["0"]
    assert data["weight"]["null"] > 0 and data["weight"]["weight"] < 0.8
    assert comparison.counts()["null-finding"] == 1


def test_a_selection_finding_is_never_set_against_an_effect_claim(compared):
    comparison, G = compared
    # b's claim homecoming -> skills stands alone as a pair: no brief claims it too.
    assert not [p for p in comparison.pairs if G.nodes[p.effect]["id"] == "worker-skills"]
    (group,) = comparison.selections
    assert group.briefs == ("a", "c")  # b's effect claim is not in it
    assert group.verdict == "contradict"
    assert [f["direction"] for f in group.findings] == ["lower", "higher"]


def test_observed_trends_are_compared_where_their_years_overlap():
    views = [
        {"brief": "a", "trend": "rising", "start_year": 2000, "end_year": 2010},
        {"brief": "b", "trend": "falling", "start_year": 2011, "end_year": 2015},
    ]
    G = from_edges([("x", "y", "+")])
    G.graph["trends"] = [
        {**v, "factor": "x", "observation": f"o-{v['brief']}", "locator": "p. 1",
         "paraphrase": "x moved", "time_scope": "years"}
        for v in views
    ]  # fmt: skip
    assert compare_briefs(G).trends[0].verdict == "agree"  # 2000-2010 and 2011-2015 do not meet
    G.graph["trends"][1]["start_year"] = 2009
    assert compare_briefs(G).trends[0].verdict == "contradict"
    G.graph["trends"][1]["trend"] = "steady"
    assert compare_briefs(G).trends[0].verdict == "null-finding"


def test_the_corpus_trends_meet_only_where_years_overlap(compared):
    comparison, _G = compared
    (group,) = comparison.trends
    assert group.verdict == "contradict"  # a rising 2000-2010, b falling 2005-2015
    assert group.briefs == ("a", "b", "c")
    assert comparison.counts()["trend_disagreements"] == 1


def test_the_build_derives_the_same_verdicts(data, compared):
    comparison, _G = compared
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    derived = corpus_to_dataset(corpus).graph(DERIVED_GRAPH)
    costs, relocation = factor_iri("input-costs"), factor_iri("relocation")
    verdict = {
        "null-finding": CK.NullFinding,
        "contradict": CK.Contradiction,
        "agree": CK.Agreement,
    }
    link = URIRef(cross_brief_link_iri(costs, relocation))
    assert (link, CK.verdict, CK.NullFinding) in derived
    selection = URIRef(
        selection_comparison_iri(factor_iri("homecoming"), factor_iri("worker-skills"))
    )
    assert (selection, CK.verdict, verdict[comparison.selections[0].verdict]) in derived
    trend = URIRef(trend_comparison_iri(relocation))
    assert (trend, CK.verdict, verdict[comparison.trends[0].verdict]) in derived
    # No judgement ever joins a selection finding and a claim.
    skills = factor_iri("worker-skills")
    assert not list(derived.triples((None, CK.linkEffect, skills)))


def test_each_disagreement_shows_both_sides(data):
    result = CliRunner().invoke(main, ["compare", "--data", str(data)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "null-finding: Input costs -> Relocation of firms" in text
    for side in (
        "a (increases, asserted, stated): In this brief input-costs meets relocation (increases). [Summary, point 1]",
        "b (no effect, asserted, stated): In this brief input-costs meets relocation (no_effect). [Summary, point 1]",
        "a (lower than workers who stay away, asserted, stated): Those who come home are lower on skills. [Summary, point 2]",
        "c (higher than workers who stay away, asserted, stated)",
    ):
        assert side in text


def test_chains_across_briefs_are_ranked_and_summarised(data):
    runner = CliRunner()

    def chains(*extra):
        result = runner.invoke(main, ["compare", "--data", str(data), "--format", "json", *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["chains"]

    top = chains("--limit", "1")
    every = chains("--all")
    assert top["found"] == every["found"] == len(every["chains"]) > 1
    assert len(top["chains"]) == 1 and top["limit_hit"]
    strengths = [c["strength"] for c in every["chains"]]
    assert strengths == sorted(strengths, reverse=True)
    assert top["chains"][0] == every["chains"][0]
    # c's only claim is inferred: the chains through it are counted.
    through_c = [c for c in every["chains"] if "c" in c["briefs"]]
    assert through_c and all(c["inferred_links"] == 1 for c in through_c)
    assert every["resting_on_inferred_links"] == len(through_c)
    stated = runner.invoke(
        main, ["compare", "--data", str(data), "--format", "json", "--all", "--stated-only"]
    )
    assert not [c for c in json.loads(stated.stdout)["chains"]["chains"] if "c" in c["briefs"]]
