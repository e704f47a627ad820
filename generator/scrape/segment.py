"""Split a cleaned page into the questions it asks, with their answers.

Two steps, as in Python-Markdown's block parser:

1. `generator.scrape.tagging.tag` gives every line one tag (heading, numbered,
   turn, asked, item, text, code, fence ...) by running a registry of small
   named taggers, then passes over the whole page; see that module.
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
that nothing is dropped silently: generator.scrape.scrape records them and the
cleaning report lists them.

Speaker names, heading words, question-intent words and thresholds are data:
generator/data/segment.yml (read through `generator.scrape.tagging.load_rules`).
Chinese and ASCII punctuation (？/?, ：/:) are treated alike. Code runs become
`Block(kind=BlockKind.CODE)` via `generator.scrape.code`.

It does not clean lines (clean did), and it does not merge or classify
questions across documents (dedupe, topics).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from generator.scrape.code import code_block
from generator.model import Block, BlockKind, Line, Page, Question, QuestionKind, plain
from generator.scrape.tagging import Tagged, is_stage, load_rules, markdown_level, regex, rx
from generator.text import asking
from generator.text.asking import QUESTION_MARKS, SENTENCE_END, asks_something, ends_asking, ends_like_statement, question_score
from generator.scrape import shapes



# --- 2. questions ----------------------------------------------------------------


@dataclass
class _Draft:
    """A question being built."""

    text: str
    category: str
    line: int
    kind: QuestionKind = QuestionKind.QUESTION
    parent: "_Draft | None" = None
    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def add_paragraph(self, text: str) -> None:
        if not text:
            return
        last = self.blocks[-1] if self.blocks else None
        if last and last.kind == BlockKind.PARAGRAPH and _hard_wrapped(last.text, text):
            self.blocks[-1] = Block(kind=BlockKind.PARAGRAPH, text=last.text + text)
        else:
            self.blocks.append(Block(kind=BlockKind.PARAGRAPH, text=text))


_CJK = re.compile(r"[\u3400-\u9fff]")


def _hard_wrapped(previous: str, text: str) -> bool:
    """A paragraph broken in the middle of a sentence by the copy: the
    previous line is long and both sides of the break are Chinese characters."""
    return len(previous) >= load_rules().hard_wrap_min_chars and bool(_CJK.match(previous[-1]) and _CJK.match(text[0]))


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
        if _second_part(rest) or asking.pattern("asks_for_more").match(rest) or _asks_on(rest):
            # "tokenizer 有哪几种?BPE 的训练过程", "…吗?举个例子呗。", "…?进一步,为什么…": one question in two parts
            return text.strip(), ""
        if _NOTE.fullmatch(rest) or _CLOSING.fullmatch(rest):
            # "…有哪些?(提示:可延伸 RoPE)": the asker's hint; "…(如何 ignore padding ?)": its bracket closing
            return text.strip(), ""
        return question, rest
    max_chars = load_rules().max_question_chars
    for space in re.finditer(r"\s+", text):
        head, rest = text[: space.start()], text[space.end():]
        if len(head) > max_chars:
            break
        # the rest must read as an answer, not as the end of the question; and
        # the head must name something before its ending ("了解 KV cache 吗": 了解 alone asks nothing yet)
        names = any(m.start() > 0 for m in asking.pattern("question_end").finditer(head))
        if names and (len(text) > max_chars or rx("answer_like").search(rest)):
            return head.strip(), rest.strip()
    return text, ""


# A note in brackets after the question mark, and nothing else but a list's ; or 。
_NOTE = re.compile(r"[(（][^()（）]+[)）]\s*[;；。.]?")
_CLOSING = re.compile(r"[)）\]】」”\"]+\s*[;；。.]?")


def _second_part(rest: str) -> bool:
    """A short rest after the question mark that asks on (ends like a
    question: 原理, 过程, 区别 ..., or asks with 如何/为什么 …) and is no
    sentence: part of the question."""
    return (0 < len(rest) <= load_rules().max_second_part_chars and not re.search(r"[。，,；;！!]", rest)
            and bool(asking.pattern("question_end").search(rest) or asking.pattern("score.interrogative").search(rest)))


def _asks_on(rest: str) -> bool:
    """The rest after the question mark is the interviewer going on (进一步，为什么…, 追问：…)."""
    label = rx("followup_label").match(rest)
    return bool(label and label.end() > 0 and asks_something(rest[label.end():]))


def asking_part(text: str) -> str:
    """The part of an interviewer turn that asks ("" when nothing asks).

    Sentences before the first asking one go (remarks on the last answer);
    so do leading clauses of pure filler (嗯/好/OK/没关系); a long sentence is
    cut to its first asking clause when that still names a topic. The result
    is a substring of `text`."""
    rules = load_rules()
    if rx("closing").search(text) or rx("smalltalk").match(text.strip()):
        return ""
    start = None
    offset = 0
    for sentence in re.findall(r"[^。！!？?]+[。！!？?]*|[。！!？?]+", text):
        if asks_something(sentence):
            start = offset
            break
        offset += len(sentence)
    if start is None:
        return ""
    clauses = list(re.finditer(r"[^,，;；。！!？?]+[,，;；。！!？?]*", text[start:]))
    for clause in clauses:  # leading filler clauses
        if not rx("filler").match(clause.group(0).strip()):
            break
        start += len(clause.group(0))
    sentence_end = re.search(r"[。！!？?]", text[start:])
    sentence = text[start : start + (sentence_end.end() if sentence_end else len(text))]
    if len(sentence) > rules.long_sentence_chars:
        for clause in re.finditer(r"[^,，;；。！!？?]+[,，;；。！!？?]*", sentence):
            if asks_something(clause.group(0)):
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
    rest = regex(load_rules().followup.generic).sub(" ", _LATIN.sub(" ", text))
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
    rules = load_rules().followup
    if regex(rules.markers).match(asked) or regex(rules.refers_back).match(asked):
        return True
    elliptical = regex(rules.elliptical).match(asked.strip())
    if elliptical and not asks_something(elliptical.group("topic")):
        return True
    if state is not None and state.root is not None and state.current is not None and state.current.blocks \
            and len(asked) <= rules.continues_max_chars and regex(rules.continues).match(asked) \
            and _name_parts(asked) & _name_parts(state.root.text):
        return True
    return not _topic(asked)


def _asks_about_solution(asked: str, state: "_State") -> bool:
    """时间复杂度多少？ 还有别的解法吗？ right after a coding problem (or a
    follow-up of it): a short question about the solution just written, that
    names no subject of its own once the words about a solution and its
    input (followup.solution.words) are taken out."""
    rules = load_rules().followup.solution
    return (state.root is not None and state.root.kind == QuestionKind.PROBLEM and len(asked.strip()) <= rules.max_chars
            and regex(rules.asks).search(asked) is not None and not _topic(regex(rules.words).sub(" ", asked)))


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
    match = rx("problems", "name").search(text)
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
    question_level: int = 0  # the open question's Markdown heading level (## 3. …？: 2), 0 when none
    # After a numbered line of plain text read as a heading (1.算法题(二选一)：): the number
    # its next sibling would have, and the section it sits in (category, coding)
    sibling: tuple[str, str, bool] | None = None
    recurs: frozenset[int] = frozenset()  # numbered lines whose number comes again in the section
    clarify: bool = False  # the candidate just asked back
    followups: bool = False  # after 追问： / #### 追问 under the open question: the questions listed are its follow-ups
    drafts: list[_Draft] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # line numbers that went into a question
    # What was cut from a used line and went into no question (a remark
    # before the interviewer's question), for the cleaning report.
    leftovers: list[Line] = field(default_factory=list)
    pending: list[Tagged] = field(default_factory=list)  # headings no question has used yet
    next: Tagged | None = None  # the line after the one being handled
    answer_to: dict[int, _Draft] = field(default_factory=dict)  # index of answer k -> question k (see _answer_lists)

    def open(self, draft: _Draft) -> None:
        self.drafts.append(draft)
        self.current = draft
        self.points = None
        self.question_level = 0  # on_numbered sets it for a Markdown heading
        if draft.kind != QuestionKind.FOLLOWUP:
            self.root = draft
            self.followups = False
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
        self.followups = False
        self.points = None
        self.question_level = 0


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
    walk, and so does a remark on the interview after a bare list of
    questions (整体感觉…): it and what follows go into no question; so do the
    author's feelings about a round before the next round's heading."""
    shaped = shapes.shaped(page)
    feelings = _feelings_before_headings(shaped)
    tagged = [t for k, t in enumerate(shaped) if k not in feelings]
    state = _walk(tagged, len(tagged))
    last = max((d.line for d in state.drafts), default=None)
    if last is not None:
        closing = next((
            index for index, item in enumerate(tagged)
            if item.line.number > last and item.tag in ("text", "heading")
            and rx("closing_remark").match(item.line.text.strip())
        ), None)
        if closing is None:
            closing = _remark_after(tagged, last, _bare_list(state.drafts))
        if closing is not None:
            state = _walk(tagged, closing)
    unused = [t.line for t in shaped if t.line.number not in state.used] + state.leftovers
    drafts = _merge_repeats(state.drafts)
    return Segmented(tuple(_freeze(page, drafts)), tuple(sorted(unused, key=lambda line: line.number)))


