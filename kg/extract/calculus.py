"""The sign calculus: a factor phrase is entity + qualifiers, and qualifiers carry signs.

``low urban insurance participation`` is the entity ``urban insurance
participation`` with the qualifier ``low`` (sign -1); ``costs rise`` is
``costs`` with the predicate ``rise`` (+1). A claim's sign is the cue's sign
times the signs of the cause's and the effect's qualifiers, and the claim
links the entities, the qualifiers left out: "low urban insurance
participation leads to more return" is urban insurance participation
-> return, decreases (+1 x -1 x +1).

>>> phrase = parse_phrase("low urban insurance participation")
>>> phrase.entity, phrase.sign, phrase.qualifiers
('urban insurance participation', -1, ('low',))
>>> parse_phrase("a lack of jobs").entity, parse_phrase("a lack of jobs").sign
('jobs', -1)
>>> parse_phrase("wages fall").entity, parse_phrase("wages fall").sign
('wages', -1)
>>> claim_sign(1, parse_phrase("low insurance"), parse_phrase("more return"))
-1
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import (
    DECREASING,
    DECREASING_PREDICATES,
    EVALUATIVE,
    ILLS,
    INCREASING,
    INCREASING_PREDICATES,
    SCOPE_WORDS,
    VERB_CUES,
)

__all__ = ["Phrase", "parse_phrase", "claim_sign", "sign_word", "names_an_ill", "DETERMINERS"]

#: Words at the edge of a phrase that name no part of the factor.
DETERMINERS = frozenset(
    """the a an this that these those its their his her our such both any some all
    also and then which who whose it them there here further even either""".split()
)
_AUXILIARIES = frozenset(
    """is are was were be been being has have had will would shall should can could may
    might must do does did also to not only still often already generally from""".split()
)


#: A figure before a phrase's qualifier: "10", "26%", "percent".
_FIGURE = re.compile(r"^(?:[$\u20ac\u00a3]?[\d.,]+%?|percent|per|cent|percentage|points?)$")


#: Words of degree before a noun of change ("a sharp drop in").
_DEGREE = frozenset(
    """sharp sharply significant statistically substantial dramatic marked slight steep
    considerable notable modest moderate sizeable sizable measurable noticeable sustained
    lasting persistent temporary""".split()
)


#: Words of size or scope, before a noun of change ("small decreases in", "a big rise in",
#: "an overall reduction in"); before any other noun they are its own ("overall traffic").
_SIZE = frozenset(
    """small large big huge tiny minor major slight great vast massive""".split()
) | frozenset(SCOPE_WORDS)


#: A subject that has none of something: "households lack credit", "do not have access".
_LACKS = re.compile(r"^(?:[\w'-]+\s+){0,4}?(?P<verb>(?:do|does|did)\s+not\s+have|lacks?|lacked)\s+")


#: One-word qualifiers that can also stand after a verb of being ("wages are low").
_ADJECTIVE_SIGN = {
    **{q: 1 for q in INCREASING if " " not in q and not q.endswith("ing")},
    **{q: -1 for q in DECREASING if " " not in q and not q.endswith("ing")},
}
for _word in ("reduced", "increased", "improved", "limited"):
    _ADJECTIVE_SIGN.pop(_word, None)  # participles: "is reduced" is a passive, not a state
_STATE = re.compile(
    r"\s(?:is|are|was|were|be|been|becomes?|became|remains?|remained|gets?|got|grows?|grew)\s+"
    r"(?:(?:much|far|even|very|too|increasingly|relatively)\s+)?"
    r"(?P<adjective>"
    + "|".join(sorted(_ADJECTIVE_SIGN, key=len, reverse=True))
    + r")(?:\s+[a-z-]+)?$"
)

#: Verbs that change an amount: "tariffs were cut" says tariffs went down ("workers were
#: encouraged" says nothing of how many workers there are).
_AMOUNT_VERBS = frozenset(
    """raise increase boost expand strengthen accelerate deepen enhance improve reinforce
    worsen exacerbate aggravate reduce cut lower decrease curb limit slow weaken erode dampen
    depress suppress shrink ease alleviate mitigate constrain undermine abolish eliminate
    scrap""".split()
)
#: Their participles, each with its sign.
_PARTICIPLE_SIGN = {
    form: cue.sign
    for cue in VERB_CUES
    if cue.lemma in _AMOUNT_VERBS and cue.pattern.pattern.startswith(r"\b(?:")
    for form in cue.pattern.pattern[len(r"\b(?:") : cue.pattern.pattern.index(")")].split("|")
    if form.endswith("ed") or form == "cut"
}
_TO_MOVE = re.compile(
    r"\s+to\s+(?P<move>"
    + "|".join(p for p in INCREASING_PREDICATES + DECREASING_PREDICATES if " " not in p)
    + r")(?:\s+\w+ly)?$"
)
_PASSIVE_STATE = re.compile(
    r"\s(?:is|are|was|were|be|been|being|got|get|gets)\s+(?:(?:\w+ly|further|also)\s+)?"
    r"(?P<participle>" + "|".join(sorted(_PARTICIPLE_SIGN, key=len, reverse=True)) + r")$"
)


#: Words that measure how much of the noun before or after them there is.
_MEASURES = frozenset(
    """rate rates level levels incidence prevalence number numbers share count counts case
    cases likelihood probability odds frequency amount amounts episodes""".split()
)
#: Words that end a noun's own words and start what it is of, in or for.
_HEAD_END = frozenset(
    """of in among for at on across to from with between by during within over under after
    before since than that which who""".split()
)


def names_an_ill(entity: str) -> bool:
    """Whether ``entity`` names a harm (:data:`~kg.extract.lexicon.ILLS`) by its head noun.

    The head is the last word before a preposition ("disciplinary violations
    in schools"); after a word of measure it is the noun measured ("crime
    rates", "the rate of infant mortality").

    >>> names_an_ill("disciplinary violations"), names_an_ill("rates of infant mortality")
    (True, True)
    >>> names_an_ill("health"), names_an_ill("loss aversion research")
    (False, False)
    """
    words = [w.strip(".,;:'\u2019") for w in entity.casefold().split()]
    cut = next((i for i, w in enumerate(words) if w in _HEAD_END), len(words))
    own = [w for w in words[:cut] if w not in DETERMINERS]
    after = [w for w in words[cut + 1 :] if w not in DETERMINERS]
    while own and own[-1] in _MEASURES:
        own = own[:-1]
    if not own and words[cut : cut + 1] == ["of"]:
        # "the rate of infant mortality": the noun measured comes after "of"
        end = next((i for i, w in enumerate(after) if w in _HEAD_END), len(after))
        own = after[:end]
    if not own:
        return False
    head = own[-1]
    singular = {head, head[:-1] if head.endswith("s") else head}
    if head.endswith("ies"):
        singular.add(head[:-3] + "y")
    return bool(singular & ILLS)


def _by_length(words: tuple[str, ...]) -> list[str]:
    return sorted(words, key=len, reverse=True)


_PREFIX = [(q, 1) for q in INCREASING] + [(q, -1) for q in DECREASING]
_PREFIX.sort(key=lambda item: len(item[0]), reverse=True)
_PREDICATE = [(p, 1) for p in INCREASING_PREDICATES] + [(p, -1) for p in DECREASING_PREDICATES]
_PREDICATE.sort(key=lambda item: len(item[0]), reverse=True)


@dataclass(frozen=True)
class Phrase:
    """A factor phrase: the words as written, the entity, its qualifiers and their sign."""

    written: str
    entity: str
    qualifiers: tuple[str, ...]
    sign: int


def _trim(words: list[str]) -> list[str]:
    while words and (words[0] in DETERMINERS or words[0] in _AUXILIARIES):
        words.pop(0)
    while words and (words[-1] in DETERMINERS or words[-1] in _AUXILIARIES):
        words.pop()
    return words


def parse_phrase(written: str) -> Phrase:
    """Split a phrase as written into its entity and signed qualifiers.

    Qualifiers are read at the start (``rising``, ``a lack of``, ``the repeal
    of``; a word of degree before them, ``a sharp drop in``, is skipped),
    repeatedly (``ever higher`` is not known, ``higher coastal`` is), and as a
    clause's predicate at the end (``costs rise``, ``jobs are scarce``), a
    state (``demand is weak``, ``regions become more arid``), a passive of a
    verb of amount (``tariffs were cut``) or a move after "to" (``prices to
    soar``).
    """
    text = " ".join(re.sub(r"[\"\u201c\u201d\u2018\u2019()]", " ", written).split())
    text = text.strip(" ,;:.").casefold()
    text = re.sub(r"^(?:the\s+)?fact\s+that\s+", "", text)  # "the fact that the role ..."
    # "more than 12,000 admissions", "up to 40 jobs": a count of the entity, no qualifier
    text = re.sub(
        r"^(?:(?:more|less|fewer)\s+than|over|under|up\s+to|at\s+least|about|around|"
        r"roughly|nearly|almost|some|an\s+estimated)\s+(?=[$\u20ac\u00a3]?\d)",
        "",
        text,
    )
    # "at most a moderate increase in B": a bound on the change, not a part of the factor
    text = re.sub(r"^(?:at\s+(?:most|least)|only|just|even)\s+(?=(?:an?|the)\s)", "", text)
    words = _trim(text.split())
    while words and (_FIGURE.match(words[0]) or words[0] in _DEGREE):
        # "a 10 percent increase in rents", "a sharp drop in sales": neither is a qualifier
        words = _trim(words[1:])
    # "significantly lower wages", "small decreases in output": an adverb of degree before a
    # qualifier, or a word of size before a noun of change, says how much, not which way
    while len(words) > 2 and (
        (words[0] in _SIZE or words[0].endswith("ly") or words[0] in ("far", "much", "even"))
        and any(
            " ".join(words[1:]).startswith(q + " ")
            for q, _ in _PREFIX
            if words[0] not in _SIZE or q.endswith((" in", " of", " to"))
        )
    ):
        words = words[1:]
    qualifiers: list[str] = []
    sign = 1
    # "the city's low birth rates": a possessor, then the qualifier of what it owns
    possessor: list[str] = []
    # (a curly apostrophe was read as a space above: "city s low birth rates")
    owner = 2 if len(words) > 3 and words[1] == "s" else 1
    if len(words) > owner + 1 and (owner == 2 or re.fullmatch(r"[a-z][\w-]*(?:'s|s')", words[0])):
        rest = " ".join(words[owner:])
        if any(rest.startswith(q + " ") for q, _ in _PREFIX):
            possessor, words = words[:owner], words[owner:]
    changed = True
    while changed and words:
        changed = False
        joined = " ".join(words)
        for qualifier, qualifier_sign in _PREFIX:
            if joined == qualifier or not joined.startswith(qualifier + " "):
                continue
            qualifiers.append(qualifier)
            sign *= qualifier_sign
            words = _trim(words[len(qualifier.split()) :])
            changed = True
            break
    words = possessor + words
    lacks = _LACKS.match(" ".join(words))
    if lacks and lacks.end() < len(" ".join(words)):
        # "migrants do not have the expectation of ...": the expectation, and less of it
        qualifiers.append(" ".join(lacks["verb"].split()))
        sign *= -1
        words = _trim(" ".join(words)[lacks.end() :].split())
    joined = " ".join(words)

    def subject_before(match: re.Match[str], said: str, moved: int) -> Phrase:
        """The words before ``match`` are the entity; ``said`` moved it ``moved``."""
        subject = " ".join(_trim(joined[: match.start()].split()))
        return Phrase(written.strip(), subject, (*qualifiers, said), sign * moved)

    state = _STATE.search(joined)
    if state and state.start() > 0:
        # "demand is weak", "regions become more arid": a state that says how much there is
        return subject_before(
            state, " ".join(state.group(0).split()), _ADJECTIVE_SIGN[state["adjective"]]
        )
    to_move = _TO_MOVE.search(joined)
    if to_move and to_move.start() > 0:
        # "food prices to soar" (after "caused"): the subject and the way it moved
        move = to_move["move"]
        return subject_before(to_move, move, 1 if move in INCREASING_PREDICATES else -1)
    passive = _PASSIVE_STATE.search(joined)
    if passive and passive.start() > 0:
        # "tariffs were cut": a passive that says which way its subject moved
        said = " ".join(passive.group(0).split())
        return subject_before(passive, said, _PARTICIPLE_SIGN[passive["participle"]])
    for predicate, predicate_sign in _PREDICATE:
        before = joined[: -len(predicate)].split()[-1:] if joined.endswith(" " + predicate) else []
        if before and before[0] not in DETERMINERS:  # "the slump" names a thing
            qualifiers.append(predicate)
            sign *= predicate_sign
            words = _trim(words[: -len(predicate.split())])
            break
    entity = " ".join(words)
    turned = sum(q in EVALUATIVE for q in qualifiers)
    if turned % 2 and names_an_ill(entity):
        sign = -sign  # "improvements in tardiness": less of a harm
    return Phrase(written.strip(), entity, tuple(qualifiers), sign)


def claim_sign(cue_sign: int, cause: Phrase, effect: Phrase) -> int:
    """The sign of the claim between the two entities: cue x cause's x effect's qualifiers."""
    return cue_sign * cause.sign * effect.sign


def sign_word(sign: int) -> str:
    """``increases`` for +1, ``decreases`` for -1, ``no_effect`` for 0 (a sheet's sign column)."""
    if sign == 0:
        return "no_effect"
    return "increases" if sign > 0 else "decreases"
