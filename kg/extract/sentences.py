"""Sentences of a paragraph, with their offsets in the document's text (pysbd).

pysbd's time grows with the square of the text it is given, so a paragraph
is first cut into windows of at most :data:`WINDOW` characters, each ending
at a sentence's end where one is found (else at a space, else anywhere), and
each window is split on its own: the time is linear in the paragraph's
length, whether it is a page of 15,000 lines or a megabyte on one line.

>>> from kg.extract.sources import parse_text
>>> doc = parse_text("Dr. Li says costs rise. Firms move inland.")
>>> [(s.text, doc.text[s.start:s.end] == s.text) for s in split_sentences(doc.paragraphs[0])]
[('Dr. Li says costs rise.', True), ('Firms move inland.', True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.sources import Paragraph, SourceText

__all__ = ["Sentence", "WINDOW", "windows", "split_sentences", "document_sentences"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, offsets in the document's text and its paragraph."""

    text: str
    start: int
    end: int
    paragraph: Paragraph


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


#: The most characters pysbd is given at once (a long sentence is some 400).
WINDOW = 2000
#: The end of a sentence: closing punctuation, maybe a quote or bracket, then a space.
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """Offsets of consecutive windows of ``text`` of at most ``size`` characters.

    Each window ends after the last sentence end inside it, else after its
    last space, else at ``size``.

    >>> list(windows("One. Two. Three.", 12))
    [(0, 10), (10, 16)]
    >>> list(windows("x" * 25, 10))
    [(0, 10), (10, 20), (20, 25)]
    """
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = 0
        for found in _END.finditer(text, start + size // 2, limit):
            cut = found.end()
        if not cut:
            cut = text.rfind(" ", start + size // 2, limit) + 1
        if cut <= start:
            cut = limit
        yield start, cut
        start = cut
    yield start, len(text)


def split_sentences(paragraph: Paragraph) -> list[Sentence]:
    """The sentences of ``paragraph``, trimmed of the spaces around them."""
    found = []
    segmenter = _segmenter()
    for begin, finish in windows(paragraph.text):
        for span in segmenter.segment(paragraph.text[begin:finish]):
            text = span.sent
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if not text:
                continue
            start = paragraph.start + begin + span.start + lead
            found.append(Sentence(text, start, start + len(text), paragraph))
    return found


def document_sentences(doc: SourceText) -> Iterator[Sentence]:
    """Every sentence of the document, in order."""
    for paragraph in doc.paragraphs:
        yield from split_sentences(paragraph)