def _remark_after(tagged: list[Tagged], last: int, bare: bool) -> int | None:
    """Where the author's unlabelled remark on the interview starts, after
    the line of the last question: any such remark after a bare list; after
    answers, only a line about the interviewer that ends the page."""
    after = [index for index, item in enumerate(tagged) if item.line.number > last and item.tag == "text"]
    for index in after:
        line = tagged[index].line.text.strip()
        about_interviewer = rx("interviewer_remark").match(line)
        if bare and (rx("interview_remark").match(line) or about_interviewer):
            return index
        if about_interviewer and all(t.tag in ("aside", "heading") for t in tagged[index + 1:]):
            return index
    return None


def _bare_list(drafts: list[_Draft]) -> bool:
    """A list of questions with no answers (the last aside): what follows
    it is more likely the author's remark than an answer."""
    asked = [d for d in drafts if d.kind != QuestionKind.FOLLOWUP]
    return len(asked) >= 3 and not any(d.blocks for d in asked[:-1])


def _feelings_before_headings(tagged: list[Tagged]) -> set[int]:
    """Indexes of a round's feelings line (感受：…, or a sentence summing the
    round up: 一面问的八股还是比较多的，…) and the text after it, when a
    heading or the page's end follows that text."""
    found: set[int] = set()
    for index, item in enumerate(tagged):
        text = item.line.text.strip()
        summary = rx("round_summary").match(text) and not question_score(text) and not _requests_code(text)
        if item.tag != "text" or not (rx("round_feelings").match(text) or summary):
            continue
        end = index + 1
        while end < len(tagged) and tagged[end].tag == "text":
            end += 1
        if end == len(tagged) or tagged[end].tag == "heading":
            found.update(range(index, end))
    return found


