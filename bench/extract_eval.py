"""The quality of kg extract, measured: on a gold set, and on the shipped brief.

Gold set (``tests/data/extract/gold.yaml``, sentences written for kg's tests):
each sentence's candidates (``kg.extract.sentence_candidates``) are paired
with its gold claims. A candidate matches a gold claim when their causes
match and their effects match, two entities matching when at least half of
the content words of the shorter one are in the other (plural ``s`` and case
ignored). Reported: precision (matched candidates / candidates), recall
(matched gold claims / gold claims), F1, sign accuracy and modality accuracy
on the matched pairs, and the sentences with no claim that got one.

Brief (``../shared/briefs/eai-bb-1360-executive-summary.txt``, read here at
run time and never copied): ``kg extract`` of the summary against the curated
claims of ``data/briefs/eai-bb-1360.yaml``; a curated claim is found when a
candidate from the same point matches its cause factor, effect factor and
sign. The rules were not tuned to that text.

    .venv/bin/python bench/extract_eval.py            # both, as a table
    .venv/bin/python bench/extract_eval.py --json     # the figures as JSON
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

from kg.extract import extract, sentence_candidates
from kg.extract.calculus import sign_word

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "extract" / "gold.yaml"
SUMMARY = ROOT.parent / "shared" / "briefs" / "eai-bb-1360-executive-summary.txt"
BRIEF_ID = "eai-bb-1360"
_STOP = frozenset("the a an of to in on for and or by with from their its at".split())


def _content(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP}


def entities_match(a: str, b: str) -> bool:
    """At least half of the shorter entity's content words are in the other."""
    x, y = _content(a), _content(b)
    if not x or not y:
        return False
    return len(x & y) * 2 >= min(len(x), len(y))


def evaluate_gold(path: Path = GOLD) -> dict:
    """Precision, recall, F1, sign and modality accuracy, false claims on the gold set."""
    sentences = yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]
    candidates = matched_candidates = gold_total = matched_gold = 0
    sign_right = modality_right = pairs = false_claims = no_claim_sentences = 0
    misses = []
    for item in sentences:
        found = sentence_candidates(item["text"])
        gold = item["claims"]
        candidates += len(found)
        gold_total += len(gold)
        if not gold:
            no_claim_sentences += 1
            false_claims += bool(found)
        used: set[int] = set()
        for claim in gold:
            hit = next(
                (
                    i
                    for i, c in enumerate(found)
                    if i not in used
                    and entities_match(c.cause.entity, claim["cause"])
                    and entities_match(c.effect.entity, claim["effect"])
                ),
                None,
            )
            if hit is None:
                misses.append(item["text"])
                continue
            used.add(hit)
            matched_gold += 1
            pairs += 1
            sign_right += sign_word(found[hit].sign) == claim["sign"]
            modality_right += found[hit].modality == claim["modality"]
        matched_candidates += len(used)
    precision = matched_candidates / candidates if candidates else 0.0
    recall = matched_gold / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(sentences),
        "gold_claims": gold_total,
        "candidates": candidates,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "sign_accuracy": round(sign_right / pairs, 3) if pairs else 0.0,
        "modality_accuracy": round(modality_right / pairs, 3) if pairs else 0.0,
        "no_claim_sentences": no_claim_sentences,
        "false_claims_on_no_claim_sentences": false_claims,
        "missed": misses,
    }


def evaluate_brief(summary: Path = SUMMARY, data_dir: Path = ROOT / "data") -> dict | None:
    """Curated claims of the shipped brief found by ``kg extract`` of its summary."""
    if not summary.is_file():
        return None
    result = extract(summary, BRIEF_ID, data_dir, against=BRIEF_ID)
    curated = yaml.safe_load((data_dir / "briefs" / f"{BRIEF_ID}.yaml").read_text("utf-8"))
    total = len(curated["claims"])
    found = {c.in_brief for c in result.claims if c.in_brief}
    right = sum(1 for c in result.claims if c.in_brief)
    return {
        "curated_claims": total,
        "candidates": len(result.claims),
        "found": len(found),
        "recall": round(len(found) / total, 3) if total else 0.0,
        "precision": round(right / len(result.claims), 3) if result.claims else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args(argv)
    figures = {"gold": evaluate_gold(args.gold), "brief": evaluate_brief()}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    gold = figures["gold"]
    print(
        f"gold set: {gold['sentences']} sentences, {gold['gold_claims']} claims, "
        f"{gold['candidates']} candidates"
    )
    for key in ("precision", "recall", "f1", "sign_accuracy", "modality_accuracy"):
        print(f"  {key}: {gold[key]}")
    print(
        f"  false claims on {gold['no_claim_sentences']} no-claim sentences: "
        f"{gold['false_claims_on_no_claim_sentences']}"
    )
    brief = figures["brief"]
    if brief is None:
        print(f"brief: {SUMMARY} is absent")
    else:
        print(
            f"brief {BRIEF_ID}: {brief['found']} of {brief['curated_claims']} curated claims "
            f"found (recall {brief['recall']}), {brief['candidates']} candidates "
            f"(precision {brief['precision']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
