"""The rules of kg extract read by general English: clause and phrase boundaries, verb frames.

Every sentence here is written for the test (none is a sentence of the
evaluation passages); each test names the construction it covers.
"""

from __future__ import annotations

import pytest
from helpers import rule_claims as claims

from kg.extract import sentence_candidates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an adverb between a verb of showing and "that" still opens the reported claim
        (
            "We argue formally that tolls may reduce delays and noise.",
            [("tolls", "delays", -1), ("tolls", "noise", -1)],
        ),
        # a verb of thinking after "and" opens a claim of its own, not an effect's words
        (
            "Officials counted the buses and suspect that the delays are due to roadworks.",
            [("roadworks", "delays", 1)],
        ),
    ],
)
def test_a_verb_of_saying_or_thinking_is_no_part_of_the_claim(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Bus ridership increased markedly during the strike.",
        "Reading scores improved slightly more than maths scores.",
        "The average wait increased to 14 weeks in 2021.",
        "Output will expand by 4% next year.",
        "Job search increases prior to the last payment.",
    ],
)
def test_a_verb_of_change_used_without_object_makes_no_claim(sentence):
    assert claims(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Crop yields rise steadily with rainfall.", [("rainfall", "crop yields", 1)]),
        ("Demand for bus passes falls with the fare.", [("fare", "demand for bus passes", -1)]),
        # the cause may move, too: its own move times the predicate's
        (
            "The risk of burnout increases with a rise in overtime.",
            [("overtime", "risk of burnout", 1)],
        ),
    ],
)
def test_what_moves_with_a_cause_is_its_effect(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a noun of purpose and its infinitive: what was meant, not what happened
        "When the council raised parking fees, the stated aim was to boost bus use and cut queues.",
        # a purpose goes on after "and to", an adverb after "to" included
        "The levy was intended to mainly affect large landlords and to reduce rents.",
        # a gerund after "equivalent to" measures a figure; it is no cause at work
        "The 8% fall is equivalent to preventing some 300 fires a year.",
    ],
)
def test_a_purpose_or_a_comparison_of_amounts_makes_no_claim(sentence):
    assert claims(sentence) == []


def test_a_number_with_a_thousands_comma_stays_whole_and_a_count_is_no_qualifier():
    found = sentence_candidates("A national levy would have prevented more than 12,000 admissions.")
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == [
        ("national levy", "admissions", -1)
    ]
    assert found[0].effect.qualifiers == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a group named by what was done to it goes through each change it names
        (
            "Displaced farmers experience greater debt and reduced savings.",
            [("displaced farmers", "debt", 1), ("displaced farmers", "savings", -1)],
        ),
        ("Evicted families also experience worsened health.", [("evicted families", "health", -1)]),
    ],
)
def test_a_group_named_by_a_participle_goes_through_what_it_experiences(sentence, expected):
    assert claims(sentence) == expected


def test_a_group_without_a_trait_only_experiences():
    assert claims("Farmers experience greater debt.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an event before the clause, each change named as a noun, each with its own sign
        (
            "In the year following a plant closure, workers face an increase in debt and "
            "stress while also experiencing a decrease in income.",
            [
                ("plant closure", "debt", 1),
                ("plant closure", "stress", 1),
                ("plant closure", "income", -1),
            ],
        ),
        (
            "Over the three years following the reform, there was a 9% reduction in smoking "
            "compared to a forecast.",
            [("reform", "smoking", -1)],
        ),
        # the event at the clause's end, the change an adjective of its noun
        (
            "We do find a reduced share of spending on fuel following the price change.",
            [("price change", "share of spending on fuel", -1)],
        ),
    ],
)
def test_a_change_named_after_an_event_is_the_event_s_effect(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "After years of decline, the town saw an increase in visitors.",
        "After the war, the country rebuilt its roads.",
    ],
)
def test_a_stretch_of_time_or_a_clause_without_a_change_is_no_event_cause(sentence):
    assert claims(sentence) == []


def test_a_cause_found_ineffective_at_a_verb_makes_a_null_finding():
    found = sentence_candidates(
        "Yet the audit shows that curfews are ineffective at reducing crime."
    )
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == [("curfews", "crime", 0)]


