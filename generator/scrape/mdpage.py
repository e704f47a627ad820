"""A scraped Markdown page (a 面经 file from a GitHub repository) as lines of
text, for generator.scrape.extract: the same lines an HTML page gives (see
generator.scrape.extract), so that clean and segment read both alike.

The page is parsed by markdown-it-py (CommonMark plus GFM tables), not by
patterns: it gives the block structure with the source's own nesting, and it
knows what a fence, an HTML block or a table is exactly as GitHub renders it.
Python-Markdown, which builds the site, only gives an HTML tree after its
extensions have run, with no list markers and no source lines.

- YAML front matter (`--- … ---` at the top) is metadata: its `title` is the
  page title, nothing of it is a line.
- Headings keep their level as `## ` marks; a paragraph that is only bold
  text ending in a question mark is the author's heading of a question, as
  `###### `, and so is every bold paragraph of a page with a few of those.
- List items: `• ` for a bullet, the item's own number for an ordered list
  (`3. `, `3) ` inside another list, as extract writes nested HTML lists);
  a nested item is indented two spaces a level, as a browser copy keeps it.
- Fences and indented code stay between ``` lines with their language.
- Block quotes lose their `>`: what they quote is read as any other text.
- Table rows are their cells joined by ` | `.
- HTML blocks (`<details>`, `<summary>`, `<br>`) become their text; images
  (badges, local `![img](../images/x.png)` links) and HTML comments go.

It does not clean lines (generator.scrape.clean) and does not decide what is a
question (generator.scrape.segment).
"""

from __future__ import annotations

import re
from html import unescape

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from generator.scrape import untrusted_yaml
from generator.scrape.markup import tidy
from generator.text.numbering import looks_numbered

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
HTML_TAG = re.compile(r"<[^>]*>")
BOLD_QUESTIONS = 3  # bold questions alone that make a page's bold paragraphs its headings
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
BREAK_TAG = re.compile(r"<\s*(?:br|/p|/div|/summary|/li|/h\d|/tr)\s*/?>", re.I)
INDENT = "  "


