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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from string import Formatter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.problems import ValidationReport

__all__ = [
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "EXIT_ERROR",
    "Param",
    "Phrase",
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


@dataclass(frozen=True)
class Param:
    """A parameter of the library that a message names, as data.

    The library's text names it as Python does (``force=True``,
    ``timeout=SECONDS``, ``data_dir``); the command line shows the flag that
    sets it instead (``--force``, ``--timeout SECONDS``, ``--data``), from
    its one table of flags. ``name`` may be qualified by the object that
    takes it (``"LlmSettings.timeout"``) when one word names different flags.

    >>> str(Param("force", "True")), str(Param("LlmSettings.timeout", "SECONDS"))
    ('force=True', 'timeout=SECONDS')
    """

    name: str
    #: What it takes, as the message shows it (``"True"``, ``"SECONDS"``), or empty.
    value: str = ""

    def __str__(self) -> str:
        short = self.name.rsplit(".", 1)[-1]
        return f"{short}={self.value}" if self.value else short


#: How a :class:`Param` is shown: by the library as Python spells it, by the CLI as a flag.
ShowParam = Callable[[Param], str]

_CONVERSIONS: Mapping[str, Callable[[object], str]] = {"r": repr, "s": str, "a": ascii}


class Phrase(str):
    """A message text that names parameters as data, so each reader can be shown its own words.

    ``template`` is a :meth:`str.format` template. A field given as a keyword
    is a value, shown as it is (with its conversion and format spec, as
    ``format`` would); a field not given, or given as a :class:`Param`, is a
    parameter: ``{force:True}`` is the parameter ``force`` taking ``True``.
    The phrase is the text the library shows (``str``); :meth:`render` shows
    the parameters another way, such as the command line's flags. Values are
    never parsed as templates, so braces in what a user typed stay text.

    >>> hint = Phrase("choose another {out}, or pass {force:True} to replace {what!r}", what="a{b}")
    >>> str(hint)
    "choose another out, or pass force=True to replace 'a{b}'"
    >>> [p.name for p in hint.params]
    ['out', 'force']
    >>> hint.render(lambda p: "--" + p.name)
    "choose another --out, or pass --force to replace 'a{b}'"
    """

    template: str
    values: Mapping[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Phrase:
        pieces = list(Formatter().parse(template))
        text = _rendered(pieces, values, str)
        phrase = super().__new__(cls, text)
        phrase.template = template
        phrase.values = dict(values)
        return phrase

    def __reduce__(self) -> tuple[Any, ...]:
        # copied and pickled as its template and values, never by re-reading its text
        return (_phrase, (self.template, dict(self.values)))

    @property
    def params(self) -> tuple[Param, ...]:
        """The parameters the phrase names, in the order it names them."""
        found: list[Param] = []
        for _text, field, spec, _conversion in Formatter().parse(self.template):
            if field is None:
                continue
            value = self.values.get(field, Param(field, spec or ""))
            if isinstance(value, Param):
                found.append(value)
        return tuple(found)

    def render(self, show: ShowParam = str) -> str:
        """The phrase with each parameter shown by ``show`` (the library's words by default)."""
        return _rendered(list(Formatter().parse(self.template)), self.values, show)


def _phrase(template: str, values: Mapping[str, Any]) -> Phrase:
    return Phrase(template, **values)


def _rendered(pieces: list, values: Mapping[str, Any], show: ShowParam) -> str:
    out = []
    for text, field, spec, conversion in pieces:
        out.append(text)
        if field is None:
            continue
        value = values.get(field, Param(field, spec or ""))
        if isinstance(value, Param):
            out.append(show(value))
            continue
        if conversion:
            value = _CONVERSIONS[conversion](value)
        out.append(format(value, spec or ""))
    return "".join(out)


def rendered(text: str, show: ShowParam = str) -> str:
    """``text`` with its parameters shown by ``show`` when it is a :class:`Phrase`, else as it is.

    >>> rendered("plain {text}", lambda p: "--" + p.name)
    'plain {text}'
    """
    return text.render(show) if isinstance(text, Phrase) else text


class KgError(Exception):
    """Base class of every error a user of kg can cause.

    Parameters
    ----------
    reason : str or Phrase
        What is wrong, and where.
    remedy : str or Phrase
        How to fix it. A :class:`Phrase` names the parameters to use as data
        (:attr:`params`), which the command line shows as its flags.
    param : str, optional
        The parameter the error is about (default: the first one a phrase names).

    ``str(error)`` is ``"reason; remedy"`` in the library's words;
    :meth:`message` shows the parameters another way.

    >>> error = KgError("the port is in use", Phrase("choose another {port}"))
    >>> str(error), error.param
    ('the port is in use; choose another port', 'port')
    >>> error.message(lambda p: "--" + p.name)
    'the port is in use; choose another --port'
    """

    exit_code = EXIT_ERROR

    def __init__(self, reason: str, remedy: str = "", *, param: str | None = None):
        self.reason = reason
        self.remedy = remedy
        self.params: tuple[Param, ...] = tuple(
            p for text in (reason, remedy) if isinstance(text, Phrase) for p in text.params
        )
        self.param = param or (self.params[0].name if self.params else None)
        super().__init__(self.message())

    def message(self, show: ShowParam = str) -> str:
        """The one line, with each parameter a phrase names shown by ``show``."""
        reason, remedy = rendered(self.reason, show), rendered(self.remedy, show)
        return f"{reason}; {remedy}" if remedy else reason


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
            Phrase("narrow it (bind a variable, add a LIMIT) or pass {timeout:SECONDS}"),
        )


class OutputExists(KgError):
    """Writing would replace a file that kg may not replace unless told to (``force``).

    Parameters
    ----------
    path : path-like
        The file that was left alone.
    reason : str
        Why it may not be replaced, as it follows the path in the message
        (default: it ``exists and was not written by kg``).
    remedy : str or Phrase
        What to do instead (default: choose another ``out``, or pass
        ``force=True`` to replace it).
    """

    def __init__(
        self,
        path: object,
        reason: str = "exists and was not written by kg",
        remedy: str = Phrase("choose another {out}, or pass {force:True} to replace it"),
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
            Phrase(
                "pass {force:True} to replace its claims (its brief block and observations are kept)"
            ),
        )


class CannotListen(KgError):
    """``kg serve`` cannot listen on the address given (port in use, unknown host)."""

    def __init__(self, host: str, port: int, why: str):
        self.host = host
        self.port = port
        super().__init__(
            f"cannot listen on {host}:{port}: {why}",
            Phrase("choose another {port}, or a {host} this machine has"),
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
            Phrase("split it, or raise the limit with {max_file_size:BYTES}"),
        )


class InvalidIri(InvalidParameter):
    """A text given as an IRI is not one (RFC 3987); the message names the offending character."""
