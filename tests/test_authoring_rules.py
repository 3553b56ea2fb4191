"""One authoring model (kg.authoring.rules): the YAML reader and the sheet import catch alike."""

from __future__ import annotations

import pytest
from helpers import BRIEF_YAML, FACTORS_YAML, SHIPPED_DATA, line_of

import kg
from kg.authoring import reader as reader_module
from kg.authoring.loading import YamlSyntaxError, load_yaml
from kg.authoring.rules import CLAIM_FIELDS, CLAIM_RULES
from kg.authoring.scaffold import init_data_dir, new_brief, ruamel_layout_problems
from kg.authoring.sheet_columns import COLUMNS
from kg.authoring.sheets import import_sheet
from kg.errors import InvalidParameter, InvalidSheet, OutputExists
from kg.names import FactorName, suggest_factors
from kg.vocab import factor_iri

BRIEF_FILE = "data/briefs/test-brief.yaml"
CLAIM = "  - id: relocation-drives-growth\n"
HEADER = "cause,effect,sign,modality,confidence,point,paraphrase"
GOOD_ROW = "input costs,relocation,+,hedged,0.6,2,Dearer inputs may push firms to move."

# Each kind of claim mistake: (rule or field, YAML edit of the claim relocation-drives-growth,
# the line's needle, the field reported, a message fragment; sheet columns and row, the column
# reported, the message fragment in the sheet's wording).
# fmt: off
CLAIM_MISTAKES = {
    "cause-differs-from-effect": (
        ("effect: local-growth", "effect: relocation"), "effect: relocation", "effect",
        "is the same factor as the cause",
        ("", "input costs,Input costs,+,hedged,0.6,2,Costs raise costs in a loop here."),
        "effect", "is the same factor as the cause",
    ),
    "years-in-order": (
        ("confidence: 0.6\n", "confidence: 0.6\n    time_scope: the 2010s\n"
         "    start_year: 2015\n    end_year: 2011\n"),
        "end_year: 2011", "end_year", "2011 comes before start_year 2015",
        (",time scope,start year,end year", GOOD_ROW + ",the 2010s,2015,2011"),
        "end year", "2011 comes before start year 2015",
    ),
    "years-need-time-scope": (
        ("confidence: 0.6\n", "confidence: 0.6\n    start_year: 2015\n"),
        "start_year: 2015", "start_year", "is given without a time_scope",
        (",start year", GOOD_ROW + ",2015"), "start year", "is given without a time scope",
    ),
    "reported-needs-attribution": (
        ("modality: hedged", "modality: reported"), "modality: reported", "attributed_to",
        "is missing for a reported claim",
        ("", GOOD_ROW.replace("hedged", "reported")), "attributed to",
        "is missing for a reported claim",
    ),
    "supported-by-known-observations": (
        ("confidence: 0.6\n", "confidence: 0.6\n    supported_by: [no-such]\n"),
        "supported_by: [no-such]", "supported_by", "'no-such' is not an observation",
        (",supported by", GOOD_ROW + ",no-such"), "supported by",
        "'no-such' is not an observation",
    ),
    "cites-a-place": (
        ("    point: 2\n    cause: relocation", "    cause: relocation"),
        "- id: relocation-drives-growth", "point", "is missing",
        (",locator", GOOD_ROW.replace(",2,", ",,") + ","), "locator", "is missing",
    ),
    "conditional-needs-condition": (
        ("modality: hedged", "modality: conditional"), "modality: conditional", "condition",
        "is missing for a conditional claim",
        ("", GOOD_ROW.replace("hedged", "conditional")), "condition",
        "is missing for a conditional claim",
    ),
    "reading allowed values": (
        ("modality: hedged\n", "modality: hedged\n    reading: guessed\n"),
        "reading: guessed", "reading", "'guessed' is not allowed",
        (",reading", GOOD_ROW + ",guessed"), "reading", "'guessed' is not allowed",
    ),
    "sign allowed values": (
        ("sign: increases\n    modality: hedged", "sign: sideways\n    modality: hedged"),
        "sign: sideways", "sign", "'sideways' is not allowed",
        ("", GOOD_ROW.replace(",+,", ",sideways,")), "sign", "'sideways' is not allowed",
    ),
    "confidence type": (
        ("confidence: 0.6", "confidence: lots"), "confidence: lots", "confidence",
        "'lots' is not a number from 0 to 1",
        ("", GOOD_ROW.replace("0.6", "lots")), "confidence", "'lots' is not a number from 0 to 1",
    ),
    "paraphrase length": (
        ("Firms that arrive may lift growth in the receiving region.", "short"),
        "paraphrase: short", "paraphrase", "is too short",
        ("", GOOD_ROW.replace("Dearer inputs may push firms to move.", "short")),
        "paraphrase", "is too short",
    ),
}
# fmt: on