def test_a_participle_without_its_auxiliary_qualifies_the_noun_right_before_it():
    # "the slump triggered by A": A is the cause of the slump, not of the whole clause
    assert claims("Hunger has risen during the slump triggered by the bank failures.") == [
        ("bank failures", "slump", 1)
    ]


def test_a_participle_after_a_verb_of_state_is_an_adjective():
    assert claims("Adjustment is slow, with wages remaining depressed for a decade.") == []


def test_a_list_of_effects_ends_before_a_second_that_clause():
    assert claims(
        "We show formally that tolls may reduce delays and noise and that fares rise."
    ) == [
        ("tolls", "delays", -1),
        ("tolls", "noise", -1),
    ]


def test_a_phrase_without_its_coordinated_adjectives_matches_a_factor_by_its_head():
    from kg.authoring.model import Factor
    from kg.extract.matching import FactorMatcher, head_phrase

    factors = {
        "land-prices": Factor("land-prices", "Land prices", "d", "g", ("prices of land",)),
        "farm-output": Factor("farm-output", "Farm output", "d", "g"),
    }
    matcher = FactorMatcher(factors)
    assert head_phrase("prices of arable, irrigated and terraced land") == "prices of land"
    found = matcher.match("prices of arable and irrigated land")
    assert found.factor_id == "land-prices"
    assert found.how == "alternative label of 'prices of land'"
    # a possessive that opens the phrase goes, too
    assert matcher.match("the county's farm output").factor_id == "farm-output"
    # a phrase whose head matches nothing stays a new factor under its own words
    found = matcher.match("prices of arable and irrigated rivers")
    assert (found.factor_id, found.name) == ("", "Prices of arable and irrigated rivers")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the one named as seeing or stressing a means is not its cause; the means is
        (
            "In talks with the mayor last May, he emphasised cycling as a way to avoid smog.",
            [("cycling", "smog", -1)],
        ),
        (
            "A council study says bus lanes may be the best way to reduce congestion.",
            [("bus lanes", "congestion", -1)],
        ),
    ],
)
def test_a_means_named_as_a_way_is_the_cause(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a verb phrase after ", but" or ", and may" shares the clause's subject
        (
            "Tourism is not replacing farming, but is becoming a major force in shaping "
            "village life.",
            [("tourism", "village life", 1)],
        ),
        (
            "Hunger has risen during the slump, with gaps among regions, and may be linked "
            "to clinic costs.",
            [("hunger", "clinic costs", 1)],
        ),
        # a sentence adverb opening a clause after a semicolon is no part of the cause
        (
            "Prices rose; socially, the arrival of young families can contribute to village renewal.",
            [("arrival of young families", "village renewal", 1)],
        ),
        # adjectives of one noun stay one phrase, a possessive before them included
        (
            "Mining is becoming the engine of the county's economic and social life.",
            [("mining", "county's economic and social life", 1)],
        ),
    ],
)
def test_clauses_share_a_subject_and_keep_their_noun_phrases(sentence, expected):
    assert claims(sentence) == expected


def test_each_item_after_the_first_brings_its_own_comparative():
    assert claims("Pupils with tutors had lower dropout rates, more credits and more awards.") == [
        ("pupils with tutors", "dropout rates", -1),
        ("pupils with tutors", "credits", 1),
        ("pupils with tutors", "awards", 1),
    ]


def test_the_standard_of_a_comparison_is_no_item_of_a_list():
    assert claims(
        "Pupils with tutors had lower dropout rates and more awards than their classmates."
    ) == [("pupils with tutors", "dropout rates", -1), ("pupils with tutors", "awards", 1)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a bare cue word between two nouns, the auxiliary right after, is a noun modifier
        "Surveys suggest that road deaths and diesel fuel sales have in fact risen.",
        # what a study shows is a noun phrase, its participle an adjective
        "Six new trials show limited gains in income.",
        # a demonstrative and a noun that only points back names no factor of its own
        "Towns have a fixed housing stock, so this process would drive up rents.",
        # ", and this effect is smaller": a clause of its own, not an item of the effect list
    ],
)
def test_words_that_only_look_like_a_claim_make_none(sentence):
    assert claims(sentence) == []


