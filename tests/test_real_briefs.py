"""The real publications encoded besides EAI Background Brief No. 1360.

Each brief validates on its own; every claim and observation points at a
passage of its source that is listed here, per brief, by locator (the
passages the encoder read, from the research notes on each source); the
bibliographic records are real ones; no text is copied from the EAI executive
summary; and ``kg compare`` on the shipped data shows disagreement and chains
between real briefs.

The texts of the outside sources are not part of the project, so the check
that no paraphrase copies them runs outside the test suite.
"""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from helpers import REPO, SHIPPED_DATA
from ruamel.yaml import YAML

import kg
from kg.linking import compare_briefs

EAI = "eai-bb-1360"
EAI_TEXT = REPO.parent / "shared" / "briefs" / "eai-bb-1360-executive-summary.txt"
RUN = 6  # data/README.md: no run of six or more consecutive words of a source


def _sentences(part: str, numbers) -> set[str]:
    return {f"{part}, sentence {n}" for n in numbers}


def _paragraphs(part: str, numbers) -> set[str]:
    return {f"{part}, paragraph {n}" for n in numbers}


#: Per brief: the passages of the source that were read, by locator. A claim or
#: observation must cite one of them.
LOCATORS: dict[str, set[str]] = {
    "demurger-xu-2011": _sentences("Abstract (2011)", range(1, 4))
    | _sentences("Working-paper abstract (2010)", range(1, 7)),
    "wang-fan-2006": _sentences("Abstract", range(1, 8)) | {"Introduction, paragraph 1"},
    "liang-cheng-2023": _sentences("Abstract", range(1, 9)),
    "npr-langfitt-2015": _paragraphs("Radio transcript", range(1, 8))
    | _paragraphs("Web article", range(1, 10))
    | {"Photo caption 1", "Photo caption 2"},
    "zhao-2002": _sentences("Abstract", range(1, 8)) | {"Introduction, paragraph 1"},
}

#: The DOI each source prints or its record gives (None: none recorded, so none given).
DOIS = {
    "demurger-xu-2011": None,
    "wang-fan-2006": "10.1068/a37428",
    "liang-cheng-2023": "10.1525/sod.2022.0033",
    "npr-langfitt-2015": None,
    "zhao-2002": "10.1006/jcec.2002.1781",
}

REAL = sorted(LOCATORS)


@pytest.fixture(scope="module")
def corpus():
    corpus, problems = kg.read_corpus(SHIPPED_DATA)
    assert problems == []
    return corpus


def _documents():
    yaml = YAML(typ="safe")
    for path in sorted((SHIPPED_DATA / "briefs").glob("*.yaml")):
        yield path, yaml.load(path.read_text(encoding="utf-8"))


def test_the_shipped_data_holds_these_briefs_and_no_synthetic_one(corpus):
    # The corpus has grown beyond these (tests/test_corpus.py checks them all).
    assert {EAI, *REAL} <= set(corpus.briefs)
    for path, document in _documents():
        assert document["brief"]["synthetic"] is False, path.name


@pytest.mark.parametrize("brief_id", REAL)
def test_each_brief_validates_on_its_own(brief_id, tmp_path):
    """With the shared factors and no other brief: authoring checks and SHACL shapes."""
    (tmp_path / "briefs").mkdir()
    shutil.copy(SHIPPED_DATA / "factors.yaml", tmp_path)
    shutil.copy(SHIPPED_DATA / "briefs" / f"{brief_id}.yaml", tmp_path / "briefs")
    report = kg.validate(tmp_path)
    assert report.conforms, report.problems


@pytest.mark.parametrize("brief_id", REAL)
def test_every_claim_and_observation_cites_a_listed_passage(corpus, brief_id):
    brief = corpus.briefs[brief_id]
    items = [*brief.claims, *brief.observations]
    assert len(brief.claims) >= 3
    assert {item.id: item.locator for item in items if item.locator not in LOCATORS[brief_id]} == {}
    # The point number is the sentence's or paragraph's number in the locator.
    for item in items:
        assert item.point == int(re.search(r"(\d+)$", item.locator).group(1)), item.id


@pytest.mark.parametrize("brief_id", REAL)
def test_confidence_follows_the_modality_guide(corpus, brief_id):
    """data/README.md: asserted 0.8-0.9, hedged 0.55-0.7, conditional and reported 0.5."""
    ranges = {
        "asserted": (0.8, 0.9),
        "hedged": (0.55, 0.7),
        "conditional": (0.5, 0.5),
        "reported": (0.5, 0.5),
    }
    claims = corpus.briefs[brief_id].claims
    off = [
        (c.id, c.modality, c.confidence)
        for c in claims
        if not ranges[c.modality][0] <= c.confidence <= ranges[c.modality][1]
    ]
    assert off == []


