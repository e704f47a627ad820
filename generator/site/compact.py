"""Built pages without the theme's template indentation.

mkdocs-material's templates indent every line of the navigation, which every
page repeats: a run of spaces and newlines between two tags is a fifth of a
page. Each run of white space that holds a line break becomes one line break,
which the browser reads as the same white space; <pre>, <textarea>, <script>
and <style> keep theirs.

The theme's settings (`<script id="__config" type="application/json">`,
on every page) are JSON with each Chinese character as a six-byte `\\uXXXX`:
a data block is written again with its characters as they are, which is the
same JSON to the script that parses it."""

from __future__ import annotations

import json
import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_SPACE = re.compile(r"[ \t\r\f]*\n\s*")
_JSON_BLOCK = re.compile(r"""(<script\b[^>]*\btype=["']application/json["'][^>]*>)(.*?)(</script\s*>)""", re.S | re.I)
# What must stay escaped for the JSON to stay inside its <script> (as Jinja's tojson does).
_HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def _json_block(match: re.Match) -> str:
    try:
        value = json.loads(match.group(2))
    except ValueError:
        return match.group(0)  # not ours to repair
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = re.sub("[<>&']", lambda m: _HTML_SAFE[m.group(0)], text)
    return match.group(1) + text + match.group(3)


def compact(html: str) -> str:
    parts = _KEEP.split(html)  # text, kept element, its tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_SPACE.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(_JSON_BLOCK.sub(_json_block, parts[i + 1]) if parts[i + 2].lower() == "script" else parts[i + 1])
    return "".join(out)
