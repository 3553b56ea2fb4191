"""A brief without writing RDF: `kg new` (kg.authoring.scaffold) and `kg import` (kg.authoring.sheets)."""

from __future__ import annotations

import pytest
from helpers import BRIEF_ID, FACTORS_YAML
from ruamel.yaml import YAML

import kg
from kg.authoring.scaffold import new_brief
from kg.authoring.sheet_columns import COLUMNS, sheet_template
from kg.authoring.sheets import import_sheet
from kg.errors import BriefExists, InvalidSheet, OutputExists

# Messy headers (case, spacing, underscores, a note in brackets, a trailing *),
# a quoted comma, Chinese place names, blank lines and CRLF line ends.
MESSY = (
    " Cause ,EFFECT,Sign*,modality,Confidence,Time_Scope,  locator ,Paraphrase (own words),"
    "Evidence,cause group\r\n"
    "\r\n"
    'production costs,firm relocation,+,hedged,60%,since 2015,point 2,"Dearer inputs, above all '
    'land, may push firms out of 上海.",Survey of firms,\r\n'
    "\r\n"
    'Relocation of firms,Jobs in 成都 and 重庆,increases,Asserted,0.8,,"Section 3, point 3",Firms that move '
    "west bring jobs to the two western hubs.,,\r\n"
    "Land prices in 深圳,input-costs,+,hedged,0.6,,p. 4,Rising land prices in the south feed into "
    "what firms pay.,,economic\r\n"
    ",,,,,,,,,\r\n"
)


def write(path, text: str):
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture
def data(write_data):
    return write_data()


def test_messy_sheet_is_imported(data, in_tmp):
    sheet = write(in_tmp / "claims.csv", MESSY)
    result = import_sheet(sheet, "new-brief", data, group="spatial")
    assert result.written and len(result.claims) == 3
    assert result.matched == {"production costs": "input-costs", "firm relocation": "relocation"}
    new = {f.label: (f.group, f.rows) for f in result.new_factors}
    assert new == {
        "Jobs in 成都 and 重庆": ("spatial", [5]),
        "Land prices in 深圳": ("economic", [6]),
    }
    assert all(f.id.isascii() for f in result.new_factors)

    yaml = YAML(typ="safe")
    brief = yaml.load((data / "briefs" / "new-brief.yaml").read_text(encoding="utf-8"))
    first, second, third = brief["claims"]
    assert first["cause"] == "input-costs" and first["effect"] == "relocation"
    assert first["sign"] == "increases" and first["confidence"] == 0.6
    assert first["paraphrase"] == "Dearer inputs, above all land, may push firms out of 上海."
    assert first["point"] == 2 and first["time_scope"] == "since 2015"
    assert first["evidence"] == ["Survey of firms"]
    assert second["modality"] == "asserted" and second["locator"] == "Section 3, point 3"
    assert second["point"] == 3
    assert third["point"] == 4
    factors = yaml.load((data / "factors.yaml").read_text(encoding="utf-8"))["factors"]
    added = [f for f in factors if f.get("review")]
    assert [f["label"] for f in added] == ["Jobs in 成都 and 重庆", "Land prices in 深圳"]
    assert all(f["definition"].startswith("Awaiting review") for f in added)
    # The original entries and their layout are untouched.
    assert (data / "factors.yaml").read_text(encoding="utf-8").startswith(FACTORS_YAML)

    # The brief validates once its metadata is filled in.
    text = (data / "briefs" / "new-brief.yaml").read_text(encoding="utf-8")
    text = text.replace("  title:", "  title: Imported brief").replace(
        "  authors:", "  authors: [Tester]"
    )
    text = text.replace("  publisher:", "  publisher: Test Institute").replace(
        "  date:", "  date: 2024-02-03"
    )
    (data / "briefs" / "new-brief.yaml").write_text(text, encoding="utf-8")
    report = kg.validate(data)
    assert report.conforms, report.text()


