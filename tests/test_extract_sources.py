"""kg extract's sources: offsets that point at the sentence in PDF, HTML and text, and
one clear line for what it cannot read (scans, encrypted PDFs, binary files, other languages)."""

from __future__ import annotations

import io

import pypdf
import pytest
from fpdf import FPDF
from helpers import FACTORS_YAML
from PIL import Image

from kg.errors import EXIT_ERROR, UnreadableFile
from kg.extract import extract, read_source
from kg.extract.sentences import document_sentences
from kg.extract.sources import parse_text

CAUSAL = "Rising input costs push firm relocation."
SECOND = "Low local growth leads to more homecoming of workers."
PLAIN = "The survey covered twelve provinces in 2017."


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a text layer: each page a list of paragraphs."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(6)
    return bytes(pdf.output())


@pytest.fixture
def data(write_data):
    return write_data(factors=FACTORS_YAML)


def sentence_at(doc, text: str):
    found = [s for s in document_sentences(doc) if s.text == text]
    assert len(found) == 1, [s.text for s in document_sentences(doc)]
    return found[0]


def check_candidates(path, data, expected: dict[str, tuple]):
    """Each candidate's offsets cut its own sentence out of the source's text."""
    result = extract(path, "new-brief", data)
    doc = read_source(path)
    rows = result.rows()
    assert {r["sentence"] for r in rows} == set(expected)
    for row in rows:
        assert doc.text[row["start"] : row["end"]] == row["sentence"]
        assert (row["point"], row["locator"]) == expected[row["sentence"]]
        assert row["source sha256"] == doc.digest
    return rows


def test_offsets_point_at_the_sentence_in_text(in_tmp, data):
    text = f"Costs and firms\n\n1. {PLAIN} {CAUSAL}\n\n2. {SECOND}\n"
    path = in_tmp / "brief.txt"
    path.write_text(text, encoding="utf-8")
    rows = check_candidates(
        path,
        data,
        {
            CAUSAL: (1, "Costs and firms, paragraph 1 (point 1)"),
            SECOND: (2, "Costs and firms, paragraph 2 (point 2)"),
        },
    )
    # For text the offsets count characters of the file itself.
    for row in rows:
        assert text[row["start"] : row["end"]] == row["sentence"]
    first = next(r for r in rows if r["sentence"] == CAUSAL)
    assert (first["cause"], first["effect"], first["cause match"]) == (
        "Input costs",
        "Relocation of firms",
        "label",
    )
    assert first["effect match"] == "alternative label"


def test_offsets_point_at_the_sentence_in_html(in_tmp, data):
    page = (
        "<!doctype html><html><head><title>T</title><style>p {color: red}</style>"
        "<script>var s = 'Rising input costs push firm relocation.';</script></head><body>"
        f"<h2>Costs &amp; firms</h2><p>{PLAIN} Rising input costs <em>push</em> firm "
        f"relocation.</p><h2>Workers</h2><ul><li>{SECOND}</li></ul></body></html>"
    )
    path = in_tmp / "brief.html"
    path.write_text(page, encoding="utf-8")
    check_candidates(
        path,
        data,
        {
            CAUSAL: (1, "Costs & firms, paragraph 1 (point 1)"),
            SECOND: (2, "Workers, paragraph 2 (point 2)"),
        },
    )


def test_offsets_point_at_the_sentence_in_pdf(in_tmp, data):
    path = in_tmp / "brief.pdf"
    path.write_bytes(make_pdf([["Summary", f"1. {PLAIN} {CAUSAL}"], [f"2. {SECOND}"]]))
    check_candidates(
        path,
        data,
        {
            CAUSAL: (1, "page 1, Summary, paragraph 1 (point 1)"),
            SECOND: (2, "page 2, Summary, paragraph 2 (point 2)"),
        },
    )


def test_a_text_without_causal_claims_gives_no_candidates(in_tmp, data):
    path = in_tmp / "plain.txt"
    path.write_text(
        f"{PLAIN} Most migrant workers are men in their forties. The report was published in "
        "June, and the county has three bus routes.\n",
        encoding="utf-8",
    )
    result = extract(path, "new-brief", data)
    assert result.claims == [] and result.sentences == 3


