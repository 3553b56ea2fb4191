"""The authoring model, described once: fields, types, allowed values and cross-field rules.

Both ways into kg check against these tables: the YAML reader
(:mod:`kg.authoring.reader`), which reports ``file:line``, and the sheet
importer (:mod:`kg.authoring.sheets`), which reports ``row N: column``.
Neither writes a rule of its own; each only says how a field is named where
the analyst wrote it (a *surface*).

* :data:`FACTOR_FIELDS`, :data:`BRIEF_FIELDS`, :data:`OBSERVATION_FIELDS`,
  :data:`CLAIM_FIELDS`, :data:`SELECTION_FIELDS`, :data:`SCHEME_FIELDS`: one
  :class:`Field` per key, with its parser (type and allowed values), whether
  it is required, and the hint shown when it is missing.
* :data:`CLAIM_RULES`, :data:`OBSERVATION_RULES`, :data:`SELECTION_RULES`:
  the rules between the fields of one record, as :class:`Rule` records (the
  field reported, the fields involved, a test, and the message and hint as
  templates).

>>> values, problems = check_fields({"sign": "up", "confidence": 0.8}, CLAIM_FIELDS)
>>> values["confidence"], [(v.field, v.message) for v in problems][:2]
(0.8, [('id', 'is missing'), ('cause', 'is missing')])
>>> claim = {"cause": "a", "effect": "a", "point": 2, "start_year": 2010, "end_year": 2001}
>>> [(v.field, v.message) for v in check_claim(claim, YAML_SURFACE)]
[('effect', 'is the same factor as the cause'), ('end_year', '2001 comes before start_year 2010'), ('start_year', 'is given without a time_scope'), ('end_year', 'is given without a time_scope')]
>>> [v.message for v in check_claim(claim, SHEET_SURFACE)][1:3]
['2001 comes before start year 2010', 'is given without a time scope']
>>> [(v.field, v.message) for v in check_claim({"modality": "conditional", "point": 1}, YAML_SURFACE)]
[('condition', 'is missing for a conditional claim')]
"""

from __future__ import annotations

import datetime as dt
import re
import reprlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kg.datafolder import FACTORS_FILE
from kg.io.iri import HTTP_IRI, iri_problem
from kg.io.limits import FULL_VALUES, current_limits
from kg.vocab import GROUPS, MODALITIES, READINGS, SELECTION_DIRECTIONS, SIGNS, TRENDS

__all__ = [
    "PLACEHOLDER",
    "SLUG",
    "LANGUAGE",
    "URL",
    "Invalid",
    "Field",
    "Violation",
    "Rule",
    "Surface",
    "YAML_SURFACE",
    "SHEET_SURFACE",
    "SCHEME_FIELDS",
    "FACTOR_FIELDS",
    "BRIEF_FIELDS",
    "OBSERVATION_FIELDS",
    "CLAIM_FIELDS",
    "SELECTION_FIELDS",
    "CLAIM_RULES",
    "OBSERVATION_RULES",
    "SELECTION_RULES",
    "EXTRACTION_KEYS",
    "extraction",
    "check_fields",
    "check_claim",
    "check_record",
    "describe",
    "shown",
]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
#: An absolute http(s) IRI by RFC 3987 (kg.io.iri).
URL = HTTP_IRI


class Invalid(ValueError):
    """A value a field does not take: what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


# ---------------------------------------------------------------- parsers (types and values)


def describe(value: Any) -> str:
    """A value's kind in words, for messages.

    >>> describe(None), describe([1]), describe(3)
    ('nothing', 'a list', 'int 3')
    """
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {shown(value)}"


def shown(value: Any, limit: int | None = None) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages that must stay one short line.

    ``limit`` defaults to the reading limits' ``max_quoted`` (60;
    ``--full-values`` or ``reading_limits(max_quoted=FULL_VALUES)`` quote
    in full). The problem's file and line lead to the rest of the value.

    >>> shown("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100 characters)"
    """
    if limit is None:
        limit = current_limits().max_quoted
    if limit >= FULL_VALUES:
        return repr(value)
    text = _REPR.repr(value)
    if len(text) > limit:
        text = text[: limit - 5] + "…" + text[-1]
    if isinstance(value, str) and len(value) > limit - 2:
        text += f" ({len(value):,} characters)"
    return text


