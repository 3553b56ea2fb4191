"""The rules of kg extract on more wordings of real prose: guards, signs, structures, modality.

Every sentence here is written for the test (none is a sentence of the
evaluation passages); each test names the wording it covers.
"""

from __future__ import annotations

import pytest
from helpers import rule_claims as claims

from kg.extract import parse_phrase, sentence_candidates


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


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        # someone else's expectation or prediction is reported, not asserted
        ("Planners expected that ring roads would ease congestion.", "Planners"),
        ("The bank predicts that rate cuts will boost lending.", "The bank"),
        # a report named at the end, an aside inside its name
        (
            "Free bus passes raise clinic visits, a new survey, which covered nine towns, shows.",
            "a new survey, which covered nine towns,",
        ),
        # a quotation attributed at its end
        ("\u201cTolls cut traffic,\u201d said the transport minister.", "the transport minister"),
        ("\u201cTolls cut traffic,\u201d the minister told reporters.", "the minister"),
        ("Tolls cut traffic, officials said.", "officials"),
    ],
)
def test_a_claim_someone_else_makes_is_reported(sentence, who):
    found = sentence_candidates(sentence)
    assert len(found) == 1
    assert (found[0].modality, found[0].attributed_to) == ("reported", who)


def test_a_finding_whose_finders_are_unnamed_is_reported():
    found = sentence_candidates("Rural clinics were found to reduce infant deaths.")
    assert [(c.cause.entity, c.effect.entity, c.sign, c.modality) for c in found] == [
        ("rural clinics", "infant deaths", -1, "reported")
    ]


@pytest.mark.parametrize(
    ("phrase", "entity", "sign"),
    [
        # a state after a verb of being says how much there is
        ("demand is weak", "demand", -1),
        ("rents are higher", "rents", 1),
        ("the valleys become more arid", "valleys", 1),
        ("wages remain very low", "wages", -1),
        # a measure that starts or ends
        ("the introduction of a sugar levy", "sugar levy", 1),
        ("the repeal of the fuel duty", "fuel duty", -1),
        ("the abolition of school fees", "school fees", -1),
    ],
)
def test_a_state_or_a_measure_starting_or_ending_gives_a_sign(phrase, entity, sign):
    found = parse_phrase(phrase)
    assert (found.entity, found.sign) == (entity, sign)


@pytest.mark.parametrize(
    ("phrase", "entity", "sign"),
    [
        ("tariffs were cut", "tariffs", -1),
        ("the levy was further raised", "levy", 1),
        ("the fee is reduced", "fee", -1),
        # a verb that moves no amount says nothing of its subject's size
        ("the farmers were encouraged", "farmers were encouraged", 1),
    ],
)
def test_a_passive_of_a_verb_of_amount_says_which_way_its_subject_moved(phrase, entity, sign):
    found = parse_phrase(phrase)
    assert (found.entity, found.sign) == (entity, sign)


