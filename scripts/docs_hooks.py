"""MkDocs hook: a link to a repository file that the site includes leads to its page.

Some pages of the site are files of the repository included as they stand
(`data/README.md`, `ontology/README.md`, `examples/README.md`,
`bench/README.md` and the front page, `README.md`), through the
include-markdown plugin, which rewrites their relative links to start from
the including page. A link from one of them to another (``../examples/README.md``
in `data/README.md`) then points outside the documentation folder; this
hook sends it to the page that includes that file, so the same Markdown
reads right both in the repository and on the site.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

_INCLUDE = re.compile(r'include-markdown\s+"([^"]+)"')
_LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")


def _included(docs_dir: Path) -> dict[str, str]:
    """Repository path of each included file -> the docs page (relative to docs_dir) that includes it."""
    pages: dict[str, str] = {}
    for page in sorted(docs_dir.rglob("*.md")):
        for target in _INCLUDE.findall(page.read_text(encoding="utf-8")):
            page_dir = page.parent.relative_to(docs_dir).as_posix()
            repo_path = posixpath.normpath(posixpath.join("docs", page_dir, target))
            pages[repo_path] = page.relative_to(docs_dir).as_posix()
    return pages


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    docs_dir = Path(config["docs_dir"])
    included = _included(docs_dir)
    page_dir = posixpath.dirname(page.file.src_uri)

    def retarget(match: re.Match[str]) -> str:
        target, anchor = match.group(1), match.group(2) or ""
        if "://" in target:
            return match.group(0)
        repo_path = posixpath.normpath(posixpath.join("docs", page_dir, target))
        if repo_path not in included:
            return match.group(0)
        relative = posixpath.relpath(included[repo_path], page_dir or ".")
        return f"]({relative}{anchor})"

    return _LINK.sub(retarget, markdown)
