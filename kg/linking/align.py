"""Alignment: propose factors that probably mean the same thing, and record the analyst's verdict.

Which pairs are compared
------------------------
A factor awaiting review (``review: true``, as ``kg import`` makes them) is
compared with every other factor; two reviewed factors are compared when
the briefs that use them (in claims or observations) do not overlap, since
one brief rarely names one idea twice. Pairs already linked
(``exact_match``, ``close_match``, in either direction) or judged different
(``distinct_from``) are not proposed again. ``every_pair=True`` compares
all pairs.

The score
---------
Two pieces of evidence, each turned into a strength from 0 to 1:

* **names** (``name_score``, 0-100): the best rapidfuzz
  ``token_sort_ratio`` between any name of one factor and any name of the
  other (label and alternative labels, compared without case, hyphens or
  word order). Two unrelated short names still share about half their
  letters, so the strength is ``(name_score - 50) / 50``, clipped to 0..1.
* **words** (``text_score``, 0-100): the cosine similarity of the two
  factors' TF-IDF word vectors, built from label, alternative labels and
  definition (common English words left out, plural ``s`` stripped; the
  weights come from the whole scheme, so a word that many factors use
  counts little). A placeholder definition left by ``kg import`` is not
  used. The strength is ``text_score / 100``.

``score = 100 × (1 − (1 − names) × (1 − words))``: either piece of strong
evidence alone gives a high score (an alternative label equal to the other
factor's label scores 100), and weak evidence on both sides adds up. Pairs
at or above ``min_score`` (default 70) are proposed, best first. The score
ranks candidates for a person to judge; it does not decide.

>>> a = Candidate("inland-provinces", "Inland provinces", ("hinterland regions",), "")
>>> b = Candidate("hinterland-regions", "Hinterland regions", (), "")
>>> name_similarity(a, b)
(100.0, 'hinterland regions', 'Hinterland regions')
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from kg.authoring.model import Corpus
from kg.authoring.reader import read_corpus, read_factors
from kg.authoring.rules import PLACEHOLDER, shown
from kg.authoring.scaffold import (
    YamlDocument,
    flow_list,
    remove_key,
    set_last_key,
)
from kg.datafolder import writable_data_dir
from kg.errors import (
    AmbiguousFactor,
    InputTooLarge,
    InvalidData,
    InvalidDecisions,
    InvalidIri,
    InvalidParameter,
    KgError,
    OutputExists,
    UnknownFactor,
    UnreadableFile,
)
from kg.io import (
    atomic_write,
    decode_sheet,
    display_path,
    normalise_header,
    sniff_delimiter,
    spreadsheet_cell,
)
from kg.io.iri import iri_problem
from kg.io.limits import read_bounded, read_input
from kg.io.tables import counted
from kg.names import FactorName, normalise_name, resolve_factor
from kg.problems import Problem, ValidationReport
from kg.vocab import factor_iri

__all__ = [
    "MIN_SCORE",
    "DECISIONS",
    "proposals_as_dict",
    "PROPOSAL_COLUMNS",
    "Candidate",
    "Proposal",
    "Decision",
    "LinkResult",
    "name_similarity",
    "TextIndex",
    "combine_scores",
    "propose_links",
    "link_proposals",
    "proposals_text",
    "proposals_table",
    "write_proposals",
    "read_decisions",
    "apply_links",
    "accept_links",
    "review_links",
    "ANSWERS",
    "attach_identifier",
    "InvalidDecisions",
]

#: Default lowest score proposed.
MIN_SCORE = 70.0
#: Verdicts an analyst can give a proposal, and the field of factors.yaml each writes.
DECISIONS = {"exact": "exact_match", "close": "close_match", "reject": "distinct_from"}
#: Columns of the proposals file, in order.
PROPOSAL_COLUMNS = (
    "decision",
    "score",
    "name_score",
    "text_score",
    "factor",
    "factor_label",
    "candidate",
    "candidate_label",
    "matched_names",
    "why",
    "factor_briefs",
    "candidate_briefs",
    "factor_definition",
    "candidate_definition",
)

_STOP = frozenset(
    """a an and any are as at be been by can for from has have in into is it its more means
    most of on or other such than that the their them these they this those to under was
    were which while who with without""".split()
)


@dataclass(frozen=True)
class Candidate:
    """What the score looks at: a factor's id, names and definition."""

    id: str
    label: str
    alt_labels: tuple[str, ...]
    definition: str
    review: bool = False
    briefs: frozenset[str] = frozenset()

    @property
    def names(self) -> tuple[str, ...]:
        """Label, then alternative labels."""
        return (self.label, *self.alt_labels)


