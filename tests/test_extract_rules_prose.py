"""The rules of kg extract on the shapes of real prose: asides, lists, figures, second verbs.

Every sentence here is written for the test; each test names the wording it
covers, in the words of the rule (the engine's docstring lists them).
"""

from __future__ import annotations

import pytest
from helpers import rule_claims as claims

from kg.extract import sentence_candidates
from kg.extract.engine import without_asides


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a parenthesis inside a list does not end it
        (
            "Farm output was influenced by rainfall (RF), seed quality and credit.",
            [("rainfall", "farm output", 1), ("seed quality", "farm output", 1),
             ("credit", "farm output", 1)],
        ),
        # a dashed aside between the subject and its verb is read as absent
        (
            "Port fees \u2014 set each spring \u2014 raise freight costs.",
            [("port fees", "freight costs", 1)],
        ),
        # a list's number is not part of the cause
        ("(2) The new pension raised household spending.", [("new pension", "household spending", 1)]),
        ("The results: 3) tariffs reduce imports.", [("tariffs", "imports", -1)]),
    ],
)  # fmt: skip
def test_asides_and_list_numbers_are_read_as_absent(sentence, expected):
    assert claims(sentence) == expected


def test_without_asides_keeps_the_rest_of_the_sentence():
    assert (
        without_asides("Tolls (2019) \u2014 as planned \u2014 cut traffic.") == "Tolls cut traffic."
    )
    assert without_asides("1) Tolls cut traffic.") == "Tolls cut traffic."


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a figure before the qualifier: the qualifier still gives its sign
        (
            "A 10 percent increase in the share of migrants reduces local wages by 1 percent.",
            [("share of migrants", "local wages", -1)],
        ),
        ("A 20% rise in rents pushes families out.", [("rents", "families out", 1)]),
        # "increase in" is a noun, not the verb of the sentence
        ("An increase in tariffs lowers imports.", [("tariffs", "imports", -1)]),
    ],
)
def test_a_figure_before_a_qualifier_is_left_out(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Exports increased 3.1 million year on year, up 4.5%.",
        "Unemployment durations increase somewhat.",
        "Grain prices rose sharply.",
    ],
)
def test_a_verb_with_only_a_figure_or_a_degree_after_it_is_no_claim(sentence):
    assert sentence_candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # where or when before the subject is not a cause
        (
            "In most coastal towns, planning rules prevent new hotels.",
            [("planning rules", "new hotels", -1)],
        ),
        (
            "During the drought, water prices pushed farmers out.",
            [("water prices", "farmers out", 1)],
        ),
        # the list of subjects starts after "that"
        (
            "We found evidence that roads, clinics and schools attract young families.",
            [("roads", "young families", 1), ("clinics", "young families", 1),
             ("schools", "young families", 1)],
        ),
        # adjectives of one noun, some of two words
        (
            "Rural economic, social and spatial development attracts returnees.",
            [("rural economic, social and spatial development", "returnees", 1)],
        ),
        # a suspended hyphen joins two compounds of one noun
        (
            "Drought reduces capital- and labour-intensive farming.",
            [("drought", "capital- and labour-intensive farming", -1)],
        ),
        # the agent of a participle is not the subject
        (
            "Rules made by city councils, states and agencies shape housing costs.",
            [("rules", "housing costs", 1)],
        ),
    ],
)  # fmt: skip
def test_phrase_boundaries_of_the_subject(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Tolls raise fares but do not reduce traffic.",
            [("tolls", "fares", 1), ("tolls", "traffic", 0)],
        ),
        (
            "Grants encourage hiring but does not have a significant impact on wages.",
            [("grants", "hiring", 1), ("grants", "wages", 0)],
        ),
        (
            "Tolls raise fares and reduce traffic.",
            [("tolls", "fares", 1), ("tolls", "traffic", -1)],
        ),
    ],
)
def test_a_second_verb_after_but_is_negated_on_its_own(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an adverb gives a cue of influence its direction, active or passive
        ("Out-migration negatively influences input use.", [("out-migration", "input use", -1)]),
        ("Rents are negatively affected by new supply.", [("new supply", "rents", -1)]),
        ("Broadband positively affects village sales.", [("broadband", "village sales", 1)]),
        # adverbs between the auxiliary and a passive participle
        (
            "The subsidy's effect is significantly weakened by crowding out private gifts.",
            [("crowding out private gifts", "subsidy's effect", -1)],
        ),
        # an effect declared not significant: a null finding, its cause the previous claim's
        (
            "The pension improved life satisfaction, but the impact on self-rated health is "
            "not significant.",
            [("pension", "life satisfaction", 1), ("pension", "self-rated health", 0)],
        ),
        (
            "The effect of tolls on farm incomes was statistically insignificant.",
            [("tolls", "farm incomes", 0)],
        ),
    ],
)
def test_direction_and_null_findings_in_so_many_words(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a connective opening the clause leaves the clause's own cue to be read
        (
            "As a result, indebted farmers are 26 percent less likely to plant trees and are "
            "far less likely to hire workers.",
            [("indebted farmers", "plant trees", -1), ("indebted farmers", "hire workers", -1)],
        ),
        # what is used to do something is the cause
        (
            "Households may use extra income to increase school spending.",
            [("extra income", "school spending", 1)],
        ),
        # a subordinating conjunction is not part of the cause
        (
            "Although remittances raise incomes, they do little for schooling.",
            [("remittances", "incomes", 1)],
        ),
    ],
)
def test_comparatives_and_subjects_in_longer_sentences(sentence, expected):
    assert claims(sentence) == expected


