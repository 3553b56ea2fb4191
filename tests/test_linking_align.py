"""Alignment of factors (kg.linking.align, `kg link`) and what accepted links do."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from helpers import SHIPPED_DATA, line_of
from rdflib import Literal
from rdflib.namespace import SKOS
from ruamel.yaml import YAML

import kg
from kg.errors import InvalidData, NoCausalPath
from kg.linking import accept_links, attach_identifier, link_proposals, propose_links
from kg.linking.align import (
    PROPOSAL_COLUMNS,
    Candidate,
    Decision,
    apply_links,
    combine_scores,
    name_similarity,
)
from kg.vocab import CK, factor_iri

LINKING = Path(__file__).parent / "data" / "linking"
REAL = "eai-bb-1360"
FAKE_IRI = "https://example.org/thesaurus/123"


def make_linked_data(root: Path) -> Path:
    """Shipped factors plus the test factors, the real brief and the synthetic briefs."""
    yaml = YAML(typ="rt")
    factors = yaml.load((SHIPPED_DATA / "factors.yaml").read_text(encoding="utf-8"))
    factors["factors"].extend(
        yaml.load((LINKING / "extra-factors.yaml").read_text(encoding="utf-8"))
    )
    (root / "briefs").mkdir(parents=True)
    with (root / "factors.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(factors, handle)
    shutil.copy(SHIPPED_DATA / "briefs" / f"{REAL}.yaml", root / "briefs")
    for path in (LINKING / "briefs").glob("*.yaml"):
        shutil.copy(path, root / "briefs")
    return root


@pytest.fixture
def data(tmp_path) -> Path:
    return make_linked_data(tmp_path / "data")


def pairs(proposals) -> set[frozenset[str]]:
    return {frozenset((p.factor.id, p.candidate.id)) for p in proposals}


# ---------------------------------------------------------------- the score


def test_name_similarity_uses_alternative_labels():
    a = Candidate("a", "Inland provinces", ("hinterland region",), "")
    b = Candidate("b", "Hinterland regions", (), "")
    score, name_a, name_b = name_similarity(a, b)
    assert score > 90 and (name_a, name_b) == ("hinterland region", "Hinterland regions")


def test_combined_score_is_high_when_either_piece_of_evidence_is_strong():
    assert combine_scores(100, 0) == 100
    assert combine_scores(50, 90) == 90
    assert combine_scores(45, 10) == 10  # unrelated-looking names add nothing
    assert combine_scores(75, 40) > combine_scores(75, 0) > combine_scores(60, 0)


# ---------------------------------------------------------------- proposals


def test_obvious_pairs_are_proposed_and_unrelated_ones_are_not(data):
    proposals = link_proposals(data)
    found = pairs(proposals)
    # Near-equal alternative label and agreeing definitions.
    assert frozenset(("inland-provinces", "hinterland-regions")) in found
    # Different names, definitions that say the same thing.
    assert frozenset(("farmland-transfer", "land-circulation")) in found
    assert found == {
        frozenset(("inland-provinces", "hinterland-regions")),
        frozenset(("farmland-transfer", "land-circulation")),
    }
    best = proposals[0]
    assert best.score >= 90 and best.why == "briefs"
    land = next(p for p in proposals if p.factor.id in ("farmland-transfer", "land-circulation"))
    assert land.text_score > land.name_score  # found by the definitions, not the names


def test_factors_used_together_by_one_brief_are_not_compared(data):
    """Urban and rural social insurance look alike, but the real brief uses both: not a pair."""
    corpus, _ = kg.read_corpus(data)
    assert frozenset(("urban-social-insurance", "rural-social-insurance")) not in pairs(
        propose_links(corpus, min_score=0)
    )
    every = pairs(propose_links(corpus, every_pair=True))
    assert frozenset(("urban-social-insurance", "rural-social-insurance")) in every


def test_review_factors_are_compared_with_every_factor(write_data):
    factors = (
        Path(write_data()).joinpath("factors.yaml").read_text(encoding="utf-8")
        + """  - id: costs-of-inputs
    label: Costs of inputs
    definition: "Awaiting review: added by kg import from sheet.csv (row 2) for brief x."
    group: economic
    review: true
