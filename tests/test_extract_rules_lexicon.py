"""The sixth round's broader lexicon of causation: verbs, nouns and frames of English.

Every sentence here is written for the test (none is a sentence of the
evaluation passages); each test names the wording it covers.
"""

from __future__ import annotations

import pytest
from helpers import rule_claims as claims

from kg.extract import sentence_candidates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The new law doubled the number of applications.",
            [("new law", "number of applications", 1)],
        ),
        (
            "Cheap loans tripled the stock of small firms.",
            [("cheap loans", "stock of small firms", 1)],
        ),
        ("The tariff halved steel imports.", [("tariff", "steel imports", -1)]),
    ],
)
def test_verbs_of_multiplying_and_dividing_an_amount(sentence, expected):
    assert claims(sentence) == expected


def test_a_verb_of_multiplying_with_no_object_makes_no_claim():
    assert claims("Applications doubled in 2019.") == []


def test_lifting_an_amount_raises_it_and_lifting_a_ban_is_no_rise():
    assert claims("The subsidy lifted farm incomes.") == [("subsidy", "farm incomes", 1)]
    assert claims("The government lifted the export ban on rice.") == []


def test_narrowing_differences_closes_a_gap():
    assert claims("The reform narrowed pay differences between regions.") == [
        ("reform", "pay differences between regions", -1)
    ]


def test_what_is_imposed_is_the_effect():
    assert claims("The new rules impose costs on small landlords.")[0][:2] == (
        "new rules",
        "costs on small landlords",
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The reform benefited rural clinics.", [("reform", "rural clinics", 1)]),
        ("The scheme can benefit patients.", [("scheme", "patients", 1)]),
        # the one who benefits is the effect
        ("Small farms benefit greatly from new roads.", [("new roads", "small farms", 1)]),
    ],
)
def test_benefit_as_a_verb_either_way_round(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Those who lost their unemployment benefits search less for work.",
        "Payments rise prior to benefit exhaustion.",
        "The benefits of the scheme are large.",
    ],
)
def test_benefit_as_a_noun_makes_no_claim(sentence):
    assert claims(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Rising debt has serious consequences for household welfare.",
            ("debt", "household welfare"),
        ),
        (
            "The tax change has significant implications for small firms.",
            ("tax change", "small firms"),
        ),
    ],
)
def test_consequences_and_implications_name_an_influence_without_its_direction(sentence, expected):
    [found] = sentence_candidates(sentence)
    assert (found.cause.entity, found.effect.entity) == expected
    assert "direction" in found.sign_reason or "check" in found.sign_reason


def test_a_research_report_with_implications_is_no_cause():
    assert claims("This report has implications for local councils.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The paperwork makes it difficult for small firms to bid.",
            [("paperwork", "small firms to bid", -1)],
        ),
        (
            "Online forms make it easy for tenants to complain.",
            [("online forms", "tenants to complain", 1)],
        ),
    ],
)
def test_making_it_hard_or_easy_for_someone_to_act(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Driven by cheap credit, the housing boom has created a glut of empty flats.",
            [("cheap credit", "housing boom", 1), ("housing boom", "glut of empty flats", 1)],
        ),
        # the agent may be a list, its subject's own clause read as ever
        (
            "Spurred by safety fears, pension reforms or tax goals, the growth in regulation "
            "has created a maze of rules.",
            [
                ("safety fears", "regulation", 1),
                ("pension reforms", "regulation", 1),
                ("tax goals", "regulation", 1),
                ("regulation", "maze of rules", 1),
            ],
        ),
        (
            "Hampered by poor roads, the clinics have struggled.",
            # poor roads hamper them: better roads help (the sign is read against the entity)
            [("roads", "clinics", 1)],
        ),
    ],
)
def test_a_fronted_participle_and_its_agent_bring_about_the_clause_subject(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Poverty-driven migration rose sharply in the decade.", [("poverty", "migration", 1)]),
        # a two-word cause fused to the participle; the effect ends before "and"
        (
            "Officials warned of climate change-driven floods and their costs.",
            [("climate change", "floods", 1)],
        ),
        (
            "Officials fear that drought-induced crop failures may push families into debt.",
            [
                ("drought-induced crop failures", "debt", 1),
                ("drought", "crop failures", 1),
            ],
        ),
    ],
)
def test_a_cause_fused_to_a_participle_brings_about_the_noun_after_it(sentence, expected):
    assert claims(sentence) == expected


