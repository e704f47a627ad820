"""Built pages without the theme's template indentation.

mkdocs-material's templates indent every line of the navigation, which every
page repeats: a run of spaces and newlines between two tags is a fifth of a
page. Each run of white space that holds a line break becomes one line break,
which the browser reads as the same white space; <pre>, <textarea>, <script>
and <style> keep theirs."""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_SPACE = re.compile(r"[ \t\r\f]*\n\s*")


def compact(html: str) -> str:
    parts = _KEEP.split(html)  # text, kept element, its tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_SPACE.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
