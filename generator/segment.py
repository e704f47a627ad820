"""Split a cleaned page into the questions it asks, with their answers.

Two steps, as in Python-Markdown's block parser:

1. `tag` gives every line one tag by running a registry of small named
   taggers in order (`build_taggers`): `fence`/`code` (Python and ``` blocks),
   `turn` (a dialogue turn: 面试官/应聘者/候选人/程序员/我: ...), `followup`
   (a follow-up label in prose, tagged as a turn), `answer_mark` (👉 …: answer
   text), `markdown`
   (`## ` heading marks, decided by what follows them), `heading`
   (一、基础篇, 🎤 第一轮面试, 二面(45min), 2.6 Agent 相关面试题, 2. 技术问题 ...),
   `numbered` (1、 1. 2.5 问题3、 Q1: 【问题3】 1️⃣ ①; not a timeline with
   → arrows), `item` (• - *) and `text`. A time stamp before a speaker
   ([00:03:40] 面试官：…) is taken off.
   Then passes over the whole page: a numbered line whose next numbered line
   is its sub-number (2. -> 2.5) becomes a heading; a short standalone topic
   line before a question (Transformer 基础) becomes a heading; a short
   standalone line ending in ? and followed by prose becomes `asked` (a
   question without a number), unless the page is a dialogue or already has
   question structure (numbered lines, turns) that it would break.
2. `segment` walks the tagged lines: headings set the category, numbered
   lines and asking interviewer turns open questions (an inline answer after
   `?` or after a space is split off) unless they are numbered points of the
   open answer (`_is_point`: the numbering restarts or continues such a list,
   and the line states rather than asks), short interviewer turns that continue
   the open topic become follow-ups, coding problems and requests to write
   code (写一个 LRU 缓存) become kind "problem"; a short question about the
   solution right after a problem (时间复杂度多少？), in a turn or an unnumbered
   line, is the problem's follow-up; interview stages (自我介绍, 聊职业规划)
   close the open question and ask nothing; answer labels (答：, A1：) are
   taken off; everything else is an answer block of the open question.
   A follow-up label in prose (面试官追问：…？我说…) is tagged as a follow-up
   turn on any page; its inline answer is split off. A run of n numbered
   questions with no answers, then a lead-in (我的回答：) and a list numbered
   1..n, gives answer k to question k (`_answer_lists`); any other count
   leaves the list to the last question.

`segment_page` also returns the lines that ended up in no question (text
before the first question, a remark that closed a question, code with no
question open, a heading with no question under it, a labelled closing
remark after the last question such as 个人感受：… and what follows it), so
that nothing is dropped silently: engine.scrape records them and the
cleaning report lists them.

Speaker names, heading words, question-intent words and thresholds are data:
generator/data/segment.yml. Chinese and ASCII punctuation (？/?, ：/:) are
treated alike. Code runs become `Block(kind="code")` via `generator.code`.

It does not clean lines (clean did), and it does not merge or classify
questions across documents (dedupe, topics).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable


from . import rules
from .clean import Registry
from .code import code_block, fence_language, find_code
from .models import Block, Line, Page, Question

DATA_DIR = Path(__file__).resolve().parent / "data"
QUESTION_MARKS = "?？"
SENTENCE_END = re.compile(r"[。！!；;]")


def load_rules() -> dict:
    return rules.load("segment.yml")


@cache
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _rx(name: str, *path: str) -> re.Pattern:
    value = load_rules()[name]
    for key in path:
        value = value[key]
    return _regex(value)


# --- 1. tagging ------------------------------------------------------------------


@dataclass(frozen=True)
class Tagged:
    """One line and what it is."""

    line: Line
    tag: str  # fence, code, turn, heading, numbered, asked, item, text
    text: str  # the line without its marker (number, bullet, speaker, quotes)
    number: str = ""  # "2.5" for numbered lines and headings
    scheme: str = ""  # how it is numbered: prefix, separator and depth
    role: str = ""  # for turns: interviewer, candidate or followup


@dataclass(frozen=True)
class PageInfo:
    """What taggers need to know about the whole page."""

    code: tuple[bool, ...]  # which lines are code
    dialogue: bool  # enough lines start with a speaker name


def _asks(text: str) -> bool:
    return any(m in text for m in QUESTION_MARKS) or bool(_rx("intent").search(text))


def _symbol_prefix(text: str) -> int:
    """Length of leading emoji and symbol characters (and spaces between)."""
    index = 0
    while index < len(text) and (
        unicodedata.category(text[index]) in ("So", "Sk", "Mn", "Cf") or text[index] in " \ufe0f\u200d"
    ):
        index += 1
    return index


def _speaker(text: str, dialogue: bool) -> tuple[str, str] | None:
    """(role, rest) when the line is a dialogue turn. A time stamp before the
    speaker ([00:03:40] 面试官：…) is taken off; an interviewer turn that
    starts with a follow-up label (面试官追问：…) is a follow-up, without it."""
    text = _rx("timestamp").sub("", text, count=1)
    for role, colon_required, pattern in _speakers():
        match = pattern.match(text)
        if match and (match.group("colon") or (dialogue and not colon_required)):
            rest = text[match.end():].strip().strip("“”\"'‘’「」 ")
            label = _rx("followup_label").match(rest) if role == "interviewer" else None
            if label and label.group("colon") and rest[label.end():].strip():
                role, rest = "followup", rest[label.end():].strip()
            if rest:
                return role, rest
    return None


@cache
def _speakers() -> list[tuple[str, bool, re.Pattern]]:
    """(role, colon required, pattern) of every speaker name, longest first."""
    speakers = [
        (role, bool(entry.get("colon")), entry["name"])
        for role, entries in load_rules()["speakers"].items() if role != "min_turns"
        for entry in entries
    ]
    speakers.sort(key=lambda s: -len(s[2]))
    return [(role, colon, re.compile(rf"^{re.escape(name)}\s*(?P<colon>[:：])?\s*")) for role, colon, name in speakers]


def _numbering(text: str) -> re.Match | None:
    if _rx("timeline").search(text):
        return None  # 8.20 投递 → 8.28 笔试 → …: a timeline
    bracketed = _rx("bracketed_numbering").match(text)
    if bracketed:
        return bracketed  # 【问题3】, 【Q3】, [问题3]
    circled = _rx("circled_numbering").match(text)
    if circled:
        return circled  # ① ②
    match = _rx("numbering").match(text)
    if match and not match.group("sep") and "." not in match.group("number"):
        return None  # "2 <= n": a plain number needs a separator, only 2.5 may use a space
    return match


def _number(match: re.Match) -> str:
    """The number of a numbering match: ① is "1"."""
    if "circled" in match.re.groupindex:
        return str(ord(match.group("circled")) - 0x245F)
    return match.group("number")


def _scheme(match: re.Match) -> str:
    if "circled" in match.re.groupindex:
        return "①"
    depth = match.group("number").count(".")
    return f"{match.group('prefix') or ''}|{(match.group('sep') or ' ').strip() or ' '}|{depth}"


def tag_fence(line: Line, index: int, info: PageInfo) -> Tagged | None:
    language = fence_language(line.text)
    return Tagged(line, "fence", language) if language is not None else None


def tag_code(line: Line, index: int, info: PageInfo) -> Tagged | None:
    return Tagged(line, "code", line.text) if info.code[index] else None


def tag_turn(line: Line, index: int, info: PageInfo) -> Tagged | None:
    found = _speaker(line.text.strip(), info.dialogue)
    return Tagged(line, "turn", found[1], role=found[0]) if found else None


def tag_followup(line: Line, index: int, info: PageInfo) -> Tagged | None:
    """面试官追问：不用 OrderedDict 怎么写？我说…: a follow-up label in prose
    (not a speaker), on any page. The rest must ask: with a question mark,
    or after a colon with an intent word."""
    match = _rx("followup_label").match(line.text.strip())
    if not match:
        return None
    rest = line.text.strip()[match.end():].strip()
    if any(m in rest for m in QUESTION_MARKS) or (match.group("colon") and _asks(rest)):
        return Tagged(line, "turn", rest, role="followup")
    return None


def _is_heading_text(text: str) -> bool:
    rules = load_rules()["headings"]
    return (
        len(text) <= rules["max_chars"]
        and not any(m in text for m in QUESTION_MARKS)
        and any(_regex(p).search(text) for p in rules["words"])
    )


def tag_heading(line: Line, index: int, info: PageInfo) -> Tagged | None:
    text = line.text.strip()
    rules = load_rules()["headings"]
    if any(m in text for m in QUESTION_MARKS):
        return None
    chinese = _regex(rules["chinese_numeral"]).match(text)
    if chinese and len(text) <= rules["max_chars"]:
        return Tagged(line, "heading", text[chinese.end():].strip())
    symbols = _symbol_prefix(text)
    if symbols and len(text) - symbols <= rules["max_chars"] and not re.search(r"[，,。！!；;]", text[symbols:]):
        return Tagged(line, "heading", text[symbols:].strip())
    if _regex(rules["stage_name"]).match(text):
        return Tagged(line, "heading", text)
    if (_regex(rules["round"]).match(text) or _regex(rules["round_short"]).match(text)) \
            and len(text) <= rules["max_chars"]:
        return Tagged(line, "heading", text)
    bracketed = _regex(rules["bracketed"]).match(text)
    if bracketed and not _rx("bracketed_numbering").match(text):
        inner = bracketed.group("inner").strip()
        if _is_heading_text(inner) or _regex(rules["round"]).match(inner) or _regex(rules["round_short"]).match(inner):
            return Tagged(line, "heading", inner + (bracketed.group("note") or ""))
    numbered = _numbering(text)
    if numbered and _is_heading_text(text[numbered.end():].strip()):
        if not _rx("problems", "numbered").match(text[numbered.end():].strip()):
            return Tagged(line, "heading", text[numbered.end():].strip(), number=_number(numbered))
    return None


def tag_answer_mark(line: Line, index: int, info: PageInfo) -> Tagged | None:
    """👉 序列长度不一样…: a line pointing at the answer is answer text, without the mark."""
    match = _rx("answer_mark").match(line.text.strip())
    rest = line.text.strip()[match.end():].strip() if match else ""
    return Tagged(line, "text", rest) if rest else None


def tag_markdown(line: Line, index: int, info: PageInfo) -> Tagged | None:
    """`## 一、基础` / `### 1. 什么是 RoPE？` / `### 为什么要归一化？`: Markdown
    heading marks (kept by extract for HTML <h2>..<h6>, or left in a copied
    post). What follows them decides: a numbered or asking text is a
    question, anything else a heading."""
    match = _regex(r"^(#{1,6})\s+(\S.*)$").match(line.text.strip())
    if not match:
        return None
    marks, rest = match.group(1), match.group(2).strip()
    inner = Line(line.number, rest)
    heading = tag_heading(inner, index, info)
    if heading is not None:
        return heading
    if _is_heading_text(rest):  # ### 手撕代码: a heading word, though 手撕 asks
        return Tagged(line, "heading", rest)
    numbered = tag_numbered(inner, index, info)
    if numbered is not None:
        return Tagged(line, "numbered", numbered.text, number=numbered.number, scheme=marks + numbered.scheme)
    if _asks(rest):
        return Tagged(line, "numbered", rest, scheme=marks)
    return Tagged(line, "heading", rest)


def tag_numbered(line: Line, index: int, info: PageInfo) -> Tagged | None:
    text = line.text.strip()
    match = _numbering(text)
    if not match or not text[match.end():].strip():
        return None
    return Tagged(line, "numbered", text[match.end():].strip(), number=_number(match), scheme=_scheme(match))


def tag_item(line: Line, index: int, info: PageInfo) -> Tagged | None:
    text = line.text.strip()
    match = _rx("bullet").match(text)
    return Tagged(line, "item", text[match.end():].strip()) if match and text[match.end():].strip() else None


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


def tag(page: Page, taggers: Registry | None = None) -> list[Tagged]:
    """Every line of the page with its tag."""
    lines = list(page.lines)
    texts = [l.text for l in lines]
    min_turns = load_rules()["speakers"]["min_turns"]
    turns = sum(1 for t in texts if _speaker(t.strip(), True))
    info = PageInfo(code=tuple(find_code(texts)), dialogue=turns >= min_turns)
    steps = list(taggers or build_taggers())
    tagged = []
    for index, line in enumerate(lines):
        tagged.append(next(t for _, step in steps if (t := step(line, index, info)) is not None))
    return _promote_questions(_promote_topics(_promote_parents(tagged)), info)


def _gap_before(tagged: list[Tagged], index: int) -> bool:
    """The line stands after a blank line, a heading, or at the start."""
    if index == 0:
        return True
    previous = tagged[index - 1]
    return previous.tag == "heading" or tagged[index].line.number - previous.line.number > 1


def _is_stage(text: str) -> bool:
    """自我介绍, 拷打项目, 自我介绍+拷打论文（20min）; in a turn, its last clause
    (那我们开始吧，你先简单介绍一下自己。)."""
    if any(m in text for m in QUESTION_MARKS):
        return False
    text = re.sub(r"\s*[(（][^()（）]{1,20}[)）]\s*$", "", text.strip())
    clauses = [c for c in re.split(r"[,，]", text) if c.strip()]
    candidates = [text] + ([clauses[-1].strip()] if len(clauses) > 1 else [])
    return any(
        all(_rx("stages").match(part.strip()) for part in _rx("stage_joins").split(candidate))
        for candidate in candidates
    )


def _question_line(text: str) -> bool:
    """A short line that is a question by itself: it ends in ? with no
    sentence end before, or (shorter) ends in a question word with no
    punctuation at all."""
    rules = load_rules()["unnumbered"]
    text = text.strip()
    if _is_stage(text):
        return False
    if text.endswith(tuple(QUESTION_MARKS)):
        return len(text) <= rules["max_chars"] and not SENTENCE_END.search(text)
    return (len(text) <= rules["max_chars_without_mark"] and bool(_rx("question_end").search(text))
            and not re.search(r"[，,。：:；;！!、（）()]", text))


def _promote_topics(tagged: list[Tagged]) -> list[Tagged]:
    """A short line of words alone between blank lines, right before a line
    that asks (numbered or not), is a topic heading (Transformer 基础)."""
    out = list(tagged)
    for index, item in enumerate(tagged[:-1]):
        following = tagged[index + 1]
        if item.tag != "text" or not _gap_before(tagged, index) or following.line.number - item.line.number < 2:
            continue
        if not _rx("headings", "topic").match(item.text) or _asks(item.text):
            continue
        if (following.tag == "numbered" and _asks(following.text)) or \
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
    candidates = {
        index for index, item in enumerate(tagged[:-1])
        if item.tag == "text" and _question_line(item.text) and _gap_before(tagged, index)
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
        elif here[0] == start or len(here) >= load_rules()["unnumbered"]["min_lines"]:
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


# --- 2. questions ----------------------------------------------------------------


@dataclass
class _Draft:
    """A question being built."""

    text: str
    category: str
    line: int
    kind: str = "question"
    parent: "_Draft | None" = None
    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def add_paragraph(self, text: str) -> None:
        if not text:
            return
        last = self.blocks[-1] if self.blocks else None
        if last and last.kind == "paragraph" and _hard_wrapped(last.text, text):
            self.blocks[-1] = Block(kind="paragraph", text=last.text + text)
        else:
            self.blocks.append(Block(kind="paragraph", text=text))


_CJK = re.compile(r"[\u3400-\u9fff]")


def _hard_wrapped(previous: str, text: str) -> bool:
    """A paragraph broken in the middle of a sentence by the copy: the
    previous line is long and both sides of the break are Chinese characters."""
    return len(previous) >= load_rules()["hard_wrap_min_chars"] and bool(_CJK.match(previous[-1]) and _CJK.match(text[0]))


def split_inline(text: str) -> tuple[str, str]:
    """(question, inline answer) of a numbered line.

    The question runs to the last ? before the first sentence end, so several
    ? sentences in a row stay one question; without ?, the line is split at
    the first space after a question ending ("有哪些", "是什么", "原理" ...)
    when the line is long or the rest reads as an answer (a sentence)."""
    end = SENTENCE_END.search(text)
    limit = end.start() if end else len(text)
    mark = max(text.rfind(m, 0, limit) for m in QUESTION_MARKS)
    if mark >= 0:
        question, rest = text[: mark + 1].strip(), text[mark + 1 :].strip()
        if _second_part(rest):  # "tokenizer 有哪几种?BPE 的训练过程": one question in two parts
            return text.strip(), ""
        return question, rest
    max_chars = load_rules()["max_question_chars"]
    for space in re.finditer(r"\s+", text):
        head, rest = text[: space.start()], text[space.end():]
        if len(head) > max_chars:
            break
        # the rest must read as an answer, not as the end of the question
        if _rx("question_end").search(head) and (len(text) > max_chars or _rx("answer_like").search(rest)):
            return head.strip(), rest.strip()
    return text, ""


def _second_part(rest: str) -> bool:
    """A short rest after the question mark that asks on (ends like a
    question: 原理, 过程, 区别 ...) and is no sentence: part of the question."""
    return (0 < len(rest) <= load_rules()["max_second_part_chars"] and not re.search(r"[。，,；;！!]", rest)
            and bool(_rx("question_end").search(rest)))


def asking_part(text: str) -> str:
    """The part of an interviewer turn that asks ("" when nothing asks).

    Sentences before the first asking one go (remarks on the last answer);
    so do leading clauses of pure filler (嗯/好/OK/没关系); a long sentence is
    cut to its first asking clause when that still names a topic. The result
    is a substring of `text`."""
    rules = load_rules()
    if _rx("closing").search(text) or _rx("smalltalk").match(text.strip()):
        return ""
    start = None
    offset = 0
    for sentence in re.findall(r"[^。！!？?]+[。！!？?]*|[。！!？?]+", text):
        if _asks(sentence):
            start = offset
            break
        offset += len(sentence)
    if start is None:
        return ""
    clauses = list(re.finditer(r"[^,，;；。！!？?]+[,，;；。！!？?]*", text[start:]))
    for clause in clauses:  # leading filler clauses
        if not _rx("filler").match(clause.group(0).strip()):
            break
        start += len(clause.group(0))
    sentence_end = re.search(r"[。！!？?]", text[start:])
    sentence = text[start : start + (sentence_end.end() if sentence_end else len(text))]
    if len(sentence) > rules["long_sentence_chars"]:
        for clause in re.finditer(r"[^,，;；。！!？?]+[,，;；。！!？?]*", sentence):
            if _asks(clause.group(0)):
                # only when the rest still names its topic ("有什么区别" alone does not)
                if _topic(text[start + clause.start():]):
                    start += clause.start()
                break
    return text[start:].strip()


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+")


def _topic(text: str) -> list[str]:
    """What a turn is about: its Latin terms and the Chinese runs left once
    generic words (pronouns, question words, 问题, 区别 ...) are taken out."""
    terms = [w.lower() for w in _LATIN.findall(text)]
    rest = _regex(load_rules()["followup"]["generic"]).sub(" ", _LATIN.sub(" ", text))
    return terms + re.findall(r"[\u3400-\u9fff]{2,}", rest)


def _is_followup(asked: str, state: "_State | None" = None) -> bool:
    """A turn continues the open question when it says so (追问, 刚才 ...),
    when it points back at it (这个, 这里, 它 ... near its start), when it
    only asks "and X?" (RMSNorm 呢？), or when it names no topic of its own
    (有什么缺陷?). A turn that names its own topic stands alone even when it
    continues the conversation (那怎么提升模型的泛化能力?): it is a question a
    reader can look up by itself; unless it is short, goes on with 那 right
    after the open question was answered and names a term of that question
    (那 ZeRO-3 的通信量比 DDP 大多少？ after a question on ZeRO)."""
    rules = load_rules()["followup"]
    if _regex(rules["markers"]).match(asked) or _regex(rules["refers_back"]).match(asked):
        return True
    elliptical = _regex(rules["elliptical"]).match(asked.strip())
    if elliptical and not _asks(elliptical.group("topic")):
        return True
    if state is not None and state.root is not None and state.current is not None and state.current.blocks \
            and len(asked) <= rules["continues_max_chars"] and _regex(rules["continues"]).match(asked) \
            and _name_parts(asked) & _name_parts(state.root.text):
        return True
    return not _topic(asked)


def _asks_about_solution(asked: str, state: "_State") -> bool:
    """时间复杂度多少？ 还有别的解法吗？ right after a coding problem (or a
    follow-up of it): a short question about the solution just written, that
    names no subject of its own once the words about a solution and its
    input (followup.solution.words) are taken out."""
    rules = load_rules()["followup"]["solution"]
    return (state.root is not None and state.root.kind == "problem" and len(asked.strip()) <= rules["max_chars"]
            and not _topic(_regex(rules["words"]).sub(" ", asked)))


def _name_parts(text: str) -> set[str]:
    """The technical names of a text (Latin terms) and their parts, split at
    case changes (DeepNorm -> deep, norm). Shared Chinese words do not count:
    "那怎么提升模型的泛化能力?" after "模型的泛化能力是什么?" is a question of
    its own, not a follow-up."""
    parts: set[str] = set()
    for term in _LATIN.findall(text):
        parts.add(term.lower())
        parts.update(p.lower() for p in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", term) if len(p) >= 3)
    return parts


def _problem_name(text: str) -> str:
    match = _rx("problems", "name").search(text)
    if not match:
        return ""
    return next(g for g in match.groups() if g).strip()


@dataclass
class _State:
    category: str = ""
    coding: bool = False  # inside a coding-problem section
    headings: dict[str, str] = field(default_factory=dict)  # number -> heading text
    current: _Draft | None = None
    root: _Draft | None = None  # the open question follow-ups attach to
    scheme: str | None = None  # numbering of the questions of this section
    number: str = ""  # number of the open numbered question
    points: str | None = None  # last number of the numbered points in its answer
    recurs: frozenset[int] = frozenset()  # numbered lines whose number comes again in the section
    clarify: bool = False  # the candidate just asked back
    drafts: list[_Draft] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # line numbers that went into a question
    pending: list[Tagged] = field(default_factory=list)  # headings no question has used yet
    next: Tagged | None = None  # the line after the one being handled
    answer_to: dict[int, _Draft] = field(default_factory=dict)  # index of answer k -> question k (see _answer_lists)

    def open(self, draft: _Draft) -> None:
        self.drafts.append(draft)
        self.current = draft
        self.points = None
        if draft.kind != "followup":
            self.root = draft
        self.used.add(draft.line)
        self.used.update(h.line.number for h in self.pending)
        self.pending = []

    def attach(self, item: Tagged) -> bool:
        """Count the line as part of the open question (False when none is open)."""
        if self.current is None:
            return False
        self.used.add(item.line.number)
        return True

    def close(self) -> None:
        self.current = self.root = None
        self.points = None


@dataclass(frozen=True)
class Segmented:
    """The questions of a page, and its lines that went into none of them."""

    questions: tuple[Question, ...]
    unused: tuple[Line, ...]


def segment(page: Page) -> list[Question]:
    """The questions of a cleaned page, positions 0..n-1 in document order."""
    return list(segment_page(page).questions)


def segment_page(page: Page) -> Segmented:
    """`segment`, with the lines of the page that are part of no question.

    A labelled closing remark after the last question (个人感受：…) ends the
    walk: it and what follows go into no question."""
    tagged = tag(page)
    state = _walk(tagged, len(tagged))
    last = max((d.line for d in state.drafts), default=None)
    if last is not None:
        closing = next((
            index for index, item in enumerate(tagged)
            if item.line.number > last and item.tag in ("text", "heading")
            and _rx("closing_remark").match(item.line.text.strip())
        ), None)
        if closing is not None:
            state = _walk(tagged, closing)
    unused = tuple(t.line for t in tagged if t.line.number not in state.used)
    return Segmented(tuple(_freeze(page, state.drafts)), unused)


def _walk(tagged: list[Tagged], stop: int) -> _State:
    """Run the handlers over tagged[:stop]."""
    state = _State(recurs=_recurring_numbers(tagged))
    answer_lists = _answer_lists(tagged[:stop])
    index = 0
    while index < stop:
        item = tagged[index]
        if index in answer_lists and _take_answer_list(tagged, index, answer_lists[index], state):
            index += 1
            continue
        if index in state.answer_to:  # answer k of a list of answers: to question k
            draft = state.answer_to.pop(index)
            state.current = state.root = draft
            state.points = None
            state.attach(item)
            draft.add_paragraph(_rx("answer_label").sub("", item.text, count=1))
            index += 1
            continue
        if item.tag == "fence":
            index = _take_fence(tagged, index, state)
            continue
        if item.tag == "code":
            index = _take_code(tagged, index, state)
            continue
        state.next = tagged[index + 1] if index + 1 < stop else None
        HANDLERS[item.tag](item, state)
        index += 1
    return state


@dataclass(frozen=True)
class _AnswerList:
    """Questions 1..n with no answer between them, a lead-in (我的回答：)
    and answers numbered 1..n: indexes into the tagged lines."""

    questions: tuple[int, ...]
    answers: tuple[int, ...]


def _answer_lists(tagged: list[Tagged]) -> dict[int, _AnswerList]:
    """Lists of answers after a run of questions, by the index of their
    lead-in. The run: at least two numbered lines in a row, one numbering,
    consecutive numbers. The answers: after the lead-in, up to the next
    heading, asked line or turn, the lines numbered like the first of them
    are numbered exactly 1..n in order, n the number of questions; the first
    comes right after the lead-in."""
    out: dict[int, _AnswerList] = {}
    for lead, item in enumerate(tagged):
        if item.tag not in ("text", "heading") or not _rx("answer_lead_in").match(item.line.text.strip()):
            continue
        start = lead
        while start > 0 and tagged[start - 1].tag == "numbered" and (
            start == lead or (tagged[start - 1].scheme == tagged[start].scheme
                              and tagged[start - 1].number and tagged[start].number
                              and _next_number(tagged[start - 1].number) == tagged[start].number)
        ):
            start -= 1
        questions = tuple(range(start, lead))
        if len(questions) < 2 or lead + 1 >= len(tagged) or tagged[lead + 1].tag != "numbered":
            continue
        scheme = tagged[lead + 1].scheme
        answers = []
        for index in range(lead + 1, len(tagged)):
            if tagged[index].tag in ("heading", "asked", "turn"):
                break
            if tagged[index].tag == "numbered" and tagged[index].scheme == scheme:
                answers.append(index)
        if [tagged[i].number for i in answers] == [str(k) for k in range(1, len(questions) + 1)]:
            out[lead] = _AnswerList(questions, tuple(answers))
    return out


def _take_answer_list(tagged: list[Tagged], lead: int, found: _AnswerList, state: _State) -> bool:
    """At the lead-in of a list of answers: when each of its questions opened
    a question that has no answer yet, send answer k to question k (see
    `_walk`) and use the lead-in for nothing else. False otherwise (the lines
    are handled as any others)."""
    drafts = {d.line: d for d in state.drafts if d.kind != "followup"}
    questions = [drafts.get(tagged[i].line.number) for i in found.questions]
    if any(d is None or d.blocks for d in questions):
        return False
    state.answer_to = dict(zip(found.answers, questions))
    state.attach(tagged[lead])
    return True


def _recurring_numbers(tagged: list[Tagged]) -> frozenset[int]:
    """Line numbers of numbered lines whose number and numbering come again
    later in the same section (before the next heading)."""
    out: set[int] = set()
    seen: set[tuple[str, str]] = set()
    for item in reversed(tagged):
        if item.tag == "heading":
            seen.clear()
        elif item.tag == "numbered":
            key = (item.scheme, item.number)
            if key in seen:
                out.add(item.line.number)
            seen.add(key)
    return frozenset(out)


def _take_fence(tagged: list[Tagged], index: int, state: _State) -> int:
    language = tagged[index].text
    end = index + 1
    while end < len(tagged) and tagged[end].tag != "fence":
        end += 1
    body = _with_gaps(tagged[index + 1 : end])
    if state.current and any(l.strip() for l in body):
        state.current.add(code_block(body, language))
        for item in tagged[index : end + 1]:
            state.attach(item)
    return end + 1


def _take_code(tagged: list[Tagged], index: int, state: _State) -> int:
    end = index
    while end < len(tagged) and tagged[end].tag == "code":
        end += 1
    if state.current:
        state.current.add(code_block(_with_gaps(tagged[index:end])))
        for item in tagged[index:end]:
            state.attach(item)
    return end


def _with_gaps(run: list[Tagged]) -> list[str]:
    """Code lines, with a blank line where the page had one (line numbers jump)."""
    out: list[str] = []
    for previous, item in zip([None] + run[:-1], run):
        if previous is not None and item.line.number - previous.line.number > 1:
            out.append("")
        out.append(item.line.text)
    return out


def on_heading(item: Tagged, state: _State) -> None:
    state.close()
    # a parent heading (2. 技术问题) stays pending under its sub-heading (2.1)
    state.pending = [h for h in state.pending if item.number and h.number and item.number.startswith(h.number + ".")]
    state.pending.append(item)
    state.category = item.text
    state.coding = bool(_rx("problems", "section").search(item.text))
    state.scheme = None
    if item.number:
        state.headings[item.number] = item.text


def on_turn(item: Tagged, state: _State) -> None:
    if item.role == "candidate":
        if state.attach(item):
            state.current.add_paragraph(item.text)
        state.clarify = item.text.rstrip().endswith(tuple(QUESTION_MARKS))
        return
    if _is_stage(item.text) or _is_stage(asking_part(item.text)):
        state.close()  # 先做个自我介绍吧: a stage of the interview, not a question
        return
    asked = asking_part(item.text)
    if not asked and state.clarify and state.root and not _rx("closing").search(item.text):
        asked = item.text  # the interviewer explains what they asked
    if not asked:
        state.close()  # a remark or a goodbye: what follows answers nothing
        return
    followup = state.root is not None and (
        item.role == "followup" or state.clarify or _is_followup(asked, state) or _asks_about_solution(asked, state)
    )
    state.clarify = False
    answer = ""
    if item.role == "followup" and any(m in asked for m in QUESTION_MARKS):
        asked, answer = split_inline(asked)  # 追问：…怎么写？我说…: the answer on the same line
    kind = "followup" if followup else "problem" if _requests_code(asked) else "question"
    state.open(_Draft(
        text=_problem_title(asked) if kind == "problem" else asked, category=state.category,
        line=item.line.number, kind=kind, parent=state.root if followup else None,
    ))
    state.current.add_paragraph(answer)


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _next_number(number: str) -> str:
    *head, last = number.split(".")
    return ".".join(head + [str(int(last) + 1)])


def _states(text: str) -> bool:
    """A line that states rather than asks: no intent word, or it ends like a
    sentence (。 ； , ...). The caller has checked there is no question mark."""
    return not _rx("intent").search(text) or bool(_rx("points", "statement_end").search(text.rstrip()))


def _is_point(item: Tagged, state: _State) -> bool:
    """A numbered line (no question mark, in the questions' own numbering) is a
    point of the open answer rather than the next question: it continues the
    answer's list of points, or starts one where the question numbering
    restarts. Either way it states something; a list after a lead-in colon
    (主要区别:) may start with a line that would otherwise ask."""
    if state.points is not None and item.number == _next_number(state.points):
        if not _states(item.text):
            return False
        if state.number and item.number == _next_number(state.number):
            # the next point and the next question alike: a point when it ends
            # like a sentence, or when its number comes again later (that is
            # the next question: 1. 数据增强 / 2. 正则化 / 2. 什么是早停)
            ends = bool(_rx("points", "statement_end").search(item.text.rstrip()))
            return ends or item.line.number in state.recurs
        return True
    restarts = not state.number or _number_key(item.number) <= _number_key(state.number)
    if not restarts:
        return False
    last = state.current.blocks[-1] if state.current and state.current.blocks else None
    lead_in = last is not None and last.kind == "paragraph" and bool(_rx("points", "lead_in").search(last.text.rstrip()))
    return _states(item.text) or lead_in


def _requests_code(text: str) -> bool:
    """写一个 LRU 缓存, 实现一下 multi-head attention, 手撕 softmax."""
    return bool(_rx("problems", "request").search(text))


def _requests_with_code(text: str, state: "_State") -> bool:
    """写一下 PPO 的 clip 目标函数, with code right after it: a coding problem.
    Without code it may ask for a formula or a derivation."""
    return (state.next is not None and state.next.tag in ("code", "fence")
            and not any(m in text for m in QUESTION_MARKS)
            and bool(_rx("problems", "request_with_code").search(text)))


def _problem_title(text: str) -> str:
    """The problem a request names, without the words that only announce it
    ("最后写道题吧，反转链表…" -> "反转链表…")."""
    rest = _rx("problems", "request_lead").sub("", text.strip(), count=1)
    return (rest or text).strip().rstrip("。.！!")


def on_numbered(item: Tagged, state: _State) -> None:
    problem = _rx("problems", "numbered").match(item.text)
    labelled = "】|" in item.scheme or "]|" in item.scheme  # 【问题3】: always a question
    asks = any(m in item.text for m in QUESTION_MARKS)
    requests = _requests_code(item.text) or _requests_with_code(item.text, state)
    label = _rx("followup_label").match(item.text)
    if label and label.group("colon") and state.root is not None and _asks(item.text[label.end():]):
        # 3️⃣ 追问：DPO 为什么…？: a follow-up of the open question, numbered
        state.scheme, state.number = item.scheme, item.number
        asked, answer = split_inline(item.text[label.end():].strip())
        state.open(_Draft(text=asked, category=state.category, line=item.line.number, kind="followup", parent=state.root))
        state.current.add_paragraph(answer)
        return
    if problem is None and not labelled and not asks and not requests and state.current is not None:
        if item.scheme != state.scheme:  # numbered otherwise than the questions
            state.attach(item)
            state.current.add(Block(kind="item", text=item.line.text.strip()))
            return
        if _is_point(item, state):
            state.attach(item)
            state.points = item.number
            state.current.add(Block(kind="item", text=item.line.text.strip()))
            return
    answered = state.next is not None and state.next.tag in ("text", "item", "code", "fence")
    if _is_stage(item.text) and not answered:
        # 1. 自我介绍 / 2. 拷打项目: a stage of the interview, not a question
        # (unless the write-up answers it, as a question)
        state.close()
        state.scheme = item.scheme
        state.number = item.number
        return
    state.scheme = item.scheme
    state.number = item.number
    if problem or state.coding or requests:
        title = problem.group("title") if problem else (
            _problem_name(item.text) or (_problem_title(item.text) if requests else split_inline(item.text)[0]))
        state.open(_Draft(text=title.strip().rstrip("?？"), category=state.category, line=item.line.number, kind="problem"))
        return
    question, answer = split_inline(item.text)
    category = state.category
    if "." in item.number:  # 2.1 sits under heading 2 wherever it is printed
        category = state.headings.get(item.number.rsplit(".", 1)[0], category)
    state.open(_Draft(text=question, category=category, line=item.line.number))
    state.current.add_paragraph(answer)


def on_item(item: Tagged, state: _State) -> None:
    if state.attach(item):
        state.current.add(Block(kind="item", text=item.text))


def on_asked(item: Tagged, state: _State) -> None:
    """A question line without a number (see `_promote_questions`); right
    after a coding problem, a question about its solution is its follow-up
    (not a problem of its own, though the section is one of problems)."""
    if _asks_about_solution(item.text, state):
        state.open(_Draft(text=item.text, category=state.category, line=item.line.number,
                          kind="followup", parent=state.root))
        return
    requests = _requests_code(item.text) or _requests_with_code(item.text, state)
    kind = "problem" if state.coding or requests else "question"
    text = _problem_title(item.text) if kind == "problem" else item.text
    state.open(_Draft(text=text, category=state.category, line=item.line.number, kind=kind))


def on_text(item: Tagged, state: _State) -> None:
    name = _problem_name(item.text) if state.coding else ""
    # an unnamed line with nothing under it before the next heading is an
    # account of the round (三道编程，AK 了两道。), not a problem statement
    alone = state.next is None or state.next.tag == "heading"
    if state.coding and (name or ((state.root is None or state.root.kind != "problem") and not alone)):
        title = name or split_inline(item.text)[0]
        state.open(_Draft(text=title, category=state.category, line=item.line.number, kind="problem"))
        if not name or len(item.text) > load_rules()["problems"]["intro_max_chars"]:
            state.current.add_paragraph(item.text)
        return
    if state.attach(item):
        state.current.add_paragraph(_rx("answer_label").sub("", item.text, count=1))


HANDLERS: dict[str, Callable[[Tagged, _State], None]] = {
    "heading": on_heading,
    "turn": on_turn,
    "numbered": on_numbered,
    "item": on_item,
    "asked": on_asked,
    "text": on_text,
}


def _freeze(page: Page, drafts: list[_Draft]) -> list[Question]:
    positions = {id(d): i for i, d in enumerate(drafts)}
    return [
        Question(
            source=page.source.id,
            position=i,
            text=d.text,
            category=d.category,
            answer=tuple(d.blocks),
            kind=d.kind,
            parent=positions[id(d.parent)] if d.parent is not None else None,
            line=d.line,
        )
        for i, d in enumerate(drafts)
    ]