def test_each_malformed_row_is_reported_and_nothing_is_written(data, in_tmp):
    sheet = write(
        in_tmp / "bad.csv",
        "cause,effect,sign,modality,confidence,locator,paraphrase\n"
        "input costs,relocation,+,asserted,0.8,point 1,A good claim about costs here.\n"
        "\n"
        "input costs,relocation,sideways,asserted,0.8,point 1,A claim with a bad sign here.\n"
        "input costs,relocation,+,asserted,1.7,point 1,A claim with a bad confidence.\n"
        "input costs,input costs,+,asserted,0.8,point 1,A claim that loops on itself.\n"
        'input costs,relocation,+,asserted,0.8,point 1,"Too many cells",extra\n'
        "input costs,relocation,+,reported,0.5,,Reported without a source or place.\n"
        "mystery factor,relocation,+,hedged,0.6,point 2,A new factor without any group.\n",
    )
    factors_before = (data / "factors.yaml").read_bytes()
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "bad-brief", data)
    found = [(p.record, p.field) for p in caught.value.report.problems]
    assert found == [
        ("row 4", "sign"),
        ("row 5", "confidence"),
        ("row 6", "effect"),
        ("row 7", "column 8 (H)"),  # the extra cell's position
        ("row 8", "attributed to"),
        ("row 8", "locator"),
        ("row 9", "cause"),
    ]
    assert all(p.path.endswith("bad.csv") for p in caught.value.report.problems)
    assert not (data / "briefs" / "bad-brief.yaml").exists()
    assert (data / "factors.yaml").read_bytes() == factors_before


def test_problem_line_is_the_row_start_when_cells_span_lines(data, in_tmp):
    sheet = write(
        in_tmp / "multi.csv",
        "cause,effect,sign,modality,confidence,locator,paraphrase\n"
        'input costs,relocation,+,asserted,0.8,point 1,"A paraphrase\nover two lines here."\n'
        "input costs,relocation,+,asserted,2,point 1,A claim with a bad confidence.\n",
    )
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "multi", data)
    (problem,) = caught.value.report.problems
    assert (problem.record, problem.line, problem.field) == ("row 3", 4, "confidence")
    assert str(problem).startswith("multi.csv:4: row 3: confidence:")


@pytest.mark.parametrize(
    "header, field",
    [
        ("cause,effect,sign,modality,confidence,locator,paraphrase,colour", "colour"),
        ("cause,effect,sign,modality,confidence,locator,paraphrse", "paraphrse"),
        ("cause,effect,sign,modality,locator,paraphrase", "confidence"),
        ("cause,effect,sign,modality,confidence,paraphrase", "locator (or point)"),
    ],
)
def test_header_problems(header, field, data, in_tmp):
    sheet = write(in_tmp / "h.csv", header + "\n")
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "h", data)
    assert field in [p.field for p in caught.value.report.problems]


def test_semicolons_and_tabs_are_understood(data, in_tmp):
    text = "cause;effect;sign;modality;confidence;point;paraphrase\ninput costs;relocation;+;asserted;0,8;1;Costs push firms away from home.\n"
    result = import_sheet(write(in_tmp / "semi.csv", text), "semi", data)
    assert result.claims[0]["confidence"] == 0.8
    tsv = text.replace(";", "\t").replace("0,8", "0.8")
    assert import_sheet(write(in_tmp / "tabs.tsv", tsv), "tabs", data).written


def test_an_existing_brief_needs_force(data, in_tmp):
    sheet = write(
        in_tmp / "one.csv",
        "cause,effect,sign,modality,confidence,point,paraphrase\n"
        "input costs,relocation,+,asserted,0.8,1,Costs push firms away from home.\n",
    )
    before = (data / "briefs" / f"{BRIEF_ID}.yaml").read_bytes()
    with pytest.raises(BriefExists):
        import_sheet(sheet, BRIEF_ID, data)
    assert (data / "briefs" / f"{BRIEF_ID}.yaml").read_bytes() == before
    result = import_sheet(sheet, BRIEF_ID, data, force=True)
    assert result.brief_status == "replaced"
    document = YAML(typ="safe").load((data / "briefs" / f"{BRIEF_ID}.yaml").read_text("utf-8"))
    assert document["brief"]["title"] == "A test brief"  # the brief block is kept
    assert [o["id"] for o in document["observations"]] == ["firms-moving"]
    assert len(document["claims"]) == 1
    assert kg.validate(data).conforms


