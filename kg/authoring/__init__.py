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
from kg.authoring.rules import CLAIM_RULES
from kg.authoring.scaffold import init_data_dir

__all__ = [
    "Brief",
    "BriefFile",
    "Claim",
    "Corpus",
    "Factor",
    "Observation",
    "Source",
    "read_corpus",
    "init_data_dir",
    "CLAIM_RULES",
]
