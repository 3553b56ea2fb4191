"""Links written into ``factors.yaml``: the analyst's decisions and outside identifiers.

``exact`` adds the candidate to the factor's ``exact_match``, ``close`` to
its ``close_match``, ``reject`` to its ``distinct_from``; any other link
between the two factors is removed first, so a changed mind replaces the
old verdict. The file is edited with ruamel.yaml's round trip, so it keeps
its comments and layout; the edited scheme is read back with kg's own
reader before it is written (:func:`kg.authoring.scaffold.checked_factors`),
and written atomically, only if every decision names two known factors.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.authoring.model import Corpus
from kg.authoring.reader import read_corpus
from kg.authoring.rules import shown
from kg.authoring.scaffold import (
    YamlDocument,
    checked_factors,
    flow_list,
    remove_key,
    set_last_key,
)
from kg.datafolder import factors_path, writable_data_dir
from kg.errors import InvalidDecisions, InvalidIri, InvalidParameter, Phrase
from kg.io import display_path
from kg.io.iri import iri_problem
from kg.io.tables import counted
from kg.linking.decisions import DECISIONS, Decision, read_decisions, resolve_decisions
from kg.linking.groups import exact_groups
from kg.names import FactorName, resolve_factor
from kg.problems import ValidationReport
from kg.vocab import factor_iri

__all__ = ["LinkResult", "apply_links", "accept_links", "attach_identifier"]


@dataclass
class LinkResult:
    """What :func:`apply_links` wrote to ``factors.yaml``, and what it means for the analysis.

    ``merged`` lists each group of factors that exact matches now make one
    factor where a new link joins more than the two factors it names (it
    merges a third); ``collapsed`` lists the claims, as ``(brief, claim,
    cause, effect)``, whose cause and effect the new links make one factor,
    so that the analysis leaves them out. After
    :func:`~kg.linking.review.review_links`, ``asked`` and ``proposals``
    count the proposals answered and offered, and ``stopped`` says why the
    questions ended early: ``"quit"`` or ``"end of input"`` (empty when
    every proposal was answered).
    """

    path: Path
    added: list[tuple[str, str, str]] = field(default_factory=list)  # (factor, field, target)
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    unchanged: list[tuple[str, str, str]] = field(default_factory=list)
    merged: list[tuple[str, ...]] = field(default_factory=list)
    collapsed: list[tuple[str, str, str, str]] = field(default_factory=list)
    asked: int = 0
    proposals: int = 0
    stopped: str = ""

    def summary(self) -> str:
        """Lines for the terminal."""
        lines = []
        if self.stopped:
            decided = len(self.added) + len(self.unchanged)
            lines.append(
                f"Stopped ({self.stopped}) after {self.asked} of "
                f"{counted(self.proposals, 'proposal')}; "
                f"the {decided} decision{'' if decided == 1 else 's'} given so far "
                f"{'is' if decided == 1 else 'are'} applied, the rest stay undecided."
            )
        changes = [f"  {factor}: {name} + {target}" for factor, name, target in self.added]
        changes += [f"  {factor}: {name} - {target}" for factor, name, target in self.removed]
        head = (
            f"Wrote {counted(len(self.added), 'link')} to {display_path(self.path)}"
            if self.added or self.removed
            else f"Nothing to change in {display_path(self.path)}"
        )
        if self.unchanged:
            head += f" ({len(self.unchanged)} already there)"
        lines += [head + ("." if not changes else ":"), *changes]
        for group in self.merged:
            lines.append(
                f"Note: exact matches now make {len(group)} factors one in the analysis: "
                + ", ".join(group)
            )
        if self.collapsed:
            n = len(self.collapsed)
            lines.append(
                f"Warning: {n} claim{'' if n == 1 else 's'} now {'links' if n == 1 else 'link'} "
                "two factors that exact matches make one, and the analysis leaves "
                f"{'it' if n == 1 else 'them'} out (kg compare lists "
                f"{'it' if n == 1 else 'them'}); if the factors differ, replace the exact "
                "match with close:"
            )
            lines += [
                f"  {brief}: {claim} ({cause} -> {effect})"
                for brief, claim, cause, effect in self.collapsed
            ]
        return "\n".join(lines)


def _factor_entries(document: YamlDocument) -> dict[str, dict]:
    entries = {}
    for item in document.data.get("factors") or []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            entries[item["id"]] = item
    return entries


def _values(item: dict, key: str) -> tuple[str, ...]:
    """A list field of an entry as loaded for editing (a lone string is a list of one)."""
    values = item.get(key) or ()
    return (values,) if isinstance(values, str) else tuple(str(v) for v in values)


def _entry_names(entries: dict[str, dict]) -> list[FactorName]:
    """The names of the factors of ``factors.yaml`` as loaded for editing."""
    return [
        FactorName(
            str(factor_iri(ident)), str(item.get("label", ident)), _values(item, "alt_labels")
        )
        for ident, item in entries.items()
    ]


def _exact_groups(entries: dict[str, dict]) -> dict[str, frozenset[str]]:
    """Each factor's group of factors linked by ``exact_match`` (either way, transitively)."""
    links = [(ident, t) for ident, item in entries.items() for t in _values(item, "exact_match")]
    return exact_groups(entries, links)


