"""Modality, negation and attribution: how firmly a sentence makes its claim, and whose it is.

* attribution: "X argues that ...", "according to X, ..." -> ``reported``,
  with ``attributed_to`` X;
* conditions: "if", "unless", "would" ... -> ``conditional``;
* hedges: "may", "can", "likely", "expected to", "helps to" ... -> ``hedged``;
* otherwise ``asserted``.

Each verdict comes with its reason, quoting the words that gave it.

>>> modality_of("costs may push firms inland", None)
('hedged', "'may' hedges the claim")
>>> split_attribution("Zhang argues that costs push firms inland.")
('Zhang', 18)
>>> is_negated("costs do not")
'not'
"""

from __future__ import annotations

import re

from kg.extract.lexicon import (
    ATTRIBUTION_VERBS,
    CONDITIONS,
    FINITE_AUXILIARIES,
    HEDGES,
    NEGATIONS,
    alternation,
)

__all__ = [
    "modality_of",
    "split_attribution",
    "strip_closing_attribution",
    "is_negated",
    "CONFIDENCE",
]

#: The confidence proposed for each modality: a starting value for the analyst to judge.
CONFIDENCE = {"asserted": 0.8, "hedged": 0.6, "conditional": 0.5, "reported": 0.6}


def _words(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(" + alternation(words) + r")\b")


_HEDGE = _words(HEDGES)
_CONDITION = _words(CONDITIONS)
_NEGATION = _words(NEGATIONS)
_ATTRIBUTION_VERB = alternation(ATTRIBUTION_VERBS)
_SAYS_THAT = re.compile(
    rf"^(?P<who>[^;:]{{1,80}}?)\s+(?:{_ATTRIBUTION_VERB})\s+that(?:\s+|\s*,\s*)", re.I
)
#: Who speaks for the text itself.
_OWN_VOICE = frozenset(("we", "i", "this paper", "this study", "the authors"))
#: "A report from X says the moves ...": a source that is named, without "that".
_SAYS = re.compile(
    r"^(?P<who>(?:an?|the)\s+(?:report|study|survey|analysis|statement)\s+(?:from|by)\s+[^,;:]{2,60}?"
    r"|[A-Z][^,;:]{1,60}?)\s+(?:says|say|said|reports|reported)\s+(?!that\b)",
)
#: "Officials hope the new rules will cut B", "critics argue the scheme raises B": a verb of
#: saying or thinking whose "that" is left out, before a clause that opens with a determiner.
_BARE_VERB = alternation(
    tuple(
        v
        for v in ATTRIBUTION_VERBS
        # verbs that also name a cause or an act ("cold winters explain B", "hold B down")
        if not v.startswith(("explain", "hold", "held", "maintain", "stress", "point", "express"))
    )
)
_SAYS_BARE = re.compile(
    rf"^(?P<who>(?:[\w'-]+\s+){{0,4}}?[\w'-]+)\s+(?:{_BARE_VERB})\s+"
    r"(?=(?:the|a|an|this|these|those|its|their|such|higher|lower|more|less|fewer|greater|"
    r"rising|falling|new)\s)",
    re.I,
)
#: Words that end no speaker ("The expected higher fees", "widely anticipated new rules").
_NO_SPEAKER_END = re.compile(
    r"(?:^|\s)(?:the|a|an|this|these|those|its|their|our|his|her|some|any|and|or)$", re.I
)
#: Adverbs at a speaker's end belong to the verb ("analysts widely expect").
_ADVERBS_END = re.compile(r"(?:\s*\b[\w-]+ly\b)+$", re.I)
#: A finite verb in the clause after a bare verb of saying: an auxiliary, or a word in -s or
#: -ed after its first word ("the scheme raises B", "the rules will cut B").
_FINITE_AFTER = re.compile(
    r"^\S+(?:\s+\S+){0,8}?\s+(?:"
    + alternation(FINITE_AUXILIARIES + ("does", "do", "did"))
    + r"|[a-z]+s|[a-z]+ed)\b"
)


def _bare_report(found: re.Match[str], sentence: str) -> bool:
    """Whether a verb of saying without "that" reports: its speaker (adverbs aside) is no
    determiner and ends in no "and" ("The expected higher fees", "Long-awaited and widely
    anticipated new rules": adjectives), and a finite verb follows."""
    who = _ADVERBS_END.sub("", found.group("who"))
    return (
        bool(who)
        and not _NO_SPEAKER_END.search(who)
        and bool(_FINITE_AFTER.match(sentence[found.end() :]))
    )


#: "A 2015 study found that ...", "researchers found ...", "extensive literature shows that ...":
#: someone else's finding. "We find", "the results show" and "this study finds" are the
#: text's own and are not attributions.
_STUDY_FOUND = re.compile(
    r"^(?P<who>(?:an?|another|one|the)\s+(?:new\s+|recent\s+|earlier\s+|previous\s+|"
    r"\d{4}\s+)*(?:study|report|survey|paper|analysis|review|research)"
    r"(?:\s+(?:by|from|of)\s+[^;:]{2,160}?)?"
    r"|(?:the\s+)?(?:researchers|economists|scholars|experts)(?:\s+(?:at|from|of)\s+[^,;:]{2,60}?)?"
    r"|the\s+(?:findings|results|evidence)\s+(?:[\w-]+\s+)?(?:by|from)\s+[^;:,]{2,80}?"
    r"|(?:extensive|previous|prior|existing|earlier|much)\s+(?:literature|research|studies)"
    r"|(?:previous|prior|earlier|other|many|several|some|these|those|both|the)\s+studies|studies|"
    # "evidence from Brazil shows ...": evidence named by where it comes from
    # (not "evidence in this paper", "from our survey": the text's own)
    r"research|(?:new\s+|recent\s+)?evidence(?:\s+(?:from|in|on)\s+"
    r"(?!(?:this|our|the\s+present|the\s+current)\b)[^,;:]{2,60}?)?)"
    r"\s+(?:(?:has|have|had)\s+)?(?:found|finds|find|shown|showed|shows|show|concluded|concludes|"
    r"reported|reports|suggests?|suggested|reveals?|revealed|indicates?|indicated)\s+"
    r"(?:that\s+)?",
    re.I,
)
#: "..., the researchers found.": a finding attributed at the end.
_FOUND_LAST = re.compile(
    r",\s*(?P<who>(?:the\s+|an?\s+)?(?:new\s+|recent\s+)?(?:researchers|study|report|economists|"
    r"analysts|authors|survey|paper|analysis)[^;.]{0,120}?)"
    r"\s+(?:found|finds|find|said|says|say|reported|report|reports|concluded|conclude|shows|show|"
    r"showed|suggests|suggest|suggested|note|notes|noted|argue|argues|argued)[.!]?$",
    re.I,
)
#: "... ,” said Jane Doe, a co-author.", "..., officials said.": a quotation or a report,
#: attributed at the end.
_SAID_LAST = (
    re.compile(
        r"[,.!?]?\s*[\"”]\s*,?\s*(?:said|says|told\s+[^;]{2,80}?|added|explained|wrote)\s+"
        r"(?P<who>[^;\"“”]{2,120}?)[.!]?$"
    ),
    re.compile(
        r"[,.!?]\s*[\"”]\s*(?P<who>[^;\"“”]{2,160}?)\s+(?:said|says|told\s+[^;,]{2,80}?|"
        r"added|explained|wrote)[.!]?$"
    ),
    re.compile(
        r",\s*(?P<who>(?:the\s+|an?\s+)?(?:[\w.'-]+\s+){0,4}?[\w.'-]+)\s+(?:said|says)[.!]?$"
    ),
)
#: "was found to raise ...", "is widely seen as": a finding or a view reported, whose unnamed.
_FOUND_TO = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+|often\s+)?"
    r"(?:(?:found|shown|reported|projected|predicted|forecast|estimated)\s+to|(?:seen|regarded|viewed|considered)\s+as|"
    r"credited\s+with|blamed\s+for)\b"
)
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|merely|simply|solely)\b")
_ACCORDING_FIRST = re.compile(r"^according\s+to\s+(?P<who>[^,;]{2,80}),\s*", re.I)
_ACCORDING_LAST = re.compile(r",?\s*according\s+to\s+(?P<who>[^,;.]{2,80})[.!]?$", re.I)
_IN_VIEW = re.compile(r"^in\s+(?P<who>[^,;]{2,60}?)(?:'s|\u2019s)\s+view,\s*", re.I)