def _claim_yaml(old: str, new: str) -> str:
    start = BRIEF_YAML.index(CLAIM)
    head, tail = BRIEF_YAML[:start], BRIEF_YAML[start:]
    assert old in tail, old
    return head + tail.replace(old, new, 1)


@pytest.mark.parametrize("kind", list(CLAIM_MISTAKES))
def test_the_yaml_reader_catches_each_claim_mistake(kind, write_data):
    (old, new), needle, field, message, *_sheet = CLAIM_MISTAKES[kind]
    text = _claim_yaml(old, new)
    _corpus, problems = kg.read_corpus(write_data(brief=text))
    line = line_of(text, needle, start=CLAIM.strip())
    found = [(p.path, p.line, p.record, p.field) for p in problems if message in p.message]
    assert found == [(BRIEF_FILE, line, "claim 'relocation-drives-growth'", field)], problems


@pytest.mark.parametrize("kind", list(CLAIM_MISTAKES))
def test_the_sheet_import_catches_each_claim_mistake(kind, write_data, in_tmp):
    *_yaml, (columns, row), column, message = CLAIM_MISTAKES[kind]
    data = write_data()
    sheet = in_tmp / "claims.csv"
    sheet.write_text(f"{HEADER}{columns}\n{GOOD_ROW}{',' * columns.count(',')}\n{row}\n", "utf-8")
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "from-sheet", data)
    found = [
        (p.line, p.record, p.field) for p in caught.value.report.problems if message in p.message
    ]
    assert found == [(3, "row 3", column)], caught.value.report.text()
    assert not (data / "briefs" / "from-sheet.yaml").exists()


def test_every_claim_rule_is_exercised_on_both_surfaces():
    assert {r.name for r in CLAIM_RULES} <= set(CLAIM_MISTAKES)


def test_the_sheet_columns_take_their_required_flag_from_the_claim_fields():
    fields = {f.name: f for f in CLAIM_FIELDS}
    for column in COLUMNS:
        if column.field and column.field != "id":
            assert column.required == fields[column.field].required, column.name
    assert {c.field for c in COLUMNS if c.required} == {
        f.name for f in CLAIM_FIELDS if f.required and f.name != "id"
    }


def test_the_sheet_import_never_reads_a_copy_of_the_data(write_data, in_tmp, monkeypatch):
    def forbidden(*_args, **_kwargs):
        raise AssertionError("import_sheet read the data folder back")

    monkeypatch.setattr(reader_module, "read_corpus", forbidden)
    monkeypatch.setattr(reader_module, "_read_brief_file", forbidden)
    sheet = in_tmp / "ok.csv"
    sheet.write_text(f"{HEADER}\n{GOOD_ROW}\n", "utf-8")
    assert import_sheet(sheet, "ok", write_data()).written


# ---------------------------------------------------------------- factors and briefs


