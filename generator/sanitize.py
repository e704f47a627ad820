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

from bs4 import BeautifulSoup

ALLOWED_TAGS = {"br", "sub", "sup", "kbd", "mark", "small", "b", "i", "em", "strong", "u", "s", "del", "ins"}
SAFE_SCHEMES = {"http", "https", "mailto"}
REMOVED_ELEMENTS = ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
                    "meta", "base", "form", "noscript", "template"]
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background", "data")

# Spans of a Markdown text that are never changed: fenced code, inline code, math.
_PROTECTED = re.compile(
    r"(?P<fence>^(?P<indent>[ \t]*)(?P<marks>`{3,}|~{3,})[^\n]*\n.*?(?:^(?P=indent)(?P=marks)[`~]*[ \t]*$|\Z))"
    r"|(?P<code>(?P<ticks>`+)[^`]+?(?P=ticks))"
    r"|(?P<math>\$\$.+?\$\$|\$[^$\n]+\$)",
    re.S | re.M,
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^<>]*)>|<(?=[!?/A-Za-z])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_INLINE_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]*)")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?)(?=\s|$)", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _safe_url(url: str) -> bool:
    # Browsers ignore controls and whitespace and decode entities in URLs.
    plain = re.sub(r"[\x00-\x20]+", "", html.unescape(url))
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def _split(text: str) -> list[tuple[bool, str]]:
    """The text as (protected, piece) pairs, in order."""
    pieces, at = [], 0
    for match in _PROTECTED.finditer(text):
        if match.start() > at:
            pieces.append((False, text[at:match.start()]))
        pieces.append((True, match.group(0)))
        at = match.end()
    if at < len(text):
        pieces.append((False, text[at:]))
    return pieces


def _escape_tag(match: re.Match) -> str:
    if match.group(2) and match.group(2).lower() in ALLOWED_TAGS and not match.group(3).strip(" /"):
        return match.group(0)
    return "&lt;" + match.group(0)[1:]


def _prose(text: str) -> str:
    text = text.replace("--8<--", "--8&lt;--")
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
    return "".join(piece if protected else _prose(piece) for protected, piece in _split(text))


def disallowed_html(text: str) -> list[tuple[int, str]]:
    """(line offset, tag name) of each raw HTML tag that sanitising would escape."""
    found = []
    for protected, piece in _split(text):
        if protected:
            continue
        offset = text.find(piece)
        for match in _TAG.finditer(piece):
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
    for protected, piece in _split(text):
        if protected:
            continue
        offset = text.find(piece)
        for pattern in (_INLINE_TARGET, _REFERENCE):
            for match in pattern.finditer(piece):
                if not _safe_url(match.group(2)):
                    found.append((text.count("\n", 0, offset + match.start()), match.group(2)))
    return found


def clean_page_html(page_html: str) -> str:
    """Built page HTML without script-like elements, handlers or unsafe URLs."""
    if not re.search(r"<(script|iframe|frame|object|embed|applet|style|link|meta|base|form|noscript|template)\b|\son\w+\s*=|javascript:|vbscript:|data:", page_html, re.I):
        return page_html  # the common case: nothing to remove, keep the bytes as they are
    soup = BeautifulSoup(page_html, "html.parser")
    for tag in soup.find_all(REMOVED_ELEMENTS):
        tag.decompose()
    for tag in soup.find_all(True):
        for name in list(tag.attrs):
            value = tag.attrs[name]
            if name.lower().startswith("on") or name.lower() == "srcdoc":
                del tag.attrs[name]
            elif name.lower() in URL_ATTRIBUTES and isinstance(value, str) and not _safe_url(value):
                tag.attrs[name] = "#"
    return str(soup)