"""
    )
    data = write_data(factors=factors, name="review")
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    proposals = propose_links(corpus)
    assert [(p.factor.id, p.candidate.id, p.why) for p in proposals] == [
        ("costs-of-inputs", "input-costs", "review")
    ]


def test_proposals_file_round_trip_and_accept(data, invoke):
    out = data.parent / "proposals.csv"
    result = invoke("link", "--data", data, "--out", out)
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == PROPOSAL_COLUMNS
    for row in rows:
        ids = {row["factor"], row["candidate"]}
        row["decision"] = "exact" if "inland-provinces" in ids else "close"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=PROPOSAL_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    before = (data / "factors.yaml").read_text(encoding="utf-8")
    accepted = invoke("link", "--data", data, "--accept", out)
    assert accepted.exit_code == 0, accepted.output
    after = (data / "factors.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.split("factors:")[0])  # the header comments survive
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    links = {(f.id, m) for f in corpus.factors.values() for m in f.exact_match}
    assert links & {
        ("hinterland-regions", "inland-provinces"),
        ("inland-provinces", "hinterland-regions"),
    }
    close = {(f.id, m) for f in corpus.factors.values() for m in f.close_match}
    assert close & {
        ("farmland-transfer", "land-circulation"),
        ("land-circulation", "farmland-transfer"),
    }
    # Linked pairs are not proposed again.
    assert invoke("link", "--data", data, "--format", "json").stdout.count('"factor"') == 0
    # A proposals file with decisions is not overwritten without --force.
    again = invoke("link", "--data", data, "--out", out)
    assert again.exit_code == 2 and "--force" in again.stderr


def test_accepting_an_exact_match_merges_the_factors_in_the_analysis(data):
    graph = kg.causal_graph(kg.build_dataset(data).dataset)
    with pytest.raises(NoCausalPath):
        kg.causal_chains(graph, "inland provinces", "village household incomes", require=True)
    apply_links([Decision("inland-provinces", "hinterland-regions", "exact")], data)
    dataset = kg.build_dataset(data).dataset
    assert (
        factor_iri("inland-provinces"),
        SKOS.exactMatch,
        factor_iri("hinterland-regions"),
    ) in dataset
    graph = kg.causal_graph(dataset)
    assert factor_iri("inland-provinces") not in graph  # one node for both
    node = graph.nodes[str(factor_iri("hinterland-regions"))]
    assert node["merged"] == ("inland-provinces",)
    assert "Inland provinces" in node["alt_labels"]
    chains = kg.causal_chains(graph, "inland provinces", "village household incomes").chains
    assert [c.labels(graph) for c in chains] == [
        ["Hinterland regions", "Village household incomes"]
    ]
    # Every name of the merged factor still finds the node.
    for name in ("inland-provinces", "factor:inland-provinces", "interior provinces"):
        assert kg.upstream(graph, name) is not None
    # The claims of both factors stay, as their own edges.
    claims = {
        d["claim"].rsplit("/", 1)[-1]
        for _, _, d in graph.in_edges(str(factor_iri("hinterland-regions")), data=True)
    }
    assert "shift-lifts-inland-provinces" in claims
    unmerged = kg.causal_graph(dataset, merge_exact=False)
    assert str(factor_iri("inland-provinces")) in unmerged


def test_a_close_match_merges_nothing(data):
    apply_links([Decision("inland-provinces", "hinterland-regions", "close")], data)
    graph = kg.causal_graph(kg.build_dataset(data).dataset)
    assert (
        str(factor_iri("inland-provinces")) in graph
        and str(factor_iri("hinterland-regions")) in graph
    )


def test_representative_has_the_most_claims():
    dataset = kg.build_dataset(SHIPPED_DATA).dataset
    dataset.graph(kg.vocab.SCHEME_IRI).add(
        (factor_iri("urban-layoffs"), SKOS.exactMatch, factor_iri("return-migration"))
    )
    graph = kg.causal_graph(dataset)
    assert str(factor_iri("return-migration")) in graph
    assert graph.nodes[str(factor_iri("return-migration"))]["merged"] == ("urban-layoffs",)
    # The claim between the two merged factors cannot be an edge of one node to itself.
    assert any("layoffs-send-workers-home" in c for c in graph.graph["collapsed_claims"])


def test_reject_is_remembered_and_a_changed_mind_replaces_it(data):
    apply_links([Decision("farmland-transfer", "land-circulation", "reject")], data)
    corpus, problems = kg.read_corpus(data)
    assert problems == [] and corpus.factors["farmland-transfer"].distinct_from == (
        "land-circulation",
    )
    assert frozenset(("farmland-transfer", "land-circulation")) not in pairs(propose_links(corpus))
    result = apply_links([Decision("land-circulation", "farmland-transfer", "exact")], data)
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    assert corpus.factors["farmland-transfer"].distinct_from == ()
    assert corpus.factors["land-circulation"].exact_match == ("farmland-transfer",)
    assert ("farmland-transfer", "distinct_from", "land-circulation") in result.removed


def test_bad_decisions_are_reported_by_row_and_nothing_is_written(data):
    sheet = data.parent / "reviewed.csv"
    sheet.write_text(
        "decision,factor,candidate\nexact,inland-provinces,hinterland-regions\nmaybe,a,b\n",
        encoding="utf-8",
    )
    before = (data / "factors.yaml").read_bytes()
    with pytest.raises(InvalidData) as caught:
        accept_links(sheet, data)
    assert [(p.line, p.field) for p in caught.value.report.problems] == [(3, "decision")]
    sheet.write_text(
        "decision,factor,candidate\nexact,inland-provinces,no-such-factor\n", encoding="utf-8"
    )
    with pytest.raises(InvalidData):
        accept_links(sheet, data)
    assert (data / "factors.yaml").read_bytes() == before


# ---------------------------------------------------------------- identifiers and the data format


def test_attach_an_outside_identifier_the_analyst_supplies(data, invoke):
    result = invoke("link", "--data", data, "--attach", f"village household incomes={FAKE_IRI}")
    assert result.exit_code == 0, result.output
    corpus, problems = kg.read_corpus(data)
    assert problems == [] and corpus.factors["village-incomes"].exact_match == (FAKE_IRI,)
    dataset = kg.build_dataset(data).dataset
    assert (factor_iri("village-incomes"), SKOS.exactMatch, kg.vocab.URIRef(FAKE_IRI)) in dataset
    bad = invoke("link", "--data", data, "--attach", "village household incomes=Q12345")
    assert bad.exit_code == 2 and "http" in bad.stderr
    close = attach_identifier("land circulation", FAKE_IRI, data, kind="close")
    assert close.added == [("land-circulation", "close_match", FAKE_IRI)]


def test_match_fields_accept_factor_ids_and_reject_unknown_ones(write_data):
    from helpers import FACTORS_YAML

    text = FACTORS_YAML.replace(
        "    group: spatial\n",
        "    group: spatial\n    exact_match: [input-costs, no-such-factor]\n    close_match: [relocation]\n",
        1,
    )
    data = write_data(factors=text)
    _corpus, problems = kg.read_corpus(data)
    found = {p.field: p for p in problems}
    assert sorted((p.field, p.line) for p in problems) == [
        ("close_match", line_of(text, "close_match")),
        ("exact_match", line_of(text, "exact_match")),
    ]
    assert "itself" in found["close_match"].message
    assert "'no-such-factor' is not a factor id" in found["exact_match"].message


def test_review_flag_is_in_the_graph_and_conforms(write_data):
    from helpers import FACTORS_YAML

    text = FACTORS_YAML.replace(
        "    group: demographic\n", "    group: demographic\n    review: true\n"
    )
    report = kg.validate(write_data(factors=text))
    assert report.conforms, report.text()
    dataset = kg.build_dataset(Path("data")).dataset
    assert (factor_iri("homecoming"), CK.needsReview, Literal(True)) in dataset
    assert (factor_iri("relocation"), CK.needsReview, None) not in dataset


def test_interactive_mode_applies_what_is_typed(data, runner):
    from kg.cli import main

    result = runner.invoke(main, ["link", "--data", str(data), "--interactive"], input="e\nr\n")
    assert result.exit_code == 0, result.output
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    exact = {(f.id, m) for f in corpus.factors.values() for m in f.exact_match}
    rejected = {(f.id, m) for f in corpus.factors.values() for m in f.distinct_from}
    assert len(exact) == 1 and len(rejected) == 1
    assert propose_links(corpus) == []
