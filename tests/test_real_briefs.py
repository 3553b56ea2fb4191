"""The real publications encoded besides EAI Background Brief No. 1360.

Each brief validates on its own; every claim, observation and selection
finding points at a passage of its source that is listed here, per brief, by
locator (the passages the encoder read, from the research notes on each
source); every claim says how it was read (``reading``), and an inferred one
says why in its evidence; the bibliographic records are real ones; no text is
copied from the EAI executive summary; the claims the re-reading found stretched or
wrong stay corrected; and ``kg compare`` on the shipped data shows agreement,
disagreement and chains between real briefs.

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
    # The corpus has grown beyond these (tests/test_corpus_scholarly.py checks them all).
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
    items = [*brief.claims, *brief.observations, *brief.selections]
    assert len(brief.claims) >= 3
    assert {item.id: item.locator for item in items if item.locator not in LOCATORS[brief_id]} == {}
    # The point number is the sentence's or paragraph's number in the locator.
    for item in items:
        assert item.point == int(re.search(r"(\d+)$", item.locator).group(1)), item.id


def test_every_claim_says_how_it_was_read():
    """data/README.md: the shipped data writes ``reading`` on every claim and
    selection finding, and an inferred one says in its evidence why."""
    unread = [
        (path.name, item["id"])
        for path, document in _documents()
        for item in [*document["claims"], *(document.get("selections") or [])]
        if item.get("reading") not in ("stated", "inferred")
    ]
    assert unread == []
    for path, document in _documents():
        for item in [*document["claims"], *(document.get("selections") or [])]:
            if item["reading"] == "inferred":
                assert "inferred" in item.get("evidence", ""), (path.name, item["id"])


@pytest.mark.parametrize("brief_id", REAL)
def test_confidence_follows_the_modality_guide(corpus, brief_id):
    """data/README.md: asserted 0.8-0.9, hedged 0.55-0.7, conditional and reported 0.5."""
    ranges = {
        "asserted": (0.8, 0.9),
        "hedged": (0.55, 0.7),
        "conditional": (0.5, 0.5),
        "reported": (0.5, 0.5),
    }
    brief = corpus.briefs[brief_id]
    off = [
        (c.id, c.modality, c.confidence)
        for c in [*brief.claims, *brief.selections]
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


# ---------------------------------------------------------------- the sources as they read


def _claims(corpus, brief_id) -> dict:
    return {c.id: c for c in corpus.briefs[brief_id].claims}


def test_who_returns_is_never_read_as_what_return_does(corpus, comparison, graph):
    """Wang and Fan's negative selection was once a claim that return brings
    fewer skills home (the wrong sign, and the one contradiction kg compare
    showed). A finding on who returns is a selection finding, never a claim."""
    for brief_id in ("wang-fan-2006", "liang-cheng-2023"):
        assert [
            c.id for c in corpus.briefs[brief_id].claims if c.effect == "returnee-human-capital"
        ] == []
    assert [
        (c.brief_id, c.id)
        for c in corpus.claims
        if (c.cause, c.effect, c.sign)
        == ("return-migration", "returnee-human-capital", "decreases")
    ] == []
    # EAI alone now says return brings skills home: no brief disputes it.
    skills = [
        p
        for p in comparison.pairs
        if (graph.nodes[p.cause]["id"], graph.nodes[p.effect]["id"])
        == ("return-migration", "returnee-human-capital")
    ]
    assert skills == []
    traits = {s.trait for s in corpus.selections}
    assert traits.isdisjoint({c.effect for c in corpus.claims} | {c.cause for c in corpus.claims})


def test_wang_fan_and_liang_cheng_disagree_on_who_returns(corpus):
    """The disagreement the sources really have: returnees the weaker migrants
    (Sichuan and Anhui, before 2005) against no such selection (China, 2014)."""
    found = {
        s.brief_id: s
        for s in corpus.selections
        if (s.population, s.trait) == ("return-migration", "migrant-socioeconomic-standing")
    }
    # Sun and Wang (2020) add a third, favourable, finding (tests/test_corpus_scholarly.py).
    assert {"wang-fan-2006", "liang-cheng-2023"} <= set(found)
    assert found["wang-fan-2006"].direction == "lower"
    assert found["wang-fan-2006"].reading == "stated"
    # Liang and Cheng reject negative selection without saying returnees stand
    # higher: no difference is our reading of it.
    assert found["liang-cheng-2023"].direction == "no_difference"
    assert found["liang-cheng-2023"].reading == "inferred"
    assert {found[b].locator for b in ("wang-fan-2006", "liang-cheng-2023")} == {
        "Abstract, sentence 4"
    }


def test_null_findings_stand_against_effects(corpus):
    """Zhao finds returnees no likelier to work off the farm, where Liang and
    Cheng find them important there; Wang and Fan doubt the revival of rural
    economies that Démurger and Xu expect from returnees."""
    signs: dict[tuple[str, str], dict[str, set[str]]] = {}
    for c in corpus.claims:
        signs.setdefault((c.cause, c.effect), {}).setdefault(c.brief_id, set()).add(c.sign)
    # Wu et al. (2018) side with Liang and Cheng (tests/test_corpus_scholarly.py).
    assert (
        signs[("return-migration", "rural-nonfarm-activity")].items()
        >= {
            "zhao-2002": {"no_effect"},
            "liang-cheng-2023": {"increases"},
        }.items()
    )
    assert signs[("return-migration", "rural-economic-revival")] == {
        "wang-fan-2006": {"no_effect"},
        "demurger-xu-2011": {"increases"},
    }
    zhao = _claims(corpus, "zhao-2002")["returnees-no-more-often-off-farm"]
    assert (zhao.reading, zhao.modality, zhao.locator) == (
        "stated",
        "asserted",
        "Abstract, sentence 6",
    )
    doubt = _claims(corpus, "wang-fan-2006")["returnee-optimism-in-doubt"]
    assert (doubt.reading, doubt.modality) == ("inferred", "hedged")


#: The claims the re-reading flagged, and what each must remain: (brief, claim id) ->
#: the fields it must have, or None where it is no longer a claim.
FLAGGED: dict[tuple[str, str], dict | None] = {
    ("wang-fan-2006", "returnees-are-the-less-successful-migrants"): None,
    ("wang-fan-2006", "exclusion-strengthens-the-pull-of-family"): {"modality": "conditional"},
    ("zhao-2002", "return-is-part-of-labour-migration"): None,
    ("demurger-xu-2011", "return-can-revitalise-poorer-rural-economies"): {
        "effect": "rural-economic-revival"
    },
    ("npr-langfitt-2015", "few-jobs-at-home-made-people-leave"): None,
    ("npr-langfitt-2015", "few-jobs-at-home-made-her-leave"): {
        "cause": "home-job-opportunities",
        "modality": "reported",
    },
    ("npr-langfitt-2015", "dead-end-factory-work-prompts-return"): {
        "cause": "dead-end-migrant-work",
        "modality": "reported",
        "reading": "inferred",
    },
    ("npr-langfitt-2015", "migrants-glad-to-follow-jobs-home"): {"reading": "inferred"},
    ("liang-cheng-2023", "returnees-not-negatively-selected"): None,
    ("liang-cheng-2023", "regional-return-develops-home-areas"): {
        "effect": "socioeconomic-transformation",
        "reading": "inferred",
    },
    (EAI, "return-migration-feeds-hinterland-growth"): {
        "modality": "conditional",
        "reading": "inferred",
    },
    (EAI, "returnee-skills-boost-hinterland-growth"): {"reading": "inferred"},
    (EAI, "returnee-firms-boost-hinterland-growth"): {"reading": "inferred"},
}


@pytest.mark.parametrize("key", sorted(FLAGGED), ids=lambda key: key[1])
def test_the_flagged_claims_stay_corrected(corpus, key):
    brief_id, claim_id = key
    claims = _claims(corpus, brief_id)
    expected = FLAGGED[key]
    if expected is None:
        assert claim_id not in claims
        return
    claim = claims[claim_id]
    assert {field: getattr(claim, field) for field in expected} == expected
    if claim.modality == "conditional":
        assert claim.condition
    # Each decision is explained where the claim is.
    assert "Issue 19" in " ".join(claim.evidence), claim_id


def test_narrow_findings_are_not_mapped_onto_the_interiors_growth(corpus):
    """Only the EAI brief (its own subject) and the NPR story's county, read
    as an example the story itself offers, speak of the hinterland's growth."""
    first = {EAI, *REAL}  # the later briefs of the corpus are checked elsewhere
    growth = {
        (c.brief_id, c.id)
        for c in corpus.claims
        if c.brief_id in first and "hinterland-takeoff" in (c.cause, c.effect)
    }
    assert {brief for brief, _ in growth} == {EAI, "npr-langfitt-2015"}
    npr = [
        c
        for c in corpus.briefs["npr-langfitt-2015"].claims
        if "hinterland-takeoff" in (c.cause, c.effect)
    ]
    assert [(c.id, c.reading) for c in npr] == [
        ("relocated-factories-lift-county-growth", "inferred")
    ]


