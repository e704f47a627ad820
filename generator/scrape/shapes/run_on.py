"""Several questions run together in one line or paragraph, as people jot a
round down: `一面：自我介绍 讲讲 LoRA 为什么 B 初始化为 0 KV cache 怎么省显存`,
`1.xxx 2.xxx 3.xxx` without line breaks, pieces separated by `；` or ` - `,
or questions inside narration (`然后问了 RoPE 怎么外推，又问我 DPO 和 PPO 的区别`;
a whole round told in paragraphs: `然后让讲一下 KV cache，我大致讲了…`, with what
the candidate said as the answer).

An answer's paragraph in which the interviewer asks on (`…其中提到了 LFM，面试官
又追问 LFM 用来解决什么问题，我从…`) gives a follow-up. Under a heading of
questions (## 面试问题), a bullet that packs a label's questions (`- 腾讯：
FocalLoss 原理；丑数；FLOP 计算。`) is that many questions under the label.

The line is cut into pieces (inline numbers that count up, else separators,
else narration markers, else spaces before a word that starts a question);
it is taken as several questions only when every piece is short and most of
them ask, so that an answer's sentence with 1. 2. points or `；` stays text.
A label before a colon that heads the run (一面：) becomes its heading; a
sentence that leads into numbered questions (…记录一下：1、…) stays text.
"""

from __future__ import annotations

import re
from enum import IntEnum

from generator.scrape.tagging import PageInfo, Tagged, is_stage, regex
from generator.text import asking
from generator.text.asking import question_score
from generator.scrape.shapes import Shape, names_known_problem, rules, under_questions_heading

PUNCTUATION = " ，,。.；;、：:"


class Cut(IntEnum):
    """How `_split` cuts a line into pieces, in the order it tries them."""

    NUMBERED = 0  # at inline numbers that count up
    AFTER_QUESTION = 1  # at a separator right after a question mark
    SEPARATED = 2  # at ； or " - "
    NARRATED = 3  # at narration markers (问了…, 让我讲…)
    SPACED = 4  # at the spaces before a word that starts a question


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return not page.dialogue


def _numbered_pieces(text: str, first: int, limits: dict) -> list[str]:
    """Pieces cut at inline numbers first, first+1, … (at least two numbers
    when the line's own number is not one of them)."""
    found = sorted([(m, "next") for m in regex(limits.inline_number).finditer(text)]
                   + [(m, "glued") for m in regex(limits.glued_number).finditer(text)]
                   + [(m, "sub") for m in regex(limits.sub_number).finditer(text)], key=lambda f: f[0].start())
    cuts, expected = [], first
    for match, kind in found:
        number = int(match.group("number"))
        if kind == "sub" and cuts and number == expected - 1:
            cuts.append(match)  # 8.5、 after 8: a piece, and 9 comes next still
        elif kind != "sub" and number == expected:
            cuts.append(match)
            expected += 1
    if len(cuts) < (2 if first == 1 else 1):
        return []
    pieces = [] if first == 1 else [text[: cuts[0].start()]]  # the rest of the line's own question
    pieces += [text[m.end(): (cuts[k + 1].start() if k + 1 < len(cuts) else len(text))] for k, m in enumerate(cuts)]
    if first == 1 and text[: cuts[0].start()].strip():
        return []  # words before "1." : not a run of numbered questions
    return pieces


def _narrated(text: str, limits: dict) -> list[str]:
    """Questions told in narration, one per sentence at most: after an
    asking marker (问了, 又问我, 让我讲, 写了一道题) up to where the
    candidate's answer or a comment starts (，我说 …, or a clause that asks
    nothing); the answer follows in
    brackets, as `_answered` reads it. Needs two such sentences."""
    pieces = []
    for sentence in regex(limits.narrated_sentences).split(text):
        if regex(limits.narrated_reverse).search(sentence):
            break  # 之后就是反问环节了，我问了…: the candidate's own questions from here
        sentence = regex(limits.author_aside).sub("", sentence)  # (我以为是问我…)
        mark = next((m for m in regex(limits.asked_markers).finditer(sentence)
                     if m.group().rstrip(PUNCTUATION).endswith("题") or not re.match(r"\s*[，,。；;]", sentence[m.end():])),
                    None)  # 之后就是手撕，让写…: the marker that names what was asked; 追问，很多我不了解 names nothing
        if not mark:
            continue
        rest = sentence[mark.end():].lstrip(PUNCTUATION)  # …加了一道题，LC 215 …
        end = regex(limits.narrated_end).search(rest)
        question = _asked_clauses(rest[: end.start()] if end else rest)
        if not _names_something(question, limits):
            continue  # 手撕倒是还行: a remark on how it went
        by_hand = re.search(r"手撕|手写", mark.group())
        if by_hand and question:  # 最后手写一个快排: the task, not just its name
            question = mark.group()[by_hand.start():].strip() + question
        said = rest[end.start():].strip(PUNCTUATION) if end else ""  # the candidate's side, after 我说 / 我大致讲了
        lead = regex(limits.narrated_answer).match(said)
        said = said[lead.end():] if lead else said
        pieces.append(question + (f"（答：{said}）" if said else ""))
    return pieces if len(pieces) >= 2 else []


