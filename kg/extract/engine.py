"""The rule engine: causal candidates from one sentence, with no model at all.

A sentence is first stripped of an attribution ("Zhang argues that ...") and
an opening condition ("If costs rise, ..."); the rest is cut into clauses at
semicolons and at ", which in turn". In each clause the first cue found
decides the reading:

* a causal verb (``push``, ``lead to``; ``reduce``, ``hinder``): the words
  before it are the cause, the words after it, up to the clause's next
  boundary, the effect; "and VERB ..." after the effect adds a claim with the
  same cause;
* a gap verb (``bridge``, ``narrow`` a gap): the gap decreases;
* a passive (``driven by``): effect before, cause after;
* a connective: ``because``, ``due to`` (effect, then cause) or
  ``as a result``, ``so that`` (cause, then effect).

* a comparative (``more likely to``, ``less likely to``): the words before
  it are the cause, the verb phrase after it the effect;
* a cue of influence without direction (``is influenced by``, ``has an
  effect on``, ``plays a role in``): proposed as ``increases``, its sign
  reason asking the analyst to check the direction.

* a noun of influence with its direction ("the positive effect of A on B",
  "no significant change due to A in B"); two comparatives ("the higher A,
  the lower B");
* an association ("A is negatively associated with B"): the subject is
  read as the cause.

A verb whose object is made to do a causal verb takes that verb's sign too
("encouraged landlords to reduce supply": -); "with A rising, B" reads A as
the cause of the main clause. A clause whose cause is ``which`` or empty
takes the previous claim's effect as its cause, moved the way that claim
moved it ("A lowered B, which in turn reduced C": B -> C is +; a causal
gerund after a comma with "thus", "thereby" or "in turn", ", thus raising C",
goes on the same way, a bare one, ", raising C", is A's). A negation just before
the cue ("does not lead to", "has no effect on") makes a null finding (sign
0, ``no_effect``). A list as cause or effect ("A, B, and C"; "either A or
B") gives one candidate per item, unless its items are adjectives of one
noun ("economic, social and spatial development"). A question, a phrase
that is a figure ("by 20.1%"), and a research frame as cause ("studies",
"the results") make no claim. The sign comes from
:mod:`kg.extract.calculus`, the modality from :mod:`kg.extract.modality`.

Real prose adds its own shapes, each read the same way wherever it occurs:

* asides are read as absent (a short parenthesis, a pair of dashes, a
  list's number, ", which was set up in 2003," before the verb, an
  appositive after the subject);
* the subject is trimmed to its noun phrase: a setting before it ("In most
  cities, ..."), the words up to "evidence that", an agent ("decisions made
  by councils"), a means ("A by improving B would ..."), an opening
  "although", "as" or "since", "we recommend", "has potential to", "were
  found to", "is successful at" and what is used ("use A to raise B": A);
* one subject may have several verb phrases ("lowered A, improved B, and
  have increased C"; "raises A but does not affect B", negated on its own);
* "Due to A, clause" reads A as the cause of the clause; "B fell after the
  city raised A" reads A as the cause, the sign the product of the two
  moves; a concessive clause ("Although ..., ...") and a clause after
  "while" with its own subject are read alone;
* null findings: an effect declared not significant ("the impact on B is
  not significant": the previous claim's cause), a claim the sentence
  rejects ("the belief that A lowers B is not supported");
* no claim: a purpose ("designed to reduce"), a comparison or an adjective
  ("lower than", "fares are lower"), a cue word used as a noun before "in"
  or "of" ("an increase in tariffs"), a verb followed by a degree only
  ("increase somewhat").

The fourth round added wordings of the same kind, each general English:

* events as causes: "B fell after (following, since, if, when) A raised C"
  or "... after a tax hike", and a condition first ("When A rises, B falls
  and C grows": a claim for each part that moved), "as" with a cause that
  moves; "By raising A, S cut B" (S raised A, too); "the main effect of A
  is to raise B"; "A does the opposite" (each claim before, turned);
* pronouns: "it" or "they" after a conjunction, or after a condition, is
  the subject before ("A cuts B, but they raise C"; "..., because they
  raise C"); "and therefore", "and thus" before a second verb go on from
  what the first one moved;
* nouns: "a positive relationship between A and B", "the effect of A on
  B is negative", "there are adverse effects on B if A", "have a
  mitigating effect on", "have higher B" of a group named by a trait
  ("households with credit have higher incomes"), "useful for" or "a way
  of" a gerund;
* findings: "no evidence that ..." and "did not change" are null
  findings; "we estimate that", "the results confirm that" open the claim;
  "expected that", "was found to", "is seen as", "blamed for", a quotation
  attributed at its end ("..., said X") and "..., a new report shows."
  report it;
* not a verb: a cue word inside a compound ("lower-cost"), after a verb of
  experience or movement ("experienced reduced stress", "drop lower"),
  after a preposition ("with lower incomes"), in an agentless passive
  ("fares were cut"), opening the subject ("Lower rates boost ...") or
  right before a verb ("the wage increase led to").

The fifth round read clause and phrase boundaries the same general way:

* a verb of change with no object ("rose sharply during", "increased to
  19 months") names no claim, and "B falls with A" reads A as the cause; a
  change named as a noun after an event ("following A, ... an increase in
  B"); a group named by a trait that goes through, scores or sees a change
  ("evicted tenants experience worsened health"), each item of a list with
  its own comparative;
* spans: a verb of saying or thinking (an adverb before "that" included),
  the one who names a means ("he saw A as a way to ..."), "that was
  projected to", a reduced relative ("the slump triggered by A"), a
  relative clause without a comma that stays with its noun, a verb phrase
  sharing its clause's subject, "respond by VERB-ing", amounts after "by"
  and a comparison's standard ("than their peers") that end no list;
* null findings after "ineffective at", "but not B", "without reducing B",
  "neither A nor B changed C"; "attribute B to A" and "blame B on A" name A;
  no claim from a purpose named as a noun, "equivalent to" a gerund, a bare
  cue word inside a subject, a demonstrative that only points back.

The seventh round read signs and null findings more generally:

* signs: "not only" negates nothing; an adverb of degree before a
  comparative ("significantly lower") or a word of size before a noun of
  change ("small decreases in") says how much, not which way; better and
  worse turn on a noun of harm (``ILLS``: "improved crime", "improvements in
  tardiness" lower it, "worsened affordability" lowers a good);
* null findings: "insignificant (negligible, null) effects on", "did little
  to change", "no evidence in X that", "unaffected by", "unrelated to", "is
  unlikely to reduce", "no (significant) change in B after A";
* causes as nouns and verbs: "lifted N out of poverty" (out of a harm),
  "a contributor to", "a means of", "explain"
  (no direction), "deprive X of", "cost jobs", "provide" (not evidence);
  a gerund after a comma shares the subject of a clause that only says what
  that subject is, or of a null finding; ", suggesting (indicating,
  reinforcing) that" opens a clause of its own; "thereby" after a purpose
  goes on from nothing; "little role for A in explaining B" is a null
  finding; "B fell due to C resulting from D" names D as C's cause; a verb
  of change before "due to" has no object, and a cue word before "into" or
  "on", or after "for cutting", or before an auxiliary ("wage increases did
  not"), is a noun; "raising questions about" raises nothing; "A is part
  of X and a means of B" makes A the means; "A cut B by raising C" is a
  claim from A to C too; "efforts to raise B" is a
  purpose and "ask whether", "discuss how" put a question; after "lead to"
  each item of a list keeps its own comparative ("lower fees and higher
  profits"); ", and these ..." opens a clause; a gerund or noun of change
  that opens a list is shared by its later items ("reducing hunger and
  malnutrition"); ", particularly B" after an effect adds B; a list of
  changes ends at their own verb ("continued", "persisted"); "the employment
  and wage effects of A" names A's influence on each outcome (not "the
  long-term effects of"), none after "no" or "reject"; "prices rose 3%,
  driven by A" and "firms posted higher profits, driven by A" name A as the
  cause of the move or of the object; after a list of nouns, "and reduced
  B" is one more noun; a bullet opening a line, an
  adverb in -ly before the verb and a two-letter acronym ("the EU") are read
  as they are.

The eighth round read clause shapes, pronouns and amounts the same general way:

* a predicate after a list of subjects moves each ("A, B and C all fall"),
  clauses joined by "and" are each read after an event ("B rose and C
  doubled following A"), a disjunctive event is read part by part when the
  whole is not readable, two events joined by "and" are each a cause;
* "it" after a condition, and "it"/"they" after "a study of P found that",
  stand for the condition's subject or P; after a condition, people who act
  on it are no cause ("if wages rise, firms cut hiring": the wages), "unless"
  turned;
* an amount after "by" (ranges, signed figures) and a closing phrase of time
  are no agent and no factor; "by less", "more slowly" turn the move; the
  object of a verb of predicting is what moved;
* null findings in more words ("no overall effect of", "seldom led to");
  adverbs between an auxiliary and "associated with"; a word of scope before
  a noun of change ("an overall reduction in");
* shapes: a few quoted words, ", and there were", a noun phrase with its own
  verb after "and", a long pair of dashes before the verb, a colon before a
  full clause, "And when", "provide X with Y", "A, not B, VERB C", ", and
  some evidence that it ...", "the B of N who ... fell compared to their
  peers", "results in N losing an amount";
* lists: ", and X, and Y"; an adjective with no noun of its own after a
  preposition shares the next item's ("rates of respiratory and cardiac
  illness", "first-time, part-time students"); "food and energy prices" is
  one noun phrase; "other factors" and "at least one of these X" name
  nothing; gerunds after a preposition joined by "and" are a list; a
  summing-up opener ("all told", "taken together") is dropped; words: emit,
  address (an ill), "one of the factors in".

The ninth round read relative clauses, participles, findings and asides the
same general way:

* relative clauses: one whose verb is causal is a claim of its noun (",
  which drives B,", "grants that encouraged N to ..."), the noun beginning
  after a boundary, a verb of saying, of adopting, praising or naming a
  measure, a pronoun's verb or a verb in -ed after a noun, the clause
  ending before the noun's own verb; none from "a/an" N, a generic noun or
  "something", a pronoun as object, "that" after a verb of saying, before a
  gerund or after "and", "but", "so", the object of "requires N to", or a
  subject its clause names as the cause; a relative clause before
  "appear(s)", "seem(s)" or the subject's causal verb is an aside;
* participles: a bare one after a clause (", reducing B") is the subject's
  when that clause gave the last claim and its cause is a noun phrase (else
  none), one after "thus", "thereby", "hence", "in turn", "subsequently",
  "ultimately" goes on from what moved; a verb phrase after ", but" with no
  subject is the subject's (not when a verb follows within a few words:
  "but lower wages cut B");
* findings: a negated verb of finding before "evidence that", "little
  evidence of impacts of A on B" (null findings), "evidence that" right
  after a verb of finding, "and that" before a second finding, "explain(s)
  that", "these studies found that", "an evaluation of P found no impact on
  B", a concessive clause ended by "they" or "it" and a verb; a verb of
  saying without "that" ("critics argue the levy raises B"; not after a
  determiner or "and": "the expected higher fees") and "evidence
  from X shows" (not "in this paper", "from our survey") report the claim
  (:mod:`kg.extract.modality`);
* conditions: "Without A, ..." opening a sentence (not "without a doubt",
  a pronoun, a gerund or a manner), the main clause conditional when it
  says what will, would, could or might happen (A keeping it from
  happening when it has no cue) or what happens each time (a verb in -s),
  not what happened; public bodies act
  on a condition as people do; "keep falling", "continue to rise" are the
  move;
* asides: dashes around "which ..." or "such as ..." at any length, an
  amount restated after ", or", ", by V-ing ...," after the subject (the
  subject's means); a purpose goes on through a list of bare
  verbs; a verb of change before "above" or "below" has no object; words:
  reshape, alter, redirect (no direction).

>>> [(c.cause.entity, c.sign, c.effect.entity) for c in sentence_candidates(
...     "Low urban insurance participation leads to more return migration.")]
[('urban insurance participation', -1, 'return migration')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice

from kg.extract.calculus import DETERMINERS, Phrase, claim_sign, names_an_ill, parse_phrase
from kg.extract.lexicon import (
    ADOPTING_VERBS,
    ATTRIBUTION_VERBS,
    CAUSE_FIRST_CONNECTIVES,
    COMPARATIVE_CUES,
    CORRELATIVE,
    CORRELATIVE_DOWN,
    DECREASING,
    DECREASING_PREDICATES,
    EFFECT_FIRST_CONNECTIVES,
    EVALUATIVE,
    FINITE_AUXILIARIES,
    GAP_VERBS,
    INCREASING,
    INCREASING_PREDICATES,
    NEGATIONS,
    NOMINAL_CUES,
    PASSIVE_CUES,
    VERB_CUES,
    Cue,
    alternation,
)
from kg.extract.modality import (
    is_negated,
    modality_of,
    split_attribution,
    strip_closing_attribution,
)

__all__ = ["Candidate", "sentence_candidates"]


@dataclass(frozen=True)
class Candidate:
    """One proposed claim: the cue, the two phrases, and the sign and modality with reasons."""

    sentence: str
    cue: str
    cue_kind: str  # "verb", "gap", "passive", "connective"
    cause: Phrase
    effect: Phrase
    sign: int
    sign_reason: str
    modality: str
    modality_reason: str
    attributed_to: str | None = None
    reading: str = "stated"  # the rules read only what a sentence says in so many words
    condition: str = ""  # the model's condition; the rules leave it to the analyst


#: Where a phrase ends inside a clause.
_BOUNDARY = re.compile(
    # a comma inside a number ("12,000") is no boundary
    r",(?!(?<=\d,)\d{3}(?:s\b|\b))|;|:|\(|"
    # a lone dash before "with" or "including" adds an afterthought to the phrase before it
    r"\s*[\u2014\u2013]\s*(?=(?:with|including|especially|particularly|notably|mostly|mainly)\s)|"
    r"\s(?:by|through|while|whereas|because|which|who|but|as well as|so that|unless|"
    r"if|when|only when|once|provided|as long as|although|and thus|and hence|thereby|"
    r"and (?:is|are|was|were)|and that|but that|or that|and there (?:is|are|was|were)|"
    # "... and the recipients were employed": a clause of its own after "and"
    r"and(?= (?:the|a|an|this|these|those|its|their) (?:[\w-]+ ){0,4}?(?:is|are|was|were|has|"
    r"have|had) )|"
    r"in order to|rather than|"
    # "... than their peers": the standard of a comparison ("more than 15,000" is an amount)
    r"than (?=(?:their|the|those|that|its|his|her|our|other|others|in|for|at|among|before|"
    r"after|with|without|under|when|if|do|does|did)\b)\S+|(?:suggests?|suggested|shows?|showed|"
    r"indicates?|indicated|finds?|found|means|reveals?|"
    r"revealed|demonstrates?|demonstrated|concludes?|concluded|is|was|evidence|argument|"
    r"conclusion|consensus|belief|view|notion|idea|hypothesis|estimates?|estimated|documents?|"
    r"documented|confirms?|confirmed|impl(?:y|ies|ied)|observes?|observed|notes?|noted|"
    r"establish(?:es|ed)?|predicts?|predicted|expects?|expected|assumes?|assumed|show|"
    r"find|report|reports|reported|argues?|argued|see|sees|saw|know|knows|known|"
    # verbs of thinking and of stressing report a claim as much as verbs of saying do
    r"suspects?|suspected|believes?|believed|thinks?|thought|fears?|feared|hopes?|hoped|"
    r"emphasi[sz]es?|emphasi[sz]ed|stress(?:es|ed)?|raised|claims?|claimed|says?|said)"
    # "we show theoretically that": an adverb may stand between the verb and "that"
    r"(?:\s+\w+ly)? that)\s"
)
#: The gerunds of the causal verbs: ", raising rents" goes on from the clause before.
_GERUND = "|".join(
    sorted(
        {
            form
            for cue in VERB_CUES
            if not cue.neutral and " " not in cue.lemma
            for form in re.findall(r"[a-z]+ing\b", cue.pattern.pattern)
        }
    )
)
#: "..., leading to B": the gerunds of the causal verbs of more than one word, too.
_GERUND += r"|leading\s+to|resulting\s+in|contributing\s+to|giving\s+rise\s+to"
#: Adverbs before such a gerund (", thereby raising", ", sometimes worsening").
_GERUND_ADVERB = (
    r"(?:(?:thereby|thus|hence|subsequently|ultimately|in\s+turn|sometimes|often|also|even|further|"
    r"(?!only\b)[a-z]{3,}ly)\s+)?"
)
_GERUND_OPENING = re.compile(rf"{_GERUND_ADVERB}(?=(?:{_GERUND})\b)")
#: A conjunction opening another clause after what a clause moved.
_CLAUSE_AFTER = re.compile(
    r"(?:,\s*(?:and|but|so|yet)|\b(?:while|whereas|as|because|since|when|although|though|"
    r"until))\s+(?![a-z]+ing\b)"  # "while allowing C": a participle, no clause
)
#: Adverbs before such a gerund that make it go on from what the clause moved.
_CHAINING_ADVERB = re.compile(r"(?:thereby|thus|hence|in\s+turn|subsequently|ultimately)\b")
#: "and", or "but" and a negation, before a second verb of the same subject.
_SECOND_VERB = re.compile(
    r"(?:(?:(?:,?\s+and)?(?P<so>,?\s+(?:therefore|thus|hence|consequently|in\s+turn)\s*,?)|"
    r"\s*(?P<comma>,)(?:\s*and)?|\s+and(?:\s+(?:it|they)(?=\s))?|"
    r"\s+(?P<but>but)(?:\s+(?:it|they)(?=\s))?(?:\s+(?:does|do|did|has|have|had|is|are|"
    r"was|were)\s+not|\s+(?:doesn't|don't|didn't|hasn't|haven't|never|not))?)\s+"
    r"(?:(?:also|can|could|may|might|will|would|often|tend\s+to|tends\s+to)\s+)*"
    # "boosts output while reducing imports": a gerund after "while" is a second verb
    r"|\s+(?:while|whilst)\s+(?=\w+ing\b))"
    r"(?:(?:has|have|had)\s+(?:also\s+)?(?=\w+ed\b|\w+en\b))?"
    r"(?:(?:is|are|was|were)\s+(?:(?:far|much|also|even|\d[\d.,]*\s*(?:%|percent))\s+)?(?=(?:more|less)\s))?"
)
#: "... because they raise costs": a reason with a causal verb of its own.
_BECAUSE_CLAUSE = re.compile(r",?\s+(?:because|since)\s+(?!of\b)(?P<rest>(?:it|they)\s.+)$", re.I)
#: Where a clause ends inside a sentence.
#: A clause that opens with its verb, its subject the clause's before.
_SUBJECTLESS = re.compile(
    r"^\s*(?:is|are|was|were|has|have|had|may|might|can|could|will|would|should|must)\s", re.I
)
#: The subject of a clause: the words before its first auxiliary.
_CLAUSE_SUBJECT = re.compile(
    r"^\s*(?P<subject>[^,;]{3,80}?)\s+(?:is|are|was|were|has|have|had|may|might|can|could|will|"
    r"would|should|must|does|do|did)\s",
    re.I,
)
#: Adverbs, auxiliaries and "not" before a verb phrase ("also raises", "may not cut").
_LEADING_ADVERB = re.compile(
    r"^(?:(?:also|still|even|often|then|not|never|[a-z]{3,}ly|may|might|can|could|will|would|"
    r"should|must|did|does|do|has|have|had|doesn't|don't|didn't)\s+)+"
)
#: "Two evaluations of P found (no, limited, large) impact on B": P's influence on B.
_STUDY_FOUND_EFFECT = re.compile(
    r"^(?P<who>(?:[\w-]+\s+){0,3}?(?:study|studies|analysis|analyses|evaluation|evaluations|"
    r"review|survey|assessment|audit|trial|trials|meta-analysis))\s+of\s+(?P<topic>[^,;:]{3,100}?)"
    r"(?:\s+(?:across|in|from|over|between|among)\s[^,;:]{0,100}?)?\s+(?:(?:has|have|had)\s+)?"
    r"(?:found|finds?|shows?|showed|shown|reports?|reported|reveals?|revealed)\s+"
    r"(?P<effect>(?:[\w-]+\s+){0,3}?(?:effects?|impacts?)\s+(?:on|in)\s.+)$",
    re.I,
)
_AND_EFFECT = re.compile(r",?\s+and\s+(?=(?:[\w-]+\s+){0,2}?(?:effects?|impacts?)\s+(?:on|in)\s)")
#: "... and that C raised D": a second finding of the same verb of finding.
_AND_THAT = re.compile(r",?\s+and\s+that(?=\s)", re.I)
#: Words before "evidence" of a finding ("some (new, strong) evidence that").
_EVIDENCE_WORDS = "some|strong|further|clear|suggestive|new|also|good|robust|compelling"
_CLAUSE = re.compile(
    # "B has risen during the slump, and may be linked to C": a second verb phrase of B
    r",\s*and\s+(?=(?:may|might|can|could|will|would|should|must)\s)|"
    r";\s*|,\s*(?:and\s+)?(?=which\s+in\s+turn\b)|,\s*(?:but|while|whereas)\s+|"
    # "A raised B, and these gains cut C": a demonstrative after ", and" opens a clause
    r",\s*and\s+(?=(?:these|those|this|such)\s)|"
    # "..., suggesting that A raises B": what the finding before is taken to show, a clause
    r",\s*(?:suggesting|indicating|implying|showing|confirming|reinforcing|meaning|"
    r"demonstrating|highlighting|underscoring)\s+that\s+|"
    # "A cut B, and (as well as) some evidence that it raised C": a second finding
    rf",\s*and\s+(?:(?:{_EVIDENCE_WORDS})\s+)*evidence\s+that\s+|"
    r"\s+(?:while|whereas)\s+(?=(?:[\w'-]+\s+){1,4}?(?:does|do|did|is|are|was|were|has|have)\b)"
)
#: "...: the higher A, the lower B", "...: the scheme raised B": a colon before a clause with a
#: subject and a verb of its own (not a list of nouns, which the phrase before names).
_COLON_CLAUSE = re.compile(
    r":\s+(?=(?:the\s+(?:more|less|higher|lower|greater|larger|bigger|fewer|smaller)\s|"
    r"(?:the|a|an|this|these|its|their)\s+(?:[\w'-]+\s+){0,4}?(?:is|are|was|were|has|have|had)\s))"
)
#: ", raising rents": a causal gerund after a comma, a clause of its own when a claim precedes.
_GERUND_COMMA = re.compile(rf",\s*(?={_GERUND_ADVERB}(?:{_GERUND})\b)")
#: A purpose anywhere in a clause ("is intended to cut B"), before "thereby" or "thus".
_PURPOSE_IN = re.compile(
    r"\b(?:designed|intended|aimed|meant|planned|proposed)\s+to\b|\bin\s+order\s+to\b|"
    r"\bso\s+as\s+to\b|\b(?:aims?|seeks?|sought|plans?|intends?)\s+to\b"
)
#: "We find little role for A in explaining B": a part in B, none when "no" or "little".
_ROLE_FOR = re.compile(
    r"\b(?P<size>no|little|an?|some|any|the)\s+(?:[\w-]+\s+){0,2}?role\s+(?:for|of)\s+"
    r"(?P<cause>[^,;]+?)\s+in\s+(?:(?:explaining|driving|shaping|causing|determining)\s+)?"
    r"(?P<effect>[^,;]+)$"
)
#: An indirect question before a cue: "whether ...", "discuss how ...".
_QUESTION_BEFORE = re.compile(
    r"(?:\bwhether|\b(?:ask|asks|asked|examine|examines|examined|explore|explores|explored|"
    r"investigate|investigates|investigated|discuss|discusses|discussed|highlight|highlights|"
    r"highlighted|consider|considers|considered|study|studies|studied|understand|assess|"
    r"assesses|assessed)\s+(?:how|why|whether|if))\s+(?:[\w'-]+\s+){0,6}?$"
)
#: ", particularly B" after a noun: a part of it singled out (not ", especially among B").
_SINGLED_OUT = re.compile(
    r"^\s*(?:particularly|especially|notably|in\s+particular)\s+(?!(?:among|for|in|at|when|if|"
    r"with|during|after|before|where|since|because|as|on|to|from|by|the\s+case|those|that|"
    r"this|these|when|once|under|over|than)\b)"
)
#: "students reported longer sleep": a subject, a verb of having or reporting, its object.
_HAD_OBJECT = re.compile(
    r"^(?P<subject>[^,;]{2,80}?)\s+(?:reported|report|reports|experienced|experience|"
    r"experiences|saw|see|sees|showed|show|shows|had|has|have|gained|gain|gains|got|achieved|"
    r"achieve|achieves|recorded|record|records|posted|post|posts|enjoyed|enjoy|enjoys|"
    r"suffered|suffer|suffers)\s+(?P<object>[^,;]{3,80})$"
)
#: "the employment and wage effects of A": the outcome named before "effects of".
_NAMED_EFFECTS = re.compile(
    r"\b(?P<det>the|its|their|no)\s+(?P<effect>[a-z-]+(?:\s+(?:and|or)\s+[a-z-]+)?)\s+"
    r"(?:effects?|impacts?)\s+of\s+(?P<cause>[^,;]{3,80}?)(?=\s+(?:is|are|was|were|has|have|"
    r"had|remains?|remained|var(?:y|ies|ied)|appears?|seems?|will|would|may|might|can|could)\b|"
    r"\s*[,;.]|\s*$)"
)
#: Words before "effects of" that say what kind of effect, not on what.
_NOT_EFFECT_NAMES = frozenset(
    """side long-term short-term medium-term net total overall main spillover knock-on
    average treatment direct indirect possible potential unintended combined joint marginal
    different similar large small positive negative adverse beneficial mixed estimated
    observed intended full true real long short lasting persistent general equilibrium
    causal heterogeneous aggregate distributional key major minor same other these those
    such any some no little many several various early later initial immediate""".split()
)
#: " by raising C" right after an effect: the means by which the subject did it.
_BY_GERUND = re.compile(r"\s*,?\s+by\s+(?=[a-z]+ing\b)")
#: "a drop in C resulting from D": a reduced relative that names the cause of its noun.
_RESULTING_FROM = re.compile(r"\s+(?:resulting|stemming|arising)\s+from\s+(?=\S)")
#: "Clinics are a key part of the system": a subject and what it is.
_COPULA_SUBJECT = re.compile(
    r"^\s*(?P<subject>[^,;]{3,80}?)\s+(?:is|are|was|were|remains?|remained|has\s+been|"
    r"have\s+been)\s+(?:(?:\w+ly|also|still|now)\s+)?(?:an?|the|one|part|among)\b"
)
#: ", which did not reduce wages": a relative clause on the claim before it.
_WHICH_COMMA = re.compile(r",\s*(?=which\s+(?!in\s+turn\b))")
#: Words that open a sentence and belong to no claim ("Second, ...", "Overall, ...").
_DISCOURSE = re.compile(
    r"^(?:first|second|third|fourth|finally|lastly|moreover|furthermore|further|however|overall|"
    r"in addition|additionally|similarly|likewise|in contrast|ultimately|in essence|in short|"
    r"in sum|in particular|in practice|meanwhile|indeed|also|thus|hence|therefore|"
    # "Taken together, these effects raise B": a summing-up opener, no cause
    r"taken\s+together|put\s+together|all\s+told|all\s+in\s+all|on\s+balance|in\s+total|"
    r"for example|for instance|(?!italy\b)[a-z]+ly)\s*,\s*",
    re.I,
)
#: "Using data on 40 cities, ...", "Drawing on a survey, ...": how a finding was made.
_METHOD_FIRST = re.compile(
    r"^(?:using|analy[sz]ing|drawing\s+on|based\s+on|examining|exploiting|comparing|"
    r"combining|relying\s+on|looking\s+at)\b(?:[^,;]|,(?=\d)){3,200},\s*",
    re.I,
)
#: "With the cost of housing continuing to rise, ...": a cause that moves, then its effect.
_WITH_FIRST = re.compile(r"^(?:but\s+|and\s+)?with\s+(?P<cause>[^,]{3,120}),\s*", re.I)
_CONDITION_FIRST = re.compile(
    r"^(?:(?:and|but|yet|so)\s+)?(?P<word>if|unless|when|whenever|once|provided that|"
    # "without A" names a condition; "without a doubt" or "without exception" none
    r"without(?!\s+(?:a\s+|any\s+)?(?:doubt|question|exception|fail|warning|delay)\b)|"
    r"as long as|"
    r"because|since|"
    r"as(?!\s+(?:a|an|the|such|well|expected|noted|shown|mentioned|discussed|in|for|of|with|part|"
    # a comma inside a number ("100,000 families") does not end the condition
    r"long|far|much|many|of|to|regards|such)\b))\s+(?P<condition>(?:[^,]|,(?=\d{3}))+),\s*"
    r"(?:then\s+)?",
    re.I,
)
#: After "without": a pronoun, a gerund with an adverb or an object, or a manner ("without a
#: fight"), none a thing whose absence would keep something from happening.
_NOT_MISSING = re.compile(
    r"^\s*(?:(?:him|her|them|it|us|me|you|this|that|these|those)$|"
    r"(?:(?:ever|even|first|really|once|[a-z]+ly)\s+)[a-z]+ing\b|"
    r"[a-z]+ing\s+(?:the|a|an|any|their|its|his|her|our|it|them|this|that|these|those|"
    r"such|much|more)\b|"
    r"(?:a\s+|any\s+)?(?:fight|struggle|word|trace|hesitation|notice|fuss|comment|"
    r"complaint|hitch|problem)$)",
    re.I,
)
#: What would happen, or what happens each time ("crashes will rise", "each hot day lowers
#: B"), not what happened ("the scheme cut B"): a main clause a "without" can make conditional.
_WOULD_HAPPEN = re.compile(
    r"\b(?:will|would|could|might)\b|^(?:[^,;]*?\s)?(?:"
    + "|".join(c.pattern.pattern for c in VERB_CUES)
    + r")(?<=[a-z]s)\b",
    re.I,
)
#: "Remittances help households avoid ...", "titles make farmers more likely to ...":
#: the verb of help and its object stand between the cause and the cue.
_HELP_BEFORE = re.compile(
    r"(?:(?:^|\s+)(?:help|helps|helped|make|makes|made|making)|\s+helping)"
    r"(?:\s+[\w'-]+){0,3}?(?:\s+to)?\s*$"
)
#: "the impact of A on B is not significant", "its effect on B was negligible": no effect.
_INSIGNIFICANT = re.compile(
    r"^\s*(?:but\s+)?(?:the|its|their|this|that)\s+(?:[\w-]+\s+)?(?:effects?|impacts?|influence)"
    r"(?:\s+of\s+(?P<cause>[^,;]+?))?\s+on\s+(?P<effect>[^,;]+?)\s+(?:is|was|are|were|remains?)\s+"
    r"(?:not\s+(?:statistically\s+)?significant|(?:statistically\s+)?insignificant|negligible|"
    r"not\s+found)\b"
)
#: "the effect of A on B is negative": a noun of influence and, after it, its direction.
_EFFECT_IS = re.compile(
    r"^\s*(?:the|its|their)\s+(?:[\w-]+\s+)?(?:effects?|impacts?|influence)\s+of\s+"
    r"(?P<cause>[^,;]+?)\s+on\s+(?P<effect>[^,;]+?)\s+(?:is|was|are|were|remains?|appears?\s+to\s+be)\s+"
    r"(?:(?:\w+ly|also)\s+)?(?P<direction>positive|negative|beneficial|adverse|harmful)\b"
)
#: "attribute B to A", "blame B on A": the effect between the verb and "to" or "on".
_ATTRIBUTE = re.compile(
    r"\b(?P<verb>attribute|attributes|attributed|attributing|ascribe|ascribes|ascribed|blame|"
    r"blames|blamed|blaming)\s+(?P<effect>(?!(?:to|on)\b)[^,;]{2,80}?)\s+(?:to|on)\s+"
    r"(?P<cause>[^;]+)$"
)
#: "the impact of A on B is small", "their effect on B is large": a size, no direction.
_EFFECT_SIZE = re.compile(
    r"^\s*(?:but\s+|and\s+)?(?:the|its|their)\s+(?:[\w-]+\s+)?(?:effects?|impacts?|influence)"
    r"(?:\s+of\s+(?P<cause>[^,;]+?))?\s+on\s+(?P<effect>[^,;]+?)\s+(?:is|was|are|were|remains?)\s+"
    r"(?:(?:\w+ly|also|quite|very|rather)\s+)?(?P<size>small|large|modest|limited|substantial|"
    r"sizeable|sizable|considerable|big|sizeable)\b"
)
#: "a positive relationship between A and B": an association named as a noun.
_BETWEEN = re.compile(
    r"\b(?P<direction>positive|negative|inverse)\s+(?:(?:and\s+)?(?:[\w-]+\s+){0,2}?)"
    r"(?:relationships?|associations?|correlations?|links?|relations?)\s+between\s+"
    r"(?P<cause>[^,;]+?)\s+and\s+(?P<effect>[^,;]+)"
)
#: "negatively influences": an adverb that gives a cue of influence its direction.
_DIRECTION_BEFORE = re.compile(
    r"\b(positively|negatively|adversely|favou?rably)\s+(?:(?:be|been|is|are|was|were)\s+)?$"
)
#: "A by improving B and ... would raise C": a means inside the subject.
_BY_MEANS = re.compile(r"\s+by\s+\w+ing\b[^,;:]*$")
#: An appositive after the subject: "a transfer, equivalent to 2% of income, ...".
_APPOSITIVE = re.compile(
    r"^(?:equivalent|equal|worth|amounting|estimated|roughly|approximately|about|around|"
    r"including|such as|especially|mainly|mostly|often|typically|known as|also known)\b"
)
#: "the scheme is most successful at reducing traffic": the scheme reduces it.
_EFFECTIVE_AT = re.compile(
    r"\s+(?:is|are|was|were|has\s+been|have\s+been|be|proved|proven|seems?|appears?)\s+"
    r"(?:(?:widely\s+)?(?:seen|regarded|considered|viewed)\s+as\s+)?(?:\w+\s+)?"
    r"(?:(?:an?|the)\s+(?:[\w-]+\s+)?(?:way|ways|means|tool|instrument)\s+(?:of|to|for)|"
    r"(?:(?:more|less|most|very|highly|particularly)\s+)?(?:(?:in|un)?successful|(?:in)?effective|efficient|"
    r"instrumental|useful|helpful)(?:\s+than\s+[^,;]{1,60}?)?\s+(?:at|in|for))\s*$"
)
#: "... (may be) the best way (to)", "... as a means (of)": a means named before its verb.
_AS_A_WAY = re.compile(
    r"(?:\s+(?:may|might|can|could|would|will|should|must))?"
    r"(?:\s+(?:is|are|was|were|be|been|remains?))?"
    r"(?:\s+(?:\w+ly\s+)?(?:seen|regarded|considered|viewed|used|promoted|presented|touted))?"
    r"(?:\s+as)?\s+(?:an?|the|one)\s+(?:[\w-]+\s+){0,2}?(?:way|ways|means|tool|tools|"
    r"instrument|strategy|route|path|solution|remedy)(?:\s+(?:of|to|for))?\s*$"
)
#: Who names something as a means: a subject and a verb of viewing or of stressing.
_VIEWS = re.compile(
    r"^(?:[\w'-]+\s+){1,3}?(?:emphasi[sz]e[sd]?|stress(?:es|ed)?|sees?|saw|views?|viewed|"
    r"regards?|regarded|considers?|considered|describes?|described|presents?|presented|"
    r"promotes?|promoted|touts?|touted|champions?|championed|advocates?|advocated|"
    r"proposes?|proposed|recommends?|recommended|treats?|treated|highlights?|highlighted)\s+"
)
_BY_AMOUNT = re.compile(
    r"\s+by\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|an\s+average\s+of\s+)?"
    # "by 3.2% to -2.8%": a range, its figures signed or not
    r"[-\u2212]?[$\u20ac\u00a3]?[\d.,]+(?:\s*%?\s*(?:to|-|\u2013)\s*[-\u2212]?[\d.,]+)?\s*"
    r"(?:%|percent|per\s+cent|percentage\s+points?|points?|"
    r"days?|weeks?|months?|years?|hours?|standard\s+deviations?|sd|"
    r"(?:million|billion|thousand)(?:\s+[a-z]+)?)?(?=[\s,;.]|$)"
)
#: "decreased by less", "grew more slowly": a move smaller than it would have been, which
#: the cause named after it made so; the cause moved the subject the other way.
_SMALLER_MOVE = re.compile(
    r"\s+(?:by\s+)?(?:(?:far|much|slightly|significantly)\s+)?(?:less|more\s+slowly|"
    r"less\s+(?:quickly|rapidly|sharply|steeply|fast|strongly))(?=\s*$|\s*[,;.]|\s+(?:as|due|"
    r"because|owing|thanks|after|following|since|when|once|in\s+the\s+wake)\b)"
)
#: "in 2020", "last year", "over a four-month period": a closing phrase of time after a move.
_WHEN_END = re.compile(
    r"(?:\s+(?:in|by|during|since|until|through)\s+(?:the\s+(?:year|end\s+of)\s+)?\d{4}s?|"
    r"\s+(?:last|this|next|that)\s+(?:year|month|week|summer|winter|spring|autumn|fall|decade)|"
    r"\s+(?:over|in|during|within)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:periods?|decades?|years?|"
    r"months?))+\s*$"
)
#: "A but not B", "A without reducing B": what the verb moved, then what it did not.
_BUT_NOT = re.compile(
    r"^(?P<own>\s*[^,;]+?)(?:,?\s+but\s+not\s+|\s+without\s+(?:(?:\w+ing)\s+)?)"
    r"(?P<not>(?!\w+ing\b|(?:for|in|among|with|at|on|to|from|by|during|after|before)\b)[^,;]+)$"
)
#: "... landlords who own flats": a restrictive relative clause (no comma) ending a subject.
_WHO_BEFORE = re.compile(r"(?<=[a-z])\s+who\s+(?=[^,;]+$)")
#: "S has to ensure A, and (VERB)": a subject, an auxiliary and a first verb phrase, then
#: "and" right before the clause's cue, which is a second verb of the same subject.
_SHARED_SUBJECT = re.compile(
    r"^\s*(?P<subject>[^,;]{2,60}?)\s+(?:has\s+to|have\s+to|had\s+to|must|needs?\s+to|should|"
    r"will|would|can|could|may|might)\s+[a-z]+\b[^;]*?,\s*and\s+$"
)
#: "respond (to the reform) by working": the means a response takes.
_RESPOND_BY = re.compile(
    r"^\s*(?:respond|react|adjust|adapt)(?:\s+to\s+[^,;]{1,60}?)?\s+by\s+(?P<means>\w+ing\b.*)$"
)
#: A relative clause of expectation at a cause's end ("... that was projected to").
_PROJECTED = re.compile(
    r"\s+(?:that|which|who)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?:projected|expected|predicted|forecast|estimated|likely|set)(?:\s+to)?(?:\s+\w+ly)?\s*$"
)
#: A demonstrative and a noun that only points back ("this process", "such a trend").
_ANAPHOR = re.compile(
    r"^(?:this|these|that|those|such(?:\s+an?)?)\s+(?:process|processes|trend|trends|change|"
    r"changes|development|developments|phenomenon|shift|pattern|situation|dynamic)$"
    # "at least one of these policies": which of them, the sentence does not say
    r"|^(?:at\s+least\s+)?(?:one|either|any|each|neither)\s+of\s+(?:these|those|the|both)\s+"
    r"[\w-]+$"
)
_HAVE_COMPARED = frozenset(
    (
        "have higher",
        "have lower",
        "experience higher",
        "experience lower",
        "score higher on",
        "score lower on",
        "spend more on",
        "spend less on",
    )
)
_INEFFECTIVE_AT = re.compile(r"\b(?:ineffective|unsuccessful)\s+(?:at|in)\s+$")
#: "useful for reducing", "a way of improving": a gerund after these is the claim's verb.
_USEFUL_FOR = re.compile(
    r"\b(?:(?:un|in)?successful|(?:in)?effective|efficient|instrumental|useful|helpful|way|ways|"
    r"means|tool|"
    r"instrument)(?:\s+than\s+[^,;]{1,60}?)?\s+(?:at|in|for|of)\s+$"
)
#: A hedge alone, left of "due to" after a comma: the clause before it is the effect.
_ONLY_HEDGE = re.compile(
    r"^(?:possibly|probably|perhaps|likely|partly|largely|mainly|mostly|presumably|apparently|"
    r"in\s+part|at\s+least\s+(?:in\s+)?part(?:ly)?)$"
)
#: "the main effect of A is to raise B": A raises B.
_RESULT_IS_TO = re.compile(
    r"^(?:the\s+)?(?:(?:main|primary|chief|principal|key|major|net|overall|first|second)\s+)?"
    r"(?:effects?|results?|impacts?|consequences?|outcomes?)\s+of\s+(?P<cause>.+?)\s+"
    r"(?:is|was|were|are|has\s+been|have\s+been)\s+to\s+(?P<rest>.+)$",
    re.I,
)
#: "..., while B does the opposite": B moves each effect of the clause before the other way.
_OPPOSITE = re.compile(
    r"^(?P<subject>[^,;]+?)\s+(?:does|do|did|has|have|had)\s+(?:just\s+|exactly\s+)?"
    r"the\s+(?:opposite|reverse)\s*\.?$"
)
#: "There are adverse effects on B if A": an effect named with its direction, its cause after.
_THERE_EFFECT = re.compile(
    r"^there\s+(?:is|are|was|were)\s+(?:also\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?P<direction>positive|beneficial|favou?rable|negative|adverse|detrimental|harmful)\s+"
    r"(?:[\w-]+\s+)?(?:effects?|impacts?)\s+on\s+(?P<effect>[^;]+?)\s+"
    r"(?P<word>if|when|once|after|where)\s+(?P<cause>[^,;]+?)\s*\.?$"
)
#: "... have similar impacts, increasing": a noun of influence between the subject and the verb.
_IMPACT_BEFORE = re.compile(
    r"\s+(?:have|has|had)\s+(?:[\w-]+\s+){0,2}?(?:effects?|impacts?)\s*(?:in|on)?\s*$"
)
#: "reforms that ease rules and raise ...": a relative clause in the subject, its verb ahead.
_RELATIVE_THAT = re.compile(r"^[^,;]*?[a-z]\s+that\s+[^,;]*$")
#: A group named by a trait: "households with credit", "children whose parents ...".
_TRAIT = re.compile(
    r"\s(?:with|without|whose|who|that|which)\s"
    # "evicted tenants", "the treated households": a group named by what was done to it
    r"|^\s*(?:the\s+|also\s+)?(?!(?:need|seed|feed|speed|breed|bleed|steed)\b)[a-z-]{3,}ed\s+[a-z]"
    # "households receiving transfers": a group by what it does or gets
    r"|^\s*(?:the\s+)?[a-z-]+s\s+(?!(?:during|including|regarding|concerning|according)\b)"
    r"[a-z]+ing\s+[a-z]"
    # "graduates of the program", "pupils in the treated schools": a group by membership
    r"|\s(?:of|in)\s+(?:the|a|an|this|that)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s*$"
)
#: The finite verb of a clause after a relative clause in its subject.
_MAIN_VERB = re.compile(r"^(?:is|are|was|were|be|been|has|have|had)\b")
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|may|might|will|would|do|does|did|also|often|"
    r"tend\s+to|tends\s+to)\s+$"
)
#: "households may use extra income to ...": the object used is the cause.
_USE_TO = re.compile(r"\b(?:use|uses|used|using)\s+(?P<object>[\w' -]{2,60}?)\s+to\s*$")
#: "although A raises B", "even though ...": the conjunction is not the cause's.
_SUBORDINATOR = re.compile(
    r"^(?:(?:even\s+)?(?:although|though|if)|while|whereas|since|so(?!\s+that\b)|"
    r"as(?=\s+(?:the|a|an|this|these|those|its|their|more|higher|lower)\b))\s+"
)
#: "The belief that A raises B is not supported": a claim the sentence rejects.
_REFUTED = re.compile(
    r"^(?:the|a|this|that)\s+(?:[\w-]+\s+){0,2}?(?:belief|claim|view|idea|notion|assumption|"
    r"argument|perception|fear|concern|hypothesis)\s+that\s+(?P<claim>.+?)\s+"
    r"(?P<verdict>(?:is|was|has\s+been|remains)\s+(?:not\s+(?:supported|borne\s+out|confirmed)|"
    r"unfounded|unsupported|mistaken|wrong|a\s+myth|contradicted|refuted|rejected))\b",
    re.I,
)
#: "We find no evidence that A raises B", "little evidence that ...", "we do not find
#: evidence that ...": a null finding.
_NO_EVIDENCE = re.compile(
    r"\b(?P<none>(?:(?:no|little|scant|not\s+(?:any|much))\s+|"
    # "we do not (did not, fail to) find evidence that": the verb of finding negated
    r"(?:(?:do|does|did)\s+not|don't|doesn't|didn't|fail(?:s|ed)?\s+to)\s+"
    r"(?:find|see|observe|uncover|detect)\s+(?:any\s+)?)(?:[\w-]+\s+){0,3}?"
    r"(?:evidence|support|indication|sign))[\u2019\u201d'\"]?"
    # "no evidence in the southern states that ...": where the evidence was sought
    r"(?:\s+(?:in|for|among|across|from|at)\s+[^,;.]{2,50}?)?\s+(?:that|to\s+suggest\s+that|"
    # "no evidence of a decline in B since A": the change the cause would have made
    r"of\s+(?=(?:an?\s+)?(?:[\w-]+\s+)?(?:decline|rise|increase|fall|drop|reduction|change|"
    r"decrease|improvement|deterioration)s?\s+in\b)|"
    # "little evidence of (substantial) impacts of A on B": the influence itself
    r"of\s+(?P<nominal>(?=(?:[\w-]+\s+){0,2}?(?:effects?|impacts?)\s+of\s)))\s*(?P<claim>.+)$",
    re.I,
)
#: "evidence that" opening what a study found ("a study found (new) evidence that ...").
_EVIDENCE_THAT = re.compile(rf"^(?:(?:{_EVIDENCE_WORDS})\s+){{0,3}}evidence\s+that\s+", re.I)
#: ", which was set up in 2003, has ...": a relative clause between a subject and its verb.
_RELATIVE_ASIDE = re.compile(
    r",\s*(?:which|who)\s+(?:[^,;]|,(?=\d{3}\b)){3,120},\s*(?=(?:has|have|had|is|are|was|were|"
    r"can|could|may|"
    # "The impacts, which are larger for women, appear to be driven by A"
    r"might|will|would|does|do|did|appears?|seems?|tends?|remains?)\b)",
    re.I,
)
#: "Tolls, by raising the cost of driving, cut traffic": a means between the subject and its
#: causal verb.
_MEANS_ASIDE = re.compile(
    r"^(?P<subject>[^,;]{2,80}?),\s*by\s+(?P<means>[a-z]+ing\b[^,;]{2,120}?),\s*"
    r"(?=(?:\w+ly\s+)?(?![a-z]+ing\b)(?:" + "|".join(c.pattern.pattern for c in VERB_CUES) + r"))",
    re.I,
)
#: "The scheme, which began in 2015, reduced B": a relative clause between the sentence's
#: subject and its causal verb (not a gerund) is an aside, too.
_SUBJECT_RELATIVE = re.compile(
    # a comma inside a number ("served 2,000 families") ends no clause
    r"^(?P<subject>[^,;]{2,80}?),\s*(?:which|who)\s+(?:[^,;]|,(?=\d{3}\b)){3,120},\s*"
    r"(?=(?:\w+ly\s+)?(?![a-z]+ing\b)(?:" + "|".join(c.pattern.pattern for c in VERB_CUES) + r"))",
    re.I,
)
#: "B fell after A raised C": a clause that moved, then what moved it.
_AFTER = re.compile(
    r"^(?:[^;]*,\s*)?(?P<effect>[^,;]+?)\s+(?P<word>after|following|if|when|whenever|once|since)\s+"
    r"(?P<cause>[^,;]+?)\s*(?:,.*)?$"
)
#: "In the year after A, B ...", "Following A, B ...": an event before the clause it moved.
_CHANGE_AFTER_FIRST = re.compile(
    r"^(?P<setting>(?:[^,;]{0,60}?\s)?)(?P<word>after|following)\s+(?P<cause>[^,;]{3,100}),\s*"
    r"(?P<main>[^;]+)$"
)
#: "B saw a reduced share of C following A": the event at the clause's end.
_CHANGE_AFTER_LAST = re.compile(
    r"^(?P<setting>)(?P<main>[^;]+?)\s+(?P<word>after|following|once|since|when)\s+"
    # "..., which coincides with ...": a relative clause on the event ends it
    r"(?P<cause>[^,;]{3,100}?)\s*(?:,\s*which\s[^;]*)?\.?$"
)
#: "Neither A nor B changed C": two subjects, the verb negated for each.
_NEITHER_NOR = re.compile(
    r"^neither\s+(?P<first>[^,;]{2,80}?)\s+nor\s+(?P<second>[^,;]{2,80}?)\s+"
    r"(?P<rest>(?:\w+ed|cut|led|held|set)\b.+)$",
    re.I,
)
#: "A was followed by a fall in B": the event first, the change after it.
_FOLLOWED_BY = re.compile(
    r"^(?P<setting>)(?P<cause>[^,;]{3,100}?)\s+(?:is|was|were|are|has\s+been|have\s+been)\s+"
    r"(?:(?:\w+ly|soon|quickly)\s+)?(?P<word>followed)\s+by\s+(?P<main>[^;]+)$"
)
#: A change named as a noun ("an increase in", "a 13% reduction in", "a reduced share of").
_CHANGE_NOUN = re.compile(
    r"\b(?:(?P<none>no)\s+|(?:an?|the|any)\s+)?(?:(?:[\d.,]+(?:\s*(?:%|percent|per\s+cent))?|"
    r"\w+ly|sharp|large|small|modest|significant|substantial|slight|steep|marked)"
    # "a large and statistically significant increase in"
    r"(?:\s+and)?\s+)*"
    r"(?:(?P<move>increases?|rises?|growth|surges?|jumps?|gains?|bumps?|boosts?|improvements?|"
    r"spikes?|decreases?|reductions?|declines?|drops?|dips?|falls?|cuts?|losses?|"
    # "no significant change in B after A": a null finding (only after "no")
    r"changes?)\s+in\s+|"
    r"(?P<adjective>reduced|increased|lower|higher|greater|smaller|worsened|improved)\s+"
    r"(?=[\w-]+\s+(?:of|in)\s))"
)
_CHANGE_END = re.compile(
    r"\s+(?:while|whereas|compared|relative|than|as|but|"
    # "improvements in A and B continued for two years": the change's own verb ends it
    r"(?:continued|continues|persisted|persists|lasted|lasts|remained|remains)\s|"
    r"and\s+(?:an?|the)\s+(?:[\w.,%]+\s+)?"
    r"(?:increases?|rises?|decreases?|reductions?|declines?|drops?|falls?)\s+in)\b"
)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would)\b")
_SPAN_OF = re.compile(
    r"^(?:(?:a|an|the|[\d.,]+|few|many|several|two|three|four|five|ten)\s+)*"
    r"(?:years?|months?|decades?|weeks?|days?|centuries|hours?)\s+of\b"
)
_DOWN_MOVES = (
    "decrease", "reduc", "decline", "drop", "fall", "cut", "loss", "lower", "smaller", "worse"
)  # fmt: skip


#: "B falls (sharply) with A": a predicate of change, adverbs, "with" and what B moves with.
_MOVES_WITH = re.compile(
    r"^(?:[^;]*,\s*)?(?P<effect>[^,;]+?\s(?P<verb>"
    + alternation(
        p
        for p in INCREASING_PREDICATES + DECREASING_PREDICATES
        if not p.startswith(("is ", "are ", "was ", "were ", "remain"))
    )
    + r")(?:\s+\w+ly)*)\s+with\s+(?P<cause>[^,;]+)"
)
_MOVED = re.compile(r"\s(" + alternation(INCREASING_PREDICATES + DECREASING_PREDICATES) + r")\b")
#: A time a group's outcome is compared with ("last year", "2010", "before"): a change over
#: time, whose group names no trait against others.
_TIME_STANDARD = (
    r"(?:the\s+)?(?:(?:last|previous|prior|preceding|past|earlier|same)\s+(?:[\w-]+\s+)?"
    r"(?:years?|months?|quarters?|weeks?|days?|decades?|periods?|seasons?|terms?|rounds?|waves?)"
    r"|(?:(?:a|one|two|three|four|five|ten|\d+)\s+)?(?:years?|months?|decades?)\s+"
    r"(?:before|earlier|ago|prior)|\d{4}s?|before|earlier|previously|then|baseline"
    r"|(?:pre|post)-?[\w-]+\s+levels?)\b"
)
#: "The scores of pupils who used vouchers dropped compared to their peers": the trait of
#: the group whose outcome moved, against others without it, is the outcome's cause.
_GROUP_COMPARED = re.compile(
    r"^(?:the\s+)?(?P<effect>[^,;]{2,60}?)\s+of\s+(?P<group>[^,;]{2,60}?\s(?:who|that|whose|with|"
    r"without)\s[^,;]{2,120}?)\s+(?P<verb>"
    + alternation(p for p in INCREASING_PREDICATES + DECREASING_PREDICATES if " " not in p)
    + r")(?:\s+\w+ly)*\s+(?:compared\s+(?:to|with)|relative\s+to|than)\s+"
    r"(?!" + _TIME_STANDARD + r")"
)
#: The subject of a condition ("when benefits are not paid ..."): what "they" stands for after it.
_CONDITION_SUBJECT = re.compile(
    r"^(?P<subject>.+?)\s+(?:is|are|was|were|has|have|had|do|does|did|can|could|will|would|"
    r"may|might|lasts?|lasted|remains?|remained|becomes?|became)\b"
)
_ENDING_EVENT = re.compile(
    r"\b(?:fail|fails|failed|ends|ended|stops|stopped|ceases|ceased|closes|closed|"
    r"shuts?\s+down|collapses|collapsed|quits|quit|exits|exited|expires|expired|lapses|lapsed)\b"
)
_NEGATED_EVENT = re.compile(r"\b(?:not|no|never|neither|nor|without)\b|n't\b")
#: "Although A ..., B ...": a concessive clause, then the main one.
_CONCESSIVE = re.compile(
    r"^(?:(?:and|but|yet)\s+)?(?:even\s+)?(?:although|though|whereas|while)\s+(?P<sub>[^,;]{8,}?)"
    # "although A raised B they had no effect on C": a pronoun with its verb opens the main
    # clause where no comma does
    r"(?:,|\s+(?=(?:they|it)\s+(?:\w+\s+)?(?:had|has|have|did|does|do|were|was|is|are|\w+ed)\b))"
    r"\s*(?P<main>.{8,})$",
    re.I,
)
#: "By raising fees, the city cut demand": a means before the clause whose subject used it.
_BY_FIRST = re.compile(r"^by\s+(?P<means>\w+ing\b[^,]{2,120}),\s*(?P<rest>.+)$", re.I)
#: "Due to A, B ...": the cause before the clause it explains.
_FRONTED = re.compile(
    r"^(?P<cue>due\s+to|because\s+of|owing\s+to|thanks\s+to|as\s+a\s+result\s+of)\s+"
    r"(?P<cause>[^,]{3,120}),\s*(?P<rest>.+)$",
    re.I,
)
#: "Spurred by A, B has grown": a passive participle and its agent before the clause whose
#: subject they describe.
_FRONTED_PARTICIPLE = re.compile(
    r"^(?:(?:partly|largely|mainly|mostly|in\s+part)\s+)?(?P<participle>"
    + "|".join(
        re.escape(c.lemma[: -len(" by")]).replace(r"\ ", r"\s+")
        for c in PASSIVE_CUES
        if c.lemma.endswith(" by")
    )
    + r")(?:,?\s+(?:in\s+part|partly|largely|mainly|mostly),?)?\s+by\s+(?P<cause>[^,]{3,120}),\s*"
    r"(?P<rest>.+)$",
    re.I,
)
#: "climate-driven heat", "storm-induced flooding": a cause fused to the noun it brings about.
_CAUSE_COMPOUND = re.compile(
    r"(?:(?<=\s)|^)(?P<cause>(?:(?P<before>[a-z][a-z']*)\s+)?[a-z][a-z']*)-"
    r"(?P<participle>driven|induced|fuelled|fueled|caused|triggered)\s+"
    r"(?P<effect>[a-z][\w-]*(?:\s+(?!(?:and|or|of|in|on|for|to|with|at|by|from|is|are|was|were|"
    r"has|have|had|can|may|will|would|could|might|should|must|does|do|did|that|which|who|its|"
    r"their|rose|fell|grew|rise|rises|fall|falls|grow|grows|\w+ed)\b)[a-z][\w-]*){0,2})"
)
#: "With hotter summers come more wildfires": the cause after "with", the effect after "come".
_WITH_COME = re.compile(
    r"^(?:(?:and|but)\s+)?with\s+(?P<cause>[^,;]{3,80}?),?\s+(?:comes?|came|go|goes|went)\s+"
    r"(?P<effect>[^,;()\u2014\u2013]{3,120})",
    re.I,
)
#: "made by", "set by" before a verb's subject: the noun before it is the subject.
_BY_AGENT = re.compile(r"\s+(?:made|set|taken|given|run|held|paid|built|\w+ed)\s+by\s+$")
#: Adverbs between a cause and its verb ("A and B jointly help ..."): not the cause's.
_ADVERB_BEFORE = re.compile(
    r"(?:\s+(?:jointly|together|significantly|largely|mainly|directly|indirectly|consistently|"
    r"actually|in fact|indeed|effectively|greatly|far|much|considerably|slightly|somewhat|"
    r"positively|negatively|adversely|"
    r"\d[\d.,]*\s*(?:%|percent|per\s+cent|percentage\s+points?)?|percent|"
    r"substantially|strongly|further|in turn|ultimately|subsequently|therefore|thus|hence|"
    # any other adverb in -ly ("can fully explain"), not a noun that ends so ("supply")
    r"(?!(?:family|supply|assembly|monopoly|anomaly|italy|july|rally|ally|reply|belly|bully|"
    r"jelly|lily|folly|elderly|fly)\b)[a-z]{3,}ly|"
    r"(?:is|are|was|were)\s+(?:positively\s+|negatively\s+|closely\s+)?(?:correlated|associated)\s+with))+\s*$"
)
#: A negation between a cause and its verb ("credit does not lead to"): read, then dropped.
_NEGATION_BEFORE = re.compile(
    r"(?:\s+(?:"
    + alternation(NEGATIONS + tuple("does do did fail fails failed little to".split()))
    + r"))+\s*$"
)
#: Words that name nothing on their own.
_FUNCTION_WORDS = frozenset(
    """with without from into onto upon over under about between among for of to in on at by
    as than then so such not no nor but yet also very""".split()
)
#: Hedging words between a cause and its verb ("credit is likely to raise"): not the cause's.
_HEDGE_BEFORE = re.compile(
    r"(?:\s+(?:is|are|was|were|be|seems?|appears?|tends?|expected|thought|likely|unlikely|"
    r"probably|possibly|perhaps|potentially|to|may|might|can|could|would|should|will|also|"
    r"found|shown|proven|proved|demonstrated|estimated|reported|said|known|believed|considered|"
    r"(?:has|have|had)\s+(?:the\s+|a\s+)?potential|has|have|had))+\s*$"
)
#: "We recommend A to raise B": the recommended measure is the cause, the claim hedged.
_RECOMMEND = re.compile(
    r"^(?:[\w'-]+\s+){0,3}?(?:recommend|recommends|recommended|propose|proposes|advocate|"
    r"advocates)\s+"
)
_PASSIVE_AUX = re.compile(
    r"\b(?:is|are|was|were|been|being|be|has|have|had|largely|mainly|partly|mostly|often|also|"
    r"in part|\w+ly)\s*$"
)
#: The auxiliary of a passive ("is driven by", "has been largely shaped by").
_PASSIVE_AUX_END = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got|remains?|remained)\s+(?:[\w-]+\s+){0,2}$"
)
#: "C was not affected", "C remained unchanged": a clause that says its subject did not move.
_UNMOVED = re.compile(
    r"^\s*(?P<effect>[^,;]{3,80}?)\s+(?:was|were|is|are|has\s+been|have\s+been|remained|remains?)\s+"
    r"(?:(?:\w+ly|also|largely)\s+)?(?P<state>not\s+(?:affected|changed|altered)|unaffected|"
    r"unchanged|unaltered)\b[^,;]*$",
    re.I,
)
#: A finite verb after a subject's reduced relative ("losses caused by A were linked to B").
_SUBJECT_VERB = re.compile(
    r"(?<=[a-z])\s+(?=(?:(?:is|are|was|were|has|have|had|will|would|may|might|can|could)\s)|"
    r"(?:"
    + "|".join(c.pattern.pattern for c in VERB_CUES if c.lemma in ("lead to", "result in", "cause"))
    + r"))"
)
#: The last preposition or verb before a reduced relative's noun phrase.
_REDUCED_RELATIVE = re.compile(
    r"^.*\b(?:during|in|of|on|for|from|with|at|to|after|before|under|over|than|amid|despite|"
    r"has|have|had|is|are|was|were)\s+(?=\S)"
)
_PRONOUNS = frozenset("it this that they these which he she we there its you i one".split())
#: Pronouns that stand for the subject of the clause before ("..., but they also ..."),
#: not for what that clause moved ("which", "this").
_PERSONAL = frozenset(("it", "they"))
#: Words that open a research frame, not a factor ("studies have found ...").
_RESEARCH = frozenset(
    """study studies research evidence result results finding findings analysis analyses
    paper article author authors estimate estimates survey we data model thesis dissertation
    report brief chapter book essay table figure section appendix""".split()
)
#: Words before a research word that keep it one ("study results", "key findings").
_RESEARCH_OPENERS = frozenset(
    """study research survey our their these those its his her main key new recent
    empirical preliminary previous prior earlier present current first overall most many
    several some other few all both existing""".split()
)
#: A figure: a number, a percentage, an amount, and the units that go with one.
_FIGURE = re.compile(
    r"^(?:[\d.,%$\u20ac\u00a3-]+|million|billion|thousand|hundred|percent|per|cent|points?|"
    r"years?|months?|quarters?|year-on-year|on|yuan|dollars?|euros?|times|fold|up|down)$"
)
#: Nouns with an adjective's ending ("traffic and noise" is a list of two nouns).
_NOUNS_LIKE_ADJECTIVES = frozenset(
    """traffic public music logic clinic clinics topic republic epidemic pandemic panic fabric
    plastic plastics critic critics hospital hospitals capital rental rentals arrival arrivals
    proposal proposals approval removal renewal festival animal animals signal journal
    material materials potential total terminal individual individuals professional
    professionals official officials criminal criminals chemical chemicals interval manual
    revenue trial trials rival rivals deal deals survival dismissal disposal referral""".split()
)
_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ary|ial|ful|less|able|ible)$")
#: Head nouns two nouns before them may share ("health and safety issues").
_GENERIC_HEADS = (
    r"issues|problems|concerns|risks|hazards|costs|prices|outcomes|services|needs|standards|"
    r"rules|regulations|policies|programmes|programs|sectors|industries|spending|budgets|"
    r"markets|systems|subsidies|taxes|shortages|inequalities|gaps|expenditures"
)
#: Adjectives in -ory ("respiratory", "regulatory"), not the nouns that end so.
_ORY_ADJECTIVE = re.compile(
    r"^(?!(?:history|factory|territory|inventory|category|theory|memory|laboratory|directory|"
    r"dormitory|victory|trajectory|story|accessory|repository|observatory|ory)$)[a-z-]+ory$"
)
#: A phrase that ends in an adjective, before "and" and the rest of its noun phrase.
_ADJECTIVE_END = re.compile(
    r"\s(?:an?|the|more|most)\s+(?:[\w-]+\s+)?[\w-]*(?:al|ic|ive|ous|ary|ful|able|ible|-term|-run)$"
)
#: Where a list's items part: commas, "and", "or".
_ITEM_SEP = re.compile(r"\s*,\s*(?:and|or)\s+|\s*,(?!(?<=\d,)\d{3}(?:s\b|\b))\s*|\s+(?:and|or)\s+")
#: Words that open a clause rather than a list's next item.
_NOT_ITEM = re.compile(
    r"^\s*(?:which|who|whose|where|when|while|whether|regardless|including|such|especially|"
    r"particularly|notably|as|in|on|at|for|with)\b"
)
#: A phrase that sets the scene before a clause's subject ("In most cities, ...").
_SETTING = re.compile(
    r"^\s*(?:in|on|at|for|across|among|during|after|before|since|over|under|within|"
    r"even|as\s+expected|as\s+a\s+rule)\b"
)
#: ", and should be promoted": a verb phrase, not a list's last item.
_AND_VERB = re.compile(
    r"^\s*(?:and|or)\s+(?:should|must|can|could|may|might|will|would|is|are|was|were|has|have|"
    r"had|does|do|did)\b"
)
#: A list's first item ending in a preposition and one word ("... among migrant").
_PREPOSITION_WORD = re.compile(r"\s(?:of|among|in|for|on|to|with|between|across)\s+[\w-]+$")
#: Asides that interrupt a sentence: a short parenthesis, a pair of dashes, a list's
#: number ("(1) The scheme ...", "2) workers ..."). They are read as if absent.
_ASIDES = (
    re.compile(r"\s*\([^()]{1,80}\)"),
    re.compile(r"\s+(?:\u2014|\u2013|--)\s*[^\u2014\u2013]{1,80}?\s*(?:\u2014|\u2013|--)\s+"),
    # "A \u2014 a long description of A \u2014 has been shown to ...": a longer pair of dashes
    # between a subject and its verb is an aside, too
    re.compile(
        r"\s+(?:\u2014|\u2013|--)\s*[^\u2014\u2013]{81,300}?\s*(?:\u2014|\u2013|--)\s+"
        r"(?=(?:has|have|had|is|are|was|were|can|could|may|might|will|would|does|do|did)\s)"
    ),
    re.compile(r"\s*\u2014\s*[^\u2014\u2013]{1,80}?\s*\u2014\s*"),
    # "lifted 194,000 households, or 2% of all households, out of poverty": an amount restated
    re.compile(
        r"\s*,\s*or\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|roughly\s+)?"
        r"\d[\d.,]*\s*(?:%|percent|per\s+cent)?[^,;()]{0,60}(?=,)"
    ),
    # "A \u2013 which gave N a long list of things \u2013 improved B", "costs \u2014 such as
    # ... \u2014": a pair of dashes around a relative clause or examples is an aside wherever
    # it stands
    re.compile(
        r"\s*(?:\u2014|\u2013|--)\s*(?=(?:which|who|such\s+as|including|in\s+particular|"
        r"for\s+(?:example|instance)|especially|notably)\b)[^\u2014\u2013]{1,300}?"
        r"\s*(?:\u2014|\u2013|--)\s*"
    ),
)
_ENUMERATOR = re.compile(
    r"(?:^|(?<=[:;]))\s*\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)\s+"
    # a list's bullet ("\u2022 Improved roads are associated with ..."): a mark, no word
    r"|^\s*[\u2022\u2023\u2043\u2219\u25aa\u25e6\u25cf\u25a0\u27a2*\u2013-]\s+",
    re.I,
)
#: A closing phrase of time ("over time", "in both the short and the long run"): no factor,
#: and its "and" joins no list.
_TIME_END = re.compile(
    r"\s+(?:over\s+(?:time|the\s+years|the\s+(?:long|short)\s+(?:run|term))|"
    r"in\s+the\s+(?:long|short|medium)(?:\s+|-)(?:run|term)|"
    r"in\s+(?:both\s+)?the\s+short(?:\s+(?:run|term))?\s+and\s+(?:the\s+)?long(?:\s+|-)"
    r"(?:run|term))\s*[.,;]?\s*$",
    re.I,
)
#: Words that only say how much or when ("increase somewhat", "fell sharply"): no factor.
_DEGREE_WORDS = frozenset(
    """somewhat again further more less too much over time slightly sharply significantly
    substantially considerably markedly dramatically modestly steadily rapidly quickly slowly
    greatly strongly moderately marginally sometimes""".split()
)
_GAP_WORDS = re.compile(
    r"\b(?:gap|gaps|divide|disparit\w*|inequalit\w*|imbalance\w*|differences?|differentials?)\b"
)


def without_asides(sentence: str) -> str:
    """``sentence`` without its parentheses, dashed asides and list numbers.

    >>> without_asides("(1) Access to credit (CR), the survey shows, raises yields.")
    'Access to credit, the survey shows, raises yields.'
    >>> without_asides("Policy decisions \u2014 depending on where you are \u2014 shape costs.")
    'Policy decisions shape costs.'
    """
    text = _ENUMERATOR.sub(" ", sentence)
    text = _ASIDES[0].sub("", text)
    for aside in _ASIDES[1:]:
        text = aside.sub(" ", text)
    return " ".join(text.split())


def _claim_scope(clause: str, effect_text: str) -> str:
    """``clause`` up to the first comma or semicolon after the effect: the words that qualify it.

    "A may raise B, but C falls if D" is hedged and not conditional.
    """
    at = clause.find(effect_text.lower()) if effect_text else -1
    if at < 0:
        return clause
    stop = re.search(r"[,;]", clause[at + len(effect_text) :])
    return clause[: at + len(effect_text) + stop.start()] if stop else clause


#: Quotation marks around a few words inside a sentence ('deaths "increased sharply" after').
_SHORT_QUOTE = re.compile(
    r"(?<=\s)[\"\u201c](?P<words>[^\"\u201c\u201d,;:.!?]{1,60}?)[\"\u201d](?=[\s,;.])"
)


def _read_as(sentence: str) -> str:
    """The sentence as the clauses are read: no asides, "as well as" read as "and"."""
    text = re.sub(r"\s+as\s+well\s+as\s+", " and ", without_asides(sentence))
    # a few words quoted inside the sentence are read as words, the marks as absent
    text = _SHORT_QUOTE.sub(lambda m: m["words"], text)
    # "Pensions, not only provide A but ...": a comma before "not only" parts nothing
    text = re.sub(r"(?<=[a-z]),\s+(?=not\s+only\s)", " ", text)
    # "Bike lanes, not cyclists, cut deaths": what is denied between commas is no cause
    text = re.sub(r"^([^,;]{2,60}),\s*not\s+(?!only\b)[^,;]{1,40},\s*", r"\1 ", text)
    # "Tariffs, in turn, raise prices": an adverb between commas is no part of the claim
    return _COMMA_ADVERB.sub(" ", text)


def _symbol(sign: int) -> str:
    return "+" if sign > 0 else "\u2212"


def _sign_reason(
    cue: Cue, cause: Phrase, effect: Phrase, negation: str | None = None
) -> tuple[int, str]:
    if negation:
        return 0, f"{negation!r} before {cue.lemma!r}: no effect found"
    # "A plays a role in lower B", "... in reducing B": a part in a change the phrase names
    directed = cue.lemma == "play a role in" and (cause.qualifiers or effect.qualifiers)
    if cue.neutral and not directed:
        return 1, f"{cue.lemma!r} names no direction: check the sign"
    cue_sign = cue.sign
    ill = cue.lemma in EVALUATIVE and names_an_ill(effect.entity)
    if ill == (cue.lemma in ("improve", "improved by")) and cue.lemma in EVALUATIVE:
        # "improved tardiness" is less of a harm, "worsened affordability" less of a good
        cue_sign = -cue_sign
    sign = claim_sign(cue_sign, cause, effect)
    parts = [f"{cue.lemma!r} {_symbol(cue_sign)}"]
    if cue_sign != cue.sign:
        kind = "a harm" if ill else "a good"
        parts[0] += f" (said of {kind}, {effect.entity!r})"
    for role, phrase in (("cause", cause), ("effect", effect)):
        if phrase.qualifiers:
            words = ", ".join(repr(q) for q in phrase.qualifiers)
            parts.append(f"{role} {words} {_symbol(phrase.sign)}")
    return sign, " \u00d7 ".join(parts) + f" = {_symbol(sign)}"


_COMMA_ADVERB = re.compile(
    r",\s*(?:in\s+turn|however|moreover|furthermore|also|though|for\s+example|for\s+instance|"
    r"in\s+fact|indeed|meanwhile|in\s+addition|in\s+particular|notably|importantly|"
    r"in\s+contrast|on\s+average|in\s+general|overall)\s*,\s*",
    re.I,
)
#: A cue word used as a noun: "the push", "a boost to", "push and pull factors".
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their)\s+$")
_NOUN_AFTER = re.compile(r"\s+(?:and|or)\s+\w+\s+(?:factors?|forces?)\b")
_ADJECTIVE_AFTER = re.compile(
    r"\b(?:experiences?|experienced|experiencing|saw|sees?|seen|reported|report|reports|"
    r"suffered|enjoyed|enjoy|enjoys|faced|face|faces|"
    # "wages remained depressed": a participle after a verb of state is an adjective
    r"remains?|remained|remaining|stays?|stayed|staying|becomes?|became|becoming|seems?|seemed|"
    r"looks?|looked|"
    # "studies show limited impacts": what a finding shows is a noun phrase
    r"show|shows|showed|shown|find|finds|found|reveal|reveals|revealed|indicate|indicates|"
    r"indicated|"
    + alternation(p for p in INCREASING_PREDICATES + DECREASING_PREDICATES if " " not in p)
    + r")\s+(?:(?:much|far|even|slightly|significantly|substantially)\s+)?$"
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|of|in|for|at|from|among|between|than|on|under|over|into|despite|like|"
    r"including|such\s+as)\s+$"
)
_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:not|also|often|largely|further|\w+ly)\s+)?$"
)


_PURPOSE_BEFORE = re.compile(
    r"\b(?:(?:designed|intended|aimed|meant|implemented|introduced|adopted|launched|created|"
    r"established|used|planned|proposed|seeks?|sought|aims?|plans?|planning|intends?|wants?|"
    r"wanted|promised|promises|pledged|pledges|vowed|vows)(?:\s+[\w'-]+){0,6}?\s+to|"
    r"aim(?:s|ed)?\s+at|aimed\s+at|so\s+as\s+to|in\s+order\s+to|with\s+the\s+aim\s+of|"
    # "the stated purpose was to boost": a noun of purpose and its infinitive
    r"(?:purposes?|aims?|goals?|objectives?|intentions?|missions?)(?:\s+[\w'-]+){0,6}?\s+"
    r"(?:is|are|was|were|being)\s+to|"
    # "oppose every effort to raise wages": an attempt named as a noun is a purpose, too
    r"(?:efforts?|attempts?|bids?|campaigns?|drives?|pushes|moves)\s+to"
    r"(?:\s+(?:help|allow|enable)(?:\s+[\w'-]+){0,3}?)?)\s+(?:\w+ly\s+)?"
    # "... intended to cap prices and (to) reduce demand": the purpose goes on after "and"
    r"(?:[^,;]*?\s+and\s+(?:to\s+)?(?:\w+ly\s+)?)?$"
)
#: "aim to foster A, (and) ": a purpose whose list of bare verbs goes on after a comma.
_PURPOSE_LIST = re.compile(
    r"\b(?:designed|intended|aimed|meant|seeks?|sought|aims?|plans?|intends?|wants?)\s+to\s+"
    r"[a-z]+\b[^;:.]*,\s*(?:and\s+)?(?:to\s+)?$"
)
_AMOUNT_AFTER = re.compile(
    r"\s+(?:(?:about|around|nearly|almost|over|roughly|some|up\s+to|as\s+much\s+as|more\s+than|"
    r"less\s+than|an\s+average\s+of|an\s+estimated)\s+)?[$\u20ac\u00a3]?\d"
)
_FINITE_SOON = re.compile(
    r"(?:\s+[\w'-]+){1,3}?\s+(?:does|do|did|is|are|was|were|has|have|had|can|could|may|might|"
    r"will|would|should|must)\b"
)
_OPENING = re.compile(
    r"^\s*(?:(?:the|a|an|"
    + "|".join(q for q in INCREASING + DECREASING if " " not in q)
    + r")\s+)*$"
)
_ANY_VERB = re.compile(r"\s+(?:" + "|".join(c.pattern.pattern for c in VERB_CUES) + ")")
_ANY_VERB_LATER = re.compile(r"[^;:]*?\s(?:" + "|".join(c.pattern.pattern for c in VERB_CUES) + ")")
_ANY_VERB_SOON = re.compile(
    # "Lower interest rates tend to boost B": a verb of tendency may stand before the verb
    r"(?:\s+[\w'-]+){1,3}?(?:\s+(?:tends?|tended|seems?|seemed|appears?|appeared)\s+to)?\s+(?:"
    + "|".join(c.pattern.pattern for c in VERB_CUES)
    + ")"
)

#: A causal or finite verb within a few words, none of them "and" or "or": after a word that
#: is also a verb ("lower wages cut B", "cuts to grants reduced B"), that word opened a subject.
_OWN_VERB_SOON = re.compile(
    r"(?:\s+(?!(?:and|or)\b)[\w'-]+){1,3}?\s+(?:"
    + alternation(FINITE_AUXILIARIES)
    + "|"
    + "|".join(c.pattern.pattern for c in VERB_CUES)
    + ")"
)

#: "The ban on trawling reduced B": a sentence's subject, one noun and a gerund after "on",
#: "of" or "for", before its verb (no gerund's object; not "the plan calls for cutting").
_SUBJECT_OF_GERUND = re.compile(
    r"^\s*(?:(?:the|a|an|this|its|their|new)\s+)*[\w-]+\s+(?:on|of|for)\s+"
    r"[a-z]+ing\s+$"
)

_PLURAL_CHANGE_BEFORE = re.compile(
    r"\b(?:increases|decreases|rises|falls|drops|declines|cuts|hikes|gains)\s+$"
)
_NOUN_THEN_AUXILIARY = re.compile(r"\s+[a-z-]+\s+(?:have|has|had|is|are|was|were)\b")
#: Causal verbs of change that are also intransitive ("costs increase", "roads improve").
_ERGATIVE = frozenset(
    """increase decrease improve expand deepen shrink slow worsen widen lengthen shorten
    strengthen weaken ease accelerate intensify escalate diminish lessen inflate double triple
    quadruple halve""".split()
)
#: What follows such a verb used intransitively: a preposition, or adverbs and then a
#: preposition, a comparison, a conjunction or the clause's end.
_INTRANSITIVE_AFTER = re.compile(
    r"(?:\s+\w+ly)*(?:\s+(?:to|from|with|during|over|since|in|at|among|across|after|until|"
    # "the risk rises sharply above a level of 0.04": the level is no object
    r"above|below|beyond|"
    r"throughout|under|than|more|less|before|prior\s+to|ahead\s+of|following|amid|"
    r"fivefold|twofold|threefold|tenfold|"
    # "prices fell due to A": the reason after the verb is no object
    r"due\s+to|owing\s+to|because|thanks\s+to|as\s+a\s+result)\b|\s+by\s+(?:far\s+|much\s+)?"
    r"(?:less|more)\b|\s+by\s+(?:about\s+|around\s+|nearly\s+|almost\s+|"
    r"some\s+|over\s+|up\s+to\s+)?[$\u20ac\u00a3]?\d|\s*[,;.]|\s+(?:and|but|or)\s|\s*$)"
)


def _first_plain(text: str) -> re.Match | None:
    """The first verb cue word in ``text``, read by its pattern alone."""
    return _ANY_VERB.search(" " + text)


def _as_verb(cue: Cue, text: str, start: int) -> re.Match | None:
    """The first place ``cue`` occurs as a verb in ``text`` from ``start``."""
    for found in cue.pattern.finditer(text, start):
        if _NOUN_BEFORE.search(text, 0, found.start()) or _NOUN_AFTER.match(text, found.end()):
            continue
        # "prices increased by 3%": an amount after "by", not an agent
        if cue in PASSIVE_CUES and _AMOUNT_AFTER.match(text, found.end()):
            continue
        # "Cheaper credit, lower taxes and ... boosted growth": an item of the subject's list
        if (
            cue in VERB_CUES
            and found.group(0) == cue.lemma.split()[0]
            and re.search(r"(?:,|\band)\s+$", text[start : found.start()])
            and _first_plain(text[start : found.start()]) is None
            and _ANY_VERB_LATER.match(text, found.end())
        ):
            continue
        # "women with lower incomes", "of reduced demand": an adjective after a preposition
        if (
            cue in VERB_CUES
            and not found.group(0).endswith("ing")
            and _PREPOSITION_BEFORE.search(text, 0, found.start())
        ):
            continue
        # "minimum wage increases did not reduce jobs": a verb is not followed by an
        # auxiliary; the cue word is the subject's noun
        if (
            " " not in found.group(0)
            and not found.group(0).endswith(("ed", "ing"))
            and re.match(
                r"\s+(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|may|might|"
                r"should|must)\b",
                text[found.end() :],
            )
        ):
            continue
        # "raising questions about B": a doubt voiced, not an amount raised
        if cue.lemma == "raise" and re.match(
            r"\s+(?:(?:new|serious|further|some|many)\s+)?(?:questions?|concerns?|doubts?|"
            r"the\s+(?:question|possibility|issue|prospect)|objections?|alarm|eyebrows|issues)\b",
            text[found.end() :],
        ):
            continue
        # "we ask whether tolls cut traffic", "we discuss how factors may affect B": a question
        # put, not a finding
        if _QUESTION_BEFORE.search(text, 0, found.start()):
            continue
        # "for removing fuel subsidies": the word after a gerund that follows a preposition
        # begins the gerund's object
        if re.search(
            r"\b(?:by|of|for|from|in|on|through|without|about)\s+[a-z]+ing\s+$",
            text[: found.start()],
        ) and not _SUBJECT_OF_GERUND.match(text[: found.start()]):
            continue
        # "lower-cost units", "cost-cutting": a cue word inside a compound is no verb
        if (
            text[found.end() : found.end() + 1] == "-"
            or text[found.start() - 1 : found.start()] == "-"
        ):
            continue
        # "experienced reduced stress", "scores drop lower": an adjective after a verb
        if (
            cue in VERB_CUES
            and " " not in found.group(0)
            and _ADJECTIVE_AFTER.search(text, 0, found.start())
            # "minimum wage increases reduced teen jobs": a plural noun of change, then the verb
            and not (
                found.group(0).endswith("ed")
                and _PLURAL_CHANGE_BEFORE.search(text, 0, found.start())
            )
        ):
            continue
        # "workers were allowed to", "taxes have been cut": a passive without its agent
        if (
            cue in VERB_CUES
            and " " not in found.group(0)
            and found.group(0).endswith(("ed", "cut", "led", "held", "set"))
            and _BE_BEFORE.search(text, 0, found.start())
        ):
            continue
        # "rates increased sharply during", "scores improved slightly more than", "waiting times
        # rose to 19 months": a verb of change that is also intransitive, followed by an
        # adverb or a preposition, says its subject moved; it has no object
        if cue.lemma in _ERGATIVE and _INTRANSITIVE_AFTER.match(text, found.end()):
            continue
        # "fossil fuel consumption have risen": a bare cue word between a noun and the
        # noun it qualifies, the clause's auxiliary right after, is part of the subject
        if (
            cue in VERB_CUES
            and found.group(0) == cue.lemma.split()[0]
            and re.search(r"[a-z]\s+$", text[: found.start()])
            and _NOUN_THEN_AUXILIARY.match(text, found.end())
        ):
            continue
        # "a 10 percent increase in the share ...", "cuts in spending": a noun before "in"/"of"
        # "limits on borrowing", "assessment limits into home values": a transitive verb is
        # not followed by these prepositions, a noun is
        if " " not in cue.lemma and re.match(
            r"\s+(?:in|of|into|onto|on|among)\b", text[found.end() :]
        ):
            continue
        # "Tax breaks give rise to ...": a cue word right before a verb is a noun.
        if (
            (found.group(0).endswith("s") or found.group(0) == cue.lemma.split()[0])
            and " " not in found.group(0)
            and cue not in CAUSE_FIRST_CONNECTIVES  # "thus leading to" is no noun
        ):
            # "the wage increase led to ...": a base form right before a verb is a noun, too
            if _ANY_VERB.match(text, found.end()):
                continue
        # "Limited access ...", "reduced demand ...": a participle that opens the clause
        # qualifies the noun after it.
        if not text[start : found.start()].strip() and found.group(0).endswith(("ed", "ing")):
            continue
        # "implemented to reduce traffic", "aimed at reducing": a purpose, not a finding
        if _PURPOSE_BEFORE.search(text, 0, found.start()) or (
            # "aim to foster A, reduce B, and improve C": each bare verb of the list is a purpose
            cue in VERB_CUES
            and not found.group(0).endswith(("ed", "s", "ing"))
            and _PURPOSE_LIST.search(text, 0, found.start())
        ):
            continue
        # "costs are lower than ...", "lower than": an adjective, not the verb
        if re.match(r"\s+than\b", text[found.end() :]) or (
            found.group(0) == cue.lemma
            and cue in VERB_CUES
            and re.search(r"\b(?:is|are|was|were|been|be)\s+$", text[: found.start()])
        ):
            continue
        # "Fuel taxes do not ...", "Lower rates boost ...": a cue word opening the clause
        # (after an article or an adjective of amount at most), its verb a few words on
        if _OPENING.match(text[start : found.start()]) and (
            _FINITE_SOON.match(text, found.end())
            or (not found.group(0).endswith("ing") and _ANY_VERB_SOON.match(text, found.end()))
        ):
            continue
        # "by improving roads", "the cost of raising children": a gerund after a preposition
        if (
            found.group(0).endswith("ing")
            and re.search(
                # "equivalent to avoiding 150 deaths": a measure compared, not a cause at work
                r"\b(?:by|of|for|from|in|on|through|without|about|(?:equivalent|equal|"
                r"tantamount|akin|comparable|similar)\s+to)\s+$",
                text[: found.start()],
            )
            and not _USEFUL_FOR.search(text, 0, found.start())
        ):
            continue
        # "... indicate that improving roads ...": a gerund after "that" is the subject
        if found.group(0).endswith("ing") and re.search(r"\bthat\s+$", text[: found.start()]):
            continue
        # "... that improving roads, reducing fees and ... help": the list of subjects goes on
        if (
            found.group(0).endswith("ing")
            and re.search(r"(?:,|\band|\bor)\s+$", text[: found.start()])
            and re.search(r"(?:^\s*|\bthat\s+)\w+ing\b", text[: found.start()])
        ):
            continue
        return found
    return None


def _first(cues: tuple[Cue, ...], text: str, start: int = 0) -> tuple[Cue, re.Match] | None:
    best: tuple[Cue, re.Match] | None = None
    for cue in cues:
        found = _as_verb(cue, text, start)
        if found and (
            best is None
            or found.start() < best[1].start()
            or (found.start() == best[1].start() and found.end() > best[1].end())
        ):
            best = (cue, found)
    return best


#: Where the effect of a nominal cue ends: at the clause's verb ("... on B has grown").
_NOMINAL_END = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|remains?|remained|appears?|seems?|became|becomes|"
    r"varies|vary|depends?)\b"
)
#: "encouraged landlords to reduce ...": the object, then "to", before the verb it is led to.
_OBJECT_TO = re.compile(r"^(?:[\w'-]+\s+){0,4}?to\s+[\"\u201c]?|^[\"\u201c]")


def _inner_cue(tail: str) -> tuple[Cue, str] | None:
    """The causal verb that opens ``tail`` (after an object and "to"), and what follows it.

    "landlords to reduce rental supply" gives (``reduce``, "rental supply"):
    the outer verb's effect is what its object is made to do.
    """
    opening = _OBJECT_TO.match(tail)
    start = opening.end() if opening else 0
    for cue in VERB_CUES:
        if cue.neutral:
            continue
        found = cue.pattern.match(tail, start)
        if found:
            return cue, tail[found.end() :]
    return None


def _verb_phrases(
    tail: str, negation: str | None
) -> list[tuple[Cue | None, str, str | None, bool]]:
    """The verb phrases of one subject after its first verb: (cue, words, negation, chained).

    The first item is the first verb's own words (its cue ``None``); each
    further item starts at "and", "but not" or a comma before a causal verb
    ("... lowered A, improved B, and have increased C"). ``chained`` is true
    for a verb after "and therefore" or "and thus": its cause is what the verb
    before it moved. An empty list when no second verb follows.
    """
    found: list[tuple[Cue | None, str, str | None, bool]] = [(None, tail, negation, False)]
    while True:
        rest = found[-1][1]
        hit = None
        for joint in _SECOND_VERB.finditer(rest):
            verbs = [
                (m.end(), c)
                for c in VERB_CUES + COMPARATIVE_CUES
                for m in [c.pattern.match(rest, joint.end())]
                if m
                and not ((joint["comma"] or joint["so"]) and m.group(0).split()[0].endswith("ing"))
            ]
            before = rest[: joint.start()]
            if (
                verbs
                and not (joint["comma"] or joint["so"] or joint["but"])
                and "," in before
                and not any(
                    c.pattern.match(before.rsplit(",", 1)[1].strip())
                    for c in VERB_CUES + COMPARATIVE_CUES
                )
                and rest[joint.end() :].split(None, 1)[0].endswith("ed")
            ):
                # "cause fatigue, poorer coordination and reduced attention": after a list of
                # nouns, "and" joins one more noun; its participle is an adjective
                continue
            if verbs and not re.match(r"\s+(?:in|of|than)\b", rest[max(verbs)[0] :]):
                hit = (joint, max(verbs, key=lambda v: v[0]))
                break
        if hit is None:
            break
        joint, (end, cue) = hit
        next_negation = is_negated(joint.group(0)) if joint["but"] else negation
        found[-1] = (found[-1][0], rest[: joint.start()], found[-1][2], found[-1][3])
        found.append((cue, rest[end:], next_negation, bool(joint["so"])))
    return found if len(found) > 1 else []


def _gerund_parts(clause: str) -> list[str]:
    """``clause`` cut before each ", VERB-ing ..." that follows a causal verb."""
    parts, start = [], 0
    for comma in sorted(
        [*_GERUND_COMMA.finditer(clause), *_WHICH_COMMA.finditer(clause)], key=lambda m: m.start()
    ):
        if comma.start() < start:
            continue
        if _first(VERB_CUES + PASSIVE_CUES, clause[start : comma.start()].lower()) is not None:
            parts.append(clause[start : comma.start()])
            start = comma.end()
    return [*parts, clause[start:]]


def _until_boundary(text: str) -> str:
    found = _BOUNDARY.search(text)
    return (text[: found.start()] if found else text).strip(" .!?\"'")


def _after_boundary(text: str) -> str:
    """The last stretch of ``text`` after its last boundary (the subject nearest the cue)."""
    cut = 0
    for found in _BOUNDARY.finditer(text):
        cut = found.end()
    return text[cut:].strip(' ,."\u201c\u201d')


#: "... skills and employment programs are most effective": after an object, "and" and a
#: noun phrase with a finite verb of its own open a clause of their own.
_AND_CLAUSE = re.compile(
    r"\s+and\s+(?!(?:[\w'-]+\s+){0,3}?(?:who|that|which|whose|where)\b)(?:[\w'-]+\s+){1,3}?"
    r"(?:is|are|was|were|has|have|had)\s+(?!(?:been\s+)?\w+ed\s+by\b)"
)


def _dangling_adjective(text: str) -> bool:
    """Whether ``text`` ends in an adjective right after a preposition ("rates of respiratory")."""
    dangling = re.search(r"\b(?:of|in|on|for|to|among|with|from|at)\s+([a-z-]+)$", text.rstrip())
    return bool(
        dangling
        and (
            _ADJECTIVE.search(dangling[1])
            or _ORY_ADJECTIVE.search(dangling[1])
            or "-" in dangling[1].strip("-")
        )
        and dangling[1] not in _NOUNS_LIKE_ADJECTIVES
    )


def _list_end(text: str) -> str:
    """The phrase at the start of ``text``, a list of items included ("A, B, and C in D")."""
    phrase = _list_end_words(text)
    own = _AND_CLAUSE.search(phrase + " ")
    phrase = phrase[: own.start()].rstrip(" ,") if own else phrase
    # "emit pollution that includes mercury": what the noun includes or is, no part of it
    said = re.search(
        r"\s+(?:that|which)\s+(?:includes?|included|contains?|contained|consists?)\b", phrase
    )
    return phrase[: said.start()] if said else phrase


def _list_end_words(text: str) -> str:
    stop = len(text)
    for found in _BOUNDARY.finditer(text):
        if found.group(0).strip() != ",":
            stop = found.start()
            break
    if text[stop : stop + 1] == ":" and re.search(r",|\band\b|\bor\b", text[stop + 1 :]):
        # "reduced some pollutants: carbon monoxide, dust and ozone": the list names them
        return _list_end(text[stop + 1 :].lstrip())
    parts = text[:stop].split(",")
    while len(parts) > 1 and _dangling_adjective(parts[0]) and len(parts[1].split()) >= 2:
        # "enrolment of first-time, full-time students": one noun phrase, two adjectives
        parts[:2] = [f"{parts[0]},{parts[1]}"]
        if len(parts) == 1:
            return parts[0].strip(" .!?\"'")
    if len(parts) == 2 and _SINGLED_OUT.match(parts[1]) and len(parts[1].split()) <= 6:
        # "effects on urbanisation, particularly housing": the part singled out is an item too
        return f"{parts[0]} and {_SINGLED_OUT.sub('', parts[1]).strip()}"
    # "the chance of finding work, keeping a job and earning more": "and" before a gerund
    gerunds_joined = any(re.search(r"\b(?:and|or)\s+\w+ing\b", part) for part in parts[1:])
    for j in range(1, len(parts)):
        if _NOT_ITEM.match(parts[j]) or len(parts[j].split()) > 10 or _AND_VERB.match(parts[j]):
            break
        if re.search(r"\b(?:is|are|was|were|has|have|had)\b", parts[j]):
            break  # ", and this effect is smaller": a clause of its own, not an item
        if (
            re.match(r"\s*\w+ing\b", parts[j])
            and not re.match(r"\s*\w+ing\b", parts[0])
            # "the probability of learning A, completing B and receiving C": gerunds after
            # a preposition make a list of gerunds when "and" joins its last gerund
            and not (
                re.search(
                    r"\b(?:of|in|for|to|at|on|from)\s+(?!(?:housing|funding|building|training|"
                    r"spending|lending|schooling|clothing|planning|financing|earnings?|setting|"
                    r"meeting|morning|evening|ceiling|nothing|something|anything)\b)\w+ing\b",
                    parts[0],
                )
                and gerunds_joined
            )
        ):
            break  # "..., accounting for new stock": a participle, not the list's next item
        if re.search(r"\b(?:and|or)\b", parts[j]):
            end = j + 1
            while (
                end < len(parts)
                and re.match(r"\s*(?:and|or)\s+\S", parts[end])
                and len(parts[end].split()) <= 6
                and not _AND_VERB.match(parts[end])
                and not re.search(r"\b(?:is|are|was|were|has|have|had)\b", parts[end])
            ):
                end += 1  # "..., and cancer, and premature death": each "and" adds an item
            return ",".join(parts[:end]).strip(" .!?\"'")
    return _until_boundary(text)


def _list_start(text: str) -> str:
    """The phrase at the end of ``text``, a list of items included ("A, B and C")."""
    cut = 0
    for found in _BOUNDARY.finditer(text):
        if found.group(0).strip() != ",":
            cut = found.end()
    parts = text[cut:].split(",")
    that = [i for i, part in enumerate(parts[:-1]) if " that " in part]
    if len(parts) > 1 and that:
        # "the conclusion that rural, social and spatial development ...": the list starts after
        first = parts[that[-1]]
        cut += sum(len(p) + 1 for p in parts[: that[-1]]) + first.rindex(" that ") + len(" that ")
        parts = [first[first.rindex(" that ") + len(" that ") :], *parts[that[-1] + 1 :]]
    while len(parts) > 1 and _SETTING.match(parts[0]):
        # "In most of these cities, planning laws ...": where or when, not the subject
        cut += len(parts[0]) + 1
        parts = parts[1:]
    if len(parts) > 1 and re.search(r"\b(?:and|or)\b", parts[-1]):
        # the last part holds the last two items: each of them, not the two, is short
        last = re.split(r"\s+(?:and|or)\s+", parts[-1])
        if all(not _NOT_ITEM.match(p) and len(p.split()) <= 10 for p in parts[1:-1] + last):
            return text[cut:].strip(' ,."\u201c\u201d')
    return _after_boundary(text)


def _items(text: str) -> list[str]:
    """The items of a list ("A, B, and C"; "either A or B"), or the phrase itself."""
    text = re.sub(r"\s*\([^)]*\)", "", text).strip()
    text = re.sub(r"^(?:either|both|the|an?)\s+", "", text)
    if re.search(r"\s(?:and|or)\s", text):
        # "these physical and cognitive effects": a determiner before adjectives of one noun
        text = re.sub(r"^(?:these|those|its|their|our|such)\s+", "", text)
    if re.match(r"^neither\b", text) or re.search(r"\bbetween\b", text):
        return [text]  # "the gap between villages and towns" is one thing
    items = [i for i in _ITEM_SEP.split(text) if i.strip()]
    seps = [m.group(0) for m in _ITEM_SEP.finditer(text)]
    for k in range(len(items) - 2, -1, -1):
        if (
            _dangling_adjective(items[k])
            and len(seps) == len(items) - 1
            and len(items[k + 1].split()) >= 2
            and items[k + 1].split()[0] not in DETERMINERS
        ):
            # "rates of respiratory and cardiovascular disease", "enrolment of first-time,
            # full-time students": an adjective after a preposition, with no noun of its
            # own, shares the next item's noun
            items[k : k + 2] = [f"{items[k]}{seps[k]}{items[k + 1]}"]
            del seps[k]
    if len(items) > 1 and re.search(r"\s(?:that|which|who)\s", items[0]):
        return [text]  # "reforms that raise A and lower B": the list is inside a relative clause
    if len(items) < 2 or len(items) > 8:
        return [text]
    if len(items) == 2 and len(items[1].split()) >= 2 and _ADJECTIVE_END.search(items[0]):
        return [text]  # "the expectation of a long-term and stable life": one noun
    shared_head = re.fullmatch(r"([a-z-]+)\s+(" + _GENERIC_HEADS + r")", items[-1].strip())
    if (
        len(items) == 2
        and shared_head
        and re.fullmatch(r"[a-z-]+", items[0].strip())
        and not items[0].strip().endswith("s")  # "wages and energy prices": two things
        and items[0].strip() not in DETERMINERS
    ):
        # "health and safety issues", "food and energy costs": two nouns of one head, one
        # noun phrase (as "rural economic, social and spatial development" is)
        return [text]
    if all(
        all(
            _ADJECTIVE.search(w) and w not in _NOUNS_LIKE_ADJECTIVES
            for w in i.split()
            if not w.endswith(("'s", "\u2019s"))
        )
        for i in items[:-1]
    ):
        return [text]  # "rural economic, social and spatial development": one noun
    if any(i.rstrip().endswith("-") for i in items[:-1]):
        return [text]  # "capital- and labour-intensive crops": one noun
    if len(items) == 2 and len(items[1].split()) in (2, 3) and _PREPOSITION_WORD.search(items[0]):
        # "income among migrant and nonmigrant households", "use among teens or young
        # adults": the pair is inside the phrase after the preposition, one noun
        return [text]
    return items


#: A qualifier that a list's later items share: a gerund of change or a noun of change.
_SHARED_QUALIFIERS = tuple(
    sorted(
        (q for q in INCREASING + DECREASING if q.endswith(("ing", " in", " of", " to"))),
        key=len,
        reverse=True,
    )
)


def _shared_change(items: list[str]) -> list[str]:
    """Items of a list, each later one given the change its list opened with.

    "alleviating poverty and food insecurity": food insecurity is alleviated
    too; "a rise in rents and prices": prices rose too. An item with a
    qualifier of its own keeps it and passes it on.
    """
    if len(items) < 2:
        return items
    shared: str | None = None
    out = []
    for item in items:
        low = " ".join(item.lower().split())
        own = next((q for q in _SHARED_QUALIFIERS if low.startswith(q + " ")), None)
        if own is not None:
            shared = own
        elif (
            shared is not None
            and not parse_phrase(item).qualifiers
            and not re.match(r"[a-z]+ing\b", low)  # "training nurses" names its own act
        ):
            item = f"{shared} {item.strip()}"
        out.append(item)
    return out


#: A predicate of change at a phrase's end ("... and depth decreased", "... all fall").
_PREDICATE_END = re.compile(
    r"\s(?P<predicate>(?:"
    + alternation(INCREASING_PREDICATES + DECREASING_PREDICATES)
    + r")(?:\s+\w+ly)?)\s*$"
)


def _shared_predicate(items: list[str]) -> list[str]:
    """Items of a list of subjects, each given the predicate that follows the last one.

    "poverty incidence and depth decreased": the incidence decreased too;
    "visits and hospitalizations all fall": both fall. An item with a
    predicate of its own keeps it.
    """
    if len(items) < 2:
        return items
    last = _PREDICATE_END.search(" " + items[-1].strip().rstrip(" ."))
    if last is None or not items[-1].strip()[: last.start()].strip():
        return items
    predicate = last["predicate"]
    if predicate.split()[0].endswith("s"):
        return items  # "... and rent declines", "rises": a plural noun, or a verb of one subject
    return [
        item
        if _PREDICATE_END.search(" " + item.strip()) or parse_phrase(item).qualifiers
        else f"{item.strip()} {predicate}"
        for item in items[:-1]
    ] + [items[-1]]


#: The item that closes a list with what it leaves unnamed ("and other factors").
#: Nouns that name no factor of their own ("other factors", "the effects that raise B").
#: Nouns of a kind of cause ("other factors" names nothing), and of what a cause does.
_KIND_NOUNS = tuple(
    """factor thing reason cause issue force variable condition element aspect determinant
    driver influence""".split()
)
_EFFECT_NOUNS = ("effect", "impact")
_GENERIC_NOUNS = _KIND_NOUNS + _EFFECT_NOUNS
#: Words that stand for a noun without naming one ("something that raised B").
_PLACEHOLDER_NOUNS = ("something", "anything", "one")
_CATCH_ALL = re.compile(
    r"^(?:(?:many|several|various|numerous|some|a\s+number\s+of|a\s+range\s+of)\s+)?other\s+"
    r"(?:" + "|".join(_KIND_NOUNS) + r")s?$"
)


def _usable(phrase: Phrase) -> bool:
    if not phrase.entity or phrase.entity in _PRONOUNS:
        return False
    if len(phrase.entity) <= 2 and not re.search(
        rf"\b{re.escape(phrase.entity.upper())}\b", phrase.written
    ):
        return False  # a short word names nothing; a two-letter acronym ("the EU") does
    if _ANAPHOR.match(" ".join(phrase.written.casefold().split())):
        return False  # "this process" names what a sentence before said
    if phrase.entity in _FUNCTION_WORDS:
        return False
    if _CATCH_ALL.match(phrase.entity):
        return False  # "... and other factors": what the list leaves unnamed names nothing
    words = phrase.entity.split()
    if words[0] in _RESEARCH or (
        len(words) > 1 and words[1] in _RESEARCH and words[0] in _RESEARCH_OPENERS
    ):
        # "the study results", "our findings"; "exam results" or "academic results" are outcomes
        return False
    if all(w in _DEGREE_WORDS for w in words):
        return False  # "unemployment durations increase somewhat": no effect is named
    # a figure ("3.1 million year on year") is a statistic, not a factor
    written = phrase.written.casefold().split()
    return not any(c.isdigit() for c in phrase.written) or not all(
        _FIGURE.match(w.strip(".,;:")) for w in written
    )


#: Words that open no noun phrase: after "projects" or "forecasts" they make it a noun.
_NOT_AN_OBJECT = alternation(
    "tend tends seem seems appear appears continue continues begin begins start starts fail "
    "fails is are was were has have had will would may might can could should must".split()
)


#: Words before a noun of change ("a sharp rise", "the resulting increase").
_NOUN_MOVE = re.compile(
    r"\b(?:a|an|the|this|that|its|their|any|no|resulting|subsequent|sharp|large|small|modest|"
    r"significant|ensuing|following)$"
)


_OBJECT_AFTER = re.compile(
    r"\s+(?:them|it|him|her|us|me|you|the|a|an|this|these|those|their|its|his|our|my|your)\b"
)


def _moved_part(text: str) -> tuple[str | None, int]:
    """The subject of a clause that says it moved ("sales dropped ten per cent"), and the move.

    ``(None, 0)`` when the clause says no such thing.
    """
    moved = _MOVED.search(" " + text)
    if moved is None or _NOUN_MOVE.search(" " + text, 0, moved.start()):
        return None, 0  # "the resulting increase in supply": a noun, not a move
    if _OBJECT_AFTER.match(" " + text, moved.end()):
        return None, 0  # "the tool drops them": a verb with an object moves that, not its subject
    subject = _after_boundary(text[: max(moved.start() - 1, 0)])
    for _ in range(3):
        subject = _ADVERB_BEFORE.sub("", " " + subject).strip()
        subject = re.sub(r"\s+\w+ly$", "", subject)
        subject = _HEDGE_BEFORE.sub("", " " + subject).strip()
    words = " ".join(moved.group(1).split())
    if not subject or not _usable(parse_phrase(subject)):
        return None, 0
    sign = 1 if words in INCREASING_PREDICATES else -1
    if _SMALLER_MOVE.match(" " + text, moved.end()):
        sign = -sign  # "poverty fell by less after A": A kept poverty up
    return subject, sign


def _event_cause(text: str) -> tuple[str, int, str] | None:
    """What an event clause ("the city raised tolls", "a tax hike") names as its cause.

    The object of a signed causal verb with the verb's sign and lemma, or
    the clause itself (its qualifiers give its sign later); ``None`` for a
    negated event or one that names nothing.
    """
    if _NEGATED_EVENT.search(text) or _ENDING_EVENT.search(text):
        return None  # "if the subsidy is not renewed", "if the rains fail": a move down, unsigned
    verb = _first(VERB_CUES, text)
    if verb is not None and not text[: verb[1].start()].strip():
        verb = None  # "fuel prices rise": a cue word that opens the clause is no verb
    if verb is not None and not verb[0].neutral:
        cue, at = verb
        obj = re.split(r"\s+(?:to|by)\s+[$\u20ac\u00a3]?\d", text[at.end() :])[0]
        obj = _list_end(obj)
        return (obj, cue.sign, cue.lemma) if _usable(parse_phrase(obj)) else None
    if verb is not None:
        return None
    phrase = _until_boundary(text)
    return (phrase, 1, "") if _usable(parse_phrase(phrase)) else None


#: Where a clause of moves parts: "and", a comma, or both ("B fell, and C rose").
_PART_BREAK = re.compile(r",?\s+and\s+|,\s*")
#: The most parts a clause of moves is read in; a longer run is read whole (its first move).
_MOST_MOVED_PARTS = 6


def _moved_parts(main: str) -> list[tuple[str, int]]:
    """Each subject a clause (or clauses joined by "and") says moved, with its move.

    "B fell and C rose": (B, -1), (C, +1); "B, C and D all fall": each of
    them falls. A subject that opens what is left and holds "and" or a comma
    ("health and safety issues rose") is read whole, its items left to the
    claim's reading of lists. Reading stops at the first part that names no
    move; a clause of more than a few parts is read whole.
    """
    if len(_PART_BREAK.findall(main)) >= _MOST_MOVED_PARTS:
        subject, moved = _moved_part(main)
        return [] if subject is None else [(subject, moved)]
    found: list[tuple[str, int]] = []
    waiting: list[str] = []  # subjects listed before the predicate they share
    rest = main.strip()
    while rest:
        whole, moved = _moved_part(rest)
        if (
            whole is not None
            and _PART_BREAK.search(whole)
            and rest.casefold().startswith(whole.casefold())
        ):
            # "rates of respiratory and cardiac illness rose": one subject, whatever its items
            found += [(w, moved) for w in waiting] + [(whole, moved)]
            waiting = []
            verb = _MOVED.search(" " + rest)
            after = _PART_BREAK.search(rest, verb.end() - 1) if verb else None
            rest = rest[after.end() :].strip() if after else ""
            continue
        after = _PART_BREAK.search(rest)
        part, rest = (rest[: after.start()], rest[after.end() :]) if after else (rest, "")
        subject, moved = _moved_part(part)
        if subject is None:
            if (
                len(part.split()) <= 6
                and _usable(parse_phrase(part))
                and not _Reader.has_cue(part.lower())
            ):
                waiting.append(part)  # "when A rises, B, C and D all fall": B and C fall too
                continue
            break
        found += [(w, moved) for w in waiting] + [(subject, moved)]
        waiting = []
    return found


def _event_causes(text: str) -> list[tuple[str, int, str]]:
    """The causes an event clause names: :func:`_event_cause`, or each part of "A or B".

    "when the plants shut down or upgrade their controls": each event alone
    brings the change about, so each is read on its own. A part that only
    ends something ("the plants shut down", "the mills closed") gives no
    cause, as it gives none when it stands alone; its subject is lent to the
    later parts that have none ("upgrade their controls": the plants
    upgrade them).
    """
    # "land prices keep falling", "fees continue to rise": the move goes on, the same move
    text = _GOES_ON.sub("", text)
    both = re.split(r"\s+and\s+", text)
    if len(both) == 2 and all(
        len(part.split()) >= 2 and (_FINITE.search(part) or _MOVED.search(" " + part))
        for part in both
    ):
        # "once restrictions are relaxed and costs rise": two events, each a cause
        return [event for part in both for event in _event_causes(part)]
    whole = _event_cause(text)
    if whole is not None or not re.search(r"\s+or\s+", text) or _NEGATED_EVENT.search(text):
        return [whole] if whole is not None else []
    first, *others = re.split(r"\s+or\s+", text)
    if len(others) > 3:
        return []  # a long run of "or" is a list, not a few events
    ending = _ENDING_EVENT.search(first)
    subject = first[: ending.start()].strip() if ending else ""
    found = []
    for part in [first, *others]:
        if part is not first and subject and not part.startswith(subject):
            part = f"{subject} {part}"
        event = _event_cause(part)
        if event is not None:
            found.append(event)
    return found


#: A verb that says a move goes on: "keep falling", "continue to rise".
_GOES_ON = re.compile(
    r"\b(?:keeps?|kept|keeping)\s+(?=\w+ing\b)|\b(?:continues?|continued|continuing)\s+to\s+"
)
#: "(results in) families losing N", "prices rising": a noun and a gerund of a move after it.
_GERUND_AS_PREDICATE = {"losing": "falling", "gaining": "rising"}
_GERUND_MOVE = re.compile(
    # losing or gaining an amount ("losing 3,000 a year"); "gaining weight" gains the weight
    r"^(?P<who>(?:[\w'-]+\s+){0,5}?[\w'-]+)\s+(?P<gerund>(?:losing|gaining)(?=\s+(?:(?:around|"
    r"about|up\s+to|nearly|almost|over|some|an\s+average\s+of)\s+)?[$\u20ac\u00a3]?\d)|"
    + alternation({p for p in INCREASING_PREDICATES + DECREASING_PREDICATES if p.endswith("ing")})
    + r")\b"
)
#: People and bodies that act: a clause whose subject is one of them after a condition acts
#: on the condition ("if wages rise, firms cut hiring": the wages cut it).
_AGENT = re.compile(
    r"(?:^|\s)(?:people|persons|individuals|households|families|firms|companies|businesses|"
    r"employers|workers|employees|parents|students|pupils|consumers|customers|residents|"
    r"farmers|migrants|immigrants|women|men|youths?|landlords|tenants|renters|owners|"
    r"homeowners|investors|lenders|borrowers|banks|buyers|sellers|drivers|users|smokers|"
    r"mothers|fathers|teachers|doctors|patients|voters|retirees|applicants|recipients|"
    r"graduates|adults|teenagers|adolescents|"
    # public bodies act on a condition as much as people do
    r"governments|authorities|councils|municipalities|officials|policymakers|regulators)$"
)
#: "A study of 33 programmes ... found that they raised B": "they" are the programmes studied.
_STUDIED = re.compile(
    r"\b(?:study|studies|analysis|evaluation|evaluations|review|survey|assessment|audit|trial|"
    r"trials|meta-analysis)\s+of\s+(?P<topic>[^,;:]{3,100}?)(?:\s+(?:across|in|from|over|"
    r"between|among)\s[^,;:]{0,100})?(?:,[^;:]{0,160}?)?\s+(?:(?:has|have|had)\s+)?(?:found|finds?|shows?|"
    r"showed|shown|suggests?|suggested|indicates?|indicated|concludes?|concluded|reveals?|"
    r"revealed|reports?|reported|confirms?|confirmed)\s+that\s+(?=(?:it|they)\s)",
    re.I,
)


class _Reader:
    """Reads the clauses of one sentence, remembering the last effect for chained clauses."""

    def __init__(self, sentence: str, attributed_to: str | None, condition: str | None):
        self.sentence = sentence
        self.written = _read_as(sentence)  # the text the clauses are read from
        self.lowered = self.written.lower()
        self.attributed_to = attributed_to
        self.condition = condition
        self.found: list[Candidate] = []
        self.last_effect: Phrase | None = None
        self.fallback: Phrase | None = None
        self.chain_sign: int | None = None  # the way a chained clause's cause moved
        self.previous_clause = ""
        # the part read just before (its text, and whether it gave a claim): a bare
        # participle after it shares its subject only when that part gave the last claim
        self.previous_part = ""
        self.previous_found = False
        # what "it" or "they" stands for, when known: "a study of P found that they ..." is P
        studied = (
            _STUDIED.search(self.written)
            if re.search(r"\bthat\s+(?:it|they)\s", self.written)
            else None
        )
        topic = parse_phrase(studied["topic"]) if studied else None
        self.subject: Phrase | None = topic if topic is not None and _usable(topic) else None

    def modality(self, clause: str) -> tuple[str, str]:
        if self.condition and not self.attributed_to:
            return "conditional", f"{self.condition!r} makes it conditional"
        return modality_of(clause, self.attributed_to)

    def as_written(self, lowered: str) -> str:
        """The sentence's own words for a phrase found in its lower-case copy."""
        at = self.lowered.find(lowered)
        return self.written[at : at + len(lowered)] if at >= 0 and lowered else lowered

    def add(
        self,
        cue: Cue,
        kind: str,
        cause_text: str,
        effect_text: str,
        clause: str,
        negation: str | None = None,
    ) -> None:
        """One candidate for each item of the cause and of the effect."""
        cause_text, effect_text = _TIME_END.sub("", cause_text), _TIME_END.sub("", effect_text)
        # "deforestation over the 3 years", "GDP in 2020": a closing phrase of time is no part
        cause_text, effect_text = _WHEN_END.sub("", cause_text), _WHEN_END.sub("", effect_text)
        causes = _shared_predicate(_shared_change(_items(cause_text)))
        effects = _shared_predicate(_shared_change(_items(effect_text)))
        self.fallback = self.last_effect  # the cause of a clause that names none
        if len(causes) * len(effects) > 12:
            causes, effects = [cause_text], [effect_text]
        for cause_item in causes:
            for effect_item in effects:
                self.add_one(cue, kind, cause_item, effect_item, clause, negation)

    def add_one(
        self,
        cue: Cue,
        kind: str,
        cause_text: str,
        effect_text: str,
        clause: str,
        negation: str | None,
    ) -> None:
        cause = parse_phrase(self.as_written(cause_text))
        effect = parse_phrase(self.as_written(effect_text))
        subject = (
            self.subject
            if self.subject is not None
            else (self.found[-1].cause if self.found else None)
        )
        pronoun = cause.entity or " ".join(cause.written.casefold().split())
        if pronoun in _PERSONAL and subject is not None:
            # "Pensions cut poverty, but they blunt work incentives": "they" is the pensions;
            # "If the pact is signed, it could raise B": "it" (trimmed from the entity as a
            # determiner) is the pact
            cause = Phrase(subject.written, subject.entity, (), 1)
        goes_on = not _usable(cause) and self.fallback is not None
        if goes_on and self.fallback is not None:
            cause = self.fallback
            if self.chain_sign is not None and self.found:
                word = self.found[-1].cue
                cause = Phrase(cause.written, cause.entity, (word,), self.chain_sign)
        self.last_effect = effect if _usable(effect) else self.last_effect
        if not (_usable(cause) and _usable(effect)) or cause.entity == effect.entity:
            return
        sign, sign_reason = _sign_reason(cue, cause, effect, negation)
        # "B rose, possibly due to A": the hedge stands after the effect, before the cause
        effect_first = kind == "connective" and cue in EFFECT_FIRST_CONNECTIVES
        scope = clause if effect_first else _claim_scope(clause, effect_text)
        modality, modality_reason = self.modality(scope)
        if goes_on and self.found and modality == "asserted":
            # "A may raise B, thus lowering C": the claim goes on as firmly as the one before
            modality = self.found[-1].modality
            modality_reason = f"goes on from the claim before: {self.found[-1].modality_reason}"
        self.found.append(
            Candidate(
                self.sentence,
                cue.lemma,
                kind,
                cause,
                effect,
                sign,
                sign_reason,
                modality,
                modality_reason,
                self.attributed_to,
            )
        )

    def nominal(self, low: str) -> bool:
        """ "The positive effect of A on B": a claim from the noun phrase; False if none."""
        hits = [
            (m.start(), i, c, m)
            for i, c in enumerate(NOMINAL_CUES)
            for m in [c.pattern.search(low)]
            if m
        ]
        if not hits:
            return False
        _at, _i, cue, match = min(hits, key=lambda h: (h[0], h[1]))
        rest = low[match.end() :]
        # "effect of A on B" reads "on" first; "no change due to A in B" the first of them
        order = ("on|in|for",) if cue.sign == 0 else ("on", "for", "in")
        split = next((m for m in (re.search(rf"\s+(?:{p})\s+", rest) for p in order) if m), None)
        comma = re.search(r"\s*[,;]\s*", rest)
        if comma and (split is None or comma.start() < split.start()):
            # "the positive effects of A, resulting in B": the verb after the comma names B
            after = "which " + rest[comma.end() :]
            verb = _first(VERB_CUES, after)
            if verb is None or verb[1].start() != len("which ") or verb[0].neutral:
                return False
            chained = Cue(f"{cue.lemma} {verb[0].lemma}", cue.sign * verb[0].sign, cue.pattern)
            effect_text = _list_end(after[verb[1].end() :])
            self.add(chained, "nominal", rest[: comma.start()], effect_text, low)
            return bool(self.found)
        if split is None:
            return False
        effect = rest[split.end() :]
        stop = _NOMINAL_END.search(effect)
        effect = _list_end(effect[: stop.start()] if stop else effect)
        cause = rest[: split.start()].strip()
        if cue.sign == 0:
            self.add(cue, "nominal", cause, effect, low, "no")
        else:
            self.add(cue, "nominal", cause, effect, low)
        return bool(self.found)

    def correlative(self, low: str) -> bool:
        """ "The higher A, the lower B": one claim from A to B; False if the clause is not one."""
        found = CORRELATIVE.match(low.strip())
        if found is None:
            return False
        sign = (-1 if found["first"] in CORRELATIVE_DOWN else 1) * (
            -1 if found["second"] in CORRELATIVE_DOWN else 1
        )
        cue = Cue(f"the {found['first']} ..., the {found['second']}", sign, CORRELATIVE)
        self.add(cue, "comparative", found["cause"], _until_boundary(found["effect"]), low)
        return True

    @staticmethod
    def has_cue(text: str) -> bool:
        """Whether ``text`` holds a causal verb, a passive or a comparative."""
        return any(_first(cues, text) for cues in (VERB_CUES, PASSIVE_CUES, COMPARATIVE_CUES))

    def insignificant(self, low: str) -> bool:
        """ "The effect of A on B was not significant": a null finding; False if not one.

        Without "of A" ("..., but the impact on B is not significant") the cause
        is the previous claim's.
        """
        found = _INSIGNIFICANT.search(low)
        if found is None:
            return False
        cause = found["cause"]
        if not cause:
            if not self.found:
                return False
            cause = self.found[-1].cause.written
        cue = Cue("effect not significant", 0, _INSIGNIFICANT)
        self.add(cue, "nominal", cause, found["effect"], low, "not significant")
        return True

    def directed_noun(self, low: str) -> bool:
        """ "The effect of A on B is negative", "a positive relationship between A and B"."""
        found = _EFFECT_IS.match(low) or _BETWEEN.search(low)
        if found is None or _first(VERB_CUES + PASSIVE_CUES, low[: found.start()]):
            return False  # a verb before it makes the clause's claim
        down = found["direction"] in ("negative", "adverse", "harmful", "inverse")
        cue = Cue(f"{found['direction']} effect", -1 if down else 1, found.re)
        self.add(cue, "nominal", found["cause"], _until_boundary(found["effect"]), low)
        return bool(self.found)

    def attribute(self, low: str) -> bool:
        """ "Analysts attribute B to A", "officials blame B on A": A is B's cause; False if not."""
        found = _ATTRIBUTE.search(low)
        if found is None:
            return False
        cue = Cue(found["verb"], 1, _ATTRIBUTE)
        cause = _list_end(found["cause"])
        self.add(cue, "connective", cause, found["effect"], low)
        rest = found["cause"][found["cause"].find(cause) + len(cause) :]
        rest = re.sub(r"^[\s,.]*(?:and|but)?\s*", "", rest)
        if len(rest.split()) > 2:
            self.clause(" " + rest)  # "..., and suspect that B is due to A": a claim of its own
        return bool(self.found)

    def effect_size(self, low: str) -> bool:
        """ "Their impact on B is relatively small": an influence whose size, not direction, is
        named; False if the clause is not one.

        The cause is the one after "of", or else the subject of the claim
        before ("tariffs do raise prices, but their impact on inflation is
        small"). Proposed as ``increases``, its direction for the analyst to check.
        """
        found = _EFFECT_SIZE.match(low)
        if found is None:
            return False
        cause = found["cause"]
        if not cause:
            if not self.found:
                return False
            cause = self.found[-1].cause.written
        cue = Cue(f"{found['size']} effect", 1, _EFFECT_SIZE, neutral=True)
        self.add(cue, "nominal", cause, _until_boundary(found["effect"]), low)
        return bool(self.found)

    def role_for(self, low: str) -> bool:
        """ "Little role for A in explaining B": A's part in B, a null one after "no" or
        "little"; False if the clause names no such role.
        """
        found = _ROLE_FOR.search(low)
        if found is None or _first(VERB_CUES + PASSIVE_CUES, found["cause"]):
            return False
        cue = Cue("play a role in", 1, _ROLE_FOR, neutral=True)
        negation = found["size"] if found["size"] in ("no", "little") else None
        self.add(cue, "nominal", found["cause"], _list_end(found["effect"]), low, negation)
        return bool(self.found)

    def comma_passive(self, cue: Cue, head: str, tail: str, low: str, negation: str | None) -> bool:
        """ "Prices rose 3%, driven by A", "firms posted higher profits, driven by A": a
        participle after a comma says what brought about the clause before; False if not one.

        A clause whose subject moved ("prices rose") gives the subject, the
        claim's sign the move's; otherwise the object after a verb of having
        or reporting ("posted higher profits") is what the agent brought about.
        """
        if not re.search(r"[a-z0-9%]\s*,\s*$", head) or cue.neutral:
            return False
        prior = head.rstrip(" ,")
        prior = prior[prior.rfind(";") + 1 :]
        if "," in prior and _SETTING.match(prior.split(",", 1)[0]):
            prior = prior.split(",", 1)[1]  # "At the first follow-up, students ..."
        cause = _list_end(tail)
        subject, moved = _moved_part(prior)
        if subject is not None:
            # "rose, driven by A": A drove the rise; "fell, hit by A": the fall is the hit's
            moving = Cue(f"{cue.lemma} (a move)", moved if cue.sign > 0 else -1, cue.pattern)
            self.add(moving, "passive", cause, subject, low, negation)
            return bool(self.found)
        had = _HAD_OBJECT.match(prior.strip())
        if had is None:
            return False
        self.add(cue, "passive", cause, had["object"], low, negation)
        return bool(self.found)

    def named_effects(self, low: str) -> bool:
        """ "The employment and wage effects of A": A's influence on what names the effects,
        its direction unknown; False if the clause has no such phrase or a verb of its own.
        """
        found = _NAMED_EFFECTS.search(low)
        if found is None or self.has_cue(low):
            return False
        words = re.findall(r"[a-z-]+", found["effect"])
        if any(
            w in _NOT_EFFECT_NAMES or (_ADJECTIVE.search(w) and w not in _NOUNS_LIKE_ADJECTIVES)
            for w in words
            if w not in ("and", "or")
        ):
            return False  # "the long-term effects of", "the economic effects of": no outcome
        cue = Cue("the effects of", 1, _NAMED_EFFECTS, neutral=True)
        # "we reject the wage effect of A predicted by theory": the agent after a participle
        # is no part of A, and a rejected effect is a null finding
        cause = re.sub(r"\s+[a-z]+ed\s+by\s.*$", "", found["cause"])
        rejected = re.search(
            r"\b(?:reject|rejects|rejected|rule\s+out|rules\s+out|ruled\s+out|no)\s+$",
            low[: found.start()],
        )
        negation = rejected.group(0).strip() if rejected else None
        if found["det"] == "no":
            negation = "no"
        self.add(cue, "nominal", _list_end(cause), found["effect"], low, negation)
        return bool(self.found)

    def after(self, low: str) -> bool:
        """ "Jobs fell after the city raised the minimum wage": False if the clause is not one.

        The words before "after" (or "following", "if", "when", "once") must
        say their subject moved (a predicate such as "fell") and hold no causal
        verb; the words after name the event: a causal verb and its object
        ("raised the minimum wage"), or a phrase ("a tax hike", "the tariffs
        were cut"). The sign is the product of the two moves.
        """
        found = _AFTER.match(low.strip(" ."))
        if found is None:
            return False
        verb = _first(VERB_CUES + PASSIVE_CUES, found["effect"])
        if verb is not None and _usable(
            parse_phrase(_until_boundary(found["effect"][verb[1].end() :]))
        ):
            return False  # "firms raised wages after ...": the clause's own verb has an object
        moved = _moved_parts(found["effect"])
        events = _event_causes(found["cause"])
        if not moved or not events:
            return False
        for cause_text, event_sign, lemma in events:
            for effect, moved_sign in moved:
                cue = Cue(f"moves {found['word']} {lemma}", moved_sign * event_sign, _AFTER)
                self.add(cue, "connective", cause_text, effect, low)
        return bool(self.found)

    def group_compared(self, low: str) -> bool:
        """ "The scores of pupils who used vouchers fell compared to their peers": the group
        named by its trait moved the outcome; False if the clause is not one.
        """
        found = _GROUP_COMPARED.match(low.strip())
        if found is None:
            return False
        sign = 1 if found["verb"] in INCREASING_PREDICATES else -1
        cue = Cue(f"{found['verb']} compared with others", sign, _GROUP_COMPARED)
        self.add(cue, "comparative", found["group"], found["effect"], low)
        return bool(self.found)

    def moves_with(self, low: str) -> bool:
        """ "Demand falls sharply with price": what moves with A is moved by A; False if none.

        The words before "with" must end in a predicate of change ("falls",
        "increases clearly"); the words after it name the cause, which may
        move itself ("with an increase in waiting time"). The sign is the
        predicate's, times the cause's own move.
        """
        found = _MOVES_WITH.search(low)
        if found is None:
            return False
        effect, moved_sign = _moved_part(found["effect"])
        if effect is None:
            return False
        cause = _until_boundary(found["cause"])
        if not parse_phrase(cause).entity or _NOT_ITEM.match(cause):
            return False
        cue = Cue(f"moves with {found['verb'].strip()}", moved_sign, _MOVES_WITH)
        self.add(cue, "connective", cause, effect, low)
        return bool(self.found)

    def change_after(self, low: str) -> bool:
        """ "After A, B saw an increase in C and a drop in D": A moved C and D; False if not one.

        An event named after "after" or "following", before the clause or at
        its end, and a clause with no causal verb that names changes as nouns
        ("an increase in C", "a 13% reduction in D", "a reduced share of E"):
        one claim from the event to each thing that changed, the sign the
        change's own.
        """
        found = (
            _CHANGE_AFTER_FIRST.match(low)
            or _CHANGE_AFTER_LAST.match(low)
            or _FOLLOWED_BY.match(low)
        )
        if found is None:
            return False
        # the clause's own cue reads it, unless it is only "saw a rise in", which this reads
        others = tuple(c for c in COMPARATIVE_CUES if c.lemma not in _HAVE_COMPARED)
        if any(
            _first(cues, text)
            for cues in (VERB_CUES, PASSIVE_CUES, others)
            for text in (found["main"], found["setting"] or "")
        ):
            return False
        cause = _until_boundary(found["cause"])
        if not _usable(parse_phrase(cause)) or _SPAN_OF.match(cause):
            return False  # "after years of decline": a stretch of time, not an event
        if _FINITE.search(cause):
            return False  # "the increase after the reform was small": the event is the subject's
        main = found["main"]
        for change in _CHANGE_NOUN.finditer(main):
            rest = main[change.end() :]
            stop = _CHANGE_END.search(rest)
            effect = _list_end(rest[: stop.start()] if stop else rest)
            move = change["move"] or change["adjective"]
            if move.startswith("change") and not change["none"]:
                continue  # "a change in B" names no direction
            sign = -1 if move.startswith(_DOWN_MOVES) else 1
            if move.startswith(("improv", "worse")) and names_an_ill(parse_phrase(effect).entity):
                sign = -sign  # "improvements in tardiness": less of a harm
            cue = Cue(f"{found['word']} ... {move}", sign, _CHANGE_NOUN)
            self.add(cue, "connective", cause, effect, low, "no" if change["none"] else None)
        return bool(self.found)

    def condition_first(self, word: str, condition: str, main: str) -> None:
        """ "If tolls rise, traffic falls and buses fill up": a claim for each part that moved.

        Read only when the main clause has no cue of its own; a condition that
        is negated ("if fees are not paid") gives none.
        """
        for cause_text, event_sign, lemma in _event_causes(condition):
            if word == "as" and not parse_phrase(cause_text).qualifiers:
                return  # "as" also says "in the way that": only a cause that moves is read
            for effect, moved_sign in _moved_parts(_until_boundary(main) if word == "as" else main):
                cue = Cue(f"{word} {lemma}".strip(), moved_sign * event_sign, _CONDITION_FIRST)
                self.add(cue, "connective", cause_text, effect, main.lower())

    def opposite(self, low: str) -> bool:
        """ "..., while B does the opposite": each claim of the subject before, turned, for B."""
        found = _OPPOSITE.match(_SUBORDINATOR.sub("", low.strip()))
        if found is None or not self.found:
            return False
        subject = parse_phrase(self.as_written(found["subject"]))
        if not _usable(subject):
            return False
        before = self.found[-1].cause.entity
        for claim in [c for c in self.found if c.cause.entity == before and c.sign]:
            reason = f"{found.group(0).strip(' .')!r}: the opposite of {claim.sign_reason}"
            self.found.append(replace(claim, cause=subject, sign=-claim.sign, sign_reason=reason))
        return True

    def there_effect(self, low: str) -> bool:
        """ "There are adverse effects on B if A": False if the clause is not one."""
        found = _THERE_EFFECT.match(low.strip())
        if found is None:
            return False
        down = found["direction"] in ("negative", "adverse", "detrimental", "harmful")
        cue = Cue(f"{found['direction']} effect on", -1 if down else 1, _THERE_EFFECT)
        condition, self.condition = self.condition, found["word"]
        self.add(cue, "nominal", found["cause"], _list_end(found["effect"]), low)
        self.condition = condition
        return bool(self.found)

    def _subject_before_comma(self) -> bool:
        """Whether the last claim's cause is the subject of the clause right before a comma.

        True when the part read just before gave that claim, its cause is a noun phrase (no
        verb in it) written in that part, and no other clause opens after it ("A cut B, and
        C rose", "A raised B while C fell": the clause before the comma is C's).
        """
        cause = self.found[-1].cause.written.lower()
        # the noun phrase named ("benefits that are larger": benefits)
        head = re.sub(r"\s+(?:that|which|who)\s.*", "", self.found[-1].cause.entity)
        if not self.previous_found or _FINITE.search(head) or _first(VERB_CUES, head):
            return False
        part = self.previous_part.lower()
        at = part.rfind(cause)
        return at >= 0 and not _CLAUSE_AFTER.search(part, at + len(cause))

    def clause(self, text: str) -> None:
        low = text.lower()
        result = _RESULT_IS_TO.match(low.strip())
        if result:
            # "the main effect of A is to raise B": A raises B
            low = f"{result['cause']} {result['rest']}"
        if (
            self.opposite(low)
            or self.there_effect(low)
            or self.correlative(low)
            or self.insignificant(low)
            or self.directed_noun(low)
            or self.nominal(low)
            or self.role_for(low)
            or self.effect_size(low)
            or self.attribute(low)
            or self.after(low)
            or self.group_compared(low)
            or self.moves_with(low)
            or self.change_after(low)
            or self.named_effects(low)
        ):
            return
        chained = re.match(r"which\s+(?:in\s+turn\s+)?", low)
        if chained is None and self.found:
            chained = _GERUND_OPENING.match(low)  # "..., thus raising rents": goes on from before
        self.chain_sign = None
        if (
            chained
            and not low.startswith("which")
            and self.found
            and self.found[-1].sign == 0
            and _first(VERB_CUES, "which " + low[chained.end() :]) is not None
        ):
            # "A failed to raise B, sometimes lowering C": after a null finding nothing moved
            # to go on from; the gerund's subject is the clause's, A
            low = f"{self.found[-1].cause.written.lower()} {low[chained.end() :]}"
            chained = None
        if (
            chained
            and not low.startswith("which")
            and not _CHAINING_ADVERB.match(chained.group(0))
            and self.found
            and _first(VERB_CUES, "which " + low[chained.end() :]) is not None
        ):
            # "A imposes costs, reducing welfare": a bare participle's subject is the clause's;
            # "A raised B, thus (thereby, in turn) lowering C" goes on from what moved
            if not self._subject_before_comma():
                # "Prices rose because the bank cut rates, boosting demand", "A raised B
                # while C fell, reducing D": whose the participle is, is not known
                return
            low = f"{self.found[-1].cause.written.lower()} {low[chained.end() :]}"
            chained = None
        if chained and _first(VERB_CUES, "which " + low[chained.end() :]) is not None:
            # the cause is the previous claim's effect, moved the way that claim moved it
            low = "which " + low[chained.end() :]
            if self.found and self.found[-1].sign:
                self.chain_sign = self.found[-1].sign * self.found[-1].effect.sign
        passive = _first(PASSIVE_CUES, low)
        verb = _first(VERB_CUES, low)
        gap = _first(GAP_VERBS, low)
        if gap and not _GAP_WORDS.search(low, gap[1].end()):
            gap = None
        after = _first(EFFECT_FIRST_CONNECTIVES, low)
        before = _first(CAUSE_FIRST_CONNECTIVES, low)
        comparative = _first(COMPARATIVE_CUES, low)
        options = [
            (m[1].start(), rank, kind, m)
            for rank, (kind, m) in enumerate(
                (
                    ("passive", passive),
                    ("gap", gap),
                    ("verb", verb),
                    ("because", after),
                    ("therefore", before),
                    ("comparative", comparative),
                )
            )
            if m is not None
        ]
        if not options:
            return
        _start, _rank, kind, (cue, match) = min(options, key=lambda o: (o[0], o[1]))
        if kind == "verb" and _RELATIVE_THAT.search(low[: match.start()]):
            # "reforms that raise A are associated with B": the verb of the relative clause
            # is part of the subject; the clause's own verb comes after an auxiliary
            main = _first(VERB_CUES, low, match.end())
            while (
                main is not None
                and not _MAIN_VERB.match(main[1].group(0))
                and not (_AUXILIARY_BEFORE.search(low, 0, main[1].start()))
            ):
                main = _first(VERB_CUES, low, main[1].end())
            if main is not None:
                cue, match = main
        head, tail = low[: match.start()], low[match.end() :]
        if cue.lemma in _HAVE_COMPARED and not _TRAIT.search(_after_boundary(head)):
            return  # "women have lower wages" compares; "women with degrees have ..." claims
        if (
            kind == "therefore"
            and cue.lemma == "so that"
            and (self.has_cue(tail) or _first(GAP_VERBS, tail))
        ):
            # "A grew, so that the pact would narrow B": the clause after has its own verb
            self.clause(head.rstrip(" ,"))
            self.clause(tail.lstrip(" ,"))
            return
        if kind == "therefore" and not head.strip(" ,") and self.has_cue(tail):
            # "As a result, households are less likely to ...": the clause after has its own cue
            self.clause(tail.lstrip(" ,"))
            return
        direction = _DIRECTION_BEFORE.search(head) if cue.neutral else None
        if direction:
            # "negatively influences", "is positively affected by": the adverb gives the sign
            word = direction.group(1)
            sign = -1 if word.startswith(("neg", "adv")) else 1
            cue = Cue(f"{word} {cue.lemma}", sign, cue.pattern)
            head = head[: direction.start()] + " "
        negation = (
            is_negated(head.rsplit(",", 1)[-1])  # a negation does not reach across a comma
            # "had no (little, negligible, insignificant, null) effect on B": a null finding
            or (
                "no"
                if re.search(
                    r"\b(?:no|not|little|negligible|insignificant|null|zero|nil)\b",
                    match.group(0),
                )
                else None
            )
            # "deportations are ineffective at protecting workers": the gerund did nothing
            or ("ineffective" if _INEFFECTIVE_AT.search(head) else None)
            # "unaffected by", "unrelated to": the word itself denies the link
            or (
                "un-"
                if re.search(r"\bun(?:affected|related|correlated|associated)\b", match.group(0))
                else None
            )
        )
        if kind == "passive" and self.comma_passive(cue, head, tail, low, negation):
            return
        if kind == "passive":
            effect_text = _list_start(head).rstrip()
            reduced = not _PASSIVE_AUX_END.search(head) and _REDUCED_RELATIVE.search(effect_text)
            if reduced:
                # "rates rose during the crisis spurred by A": the participle, with no "is"
                # before it, qualifies the noun phrase right before it
                effect_text = effect_text[reduced.end() :]
            for _ in range(3):
                effect_text = _PASSIVE_AUX.sub("", effect_text).rstrip()
            effect_text = _HEDGE_BEFORE.sub("", " " + effect_text).strip()
            clause_verb = _SUBJECT_VERB.search(tail)
            if (
                not _PASSIVE_AUX_END.search(head)
                and not reduced
                and clause_verb is not None
                and effect_text.strip()
                and _usable(parse_phrase(effect_text))
            ):
                # "losses caused by A were linked to B": the participle and its agent
                # qualify the subject; the clause's own verb comes after them
                self.add(
                    cue,
                    "passive",
                    _list_end(tail[: clause_verb.start()]),
                    effect_text,
                    low,
                    negation,
                )
                self.last_effect = None
                self.clause(f"{effect_text} {tail[clause_verb.start() :].lstrip()}")
                return
            for by in re.split(r"\s+and\s+by\s+", tail):
                self.add(cue, "passive", _list_end(by), effect_text, low, negation)
        elif kind in ("verb", "gap", "comparative"):
            cause_text = re.sub(r"[\"\u201c\u201d]", " ", _list_start(head)).rstrip()
            relative = _WHO_BEFORE.search(head.rstrip())
            if relative and cause_text and head.rstrip().endswith(cause_text):
                # "landlords who own flats raise rents": a relative clause without a comma
                # restricts its noun, and the two make the subject
                noun = _after_boundary(head.rstrip()[: relative.start()])
                if noun and _usable(parse_phrase(noun)):
                    cause_text = f"{noun} who {cause_text}"
            for _ in range(3):
                cause_text = _ADVERB_BEFORE.sub("", " " + cause_text).strip()
                cause_text = _IMPACT_BEFORE.sub("", " " + cause_text).strip()
                cause_text = _HELP_BEFORE.sub("", cause_text).rstrip()
                cause_text = _HEDGE_BEFORE.sub("", " " + cause_text).strip()
                if negation:
                    cause_text = _NEGATION_BEFORE.sub("", " " + cause_text).strip()
            means = _BY_MEANS.search(head)
            if means and _usable(parse_phrase(_after_boundary(head[: means.start()]))):
                # "creating jobs by improving roads would raise incomes": the subject, not the means
                cause_text = _list_start(head[: means.start()])
            cause_text = _EFFECTIVE_AT.sub("", cause_text)
            cause_text = _PROJECTED.sub("", cause_text)  # "a plan that was expected to"
            as_a_way = _AS_A_WAY.search(cause_text)
            if as_a_way and as_a_way.start() > 0:
                # "vouchers may be the best way to cut B", "he saw A as a way to cut B": the
                # thing named as the means is the cause, not the one who names it
                cause_text = cause_text[: as_a_way.start()]
                copula = _COPULA_SUBJECT.match(cause_text)
                if copula and _usable(parse_phrase(copula["subject"])):
                    # "migration is part of development and a means of reducing B": the
                    # subject is the means, not what it is first said to be
                    cause_text = copula["subject"]
                viewer = _VIEWS.match(cause_text)
                if viewer and viewer.end() < len(cause_text):
                    cause_text = cause_text[viewer.end() :]
            shared = _SHARED_SUBJECT.match(head)
            if shared and _usable(parse_phrase(shared["subject"])):
                # "China has to ensure A, and avoid B": the second verb's subject is China
                cause_text = shared["subject"]
            used = _USE_TO.search(head)
            if used:
                # "households use extra income to increase investment": the income does
                cause_text = used["object"]
            cause_text = _SUBORDINATOR.sub("", cause_text)
            cause_text = _RECOMMEND.sub("", cause_text)
            agent = _BY_AGENT.search(head[: head.rfind(cause_text)]) if cause_text else None
            if agent and _usable(parse_phrase(_after_boundary(head[: agent.start()]))):
                # "decisions made by local governments ... shape costs": the decisions do
                cause_text = _after_boundary(head[: agent.start()])
            if not cause_text and "," in head:
                # "X keeps flowing, helping persuade Y": the clause before the comma is the cause
                prior = head[: head.rindex(",")]
                cause_text = _after_boundary(prior)
                copula = _COPULA_SUBJECT.match(cause_text)
                if (
                    copula
                    and match.group(0).endswith("ing")
                    and _usable(parse_phrase(copula["subject"]))
                ):
                    # "clinics are a key part of the system, providing care": what the clause
                    # is about does the gerund, not the whole clause
                    cause_text = copula["subject"]
                if _APPOSITIVE.match(cause_text) and "," in prior:
                    # "a modest transfer, equivalent to 2% of income, had ...": the noun before it
                    cause_text = _list_start(prior[: prior.rindex(",")])
            # "... push industry inland and raise wages": a second effect of the same cause.
            # "... encourages A but does not affect B": a second claim, negated on its own.
            # "... lowered A, improved B, and have increased C": a verb phrase for each.
            seconds = _verb_phrases(tail, negation)
            if seconds:
                tail = seconds[0][1]
                seconds = seconds[1:]
            unmoved = _BUT_NOT.match(tail) if kind == "verb" else None
            if unmoved:
                # "raised enrollment but not scores", "cut prices without reducing quality":
                # the object after "but not" or "without" is a null finding of the same cause
                tail = unmoved["own"]
            neither = re.match(r"\s*neither\s+(?=.*\bnor\b)", tail)
            if neither:  # "reduced neither poverty nor inequality": a null finding for each
                negation = "neither"
                tail = re.sub(r"\s+nor\s+", " and ", tail[neither.end() :], count=1)
            if kind == "comparative" and match.group(0).startswith("un"):
                verb_after = next(
                    (
                        (c, m)
                        for c in VERB_CUES
                        for m in [c.pattern.match(tail.lstrip())]
                        if m and not c.neutral
                    ),
                    None,
                )
                if verb_after is not None:
                    # "A is unlikely to reduce B": the verb is the claim, judged improbable
                    cue, found_verb = verb_after
                    tail = tail.lstrip()[found_verb.end() :]
                    kind, negation = "verb", "unlikely to"
            inner = _inner_cue(tail.lstrip()) if kind == "verb" and not cue.neutral else None
            if (
                inner is not None
                and cue.lemma.endswith((" to", " in"))
                and re.match(r"\s*[a-z]+(?:er|ed)\b", tail)
                and not _OBJECT_TO.match(tail.lstrip())
            ):
                # "led to lower earnings and higher profits": after "to" or "in" the word is
                # an adjective of the effect, and each item of a list keeps its own
                inner = None
            if inner is not None:
                # "encouraged landlords to reduce supply": encourage (+) x reduce (-) = -
                cue = Cue(f"{cue.lemma} to {inner[0].lemma}", cue.sign * inner[0].sign, cue.pattern)
                tail = inner[1]
            # "cut the ratio by 0.2 points and wages by 0.4%": an amount after "by" is neither
            # an agent nor a means, and the list goes on after it
            tail = _BY_AMOUNT.sub("", tail)
            response = _RESPOND_BY.match(tail)
            if response:
                # "less likely to respond by taking work": the response is the work taken
                tail = response["means"]
            given = (
                re.match(r"\s*(?:[\w'-]+\s+){1,5}?with\s+(?=\S)", tail)
                if cue.lemma in ("provide", "supply", "equip", "furnish")
                else None
            )
            if given:
                # "provide older people with an income": the income is what is provided
                tail = tail[given.end() :]
            effect_text = _list_end(tail)
            moving = (
                _GERUND_MOVE.match(effect_text)
                if cue.lemma in ("lead to", "result in", "cause", "contribute to")
                else None
            )
            if moving and _usable(parse_phrase(moving["who"])):
                # "results in families losing 3,000 a year": the families lose, a move down
                gerund = moving["gerund"]
                effect_text = f"{moving['who']} {_GERUND_AS_PREDICATE.get(gerund, gerund)}"
            if match.re.groupindex.get("object") and match["object"]:
                # "a poverty alleviation effect on the elderly": the poverty of the elderly
                effect_text = f"{match['object']} of {effect_text}"
            items = _items(effect_text) if cue.lemma in _HAVE_COMPARED else []
            if len(items) > 1 and any(parse_phrase(i).qualifiers for i in items[1:]):
                # "had lower scores, more absences and more referrals": the comparative of
                # the cue is the first item's; each later one brings its own
                self.add(cue, kind, cause_text, items[0], low, negation)
                have = Cue(cue.lemma.split()[0], 1, cue.pattern)
                for item in items[1:]:
                    own = have if parse_phrase(item).qualifiers else cue
                    self.add(own, kind, cause_text, item, low, negation)
            else:
                self.add(cue, kind, cause_text, effect_text, low, negation)
            at = tail.find(effect_text) + len(effect_text) if effect_text in tail else -1
            means = _BY_GERUND.match(tail, at) if effect_text and at > 0 else None
            if means and kind == "verb" and not negation and self.found:
                # "RTW laws weaken unions by depriving them of funds": the subject did the means
                # too; what the gerund does to its object is a claim of the same cause
                how = next(
                    (
                        (c, m)
                        for c in VERB_CUES
                        for m in [c.pattern.match(tail, means.end())]
                        if m and not c.neutral
                    ),
                    None,
                )
                if how is not None:
                    doer = self.found[-1].cause.written.lower()
                    self.add(how[0], "verb", doer, _list_end(tail[how[1].end() :]), low)
            if unmoved and self.found and self.found[-1].cue == cue.lemma:
                subject = self.found[-1].cause
                self.add(cue, kind, subject.written.lower(), _list_end(unmoved["not"]), low, "not")
            if seconds and self.found and self.found[-1].cue == cue.lemma:
                subject = self.found[-1].cause
                for next_cue, text, next_negation, so in seconds:
                    if next_cue is None:  # only the first verb's own words have none
                        continue
                    last = self.found[-1]
                    # "raise costs and therefore cut jobs": the costs cut the jobs
                    self.last_effect = last.effect if so else subject
                    self.chain_sign = last.sign * last.effect.sign if so else None
                    self.add(next_cue, "verb", "", _list_end(text), low, next_negation)
                    self.chain_sign = None
        elif kind == "because":
            # "GDP fell by 3% in 2020 due to A", "decreased by less as a result of A": an
            # amount after "by" is no agent, a closing phrase of time no part of the effect,
            # and a smaller move is turned (A made the fall smaller: A raised B)
            head = _BY_AMOUNT.sub("", head.rstrip()) + " "
            smaller = _SMALLER_MOVE.search(head.rstrip(" ,"))
            if smaller and smaller.end() == len(head.rstrip(" ,")):
                head = head.rstrip(" ,")[: smaller.start()] + " "
                cue = Cue(f"{cue.lemma} (a smaller move)", -cue.sign, cue.pattern)
            head = _WHEN_END.sub("", head.rstrip(" ,")) + " "
            # "X forecasts GDP to decline due to A": the object of a verb of predicting moved;
            # a verb after "projects" or "forecasts" makes them nouns ("projects tend to slow")
            head = re.sub(
                r"^.*\b(?:forecasts?|forecasted|projects?|projected|expects?|predicts?|"
                r"predicted)\s+(?!(?:" + _NOT_AN_OBJECT + r")\b)"
                r"(?=(?:[\w'-]+\s+){1,6}?to\s+\w+\s*$)",
                "",
                head,
            )
            effect_text = _list_start(head).rstrip()
            effect_text = re.sub(r"(?:\s+(?:\w+ly|again|further))+$", "", effect_text)
            if _ONLY_HEDGE.match(effect_text) and "," in head.rstrip(" ,"):
                # "rates are higher, possibly due to A": the clause before the hedge
                effect_text = _list_start(head.rstrip(" ,")[: head.rstrip(" ,").rindex(",")])
            for _ in range(2):
                effect_text = _PASSIVE_AUX.sub("", effect_text).rstrip()
            cause_text = _list_end(tail)
            deeper = _RESULTING_FROM.search(cause_text)
            if deeper:
                # "B fell due to a drop in C resulting from D": D brought about the drop in C
                cause_text, origin = cause_text[: deeper.start()], cause_text[deeper.end() :]
            self.add(cue, "connective", cause_text, effect_text, low, negation)
            if deeper:
                from_cue = next(c for c in EFFECT_FIRST_CONNECTIVES if c.lemma == "result from")
                self.add(from_cue, "connective", origin, cause_text, low)
        else:
            if _PURPOSE_IN.search(head):
                return  # "A is meant to cut B, thereby raising C": a purpose, not a finding
            # "Wages rose; as a result, firms moved inland": the cause is the clause before.
            cause_text = _after_boundary(head.rstrip(" ,;")) or self.previous_clause
            tail = tail.lstrip(" ,")
            adverbs = re.match(r"(?:[a-z]{3,}ly\s+)+", tail)
            if adverbs and any(c.pattern.match(tail, adverbs.end()) for c in VERB_CUES):
                tail = tail[adverbs.end() :]  # "therefore substantially crowd out B"
            direct = next((c for c in VERB_CUES if not c.neutral and c.pattern.match(tail)), None)
            if direct is not None:  # "..., thus leading to B": the gerund opens the tail
                inner = (direct, tail[direct.pattern.match(tail).end() :])  # type: ignore[union-attr]
            else:
                inner = _inner_cue(tail) if not _OBJECT_TO.match(tail) else None
            if inner is not None:
                # "..., thereby reducing costs": the gerund after the connective gives the sign
                cue = Cue(f"{cue.lemma} {inner[0].lemma}", inner[0].sign, cue.pattern)
                tail = inner[1]
            self.add(cue, "connective", cause_text, _until_boundary(tail), low)

    def clauses(self, text: str) -> None:
        # "we find that A cut B and that C raised D": a second finding after the first (not
        # "A and that raised B", a relative clause); a few findings at most, each read alone
        parts, start = [], 0
        for second in islice(_AND_THAT.finditer(text), 6):
            if not _ANY_VERB.match(text, second.end()):
                parts.append(text[start : second.start()])
                start = second.end()
        for part in [*parts, text[start:]]:
            self.finding(part)

    def finding(self, text: str) -> None:
        """The clauses of one finding."""
        colon = _COLON_CLAUSE.search(text)
        if colon and _FINITE.search(text[: colon.start()].lower()):
            # "A and B are intertwined: the greater A, the more B": two clauses
            self.clauses(text[: colon.start()])
            self.clauses(text[colon.end() :])
            return
        subject = ""
        for clause in _CLAUSE.split(text):
            unmoved = _UNMOVED.match(clause)
            if unmoved and self.found:
                # "A raised B, while C was not affected": the cause before left C as it was
                cue = Cue("not affected", 1, _UNMOVED, neutral=True)
                cause = self.found[-1].cause.written
                self.add(cue, "verb", cause, unmoved["effect"], clause, unmoved["state"])
                continue
            if not re.match(r"\s*(?:consequently|accordingly)\b", clause, re.I):
                clause = _DISCOURSE.sub("", clause)  # "...; socially, the return of ..."
            own = _CLAUSE_SUBJECT.match(clause)
            if own and not _SUBJECTLESS.match(clause):
                subject = own["subject"]
            elif subject and _SUBJECTLESS.match(clause):
                # "A is not B, but is becoming C": the second verb phrase shares the subject
                clause = f"{subject} {clause.lstrip()}"
            elif (
                self.found
                and clause is not text
                and (opening := _ANY_VERB.match(" " + _LEADING_ADVERB.sub("", clause.lstrip())))
                and not _OWN_VERB_SOON.match(opening.string, opening.end())
            ):
                # "A lowers B, but also raises C": a verb phrase after "but" or "while" with no
                # subject of its own is the subject's before, not what it moved; not when a
                # verb follows within a few words ("but lower wages cut C": a subject whose
                # first word is also a verb)
                clause = f"{self.found[-1].cause.written} {clause.lstrip()}"
            reason = _BECAUSE_CLAUSE.search(clause)
            if reason and all(
                _first(VERB_CUES, part.lower())
                for part in (clause[: reason.start()], reason["rest"])
            ):
                # "Tolls cut traffic because they raise costs": two claims, "they" the tolls
                self.clauses(clause[: reason.start()])
                self.clauses(reason["rest"])
                continue
            for part in _gerund_parts(clause):
                if part.strip():
                    before = len(self.found)
                    self.clause(part)
                    self.previous_clause = _after_boundary(part.lower().strip(" ,."))
                    self.previous_part, self.previous_found = part, len(self.found) > before