def test_the_end_of_a_measure_turns_the_sign_of_its_claim():
    assert claims("The repeal of the fuel duty raised car use.") == [("fuel duty", "car use", -1)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "it" or "they" after a conjunction stands for the subject before, not its object
        (
            "Pensions cut old-age poverty, but they can cause early retirement.",
            [("pensions", "old-age poverty", -1), ("pensions", "early retirement", 1)],
        ),
        (
            "Subsidies raise output and they lower prices.",
            [("subsidies", "output", 1), ("subsidies", "prices", -1)],
        ),
        (
            "Subsidies raise output but they do not lower prices.",
            [("subsidies", "output", 1), ("subsidies", "prices", 0)],
        ),
        # a reason with its own causal verb: a second claim of the same subject
        (
            "Tolls reduce traffic because they raise the cost of driving.",
            [("tolls", "traffic", -1), ("tolls", "cost of driving", 1)],
        ),
        # "which" still goes on from what the clause before moved
        ("Rents rose, which pushed families out.", [("rents", "families out", 1)]),
    ],
)
def test_a_pronoun_stands_for_the_subject_before(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "modality"),
    [
        # an event after "after", "following", "if", "when": a verb and its object, or a phrase
        (
            "Jobs fell after the city raised the minimum wage.",
            [("minimum wage", "jobs", -1)],
            "asserted",
        ),
        (
            "Sales of cigarettes dropped almost nine per cent after a tax hike, suggesting a lot.",
            [("tax hike", "sales of cigarettes", -1)],
            "asserted",
        ),
        ("Bus use rose following the abolition of fares.", [("fares", "bus use", -1)], "asserted"),
        ("Exports rose after tariffs were cut.", [("tariffs", "exports", -1)], "asserted"),
        (
            "Crime rates would fall sharply if the city hired more police.",
            [("city hired more police", "crime rates", -1)],
            "conditional",
        ),
        # a condition first: each part of the main clause that moved
        ("When you lower fares, ridership goes up.", [("fares", "ridership", -1)], "conditional"),
        (
            "When the levy was raised, sales fell, and imports grew.",
            [("levy", "sales", -1), ("levy", "imports", 1)],
            "conditional",
        ),
        ("As fuel prices rise, car use falls.", [("fuel prices", "car use", -1)], "asserted"),
        # "they" after a condition stands for the condition's subject
        (
            "When fees are not charged, they have little effect on demand.",
            [("fees", "demand", 0)],
            "conditional",
        ),
    ],
)
def test_an_event_or_a_condition_is_the_cause_of_what_moved(sentence, expected, modality):
    found = sentence_candidates(sentence)
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == expected
    assert {c.modality for c in found} == {modality}


