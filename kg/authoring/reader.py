"""Read and check the analyst's YAML files.

:func:`read_corpus` reads a data folder (``factors.yaml`` and
``briefs/*.yaml``) and returns the :class:`~kg.authoring.model.Corpus` together
with every problem found, each with its file, line and field. Reading never
stops at the first problem, so one run lists everything to fix.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from rapidfuzz import process

from kg.authoring.loading import LineDict, LineList, YamlSyntaxError, load_yaml
from kg.authoring.model import (
    Brief,
    BriefFile,
    Claim,
    Corpus,
    Factor,
    FieldSources,
    Observation,
    Selection,
    Source,
)
from kg.authoring.rules import (
    BRIEF_FIELDS,
    CLAIM_FIELDS,
    FACTOR_FIELDS,
    LANGUAGE,
    OBSERVATION_FIELDS,
    OBSERVATION_RULES,
    SCHEME_FIELDS,
    SELECTION_FIELDS,
    SELECTION_RULES,
    SLUG,
    URL,
    YAML_SURFACE,
    Field,
    check_claim,
    check_fields,
    check_record,
    describe,
    shown,
)
from kg.datafolder import FACTORS_FILE, brief_files, briefs_dir, factors_path
from kg.errors import AmbiguousFactor, DataNotFound, InputTooLarge, Phrase, UnknownFactor
from kg.io import display_path
from kg.io.limits import FULL_VALUES, ReadLimits, current_limits, read_bounded, unreadable
from kg.names import FactorIndex, FactorName, normalise_name
from kg.problems import Problem
from kg.vocab import factor_iri

__all__ = [
    "read_corpus",
    "CorpusReader",
    "read_factors",
    "read_observations",
    "input_digest",
    "factor_index",
    # the field tables, defined in kg.authoring.rules
    "FACTOR_FIELDS",
    "BRIEF_FIELDS",
    "OBSERVATION_FIELDS",
    "CLAIM_FIELDS",
    "SELECTION_FIELDS",
    "SLUG",
    "URL",
    "LANGUAGE",
]

_DEFAULT_TITLE, _DEFAULT_LANGUAGE = "Shared factors", "en"


# ---------------------------------------------------------------- file reading


class _FileReader:
    """Reads one YAML file and collects its problems."""

    def __init__(self, path: Path, problems: list[Problem], limits: ReadLimits | None = None):
        self.path = path
        self.shown = display_path(path)
        self.problems = problems
        self.raw = b""
        self.limits = limits or current_limits()

    def problem(self, line: int, record: str, field: str, message: str, hint: str = "") -> None:
        # A key or id may be any text the file holds: cut so the problem stays one short line.
        self.problems.append(
            Problem(self.shown, line, _cut(record), _cut(field), _cut(message, 240), hint)
        )

    def load(self, raw: bytes | None = None) -> Any | None:
        """The file's document, or ``None`` (with a problem) when it cannot be read."""
        if raw is None:
            try:
                raw = read_bounded(self.path, self.shown, self.limits)
            except InputTooLarge as exc:
                self.problem(0, "", "", exc.reason.removeprefix(self.shown + " "), exc.remedy)
                return None
            except OSError as exc:
                why, hint = unreadable(self.path, exc)
                self.problem(0, "", "", why, hint)
                return None
        self.raw = raw
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.problem(
                line,
                "",
                "",
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                "save the file as UTF-8",
            )
            return None
        try:
            document = load_yaml(text, self.limits)
        except YamlSyntaxError as exc:
            self.problem(
                exc.line,
                "",
                "",
                f"is not valid YAML: {exc.problem}",
                "check indentation, colons and brackets",
            )
            return None
        if document is None:
            self.problem(1, "", "", "is empty", "fill it in; see data/README.md for the format")
        return document

    def sections(self, document: LineDict, allowed: tuple[str, ...]) -> None:
        """Report top-level keys other than ``allowed``."""
        for key in document:
            if key not in allowed:
                self.problem(
                    document.key_line(key),
                    "",
                    str(key),
                    "is not a known section",
                    "the file has " + " and ".join(f"`{a}:`" for a in allowed),
                )

    def record(
        self, mapping: Any, fields: tuple[Field, ...], record: str, line: int
    ) -> tuple[dict[str, Any], FieldSources] | None:
        """Check one mapping against its field table; return values and field places."""
        if not isinstance(mapping, LineDict):
            self.problem(
                line,
                record,
                "",
                f"expected a mapping of fields, got {describe(mapping)}",
                "write one `field: value` per line",
            )
            return None
        known = {f.name for f in fields}
        lines: dict[str, int] = {}
        for key in mapping:
            key_line = mapping.key_line(key)
            if key not in known:
                best = process.extractOne(str(key), sorted(known), score_cutoff=70)
                hint = (
                    f"did you mean {best[0]!r}?" if best else "allowed: " + ", ".join(sorted(known))
                )
                self.problem(key_line, record, str(key), "is not a known field", hint)
                continue
            lines[key] = key_line
        values, violations = check_fields(mapping, fields)
        for v in violations:
            self.problem(lines.get(v.field, line), record, v.field, v.message, v.hint)
        return values, FieldSources(self.shown, lines)

    def items(self, document: LineDict, key: str, required: bool) -> list[tuple[Any, int]]:
        """The entries of the top-level list ``key`` with their lines."""
        if document.get(key) is None:
            if required:
                self.problem(1, "", key, "is missing", f"add a `{key}:` list")
            return []
        seq = document[key]
        if not isinstance(seq, LineList):
            self.problem(
                document.key_line(key),
                "",
                key,
                f"expected a list, got {describe(seq)}",
                "start each entry with `- `",
            )
            return []
        return [(item, seq.item_line(i)) for i, item in enumerate(seq)]