def sentence_candidates(sentence: str) -> list[Candidate]:
    """Every causal candidate the rules find in one sentence (none for a sentence without a cue)."""
    if sentence.rstrip(" \"'\u201d").endswith("?"):
        return []  # a question asks, it claims nothing
    found = _clause_candidates(sentence)
    pairs = {(f.cause.entity, f.effect.entity) for f in found}
    found += [
        c for c in _compound_candidates(sentence) if (c.cause.entity, c.effect.entity) not in pairs
    ]
    # a relative clause's claim is new only when no claim before names its effect
    effects = {f.effect.entity for f in found}
    return found + [
        c for c in _relative_candidates(sentence, found) if c.effect.entity not in effects
    ]


def _compound_candidates(sentence: str) -> list[Candidate]:
    """ "storm-induced flooding": the noun fused to the participle is the cause of the rest."""
    reader = _Reader(sentence, *split_attribution(_read_as(sentence))[:1], None)
    for compound in islice(_CAUSE_COMPOUND.finditer(reader.lowered), 8):
        cause = compound["cause"]
        if compound["before"] and (
            compound["before"] in _FUNCTION_WORDS
            or compound["before"] in _PRONOUNS
            or compound["before"] in ("a", "an", "the", "and", "or", "more", "most", "less")
            or compound["before"].endswith(("ed", "ing", "ly"))
        ):
            cause = cause.split(None, 1)[1]
        cue = Cue(f"{compound['participle']} (compound)", 1, _CAUSE_COMPOUND)
        reader.add_one(cue, "compound", cause, compound["effect"], reader.lowered, None)
    return reader.found


