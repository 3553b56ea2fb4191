"""From kg extract to the graph: the sheet imports with kg import, only once a person
accepted each row, and the claims carry their provenance (PROV-O) into the built graph."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pyoxigraph as ox
import pytest
from ruamel.yaml import YAML

from kg import __version__
from kg.authoring.sheets import import_sheet
from kg.errors import EXIT_ERROR, EXIT_OK, InvalidSheet
from kg.extract import SHEET_COLUMNS
from kg.vocab import claim_iri

TEXT = (
    "Summary\n\n"
    "1. Rising input costs push firm relocation. The survey covered twelve provinces.\n\n"
    "2. Zhang argues that low local growth leads to more homecoming of workers.\n\n"
    "3. Cheap credit may boost county wages.\n"
)
PROV = "http://www.w3.org/ns/prov#"
CK = "https://w3id.org/briefkg/ontology#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture
def data(write_data):
    return write_data()


@pytest.fixture
def sheet(in_tmp, data, invoke):
    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = in_tmp / "claims.csv"
    result = invoke("extract", source, "--brief", "new-brief", "--data", data, "--out", out)
    assert result.exit_code == EXIT_OK, result.output
    assert "3 candidate claims from 4 sentences" in result.output
    return out


def read_rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def accept(path, name="A. Analyst"):
    rows = read_rows(path)
    for row in rows:
        row["accepted by"] = name
        row["paraphrase"] = f"The analyst restates row {row['start']} here."
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


def test_the_sheet_has_the_import_columns_and_the_evidence(sheet):
    rows = read_rows(sheet)
    assert tuple(rows[0]) == SHEET_COLUMNS
    by_cue = {r["cue"]: r for r in rows}
    push, lead, boost = by_cue["push"], by_cue["lead to"], by_cue["boost"]
    assert (push["cause"], push["effect"], push["sign"], push["modality"]) == (
        "Input costs",
        "Relocation of firms",
        "increases",
        "asserted",
    )
    # The sign calculus: low growth leads to more homecoming -> growth decreases homecoming.
    assert (lead["cause"], lead["effect"], lead["sign"]) == (
        "Local growth",
        "Homecoming of workers",
        "decreases",
    )
    assert (lead["cause as written"], lead["effect as written"]) == (
        "low local growth",
        "more homecoming of workers",
    )
    assert (lead["modality"], lead["attributed to"]) == ("reported", "Zhang")
    assert "'low' \u2212" in lead["sign reason"]
    assert (boost["modality"], boost["cause match"]) == ("hedged", "new factor")
    assert {r["extracted by"] for r in rows} == {f"kg {__version__} rules"}
    assert {r["accepted by"] for r in rows} == {""}
    # the source's words go under evidence; the paraphrase is left to the analyst
    assert {r["paraphrase"] for r in rows} == {""}
    assert all(r["evidence"] == r["sentence"] and r["evidence"] for r in rows)


def test_an_unaccepted_sheet_is_refused_whole(sheet, data):
    before = (data / "factors.yaml").read_bytes()
    with pytest.raises(InvalidSheet) as caught:
        import_sheet(sheet, "new-brief", data, group="economic")
    problems = caught.value.report.problems
    # each row: nobody accepted it, and nobody restated it in their own words
    assert len(problems) == 6
    assert {p.field for p in problems} == {"accepted by", "paraphrase"}
    assert all("machine-proposed" in p.message for p in problems if p.field == "accepted by")
    assert not (data / "briefs" / "new-brief.yaml").exists()
    assert (data / "factors.yaml").read_bytes() == before


def test_an_accepted_sheet_imports_validates_and_builds_with_provenance(
    sheet, data, invoke, in_tmp
):
    result = invoke("new", "new-brief", "--data", data, "--title", "New", "--author", "Ann",
                    "--publisher", "Inst", "--date", "2024-05-01", "--synthetic")  # fmt: skip
    assert result.exit_code == EXIT_OK, result.output
    rows = accept(sheet)
    result = invoke("import", sheet, "--brief", "new-brief", "--data", data, "--group", "economic")
    assert result.exit_code == EXIT_OK, result.output
    brief = YAML(typ="safe").load((data / "briefs" / "new-brief.yaml").read_text("utf-8"))
    first = brief["claims"][0]
    push = next(r for r in rows if r["cue"] == "push")
    assert first["extraction"] == {
        "tool": f"kg {__version__} rules",
        "cue": "push",
        "accepted_by": "A. Analyst",
        "sentence": push["sentence"],
        "source_sha256": push["source sha256"],
        "start": int(push["start"]),
        "end": int(push["end"]),
        "cause_as_written": "Rising input costs",
        "effect_as_written": "firm relocation",
    }
    assert TEXT[first["extraction"]["start"] : first["extraction"]["end"]] == push["sentence"]

    result = invoke("validate", "--data", data)
    assert result.exit_code == EXIT_OK, result.output
    result = invoke("build", "--data", data, "--out", in_tmp / "dist", "--store", "memory")
    assert result.exit_code == EXIT_OK, result.output
    store = ox.Store()
    store.load(path=str(in_tmp / "dist" / "kg.trig"), format=ox.RdfFormat.TRIG)
    claim = ox.NamedNode(str(claim_iri("new-brief", first["id"])))
    activity = next(
        iter(store.quads_for_pattern(claim, ox.NamedNode(PROV + "wasGeneratedBy"), None))
    ).object
    assert ox.NamedNode(CK + "Extraction") in {
        q.object for q in store.quads_for_pattern(activity, None, None)
    }
    cue = next(iter(store.quads_for_pattern(activity, ox.NamedNode(CK + "cue"), None))).object
    assert cue.value == "push"
    tool = next(
        iter(store.quads_for_pattern(activity, ox.NamedNode(PROV + "wasAssociatedWith"), None))
    ).object
    assert next(iter(store.quads_for_pattern(tool, RDFS_LABEL, None))).object.value == (
        f"kg {__version__} rules"
    )
    person = next(
        iter(store.quads_for_pattern(claim, ox.NamedNode(PROV + "wasAttributedTo"), None))
    ).object
    assert (
        next(iter(store.quads_for_pattern(person, RDFS_LABEL, None))).object.value == "A. Analyst"
    )


def test_a_bad_extraction_block_in_yaml_is_a_problem_with_its_line(data, invoke, write_data):
    from helpers import BRIEF_YAML

    brief = BRIEF_YAML.replace(
        "    supported_by: [firms-moving]\n",
        "    supported_by: [firms-moving]\n    extraction:\n      tool: kg 0.1.0 rules\n"
        "      cue: push\n",
    )
    data = write_data(brief=brief)
    result = invoke("validate", "--data", data)
    assert result.exit_code == 1
    line = brief.splitlines().index("    extraction:") + 1
    assert (
        f"test-brief.yaml:{line}: claim 'costs-drive-relocation': extraction: has no accepted_by"
        in result.output
    )


def test_against_marks_the_claims_the_brief_already_has(in_tmp, data):
    from kg.extract import extract

    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = extract(source, "new-brief", data, against="test-brief")
    marks = {c.candidate.cue: c.in_brief for c in result.claims}
    assert marks == {"push": "costs-drive-relocation", "lead to": "", "boost": ""}
    assert "1 already in brief test-brief" in result.summary()


def test_json_output_and_standard_output(in_tmp, data, invoke):
    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = invoke("extract", source, "--brief", "new-brief", "--data", data, "--format", "json")
    assert result.exit_code == EXIT_OK
    document = json.loads(result.stdout)
    assert document["kind"] == "text" and len(document["candidates"]) == 3
    assert document["candidates"][0]["source_sha256"] == document["source_sha256"]
    result = invoke("extract", source, "--brief", "new-brief", "--data", data)
    assert result.stdout.splitlines()[0] == ",".join(SHEET_COLUMNS)


def test_an_output_kg_did_not_write_is_kept_without_force(in_tmp, data, invoke, sheet):
    source = in_tmp / "brief.txt"
    mine = in_tmp / "notes.csv"
    mine.write_text("my own notes\n", encoding="utf-8")
    result = invoke("extract", source, "--brief", "new-brief", "--data", data, "--out", mine)
    assert result.exit_code == EXIT_ERROR
    assert result.output.startswith("kg: error: ") and "--force" in result.output
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    # Its own sheet it replaces; with --force any file.
    again = invoke("extract", source, "--brief", "new-brief", "--data", data, "--out", sheet)
    assert again.exit_code == EXIT_OK
    forced = invoke(
        "extract", source, "--brief", "new-brief", "--data", data, "--out", mine, "--force"
    )
    assert forced.exit_code == EXIT_OK and read_rows(mine)


def test_unknown_against_brief_is_one_line(in_tmp, data, invoke):
    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = invoke("extract", source, "--brief", "x", "--data", data, "--against", "nope")
    assert result.exit_code == EXIT_ERROR
    assert result.output.strip() == "kg: error: unknown brief 'nope'; known briefs: test-brief"


def test_extract_help_loads_no_pdf_html_or_sentence_library():
    code = (
        "import sys\nfrom kg.cli import main\n"
        "try:\n    main(['extract', '--help'], prog_name='kg')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pypdf', 'lxml', 'pysbd', 'pyoxigraph', 'rdflib') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "Example: kg extract" in done.stdout


def test_the_shapes_refuse_an_extraction_nobody_accepted():
    from rdflib import Graph

    from kg.validation.validate import shacl_check

    claim = claim_iri("b", "c")
    turtle = f"""
        @prefix ck: <{CK}> .
        @prefix prov: <{PROV}> .
        <{claim}> a ck:CausalClaim ; prov:wasGeneratedBy <{claim}/extraction> .
        <{claim}/extraction> a ck:Extraction .
    """
    messages = {p.message for p in shacl_check(Graph().parse(data=turtle, format="turtle"), {})}
    assert {m for m in messages if "extraction" in m} == {
        "A machine-proposed claim needs the analyst who accepted it: set `accepted_by` in its "
        "`extraction` block.",
        "An extraction names the kg version that ran it: set `tool` in the `extraction` block.",
        "An extraction names the one cue that fired: set `cue` in the `extraction` block.",
    }


def _edit(path, changes):
    """Set, row by row, the cells ``changes[i]`` holds; write the sheet back."""
    rows = read_rows(path)
    for row, change in zip(rows, changes, strict=False):
        row.update(change)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_each_bad_evidence_value_is_reported_under_its_own_column(sheet, data, invoke):
    accept(sheet)
    _edit(
        sheet,
        [{"start": "-5"}, {"end": str(10**30)}, {"source sha256": "../../etc/passwd"}],
    )
    result = invoke("import", sheet, "--brief", "new-brief", "--data", data, "--group", "economic")
    assert result.exit_code != EXIT_OK
    lines = [line for line in result.output.splitlines() if "claims.csv:" in line]
    assert len(lines) == 3, result.output
    for line, column in zip(lines, ("start", "end", "source sha256"), strict=True):
        assert f"row {lines.index(line) + 2}: {column}: " in line, line  # row 1 is the header


def test_an_end_before_its_start_is_reported_under_end(sheet, data, invoke):
    accept(sheet)
    _edit(sheet, [{"start": "30", "end": "10"}])
    result = invoke("import", sheet, "--brief", "new-brief", "--data", data, "--group", "economic")
    assert result.exit_code != EXIT_OK
    line = next(line for line in result.output.splitlines() if "comes before" in line)
    assert "end" in line.split("comes before")[0] and "extracted by" not in line


def test_each_analyst_is_a_distinct_person_whatever_the_script(sheet, data, invoke, in_tmp):
    result = invoke("new", "new-brief", "--data", data, "--title", "New", "--author", "Ann",
                    "--publisher", "Inst", "--date", "2024-05-01", "--synthetic")  # fmt: skip
    assert result.exit_code == EXIT_OK, result.output
    names = ["王芳", "李明", "!!!"]
    accept(sheet)
    _edit(sheet, [{"accepted by": name} for name in names])
    result = invoke("import", sheet, "--brief", "new-brief", "--data", data, "--group", "economic")
    assert result.exit_code == EXIT_OK, result.output
    result = invoke("build", "--data", data, "--out", in_tmp / "dist", "--store", "memory")
    assert result.exit_code == EXIT_OK, result.output
    store = ox.Store()
    store.load(path=str(in_tmp / "dist" / "kg.trig"), format=ox.RdfFormat.TRIG)
    people = {
        q.subject.value: next(
            iter(store.quads_for_pattern(q.subject, RDFS_LABEL, None))
        ).object.value
        for q in store.quads_for_pattern(None, None, ox.NamedNode(PROV + "Person"))
    }
    assert sorted(people.values()) == sorted(names)
    assert len(people) == 3
