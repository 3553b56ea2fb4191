"""Validation: authoring checks, then SHACL shapes, reported as data."""

from kg.problems import Problem, ValidationReport
from kg.validation.validate import validate

__all__ = ["Problem", "ValidationReport", "validate"]