#: "nitrogen oxides, which drive asthma", "programs that build skills": a relative clause
#: whose verb is a causal verb (after an auxiliary or an adverb at most).
_RELATIVE_VERB = re.compile(
    # a gerund right after "that" begins a clause ("argues that raising taxes ..."), not a
    # relative one
    # "A cut B and that reduced C": "that" after "and", "but" or "so" is a pronoun
    r"(?:,\s*which|(?<!\band)(?<!\bbut)(?<!\bso)\s(?:which|that))\s+(?!in\s+turn\b)"
    r"(?![a-z]+ing\s)"
    r"(?P<verb>(?:(?:also|often|then|directly|may|might|can|could|will|would|should|must|has|"
    r"have|had|been|is|are|was|were|[a-z]{3,}ly)\s+){0,3}(?:"
    + "|".join(c.pattern.pattern for c in VERB_CUES + PASSIVE_CUES)
    + r")[^,;:()\u2014\u2013]*)"
)
#: Where the noun a relative clause qualifies begins: after a boundary, a verb of saying or
#: finding, or a causal verb (its object then being the noun).
_ANTECEDENT_START = re.compile(
    r".*(?:[,;:(\u2014\u2013]|\b(?:that|which|who|by|through|because|if|when|while|"
    r"found|finds?|shows?|showed|shown|suggests?|suggested|illustrates?|illustrated|"
    r"indicates?|indicated|says?|said|reports?|reported|notes?|noted|estimates?|estimated|"
    r"clear|likely|evident|true|"
    + alternation(ATTRIBUTION_VERBS + ADOPTING_VERBS)
    + r"|"
    # a finite verb or a connective ends the clause's subject, not the relative's noun
    + alternation(FINITE_AUXILIARIES + ("be", "been"))
    + r"|due\s+to|owing\s+to|thanks\s+to|because\s+of|as\s+a\s+result\s+of)\b)",
    re.S,
)
#: A causal or finite verb after a noun (not after "to", "and" or an auxiliary): a clause's
#: own verb.
_LATER_VERB = re.compile(
    r"(?<=[a-z])(?<!\bto)(?<!\band)(?<!\bor)(?<!\bnot)(?<!\balso)(?<!\bcan)(?<!\bmay)"
    r"(?<!\bwill)(?<!\bwould)(?<!\bcould)(?<!\bmight)(?=\s+(?:"
    + "|".join(c.pattern.pattern for c in VERB_CUES)
    # "the schools that reduced class sizes were in cities": a finite verb after the object
    + r"|(?:is|are|was|were|has|have|had|saw|sees|see|grew|grows|grow|fell|rose|did|does|do)\b))"
)
#: Any causal verb, active or passive ("reduced", "bolstered by").
_ANY_CAUSAL_VERB = re.compile(
    r"\s+(?:" + "|".join(c.pattern.pattern for c in VERB_CUES + PASSIVE_CUES) + ")"
)
#: A noun after these is an object, not a subject ("driven by policies that ...").
_PREPOSITION_START = re.compile(
    r"\s*(?:(?:and|or)\s+)?(?:by|through|to|in|on|for|from|with|into|under|via)\s"
)
_PREPOSITION_END = re.compile(r"\b(?:by|through|to|in|on|for|from|with|into|under|via)\s*$")
#: A relative clause's verb whose object is a pronoun.
_PRONOUN_OBJECT = re.compile(
    r"(?:[\w'-]+\s+){0,3}?[a-z]+\s+(?:it|them|this|that|these|those|him|her|us)\b"
)
_AND_SUBJECT_END = re.compile(r"\s+and\s+(?:[\w'-]+\s+){0,2}[\w'-]+$")
#: Nouns that take a clause of their own after "that" ("the idea that taxes cut growth").
_THAT_NOUNS = frozenset(
    """idea belief view claim notion fact fear concern hope hypothesis assumption argument
    sign signs indication possibility suggestion conclusion risk chance likelihood""".split()
)


