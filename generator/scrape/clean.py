"""Clean an extracted page: repair its characters, drop what is not interview.

`clean(page)` runs a registry of small named steps in order (like
Python-Markdown's processors, see `build_steps`):

- normalisers rewrite lines: `entities` (`#xff0c`, `#x27;`, `#39;`,
  `&#xff0c;`, `&#65292;`, `&amp;` ... become the characters they encode),
  `width` (full-width letters, digits and symbols become ASCII), `whitespace`
  (NBSP, zero-width characters, tabs; runs of spaces inside prose) and `blank`
  (empty lines go);
- droppers remove furniture and record every removed line in `Page.dropped`
  under the step's name: `markup`, `buttons` (复制 / AI写代码 buttons, inside
  code too), `fences` (fence markers left as text), `labels` (cuts "AI 解答："
  and keeps the answer), `seo_junk` (strips a keyword prefix and records it),
  `article_end` (the marker and all after it: END, "编辑于 ... IP 属地",
  "全部回复（3）", "往期推荐", ※ 發信站, "Responses (9)", a repost
  attribution, references), `prev_next`, `copyright`, `hashtags`, `widget`,
  `chrome` (BBS pushes, document-sharing fields, author cards, post
  counters, "last updated" stamps ...), `promotion`, `placeholder`,
  `intro_outro`, `moods` (the author's mood and wishes: 许愿 offer, 估计凉了;
  cut off a question they follow), `block`, `repeated`, `watermark`.

The rules and thresholds are data (generator/data/boilerplate.yml).

Punctuation: Chinese punctuation is kept as written (`，：？（）` stay full
width, since they are what the text says); every other full-width form becomes
ASCII. Code that reads the cleaned lines must treat `：`/`:`, `？`/`?` and
`，`/`,` alike: segment's patterns list both forms, evaluate folds them.

Code lines (inside ``` fences, or Python recognised by `generator.scrape.code`) are
never dropped and keep their indentation and inner spacing. Prose lines keep
their leading indentation too (list nesting); segment strips it.

It does not decide what is a question (segment does), and it only repairs the
characters and SEO junk of the page title.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Callable

from generator import rules
from generator.rules import schema
from generator.model import Dropped, Line, Page
from generator.registry import Registry
from generator.scrape.code import fence_language, find_code
from generator.text.script import to_simplified
from generator.text.asking import ends_asking, may_be_question, starts_with_label
from generator.text.numbering import looks_numbered, symbol_prefix


# What one step gets and gives: the kept lines in, the kept lines out plus the
# lines (or parts of lines) it threw away.
StepResult = tuple[list[Line], list[Line]]
Step = Callable[[list[Line], "Context"], StepResult]


def load_rules() -> schema.Boilerplate:
    return rules.load("boilerplate.yml")


@cache
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=65536)
def _simplified(text: str) -> str:
    """The text in simplified characters (OpenCC t2s), for matching only."""
    return to_simplified(text)


def _search(pattern: str, text: str) -> bool:
    """Does a rule match the line as written or in simplified characters?
    Rules are written in simplified Chinese; `轉載` matches `转载`."""
    if _regex(pattern).search(text):
        return True
    simplified = _simplified(text)
    return simplified != text and bool(_regex(pattern).search(simplified))


def _any(patterns: list[str], text: str) -> bool:
    simplified = _simplified(text)
    combined = _alternation(tuple(patterns))
    return bool(combined.search(text) or (simplified != text and combined.search(simplified)))


@cache
def _alternation(patterns: tuple[str, ...]) -> re.Pattern:
    """One regex for a list of rules (one scan of the line instead of one per
    rule); a rule's leading inline flags become a scoped group."""
    if any(re.search(r"\\[1-9]|\(\?P=", p) for p in patterns):
        return _AnyOf(tuple(_regex(p) for p in patterns))  # back-references count groups: kept apart
    parts = []
    for pattern in patterns:
        flags = re.match(r"^\(\?([aiLmsux]+)\)", pattern)
        parts.append(f"(?{flags.group(1)}:{pattern[flags.end():]})" if flags else f"(?:{pattern})")
    try:
        return re.compile("|".join(parts), re.IGNORECASE)  # as _regex compiles each rule
    except re.error:  # rules that cannot share one regex (the same group name twice)
        return _AnyOf(tuple(_regex(p) for p in patterns))


