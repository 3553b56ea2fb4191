"""Reading and checking the authoring files: every mistake is reported with file:line: field."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from helpers import BRIEF_YAML, FACTORS_YAML, SHIPPED_DATA, line_of
from rdflib.namespace import SKOS

import kg
from kg.rdf.build import corpus_to_dataset, source_records
from kg.validation.validate import shacl_problems
from kg.vocab import CK, brief_iri, claim_iri, factor_iri

BRIEF_FILE = "data/briefs/test-brief.yaml"
FACTORS_FILE = "data/factors.yaml"


def test_shipped_data_conforms():
    report = kg.validate(SHIPPED_DATA)
    assert report.problems == []
    assert report.conforms
    assert report.shacl_checked


def test_fixture_data_conforms(write_data):
    report = kg.validate(write_data())
    assert report.conforms, report.text()


# ---------------------------------------------------------------- one table of mistakes


def last_line_of(text: str, needle: str) -> int:
    return max(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@dataclass
class Mistake:
    """One authoring mistake: how to make it and what kg must say about it."""

    old: str | None  # text replaced (first occurrence) in the file; None: replace the whole file
    new: str | bytes
    where: str  # the line (in the mistaken file) the problem must point at, found by a needle
    field: str | None  # the field named in the problem, if any
    message: str  # a fragment of the problem's text
    in_factors: bool = False
    line: object = None  # callable(text) -> int overriding `where`
    also: list[str] = field(default_factory=list)  # more fragments that must appear


# fmt: off
MISTAKES = {
    "bad YAML": Mistake(
        "    sign: increases\n", "    sign: increases: up\n",
        "sign: increases: up", None, "is not valid YAML",
    ),
    "missing cause": Mistake(
        "    cause: input-costs\n", "",
        "- id: costs-drive-relocation", "cause", "is missing",
    ),
    "unknown factor": Mistake(
        "cause: input-costs", "cause: input cots",
        "cause: input cots", "cause", "'input cots' is not a known factor",
        also=["did you mean 'Input costs'"],
    ),
    "sign not allowed": Mistake(
        "sign: increases", "sign: up",
        "sign: up", "sign", "'up' is not allowed", also=["increases, decreases"],
    ),
    "duplicate claim id": Mistake(
        "- id: relocation-drives-growth", "- id: costs-drive-relocation",
        "", "id", "repeats the id used at line "
        + str(line_of(BRIEF_YAML, "- id: costs-drive-relocation")),
        line=lambda text: last_line_of(text, "- id: costs-drive-relocation"),
    ),
    "bad date": Mistake(
        "date: 2020-01-02", "date: 2018-13-45",
        "date: 2018-13-45", "date", "'2018-13-45' is not a date",
    ),
    "not UTF-8": Mistake(
        "Firms that arrive", "Firms \udcff that arrive",  # \udcff: written as the byte 0xff
        "Firms ", None, "is not UTF-8",
        line=lambda text: line_of(text, "Firms \udcff"),
    ),
    "empty file": Mistake(None, "", "", None, "is empty", line=lambda text: 1),
    "unknown field": Mistake(
        "    cause: input-costs\n", "    casue: input-costs\n",
        "casue: input-costs", "casue", "is not a known field", also=["did you mean 'cause'"],
    ),
    "cause equals effect": Mistake(
        "effect: relocation", "effect: input-costs",
        "effect: input-costs", "effect", "is the same factor as the cause",
    ),
    "unknown supporting observation": Mistake(
        "supported_by: [firms-moving]", "supported_by: [no-such-finding]",
        "supported_by: [no-such-finding]", "supported_by",
        "'no-such-finding' is not an observation of this brief",
    ),
    "reported without attributed_to": Mistake(
        "modality: hedged", "modality: reported",
        "modality: reported", "attributed_to", "is missing for a reported claim",
    ),
    "duplicate factor label": Mistake(
        "label: Local growth", "label: Firm relocation",
        "label: Firm relocation", "label", "already names factor 'relocation'",
        in_factors=True,
    ),
    "confidence above 1": Mistake(
        "confidence: 0.8", "confidence: 1.5",
        "confidence: 1.5", "confidence", "1.5 is not a number from 0 to 1",
    ),
}
# fmt: on


def make_mistake(m: Mistake) -> tuple[str, bytes]:
    """The mistaken file's text (as the test reads it) and bytes (as written)."""
    original = FACTORS_YAML if m.in_factors else BRIEF_YAML
    if m.old is None:
        text = m.new
    else:
        assert m.old in original, m.old
        text = original.replace(m.old, m.new, 1)
    return text, text.encode("utf-8", errors="surrogateescape")


