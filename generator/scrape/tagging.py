"""Tag every line of a cleaned page: step 1 of splitting it into questions,
as in Python-Markdown's block parser.

`tag` gives every line one tag by running a registry of small named taggers
in order (`build_taggers`): `fence`/`code` (Python and ``` blocks), `turn` (a
dialogue turn: 面试官/应聘者/候选人/程序员/我: ...), `followup` (a follow-up
label in prose, tagged as a turn), `answer_mark` (👉 …: answer text),
`markdown` (`## ` heading marks, decided by what follows them), `heading`
(一、基础篇, 🎤 第一轮面试, 二面(45min), 2.6 Agent 相关面试题, 2. 技术问题 ...),
`numbered` (1、 1. 2.5 问题3、 Q1: 【问题3】 1️⃣ ①; not a timeline with →
arrows), `item` (• - *) and `text`. A time stamp before a speaker
([00:03:40] 面试官：…) is taken off.
Then passes over the whole page (`_promote_*`): a numbered line whose next
numbered line is its sub-number (2. -> 2.5) becomes a heading; a short
standalone topic line before a question (Transformer 基础) becomes a heading;
a short standalone line ending in ? and followed by prose becomes `asked` (a
question without a number), unless the page is a dialogue or already has
question structure (numbered lines, turns) that it would break.

Speaker names, heading words, question-intent words and thresholds are data:
generator/data/segment.yml (`load_rules`, `rx`), shared with generator.scrape.segment.

It does not decide which lines are questions, what their answers are or which
category they go under: see generator.scrape.segment, which walks the tagged lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from generator import rules
from generator.rules.schema import Segment
from generator.registry import Registry
from generator.scrape.code import fence_language, find_code
from generator.model import Line, Page
from generator.text import numbering
from generator.text import asking
from generator.text.asking import QUESTION_MARKS, SENTENCE_END, asks_something
from generator.text.script import either_script, to_simplified
from generator.text.numbering import labelled_numbering, number_of, numbering_of, scheme_of, symbol_prefix

MARKDOWN_MARKS = re.compile(r"^#{1,6}\s+")  # a heading's marks, as extract writes them
SENTENCE_ENDS = ("。", "！", "!", ".", "…", "”", "\"")  # what ends a finished paragraph


def load_rules() -> Segment:
    return rules.load("segment.yml")


@cache
def regex(pattern: str) -> re.Pattern:
    """A rule's pattern, matching a page in either script (generator.text.script)."""
    return re.compile(either_script(pattern))


def rx(name: str, *path: str) -> re.Pattern:
    value = getattr(load_rules(), name)
    for key in path:
        value = getattr(value, key)
    return regex(value)


@dataclass(frozen=True)
class Tagged:
    """One line and what it is."""

    line: Line
    tag: str  # fence, code, turn, heading, numbered, asked, item, text; aside, problem (set by generator.scrape.shapes)
    text: str  # the line without its marker (number, bullet, speaker, quotes)
    number: str = ""  # "2.5" for numbered lines and headings
    scheme: str = ""  # how it is numbered: prefix, separator and depth
    role: str = ""  # for turns: interviewer, candidate or followup

    @property
    def indent(self) -> int:
        """How deep the line is nested (leading spaces of a list item)."""
        return len(self.line.text) - len(self.line.text.lstrip(" "))

    def as_(self, tag: str, text: str | None = None, **changes) -> "Tagged":
        return Tagged(self.line, tag, self.text if text is None else text,
                      **{"number": self.number, "scheme": self.scheme, "role": self.role, **changes})


def markdown_level(item: "Tagged | None") -> int:
    """The Markdown level of a heading line (## 一面: 2); 0 for a line without marks."""
    found = MARKDOWN_MARKS.match(item.line.text.strip()) if item is not None else None
    return found.group().count("#") if found else 0


@dataclass(frozen=True)
class PageInfo:
    """What taggers need to know about the whole page."""

    code: tuple[bool, ...]  # which lines are code
    dialogue: bool  # enough lines start with a speaker name
    title: str = ""  # the page title
    flat: bool = False  # a text copy that lost its blank lines