@dataclass(frozen=True)
class _AnyOf:
    regexes: tuple[re.Pattern, ...]

    def search(self, text: str) -> bool:
        return any(r.search(text) for r in self.regexes)


@dataclass
class Context:
    """What the steps of one run share: the rules, every line thrown away so
    far (with its rule) and the whole page text for cross-line rules."""

    rules: schema.Boilerplate
    dropped: list[Dropped] = field(default_factory=list)
    format: str = "text"  # the source document's format: "text" or "html"

    def dropped_by(self, rules: list[str]) -> list[Line]:
        return [d.line for d in self.dropped if d.rule in rules]


# --- characters -------------------------------------------------------------

PUNCTUATION = set("，。、；：？！…—·「」『』【】《》（）“”‘’,.;:?!()[]{}<>\"'~～-_/\\|@#$%^&*+=`")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def repair_entities(text: str) -> str:
    """`&#xff0c;`, `&#65292;`, `&amp;` and the bare entities of a copy that
    lost `&` (and maybe `;`) become the characters they encode: `#xff0c` with
    exactly `bare_hex_digits` hex digits, or, closed by `;`, any `#x27;` or
    decimal `#39;` (not after `:`, where `#333;` is a CSS colour)."""
    rules = load_rules().normalise
    digits = rules.bare_hex_digits
    bare = _regex(
        rf"(?<![&#])#x([0-9a-f]{{{digits}}})(?![0-9a-f]);?"
        rf"|(?<![&#])#x([0-9a-f]{{{rules.bare_closed_hex_digits}}});"
        rf"|(?<![&#:])(?<!: )#([0-9]{{{rules.bare_closed_decimal_digits}}});"
    )
    for _ in range(3):  # `&amp;#xff0c;` needs two rounds
        new = bare.sub(_bare_entity, html.unescape(text))
        if new == text:
            break
        text = new
    return text


def _bare_entity(match: re.Match) -> str:
    hex_digits = match.group(1) or match.group(2)
    code = int(hex_digits, 16) if hex_digits else int(match.group(3))
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return match.group(0)
    return chr(code)


@cache
def _width_table() -> dict[int, int]:
    keep = load_rules().normalise.keep_fullwidth
    return {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in keep}


_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalise_text(text: str) -> str:
    """One line's characters repaired, without knowing whether it is code."""
    text = repair_entities(text).translate(_width_table())
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    return text.expandtabs(load_rules().normalise.tab_width).rstrip()


