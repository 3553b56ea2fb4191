"""The ninth round: general readings of negated findings, relative clauses, participles and asides.

Every sentence here is written for the test (none is a sentence of the
evaluation passages); each test names the reading it covers.
"""

from __future__ import annotations

import pytest

from kg.extract import sentence_candidates


def claims(sentence: str) -> list[tuple[str, str, int]]:
    return [(c.cause.entity, c.effect.entity, c.sign) for c in sentence_candidates(sentence)]


# --- null findings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the verb of finding negated, not the evidence
        (
            "We do not find evidence that school gardens improve reading scores.",
            [("school gardens", "reading scores", 0)],
        ),
        (
            "The audit failed to find any evidence that the levy raised bus fares.",
            [("levy", "bus fares", 0)],
        ),
        # "little evidence of impacts of A on B": the influence itself found wanting
        (
            "There is little evidence of lasting impacts of the toll on retail sales.",
            [("toll", "retail sales", 0)],
        ),
    ],
)
def test_a_finding_of_no_evidence_in_other_words_is_a_null_finding(sentence, expected):
    assert claims(sentence) == expected
