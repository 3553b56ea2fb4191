"""The news stories, statistical releases and government documents of the corpus.

Issue 19, point 5: each of these briefs says what of its source was read and
where, cites every claim and observation by a numbered locator, writes
``reading`` on every claim, follows the modality guide of data/README.md, and
a statistical release states no cause it does not name. The three
disagreements their evidence notes explain must stay in the data, with the
signs and trends the notes describe, so that a later edit cannot quietly
remove one side of them; two of them ``kg compare`` reports.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import SHIPPED_DATA
from ruamel.yaml import YAML

#: The briefs of this kind, and which of them are statistical releases.
NEWS = [
    "caixin-2025-return-worries",
    "chinadaily-2017-returnee-startups",
    "clb-2012-sichuan",
    "economist-2012-welcome-home",
    "govcn-2015-returnee-startups",
    "govcn-2016-hukou-circular",
    "nbs-2020-migrant-survey",
    "nbs-2024-migrant-survey",
    "roberts-businessweek-2016",
    "schmitz-marketplace-2012",
    "xinhua-2013-homecomings",
    "xinhua-2015-new-entrepreneurs",
]
RELEASES = ["nbs-2020-migrant-survey", "nbs-2024-migrant-survey"]

#: data/README.md: asserted 0.8-0.9, hedged 0.55-0.7, conditional and reported 0.5.
CONFIDENCE = {
    "asserted": (0.8, 0.9),
    "hedged": (0.55, 0.7),
    "conditional": (0.5, 0.5),
    "reported": (0.5, 0.5),
}


def _document(brief_id):
    path = SHIPPED_DATA / "briefs" / f"{brief_id}.yaml"
    return path.read_text(encoding="utf-8"), YAML(typ="safe").load(path.read_text("utf-8"))


def _claims(brief_id):
    return _document(brief_id)[1].get("claims") or []


def _observations(brief_id):
    return _document(brief_id)[1].get("observations") or []


@pytest.mark.parametrize("brief_id", NEWS)
def test_the_brief_is_real_and_says_what_was_read_and_where(brief_id):
    text, document = _document(brief_id)
    record = document["brief"]
    assert record["synthetic"] is False and record["id"] == brief_id
    assert str(record["url"]).startswith(("https://", "http://"))
    header = text.split("\nbrief:")[0]
    assert header.startswith("#") and "What was read:" in header
    assert "`url`" in header or re.search(r"https?://\S+", header)


@pytest.mark.parametrize("brief_id", NEWS)
def test_every_item_cites_a_numbered_passage(brief_id):
    items = [*_claims(brief_id), *_observations(brief_id)]
    assert len(items) >= 3
    for item in items:
        number = re.search(r"(\d+)$", item["locator"])
        assert number and int(number.group(1)) == item["point"], item["id"]


@pytest.mark.parametrize("brief_id", NEWS)
def test_every_claim_says_how_it_was_read_and_follows_the_guide(brief_id):
    for claim in _claims(brief_id):
        assert claim["reading"] in {"stated", "inferred"}, claim["id"]
        if claim["reading"] == "inferred":
            assert claim.get("evidence"), claim["id"]
        low, high = CONFIDENCE[claim["modality"]]
        assert low <= claim["confidence"] <= high, claim["id"]
        if claim["modality"] == "conditional":
            assert claim.get("condition"), claim["id"]


@pytest.mark.parametrize("brief_id", RELEASES)
def test_a_statistical_release_gives_trends_and_no_cause(brief_id):
    assert _claims(brief_id) == []
    trends = [o for o in _observations(brief_id) if "trend" in o]
    assert len(trends) >= 3
    for obs in trends:
        assert obs["trend_of"] in obs["concerns"] and obs["start_year"] <= obs["end_year"]


def _claim_signs(cause, effect):
    signs = {}
    for path in sorted((SHIPPED_DATA / "briefs").glob("*.yaml")):
        for claim in YAML(typ="safe").load(path.read_text("utf-8")).get("claims") or []:
            if (claim["cause"], claim["effect"]) == (cause, effect):
                signs.setdefault(path.stem, set()).add(claim["sign"])
    return signs


def test_return_and_rural_poverty_stay_disputed():
    """Caixin (2025): an idle mass return pushes people back into poverty;
    Démurger and Xu (2011): return helps poorer rural areas out of it."""
    signs = _claim_signs("return-migration", "rural-poverty")
    assert signs["caixin-2025-return-worries"] == {"increases"}
    assert signs["demurger-xu-2011"] == {"decreases"}


def test_return_and_returnees_lot_stay_disputed():
    """Caixin (2025): going home without work harms returnees; the NPR
    returnee earns more at home."""
    signs = _claim_signs("return-migration", "returnee-well-being")
    assert signs["caixin-2025-return-worries"] == {"decreases"}
    assert signs["npr-langfitt-2015"] == {"increases"}


def test_the_coast_losing_workers_stays_against_the_official_count():
    """Marketplace (2012): the coastal factory towns lose their workers; the
    statistics bureau's count for 2012 (Xinhua): the east still gained."""
    by_brief = {
        brief_id: [
            o for o in _observations(brief_id) if o.get("trend_of") == "coastal-migrant-workforce"
        ]
        for brief_id in ("schmitz-marketplace-2012", "xinhua-2013-homecomings")
    }
    (story,), (count,) = by_brief["schmitz-marketplace-2012"], by_brief["xinhua-2013-homecomings"]
    assert story["trend"] == "falling" and count["trend"] == "rising"
    assert story["start_year"] <= count["end_year"] and count["start_year"] <= story["end_year"]


def test_kg_compare_reports_the_two_disputed_links(invoke):
    result = invoke("compare", "--data", SHIPPED_DATA, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    contradicted = {
        (pair["cause"], pair["effect"]): set(pair["briefs"])
        for pair in data["pairs"]
        if pair["verdict"] == "contradict"
    }
    poverty = contradicted[("Return migration", "Rural poverty")]
    assert {"caixin-2025-return-worries", "demurger-xu-2011"} <= poverty
    lot = contradicted[("Return migration", "Returnees' economic and social well-being")]
    assert {"caixin-2025-return-worries", "npr-langfitt-2015"} <= lot