def _content(text: str) -> str:
    """Letters, digits and CJK only: what repetition is measured on."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


# --- normalisers --------------------------------------------------------------


def entities(lines: list[Line], ctx: Context) -> StepResult:
    return [replace(l, text=repair_entities(l.text)) for l in lines], []


def width(lines: list[Line], ctx: Context) -> StepResult:
    return [replace(l, text=l.text.translate(_width_table())) for l in lines], []


def whitespace(lines: list[Line], ctx: Context) -> StepResult:
    tab = ctx.rules.normalise.tab_width
    texts = [_INVISIBLE.sub("", _SPACES.sub(" ", l.text)).expandtabs(tab).rstrip() for l in lines]
    code = find_code(texts)
    out = []
    for line, text, is_code in zip(lines, texts, code):
        if not is_code:  # keep the indentation, squeeze the spaces inside
            indent = text[: len(text) - len(text.lstrip(" "))]
            text = indent + re.sub(r" {2,}", " ", text.strip())
        out.append(replace(line, text=text))
    return out, []


def blank(lines: list[Line], ctx: Context) -> StepResult:
    # Empty lines carry nothing; they are not recorded as dropped.
    return [l for l in lines if l.text.strip()], []


# --- droppers -----------------------------------------------------------------


_BACKTICKS = re.compile(r"(`+[^`]*`+)")


@cache
def _tag_regex(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"<!--.*?-->|</?(?:{alternatives})(?![\w-])(?:\s[^<>]*)?/?>", re.IGNORECASE)


_INLINE_TAG = re.compile(r"</?(?:a|b|i|u|em|strong|span|font|code|kbd|mark|del|ins|small|big|sup|sub)\b", re.IGNORECASE)


def _tag_gap(match: re.Match) -> str:
    """What a tag leaves: nothing inside a line (`<b>`), a space between blocks."""
    return "" if _INLINE_TAG.match(match.group(0)) else " "


def _strip_tags(text: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """The text without its HTML tags (outside `inline code`), and the tags."""
    regex, tags, parts = _tag_regex(names), [], []
    for part in _BACKTICKS.split(text):
        if part.startswith("`"):
            parts.append(part)
        else:
            tags.extend(regex.findall(part))
            parts.append(regex.sub(_tag_gap, part))
    stripped = "".join(parts)
    indent = text[: len(text) - len(text.lstrip(" "))]
    return indent + re.sub(r" {2,}", " ", stripped.strip()), tags


def _is_badges(text: str, rules: schema.Markup) -> bool:
    """A line of Markdown images only (linked or not), all of them badges."""
    urls = re.findall(r"!\[[^\]]*\]\(\s*([^)\s]+)[^)]*\)", text)
    rest = re.sub(r"\[\s*!\[[^\]]*\]\([^)]*\)\s*\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)", "", text)
    return bool(urls) and not rest.strip() and all(_regex(rules.badge_url).search(u) for u in urls)


def markup(lines: list[Line], ctx: Context) -> StepResult:
    """Markup a text page shows as it is: badge image lines go (any page); in
    a text (not HTML) page, HTML tags (`<details>`, `<summary>`, `<p
    align=...>`) are cut from a line, and a line left with nothing but a UI
    label (点击查看答案 "click to see the answer", 展开 "expand") goes.
    The tags cut from a kept line are recorded as dropped, like seo_junk."""
    rules = ctx.rules.markup
    names = tuple(rules.tags)
    code = find_code([l.text for l in lines])
    kept, dropped = [], []
    for line, is_code in zip(lines, code):
        if is_code:
            kept.append(line)
        elif _is_badges(line.text.strip(), rules):
            dropped.append(line)
        elif ctx.format == "html":
            kept.append(line)
        else:
            text, tags = _strip_tags(line.text, names)
            if not tags:
                kept.append(line)
            elif not text.strip() or _search(rules.label, text.strip()):
                dropped.append(line)
            else:
                kept.append(replace(line, text=text))
                dropped.append(replace(line, text=" ".join(tags)))
    return kept, dropped


def _patterns(section: schema.PatternList | schema.NamedPatterns) -> list[str]:
    """The patterns of a rule section: a list, or named patterns (a mapping)."""
    patterns = section.patterns
    return list(patterns.values()) if isinstance(patterns, dict) else list(patterns)


def _find(pattern: str, text: str) -> re.Match | None:
    """The first match of a rule in the line, as written or in simplified
    characters when that form has the same length (so the span fits both)."""
    match = _regex(pattern).search(text)
    if match is None:
        simplified = _simplified(text)
        if simplified != text and len(simplified) == len(text):
            match = _regex(pattern).search(simplified)
    return match


def buttons(lines: list[Line], ctx: Context) -> StepResult:
    """UI buttons a browser copy carries into the text (复制 "copy", AI写代码
    "write code with AI", 运行 "run"): a line of nothing else goes, inside
    code too (that is where they are copied into); glued to the end of a
    line they are cut off it."""
    rules = ctx.rules.buttons
    kept, dropped = [], []
    for line in lines:
        text = line.text.strip()
        if _any(_patterns(rules), text):
            dropped.append(line)
            continue
        glued = _regex(rules.glued).search(line.text)
        if glued and line.text[: glued.start()].strip():
            kept.append(replace(line, text=line.text[: glued.start()]))
            dropped.append(replace(line, text=glued.group(0).strip()))
        else:
            kept.append(line)
    return kept, dropped


def fences(lines: list[Line], ctx: Context) -> StepResult:
    """Fence markers left as text: an opening ``` that is never closed and is
    not followed by code (it would make the rest of the page code), and a
    pair of fences with nothing between them."""
    texts = [l.text for l in lines]
    drop: set[int] = set()
    opened = None
    for index, text in enumerate(texts):
        if fence_language(text) is None:
            continue
        if opened is None:
            opened = index
        else:
            if not any(t.strip() for t in texts[opened + 1 : index]):
                drop.update((opened, index))
            opened = None
    if opened is not None:
        rest = [t for t in texts[opened + 1 :] if t.strip()]
        if not rest or not find_code(rest[: ctx.rules.fences.lookahead])[0]:
            drop.add(opened)
    return [l for i, l in enumerate(lines) if i not in drop], [l for i, l in enumerate(lines) if i in drop]


def labels(lines: list[Line], ctx: Context) -> StepResult:
    """Labels that go while the text they label stays: "AI 解答：" (the
    answer was generated), a BBS "標題" (title) label. The cut label is
    recorded as dropped."""
    patterns = _patterns(ctx.rules.labels)
    code = find_code([l.text for l in lines])
    kept, dropped = [], []
    for line, is_code in zip(lines, code):
        text = line.text.strip()
        match = None if is_code else next(filter(None, (_find(p, text) for p in patterns)), None)
        rest = text[match.end():].strip() if match is not None and match.start() == 0 else ""
        if not rest or ends_asking(rest):  # "ChatGPT 的回答：为什么...？" is a question
            kept.append(line)
            continue
        indent = line.text[: len(line.text) - len(line.text.lstrip(" "))]
        kept.append(replace(line, text=indent + text[match.end():].strip()))
        dropped.append(replace(line, text=text[: match.end()].strip()))
    return kept, dropped


def chrome(lines: list[Line], ctx: Context) -> StepResult:
    """Whole lines of page chrome: BBS pushes and headers, Word field codes,
    page counters, an author's level, template tags, "last updated" stamps
    and lines of post counters (阅读 4,812 · 点赞 96)."""
    rules = ctx.rules.chrome
    keep_questions = [rules.patterns[name] for name in rules.keep_questions]
    others = [p for name, p in rules.patterns.items() if name not in rules.keep_questions]

    def is_chrome(line: Line) -> bool:
        text = line.text.strip()
        if _any(others, text):
            return True
        asks = "？" in text or "?" in text
        if not asks and len(text) <= rules.max_chars and _any(keep_questions, text):
            return True
        return len(text) <= rules.max_chars and not ends_asking(text) and \
            len(_regex(rules.counter).findall(_simplified(text))) >= rules.min_counters

    return _split(lines, is_chrome)


def moods(lines: list[Line], ctx: Context) -> StepResult:
    """The author's asides to the reader (mood, wishes, waiting, requests for
    help in the comments): a short line with one goes; after a question that
    does not address readers, only the aside (from its own clause on) is
    cut; an aside followed by a question mark is part of the question."""
    rules = ctx.rules.moods
    patterns = _patterns(rules)
    code = find_code([l.text for l in lines])
    kept, dropped = [], []
    for line, is_code in zip(lines, code):
        text = line.text.strip()
        found = [] if is_code else [m for m in (_find(p, text) for p in patterns) if m]
        match = min(found, key=lambda m: m.start()) if found else None  # the first aside of the line
        if match is None:
            kept.append(line)
            continue
        head, tail = text[: match.start()], text[match.start():]
        asked = max(head.rfind("？"), head.rfind("?"))
        if "？" in tail or "?" in tail:
            kept.append(line)  # the aside is part of a question
        elif asked >= 0 and not _search(rules.readers, head[: asked + 1]):
            # from the aside's own clause on: what comes between the question
            # and it (a run of more questions, an answer) stays
            cut = max(asked, *(head.rfind(c) for c in "。！!；;，, "))
            indent = line.text[: len(line.text) - len(line.text.lstrip(" "))]
            kept.append(replace(line, text=indent + head[: cut + 1].rstrip()))
            dropped.append(replace(line, text=text[cut + 1:].strip()))
        elif len(text) <= rules.max_chars:
            dropped.append(line)  # an aside line, or one asking readers
        else:
            kept.append(line)
    return kept, dropped


def hashtags(lines: list[Line], ctx: Context) -> StepResult:
    return _split(lines, lambda l: _any(ctx.rules.hashtags.patterns, l.text.strip()))


def _split(lines: list[Line], is_furniture: Callable[[Line], bool]) -> StepResult:
    """Lines kept and lines dropped by a per-line test; code is always kept."""
    code = find_code([l.text for l in lines])
    kept, dropped = [], []
    for line, is_code in zip(lines, code):
        (dropped if not is_code and is_furniture(line) else kept).append(line)
    return kept, dropped


def _junk_prefix(text: str, elsewhere: str | None, rules: schema.SeoJunk) -> int:
    """Length of the SEO keyword prefix of `text` (0 when there is none).

    The prefix is at least `min_phrases` short keyword phrases separated by
    ASCII separators. The last phrase is glued to the real first sentence; the
    sentence starts at the longest tail of that phrase that the page repeats
    elsewhere (`elsewhere`: the other lines reduced to letters and digits).
    Without such an anchor only a line made of keywords alone is junk.
    With `elsewhere` None, only whether a keyword prefix may be there (> 0)."""
    pieces = re.split(f"([{re.escape(rules.separators)}])", text)
    phrases, offset = 0, 0
    for piece, sep in zip(pieces[0::2], pieces[1::2] + [""]):
        ok = 0 < len(piece.strip()) <= rules.max_phrase_chars and not any(c in rules.not_in_phrase for c in piece)
        if not ok or not sep:
            break
        phrases += 1
        offset += len(piece) + len(sep)
    if phrases < rules.min_phrases:
        return 0
    rest = text[offset:]
    if not rest.strip():
        return len(text)
    if phrases + 1 == len(pieces[0::2]) and len(rest) <= rules.max_phrase_chars \
            and not any(c in rules.not_in_phrase for c in rest):
        return len(text)  # the whole line is keywords
    head = re.split(r"[，,。！？!?；;：:]", rest, maxsplit=1)[0]
    if elsewhere is None:
        return len(head)  # a prefix of keywords is there; where it ends needs the page
    for start in range(len(head) - rules.min_anchor_chars + 1):
        tail = _content(head[start:])
        if len(tail) >= rules.min_anchor_chars and tail in elsewhere:
            return offset + start
    return 0


def _cells(text: str) -> int:
    """How many ` | `-separated cells a line has (a table row: 2 or more)."""
    return text.count(" | ") + 1


def seo_junk(lines: list[Line], ctx: Context) -> StepResult:
    rules = ctx.rules.seo_junk
    out, dropped = list(lines), []
    contents = None
    for index, line in enumerate(lines[: rules.first_lines]):
        following = [l.text for l in lines[index + 1: index + 3]]
        if _cells(line.text) > 1 and any(_cells(text) == _cells(line.text) for text in following):
            continue  # a table's header row (# | 问题 | 考点), not keywords
        if not _junk_prefix(line.text.strip(), None, rules):
            continue  # no keyword prefix at all: the page's other lines are not needed
        contents = contents or [_content(l.text) for l in lines]
        elsewhere = "\n".join(c for i, c in enumerate(contents) if i != index)
        cut = _junk_prefix(line.text.strip(), elsewhere, rules)
        if cut:
            text = line.text.strip()
            dropped.append(replace(line, text=text[:cut]))
            out[index] = replace(line, text=text[cut:].strip())
    return [l for l in out if l.text], dropped


def widget(lines: list[Line], ctx: Context) -> StepResult:
    rules = ctx.rules.widget
    code = find_code([l.text for l in lines])
    kept, dropped, inside = [], [], False
    for line, is_code in zip(lines, code):
        text = line.text.strip()
        short = len(text) <= rules.max_line_chars and not ends_asking(text)
        if is_code:
            inside = False
        elif _search(rules.start, text):
            inside = True
        elif not (inside and short):
            inside = False
        if not is_code and (inside or (short and _any(rules.lines, text))):
            dropped.append(line)
        else:
            kept.append(line)
    return kept, dropped


def article_end(lines: list[Line], ctx: Context) -> StepResult:
    """Everything from the first end marker on (END, "edited on ... IP", "all
    replies (3)", "past articles", a repost attribution, references) is the
    page around the article: sign-off, other answers, replies, links, footer.

    The article must have asked something before the marker, or the marker
    must be in the second part of the page (`late_fraction` of its lines: an
    article that asks nothing, a single answer); a marker with code after it
    is not the end; a section marker (references) is not the end either when
    a heading or numbered question follows it."""
    rules = ctx.rules.article_end
    texts = [l.text.strip() for l in lines]
    # A marker line is not code, though it may look like a call: `Responses (9)`.
    code = find_code(["" if _any(rules.markers, _unwrapped(t)) else l.text for l, t in zip(lines, texts)])
    asked = False
    for i, text in enumerate(texts):
        if code[i]:
            continue
        late = i >= max(rules.late_min_lines, len(texts) * rules.late_fraction)
        if (asked or late) and _ends_article(i, texts, code, rules):
            start = i - 1 if i and not code[i - 1] and _regex(rules.lead_in).search(texts[i - 1]) else i
            return lines[:start], lines[start:]
        asked = asked or may_be_question(text)
    return lines, []


def _ends_article(i: int, texts: list[str], code: list[bool], rules: schema.ArticleEnd) -> bool:
    if any(code[i + 1:]):
        return False
    text, following = texts[i], texts[i + 1:]
    first, second = rules.attribution
    if _any(rules.markers, _unwrapped(text)):
        return True
    if following and _search(first, text) and _search(second, following[0]):
        return True
    return _any(rules.section_markers, text) and not any(
        _HEADING.match(t) or (looks_numbered(t) and ends_asking(t)) for t in following
    )


_WRAPPING = re.compile(r"^(?:#{1,6}\s+|>\s*)?([*_]{1,3})(.+?)\1$")


def _unwrapped(text: str) -> str:
    """A line without the Markdown heading mark, quote mark or emphasis that
    wraps all of it: `**往期回顾**`, `## 往期回顾` read as `往期回顾`."""
    match = _WRAPPING.match(text)
    return match.group(2).strip() if match else _HEADING.sub("", text)


