"""The rules of kg extract on more wordings of real prose: guards, signs, structures, modality.

Every sentence here is written for the test (none is a sentence of the
evaluation passages); each test names the wording it covers.
"""

from __future__ import annotations

import pytest

from kg.extract import sentence_candidates


def claims(sentence: str) -> list[tuple[str, str, int]]:
    return [(c.cause.entity, c.effect.entity, c.sign) for c in sentence_candidates(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a cue word inside a hyphenated compound is no verb
        "Many towns now have lower-cost clinics.",
        "The cost-cutting plan was announced in May.",
        # a participle after a verb of experience or of movement is an adjective
        "Those households experienced reduced hunger.",
        "Test scores drop lower for older pupils.",
        # a passive without its agent names no cause
        "Bus fares were cut last year.",
        "Workers are allowed to leave early on Fridays.",
    ],
)
def test_a_cue_word_that_is_not_a_verb_makes_no_claim(sentence):
    assert sentence_candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the adjective before "effect on" gives the direction
        ("Tourism has a mitigating effect on rural poverty.", [("tourism", "rural poverty", -1)]),
        ("Debt has an aggravating effect on stress.", [("debt", "stress", 1)]),
        ("The dampening effect of tolls on traffic is small.", [("tolls", "traffic", -1)]),
        ("The amplifying effect of drought on prices is large.", [("drought", "prices", 1)]),
    ],
)
def test_an_adjective_of_direction_signs_an_effect(sentence, expected):
    assert claims(sentence) == expected
