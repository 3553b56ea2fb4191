"""Hostile and careless authoring files: YAML that would hang, overflow, hide problems or ramble."""

from __future__ import annotations

import os
from pathlib import Path

from badinput_files import BRIEF, BRIEF_PATH, brief

V = ["validate"]
FACTORS = "data/factors.yaml"


def _laughs(target: str) -> str:
    """A billion laughs: ten aliases of ten aliases, nine deep, aliased into ``target``."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    anchors = "\n".join(lines) + "\n"
    return anchors + brief(f"    {target}:", f"    {target}: *a9\n    x-{target}:")


def _laughs_in(field: str, value: str) -> str:
    lines = ["x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n" + brief(f"    {field}: {value}", f"    {field}: *x9")


def _symlink(relpath: str, target: str):
    def write(root: Path) -> None:
        path = root / relpath
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(target, path)

    return write


def _fifo(relpath: str):
    def write(root: Path) -> None:
        path = root / relpath
        if path.exists():
            path.unlink()
        os.mkfifo(path)

    return write


def _large(relpath: str, size: int):
    def write(root: Path) -> None:
        filler = "# " + "x" * 98 + "\n"
        with (root / relpath).open("w") as handle:
            handle.write(BRIEF)
            handle.write(filler * (size // len(filler)))

    return write


def _deep_block(depth: int) -> str:
    return brief(
        "    paraphrase: Higher",
        "    evidence:\n"
        + "".join("      " + "  " * i + "- \n" for i in range(depth)).replace("- \n", "-\n")
        + "    paraphrase: Higher",
    )


CASES = [
    # --- aliases that multiply ("billion laughs") ---
    {
        "name": "yaml-billion-laughs-in-sign",
        "files": {BRIEF_PATH: _laughs_in("sign", "increases")},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "aliases expand to more than"],
        "cpu_s": 30,
    },
    {
        "name": "yaml-billion-laughs-in-paraphrase",
        "files": {
            BRIEF_PATH: _laughs_in("paraphrase", "Higher costs on the coast send people home.")
        },
        "args": V,
        "exit": 1,
        "words": ["aliases expand to more than"],
        "cpu_s": 30,
    },
    {
        "name": "yaml-billion-laughs-in-factors",
        "files": {
            FACTORS: (
                "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
                + "".join(
                    f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]\n" for i in range(1, 10)
                )
                + "scheme: *x9\nfactors: []\n"
            )
        },
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "aliases expand"],
        "cpu_s": 30,
    },
    {
        "name": "yaml-undefined-alias",
        "files": {BRIEF_PATH: brief("sign: increases", "sign: *nowhere")},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "alias"],
    },
    {
        "name": "yaml-alias-of-a-mapping-as-sign",
        "files": {BRIEF_PATH: brief("    sign: increases", "    sign: &m {a: 1}\n    x: *m")},
        "args": V,
        "exit": 1,
        "words": ["sign", "x: is not a known field"],
    },
    {
        "name": "yaml-build-refuses-billion-laughs",
        "files": {BRIEF_PATH: _laughs_in("sign", "increases")},
        "args": ["build"],
        "exit": 1,
        "words": ["aliases expand"],
        "cpu_s": 30,
    },
    # --- nesting that would overflow Python's stack ---
    {
        "name": "yaml-flow-nested-3000",
        "files": {BRIEF_PATH: "claims: " + "[" * 3000 + "]" * 3000 + "\n"},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "nest"],
    },
    {
        "name": "yaml-flow-nested-100000",
        "files": {BRIEF_PATH: "claims: " + "[" * 100000 + "\n"},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "nest"],
    },
    {
        "name": "yaml-mapping-nested-100000",
        "files": {FACTORS: "a: " + "{b: " * 100000 + "\n"},
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "nest"],
    },
    {
        "name": "yaml-block-nested-200",
        "files": {BRIEF_PATH: "".join("  " * i + f"k{i}:\n" for i in range(200))},
        "args": V,
        "exit": 1,
        "words": ["deeper than 64 levels"],
    },
    {
        "name": "yaml-deep-list-in-evidence",
        "files": {
            BRIEF_PATH: brief(
                "    paraphrase: Higher",
                "    evidence: " + "[" * 80 + "]" * 80 + "\n    paraphrase: Higher",
            )
        },
        "args": V,
        "exit": 1,
        "words": ["deeper than"],
    },
    # --- size ---
    {
        "name": "yaml-brief-50mb",
        "files": _large(BRIEF_PATH, 50 * 1024 * 1024),
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "too large", "--max-file-size"],
        "cpu_s": 30,
    },
    {
        "name": "yaml-max-file-size-option",
        "files": {BRIEF_PATH: BRIEF},
        "args": ["validate", "--max-file-size", "500"],
        "exit": 1,
        "words": ["too large", "500 bytes"],
    },
    {
        "name": "yaml-max-file-size-not-a-number",
        "files": {},
        "args": ["validate", "--max-file-size", "lots"],
        "exit": 2,
        "words": ["max-file-size", "lots"],
    },
    {
        "name": "yaml-max-file-size-zero",
        "files": {},
        "args": ["build", "--max-file-size", "0"],
        "exit": 2,
        "words": ["max-file-size"],
    },
    {
        "name": "yaml-analysis-max-file-size",
        "files": {},
        "args": ["chains", "--max-file-size", "100", "coastal-costs", "return-migration"],
        "exit": 1,
        "words": ["too large"],
    },
    # --- links and special files ---
    {
        "name": "yaml-factors-symlink-loop",
        "files": _symlink(FACTORS, "factors.yaml"),
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "symbolic link that loops"],
    },
    {
        "name": "yaml-brief-symlink-loop",
        "files": _symlink("data/briefs/loop.yaml", "loop.yaml"),
        "args": V,
        "exit": 1,
        "words": ["loop.yaml", "symbolic link that loops"],
    },
    {
        "name": "yaml-brief-dangling-symlink",
        "files": _symlink("data/briefs/gone.yaml", "nowhere.yaml"),
        "args": V,
        "exit": 1,
        "words": ["gone.yaml", "missing file"],
    },
    {
        "name": "yaml-brief-is-a-fifo",
        "files": _fifo("data/briefs/pipe.yaml"),
        "args": V,
        "exit": 1,
        "words": ["pipe.yaml", "not a regular file"],
        "cpu_s": 20,
    },
    {
        "name": "yaml-factors-is-a-fifo",
        "files": _fifo(FACTORS),
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "not a regular file"],
        "cpu_s": 20,
    },
    {
        "name": "yaml-factors-is-dev-zero",
        "files": _symlink(FACTORS, "/dev/zero"),
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "not a regular file"],
        "cpu_s": 20,
    },
    {
        "name": "yaml-brief-is-a-folder",
        "files": lambda root: (root / "data/briefs/dir.yaml").mkdir(),
        "args": V,
        "exit": 1,
        "words": ["dir.yaml", "folder"],
    },
    # --- whole-file problems: one line, not one per claim ---
    {
        "name": "yaml-factors-bare-string",
        "files": {FACTORS: "just some words\n"},
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "expected `scheme:` and `factors:`"],
        "max_lines": 3,
    },
    {
        "name": "yaml-factors-a-list",
        "files": {FACTORS: "- a\n- b\n"},
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "expected"],
        "max_lines": 3,
    },
    {
        "name": "yaml-factors-empty",
        "files": {FACTORS: ""},
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "is empty"],
        "max_lines": 3,
    },
    {
        "name": "yaml-factors-binary",
        "files": {FACTORS: bytes(range(256)) * 4},
        "args": V,
        "exit": 1,
        "words": ["factors.yaml", "not utf-8"],
        "max_lines": 3,
    },
    {
        "name": "yaml-factors-no-list",
        "files": {FACTORS: "scheme:\n  title: T\n  language: en\n"},
        "args": V,
        "exit": 1,
        "words": ["factors", "is missing"],
        "max_lines": 3,
    },
    {
        "name": "yaml-factors-missing",
        "files": lambda root: (root / FACTORS).unlink(),
        "args": ["validate", "--data", "data"],
        "exit": 2,
        "words": ["factors.yaml", "missing"],
    },
    {
        "name": "yaml-brief-scalar",
        "files": {BRIEF_PATH: "hello\n"},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "expected `brief:`"],
    },
    {
        "name": "yaml-brief-two-documents",
        "files": {BRIEF_PATH: BRIEF + "---\n" + BRIEF},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "single document"],
    },
    {
        "name": "yaml-brief-tab-indent",
        "files": {BRIEF_PATH: brief("  id: bad", "\tid: bad")},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "not valid yaml"],
    },
    {
        "name": "yaml-brief-unclosed-bracket",
        "files": {BRIEF_PATH: brief("[A. N. Example]", "[A. N. Example")},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "not valid yaml"],
    },
    {
        "name": "yaml-brief-unclosed-quote",
        "files": {BRIEF_PATH: brief("title: A brief", 'title: "A brief')},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "not valid yaml"],
    },
    {
        "name": "yaml-brief-nul-byte",
        "files": {BRIEF_PATH: brief("A brief", "A\0brief").encode()},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml"],
    },
    {
        "name": "yaml-brief-latin1",
        "files": {BRIEF_PATH: brief("A brief", "A brief caf\xe9").encode("latin-1")},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "not utf-8"],
    },
    {
        "name": "yaml-python-tag-not-run",
        "files": {
            BRIEF_PATH: brief(
                "sign: increases", "sign: !!python/object/apply:os.system ['touch pwned']"
            )
        },
        "args": V,
        "exit": 1,
        "words": ["sign", "is not allowed"],
    },
    {
        "name": "yaml-complex-key",
        "files": {BRIEF_PATH: "? [a, b]\n: c\n" + BRIEF},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "key must be plain text"],
    },
    # --- long messages cut to a line ---
    {
        "name": "yaml-duplicate-long-key",
        "files": {BRIEF_PATH: BRIEF + "k" * 1000 + ": 1\n" + "k" * 1000 + ": 2\n"},
        "args": V,
        "exit": 1,
        "words": ["duplicate key", "at line 19"],
    },
    {
        "name": "yaml-key-past-yaml-limit",
        "files": {BRIEF_PATH: BRIEF + "k" * 9000 + ": 1\n"},
        "args": V,
        "exit": 1,
        "words": ["bad.yaml", "not valid yaml"],
    },
    {
        "name": "yaml-long-unknown-field",
        "files": {BRIEF_PATH: brief("    sign:", "    " + "z" * 1000 + ": 1\n    sign:")},
        "args": V,
        "exit": 1,
        "words": ["is not a known field"],
    },
    {
        "name": "yaml-long-sign-value",
        "files": {BRIEF_PATH: brief("sign: increases", "sign: " + "up" * 5000)},
        "args": V,
        "exit": 1,
        "words": ["sign", "is not allowed", "10,000 characters"],
    },
    {
        "name": "yaml-long-unknown-factor",
        "files": {BRIEF_PATH: brief("cause: coastal-costs", "cause: " + "q" * 20000)},
        "args": V,
        "exit": 1,
        "words": ["cause", "is not a known factor"],
    },
    {
        "name": "yaml-duplicate-top-level-key",
        "files": {BRIEF_PATH: BRIEF + "claims: []\n"},
        "args": V,
        "exit": 1,
        "words": ["duplicate key 'claims'", "first at line"],
    },
    # --- every problem of a file in one run ---
    {
        "name": "yaml-bad-brief-block-keeps-claim-problems",
        "files": {
            BRIEF_PATH: brief("  title: A brief of the corpus\n", "").replace(
                "sign: increases", "sign: upward"
            )
        },
        "args": V,
        "exit": 1,
        "words": ["title: is missing", "sign: 'upward' is not allowed"],
    },
    {
        "name": "yaml-five-wrong-types",
        "files": {
            BRIEF_PATH: brief("date: 2024-01-01", "date: [1]")
            .replace("synthetic: true", "synthetic: 3")
            .replace("confidence: 0.8", "confidence: [high]")
            .replace("point: 1", "point: {a: b}")
            .replace("sign: increases", "sign: 7")
        },
        "args": V,
        "exit": 1,
        "words": ["date:", "synthetic:", "confidence:", "point:", "sign:"],
    },
    {
        "name": "yaml-brief-block-a-list",
        "files": {
            BRIEF_PATH: "brief: [bad]\nclaims:"
            + brief("sign: increases", "sign: sideways").split("claims:")[1]
        },
        "args": V,
        "exit": 1,
        "words": ["expected a mapping of fields", "sideways"],
    },
    {
        "name": "yaml-yml-and-yaml-both",
        "files": {"data/briefs/bad.yml": BRIEF, BRIEF_PATH: BRIEF},
        "args": V,
        "exit": 1,
        "words": ["repeats the id"],
    },
    {
        "name": "yaml-claims-a-mapping",
        "files": {BRIEF_PATH: brief().split("claims:")[0] + "claims: {a: 1}\n"},
        "args": V,
        "exit": 1,
        "words": ["claims", "expected a list"],
    },
]
