"""The text of a source document, with a locator for every paragraph.

A source is a PDF (text through pypdf), an HTML page saved to disk (text
through lxml, scripts and styles left out) or UTF-8 text. Each becomes one
:class:`SourceText`: the document's text and its paragraphs, each with the
page, section and paragraph number it came from and its character offsets in
that text. For plain text, the text is the file's own, so offsets count
characters of the file; for a PDF or HTML page they count characters of the
extracted text (:attr:`SourceText.text`), paragraphs separated by a blank line.

A paragraph that opens with a number (``1.``, ``- 2.``, ``(3)``) is a
numbered point, as in the executive summary of a brief; its number is the
paragraph's :attr:`~Paragraph.point`. Otherwise the point is the paragraph's
position in the document, so that every candidate cites a numbered place.

A source kg cannot read as English text is refused with one line
(:class:`~kg.errors.UnreadableFile`): a binary file, an encrypted PDF, a PDF
with no text layer (a scan), text that is not UTF-8, or text that is not
English.

>>> doc = parse_text("Costs\\n\\n1. Rising costs push firms inland. They move.\\n")
>>> [(p.point, p.section, p.text) for p in doc.paragraphs]
[(1, 'Costs', 'Rising costs push firms inland. They move.')]
>>> p = doc.paragraphs[0]; doc.text[p.start:p.end] == p.text
True
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UnreadableFile
from kg.io.limits import read_input

__all__ = ["Paragraph", "SourceText", "read_source", "parse_text", "parse_html", "parse_pdf"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its text, where it sits, and its offsets in the document's text."""

    text: str
    start: int
    end: int
    point: int
    paragraph: int
    section: str = ""
    page: int | None = None

    @property
    def locator(self) -> str:
        """Where the paragraph is, in words: ``page 2, Summary, paragraph 3 (point 1)``."""
        parts = [f"page {self.page}"] if self.page is not None else []
        if self.section:
            parts.append(self.section)
        parts.append(f"paragraph {self.paragraph} (point {self.point})")
        return ", ".join(parts)


@dataclass
class SourceText:
    """A source document as text: its kind, text, paragraphs and SHA-256 digest."""

    path: str
    kind: str  # "pdf", "html" or "text"
    text: str
    digest: str
    paragraphs: list[Paragraph] = field(default_factory=list)


#: A numbered point at the start of a paragraph: ``1.``, ``- 2.``, ``(3)``, ``4)``.
_NUMBERED = re.compile(r"^\s*(?:[-*\u2022]\s*)?\(?(\d{1,4})[.)]\s+")
#: Words so common in English that any English paragraph holds some.
_ENGLISH = frozenset(
    """the a an of to in and is are was were be by for on that this with as it its from at or
    not but which has have will would can may their they these than more""".split()
)


#: A line that ends a sentence.
_ENDS = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$")


def _is_heading(text: str) -> bool:
    """A short line with no closing punctuation, such as ``Executive Summary``.

    A longer line (more than six words) is a heading only in title case; in
    sentence case it is a subhead or standfirst, read as a paragraph.

    >>> _is_heading("Executive Summary"), _is_heading("High Rents in U.S. Cities Push Out Millennials")
    (True, True)
    >>> _is_heading("Young families are leaving the big coastal cities for good")
    False
    """
    if "\n" in text.strip() or len(text) > 80 or re.search(r"[.!?:;,]\s*$", text):
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) <= 6:
        return True
    capitals = sum(1 for w in words if w[:1].isupper() or len(w) <= 3)
    return capitals * 4 >= len(words) * 3


