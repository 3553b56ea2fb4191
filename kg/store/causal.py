"""The rows of the causal graph read from a dataset, and their cache in a store folder.

:func:`read_causal_rows` runs the same few linear SPARQL queries on every
backend (the Oxigraph store, a remote SPARQL server,
:class:`kg.store.remote.RemoteStore`, an rdflib dataset) and returns the
plain rows of :mod:`kg.store.rows`. A store keeps them in its
:data:`kg.store.layout.CACHE` folder under the dataset digest
(:func:`cache_file`, :func:`load`, :func:`save`), so that a command on an
unchanged store starts without the queries.

>>> from pathlib import Path
>>> cache_file(Path("store"), "d1") == cache_file(Path("store"), "d1") != cache_file(Path("store"), "d2")
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from kg import __version__
from kg.errors import KgError
from kg.io import atomic_write
from kg.store import layout
from kg.store.rows import CausalRows, ClaimRow, FactorRow, SelectionRow, TrendRow
from kg.vocab import PREFIXES, local_id

__all__ = ["read_causal_rows", "cache_file", "load", "save", "prune_cache"]

#: Version of the causal-rows cache files (part of their key).
_ROWS_CACHE_VERSION = 2


def cache_file(folder: Path, dataset_digest: str) -> Path:
    """The file that caches the rows of dataset ``dataset_digest`` in the store at ``folder``."""
    key = hashlib.sha256(f"{_ROWS_CACHE_VERSION} {__version__} {dataset_digest}".encode())
    return folder / layout.CACHE / f"rows-{key.hexdigest()[:32]}.json"


def load(path: Path) -> CausalRows | None:
    """The rows cached in ``path``; None when it is missing or unreadable."""
    try:
        return _rows_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(path: Path, rows: CausalRows) -> None:
    """Cache ``rows`` in ``path``; a cache that cannot be written is only slower next time."""
    try:
        # No fsync: a file torn by a power cut does not parse, and is only made again.
        atomic_write(path, _json_pieces(rows), force=True, durable=False)
    except KgError:
        pass


def prune_cache(folder: Path, keep: Path | None) -> None:
    """Remove the cached rows of the store at ``folder`` but ``keep``."""
    for old in (folder / layout.CACHE).glob("rows-*.json"):
        if old != keep:
            old.unlink(missing_ok=True)


_FACTORS_QUERY = """
SELECT ?factor ?label ?group WHERE {
  ?factor a ck:Factor .
  OPTIONAL { ?factor skos:prefLabel ?label }
  OPTIONAL { ?factor ck:group ?group }
}
"""

_GROUP_LABELS_QUERY = """
SELECT ?g ?label WHERE { ?g a ck:FactorGroup ; rdfs:label ?label }
"""

_ALT_LABELS_QUERY = """
SELECT ?factor ?alt WHERE { ?factor a ck:Factor ; skos:altLabel ?alt }
"""

_BRIEFS_QUERY = """
SELECT ?brief ?id WHERE { ?brief a ck:Brief ; dcterms:identifier ?id }
"""

_BRIEF_NODES_QUERY = """
SELECT DISTINCT ?brief WHERE { ?brief a ck:Brief }
"""

_CLAIMS_QUERY = """
SELECT ?claim ?cause ?effect ?sign ?modality ?confidence ?brief ?locator ?paraphrase ?scope
       ?reading ?condition
WHERE {
  ?claim a ck:CausalClaim ; ck:cause ?cause ; ck:effect ?effect ; ck:sign ?sign ;
         ck:modality ?modality ; ck:confidence ?confidence ; ck:statedIn ?brief ;
         ck:locator ?locator ; ck:paraphrase ?paraphrase .
  OPTIONAL { ?claim ck:timeScope ?scope }
  OPTIONAL { ?claim ck:reading ?reading }
  OPTIONAL { ?claim ck:condition ?condition }
}
"""

_EXACT_MATCH_QUERY = """
SELECT ?a ?b WHERE { ?a skos:exactMatch ?b }
"""

_SELECTIONS_QUERY = """
SELECT ?finding ?brief ?population ?trait ?compared ?direction ?modality ?confidence ?reading
       ?locator ?paraphrase