@dataclass(frozen=True)
class Proposal:
    """Two factors that probably mean the same thing, with the evidence."""

    factor: Candidate
    candidate: Candidate
    score: float
    name_score: float
    text_score: float
    matched_names: tuple[str, str]
    why: str  # "review": a factor awaiting review; "briefs": used by different briefs; "all"

    def as_dict(self) -> dict:
        """The proposal as one row of the proposals file (strings and numbers)."""
        return {
            "decision": "",
            "score": self.score,
            "name_score": self.name_score,
            "text_score": self.text_score,
            "factor": self.factor.id,
            "factor_label": self.factor.label,
            "candidate": self.candidate.id,
            "candidate_label": self.candidate.label,
            "matched_names": f"{self.matched_names[0]} ~ {self.matched_names[1]}",
            "why": self.why,
            "factor_briefs": "; ".join(sorted(self.factor.briefs)),
            "candidate_briefs": "; ".join(sorted(self.candidate.briefs)),
            "factor_definition": self.factor.definition,
            "candidate_definition": self.candidate.definition,
        }


def name_similarity(a: Candidate, b: Candidate) -> tuple[float, str, str]:
    """The best rapidfuzz ``token_sort_ratio`` between a name of ``a`` and a name of ``b``.

    Returns the score (0-100) and the two names that gave it.
    """
    best = (-1.0, "", "")
    for x in a.names:
        for y in b.names:
            score = fuzz.token_sort_ratio(normalise_name(x), normalise_name(y))
            if score > best[0]:
                best = (round(score, 1), x, y)
    return best


def _words(text: str) -> list[str]:
    words = []
    for word in re.findall(r"\w+", text.casefold()):
        if word in _STOP or len(word) < 2 or word.isdigit():
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        words.append(word)
    return words


