"""Proposing claims from a document: ``kg extract``, a rule engine that needs no model.

One topic a module: :mod:`~kg.extract.sources` (text and locators from PDF,
HTML or text), :mod:`~kg.extract.sentences` (pysbd), :mod:`~kg.extract.lexicon`
(the cues and qualifiers), :mod:`~kg.extract.calculus` (the sign calculus),
:mod:`~kg.extract.modality` (hedges, conditions, negation, attribution),
:mod:`~kg.extract.engine` (the rules on one sentence),
:mod:`~kg.extract.matching` (phrases to factors), :mod:`~kg.extract.extractor`
(the whole run) and :mod:`~kg.extract.sheet` (the output).
"""

from kg.extract.calculus import Phrase, claim_sign, parse_phrase
from kg.extract.engine import Candidate, sentence_candidates
from kg.extract.extractor import EXTRACTOR, Extraction, ProposedClaim, extract, extract_text
from kg.extract.matching import FactorMatch, FactorMatcher
from kg.extract.sheet import SHEET_COLUMNS, render, write_extraction
from kg.extract.sources import Paragraph, SourceText, read_source

__all__ = [
    "Phrase",
    "parse_phrase",
    "claim_sign",
    "Candidate",
    "sentence_candidates",
    "EXTRACTOR",
    "Extraction",
    "ProposedClaim",
    "extract",
    "extract_text",
    "FactorMatch",
    "FactorMatcher",
    "SHEET_COLUMNS",
    "render",
    "write_extraction",
    "Paragraph",
    "SourceText",
    "read_source",
]
