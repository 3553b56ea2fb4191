"""The ninth round: general readings of negated findings, relative clauses, participles and asides.

Every sentence here is written for the test (none is a sentence of the
evaluation passages); each test names the reading it covers.
"""

from __future__ import annotations

import time

import pytest
from helpers import rule_claims as claims

from kg.extract import sentence_candidates

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


# --- relative clauses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # ", which VERB B," between a subject and its verb: an aside, and a claim of its noun
        (
            "Levels of soot, which drives asthma, were lower near the new park.",
            [("levels of soot", "asthma", 1)],
        ),
        # "that VERB B" after an agent: the agent's own claim as well as the clause's
        (
            "The rise in planting was driven by grants that encouraged farmers to restore hedges.",
            [
                ("grants that encouraged farmers to restore hedges", "planting", 1),
                ("grants", "hedges", 1),
            ],
        ),
        # ", which may have VERB-ed B" after a cause named by "due to"
        (
            "The shift was due to cheaper meals, which may have reduced the stigma of eating "
            "at school.",
            [("cheaper meals", "shift", 1), ("cheaper meals", "stigma of eating at school", -1)],
        ),
    ],
)
def test_a_relative_clause_with_a_causal_verb_is_a_claim_of_its_noun(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a kind named by what it does ("a perk that boosts B") claims nothing of its own
        ("Bus passes, a perk that boosts mobility, were cut.", []),
        # a generic noun names no factor
        ("We list the factors that affect wages.", []),
        # a subject's relative clause, when its clause names the whole as the cause
        (
            "Reforms that raise density are associated with lower rents.",
            [("reforms that raise density", "rents", -1)],
        ),
    ],
)
def test_a_relative_clause_that_only_says_which_is_meant_claims_nothing(sentence, expected):
    assert claims(sentence) == expected


# --- participles after a clause --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a bare participle's subject is the clause's subject
        (
            "Stricter zoning has reduced construction, raising rents.",
            [("stricter zoning", "construction", -1), ("stricter zoning", "rents", 1)],
        ),
        (
            "The levy imposes costs on bakeries, reducing their profits.",
            [("levy", "costs on bakeries", 1), ("levy", "profits", -1)],
        ),
        (
            "The new line has raised ridership, resulting in a sharp fall in car trips.",
            [("new line", "ridership", 1), ("new line", "car trips", -1)],
        ),
        # "thus", "thereby", "in turn" go on from what the clause moved
        (
            "Stricter zoning has reduced construction, thereby raising rents.",
            [("stricter zoning", "construction", -1), ("construction", "rents", -1)],
        ),
        (
            "Drought reduces crop yields, hence raising food prices.",
            [("drought", "crop yields", -1), ("crop yields", "food prices", -1)],
        ),
        (
            "Drought reduces crop yields, ultimately raising food prices.",
            [("drought", "crop yields", -1), ("crop yields", "food prices", -1)],
        ),
        # an adverb of frequency does not make it go on
        (
            "The reforms raised wages, sometimes lowering turnover.",
            [("reforms", "wages", 1), ("reforms", "turnover", -1)],
        ),
        # no subject to share: a cause that is a clause, or another clause before the comma
        (
            "Prices rose because the bank cut rates, boosting demand.",
            [("bank cut rates", "prices", 1)],
        ),
        ("The tax raised prices while wages fell, reducing demand.", [("tax", "prices", 1)]),
        (
            "Tolls cut traffic, and fares rose, reducing ridership.",
            [("tolls", "traffic", -1), ("tolls", "fares", -1)],
        ),
    ],
)
def test_a_participle_after_a_clause_shares_its_subject_unless_it_goes_on(sentence, expected):
    assert claims(sentence) == expected


def test_a_participle_after_a_list_of_objects_shares_the_subject():
    # the commas of a list end no clause
    found = claims("The tax raised prices for bread, milk and eggs, reducing demand.")
    assert ("tax", "demand", -1) in found


