"""The seventh round: general readings of signs, null findings and causal nouns.

Every sentence here is written for the test (none is a sentence of the
evaluation passages); each test names the reading it covers.
"""

from __future__ import annotations

import pytest
from helpers import rule_claims as claims

from kg.extract import sentence_candidates
from kg.extract.calculus import names_an_ill, parse_phrase

# --- signs -------------------------------------------------------------------------------


def test_not_only_adds_a_claim_and_negates_nothing():
    assert claims("Factories not only raised output but also cut waste.") == [
        ("factories", "output", 1),
        ("factories", "waste", -1),
    ]
    # a plain negation still makes a null finding
    assert claims("The new tolls did not cut traffic.") == [("new tolls", "traffic", 0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The scheme had insignificant effects on school attendance.",
            [("scheme", "school attendance", 0)],
        ),
        (
            "The levy had an insignificant and at most small effect on sugar intake.",
            [("levy", "sugar intake", 0)],
        ),
        ("Rent caps had a large effect on supply.", [("rent caps", "supply", 1)]),
    ],
)
def test_an_effect_said_to_be_insignificant_is_a_null_finding(sentence, expected):
    assert claims(sentence) == expected


def test_doing_little_to_change_is_a_null_finding():
    assert claims("The subsidy did little to alter demand for taxis.") == [
        ("subsidy", "demand for taxis", 0)
    ]


def test_no_evidence_with_a_place_between_it_and_that():
    assert claims("There is no evidence in northern towns that the ban raised rents.") == [
        ("ban", "rents", 0)
    ]


@pytest.mark.parametrize(
    ("phrase", "entity", "sign"),
    [
        ("significantly lower wages", "wages", -1),
        ("far higher fares", "fares", 1),
        ("small increases in fines", "fines", 1),
        ("a big drop in sales", "sales", -1),
        # a word of size alone is no degree: "small farms" keeps its words
        ("small farms", "small farms", 1),
    ],
)
def test_a_word_of_degree_or_size_before_a_qualifier_is_skipped(phrase, entity, sign):
    parsed = parse_phrase(phrase)
    assert (parsed.entity, parsed.sign) == (entity, sign)


def test_a_comparative_after_an_adverb_gives_the_claim_its_direction():
    assert claims("Wider pavements were associated with markedly higher footfall.") == [
        ("wider pavements", "footfall", 1)
    ]


@pytest.mark.parametrize(
    ("entity", "ill"),
    [
        ("road deaths", True),
        ("crime rates", True),
        ("the rate of child poverty", True),
        ("disciplinary incidents in schools", True),
        ("health", False),
        ("test scores", False),
        ("emission standards", False),
    ],
)
def test_a_harm_is_known_by_its_head_noun(entity, ill):
    assert names_an_ill(entity) is ill


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # better and worse turn on a harm
        ("Community policing improved crime in the district.", -1),
        ("Tutoring improved test scores.", 1),
        ("Longer shifts worsened staff morale.", -1),
        ("High rents worsen inequality.", 1),
        ("The reform brought improvements in child mortality.", -1),
        ("The reform brought improvements in reading skills.", 1),
    ],
)
def test_better_and_worse_said_of_a_harm_or_of_a_good(sentence, expected):
    assert [c[2] for c in claims(sentence)] == [expected]


def test_improvements_in_a_harm_after_an_event_lower_it():
    assert claims("After the curfew, the city saw improvements in road deaths.") == [
        ("curfew", "road deaths", -1)
    ]


# --- causes named as nouns, and verbs ----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Poor diets are a leading contributor to heart disease.",
            [("diets", "heart disease", -1)],
        ),
        ("Broadband is a means of rural development.", [("broadband", "rural development", 1)]),
    ],
)
def test_a_contributor_to_and_a_means_of(sentence, expected):
    assert claims(sentence) == expected


def test_explain_names_an_influence_and_explaining_a_text_does_not():
    found = sentence_candidates("Cold winters explain the higher heating bills.")
    assert [(c.cause.entity, c.effect.entity) for c in found] == [("cold winters", "heating bills")]
    assert "check the sign" in found[0].sign_reason
    assert claims("This report explains how the scheme works.") == []
    assert claims("The guide explains the rationale for the new fees.") == []