def test_a_fused_research_word_is_no_cause():
    assert claims("The team took a data-driven approach.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "With longer droughts come more crop failures \u2014 about 300 a year.",
            [("longer droughts", "crop failures", 1)],
        ),
        (
            "With the new road came more traffic and noise.",
            [("new road", "traffic", 1), ("new road", "noise", 1)],
        ),
    ],
)
def test_with_a_cause_comes_its_effect(sentence, expected):
    assert claims(sentence) == expected


def test_a_closing_phrase_of_time_is_no_item_of_a_list():
    assert claims(
        "Poverty has lasting consequences for health and schooling in both the short and the "
        "long run."
    ) == [("poverty", "health", 1), ("poverty", "schooling", 1)]
    assert claims("Cheap loans have raised car ownership over time.") == [
        ("cheap loans", "car ownership", 1)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Job losses caused by the closure were associated with higher rates of depression.",
            [("closure", "job losses", 1), ("job losses", "rates of depression", 1)],
        ),
        (
            "Delays triggered by the strike led to fines.",
            [("strike", "delays", 1), ("delays", "fines", 1)],
        ),
    ],
)
def test_a_participle_and_its_agent_inside_the_subject_and_the_clause_verb_after(
    sentence, expected
):
    assert claims(sentence) == expected


def test_a_passive_agent_list_is_still_read_to_the_end():
    assert claims("The boom was fuelled by credit and by cheap land.") == [
        ("credit", "boom", 1),
        ("cheap land", "boom", 1),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The levy raised prices, while sales were unaffected.",
            [("levy", "prices", 1), ("levy", "sales", 0)],
        ),
        (
            "The reform had a large effect on enrolment, while attendance was not affected.",
            [("reform", "enrolment", 1), ("reform", "attendance", 0)],
        ),
        (
            "The levy raised prices; sales remained largely unchanged.",
            [("levy", "prices", 1), ("levy", "sales", 0)],
        ),
    ],
)
def test_a_clause_saying_its_subject_did_not_move_is_a_null_finding_of_the_cause_before(
    sentence, expected
):
    assert claims(sentence) == expected


def test_a_clause_that_did_not_move_with_no_cause_before_makes_no_claim():
    assert claims("Attendance was not affected.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Clubs play a key role in alleviating isolation and improving health.",
            [("clubs", "isolation", -1), ("clubs", "health", 1)],
        ),
        (
            "Lead pipes played a role in the town's low birth rates.",
            [("lead pipes", "town's birth rates", -1)],
        ),
        # no change named: the direction is left to the analyst
        ("Temples play a central role in village credit.", [("temples", "village credit", 1)]),
    ],
)
def test_a_role_in_a_named_change_takes_its_direction(sentence, expected):
    assert claims(sentence) == expected
    [*_, last] = sentence_candidates(sentence)
    assert ("check the sign" in last.sign_reason) == (sentence.startswith("Temples"))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "There is no evidence of a sustained decline in bus use since the fare rise.",
            [("fare", "bus use", 0)],
        ),
        (
            "We see no sign of a rise in rents after the rule took effect.",
            [("rule took effect", "rents", 0)],
        ),
    ],
)
def test_no_evidence_of_a_change_after_an_event_is_a_null_finding(sentence, expected):
    assert claims(sentence) == expected


def test_so_that_before_a_clause_with_its_own_verb_reads_that_clause_alone():
    assert claims("Trade was meant to grow, so that the pact would narrow pay gaps.") == [
        ("pact", "pay gaps", -1)
    ]
    # with no verb of its own, the clause after "so that" is the effect, as before
    assert claims("Rents rose so that families moved out.") == [("rents", "families moved out", 1)]


def test_the_verbs_of_adopting_are_real_forms_and_not_mostly_nouns():
    from kg.extract.lexicon import ADOPTING_VERBS

    assert {"studied", "chose", "chosen", "chooses", "requires"} <= set(ADOPTING_VERBS)
    # no built forms that are no words, and no forms that are mostly nouns
    assert not {"studys", "studyed", "choosed", "use", "needs", "funds", "signs", "review"} & set(
        ADOPTING_VERBS
    )
    # a noun after such a verb is its object, and the noun of a relative clause after it
    assert claims("The board chose schemes that cut fees.") == [("schemes", "fees", -1)]
    # a noun that is also a verb's form opens no object
    assert claims("They plan land use that reduces erosion.") == [("land use", "erosion", -1)]