def _merge_repeats(drafts: list[_Draft]) -> list[_Draft]:
    """A question the page asks twice (a list of the round's questions, then
    each again as a heading with its answer) is one question: where it is
    first asked, with the answer it is given (the later blocks, when the first
    has none). Follow-ups of the repeat follow the first. Asked again in
    another section that is not such a second listing (most of its questions
    new) and not as the answer to the first (Dropout under two companies of a
    collection), it is asked twice, and stays so."""
    relisting = _relisting_sections(drafts)
    first: dict[str, _Draft] = {}
    kept: list[_Draft] = []
    moved: dict[int, _Draft] = {}
    for draft in drafts:
        key = plain(draft.text)
        earlier = first.get(key) if draft.kind != QuestionKind.FOLLOWUP and key else None
        if earlier is not None and earlier.category != draft.category and draft.category not in relisting \
                and not (draft.blocks and not earlier.blocks):
            earlier = None
        if earlier is None:
            if draft.kind != QuestionKind.FOLLOWUP and key:
                first[key] = draft
            kept.append(draft)
            continue
        if not earlier.blocks:
            earlier.blocks = draft.blocks
        elif draft.blocks:
            earlier.blocks = earlier.blocks + draft.blocks
        moved[id(draft)] = earlier
    for draft in kept:
        if draft.parent is not None and id(draft.parent) in moved:
            draft.parent = moved[id(draft.parent)]
    return kept