# --- findings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "evidence that" right after the verb of finding opens the finding
        (
            "A survey of ten towns has found evidence that the ban cuts litter and improves "
            "river quality.",
            [("ban", "litter", -1), ("ban", "river quality", 1)],
        ),
        ("Auditors found strong new evidence that tolls cut traffic.", [("tolls", "traffic", -1)]),
        # not when the evidence is denied
        ("Auditors found no evidence that tolls cut traffic.", [("tolls", "traffic", 0)]),
    ],
)
def test_evidence_that_after_a_verb_of_finding_opens_the_finding(sentence, expected):
    assert claims(sentence) == expected


def test_and_that_opens_a_second_finding():
    assert claims("We show that tolls cut traffic and that fares raise revenue.") == [
        ("tolls", "traffic", -1),
        ("fares", "revenue", 1),
    ]
    # "they" in the second finding is the first one's subject
    assert claims("The audit shows that tolls cut traffic and that they raise revenue.") == [
        ("tolls", "traffic", -1),
        ("tolls", "revenue", 1),
    ]


# --- conditions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "Without A, B would happen": A keeps B from happening, under the condition
        (
            "Without new levees, the river towns would flood every spring.",
            [("new levees", "river towns would flood every spring", -1, "conditional")],
        ),
        # a main clause with a cue of its own keeps its claim, now conditional
        (
            "Without shade, each hot day lowers test scores.",
            [("each hot day", "test scores", -1, "conditional")],
        ),
        # what happened without something is no condition
        (
            "Without any subsidy, the scheme cut emissions by half.",
            [("scheme", "emissions", -1, "asserted")],
        ),
        (
            "Without extra staff, the clinics reduced waiting times in 2019.",
            [("clinics", "waiting times", -1, "asserted")],
        ),
        # a pronoun, a gerund or a manner is no thing whose absence acts
        ("Without him, the team would lose.", []),
        ("Without a fight, the city would fall.", []),
        (
            "Without ever seeing the report, the board cut the budget.",
            [("board", "budget", -1, "asserted")],
        ),
    ],
)
def test_without_a_opens_a_condition(sentence, expected):
    assert [
        (c.cause.entity, c.effect.entity, c.sign, c.modality) for c in sentence_candidates(sentence)
    ] == expected


# --- asides ----------------------------------------------------------------------------------


def test_a_pair_of_dashes_around_a_relative_clause_or_examples_is_an_aside():
    # longer than a short aside, and before an adverb rather than an auxiliary
    assert claims(
        "The pilot scheme in the valley \u2013 which paid every household with a child under "
        "five a fixed sum each month for three years \u2013 steadily reduced child hunger."
    ) == [("pilot scheme in the valley", "child hunger", -1)]
    assert claims(
        "Cheaper inputs \u2014 such as fertiliser, seed and diesel bought in bulk through the "
        "new cooperatives of the region \u2014 sharply raised farm incomes."
    ) == [("cheaper inputs", "farm incomes", 1)]


def test_a_verb_phrase_after_but_shares_the_subject_not_what_it_moved():
    assert claims("The cap lowers rents, but also reduces supply.") == [
        ("cap", "rents", -1),
        ("cap", "supply", -1),
    ]
    assert claims("The ban cut litter, but sharply raised cleaning costs.") == [
        ("ban", "litter", -1),
        ("ban", "cleaning costs", 1),
    ]
    # after an auxiliary or a negation, too
    assert claims("Minimum wages raise pay, but may reduce hours.") == [
        ("minimum wages", "pay", 1),
        ("minimum wages", "hours", -1),
    ]
    assert claims("The levy cut sugar intake, but did not affect weight.") == [
        ("levy", "sugar intake", -1),
        ("levy", "weight", 0),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a word that is also a causal verb opens a subject when a verb follows it soon
        (
            "The tax raised revenue, but lower wages cut spending.",
            [("tax", "revenue", 1), ("wages", "spending", 1)],
        ),
        (
            "The tax raised revenue, but reduced demand hurt small firms.",
            [("tax", "revenue", 1), ("demand", "small firms", 1)],
        ),
        (
            "The cap lowers rents, but increased costs reduce supply.",
            [("cap", "rents", -1), ("costs", "supply", -1)],
        ),
        (
            "The scheme cut fees, but cuts to grants reduced enrolment.",
            [("scheme", "fees", -1), ("grants", "enrolment", 1)],
        ),
        # a second verb after "and" goes on with the verb phrase
        (
            "The ban cut litter, but raised costs and cut jobs.",
            [("ban", "litter", -1), ("ban", "costs", 1), ("ban", "jobs", -1)],
        ),
    ],
)
def test_a_subject_after_but_opening_with_a_verb_s_word_is_a_subject(sentence, expected):
    assert claims(sentence) == expected