@pytest.mark.parametrize(
    "sentence",
    [
        "If the subsidy is not renewed, output falls.",  # a negated event: left to the analyst
        "As expected, output fell.",
        "Prices rose after 2010.",  # a date is no cause
        # an event that ends or fails says a move down without a qualifier: left unsigned
        "If the rains fail, harvests collapse.",
        "Exports have fallen since the port was closed.",
    ],
)
def test_no_event_claim_without_a_cause(sentence):
    assert sentence_candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a means before the clause: its subject did that, too
        (
            "By raising fees, the city cut demand for parking.",
            [("city", "fees", 1), ("city", "demand for parking", -1)],
        ),
        (
            "By encouraging early retirement, such pensions reduce the labour supply of older "
            "workers.",
            [
                ("pensions", "early retirement", 1),
                ("pensions", "labour supply of older workers", -1),
            ],
        ),
        # "by" and a date is no means
        ("By 2020, tolls had cut traffic.", [("tolls", "traffic", -1)]),
    ],
)
def test_a_means_before_the_clause_is_a_claim_of_its_subject(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "and therefore", "and thus": the second verb goes on from what the first moved
        (
            "Mandates might increase labour costs and, therefore, decrease hiring.",
            [("mandates", "labour costs", 1), ("labour costs", "hiring", -1)],
        ),
        (
            "Tolls raise parking costs and thus cut car trips.",
            [("tolls", "parking costs", 1), ("parking costs", "car trips", -1)],
        ),
        # a plain "and": the same subject
        (
            "Subsidies raise output and lower prices.",
            [("subsidies", "output", 1), ("subsidies", "prices", -1)],
        ),
    ],
)
def test_a_verb_after_and_therefore_goes_on_from_the_one_before(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "does the opposite": each claim of the subject before, turned
        (
            "Upzoning raises housing supply and reduces rents, while downzoning does the opposite.",
            [
                ("upzoning", "housing supply", 1),
                ("upzoning", "rents", -1),
                ("downzoning", "housing supply", -1),
                ("downzoning", "rents", 1),
            ],
        ),
        # a relative clause in the subject: the clause's own verb comes after it
        (
            "Reforms that ease zoning rules and raise allowed heights are associated with lower "
            "rents.",
            [("reforms that ease zoning rules and raise allowed heights", "rents", -1)],
        ),
        # "the main effect of A is to VERB B": A VERB B
        (
            "The main effect of the new bridges is to allow farmers to reach markets.",
            [("new bridges", "farmers to reach markets", 1)],
        ),
        (
            "The primary result of the subsidy was to increase the output of small farms.",
            [("subsidy", "output of small farms", 1)],
        ),
        # useful, effective or a way "for", "in", "of" a gerund: the gerund is the verb
        (
            "Paved roads are useful for reducing travel times.",
            [("paved roads", "travel times", -1)],
        ),
        (
            "Vouchers are more effective than grants in improving school attendance.",
            [("vouchers", "school attendance", 1)],
        ),
        # a noun of influence between the subject and its verb is not the subject's
        (
            "Cash grants and food aid have similar impacts increasing school attendance.",
            [("cash grants", "school attendance", 1), ("food aid", "school attendance", 1)],
        ),
        # a participle after a comma is not a list's next item (and a closing phrase of
        # time, "within a year", is no part of the effect)
        (
            "Tolls are associated with a 2% fall in traffic within a year, accounting for new "
            "and old roads.",
            [("tolls", "traffic", -1)],
        ),
    ],
)
def test_wordings_of_subject_and_verb(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "modality"),
    [
        # an effect named with its direction, its cause after "if"
        (
            "There are adverse effects on pupils' reading, attendance, and self-esteem if "
            "parents emigrate.",
            [
                ("parents emigrate", "pupils' reading", -1),
                ("parents emigrate", "attendance", -1),
                ("parents emigrate", "self-esteem", -1),
            ],
            "conditional",
        ),
        # a hedge between the effect and "due to": the clause before is the effect, hedged
        (
            "In cities, crime rates are higher, possibly due to weaker social ties.",
            [("social ties", "crime rates", -1)],
            "hedged",
        ),
        # a view held by others
        (
            "Smaller classes are seen as a way of improving pupil grades.",
            [("classes", "pupil grades", -1)],
            "reported",
        ),
    ],
)
def test_wordings_with_their_modality(sentence, expected, modality):
    found = sentence_candidates(sentence)
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == expected
    assert {c.modality for c in found} == {modality}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a noun of change is no move: "the resulting increase in X"
        ("The resulting increase in rents after the reform was small.", []),
        # but a verb before "in" is one
        (
            "Farm output can fall in the short run if seed prices rise.",
            [("seed prices", "farm output", -1)],
        ),
        # an adjective after a preposition is no verb; "less likely than others to"
        (
            "Women with lower incomes were less likely than others to retire early.",
            [("women with lower incomes", "retire early", -1)],
        ),
        # a sentence-opening adverb is no part of the claim
        (
            "Surprisingly, if droughts last longer, crop yields fall.",
            [("droughts last longer", "crop yields", -1)],
        ),
        # "more likely than others to"
        (
            "Landowners are more likely than tenants to invest in irrigation.",
            [("landowners", "invest in irrigation", 1)],
        ),
    ],
)
def test_nouns_and_adjectives_of_change_are_told_from_verbs(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "modality"),
    [
        # how a finding was made is no part of it; "the research reveals that" reports it
        (
            "Analyzing 12,000 tax records from 30 states, the research reveals that as fuel "
            "prices rise, car use falls.",
            [("fuel prices", "car use", -1)],
            "reported",
        ),
        (
            "Using a panel of 200 villages, we find that roads raise wages.",
            [("roads", "wages", 1)],
            "asserted",
        ),
        # "as" a cause moves, each cause of a list
        (
            "As rents rise and wages fall, demand for housing aid rises.",
            [("rents", "demand for housing aid", 1), ("wages", "demand for housing aid", -1)],
            "asserted",
        ),
    ],
)
def test_a_method_first_and_a_cause_that_moves_with_as(sentence, expected, modality):
    found = sentence_candidates(sentence)
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == expected
    assert {c.modality for c in found} == {modality}


@pytest.mark.parametrize(
    "sentence",
    [
        # "stop" only with what is stopped being done
        "A failure stops the upload.",
        "The search stops at its budget within seconds.",
        # a verb of movement with an object moves that object, not its subject
        "The tool drops them when a row is added.",
    ],
)
def test_stopping_and_dropping_without_a_cause_make_no_claim(sentence):
    assert sentence_candidates(sentence) == []