_REPR = reprlib.Repr()
_REPR.maxstring = 200
_REPR.maxother = 60
_REPR.maxlevel = 3


def text(min_length: int = 1) -> Callable[[Any], str]:
    """Text of at least ``min_length`` characters, runs of white space made one space."""

    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(f"expected text, got {describe(value)}", "write it as plain text")
        cleaned = " ".join(value.split())
        if len(cleaned) < min_length:
            raise Invalid(
                "is empty" if not cleaned else f"is too short ({len(cleaned)} characters)",
                f"write at least {min_length} characters",
            )
        return cleaned

    parse.kind = f"text of {min_length}+ characters"  # type: ignore[attr-defined]
    return parse


def slug(value: Any) -> str:
    """An id: lower-case letters, digits and single hyphens."""
    if not isinstance(value, str) or not SLUG.match(value):
        raise Invalid(
            f"{shown(value)} is not a valid id",
            "use lower-case letters, digits and single hyphens, e.g. rising-coastal-costs",
        )
    return value


def choice(allowed: Iterable[str]) -> Callable[[Any], str]:
    """One of ``allowed``, in any case; :attr:`allowed` lists them."""
    allowed = tuple(allowed)

    def parse(value: Any) -> str:
        if isinstance(value, str) and " ".join(value.split()).casefold() in allowed:
            return " ".join(value.split()).casefold()
        raise Invalid(f"{shown(value)} is not allowed", "use one of: " + ", ".join(allowed))

    parse.allowed = allowed  # type: ignore[attr-defined]
    return parse


def integer(low: int, high: int) -> Callable[[Any], int]:
    """A whole number from ``low`` to ``high``."""

    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(f"{shown(value)} is not a whole number from {low} to {high}", "")
        return int(value)

    parse.range = (low, high)  # type: ignore[attr-defined]
    return parse


def confidence(value: Any) -> float:
    """A number from 0 to 1, kept to three decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise Invalid(f"{shown(value)} is not a number from 0 to 1", "e.g. confidence: 0.8")
    return round(float(value), 3)


def date(value: Any) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(
            f"{shown(value)} is not a date", "write it as YYYY-MM-DD, e.g. 2018-06-13"
        ) from None


def boolean(value: Any) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise Invalid(f"{shown(value)} is not true or false", "write true or false")
    return value


def url(value: Any) -> str:
    """A full http:// or https:// address, an IRI by RFC 3987."""
    if not isinstance(value, str):
        raise Invalid(f"{shown(value)} is not a web address", "write a full http(s):// address")
    why = iri_problem(value)
    if why is not None:
        raise Invalid(f"{shown(value)} {why}", "write a full http(s):// IRI")
    return value


def match_target(value: Any) -> str:
    """A factor id of this scheme (an internal link) or an outside http(s) IRI."""
    if isinstance(value, str) and (SLUG.match(value) or URL.match(value)):
        return value
    if isinstance(value, str) and "://" in value:
        raise Invalid(
            f"{shown(value)} {iri_problem(value)}",
            'write a full http(s):// IRI, with characters such as < > { } " and spaces %-encoded',
        )
    raise Invalid(
        f"{shown(value)} is neither a factor id nor a web address",
        "write the id of a factor in this file, or a full http(s):// IRI the analyst supplies",
    )


def language(value: Any) -> str:
    """A BCP 47 language tag."""
    if not isinstance(value, str) or not LANGUAGE.match(value):
        raise Invalid(
            f"{shown(value)} is not a language tag", "use a BCP 47 tag such as en or zh-Hans"
        )
    return value


