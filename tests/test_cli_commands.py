"""The command line as a new user meets it: one error style, kg init, kg link's subcommands."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import SHIPPED_DATA

from kg.cli import main


@pytest.fixture
def kg_run():
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], prog_name="kg", input=input)

    return run


def test_usage_errors_and_kg_errors_read_alike(kg_run):
    usage = kg_run("chains", "only-one-name")
    assert usage.exit_code == 2
    assert usage.stderr.splitlines() == [
        "kg: error: Missing argument 'TARGET'. (see `kg chains --help`)"
    ]
    unknown = kg_run("chains", "no such factor", "return migration", "--data", SHIPPED_DATA)
    assert unknown.exit_code == 2
    assert len(unknown.stderr.splitlines()) == 1
    assert unknown.stderr.startswith("kg: error: unknown factor 'no such factor'")


def test_library_wording_becomes_flags(kg_run, write_data):
    data = write_data()
    sheet = data.parent / "claims.csv"
    assert kg_run("import", "--template", sheet).exit_code == 0
    again = kg_run("import", "--template", sheet)
    assert again.exit_code == 2
    assert "pass --force" in again.stderr and "set force" not in again.stderr


def test_init_new_import_validate_in_a_fresh_folder(kg_run, in_tmp):
    started = kg_run("init", "mine")
    assert started.exit_code == 0, started.output
    assert (in_tmp / "mine" / "factors.yaml").is_file()
    assert kg_run("init", "mine").exit_code == 2  # holds files now
    new = kg_run(
        "new", "b1", "--data", "mine", "--title", "A brief", "--author", "A. Analyst",
        "--publisher", "An institute", "--date", "2024-01-02", "--synthetic",
    )  # fmt: skip
    assert new.exit_code == 0, new.output
    sheet = in_tmp / "claims.csv"
    sheet.write_text(
        "cause,effect,sign,modality,confidence,point,paraphrase\n"
        "Land prices,Firm relocation,increases,asserted,0.8,1,Dearer land moves firms out.\n",
        encoding="utf-8",
    )
    imported = kg_run("import", sheet, "--brief", "b1", "--data", "mine", "--group", "economic")
    assert imported.exit_code == 0, imported.output
    checked = kg_run("validate", "--data", "mine")
    assert checked.exit_code == 0, checked.output


def test_import_refuses_a_typo_unless_confirmed(kg_run, in_tmp):
    import shutil

    shutil.copytree(SHIPPED_DATA, in_tmp / "data")
    assert kg_run("new", "b2", "--title", "T", "--author", "A", "--publisher", "P",
                  "--date", "2024-01-02", "--synthetic").exit_code == 0  # fmt: skip
    sheet = in_tmp / "typo.csv"
    sheet.write_text(
        "cause,effect,sign,modality,confidence,point,paraphrase\n"
        "Hinterland economic takeof,Return migration,increases,asserted,0.7,1,Growth draws people.\n",
        encoding="utf-8",
    )
    refused = kg_run("import", sheet, "--brief", "b2", "--group", "economic")
    assert refused.exit_code == 1
    assert "Hinterland economic takeoff" in refused.stderr
    assert "confirm the name as a new factor (--new-factor NAME)" in refused.stderr
    assert "new_factors" not in refused.stderr
    ungrouped = kg_run(
        "import", sheet, "--brief", "b2", "--new-factor", "Hinterland economic takeof"
    )
    assert ungrouped.exit_code == 1
    assert "or 'group' column, or pass --group GROUP; or use an existing factor" in ungrouped.stderr
    confirmed = kg_run(
        "import", sheet, "--brief", "b2", "--group", "economic",
        "--new-factor", "Hinterland economic takeof",
    )  # fmt: skip
    assert confirmed.exit_code == 0, confirmed.output


def test_link_subcommands_and_the_old_spellings(kg_run, in_tmp):
    from helpers import make_linked_data

    data = make_linked_data(in_tmp / "data")
    out = in_tmp / "proposals.csv"
    proposed = kg_run("link", "propose", "--data", data, "--out", out)
    assert proposed.exit_code == 0, proposed.output
    assert "kg link accept" in proposed.stdout
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) > 1
    header, first = rows[0], rows[1]
    out.write_text(header + "\nreject" + first[first.index(",") :] + "\n", encoding="utf-8")
    accepted = kg_run("link", "accept", out, "--data", data)
    assert accepted.exit_code == 0, accepted.output
    old = kg_run("link", "--data", data, "--accept", out)
    assert old.exit_code == 0
    assert "`kg link --accept` is now `kg link accept FILE`" in old.stderr
    # The old default spelling still proposes, without a note.
    plain = kg_run("link", "--data", data, "--format", "json")
    assert plain.exit_code == 0 and plain.stderr == ""


def test_cli_defaults_equal_the_library_defaults():
    from kg.analysis.chains import DEFAULT_BUDGET
    from kg.cli.linking import MIN_SCORE_DEFAULT
    from kg.linking.proposals import MIN_SCORE

    assert MIN_SCORE_DEFAULT == MIN_SCORE
    chains = main.commands["chains"]
    budget = next(p for p in chains.params if p.name == "budget")
    assert f"[default: {DEFAULT_BUDGET}]" in budget.help
