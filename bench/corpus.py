"""A synthetic corpus of briefs for the benchmark, written as an analyst would have it.

:func:`write_corpus` writes ``factors.yaml`` and ``briefs/<id>.yaml`` in the
format of ``data/README.md``. Each brief has about 20 claims whose causes and
effects are drawn from one shared pool of about ``5 * B**0.8`` factors with
Zipf weights (a few factors are everywhere, most are rare), so briefs overlap
as real ones on one topic do. Signs, modalities (a ``reported`` claim names
whom it reports), confidences in the ranges the guide gives, time scopes and
observations are mixed in. The same ``briefs`` and ``seed`` always give the
same files, byte for byte.

Usage: python bench/corpus.py FOLDER BRIEFS [--seed N]

>>> import tempfile
>>> folder = write_corpus(tempfile.mkdtemp(), 3)
>>> sorted(p.name for p in (folder / "briefs").iterdir())
['bench-00001.yaml', 'bench-00002.yaml', 'bench-00003.yaml']
"""

from __future__ import annotations

import argparse
import json
import os
import random
from itertools import accumulate
from pathlib import Path

__all__ = ["factor_pool_size", "write_corpus", "CLAIMS_PER_BRIEF"]

#: Mean number of claims per brief (each brief has this many, give or take two).
CLAIMS_PER_BRIEF = 20

_GROUPS = ("economic", "demographic", "social policy", "social", "spatial", "political", "outcome")
_MODALITIES = (("asserted", 0.45), ("hedged", 0.3), ("conditional", 0.15), ("reported", 0.1))
_CONFIDENCE = {
    "asserted": (0.8, 0.9),
    "hedged": (0.55, 0.7),
    "conditional": (0.5, 0.5),
    "reported": (0.5, 0.5),
}
_NOUNS = (
    "wages", "rents", "exports", "credit", "enrolment", "migration", "housing", "tariffs",
    "investment", "schooling", "pensions", "subsidies", "tourism", "logistics", "farming",
    "savings", "startups", "clinics", "transit", "energy",
)  # fmt: skip
_QUALIFIERS = (
    "regional", "urban", "rural", "coastal", "inland", "household", "public", "private",
    "informal", "export-led", "local", "national",
)  # fmt: skip


