"""Make contributed Markdown safe to put on a page, keeping its Markdown.

Contributed answers are Markdown written by anyone, so before they reach a
page: raw HTML other than a few harmless inline tags without attributes is
escaped (shown as text), link and image targets with a scheme other than
http, https or mailto become `#`, attribute lists (`{: onclick=...}`) and
snippet includes (`--8<--`) are escaped. Code (fences and inline spans) and
math (`$...$`, `$$...$$`) are left exactly as written.

That pass keeps a contributor's Markdown readable (a `<T>` in prose shows as
text). Safety rests on `clean_page_html`, which runs on the built HTML of
every generated page: an allow-list sanitiser that parses the HTML as a
browser does, whatever Markdown feature produced it.
"""

from __future__ import annotations

import html
import re
from functools import cache

import nh3

from generator.rules import load


# What superfences accepts after an opening fence: a language, then
# attributes in braces or key=value options (never "<": a fence whose info
# string superfences rejects is prose, and so is an info string with a tag).
_FENCE_INFO = (r"(?:[ \t]*\.?[\w#.+-]+)?"
               r"(?:[ \t]*\{[^\n<>]*\}|(?:[ \t]+[A-Za-z][A-Za-z0-9_]*(?:=(?:\"[^\"\n<>]*\"|'[^'\n<>]*'))?)*)?")