def test_what_a_cause_deprives_its_object_of_decreases():
    assert claims("The merger deprived small towns of their bank branches.") == [
        ("merger", "bank branches", -1)
    ]


def test_cost_said_of_jobs_or_lives_is_a_loss_and_costs_as_a_noun_are_not():
    found = claims("Automation could cost many factory jobs.")
    assert [(c, s) for c, _, s in found] == [("automation", -1)]
    assert "factory jobs" in found[0][1]
    assert claims("The costs for small firms would increase.") == []


# --- spans -------------------------------------------------------------------------------


def test_a_bullet_is_no_part_of_the_subject():
    assert claims("\u2022 Cheaper loans raised home purchases.") == [
        ("cheaper loans", "home purchases", 1)
    ]
    assert claims("- Cheaper loans raised home purchases.") == claims(
        "Cheaper loans raised home purchases."
    )


def test_an_adverb_in_ly_before_the_verb_is_no_part_of_the_cause():
    assert claims("Road tolls typically reduce congestion.") == [("road tolls", "congestion", -1)]
    assert claims("Electricity tariffs therefore raise costs.") == [
        ("electricity tariffs", "costs", 1)
    ]
    # a noun in -ly stays the subject
    assert claims("The family reduced spending.") == [("family", "spending", -1)]


def test_a_two_letter_acronym_names_a_cause():
    assert claims("Leaving the EU reduced trade.") == [("leaving the eu", "trade", -1)]
    assert claims("The growth of the EU raised trade.")[0][:2] == ("eu", "trade")


def test_a_pair_inside_a_phrase_after_a_preposition_is_one_noun():
    assert claims("The ban did not change vaping among pupils or young adults.") == [
        ("ban", "vaping among pupils or young adults", 0)
    ]


# --- a gerund after a comma --------------------------------------------------------------


def test_a_gerund_after_a_clause_that_says_what_its_subject_is_has_that_subject():
    assert claims("Village clinics are a vital part of rural care, providing free vaccines.") == [
        ("village clinics", "free vaccines", 1)
    ]
    # "which" stands for the clause before, not for its subject
    assert claims("Rural banks are a lifeline, which may raise lending.")[0][0] != "rural banks"


def test_a_gerund_after_a_null_finding_shares_its_subject():
    assert claims("The reforms failed to raise wages, sometimes lowering take-home pay.") == [
        ("reforms", "wages", 0),
        ("reforms", "take-home pay", -1),
    ]
    # after a claim that moved something, "in turn" goes on from what moved
    assert claims("The reforms raised wages, in turn lowering turnover.") == [
        ("reforms", "wages", 1),
        ("wages", "turnover", -1),
    ]


def test_what_is_provided_is_the_effect_and_evidence_provided_is_a_finding():
    assert claims("The fund provided grants to small farms.") == [
        ("fund", "grants to small farms", 1)
    ]
    assert claims("We provide evidence that tolls cut traffic.") == [("tolls", "traffic", -1)]


# --- clauses and spans -------------------------------------------------------------------


def test_what_a_finding_is_taken_to_show_is_read_as_a_clause_of_its_own():
    assert claims("Class sizes fell, suggesting that the new funding raised teacher numbers.") == [
        ("new funding", "teacher numbers", 1)
    ]


def test_a_gerund_after_thereby_goes_on_from_a_finding_not_from_a_purpose():
    assert claims("The levy is meant to cut sugar intake, thereby lowering obesity.") == []
    assert claims("Towns paved roads, thereby cutting travel times.") == [
        ("towns paved roads", "travel times", -1)
    ]


def test_a_role_for_a_cause_in_an_outcome_and_none_or_little_of_it():
    assert claims("We find no role for tariffs in explaining the fall in wages.") == [
        ("tariffs", "wages", 0)
    ]
    found = sentence_candidates("Researchers see a major role for broadband in rural job growth.")
    assert [(c.cause.entity, c.effect.entity) for c in found] == [("broadband", "rural job growth")]
    assert "check the sign" in found[0].sign_reason


def test_a_cue_word_after_a_gerund_or_before_a_preposition_is_a_noun():
    assert claims("The plan calls for cutting fuel duties.") == []
    assert claims("The law sets limits on borrowing.") == []
    assert claims("Rent caps limit new building.") == [("rent caps", "new building", -1)]


