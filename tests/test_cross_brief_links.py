"""The judgements across briefs that the build derives (ck:CrossBriefLink) agree with kg compare."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from helpers import SECOND_BRIEF_YAML, with_example

import kg
from kg.rdf.build import DERIVED_GRAPH, corpus_graphs, corpus_to_dataset, source_records
from kg.validation import shacl_problems
from kg.vocab import local_id

LINKS = """
PREFIX ck: <https://w3id.org/briefkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?link ?cause ?effect ?verdict ?sign ?sources ?claims ?claim WHERE {
  GRAPH <https://w3id.org/briefkg/derived> {
    ?link a ck:CrossBriefLink ; ck:linkCause ?cause ; ck:linkEffect ?effect ;
          ck:verdict ?verdict ; ck:sourceCount ?sources ; ck:claimCount ?claims ;
          prov:wasDerivedFrom ?claim .
    OPTIONAL { ?link ck:combinedSign ?sign }
  }
}
"""


def name(iri: str) -> str:
    """The last part of an IRI, after its # or /."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


VERDICT_WORDS = {
    "Agreement": "agree",
    "HedgeMismatch": "hedge-mismatch",
    "Contradiction": "contradict",
    "NullFinding": "null-finding",
}


def derived_links(data_dir) -> dict[tuple[str, str], dict]:
    """The cross-brief links of a build, read with plain pyoxigraph from the written TriG."""
    out = data_dir.parent / "out"
    result = kg.build(data_dir, out)
    result.close()
    store = ox.Store()
    store.load(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG)
    links: dict[tuple[str, str], dict] = {}
    for row in store.query(LINKS):
        key = (local_id(row["cause"].value), local_id(row["effect"].value))
        link = links.setdefault(
            key,
            {
                "verdict": VERDICT_WORDS[name(row["verdict"].value)],
                "sign": name(row["sign"].value) if row["sign"] else None,
                "sources": int(row["sources"].value),
                "claim_count": int(row["claims"].value),
                "claims": set(),
            },
        )
        link["claims"].add(row["claim"].value.rsplit("/", 1)[-1])
    return links


@pytest.fixture(scope="module")
def example_data(tmp_path_factory):
    return with_example(tmp_path_factory.mktemp("links") / "data")


def test_every_pair_kg_compare_judges_is_a_derived_link_with_the_same_verdict(example_data):
    links = derived_links(example_data)
    comparison, G = kg.compare(example_data)
    assert comparison.pairs, "the example brief shares pairs with the real one"
    expected = {}
    for pair in comparison.pairs:
        key = (local_id(pair.cause), local_id(pair.effect))
        expected[key] = (pair.verdict, {c["claim"].rsplit("/", 1)[-1] for c in pair.claims})
    assert {k: (v["verdict"], v["claims"]) for k, v in links.items()} == expected
    assert {"agree", "contradict", "hedge-mismatch"} <= {v["verdict"] for v in links.values()}


def test_a_link_counts_its_briefs_and_claims_and_has_a_sign_unless_contradicted(example_data):
    """A link has a combined sign unless its claims disagree on it: opposite
    signs, or a null finding against an effect (the shipped data has one)."""
    links = derived_links(example_data)
    assert "null-finding" in {link["verdict"] for link in links.values()}
    for (cause, effect), link in links.items():
        assert link["claim_count"] == len(link["claims"]) >= 2
        assert link["sources"] >= 2
        if link["verdict"] in ("contradict", "null-finding"):
            assert link["sign"] is None, (cause, effect)
        else:
            assert link["sign"] in {"Increase", "Decrease"}, (cause, effect)


def test_a_single_brief_derives_no_link(tmp_path):
    import shutil

    from helpers import SHIPPED_DATA

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns("briefs"))
    (data / "briefs").mkdir()
    shutil.copy(SHIPPED_DATA / "briefs" / "eai-bb-1360.yaml", data / "briefs")
    assert derived_links(data) == {}


def test_links_are_made_anew_when_a_brief_changes(example_data, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(example_data, data)
    before = derived_links(data)
    example = data / "briefs" / "example-second-view.yaml"
    text = example.read_text("utf-8")
    # A pair the example brief takes part in and that no brief disputes yet.
    ours = set(re.findall(r"cause: (\S+)\n\s+effect: (\S+)\n", text))
    agreed = next(k for k, v in before.items() if v["verdict"] != "contradict" and k in ours)
    # Flip the sign of the example's claim on the agreed pair: the two briefs now disagree.
    blocks = text.split("\n  - id: ")
    for i, block in enumerate(blocks):
        if f"cause: {agreed[0]}\n" in block and f"effect: {agreed[1]}\n" in block:
            flipped = block.replace("sign: increases", "sign: §").replace(
                "sign: decreases", "sign: increases"
            )
            blocks[i] = flipped.replace("sign: §", "sign: decreases")
    example.write_text("\n  - id: ".join(blocks), "utf-8")
    after = derived_links(data)
    assert after[agreed]["verdict"] == "contradict" and after[agreed]["sign"] is None


def test_a_dataset_with_derived_links_conforms_to_the_shapes(write_data):
    data = write_data(extra={"second-brief.yaml": SECOND_BRIEF_YAML})
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    derived = corpus_graphs(corpus)[DERIVED_GRAPH]
    assert any(q.object.value.endswith("#CrossBriefLink") for q in derived.quads)
    assert shacl_problems(corpus_to_dataset(corpus), source_records(corpus)) == []
