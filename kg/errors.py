"""The project's exceptions and the exit codes the command line maps them to.

Every error a user can cause derives from :class:`KgError`. The command line
catches ``KgError`` (and nothing broader), prints its message on one line and
exits with its :attr:`~KgError.exit_code`; anything else is a bug.

Exit codes
----------
0 (``EXIT_OK``)
    Success; for ``kg validate``, the data conforms.
1 (``EXIT_VIOLATIONS``)
    The data does not conform (authoring or SHACL problems), or the question
    has no answer (for instance no causal path between two factors).
2 (``EXIT_ERROR``)
    The command could not run: bad usage, a missing or unreadable file, a
    malformed query, an unknown factor name, two names of one factor where
    two factors are needed, an output that would overwrite a file kg did not
    write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.problems import ValidationReport

__all__ = [
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "EXIT_ERROR",
    "KgError",
    "InvalidParameter",
    "DataNotFound",
    "UnreadableFile",
    "WriteFailed",
    "InvalidSheet",
    "InvalidDecisions",
    "BriefExists",
    "InvalidData",
    "UnknownFactor",
    "AmbiguousFactor",
    "UnknownBrief",
    "QueryError",
    "QueryTimeout",
    "QueryRefused",
    "QueryUpdate",
    "QueryTooLarge",
    "QueryCrashed",
    "InvalidInput",
    "OutputExists",
    "NoCausalPath",
    "SameFactor",
    "CannotListen",
    "RemoteError",
    "ModelError",
    "FileChanged",
    "StoreLocked",
    "MissingTool",
    "InputTooLarge",
    "InvalidIri",
]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class KgError(Exception):
    """Base class of every error a user of kg can cause.

    Parameters
    ----------
    reason : str
        What is wrong, and where.
    remedy : str
        How to fix it; the command line may add the option to use.

    ``str(error)`` is ``"reason; remedy"``, the line the command line prints.
    """

    exit_code = EXIT_ERROR

    def __init__(self, reason: str, remedy: str = ""):
        self.reason = reason
        self.remedy = remedy
        super().__init__(f"{reason}; {remedy}" if remedy else reason)


class InvalidParameter(KgError):
    """A value given to a function or option is not one it takes."""


class DataNotFound(KgError):
    """A data folder, authoring file or built dataset is missing or unreadable."""


class UnreadableFile(KgError):
    """A file exists but cannot be read or parsed as what it should be."""


class WriteFailed(KgError):
    """The system refused to write a file (no room, no permission, a read-only disk).

    Parameters
    ----------
    path : path-like
        The file or folder that could not be written.
    why : str
        The system's reason, e.g. ``"Permission denied"``.
    """

    def __init__(self, path: object, why: str | None):
        self.path = path
        super().__init__(
            f"cannot write {path}: {why or 'unknown error'}",
            "free the disk or fix the permissions and try again",
        )


class InvalidData(KgError):
    """The authoring files do not validate; :attr:`report` lists every problem."""

    exit_code = EXIT_VIOLATIONS

    def __init__(self, report: ValidationReport):
        self.report = report
        n = len(report.violations)
        super().__init__(
            f"the data has {n} problem{'s' if n != 1 else ''}",
            "run `kg validate` for the list, fix them and try again",
        )


class InvalidInput(InvalidData):
    """A file given to a writing command (a sheet, a proposals file) has problems.

    :attr:`report` lists each problem with its file, row and column; nothing
    was written. ``what`` names the file in the message, e.g. ``"the sheet"``.
    """

    def __init__(self, report: ValidationReport, what: str = "the input"):
        self.report = report
        self.what = what
        n = len(report.problems)
        KgError.__init__(
            self, f"{what} has {n} problem{'s' if n != 1 else ''}", "nothing was written"
        )


class UnknownFactor(KgError):
    """No factor has this label, alternative label, id or IRI."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()):
        self.name = name
        self.suggestions = list(suggestions)
        hint = (
            "did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
            if self.suggestions
            else "`kg query factors` lists every factor"
        )
        super().__init__(f"unknown factor {name!r}", hint)


class AmbiguousFactor(KgError):
    """Several factors answer to this name; :attr:`candidates` lists them."""

    def __init__(self, name: str, candidates: Sequence[str]):
        self.name = name
        self.candidates = list(candidates)
        super().__init__(
            f"{name!r} names several factors: " + ", ".join(self.candidates),
            "use a label or id that names only one",
        )


class UnknownBrief(KgError):
    """No brief has this id or IRI."""

    def __init__(self, name: str, known: Sequence[str] = ()):
        self.name = name
        self.known = list(known)
        known_text = ", ".join(self.known) if self.known else "none"
        super().__init__(f"unknown brief {name!r}", f"known briefs: {known_text}")


class QueryError(KgError):
    """A SPARQL query could not be parsed, or was given bad parameters."""