def _collapsed(corpus: Corpus, groups: dict[str, frozenset[str]]) -> set[tuple]:
    """The claims whose cause and effect are in one group, as ``(brief, claim, cause, effect)``."""
    return {
        (c.brief_id, c.id, c.cause, c.effect)
        for c in corpus.claims
        if c.cause in groups and groups[c.cause] == groups.get(c.effect)
    }


def _remove_value(mapping, key: str, value: str) -> bool:
    values = mapping.get(key)
    if values is None:
        return False
    if isinstance(values, str):
        if values != value:
            return False
        values = flow_list([])
    else:
        if value not in values:
            return False
        values.remove(value)
    if not values:
        remove_key(mapping, key)
    return True


def _add_value(mapping, key: str, value: str) -> bool:
    values = mapping.get(key)
    if values is None:
        set_last_key(mapping, key, flow_list([value]))
        return True
    if isinstance(values, str):
        values = flow_list([values])
        mapping[key] = values
    if value in values:
        return False
    values.append(value)
    return True


def _apply(d: Decision, entries: dict[str, dict], result: LinkResult) -> None:
    """Write one decision into the entries: other links between the two go, the wanted one comes."""
    wanted = DECISIONS[d.decision]
    for owner, other in ((d.factor, d.candidate), (d.candidate, d.factor)):
        for field_name in DECISIONS.values():
            if owner == d.factor and field_name == wanted and other == d.candidate:
                continue
            if _remove_value(entries[owner], field_name, other):
                result.removed.append((owner, field_name, other))
    if _add_value(entries[d.factor], wanted, d.candidate):
        result.added.append((d.factor, wanted, d.candidate))
    else:
        result.unchanged.append((d.factor, wanted, d.candidate))


def _save_checked(document: YamlDocument) -> None:
    """Read the edited factors file back with kg's reader, then write it."""
    assert document.path is not None  # read from a file
    text = document.dumps()
    checked_factors(document.path, text)
    document.save(text)


def apply_links(
    decisions: Iterable[Decision], data_dir: str | os.PathLike | None = None
) -> LinkResult:
    """Write the analyst's decisions into ``factors.yaml`` (``kg link --accept``).

    See the module's notes for what each decision writes.

    Returns
    -------
    LinkResult
        What was written; also the groups of more than two factors that the
        new exact matches make one, and the claims whose cause and effect
        they make one factor (which the analysis then leaves out).

    Raises
    ------
    InvalidDecisions
        A decision names an unknown factor, or the same factor twice; every
        problem is listed with its row, and nothing is written.
    """
    folder = writable_data_dir(data_dir)
    document = YamlDocument.read(factors_path(folder))
    entries = _factor_entries(document)
    result = LinkResult(factors_path(folder))
    resolved, problems = resolve_decisions(list(decisions), _entry_names(entries))
    if problems:
        sources = sorted({p.path for p in problems})
        what = "the proposals file" if all(d != "decisions" for d in sources) else "the decisions"
        raise InvalidDecisions(ValidationReport(problems, sources), what)
    before = _exact_groups(entries)
    for d in resolved:
        _apply(d, entries, result)
    after = _exact_groups(entries)
    if after != before:
        for factor, field_name, _target in result.added:
            group = tuple(sorted(after[factor]))
            if field_name == "exact_match" and len(group) > 2 and group not in result.merged:
                result.merged.append(group)
        corpus, _problems = read_corpus(folder)
        result.collapsed = sorted(_collapsed(corpus, after) - _collapsed(corpus, before))
    if result.added or result.removed:
        _save_checked(document)
    return result


def attach_identifier(
    factor: str,
    iri: str,
    data_dir: str | os.PathLike | None = None,
    *,
    kind: str = "exact",
) -> LinkResult:
    """Record an outside identifier the analyst supplies (Wikidata, a thesaurus) for a factor.

    ``iri`` must be a full ``http://`` or ``https://`` IRI; kg stores it as
    given under ``exact_match`` (``kind="exact"``) or ``close_match``
    (``kind="close"``) and never looks one up or makes one up.
    """
    if kind not in ("exact", "close"):
        raise InvalidParameter(Phrase("unknown {kind} {value!r}", value=kind), "use exact or close")
    why = iri_problem(iri)
    if why is not None:
        raise InvalidIri(f"{shown(iri)} {why}", "give the identifier's full http(s):// IRI")
    folder = writable_data_dir(data_dir)
    document = YamlDocument.read(factors_path(folder))
    entries = _factor_entries(document)
    ident = resolve_factor(factor, _entry_names(entries)).id
    field_name = DECISIONS[kind]
    result = LinkResult(factors_path(folder))
    if _add_value(entries[ident], field_name, iri):
        result.added.append((ident, field_name, iri))
        _save_checked(document)
    else:
        result.unchanged.append((ident, field_name, iri))
    return result


def accept_links(path: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> LinkResult:
    """Apply the decisions of a reviewed proposals file (``kg link --accept FILE``).

    Nothing is written when a row is bad; each bad row is reported with its
    number and column (:class:`InvalidDecisions`).
    """
    folder = writable_data_dir(data_dir)
    return apply_links(read_decisions(path), folder)