# Spans of a Markdown text that are never changed: fenced code, inline code,
# math. Each pattern is no looser than the Markdown extension that renders it
# (a closed fence indented at most 3 spaces, closed by the same fence, as
# superfences closes it; a code span not opened by an escaped backtick;
# arithmatex's math, a block never across a blank line), so that nothing the
# renderer treats as text can hide here as code.
_PROTECTED = re.compile(
    r"(?P<fence>^(?P<indent>[ ]{0,3})(?P<marks>`{3,}|~{3,})" + _FENCE_INFO + r"[ \t]*\n.*?^(?P=indent)(?P=marks)[ \t]*$)"
    r"|(?P<code>(?<![\\`])(?P<ticks>`+)(?!`)[^\n]+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<block_math>(?:\A|(?<=\n\n))\$\$[ \t]*\n(?:(?!\n[ \t]*\n).)+?\n\$\$[ \t]*(?=\n\n|\n?\Z))"
    r"|(?P<math>(?<![\\$])\$(?![\s$])(?:\\.|[^\\$\n])+?(?<!\s)\$(?!\$))",
    re.S | re.M,
)
# Inline math that contains something shaped like a tag is not trusted as math.
_TAG_SHAPE = re.compile(r"<[A-Za-z!/?][^<>]*>")
# Snippet includes of pymdownx.snippets ("--8<--", "-8<-"), read even inside code.
_SNIPPET = re.compile(r"(-{1,2}8)<(-{1,2})")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^<>]*)>|<(?=[!?/A-Za-z])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
# A link target may hold one level of balanced parentheses, as in Markdown.
_INLINE_TARGET = re.compile(r"(\]\(\s*<?)((?:[^()\s>]|\([^()\s]*\))*)")
_REFERENCE = re.compile(r"^([ \t]{0,3}\[[^\]]+\]:[ \t]*<?)(\S+?)(>?)(?=\s|$)", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _safe_url(url: str) -> bool:
    # Browsers ignore controls and whitespace and decode entities in URLs.
    plain = re.sub(r"[\x00-\x20]+", "", html.unescape(url))
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in load("allowed_html.yml").url_schemes


def _split(text: str) -> list[tuple[bool, int, str]]:
    """The text as (protected, offset, piece) triples, in order."""
    pieces, at = [], 0
    for match in _PROTECTED.finditer(text):
        if match.group("math") and _TAG_SHAPE.search(match.group(0)):
            continue  # not trusted as math: stays prose, so its tags are escaped
        if match.start() > at:
            pieces.append((False, at, text[at:match.start()]))
        pieces.append((True, match.start(), match.group(0)))
        at = match.end()
    if at < len(text):
        pieces.append((False, at, text[at:]))
    return pieces


def _escape_tag(match: re.Match) -> str:
    if match.group(2) and match.group(2).lower() in load("allowed_html.yml").in_markdown and not match.group(3).strip(" /"):
        return match.group(0)
    return "&lt;" + match.group(0)[1:]


def _prose(text: str) -> str:
    autolinks: list[str] = []

    def keep_autolink(match: re.Match) -> str:
        autolinks.append(match.group(0))
        return f"\x00{len(autolinks) - 1}\x00"

    text = _AUTOLINK.sub(keep_autolink, text)
    text = _TAG.sub(_escape_tag, text)
    text = re.sub(r"\{(?=\s*[:#.\w-]+[^}]*\})", r"\\{", text)  # attribute lists
    text = _INLINE_TARGET.sub(lambda m: m.group(1) + (m.group(2) if _safe_url(m.group(2)) else "#"), text)
    text = _REFERENCE.sub(lambda m: m.group(1) + (m.group(2) if _safe_url(m.group(2)) else "#") + m.group(3), text)
    return re.sub(r"\x00(\d+)\x00", lambda m: autolinks[int(m.group(1))], text)


def sanitize_markdown(text: str) -> str:
    """Contributed Markdown with everything that could become markup of its own escaped."""
    # Snippet includes are read everywhere, code included: break them first.
    text = _SNIPPET.sub(lambda m: m.group(1) + "\u200b<" + m.group(2), text)
    return "".join(piece if protected else _prose(piece) for protected, _, piece in _split(text))


def disallowed_html(text: str) -> list[tuple[int, str]]:
    """(line offset, tag name) of each raw HTML tag that sanitising would escape."""
    found = []
    for protected, offset, piece in _split(text):
        if protected:
            continue
        for match in _TAG.finditer(piece):
            if not match.group(2) and piece.startswith("<!--", match.start()):
                found.append((text.count("\n", 0, offset + match.start()), "!-- (an HTML comment)"))
                continue
            name = (match.group(2) or piece[match.start() + 1: match.start() + 3]).lower()  # "<![" names "!["
            if match.group(2) and name in load("allowed_html.yml").in_markdown and not match.group(3).strip(" /"):
                continue
            if not match.group(2) and match.group(0) == "<" and _AUTOLINK.match(piece, match.start()):
                continue
            if match.group(2) and _AUTOLINK.match(piece, match.start()):
                continue
            found.append((text.count("\n", 0, offset + match.start()), name))
    return found


def unsafe_links(text: str) -> list[tuple[int, str]]:
    """(line offset, target) of each link whose scheme sanitising would drop."""
    found = []
    for protected, offset, piece in _split(text):
        if protected:
            continue
        for pattern in (_INLINE_TARGET, _REFERENCE):
            for match in pattern.finditer(piece):
                if not _safe_url(match.group(2)):
                    found.append((text.count("\n", 0, offset + match.start()), match.group(2)))
    return found


def _allowed_html() -> dict:
    rules = load("allowed_html.yml")
    attributes = {tag: set(names) for tag, names in rules.attributes.items()}
    attributes["*"] = set(rules.everywhere)
    return {
        "tags": set(rules.tags),
        "attributes": attributes,
        "url_schemes": set(rules.url_schemes),
        "filter_style_properties": set(rules.style_properties),
        "clean_content_tags": set(),  # a stray <style> or <script> shows as text: nothing after it is lost
        "strip_comments": True,
        "link_rel": None,
    }


@cache
def _cleaner() -> nh3.Cleaner:
    rules = load("allowed_html.yml")
    reserved, allowed = rules.reserved_id_prefix, tuple(rules.content_id_prefixes)

    def keep_id(tag: str, name: str, value: str) -> str | None:
        """No id of the theme's own ("__config"), except those Markdown extensions give."""
        if name in ("id", "for", "name") and value.startswith(reserved) and not value.startswith(allowed):
            return None
        return value

    return nh3.Cleaner(attribute_filter=keep_id, **_allowed_html())


def clean_page_html(page_html: str) -> str:
    """The built HTML of a page with untrusted content, keeping only what
    `data/allowed_html.yml` allows: no script, no handler, no URL other than
    http(s), mailto or relative, no id of the theme's own.

    nh3 (Ammonia over html5ever) parses the HTML as a browser does, so
    what it keeps is what the browser will see."""
    return _cleaner().clean(page_html)