def _speaker(text: str, dialogue: bool) -> tuple[str, str] | None:
    """(role, rest) when the line is a dialogue turn. A time stamp before the
    speaker ([00:03:40] 面试官：…) is taken off; an interviewer turn that
    starts with a follow-up label (面试官追问：…) is a follow-up, without it."""
    text = rx("timestamp").sub("", text, count=1)
    for role, colon_required, pattern in _speakers():
        match = pattern.match(text)
        if match and (match.group("colon") or match.group("bracket") or (dialogue and not colon_required)):
            rest = text[match.end():].strip().strip("“”\"'‘’「」 ")
            role = _noted_role(match.group("note")) or role  # Q（我）: the candidate asks
            label = rx("followup_label").match(rest) if role == "interviewer" else None
            if label and label.group("colon") and rest[label.end():].strip():
                role, rest = "followup", rest[label.end():].strip()
            if rest:
                return role, rest
    return None


@cache
def _speakers() -> list[tuple[str, bool, re.Pattern]]:
    """(role, colon required, pattern) of every speaker name, longest first."""
    speakers = [
        (role, entry.colon, entry.name)
        for role, entries in load_rules().speakers.by_role().items()
        for entry in entries
    ]
    speakers.sort(key=lambda s: -len(s[2]))
    # 面试官(Q)：/ 我（A）: a speaker's name may carry a short note in brackets;
    # 【面试官】/ [答]: a name in square brackets is as good as its colon
    return [(role, colon, re.compile(either_script(rf"^(?:[【\[]\s*{re.escape(name)}\s*(?P<bracket>[】\]])\s*[:：]?"
                                                   rf"|{re.escape(name)}\s*(?:[(（](?P<note>[^()（）]{{1,6}})[)）])?\s*(?P<colon>[:：])?)\s*")))
            for role, colon, name in speakers]


@cache
def speaker_names() -> frozenset[str]:
    """Every known speaker name (面试官, 候选人, 我 …)."""
    return frozenset(entry.name for entries in load_rules().speakers.by_role().values() for entry in entries)


def _noted_role(note: str | None) -> str:
    """The role a bracketed note names (面试官, 我 …), "" when none."""
    if not note:
        return ""
    for role, _, pattern in _speakers():
        found = pattern.match(note.strip())
        if found and found.end() == len(note.strip()) and role in ("interviewer", "candidate"):
            return role
    return ""


def tag_fence(line: Line, index: int, info: PageInfo) -> Tagged | None:
    language = fence_language(line.text)
    return Tagged(line, "fence", language) if language is not None else None


def tag_code(line: Line, index: int, info: PageInfo) -> Tagged | None:
    return Tagged(line, "code", line.text) if info.code[index] else None


def tag_turn(line: Line, index: int, info: PageInfo) -> Tagged | None:
    if rx("followup_lead").match(line.text.strip()):
        return Tagged(line, "text", line.text.strip())  # 追问链条：: announces turns, is none
    found = _speaker(line.text.strip(), info.dialogue)
    return Tagged(line, "turn", found[1], role=found[0]) if found else None


def tag_followup(line: Line, index: int, info: PageInfo) -> Tagged | None:
    """面试官追问：不用 OrderedDict 怎么写？我说…: a follow-up label in prose
    (not a speaker), on any page. The rest must ask: with a question mark,
    or after a colon with an intent word."""
    match = rx("followup_label").match(line.text.strip())
    if not match:
        return None
    rest = line.text.strip()[match.end():].strip()
    if any(m in rest for m in QUESTION_MARKS) or (match.group("colon") and asks_something(rest)):
        return Tagged(line, "turn", rest, role="followup")
    return None


_NOTE_AT_END = re.compile(r"\s*[(（][^()（）]{1,20}[)）]$")  # a note in brackets after a heading's words


def is_heading_text(text: str) -> bool:
    rules = load_rules().headings
    text = _NOTE_AT_END.sub("", text.rstrip("：: ").strip())  # 算法题(二选一)：
    return (
        len(text) <= rules.max_chars
        and not any(m in text for m in QUESTION_MARKS)
        and (any(regex(p).search(text) for p in rules.words) or bool(regex(rules.part).match(text)))
        and not regex(rules.asks).search(text)
    )


