"""The factors a sheet names: each cause and effect resolved to a factor, or made a new one.

A name is matched to the factors of the scheme by label, alternative label
or id, as everywhere in kg (:class:`kg.names.FactorIndex`), as written or
else without trailing punctuation (``GFC.`` is ``GFC``). A name that
matches no factor becomes a :class:`NewFactor`: ``review: true``, the name
as its label, a definition that begins with
:data:`~kg.authoring.rules.PLACEHOLDER`, and the group of the row's ``cause
group`` / ``effect group`` / ``group`` column or else the import's default
group. Its id is made from the name and never equals another factor's id,
label or alternative label. A name within a letter or two of an existing
factor's name is taken for a typo and refused, unless confirmed as new.

>>> unique_id("wages", {"wages"}), ascii_slug("Zürich wages, 2020s")
('wages-2', 'zurich-wages-2020s')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kg.authoring.model import Factor
from kg.authoring.reader import factor_index
from kg.authoring.rules import FACTOR_FIELDS, PLACEHOLDER, check_fields
from kg.authoring.sheet_reading import SheetRow
from kg.errors import AmbiguousFactor, Phrase, UnknownFactor
from kg.names import FactorIndex, FactorName, normalise_name
from kg.problems import Problem
from kg.vocab import GROUPS, factor_iri, slugify

__all__ = [
    "NewFactor",
    "FactorResolver",
    "new_factor_entry",
    "check_new_factors",
    "parse_group",
    "rows_text",
    "ascii_slug",
    "unique_id",
]

#: Reports a problem of a row: ``report(row, column as headed, message, hint)``.
Report = Callable[[SheetRow, str, str, str], None]

#: Punctuation that a cell may end with by accident (``GFC.``, ``Urban poverty!``).
_TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?]+$")


@dataclass
class NewFactor:
    """A factor that ``kg import`` adds to ``factors.yaml`` for review."""

    id: str
    label: str
    group: str
    rows: list[int] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    column: str = ""  # the column, as headed in the sheet, that first named it
    line: int = 0  # the line of the sheet where it was first named


def rows_text(rows: list[int]) -> str:
    """``row 4`` or ``rows 2, 5`` (at most five listed).

    >>> rows_text([4]), rows_text([1, 2, 3, 4, 5, 6])
    ('row 4', 'rows 1, 2, 3, 4, 5, ...')
    """
    listed = ", ".join(str(r) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
    return ("row " if len(rows) == 1 else "rows ") + listed


def parse_group(text: str) -> str | None:
    """The group ``text`` names (any case, ``_`` or ``-`` for spaces), ``None`` for no group.

    >>> parse_group("Social_Policy"), parse_group("weather")
    ('social policy', None)
    """
    key = " ".join(re.split(r"[\s_\-]+", text.casefold())).strip()
    return key if key in GROUPS else None


def ascii_slug(text: str, limit: int = 60) -> str:
    """``text`` as an id: ASCII letters, digits and hyphens, cut at a hyphen before ``limit``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = slugify(ascii_text)
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def unique_id(base: str, taken: set[str], names: frozenset[str] | set[str] = frozenset()) -> str:
    """``base``, or ``base-2``, ``base-3`` ...: the first that is not in ``taken`` and, once
    normalised, not in ``names`` (an id also names its factor, so it may not equal another
    factor's label or alternative label). The id is added to ``taken``."""
    ident, n = base, 2
    while ident in taken or normalise_name(ident) in names:
        ident = f"{base}-{n}"
        n += 1
    taken.add(ident)
    return ident