def test_kg_new_then_import_fills_the_skeleton(data, in_tmp, invoke):
    made = invoke(
        "new",
        "fresh",
        "--data",
        data,
        "--title",
        "Fresh: a brief",
        "--author",
        "Li, W.",
        "--publisher",
        "Test Institute",
        "--date",
        "2024-02-03",
        "--synthetic",
    )
    assert made.exit_code == 0, made.output
    again = invoke("new", "fresh", "--data", data)
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr
    sheet = write(
        in_tmp / "fresh.csv",
        "cause,effect,sign,modality,confidence,point,paraphrase\n"
        "input costs,relocation,-,hedged,0.6,1,Cheaper inputs may keep firms at home.\n",
    )
    result = invoke("import", sheet, "--brief", "fresh", "--data", data)
    assert result.exit_code == 0, result.output
    assert "brief skeleton" in result.stdout
    text = (data / "briefs" / "fresh.yaml").read_text(encoding="utf-8")
    assert "# Brief fresh, started with `kg new`." in text
    assert kg.validate(data).conforms
    brief = kg.read_corpus(data)[0].briefs["fresh"].brief
    assert brief.title == "Fresh: a brief" and brief.authors == ("Li, W.",) and brief.synthetic


def test_kg_new_leaves_required_fields_for_validate_to_point_at(data):
    new_brief("empty-one", data)
    report = kg.validate(data)
    assert {p.field for p in report.problems} == {"title", "authors", "publisher", "date"}


def test_dry_run_writes_nothing(data, in_tmp, invoke):
    sheet = write(in_tmp / "claims.csv", MESSY)
    before = (data / "factors.yaml").read_bytes()
    result = invoke(
        "import", sheet, "--brief", "dry", "--data", data, "--group", "spatial", "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Would write 3 claims")
    assert (data / "factors.yaml").read_bytes() == before and not (
        data / "briefs" / "dry.yaml"
    ).exists()


def test_bad_rows_through_the_command_exit_1(data, in_tmp, invoke):
    sheet = write(
        in_tmp / "bad.csv",
        "cause,effect,sign,modality,confidence,point,paraphrase\nx,y,+,asserted,0.8,1,short\n",
    )
    result = invoke("import", sheet, "--brief", "bad", "--data", data)
    assert result.exit_code == 1
    assert "bad.csv:2: row 2: paraphrase: is too short" in result.stderr
    assert "nothing was written" in result.stderr


def test_template_lists_every_documented_column(in_tmp, invoke):
    result = invoke("import", "--template", "sheet.csv")
    assert result.exit_code == 0
    assert (in_tmp / "sheet.csv").read_bytes() == sheet_template().encode("utf-8")
    assert sheet_template().strip().split(",") == [c.name for c in COLUMNS]
    assert invoke("import", "--template", "sheet.csv").exit_code == 2  # never replaced silently


def test_writing_commands_never_fall_back_to_the_shipped_data(in_tmp):
    with pytest.raises(kg.DataNotFound):
        new_brief("anything")


def test_atomic_write_refuses_foreign_brief(data):
    with pytest.raises(OutputExists):
        new_brief(BRIEF_ID, data)