@pytest.mark.parametrize("brief_id", REAL)
def test_each_brief_has_a_real_record(corpus, brief_id):
    record = corpus.briefs[brief_id].brief
    assert record.synthetic is False
    assert record.url and record.url.startswith(("https://", "http://"))
    assert record.authors and record.title and record.publisher
    doi = DOIS[brief_id]
    if doi:
        assert record.url == f"https://doi.org/{doi}"
    else:  # no DOI was recorded for it, so none may appear
        assert "doi.org" not in record.url
    text = (SHIPPED_DATA / "briefs" / f"{brief_id}.yaml").read_text(encoding="utf-8")
    # The file says at its top which part of the source was read.
    assert text.startswith("#") and "What was read:" in text.split("\nbrief:")[0]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.fixture(scope="module")
def eai_runs() -> set[tuple[str, ...]]:
    if not EAI_TEXT.is_file():
        reason = f"the EAI brief's text is not at {EAI_TEXT}; the no-copying check needs it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return _runs(_words(EAI_TEXT.read_text(encoding="utf-8")), RUN)


@pytest.mark.parametrize("brief_id", REAL)
def test_no_paraphrase_copies_the_eai_summary(corpus, eai_runs, brief_id):
    brief = corpus.briefs[brief_id]
    texts = {c.id: " ".join([c.paraphrase, *c.evidence]) for c in brief.claims}
    texts |= {o.id: o.paraphrase for o in brief.observations}
    copied = {k: sorted(_runs(_words(v), RUN) & eai_runs) for k, v in texts.items()}
    assert {k: v for k, v in copied.items() if v} == {}


# ---------------------------------------------------------------- what kg compare shows


@pytest.fixture(scope="module")
def graph():
    return kg.causal_graph(kg.build_dataset(SHIPPED_DATA).dataset)


@pytest.fixture(scope="module")
def comparison(graph):
    return compare_briefs(graph, max_length=4, limit=1000)


def _pair(comparison, graph, cause, effect):
    found = [
        p
        for p in comparison.pairs
        if graph.nodes[p.cause]["id"] == cause and graph.nodes[p.effect]["id"] == effect
    ]
    assert len(found) == 1, (cause, effect)
    return found[0]


def test_the_sources_disagree_on_whether_returnees_bring_skills_home(comparison, graph):
    """EAI (point 8) and Liang and Cheng against Wang and Fan: who returns."""
    pair = _pair(comparison, graph, "return-migration", "returnee-human-capital")
    assert pair.verdict == "contradict"
    signs = {brief: data["signs"] for brief, data in pair.by_brief().items()}
    assert signs == {EAI: ["+"], "liang-cheng-2023": ["+"], "wang-fan-2006": ["-"]}


def test_agreement_and_hedge_mismatch_between_real_briefs(comparison, graph):
    agree = _pair(comparison, graph, "coastal-costs", "inland-industrial-shift")
    assert agree.verdict == "agree" and set(agree.briefs) == {EAI, "npr-langfitt-2015"}
    starts = _pair(comparison, graph, "return-migration", "returnee-entrepreneurship")
    assert starts.verdict == "agree" and {EAI, "demurger-xu-2011"} <= set(starts.briefs)
    # Démurger and Xu hedge what EAI asserts: returnees feed the interior's growth.
    growth = _pair(comparison, graph, "return-migration", "hinterland-takeoff")
    assert growth.verdict == "hedge-mismatch"
    modalities = {brief: data["modalities"] for brief, data in growth.by_brief().items()}
    assert modalities == {EAI: ["asserted"], "demurger-xu-2011": ["hedged"]}


def test_every_compared_pair_is_between_real_briefs(corpus, comparison):
    assert comparison.pairs
    assert {b for p in comparison.pairs for b in p.briefs} <= set(corpus.briefs)
    assert {p.verdict for p in comparison.pairs} >= {"agree", "hedge-mismatch", "contradict"}


def test_chains_exist_only_across_real_briefs(comparison, graph):
    across = [c for c in comparison.chains if len(c.briefs) >= 2]
    assert across and comparison.connections >= len(across)
    # Savings brought home start firms (Démurger and Xu), and returnees' firms
    # feed the interior's growth (EAI): no single brief joins the two ends.
    ends = {(graph.nodes[c.factors[0]]["id"], graph.nodes[c.factors[-1]]["id"]): c for c in across}
    chain = ends[("repatriated-savings", "hinterland-takeoff")]
    assert set(chain.briefs) == {EAI, "demurger-xu-2011"}
    assert chain.sign_symbol == "+"


def test_kg_compare_on_the_shipped_data(invoke):
    result = invoke("compare", "--data", SHIPPED_DATA, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Every brief with claims takes part; a statistical release with
    # observations only (nbs-2020-migrant-survey) may not.
    shipped = {p.stem for p in (SHIPPED_DATA / "briefs").glob("*.yaml")}
    assert {EAI, *REAL} <= {b["id"] for b in data["briefs"]} <= shipped
    summary = data["summary"]
    assert summary["contradict"] >= 1 and summary["chains"] >= 1
    chains = data["chains"]["chains"]
    assert any(len({b for step in chain["steps"] for b in step["briefs"]}) >= 2 for chain in chains)