def test_explains_that_reports_the_claim():
    (found,) = sentence_candidates("The mayor explains that the levy cuts traffic.")
    assert (found.cause.entity, found.effect.entity, found.sign) == ("levy", "traffic", -1)
    assert (found.modality, found.attributed_to) == ("reported", "The mayor")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "an evaluation of P found no impact on B": P's influence, each one of its own
        (
            "An evaluation of the reading scheme found small impacts on spelling and no impact "
            "on maths or science grades.",
            [
                ("reading scheme", "spelling", 1),
                ("reading scheme", "maths", 0),
                ("reading scheme", "science grades", 0),
            ],
        ),
        (
            "Three trials of free bus travel in rural counties found no impact on car use.",
            [("free bus travel", "car use", 0)],
        ),
    ],
)
def test_a_study_of_something_that_found_an_impact_names_it_as_the_cause(sentence, expected):
    assert claims(sentence) == expected


def test_a_concessive_clause_ends_before_they_or_it_and_its_verb():
    assert claims(
        "Although the clinics raised vaccination rates they had no effect on child deaths."
    ) == [("clinics", "vaccination rates", 1), ("clinics", "child deaths", 0)]


def test_these_studies_found_that_reports_the_finding():
    (found,) = sentence_candidates("These studies found that tolls cut traffic.")
    assert (found.cause.entity, found.effect.entity, found.modality) == (
        "tolls",
        "traffic",
        "reported",
    )


def test_a_purpose_goes_on_through_a_list_of_bare_verbs():
    assert claims("The grants aim to raise yields, cut waste, and improve soil health.") == []
    # a verb in the past after the purpose is a finding
    assert claims("Meant to cut waste, the grants raised yields.") == [("grants", "yields", 1)]


def test_a_verb_of_change_before_above_or_below_has_no_object():
    assert claims("The cost of a repair increases markedly above a depth of two metres.") == []
    assert claims("The cost of a repair increases markedly below a depth of two metres.") == []


def test_an_amount_restated_after_or_between_commas_is_an_aside():
    assert claims("The grants lifted 12,000 farms, or 8% of all farms, out of debt.") == [
        ("grants", "debt", -1)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # a condition with a verb of its own is no noun phrase to be without
        "Without these checks no file is read, and the cache stays empty.",
        # "without" inside a sentence cut short opens no condition
        "without a fee, users would leave.",
        # a main clause that says what is so, not what would happen
        "Without reliable data, the effect is hard to measure.",
        # a relative clause whose object is a pronoun moves what is named elsewhere
        "A phrase that keeps a word that lowers it is signed as written.",
    ],
)
def test_no_condition_or_relative_claim_from_a_clause_or_a_pronoun(sentence):
    assert claims(sentence) == []


def test_relative_clauses_and_second_findings_are_read_in_linear_time():
    one = "Schemes that raise wages cut turnover."
    sentence_candidates(one)  # patterns compiled before the clock starts
    start = time.process_time()
    for _ in range(20):
        sentence_candidates(one)
    baseline = (time.process_time() - start) / 20
    long_run = "schemes, which raise wages and that cut turnover, " * 300 + "cut turnover."
    start = time.process_time()
    sentence_candidates(long_run)
    spent = time.process_time() - start
    # some 400 times longer than the baseline: a few relative clauses read, each in a
    # bounded span, and the findings split a few times at most
    assert spent < 1500 * max(baseline, 1e-4)