def _relisting_sections(drafts: list[_Draft]) -> set[str]:
    """The sections (categories) more than half of whose questions were
    asked in an earlier section: a list of the round's questions given again
    (二、逐题解析), not a section of its own."""
    seen: dict[str, str] = {}  # question -> the section it was first asked in
    counts: dict[str, list[int]] = {}  # section -> [questions, repeats]
    for draft in drafts:
        key = plain(draft.text)
        if draft.kind == QuestionKind.FOLLOWUP or not key:
            continue
        count = counts.setdefault(draft.category, [0, 0])
        count[0] += 1
        count[1] += seen.get(key, draft.category) != draft.category
        seen.setdefault(key, draft.category)
    return {section for section, (questions, repeats) in counts.items() if questions >= 2 and repeats * 2 > questions}


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
            draft.add_paragraph(rx("answer_label").sub("", item.text, count=1))
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
        if item.tag not in ("text", "heading") or not rx("answer_lead_in").match(item.line.text.strip()):
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
    drafts = {d.line: d for d in state.drafts if d.kind != QuestionKind.FOLLOWUP}
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


def _heading_of_answer(item: Tagged, state: _State) -> bool:
    """A Markdown heading deeper than the open question's own (### 推理流程
    under ## 3. Function Call 是怎么训练的？) goes into its answer."""
    if state.current is None or not 0 < state.question_level < markdown_level(item):
        return False
    state.attach(item)
    state.current.add_paragraph(item.text)
    return True


def on_heading(item: Tagged, state: _State) -> None:
    if state.root is not None and rx("followup_lead").match(item.text.strip()):
        state.attach(item)  # #### 追问: the follow-ups of the open question are listed below
        state.followups = True
        return
    if _heading_of_answer(item, state):
        return
    state.close()
    # a parent heading (2. 技术问题) stays pending under its sub-heading (2.1)
    state.pending = [h for h in state.pending if item.number and h.number and item.number.startswith(h.number + ".")]
    state.pending.append(item)
    outer = (state.category, state.coding)
    if state.sibling is not None and item.number == state.sibling[0] and not markdown_level(item):
        outer = state.sibling[1:]  # 2. 对齐问题 after 1. Transformer: both in the section the first was in
    state.sibling = (_next_number(item.number), *outer) if item.number and not markdown_level(item) else None
    state.category = item.text
    state.coding = bool(rx("problems", "section").search(item.text))
    state.scheme = None
    if item.number:
        state.headings[item.number] = item.text


def on_turn(item: Tagged, state: _State) -> None:
    if item.role == "candidate":
        if rx("candidate_asks").match(item.text):
            state.close()  # 请问实习生可以…？: the candidate's own question, not an answer
            state.clarify = False
            return
        if state.attach(item):
            state.current.add_paragraph(item.text)
        state.clarify = item.text.rstrip().endswith(tuple(QUESTION_MARKS))
        return
    if is_stage(item.text) or is_stage(asking_part(item.text)):
        state.close()  # 先做个自我介绍吧: a stage of the interview, not a question
        return
    asked = asking_part(item.text)
    named = rx("problems", "numbered").match(item.text)  # Q：代码题：实现 RMSNorm
    if named:
        state.clarify = False
        state.open(_Draft(text=named.group("title").strip(), category=state.category, line=item.line.number,
                          kind=QuestionKind.PROBLEM))
        return
    if not asked and state.clarify and state.root and not rx("closing").search(item.text):
        asked = item.text  # the interviewer explains what they asked
    if not asked:
        state.close()  # a remark or a goodbye: what follows answers nothing
        return
    _keep_remark(item, item.text[:item.text.rfind(asked)], state)
    followup = state.root is not None and (
        item.role == "followup" or state.clarify or _is_followup(asked, state) or _asks_about_solution(asked, state)
    )
    state.clarify = False
    answer = ""
    if item.role == "followup" and any(m in asked for m in QUESTION_MARKS):
        asked, answer = split_inline(asked)  # 追问：…怎么写？我说…: the answer on the same line
    kind = QuestionKind.FOLLOWUP if followup else QuestionKind.PROBLEM if _requests_code(asked) else QuestionKind.QUESTION
    state.open(_Draft(
        text=_problem_title(asked) if kind == QuestionKind.PROBLEM else asked, category=state.category,
        line=item.line.number, kind=kind, parent=state.root if followup else None,
    ))
    state.current.add_paragraph(answer)