def test_stop_with_what_is_stopped_being_done():
    assert claims("Deposits stop shoppers from buying plastic bags.") == [
        ("deposits", "shoppers from buying plastic bags", -1)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # no evidence that a claim holds: a null finding
        (
            "We find no evidence that minimum wages reduce employment.",
            [("minimum wages", "employment", 0)],
        ),
        ("There is little evidence that tolls cut traffic.", [("tolls", "traffic", 0)]),
        ("We find evidence that tolls cut traffic.", [("tolls", "traffic", -1)]),
        # a change denied
        (
            "The program did not change household consumption.",
            [("program", "household consumption", 0)],
        ),
        # "does not change across regions" names nothing it changes
        ("The effect of tolls does not change across regions.", []),
    ],
)
def test_null_findings_in_other_words(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a cue word that opens the subject, its verb a few words on, names the subject
        ("Lower interest rates boost borrowing.", [("interest rates", "borrowing", -1)]),
        ("Cuts to school funding lowered test scores.", [("school funding", "test scores", 1)]),
        ("Higher fuel taxes could reduce car use.", [("fuel taxes", "car use", -1)]),
        # a cue word right before a verb is a noun
        (
            "The minimum wage increase led to fewer hours for cleaners.",
            [("minimum wage", "hours for cleaners", -1)],
        ),
        # "one of the main drivers of"
        ("Poverty is one of the main drivers of child labour.", [("poverty", "child labour", 1)]),
        # a word of degree before a noun of change
        ("The ban resulted in a sharp drop in plastic bag use.", [("ban", "plastic bag use", -1)]),
    ],
)
def test_subjects_that_open_with_a_cue_word_and_degrees_of_change(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "modality"),
    [
        # an adverb between commas is no part of the subject
        (
            "Tariffs, in turn, raise consumer prices.",
            [("tariffs", "consumer prices", 1)],
            "asserted",
        ),
        # a gerund after "while": a second verb of the subject
        (
            "The subsidy boosts output while reducing import demand.",
            [("subsidy", "output", 1), ("subsidy", "import demand", -1)],
            "asserted",
        ),
        # "caused B to soar": the way B moved gives the sign
        ("The drought caused food prices to soar.", [("drought", "food prices", 1)], "asserted"),
        ("The strike caused exports to plunge.", [("strike", "exports", -1)], "asserted"),
        # credited with, blamed for: a cause others name
        (
            "The scheme has been credited with reducing youth unemployment.",
            [("scheme", "youth unemployment", -1)],
            "reported",
        ),
        (
            "Minimum wage hikes are often blamed for job losses.",
            [("minimum wage hikes", "job losses", 1)],
            "reported",
        ),
        # the finders named at the end, in the plural
        (
            "Extending the school day improves math scores, the authors report.",
            [("extending the school day", "math scores", 1)],
            "reported",
        ),
    ],
)
def test_more_wordings_with_their_modality(sentence, expected, modality):
    found = sentence_candidates(sentence)
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == expected
    assert {c.modality for c in found} == {modality}