WHERE {
  ?finding a ck:SelectionFinding ; ck:population ?population ; ck:trait ?trait ;
           ck:comparedWith ?compared ; ck:direction ?direction ; ck:modality ?modality ;
           ck:confidence ?confidence ; ck:statedIn ?brief ; ck:locator ?locator ;
           ck:paraphrase ?paraphrase .
  OPTIONAL { ?finding ck:reading ?reading }
}
"""

_TRENDS_QUERY = """
SELECT ?observation ?brief ?factor ?trend ?locator ?paraphrase ?scope ?start ?end
WHERE {
  ?observation a ck:Observation ; ck:trend ?trend ; ck:trendOf ?factor ; ck:statedIn ?brief ;
               ck:locator ?locator ; ck:paraphrase ?paraphrase .
  OPTIONAL { ?observation ck:timeScope ?scope }
  OPTIONAL { ?observation ck:startYear ?start }
  OPTIONAL { ?observation ck:endYear ?end }
}
"""


def _year(term: Any) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def read_causal_rows(select: Callable[[str], Iterable[Any]]) -> CausalRows:
    """The rows of the causal graph, read with ``select`` (a query's text -> its solutions).

    The same few linear queries for every backend: this store, a remote
    SPARQL server (:class:`kg.store.remote.RemoteStore`).
    """
    from kg.vocab import TERM_WORDS

    words = {str(term): word for term, word in TERM_WORDS.items()}
    factors = _factor_rows(select, words)
    known = {f.iri for f in factors}
    brief_ids = {row["brief"].value: row["id"].value for row in select(_BRIEFS_QUERY)}
    matches = sorted(
        {
            (row["a"].value, row["b"].value)
            for row in select(_EXACT_MATCH_QUERY)
            if row["a"].value in known and row["b"].value in known
        }
    )
    briefs = sorted({local_id(row["brief"].value) for row in select(_BRIEF_NODES_QUERY)})
    return CausalRows(
        tuple(factors),
        tuple(_claim_rows(select, words, brief_ids)),
        tuple(matches),
        tuple(briefs),
        tuple(_selection_rows(select, words, brief_ids)),
        tuple(_trend_rows(select, words, brief_ids)),
    )


def _value(term: Any) -> str | None:
    """The value of an optional binding (None when unbound)."""
    return term.value if term is not None else None


def _reading(term: Any, words: dict[str, str]) -> str:
    return words.get(term.value, "stated") if term is not None else "stated"


def _factor_rows(select: Callable[[str], Iterable[Any]], words: dict[str, str]) -> list[FactorRow]:
    """One row per factor and preferred label, sorted, with its group's word and alt labels."""
    labels: dict[str, list[str]] = {}
    group_of: dict[str, str | None] = {}
    for row in select(_FACTORS_QUERY):
        iri = row["factor"].value
        labels.setdefault(iri, [])
        if row["label"] is not None:
            labels[iri].append(row["label"].value)
        group_of[iri] = _value(row["group"])
    group_labels = {row["g"].value: row["label"].value for row in select(_GROUP_LABELS_QUERY)}
    alts: dict[str, list[str]] = {}
    for row in select(_ALT_LABELS_QUERY):
        alts.setdefault(row["factor"].value, []).append(row["alt"].value)
    factors = []
    for iri in sorted(labels):
        group = group_of[iri]
        group_word = (
            "" if group is None else group_labels.get(group) or words.get(group, local_id(group))
        )
        alt_labels = tuple(sorted(set(alts.get(iri, ()))))
        for label in sorted(labels[iri]):
            factors.append(FactorRow(iri, label, group_word, alt_labels))
    return factors


def _claim_rows(
    select: Callable[[str], Iterable[Any]], words: dict[str, str], brief_ids: dict[str, str]
) -> list[ClaimRow]:
    """The causal claims of the briefs in ``brief_ids``, sorted."""
    signs = {PREFIXES["ck"] + "Increase": 1, PREFIXES["ck"] + "Decrease": -1}
    claims = [
        ClaimRow(
            claim=row["claim"].value,
            cause=row["cause"].value,
            effect=row["effect"].value,
            sign=signs.get(row["sign"].value, 0),
            modality=words.get(row["modality"].value, row["modality"].value),
            confidence=float(row["confidence"].value),
            brief=brief_ids[row["brief"].value],
            locator=row["locator"].value,
            paraphrase=row["paraphrase"].value,
            time_scope=_value(row["scope"]),
            reading=_reading(row["reading"], words),
            condition=_value(row["condition"]),
        )
        for row in select(_CLAIMS_QUERY)
        if row["brief"].value in brief_ids
    ]
    claims.sort(key=lambda c: (c.claim, c.cause, c.effect, c.brief))
    return claims


def _selection_rows(
    select: Callable[[str], Iterable[Any]], words: dict[str, str], brief_ids: dict[str, str]
) -> list[SelectionRow]:
    """The selection findings of the briefs in ``brief_ids``, sorted."""
    selections = [
        SelectionRow(
            finding=row["finding"].value,
            brief=brief_ids[row["brief"].value],
            population=row["population"].value,
            trait=row["trait"].value,
            compared_with=row["compared"].value,
            direction=words.get(row["direction"].value, row["direction"].value),
            modality=words.get(row["modality"].value, row["modality"].value),
            confidence=float(row["confidence"].value),
            reading=_reading(row["reading"], words),
            locator=row["locator"].value,
            paraphrase=row["paraphrase"].value,
        )
        for row in select(_SELECTIONS_QUERY)
        if row["brief"].value in brief_ids
    ]
    selections.sort(key=lambda s: s.finding)
    return selections


def _trend_rows(
    select: Callable[[str], Iterable[Any]], words: dict[str, str], brief_ids: dict[str, str]
) -> list[TrendRow]:
    """The trend observations of the briefs in ``brief_ids``, sorted."""
    trends = [
        TrendRow(
            observation=row["observation"].value,
            brief=brief_ids[row["brief"].value],
            factor=row["factor"].value,
            trend=words.get(row["trend"].value, row["trend"].value),
            locator=row["locator"].value,
            paraphrase=row["paraphrase"].value,
            time_scope=_value(row["scope"]),
            start_year=_year(row["start"]),
            end_year=_year(row["end"]),
        )
        for row in select(_TRENDS_QUERY)
        if row["brief"].value in brief_ids
    ]
    trends.sort(key=lambda t: t.observation)
    return trends


def _fields_of(row_type: type) -> Callable[[Any], tuple]:
    # the fields in order, as dataclasses.astuple gives them, without its deep copy of each
    return attrgetter(*(f.name for f in fields(row_type)))


_CLAIM_FIELDS = _fields_of(ClaimRow)
_SELECTION_FIELDS = _fields_of(SelectionRow)
_TREND_FIELDS = _fields_of(TrendRow)


def _sections(rows: CausalRows) -> list[tuple[str, Sequence[Any], Callable[[Any], Any]]]:
    """Each section of the cache file: its key, its rows, and a row as JSON's list."""
    return [
        ("factors", rows.factors, lambda f: [f.iri, f.label, f.group, list(f.alt_labels)]),
        ("claims", rows.claims, lambda c: list(_CLAIM_FIELDS(c))),
        ("exact_matches", rows.exact_matches, list),
        ("briefs", rows.briefs, lambda b: b),
        ("selections", rows.selections, lambda s: list(_SELECTION_FIELDS(s))),
        ("trends", rows.trends, lambda t: list(_TREND_FIELDS(t))),
    ]


def _rows_to_json(rows: CausalRows) -> dict[str, Any]:
    return {key: [row_json(r) for r in items] for key, items, row_json in _sections(rows)}


#: Rows turned into JSON at once when the cache file is written.
_CHUNK = 10_000


def _json_pieces(rows: CausalRows) -> Iterator[bytes]:
    """The bytes of ``json.dumps(_rows_to_json(rows))``, made a few thousand rows at a time.

    At 100,000 briefs the text is about 600 MB: made whole, it and its
    encoded copy and the lists it is made from would sit in memory at once
    beside the rows, at the build's peak.
    """
    yield b"{"
    for n, (key, items, row_json) in enumerate(_sections(rows)):
        yield (", " if n else "").encode() + json.dumps(key).encode() + b": ["
        for start in range(0, len(items), _CHUNK):
            chunk = json.dumps([row_json(r) for r in items[start : start + _CHUNK]])
            # the chunk's list without its brackets, joined as one list's items are
            yield (", " if start else "").encode() + chunk[1:-1].encode()
        yield b"]"
    yield b"}"


def _rows_from_json(data: dict[str, Any]) -> CausalRows:
    return CausalRows(
        factors=tuple(FactorRow(i, label, g, tuple(alts)) for i, label, g, alts in data["factors"]),
        claims=tuple(ClaimRow(*row) for row in data["claims"]),
        exact_matches=tuple((a, b) for a, b in data["exact_matches"]),
        briefs=tuple(data["briefs"]),
        selections=tuple(SelectionRow(*row) for row in data["selections"]),
        trends=tuple(TrendRow(*row) for row in data["trends"]),
    )