def prev_next(lines: list[Line], ctx: Context) -> StepResult:
    rules = ctx.rules.prev_next
    kept, dropped = _split(lines, lambda l: _search(rules.pattern, l.text.strip()))
    if dropped:  # the author's name sits right before the links
        before = [l for l in kept if l.number < dropped[0].number]
        widget_rules = ctx.rules.widget
        name = before[-1].text.strip() if before else ""
        if _is_name(name, rules.byline_max_chars) and not (
            _search(widget_rules.start, name) or _any(widget_rules.lines, name)
        ):
            dropped.append(before[-1])
            kept.remove(before[-1])
    return kept, sorted(dropped, key=lambda l: l.number)


def _is_name(text: str, max_chars: int) -> bool:
    text = text.strip()
    return 0 < len(text) <= max_chars and all(ch.isalnum() or ch in "_-" for ch in text)


def copyright(lines: list[Line], ctx: Context) -> StepResult:
    return _split(lines, lambda l: _any(ctx.rules.copyright.patterns, l.text))


def promotion(lines: list[Line], ctx: Context) -> StepResult:
    rules = ctx.rules.promotion

    def is_promotion(line: Line) -> bool:
        text = line.text.strip()
        simplified = _simplified(text)
        weak = {word for word in rules.weak if word in text or word in simplified}
        return (
            _any(rules.strong, text)
            or len(weak) >= 2
            or _search(rules.standalone_title, text)
            or _search(rules.series_link, text)
        )

    return _split(lines, is_promotion)


