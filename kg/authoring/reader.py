"""Read and check the analyst's YAML files.

:func:`read_corpus` reads a data folder (``factors.yaml`` and
``briefs/*.yaml``) and returns the :class:`~kg.authoring.model.Corpus` together
with every problem found, each with its file, line and field. Reading never
stops at the first problem, so one run lists everything to fix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import process
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from kg.authoring.model import (
    Brief,
    BriefFile,
    Claim,
    Corpus,
    Factor,
    Observation,
    Source,
)
from kg.errors import AmbiguousFactor, DataNotFound, UnknownFactor
from kg.io import display_path
from kg.names import FactorName, resolve_factor
from kg.problems import Problem
from kg.vocab import GROUPS, MODALITIES, SIGNS, factor_iri

__all__ = ["read_corpus", "input_digest", "brief_files"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
URL = re.compile(r"^https?://\S+$")


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves dates as text, so kg can check them with a line."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


# ---------------------------------------------------------------- field rules


@dataclass(frozen=True)
class _Field:
    name: str
    parse: Callable[[Any], Any]  # returns the value or raises ValueError(message; hint)
    required: bool = False
    hint: str = ""


class _Bad(ValueError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def _text(min_length: int = 1) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not isinstance(value, str) or isinstance(value, bool):
            raise _Bad(f"expected text, got {_describe(value)}", "write it as plain text")
        text = " ".join(value.split())
        if len(text) < min_length:
            raise _Bad(
                "is empty" if not text else f"is too short ({len(text)} characters)",
                f"write at least {min_length} characters",
            )
        return text

    return parse


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise _Bad(
            f"{value!r} is not a valid id",
            "use lower-case letters, digits and single hyphens, e.g. rising-coastal-costs",
        )
    return value


def _choice(allowed: Iterable[str]) -> Callable[[Any], str]:
    allowed = tuple(allowed)

    def parse(value: Any) -> str:
        if isinstance(value, str) and " ".join(value.split()).casefold() in allowed:
            return " ".join(value.split()).casefold()
        raise _Bad(f"{value!r} is not allowed", "use one of: " + ", ".join(allowed))

    return parse


def _integer(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Bad(f"{value!r} is not a whole number from {low} to {high}", "")
        return int(value)

    return parse


def _confidence(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _Bad(f"{value!r} is not a number from 0 to 1", "e.g. confidence: 0.8")
    return round(float(value), 3)


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _Bad(f"{value!r} is not a date", "write it as YYYY-MM-DD, e.g. 2018-06-13") from None


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"{value!r} is not true or false", "write true or false")
    return value


def _url(value: Any) -> str:
    if not isinstance(value, str) or not URL.match(value):
        raise _Bad(f"{value!r} is not a web address", "write a full http:// or https:// address")
    return value


def _match_target(value: Any) -> str:
    """A factor id of this scheme (an internal link) or an outside http(s) IRI."""
    if isinstance(value, str) and (SLUG.match(value) or URL.match(value)):
        return value
    raise _Bad(
        f"{value!r} is neither a factor id nor a web address",
        "write the id of a factor in this file, or a full http(s):// IRI the analyst supplies",
    )


def _language(value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE.match(value):
        raise _Bad(f"{value!r} is not a language tag", "use a BCP 47 tag such as en or zh-Hans")
    return value


def _string_or_number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _Bad(f"expected text, got {_describe(value)}", 'quote it, e.g. number: "1360"')
    return str(value)


def _list_of(item: Callable[[Any], Any]) -> Callable[[Any], tuple]:
    def parse(value: Any) -> tuple:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            raise _Bad(f"expected a list, got {_describe(value)}", "write [first, second]")
        return tuple(item(v) for v in values)

    return parse


def _non_empty(parse: Callable[[Any], tuple]) -> Callable[[Any], tuple]:
    def check(value: Any) -> tuple:
        items = parse(value)
        if not items:
            raise _Bad("is an empty list", "name at least one")
        return items

    return check


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


_SIGN_HINT = "set sign: increases or sign: decreases"
FACTOR_FIELDS = (
    _Field("id", _slug, True),
    _Field("label", _text(), True),
    _Field("alt_labels", _list_of(_text())),
    _Field("definition", _text(10), True),
    _Field("group", _choice(GROUPS), True),
    _Field("exact_match", _list_of(_match_target)),
    _Field("close_match", _list_of(_match_target)),
    _Field("review", _boolean),
    _Field("distinct_from", _list_of(_slug)),
)
BRIEF_FIELDS = (
    _Field("id", _slug, True),
    _Field("title", _text(), True),
    _Field("authors", _list_of(_text()), True),
    _Field("publisher", _text(), True),
    _Field("date", _date, True),
    _Field("series", _text()),
    _Field("number", _string_or_number),
    _Field("url", _url),
    _Field("language", _language, True, "add `language: en` (the paraphrases' language)"),
    _Field("synthetic", _boolean, True, "add `synthetic: false` for a real publication"),
    _Field("section", _text(), True, "add e.g. `section: Executive summary`"),
)
OBSERVATION_FIELDS = (
    _Field("id", _slug, True),
    _Field("point", _integer(1, 10_000)),
    _Field("locator", _text()),
    _Field("paraphrase", _text(10), True),
    _Field("concerns", _non_empty(_list_of(_text())), True, "list the factors it concerns"),
)
CLAIM_FIELDS = (
    _Field("id", _slug, True),
    _Field("point", _integer(1, 10_000)),
    _Field("locator", _text()),
    _Field("cause", _text(), True, "name a factor of factors.yaml by id or label"),
    _Field("effect", _text(), True, "name a factor of factors.yaml by id or label"),
    _Field("sign", _choice(SIGNS), True, _SIGN_HINT),
    _Field("modality", _choice(MODALITIES), True, "use one of: " + ", ".join(MODALITIES)),
    _Field("confidence", _confidence, True, "e.g. confidence: 0.8"),
    _Field("paraphrase", _text(10), True, "restate the claim in your own words"),
    _Field("time_scope", _text()),
    _Field("start_year", _integer(1000, 2999)),
    _Field("end_year", _integer(1000, 2999)),
    _Field("evidence", _list_of(_text())),
    _Field("supported_by", _list_of(_slug)),
    _Field("attributed_to", _text()),
)


# ---------------------------------------------------------------- file reading


class _FileReader:
    """Reads one YAML file and collects its problems."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.shown = display_path(path)
        self.problems = problems

    def problem(self, line: int, record: str, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.shown, line, record, field, message, hint))

    def load(self) -> tuple[Any, bytes] | None:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            self.problem(
                0, "", "", f"cannot be read ({exc.strerror})", "check the file's permissions"
            )
            return None
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
        if not text.strip() or all(
            not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
        ):
            self.problem(1, "", "", "is empty", "fill it in; see data/README.md for the format")
            return None
        try:
            return _yaml().load(text), raw
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 1
            what = exc.problem or exc.context or "invalid YAML"
            self.problem(
                line, "", "", f"is not valid YAML: {what}", "check indentation, colons and brackets"
            )
        except (YAMLError, ValueError) as exc:
            self.problem(1, "", "", f"is not valid YAML: {exc}", "check the file's syntax")
        return None

    def record(
        self,
        mapping: Any,
        fields: tuple[_Field, ...],
        record: str,
        line: int,
    ) -> tuple[dict[str, Any], dict[str, Source]] | None:
        """Check one mapping against its field rules; return values and field lines."""
        if not isinstance(mapping, dict):
            self.problem(
                line,
                record,
                "",
                f"expected a mapping of fields, got {_describe(mapping)}",
                "write one `field: value` per line",
            )
            return None
        known = {f.name for f in fields}
        values: dict[str, Any] = {}
        lines: dict[str, Source] = {}
        for key in mapping:
            key_line = mapping.lc.key(key)[0] + 1 if hasattr(mapping, "lc") else line
            if key not in known:
                best = process.extractOne(str(key), sorted(known), score_cutoff=70)
                hint = (
                    f"did you mean {best[0]!r}?" if best else "allowed: " + ", ".join(sorted(known))
                )
                self.problem(key_line, record, str(key), "is not a known field", hint)
                continue
            lines[key] = Source(self.shown, key_line)
        for f in fields:
            if f.name not in mapping or mapping[f.name] is None:
                if f.required:
                    self.problem(line, record, f.name, "is missing", f.hint or f"add `{f.name}:`")
                continue
            try:
                values[f.name] = f.parse(mapping[f.name])
            except _Bad as bad:
                self.problem(lines[f.name].line, record, f.name, bad.message, bad.hint or f.hint)
        return values, lines

    def items(self, document: Any, key: str, required: bool) -> list[tuple[Any, int]]:
        """The entries of the top-level list ``key`` with their lines."""
        if key not in document or document[key] is None:
            if required:
                self.problem(1, "", key, "is missing", f"add a `{key}:` list")
            return []
        seq = document[key]
        key_line = document.lc.key(key)[0] + 1
        if not isinstance(seq, list):
            self.problem(
                key_line,
                "",
                key,
                f"expected a list, got {_describe(seq)}",
                "start each entry with `- `",
            )
            return []
        return [(item, seq.lc.item(i)[0] + 1) for i, item in enumerate(seq)]