def split_attribution(sentence: str) -> tuple[str | None, int]:
    """Whose view the sentence reports, and where the reported part starts.

    Returns ``(None, 0)`` for a sentence that reports no one. A closing
    "..., according to X." names X and leaves the start at 0.
    """
    for pattern in (_ACCORDING_FIRST, _IN_VIEW, _SAYS_THAT, _STUDY_FOUND, _SAYS, _SAYS_BARE):
        found = pattern.match(sentence)
        if found and pattern is _SAYS_BARE and not _bare_report(found, sentence):
            continue
        if found:
            who = " ".join(found.group("who").split())
            # "We argue that ...": the text's own voice, not someone else's view
            return (None if who.casefold() in _OWN_VOICE else who), found.end()
    for pattern in (_ACCORDING_LAST, _FOUND_LAST, *_SAID_LAST):
        found = pattern.search(sentence)
        if found:
            return " ".join(found.group("who").split()), 0
    return None, 0


def strip_closing_attribution(sentence: str) -> str:
    """The sentence without a closing "..., according to X." or "..., the researchers found."."""
    for pattern in (_ACCORDING_LAST, _FOUND_LAST, *_SAID_LAST):
        sentence = pattern.sub("", sentence)
    return sentence


def modality_of(clause: str, attributed_to: str | None) -> tuple[str, str]:
    """The modality of a claim made in ``clause`` (lower case), with its reason."""
    if attributed_to:
        return "reported", f"the sentence reports the view of {attributed_to}"
    found_to = _FOUND_TO.search(clause)
    if found_to:
        return "reported", f"{' '.join(found_to.group(0).split())!r} reports a finding"
    condition = _CONDITION.search(clause)
    if condition:
        return "conditional", f"{' '.join(condition.group(1).split())!r} makes it conditional"
    # "more likely" compares, and "helping" opening the clause names what is done: no hedge
    unhedged = re.sub(r"\b(?:more|less|increasingly)\s+likely\b|^\s*helping\b", "", clause)
    hedge = _HEDGE.search(unhedged)
    if hedge:
        return "hedged", f"{' '.join(hedge.group(1).split())!r} hedges the claim"
    return "asserted", "no hedge, condition or attribution"


def is_negated(before_cue: str) -> str | None:
    """The negation among the last words before a cue (lower case), if any."""
    window = " ".join(before_cue.split()[-3:])
    # "not only raises A but also B", "not just": a correlative that adds, it negates nothing
    window = _NOT_ONLY.sub(" ", window)
    found = _NEGATION.search(window)
    return found.group(1) if found else None