def tag_heading(line: Line, index: int, info: PageInfo) -> Tagged | None:
    rules = load_rules().headings
    text = regex(rules.decorated).sub(r"\g<inner>", line.text.strip())  # ====== 一面 55min ======
    if any(m in text for m in QUESTION_MARKS):
        return None
    chinese = numbering.pattern("chinese").match(text)
    if chinese and len(text) <= rules.max_chars:
        return Tagged(line, "heading", text[chinese.end():].strip())
    symbols = symbol_prefix(text)
    if symbols and len(text) - symbols <= rules.max_chars and not re.search(r"[，,。！!；;]", text[symbols:]):
        rest = text[symbols:].strip()
        # ✅ 回答思路： leads in the answer of the question above, under no new heading;
        # an emoji alone (💡 above a note's answer) is decoration, no heading either
        return Tagged(line, "text" if not rest or rx("answer_lead_in").match(rest) else "heading", rest)
    if regex(rules.stage_name).match(text) or (regex(rules.part).match(text) and is_heading_text(text)):
        return Tagged(line, "heading", text)  # 笔试 / PART TWO (ca. 30min)
    numbered = numbering_of(text)
    label = text.rstrip("：:").strip()
    if label != text and is_heading_text(label) and not numbered:
        return Tagged(line, "heading", label)  # 算法题： alone on its line
    if (regex(rules.round).match(text) or regex(rules.round_short).match(text)) \
            and len(text) <= rules.max_chars:
        return Tagged(line, "heading", text)
    bracketed = regex(rules.bracketed).match(text)
    if bracketed and not numbering.pattern("line.bracketed").match(text):
        inner = bracketed.group("inner").strip()
        if is_heading_text(inner) or regex(rules.round).match(inner) or regex(rules.round_short).match(inner):
            return Tagged(line, "heading", inner + (bracketed.group("note") or ""))
    if numbered and is_heading_text(text[numbered.end():].strip()):
        if not rx("problems", "numbered").match(text[numbered.end():].strip()):
            return Tagged(line, "heading", text[numbered.end():].strip().rstrip("：:").strip(), number=number_of(numbered))
    return None


def tag_answer_mark(line: Line, index: int, info: PageInfo) -> Tagged | None:
    """👉 序列长度不一样…: a line pointing at the answer is answer text, without the mark."""
    match = rx("answer_mark").match(line.text.strip())
    rest = line.text.strip()[match.end():].strip() if match else ""
    return Tagged(line, "text", rest) if rest else None


def tag_markdown(line: Line, index: int, info: PageInfo) -> Tagged | None:
    """`## 一、基础` / `### 1. 什么是 RoPE？` / `### 为什么要归一化？`: Markdown
    heading marks (kept by extract for HTML <h2>..<h6>, or left in a copied
    post). What follows them decides: a numbered or asking text is a
    question, anything else a heading."""
    match = regex(r"^(#{1,6})\s+(\S.*)$").match(line.text.strip())
    if not match:
        return None
    marks, rest = match.group(1), match.group(2).strip()
    rest = rest[symbol_prefix(rest):] or rest  # ## 🧠 大模型是怎么训练出来的？
    spoken = _speaker(rest, False)
    if spoken and spoken[0] == "interviewer":  # ## Q：…？, ### 面试官：… : the label is no part of the question
        rest = spoken[1]
    inner = Line(line.number, rest)
    heading = tag_heading(inner, index, info)
    if heading is not None:
        return heading
    if is_heading_text(rest):  # ### 手撕代码: a heading word, though 手撕 asks
        return Tagged(line, "heading", rest)
    numbered = tag_numbered(inner, index, info)
    if numbered is not None:
        return Tagged(line, "numbered", numbered.text, number=numbered.number, scheme=marks + numbered.scheme)
    if asks_something(rest):
        return Tagged(line, "numbered", rest, scheme=marks)
    return Tagged(line, "heading", rest)


def tag_numbered(line: Line, index: int, info: PageInfo) -> Tagged | None:
    text = line.text.strip()
    text = text[symbol_prefix(text):]  # ❓ Q6：…, 📌 3. …: an emoji before the number
    match = numbering_of(text)
    if not match or not text[match.end():].strip():
        return None
    rest = text[match.end():].strip()
    rest = rest[symbol_prefix(rest):].strip() or rest  # ## 1. 🧠 大模型是怎么训练出来的？
    return Tagged(line, "numbered", rest, number=number_of(match), scheme=scheme_of(match))


def _unbulleted(text: str) -> str:
    """The text of a list item without its bullet (- 问：… -> 问：…)."""
    match = rx("bullet").match(text)
    return text[match.end():].strip() if match else text


