"""Alignment of factors (kg.linking, `kg link`) and what accepted links do."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import SHIPPED_DATA, line_of, make_linked_data
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

import kg
from kg.authoring.similarity import Candidate, combine_scores, name_similarity
from kg.errors import InvalidData, NoCausalPath
from kg.linking import (
    Decision,
    accept_links,
    apply_links,
    attach_identifier,
    link_proposals,
    propose_links,
)
from kg.linking.proposal_file import PROPOSAL_COLUMNS
from kg.vocab import CK, factor_iri

REAL = "eai-bb-1360"
FAKE_IRI = "https://example.org/thesaurus/123"


@pytest.fixture
def data(tmp_path) -> Path:
    return make_linked_data(tmp_path / "data")


def _links(corpus, kind: str) -> set[tuple[str, str]]:
    """The (factor, target) pairs of one kind of link (``exact_match``, ``distinct_from``...)."""
    return {(f.id, m) for f in corpus.factors.values() for m in getattr(f, kind)}


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
    # A proposals file with decisions is not overwritten without force.
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
    assert (factor_iri("village-incomes"), SKOS.exactMatch, URIRef(FAKE_IRI)) in dataset
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

    shipped, _problems = kg.read_corpus(data)
    result = runner.invoke(main, ["link", "--data", str(data), "--interactive"], input="e\nr\n")
    assert result.exit_code == 0, result.output
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    exact, rejected = _links(corpus, "exact_match"), _links(corpus, "distinct_from")
    # The shipped factors carry decisions of their own (data/links/); one of each is new.
    assert len(exact - _links(shipped, "exact_match")) == 1
    assert len(rejected - _links(shipped, "distinct_from")) == 1
    assert propose_links(corpus) == []


# ---------------------------------------------------------------- regression tests


def interactive(runner, *args: str, input: str):
    from kg.cli import main

    return runner.invoke(main, ["link", "--interactive", *map(str, args)], input=input)


def test_interactive_end_of_input_applies_what_was_typed(data, runner):
    """Two proposals, one answer: the input ends at the second question (exit 0)."""
    result = interactive(runner, "--data", data, input="e\n")
    assert result.exit_code == 0, result.output
    assert "Stopped (end of input) after 1 of 2 proposals" in result.stdout
    assert "Aborted" not in result.output
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    assert len([m for f in corpus.factors.values() for m in f.exact_match]) == 1


def test_interactive_quit_applies_what_was_typed(data, runner):
    shipped, _problems = kg.read_corpus(data)
    result = interactive(runner, "--data", data, input="r\nq\n")
    assert result.exit_code == 0, result.output
    assert "Stopped (quit) after 1 of 2 proposals" in result.stdout
    corpus, _problems = kg.read_corpus(data)
    assert len(_links(corpus, "distinct_from") - _links(shipped, "distinct_from")) == 1


def test_interactive_checks_the_data_folder_before_asking(in_tmp, runner):
    """Without ./data the questions would be about the shipped briefs, and lost."""
    result = interactive(runner, "--all", "--min-score", "40", input="e\ne\ne\n")
    assert result.exit_code == 2
    assert "no factors.yaml" in result.stderr
    assert "[1/" not in result.stdout  # not one question asked


def test_accept_reports_rows_against_the_proposals_file(data, invoke):
    sheet = data.parent / "a.csv"
    before = (data / "factors.yaml").read_bytes()
    for rows, field in (
        ("exact,no-such,return-migration", "factor"),
        ("yes,return-migration,urban-layoffs", "decision"),
    ):
        sheet.write_text(f"decision,factor,candidate\n{rows}\n", encoding="utf-8")
        result = invoke("link", "accept", sheet, "--data", data)
        assert result.exit_code == 1
        first, last = result.stderr.strip().splitlines()
        assert first.startswith(f"a.csv:2: row 2: {field}:"), first  # the proposals file's row
        assert last == "kg: the proposals file has 1 problem; nothing was written"
    with pytest.raises(InvalidData) as caught:
        accept_links(sheet, data)
    assert caught.value.report.problems[0].path.endswith("a.csv")
    assert (data / "factors.yaml").read_bytes() == before


def test_accept_takes_labels_alternative_labels_and_iris(data):
    sheet = data.parent / "names.csv"
    sheet.write_text(
        "decision,factor,candidate\n"
        "exact,Inland provinces,https://w3id.org/briefkg/factor/hinterland-regions\n"
        "close,land circulation,factor:farmland-transfer\n",
        encoding="utf-8",
    )
    result = accept_links(sheet, data)
    assert result.added == [
        ("inland-provinces", "exact_match", "hinterland-regions"),
        ("land-circulation", "close_match", "farmland-transfer"),
    ]


def test_accept_reads_semicolons_and_a_byte_order_mark(data):
    sheet = data.parent / "excel.csv"
    sheet.write_bytes(
        b"\xef\xbb\xbfdecision;score;factor;candidate\r\nexact;97;inland-provinces;hinterland-regions\r\n"
    )
    assert accept_links(sheet, data).added == [
        ("inland-provinces", "exact_match", "hinterland-regions")
    ]


def test_accepted_links_warn_of_merged_factors_and_collapsed_claims(write_data):
    """relocation = local-growth after input-costs = local-growth: three factors become one,
    and the claims between them link a factor to itself."""
    data = write_data()
    first = apply_links([Decision("input-costs", "local-growth", "exact")], data)
    assert first.merged == [] and first.collapsed == []
    second = apply_links([Decision("Relocation of firms", "local growth", "exact")], data)
    assert second.merged == [("input-costs", "local-growth", "relocation")]
    assert [c[1] for c in second.collapsed] == [
        "costs-drive-relocation",
        "relocation-drives-growth",
    ]
    text = second.summary()
    assert "make 3 factors one in the analysis: input-costs, local-growth, relocation" in text
    assert "Warning: 2 claims now link two factors that exact matches make one" in text
    assert "  test-brief: costs-drive-relocation (input-costs -> relocation)" in text


def test_chains_between_two_names_of_one_merged_factor_say_so(write_data, invoke):
    data = write_data()
    apply_links([Decision("relocation", "local-growth", "exact")], data)
    graph = kg.causal_graph(kg.build_dataset(data).dataset)
    with pytest.raises(kg.errors.SameFactor) as caught:
        kg.causal_chains(graph, "relocation of firms", "local growth")
    assert "exact_match makes one factor of local-growth, relocation" in str(caught.value)
    result = invoke("chains", "--data", data, "relocation of firms", "local growth")
    assert result.exit_code == 2
    assert "both name" in result.stderr and "no causal chain" not in result.stderr


def test_a_reviewed_proposals_file_is_kept_with_the_right_reason(data, invoke):
    out = data.parent / "proposals.csv"
    assert invoke("link", "--data", data, "--out", out).exit_code == 0
    text = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join([text[0], "exact" + text[1], *text[2:]]) + "\n", encoding="utf-8")
    again = invoke("link", "--data", data, "--out", out)
    assert again.exit_code == 2
    assert "holds decisions" in again.stderr and "--force" in again.stderr
    assert "not written by kg" not in again.stderr


def test_link_modes_exclude_one_another(data, invoke):
    for args in (
        ("--accept", "a.csv", "--out", "b.csv"),
        ("--interactive", "--attach", "x=https://example.org/x"),
        ("--interactive", "--out", "b.csv"),
    ):
        result = invoke("link", "--data", data, *args)
        assert result.exit_code == 2 and "exclude one another" in result.stderr, args


def test_proposals_file_cells_cannot_run_as_formulas(tmp_path):
    from kg.linking import Proposal, read_decisions, write_proposals

    a = Candidate("a-factor", "=cmd() costs", (), "-1 means fewer costs.")
    b = Candidate("b-factor", "Costs", (), "@home costs.")
    out = write_proposals([Proposal(a, b, 90.0, 90.0, 10.0, ("x", "y"), "all")], tmp_path / "p.csv")
    with out.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["factor_label"] == "'=cmd() costs"
    assert row["factor_definition"] == "'-1 means fewer costs."
    assert row["candidate_definition"] == "'@home costs."
    row["decision"] = "close"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=PROPOSAL_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    assert [(d.factor, d.candidate) for d in read_decisions(out)] == [("a-factor", "b-factor")]


# factors.yaml laid out differently from the shipped file: four-space indents,
# dashes at the margin, comments between, inside and after the entries.
OWN_LAYOUT = """\
# Our factors, laid out our way.
scheme:
    title: Test factors   # the scheme's name
    language: en

