"""The analyst's data as Python objects, each remembering where it was written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Source",
    "FieldSources",
    "Factor",
    "Brief",
    "Observation",
    "Claim",
    "Selection",
    "BriefFile",
    "Corpus",
]


@dataclass(frozen=True)
class Source:
    """A place in an authoring file: path and 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class FieldSources(Mapping[str, Source]):
    """Where each field of one record is written: a :class:`Source` by field name.

    The lines are kept as plain numbers and a :class:`Source` made when one
    is asked for. A corpus has a place for every field of every record (a
    quarter of a million for 1,000 briefs); numbers in a plain dict are not
    objects the garbage collector tracks, so its passes over a large corpus
    stay short without switching it off.

    >>> places = FieldSources("data/factors.yaml", {"label": 4})
    >>> str(places["label"]), places.get("group"), dict(places)
    ('data/factors.yaml:4', None, {'label': Source(path='data/factors.yaml', line=4)})
    """

    __slots__ = ("path", "_lines")

    def __init__(self, path: str = "", lines: dict[str, int] | None = None):
        self.path = path
        self._lines = lines if lines is not None else {}

    def __getitem__(self, name: str) -> Source:
        return Source(self.path, self._lines[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __repr__(self) -> str:
        return f"FieldSources({self.path!r}, {self._lines!r})"


@dataclass
class Factor:
    """One concept of the shared factor scheme (``factors.yaml``)."""

    id: str
    label: str
    definition: str
    group: str
    alt_labels: tuple[str, ...] = ()
    #: Factor ids of this scheme or outside http(s) IRIs that mean the same.
    exact_match: tuple[str, ...] = ()
    #: Factor ids of this scheme or outside http(s) IRIs that mean nearly the same.
    close_match: tuple[str, ...] = ()
    #: True while the factor awaits an analyst's review (e.g. made by ``kg import``).
    review: bool = False
    #: Factor ids reviewed and judged different; ``kg link`` no longer proposes them.
    distinct_from: tuple[str, ...] = ()
    source: Source = Source("", 0)
    field_sources: FieldSources = field(default_factory=FieldSources, repr=False)


@dataclass
class Brief:
    """A brief's bibliographic record (the ``brief:`` block of its file)."""

    id: str
    title: str
    authors: tuple[str, ...]
    publisher: str
    date: dt.date
    series: str | None = None
    number: str | None = None
    url: str | None = None
    language: str = "en"
    synthetic: bool = False
    section: str = "Executive summary"
    source: Source = Source("", 0)
    field_sources: FieldSources = field(default_factory=FieldSources, repr=False)

    @property
    def citation(self) -> str:
        """A short human-readable citation."""
        series = f"{self.series} No. {self.number}, " if self.series and self.number else ""
        return (
            f"{', '.join(self.authors)}, \u201c{self.title}\u201d, {series}"
            f"{self.publisher}, {self.date.isoformat()}"
        )


@dataclass
class Observation:
    """A trend or finding the brief reports, which may support claims."""

    id: str
    brief_id: str
    locator: str
    paraphrase: str
    point: int | None = None
    concerns: tuple[str, ...] = ()  # factor ids
    #: ``rising``, ``falling`` or ``steady`` (:data:`kg.vocab.TRENDS`), with ``trend_of``.
    trend: str | None = None
    #: The factor id whose trend the observation reports (one of ``concerns``).
    trend_of: str | None = None
    time_scope: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    source: Source = Source("", 0)
    field_sources: FieldSources = field(default_factory=FieldSources, repr=False)


@dataclass
class Claim:
    """One causal claim: the brief says ``cause`` changes ``effect`` (or, with
    ``sign == "no_effect"``, that it found no effect of ``cause`` on ``effect``)."""

    id: str
    brief_id: str
    cause: str  # factor id
    effect: str  # factor id
    sign: str
    modality: str
    confidence: float
    paraphrase: str
    locator: str
    point: int | None = None
    time_scope: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    evidence: tuple[str, ...] = ()
    supported_by: tuple[str, ...] = ()  # observation ids
    attributed_to: str | None = None
    #: ``stated`` (the passage says it in so many words) or ``inferred`` (the analyst reads it in).
    reading: str = "stated"
    #: The condition under which the source says the link holds (required when conditional).
    condition: str | None = None
    #: What ``kg extract`` proposed and who accepted it (:data:`~kg.authoring.rules.EXTRACTION_KEYS`).
    extraction: dict | None = None
    source: Source = Source("", 0)
    field_sources: FieldSources = field(default_factory=FieldSources, repr=False)


@dataclass
class Selection:
    """A selection finding: who moves, not what moving does.

    The members of ``population`` (a factor: the movement) compare with
    ``compared_with`` (text) on ``trait`` (a factor) in ``direction``
    (``higher``, ``lower`` or ``no_difference``). Never a causal edge; only
    compared with other selection findings on the same population and trait.
    """

    id: str
    brief_id: str
    population: str  # factor id
    trait: str  # factor id
    compared_with: str
    direction: str
    modality: str
    confidence: float
    paraphrase: str
    locator: str
    point: int | None = None
    reading: str = "stated"
    evidence: tuple[str, ...] = ()
    source: Source = Source("", 0)
    field_sources: FieldSources = field(default_factory=FieldSources, repr=False)


@dataclass
class BriefFile:
    """One brief's authoring file: its record, observations, claims and selection findings."""

    path: Path
    brief: Brief
    observations: list[Observation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    selections: list[Selection] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything in a data folder: the shared factors and every brief."""

    data_dir: Path
    factors_path: Path
    factors: dict[str, Factor]
    briefs: dict[str, BriefFile]
    scheme_title: str = "Shared factors"
    scheme_language: str = "en"
    digest: str = ""  # SHA-256 of every input file, for up-to-date checks

    @property
    def claims(self) -> list[Claim]:
        """Every claim of every brief, brief by brief in id order."""
        return [c for bid in sorted(self.briefs) for c in self.briefs[bid].claims]

    @property
    def observations(self) -> list[Observation]:
        """Every observation of every brief."""
        return [o for bid in sorted(self.briefs) for o in self.briefs[bid].observations]

    @property
    def selections(self) -> list[Selection]:
        """Every selection finding of every brief."""
        return [s for bid in sorted(self.briefs) for s in self.briefs[bid].selections]