class TextIndex:
    """TF-IDF vectors of the factors' words (names and definition), for cosine similarity.

    >>> index = TextIndex([Candidate("a", "Coastal wages", (), "Pay of workers on the coast."),
    ...                    Candidate("b", "Seaboard pay", (), "Pay of workers on the seaboard."),
    ...                    Candidate("c", "Grain output", (), "Tonnes of grain harvested.")])
    >>> index.similarity("a", "b") > 30 > index.similarity("a", "c")
    True
    """

    def __init__(self, candidates: Iterable[Candidate]):
        counts: dict[str, Counter] = {}
        for c in candidates:
            definition = "" if c.definition.startswith(PLACEHOLDER) else c.definition
            counts[c.id] = Counter(_words(" ".join((*c.names, definition))))
        n = len(counts)
        document_frequency = Counter(word for words in counts.values() for word in words)
        idf = {w: math.log((1 + n) / (1 + df)) + 1 for w, df in document_frequency.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for ident, words in counts.items():
            vector = {w: k * idf[w] for w, k in words.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.vectors[ident] = {w: v / norm for w, v in vector.items()}
            for word in vector:
                self.postings[word].append(ident)

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two factors' vectors, 0-100."""
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return round(100 * sum(v * vb.get(w, 0.0) for w, v in va.items()), 1)

    def sharing_words(self) -> set[tuple[str, str]]:
        """Every pair of factors that share at least one word (ids in order)."""
        pairs: set[tuple[str, str]] = set()
        for ids in self.postings.values():
            if len(ids) > 200:  # a word this common says little; its pairs come from other words
                continue
            ordered = sorted(ids)
            pairs.update((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :])
        return pairs


def combine_scores(name_score: float, text_score: float) -> float:
    """The proposal score from the two pieces of evidence (see the module's notes).

    >>> combine_scores(100, 10), combine_scores(50, 60), combine_scores(80, 40)
    (100.0, 60.0, 76.0)
    """
    names = min(1.0, max(0.0, (name_score - 50) / 50))
    words = min(1.0, max(0.0, text_score / 100))
    return round(100 * (1 - (1 - names) * (1 - words)), 1)


def _candidates(corpus: Corpus) -> dict[str, Candidate]:
    usage: dict[str, set[str]] = defaultdict(set)
    for claim in corpus.claims:
        usage[claim.cause].add(claim.brief_id)
        usage[claim.effect].add(claim.brief_id)
    for observation in corpus.observations:
        for factor in observation.concerns:
            usage[factor].add(observation.brief_id)
    return {
        f.id: Candidate(
            f.id,
            f.label,
            tuple(f.alt_labels),
            f.definition,
            f.review,
            frozenset(usage.get(f.id, ())),
        )
        for f in corpus.factors.values()
    }


def _settled_pairs(corpus: Corpus) -> set[frozenset[str]]:
    """Pairs already linked or judged different, including through chains of exact matches."""
    settled: set[frozenset[str]] = set()
    groups: dict[str, set[str]] = {f: {f} for f in corpus.factors}
    for factor in corpus.factors.values():
        for field_name in ("exact_match", "close_match", "distinct_from"):
            for target in getattr(factor, field_name):
                if target in corpus.factors and target != factor.id:
                    settled.add(frozenset((factor.id, target)))
                    if field_name == "exact_match":
                        merged = groups[factor.id] | groups[target]
                        for member in merged:
                            groups[member] = merged
    for members in {id(g): g for g in groups.values()}.values():
        ordered = sorted(members)
        settled.update(frozenset((a, b)) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return settled


def propose_links(
    corpus: Corpus,
    *,
    min_score: float = MIN_SCORE,
    limit: int | None = None,
    every_pair: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Proposal]:
    """Pairs of factors that probably mean the same thing, best first.

    Parameters
    ----------
    corpus : Corpus
        The data folder as read by :func:`kg.read_corpus`.
    min_score : float
        Lowest score proposed (0-100).
    limit : int, optional
        Most proposals returned.
    every_pair : bool
        Compare every pair of factors, not only review factors and factors
        of different briefs.
    progress : callable, optional
        Called as ``progress("names", done, total)`` as the names are compared.

    Returns
    -------
    list of Proposal
        In each, ``factor`` is the factor awaiting review when there is one,
        else the one with the smaller id.
    """
    candidates = _candidates(corpus)
    index = TextIndex(candidates.values())
    settled = _settled_pairs(corpus)
    names: list[tuple[str, str]] = [
        (normalise_name(n), c.id) for c in candidates.values() for n in c.names
    ]
    pairs: set[tuple[str, str]] = set(index.sharing_words())
    choices = [n for n, _ in names]
    for done, (text, owner) in enumerate(names, start=1):
        if progress is not None and (done % 50 == 0 or done == len(names)):
            progress("names", done, len(names))
        for _choice, _score, i in process.extract(
            text, choices, scorer=fuzz.token_sort_ratio, score_cutoff=55, limit=None
        ):
            other = names[i][1]
            if other != owner:
                pairs.add((min(owner, other), max(owner, other)))
    proposals = []
    for a_id, b_id in pairs:
        a, b = candidates[a_id], candidates[b_id]
        if frozenset((a_id, b_id)) in settled:
            continue
        if a.review or b.review:
            why = "review"
        elif a.briefs and b.briefs and not (a.briefs & b.briefs):
            why = "briefs"
        elif every_pair:
            why = "all"
        else:
            continue
        name_score, name_a, name_b = name_similarity(a, b)
        text_score = index.similarity(a_id, b_id)
        score = combine_scores(name_score, text_score)
        if score < min_score:
            continue
        if b.review and not a.review:
            a, b, name_a, name_b = b, a, name_b, name_a
        proposals.append(Proposal(a, b, score, name_score, text_score, (name_a, name_b), why))
    proposals.sort(key=lambda p: (-p.score, p.factor.id, p.candidate.id))
    return proposals[:limit] if limit else proposals


def _read_checked(data_dir: Path) -> Corpus:
    corpus, problems = read_corpus(data_dir)
    factor_problems = [p for p in problems if Path(p.path).name == "factors.yaml"]
    if factor_problems:
        raise InvalidData(
            ValidationReport(sorted(factor_problems), [p.path for p in factor_problems])
        )
    return corpus


def link_proposals(
    data_dir: str | os.PathLike | None = None,
    *,
    min_score: float = MIN_SCORE,
    limit: int | None = None,
    every_pair: bool = False,
    out: str | os.PathLike | None = None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Proposal]:
    """Read a data folder and propose links (``kg link``); with ``out``, write the proposals file."""
    from kg.datafolder import default_data_dir

    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    proposals = propose_links(
        _read_checked(folder), min_score=min_score, limit=limit, every_pair=every_pair,
        progress=progress,
    )  # fmt: skip
    if out is not None:
        write_proposals(proposals, out, force=force)
    return proposals


def proposals_table(proposals: list[Proposal]) -> str:
    """The proposals as CSV text with the columns :data:`PROPOSAL_COLUMNS`, ``decision`` empty."""
    return _table(proposals, ",")


def _table(proposals: list[Proposal], delimiter: str) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(
        stream, fieldnames=PROPOSAL_COLUMNS, delimiter=delimiter, lineterminator="\n"
    )
    writer.writeheader()
    for proposal in proposals:
        writer.writerow({k: spreadsheet_cell(v) for k, v in proposal.as_dict().items()})
    return stream.getvalue()


def _proposals_file_state(path: Path) -> str:
    """``"empty"`` for a proposals file without decisions, ``"decided"`` for one with some,
    ``"foreign"`` for any other file."""
    try:
        # bounded, and never from a FIFO or device: a file past the input limit is not ours
        text = read_bounded(path, str(path)).decode("utf-8-sig")
        rows = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text, path.name))
        )
    except (OSError, UnicodeDecodeError, csv.Error, InputTooLarge):
        return "foreign"
    if not rows or tuple(rows[0]) != PROPOSAL_COLUMNS:
        return "foreign"
    return "decided" if any(r and r[0].strip() for r in rows[1:]) else "empty"


