"""Constants and helpers shared by the tests (fixtures live in conftest.py).

The data fixtures are written inline here so that each test can derive its
expectations (line numbers, ids) from the very text it writes.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

from kg.datafolder import STORE_RECORD

REPO = Path(__file__).resolve().parents[1]
SHIPPED_DATA = REPO / "data"
#: The invented example brief, kept out of the default data (`examples/README.md`).
EXAMPLE_BRIEF = REPO / "examples" / "briefs" / "example-second-view.yaml"
#: Synthetic briefs and extra factors for the linking tests.
LINKING = Path(__file__).parent / "data" / "linking"
BRIEF_ID = "test-brief"


def copy_of_shipped_data(folder: Path) -> Path:
    """Copy the shipped data folder to ``folder`` (without its store record); return it.

    For a test that builds the shipped briefs into a store of its own: a build of the
    checkout's ``data/`` itself notes that store in ``data/.kg-store``, which every other
    process reading the shipped data (another test worker, the next run) then follows.
    """
    shutil.copytree(SHIPPED_DATA, folder, ignore=shutil.ignore_patterns(STORE_RECORD))
    return folder


# Four factors; `local-growth` deliberately has no alt_labels (they are optional).
FACTORS_YAML = """\
scheme:
  title: Test factors
  language: en
factors:
  - id: input-costs
    label: Input costs
    alt_labels: [production costs]
    definition: What firms pay for labour and land. More means higher costs.
    group: economic
  - id: relocation
    label: Relocation of firms
    alt_labels: [firm relocation]
    definition: Firms moving elsewhere. More means more firms moving.
    group: spatial
  - id: local-growth
    label: Local growth
    definition: Economic expansion in the receiving region. More means faster growth.
    group: economic
  - id: homecoming
    label: Homecoming of workers
    alt_labels: [return of workers]
    definition: Workers going back to where they came from. More means more returns.
    group: demographic
"""

# Three claims forming a chain input-costs -> relocation -> local-growth -> homecoming,
# and one observation that supports the first claim.
BRIEF_YAML = """\
brief:
  id: test-brief
  title: A test brief
  authors: [Tester]
  publisher: Test Institute
  date: 2020-01-02
  language: en
  synthetic: true
  section: Summary

observations:
  - id: firms-moving
    point: 1
    paraphrase: Many firms have moved away from the old centres.
    concerns: [relocation]

claims:
  - id: costs-drive-relocation
    point: 1
    cause: input-costs
    effect: relocation
    sign: increases
    modality: asserted
    confidence: 0.8
    paraphrase: Higher input costs push firms to move elsewhere.
    supported_by: [firms-moving]

  - id: relocation-drives-growth
    point: 2
    cause: relocation
    effect: local-growth
    sign: increases
    modality: hedged
    confidence: 0.6
    paraphrase: Firms that arrive may lift growth in the receiving region.

  - id: growth-draws-workers-home
    point: 3
    cause: local-growth
    effect: homecoming
    sign: increases
    modality: asserted
    confidence: 0.8
    paraphrase: Growth at home draws workers back from afar.
"""

# A second brief that shares `input-costs` and `relocation` with the first.
SECOND_BRIEF_YAML = """\
brief:
  id: second-brief
  title: Another test brief
  authors: [Other Tester]
  publisher: Other Institute
  date: 2021-03-04
  language: en
  synthetic: true
  section: Findings

claims:
  - id: costs-push-firms-out
    point: 1
    cause: production costs
    effect: firm relocation
    sign: increases
    modality: hedged
    confidence: 0.6
    paraphrase: Dearer inputs may lead firms to leave their home region.
"""


def line_of(text: str, needle: str, start: str | None = None) -> int:
    """1-based line of the first line of ``text`` containing ``needle``.

    With ``start``, the search begins at the first line containing ``start``
    (to find a field of one particular record).
    """
    lines = text.splitlines()
    first = 0
    if start is not None:
        first = next(i for i, ln in enumerate(lines) if start in ln)
    for i in range(first, len(lines)):
        if needle in lines[i]:
            return i + 1
    raise AssertionError(f"{needle!r} not in fixture text")


def dead_pid() -> int:
    """A process id no process has: one past the largest the kernel hands out.

    The id of a child that has exited will do elsewhere, but on a busy
    machine the kernel soon gives that id to a new process.
    """
    try:
        return int(Path("/proc/sys/kernel/pid_max").read_text()) + 1
    except OSError:  # not Linux: 2**22 is the largest limit Linux allows, and above others'
        return 2**22 + 1


def subprocess_env(**extra: str) -> dict[str, str]:
    """The current environment for a ``python -m kg`` subprocess, plus ``extra``."""
    env = dict(os.environ)
    env.update(extra)
    return env


PYTHON = sys.executable


def with_example(root: Path) -> Path:
    """A copy of the shipped data folder with the invented example brief added,
    as `examples/README.md` tells an analyst to do."""
    shutil.copytree(SHIPPED_DATA, root)
    shutil.copy(EXAMPLE_BRIEF, root / "briefs")
    return root


def make_linked_data(root: Path) -> Path:
    """A data folder: the shipped factors plus the test factors, the real brief and
    the synthetic linking briefs."""
    yaml = YAML(typ="rt")
    factors = yaml.load((SHIPPED_DATA / "factors.yaml").read_text(encoding="utf-8"))
    factors["factors"].extend(
        yaml.load((LINKING / "extra-factors.yaml").read_text(encoding="utf-8"))
    )
    (root / "briefs").mkdir(parents=True)
    with (root / "factors.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(factors, handle)
    shutil.copy(SHIPPED_DATA / "briefs" / "eai-bb-1360.yaml", root / "briefs")
    for path in (LINKING / "briefs").glob("*.yaml"):
        shutil.copy(path, root / "briefs")
    return root


def rule_claims(sentence: str) -> list[tuple[str, str, int]]:
    """(cause, effect, sign) of each rule candidate of one sentence: what the rule tests compare."""
    from kg.extract import sentence_candidates

    return [(c.cause.entity, c.effect.entity, c.sign) for c in sentence_candidates(sentence)]
