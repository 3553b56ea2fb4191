"""From a source document to proposed claims (``kg extract``).

:func:`extract` reads the source (:mod:`kg.extract.sources`), splits it into
sentences (:mod:`kg.extract.sentences`), runs the rules on each
(:mod:`kg.extract.engine`) and matches the phrases to the factors of the data
folder (:mod:`kg.extract.matching`). Each :class:`ProposedClaim` is one row of
the sheet that ``kg import`` reads (:mod:`kg.extract.sheet`): nothing enters
a brief until an analyst has checked the row and signed it in its
``accepted by`` column.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.authoring.reader import read_corpus, read_factors
from kg.authoring.rules import SLUG
from kg.datafolder import default_data_dir
from kg.datafolder import factors_path as scheme_file
from kg.errors import DataNotFound, InvalidData, InvalidParameter, Phrase, UnknownBrief
from kg.extract.calculus import sign_word
from kg.extract.engine import Candidate, sentence_candidates
from kg.extract.matching import FactorMatch, FactorMatcher
from kg.extract.modality import CONFIDENCE
from kg.extract.sentences import Sentence, document_sentences
from kg.extract.sources import SourceText, read_source
from kg.io import display_path
from kg.problems import Problem, ValidationReport

__all__ = ["ProposedClaim", "Extraction", "extract", "extract_text", "EXTRACTOR"]

#: Who proposes the claims: recorded in each claim's ``extraction`` block.
EXTRACTOR = f"kg {__version__} rules"


@dataclass(frozen=True)
class ProposedClaim:
    """One candidate claim with its sentence, place, matched factors and reasons."""

    candidate: Candidate
    sentence: Sentence
    cause: FactorMatch
    effect: FactorMatch
    in_brief: str = ""  # id of the --against brief's claim that already says this
    extracted_by: str = EXTRACTOR  # the engine (and model and prompt version) that proposed it

    @property
    def sign(self) -> str:
        """``increases``, ``decreases`` or ``no_effect``."""
        return sign_word(self.candidate.sign)

    def row(self, source: SourceText) -> dict[str, str | int | float]:
        """The claim as one row of the import sheet, keyed by column name."""
        c, paragraph = self.candidate, self.sentence.paragraph
        return {
            "cause": self.cause.name,
            "effect": self.effect.name,
            "sign": self.sign,
            "modality": c.modality,
            "confidence": CONFIDENCE[c.modality],
            "point": paragraph.point,
            "locator": paragraph.locator,
            "paraphrase": "",  # the analyst's own words: kg import refuses the row until written
            "evidence": self.sentence.text,  # the source's words, to be restated
            "attributed to": c.attributed_to or "",
            "reading": c.reading,
            "condition": c.condition,
            "accepted by": "",
            "in brief": self.in_brief,
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "source": source.path,
            "source sha256": source.digest,
            "cue": c.cue,
            "cause as written": c.cause.written,
            "effect as written": c.effect.written,
            "cause match": self.cause.how,
            "effect match": self.effect.how,
            "sign reason": c.sign_reason,
            "modality reason": c.modality_reason,
            "extracted by": self.extracted_by,
        }


@dataclass
class Extraction:
    """What :func:`extract` found in one source."""

    source: SourceText
    brief_id: str
    claims: list[ProposedClaim] = field(default_factory=list)
    sentences: int = 0
    against: str | None = None  # the brief whose claims were marked
    unit: str = "sentences"  # what ``sentences`` counts: sentences (rules) or chunks (model)
    note: str = ""  # what the engine adds to the summary

    def rows(self) -> list[dict[str, str | int | float]]:
        """Every proposed claim as a sheet row."""
        return [claim.row(self.source) for claim in self.claims]

    def summary(self) -> str:
        """One line for the terminal: how many candidates from how many sentences."""
        known = sum(1 for c in self.claims if c.in_brief)
        new = len({m.name for c in self.claims for m in (c.cause, c.effect) if not m.factor_id})
        text = (
            f"{len(self.claims)} candidate claim{'s' if len(self.claims) != 1 else ''} from "
            f"{self.sentences} {self.unit} of {self.source.path}"
        )
        if self.note:
            text += f" ({self.note})"
        if known:
            text += f"; {known} already in brief {self.against}"
        if new:
            text += f"; {new} proposed new factor{'s' if new != 1 else ''}"
        return text + ". Check each, write your name under `accepted by`, then `kg import`."


def extract_text(
    source: SourceText, brief_id: str, matcher: FactorMatcher, against: dict | None = None
) -> Extraction:
    """Run the rules over an already read source; ``against`` maps (point, cause, effect,
    sign) to the id of a claim the brief already has."""
    result = Extraction(source, brief_id)
    for sentence in document_sentences(source):
        result.sentences += 1
        for candidate in sentence_candidates(sentence.text):
            cause = matcher.match(candidate.cause.entity, candidate.cause.written)
            effect = matcher.match(candidate.effect.entity, candidate.effect.written)
            if (cause.factor_id and cause.factor_id == effect.factor_id) or (
                cause.name.casefold() == effect.name.casefold()
            ):
                continue
            key = (sentence.paragraph.point, cause.factor_id, effect.factor_id)
            known = (against or {}).get((*key, sign_word(candidate.sign)), "")
            result.claims.append(ProposedClaim(candidate, sentence, cause, effect, known))
    return result


def llm_extractor(model: str, form: str) -> str:
    """Who proposes the model engine's claims: kg's version, the model, the prompt's version
    and the form of ``response_format`` the answer was asked in."""
    from kg.extract.llm import PROMPT_VERSION

    return f"kg {__version__} llm {model} prompt {PROMPT_VERSION} format {form}"


def extract_with_model(
    source: SourceText,
    brief_id: str,
    matcher: FactorMatcher,
    settings,
    against: dict | None = None,
) -> Extraction:
    """Ask the model engine (:mod:`kg.extract.llm`) and match its grounded proposals."""
    from kg.extract.llm import iter_labels, propose

    found = propose(source, list(iter_labels(matcher.factors)), settings)
    result = Extraction(source, brief_id, unit="chunks", note=found.note())
    result.sentences = found.chunks
    for candidate, sentence, cause_factor, effect_factor, form in found.claims:
        tool = llm_extractor(settings.model, form)
        cause = matcher.match(candidate.cause.entity, cause_factor or candidate.cause.written)
        effect = matcher.match(candidate.effect.entity, effect_factor or candidate.effect.written)
        if (cause.factor_id and cause.factor_id == effect.factor_id) or (
            cause.name.casefold() == effect.name.casefold()
        ):
            continue
        key = (sentence.paragraph.point, cause.factor_id, effect.factor_id)
        known = (against or {}).get((*key, sign_word(candidate.sign)), "")
        result.claims.append(ProposedClaim(candidate, sentence, cause, effect, known, tool))
    return result


def extract(
    source: str | os.PathLike,
    brief_id: str,
    data_dir: str | os.PathLike | None = None,
    *,
    against: str | None = None,
    engine: str = "rules",
    llm=None,
) -> Extraction:
    """Propose the causal claims of a source document (``kg extract``).

    Parameters
    ----------
    source : path
        A PDF, a saved HTML page or a UTF-8 text file.
    brief_id : str
        The brief the claims are for (the id ``kg import --brief`` will get).
    data_dir : path, optional
        The data folder whose factors the phrases are matched to (default
        ``./data`` when it holds ``factors.yaml``, else the shipped briefs).
    against : str, optional
        A brief of the data folder: candidates from the same point with the
        same cause, effect and sign as one of its claims are marked with that
        claim's id.
    engine : {"rules", "llm"}
        The offline rules (the default), or the model engine.
    llm : kg.extract.llm.LlmSettings, optional
        Where the model is (required with ``engine="llm"``); nothing is
        sent anywhere without it.

    Raises
    ------
    UnreadableFile
        The source cannot be read as English text (see :func:`read_source`).
    UnknownBrief
        ``against`` is not a brief of the data folder.
    InvalidData
        The data folder's files have problems.
    """
    if engine not in ("rules", "llm"):
        raise InvalidParameter(f"engine {engine!r} is not known", "use rules or llm")
    if engine == "llm" and llm is None:
        raise InvalidParameter(
            "the model engine needs a server",
            Phrase("give {LlmSettings.url:URL} and {LlmSettings.model:NAME}"),
        )
    if not SLUG.match(brief_id):
        raise InvalidParameter(
            f"{brief_id!r} is not a valid brief id", "use lower-case letters, digits and hyphens"
        )
    text = read_source(source)
    data = Path(data_dir) if data_dir is not None else default_data_dir()
    problems: list[Problem] = []
    known: dict = {}
    if against is None:
        factors_path = scheme_file(data)
        if not factors_path.is_file():
            raise DataNotFound(
                f"{display_path(factors_path)} does not exist",
                Phrase("give the data folder as {data_dir}, or start one with {init_data_dir}"),
            )
        factors, *_ = read_factors(factors_path, problems)
    else:
        corpus, problems = read_corpus(data)
        factors = corpus.factors
        if against not in corpus.briefs:
            raise UnknownBrief(against, sorted(corpus.briefs))
        for claim in corpus.briefs[against].claims:
            known[(claim.point, claim.cause, claim.effect, claim.sign)] = claim.id
    violations = [p for p in problems if p.severity == "violation"]
    if violations:
        raise InvalidData(ValidationReport(sorted(violations), []))
    if engine == "llm":
        result = extract_with_model(text, brief_id, FactorMatcher(factors), llm, known)
    else:
        result = extract_text(text, brief_id, FactorMatcher(factors), known)
    result.against = against
    return result