@pytest.fixture(params=list(MISTAKES), ids=list(MISTAKES))
def mistaken_data(request, write_data):
    m = MISTAKES[request.param]
    text, raw = make_mistake(m)
    data = write_data(factors=raw) if m.in_factors else write_data(brief=raw)
    expected_line = m.line(text) if m.line else line_of(text, m.where)
    return m, data, expected_line


def _problem_line(output: str, m: Mistake, expected_line: int) -> str:
    shown = FACTORS_FILE if m.in_factors else BRIEF_FILE
    prefix = f"{shown}:{expected_line}: "
    matching = [ln for ln in output.splitlines() if ln.startswith(prefix) and m.message in ln]
    assert matching, f"no line starting {prefix!r} with {m.message!r} in:\n{output}"
    return matching[0]


def _check_problem(line: str, m: Mistake) -> None:
    if m.field:
        assert f": {m.field}: " in line
    for fragment in m.also:
        assert fragment in line


def test_validate_reports_mistake_with_file_line_and_field(mistaken_data, invoke):
    m, _data, expected_line = mistaken_data
    result = invoke("validate", "--data", "data")
    assert result.exit_code == 1, result.output
    _check_problem(_problem_line(result.output, m, expected_line), m)
    assert "Does not conform" in result.output


def test_build_refuses_mistake_and_writes_nothing(mistaken_data, invoke, in_tmp):
    m, _data, expected_line = mistaken_data
    result = invoke("build", "--data", "data", "--out", "out")
    assert result.exit_code == 1, result.output
    _check_problem(_problem_line(result.stderr, m, expected_line), m)
    out = in_tmp / "out"
    assert not out.exists() or list(out.iterdir()) == []


def test_library_reports_the_same_problem(mistaken_data):
    m, data, expected_line = mistaken_data
    report = kg.validate(data)
    assert not report.conforms
    wanted = [p for p in report.problems if p.line == expected_line and m.message in p.message]
    assert wanted, report.text()
    if m.field:
        assert wanted[0].field == m.field


# ---------------------------------------------------------------- other failures


@pytest.mark.parametrize(
    "layout, message",
    [
        ("no folder", "is not a folder"),
        ("no factors.yaml", "factors.yaml is missing"),
        ("no briefs", "holds no .yaml brief files"),
    ],
)
def test_missing_data_exits_2(layout, message, write_data, invoke, in_tmp):
    data = write_data()
    if layout == "no folder":
        target = in_tmp / "nowhere"
    elif layout == "no factors.yaml":
        (data / "factors.yaml").unlink()
        target = data
    else:
        (data / "briefs" / "test-brief.yaml").unlink()
        target = data
    for args in (("validate", "--data", target), ("build", "--data", target, "--out", "out")):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert message in result.stderr
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (in_tmp / "out").exists()


def test_every_problem_is_reported_in_one_run(write_data):
    brief = BRIEF_YAML.replace("sign: increases", "sign: up", 1).replace(
        "confidence: 0.6", "confidence: 7", 1
    )
    factors = FACTORS_YAML.replace("group: spatial", "group: spatial\n    colour: red")
    report = kg.validate(write_data(brief=brief, factors=factors))
    found = sorted((p.path, p.field) for p in report.problems)
    assert found == [
        (BRIEF_FILE, "confidence"),
        (BRIEF_FILE, "sign"),
        (FACTORS_FILE, "colour"),
    ]


def test_bad_factor_field_does_not_cascade_into_unknown_factor_errors(write_data):
    factors = FACTORS_YAML.replace("group: spatial", "group: spacial")
    report = kg.validate(write_data(factors=factors))
    assert [(p.path, p.field) for p in report.problems] == [(FACTORS_FILE, "group")]


def test_failed_build_leaves_the_previous_output_untouched(write_data, invoke, in_tmp):
    write_data()
    assert invoke("build", "--data", "data", "--out", "out").exit_code == 0
    before = (in_tmp / "out" / "kg.trig").read_bytes()
    store_before = (in_tmp / "out" / "store" / "kg-store.json").read_bytes()
    write_data(brief=BRIEF_YAML.replace("sign: increases", "sign: up", 1))
    result = invoke("build", "--data", "data", "--out", "out")
    assert result.exit_code == 1
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["kg.trig", "store"]
    assert (in_tmp / "out" / "kg.trig").read_bytes() == before
    assert (in_tmp / "out" / "store" / "kg-store.json").read_bytes() == store_before