def _refuse_proposals(path: Path) -> KgError:
    if _proposals_file_state(path) == "decided":
        return OutputExists(
            path,
            "holds decisions",
            "apply them with accept_links, write the proposals to another file, or set force "
            "to discard them",
        )
    return OutputExists(
        path, remedy="write the proposals to another file, or set force to replace it"
    )


def write_proposals(
    proposals: list[Proposal], path: str | os.PathLike, *, force: bool = False
) -> Path:
    """Write the reviewable proposals file (CSV, or TSV for a ``.tsv`` name), atomically.

    A file kg did not write (its header row differs) is replaced only with ``force``;
    a proposals file with decisions filled in is kept unless ``force`` is set.
    A cell that begins with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'``
    (:func:`kg.io.spreadsheet_cell`), so that a spreadsheet
    does not run it as a formula.
    """
    path = Path(path)
    text = _table(proposals, "\t" if path.suffix == ".tsv" else ",")
    return atomic_write(
        path,
        text.encode("utf-8"),
        force=force,
        ours=lambda existing: _proposals_file_state(existing) == "empty",
        refusal=_refuse_proposals,
    )


def proposals_as_dict(proposals: list[Proposal], min_score: float = MIN_SCORE) -> dict:
    """The proposals as ``kg link propose --format json`` prints them.

    >>> proposals_as_dict([], 80.0)
    {'min_score': 80.0, 'proposals': []}
    """
    return {"min_score": min_score, "proposals": [p.as_dict() for p in proposals]}