def _keep_remark(item: Tagged, remark: str, state: _State) -> None:
    """What an interviewer said before asking ("没关系, 现在的大模型基本都用
    相对位置编码了。有没有用过…") is part of no question: the cleaning report
    lists it, unless it is only filler (嗯, 好的)."""
    clauses = re.findall(r"[^,，;；。！!？?]+", remark)
    if any(not rx("filler").match(clause.strip()) for clause in clauses if clause.strip()):
        state.leftovers.append(Line(number=item.line.number, text=remark.strip()))


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in number.split("."))


def _next_number(number: str) -> str:
    *head, last = number.split(".")
    return ".".join(head + [str(int(last) + 1)])


def _states(text: str) -> bool:
    """A line that states rather than asks: no intent word, or it ends like a
    sentence (。 ； , ...). The caller has checked there is no question mark."""
    return not asking.pattern("asks").search(text) or ends_like_statement(text.rstrip())


def _is_point(item: Tagged, state: _State) -> bool:
    """A numbered line (no question mark, in the questions' own numbering) is a
    point of the open answer rather than the next question: it continues the
    answer's list of points, or starts one where the question numbering
    restarts. Either way it states something; a list after a lead-in colon
    (主要区别:) may start with a line that would otherwise ask. A heading
    without a number (###### 列表和元组的区别) is no point."""
    if not item.number:
        return False
    if state.points is not None and item.number == _next_number(state.points):
        if not _states(item.text):
            return False
        if state.number and item.number == _next_number(state.number):
            # the next point and the next question alike: a point when it ends
            # like a sentence, or when its number comes again later (that is
            # the next question: 1. 数据增强 / 2. 正则化 / 2. 什么是早停)
            ends = ends_like_statement(item.text.rstrip())
            return ends or item.line.number in state.recurs
        return True
    restarts = not state.number or _number_key(item.number) <= _number_key(state.number)
    if not restarts:
        return False
    last = state.current.blocks[-1] if state.current and state.current.blocks else None
    lead_in = last is not None and last.kind == BlockKind.PARAGRAPH and bool(rx("points", "lead_in").search(last.text.rstrip()))
    return _states(item.text) or lead_in


def _long_statement(text: str) -> bool:
    """A numbered line too long for a prompt, of several sentences or leading
    into a list (…include:), that asks nothing: it states."""
    text = text.strip()
    sentences = re.search(r"[。！!；;]\s*\S|\.\s+[A-Z]|[:：]$", text)
    return bool(sentences) and len(text) > asking.vocabulary().score.max_prompt_chars and question_score(text) == 0


def _plain_statement(text: str) -> bool:
    """A sentence with clauses that ends like one and has no word that asks."""
    text = text.strip()
    return (len(text) >= 20 and bool(re.search(r"[，,]", text)) and bool(re.search(r"[。；;]$", text))
            and not asking.pattern("asks").search(text))


def _requests_code(text: str) -> bool:
    """写一个 LRU 缓存, 实现一下 multi-head attention, 手撕 softmax."""
    return bool(rx("problems", "request").search(text))


def _requests_with_code(text: str, state: "_State") -> bool:
    """写一下 PPO 的 clip 目标函数, with code right after it: a coding problem.
    Without code it may ask for a formula or a derivation."""
    return (state.next is not None and state.next.tag in ("code", "fence")
            and not any(m in text for m in QUESTION_MARKS)
            and bool(rx("problems", "request_with_code").search(text)))


def _problem_title(text: str) -> str:
    """The problem a request names, without the words that only announce it
    ("最后写道题吧，反转链表…" -> "反转链表…")."""
    rest = rx("problems", "request_lead").sub("", text.strip(), count=1)
    return (rest or text).strip().rstrip("。.！!")