def test_a_condition_in_a_later_clause_does_not_make_the_claim_conditional():
    (found,) = sentence_candidates(
        "Farmers may use credit to raise yields, but yields fall if the rains fail."
    )[:1]
    assert (found.cause.entity, found.effect.entity, found.modality) == (
        "credit",
        "yields",
        "hedged",
    )
    (kept,) = sentence_candidates("Cheap credit raises county wages if banks lend.")
    assert kept.modality == "conditional"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a claim the sentence rejects: a null finding for each of its claims
        (
            "The popular belief that migrants lower the wages and jobs of natives is not "
            "supported by the evidence.",
            [("migrants", "wages", 0), ("migrants", "jobs of natives", 0)],
        ),
        ("The claim that tolls reduce traffic is unfounded.", [("tolls", "traffic", 0)]),
        # the same wording without the verdict is an ordinary claim
        ("Migrants lower the wages of natives.", [("migrants", "wages of natives", -1)]),
    ],
)
def test_a_rejected_claim_is_a_null_finding(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the cause before the clause it explains; "do not have" lowers the effect
        (
            "Due to the registration rules, migrants do not have access to city schools.",
            [("registration rules", "access to city schools", -1)],
        ),
        (
            "Thanks to cheap loans, farmers bought more tractors.",
            [("cheap loans", "farmers bought more tractors", 1)],
        ),
        # a clause with its own cue is read as usual
        (
            "Because of the drought, high prices pushed farmers out.",
            [("prices", "farmers out", 1)],
        ),
        # the fronted claim goes on through "thus leading to"
        (
            "Due to high fees, families do not have savings, thus leading to less schooling.",
            [("fees", "savings", -1), ("savings", "schooling", 1)],
        ),
    ],
)
def test_a_fronted_cause_before_its_clause(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "modality"),
    [
        # the measure recommended is the cause, the claim hedged
        (
            "We recommend input subsidies and farm credit to raise yields.",
            [("input subsidies", "yields", 1), ("farm credit", "yields", 1)],
            "hedged",
        ),
        # "has potential to" hedges and is not the cause's
        (
            "Migration and remittances have potential to improve rural development.",
            [("migration", "rural development", 1), ("remittances", "rural development", 1)],
            "hedged",
        ),
        # a claim going on through a gerund is as hedged as the one before it
        (
            "Grants may raise incomes, thus reducing out-migration.",
            [("grants", "incomes", 1), ("incomes", "out-migration", -1)],
            "hedged",
        ),
        # "we argue that" is the text's own voice, not a report
        ("We argue that tolls reduce traffic.", [("tolls", "traffic", -1)], "asserted"),
    ],
)
def test_recommendations_potential_and_own_voice(sentence, expected, modality):
    assert claims(sentence) == expected
    assert {c.modality for c in sentence_candidates(sentence)} == {modality}


