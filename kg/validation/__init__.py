"""Validation: authoring checks, then SHACL shapes, reported as data."""

from kg.problems import SEVERITIES, Problem, ValidationReport
from kg.validation.validate import (
    BATCH_TRIPLES,
    QuadsSeen,
    ShaclResult,
    brief_shacl_problems,
    check_data,
    load_shapes,
    scheme_shacl_problems,
    shacl_check,
    shacl_problems,
    shacl_results,
    store_shacl_problems,
    validate,
)

__all__ = [
    "BATCH_TRIPLES",
    "QuadsSeen",
    "ShaclResult",
    "SEVERITIES",
    "Problem",
    "ValidationReport",
    "brief_shacl_problems",
    "check_data",
    "load_shapes",
    "scheme_shacl_problems",
    "shacl_check",
    "shacl_problems",
    "shacl_results",
    "store_shacl_problems",
    "validate",
]