def test_one_persons_story_is_reported_as_hers(corpus):
    """The NPR story: what rests on Zhang Zhaojun's case alone is attributed to her."""
    claims = corpus.briefs["npr-langfitt-2015"].claims
    hers = [c for c in claims if c.modality == "reported"]
    assert len(hers) == 4
    assert all(c.attributed_to and c.attributed_to.startswith("Zhang Zhaojun") for c in hers)


def test_the_sources_report_rising_return(corpus):
    """Trends: the NPR story (2015) and the EAI brief (2018) both see more
    workers going home."""
    rising = {
        o.brief_id
        for o in corpus.observations
        if o.trend == "rising" and o.trend_of == "return-migration"
    }
    # Of the first six briefs; later ones may add to them (schmitz-marketplace-2012).
    assert rising & {EAI, *REAL} == {EAI, "npr-langfitt-2015"}


def test_agreement_and_hedge_mismatch_between_real_briefs(comparison, graph):
    agree = _pair(comparison, graph, "coastal-costs", "inland-industrial-shift")
    assert agree.verdict == "agree" and set(agree.briefs) == {EAI, "npr-langfitt-2015"}
    starts = _pair(comparison, graph, "return-migration", "returnee-entrepreneurship")
    assert starts.verdict == "agree" and {EAI, "demurger-xu-2011"} <= set(starts.briefs)
    # Zhao hedges what EAI asserts: return remakes China's economy and society.
    change = _pair(comparison, graph, "return-migration", "socioeconomic-transformation")
    assert change.verdict == "hedge-mismatch"
    modalities = {brief: data["modalities"] for brief, data in change.by_brief().items()}
    assert modalities == {EAI: ["asserted"], "zhao-2002": ["hedged"]}