#: A verb whose object is told to do something ("requires landlords that ... to notify").
_OBJECT_CONTROL = re.compile(
    r"\b(?:requires?|required|forces?|forced|obliges?|obliged|compels?|compelled|asks?|asked|"
    r"tells?|told|urges?|urged|allows?|allowed|permits?|permitted|expects?|expected)$"
)
#: Words after which a word in -ed is an adjective ("the newly elected", "two proposed").
_BEFORE_ADJECTIVE = frozenset(
    """a an the this that these those its their our his her some many more most less few
    several all each every and or no two three four five newly recently""".split()
)

_PARTICIPLE_PREPOSITIONS = frozenset("at in on by for with to from under into of".split())


def _after_past_verb(noun: str) -> str:
    """The noun phrase after a pronoun's verb or a verb in the past that follows a noun ("the
    mayor lauded policies": policies); a word in -ed after a determiner or an adverb is an
    adjective."""
    words = noun.split()
    if len(words) > 2 and words[0] in ("i", "we", "you", "he", "she", "it", "they"):
        return " ".join(words[2:])  # "they plan land use that ...": what they plan
    for k in range(len(words) - 2, 0, -1):
        word, before = words[k], words[k - 1]
        if (
            len(word) > 4
            and word.endswith("ed")
            # "programs targeted at youth": a participle before its preposition, no verb
            and words[k + 1] not in _PARTICIPLE_PREPOSITIONS
            and before not in _BEFORE_ADJECTIVE
            and not before.endswith(("ly", ","))
            and not before[:1].isdigit()
        ):
            return " ".join(words[k + 1 :])
    return noun


