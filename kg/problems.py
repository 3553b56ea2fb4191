"""Problems as data: one :class:`Problem` per thing to fix, gathered in a :class:`ValidationReport`.

Shared by the authoring checks and the SHACL validation, which both report
problems in the same shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["Problem", "ValidationReport"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the authoring files, and where.

    ``str(problem)`` is the one line that kg prints::

        data/briefs/x.yaml:12: claim 'rising-costs': sign: 'up' is not allowed; use one of ...
    """

    path: str
    line: int
    record: str
    field: str
    message: str
    hint: str = ""
    origin: str = "authoring"  # "authoring" checks or "shacl" shapes

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [where]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        text = ": ".join(parts) + ": " + self.message
        return f"{text}; {self.hint}" if self.hint else text

    def as_dict(self) -> dict:
        """The problem as a plain dictionary (for JSON output)."""
        return asdict(self)


@dataclass
class ValidationReport:
    """Everything found wrong with a data folder.

    Attributes
    ----------
    problems : list of Problem
        Sorted by file and line.
    files : list of str
        The authoring files that were read.
    shacl_checked : bool
        Whether the built graph got as far as the SHACL shapes (only when the
        authoring checks pass).
    """

    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    shacl_checked: bool = False

    @property
    def conforms(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def text(self) -> str:
        """The report as printed by ``kg validate``: a line per problem, then a verdict."""
        lines = [str(p) for p in sorted(self.problems)]
        checked = "authoring checks and SHACL shapes" if self.shacl_checked else "authoring checks"
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        if self.conforms:
            lines.append(f"Conforms: {files} pass the {checked}.")
        else:
            n = len(self.problems)
            lines.append(
                f"Does not conform: {n} problem{'s' if n != 1 else ''} in {files} ({checked})."
            )
        return "\n".join(lines)