def test_a_new_name_used_in_several_rows_makes_one_factor(data, in_tmp):
    sheet = write(
        in_tmp / "repeat.csv",
        "cause,effect,sign,modality,confidence,point,paraphrase,cause group\n"
        "Hukou easing,relocation,+,hedged,0.6,3.0,Easier registration may let firms move.,social policy\n"
        "hukou  EASING,local growth,+,hedged,0.6,4,Easier registration may lift local growth.,\n",
    )
    result = import_sheet(sheet, "repeat", data)
    assert [(f.id, f.rows) for f in result.new_factors] == [("hukou-easing", [2, 3])]
    assert [c["cause"] for c in result.claims] == ["hukou-easing", "hukou-easing"]
    assert result.claims[0]["point"] == 3  # spreadsheets write whole numbers as 3.0
    clash = write(
        in_tmp / "clash.csv",
        "cause,effect,sign,modality,confidence,point,paraphrase,cause group\n"
        "New idea,relocation,+,hedged,0.6,1,A new idea may move firms elsewhere.,economic\n"
        "new idea,local growth,+,hedged,0.6,2,A new idea may lift local growth too.,social\n",
    )
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(clash, "clash", data)
    assert [(p.record, p.field) for p in caught.value.report.problems] == [("row 3", "cause group")]


# ---------------------------------------------------------------- regression tests

HEADER = "cause,effect,sign,modality,confidence,point,paraphrase"


def test_a_name_with_trailing_punctuation_matches_the_factor(data, in_tmp):
    """`Production costs.` is the alternative label `production costs`, not a new factor."""
    sheet = write(
        in_tmp / "dot.csv",
        HEADER + "\nProduction costs.,Relocation of firms!,+,asserted,0.8,1,Dearer inputs push "
        "firms to move.\n",
    )
    result = import_sheet(sheet, "dot", data, group="economic")
    assert result.new_factors == []
    assert (result.claims[0]["cause"], result.claims[0]["effect"]) == ("input-costs", "relocation")


def test_a_new_factor_id_never_equals_another_factors_name(data, in_tmp):
    """`Production/costs` names no factor; its id must not be `production-costs`, which the
    alternative label `production costs` of input-costs already is."""
    sheet = write(
        in_tmp / "slash.csv",
        HEADER + ",group\nProduction/costs,relocation,+,asserted,0.8,1,Dearer inputs push "
        "firms to move.,economic\n",
    )
    confirmed = ["Production/costs"]  # one letter from `production costs`: confirmed as new
    (new,) = import_sheet(sheet, "slash", data, dry_run=True, new_factors=confirmed).new_factors
    assert new.id != "production-costs" and new.label == "Production/costs"
    assert import_sheet(sheet, "slash", data, new_factors=confirmed).written
    text = (data / "briefs" / "slash.yaml").read_text(encoding="utf-8")
    text = text.replace("  title:", "  title: T").replace("  authors:", "  authors: [A]")
    text = text.replace("  publisher:", "  publisher: P").replace("  date:", "  date: 2024-01-02")
    (data / "briefs" / "slash.yaml").write_text(text, encoding="utf-8")
    assert kg.validate(data).conforms, kg.validate(data).text()


def test_years_without_a_time_scope_are_reported_by_row(data, in_tmp, invoke):
    sheet = write(
        in_tmp / "years.csv",
        HEADER + ",start year,end year,time scope\n"
        "input costs,relocation,+,asserted,0.8,1,Dearer inputs push firms to move.,2010,,\n"
        "input costs,relocation,+,asserted,0.8,1,Dearer inputs push firms out.,2010,2015,since 2010\n"
        "input costs,relocation,+,asserted,0.8,1,Dearer inputs push firms away.,,2012,\n",
    )
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "years", data)
    assert [(p.record, p.field) for p in caught.value.report.problems] == [
        ("row 2", "start year"),
        ("row 4", "end year"),
    ]
    result = invoke("import", sheet, "--brief", "years", "--data", data)
    assert result.exit_code == 1
    assert "years.csv:2: row 2: start year: is given without a time scope" in result.stderr
    assert "bug in kg" not in result.stderr and "nothing was written" in result.stderr