def _leaves_numbered_heading(item: Tagged, state: _State) -> None:
    """The first numbered line after a numbered heading of plain text: when it
    carries the heading's next number (1.算法题(二选一)： … 2. 讲讲 LoRA？), it is
    the heading's sibling, and the heading's section has ended; numbered from
    1, it is the heading's own list."""
    if state.sibling is None:
        return
    number, category, coding = state.sibling
    state.sibling = None
    if item.number == number and not markdown_level(item):
        state.close()
        state.category, state.coding = category, coding
        state.scheme, state.pending = item.scheme, []


def on_numbered(item: Tagged, state: _State) -> None:
    _leaves_numbered_heading(item, state)
    if _listed_followup(item, state):
        return
    problem = rx("problems", "numbered").match(item.text)
    # 【问题3】: always a question; so is a line of a list whose lines ask
    # (shapes.line_list numbers them |lines|), under a numbered topic (2. 八股拷打) too,
    # and a question shapes.run_on found in a run or a told line (|run|, |told|)
    labelled = "】|" in item.scheme or "]|" in item.scheme or item.scheme.startswith(("|lines|", "|run|", "|told|"))
    asks = any(m in item.text for m in QUESTION_MARKS)
    requests = _requests_code(item.text) or _requests_with_code(item.text, state)
    label = rx("followup_label").match(item.text)
    if label and label.group("colon") and state.root is not None and asks_something(item.text[label.end():]):
        # 3️⃣ 追问：DPO 为什么…？: a follow-up of the open question, numbered
        state.scheme, state.number = item.scheme, item.number
        asked, answer = split_inline(item.text[label.end():].strip())
        state.open(_Draft(text=asked, category=state.category, line=item.line.number, kind=QuestionKind.FOLLOWUP, parent=state.root))
        state.current.add_paragraph(answer)
        return
    if problem is None and not labelled and not asks and not requests and state.current is not None:
        if _heading_of_answer(item, state):
            return
        if _long_statement(item.text):  # 2. The Transformer architecture is …: a point of the answer
            state.attach(item)
            state.points = item.number
            state.current.add(Block(kind=BlockKind.ITEM, text=item.line.text.strip()))
            return
        if item.scheme != state.scheme:  # numbered otherwise than the questions
            state.attach(item)
            state.current.add(Block(kind=BlockKind.ITEM, text=item.line.text.strip()))
            return
        if _is_point(item, state):
            state.attach(item)
            state.points = item.number
            state.current.add(Block(kind=BlockKind.ITEM, text=item.line.text.strip()))
            return
    if problem is None and not labelled and not asks and not requests and state.current is None \
            and _plain_statement(item.text):
        return  # 1、利用机器学习技术，改进推荐系统；: a job's duty before any question, no question itself
    answered = state.next is not None and state.next.tag in ("text", "item", "code", "fence")
    if is_stage(item.text) and not answered:
        # 1. 自我介绍 / 2. 拷打项目: a stage of the interview, not a question
        # (unless the write-up answers it, as a question)
        state.close()
        state.scheme = item.scheme
        state.number = item.number
        return
    state.scheme = item.scheme
    state.number = item.number
    level = markdown_level(item)
    if problem or state.coding or requests:
        title = problem.group("title") if problem else (
            _problem_name(item.text) or (_problem_title(item.text) if requests else split_inline(item.text)[0]))
        state.open(_Draft(text=title.strip().rstrip("?？"), category=state.category, line=item.line.number, kind=QuestionKind.PROBLEM))
        state.question_level = level
        return
    question, answer = split_inline(item.text)
    category = state.category
    if "." in item.number:  # 2.1 sits under heading 2 wherever it is printed
        category = state.headings.get(item.number.rsplit(".", 1)[0], category)
    state.open(_Draft(text=question, category=category, line=item.line.number))
    state.question_level = level
    state.current.add_paragraph(answer)


def _listed_followup(item: Tagged, state: _State) -> bool:
    """- 大 batch 为什么有帮助？ under #### 追问 (or 追问：): a follow-up of the open
    question, kept in its section. Not a line numbered as the questions are
    (the next question)."""
    if not (state.followups and state.root is not None and ends_asking(item.text)) \
            or (item.tag == "numbered" and item.scheme == state.scheme):
        return False
    level = state.question_level
    state.open(_Draft(text=item.text, category=state.category, line=item.line.number,
                      kind=QuestionKind.FOLLOWUP, parent=state.root))
    state.question_level = level
    return True