def placeholder(lines: list[Line], ctx: Context) -> StepResult:
    return _split(lines, lambda l: _any(ctx.rules.placeholder.patterns, l.text.strip()))


def intro_outro(lines: list[Line], ctx: Context) -> StepResult:
    return _split(lines, lambda l: _any(ctx.rules.intro_outro.patterns, l.text.strip()))


def block(lines: list[Line], ctx: Context) -> StepResult:
    """A few kept lines between two furniture lines are furniture too (the
    motto line of a promotion block), unless they look like a question."""
    rules = ctx.rules.block
    furniture = {l.number for l in ctx.dropped_by(rules.rules)}
    numbers = sorted(furniture | {l.number for l in lines})
    code = dict(zip((l.number for l in lines), find_code([l.text for l in lines])))
    by_number = {l.number: l for l in lines}
    drop: set[int] = set()
    run: list[int] = []
    seen_furniture = False
    for number in numbers:
        if number in furniture:
            if seen_furniture and 0 < len(run) <= rules.max_gap:
                drop.update(run)
            run, seen_furniture = [], True
        else:
            run.append(number)
    drop = {n for n in drop if not code[n] and not may_be_question(by_number[n].text)}
    return [l for l in lines if l.number not in drop], [l for l in lines if l.number in drop]