def _cut(text: str, limit: int = 80) -> str:
    if len(text) <= limit or current_limits().max_quoted >= FULL_VALUES:  # --full-values
        return text
    return text[: limit - 1] + "…"


def _record_name(kind: str, item: Any) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{kind} {shown(ident)}" if isinstance(ident, str) else kind


def _locator(values: Mapping[str, Any], section: str) -> str | None:
    if "locator" in values:
        return values["locator"]
    if "point" in values:
        return f"{section}, point {values['point']}"
    return None


# ---------------------------------------------------------------- factors


def read_factors(
    path: Path,
    problems: list[Problem],
    partial: dict[str, FactorName] | None = None,
    raw: bytes | str | None = None,
    limits: ReadLimits | None = None,
) -> tuple[dict[str, Factor], str, str, bytes]:
    """Read ``factors.yaml``; factors with problems are left out of the result.

    Returns the factors by id, the scheme's title and language, and the
    file's bytes. ``partial``, when given, receives the names of factors
    whose id and label are valid although another field is not, so that
    briefs naming them are not told the factor is unknown (which would be
    wrong advice). ``raw`` is the file's content (bytes, or text) when
    already read or not written yet; ``path`` then only names it in
    problems. ``limits`` bounds its reading (default
    :func:`kg.io.limits.current_limits`).

    >>> problems = []
    >>> factors, *_ = read_factors(Path("f.yaml"), problems, raw="factors:\\n  - id: x\\n")
    >>> factors, print(problems[0])
    f.yaml:2: factor 'x': label: is missing; add `label:`
    ({}, None)
    """
    reader = _FileReader(path, problems, limits)
    document = reader.load(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if document is None:
        return {}, _DEFAULT_TITLE, _DEFAULT_LANGUAGE, reader.raw
    if not isinstance(document, LineDict):
        reader.problem(
            1, "", "", "expected `scheme:` and `factors:` at the top level", "see data/README.md"
        )
        return {}, _DEFAULT_TITLE, _DEFAULT_LANGUAGE, reader.raw
    reader.sections(document, ("scheme", "factors"))
    title, language = _DEFAULT_TITLE, _DEFAULT_LANGUAGE
    if isinstance(document.get("scheme"), dict):
        checked = reader.record(
            document["scheme"], SCHEME_FIELDS, "scheme", document.key_line("scheme")
        )
        if checked:
            title = checked[0].get("title", title)
            language = checked[0].get("language", language)
    factors: dict[str, Factor] = {}
    names: dict[str, tuple[str, int]] = {}
    for item, line in reader.items(document, "factors", required=True):
        record = _record_name("factor", item)
        checked = reader.record(item, FACTOR_FIELDS, record, line)
        if checked is None:
            continue
        values, lines = checked
        if not all(f.name in values for f in FACTOR_FIELDS if f.required):
            if partial is not None and "id" in values and "label" in values:
                partial[values["id"]] = FactorName(
                    str(factor_iri(values["id"])), values["label"], values.get("alt_labels", ())
                )
            continue
        if values["id"] in factors:
            first = factors[values["id"]].source.line
            reader.problem(
                line,
                record,
                "id",
                f"repeats the id of the factor at line {first}",
                "give each factor its own id",
            )
            continue
        # The id counts as a name too: kg resolves factors by id, label or alternative label,
        # all compared by kg.names.normalise_name.
        for field_name, name in [("id", values["id"]), ("label", values["label"])] + [
            ("alt_labels", alt) for alt in values.get("alt_labels", ())
        ]:
            key = normalise_name(name)
            if key in names and names[key][0] != values["id"]:
                other, other_line = names[key]
                reader.problem(
                    lines[field_name].line,
                    record,
                    field_name,
                    f"{shown(name)} already names factor {other!r} (line {other_line})",
                    "an id, label or alternative label must name one factor only",
                )
            names.setdefault(key, (values["id"], line))
        factors[values["id"]] = Factor(
            id=values["id"],
            label=values["label"],
            definition=values["definition"],
            group=values["group"],
            alt_labels=values.get("alt_labels", ()),
            exact_match=values.get("exact_match", ()),
            close_match=values.get("close_match", ()),
            review=values.get("review", False),
            distinct_from=values.get("distinct_from", ()),
            source=Source(reader.shown, line),
            field_sources=lines,
        )
    _check_links(reader, factors)
    return factors, title, language, reader.raw


def _check_links(reader: _FileReader, factors: dict[str, Factor]) -> None:
    """Links to factors of the scheme (ids, not IRIs) must name another, existing factor."""
    for factor in factors.values():
        record = f"factor {factor.id!r}"
        for field_name in ("exact_match", "close_match", "distinct_from"):
            line = factor.field_sources.get(field_name, factor.source).line
            for target in getattr(factor, field_name):
                if URL.match(target):
                    continue
                if target == factor.id:
                    reader.problem(
                        line, record, field_name, "links the factor to itself", "remove its own id"
                    )
                elif target not in factors:
                    best = process.extractOne(target, sorted(factors), score_cutoff=70)
                    hint = f"did you mean {best[0]!r}?" if best else "use the id of a factor here"
                    reader.problem(
                        line, record, field_name, f"{shown(target)} is not a factor id", hint
                    )


def factor_index(
    factors: Mapping[str, Factor], partial: Mapping[str, FactorName] | None = None
) -> FactorIndex:
    """The names of ``factors`` (and of the ``partial`` ones) indexed for look-ups."""
    index = FactorIndex(
        FactorName(str(factor_iri(f.id)), f.label, f.alt_labels) for f in factors.values()
    )
    for ident, name in (partial or {}).items():
        if ident not in factors:
            index.add(name)
    return index


# ---------------------------------------------------------------- briefs


class _BriefReader:
    """Reads the records of one brief file against the factors' names."""

    def __init__(self, reader: _FileReader, names: FactorIndex | None):
        self.reader = reader
        self.names = names
        self.seen: dict[str, int] = {}

    def factor_id(self, name: str, record: str, field_name: str, line: int) -> str | None:
        if self.names is None:  # factors.yaml could not be read: no name can be checked
            return None
        try:
            return self.names.resolve(name).id
        except UnknownFactor as exc:
            hint = (
                "did you mean " + ", ".join(repr(s) for s in exc.suggestions) + "? "
                if exc.suggestions
                else ""
            )
            self.reader.problem(
                line,
                record,
                field_name,
                f"{shown(name)} is not a known factor",
                hint + f"or add it to {FACTORS_FILE}",
            )
        except AmbiguousFactor as exc:
            self.reader.problem(
                line,
                record,
                field_name,
                f"{shown(name)} names several factors",
                "use one of the ids: " + ", ".join(exc.candidates),
            )
        return None

    def unique(self, ident: str, record: str, line: int) -> bool:
        if ident in self.seen:
            self.reader.problem(
                line,
                record,
                "id",
                f"repeats the id used at line {self.seen[ident]}",
                "give each claim and observation of a brief its own id",
            )
            return False
        self.seen[ident] = line
        return True

    def broken(
        self,
        values: Mapping[str, Any],
        rules: tuple,
        lines: Mapping[str, Source],
        record: str,
        line: int,
        context: Mapping[str, Any] | None = None,
    ) -> bool:
        """Report every breach of ``rules``; True when there was none."""
        ok = True
        for v in check_record(values, YAML_SURFACE, rules, context):
            place = lines.get(v.at or v.field)
            self.reader.problem(place.line if place else line, record, v.field, v.message, v.hint)
            ok = False
        return ok

    def observations(self, document: LineDict, brief_id: str, section: str) -> list[Observation]:
        found = []
        for item, line in self.reader.items(document, "observations", required=False):
            record = _record_name("observation", item)
            checked = self.reader.record(item, OBSERVATION_FIELDS, record, line)
            if checked is None:
                continue
            values, lines = checked
            if "id" not in values or "paraphrase" not in values:
                continue
            if not self.unique(values["id"], record, line):
                continue
            locator = _locator(values, section)
            if locator is None:
                self.reader.problem(
                    line, record, "point", "is missing", "add `point: N` or a `locator:`"
                )
                continue
            concerns = [
                self.factor_id(n, record, "concerns", lines["concerns"].line)
                for n in values.get("concerns", ())
            ]
            if "trend_of" in values:
                values["trend_of"] = self.factor_id(
                    values["trend_of"], record, "trend_of", lines["trend_of"].line
                )
                if values["trend_of"] is None:
                    continue
            checked_values = dict(values, concerns=tuple(c for c in concerns if c))
            if not self.broken(checked_values, OBSERVATION_RULES, lines, record, line):
                continue
            found.append(
                Observation(
                    id=values["id"],
                    brief_id=brief_id,
                    locator=locator,
                    paraphrase=values["paraphrase"],
                    point=values.get("point"),
                    concerns=tuple(c for c in concerns if c),
                    trend=values.get("trend"),
                    trend_of=values.get("trend_of"),
                    time_scope=values.get("time_scope"),
                    start_year=values.get("start_year"),
                    end_year=values.get("end_year"),
                    source=Source(self.reader.shown, line),
                    field_sources=lines,
                )
            )
        return found

    def claims(
        self, document: LineDict, brief_id: str, section: str, observation_ids: set[str]
    ) -> list[Claim]:
        found = []
        context = {"observations": observation_ids}
        for item, line in self.reader.items(document, "claims", required=True):
            record = _record_name("claim", item)
            checked = self.reader.record(item, CLAIM_FIELDS, record, line)
            if checked is None:
                continue
            values, lines = checked
            ok = all(f.name in values for f in CLAIM_FIELDS if f.required)
            if "id" in values and not self.unique(values["id"], record, line):
                continue
            for role in ("cause", "effect"):
                if role in values:
                    values[role] = self.factor_id(values[role], record, role, lines[role].line)
                    ok = ok and values[role] is not None
            for v in check_claim(values, YAML_SURFACE, context):
                place = lines.get(v.at or v.field)
                self.reader.problem(
                    place.line if place else line, record, v.field, v.message, v.hint
                )
                ok = False
            if not ok:
                continue
            found.append(
                Claim(
                    id=values["id"],
                    brief_id=brief_id,
                    cause=values["cause"],
                    effect=values["effect"],
                    sign=values["sign"],
                    modality=values["modality"],
                    confidence=values["confidence"],
                    paraphrase=values["paraphrase"],
                    locator=_locator(values, section) or "",
                    point=values.get("point"),
                    time_scope=values.get("time_scope"),
                    start_year=values.get("start_year"),
                    end_year=values.get("end_year"),
                    evidence=values.get("evidence", ()),
                    supported_by=values.get("supported_by", ()),
                    attributed_to=values.get("attributed_to"),
                    reading=values.get("reading", "stated"),
                    condition=values.get("condition"),
                    extraction=values.get("extraction"),
                    source=Source(self.reader.shown, line),
                    field_sources=lines,
                )
            )
        return found

    def selections(self, document: LineDict, brief_id: str, section: str) -> list[Selection]:
        found = []
        for item, line in self.reader.items(document, "selections", required=False):
            record = _record_name("selection", item)
            checked = self.reader.record(item, SELECTION_FIELDS, record, line)
            if checked is None:
                continue
            values, lines = checked
            ok = all(f.name in values for f in SELECTION_FIELDS if f.required)
            if "id" in values and not self.unique(values["id"], record, line):
                continue
            for role in ("population", "trait"):
                if role in values:
                    values[role] = self.factor_id(values[role], record, role, lines[role].line)
                    ok = ok and values[role] is not None
            ok = self.broken(values, SELECTION_RULES, lines, record, line) and ok
            if not ok:
                continue
            found.append(
                Selection(
                    id=values["id"],
                    brief_id=brief_id,
                    population=values["population"],
                    trait=values["trait"],
                    compared_with=values["compared_with"],
                    direction=values["direction"],
                    modality=values["modality"],
                    confidence=values["confidence"],
                    paraphrase=values["paraphrase"],
                    locator=_locator(values, section) or "",
                    point=values.get("point"),
                    reading=values.get("reading", "stated"),
                    evidence=values.get("evidence", ()),
                    source=Source(self.reader.shown, line),
                    field_sources=lines,
                )
            )
        return found


def _read_brief_file(
    path: Path,
    names: FactorIndex | None,
    problems: list[Problem],
    raw: bytes | None = None,
    limits: ReadLimits | None = None,
) -> tuple[BriefFile | None, bytes]:
    reader = _FileReader(path, problems, limits)
    document = reader.load(raw)
    if document is None:
        return None, reader.raw
    if not isinstance(document, LineDict):
        reader.problem(
            1,
            "",
            "",
            "expected `brief:`, `observations:` and `claims:` at the top level",
            "see data/README.md",
        )
        return None, reader.raw
    reader.sections(document, ("brief", "observations", "claims", "selections"))
    if "brief" not in document:
        reader.problem(
            1, "", "brief", "is missing", "add a `brief:` block with id, title, authors ..."
        )
        return None, reader.raw
    checked = reader.record(document["brief"], BRIEF_FIELDS, "brief", document.key_line("brief"))
    if checked is None or not all(f.name in checked[0] for f in BRIEF_FIELDS if f.required):
        # The brief block is unusable, but its records are still checked, so that one run
        # lists every problem of the file.
        block = checked[0] if checked else {}
        ident = block.get("id", path.stem)
        section = block.get("section", "Executive summary")
        records = _BriefReader(reader, names)
        observation_ids = {o.id for o in records.observations(document, ident, section)}
        records.claims(document, ident, section, observation_ids)
        records.selections(document, ident, section)
        return None, reader.raw
    values, lines = checked
    if values["id"] != path.stem:
        reader.problem(
            lines["id"].line,
            "brief",
            "id",
            f"{shown(values['id'])} differs from the file name {shown(path.name)}",
            f"rename the file to {values['id']}.yaml or change the id",
        )
    brief = Brief(
        id=values["id"],
        title=values["title"],
        authors=values["authors"],
        publisher=values["publisher"],
        date=values["date"],
        series=values.get("series"),
        number=values.get("number"),
        url=values.get("url"),
        language=values.get("language", "en"),
        synthetic=values.get("synthetic", False),
        section=values.get("section", "Executive summary"),
        source=Source(reader.shown, lines["id"].line),
        field_sources=lines,
    )
    records = _BriefReader(reader, names)
    brief_file = BriefFile(path=path, brief=brief)
    brief_file.observations = records.observations(document, brief.id, brief.section)
    observation_ids = {o.id for o in brief_file.observations}
    brief_file.claims = records.claims(document, brief.id, brief.section, observation_ids)
    brief_file.selections = records.selections(document, brief.id, brief.section)
    return brief_file, reader.raw


def read_observations(
    path: Path, names: FactorIndex, problems: list[Problem] | None = None
) -> list[Observation]:
    """The observations of a brief file that pass the checks, whatever its brief block holds.

    For writers that add claims to a brief (``kg import``): a claim may
    only cite an observation the reader keeps. Problems go to ``problems``
    when given.
    """
    problems = [] if problems is None else problems
    reader = _FileReader(path, problems)
    document = reader.load()
    if not isinstance(document, LineDict):
        return []
    block = document.get("brief")
    ident = block.get("id") if isinstance(block, dict) else None
    section = block.get("section") if isinstance(block, dict) else None
    return _BriefReader(reader, names).observations(
        document,
        ident if isinstance(ident, str) else path.stem,
        section if isinstance(section, str) else "Executive summary",
    )


# ---------------------------------------------------------------- the folder


def _raw(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def input_digest(data_dir: str | os.PathLike, contents: Mapping[Path, bytes] | None = None) -> str:
    """SHA-256 over the bytes of every authoring file, to tell whether a build is current.

    ``contents`` gives the bytes of files already read, so that they are
    not read again.
    """
    data_dir = Path(data_dir)
    contents = contents or {}
    digest = hashlib.sha256()
    for path in [factors_path(data_dir), *brief_files(data_dir)]:
        raw = contents[path] if path in contents else _raw(path)
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()


def read_corpus(
    data_dir: str | os.PathLike, limits: ReadLimits | None = None
) -> tuple[Corpus, list[Problem]]:
    """Read every authoring file of ``data_dir``.

    Each file is read once; factor names are looked up in an index built
    once (:class:`~kg.names.FactorIndex`), so reading grows with the number
    of claims, not with claims times factors. :class:`CorpusReader` reads the
    same files brief by brief, for a build that keeps no brief's records.

    Parameters
    ----------
    data_dir : path
        A folder holding ``factors.yaml`` and ``briefs/<id>.yaml``.

    limits : ReadLimits, optional
        Bounds on each file's size, depth and aliases (default
        :func:`kg.io.limits.current_limits`); a file past them is a problem.

    Returns
    -------
    corpus : Corpus
        What could be read; records with problems are left out.
    problems : list of Problem
        Every problem found, with file, line and field.

    Raises
    ------
    DataNotFound
        The folder, its ``factors.yaml`` or its brief files are missing.
    """
    reader = CorpusReader(data_dir, limits)
    briefs = {brief_file.brief.id: brief_file for brief_file in reader.briefs()}
    return reader.corpus(briefs), reader.problems


class CorpusReader:
    """A data folder read brief by brief: the factors at once, then one brief file at a time.

    :meth:`briefs` yields each brief file that could be read, in file order,
    and forgets it: a caller that keeps only what it needs of each holds
    far less than the whole :class:`~kg.authoring.model.Corpus`. Problems
    gather in :attr:`problems` as the files are read; :attr:`digest` (that
    of :func:`input_digest`, from the bytes read) is known once every brief
    has been read.

    Raises
    ------
    DataNotFound
        The folder, its ``factors.yaml`` or its brief files are missing.

    >>> from kg.resources import shipped_data_dir
    >>> reader = CorpusReader(shipped_data_dir())
    >>> ids = [brief_file.brief.id for brief_file in reader.briefs()]
    >>> reader.problems, len(ids) == len(set(ids)), reader.digest == input_digest(shipped_data_dir())
    ([], True, True)
    """

    def __init__(self, data_dir: str | os.PathLike, limits: ReadLimits | None = None):
        self.data_dir = data_dir = Path(data_dir)
        if not data_dir.is_dir():
            raise DataNotFound(
                f"{data_dir} is not a folder",
                Phrase("give a folder of authoring files as {data_dir}"),
            )
        self.factors_path = factors_path(data_dir)
        if not (self.factors_path.exists() or self.factors_path.is_symlink()):
            raise DataNotFound(
                f"{display_path(self.factors_path)} is missing",
                Phrase(
                    "a data folder needs a {name} ({init_data_dir} starts one)", name=FACTORS_FILE
                ),
            )
        self.paths = brief_files(data_dir)
        if not self.paths:
            raise DataNotFound(
                f"{display_path(briefs_dir(data_dir))} holds no .yaml brief files",
                "add one (see data/README.md)",
            )
        self.limits = limits or current_limits()
        self.problems: list[Problem] = []
        partial: dict[str, FactorName] = {}
        self.factors, self.title, self.language, raw = read_factors(
            self.factors_path, self.problems, partial, limits=self.limits
        )
        # When factors.yaml could not be read as a whole, every name in the briefs would be
        # reported unknown: one problem per claim, all wrong advice. Names are then not checked.
        unusable = not self.factors and not partial and bool(self.problems)
        self._names = None if unusable else factor_index(self.factors, partial)
        # input_digest's hash, fed with each file's bytes in its order as they are read
        self._hash = hashlib.sha256()
        self._add_to_digest(self.factors_path, raw)
        self._digest: str | None = None

    def _add_to_digest(self, path: Path, raw: bytes) -> None:
        self._hash.update(path.relative_to(self.data_dir).as_posix().encode() + b"\0" + raw + b"\0")

    def briefs(self) -> Iterator[BriefFile]:
        """Each brief file that could be read, in file order; a repeated brief id is a problem."""
        seen: dict[str, str] = {}
        for path in self.paths:
            brief_file, raw = _read_brief_file(path, self._names, self.problems, limits=self.limits)
            self._add_to_digest(path, raw)
            if brief_file is None:
                continue
            if brief_file.brief.id in seen:
                self.problems.append(
                    Problem(
                        display_path(path),
                        brief_file.brief.source.line,
                        "brief",
                        "id",
                        f"repeats the id of {seen[brief_file.brief.id]}",
                        "give each brief its own id",
                    )
                )
                continue
            seen[brief_file.brief.id] = path.name
            yield brief_file
        self._digest = self._hash.hexdigest()

    @property
    def digest(self) -> str:
        """The digest of every authoring file (:func:`input_digest`), once :meth:`briefs` is done."""
        if self._digest is None:
            raise ValueError("the digest is known once every brief has been read")
        return self._digest

    def corpus(self, briefs: dict[str, BriefFile]) -> Corpus:
        """The :class:`~kg.authoring.model.Corpus` of the factors and ``briefs``, once read."""
        return Corpus(
            data_dir=self.data_dir,
            factors_path=self.factors_path,
            factors=self.factors,
            briefs=briefs,
            scheme_title=self.title,
            scheme_language=self.language,
            digest=self.digest,
        )
