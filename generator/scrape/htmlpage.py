"""An HTML page's article body as lines of text, for generator.scrape.extract (see
its module doc for what the lines look like).

The furniture elements are removed (nav, header, footer, aside, scripts,
comment boxes, related posts: tags and id/class words in
generator/data/boilerplate.yml, section `html`), the article body is found
(`<article>`, a known content container, else the block whose paragraphs
hold the most non-link text, with its like siblings: the pages of a
document viewer) and turned into lines.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from generator.scrape.clean import load_rules
from generator.scrape.markup import tidy
from generator.text.numbering import numbers_itself

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "figure", "figcaption", "hr", "details", "summary",
}
TEXT_TAGS = ("p", "pre", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "dd")
TITLE_SEPARATORS = re.compile(r"\s+[-|_–—]\s+|_")


def html_lines(markup: str) -> tuple[list[str], str]:
    """The article body of an HTML page as lines, and the page's title."""
    rules = load_rules().html
    soup = BeautifulSoup(markup, "lxml")
    title = _html_title(soup)
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(rules.drop_tags):
        tag.decompose()
    words = set(rules.drop_attr_words)
    for tag in soup.find_all(True):
        # not tag.decomposed: on a tag never decomposed bs4 looks for it among the
        # tag's descendants (a search per tag, quadratic on a large page)
        if tag.__dict__.get("_decomposed") or tag.name in ("html", "body"):
            continue
        if tag.name != "pre" and _attr_words(tag, rules.layout_prefixes) & words:
            tag.decompose()
    body = _article(soup, rules)
    if body is None:
        return [], title
    _flatten_deep(body)
    out: list[str] = []
    current = [""]
    _node(body, out, current, 0)  # the body itself may be a list (the densest block)
    _flush(out, current)
    return tidy(out), title


MAX_DEPTH = 120  # elements nested deeper than this become their lines of text (no real article nests so deep)


