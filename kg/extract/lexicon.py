"""The words the rule engine knows: causal cues with their sign, qualifiers, hedges.

Each list is the one place its words are defined; the engine
(:mod:`kg.extract.engine`) and the calculus (:mod:`kg.extract.calculus`)
read them as compiled patterns.

* :data:`VERB_CUES`: ``cause VERB effect`` (``rising costs push industry inland``),
  with the verb's sign: ``+1`` when more of the cause gives more of the effect.
* :data:`PASSIVE_CUES`: ``effect is VERB-ed by cause`` (``driven by``).
* :data:`EFFECT_FIRST_CONNECTIVES`: ``effect CONNECTIVE cause`` (``because``, ``due to``).
* :data:`CAUSE_FIRST_CONNECTIVES`: ``cause CONNECTIVE effect`` (``as a result``, ``so that``).
* :data:`NOMINAL_CUES`: ``the positive effect of cause on effect``; :data:`CORRELATIVE`:
  ``the higher cause, the lower effect``.
* :data:`INCREASING` / :data:`DECREASING`: qualifiers of a factor phrase
  (``rising``, ``more``; ``low``, ``lack of``), and the predicates of a
  clause (``costs rise``, ``wages fall``).
* :data:`ILLS`: nouns of harm ("poverty", "tardiness"), which an improvement lowers;
  :data:`EVALUATIVE`: the qualifiers that say better or worse, not more or less.
* :data:`HEDGES`, :data:`CONDITIONS`, :data:`NEGATIONS`, :data:`ATTRIBUTION_VERBS`.

>>> [c.lemma for c in GAP_VERBS if c.matches("it narrows the gap")]
['narrow']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "Cue",
    "alternation",
    "VERB_CUES",
    "COMPARATIVE_CUES",
    "NOMINAL_CUES",
    "CORRELATIVE",
    "CORRELATIVE_DOWN",
    "PASSIVE_CUES",
    "EFFECT_FIRST_CONNECTIVES",
    "CAUSE_FIRST_CONNECTIVES",
    "GAP_VERBS",
    "INCREASING",
    "DECREASING",
    "INCREASING_PREDICATES",
    "DECREASING_PREDICATES",
    "ILLS",
    "EVALUATIVE",
    "HEDGES",
    "CONDITIONS",
    "NEGATIONS",
    "RARELY",
    "SCOPE_WORDS",
    "ATTRIBUTION_VERBS",
    "ADOPTING_VERBS",
]


def _verb_forms(lemma: str) -> str:
    """A pattern for the forms of a verb: ``push`` -> push, pushes, pushed, pushing."""
    irregular = {
        "drive": "drive|drives|drove|driven|driving",
        "bring": "bring|brings|brought|bringing",
        "lead": "lead|leads|led|leading",
        "break": "break|breaks|broke|broken|breaking",
        "hold": "hold|holds|held|holding",
        "cut": "cut|cuts|cutting",
        "set": "set|sets|setting",
    }
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return f"{lemma}|{lemma}s|{stem}ed|{stem}ing"
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return f"{lemma}|{lemma}es|{lemma}ed|{lemma}ing"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        stem = lemma[:-1]
        return f"{lemma}|{stem}ies|{stem}ied|{lemma}ing"
    if lemma in ("spur", "curb", "stem", "scrap"):  # doubled final consonant; curb has none
        double = "" if lemma == "curb" else lemma[-1]
        return f"{lemma}|{lemma}s|{lemma}{double}ed|{lemma}{double}ing"
    if lemma in ("fuel", "level"):
        return f"{lemma}|{lemma}s|{lemma}led|{lemma}ling|{lemma}ed|{lemma}ing"
    return f"{lemma}|{lemma}s|{lemma}ed|{lemma}ing"


@dataclass(frozen=True)
class Cue:
    """A causal cue: its dictionary form, sign (+1 or -1) and pattern in lower-case text.

    A ``neutral`` cue ("influenced by", "has an effect on") names an influence
    without its direction: its candidates are proposed as ``increases`` with
    a sign reason that asks the analyst to check the direction.
    """

    lemma: str
    sign: int
    pattern: re.Pattern = field(compare=False)
    neutral: bool = False

    def matches(self, text: str) -> bool:
        """Whether the cue occurs in ``text`` (lower-case)."""
        return self.pattern.search(text) is not None


def _verb(lemma: str, sign: int, after: str = "") -> Cue:
    """A verb cue, ``lemma`` the verb, ``after`` the particle that must follow (``to``)."""
    head, *rest = lemma.split(" ", 1)
    tail = r"\s+" + re.escape(rest[0]) if rest else ""
    more = r"\s+" + after if after else ""
    name = f"{lemma} {after}" if after else lemma
    return Cue(name, sign, re.compile(rf"\b(?:{_verb_forms(head)}){tail}{more}\b"))


def _phrase_cue(lemma: str, forms: str) -> Cue:
    """A cue of exactly the given verb ``forms`` (a pattern)."""
    return Cue(lemma, 1, re.compile(rf"\b(?:{forms})\b"))


def alternation(phrases: Iterable[str]) -> str:
    """A pattern matching any of ``phrases``, the longest first, with any spacing between words.

    >>> re.fullmatch(alternation(["rise", "rise in"]), "rise  in") is not None
    True
    """
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


#: Finite auxiliaries and modals: one of them after a noun makes a clause of its own.
FINITE_AUXILIARIES: tuple[str, ...] = tuple(
    "is are was were has have had will would can could may might should must".split()
)
#: Adverbs of (almost) never: a link said to hold seldom is denied.
RARELY: tuple[str, ...] = ("seldom", "rarely", "scarcely", "barely")
#: Words of scope or size before a noun of change that say nothing of its direction
#: ("no overall effect", "an appreciable rise").
SCOPE_WORDS: tuple[str, ...] = ("overall", "appreciable", "meaningful", "discernible", "detectable")


def _phrase(text: str, sign: int) -> Cue:
    return Cue(text, sign, re.compile(r"\b" + alternation([text]) + r"\b"))


#: Nouns of harm, a thing no one wants more of. Words of better and worse turn on them:
#: "improvements in tardiness" is less tardiness, "worsened crime" more crime, while
#: "improved health" is more health. Each is matched as a noun's head, plural or not.
ILLS: frozenset[str] = frozenset(
    """poverty inequality inequity unemployment underemployment crime violence mortality
    morbidity death fatality injury illness disease obesity pollution emission congestion
    tardiness absenteeism truancy violation incident accident delay debt hunger insecurity
    malnutrition stunting homelessness overcrowding stress anxiety depression symptom harm
    damage loss corruption fraud default eviction dropout shortage deficit burden hardship
    deprivation discrimination segregation exclusion vulnerability risk inflation
    deforestation erosion waste addiction abuse misconduct conflict crisis disparity gap
    distress suicide overdose casualty pain sleepiness exploitation recidivism""".split()
)
#: Their written forms, singular and plural, for patterns.
_ILL_FORMS = sorted({f for w in ILLS for f in (w, w[:-1] + "ies" if w.endswith("y") else w + "s")})

# Verbs whose particle turns their sign: "push up" is +, "drive down" is -.
_DOWN = [_verb(f"{v} down", -1) for v in ("drive", "push", "bring", "keep", "hold")]
_UP = [_verb(f"{v} up", 1) for v in ("drive", "push", "bring", "keep", "prop")]

#: Causal verbs, active voice: cause VERB effect. Longer phrases come first.
VERB_CUES: tuple[Cue, ...] = (
    # "lifted 3 million children out of poverty": out of a harm is less of it
    Cue(
        "lift out of",
        -1,
        re.compile(
            r"\b(?:lift|lifts|lifted|lifting|pull|pulls|pulled|pulling|bring|brings|brought|"
            r"bringing|move|moves|moved|moving|take|takes|took|taking|raise|raises|raised|"
            r"raising|keep|keeps|kept|keeping|help|helps|helped|helping)\s+"
            r"(?:[\w,.'-]+\s+){0,5}?out\s+of\b(?=\s+(?:[\w-]+\s+){0,2}?(?:"
            + "|".join(sorted(_ILL_FORMS, key=len, reverse=True))
            + r")\b)"
        ),
    ),
    # "pushed thousands into debt": into a harm is more of it
    Cue(
        "push into",
        1,
        re.compile(
            r"\b(?:push|pushes|pushed|pushing|drive|drives|drove|driven|driving|force|forces|"
            r"forced|forcing|plunge|plunges|plunged|plunging|tip|tips|tipped|tipping|send|sends|"
            r"sent|sending|lead|leads|led|leading|trap|traps|trapped|trapping)\s+"
            r"(?:[\w,.'-]+\s+){0,5}?into\b(?=\s+(?:[\w-]+\s+){0,2}?(?:"
            + "|".join(sorted(_ILL_FORMS, key=len, reverse=True))
            + r")\b)"
        ),
    ),
    # "left hundreds without jobs": what its object is left without
    Cue(
        "leave X without",
        -1,
        re.compile(r"\b(?:leave|leaves|left|leaving)\s+(?:[\w,.'-]+\s+){1,5}?without\b"),
    ),
    *_DOWN,
    *_UP,
    _verb("hold back", -1),
    _verb("crowd out", -1),
    _verb("lead", 1, "to"),
    _verb("result", 1, "in"),
    _verb("contribute", 1, "to"),
    _verb("give rise", 1, "to"),
    _verb("bring about", 1),
    _verb("push", 1),
    _verb("drive", 1),
    _verb("bring", 1),
    _verb("attract", 1),
    _verb("fuel", 1),
    _verb("spur", 1),
    _verb("boost", 1),
    _verb("raise", 1),
    _verb("increase", 1),
    _verb("cause", 1),
    _verb("encourage", 1),
    _verb("promote", 1),
    _verb("foster", 1),
    _verb("stimulate", 1),
    _verb("strengthen", 1),
    _verb("accelerate", 1),
    _verb("generate", 1),
    _verb("create", 1),
    _verb("expand", 1),
    _verb("deepen", 1),
    _verb("reduce", -1),
    _verb("curb", -1),
    _verb("hinder", -1),
    _verb("prevent", -1),
    _verb("break", -1),
    _verb("avoid", -1),
    _verb("lower", -1),
    _verb("weaken", -1),
    _verb("undermine", -1),
    _verb("discourage", -1),
    _verb("depress", -1),
    _verb("limit", -1),
    _verb("slow", -1),
    _verb("cut", -1),
    _verb("erode", -1),
    _verb("deter", -1),
    _verb("dampen", -1),
    _verb("decrease", -1),
    _verb("hamper", -1),
    _verb("constrain", -1),
    _verb("suppress", -1),
    _verb("shrink", -1),
    _verb("ease", -1),
    _verb("alleviate", -1),
    _verb("mitigate", -1),
    _verb("enhance", 1),
    _verb("improve", 1),
    _verb("facilitate", 1),
    _verb("enable", 1),
    _verb("persuade", 1),
    _verb("mobilize", 1),
    _verb("mobilise", 1),
    _verb("reinforce", 1),
    _verb("worsen", 1),
    _verb("exacerbate", 1),
    _verb("aggravate", 1),
    _verb("produce", 1),
    _verb("widen", 1),
    _verb("threaten", -1),
    _verb("lengthen", 1),
    _verb("shorten", -1),
    _verb("trigger", 1),
    _verb("spark", 1),
    Cue("hurt", -1, re.compile(r"\b(?:hurt|hurts|hurting)\b")),
    _verb("harm", -1),
    _verb("abolish", -1),
    _verb("eliminate", -1),
    _verb("scrap", -1),
    # More verbs of causing and of preventing, as the causative-verb lists of the
    # linguistics literature group them (make more: induce, heighten; make less or stop:
    # diminish, impede; remove or spoil: remove, damage, disrupt).
    _verb("induce", 1),
    _verb("provoke", 1),
    _verb("incite", 1),
    _verb("heighten", 1),
    _verb("amplify", 1),
    _verb("magnify", 1),
    _verb("intensify", 1),
    _verb("escalate", 1),
    _verb("augment", 1),
    _verb("inflate", 1),
    _verb("elevate", 1),
    _verb("bolster", 1),
    _verb("restore", 1),
    _verb("revive", 1),
    _verb("protect", 1),
    _verb("diminish", -1),
    _verb("lessen", -1),
    _verb("minimise", -1),
    _verb("minimize", -1),
    _verb("inhibit", -1),
    _verb("impede", -1),
    _verb("obstruct", -1),
    _verb("restrict", -1),
    _verb("restrain", -1),
    _verb("stifle", -1),
    _verb("thwart", -1),
    _verb("counteract", -1),
    _verb("neutralise", -1),
    _verb("neutralize", -1),
    _verb("deplete", -1),
    _verb("remove", -1),
    _verb("destroy", -1),
    _verb("damage", -1),
    _verb("impair", -1),
    _verb("disrupt", -1),
    _verb("jeopardise", -1),
    _verb("jeopardize", -1),
    _verb("endanger", -1),
    _verb("prolong", 1),
    _verb("squeeze", -1),
    # verbs of multiplying and dividing an amount: "the scheme doubled take-up"
    _verb("double", 1),
    _verb("triple", 1),
    _verb("quadruple", 1),
    _verb("halve", -1),
    # "lifted incomes" is a rise; "lifted the ban" takes a measure away: no claim here
    Cue(
        "lift",
        1,
        re.compile(
            r"\b(?:lift|lifts|lifted|lifting)\b(?!\s+(?:(?:the|a|an|its|their|all|some)\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:bans?|restrictions?|sanctions?|embargo(?:es)?|moratori(?:ums?|a)|"
            r"curfews?|caps?|freezes?|suspensions?|lockdowns?|orders?|mandates?|limits?|controls?|"
            r"barriers?|quotas?|tariffs?)\b)"
        ),
    ),
    # "the rules impose costs on landlords": what is imposed is the effect
    _verb("impose", 1),
    # "the scheme benefited patients", "it can benefit patients": "benefit" is a verb only in
    # a past form or after a modal ("unemployment benefits" is a noun); "patients benefit
    # from the scheme" is the other way round
    Cue(
        "benefit",
        1,
        re.compile(
            r"(?:\b(?:can|could|may|might|will|would|should|must|does|do|did)\s+(?:\w+ly\s+)?"
            r"benefit|\bbenefit(?:ed|ted))\b(?!\s+(?:\w+ly\s+)?from\b)"
        ),
    ),
    # "made it easier for firms to hire": what the object is made freer or less free to do
    Cue(
        "make it easier for",
        1,
        re.compile(
            r"\b(?:make|makes|made|making)\s+it\s+(?:\w+ly\s+)?(?:easier|cheaper|simpler|"
            r"more\s+attractive|possible|easy|cheap|simple|feasible|affordable)\s+for\b"
        ),
    ),
    Cue(
        "make it harder for",
        -1,
        re.compile(
            r"\b(?:make|makes|made|making)\s+it\s+(?:\w+ly\s+)?(?:harder|more\s+difficult|"
            r"costlier|more\s+costly|more\s+expensive|impossible|hard|difficult|costly|"
            r"expensive|unaffordable)\s+for\b"
        ),
    ),
    _verb("hasten", 1),
    _verb("speed up", 1),
    _verb("slow down", -1),
    _verb("retain", 1),
    _verb("preserve", 1),
    _verb("sustain", 1),
    # "removals can make immigrants work more": what the object is made to do, more or less
    Cue(
        "make X do more",
        1,
        re.compile(
            r"\b(?:make|makes|made|making)\b(?=\s+(?:[\w'-]+\s+){1,3}?[a-z]+\s+more\b"
            r"(?!\s+(?:likely|than)\b))"
        ),
    ),
    Cue(
        "make X do less",
        -1,
        re.compile(
            r"\b(?:make|makes|made|making)\b(?=\s+(?:[\w'-]+\s+){1,3}?[a-z]+\s+less\b"
            r"(?!\s+(?:likely|than)\b))"
        ),
    ),
    # "acts as a buffer against hunger", "a barrier to trade": a thing named for what it stops
    Cue(
        "act as a buffer against",
        -1,
        re.compile(
            r"\b(?:(?:acts?|acted|acting|serves?|served|serving|works?|worked)\s+as|"
            r"(?:is|are|was|were|be|been|remains?|provides?|provided|offers?|offered))\s+"
            r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:buffer|shield|safeguard|bulwark|barrier|"
            r"obstacle|impediment|hindrance|brake|check|cushion|hedge|protection)s?\s+"
            r"(?:against|to|on|from)\b"
        ),
    ),
    Cue(
        "protect against",
        -1,
        re.compile(
            r"\b(?:protect|protects|protected|protecting|guard|guards|guarded|guarding|"
            r"insulate|insulates|insulated|insulating|shield|shields|shielded|shielding)"
            r"(?:\s+[\w'-]+){0,3}?\s+(?:against|from)\b"
        ),
    ),
    _verb("translate", 1, "into"),
    # "is blamed for", "has been credited with", "is responsible for": a cause named as such
    Cue(
        "be responsible for",
        1,
        re.compile(
            r"\b(?:is|are|was|were|be|been)\s+(?:(?:\w+ly|often|also|partly|mainly|largely)\s+)?"
            r"(?:responsible\s+for|blamed\s+for|"
            r"credited\s+with)\b"
        ),
    ),
    # "stop people buying", "stop firms from hiring": only with what is stopped being done
    Cue(
        "stop",
        -1,
        re.compile(
            r"\b(?:stop|stops|stopped|stopping)\b(?=\s+(?:[\w'-]+\s+){1,3}?(?:from\s+)?\w+ing\b)"
        ),
    ),
    # "the fund provided grants to clinics": what is given is the effect ("the study
    # provides evidence" gives a finding, not a thing)
    Cue(
        "provide",
        1,
        re.compile(
            r"\b(?:provide|provides|provided|providing)\b(?!\s+(?:that|for)\b)"
            r"(?!\s+(?:[\w-]+\s+){0,2}?(?:evidence|statistics|"
            r"estimates?|insights?|overview|framework|data|information|details|analysis|"
            r"account|answers?|examples?|context|background|explanations?|support\s+for\s+the|"
            r"a\s+basis)\b)"
        ),
    ),
    # "deprived unions of funds": what the object is left without
    Cue(
        "deprive X of",
        -1,
        re.compile(r"\b(?:deprive|deprives|deprived|depriving)\s+(?:[\w'-]+\s+){1,4}?of\b"),
    ),
    # "the cuts cost thousands of jobs": what is lost, named as what it cost
    Cue(
        "cost",
        -1,
        re.compile(
            r"\b(?:cost|costs|costing)\b(?=\s+(?:[\w,-]+\s+){0,3}?"
            r"(?:jobs|lives|livelihoods|votes|seats|customers|members)\b)"
        ),
    ),
    _verb("combat", -1),
    _verb("tackle", -1),
    # "crews address safety issues": an ill or a problem addressed is lessened ("address a
    # letter", "address the meeting" name no amount)
    Cue(
        "address",
        -1,
        re.compile(
            r"\b(?:address|addresses|addressed|addressing)\b(?=\s+(?:[\w,'-]+\s+){0,4}?(?:"
            + "|".join(sorted(_ILL_FORMS, key=len, reverse=True))
            + r"|issues?|problems?|concerns?|challenges?|hazards?)\b)"
        ),
    ),
    # "plants emit pollution": what is emitted is more of it
    _verb("emit", 1),
    # "help in the fight against obesity": what is fought decreases
    Cue(
        "fight against",
        -1,
        re.compile(r"\b(?:(?:in\s+)?the\s+)?(?:fight|fights|fought|fighting|battle)\s+against\b"),
    ),
    # "allow workers to find work": the object is made able to do the rest
    _verb("allow", 1),
    # "A is negatively associated with B": the subject is read as the cause
    Cue(
        "positively associated with",
        1,
        re.compile(
            r"\b(?:(?:is|are|was|were|be|been)\s+(?:not\s+)?)?(?:(?:\w+ly|also|often|still)\s+)?"
            r"positively\s+"
            r"(?:associated|correlated|related|linked)\s+(?:with|to)\b"
        ),
    ),
    Cue(
        "negatively associated with",
        -1,
        re.compile(
            r"\b(?:(?:is|are|was|were|be|been)\s+(?:not\s+)?)?(?:(?:\w+ly|also|often|still)\s+)?"
            r"(?:negatively|inversely)\s+"
            r"(?:associated|correlated|related|linked)\s+(?:with|to)\b"
        ),
    ),
    Cue(
        "associated with",
        1,
        re.compile(
            # "were also (strongly) associated with": adverbs between the auxiliary and the verb
            r"\b(?:is|are|was|were|be|been)\s+(?:not\s+)?(?:(?:\w+ly|also|often|still|further|"
            r"again)\s+){0,2}"
            r"(?:associated|correlated|related|linked|unrelated|uncorrelated|unassociated)\s+"
            r"(?:with|to)\b"
        ),
    ),
    # "rent control led landlords to sell": the effect is what the object is led to do
    *(
        Cue(
            f"{lemma} X to",
            1,
            # the object names a noun, not a verb ("exposure to lead is linked to": no object)
            re.compile(
                rf"\b(?:{_verb_forms(lemma)})\s+(?:(?!(?:is|are|was|were|be|been|has|have|had|"
                rf"linked|related|tied|due|close|equal|similar)\b)[\w'-]+\s+){{1,4}}?to\b"
            ),
        )
        for lemma in ("lead", "force", "prompt", "induce")
    ),
    # "has a positive effect on", "had long-term benefits for": an influence with its direction
    Cue(
        "have a positive effect on",
        1,
        re.compile(
            r"\b(?:have|has|had|having|exerts?|exerted|exerting)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:(?:positive|beneficial|favou?rable|aggravating|amplifying|exacerbating|"
            r"reinforcing|stimulating)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:effects?|impacts?|influence)|benefits?)\s+(?:on|for|in\s+terms\s+of)\b"
        ),
    ),
    # "has a poverty alleviation effect on the elderly": less of the named thing in them
    Cue(
        "have a reducing effect on",
        -1,
        re.compile(
            r"\b(?:have|has|had|having|exerts?|exerted|exerting)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?P<object>(?!(?:an?|the|its|their)\s)\w+)(?:[\s-](?:alleviation|reduction|mitigation)|"
            r"-(?:reducing|mitigating|lowering|saving))\s+(?:effects?|impacts?)\s+(?:on|for|among)\b"
        ),
    ),
    Cue(
        "have a negative effect on",
        -1,
        re.compile(
            r"\b(?:have|has|had|having|exerts?|exerted|exerting)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:negative|adverse|detrimental|harmful|alleviating|mitigating|dampening|"
            r"depressing|reducing|lowering)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:effects?|impacts?|influence)\s+(?:on|for)\b"
        ),
    ),
    # "is a major driver of", "is a strong predictor of": a cause named as a noun
    Cue(
        "be a driver of",
        1,
        re.compile(
            r"\b(?:(?:is|are|was|were|be|been|remains?)\s+(?:not\s+)?(?:one\s+of\s+)?(?:an?|the)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:(?:drivers?|causes?|sources?)\s+of|"
            # "was a major contributor to B", "can be a means of B": a cause named by its part
            r"(?:contributors?|contributing\s+factors?)\s+to|(?:means|instruments?)\s+of)|"
            # "low pay is a key reason why nurses leave"
            r"(?:is|are|was|were|be|been|remains?)\s+(?:one\s+of\s+)?(?:an?|the)\s+"
            r"(?:[\w-]+\s+){0,2}?reasons?\s+(?:why|for)|"
            # "is becoming a transformative force in shaping B", "the engine of B"
            r"(?:is|are|was|were|be|been|remains?|becomes?|became|becoming)\s+(?:not\s+)?"
            r"(?:one\s+of\s+)?(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:drivers?|forces?|engines?|catalysts?|motors?)\s+(?:of|for|in|behind)"
            r"(?:\s+(?:shaping|driving|changing|transforming|creating|building))?)\b"
        ),
    ),
    Cue(
        "be a determinant of",
        1,
        re.compile(
            r"\b(?:is|are|was|were|be|been|remains?)\s+(?:one\s+of\s+)?(?:an?|the)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:(?:determinants?|predictors?)\s+of|"
            # "is one of the biggest factors in B": a part in B, its direction not named
            r"factors?\s+(?:in|behind|for)(?!\s+(?:which|whom)\b))\b"
        ),
        neutral=True,
    ),
    # Influence without a direction: the analyst picks the sign.
    *(
        Cue(c.lemma, 1, c.pattern, neutral=True)
        for c in (
            # no "-ed" form: "affected workers" names the workers, "affected by" is a passive
            _phrase_cue("affect", r"affects?|affecting"),
            _phrase_cue("influence", r"influences?|influencing"),
            _phrase_cue("shape", r"shapes?|shaping"),
            # the verbs of a change in kind, not in amount: reshape, alter, redirect
            _phrase_cue("reshape", r"reshapes?|reshaping"),
            _phrase_cue("alter", r"alters?|altering"),
            _phrase_cue("redirect", r"redirects?|redirecting"),
            # "the growth in A can explain the decline in B": A accounts for B ("explain how",
            # "explains the rationale" say what a text does)
            Cue(
                "explain",
                1,
                re.compile(
                    r"\b(?:explain|explains|explained|explaining)\b(?!\s+(?:how|why|what|"
                    r"that|whether|when|where|which|who|the\s+(?:rationale|reasons?|"
                    r"mechanisms?|role|logic|methods?|approach|process|details?))\b)"
                    # "explain B by A" gives the explainer's account, A the cause
                    r"(?![^,;.]*?\sby\s)"
                ),
            ),
        )
    ),
    # "did not change B", "has not altered B": a null finding (only negated: "A changed B"
    # names no direction, and "climate change" is a noun)
    Cue(
        "not change",
        1,
        re.compile(
            # "did little to change B" says as much
            r"(?:(?<=not\s)|(?<=n't\s)|(?<=never\s)|(?<=little\sto\s))"
            r"(?:change|changed|alter|altered)\b"
            # an object must follow: "does not change across regions" has none
            r"(?=\s+\w)(?!\s+(?:across|in|over|with|much|at|for|during|between|after|before|when|"
            r"if|under|from|by|significantly|substantially|materially|since|as|to)\b)"
        ),
        neutral=True,
    ),
    Cue(
        "have an effect on",
        1,
        re.compile(
            r"\b(?:have|has|had|having|exerts?|exerted|exerting)\s+"
            r"(?:(?:a|an|no|any|some|little|only\s+a\s+small|negligible)\s+)?"
            # "have insignificant and at most modest effects on": room for a pair of sizes
            r"(?:[\w-]+\s+){0,5}?(?:effects?|impacts?|influence)\s+on\b"
        ),
        neutral=True,
    ),
    # "poverty has serious consequences for health": an influence named by its outcome
    Cue(
        "have consequences for",
        1,
        re.compile(
            r"\b(?:have|has|had|having|carry|carries|carried|carrying)\s+"
            r"(?:(?:an?|no|any|some|few|many)\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:consequences|implications|repercussions|ramifications)\s+(?:for|on)\b"
        ),
        neutral=True,
    ),
    Cue(
        "play a role in",
        1,
        re.compile(r"\bplay(?:s|ed|ing)?\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?role\s+in\b"),
        neutral=True,
    ),
)

#: A comparison in time ("than in 2010", "than before"): a change, not a group's trait.
_NOT_IN_TIME = (
    r"(?![^,;]*\bthan\s+(?:in|at|on|before|after|during|ever|last|a\s+year|the\s+year|\d))"
)
#: Verbs of going through something, before what a group went through.
_GO_THROUGH = (
    r"\b(?:experiences?|experienced|experiencing|faces?|faced|facing|suffers?|suffered|"
    r"suffering|sees?|saw|seen)\s+(?:(?:\w+ly|much|far)\s+)*"
)
#: Verbs of what a group spends or does, before "more" or "less".
_SPEND = (
    r"\b(?:spend|spends|spent|spending|invest|invests|invested|investing|save|saves|saved|"
    r"saving|work|works|worked|working|consume|consumes|consumed|consuming)\s+(?:\w+ly\s+)?"
)
#: Verbs of a group's result ("scored", "performed", "fared") before "higher on".
_SCORE = (
    r"\b(?:score|scores|scored|scoring|perform|performs|performed|performing|do|does|did|"
    r"fare|fares|fared)\s+(?:(?:\w+ly|much|far)\s+)*"
)

#: Comparatives: "returnees are more likely to open firms" (cause, then what it makes likelier).
COMPARATIVE_CUES: tuple[Cue, ...] = (
    # "more likely than others to": the group compared with stands between
    Cue(
        "more likely to",
        1,
        re.compile(r"\b(?:more|increasingly)\s+likely\s+(?:than\s+[^,;]{1,40}?\s+)?to\b"),
    ),
    # "households with credit have higher incomes": the group's trait, then what it has more of
    # (also "than their peers": the group compared with; not "than in 2010": a change in time)
    Cue(
        "have higher",
        1,
        re.compile(
            r"\b(?:have|has|had|show|shows|showed|report|reports|reported|earn|earns|earned|enjoy|"
            r"enjoyed)\s+(?:(?:\w+ly|much|far)\s+)*(?:higher|greater|larger|more|better)\b"
            + _NOT_IN_TIME
        ),
    ),
    Cue(
        "have lower",
        -1,
        re.compile(
            r"\b(?:have|has|had|show|shows|showed|report|reports|reported|earn|earns|earned|enjoy|"
            r"enjoyed)\s+(?:(?:\w+ly|much|far)\s+)*(?:lower|smaller|less|fewer|worse)\b"
            + _NOT_IN_TIME
        ),
    ),
    # "exposed workers experience greater churn and reduced income", "treated villages saw a
    # 20% rise in consumption": what a group goes through
    Cue(
        "experience higher",
        1,
        re.compile(
            _GO_THROUGH
            + r"(?:(?:higher|greater|larger|more|better|increased|improved)\b"
            + _NOT_IN_TIME
            + r"|(?:an?\s+)?(?:[\d.,]+\s*(?:%|percent)?\s+|\w+\s+)?(?:rise|increase|jump|gain|"
            r"improvement|boost)s?\s+in\b)"
        ),
    ),
    Cue(
        "experience lower",
        -1,
        re.compile(
            _GO_THROUGH
            + r"(?:(?:lower|smaller|less|fewer|worse|reduced|decreased|worsened)\b"
            + _NOT_IN_TIME
            + r"|(?:an?\s+)?(?:[\d.,]+\s*(?:%|percent)?\s+|\w+\s+)?(?:decline|decrease|drop|fall|"
            r"reduction|loss)s?\s+in\b)"
        ),
    ),
    # "households receiving transfers spent more on food", "worked fewer hours": what a
    # group spends or does more or less of
    Cue(
        "spend more on",
        1,
        re.compile(_SPEND + r"more(?:\s+(?:on|in|for))?\b"),
    ),
    Cue(
        "spend less on",
        -1,
        re.compile(_SPEND + r"(?:less|fewer)(?:\s+(?:on|in|for))?\b"),
    ),
    # "pupils who were tutored scored higher on reading tests": a group's result
    Cue(
        "score higher on",
        1,
        re.compile(_SCORE + r"(?:higher|better)\s+(?:on|in)\b"),
    ),
    Cue(
        "score lower on",
        -1,
        re.compile(_SCORE + r"(?:lower|worse)\s+(?:on|in)\b"),
    ),
    Cue(
        "less likely to",
        -1,
        re.compile(r"\b(?:less|un)\s*likely\s+(?:than\s+[^,;]{1,40}?\s+)?to\b"),
    ),
)

#: Nouns of influence with their direction: "the positive effect of credit on yields"
#: (cause after "of", effect after "on"); "no significant change due to A in B" is a
#: null finding (sign 0).
NOMINAL_CUES: tuple[Cue, ...] = (
    Cue(
        "positive effect of",
        1,
        re.compile(
            r"\b(?:positive|beneficial|favou?rable|aggravating|amplifying|exacerbating)\s+"
            r"(?:and\s+[\w-]+\s+)?(?:effects?|impacts?|influences?|contributions?)\s+of\b"
        ),
    ),
    Cue(
        "negative effect of",
        -1,
        re.compile(
            r"\b(?:negative|adverse|detrimental|harmful|alleviating|mitigating|dampening)\s+"
            r"(?:and\s+[\w-]+\s+)?(?:effects?|impacts?|influences?)\s+of\b"
        ),
    ),
    Cue(
        "no effect of",
        0,
        re.compile(
            # "no (overall, measurable, statistically significant) effect of": words of scope
            # or of certainty between "no" and the noun
            r"\bno\s+(?:(?:"
            + alternation(
                SCOPE_WORDS
                + tuple(
                    """statistically net measurable significant clear consistent robust lasting
                    sizeable sizable substantial noticeable noteworthy large direct
                    independent""".split()
                )
            )
            + r")\s+){0,3}"
            r"(?:changes?|effects?|impacts?|differences?)\s+(?:due\s+to|of|from)\b"
        ),
    ),
)

#: "The higher the fees, the lower the enrolment": two comparatives, the first one's noun
#: the cause, the second one's the effect, the sign the product of their directions.
CORRELATIVE = re.compile(
    r"^the\s+(?P<first>more|higher|greater|larger|bigger|stronger|less|lower|fewer|smaller|weaker)"
    r"\s+(?P<cause>[^,;]+?),\s*the\s+"
    r"(?P<second>more|higher|greater|larger|bigger|stronger|less|lower|fewer|smaller|weaker)"
    r"\s+(?P<effect>[^,;]+)"
)
CORRELATIVE_DOWN = frozenset(("less", "lower", "fewer", "smaller", "weaker"))

#: Verbs of closing a gap: "bridge the rural-urban gap" decreases the gap.
GAP_VERBS: tuple[Cue, ...] = tuple(_verb(v, -1) for v in ("bridge", "narrow", "close"))

#: Passives: effect is VERB-ed by cause; the sign is the verb's.
PASSIVE_CUES: tuple[Cue, ...] = (
    tuple(
        Cue(f"{participle} by", sign, re.compile(rf"\b{participle}\s+by\b"))
        for participle, sign in (
            ("enhanced", 1),
            ("improved", 1),
            ("facilitated", 1),
            ("driven", 1),
            ("pushed", 1),
            ("fuelled", 1),
            ("fueled", 1),
            ("spurred", 1),
            ("boosted", 1),
            ("caused", 1),
            ("brought about", 1),
            ("encouraged", 1),
            ("promoted", 1),
            ("stimulated", 1),
            ("raised", 1),
            ("increased", 1),
            ("reduced", -1),
            ("curbed", -1),
            ("hindered", -1),
            ("held back", -1),
            ("undermined", -1),
            ("prevented", -1),
            ("weakened", -1),
            ("limited", -1),
            ("hampered", -1),
            ("constrained", -1),
            ("depressed", -1),
            ("slowed", -1),
            ("offset", -1),
            ("outweighed", -1),
            ("counteracted", -1),
            ("stopped", -1),
            ("induced", 1),
            ("triggered", 1),
            ("generated", 1),
            ("created", 1),
            ("sparked", 1),
            ("exacerbated", 1),
            ("worsened", 1),
            ("aggravated", 1),
            ("amplified", 1),
            ("intensified", 1),
            ("heightened", 1),
            ("accelerated", 1),
            ("strengthened", 1),
            ("bolstered", 1),
            ("sustained", 1),
            ("hit", -1),
            ("hurt", -1),
            ("harmed", -1),
            ("damaged", -1),
            ("threatened", -1),
            ("disrupted", -1),
            ("eroded", -1),
            ("diminished", -1),
            ("inhibited", -1),
            ("impeded", -1),
            ("restricted", -1),
            ("mitigated", -1),
            ("alleviated", -1),
            ("lowered", -1),
            ("cut", -1),
        )
    )
    + tuple(
        # "is influenced, on the one hand, by ...": an aside may stand between participle and "by".
        Cue(
            f"{participle} by",
            1,
            re.compile(rf"\b{participle}(?:,[^,]{{1,40}},)?\s+by\b"),
            neutral=True,
        )
        for participle in (
            "influenced",
            "affected",
            # "wages were unaffected by A": read as the passive, then as a null finding
            "unaffected",
            "shaped",
            "determined",
            "conditioned",
            "explained",
        )
    )
    + (
        # "Yields depend on rainfall", "the effect varies with income": effect first, no direction.
        Cue(
            "depend on",
            1,
            re.compile(r"\b(?:depend|depends|depended|depending)\s+(?:\w+ly\s+)?(?:up)?on\b"),
            True,
        ),
        Cue("vary with", 1, re.compile(r"\b(?:vary|varies|varied|varying)\s+with\b"), True),
        # "patients benefit from the scheme": the one who benefits is the effect
        Cue(
            "benefit from",
            1,
            re.compile(
                r"\b(?:benefit|benefited|benefitted|benefiting|benefitting)\s+"
                r"(?:(?:\w+ly|greatly|most|more|little)\s+)?from\b"
            ),
        ),
    )
)

#: effect CONNECTIVE cause: "firms move inland because costs rise".
EFFECT_FIRST_CONNECTIVES: tuple[Cue, ...] = tuple(
    _phrase(p, 1)
    for p in (
        "because of",
        "because",
        "due to",
        "owing to",
        "thanks to",
        "as a result of",
        "as a consequence of",
        "on account of",
        "in response to",
        "in the wake of",
        # "B is attributed to A", "B is attributable to A": the cause named after "to"
        "attributed to",
        "attributable to",
        "ascribed to",
    )
) + (
    Cue(
        "a result of",
        1,
        re.compile(
            r"\b(?:is|are|was|were|be|been|as)?\s*(?:an?|the)\s+(?:[\w-]+\s+)?"
            r"(?:result|consequence|outcome|product)\s+of\b"
        ),
    ),
    _verb("result", 1, "from"),
    _verb("stem", 1, "from"),
)

#: cause CONNECTIVE effect: "costs rose; as a result, firms moved inland".
CAUSE_FIRST_CONNECTIVES: tuple[Cue, ...] = tuple(
    _phrase(p, 1)
    for p in (
        "as a result",
        "as a consequence",
        "and so",
        "consequently",
        "therefore",
        "so that",
        "which in turn",
        "and thus",
        "and hence",
        "hence",
        "thus",
        "thereby",
    )
)

#: Qualifiers that say a factor is high or growing (read before the entity).
INCREASING: tuple[str, ...] = (
    "rising",
    "growing",
    "higher",
    "high",
    "more",
    "increasing",
    "increased",
    "greater",
    "larger",
    "large",
    "expanding",
    "strong",
    "stronger",
    "surging",
    "soaring",
    "better",
    "improved",
    "improving",
    "booming",
    "accelerating",
    "bigger",
    "faster",
    "rapid",
    "heavy",
    "heavier",
    "rise of",
    "a rise in",
    "a rise of",
    "rise in",
    "an increase in",
    "increase in",
    "growth in",
    "growth of",
    "the growth of",
    "expansion of",
    "an expansion of",
    "gains in",
    "improvements in",
    "an improvement in",
    "improvement in",
    "increases in",
    "increase of",
    "raising",
    "boosting",
    "upgrading",
    "strengthening",
    # gerunds of the verbs of causing more: "a role in promoting trade"
    "enhancing",
    "promoting",
    "fostering",
    "encouraging",
    "stimulating",
    "doubling",
    "a doubling of",
    "doubling of",
    # a sudden change named as a noun
    "a surge in",
    "surge in",
    "a jump in",
    "jump in",
    "a spike in",
    "spike in",
    "a boom in",
    "boom in",
    "a hike in",
    "hike in",
    "hikes in",
    # a measure that starts: more of it
    "the introduction of",
    "introduction of",
    "the implementation of",
    "implementation of",
    "the adoption of",
    "adoption of",
    "the passage of",
    "passage of",
    "the launch of",
    "launch of",
    "the rollout of",
    "rollout of",
    "the enactment of",
    "enactment of",
)
#: Qualifiers that say a factor is low or shrinking.
DECREASING: tuple[str, ...] = (
    "falling",
    "declining",
    "lower",
    "low",
    "less",
    "fewer",
    "reduced",
    "shrinking",
    "decreasing",
    "weak",
    "weaker",
    "slowing",
    "poor",
    "poorer",
    "weakening",
    "scarce",
    "limited",
    "little",
    "insufficient",
    "smaller",
    "slower",
    "a lack of",
    "lack of",
    "the lack of",
    "an absence of",
    "absence of",
    "the absence of",
    "loss of",
    "the loss of",
    "a shortage of",
    "shortage of",
    "shortages of",
    "a decline in",
    "decline in",
    "the decline of",
    "decline of",
    "a fall in",
    "fall in",
    "a drop in",
    "drop in",
    "any disruption to",
    "disruption to",
    "a disruption to",
    "any disruption of",
    "disruption of",
    "cuts in",
    "cuts to",
    "scarcity of",
    "the scarcity of",
    "a decrease in",
    "a deterioration in",
    "deterioration in",
    "a deterioration of",
    "deterioration of",
    "a worsening of",
    # better or worse, said of a thing that is good to have ("worsened health")
    "worsened",
    "worse",
    "deteriorating",
    "deteriorated",
    "worsening of",
    "decrease in",
    "decreases in",
    "a reduction in",
    "reduction in",
    "reductions in",
    "reduction of",
    "reducing",
    "lowering",
    "cutting",
    # gerunds of the verbs of causing less or stopping: "a role in alleviating poverty"
    "alleviating",
    "easing",
    "curbing",
    "mitigating",
    "limiting",
    "preventing",
    "eliminating",
    "removing",
    "halving",
    "narrowing",
    "combating",
    "combatting",
    "tackling",
    "a slump in",
    "slump in",
    "a collapse in",
    "collapse in",
    "a plunge in",
    "plunge in",
    "a dip in",
    "dip in",
    "a slowdown in",
    "slowdown in",
    # a measure that ends: less of it
    "the closure of",
    "closure of",
    "the removal of",
    "removal of",
    "the abolition of",
    "abolition of",
    "the repeal of",
    "repeal of",
    "the withdrawal of",
    "withdrawal of",
    "the elimination of",
    "elimination of",
)
#: A clause's predicate that says its subject goes up: "costs rise".
INCREASING_PREDICATES: tuple[str, ...] = (
    "rise",
    "rises",
    "rose",
    "risen",
    "rising",
    "grow",
    "grows",
    "grew",
    "grown",
    "growing",
    "increase",
    "increases",
    "increased",
    "increasing",
    "expand",
    "expands",
    "expanded",
    "surge",
    "soar",
    "soars",
    "soared",
    "surges",
    "surged",
    "climb",
    "climbs",
    "climbed",
    "improve",
    "improves",
    "improved",
    "go up",
    "goes up",
    "went up",
    "are high",
    "is high",
    "remain high",
    "remains high",
    "are higher",
    "is higher",
    "were higher",
    "was higher",
    "intensify",
    "intensifies",
    "intensified",
    "accelerate",
    "accelerates",
    "accelerated",
    # "cases doubled", "deaths jumped fivefold": verbs of a jump or a multiple
    "jump",
    "jumps",
    "jumped",
    "double",
    "doubles",
    "doubled",
    "triple",
    "triples",
    "tripled",
    "spike",
    "spikes",
    "spiked",
)
#: A clause's predicate that says its subject goes down: "wages fall".
DECREASING_PREDICATES: tuple[str, ...] = (
    "fall",
    "falls",
    "fell",
    "fallen",
    "falling",
    "decline",
    "declines",
    "declined",
    "declining",
    "drop",
    "drops",
    "dropped",
    "shrink",
    "shrinks",
    "shrank",
    "decrease",
    "decreases",
    "decreased",
    "weaken",
    "weakens",
    "weakened",
    "go down",
    "goes down",
    "went down",
    "collapse",
    "collapses",
    "collapsed",
    "plummet",
    "plummets",
    "plummeted",
    "plunge",
    "plunges",
    "plunged",
    "slump",
    "slumps",
    "slumped",
    "are low",
    "is low",
    "remain low",
    "remains low",
    "are lower",
    "is lower",
    "were lower",
    "was lower",
    "disappear",
    "disappears",
    "disappeared",
    "vanish",
    "vanishes",
    "vanished",
    "are scarce",
    "is scarce",
    "dry up",
    "dries up",
    "dried up",
    "halve",
    "halves",
    "halved",
)

#: Words that hedge a claim, each with the modality it gives.
#: Qualifiers and verbs that say better or worse, not more or less: their sign is turned
#: on a noun of harm (:data:`ILLS`).
EVALUATIVE: frozenset[str] = frozenset(
    (
        "better",
        "improved",
        "improving",
        "improvements in",
        "an improvement in",
        "improvement in",
        "worse",
        "worsened",
        "worsening",
        "deteriorating",
        "deteriorated",
        "a deterioration in",
        "deterioration in",
        "a deterioration of",
        "deterioration of",
        "a worsening of",
        "worsening of",
        # verbs (their cues' lemmas)
        "improve",
        "improved by",
        "worsen",
        "worsened by",
    )
)
HEDGES: tuple[str, ...] = (
    "may",
    "might",
    "can",
    "could",
    "likely",
    "probably",
    "possibly",
    "perhaps",
    "expected to",
    "tends to",
    "tend to",
    "appears to",
    "appear to",
    "seems to",
    "seem to",
    "potentially",
    "suggests that",
    "is thought to",
    "are thought to",
    "help to",
    "helps to",
    "helped to",
    "helping to",
    "help",
    "helps",
    "helped",
    "helping",
    "should",
    "potential to",
    "recommend",
    "recommends",
)
#: Words that make a claim conditional.
CONDITIONS: tuple[str, ...] = (
    "if",
    "unless",
    "provided that",
    "as long as",
    "only when",
    "would",
    "in the event of",
    "once",
)
#: Words that negate the cue they come before.
NEGATIONS: tuple[str, ...] = (
    "not",
    "never",
    "no longer",
    "cannot",
    "can't",
    "doesn't",
    "don't",
    "didn't",
    "won't",
    "fail to",
    "fails to",
    "failed to",
    "neither",
    "nor",
    "hardly",
    # "have seldom led to": adverbs of (almost) never deny the link as "not" does
    *RARELY,
    "little to",
    "no",
)
#: Verbs of saying that attribute the rest of the sentence to their subject.
ATTRIBUTION_VERBS: tuple[str, ...] = (
    "argue",
    "argues",
    "argued",
    "claim",
    "claims",
    "claimed",
    "say",
    "says",
    "said",
    "believe",
    "believes",
    "believed",
    "contend",
    "contends",
    "contended",
    "maintain",
    "maintains",
    "maintained",
    "assert",
    "asserts",
    "asserted",
    "insist",
    "insists",
    "insisted",
    "hold",
    "holds",
    "held",
    "warn",
    "warns",
    "warned",
    "point out",
    "points out",
    "pointed out",
    "stress",
    "stresses",
    "stressed",
    "express concern",
    "expresses concern",
    "expressed concern",
    "fear",
    "fears",
    "feared",
    "expect",
    "expects",
    "expected",
    "predict",
    "predicts",
    "predicted",
    "anticipate",
    "anticipates",
    "anticipated",
    "hypothesise",
    "hypothesises",
    "hypothesised",
    "hypothesize",
    "hypothesizes",
    "hypothesized",
    "hope",
    "hopes",
    "hoped",
    "explain",
    "explains",
    "explained",
)

#: Verbs of taking up, backing, naming or using a measure, which name no change of their own:
#: the noun after them is their object ("the council approved a plan that would cut fares":
#: the plan would cut them; "the mayor praised policies that boost growth": the policies).
#: Written out by hand; forms that are mostly nouns ("use", "needs", "funds", "signs",
#: "review", "study", "design", "target") are left out.
ADOPTING_VERBS: tuple[str, ...] = tuple(
    """support supports supported backs backed approve approves approved funded targeted uses used
    offers offered provide provides provided include includes included introduce introduces
    introduced adopt adopts adopted launch launches launched create creates created
    establish establishes established propose proposes proposed pass passes passed signed
    needed require requires required choose chooses chose chosen designed implement
    implements implemented enact enacts enacted studied examine examines examined evaluate
    evaluates evaluated assess assesses assessed reviewed invest invests invested praise
    praises praised describe describes described lists listed recommend recommends
    recommended favour favours favoured favor favors favored promote promotes promoted""".split()
)