def test_factor_names_clash_under_the_one_normalisation(write_data):
    """`rural_migration` and `Rural migration` are one name to kg.names: the factor checks say
    so, instead of letting a brief that names "rural migration" fail as ambiguous."""
    factors = FACTORS_YAML + (
        "  - id: rural-flows\n"
        "    label: rural_migration\n"
        "    definition: People leaving the countryside. More means more leave.\n"
        "    group: demographic\n"
        "  - id: village-exodus\n"
        "    label: Rural migration\n"
        "    definition: Villagers moving to towns. More means more move.\n"
        "    group: demographic\n"
    )
    _corpus, problems = kg.read_corpus(write_data(factors=factors))
    assert [(p.field, p.line) for p in problems] == [
        ("label", line_of(factors, "label: Rural migration"))
    ]
    assert "'Rural migration' already names factor 'rural-flows'" in problems[0].message


@pytest.mark.parametrize(
    "old, new, field, message",
    [
        ("group: spatial", "group: spacial", "group", "'spacial' is not allowed"),
        ("    label: Local growth\n", "", "label", "is missing"),
        ("definition: Firms moving", "definition_: Firms moving", "definition_", "not a known"),
    ],
)
def test_the_factor_fields_are_checked(old, new, field, message, write_data):
    factors = FACTORS_YAML.replace(old, new, 1)
    _corpus, problems = kg.read_corpus(write_data(factors=factors))
    assert any(p.field == field and message in p.message for p in problems), problems


@pytest.mark.parametrize(
    "old, new, field, message",
    [
        ("date: 2020-01-02", "date: 2020-02-30", "date", "is not a date"),
        ("synthetic: true", "synthetic: yes", "synthetic", "is not true or false"),
        ("  title: A test brief\n", "", "title", "is missing"),
        ("language: en", "language: English!", "language", "is not a language tag"),
    ],
)
def test_the_brief_fields_are_checked(old, new, field, message, write_data):
    _corpus, problems = kg.read_corpus(write_data(brief=BRIEF_YAML.replace(old, new, 1)))
    assert [(p.record, p.field) for p in problems if message in p.message] == [("brief", field)]


def test_a_bad_brief_id_or_group_is_refused_before_the_sheet_is_read(write_data, in_tmp):
    data = write_data()
    with pytest.raises(InvalidParameter, match="is not a valid brief id"):
        import_sheet(in_tmp / "none.csv", "Not An Id", data)
    with pytest.raises(InvalidParameter, match="is not a group; use one of"):
        import_sheet(in_tmp / "none.csv", "fine", data, group="colour")


# ---------------------------------------------------------------- names and typos


def test_hinterland_suggests_the_hinterlands_takeoff_first():
    corpus, _ = kg.read_corpus(SHIPPED_DATA)
    names = [
        FactorName(str(factor_iri(f.id)), f.label, f.alt_labels) for f in corpus.factors.values()
    ]
    assert suggest_factors("hinterland", names)[0] == "Hinterland economic takeoff"


def test_a_near_miss_of_a_factor_name_is_refused_unless_confirmed(in_tmp):
    data = in_tmp / "shipped"
    import shutil

    shutil.copytree(SHIPPED_DATA, data)
    sheet = in_tmp / "typo.csv"
    sheet.write_text(
        HEADER + ",group\nHinterland economic takeof,Return migration,+,hedged,0.6,2,"
        "The takeoff inland may draw workers home.,economic\n",
        "utf-8",
    )
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "typo", data)
    (problem,) = caught.value.report.problems
    assert (problem.record, problem.field) == ("row 2", "cause")
    assert "'Hinterland economic takeoff'" in problem.message
    assert "new_factors" in problem.hint
    result = import_sheet(sheet, "typo", data, new_factors=["hinterland economic takeof"])
    assert [f.label for f in result.new_factors] == ["Hinterland economic takeof"]


# ---------------------------------------------------------------- YAML semantics