def proposals_text(proposals: list[Proposal]) -> str:
    """The proposals as a readable table for the terminal."""
    from kg.io.tables import text_table

    if not proposals:
        return "No proposals: no pair of factors scores at or above the threshold."
    rows = [
        [
            f"{p.score:.0f}",
            f"{p.name_score:.0f}",
            f"{p.text_score:.0f}",
            f"{p.factor.label} ({p.factor.id})",
            f"{p.candidate.label} ({p.candidate.id})",
            p.why,
        ]
        for p in proposals
    ]
    return text_table(["score", "names", "words", "factor", "candidate", "why"], rows)


# ---------------------------------------------------------------- decisions


@dataclass(frozen=True)
class Decision:
    """The analyst's verdict on a pair: ``exact``, ``close`` or ``reject``."""

    factor: str
    candidate: str
    decision: str
    row: int = 0
    source: str = ""  # the proposals file the decision comes from, as shown in messages


def _unprotect(text: str) -> str:
    """A cell as written by :func:`~kg.io.spreadsheet_cell`, without the ``'``."""
    if text.startswith("'") and spreadsheet_cell(text[1:]) != text[1:]:
        return text[1:]
    return text


def read_decisions(path: str | os.PathLike) -> list[Decision]:
    """The decided rows of a reviewed proposals file; undecided rows are skipped.

    The file is read as :func:`kg.import_sheet` reads a sheet: UTF-8 (a
    byte-order mark is fine), with commas, semicolons or tabs between cells.
    Raises :class:`InvalidDecisions` listing each bad row (row number and
    column) when a decision is not one of ``exact``, ``close``, ``reject``
    (or blank or ``skip``).
    """
    path = Path(path)
    raw, shown = read_input(path)
    text = decode_sheet(raw, shown, InvalidDecisions)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text, path.name))
    try:
        rows = list(reader)
    except csv.Error as exc:
        problem = Problem(
            shown, reader.line_num, "", "", f"cannot be read as CSV: {exc}", "check quotes"
        )
        raise InvalidDecisions(ValidationReport([problem], [shown])) from None
    if not rows:
        raise UnreadableFile(f"{shown} is empty", "write a proposals file with write_proposals")
    header = [normalise_header(h).replace(" ", "_") for h in rows[0]]
    missing = [c for c in ("decision", "factor", "candidate") if c not in header]
    if missing:
        raise UnreadableFile(
            f"{shown} has no {missing[0]!r} column",
            "write a proposals file with write_proposals",
        )
    at = {name: header.index(name) for name in ("decision", "factor", "candidate")}
    decisions, problems = [], []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells=cells) -> str:
            i = at[name]
            return _unprotect(cells[i].strip()) if i < len(cells) else ""

        verdict = cell("decision").casefold()
        if verdict in ("", "skip"):
            continue
        if verdict not in DECISIONS:
            problems.append(
                Problem(
                    shown,
                    number,
                    f"row {number}",
                    "decision",
                    f"{cell('decision')!r} is not a decision",
                    "write exact, close, reject or skip, or leave it empty",
                )
            )
            continue
        decisions.append(Decision(cell("factor"), cell("candidate"), verdict, number, shown))
    if problems:
        raise InvalidDecisions(ValidationReport(problems, [shown]))
    return decisions


