"""Make untrusted text inert in Markdown.

Scraped wordings and answers are shown exactly as written: every character
that Python-Markdown (or its tables, attribute-list and HTML handling) would
read as markup is escaped, so a source can never add HTML, a link or a script.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

# Characters that Python-Markdown and its extensions give a meaning to
# ($: math, arithmatex), each escaped with a backslash.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|>$"})


def md_text(text: str) -> str:
    """Untrusted text as inert Markdown: shown as written, never markup."""
    return html.escape(text, quote=False).translate(_MARKDOWN_SPECIALS)


def code_span(text: str) -> str:
    """Untrusted text as inline code on one line, shown as written whatever
    backticks it holds (a fence longer than its longest run, CommonMark)."""
    text = _LINE_BREAKS.sub(" ", text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# What Python-Markdown or a reader's eye takes for a line break.
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])\s*")


def md_line(text: str) -> str:
    """Untrusted text as inert Markdown on one line (a title, a name, a table
    cell, a list item): a line break in it would end an indented tab or
    admonition, or a table row, and what followed would be read as markup."""
    return md_text(_LINE_BREAKS.sub(" ", text))


_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def link_url(url: str) -> str:
    """An http(s) address as a Markdown link target ("" for anything else:
    javascript:, data:, a relative path): percent-encoded where Markdown or
    HTML would read a character as markup."""
    url = (url or "").strip()
    if not _SAFE_URL.fullmatch(url):
        return ""
    return quote(url, safe=":/?#@!$&*+,;=%~-._")


def attr_text(text: str) -> str:
    """Untrusted text for a quoted title (content-tab and admonition titles)."""
    return md_line(text).replace('"', "&quot;")


def html_attr(text: str) -> str:
    """Untrusted text as the value of a double-quoted HTML attribute written
    in a line of Markdown (`<span data-x="...">`): every ASCII character
    other than letters, digits and spaces as a character reference, so that
    neither HTML nor a Markdown inline pattern (code spans, links, escapes)
    reads anything in it; line breaks as spaces."""
    return "".join(c if c.isalnum() or c == " " or ord(c) > 127 else f"&#{ord(c)};"
                   for c in _LINE_BREAKS.sub(" ", text))


def front_matter_text(text: str) -> str:
    """Untrusted text as a YAML string for a page's front matter (`title:`).
    mkdocs puts the value into the page's <title> and navigation without
    escaping it, so it is HTML-escaped text; a JSON string is valid YAML."""
    return json.dumps(html.escape(text), ensure_ascii=False)


def nav_text(text: str) -> str:
    """Untrusted text for a navigation title: the theme inserts it unescaped."""
    return html.escape(text)


def code_fence(code: str, language: str = "") -> str:
    """A fenced code block long enough that the code cannot close it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"