def test_problems_found_on_reading_back_are_reported_by_row(write_data, in_tmp, invoke):
    """The brief's observation is broken (paraphrase too short), so the reader drops it and the
    claim that cites it fails on reading back: a sheet problem of row 2 (exit 1), not a bug."""
    from helpers import BRIEF_YAML

    broken = BRIEF_YAML.replace("Many firms have moved away from the old centres.", "short")
    data = write_data(brief=broken)
    sheet = write(
        in_tmp / "cites.csv",
        HEADER + ",supported by\ninput costs,relocation,+,asserted,0.8,1,Dearer inputs push "
        "firms to move.,firms-moving\n",
    )
    result = invoke("import", sheet, "--brief", BRIEF_ID, "--data", data, "--force")
    assert result.exit_code == 1, result.output
    assert "cites.csv:2: row 2: supported by:" in result.stderr
    assert "bug in kg" not in result.stderr


def test_extra_cells_name_their_column_and_unheaded_cells_are_reported(data, in_tmp):
    sheet = write(
        in_tmp / "cells.csv",
        "cause,effect,,sign,modality,confidence,point,paraphrase\n"
        "input costs,relocation,,+,asserted,0.8,1,Dearer inputs push firms to move.\n"
        "input costs,relocation,note,+,asserted,0.8,1,Dearer inputs push firms out.\n"
        "input costs,relocation,,+,asserted,0.8,1,Dearer inputs push firms away.,,x\n",
    )
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "cells", data)
    found = [(p.record, p.field, p.message) for p in caught.value.report.problems]
    assert found == [
        ("row 3", "column 3 (C)", "holds text under a column with no header"),
        ("row 4", "column 10 (J)", "holds text beyond the header's 8 columns"),
    ]


def test_byte_order_mark_non_utf8_and_empty_sheets(data, in_tmp):
    text = HEADER + "\ninput costs,relocation,+,asserted,0.8,1,Dearer inputs push firms to move.\n"
    bom = in_tmp / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert import_sheet(bom, "bom", data).written
    latin = in_tmp / "latin.csv"
    latin.write_bytes(
        (text + "input costs,relocation,+,asserted,0.8,2,Caf\xe9 costs move firms.\n").encode(
            "latin-1"
        )
    )
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(latin, "latin", data)
    (problem,) = caught.value.report.problems
    assert (problem.line, problem.message) == (3, "is not UTF-8 text")
    for name, content, message in (
        ("empty.csv", "", "has no header row"),
        ("blank.csv", "\n\n", "has no header row"),
        ("header.csv", HEADER + "\n", "holds no claims"),
    ):
        with pytest.raises(InvalidSheet) as caught:
            import_sheet(write(in_tmp / name, content), "empty", data)
        assert [p.message for p in caught.value.report.problems] == [message]
    assert not (data / "briefs" / "latin.yaml").exists()
    assert not (data / "briefs" / "empty.yaml").exists()


def test_force_replaces_the_comments_of_the_old_claims(data, in_tmp):
    sheet = write(
        in_tmp / "one.csv",
        HEADER + "\ninput costs,relocation,+,asserted,0.8,1,Dearer inputs push firms to move.\n",
    )
    import_sheet(sheet, BRIEF_ID, data, force=True)
    path = data / "briefs" / f"{BRIEF_ID}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("claims:\n", "claims:\n  # a note on the old claims\n"), "utf-8")
    other = write(in_tmp / "two.csv", (in_tmp / "one.csv").read_text(encoding="utf-8"))
    import_sheet(other, BRIEF_ID, data, force=True)
    import_sheet(other, BRIEF_ID, data, force=True)
    text = path.read_text(encoding="utf-8")
    assert "Row 2 of one.csv" not in text and "a note on the old claims" not in text
    assert text.count("# Row 2 of two.csv") == 1
    assert "    concerns: [relocation]" in text  # the observations are kept
    assert kg.validate(data).conforms


def test_refusals_say_why_the_file_is_kept(data, in_tmp, invoke):
    new_brief("kept", data)
    again = invoke("new", "kept", "--data", data)
    assert again.exit_code == 2
    assert "already exists; pass --force" in again.stderr
    assert "--out" not in again.stderr and "not written by kg" not in again.stderr
    write(in_tmp / "sheet.csv", "mine\n")
    template = invoke("import", "--template", "sheet.csv")
    assert template.exit_code == 2 and "--out" not in template.stderr
    assert "already exists; give another file name, or pass --force" in template.stderr