def scanned_pdf() -> bytes:
    image = Image.new("RGB", (400, 200), "white")
    for x in range(50, 350):
        image.putpixel((x, 100), (0, 0, 0))
    pdf = FPDF()
    pdf.add_page()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf.image(buffer, x=10, y=10, w=150)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf([[CAUSAL]])))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_SOURCES = {
    "scan.pdf": (scanned_pdf, "has no text layer (1 page of images, as a scan); run OCR"),
    "locked.pdf": (encrypted_pdf, "is an encrypted PDF that needs a password"),
    "data.bin": (lambda: bytes(range(256)) * 8, "is a binary file, not a PDF"),
    "latin1.txt": (lambda: "Caf\xe9 costs push firms.".encode("latin-1"), ":1: is not UTF-8"),
    "german.txt": (
        lambda: (
            "Steigende Kosten an der Küste treiben die Industrie ins Landesinnere. "
            "Die Rückkehr der Wanderarbeiter wächst seit Jahren stetig weiter."
        ).encode(),
        "does not read as English text",
    ),
    "chinese.txt": (
        lambda: "沿海成本上升推动产业向内地转移。返乡农民工数量逐年增加，带动了当地经济。".encode(),
        "does not read as English text",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_SOURCES))
def test_unreadable_sources_get_one_clear_line(in_tmp, data, invoke, name):
    make, message = BAD_SOURCES[name]
    path = in_tmp / name
    path.write_bytes(make())
    with pytest.raises(UnreadableFile) as caught:
        read_source(path)
    assert message in str(caught.value)
    out = in_tmp / "claims.csv"
    result = invoke("extract", path, "--brief", "new-brief", "--data", data, "--out", out)
    assert result.exit_code == EXIT_ERROR
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: {name}")
    assert message in lines[0] and "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_source_is_one_line(in_tmp, data, invoke):
    result = invoke("extract", in_tmp / "nope.pdf", "--brief", "new-brief", "--data", data)
    assert result.exit_code == EXIT_ERROR
    assert result.output.startswith("kg: error: ") and "No such file" in result.output


def test_long_paragraphs_are_split_in_windows_with_true_offsets():
    from kg.extract.sentences import WINDOW, split_sentences

    sentence = "Higher coastal costs lead to more return migration. "
    text = "Summary\n\n" + sentence * 500 + "x" * (3 * WINDOW) + " " + sentence
    doc = parse_text(text)
    (paragraph,) = doc.paragraphs
    found = split_sentences(paragraph)
    assert all(doc.text[s.start : s.end] == s.text for s in found)
    assert [s.text for s in found[:500]] == [sentence.strip()] * 500
    assert max(len(s.text) for s in found) <= WINDOW
    assert found[-1].text.endswith(sentence.strip())
    assert "".join(s.text for s in found).replace(" ", "") == paragraph.text.replace(" ", "")


def test_plain_text_lines_that_each_end_a_sentence_are_paragraphs_with_locators():
    doc = parse_text(
        "Drivers of return\n\n"
        "Higher coastal costs push firms inland.\n"
        "Return migration is influenced by family ties.\n"
        "\n"
        "A paragraph wrapped\nover two lines.\n"
    )
    assert [(p.text, p.locator) for p in doc.paragraphs] == [
        ("Higher coastal costs push firms inland.", "Drivers of return, paragraph 1 (point 1)"),
        (
            "Return migration is influenced by family ties.",
            "Drivers of return, paragraph 2 (point 2)",
        ),
        ("A paragraph wrapped\nover two lines.", "Drivers of return, paragraph 3 (point 3)"),
    ]
    assert all(doc.text[p.start : p.end] == p.text for p in doc.paragraphs)


def test_a_headline_is_a_section_and_no_claim_and_a_standfirst_is_a_paragraph():
    from kg.extract.sentences import document_sentences as sentences_of

    doc = parse_text(
        "High Rents in Coastal Cities Push Out Young Workers\n\n"
        "Young families are leaving the big coastal cities for good\n\n"
        "Rents rose by 4% in 2023.\n"
    )
    assert doc.paragraphs[0].section == "High Rents in Coastal Cities Push Out Young Workers"
    texts = [s.text for s in sentences_of(doc)]
    assert texts == [
        "Young families are leaving the big coastal cities for good",
        "Rents rose by 4% in 2023.",
    ]