def _relative_candidates(sentence: str, found: list[Candidate]) -> list[Candidate]:
    """ "levels of soot, which drive asthma, fell": the relative clause's claim on its noun.

    The noun is the phrase before "which" or "that", from the last boundary, verb of saying
    or causal verb; the relative clause runs to its next comma (or dash, colon or
    semicolon, or a causal verb after a noun), and the two are read as one clause ("soot
    drive asthma"). No claim comes from a relative clause that only says which of a kind is
    meant: after a noun with "a" or "an" ("a service that allows B"), a generic noun ("the
    factors that affect B"), or a subject whose clause, already read (``found``), makes it
    its cause ("reforms that raise A are associated with B").
    """
    attributed_to = split_attribution(_read_as(sentence))[0]
    text = _read_as(sentence).lower()
    claims: list[Candidate] = []
    for relative in islice(_RELATIVE_VERB.finditer(text), 4):
        # the noun: what follows the last boundary, and the last causal verb, before it
        head = text[max(0, relative.start() - 160) : relative.start()]
        opened = _ANTECEDENT_START.match(head)
        noun = head[opened.end() :] if opened else head
        if opened and _OBJECT_CONTROL.search(head, 0, opened.end()):
            continue  # "requires landlords that raise rents to notify tenants": which are meant
        noun = _after_past_verb(noun)
        verbs = list(_ANY_CAUSAL_VERB.finditer(noun))  # within a bounded span before the noun
        verb = verbs[-1] if verbs else None
        if verb is not None:
            noun = noun[verb.end() :]
        # "bolstered by policies that ...": the noun after a verb or a preposition is an object
        before = _PREPOSITION_START.match(noun)
        if before:
            noun = noun[before.end() :]
        subject = (
            verb is None
            and before is None
            and not _PREPOSITION_END.search(head, 0, len(head) - len(noun))
        )
        noun = noun.strip()
        phrase = parse_phrase(noun)
        if (
            not _usable(phrase)
            or phrase.entity.split()[-1] in _THAT_NOUNS
            or phrase.entity.split()[-1].removesuffix("s") in _GENERIC_NOUNS + _PLACEHOLDER_NOUNS
            or re.match(r"an?\s", noun)
            or len(noun.split()) > 10
        ):
            continue
        if _PRONOUN_OBJECT.match(relative["verb"]):
            continue  # "a rule that lowers it": what it moves is named elsewhere
        first_word = relative["verb"].split()[0]
        if subject and any(f" that {first_word}" in c.cause.written.lower() for c in found):
            continue  # a subject's relative clause that its own clause names as the cause
        # "schemes that raise wages reduce turnover": the relative clause ends before the
        # next verb that follows a noun
        words = relative["verb"]
        first = _ANY_VERB.search(" " + words)
        later = first and _LATER_VERB.search(" " + words, first.end())
        if later:
            # "... that enhance skills and employment programs are": "and" and a noun phrase
            # before the clause's own verb are its subject's other part
            words = _AND_SUBJECT_END.sub("", words[: later.start() - 1])
        reader = _Reader(f"{noun} {words}", attributed_to, None)
        reader.clause(reader.written)
        claims += [replace(c, sentence=sentence) for c in reader.found]
    return claims