class FactorResolver:
    """Resolves the cause and effect names of a sheet's rows; collects the new factors.

    Parameters
    ----------
    factors : dict of Factor
        The scheme's factors by id.
    default_group : str or None
        The group of a new factor whose row names none.
    confirmed : iterable of str
        Names the analyst confirmed as new factors: never taken for typos.
    report : callable
        Called with each problem (:data:`Report`).
    """

    def __init__(
        self,
        factors: dict[str, Factor],
        default_group: str | None,
        confirmed: Iterable[str],
        report: Report,
    ):
        self.factors = factors
        self.names: FactorIndex = factor_index(factors)
        self.default_group = default_group
        self.confirmed = {normalise_name(n) for n in confirmed}
        self.report = report
        self.taken_ids = set(factors)
        # Every name of every factor, normalised: a new id may not equal any of them.
        self.taken_names = {
            normalise_name(n) for f in factors.values() for n in (f.label, *f.alt_labels)
        }
        self.new: dict[str, NewFactor] = {}  # normalised name -> new factor
        self.matched: dict[str, str] = {}  # name as written -> id, when not id or label

    def factor(self, row: SheetRow, role: str, headers: dict[str, str]) -> str | None:
        """The id of the factor the row's ``role`` cell (cause or effect) names, new or not."""
        name = row.cells.get(role)
        if name is None:
            return None
        header = headers.get(role, role)
        # The name as written, then without trailing punctuation (`GFC.` is `GFC`).
        spellings = [name]
        trimmed = _TRAILING_PUNCTUATION.sub("", name)
        if trimmed and trimmed != name:
            spellings.append(trimmed)
        suggestions: list[str] = []
        for text in spellings:
            if normalise_name(text) in self.new:  # a factor this import makes, named again
                return self._new_factor(row, role, headers, text, [])
            try:
                found = self.names.resolve(text)
            except AmbiguousFactor as exc:
                self.report(
                    row,
                    header,
                    f"{name!r} names several factors",
                    "use one of: " + ", ".join(exc.candidates),
                )
                return None
            except UnknownFactor as exc:
                suggestions = suggestions or exc.suggestions
                continue
            if normalise_name(name) not in (normalise_name(found.id), normalise_name(found.label)):
                self.matched[name] = found.id
            return found.id
        return self._new_factor(row, role, headers, name, suggestions)

    def _row_group(self, row: SheetRow, role: str, headers: dict[str, str]) -> tuple[Any, str]:
        """The group the row gives a new ``role`` factor (``None``: none given; ``False``:
        not a group, reported), and the column's header."""
        column = f"{role} group" if f"{role} group" in row.cells else "group"
        header = headers.get(column, column)
        text = row.cells.get(column)
        if text is None:
            return None, header
        group = parse_group(text)
        if group is None:
            self.report(row, header, f"{text!r} is not a group", "use one of: " + ", ".join(GROUPS))
            return False, header
        return group, header

    def _new_factor(
        self,
        row: SheetRow,
        role: str,
        headers: dict[str, str],
        name: str,
        suggestions: list[str],
    ) -> str | None:
        group, group_header = self._row_group(row, role, headers)
        if group is False:
            return None
        key = normalise_name(name)
        if key in self.new:
            return self._named_again(row, self.new[key], group, group_header)
        header = headers.get(role, role)
        typo = None if key in self.confirmed else self._near_miss(key)
        if typo is not None:
            self.report(
                row,
                header,
                f"{name!r} is not a known factor, but is within {typo[1]} "
                f"{'letter' if typo[1] == 1 else 'letters'} of {typo[0]!r}",
                Phrase(
                    "write {known!r} if that is the factor meant; if it is a new factor, "
                    "confirm the name as a new factor ({new_factors:NAME})",
                    known=typo[0],
                ),
            )
            return None
        group = group or self.default_group
        if group is None:
            self.report(
                row,
                header,
                f"{name!r} is not a known factor, and a new factor needs a group",
                Phrase(
                    "add a '{role} group' or 'group' column, or pass {group:GROUP}; "
                    "or use an existing factor{such}",
                    role=role,
                    such=" such as " + ", ".join(repr(s) for s in suggestions)
                    if suggestions
                    else "",
                ),
            )
            return None
        ident = self._new_id(name)
        self.taken_names.add(key)
        close = [s for s in suggestions if fuzz.token_sort_ratio(key, normalise_name(s)) >= 70]
        self.new[key] = NewFactor(ident, name, group, [row.number], close, header, row.line)
        self.names.add(FactorName(str(factor_iri(ident)), name, ()))
        return ident

    def _named_again(
        self, row: SheetRow, existing: NewFactor, group: str | None, group_header: str
    ) -> str | None:
        """A new factor of an earlier row, named again: the groups must agree."""
        if group is not None and group != existing.group:
            self.report(
                row,
                group_header,
                f"gives new factor {existing.label!r} the group {group!r}, but row "
                f"{existing.rows[0]} gave it {existing.group!r}",
                "give a new factor one group",
            )
            return None
        if row.number not in existing.rows:
            existing.rows.append(row.number)
        return existing.id

    def _new_id(self, name: str) -> str:
        """An id for a new factor called ``name``, distinct from every id and name."""
        base = ascii_slug(name)
        if not base or not name.isascii():
            # Letters outside ASCII drop out of ids; a short digest keeps the id distinct.
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
            base = f"{base or 'factor'}-{digest}"
        return unique_id(base, self.taken_ids, self.taken_names)

    def _near_miss(self, key: str) -> tuple[str, int] | None:
        """The label of the existing factor one of whose names ``key`` nearly spells, and how
        many letters apart they are: at most 1 for names of up to 8 letters, else 2."""
        limit = 1 if len(key) <= 8 else 2
        best: tuple[str, int] | None = None
        for factor in self.factors.values():
            for text in (factor.label, factor.id, *factor.alt_labels):
                distance = Levenshtein.distance(key, normalise_name(text), score_cutoff=limit)
                if distance <= limit and (best is None or distance < best[1]):
                    best = (factor.label, distance)
        return best


def new_factor_entry(factor: NewFactor, sheet: str, brief_id: str) -> dict[str, Any]:
    """The fields of a factor the import adds, before they become YAML."""
    return {
        "id": factor.id,
        "label": factor.label,
        "definition": (
            f"{PLACEHOLDER} added by kg import from {sheet} ({rows_text(factor.rows)}) for "
            f"brief {brief_id}. Replace this with what the factor is and which direction counts "
            "as more of it."
        ),
        "group": factor.group,
        "review": True,
    }


def check_new_factors(
    new: Iterable[NewFactor], sheet: str, brief_id: str, shown: str
) -> list[Problem]:
    """Check the factors about to be added against :data:`FACTOR_FIELDS`, by sheet row."""
    problems = []
    for factor in new:
        _values, violations = check_fields(new_factor_entry(factor, sheet, brief_id), FACTOR_FIELDS)
        for v in violations:
            problems.append(
                Problem(
                    shown,
                    factor.line,
                    f"row {factor.rows[0]}",
                    factor.column,
                    f"new factor {factor.label!r} ({v.field} {factor.id!r}): {v.message}",
                    "use the existing factor's name, or write the name differently",
                )
            )
    return problems