def test_a_relative_clause_before_appear_or_seem_is_an_aside():
    assert claims(
        "The gains, which are larger in small towns, appear to be driven by cheaper loans."
    ) == [("cheaper loans", "gains", 1)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # public bodies that act on a condition are no cause; a move that goes on is a move
        (
            "If fares keep rising, councils will cut bus routes.",
            [("fares", "bus routes", -1, "conditional")],
        ),
        (
            "If rents continue to fall, authorities will reduce housing grants.",
            [("rents", "housing grants", 1, "conditional")],
        ),
    ],
)
def test_public_bodies_act_on_a_condition_that_keeps_moving(sentence, expected):
    assert [
        (c.cause.entity, c.effect.entity, c.sign, c.modality) for c in sentence_candidates(sentence)
    ] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "that" after a verb of saying opens the claim, not a relative clause
        ("The report argues that raising taxes cuts growth.", [("taxes", "growth", -1)]),
        (
            "The minister claimed that cutting rates boosts investment.",
            [("rates", "investment", -1)],
        ),
        ("Economists estimate that lower fees would raise enrolment.", [("fees", "enrolment", -1)]),
    ],
)
def test_that_after_a_verb_of_saying_is_no_relative_clause(sentence, expected):
    assert claims(sentence) == expected


def test_a_relative_clause_between_the_subject_and_its_causal_verb_is_an_aside():
    assert claims("The levy, which began in 2019, reduced sugar intake.") == [
        ("levy", "sugar intake", -1)
    ]
    # after an object, a gerund after the clause is no verb of the subject
    assert claims("The tax raised prices, which reduced demand.") == [
        ("tax", "prices", 1),
        ("prices", "demand", -1),
    ]


def test_no_condition_from_without_a_doubt_and_no_cause_from_who_was_studied():
    assert [
        (c.cause.entity, c.modality)
        for c in sentence_candidates("Without a doubt, the reform raised wages.")
    ] == [("reform", "asserted")]
    assert claims("A survey of employers found no effect on hiring.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a subject ending in a gerund after "on" keeps its verb, with the aside or without
        ("The ban on trawling reduced incomes.", [("ban on trawling", "incomes", -1)]),
        (
            "The ban on trawling, which cut catches, reduced incomes.",
            [("ban on trawling", "incomes", -1), ("ban on trawling", "catches", -1)],
        ),
        (
            "The rules on lending, which cut risk, reduced defaults.",
            [("rules on lending", "defaults", -1), ("rules on lending", "risk", -1)],
        ),
        (
            "The ban on trawling, which began in 2019, reduced incomes.",
            [("ban on trawling", "incomes", -1)],
        ),
    ],
)
def test_a_subject_ending_in_a_gerund_keeps_its_verb_and_its_aside(sentence, expected):
    assert claims(sentence) == expected


def test_a_relative_clause_without_commas_ends_before_its_noun_s_own_verb():
    assert claims("Firms that cut jobs saw profits rise.") == [("firms", "jobs", -1)]
    assert claims("The schools that reduced class sizes were in cities.") == [
        ("schools", "class sizes", -1)
    ]
    # "and" with a noun phrase before that verb is another subject, no object
    assert claims("Clinics that improve diets and school programs are most effective.") == [
        ("clinics", "diets", 1)
    ]


def test_a_number_s_comma_does_not_end_a_relative_aside():
    assert claims("The scheme, which has 12,000 members, has raised savings.") == [
        ("scheme", "savings", 1)
    ]
    assert claims("Auditors found that the fund, which lent 3,000 loans, cut arrears.") == [
        ("fund", "arrears", -1)
    ]