def test_a_clause_after_a_list_is_not_one_of_its_items():
    assert claims(
        "Broadband is linked to rising farm sales, and this effect is smaller in hills."
    ) == [("broadband", "farm sales", 1)]


def test_a_relative_clause_of_expectation_leaves_the_cause_and_reports_the_claim():
    (found,) = sentence_candidates(
        "The act included a tax credit, a child allowance that was projected to sharply "
        "reduce child poverty."
    )
    assert (found.cause.entity, found.effect.entity, found.sign) == (
        "child allowance",
        "child poverty",
        -1,
    )
    assert found.modality == "reported"


def test_a_response_by_a_gerund_is_the_effect():
    assert claims(
        "Tenants who were unaware of the rule were less likely to respond by moving out."
    ) == [("tenants who were unaware of the rule", "moving out", -1)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a relative clause without a comma restricts its noun: the two make the subject
        ("Landlords who own flats raise rents.", [("landlords who own flats", "rents", 1)]),
        (
            "Cutting fees and fining those who park twice should help protect bus lanes.",
            [("fees", "bus lanes", -1), ("fining those who park twice", "bus lanes", 1)],
        ),
    ],
)
def test_a_restrictive_relative_clause_stays_with_its_noun(sentence, expected):
    assert claims(sentence) == expected


def test_a_negation_inside_an_aside_does_not_negate_the_verb_after_it():
    found = sentence_candidates(
        "Towns that were not on the coast, and those with old roads, were less likely to grow."
    )
    assert found and all(c.sign == -1 for c in found)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a group named by membership, compared with the others: its trait is the cause
        (
            "The review found that graduates of the scheme had higher wages than their peers.",
            [("graduates of the scheme", "wages", 1)],
        ),
        # a group with no trait (the verb of finding before it is no trait) only compares
        ("We find that rural towns have higher wages than coastal towns.", []),
        # a comparison in time says the group changed, not what changed it
        ("Villages with clinics have higher birth weights than in 2010.", []),
    ],
)
def test_a_comparison_claims_only_for_a_group_named_by_a_trait(sentence, expected):
    assert claims(sentence) == expected


def test_an_amount_after_by_lets_a_list_of_effects_go_on():
    assert claims(
        "One more bus per thousand residents reduces car ownership by 0.3 percentage points "
        "and fares by 2%."
    ) == [
        ("one more bus per thousand residents", "car ownership", -1),
        ("one more bus per thousand residents", "fares", -1),
    ]


def test_a_clause_after_and_is_not_an_item_of_the_effect_list():
    assert claims(
        "The grant increased the number of school days by 6 days and the pupils were taught "
        "for 90 days on average."
    ) == [("grant", "number of school days", 1)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an outcome named with a research word is still an outcome
        (
            "The ban had no significant effect on exam results or well-being.",
            [("ban", "exam results", 0), ("ban", "well-being", 0)],
        ),
        # a research frame is still no cause
        ("Most studies raise doubts about the scheme.", []),
    ],
)
def test_a_research_word_is_a_frame_only_after_a_word_that_makes_it_one(sentence, expected):
    assert claims(sentence) == expected


def test_changes_named_as_nouns_once_an_event_happened():
    assert claims(
        "Surveys found sizeable bumps in reading and maths scores once pupils attended "
        "schools with free breakfast."
    ) == [
        ("pupils attended schools with free breakfast", "reading", 1),
        ("pupils attended schools with free breakfast", "maths scores", 1),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The research suggests that raids can make migrants work more.",
            [("raids", "migrants work more", 1)],
        ),
        ("Cash grants make families spend less.", [("cash grants", "families spend less", -1)]),
        # "more likely" stays the comparative's
        ("Titles make farmers more likely to invest.", [("titles", "invest", 1)]),
    ],
)
def test_what_a_cause_makes_its_object_do_more_or_less(sentence, expected):
    assert claims(sentence) == expected


