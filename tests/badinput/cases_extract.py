"""Documents given to ``kg extract``: locked, damaged and hostile PDFs, HTML entity tricks, huge text.

Each is refused in one line naming the file and what to do, or read in
bounded time without touching anything outside the document: an AES PDF
that opens without a password is read (``cryptography`` is declared), one
that needs a password is refused; a truncated PDF, a decompression bomb and
a page of 1.2 million operators stop at pypdf's limits; an HTML entity bomb
and an external entity are never expanded; a page of 15,000 lines and a
megabyte on one line are split into sentences in linear time.
"""

from __future__ import annotations

import io
import zlib

import pypdf

CAUSAL = "Higher coastal costs lead to more return migration."
EXTRACT = ["extract", "doc", "--brief", "new-brief", "--out", "out.csv"]


def raw_pdf(content: bytes, compress: bool = True) -> bytes:
    """A one-page PDF whose page draws ``content`` (compressed with Flate unless told not to)."""
    data = zlib.compress(content, 9) if compress else content
    flate = b"/Filter /FlateDecode " if compress else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(data), flate) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def text_pdf() -> bytes:
    return raw_pdf(b"BT /F1 12 Tf 72 700 Td (" + CAUSAL.encode() + b") Tj ET")


def encrypted(password: str, algorithm: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.encrypt(password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def lines_pdf(count: int) -> bytes:
    """A 3 KB PDF whose one page shows ``count`` lines of words (no full stop anywhere)."""
    return raw_pdf(b"BT /F1 8 Tf 12 TL 20 780 Td " + b"(words of a line here) ' " * count + b"ET")


def _doc(make, name: str = "doc"):
    return lambda root: (root / name).write_bytes(make())


ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([c]), b"&%s;" % bytes([c - 1]) * 10)
        for c in range(ord("b"), ord("j"))
    )
    + b"]><html><body><p>"
    + CAUSAL.encode()
    + b" &i;</p></body></html>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">'
    b'<!ENTITY y SYSTEM "{server}/entity">]><html><body><p>'
    + CAUSAL.encode()
    + b" &x; &y;</p></body></html>"
)

CASES = [
    {
        "name": "extract-aes-pdf-without-password-is-read",
        "files": _doc(lambda: encrypted("", "AES-256")),
        "args": EXTRACT,
        "exit": 0,
        "words": ["1 candidate claim"],
        "changes": ["out.csv"],
    },
    {
        "name": "extract-aes-pdf-with-password",
        "files": _doc(lambda: encrypted("secret", "AES-128")),
        "args": EXTRACT,
        "exit": 2,
        "words": ["doc is an encrypted pdf that needs a password", "unencrypted copy"],
        "max_lines": 1,
    },
    {
        "name": "extract-truncated-pdf",
        "files": _doc(lambda: encrypted("", "RC4-128")[:400]),
        "args": EXTRACT,
        "exit": 2,
        "words": ["doc is a truncated or damaged pdf", "download it again"],
        "max_lines": 1,
    },
    {
        "name": "extract-pdf-of-garbage",
        "files": _doc(lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20),
        "args": EXTRACT,
        "exit": 2,
        "words": ["doc is a truncated or damaged pdf"],
        "max_lines": 1,
    },
    {
        "name": "extract-pdf-decompression-bomb",
        "files": _doc(lambda: raw_pdf(b"BT ET\n" + b" " * (1 << 30))),
        "args": EXTRACT,
        "exit": 2,
        "words": ["doc goes past the pdf reader's limits", "expands too far"],
        "max_lines": 1,
    },
    {
        "name": "extract-pdf-operator-flood",
        "files": _doc(
            lambda: raw_pdf(
                b"BT /F1 12 Tf (" + CAUSAL.encode() + b") Tj ET\n" + b"0 0 m\n" * 1_200_000
            )
        ),
        "args": EXTRACT,
        "exit": 2,
        "words": ["doc goes past the pdf reader's limits", "too many drawing operators"],
        "max_lines": 1,
        "cpu_s": 90,
    },
    {
        "name": "extract-pdf-page-of-15000-lines",
        "files": _doc(lambda: lines_pdf(15_000)),
        "args": EXTRACT,
        "exit": 0,
        "words": ["0 candidate claims"],
        "changes": ["out.csv"],
        "cpu_s": 120,  # a heavy input, so a slow test
    },
    {
        "name": "extract-megabyte-on-one-line",
        "files": {"doc": (CAUSAL + " ") * 20_000},
        "args": EXTRACT,
        "exit": 0,
        "words": ["from 20000 sentences"],
        "changes": ["out.csv"],
        # 40 to 60 s of CPU for its 20,000 sentences; a quadratic reading of the line
        # would take far longer than this bound
        "cpu_s": 300,
    },
    {
        "name": "extract-megabyte-of-spaces",
        "files": {"doc": CAUSAL + "\n" + " " * 1_000_000 + "\n"},
        "args": EXTRACT,
        "exit": 0,
        "words": ["1 candidate claim"],
        "changes": ["out.csv"],
        "cpu_s": 30,
    },
    {
        "name": "extract-html-entity-bomb",
        "files": {"doc.html": ENTITY_BOMB},
        "args": [*EXTRACT[:1], "doc.html", *EXTRACT[2:]],
        "exit": 0,
        "words": ["1 candidate claim"],
        "changes": ["out.csv"],
        "cpu_s": 30,
    },
    {
        "name": "extract-html-external-entities",
        "files": {"doc.html": EXTERNAL},
        "args": [*EXTRACT[:1], "doc.html", *EXTRACT[2:]],
        "exit": 0,
        "words": ["1 candidate claim"],
        "absent": ["root:"],
        "changes": ["out.csv"],
        "cpu_s": 30,
    },
]