def test_the_noun_of_a_relative_clause_begins_after_a_verb_of_adopting_or_using():
    assert claims("The fund supports projects that improve water quality in rivers.") == [
        ("projects", "water quality in rivers", 1)
    ]
    assert claims("Cities should invest in clinics that cut waiting times.") == [
        ("clinics", "waiting times", -1)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the noun of a relative clause is a bare noun phrase, never the verb before it
        ("The mayor praised policies that boost growth.", [("policies", "growth", 1)]),
        ("He described policies that boost growth.", [("policies", "growth", 1)]),
        ("The report lists measures that reduce emissions.", [("measures", "emissions", -1)]),
        ("The state chose programs that raise wages.", [("programs", "wages", 1)]),
        ("The mayor lauded policies that boost growth.", [("policies", "growth", 1)]),
        # a participle before its preposition is no verb of the sentence
        (
            "Subsidies aimed at farmers that cut costs were popular.",
            [("subsidies aimed at farmers", "costs", -1)],
        ),
        # the object of a verb that tells it to act: the clause says which are meant
        ("The law requires landlords that raise rents to notify tenants.", []),
    ],
)
def test_the_noun_of_a_relative_clause_stops_at_a_verb(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "that" after "and", "but" or "so" stands for what was said, no relative clause
        ("The law cut emissions and that reduced asthma.", [("law", "emissions", -1)]),
        ("Rents rose and that pushed families out of the city.", []),
        # a word that stands for a noun names no cause
        ("The reform cut fees, something that raised enrolment.", [("reform", "fees", -1)]),
        ("The reform cut fees, one that raised enrolment.", [("reform", "fees", -1)]),
    ],
)
def test_that_after_and_and_something_that_make_no_relative_claim(sentence, expected):
    assert claims(sentence) == expected


def test_a_cue_word_opening_the_subject_before_a_verb_of_tendency_is_no_verb():
    assert claims("Lower interest rates tend to boost house prices.") == [
        ("interest rates", "house prices", -1)
    ]


def test_a_means_between_the_subject_and_its_verb_is_the_subject_s():
    assert claims("Tolls, by raising the cost of driving, cut traffic.") == [
        ("tolls", "traffic", -1),
        ("tolls", "cost of driving", 1),
    ]


def test_a_verb_of_saying_without_that_reports_the_clause_after_it():
    (found,) = sentence_candidates("Critics argue the levy raises bread prices.")
    assert (found.cause.entity, found.effect.entity, found.sign) == ("levy", "bread prices", 1)
    assert (found.modality, found.attributed_to) == ("reported", "Critics")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Economists warn higher tariffs will raise prices.", ("tariffs", "prices", "reported")),
        (
            "Evidence from Kenya shows cash transfers reduce child labour.",
            ("cash transfers", "child labour", "reported"),
        ),
    ],
)
def test_a_finding_or_a_warning_without_that_is_reported(sentence, expected):
    (found,) = sentence_candidates(sentence)
    assert (found.cause.entity, found.effect.entity, found.modality) == expected


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        # an adjective in -ed is no verb of saying, and a determiner or "and" no speaker
        ("The expected higher fees will cut enrolment.", "asserted"),
        ("An anticipated new tax would raise prices.", "conditional"),
        ("Long-awaited and widely anticipated new rules cut waiting times.", "asserted"),
        # the text's own evidence is no one else's report
        ("Evidence in this paper shows that tolls cut traffic.", "asserted"),
        ("Evidence from our survey suggests that tolls cut traffic.", "hedged"),
    ],
)
def test_no_speaker_from_an_adjective_of_expecting_nor_the_text_s_own_evidence(sentence, modality):
    found = sentence_candidates(sentence)
    assert found
    assert {(c.modality, c.attributed_to) for c in found} == {(modality, None)}


def test_a_bare_verb_of_saying_and_evidence_from_elsewhere_still_report():
    (found,) = sentence_candidates("Officials hope the new rules will cut waiting times.")
    assert (found.modality, found.attributed_to) == ("reported", "Officials")
    # an adverb before the verb leaves a speaker
    (found,) = sentence_candidates("Analysts widely expect the new rules will cut fees.")
    assert found.modality == "reported"
    (found,) = sentence_candidates("Evidence from Spain shows that tolls cut traffic.")
    assert (found.modality, found.attributed_to) == ("reported", "Evidence from Spain")