@dataclass
class LinkResult:
    """What :func:`apply_links` wrote to ``factors.yaml``, and what it means for the analysis.

    ``merged`` lists each group of factors that exact matches now make one
    factor where a new link joins more than the two factors it names (it
    merges a third); ``collapsed`` lists the claims, as ``(brief, claim,
    cause, effect)``, whose cause and effect the new links make one factor,
    so that the analysis leaves them out. After :func:`review_links`,
    ``asked`` and ``proposals`` count the proposals answered and offered,
    and ``stopped`` says why the questions ended early: ``"quit"`` or
    ``"end of input"`` (empty when every proposal was answered).
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


def _entry_names(entries: dict[str, dict]) -> list[FactorName]:
    """The names of the factors of ``factors.yaml`` as loaded for editing."""
    names = []
    for ident, item in entries.items():
        alts = item.get("alt_labels") or ()
        alts = (alts,) if isinstance(alts, str) else tuple(str(a) for a in alts)
        names.append(FactorName(str(factor_iri(ident)), str(item.get("label", ident)), alts))
    return names


def _exact_groups(entries: dict[str, dict]) -> dict[str, frozenset[str]]:
    """Each factor's group of factors linked by ``exact_match`` (either way, transitively)."""
    groups: dict[str, set[str]] = {ident: {ident} for ident in entries}
    for ident, item in entries.items():
        targets = item.get("exact_match") or ()
        for target in [targets] if isinstance(targets, str) else targets:
            if target in groups and groups[target] is not groups[ident]:
                merged = groups[ident] | groups[target]
                for member in merged:
                    groups[member] = merged
    return {ident: frozenset(group) for ident, group in groups.items()}


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


def _resolve_decisions(
    decisions: list[Decision], entries: dict[str, dict]
) -> tuple[list[Decision], list[Problem]]:
    """The decisions with their factors as ids, and a problem for each name that names none."""
    names = _entry_names(entries)
    resolved, problems = [], []
    for d in decisions:
        where = d.source or "decisions"
        record = f"row {d.row}" if d.row else ""
        ids = {}
        for column, name in (("factor", d.factor), ("candidate", d.candidate)):
            try:
                ids[column] = resolve_factor(name, names).id
            except UnknownFactor as exc:
                hint = (
                    "did you mean " + ", ".join(repr(x) for x in exc.suggestions) + "?"
                    if exc.suggestions
                    else "give a factor's id, label or alternative label, as in factors.yaml"
                )
                problems.append(
                    Problem(
                        where,
                        d.row,
                        record,
                        column,
                        f"{name!r} is not a factor of factors.yaml",
                        hint,
                    )
                )
            except AmbiguousFactor as exc:
                problems.append(
                    Problem(
                        where,
                        d.row,
                        record,
                        column,
                        f"{name!r} names several factors",
                        "use one of the ids: " + ", ".join(exc.candidates),
                    )
                )
        if len(ids) < 2:
            continue
        if ids["factor"] == ids["candidate"]:
            problems.append(
                Problem(
                    where,
                    d.row,
                    record,
                    "candidate",
                    f"{d.candidate!r} is the factor itself",
                    "link two different factors",
                )
            )
            continue
        resolved.append(Decision(ids["factor"], ids["candidate"], d.decision, d.row, d.source))
    return resolved, problems