def _names_something(question: str, limits: dict) -> bool:
    """A told question names what was asked: some words, not an adverb's
    remark (倒是还行, 也没问)."""
    return len(re.sub(r"\W", "", question)) >= 3 and not regex(limits.remark_start).match(question)


def _asked_clauses(text: str) -> str:
    """A narrated question without the clauses after it that ask nothing
    (…最长子串，滑动窗口十分钟写完: how it went, not what was asked)."""
    clauses = re.split(r"(?<=[，,])", text)
    kept = clauses[:1]
    for clause in clauses[1:]:
        if not question_score(clause.strip(PUNCTUATION)):
            break
        kept.append(clause)
    return "".join(kept).rstrip(PUNCTUATION)


def _spaced(text: str, limits: dict) -> list[str]:
    """Pieces cut at the spaces before a word that starts a question (讲讲,
    说说, 手撕 …); a space after a question's last word is no cut, since a
    Latin term often follows it (…微调方式 p-tuning v2?)."""
    pieces = re.split(rf"\s+(?=(?:{limits.starters}))", text)
    return pieces if len(pieces) >= 2 else []


def _answered(piece: str, limits: dict) -> tuple[str, str]:
    """(question, answer) of a piece: the candidate's reply after a space
    (… 我提出说…), or an answer in brackets after it (（答：…）), goes out of
    the question."""
    reply = regex(limits.reply).search(piece)
    if reply and piece[: reply.start()].strip(PUNCTUATION):
        return piece[: reply.start()].strip(PUNCTUATION), piece[reply.end():].strip(PUNCTUATION)
    found = regex(limits.bracket_answer).search(piece)
    if not found:
        return piece.strip(PUNCTUATION), ""
    question = (piece[: found.start()] + piece[found.end():]).strip(PUNCTUATION)
    return question, (found.group("answer") or found.group("remark") or "").strip()


def _trim_last(pieces: list[str], limits: dict) -> list[str]:
    """The last piece may run on into the author's remark on the round
    (…数组中的第K个最大元素 一面偏基础，面试官人很好。): it ends where a
    remark starts (一面整体来说…), else at the space before a sentence."""
    last = pieces[-1]
    remark = regex(limits.round_remark).search(last)
    if remark and remark.start() > 0 and last[: remark.start()].strip(PUNCTUATION):
        return pieces[:-1] + [last[: remark.start()]]
    cut = re.search(r"\s+(?=[^\s]*[，,。！!])", last)
    remark = last[cut.end():] if cut else ""
    # a remark has words of its own (…元素 一面偏基础，…); a term ending the question does not (…都用 RMSNorm。)
    if cut and not question_score(remark) and len(re.findall(r"[\u4e00-\u9fff]", remark)) >= 3:
        return pieces[:-1] + [last[: cut.start()]]
    return pieces


def _after_questions(text: str, limits: dict) -> list[str]:
    """Pieces of a numbered line cut at separators right after a question
    mark (`4. 微调有哪些方案？ - 分词器是什么？`): two list items whose line
    break was lost. The first piece is the line's own question."""
    pieces = re.split(limits.question_separators, text)
    return pieces if len(pieces) >= 2 else []


def split(text: str, first: int = 1) -> list[tuple[str, str]]:
    """The questions of a run-on line with their bracketed answers, [] when
    it is not one."""
    return _split(text, first)[0]


