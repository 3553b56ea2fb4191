"""The bounded readers from Python: limits as parameters, aliases, depth, links, IRIs, temp files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from helpers import BRIEF_YAML, FACTORS_YAML, dead_pid

from kg.authoring.loading import YamlSyntaxError, load_yaml
from kg.authoring.reader import read_corpus
from kg.authoring.sheet_reading import read_sheet_text
from kg.datafolder import brief_path
from kg.errors import DataNotFound, OutputExists
from kg.io.files import PREFIX_BYTES, atomic_write, read_prefix, remove_stale_temps, written_by_kg
from kg.io.iri import iri_problem
from kg.io.limits import ReadLimits, current_limits, reading_limits


def _laughs(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_aliases_are_shared_not_copied_within_the_bound():
    doc = load_yaml("a: &x [1, 2]\nb: *x\n")
    assert doc["b"] == [1, 2] and doc["b"] is doc["a"]


def test_aliases_that_expand_past_the_bound_are_refused_at_their_line():
    text = _laughs(5)  # 10 + 100 + ... + 100,000 values
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text, ReadLimits(max_values=50_000))
    assert caught.value.line == 5
    assert "more than 50,000 values" in caught.value.problem
    assert load_yaml(text, ReadLimits(max_values=200_000))["a4"]


@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_nesting_is_refused_in_one_line_however_deep(depth):
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("a: " + "[" * depth + "]" * depth)
    assert "nest" in caught.value.problem


def test_block_nesting_past_the_depth_limit_names_the_limit_and_line():
    text = "".join("  " * i + f"k{i}:\n" for i in range(12))
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text, ReadLimits(max_depth=10))
    assert caught.value.line == 11
    assert "deeper than 10 levels" in caught.value.problem
    assert load_yaml(text, ReadLimits(max_depth=12))


def test_the_size_limit_is_a_parameter_and_a_context(tmp_path):
    data = tmp_path / "data"
    (data / "briefs").mkdir(parents=True)
    (data / "factors.yaml").write_text(FACTORS_YAML)
    (data / "briefs" / "test-brief.yaml").write_text(BRIEF_YAML)
    size = len(BRIEF_YAML.encode())
    _corpus, problems = read_corpus(data, limits=ReadLimits(max_file_size=size - 1))
    assert [p.message for p in problems if "test-brief" in p.path] == [
        f"is too large to read ({size:,} bytes, the limit is {size - 1:,} bytes)"
    ]
    with reading_limits(max_file_size=size - 1):
        assert read_corpus(data)[1]
    assert current_limits() == ReadLimits()
    assert not read_corpus(data)[1]


def test_a_link_that_loops_is_one_problem(tmp_path):
    data = tmp_path / "data"
    (data / "briefs").mkdir(parents=True)
    (data / "factors.yaml").write_text(FACTORS_YAML)
    (data / "briefs" / "test-brief.yaml").write_text(BRIEF_YAML)
    os.symlink("loop.yaml", data / "briefs" / "loop.yaml")
    _corpus, problems = read_corpus(data)
    assert [(p.path.rsplit("/", 1)[-1], p.message) for p in problems] == [
        ("loop.yaml", "is a symbolic link that loops")
    ]


def test_a_bad_brief_block_does_not_hide_the_claims_problems(tmp_path):
    data = tmp_path / "data"
    (data / "briefs").mkdir(parents=True)
    (data / "factors.yaml").write_text(FACTORS_YAML)
    broken = BRIEF_YAML.replace("  title:", "  untitled:", 1).replace(
        "confidence: 0.8", "confidence: 7", 1
    )
    assert broken != BRIEF_YAML
    (data / "briefs" / "test-brief.yaml").write_text(broken)
    fields = {p.field for p in read_corpus(data)[1]}
    assert {"title", "untitled", "confidence"} <= fields


def test_a_brief_is_found_under_either_ending_but_not_both(tmp_path):
    (tmp_path / "briefs").mkdir()
    assert brief_path(tmp_path, "x").name == "x.yaml"
    (tmp_path / "briefs" / "x.yml").write_text("")
    assert brief_path(tmp_path, "x").name == "x.yml"
    (tmp_path / "briefs" / "x.yaml").write_text("")
    with pytest.raises(DataNotFound, match="one brief twice"):
        brief_path(tmp_path, "x")


HEADER = "cause,effect,sign,modality,confidence,point,paraphrase"


def test_an_open_quote_is_a_problem_at_its_row_not_a_lost_row():
    rows = [f"a,b,increases,asserted,0.8,1,Row {i}" for i in range(6)]
    rows[1] = rows[1].replace("Row 1", '"Row 1')
    sheet = read_sheet_text("\n".join([HEADER, *rows]) + "\n")
    assert [(p.line, "quote" in p.message) for p in sheet.problems] == [(3, True)]


def test_a_short_row_and_a_row_past_the_limit_are_problems():
    sheet = read_sheet_text(HEADER + "\na,b,increases\n")
    assert sheet.problems[0].message == "has 3 cells where the header has 7"
    many = HEADER + "\n" + "a,b,increases,asserted,0.8,1,x\n" * 4
    with reading_limits(max_rows=3):
        sheet = read_sheet_text(many)
    assert sheet.rows == [] and "more than 3 rows" in sheet.problems[0].message


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("http://example.org/a>b", "'>' at character 21"),
        ("http://example.org/{x}", "'{' at character 20"),
        ("http://example.org/a b", "a space at character 21"),
        ("http://example.org/\x07", "U+0007"),
        ("http://example.org/%zz", "'%' at character 20"),
        ("mailto:someone@example.org", "not a web address"),
    ],
)
def test_an_iri_problem_names_the_character(text, named):
    assert named in iri_problem(text)


def test_a_write_removes_the_temporary_files_of_a_killed_writer(tmp_path):
    stale = tmp_path / f".out.txt.{dead_pid()}.abc.tmp"  # a writer killed midway
    stale.write_text("half")
    mine = tmp_path / f".out.txt.{os.getpid()}.def.tmp"
    mine.write_text("in progress")
    atomic_write(tmp_path / "out.txt", b"# Built by kg\n")
    assert not stale.exists() and mine.exists()
    assert remove_stale_temps(tmp_path / "out.txt") == []


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path):
    script = textwrap.dedent(
        f"""
        import os, signal
        import kg.io.files as files
        real = os.fsync
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGTERM)  # the signal arrives mid-write
            real(fd)
        os.fsync = fsync
        files.atomic_write({str(tmp_path / "out.txt")!r}, b"data")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_long_values_are_cut_in_messages_and_given_in_full_on_request(write_data, invoke):
    long_sign = "upwards" * 40  # 280 characters, not a sign
    data = write_data(brief=BRIEF_YAML.replace("sign: increases", f"sign: {long_sign}", 1))
    cut = invoke("validate", "--data", data)
    assert cut.exit_code == 1 and long_sign not in cut.output
    assert "(280 characters)" in cut.output
    assert max(len(line) for line in cut.output.splitlines()) < 400
    full = invoke("validate", "--data", data, "--full-values")
    assert full.exit_code == 1 and long_sign in full.output


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/full", "fifo"])
def test_an_output_that_is_a_device_or_fifo_is_refused_unread(tmp_path, device, force):
    target = tmp_path / "fifo" if device == "fifo" else device
    if device == "fifo":
        os.mkfifo(target)
    seen = []

    def ours(path):  # the "did kg write it?" check must never be asked about such a file
        seen.append(path)
        return True

    with pytest.raises(OutputExists, match="device|FIFO"):
        atomic_write(target, b"# Built by kg\n", force=force, ours=ours)
    assert seen == []
    assert sorted(p.name for p in tmp_path.iterdir()) == (["fifo"] if device == "fifo" else [])


def test_the_start_of_a_file_is_read_bounded_and_never_from_a_device(tmp_path):
    big = tmp_path / "big"
    big.write_bytes(b"# Built by kg" + b"x" * 1_000_000)
    assert read_prefix(big, 10) == b"# Built by"
    assert len(read_prefix(big, 10**9)) == PREFIX_BYTES
    assert written_by_kg(big)
    os.mkfifo(tmp_path / "pipe")
    assert read_prefix(tmp_path / "pipe") == b"" and read_prefix("/dev/zero") == b""
    assert not written_by_kg(tmp_path / "pipe")