class QueryRefused(QueryError):
    """A query would reach beyond the dataset (``SERVICE``, a graph the dataset lacks)."""

    status = 400


class QueryUpdate(QueryRefused):
    """A SPARQL update was given where only queries are read."""

    status = 403


class QueryTooLarge(QueryRefused):
    """A query is longer or nests deeper than the limit: refused before it is parsed."""

    def __init__(self, reason: str, remedy: str = "", *, status: int = 400):
        super().__init__(reason, remedy)
        self.status = status


class QueryCrashed(QueryError):
    """The process that ran a query died (stack overflow, memory limit, killed)."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""

    def __init__(self, limit: float, spent: float):
        self.limit = limit
        super().__init__(
            f"the query was stopped after {spent:.1f} s, its time limit of {limit:g} s",
            "narrow it (bind a variable, add a LIMIT) or pass --timeout SECONDS",
        )


class OutputExists(KgError):
    """Writing would replace a file that kg may not replace without --force.

    Parameters
    ----------
    path : path-like
        The file that was left alone.
    reason : str
        Why it may not be replaced, as it follows the path in the message
        (default: it ``exists and was not written by kg``).
    remedy : str
        What to do instead (default: ``choose another --out or pass --force``).
    """

    def __init__(
        self,
        path: object,
        reason: str = "exists and was not written by kg",
        remedy: str = "choose another output, or set force to replace it",
    ):
        self.path = path
        super().__init__(f"{path} {reason}", remedy)


class NoCausalPath(KgError):
    """No chain of claims connects the two factors."""

    exit_code = EXIT_VIOLATIONS


class SameFactor(KgError):
    """Two names given as different factors designate one factor of the graph.

    This happens when factors linked by ``exact_match`` are merged into one
    node: a chain from one to the other would lead nowhere.
    """


class InvalidSheet(InvalidInput):
    """Some rows of a sheet are bad; :attr:`report` lists each with its row and column."""

    def __init__(self, report: ValidationReport):
        super().__init__(report, "the sheet")


class InvalidDecisions(InvalidInput):
    """Some decisions of a proposals file are bad; :attr:`report` lists each with its row.

    Nothing was written.
    """

    def __init__(self, report: ValidationReport, what: str = "the proposals file"):
        super().__init__(report, what)


class BriefExists(OutputExists):
    """The brief file already holds claims or observations; ``force`` replaces its claims."""

    def __init__(self, path: object):
        super().__init__(
            path,
            "already holds claims or observations",
            "set force to replace its claims (its brief block and observations are kept)",
        )


class CannotListen(KgError):
    """``kg serve`` cannot listen on the address given (port in use, unknown host)."""

    def __init__(self, host: str, port: int, why: str):
        self.host = host
        self.port = port
        super().__init__(
            f"cannot listen on {host}:{port}: {why}",
            "choose another port, or a host this machine has",
        )


class RemoteError(KgError):
    """A remote SPARQL server refused a request, failed, or could not be reached."""


class ModelError(KgError):
    """A model server's answer cannot be used (``kg extract --engine llm``): not JSON, not of
    the asked form, a refusal, no such model, or more requests than the budget allows."""


class FileChanged(KgError):
    """A file changed on disk while kg was editing it; nothing was written.

    Parameters
    ----------
    path : path-like
        The file that changed.
    """

    def __init__(self, path: object):
        self.path = path
        super().__init__(
            f"{path} changed while kg was editing it, so nothing was written",
            "run the command again",
        )


class StoreLocked(KgError):
    """Another process is writing the store (or reading it, when this one would write).

    Parameters
    ----------
    path : path-like
        The store folder.
    holder : str, optional
        Who holds the store, as its lock file says, e.g. ``"process 4242 (kg build)"``.
    writing : bool
        Whether the holder is a writer (else it is one or more readers).
    """

    def __init__(self, path: object, holder: str | None = None, *, writing: bool = True):
        self.path = path
        self.holder = holder
        who = holder or ("another process" if writing else "other processes")
        doing = "writing" if writing else "reading"
        super().__init__(
            f"the store {path} is in use: {who} is {doing} it",
            "wait for that command to finish and try again",
        )


class MissingTool(KgError):
    """A program kg runs (Graphviz for the explorer's layout) is missing or gave up."""


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"


class InputTooLarge(UnreadableFile):
    """An input file is larger than the limit kg reads (:class:`kg.io.limits.ReadLimits`).

    Parameters
    ----------
    path : str
        The file, as shown to the user.
    size : int
        Its size in bytes.
    limit : int
        The limit in bytes.
    """

    def __init__(self, path: str, size: int, limit: int):
        self.path = path
        self.size = size
        self.limit = limit
        super().__init__(
            f"{path} is too large to read ({_size(size)}, the limit is {_size(limit)})",
            "split it, or raise the limit with --max-file-size BYTES",
        )


class InvalidIri(InvalidParameter):
    """A text given as an IRI is not one (RFC 3987); the message names the offending character."""