def front_matter(text: str) -> tuple[dict, str]:
    """(the front matter's fields, the rest of the text). A front matter that
    is not a YAML mapping is no front matter: the text is left whole."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        fields = untrusted_yaml.load(match.group(1) or "")
    except yaml.YAMLError:
        return {}, text
    if not isinstance(fields, dict):
        return {}, text
    return fields, text[match.end():]


def markdown_lines(text: str) -> tuple[list[str], str]:
    """The lines of a Markdown page, and its title (front matter `title`,
    else the first `#` heading)."""
    fields, body = front_matter(text)
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tree = SyntaxTreeNode(parser.parse(body))
    out: list[str] = []
    _blocks(tree.children, out, 0, _bold_headings(tree))
    title = str(fields.get("title") or "").strip()
    if not title:
        first = next((n for n in tree.walk() if n.type == "heading" and n.tag == "h1"), None)
        title = _inline(first.children[0]).strip() if first and first.children else ""
    return tidy(out), title


def _blocks(nodes, out: list[str], depth: int, bold: frozenset[int] = frozenset()) -> None:
    for node in nodes:
        _block(node, out, depth, bold)


def _block(node: SyntaxTreeNode, out: list[str], depth: int, bold: frozenset[int] = frozenset()) -> None:
    indent = INDENT * depth
    kind = node.type
    if kind == "heading":
        level = int(node.tag[1])
        text = " ".join(_inline_of(node).split())
        if text:
            out.append("#" * level + " " + text)
    elif kind == "paragraph" and id(node) in bold:
        # **RAG 中文档切片粒度如何选择？** alone: the author's own heading of a question
        out.append("###### " + " ".join(_inline_of(node).split()))
        out.append("")
    elif kind == "paragraph":
        out.extend(indent + line for line in _inline_of(node).split("\n") if line.strip())
        if not node.hidden:  # a tight list's items are not separated by blank lines
            out.append("")
    elif kind in ("bullet_list", "ordered_list"):
        _list(node, out, depth, bold)
        out.append("")
    elif kind in ("fence", "code_block"):
        language = (node.info or "").strip().split(" ")[0].lower() if kind == "fence" else ""
        out.append("```" + language)
        out.extend(node.content.rstrip("\n").split("\n"))
        out.append("```")
    elif kind == "blockquote":
        _blocks(node.children, out, depth, bold)
    elif kind == "table":
        for row in (r for r in node.walk() if r.type == "tr"):
            cells = [" ".join(_inline_of(c).split()) for c in row.children]
            if any(cells):  # empty cells kept: the columns stay in line
                out.append(indent + " | ".join(cells))
        out.append("")
    elif kind == "html_block":
        out.extend(indent + line for line in _html_text(node.content))
    elif kind == "hr":
        out.append("")
    else:
        _blocks(node.children, out, depth, bold)


def _list(node: SyntaxTreeNode, out: list[str], depth: int, bold: frozenset[int] = frozenset()) -> None:
    """Each item's marker goes on the item's first line; what follows in the
    item (more paragraphs, code, a nested list) comes after it, nested one
    level deeper."""
    ordered = node.type == "ordered_list"
    number = int(node.attrs.get("start", 1)) if ordered else 0
    # 1. / 1. / 1.: numbered lazily, as Markdown allows; a reader sees 1, 2, 3
    lazy = len(node.children) > 1 and len({item.info for item in node.children}) == 1
    for item in node.children:
        first = len(out)
        _blocks(item.children, out, depth + 1, bold)
        while first < len(out) and not out[first].strip():
            del out[first]
        if first == len(out) or out[first].startswith("```"):
            number += 1
            continue  # an empty item, or one that starts with code
        if ordered:
            marker = f"{number if lazy else item.info or number}{')' if depth else '.'} "
        else:
            marker = "• "
        out[first] = INDENT * depth + marker + out[first].strip()
        number += 1


def _bold_text(paragraph: SyntaxTreeNode) -> str:
    """The text of a paragraph that is nothing but bold text, else ""."""
    inline = paragraph.children[0] if len(paragraph.children) == 1 else None
    parts = [c for c in inline.children if c.type != "text" or c.content.strip()] if inline else []
    return _inline(parts[0]).strip() if len(parts) == 1 and parts[0].type == "strong" else ""


def _bold_headings(tree: SyntaxTreeNode) -> frozenset[int]:
    """The paragraphs that stand for headings: bold alone and ending in a
    question mark; and every paragraph bold alone on a page with a few such
    questions (the page heads its questions so, 了解ToT吗？讲一下 too). Not a
    numbered one (**1、介绍下 MF。**): its number makes it a question line as
    it is, one list with the numbered lines around it."""
    bold = {id(n): _bold_text(n) for n in tree.walk() if n.type == "paragraph" and not _in_list(n)}
    bold = {k: text for k, text in bold.items() if text and not looks_numbered(text)}
    asking = {k for k, text in bold.items() if text.endswith(("?", "？"))}
    return frozenset(bold if len(asking) >= BOLD_QUESTIONS else asking)


def _in_list(node: SyntaxTreeNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in ("list_item", "table"):
            return True
        parent = parent.parent
    return False


def _inline_of(node: SyntaxTreeNode) -> str:
    return "".join(_inline(child) for child in node.children)


def _inline(node: SyntaxTreeNode) -> str:
    """The text of an inline node: emphasis and links lose their marks,
    images go, inline HTML becomes its text, breaks become new lines."""
    kind = node.type
    if kind in ("text", "code_inline"):
        return node.content
    if kind in ("softbreak", "hardbreak"):
        return "\n"
    if kind == "image":
        return ""
    if kind == "html_inline":
        return "\n" if BREAK_TAG.match(node.content) else ""
    return "".join(_inline(child) for child in node.children)


def _html_text(markup: str) -> list[str]:
    """The text lines of an HTML block (<details><summary>答案</summary>,
    <p align="center">, <br>); comments and images go."""
    markup = BREAK_TAG.sub("\n", HTML_COMMENT.sub("", markup))
    text = HTML_TAG.sub("", markup)
    return [line.strip() for line in unescape(text).split("\n") if line.strip()]