def factor_pool_size(briefs: int) -> int:
    """How many factors a corpus of ``briefs`` briefs shares: about ``5 * briefs**0.8``.

    >>> factor_pool_size(1), factor_pool_size(100), factor_pool_size(10_000)
    (10, 199, 7924)
    """
    return max(10, round(5 * briefs**0.8))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _factor_label(n: int) -> str:
    noun = _NOUNS[n % len(_NOUNS)]
    qualifier = _QUALIFIERS[(n // len(_NOUNS)) % len(_QUALIFIERS)]
    return f"{qualifier.capitalize()} {noun} {n}"


def _factors_yaml(count: int, rng: random.Random) -> str:
    lines = [
        "# Synthetic factors for the benchmark (bench/corpus.py); not real data.",
        "scheme:",
        "  title: Benchmark factors",
        "  language: en",
        "factors:",
    ]
    for n in range(1, count + 1):
        label = _factor_label(n)
        lines += [
            f"  - id: f-{n:05d}",
            f"    label: {_q(label)}",
        ]
        if rng.random() < 0.5:
            lines.append(f"    alt_labels: [{_q(f'level of {label.lower()}')}]")
        lines += [
            f"    definition: {_q(f'How much {label.lower()} there is. More means a higher level.')}",
            f"    group: {_q(rng.choice(_GROUPS))}",
        ]
    return "\n".join(lines) + "\n"


def _brief_yaml(number: int, factors: int, cum_weights: list[float], rng: random.Random) -> str:
    brief_id = f"bench-{number:05d}"
    year = 2000 + number % 24
    lines = [
        "# A synthetic brief for the benchmark (bench/corpus.py); not a real publication.",
        "brief:",
        f"  id: {brief_id}",
        f"  title: {_q(f'Benchmark brief {number}')}",
        f"  authors: [{_q(f'Analyst {number % 97}')}]",
        "  series: Benchmark Briefs",
        f'  number: "{number}"',
        "  publisher: Benchmark Institute",
        f"  date: {year}-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "  language: en",
        "  synthetic: true",
        "  section: Summary",
        "",
    ]

    def draw() -> int:
        return rng.choices(range(1, factors + 1), cum_weights=cum_weights)[0]

    n_claims = CLAIMS_PER_BRIEF + rng.randint(-2, 2)
    n_observations = rng.randint(1, 4)
    observations = []
    lines.append("observations:")
    for k in range(1, n_observations + 1):
        concerns = sorted({draw() for _ in range(rng.randint(1, 2))})
        observations.append(f"obs-{k}")
        lines += [
            f"  - id: obs-{k}",
            f"    point: {k}",
            f"    paraphrase: {_q(f'Observed trend {k} of brief {number}.')}",
            f"    concerns: [{', '.join(f'f-{c:05d}' for c in concerns)}]",
        ]
    lines += ["", "claims:"]
    modalities, weights = zip(*_MODALITIES, strict=True)
    for k in range(1, n_claims + 1):
        cause = draw()
        effect = draw()
        while effect == cause:
            effect = draw()
        sign = "increases" if rng.random() < 0.7 else "decreases"
        modality = rng.choices(modalities, weights=weights)[0]
        low, high = _CONFIDENCE[modality]
        confidence = round(rng.uniform(low, high), 2)
        point = 1 + (k - 1) * 10 // n_claims
        lines += [
            f"  - id: claim-{k:03d}",
            f"    point: {point}",
            f"    cause: f-{cause:05d}",
            f"    effect: f-{effect:05d}",
            f"    sign: {sign}",
            f"    modality: {modality}",
            f"    confidence: {confidence}",
        ]
        if rng.random() < 0.2:
            start = 1990 + rng.randint(0, 25)
            lines += [
                f"    time_scope: {_q(f'since {start}')}",
                f"    start_year: {start}",
            ]
        lines.append(
            f"    paraphrase: {_q(f'In brief {number}, more of factor {cause} {sign} factor {effect}.')}"
        )
        if modality == "reported":
            lines.append(f"    attributed_to: {_q(f'Commentator {k % 7}')}")
        if modality == "conditional":
            lines.append(f"    condition: {_q(f'when condition {k % 5} holds')}")
        # No draw from the generator, so that a seed gives the same claims as before readings.
        lines.append(f"    reading: {'inferred' if k % 5 == 0 else 'stated'}")
        if rng.random() < 0.25:
            lines.append(f"    supported_by: [{rng.choice(observations)}]")
    return "\n".join(lines) + "\n"


def write_corpus(folder: str | os.PathLike, briefs: int, *, seed: int = 0) -> Path:
    """Write a synthetic corpus of ``briefs`` briefs into ``folder``; return the folder.

    Parameters
    ----------
    folder : path
        Created if needed; ``factors.yaml`` and ``briefs/`` are written in it
        (an existing ``briefs/`` folder's other files are left alone).
    briefs : int
        How many briefs.
    seed : int
        The same seed always gives the same files.

    Returns
    -------
    pathlib.Path
        ``folder``, ready for ``kg validate --data FOLDER``.
    """
    if briefs < 1:
        raise ValueError("a corpus needs at least one brief")
    root = Path(folder)
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    factors = factor_pool_size(briefs)
    (root / "factors.yaml").write_text(_factors_yaml(factors, rng), encoding="utf-8")
    cum_weights = list(accumulate(1 / rank for rank in range(1, factors + 1)))
    for number in range(1, briefs + 1):
        text = _brief_yaml(number, factors, cum_weights, rng)
        (root / "briefs" / f"bench-{number:05d}.yaml").write_text(text, encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("briefs", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(write_corpus(args.folder, args.briefs, seed=args.seed))


if __name__ == "__main__":
    main()
