"""Authoring: the analyst's YAML files, read and checked with file:line problems."""

from kg.authoring.model import (
    Brief,
    BriefFile,
    Claim,
    Corpus,
    Factor,
    Observation,
    Source,
)
from kg.authoring.reader import read_corpus

__all__ = [
    "Brief",
    "BriefFile",
    "Claim",
    "Corpus",
    "Factor",
    "Observation",
    "Source",
    "read_corpus",
]
