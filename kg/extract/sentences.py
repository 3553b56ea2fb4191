"""Sentences of a paragraph, with their offsets in the document's text (pysbd).

>>> from kg.extract.sources import parse_text
>>> doc = parse_text("Dr. Li says costs rise. Firms move inland.")
>>> [(s.text, doc.text[s.start:s.end] == s.text) for s in split_sentences(doc.paragraphs[0])]
[('Dr. Li says costs rise.', True), ('Firms move inland.', True)]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.sources import Paragraph, SourceText

__all__ = ["Sentence", "split_sentences", "document_sentences"]


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


def split_sentences(paragraph: Paragraph) -> list[Sentence]:
    """The sentences of ``paragraph``, trimmed of the spaces around them."""
    found = []
    for span in _segmenter().segment(paragraph.text):
        text = span.sent
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            continue
        start = paragraph.start + span.start + lead
        found.append(Sentence(text, start, start + len(text), paragraph))
    return found


def document_sentences(doc: SourceText) -> Iterator[Sentence]:
    """Every sentence of the document, in order."""
    for paragraph in doc.paragraphs:
        yield from split_sentences(paragraph)