def _split(text: str, first: int = 1, listed: bool = False) -> tuple[list[tuple[str, str]], bool]:
    """`split`, and whether the line's own number heads the pieces (numbered
    pieces, one after the other) or only the first (the others lost a bullet).
    A `listed` line (under a heading of questions) is questions whether its
    pieces ask or not."""
    limits = rules("run_on")
    candidates = [
        _numbered_pieces(text, first, limits),
        [] if first == 1 else _after_questions(text, limits),
        [] if first != 1 else re.split(limits.separators, text),
        [] if first != 1 else _narrated(text, limits),
        [] if first != 1 else _spaced(text, limits),
    ]
    for kind, pieces in zip(Cut, candidates):
        # inline numbers that count up are strong evidence: their pieces may be whole questions
        longest = limits.max_numbered_piece_chars if kind in (Cut.NUMBERED, Cut.AFTER_QUESTION) else limits.max_piece_chars
        pieces = [p for p in pieces if p.strip(PUNCTUATION)]
        if len(pieces) < limits.min_pieces - (first != 1 and kind == Cut.NUMBERED):
            continue
        # a narrated piece ends where the candidate's side starts: no remark runs on after the last
        found = [_answered(p, limits) for p in (pieces if kind == Cut.NARRATED else _trim_last(pieces, limits))]
        found = [(q, a) for q, a in found if q]
        if len(found) < limits.min_pieces - (first != 1 and kind == Cut.NUMBERED) or any(len(q) > longest for q, _ in found):
            continue
        if kind == Cut.AFTER_QUESTION and not all(question_score(q) >= 1 for q, _ in found):
            continue  # cut after a question mark: every piece must ask
        asking = sum(1 for q, _ in found if question_score(q) >= 1 or is_stage(q) or names_known_problem(q))
        told = kind == Cut.NARRATED  # each piece comes after 问了 / 让我讲: it was asked, whatever its words
        if listed or told or (asking * 3 >= len(found) * 2 and any(question_score(q) >= 1 for q, _ in found)):
            return found, kind == Cut.AFTER_QUESTION
    return [], False


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    limits = rules("run_on")
    out: list[Tagged] = []
    listed = under_questions_heading(lines)  # under a heading of questions (## 面试问题)
    for index, item in enumerate(lines):
        if item.tag == "item" and listed[index] and (packed := _packed(item, limits)):
            out += packed
            continue
        if item.tag == "item":
            # "- 微调有哪些方案？ - 分词器是什么？": two bullets whose line break was lost
            pieces = [p.strip() for p in _after_questions(item.text, limits)]
            if len(pieces) >= 2 and all(question_score(p.strip(PUNCTUATION)) >= 1 for p in pieces):
                out += [item.as_("item", p) for p in pieces]
            else:
                out.append(item)
            continue
        if item.tag not in ("text", "numbered", "heading"):
            out.append(item)
            continue
        if item.tag != "numbered" and (parts := _parts(item, limits)):
            out += parts
            continue
        found = _run_line(item, limits)
        if found == [item] and item.tag == "text":
            found = _followed_up(item, limits) or found  # no run of questions: an answer that is asked on?
        out += found
    return out


def _followed_up(item: Tagged, limits: dict) -> list[Tagged]:
    """An answer's paragraph in which the interviewer asks on (…其中提到了 LFM，
    面试官又追问 LFM 用来解决什么问题，我从两个角度解释的。): the words before as
    text, the follow-up as a follow-up turn, what the candidate said to it as
    text; [] when the paragraph has none."""
    found = regex(limits.inline_followup).search(item.text)
    before = item.text[:found.start()].strip(PUNCTUATION) if found else ""
    first = re.split(r"[，,。！!；;]", before, maxsplit=1)[0]
    if not before or (not regex(limits.candidate_said).match(first) and question_score(first)):
        return []  # 了解哪些大模型，…又问了…: a question's line, not an answer's
    rest = item.text[found.end():]
    end = regex(limits.narrated_end).search(rest) or re.search(r"[。！!；;]", rest)
    question = (rest[:end.start()] if end else rest).strip(PUNCTUATION)
    if not question or len(question) > limits.max_piece_chars:
        return []
    after = rest[end.start():].strip(PUNCTUATION) if end else ""
    out = [item.as_("text", item.text[:found.start()].strip()), item.as_("turn", question, role="followup")]
    return out + ([item.as_("text", after)] if after else [])


def _packed(item: Tagged, limits: dict) -> list[Tagged]:
    """A bullet under a heading of questions that packs a label's questions
    (- 腾讯：FocalLoss原理；丑数；FLOP计算。, - Insta：手写 MHA): the label as a
    heading, each piece a question; [] when it has no label."""
    found = regex(limits.label).match(item.text)
    if not found or question_score(found.group("label")) or regex(limits.kind_label).search(found.group("label").strip()) \
            or asking.pattern("fact_label").match(item.text):
        return []  # 核心考点：… names the kind of question; 岗位：…, 时长：1h tell a fact
    body = item.text[found.end():]
    pieces, _ = _split(body, listed=True)
    pieces = pieces or [(body.strip(PUNCTUATION), "")]
    if not pieces[0][0] or any(len(q) > limits.max_numbered_piece_chars for q, _ in pieces):
        return []
    return [item.as_("heading", found.group("label").strip(), number="")] + _questions(item, pieces, "|run|0", 1)


