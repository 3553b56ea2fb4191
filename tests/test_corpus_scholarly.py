"""The shipped corpus as a body of real publications .

Every real brief says where it comes from and what of it was read, and every
claim says where in the source it stands and whether the source states it or
the analyst reads it in. These checks read the YAML files as they are, so
that they hold whatever the authoring model accepts; the model's own checks
run in ``test_real_briefs.py`` and ``test_data.py``.

The disagreements listed in ``DISAGREEMENTS`` are the ones the evidence notes
of the scholarly briefs explain: each must still be there, with the signs
the notes describe, so that a later edit cannot quietly remove one side.
"""

from __future__ import annotations

import datetime
import re

import pytest
from helpers import SHIPPED_DATA
from ruamel.yaml import YAML

READINGS = {"stated", "inferred"}
SIGNS = {"increases", "decreases", "no_effect"}

#: The journal articles, working papers and think-tank reports added for
#: the re-reading (data/README.md lists what was read of each).
SCHOLARLY = [
    "bao-pang-zeng-2022",
    "chan-paulson-2014",
    "chen-fan-2016",
    "demurger-wang-2016",
    "dorman-2025",
    "ge-bian-wang-wang-2024",
    "li-wu-ouyang-2022",
    "liang-sun-2020",
    "liu-wang-yan-2021",
    "liu-yu-zheng-2017",
    "sun-wang-2020",
    "tadevosyan-chen-liu-2020",
    "wu-fu-gu-shi-2018",
    "zhang-hoekstra-2020",
    "zhang-lyu-cheng-zhang-2022",
    "xu-pittock-daniell-2021",
]

#: (cause, effect) -> {brief: sign}: pairs on which the sources disagree, as
#: the claims' evidence notes explain.
DISAGREEMENTS = {
    # Adult children's migration and their parents' health: better through
    # income (Zhang et al.), worse in self-rated health (Liu et al.).
    ("rural-urban-migration", "left-behind-elder-health"): {
        "zhang-lyu-cheng-zhang-2022": "increases",
        "liu-wang-yan-2021": "decreases",
    },
    # Easier hukou access: no stronger wish to convert (Chen and Fan), a
    # weaker one (Zhang and Hoekstra).
    ("hukou-accessibility", "hukou-conversion-willingness"): {
        "chen-fan-2016": "no_effect",
        "zhang-hoekstra-2020": "decreases",
    },
}


def _load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _real_briefs():
    for path in sorted((SHIPPED_DATA / "briefs").glob("*.yaml")):
        document = _load(path)
        if document["brief"]["synthetic"] is False:
            yield path, document


REAL = [path.stem for path, _ in _real_briefs()]

#: Real briefs that do not yet meet a check, and why; the check is expected
#: to fail for them (strictly: it must be fixed here once the brief is).
KNOWN_GAPS: dict[str, str] = {}


def _with_gaps(brief_ids):
    return [
        pytest.param(b, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[b]))
        if b in KNOWN_GAPS
        else b
        for b in brief_ids
    ]


def _document(brief_id):
    return _load(SHIPPED_DATA / "briefs" / f"{brief_id}.yaml")


def _header(brief_id) -> str:
    """The comment lines above the ``brief:`` block."""
    text = (SHIPPED_DATA / "briefs" / f"{brief_id}.yaml").read_text(encoding="utf-8")
    return text.split("\nbrief:")[0]


def test_the_corpus_holds_the_first_briefs_and_the_scholarly_ones():
    assert len(REAL) >= 22  # the six first briefs and the sixteen scholarly ones
    assert set(SCHOLARLY) <= set(REAL)


@pytest.mark.parametrize("brief_id", _with_gaps(REAL))
def test_every_real_brief_has_a_url_and_says_what_was_read(brief_id):
    record = _document(brief_id)["brief"]
    header = _header(brief_id)
    # A brief without a url says why (no public address verified): none is invented.
    if "url" not in record:
        assert "No url:" in header, brief_id
    else:
        assert str(record["url"]).startswith(("https://", "http://")), brief_id
    assert header.startswith("#") and "What was read:" in header, brief_id
    # The header names where the text was read: an address, or the brief's url.
    assert re.search(r"https?://\S+", header) or "`url`" in header or "No url:" in header, brief_id


@pytest.mark.parametrize("brief_id", _with_gaps(REAL))
def test_every_claim_has_a_locator_and_a_reading(brief_id):
    document = _document(brief_id)
    items = [*(document.get("claims") or []), *(document.get("selections") or [])]
    missing = {
        item["id"]: [key for key in ("locator", "reading") if not item.get(key)]
        for item in items
        if not item.get("locator") or item.get("reading") not in READINGS
    }
    assert missing == {}


@pytest.mark.parametrize("brief_id", REAL)
def test_an_inferred_reading_says_why(brief_id):
    """schema-19: ``inferred`` claims say in ``evidence`` what the passage says."""
    document = _document(brief_id)
    items = [*(document.get("claims") or []), *(document.get("selections") or [])]
    unexplained = [
        i["id"] for i in items if i.get("reading") == "inferred" and not i.get("evidence")
    ]
    assert unexplained == []