def _ngrams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def repeated(lines: list[Line], ctx: Context) -> StepResult:
    """Drop paragraphs that repeat other text of the same page.

    A prose line goes when at least `threshold` of its character n-grams occur
    in one other kept line (a copy), or, for a long line, in the other kept
    lines together (a summary blob stitched from the paragraphs below it).
    Worst copies are judged first (longest, least punctuated, latest), so the
    better copy is still there to cover them and survives: an unpunctuated
    blob goes, the dialogue it repeats stays. Short lines and question lines
    go only as exact copies of a line just before them (a title printed
    twice): their wording may well occur inside an answer, and that must not
    make the question disappear."""
    rules = ctx.rules.repeated
    n, code = rules.ngram, find_code([l.text for l in lines])
    contents = [_content(l.text) for l in lines]
    grams = [_ngrams(c, n) for c in contents]
    alive = [True] * len(lines)
    candidates = [
        i for i, line in enumerate(lines)
        if not code[i] and len(contents[i]) >= rules.min_chars and not may_be_question(line.text)
    ]

    def punctuation(i: int) -> float:
        return sum(ch in PUNCTUATION for ch in lines[i].text) / max(len(lines[i].text), 1)

    def covered(i: int) -> bool:
        others = [grams[j] for j in range(len(lines)) if j != i and alive[j]]
        if any(len(grams[i] & g) >= rules.threshold * len(grams[i]) for g in others):
            return True
        if len(contents[i]) < rules.blob_min_chars:
            return False
        return len(grams[i] & set().union(*others)) >= rules.threshold * len(grams[i])

    for i in sorted(candidates, key=lambda i: (-len(contents[i]), punctuation(i), -i)):
        if grams[i] and covered(i):
            alive[i] = False
    for i in range(len(lines)):  # exact copies among the lines just before
        if alive[i] and i not in candidates and not code[i] and contents[i]:
            window = range(max(0, i - rules.exact_window), i)
            if any(alive[j] and contents[j] == contents[i] for j in window):
                alive[i] = False
    return [l for l, a in zip(lines, alive) if a], [l for l, a in zip(lines, alive) if not a]