def _locator(values: dict[str, Any], section: str) -> str | None:
    if "locator" in values:
        return values["locator"]
    if "point" in values:
        return f"{section}, point {values['point']}"
    return None


# ---------------------------------------------------------------- factors


def _read_factors(
    path: Path, problems: list[Problem], partial: dict[str, FactorName] | None = None
) -> tuple[dict[str, Factor], str, str, bytes]:
    """Read factors.yaml; factors with problems are left out of the result.

    ``partial``, when given, receives the names of factors whose id and label
    are valid although another field is not, so that briefs naming them are
    not told the factor is unknown (which would be wrong advice).
    """
    reader = _FileReader(path, problems)
    loaded = reader.load()
    if loaded is None:
        return {}, "Shared factors", "en", b""
    document, raw = loaded
    if not isinstance(document, dict):
        reader.problem(
            1, "", "", "expected `scheme:` and `factors:` at the top level", "see data/README.md"
        )
        return {}, "Shared factors", "en", raw
    for key in document:
        if key not in ("scheme", "factors"):
            reader.problem(
                document.lc.key(key)[0] + 1,
                "",
                str(key),
                "is not a known section",
                "the file has `scheme:` and `factors:`",
            )
    title, language = "Shared factors", "en"
    if isinstance(document.get("scheme"), dict):
        scheme = document["scheme"]
        checked = reader.record(
            scheme,
            (_Field("title", _text()), _Field("language", _language)),
            "scheme",
            document.lc.key("scheme")[0] + 1,
        )
        if checked:
            title = checked[0].get("title", title)
            language = checked[0].get("language", language)
    factors: dict[str, Factor] = {}
    names: dict[str, tuple[str, int]] = {}
    for item, line in reader.items(document, "factors", required=True):
        ident = item.get("id") if isinstance(item, dict) else None
        record = f"factor {ident!r}" if isinstance(ident, str) else "factor"
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
        # The id counts as a name too: kg resolves factors by id, label or alternative label.
        for field_name, name in [("id", values["id"]), ("label", values["label"])] + [
            ("alt_labels", alt) for alt in values.get("alt_labels", ())
        ]:
            key = " ".join(name.casefold().replace("-", " ").split())
            if key in names and names[key][0] != values["id"]:
                other, other_line = names[key]
                reader.problem(
                    lines[field_name].line,
                    record,
                    field_name,
                    f"{name!r} already names factor {other!r} (line {other_line})",
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
    return factors, title, language, raw


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
                    reader.problem(line, record, field_name, f"{target!r} is not a factor id", hint)


# ---------------------------------------------------------------- briefs


def _read_brief_file(
    path: Path, factor_names: list[FactorName], problems: list[Problem]
) -> tuple[BriefFile | None, bytes]:
    reader = _FileReader(path, problems)
    loaded = reader.load()
    if loaded is None:
        return None, b""
    document, raw = loaded
    if not isinstance(document, dict):
        reader.problem(
            1,
            "",
            "",
            "expected `brief:`, `observations:` and `claims:` at the top level",
            "see data/README.md",
        )
        return None, raw
    for key in document:
        if key not in ("brief", "observations", "claims"):
            reader.problem(
                document.lc.key(key)[0] + 1,
                "",
                str(key),
                "is not a known section",
                "the file has `brief:`, `observations:` and `claims:`",
            )
    if "brief" not in document:
        reader.problem(
            1, "", "brief", "is missing", "add a `brief:` block with id, title, authors ..."
        )
        return None, raw
    checked = reader.record(
        document["brief"], BRIEF_FIELDS, "brief", document.lc.key("brief")[0] + 1
    )
    if checked is None or not all(f.name in checked[0] for f in BRIEF_FIELDS if f.required):
        return None, raw
    values, lines = checked
    if values["id"] != path.stem:
        reader.problem(
            lines["id"].line,
            "brief",
            "id",
            f"{values['id']!r} differs from the file name {path.name!r}",
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
    brief_file = BriefFile(path=path, brief=brief)

    def factor_id(name: str, record: str, field_name: str, line: int) -> str | None:
        try:
            return resolve_factor(name, factor_names).id
        except UnknownFactor as exc:
            hint = (
                "did you mean " + ", ".join(repr(s) for s in exc.suggestions) + "? "
                if exc.suggestions
                else ""
            )
            reader.problem(
                line,
                record,
                field_name,
                f"{name!r} is not a known factor",
                hint + "or add it to factors.yaml",
            )
        except AmbiguousFactor as exc:
            reader.problem(
                line,
                record,
                field_name,
                f"{name!r} names several factors",
                "use one of the ids: " + ", ".join(exc.candidates),
            )
        return None

    seen: dict[str, int] = {}
    for item, line in reader.items(document, "observations", required=False):
        ident = item.get("id") if isinstance(item, dict) else None
        record = f"observation {ident!r}" if isinstance(ident, str) else "observation"
        checked = reader.record(item, OBSERVATION_FIELDS, record, line)
        if checked is None:
            continue
        values, lines = checked
        if "id" not in values or "paraphrase" not in values:
            continue
        if not _unique(reader, seen, values["id"], record, line):
            continue
        locator = _locator(values, brief.section)
        if locator is None:
            reader.problem(line, record, "point", "is missing", "add `point: N` or a `locator:`")
            continue
        concerns = [
            factor_id(n, record, "concerns", lines["concerns"].line)
            for n in values.get("concerns", ())
        ]
        brief_file.observations.append(
            Observation(
                id=values["id"],
                brief_id=brief.id,
                locator=locator,
                paraphrase=values["paraphrase"],
                point=values.get("point"),
                concerns=tuple(c for c in concerns if c),
                source=Source(reader.shown, line),
                field_sources=lines,
            )
        )
    observation_ids = {o.id for o in brief_file.observations}

    for item, line in reader.items(document, "claims", required=True):
        ident = item.get("id") if isinstance(item, dict) else None
        record = f"claim {ident!r}" if isinstance(ident, str) else "claim"
        checked = reader.record(item, CLAIM_FIELDS, record, line)
        if checked is None:
            continue
        values, lines = checked
        ok = all(f.name in values for f in CLAIM_FIELDS if f.required)
        if "id" in values and not _unique(reader, seen, values["id"], record, line):
            continue
        cause = (
            factor_id(values["cause"], record, "cause", lines["cause"].line)
            if "cause" in values
            else None
        )
        effect = (
            factor_id(values["effect"], record, "effect", lines["effect"].line)
            if "effect" in values
            else None
        )
        locator = _locator(values, brief.section)
        if locator is None:
            reader.problem(line, record, "point", "is missing", "add `point: N` or a `locator:`")
        if cause and effect and cause == effect:
            reader.problem(
                lines["effect"].line,
                record,
                "effect",
                "is the same factor as the cause",
                "a claim links two different factors",
            )
            ok = False
        for obs in values.get("supported_by", ()):
            if obs not in observation_ids:
                reader.problem(
                    lines["supported_by"].line,
                    record,
                    "supported_by",
                    f"{obs!r} is not an observation of this brief",
                    "list ids from the `observations:` section",
                )
                ok = False
        start, end = values.get("start_year"), values.get("end_year")
        if start is not None and end is not None and start > end:
            reader.problem(
                lines["end_year"].line,
                record,
                "end_year",
                f"{end} comes before start_year {start}",
                "swap or correct the years",
            )
            ok = False
        for year_field in ("start_year", "end_year"):
            if year_field in values and "time_scope" not in values:
                reader.problem(
                    lines[year_field].line,
                    record,
                    year_field,
                    "is given without a time_scope",
                    "add `time_scope:` saying in words the period the claim covers",
                )
                ok = False
        if values.get("modality") == "reported" and "attributed_to" not in values:
            reader.problem(
                lines["modality"].line,
                record,
                "attributed_to",
                "is missing for a reported claim",
                "add `attributed_to:` naming whose view the brief reports",
            )
            ok = False
        if not (ok and cause and effect and locator):
            continue
        brief_file.claims.append(
            Claim(
                id=values["id"],
                brief_id=brief.id,
                cause=cause,
                effect=effect,
                sign=values["sign"],
                modality=values["modality"],
                confidence=values["confidence"],
                paraphrase=values["paraphrase"],
                locator=locator,
                point=values.get("point"),
                time_scope=values.get("time_scope"),
                start_year=start,
                end_year=end,
                evidence=values.get("evidence", ()),
                supported_by=values.get("supported_by", ()),
                attributed_to=values.get("attributed_to"),
                source=Source(reader.shown, line),
                field_sources=lines,
            )
        )
    return brief_file, raw


def _unique(reader: _FileReader, seen: dict[str, int], ident: str, record: str, line: int) -> bool:
    if ident in seen:
        reader.problem(
            line,
            record,
            "id",
            f"repeats the id used at line {seen[ident]}",
            "give each claim and observation of a brief its own id",
        )
        return False
    seen[ident] = line
    return True


# ---------------------------------------------------------------- the folder


def brief_files(data_dir: Path) -> list[Path]:
    """The brief files of a data folder, sorted by name."""
    folder = Path(data_dir) / "briefs"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def input_digest(data_dir: str | os.PathLike) -> str:
    """SHA-256 over the bytes of every authoring file, to tell whether a build is current."""
    data_dir = Path(data_dir)
    digest = hashlib.sha256()
    for path in [data_dir / "factors.yaml", *brief_files(data_dir)]:
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b""
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()


def read_corpus(data_dir: str | os.PathLike) -> tuple[Corpus, list[Problem]]:
    """Read every authoring file of ``data_dir``.

    Parameters
    ----------
    data_dir : path
        A folder holding ``factors.yaml`` and ``briefs/<id>.yaml``.

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
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataNotFound(
            f"{data_dir} is not a folder; pass --data with a folder of authoring files"
        )
    factors_path = data_dir / "factors.yaml"
    if not factors_path.is_file():
        raise DataNotFound(
            f"{display_path(factors_path)} is missing; a data folder needs a factors.yaml"
        )
    paths = brief_files(data_dir)
    if not paths:
        raise DataNotFound(
            f"{display_path(data_dir / 'briefs')} holds no .yaml brief files; add one (see data/README.md)"
        )
    problems: list[Problem] = []
    partial: dict[str, FactorName] = {}
    factors, title, language, _raw = _read_factors(factors_path, problems, partial)
    names = [FactorName(str(factor_iri(f.id)), f.label, f.alt_labels) for f in factors.values()]
    names += [name for ident, name in partial.items() if ident not in factors]
    briefs: dict[str, BriefFile] = {}
    for path in paths:
        brief_file, _raw = _read_brief_file(path, names, problems)
        if brief_file is None:
            continue
        if brief_file.brief.id in briefs:
            other = briefs[brief_file.brief.id].path.name
            problems.append(
                Problem(
                    display_path(path),
                    brief_file.brief.source.line,
                    "brief",
                    "id",
                    f"repeats the id of {other}",
                    "give each brief its own id",
                )
            )
            continue
        briefs[brief_file.brief.id] = brief_file
    corpus = Corpus(
        data_dir=data_dir,
        factors_path=factors_path,
        factors=factors,
        briefs=briefs,
        scheme_title=title,
        scheme_language=language,
        digest=input_digest(data_dir),
    )
    return corpus, problems