# factors.yaml laid out differently from the shipped file: four-space indents,
# dashes at the margin, comments between, inside and after the entries.
OWN_LAYOUT = """\
# Our factors, laid out our way.
scheme:
    title: Test factors   # the scheme's name
    language: en

factors:
# --- costs ---
-   id: input-costs
    label: Input costs
    alt_labels: [production costs]
    definition: What firms pay for labour and land. More means higher costs.
    group: economic
    review: true  # check with Li

# --- movement ---
-   id: relocation
    label: Relocation of firms
    alt_labels:
    -   firm relocation
    definition: >-
        Firms moving elsewhere. More
        means more firms moving.
    group: spatial   # spatial for now
-   id: local-growth
    label: Local growth
    definition: Economic expansion in the receiving region. More means faster growth.
    group: economic
# the end
"""


def test_import_keeps_the_indentation_and_comments_of_factors_yaml(write_data, in_tmp):
    import difflib

    text = OWN_LAYOUT
    data = write_data(factors=text)
    assert [p for p in kg.read_corpus(data)[1] if p.path.endswith("factors.yaml")] == []
    sheet = write(
        in_tmp / "new.csv",
        HEADER + ",group\nInput costs,Something new,+,asserted,0.8,1,Dearer inputs lead to "
        "something new.,economic\n",
    )
    import_sheet(sheet, "fresh", data)
    after = (data / "factors.yaml").read_text(encoding="utf-8")
    diff = [
        d
        for d in difflib.ndiff(text.splitlines(), after.splitlines())
        if d.startswith(("-", "+", "?"))
    ]
    assert not [d for d in diff if not d.startswith("+")], diff  # nothing changed or removed
    assert "+ -   id: something-new" in diff and "+     review: true" in diff
    assert [p for p in kg.read_corpus(data)[1] if p.path.endswith("factors.yaml")] == []


def test_an_import_that_cannot_write_one_of_its_files_writes_neither(data, in_tmp, monkeypatch):
    # The brief and factors.yaml are written all or nothing: the second file failing to
    # stage leaves the first unwritten too (and no temporary file behind).
    import kg.io.files
    from kg.errors import WriteFailed

    sheet = write(in_tmp / "claims.csv", MESSY)
    before = (data / "factors.yaml").read_bytes()
    files = sorted(p.relative_to(data) for p in data.rglob("*"))
    staged = []
    real = kg.io.files._stage

    def stage(path, payload, durable=True):
        if path.name == "factors.yaml":
            raise WriteFailed(path, "No space left on device")
        staged.append(path)
        return real(path, payload, durable)

    monkeypatch.setattr(kg.io.files, "_stage", stage)
    with pytest.raises(WriteFailed):
        import_sheet(sheet, "new-brief", data, group="spatial")
    assert staged == [data / "briefs" / "new-brief.yaml"]  # the brief was staged first
    assert not (data / "briefs" / "new-brief.yaml").exists()
    assert (data / "factors.yaml").read_bytes() == before
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == files


def test_the_scheme_about_to_be_written_is_read_back(data, in_tmp, monkeypatch):
    # What the import writes into factors.yaml goes through kg's reader first: a new factor
    # the reader would not find stops the import before anything is written.
    import kg.authoring.sheet_writing as writing
    from kg.errors import InvalidData

    sheet = write(in_tmp / "claims.csv", MESSY)
    before = (data / "factors.yaml").read_bytes()
    monkeypatch.setattr(writing, "checked_factors", lambda path, text: {})
    with pytest.raises(InvalidData) as caught:
        import_sheet(sheet, "new-brief", data, group="spatial")
    [problem] = caught.value.report.problems
    assert "would not hold the new factor" in problem.message
    assert not (data / "briefs" / "new-brief.yaml").exists()
    assert (data / "factors.yaml").read_bytes() == before