def test_a_verb_of_change_before_due_to_has_no_object_and_resulting_from_names_a_cause():
    assert claims("Rents rose due to a shortage of flats arising from strict zoning.") == [
        ("flats", "rents", -1),
        ("strict zoning", "flats", -1),
    ]
    assert claims("Bus fares increased because of higher fuel costs.") == [
        ("fuel costs", "bus fares", 1)
    ]


def test_an_attempt_named_as_a_noun_is_a_purpose_and_a_question_put_is_no_finding():
    assert claims("Unions oppose every effort to raise the pension age.") == []
    assert claims("We ask whether tolls cut traffic.") == []
    assert claims("The report discusses how grants may affect enrolment.") == []


def test_after_lead_to_each_item_of_a_list_keeps_its_own_comparative():
    assert claims("The merger led to lower fees and higher profits.") == [
        ("merger", "fees", -1),
        ("merger", "profits", 1),
    ]
    # an object between the verb and "to" still makes "lower" the verb it leads to
    assert claims("The reform led landlords to lower rents.") == [("reform", "rents", -1)]


def test_a_bound_on_a_change_is_no_part_of_the_effect():
    assert claims("The law caused at most a small rise in rents.") == [("law", "rents", 1)]


def test_a_demonstrative_after_and_opens_a_clause_that_goes_on_from_the_one_before():
    assert claims("The levy raised prices, and these higher prices cut sugar intake.") == [
        ("levy", "prices", 1),
        ("prices", "sugar intake", -1),
    ]
    assert claims("Higher fares therefore sharply reduce ridership.") == [
        ("fares", "ridership", -1)
    ]


def test_the_change_a_list_opens_with_is_shared_by_its_later_items():
    assert claims(
        "Food banks play a key role in reducing hunger and malnutrition and improving diets "
        "and health."
    ) == [
        ("food banks", "hunger", -1),
        ("food banks", "malnutrition", -1),
        ("food banks", "diets", 1),
        ("food banks", "health", 1),
    ]
    assert claims("The levy led to a rise in prices and rents.") == [
        ("levy", "prices", 1),
        ("levy", "rents", 1),
    ]


def test_a_noun_with_an_adjectives_ending_is_an_item_of_a_list():
    assert claims("Tolls cut traffic and noise.") == [
        ("tolls", "traffic", -1),
        ("tolls", "noise", -1),
    ]
    # adjectives of one noun still make one item
    assert [
        c[1] for c in claims("The plan will raise rural economic, social and cultural output.")
    ] == ["rural economic, social and cultural output"]


def test_a_list_of_changes_ends_at_the_changes_own_verb():
    assert claims("Gains in reading, writing and maths persisted for years after the reform.") == [
        ("reform", "reading", 1),
        ("reform", "writing", 1),
        ("reform", "maths", 1),
    ]


def test_a_part_singled_out_after_a_comma_is_an_effect_too():
    assert claims("The tax raised prices, especially food prices.") == [
        ("tax", "prices", 1),
        ("tax", "food prices", 1),
    ]
    # a group singled out is a setting, not an effect
    assert claims("The tax raised prices, especially for poor households.") == [
        ("tax", "prices", 1)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The price effects of the tariff were large.", [("tariff", "price", 1)]),
        (
            "Studies of the health and school effects of free meals are few.",
            [("free meals", "health", 1), ("free meals", "school", 1)],
        ),
        ("We find no employment effects of the minimum wage.", [("minimum wage", "employment", 0)]),
        ("We reject the wage effect of the quota predicted by theory.", [("quota", "wage", 0)]),
        # a word that says what kind of effect names no outcome
        ("The long-term effects of the reform are unclear.", []),
        ("The economic effects of tourism are large.", []),
    ],
)
def test_an_outcome_named_before_effects_of(sentence, expected):
    assert claims(sentence) == expected