def watermark(lines: list[Line], ctx: Context) -> StepResult:
    """A stray short line that names what a dropped furniture line named (the
    site in "大家好,我是<site>" = "hello, I am <site>")."""
    rules = ctx.rules.watermark
    furniture = [_content(l.text) for l in ctx.dropped_by(rules.rules)]

    def is_watermark(line: Line) -> bool:
        text = line.text.strip()
        return (
            _is_name(text, rules.max_chars)
            and not looks_numbered(text)
            and any(_content(text) in f for f in furniture)
        )

    return _split(lines, is_watermark)


def build_steps() -> Registry:
    return Registry.in_order([
        ("entities", entities),
        ("width", width),
        ("whitespace", whitespace),
        ("blank", blank),
        ("markup", markup),
        ("buttons", buttons),
        ("fences", fences),
        ("labels", labels),
        ("seo_junk", seo_junk),
        ("article_end", article_end),
        ("prev_next", prev_next),
        ("copyright", copyright),
        ("hashtags", hashtags),
        ("widget", widget),
        ("chrome", chrome),
        ("promotion", promotion),
        ("placeholder", placeholder),
        ("intro_outro", intro_outro),
        ("moods", moods),
        ("block", block),
        ("repeated", repeated),
        ("watermark", watermark),
    ])


TITLE_FURNITURE = ["article_end", "widget", "chrome", "prev_next", "copyright", "promotion", "placeholder",
                   "moods", "block"]