def _flatten_deep(body: Tag) -> None:
    """Replace every element nested deeper than MAX_DEPTH below `body` by its
    lines of text (with <br>s between them): the walk below recurses once per
    level, and a broken or hostile page may nest thousands of <div>s.
    Iterative, one pass, and each deep subtree is read once."""
    roots = []
    stack = [(body, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.children:
            if not isinstance(child, Tag):
                continue
            if depth + 1 > MAX_DEPTH:
                roots.append(child)  # its own descendants are read with it
            else:
                stack.append((child, depth + 1))
    for root in roots:
        lines = [line.strip() for line in root.get_text("\n").split("\n") if line.strip()]
        nodes = []
        for line in lines:
            nodes += [NavigableString(line), _BREAK.__copy__()]
        if nodes:
            root.replace_with(*nodes)
        else:
            root.decompose()


_BREAK = BeautifulSoup("<br/>", "html.parser").br


def _html_title(soup: BeautifulSoup) -> str:
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return " ".join(h1.get_text(" ", strip=True).split())
    if soup.title and soup.title.string:
        parts = [p for p in TITLE_SEPARATORS.split(soup.title.string.strip()) if p.strip()]
        return parts[0].strip() if parts else ""
    return ""


def _attr_words(tag: Tag, layout_prefixes: list[str]) -> set[str]:
    if tag.attrs is None:
        return set()
    values = [tag.get("id") or ""] + list(tag.get("class") or [])
    words = set()
    for value in values:
        words.add(value.lower())
        parts = [w for w in re.split(r"[-_\s]+", value.lower()) if w]
        if parts and parts[0] not in layout_prefixes:  # has-sidebar: a container that has one, not the sidebar
            words.update(parts)
    return words


def _article(soup: BeautifulSoup, rules: dict) -> Tag | None:
    for selector in rules.content_selectors:
        found = soup.select_one(selector)
        if found is not None and len(found.get_text(strip=True)) >= 50:
            return found
    return _densest(soup, rules.link_text_weight, rules.sibling_share) or soup.body or soup


def _densest(soup: BeautifulSoup, link_weight: float, sibling_share: float = 1.0) -> Tag | None:
    """The element whose direct text children hold the most text, link text
    counting little (readability's scoring, reduced to its core).

    When its siblings of the same tag and class hold text too (at least
    `sibling_share` of its score: the pages of a document viewer, the posts
    of a thread split in parts), they are the body together, in page order."""
    scores: dict[int, float] = {}
    parents: dict[int, Tag] = {}
    for node in soup.find_all(TEXT_TAGS):
        parent = node.parent
        if parent is None:
            continue
        text = len(node.get_text(strip=True))
        links = sum(len(a.get_text(strip=True)) for a in node.find_all("a"))
        scores[id(parent)] = scores.get(id(parent), 0) + (text - links) + links * link_weight
        parents[id(parent)] = parent
    if not scores:
        return None
    best = parents[max(scores, key=scores.get)]
    classes = best.get("class")
    if not classes or best.parent is None:
        return best
    parts = [c for c in best.parent.find_all(best.name, recursive=False)
             if c is best or (c.get("class") == classes and scores.get(id(c), 0) >= sibling_share * scores[id(best)])]
    if len(parts) < 2:
        return best
    body = soup.new_tag("div")
    for part in parts:
        body.append(part.extract())
    return body


def _walk(node: Tag, out: list[str], current: list[str], lists: int = 0) -> None:
    """Append the text of `node` to `out`, one line per block element.

    `current` is the line being built (a one-item list, so children share it);
    `lists` is how many lists `node` is inside."""
    for child in node.children:
        _node(child, out, current, lists)


def _node(child, out: list[str], current: list[str], lists: int) -> None:
    """`_walk` of one child node."""
    if isinstance(child, NavigableString):
        text = re.sub(r"\s+", " ", str(child))
        if text.strip() or current[0]:
            current[0] += text
        return
    if not isinstance(child, Tag):
        return
    name = child.name
    if name == "br":
        _flush(out, current)
    elif name == "pre":
        _flush(out, current)
        out.append("```" + _language(child))
        out.extend(child.get_text().strip("\n").split("\n"))
        out.append("```")
    elif name in ("ul", "ol"):
        _flush(out, current)
        _list(child, out, current, lists)
    elif name == "tr":
        _flush(out, current)
        cells = [" ".join(c.get_text(" ", strip=True).split()) for c in child.find_all(["td", "th"])]
        out.append(" | ".join(c for c in cells if c))
    elif name in ("img", "input"):
        return
    elif name in ("h2", "h3", "h4", "h5", "h6"):
        _flush(out, current)  # keep the level: segment reads "## " marks
        current[0] = "#" * int(name[1]) + " "
        _walk(child, out, current, lists)
        _flush(out, current)
    elif name in BLOCK_TAGS:
        _flush(out, current)
        _walk(child, out, current, lists)
        _flush(out, current)
    else:  # inline: span, a, b, code, em ...
        _walk(child, out, current, lists)


def _list(node: Tag, out: list[str], current: list[str], lists: int) -> None:
    """The items of a `<ul>` or `<ol>` as lines, the item's marker on its first line."""
    items = [c for c in node.children if isinstance(c, Tag) and c.name == "li"]
    numbers = dict(zip(map(id, items), _item_numbers(node, items)))
    for child in node.children:
        first = len(out)
        _node(child, out, current, lists + 1)  # stray text or tags too: a browser shows them
        _flush(out, current)
        if id(child) not in numbers or first == len(out) or out[first].startswith("```"):
            continue  # not an item, an empty item, or an item that starts with code
        marks = re.match(r"#+ ", out[first])  # an item that holds a heading
        head, text = (out[first][: marks.end()], out[first][marks.end():]) if marks else ("", out[first])
        if node.name == "ul":
            text = "• " + text
        elif not numbers_itself(text):
            text = f"{numbers[id(child)]}{')' if lists else '.'} {text}"
        out[first] = "  " * lists + head + text  # nested: indented, as a browser shows it


def _item_numbers(node: Tag, items: list[Tag]) -> list[int]:
    """The numbers a browser shows for the items of an `<ol>`: from `start`
    (default 1, or the item count when `reversed`), counting down when
    `reversed`; an item's `value` sets its number and the count goes on from it."""
    step = -1 if node.has_attr("reversed") else 1
    number = _int(node.get("start"), len(items) if step < 0 else 1)
    numbers = []
    for item in items:
        number = _int(item.get("value"), number)
        numbers.append(number)
        number += step
    return numbers


def _int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _flush(out: list[str], current: list[str]) -> None:
    text = current[0].strip()
    if text and not re.fullmatch(r"#+", text):  # an empty heading
        out.append(text)
    current[0] = ""


def _language(pre: Tag) -> str:
    for tag in [pre] + pre.find_all("code"):
        for cls in tag.get("class") or []:
            match = re.match(r"(?:language|lang)-([\w+-]+)", cls)
            if match:
                return match.group(1).lower()
    return ""