def _questions(item: Tagged, pieces: list[tuple[str, str]], scheme: str, start: int) -> list[Tagged]:
    """The pieces of a line as numbered questions (a known problem's title as
    a problem), each followed by its answer."""
    out = []
    for k, (question, answer) in enumerate(pieces):
        known = names_known_problem(question)
        out.append(item.as_("problem" if known else "numbered", known or question, number=str(start + k), scheme=scheme))
        if answer:
            out.append(item.as_("text", answer))
    return out


def _told(item: Tagged, limits: dict) -> list[Tagged]:
    """A line that tells one question (问了特征选择，特征交叉; 问了模型评估：解释说…;
    最后手写一个快排，…): the question, and after a colon what was answered.
    Not the candidate's own questions (问了面试官…)."""
    told = regex(limits.told).match(item.text)
    if not told:
        return [item]
    question, answer = (re.split(r"[:：]", item.text[told.end():], maxsplit=1) + [""])[:2]
    end = regex(limits.narrated_end).search(question)
    if end and not answer:  # 让讲解一下 YOLO 系列，这块我没法详细讲: what was said of it is the answer
        question, answer = question[:end.start()], question[end.start():].strip(PUNCTUATION)
    question = (told.group("code") or "") + _asked_clauses(question.strip(PUNCTUATION))
    if not question or len(question) > limits.max_piece_chars or is_stage(question):
        return [item]  # too long for one question, or HR talk (问了期望薪资、到岗时间)
    out = [item.as_("numbered", question, number=str(item.line.number), scheme="|told|0")]  # each its own
    return out + ([item.as_("text", answer.strip())] if answer.strip() else [])


def _parts(item: Tagged, limits: dict) -> list[Tagged]:
    """A line of several parts of the interview (…✅二面1.…, …？二、项目：1.…):
    each part's name as a heading over its questions, a part without
    questions as a line of its own (…三、手撕：两数之和); [] when the line has
    no part inside it, or no part holds questions (an answer's 二、缺点：…)."""
    found = list(regex(limits.part_in_line).finditer(item.text))
    if not found:
        return []
    ends = [m.start() for m in found] + [len(item.text)]
    out, split = [], False
    for k, end in enumerate(ends):
        part = found[k - 1] if k else None
        body = item.text[part.end() if part else 0: end]
        run = _run_line(item.as_(item.tag, body), limits) if body.strip(PUNCTUATION) else []
        if any(t.tag == "numbered" for t in run):
            split = True
            out += ([item.as_("heading", part.group("label").strip(), number="")] if part else []) + run
        elif part:  # its own line, without the author's remark after it (三、手撕：接雨水 感觉一般，攒人品)
            out.append(item.as_(item.tag, _trim_last([item.text[part.start(): end].strip()], limits)[0].strip()))
        else:
            out += run
    return out if split else []


def _run_line(item: Tagged, limits: dict) -> list[Tagged]:
    """One text, heading or numbered line: itself, or the questions run together in it."""
    out: list[Tagged] = []
    text, label, lead = item.text, "", ""
    if item.tag != "numbered":
        found = regex(limits.label).match(text) or regex(limits.round_label).match(text)
        if found and not question_score(found.group("label")):
            label, text = found.group("label").strip(), text[found.end():]
        elif found := regex(limits.lead_in).match(text):
            lead, text = found.group("lead"), text[found.end():]
    first = int(item.number) + 1 if item.tag == "numbered" and item.number.isdigit() else 1
    pieces, bulleted = _split(text, first)
    if not pieces:
        return _told(item, limits) if item.tag == "text" and not label and not lead else [item]
    if bulleted:
        # The line keeps its number; the questions after it are list
        # items again (shapes.bullet_list decides what they are).
        question, answer = pieces[0]
        out.append(item.as_("numbered", question))
        out += [item.as_("item", q) for q, _ in pieces[1:]]
        return out
    if label:
        out.append(item.as_("heading", label, number=""))
    if lead:
        out.append(item.as_("text", lead))
    scheme = item.scheme if item.tag == "numbered" else "|run|0"
    start = int(item.number) if item.tag == "numbered" and item.number.isdigit() else 1
    return out + _questions(item, pieces, scheme, start)


SHAPE = Shape("run_on", 70, test, run)