def clean(page: Page, steps: Registry | None = None) -> Page:
    """The page with its characters repaired and its furniture dropped."""
    ctx = Context(rules=load_rules(), format=page.source.format)
    lines = list(page.lines)
    for name, step in steps or build_steps():
        lines, thrown = step(lines, ctx)
        ctx.dropped.extend(Dropped(line=l, rule=name) for l in thrown)
    dropped = tuple(sorted(ctx.dropped, key=lambda d: d.line.number))
    return replace(page, title=_clean_title(page.title, lines, ctx), lines=tuple(lines),
                   dropped=page.dropped + dropped)


def _clean_title(title: str, lines: list[Line], ctx: Context) -> str:
    """The title with its characters repaired, its Markdown heading mark and
    its SEO junk cut.

    When the title is a line the page dropped as furniture (an ad taken for
    the first line of the text) or a word of the navigation bar the page
    starts with, the title is the first kept line that reads as one (see
    `_title_line`); "" when there is none and the title was furniture. A lone
    short word that names no interview (a site name: 知乎, CSDN) gives way to
    a title line that does (面经, 面试题 "interview notes, questions")."""
    rules = ctx.rules.title
    title = _HEADING.sub("", re.sub(r"\s+", " ", normalise_text(title)).strip())
    title = title[symbol_prefix(title):] or title  # # 💡 LLM 基础知识详解
    furniture = {_content(l.text) for l in ctx.dropped_by(TITLE_FURNITURE)}
    is_furniture = _content(title) in furniture or bool(_search(rules.breadcrumb, title))  # 当前位置：首页 > 正文
    if is_furniture or _in_navigation(title, lines, rules):
        title = _title_line(lines, rules) or ("" if is_furniture else title)
        if not title:
            return ""
    elif _is_site_name(title, rules) or _is_keyword_list(title, rules):
        better = _title_line([l for l in lines if _content(l.text) != _content(title)], rules)
        if better and _search(rules.interview_words, better):
            title = better
        elif _is_keyword_list(title, rules):
            return ""
    elsewhere = "\n".join(_content(l.text) for l in lines)
    cut = _junk_prefix(title, elsewhere, ctx.rules.seo_junk)
    title = title[cut:].strip() if cut < len(title) else title
    if len(title) > rules.max_chars and re.search(r"[。！!；;，,]", title):
        # a paragraph taken for the title (a long title of keywords is kept):
        # its first sentence, else a title line, else its beginning
        sentence = re.split(r"[。！!？?；;]", title, maxsplit=1)[0].strip()
        short = sentence if len(sentence) <= rules.max_chars else ""
        title = short or _title_line(lines, rules) or sentence[:rules.max_chars].rstrip() + "…"
    return title


def _in_navigation(title: str, lines: list[Line], rules: schema.Title) -> bool:
    """Is the title one of the short lines of a navigation bar (at least
    `nav_lines` lines each shorter than a title) at the top of the page?"""
    top = []
    for line in lines:
        if len(_content(line.text)) >= rules.min_chars:
            break
        top.append(_content(line.text))
    return len(top) >= rules.nav_lines and _content(title) in top


def _is_site_name(title: str, rules: schema.Title) -> bool:
    """One short word without a word that names an interview."""
    return bool(re.fullmatch(rf"\S{{1,{rules.site_max_chars}}}", title)) \
        and not _search(rules.interview_words, title)


def _is_keyword_list(title: str, rules: schema.Title) -> bool:
    """Keyword phrases joined by _ that name no interview (an SEO site's <title>)."""
    return _search(rules.keyword_list, title) and not _search(rules.interview_words, title)


def _title_line(lines: list[Line], rules: schema.Title) -> str:
    """The first kept line before the body (a numbered question or code) that
    reads as a title: long enough to name something, short enough not to be
    a paragraph, not a `label: value` line, not a breadcrumb (首页 > 讨论区 >
    面经) and not ending like a sentence."""
    code = find_code([l.text for l in lines])
    for line, is_code in zip(lines, code):
        text = _HEADING.sub("", line.text.strip())
        if is_code or looks_numbered(text):
            break
        if (
            not _search(rules.breadcrumb, text) and
            rules.min_chars <= len(_content(text))
            and len(text) <= rules.max_chars
            and not starts_with_label(text)
            and text[-1] not in rules.not_last
        ):
            return text
    return ""
