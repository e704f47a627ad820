"""Make contributed Markdown safe to put on a page, keeping its Markdown.

Contributed answers are Markdown written by anyone, so before they reach a
page: raw HTML other than a few harmless inline tags without attributes is
escaped (shown as text), link and image targets with a scheme other than
http, https or mailto become `#`, attribute lists (`{: onclick=...}`) and
snippet includes (`--8<--`) are escaped. Code (fences and inline spans) and
math (`$...$`, `$$...$$`) are left exactly as written.

`clean_page_html` is the second line of defence, for the built HTML of any
page: it removes script-like elements, event-handler attributes and
`javascript:` URLs, whatever Markdown feature produced them.
"""

from __future__ import annotations

import html
import re


ALLOWED_TAGS = {"br", "sub", "sup", "kbd", "mark", "small", "b", "i", "em", "strong", "u", "s", "del", "ins"}
SAFE_SCHEMES = {"http", "https", "mailto"}
REMOVED_ELEMENTS = ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
                    "meta", "base", "form", "noscript", "template"]
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background", "data")

# Spans of a Markdown text that are never changed: fenced code, inline code,
# math. Each pattern is no looser than the Markdown extension that renders it
# (a closed fence indented at most 3 spaces; a code span not opened by an
# escaped backtick; arithmatex's "smart dollar" math), so that nothing the
# renderer treats as text can hide here as code.
_PROTECTED = re.compile(
    r"(?P<fence>^(?P<indent>[ ]{0,3})(?P<marks>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=marks)[`~]*[ \t]*$)"
    r"|(?P<code>(?<![\\`])(?P<ticks>`+)(?!`)[^\n]+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<block_math>(?:\A|(?<=\n\n))\$\$[ \t]*\n.+?\n\$\$[ \t]*(?=\n\n|\n?\Z))"
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
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


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
    if match.group(2) and match.group(2).lower() in ALLOWED_TAGS and not match.group(3).strip(" /"):
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
            name = (match.group(2) or match.group(0)[1:3]).lower()
            if match.group(2) and name in ALLOWED_TAGS and not match.group(3).strip(" /"):
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


# What makes a page worth parsing: script-like elements, handlers, and URL
# attributes whose value is not plainly relative or http(s)/mailto.
_SUSPICIOUS = re.compile(
    r"<(script|iframe|frame|object|embed|applet|style|link|meta|base|form|noscript|template)\b"
    r"|\son\w+\s*="
    r"|\s(?:href|src|action|formaction|data|poster|background|xlink:href)\s*=\s*[\"']?\s*"
    r"(?![#./?\"']|https?://|mailto:)[^\"'\s>]*[:&\s]",
    re.I,
)


def clean_page_html(page_html: str, thorough: bool = False) -> str:
    """Built page HTML without script-like elements, handlers or unsafe URLs.

    `thorough` (for pages that show contributed Markdown) always parses the
    page and also drops inline styles; otherwise a quick scan skips pages
    with nothing suspicious, keeping their bytes as they are."""
    if not thorough and not _SUSPICIOUS.search(page_html):
        return page_html  # the common case: nothing to remove, keep the bytes as they are
    from bs4 import BeautifulSoup  # here: a build that writes only kb.json never parses HTML

    soup = BeautifulSoup(page_html, "html.parser")
    for tag in soup.find_all(REMOVED_ELEMENTS):
        tag.decompose()
    for tag in soup.find_all(True):
        for name in list(tag.attrs):
            value = tag.attrs[name]
            if name.lower().startswith("on") or name.lower() == "srcdoc" or (thorough and name.lower() == "style"):
                del tag.attrs[name]
            elif name.lower() in URL_ATTRIBUTES and isinstance(value, str) and not _safe_url(value):
                tag.attrs[name] = "#"
    return str(soup)