def on_item(item: Tagged, state: _State) -> None:
    if _listed_followup(item, state):
        return
    if state.attach(item) and not rx("followup_lead").match(item.text.strip()):
        state.current.add(Block(kind=BlockKind.ITEM, text=item.text))


def on_asked(item: Tagged, state: _State) -> None:
    """A question line without a number (see `tagging._promote_questions`); right
    after a coding problem, a question about its solution is its follow-up
    (not a problem of its own, though the section is one of problems)."""
    if _asks_about_solution(item.text, state):
        state.open(_Draft(text=item.text, category=state.category, line=item.line.number,
                          kind=QuestionKind.FOLLOWUP, parent=state.root))
        return
    requests = _requests_code(item.text) or _requests_with_code(item.text, state)
    kind = QuestionKind.PROBLEM if state.coding or requests else QuestionKind.QUESTION
    text = _problem_title(item.text) if kind == QuestionKind.PROBLEM else item.text
    state.open(_Draft(text=text, category=state.category, line=item.line.number, kind=kind))


def on_text(item: Tagged, state: _State) -> None:
    name = (_problem_name(item.text) or shapes.names_known_problem(item.text)) if state.coding else ""
    # an unnamed line with nothing under it before the next heading is an
    # account of the round (三道编程，AK 了两道。), not a problem statement
    alone = ((state.next is None or state.next.tag == "heading") and not rx("problems", "statement").match(item.text)
             and not _requests_code(item.text))  # 实现多头注意力 alone is a task, not an account
    # a short name between one solution's code and the next (…```, 最长回文子串, ```…) names the next problem
    after_code = (state.current is not None and bool(state.current.blocks)
                  and state.current.blocks[-1].kind == BlockKind.CODE
                  and state.next is not None and state.next.tag in ("code", "fence")
                  and len(item.text) <= load_rules().problems.intro_max_chars
                  and not re.search(r"[，,。！!；;:：]", item.text))
    note = bool(rx("note_label").match(item.text))  # Tips: 由于这块内容较少…: the author's, no problem
    if state.coding and not note and (name or after_code
                                      or ((state.root is None or state.root.kind != QuestionKind.PROBLEM) and not alone)):
        title = name or _first_clause(split_inline(item.text)[0])
        state.open(_Draft(text=title, category=state.category, line=item.line.number, kind=QuestionKind.PROBLEM))
        intro_max = load_rules().problems.intro_max_chars
        if len(item.text) > intro_max or (not name and item.text.strip() != title.strip()):
            state.current.add_paragraph(item.text)  # a statement; not a short name said again
        return
    if (rx("answer_lead_in").match(item.text.strip()) or rx("followup_lead").match(item.text.strip())) \
            and state.current is not None:
        state.attach(item)
        state.followups = state.followups or bool(rx("followup_lead").match(item.text.strip()))
        return  # 我的回答要点： / 追问链条： alone: what follows is the answer, or the follow-ups
    if state.attach(item):
        state.current.add_paragraph(rx("answer_label").sub("", item.text, count=1))


def _first_clause(text: str) -> str:
    """A task told in a sentence (实现多头注意力，写完问了复杂度。): its first clause names it."""
    if not re.search(r"[。！!]$", text.strip()):
        return text
    return re.split(r"[，,。！!；;]", text.strip(), maxsplit=1)[0] or text


def on_problem(item: Tagged, state: _State) -> None:
    """A line that names a coding problem (LC 56. 合并区间, 第二题：…; see
    generator.scrape.shapes.coding_problem)."""
    if item.scheme:  # one of a run's numbered pieces (甲公司：GQA 原理；合并区间；…): the next is numbered alike
        state.scheme, state.number = item.scheme, item.number
    state.open(_Draft(text=item.text.rstrip("?？"), category=state.category, line=item.line.number, kind=QuestionKind.PROBLEM))


def on_aside(item: Tagged, state: _State) -> None:
    """A line that asks nothing of the candidate (the candidate's own 反问,
    see generator.scrape.shapes.asides): it ends the open question and goes into
    none."""
    state.close()


HANDLERS: dict[str, Callable[[Tagged, _State], None]] = {
    "aside": on_aside,
    "problem": on_problem,
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