def tag_item(line: Line, index: int, info: PageInfo) -> Tagged | None:
    text = line.text.strip()
    match = rx("bullet").match(text)
    rest = text[match.end():].strip() if match else ""
    if not rest:
        return None
    labelled = labelled_numbering(rest)
    if labelled and rest[labelled.end():].strip():  # - 问题 1：…, • Q3: …: a bullet that numbers its question
        return Tagged(line, "numbered", rest[labelled.end():].strip(), number=labelled.group("number"),
                      scheme=scheme_of(labelled))
    found = _speaker(rest, info.dialogue)
    if found:  # - 问：… / - 答：…: a dialogue written as a list
        return Tagged(line, "turn", found[1], role=found[0])
    return Tagged(line, "item", rest)


def tag_text(line: Line, index: int, info: PageInfo) -> Tagged | None:
    return Tagged(line, "text", line.text.strip())


def build_taggers() -> Registry:
    return Registry.in_order([
        ("fence", tag_fence),
        ("code", tag_code),
        ("turn", tag_turn),
        ("followup", tag_followup),
        ("answer_mark", tag_answer_mark),
        ("markdown", tag_markdown),
        ("heading", tag_heading),
        ("numbered", tag_numbered),
        ("item", tag_item),
        ("text", tag_text),
    ])


def page_info(page: Page) -> PageInfo:
    """What the taggers and the shapes need to know of the whole page."""
    texts = [line.text for line in page.lines]
    min_turns = load_rules().speakers.min_turns
    turns = sum(1 for t in texts if _speaker(_unbulleted(t.strip()), True))
    return PageInfo(code=tuple(find_code(texts)), dialogue=turns >= min_turns, title=page.title, flat=_flat(page))


def tag(page: Page, taggers: Registry | None = None, info: PageInfo | None = None) -> list[Tagged]:
    """Every line of the page with its tag, line by line (the question shapes,
    generator.scrape.shapes, then read the tagged page as a whole)."""
    info = info or page_info(page)
    steps = list(taggers or build_taggers())
    tagged = []
    for index, line in enumerate(page.lines):
        tagged.append(next(t for _, step in steps if (t := step(line, index, info)) is not None))
    return _promote_questions(_promote_topics(_promote_parents(tagged)), info)


def retag(lines: list[Line], info: PageInfo) -> list[Tagged]:
    """Lines tagged by the taggers as if they stood outside any code (a
    shape that found a list of questions inside a fence)."""
    steps = [step for name, step in build_taggers() if name not in ("fence", "code")]
    plain = PageInfo(code=(False,) * len(lines), dialogue=info.dialogue, title=info.title)
    return [next(t for step in steps if (t := step(line, i, plain)) is not None) for i, line in enumerate(lines)]


def _gap_before(tagged: list[Tagged], index: int, flat: bool = False) -> bool:
    """The line stands after a blank line, a heading, or at the start; or,
    in a `flat` copy (one that lost its blank lines), after a finished
    sentence or a short label line (Difficulty: medium)."""
    if index == 0:
        return True
    previous = tagged[index - 1]
    if previous.tag == "heading" or tagged[index].line.number - previous.line.number > 1:
        return True
    text = previous.line.text.strip()
    return flat and previous.tag == "text" and (
        text.endswith(SENTENCE_ENDS) or len(text) <= load_rules().unnumbered.label_chars)


def _flat(page: Page) -> bool:
    """A text copy that lost its blank lines: hardly any line is blank."""
    if page.source.format != "text":
        return False
    lines = page.source.text.split("\n")
    blank = sum(1 for line in lines if not line.strip())
    return len(lines) >= 10 and blank <= len(lines) * load_rules().unnumbered.flat_max_gaps