def test_every_compared_pair_is_between_real_briefs(corpus, comparison):
    assert comparison.pairs
    assert {b for p in comparison.pairs for b in p.briefs} <= set(corpus.briefs)
    assert {p.verdict for p in comparison.pairs} >= {"agree", "hedge-mismatch"}


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
    assert summary["agree"] >= 1 and summary["hedge-mismatch"] >= 1 and summary["chains"] >= 1
    chains = data["chains"]["chains"]
    assert any(len({b for step in chain["steps"] for b in step["briefs"]}) >= 2 for chain in chains)


# ---------------------------------------------------------------- what kg compare finds


def _ids(iris) -> tuple[str, ...]:
    return tuple(iri.rsplit("/", 1)[-1] for iri in iris)


def test_kg_compare_sets_null_findings_against_effects(comparison):
    nulls = {
        _ids((p.cause, p.effect)): set(p.briefs)
        for p in comparison.pairs
        if p.verdict == "null-finding"
    }
    assert nulls[("return-migration", "rural-nonfarm-activity")] >= {
        "zhao-2002",
        "liang-cheng-2023",
    }
    assert nulls[("return-migration", "rural-economic-revival")] >= {
        "wang-fan-2006",
        "demurger-xu-2011",
    }


def test_kg_compare_finds_the_selection_disagreement(comparison):
    """Wang and Fan against Liang and Cheng on who returns: compared with each
    other, never with a claim (EAI's skills brought home has no opponent)."""
    groups = {_ids(g.subject): g for g in comparison.selections}
    group = groups[("return-migration", "migrant-socioeconomic-standing")]
    assert {"wang-fan-2006", "liang-cheng-2023", "sun-wang-2020"} <= set(group.briefs)
    # Lower (Wang and Fan) against no difference (Liang and Cheng) is of the
    # null kind; against higher (Sun and Wang 2020) it is a contradiction,
    # which wins.
    assert group.verdict == "contradict"


def test_kg_compare_finds_the_sources_agree_on_rising_return(comparison):
    groups = {_ids(g.subject): g for g in comparison.trends}
    group = groups[("return-migration",)]
    assert {EAI, "npr-langfitt-2015"} <= set(group.briefs)
    assert group.verdict == "agree"


def test_kg_compare_json_counts_the_real_disagreements(invoke):
    result = invoke("compare", "--data", SHIPPED_DATA, "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["null-finding"] >= 2 and summary["selection_disagreements"] >= 1