def test_factor_may_be_named_by_label_or_alt_label_in_any_case(write_data):
    brief = BRIEF_YAML.replace("cause: input-costs", "cause: PRODUCTION Costs").replace(
        "effect: homecoming", "effect: homecoming of workers"
    )
    corpus, problems = kg.read_corpus(write_data(brief=brief))
    assert problems == []
    claims = {c.id: c for c in corpus.claims}
    assert claims["costs-drive-relocation"].cause == "input-costs"
    assert claims["growth-draws-workers-home"].effect == "homecoming"


# ---------------------------------------------------------------- SHACL problems point at YAML lines


def test_shacl_problem_points_at_the_claims_line_and_field(write_data):
    data = write_data()
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    dataset = corpus_to_dataset(corpus)
    records = source_records(corpus)
    assert shacl_problems(dataset, records) == []

    claim = claim_iri("test-brief", "relocation-drives-growth")
    graph = dataset.graph(brief_iri("test-brief"))
    assert (claim, CK.sign, None) in graph
    graph.remove((claim, CK.sign, None))

    found = shacl_problems(dataset, records)
    assert len(found) == 1
    problem = found[0]
    assert problem.origin == "shacl"
    assert problem.field == "sign"
    assert problem.record == "claim 'relocation-drives-growth'"
    assert (data / "briefs" / "test-brief.yaml").samefile(problem.path)
    assert problem.line == line_of(BRIEF_YAML, "sign:", start="- id: relocation-drives-growth")
    assert "sign: increases" in problem.message


def test_shacl_problem_on_a_factor_points_at_factors_yaml(write_data):
    data = write_data()
    corpus, _ = kg.read_corpus(data)
    dataset = corpus_to_dataset(corpus)
    factor = factor_iri("homecoming")
    for graph in dataset.graphs():
        graph.remove((factor, SKOS.definition, None))
    found = shacl_problems(dataset, source_records(corpus))
    assert [(p.field, p.record) for p in found] == [("definition", "factor 'homecoming'")]
    assert (data / "factors.yaml").samefile(found[0].path)
    assert found[0].line == line_of(FACTORS_YAML, "definition:", start="- id: homecoming")


# ---------------------------------------------------------------- documented rules the reader misses


# fmt: off
DOCUMENTED_RULES = {
    # data/README.md, table "Each entry of claims": start_year "no; only with `time_scope`".
    "start_year without time_scope": (
        "    confidence: 0.6\n", "    confidence: 0.6\n    start_year: 2005\n", "start_year",
    ),
    # data/README.md, table "Each entry of observations": concerns "yes", "list of factors (non-empty)".
    "observation without concerns": ("    concerns: [relocation]\n", "", "concerns"),
    "observation with empty concerns": (
        "    concerns: [relocation]\n", "    concerns: []\n", "concerns",
    ),
    # data/README.md, table "brief": synthetic, language and section are "yes" (required).
    "brief without synthetic": ("  synthetic: true\n", "", "synthetic"),
    "brief without language": ("  language: en\n", "", "language"),
    "brief without section": ("  section: Summary\n", "", "section"),
}
# fmt: on


@pytest.mark.parametrize(
    "old, new, field_name",
    [pytest.param(*rule, id=name) for name, rule in DOCUMENTED_RULES.items()],
)
def test_documented_rule_is_enforced(old, new, field_name, write_data):
    assert old in BRIEF_YAML
    report = kg.validate(write_data(brief=BRIEF_YAML.replace(old, new, 1)))
    assert not report.conforms
    assert field_name in {p.field for p in report.problems}


def test_a_factor_id_may_not_name_another_factor(write_data):
    # "local-growth" is also the alternative label of another factor: the name would be ambiguous.
    factors = FACTORS_YAML.replace(
        "alt_labels: [return of workers]", "alt_labels: [return of workers, local growth]"
    )
    report = kg.validate(write_data(factors=factors))
    assert [(p.path, p.field) for p in report.problems] == [(FACTORS_FILE, "alt_labels")]
    assert "already names factor 'local-growth'" in report.problems[0].message
