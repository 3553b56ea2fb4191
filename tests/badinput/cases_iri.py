"""IRIs the analyst writes that are not IRIs: refused where written, the character named."""

from __future__ import annotations

from badinput_files import BRIEF_PATH, brief

FACTORS = "data/factors.yaml"
V = ["validate"]


def _factors_with(field: str, value: str):
    def write(root):
        path = root / FACTORS
        text = path.read_text()
        anchor = "  - id: coastal-costs\n"
        assert anchor in text
        path.write_text(text.replace(anchor, anchor + f"    {field}: [{value!s}]\n", 1))

    return write


def _attach(value: str) -> list[str]:
    return ["link", "attach", f"coastal-costs={value}", "--data", "data"]


CASES = [
    {
        "name": "iri-exact-match-angle-bracket",
        "files": _factors_with("exact_match", '"http://example.org/a>b"'),
        "args": V,
        "exit": 1,
        "words": ["exact_match", "'>'", "character 21"],
    },
    {
        "name": "iri-exact-match-brace",
        "files": _factors_with("exact_match", '"http://example.org/{x}"'),
        "args": V,
        "exit": 1,
        "words": ["exact_match", "'{'"],
    },
    {
        "name": "iri-exact-match-brace-build",
        "files": _factors_with("exact_match", '"http://example.org/{x}"'),
        "args": ["build"],
        "exit": 1,
        "words": ["exact_match", "'{'"],
    },
    {
        "name": "iri-close-match-space",
        "files": _factors_with("close_match", '"http://example.org/a b"'),
        "args": V,
        "exit": 1,
        "words": ["close_match", "a space"],
    },
    {
        "name": "iri-close-match-quote",
        "files": _factors_with("close_match", "'http://example.org/a\"b'"),
        "args": V,
        "exit": 1,
        "words": ["close_match", "'\"'"],
    },
    {
        "name": "iri-exact-match-no-host",
        "files": _factors_with("exact_match", '"http:///path"'),
        "args": V,
        "exit": 1,
        "words": ["exact_match", "no host"],
    },
    {
        "name": "iri-exact-match-bad-percent",
        "files": _factors_with("exact_match", '"http://example.org/%zz"'),
        "args": V,
        "exit": 1,
        "words": ["exact_match", "'%'"],
    },
    {
        "name": "iri-exact-match-control-char",
        "files": _factors_with("exact_match", '"http://example.org/\\x07"'),
        "args": V,
        "exit": 1,
        "words": ["exact_match", "u+0007"],
    },
    {
        "name": "iri-brief-url-angle",
        "files": {
            BRIEF_PATH: brief(
                "  synthetic: true", "  synthetic: true\n  url: https://example.org/<script>"
            )
        },
        "args": V,
        "exit": 1,
        "words": ["url", "'<'"],
    },
    {
        "name": "iri-brief-url-javascript",
        "files": {
            BRIEF_PATH: brief("  synthetic: true", "  synthetic: true\n  url: javascript:alert(1)")
        },
        "args": V,
        "exit": 1,
        "words": ["url", "not a web address"],
    },
    {
        "name": "iri-brief-url-backslash",
        "files": {
            BRIEF_PATH: brief(
                "  synthetic: true", "  synthetic: true\n  url: 'https://example.org\\\\evil'"
            )
        },
        "args": V,
        "exit": 1,
        "words": ["url", "'\\\\'"],
    },
    {
        "name": "iri-attach-angle-bracket",
        "files": {},
        "args": _attach("http://www.wikidata.org/entity/Q1>"),
        "exit": 2,
        "words": ["'>'"],
    },
    {
        "name": "iri-attach-brace",
        "files": {},
        "args": _attach("http://www.wikidata.org/{Q1}"),
        "exit": 2,
        "words": ["'{'"],
    },
    {
        "name": "iri-attach-file-scheme",
        "files": {},
        "args": _attach("file:///etc/passwd"),
        "exit": 2,
        "words": ["not a web address"],
    },
]