class _Builder:
    """Collects paragraphs into one text, numbering them and keeping their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.paragraphs: list[Paragraph] = []
        self.section = ""

    def heading(self, text: str) -> None:
        self.section = " ".join(text.split())

    def add(self, text: str, page: int | None = None, start: int | None = None) -> None:
        """Add a paragraph; ``start`` is its offset when the text is the file's own."""
        text = text.strip()
        if not text:
            return
        if start is None:
            if self.parts:
                self.parts.append("\n\n")
                self.length += 2
            start = self.length
            self.parts.append(text)
            self.length += len(text)
        number = len(self.paragraphs) + 1
        numbered = _NUMBERED.match(text)
        point = int(numbered.group(1)) if numbered else number
        if numbered:
            start += numbered.end()
            text = text[numbered.end() :]
        self.paragraphs.append(
            Paragraph(text, start, start + len(text), point, number, self.section, page)
        )


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _check_english(doc: SourceText, shown: str) -> SourceText:
    words = re.findall(r"[^\W\d_]+", doc.text.casefold())
    if not words:
        raise UnreadableFile(
            f"{shown} holds no text", "give a PDF with a text layer, an HTML page or a text file"
        )
    common = sum(1 for w in words if w in _ENGLISH)
    letters = [c for c in doc.text if c.isalpha()]
    latin = sum(1 for c in letters if ord(c) < 0x250)  # Latin letters, accented ones included
    if latin * 2 < len(letters) or (len(words) >= 8 and common / len(words) < 0.08):
        raise UnreadableFile(
            f"{shown} does not read as English text "
            f"({common} of {len(words)} words are common English words)",
            "kg extract reads English briefs only; give the English edition",
        )
    return doc


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    """Runs of lines that are not blank, each line as its (start, end) offsets, in linear time."""
    block: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            block.append((start, end))
        elif block:
            yield block
            block = []
        start = end + 1
    if block:
        yield block


def parse_text(text: str, path: str = "source.txt", digest: str = "") -> SourceText:
    """Paragraphs of plain text: blocks between blank lines; a lone short line is a heading."""
    builder = _Builder()
    for block in _blocks(text):
        # A numbered point starts a paragraph of its own even without a blank line before it.
        # Lines that each end a sentence ("One claim.\nAnother.") are paragraphs of their own.
        own_lines = len(block) > 1 and all(_ENDS.search(text, b, e) for b, e in block)
        pieces = [block[0][0]]
        for begin, _ in block[1:]:
            if own_lines or _NUMBERED.match(text[begin : begin + 64]):
                pieces.append(begin)
        pieces.append(block[-1][1])
        for begin, finish in zip(pieces, pieces[1:], strict=False):
            raw = text[begin:finish]
            stripped = raw.strip()
            if not stripped:
                continue
            if _is_heading(stripped) and not _NUMBERED.match(stripped):
                builder.heading(stripped)
                continue
            lead = len(raw) - len(raw.lstrip())
            builder.add(stripped, start=begin + lead)
    doc = SourceText(path, "text", text, digest or _digest(text.encode("utf-8")))
    doc.paragraphs = builder.paragraphs
    return doc


_BLOCKS = ("p", "li", "blockquote", "dd", "dt", "td", "th", "figcaption", "pre")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SKIPPED = ("script", "style", "noscript", "template", "head", "nav", "footer")