def test_the_loader_reports_duplicate_keys_and_reads_yaml_1_2():
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("brief:\n  id: a\n  id: b\n")
    assert caught.value.line == 3 and "duplicate key 'id'" in caught.value.problem
    assert load_yaml("a: [yes, off, 012, 0x10, 1.5e3, ~, '7', 2018-06-13]")["a"] == [
        "yes",
        "off",
        12,
        16,
        1500.0,
        None,
        "7",
        "2018-06-13",
    ]


PLAIN_SCALARS = (
    "yes off on no y n true True FALSE null Null ~ 012 0o17 0x1F 0b101 1_000 1_0.5 -0 +12 1e3 "
    ".5 1. -.inf .NaN .nan 1.5e3 12:30 0.8 80% 2018 v2"
).split()


@pytest.mark.parametrize("plain", PLAIN_SCALARS)
def test_the_reader_reads_a_plain_value_as_ruamel_yaml_reads_it(plain):
    # One set of YAML rules: the reader's values are those of the round trip that
    # kg import and kg link edit the same files with.
    from ruamel.yaml import YAML

    edited = YAML(typ="rt").load(f"k: {plain}\n")["k"]
    read = load_yaml(f"k: {plain}\n")["k"]
    if isinstance(edited, float) and edited != edited:  # NaN
        assert read != read
    else:
        # the round trip keeps a number's spelling in a subclass (HexInt, ScalarFloat)
        assert read == edited and isinstance(edited, type(read)), (read, edited)


def test_a_date_stays_text_for_the_reader_to_check_with_its_line():
    assert load_yaml("d: 2018-06-13\n")["d"] == "2018-06-13"


def test_a_duplicate_key_is_a_problem_with_its_line(write_data):
    text = BRIEF_YAML.replace("    sign: increases\n", "    sign: increases\n    sign: up\n", 1)
    _corpus, problems = kg.read_corpus(write_data(brief=text))
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (line_of(text, "sign: up"), "is not valid YAML")
    ]


# ---------------------------------------------------------------- a folder of one's own


def test_init_data_dir_starts_a_folder_that_new_brief_and_import_fill(in_tmp, monkeypatch):
    folder = init_data_dir(in_tmp / "mine", title="My factors")
    assert (folder / "briefs").is_dir()
    corpus_problems: list = []
    factors, title, language, _raw = reader_module.read_factors(
        folder / "factors.yaml", corpus_problems
    )
    assert (factors, title, language, corpus_problems) == ({}, "My factors", "en", [])
    with pytest.raises(OutputExists, match="is not an empty folder"):
        init_data_dir(folder)
    monkeypatch.chdir(folder)  # working inside the folder: no need to name it again
    path = new_brief("first-brief", title="First", authors=["A. Author"], publisher="P")
    assert path.resolve() == (folder / "briefs" / "first-brief.yaml").resolve()
    sheet = in_tmp / "claims.csv"
    sheet.write_text(
        HEADER + ",group\nCoastal costs,Inland jobs,+,hedged,0.6,1,"
        "Dearer coasts may move jobs inland.,economic\n",
        "utf-8",
    )
    result = import_sheet(sheet, "first-brief")
    assert result.brief_status == "filled" and len(result.new_factors) == 2
    text = (folder / "factors.yaml").read_text(encoding="utf-8")
    assert "factors:\n" in text and "- id: coastal-costs" in text  # a block list, not [{...}]
    report = kg.validate(folder)
    assert {p.field for p in report.problems} == {"date"}, report.text()


def test_init_data_dir_refuses_a_bad_language(in_tmp):
    with pytest.raises(InvalidParameter):
        init_data_dir(in_tmp / "x", language="English")
    assert not (in_tmp / "x").exists()


def test_ruamel_keeps_comments_where_kg_edits_them():
    problems = ruamel_layout_problems()
    assert problems == [], (
        "the installed ruamel.yaml lays out comments differently from the versions kg was "
        "tested with (see the pin in pyproject.toml): " + "; ".join(problems)
    )