def _latin(text: str) -> bool:
    """Mostly Latin letters: an English line."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) * 2 > len(letters)


def is_stage(text: str) -> bool:
    """自我介绍, 拷打项目, 自我介绍+拷打论文（20min）; in a turn, its last clause
    (那我们开始吧，你先简单介绍一下自己。); the invitation to ask (你有什么想问的？)."""
    if rx("reverse_invitation").match(to_simplified(text).strip()):
        return True
    if any(m in text for m in QUESTION_MARKS):
        return False
    # 自我介紹 too, and a list's item: 自我介绍(建议讲项目亮点);
    text = re.sub(r"\s*[(（][^()（）]{1,20}[)）]\s*$", "", to_simplified(text).strip().rstrip(";；。."))
    clauses = [c for c in re.split(r"[,，]", text) if c.strip()]
    if len(clauses) > 1 and asking.pattern("score.interrogative").search(clauses[-1]):
        return False  # 深挖实习，训练数据是怎么构造的: the stage leads into a question
    candidates = [text] + ([clauses[-1].strip()] if len(clauses) > 1 else [])
    return any(
        all(rx("stages").match(part.strip()) for part in rx("stage_joins").split(candidate))
        for candidate in candidates
    )


def _question_line(text: str) -> bool:
    """A short line that is a question by itself: it ends in ? with no
    sentence end before, or (shorter) ends in a question word with no
    punctuation at all."""
    rules = load_rules().unnumbered
    text = text.strip()
    if is_stage(text):
        return False
    latin = _latin(text)
    if text.endswith(tuple(QUESTION_MARKS)):
        # An English question takes more characters to ask the same
        limit = rules.max_chars * (rules.latin_factor if latin else 1)
        return len(text) <= limit and not SENTENCE_END.search(text)
    if latin and asking.pattern("score.english").match(text):  # Describe a situation where …
        return len(text) <= rules.max_chars * rules.latin_factor
    return (len(text) <= rules.max_chars_without_mark and bool(asking.pattern("question_end").search(text))
            and not re.search(r"[，,。：:；;！!、（）()]", text))


def _promote_topics(tagged: list[Tagged]) -> list[Tagged]:
    """A short line of words alone between blank lines, right before a line
    that asks (numbered or not), is a topic heading (Transformer 基础)."""
    out = list(tagged)
    for index, item in enumerate(tagged[:-1]):
        following = tagged[index + 1]
        if item.tag != "text" or not _gap_before(tagged, index) or following.line.number - item.line.number < 2:
            continue
        if not rx("headings", "topic").match(item.text) or asks_something(item.text):
            continue
        if (following.tag == "numbered" and asks_something(following.text)) or \
                (following.tag == "text" and _question_line(following.text)):
            out[index] = Tagged(item.line, "heading", item.text)
    return out


def _promote_questions(tagged: list[Tagged], info: PageInfo) -> list[Tagged]:
    """Question lines without a number (什么是 P-Tuning？ followed by its
    answer) become `asked`. Not on dialogue pages. Section by section
    (between headings): in a section with numbered lines or turns, only a
    line right after the heading (elsewhere such a line may be a rhetorical
    question inside an answer); in other sections, every such line when the
    first one is right after the heading or at least `min_lines` qualify."""
    if info.dialogue:
        return tagged
    flat = info.flat
    candidates = {
        index for index, item in enumerate(tagged[:-1])
        if item.tag == "text" and _question_line(item.text) and _gap_before(tagged, index, flat)
        and tagged[index + 1].tag in ("text", "item", "code", "fence")
        and not (tagged[index + 1].tag == "text" and _question_line(tagged[index + 1].text))
    }
    if not candidates:
        return tagged
    found: list[int] = []
    starts = [0] + [i + 1 for i, t in enumerate(tagged) if t.tag == "heading"]
    for start, end in zip(starts, starts[1:] + [len(tagged)]):
        here = sorted(i for i in candidates if start <= i < end)
        if not here:
            continue
        structured = any(t.tag in ("numbered", "turn") for t in tagged[start:end])
        if structured:
            found += [i for i in here if i == start]
        elif here[0] == start or len(here) >= load_rules().unnumbered.min_lines:
            found += here
    out = list(tagged)
    for index in found:
        out[index] = Tagged(tagged[index].line, "asked", tagged[index].text)
    return out


def _promote_parents(tagged: list[Tagged]) -> list[Tagged]:
    """A numbered line whose next numbered line is its sub-number is a heading
    (2. 技术问题 followed by 2.5 ...)."""
    out = list(tagged)
    numbered = [i for i, t in enumerate(tagged) if t.tag in ("numbered", "heading") and t.number]
    for here, after in zip(numbered, numbered[1:]):
        this, following = tagged[here], tagged[after]
        if this.tag == "numbered" and following.number.startswith(this.number + ".") \
                and not any(m in this.text for m in QUESTION_MARKS):
            out[here] = Tagged(this.line, "heading", this.text, number=this.number)
    return out