def apply_links(
    decisions: Iterable[Decision], data_dir: str | os.PathLike | None = None
) -> LinkResult:
    """Write the analyst's decisions into ``factors.yaml`` (``kg link --accept``).

    ``exact`` adds the candidate to the factor's ``exact_match``, ``close``
    to its ``close_match``, ``reject`` to its ``distinct_from``; any other
    link between the two factors is removed first, so a changed mind
    replaces the old verdict. Factor and candidate may be given by id,
    label, alternative label or IRI. The file keeps its comments and layout
    and is written atomically, only if every decision names two known
    factors.

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
    path = folder / "factors.yaml"
    document = YamlDocument.read(path)
    entries = _factor_entries(document)
    result = LinkResult(path)
    decisions = list(decisions)
    decisions, problems = _resolve_decisions(decisions, entries)
    if problems:
        sources = sorted({p.path for p in problems})
        what = "the proposals file" if all(d != "decisions" for d in sources) else "the decisions"
        raise InvalidDecisions(ValidationReport(problems, sources), what)
    before = _exact_groups(entries)
    for d in decisions:
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


def _save_checked(document: YamlDocument) -> None:
    """Check the edited factors file with kg's reader, then write it."""
    text = document.dumps()
    with tempfile.TemporaryDirectory(prefix="kg-link-") as tmp:
        probe = Path(tmp) / "factors.yaml"
        probe.write_text(text, encoding="utf-8")
        problems: list[Problem] = []
        read_factors(probe, problems)
    if problems:
        shown = display_path(document.path) if document.path else "factors.yaml"
        found = [replace(p, path=shown) for p in problems]
        raise InvalidData(ValidationReport(sorted(found), [shown]))
    document.save(text)


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
        raise InvalidParameter(f"unknown kind {kind!r}", "use exact or close")
    why = iri_problem(iri)
    if why is not None:
        raise InvalidIri(f"{shown(iri)} {why}", "give the identifier's full http(s):// IRI")
    folder = writable_data_dir(data_dir)
    path = folder / "factors.yaml"
    document = YamlDocument.read(path)
    entries = _factor_entries(document)
    ident = resolve_factor(factor, _entry_names(entries)).id
    field_name = DECISIONS[kind]
    result = LinkResult(path)
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


#: What the ``ask`` function of :func:`review_links` may answer.
ANSWERS = ("exact", "close", "reject", "skip", "quit", "end")


def review_links(
    ask: Callable[[int, int, Proposal], str],
    data_dir: str | os.PathLike | None = None,
    *,
    min_score: float = MIN_SCORE,
    limit: int | None = None,
    every_pair: bool = False,
) -> LinkResult:
    """Ask about each proposal and apply the answers to ``factors.yaml`` (``kg link --interactive``).

    Parameters
    ----------
    ask : callable
        ``ask(n, total, proposal)`` shows the ``n``-th of ``total``
        proposals and returns ``"exact"``, ``"close"``, ``"reject"``,
        ``"skip"``, ``"quit"``, or ``"end"`` when the input has ended (end
        of file, Ctrl-C); raising :class:`EOFError` or
        :class:`KeyboardInterrupt` counts as ``"end"``.
    data_dir : path, optional
        The data folder (default ``./data``); it must hold ``factors.yaml``,
        which is checked before the first question.
    min_score, limit, every_pair
        As for :func:`propose_links`.

    Returns
    -------
    LinkResult
        After ``"quit"`` or ``"end"`` the decisions given so far are applied
        all the same; ``stopped`` says which ended the questions.
    """
    folder = writable_data_dir(data_dir)
    proposals = propose_links(
        _read_checked(folder), min_score=min_score, limit=limit, every_pair=every_pair
    )
    decisions, asked, stopped = [], 0, ""
    for n, proposal in enumerate(proposals, start=1):
        try:
            answer = ask(n, len(proposals), proposal)
        except (EOFError, KeyboardInterrupt):
            answer = "end"
        if answer not in ANSWERS:
            raise ValueError(f"ask returned {answer!r}; expected one of {ANSWERS}")
        if answer in ("quit", "end"):
            stopped = "quit" if answer == "quit" else "end of input"
            break
        asked = n
        if answer in DECISIONS:
            decisions.append(Decision(proposal.factor.id, proposal.candidate.id, answer))
    result = apply_links(decisions, folder)
    result.asked, result.proposals, result.stopped = asked, len(proposals), stopped
    return result
