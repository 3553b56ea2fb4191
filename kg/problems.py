"""Problems as data: one :class:`Problem` per thing to fix, gathered in a :class:`ValidationReport`.

Shared by the authoring checks and the SHACL validation, which both report
problems in the same shape. Each problem has a severity, as SHACL results do
(``sh:Violation``, ``sh:Warning``, ``sh:Info``): only violations make the data
fail; warnings and infos are printed but the data still conforms.

>>> report = ValidationReport(
...     problems=[
...         Problem("f.yaml", 3, "factor 'x'", "review", "awaiting review", severity="warning")
...     ],
...     files=["f.yaml"],
...     shacl_checked=True,
... )
>>> report.conforms
True
>>> print(report.text())
f.yaml:3: warning: factor 'x': review: awaiting review
Conforms, with 1 warning: 1 file passes the authoring checks and SHACL shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["SEVERITIES", "Problem", "ValidationReport"]


def _counted(n: int, noun: str) -> str:
    # kg.io.tables.counted, which this module cannot import (kg.io imports kg.errors, which imports it)
    return f"{n} {noun}" + ("" if n == 1 else "s")


#: The severities a problem can have, from the most to the least serious; only
#: ``"violation"`` makes the data fail to conform.
SEVERITIES = ("violation", "warning", "info")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the authoring files, and where.

    ``str(problem)`` is the one line that kg prints::

        data/briefs/x.yaml:12: claim 'rising-costs': sign: 'up' is not allowed; use one of ...

    A warning or an info says so after the place, as compilers do::

        data/factors.yaml:40: warning: factor 'x': review: awaiting review; ...

    Parameters
    ----------
    path, line : str, int
        The file and line (0 when no line is known).
    record : str
        The record, e.g. ``"claim 'rising-costs'"`` (may be empty).
    field : str
        The field of the record (may be empty).
    message, hint : str
        What is wrong, and how to fix it. A hint that is a
        :class:`kg.errors.Phrase` names parameters as data, which
        :meth:`render` can show another way (the command line's flags).
    origin : {"authoring", "shacl"}
        Which layer found it: the authoring checks or the SHACL shapes.
    severity : {"violation", "warning", "info"}
        Only violations make the data fail to conform.
    """

    path: str
    line: int
    record: str
    field: str
    message: str
    hint: str = ""
    origin: str = "authoring"  # "authoring" checks or "shacl" shapes
    severity: str = "violation"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")

    @property
    def is_violation(self) -> bool:
        """True when the problem makes the data fail to conform."""
        return self.severity == "violation"

    def __str__(self) -> str:
        return self.render()

    def render(self, show: Callable[[Any], str] = str) -> str:
        """The one line, with the parameters a :class:`~kg.errors.Phrase` hint names shown by
        ``show`` (as Python spells them by default)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [where]
        if not self.is_violation:
            parts.append(self.severity)
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        text = ": ".join(parts) + ": " + self.message
        render = getattr(self.hint, "render", None)
        hint = render(show) if render is not None else self.hint
        return f"{text}; {hint}" if hint else text

    def as_dict(self) -> dict:
        """The problem as a plain dictionary (for JSON output)."""
        return asdict(self)


@dataclass
class ValidationReport:
    """Everything found wrong with a data folder.

    Attributes
    ----------
    problems : list of Problem
        Sorted by file and line; violations, warnings and infos together.
    files : list of str
        The authoring files that were read.
    shacl_checked : bool
        Whether the built graph got as far as the SHACL shapes (only when the
        authoring checks pass).
    """

    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    shacl_checked: bool = False
    #: How many named graphs the SHACL shapes checked (an incremental check skips some).
    shacl_graphs: int = 0

    @property
    def violations(self) -> list[Problem]:
        """The problems that make the data fail to conform."""
        return [p for p in self.problems if p.severity == "violation"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems of severity ``"warning"``: to look at, but the data conforms."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def infos(self) -> list[Problem]:
        """The problems of severity ``"info"``."""
        return [p for p in self.problems if p.severity == "info"]

    @property
    def conforms(self) -> bool:
        """True when no problem is a violation (warnings and infos are allowed)."""
        return not self.violations

    def text(self, show: Callable[[Any], str] = str) -> str:
        """The report as printed by ``kg validate``: a line per problem, then a verdict.

        ``show`` shows the parameters a hint names (see :meth:`Problem.render`).

        The verdict counts violations ("problems"), warnings and infos apart,
        e.g. ``Conforms, with 2 warnings: ...`` or
        ``Does not conform: 1 problem and 2 warnings in 3 files (...)``.
        """
        lines = [p.render(show) for p in sorted(self.problems)]
        checked = "authoring checks and SHACL shapes" if self.shacl_checked else "authoring checks"
        n_files = len(self.files)
        files = _counted(n_files, "file")
        others = [
            _counted(len(items), word)
            for items, word in ((self.warnings, "warning"), (self.infos, "info"))
            if items
        ]
        if self.conforms:
            passes = "passes" if n_files == 1 else "pass"
            head = "Conforms, with " + " and ".join(others) if others else "Conforms"
            lines.append(f"{head}: {files} {passes} the {checked}.")
        else:
            found = " and ".join([_counted(len(self.violations), "problem"), *others])
            lines.append(f"Does not conform: {found} in {files} ({checked}).")
        return "\n".join(lines)