def test_after_a_list_of_nouns_and_joins_a_noun_not_a_second_verb():
    assert claims("Smog can cause coughing, poorer sleep and reduced attention.") == [
        ("smog", "coughing", 1),
        ("smog", "sleep", -1),
        ("smog", "attention", -1),
    ]
    assert claims("The scheme lowered costs, improved access and increased take-up.") == [
        ("scheme", "costs", -1),
        ("scheme", "access", 1),
        ("scheme", "take-up", 1),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prices rose 3% last year, driven by energy costs.", [("energy costs", "prices", 1)]),
        ("Prices fell, driven by cheap imports.", [("cheap imports", "prices", -1)]),
        ("Exports fell sharply, hit by the strong currency.", [("currency", "exports", -1)]),
        (
            "Firms posted record profits, driven by higher prices.",
            [("prices", "record profits", 1)],
        ),
    ],
)
def test_a_participle_and_its_agent_after_a_comma_name_the_cause_of_the_clause(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rent control is unlikely to reduce homelessness.", [("rent control", "homelessness", 0)]),
        ("Wages were unaffected by the reform.", [("reform", "wages", 0)]),
        (
            "Broadband access was unrelated to farm income.",
            [("broadband access", "farm income", 0)],
        ),
        (
            "We find no statistically significant change in employment after the wage rise.",
            [("wage", "employment", 0)],
        ),
        ("After the reform, there was no increase in rents.", [("reform", "rents", 0)]),
        # "a change" alone names no direction and no claim; "unlikely to" before no verb of
        # causing still compares a group
        ("After the reform, we saw a change in rents.", []),
        ("Migrants are unlikely to return home.", [("migrants", "return home", -1)]),
    ],
)
def test_words_that_deny_the_link_make_null_findings(sentence, expected):
    assert claims(sentence) == expected


def test_out_of_a_harm_is_less_of_it_and_out_of_a_place_is_not_a_harm():
    assert claims("The tax credit lifted 3 million children out of poverty.") == [
        ("tax credit", "poverty", -1)
    ]
    assert claims("Rising rents pushed families out of the city.")[0][2] == 1


def test_a_cue_word_before_an_auxiliary_is_the_subjects_noun():
    assert claims("Minimum wage increases did not reduce employment.") == [
        ("minimum wage", "employment", 0)
    ]
    assert claims("Tax cuts have boosted investment.") == [("tax cuts", "investment", 1)]


def test_lead_as_a_noun_before_a_verb_of_linking_leads_nowhere():
    assert claims("Exposure to lead is linked to lower IQ scores.") == [
        ("exposure to lead", "iq scores", -1)
    ]
    assert claims("The ban led firms to cut jobs.") == [("ban", "jobs", -1)]


def test_into_a_harm_is_more_of_it_and_left_without_is_less():
    assert claims("Evictions can push families into homelessness.") == [
        ("evictions", "homelessness", 1)
    ]
    assert claims("Floods left farms without power.") == [("floods", "power", -1)]
    # into a place or a market is no harm: the older reading stands
    assert claims("Subsidies pushed firms into new markets.")[0][1] != "new markets"


def test_a_subject_said_to_be_one_thing_and_a_means_of_another_is_the_means():
    assert claims("The reform is part of a wider plan and a way of cutting costs.") == [
        ("reform", "costs", -1)
    ]


def test_raising_questions_is_no_rise():
    assert claims("Tolls cut traffic, raising concerns about local shops.") == [
        ("tolls", "traffic", -1)
    ]
    assert claims("Tolls cut traffic, thereby raising bus speeds.") == [
        ("tolls", "traffic", -1),
        ("traffic", "bus speeds", -1),
    ]


def test_the_means_after_by_is_a_claim_of_the_same_subject():
    assert claims("The city cut traffic by raising tolls.") == [
        ("city", "traffic", -1),
        ("city", "tolls", 1),
    ]
    # an amount after "by" is no means, and a negated claim lends nothing
    assert claims("The reform raised wages by 5%.") == [("reform", "wages", 1)]
    assert claims("Tolls did not cut traffic by raising fares.") == [("tolls", "traffic", 0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The law provides that tenants must be notified.",
        "The programme provides for annual reviews.",
        "Table 2 provides summary statistics.",
        "Economists explain the slowdown by weak demand.",
    ],
)
def test_provide_and_explain_said_of_a_text_or_a_rule_make_no_claim(sentence):
    assert claims(sentence) == []