def test_an_adjective_before_and_keeps_a_noun_phrase_whole():
    assert claims("Tenure rules reduce the hope of a long-term and stable life in town.") == [
        ("tenure rules", "hope of a long-term and stable life in town", -1)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a clause that moved after a clause that moved something: the product of the two
        (
            "Jobs and hours fell after the city raised the minimum wage to $13.",
            [("minimum wage", "jobs", -1), ("minimum wage", "hours", -1)],
        ),
        ("Rents rose after the council limited new building.", [("new building", "rents", -1)]),
    ],
)
def test_a_move_after_a_causal_verb(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Farmers left after the drought.",  # nothing moved by a causal verb
        "Prices were high after the harvest.",  # no clause moved
    ],
)
def test_after_without_two_moves_is_no_claim(sentence):
    assert sentence_candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "as well as" joins a list like "and"
        (
            "Yields are influenced by rainfall as well as the price of seed.",
            [("rainfall", "yields", 1), ("price of seed", "yields", 1)],
        ),
        # a concessive clause and the main clause each make their own claim
        (
            "Although credit has no effect on yields, training raises farm incomes.",
            [("credit", "yields", 0), ("training", "farm incomes", 1)],
        ),
        # a clause after "while" with its own subject
        (
            "Tolls reduce traffic while fuel taxes do not affect it either.",
            [("tolls", "traffic", -1)],
        ),
        (
            "Tolls reduce traffic while fuel taxes do not affect car use.",
            [("tolls", "traffic", -1), ("fuel taxes", "car use", 0)],
        ),
        # a means inside the subject: "by" and a gerund
        (
            "Building clinics by training nurses and buying drugs would lower child deaths.",
            [("building clinics", "child deaths", -1)],
        ),
        # a noun of reduction before "effect on" names what goes down
        (
            "The transfer has a significant poverty alleviation effect on widows.",
            [("transfer", "poverty of widows", -1)],
        ),
        # "a positive impact in terms of": an influence with its direction; "whether ..."
        # after the effect is no further item
        (
            "Remittances have a positive impact in terms of coping with shocks, whether "
            "local or national.",
            [("remittances", "coping with shocks", 1)],
        ),
    ],
)
def test_lists_clauses_and_means(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a list of verb phrases after one subject: a claim for each
        (
            "Transfers have lowered the poverty rate, improved child nutrition, and have "
            "increased vaccination.",
            [("transfers", "poverty rate", -1), ("transfers", "child nutrition", 1),
             ("transfers", "vaccination", 1)],
        ),
        # a list after a colon names what the verb moved
        (
            "Less traffic reduced three pollutants: soot, ozone and carbon monoxide.",
            [("traffic", "soot", 1), ("traffic", "ozone", 1), ("traffic", "carbon monoxide", 1)],
        ),
        # an appositive after the subject is not the cause
        (
            "A small grant, equivalent to 2% of income, raised school attendance.",
            [("small grant", "school attendance", 1)],
        ),
        # a relative clause between the subject and its verb is an aside
        (
            "The toll, which was set up in 2003, has had no effect on air quality.",
            [("toll", "air quality", 0)],
        ),
        # "as" opening a clause is not the cause's
        ("As the toll has reduced traffic, noise fell.", [("toll", "traffic", -1)]),
        # successful at doing: the subject does it
        ("The scheme is most successful at reducing traffic.", [("scheme", "traffic", -1)]),
        # "evidence that" ends the research frame
        (
            "There is strong evidence that cash transfers raise school enrollment.",
            [("cash transfers", "school enrollment", 1)],
        ),
    ],
)  # fmt: skip
def test_subjects_and_verb_phrases_of_longer_sentences(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a purpose is not a finding
        "The scheme was designed to reduce traffic.",
        "The levy, introduced in 2019 to curb sugar intake, is small.",
        # an adjective or a comparison, not the verb
        "Administrative costs have been lower than those of other programmes.",
        "Fares are lower in winter.",
    ],
)
def test_purposes_and_comparisons_are_not_claims(sentence):
    assert sentence_candidates(sentence) == []


def test_someone_elses_findings_are_reported_ours_not():
    (theirs,) = sentence_candidates(
        "The findings presented by the institute suggest that tolls reduce traffic."
    )
    assert theirs.modality == "reported"
    (ours,) = sentence_candidates("The results of the study show that tolls reduce traffic.")
    assert ours.modality == "asserted"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # negation and null findings
        ("Tolls did not significantly reduce traffic.", [("tolls", "traffic", 0)]),
        ("Tolls had no significant effect on traffic.", [("tolls", "traffic", 0)]),
        ("Tolls were found to have no effect on traffic.", [("tolls", "traffic", 0)]),
        ("Low rainfall is not a cause of migration.", [("rainfall", "migration", 0)]),
        (
            "Rent control reduces neither supply nor quality.",
            [("rent control", "supply", 0), ("rent control", "quality", 0)],
        ),
        # verbs and qualifiers that lower
        (
            "Drought lowers yields and weakens rural incomes.",
            [("drought", "yields", -1), ("drought", "rural incomes", -1)],
        ),
        ("Quotas curb imports.", [("quotas", "imports", -1)]),
        ("The decline in tariffs boosted exports.", [("tariffs", "exports", -1)]),
        ("Higher wages make workers less likely to quit.", [("wages", "quit", -1)]),
        ("Public loans crowd out private credit.", [("public loans", "private credit", -1)]),
        # double negatives
        ("A lack of roads hinders trade.", [("roads", "trade", 1)]),
        ("Subsidies did not prevent prices from falling.", [("subsidies", "prices", 0)]),
        ("Subsidies prevent prices from falling.", [("subsidies", "prices", 1)]),
        # a noun ending in -ly is no degree word
        ("Tariffs reduce the supply of steel.", [("tariffs", "supply of steel", -1)]),
    ],
)
def test_sign_handling_in_so_many_words(sentence, expected):
    assert claims(sentence) == expected