def test_a_size_of_effect_is_an_influence_to_sign_by_hand():
    found = sentence_candidates(
        "And while tolls do raise fares for commuters, their impact on overall traffic is "
        "relatively small."
    )
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == [
        ("tolls", "fares for commuters", 1),
        ("tolls", "overall traffic", 1),
    ]
    assert "check the sign" in found[1].sign_reason


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The program increased enrollment but not test scores.",
            [("program", "enrollment", 1), ("program", "test scores", 0)],
        ),
        (
            "The policy lowered prices without reducing quality.",
            [("policy", "prices", -1), ("policy", "quality", 0)],
        ),
    ],
)
def test_what_a_verb_did_not_move_is_a_null_finding_of_the_same_cause(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a plural noun of change before the verb is part of the subject
        (
            "Minimum wage increases reduced teen employment.",
            [("minimum wage", "teen employment", -1)],
        ),
        # nouns of improvement and of deterioration sign what they qualify
        ("The closure caused a deterioration in air quality.", [("closure", "air quality", -1)]),
        ("Tutoring led to an improvement in reading.", [("tutoring", "reading", 1)]),
    ],
)
def test_nouns_of_change_in_the_subject_and_the_object(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a range after "by" is an amount, too
        (
            "A 10 percent rise in the levy reduces smoking by 1 to 2 percent.",
            [("levy", "smoking", -1)],
        ),
        # ", thus leading to B" goes on from what the verb before it moved
        (
            "Drought reduces crop yields, thus leading to higher food prices.",
            [("drought", "crop yields", -1), ("crop yields", "food prices", -1)],
        ),
        # a group named by a trait: its result, and a change it saw
        (
            "Students who received tutoring scored higher on math tests.",
            [("students who received tutoring", "math tests", 1)],
        ),
        (
            "Treated villages saw a 20% rise in household consumption.",
            [("treated villages", "household consumption", 1)],
        ),
        # without a trait a group's result compares, it claims nothing
        ("Students scored higher on math tests.", []),
        # "but not for men" names a group, not a null effect
        (
            "The program had positive effects on earnings for women but not for men.",
            [("program", "earnings for women", 1)],
        ),
    ],
)
def test_amounts_chains_and_a_group_s_results(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "neither A nor B" before a verb: each subject, the verb negated for each
        (
            "Neither the tax nor the subsidy changed behaviour.",
            [("tax", "behaviour", 0), ("subsidy", "behaviour", 0)],
        ),
        # an event followed by a change named as a noun
        (
            "The introduction of the levy was followed by a sharp fall in plastic bag use.",
            [("levy", "plastic bag use", -1)],
        ),
        # a participle after "like" or "such as" qualifies its noun
        (
            "Pressures like prolonged drought push people to move.",
            [("pressures like prolonged drought", "people to move", 1)],
        ),
    ],
)
def test_negated_pairs_events_followed_by_a_change_and_examples(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the one who attributes or blames is not the cause; what is named after "to" is
        (
            "Officials blame the shortage on a lack of trained staff.",
            [("trained staff", "shortage", -1)],
        ),
        ("Analysts attribute the slowdown to weak exports.", [("exports", "slowdown", -1)]),
        # the clause after the attribution is read on its own
        (
            "We attribute the early gains to the boom, and suspect that the later gaps are due "
            "to weak demand.",
            [("boom", "early gains", 1), ("demand", "later gaps", -1)],
        ),
        # "a key reason why" names a cause
        (
            "Low pay is a key reason why nurses leave the profession.",
            [("pay", "nurses leave the profession", -1)],
        ),
    ],
)
def test_a_cause_named_by_attributing_blaming_or_as_a_reason(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a group named by what it gets spends more or less of something
        (
            "Households receiving transfers spent more on food.",
            [("households receiving transfers", "food", 1)],
        ),
        # without a trait, no claim
        ("Households spent more on food.", []),
        # an amount in standard deviations after "by"
        (
            "Exposure to the program increased test scores by 0.2 standard deviations.",
            [("exposure to the program", "test scores", 1)],
        ),
    ],
)
def test_what_a_group_by_trait_spends_or_does(sentence, expected):
    assert claims(sentence) == expected


def test_a_second_verb_after_a_comma_and_and_shares_the_first_one_s_subject():
    assert claims(
        "On the other hand, the city has to ensure the safety of the new estates, and avoid "
        "making them places of neglect."
    ) == [("city", "making them places of neglect", -1)]
    assert claims("Councils should build more homes, and cut fees.") == [("councils", "fees", -1)]
