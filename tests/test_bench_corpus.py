"""The benchmark's synthetic corpus: valid, of the size asked, deterministic."""

from __future__ import annotations

import doctest
import sys
from collections import Counter

from helpers import REPO

import kg
from kg.authoring import read_corpus

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402


def files_of(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_a_generated_corpus_validates_and_has_the_counts_asked(tmp_path):
    folder = corpus.write_corpus(tmp_path / "c", 5)
    report = kg.validate(folder)
    assert report.conforms, [str(p) for p in report.problems]
    data, problems = read_corpus(folder)
    assert problems == []
    assert len(data.briefs) == 5
    assert len(data.factors) == corpus.factor_pool_size(5)
    per_brief = [len(b.claims) for b in data.briefs.values()]
    assert all(abs(n - corpus.CLAIMS_PER_BRIEF) <= 2 for n in per_brief)
    assert len(data.claims) == sum(per_brief)
    assert data.observations and any(c.supported_by for c in data.claims)
    assert {c.sign for c in data.claims} == {"increases", "decreases"}
    modalities = Counter(c.modality for c in data.claims)
    assert set(modalities) == {"asserted", "hedged", "conditional", "reported"}
    assert all(c.attributed_to for c in data.claims if c.modality == "reported")
    assert any(c.time_scope for c in data.claims)


def test_briefs_share_factors_with_a_skewed_pool(tmp_path):
    data, _ = read_corpus(corpus.write_corpus(tmp_path / "c", 40))
    uses = Counter(f for c in data.claims for f in (c.cause, c.effect))
    briefs_of = {f: {c.brief_id for c in data.claims if f in (c.cause, c.effect)} for f in uses}
    top, _ = uses.most_common(1)[0]
    assert len(briefs_of[top]) > 20, "the commonest factor appears in most briefs"
    assert len(uses) < len(data.factors) or min(uses.values()) < uses[top] / 10


def test_the_same_seed_gives_the_same_files(tmp_path):
    first = files_of(corpus.write_corpus(tmp_path / "a", 4, seed=7))
    again = files_of(corpus.write_corpus(tmp_path / "b", 4, seed=7))
    other = files_of(corpus.write_corpus(tmp_path / "c", 4, seed=8))
    assert first == again
    assert first != other and first.keys() == other.keys()


def test_the_corpus_docstrings_run():
    assert doctest.testmod(corpus).failed == 0
