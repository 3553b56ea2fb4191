"""Whether a text is an absolute http(s) IRI by the grammar of RFC 3987, and if not, why.

An IRI the analyst writes (``exact_match``, ``close_match``, a brief's
``url``, ``kg link attach``) ends up between ``<`` and ``>`` in Turtle and
SPARQL, so a character such as ``>``, ``{``, a space or a quote must be
refused where it is written, with the character named, not later by the
RDF writer.

>>> iri_problem("https://www.wikidata.org/wiki/Q1")
>>> iri_problem("https://example.org/a>b")
"holds '>' at character 22, which an IRI may not hold (write it as %3E)"
>>> iri_problem("ftp://example.org/")
'is not a web address (it starts with neither http:// nor https://)'
>>> bool(HTTP_IRI.match("http://例え.jp/パス?q=1#f"))
True
"""

from __future__ import annotations

import re

__all__ = ["HTTP_IRI", "iri_problem"]

# RFC 3987, section 2.2. ucschar and iprivate as character ranges:
_UCSCHAR = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
    "\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd"
    "\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_IPRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_IUNRESERVED = f"A-Za-z0-9\\-._~{_UCSCHAR}"
_SUB_DELIMS = "!$&'()*+,;="
_PCT = "%[0-9A-Fa-f]{2}"
_IPCHAR = f"(?:[{_IUNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_IREG_NAME = f"(?:[{_IUNRESERVED}{_SUB_DELIMS}]|{_PCT})+"
_IP_LITERAL = r"\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]"
_IUSERINFO = f"(?:[{_IUNRESERVED}{_SUB_DELIMS}:]|{_PCT})*"

#: An absolute ``http`` or ``https`` IRI (RFC 3987 ``IRI`` with a host), nothing around it.
HTTP_IRI = re.compile(
    rf"^[hH][tT][tT][pP][sS]?://(?:{_IUSERINFO}@)?(?:{_IP_LITERAL}|{_IREG_NAME})(?::[0-9]*)?"
    rf"(?:/{_IPCHAR}*)*"
    rf"(?:\?(?:{_IPCHAR}|[{_IPRIVATE}/?])*)?"
    rf"(?:#(?:{_IPCHAR}|[/?])*)?\Z"
)

# Every character that may appear somewhere in an IRI; any other is named in the message.
_ALLOWED = re.compile(f"[{_IUNRESERVED}{_SUB_DELIMS}{_IPRIVATE}:/?#\\[\\]@%]")
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


def iri_problem(text: str) -> str | None:
    """``None`` when ``text`` is an absolute http(s) IRI, else what is wrong, for a message."""
    if not _SCHEME.match(text):
        return "is not a web address (it starts with neither http:// nor https://)"
    for index, char in enumerate(text):
        if not _ALLOWED.match(char):
            shown = repr(char) if char.isprintable() and char != " " else f"U+{ord(char):04X}"
            if char == " ":
                shown = "a space"
            return (
                f"holds {shown} at character {index + 1}, which an IRI may not hold"
                f" (write it as %{ord(char):02X})"
                if ord(char) < 128
                else f"holds {shown} at character {index + 1}, which an IRI may not hold"
            )
        if char == "%" and not re.match(r"%[0-9A-Fa-f]{2}", text[index : index + 3]):
            return f"holds a '%' at character {index + 1} not followed by two hex digits"
    if HTTP_IRI.match(text):
        return None
    rest = text.split("://", 1)[1]
    if not rest or rest[0] in "/?#":
        return "has no host after the scheme"
    return "is not an IRI by RFC 3987 (check the host, the port and the '#' and '?' parts)"