@pytest.mark.parametrize(
    "sentence",
    [
        # a comparison with "than" later in the clause is no claim of a group's trait
        "Urban migrants have more stable jobs than rural migrants.",
        # "you" names no factor
        "You have fewer people going to work sick.",
        # a group without a trait is compared, not explained
        "Women have lower wages.",
        "The search starts from whichever end has fewer links.",
    ],
)
def test_comparisons_with_than_and_a_pronoun_subject_make_no_claim(sentence):
    assert sentence_candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an association or an effect named as a noun, with its direction
        (
            "Results show a positive relationship between schooling and earnings.",
            [("schooling", "earnings", 1)],
        ),
        (
            "We find a negative association between commuting time and life satisfaction.",
            [("commuting time", "life satisfaction", -1)],
        ),
        ("The effect of tolls on traffic is negative and significant.", [("tolls", "traffic", -1)]),
        # a verb before the noun makes the clause's claim; the noun is its evidence
        (
            "Tolls cut traffic, as shown by the negative link between tolls and trips.",
            [("tolls", "traffic", -1)],
        ),
        # "we estimate that", "we document that", "the results confirm that": the claim after
        (
            "We estimate that the levy reduced sugar consumption by 10 percent.",
            [("levy", "sugar consumption", -1)],
        ),
        (
            "We document that remittances raise school enrolment.",
            [("remittances", "school enrolment", 1)],
        ),
        (
            "The results confirm that microfinance improves women's bargaining power.",
            [("microfinance", "women's bargaining power", 1)],
        ),
        # an adverb inside "depends on"
        (
            "Economic growth depends heavily on road investment.",
            [("road investment", "economic growth", 1)],
        ),
    ],
)
def test_directed_nouns_and_findings_after_that(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "modality"),
    [
        # a sudden change, or a closure, named as a noun
        (
            "The subsidy led to a surge in solar installations.",
            [("subsidy", "solar installations", 1)],
            "asserted",
        ),
        ("The crisis caused a slump in car sales.", [("crisis", "car sales", -1)], "asserted"),
        ("The closure of the mine triggered emigration.", [("mine", "emigration", -1)], "asserted"),
        # "since" an event
        (
            "Exports have risen since the port was opened.",
            [("port was opened", "exports", 1)],
            "asserted",
        ),
        # officials "say", with no "that"
        (
            "Officials say the new bridge will boost trade.",
            [("new bridge", "trade", 1)],
            "reported",
        ),
    ],
)
def test_sudden_changes_closures_and_events_since(sentence, expected, modality):
    found = sentence_candidates(sentence)
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == expected
    assert {c.modality for c in found} == {modality}


@pytest.mark.parametrize(
    "sentence",
    [
        # an amount after "by" is no agent
        "Prices increased by 3% compared with last year.",
        # a plan or a promise is no finding
        "The government plans to raise the retirement age.",
        "The mayor promised to cut bus fares.",
    ],
)
def test_amounts_and_plans_make_no_claim(sentence):
    assert sentence_candidates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a cue word as an item of the subject's list, its verb further on
        (
            "Cheaper credit, lower taxes and better roads all boosted growth.",
            [("cheaper credit", "growth", 1), ("taxes", "growth", -1), ("roads", "growth", 1)],
        ),
        # but after a verb it is the next verb
        (
            "Tolls raise prices, lower demand and cut traffic.",
            [("tolls", "prices", 1), ("tolls", "demand", -1), ("tolls", "traffic", -1)],
        ),
        # a reason or a time first, with a clause that moved
        ("Because fees were abolished, enrollment surged.", [("fees", "enrollment", -1)]),
        ("Since the reform, crime has fallen.", [("reform", "crime", -1)]),
        # an event with a verb of amount: its object, signed
        ("Enrollment rose when schools abolished fees.", [("fees", "enrollment", -1)]),
    ],
)
def test_lists_of_subjects_and_reasons_first(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "modality"),
    [
        # a gerund subject "helping ..." is the cause, not a hedge
        (
            "Helping parents find work reduces child poverty.",
            [("helping parents find work", "child poverty", -1)],
            "asserted",
        ),
        # "seems to have lowered": the hedge is not the subject's
        (
            "The tax seems to have lowered sugar consumption.",
            [("tax", "sugar consumption", -1)],
            "hedged",
        ),
        # "studies indicate that", "research shows that": others' findings
        (
            "Studies indicate that cash transfers improve nutrition.",
            [("cash transfers", "nutrition", 1)],
            "reported",
        ),
        (
            "Research shows that bed nets reduce malaria.",
            [("bed nets", "malaria", -1)],
            "reported",
        ),
    ],
)
def test_gerund_subjects_hedges_and_studies(sentence, expected, modality):
    found = sentence_candidates(sentence)
    assert [(c.cause.entity, c.effect.entity, c.sign) for c in found] == expected
    assert {c.modality for c in found} == {modality}


def test_a_name_ending_in_ly_is_no_opening_adverb():
    assert claims("Italy, Spain and Greece raised road tolls.") == [
        ("italy", "road tolls", 1),
        ("spain", "road tolls", 1),
        ("greece", "road tolls", 1),
    ]