def _clause_candidates(sentence: str) -> list[Candidate]:
    """The candidates of a sentence's clauses and of the frames around them."""
    text = _DISCOURSE.sub("", _read_as(sentence))
    # "The scheme, which was set up in 2003, has had ...": the relative clause is an aside
    text = _RELATIVE_ASIDE.sub(" ", text)
    subject_aside = _SUBJECT_RELATIVE.match(text)
    if subject_aside and not _ANY_VERB.search(" " + subject_aside["subject"].lower()):
        text = f"{subject_aside['subject']} {text[subject_aside.end() :]}"
    means_aside = _MEANS_ASIDE.match(text)
    if means_aside and not _ANY_VERB.search(" " + means_aside["subject"].lower()):
        # "Tolls, by raising the cost of driving, cut traffic": "Tolls cut traffic by raising
        # the cost of driving", the means read as the subject's
        rest = text[means_aside.end() :].rstrip(" .")
        text = f"{means_aside['subject']} {rest} by {means_aside['means']}."
    # "Using data on 40 cities, the study finds that ...": the method is no part of the claim
    text = _METHOD_FIRST.sub("", text)
    attributed_to, start = split_attribution(text)
    body = text[start:]
    if attributed_to and start == 0:  # "..., according to X.", "..., the researchers found."
        body = strip_closing_attribution(body)
    body = _DISCOURSE.sub("", body.lstrip(" \"'\u201c\u2018"))
    # "A study has found evidence that A cut B": what the evidence is of is the claim
    body = _EVIDENCE_THAT.sub("", body)
    studied = _STUDY_FOUND_EFFECT.match(body)
    if studied and not _AGENT.search(parse_phrase(studied["topic"]).entity):
        # (a study of employers or households names who was studied, not a cause)
        # "An evaluation of P found no impact on B": P had no impact on B, by the evaluation
        attributed_to = attributed_to or studied["who"]
        # "... limited impact on A and no impact on B": each influence of its own
        body = "; ".join(
            f"{studied['topic']} had {part}" for part in _AND_EFFECT.split(studied["effect"])
        )
    unsupported = _NO_EVIDENCE.search(body)
    if unsupported:
        # "We find no evidence that A lowers B": a null finding
        reader = _Reader(sentence, attributed_to, None)
        # "little evidence of impacts of A on B" says as much as "no impacts of A on B"
        claim = unsupported["claim"]
        reader.clauses(claim if unsupported["nominal"] is None else f"no {claim}")
        reason = f"{unsupported['none']!r}: the sentence finds no support for the claim"
        return [replace(c, sign=0, sign_reason=reason) for c in reader.found]
    refuted = _REFUTED.match(text) or _REFUTED.match(body)
    if refuted:
        # "The belief that A raises B is not supported by the evidence": no effect found
        reader = _Reader(sentence, attributed_to, None)
        reader.clauses(refuted["claim"])
        reason = f"{refuted['verdict']!r}: the sentence rejects the claim"
        return [replace(c, sign=0, sign_reason=reason) for c in reader.found]
    by_first = _BY_FIRST.match(body)
    if by_first:
        # "By raising fees, the city cut demand": the city raised the fees, too
        reader = _Reader(sentence, attributed_to, None)
        reader.clauses(by_first["rest"])
        means_text = by_first["means"].lower()
        means = next(
            (m for c in VERB_CUES if not c.neutral for m in [c.pattern.match(means_text)] if m),
            None,
        )
        if reader.found and means is not None:
            first = reader.found[0]
            cue = next(c for c in VERB_CUES if c.pattern is means.re)
            obj = _list_end(means_text[means.end() :])
            reader.last_effect = None
            reader.add(cue, "verb", first.cause.written.lower(), obj, by_first["rest"].lower())
            reader.found.insert(0, reader.found.pop())
        return reader.found
    fronted_by = _FRONTED_PARTICIPLE.match(body)
    if fronted_by:
        # "Spurred by A, the growth in B has created C": A brought about the clause's subject
        reader = _Reader(sentence, attributed_to, None)
        cause_text, rest = fronted_by["cause"], fronted_by["rest"]
        # "Spurred by A, B or C, the growth ...": the agent's list goes on to its last item
        for _ in range(6):  # a list of agents longer than this is no list read here
            if re.search(r"\b(?:and|or)\s", cause_text):
                break
            item, comma, after_item = rest.partition(",")
            low_item = item.lower()
            if (
                not comma
                or len(item.split()) > 8
                or _FINITE.search(low_item)
                or _first(VERB_CUES, low_item)
                or re.match(r"\s*(?:which|who|that)\b", low_item)
            ):
                break
            cause_text, rest = f"{cause_text},{item}", after_item.lstrip()
        participle = re.sub(r"\s+", " ", fronted_by["participle"].lower())
        cue = next(c for c in PASSIVE_CUES if c.lemma == f"{participle} by")
        subject = _CLAUSE_SUBJECT.match(rest)
        if subject is None:
            verb = _first(VERB_CUES, rest.lower())
            subject_text = rest[: verb[1].start()] if verb else ""
        else:
            subject_text = subject["subject"]
        if subject_text.strip():
            reader.add(cue, "passive", cause_text, subject_text, rest.lower())
        reader.last_effect = None
        reader.clauses(rest)
        return reader.found
    with_come = _WITH_COME.match(body)
    if with_come:
        # "With hotter summers come more wildfires": the inverted subject is the effect
        reader = _Reader(sentence, attributed_to, None)
        cue = Cue("with ... come", 1, _WITH_COME)
        reader.add(cue, "connective", with_come["cause"], with_come["effect"], body.lower())
        return reader.found
    fronted = _FRONTED.match(body)
    if fronted and not _Reader.has_cue(_until_boundary(fronted["rest"]).lower()):
        # "Due to the hukou system, migrants do not settle, ...": the cause comes first
        reader = _Reader(sentence, attributed_to, None)
        cue = Cue(fronted["cue"].lower(), 1, _FRONTED)
        rest = fronted["rest"]
        reader.add(cue, "connective", fronted["cause"], _until_boundary(rest), rest.lower())
        if reader.found:
            reader.clauses(rest)
            return reader.found
    elif fronted:
        body = fronted["rest"]  # the clause has a cue of its own: it is read alone
    concessive = _CONCESSIVE.match(body)
    if concessive:
        # "Although A has no effect on B, C raises D": two clauses, each read alone
        reader = _Reader(sentence, attributed_to, None)
        own = _CONDITION_SUBJECT.match(concessive["sub"])
        if own and _usable(parse_phrase(own["subject"])):
            # "While crews are in homes, they also fix B": "they" is the crews
            reader.subject = parse_phrase(reader.as_written(own["subject"].lower()))
        reader.clauses(concessive["sub"])
        reader.clauses(concessive["main"])
        return reader.found
    condition = None
    with_first = _WITH_FIRST.match(body)
    if with_first and parse_phrase(with_first["cause"]).qualifiers:
        # "With rents rising, families leave": the moving cause, then the main clause.
        reader = _Reader(sentence, attributed_to, None)
        main = body[with_first.end() :]
        reader.clauses(main)
        if not reader.found:
            cue = Cue("with", 1, _WITH_FIRST)
            moving = re.sub(
                r"\b(?:continuing|continues|continued|beginning|starting)\s+to\s+",
                "",
                with_first["cause"],
            )
            reader.add(cue, "connective", moving, _until_boundary(main), main.lower())
        return reader.found
    opening = _CONDITION_FIRST.match(body)
    if opening:
        word = opening["word"].split(None, 1)[0].lower()
        condition = None if word in ("as", "because", "since") else word
        conditional_clause, body = opening.group("condition"), body[opening.end() :]
        if word == "without" and (
            _NOT_MISSING.match(conditional_clause)
            or not _WOULD_HAPPEN.search(_until_boundary(body))
        ):
            # "Without any subsidy, the scheme cut B": what happened, no condition; "without
            # him", "without ever seeing it", "without a fight": no thing whose absence acts
            condition, opening = None, None
    reader = _Reader(sentence, attributed_to, condition)
    if opening:
        # "If costs rise, firms move inland": a claim from the condition to the main clause
        # only when the main clause has no cue of its own.
        subject = _CONDITION_SUBJECT.match(conditional_clause)
        if subject and _usable(parse_phrase(subject["subject"])):
            reader.subject = parse_phrase(reader.as_written(subject["subject"].lower()))
        reader.clause(body)
        if reader.found and all(_AGENT.search(c.cause.entity) for c in reader.found):
            # "once restrictions are relaxed, individuals may reduce B": those who act on the
            # condition are no cause of B; the condition is
            events = _event_causes(conditional_clause)
            if events:
                acted, reader.found = reader.found, []
                for claim in acted:
                    for cause_text, event_sign, lemma in events:
                        # the claim's sign without its cause's and effect's qualifiers, which
                        # the new claim reads again
                        sign = claim.sign * claim.cause.sign * claim.effect.sign * event_sign
                        if word == "unless":
                            sign = -sign  # "unless A, firms cut B": without A, B falls
                        name = " ".join(w for w in (word, lemma, "...", claim.cue) if w)
                        cue = Cue(name, sign, _CONDITION_FIRST)
                        reader.add_one(
                            cue, "connective", cause_text, claim.effect.written, body.lower(), None
                        )
        if (
            not reader.found
            and word == "without"
            and opening.group(0)[:1] == "W"
            and not _FINITE.search(conditional_clause.lower())
            # "crashes will rise", "towns would flood": what would happen, not what is so
            and re.search(r"\b(?:will|would|could|might)\b", _until_boundary(body).lower())
        ):
            # "Without action, crashes will rise": what the absent thing would keep from
            # happening, the main clause whole
            cue = Cue("without", -1, _CONDITION_FIRST)
            reader.add(cue, "connective", conditional_clause, _until_boundary(body), body.lower())
            return reader.found
        if not reader.found:
            reader.condition_first(word, conditional_clause, body)
        if not reader.found:
            word = opening["word"].split(None, 1)[0].lower()
            if_cue = Cue(word, 1, re.compile(re.escape(word)))
            cause, effect = parse_phrase(conditional_clause), parse_phrase(_until_boundary(body))
            if cause.qualifiers and effect.qualifiers:
                reader.add(if_cue, "connective", conditional_clause, _until_boundary(body), body)
        return reader.found
    neither = _NEITHER_NOR.match(body)
    if neither:
        # "Neither the tax nor the subsidy changed behaviour": both, each negated
        both = f"{neither['first']} and {neither['second']} did not {neither['rest']}"
        if _Reader.has_cue(both.lower()):
            body = both
    # "... on the one hand, by A, and on the other hand, by B": the asides go, the list stays.
    body = re.sub(r",?\s*on\s+the\s+one\s+hand,?", "", body, flags=re.I)
    body = re.sub(r",?\s*(?:and\s+)?on\s+the\s+other\s+hand,?", " and", body, flags=re.I)
    reader.clauses(body)
    return reader.found