@pytest.mark.parametrize("brief_id", SCHOLARLY)
def test_scholarly_briefs_cite_each_item_by_locator_and_point(brief_id):
    document = _document(brief_id)
    items = [
        *(document.get("claims") or []),
        *(document.get("observations") or []),
        *(document.get("selections") or []),
    ]
    assert document.get("claims")
    for item in items:
        assert item.get("locator"), item["id"]
        # The point is the number that ends the locator (sentence, paragraph).
        assert item["point"] == int(re.search(r"(\d+)$", item["locator"]).group(1)), item["id"]


@pytest.mark.parametrize("brief_id", SCHOLARLY)
def test_scholarly_claims_follow_the_modality_guide(brief_id):
    """data/README.md: asserted 0.8-0.9, hedged 0.55-0.7, conditional and reported 0.5;
    a conditional claim carries its condition, a reported one whose view it is."""
    ranges = {
        "asserted": (0.8, 0.9),
        "hedged": (0.55, 0.7),
        "conditional": (0.5, 0.5),
        "reported": (0.5, 0.5),
    }
    for claim in _document(brief_id)["claims"]:
        low, high = ranges[claim["modality"]]
        assert low <= claim["confidence"] <= high, claim["id"]
        assert claim["sign"] in SIGNS, claim["id"]
        if claim["modality"] == "conditional":
            assert claim.get("condition"), claim["id"]
        if claim["modality"] == "reported":
            assert claim.get("attributed_to"), claim["id"]


@pytest.mark.parametrize("brief_id", SCHOLARLY)
def test_a_date_standing_in_for_a_month_or_year_is_said(brief_id):
    """A first-of-month date is a stand-in unless the header gives that day."""
    date = _document(brief_id)["brief"]["date"]
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    if date.day == 1:
        header = " ".join(_header(brief_id).replace("#", " ").split())
        given = f"{date.day} {date:%B} {date.year}"
        assert "stands in" in header or given in header, brief_id


def _signs(cause, effect):
    found: dict[str, set[str]] = {}
    for path, document in _real_briefs():
        for claim in document.get("claims") or []:
            if claim["cause"] == cause and claim["effect"] == effect:
                found.setdefault(path.stem, set()).add(claim["sign"])
    return found


@pytest.mark.parametrize("pair", sorted(DISAGREEMENTS), ids="->".join)
def test_the_disagreements_the_evidence_explains_are_in_the_data(pair):
    signs = _signs(*pair)
    expected = DISAGREEMENTS[pair]
    assert {brief: signs.get(brief) for brief in expected} == {
        brief: {sign} for brief, sign in expected.items()
    }
    assert len(set(expected.values())) > 1  # really two different answers


def test_returnees_off_the_farm_one_effect_against_the_corpus_null():
    """Wu et al. (2018) find returnees more often in non-farm business; the
    corpus holds, from Zhao (2002), no such difference (once re-read as a
    null finding); the evidence note of Wu et al. says so."""
    signs = _signs("return-migration", "rural-nonfarm-activity")
    assert signs["wu-fu-gu-shi-2018"] == {"increases"}
    claim = next(
        c
        for c in _document("wu-fu-gu-shi-2018")["claims"]
        if c["id"] == "returnees-likelier-in-nonfarm-business"
    )
    assert "Zhao" in claim["evidence"] and "disagreement" in claim["evidence"]


def test_kg_compare_sets_the_parents_health_findings_against_each_other():
    """The one disagreement of DISAGREEMENTS between two effects (not a null):
    ``kg compare`` reports it as a contradiction between the two briefs."""
    import kg
    from kg.linking import compare_briefs

    graph = kg.causal_graph(kg.build_dataset(SHIPPED_DATA).dataset)
    comparison = compare_briefs(
        graph, ["zhang-lyu-cheng-zhang-2022", "liu-wang-yan-2021"], max_length=2, limit=1
    )
    pair = next(
        p
        for p in comparison.pairs
        if graph.nodes[p.cause]["id"] == "rural-urban-migration"
        and graph.nodes[p.effect]["id"] == "left-behind-elder-health"
    )
    assert pair.verdict == "contradict"
    signs = {brief: data["signs"] for brief, data in pair.by_brief().items()}
    assert signs == {"zhang-lyu-cheng-zhang-2022": ["+"], "liu-wang-yan-2021": ["-"]}


def test_kg_compare_sets_the_hukou_null_against_the_hukou_effect():
    """Chen and Fan (no effect of easier access on the wish to convert) against
    Zhang and Hoekstra (less wish where access is easier): a null finding."""
    import kg
    from kg.linking import compare_briefs

    graph = kg.causal_graph(kg.build_dataset(SHIPPED_DATA).dataset)
    comparison = compare_briefs(
        graph, ["chen-fan-2016", "zhang-hoekstra-2020"], max_length=2, limit=1
    )
    verdicts = {
        (graph.nodes[p.cause]["id"], graph.nodes[p.effect]["id"]): p.verdict
        for p in comparison.pairs
        if p.cause in graph.nodes and p.effect in graph.nodes
    }
    assert verdicts[("hukou-accessibility", "hukou-conversion-willingness")] == "null-finding"