def parse_html(raw: bytes, path: str = "source.html") -> SourceText:
    """Paragraphs of an HTML page: its ``p``, ``li`` and similar blocks, headings as sections.

    Nothing the page refers to is fetched (lxml's parser is told not to use the network).
    """
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(raw, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnreadableFile(
            f"{path} cannot be read as HTML: {exc}", "save the page again"
        ) from None
    for element in list(root.iter(*_SKIPPED)):
        element.drop_tree()
    builder = _Builder()
    wanted = _BLOCKS + _HEADINGS
    for element in root.iter(*wanted):
        # A block inside another block is read with its parent, once.
        if any(a.tag in _BLOCKS for a in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if element.tag in _HEADINGS:
            builder.heading(text)
        else:
            builder.add(text)
    text = "".join(builder.parts)
    doc = SourceText(path, "html", text, _digest(raw))
    doc.paragraphs = builder.paragraphs
    return doc


def _page_paragraphs(page_text: str) -> list[str]:
    """The paragraphs of one page's text: lines joined, broken words mended."""
    paragraphs: list[list[str]] = [[]]
    for line in page_text.splitlines():
        if not line.strip() or (_NUMBERED.match(line) and paragraphs[-1]):
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    joined = (re.sub(r"(\w)-\s+(\w)", r"\1\2", " ".join(lines)) for lines in paragraphs if lines)
    return [" ".join(text.split()) for text in joined]


#: What to do with a PDF that pypdf cannot read safely.
_RESAVE = "open it in a PDF viewer and save (or print to PDF) a new copy, or give its text"


def _pdf_problem(path: str, exc: Exception) -> UnreadableFile:
    """One line for what pypdf raised: a locked, damaged or hostile PDF."""
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    said = " ".join(str(exc).split())[:120] or type(exc).__name__
    if isinstance(exc, LimitReachedError):
        return UnreadableFile(
            f"{path} goes past the PDF reader's limits ({said}): a compressed stream that "
            "expands too far or a page of too many drawing operators",
            f"if the file is genuine, {_RESAVE}",
        )
    if isinstance(exc, (FileNotDecryptedError, DependencyError)) or any(
        w in said.casefold() for w in ("crypt", "password", "aes")
    ):
        return UnreadableFile(
            f"{path} is an encrypted PDF that kg cannot open ({said})",
            "save an unencrypted copy (print to PDF) and extract from that",
        )
    if any(w in said.casefold() for w in ("eof", "ended unexpectedly", "startxref", "trailer")):
        return UnreadableFile(
            f"{path} is a truncated or damaged PDF ({said})", f"download it again, or {_RESAVE}"
        )
    return UnreadableFile(f"{path} cannot be read as a PDF ({said})", _RESAVE)


def parse_pdf(raw: bytes, path: str = "source.pdf") -> SourceText:
    """Paragraphs of a PDF's text layer (pypdf), page by page.

    Lines are joined into paragraphs at blank lines and before a numbered
    point; a word broken by a hyphen at the end of a line is joined again.
    A PDF encrypted with no password to open it (RC4 or AES, the latter
    through ``cryptography``) is read; one that needs a password, a
    truncated or damaged file, and one past pypdf's limits (a decompression
    bomb, a flood of operators) is refused with one line. pypdf's own
    warnings are kept off the terminal.
    """
    import logging
    import warnings

    import pypdf
    from pypdf.errors import PyPdfError

    logger = logging.getLogger("pypdf")
    level, logger.level = logger.level, logging.CRITICAL
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnreadableFile(
                    f"{path} is an encrypted PDF that needs a password",
                    "save an unencrypted copy (print to PDF) and extract from that",
                )
            pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        NotImplementedError,
        RecursionError,
        OverflowError,
        zlib.error,
    ) as exc:
        raise _pdf_problem(path, exc) from None
    finally:
        logger.setLevel(level)
    if not any(p.strip() for p in pages):
        raise UnreadableFile(
            f"{path} has no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''} of "
            "images, as a scan)",
            "run OCR on it first (for instance ocrmypdf), or give the text",
        )
    builder = _Builder()
    for number, page_text in enumerate(pages, start=1):
        for paragraph in _page_paragraphs(page_text):
            if _is_heading(paragraph) and not _NUMBERED.match(paragraph):
                builder.heading(paragraph)
            else:
                builder.add(paragraph, number)
    text = "".join(builder.parts)
    doc = SourceText(path, "pdf", text, _digest(raw))
    doc.paragraphs = builder.paragraphs
    return doc


def read_source(path: str | os.PathLike) -> SourceText:
    """Read a PDF, an HTML page or a UTF-8 text file as :class:`SourceText`.

    The kind comes from the file's first bytes (``%PDF-``), else its name
    (``.html``, ``.htm``) or an opening ``<html``/``<!doctype``.

    Raises
    ------
    UnreadableFile
        The file is missing, binary, an encrypted or scanned PDF, not UTF-8,
        or not English; the message says which and what to do.
    """
    path = Path(path)
    raw, shown = read_input(path)
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF-"):
        doc = parse_pdf(raw, shown)
    elif path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith(
        (b"<!doctype html", b"<html")
    ):
        doc = parse_html(raw, shown)
    else:
        if b"\x00" in raw[:8192]:
            raise UnreadableFile(
                f"{shown} is a binary file, not a PDF, an HTML page or text",
                "give the brief as PDF, saved HTML or UTF-8 text",
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise UnreadableFile(
                f"{shown}:{line}: is not UTF-8 text (a binary file?)",
                "give the brief as PDF, saved HTML or UTF-8 text",
            ) from None
        doc = parse_text(text, shown, _digest(raw))
    return _check_english(doc, shown)
