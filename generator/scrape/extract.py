"""Extract the article body of a source document as numbered lines of text.

Plain text (`format == "text"`) is split into lines as it is, without the
`> ` marks of quoted lines (a copied Markdown quote), and with a list marker
left alone on its line (`-` then the item's text on the next line, as some
sites copy) joined to its text. HTML
(`format == "html"`) is parsed with BeautifulSoup (lxml, in generator.scrape.htmlpage): the furniture
elements are removed (nav, header, footer, aside, scripts, comment boxes,
related posts: tags and id/class words in generator/data/boilerplate.yml,
section `html`), the article body is found (`<article>`, a known content
container, else the block whose paragraphs hold the most non-link text) and
turned into lines: one line per block element, `<h2>`..`<h6>` with Markdown
marks (`## `), list items as lines, table rows as cells joined by ` | `, and
`<pre>` blocks verbatim between ``` fences (with the language of a `language-*`
class), so that their indentation survives and segment knows they are code.

A list item keeps the marker a browser shows, on the first line of the item
even when the item wraps its text in `<p>` (segment needs it to see a
question): `• ` for `<ul>`; for `<ol>` its number as a browser counts it
(`start`, `reversed`, `<li value>`), written `1. ` like a copy from the
browser. A list nested in a list is indented on screen: its items are
indented two spaces a level, and its numbers are written `1) ` instead, so
that segment reads it as a sub-list, not as the next items of the parent. An `<ol>` item whose text
already starts with a number (1、 (1) Q1:) gets no second one.

A Markdown page (`format == "markdown"`, a 面经 file from a GitHub
repository) is parsed by markdown-it-py into the same lines (generator.scrape.mdpage).

The page title is `doc.meta.title` when set, else the HTML `<h1>` or `<title>`
or the Markdown front matter's `title` or first `# ` heading
(without a " - site" suffix), else the first line with words in it (without
its Markdown heading mark `# `). clean picks a later line when that one is
furniture (an ad) or a navigation bar word.

It does not clean lines (entities, widths, ads: see clean) and does not
decide what is a question (segment).
"""

from __future__ import annotations

import re

from generator.model import Line, Page, SourceDocument
from generator.text.numbering import is_lone_marker, looks_numbered, without_trailing_marker

MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
# A Markdown quote mark kept by a copy (> 3、…, > Q: …): what it quotes is read
# as any other line. Not a doctest prompt (>>>).
QUOTE_MARK = re.compile(r"^(\s*)>(?!>)\s?")


def extract(doc: SourceDocument) -> Page:
    """The article body of `doc` as lines, and its title."""
    if doc.format == "html":
        # Imported here: BeautifulSoup takes 0.1 s to import, and a rebuild
        # that scrapes only text documents does not need it.
        from generator.scrape.htmlpage import html_lines

        texts, found_title = html_lines(doc.text)
    elif doc.format == "markdown":
        from generator.scrape.mdpage import markdown_lines

        texts, found_title = markdown_lines(doc.text)
    else:
        texts = [QUOTE_MARK.sub(r"\1", t) for t in doc.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        texts, found_title = _join_lone_markers(texts), ""
    lines = tuple(Line(number=i, text=t) for i, t in enumerate(texts, 1))
    title = doc.meta.title or found_title or _first_meaningful(texts)
    return Page(source=doc, title=title.strip(), lines=lines)


def _join_lone_markers(texts: list[str]) -> list[str]:
    """A list marker the copy left alone on its line (`-`, `•`, `1.`) goes
    with the text on the next line; markers with nothing after them go.
    The line count stays the same (a joined line leaves a blank), so line
    numbers still point into the page.

    Where a copy shows some items so (`-` / 超长上下文处理) and others with
    their marker on their line (`- 对于超长上下文业界一般是怎么做的`), the
    first are the items of a nested list that hold a block, the others the
    items inside them: those are indented under their item, as a browser
    copy with its indentation would show them. Such a copy may also leave a
    marker at the end of the sentence before it (…成本高。 -): it goes."""
    if not any(is_lone_marker(text) for text in texts):
        return texts
    texts = [without_trailing_marker(text) for text in texts]
    out = list(texts)
    joined = []
    for i, text in enumerate(texts):
        if not is_lone_marker(text):
            continue
        following = next((j for j in range(i + 1, min(i + 3, len(texts))) if texts[j].strip()), None)
        # a line numbered itself (- / 2. Self-Attention 的计算过程？) is no bullet's text: the marker is a stray
        if following is not None and not is_lone_marker(texts[following]) and out[following] == texts[following] \
                and not looks_numbered(texts[following]):
            out[i] = text.rstrip() + " " + texts[following].strip()
            out[following] = ""
            joined.append((i, following, text.strip()))
        else:
            out[i] = ""
    nested = [(following, marker) for _, following, marker in joined
              if _inline_items(texts, following + 1, marker)]
    if len(nested) >= 2:
        for following, marker in nested:
            for k in _inline_items(texts, following + 1, marker):
                out[k] = "  " + texts[k].strip()
    return out


def _inline_items(texts: list[str], start: int, marker: str) -> list[int]:
    """The lines from `start` that are items with `marker` and their text on
    the same line, up to the first line that is not one."""
    found = []
    for k in range(start, len(texts)):
        text = texts[k].strip()
        if not text.startswith(marker + " ") or is_lone_marker(text):
            break
        found.append(k)
    return found


def _first_meaningful(texts: list[str]) -> str:
    """The first line with words in it, without its Markdown heading mark.
    (clean replaces it when it is furniture or a navigation bar word.)"""
    for text in texts:
        if sum(ch.isalnum() for ch in text) >= 2:
            return MARKDOWN_HEADING.sub("", text).strip()
    return ""