def string_or_number(value: Any) -> str:
    """Text, or a whole number taken as text (a series number)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise Invalid(f"expected text, got {describe(value)}", 'quote it, e.g. number: "1360"')
    return str(value)


def list_of(item: Callable[[Any], Any], *, non_empty: bool = False) -> Callable[[Any], tuple]:
    """A list of values each parsed by ``item``; a single value counts as a list of one."""

    def parse(value: Any) -> tuple:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise Invalid(f"expected a list, got {describe(value)}", "write [first, second]")
        items = tuple(item(v) for v in values)
        if non_empty and not items:
            raise Invalid("is an empty list", "name at least one")
        return items

    parse.item = item  # type: ignore[attr-defined]
    return parse


#: The keys of a claim's ``extraction`` block: what ``kg extract`` proposed and who accepted it.
EXTRACTION_KEYS = {
    "tool": "the kg version that proposed the claim, e.g. kg 0.3.0",
    "cue": "the cue that fired, e.g. lead to",
    "accepted_by": "the analyst who checked and accepted the proposal",
    "sentence": "the sentence the claim was read from",
    "source_sha256": "SHA-256 digest of the source file",
    "start": "offset of the sentence's first character in the source's text",
    "end": "offset just after the sentence's last character",
    "cause_as_written": "the cause phrase as the source wrote it",
    "effect_as_written": "the effect phrase as the source wrote it",
}
_EXTRACTION_REQUIRED = ("tool", "cue", "accepted_by")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def extraction(value: Any) -> dict[str, Any]:
    """A claim's ``extraction`` block (:data:`EXTRACTION_KEYS`): machine-proposed, then accepted.

    >>> extraction({"tool": "kg 0.3.0", "cue": "push", "accepted_by": "A. Analyst", "start": 3})
    {'tool': 'kg 0.3.0', 'cue': 'push', 'accepted_by': 'A. Analyst', 'start': 3}
    >>> extraction({"tool": "kg 0.3.0", "cue": "push"})
    Traceback (most recent call last):
    ...
    kg.authoring.rules.Invalid: has no accepted_by
    """
    if not isinstance(value, Mapping):
        raise Invalid(
            f"expected a mapping, got {describe(value)}", "write `tool:`, `cue:`, `accepted_by:`"
        )
    unknown = [str(k) for k in value if k not in EXTRACTION_KEYS]
    if unknown:
        raise Invalid(
            f"{unknown[0]!r} is not a key of an extraction block",
            "use: " + ", ".join(EXTRACTION_KEYS),
        )
    for key in _EXTRACTION_REQUIRED:
        if value.get(key) in (None, ""):
            raise Invalid(
                f"has no {key}",
                f"add `{key}:` ({EXTRACTION_KEYS[key]}); a machine-proposed claim enters the graph "
                "only once a person accepts it",
            )
    block: dict[str, Any] = {}
    for key in EXTRACTION_KEYS:
        item = value.get(key)
        if item is None:
            continue
        if key in ("start", "end"):
            block[key] = integer(0, 10**9)(item)
        elif key == "source_sha256":
            if not isinstance(item, str) or not _SHA256.match(item):
                raise Invalid(
                    f"source_sha256 {item!r} is not a SHA-256 digest", "write 64 hex digits"
                )
            block[key] = item
        else:
            block[key] = text()(item)
    if "start" in block and "end" in block and block["end"] < block["start"]:
        raise Invalid(f"end {block['end']} comes before start {block['start']}", "swap them")
    return block


# ---------------------------------------------------------------- the fields


@dataclass(frozen=True)
class Field:
    """One key of a record: its parser, whether it is required, the hint when it is missing."""

    name: str
    parse: Callable[[Any], Any]  # returns the value or raises Invalid
    required: bool = False
    hint: str = ""


@dataclass(frozen=True)
class Violation:
    """A rule broken by a record: the field to report, what is wrong, how to fix it.

    ``at`` is the field whose place (YAML line) the problem points at, when
    it differs from ``field`` (a missing field is reported where a related
    one was written).
    """

    field: str
    message: str
    hint: str = ""
    at: str | None = None


SCHEME_FIELDS = (Field("title", text()), Field("language", language))
#: How the definition of a factor made by ``kg import`` begins, until an analyst writes one
#: (a definition that begins so says nothing of the factor, and the alignment score skips it).
PLACEHOLDER = "Awaiting review:"
FACTOR_FIELDS = (
    Field("id", slug, True),
    Field("label", text(), True),
    Field("alt_labels", list_of(text())),
    Field("definition", text(10), True),
    Field("group", choice(GROUPS), True),
    Field("exact_match", list_of(match_target)),
    Field("close_match", list_of(match_target)),
    Field("review", boolean),
    Field("distinct_from", list_of(slug)),
)
BRIEF_FIELDS = (
    Field("id", slug, True),
    Field("title", text(), True),
    Field("authors", list_of(text()), True),
    Field("publisher", text(), True),
    Field("date", date, True),
    Field("series", text()),
    Field("number", string_or_number),
    Field("url", url),
    Field("language", language, True, "add `language: en` (the paraphrases' language)"),
    Field("synthetic", boolean, True, "add `synthetic: false` for a real publication"),
    Field("section", text(), True, "add e.g. `section: Executive summary`"),
)
OBSERVATION_FIELDS = (
    Field("id", slug, True),
    Field("point", integer(1, 10_000)),
    Field("locator", text()),
    Field("paraphrase", text(10), True),
    Field("concerns", list_of(text(), non_empty=True), True, "list the factors it concerns"),
    Field("trend", choice(TRENDS)),
    Field("trend_of", text(), hint="name the factor whose trend it is, one of `concerns`"),
    Field("time_scope", text()),
    Field("start_year", integer(1000, 2999)),
    Field("end_year", integer(1000, 2999)),
)
CLAIM_FIELDS = (
    Field("id", slug, True),
    Field("point", integer(1, 10_000)),
    Field("locator", text()),
    Field("cause", text(), True, f"name a factor of {FACTORS_FILE} by id or label"),
    Field("effect", text(), True, f"name a factor of {FACTORS_FILE} by id or label"),
    Field("sign", choice(SIGNS), True, "set sign: increases, decreases or no_effect"),
    Field("modality", choice(MODALITIES), True, "use one of: " + ", ".join(MODALITIES)),
    Field("confidence", confidence, True, "e.g. confidence: 0.8"),
    Field("paraphrase", text(10), True, "restate the claim in your own words"),
    Field("time_scope", text()),
    Field("start_year", integer(1000, 2999)),
    Field("end_year", integer(1000, 2999)),
    Field("evidence", list_of(text())),
    Field("supported_by", list_of(slug)),
    Field("attributed_to", text()),
    Field("extraction", extraction),
    Field("reading", choice(READINGS)),
    Field("condition", text()),
)
SELECTION_FIELDS = (
    Field("id", slug, True),
    Field("point", integer(1, 10_000)),
    Field("locator", text()),
    Field("population", text(), True, "name the factor (the movement) whose members are compared"),
    Field("compared_with", text(), True, "say in your own words whom they are compared with"),
    Field("trait", text(), True, "name the factor (the trait) on which they are compared"),
    Field("direction", choice(SELECTION_DIRECTIONS), True, "set direction: higher or lower"),
    Field("modality", choice(MODALITIES), True, "use one of: " + ", ".join(MODALITIES)),
    Field("confidence", confidence, True, "e.g. confidence: 0.8"),
    Field("reading", choice(READINGS)),
    Field("paraphrase", text(10), True, "restate the finding in your own words"),
    Field("evidence", list_of(text())),
)


def check_fields(
    mapping: Mapping[str, Any], fields: tuple[Field, ...]
) -> tuple[dict[str, Any], list[Violation]]:
    """Parse every known field of ``mapping``; report missing and bad ones.

    Keys not in ``fields`` are ignored here (the surface reports them, with
    its own suggestion). A key given as ``None`` (``key:`` with nothing
    after it) counts as missing.
    """
    values: dict[str, Any] = {}
    problems: list[Violation] = []
    for f in fields:
        value = mapping.get(f.name)
        if value is None:
            if f.required:
                problems.append(Violation(f.name, "is missing", f.hint or f"add `{f.name}:`"))
            continue
        try:
            values[f.name] = f.parse(value)
        except Invalid as bad:
            problems.append(Violation(f.name, bad.message, bad.hint or f.hint))
    return values, problems


# ---------------------------------------------------------------- surfaces


@dataclass(frozen=True)
class Surface:
    """How one way into kg names a field, so that rule messages speak its language.

    ``name(field)`` is the field as the analyst sees it (``time_scope`` in
    YAML, ``time scope`` in a sheet); ``fill(field)`` is the instruction to
    fill it in.
    """

    kind: str
    name: Callable[[str], str]
    fill: Callable[[str], str]


YAML_SURFACE = Surface("yaml", lambda f: f, lambda f: f"add `{f}:`")
SHEET_SURFACE = Surface(
    "sheet", lambda f: f.replace("_", " "), lambda f: f"fill in the '{f.replace('_', ' ')}' column"
)


class _Names(dict):
    """``{time_scope}`` in a template: the field as the surface names it."""

    def __init__(self, surface: Surface, extra: Mapping[str, Any]):
        super().__init__(extra)
        self.surface = surface

    def __missing__(self, key: str) -> str:
        if key.startswith("fill_"):
            return self.surface.fill(key[len("fill_") :])
        return self.surface.name(key)


# ---------------------------------------------------------------- cross-field rules


@dataclass(frozen=True)
class Rule:
    """A rule between the fields of one record.

    ``test(values, context)`` returns a list of substitutions, one per
    breach (empty when the record keeps the rule); ``message`` and ``hint``
    are templates in which ``{field}`` is the field as the surface names it,
    ``{fill_field}`` how to fill it in, and the other names come from the
    substitution. ``field`` is the field reported (``"{field}"`` in it is
    filled from the substitution's ``field``), ``at`` the field whose place
    the problem points at when it differs.
    """

    name: str
    field: str
    fields: tuple[str, ...]
    test: Callable[[Mapping[str, Any], Mapping[str, Any]], list[dict[str, Any]]]
    message: str
    hint: str
    at: str | None = None
    #: what the rule needs from outside the record (e.g. the brief's observation ids)
    needs: tuple[str, ...] = ()

    def check(
        self, values: Mapping[str, Any], surface: Surface, context: Mapping[str, Any] = {}
    ) -> list[Violation]:
        """The rule's violations by ``values``, worded for ``surface``."""
        found = []
        for subst in self.test(values, context):
            names = _Names(surface, subst)
            reported = subst.get("field", self.field)
            found.append(
                Violation(
                    reported,
                    self.message.format_map(names),
                    self.hint.format_map(names),
                    subst.get("at", self.at),
                )
            )
        return found


def _same_factor(v, _c):
    return [{}] if v.get("cause") and v.get("cause") == v.get("effect") else []


def _years_in_order(v, _c):
    start, end = v.get("start_year"), v.get("end_year")
    if start is None or end is None or start <= end:
        return []
    return [{"start": start, "end": end}]


def _years_need_scope(v, _c):
    if "time_scope" in v:
        return []
    return [{"field": f} for f in ("start_year", "end_year") if f in v]


def _reported_needs_source(v, _c):
    return [{}] if v.get("modality") == "reported" and "attributed_to" not in v else []


def _known_observations(v, c):
    known = c.get("observations")
    if known is None:
        return []
    return [{"obs": repr(o)} for o in v.get("supported_by", ()) if o not in known]


def _cited_place(v, _c):
    return [] if "point" in v or "locator" in v else [{}]


def _conditional_needs_condition(v, _c):
    return [{}] if v.get("modality") == "conditional" and "condition" not in v else []


def _trend_needs_factor(v, _c):
    if "trend" in v and "trend_of" not in v:
        return [{"field": "trend_of", "at": "trend", "other": "trend"}]
    if "trend_of" in v and "trend" not in v:
        return [{"field": "trend", "at": "trend_of", "other": "trend_of"}]
    return []


def _trend_of_concerned(v, _c):
    target, concerns = v.get("trend_of"), v.get("concerns")
    if target is None or concerns is None or target in concerns:
        return []
    return [{"factor": repr(target)}]


def _same_population_and_trait(v, _c):
    return [{}] if v.get("population") and v.get("population") == v.get("trait") else []


#: The rules between the fields of a claim, checked for YAML files and sheet rows alike.
CLAIM_RULES: tuple[Rule, ...] = (
    Rule(
        "cause-differs-from-effect",
        "effect",
        ("cause", "effect"),
        _same_factor,
        "is the same factor as the cause",
        "a claim links two different factors",
    ),
    Rule(
        "years-in-order",
        "end_year",
        ("start_year", "end_year"),
        _years_in_order,
        "{end} comes before {start_year} {start}",
        "swap or correct the years",
    ),
    Rule(
        "years-need-time-scope",
        "start_year",
        ("start_year", "end_year", "time_scope"),
        _years_need_scope,
        "is given without a {time_scope}",
        "{fill_time_scope} saying in words the period the claim covers, or clear the year",
    ),
    Rule(
        "reported-needs-attribution",
        "attributed_to",
        ("modality", "attributed_to"),
        _reported_needs_source,
        "is missing for a reported claim",
        "{fill_attributed_to} naming whose view the brief reports",
        at="modality",
    ),
    Rule(
        "supported-by-known-observations",
        "supported_by",
        ("supported_by",),
        _known_observations,
        "{obs} is not an observation of this brief",
        "list ids from the brief's `observations:` section",
        needs=("observations",),
    ),
    Rule(
        "cites-a-place",
        "point",
        ("point", "locator"),
        _cited_place,
        "is missing",
        "{fill_point} or {fill_locator}",
    ),
    Rule(
        "conditional-needs-condition",
        "condition",
        ("modality", "condition"),
        _conditional_needs_condition,
        "is missing for a conditional claim",
        "{fill_condition} saying in your own words under which condition the source says "
        "the link holds, or choose another modality",
        at="modality",
    ),
)


#: The rules between the fields of an observation (its optional trend and years).
OBSERVATION_RULES: tuple[Rule, ...] = (
    Rule(
        "trend-and-trend-of-together",
        "trend_of",
        ("trend", "trend_of"),
        _trend_needs_factor,
        "is missing: {other} is given without it",
        "give `trend` and `trend_of` together, or neither",
    ),
    Rule(
        "trend-of-is-concerned",
        "trend_of",
        ("trend_of", "concerns"),
        _trend_of_concerned,
        "{factor} is not among the factors the observation concerns",
        "list it under {concerns} too, or name one of them",
    ),
    Rule(
        "years-in-order",
        "end_year",
        ("start_year", "end_year"),
        _years_in_order,
        "{end} comes before {start_year} {start}",
        "swap or correct the years",
    ),
    Rule(
        "years-need-time-scope",
        "start_year",
        ("start_year", "end_year", "time_scope"),
        _years_need_scope,
        "is given without a {time_scope}",
        "{fill_time_scope} saying in words the period it covers, or clear the year",
    ),
)

#: The rules between the fields of a selection finding.
SELECTION_RULES: tuple[Rule, ...] = (
    Rule(
        "population-differs-from-trait",
        "trait",
        ("population", "trait"),
        _same_population_and_trait,
        "is the same factor as the population",
        "the trait is what the movers are compared on, not the movement itself",
    ),
    Rule(
        "cites-a-place",
        "point",
        ("point", "locator"),
        _cited_place,
        "is missing",
        "{fill_point} or {fill_locator}",
    ),
)


def check_record(
    values: Mapping[str, Any],
    surface: Surface,
    rules: tuple[Rule, ...],
    context: Mapping[str, Any] | None = None,
) -> list[Violation]:
    """Every breach of ``rules`` by one record's parsed ``values`` (factor names resolved to ids).

    >>> obs = {"trend": "rising", "concerns": ("a",), "start_year": 2001}
    >>> [(v.field, v.message) for v in check_record(obs, YAML_SURFACE, OBSERVATION_RULES)]
    [('trend_of', 'is missing: trend is given without it'), ('start_year', 'is given without a time_scope')]
    """
    context = context or {}
    return [v for rule in rules for v in rule.check(values, surface, context)]


def check_claim(
    values: Mapping[str, Any],
    surface: Surface,
    context: Mapping[str, Any] | None = None,
    rules: tuple[Rule, ...] = CLAIM_RULES,
) -> list[Violation]:
    """Every breach of :data:`CLAIM_RULES` by one claim's parsed ``values``.

    ``values`` holds the parsed fields, with ``cause`` and ``effect``
    already resolved to factor ids (two names of one factor are the same
    factor). ``context`` may give ``observations``, the ids of the brief's
    observations; without it that rule is not checked.
    """
    context = context or {}
    return [v for rule in rules for v in rule.check(values, surface, context)]