factors:
# --- costs ---
-   id: input-costs
    label: Input costs
    alt_labels: [production costs]
    definition: What firms pay for labour and land. More means higher costs.
    group: economic
    review: true  # check with Li

# --- movement ---
-   id: relocation
    label: Relocation of firms
    alt_labels:
    -   firm relocation
    definition: >-
        Firms moving elsewhere. More
        means more firms moving.
    group: spatial   # spatial for now
    close_match: [local-growth]  # perhaps
-   id: local-growth
    label: Local growth
    group: economic
    definition: >-
        Economic expansion in the receiving region. More
        means faster growth.
# the end
"""


def test_link_keeps_the_indentation_and_comments_of_factors_yaml(write_data):
    import difflib

    data = write_data(factors=OWN_LAYOUT)
    attach_identifier("input costs", FAKE_IRI, data)
    attach_identifier("local growth", FAKE_IRI, data)
    # A changed mind: the close match becomes a rejection, written on the other factor.
    apply_links([Decision("local-growth", "relocation", "reject")], data)
    after = (data / "factors.yaml").read_text(encoding="utf-8")
    diff = [
        d
        for d in difflib.ndiff(OWN_LAYOUT.splitlines(), after.splitlines())
        if d.startswith(("-", "+"))
    ]
    assert sorted(diff) == sorted(
        [
            f"+     exact_match: [{FAKE_IRI}]",
            f"+     exact_match: [{FAKE_IRI}]",
            "+     distinct_from: [relocation]",
            "-     close_match: [local-growth]  # perhaps",
        ]
    ), diff
    # Each end-of-line comment stays on its key; the comments after an entry stay after it.
    assert "    review: true  # check with Li\n" in after
    assert (
        f"    review: true  # check with Li\n    exact_match: [{FAKE_IRI}]\n\n# --- movement"
        in after
    )
    assert "    group: spatial   # spatial for now\n-   id: local-growth" in after
    assert after.endswith("    distinct_from: [relocation]\n# the end\n")
    assert [p for p in kg.read_corpus(data)[1] if p.path.endswith("factors.yaml")] == []
