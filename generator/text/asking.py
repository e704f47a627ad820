"""Whether a line asks something, and how plainly: the one home of "this
looks like a question".

The words are data, one vocabulary in generator/data/asking.yml: the
scraper scores lines with it here, and dedupe reads what a wording asks for
from its `intents` and `requests` (generator.text.normalize).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from generator import rules
from generator.rules.schema import Asking
from generator.text.numbering import looks_numbered
from generator.text.script import either_script

QUESTION_MARKS = "?？"
# A full stop right before a question mark ("…随便讲一种策略。?") is part of the asking.
SENTENCE_END = re.compile(r"[。！!；;](?![。！!；;]*\s*[?？])")
# A line that ends in a question mark, maybe inside closing quotes.
_ENDS_ASKING = re.compile(r"[?？]\s*[”\"」]?$")
# A speaker's name or a label before a colon (面试官：, Q:).
_LABELLED = re.compile(r"^\s*\S{1,5}[:：]")
_HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+")


def vocabulary() -> Asking:
    """generator/data/asking.yml as read."""
    return rules.load("asking.yml")


@cache
def pattern(name: str) -> re.Pattern:
    """A pattern of asking.yml by its key ("score.english" for a nested one)."""
    value = vocabulary()
    for key in name.split("."):
        value = getattr(value, key)
    return re.compile(either_script(value))


def asks_something(text: str) -> bool:
    """A question mark or a word that asks (吗, 如何, 讲讲, 原理 …) anywhere in
    the text, or an English question's first word (why not …, how to …)."""
    return any(m in text for m in QUESTION_MARKS) or bool(pattern("asks").search(text)) \
        or bool(pattern("asks_english").match(text.strip()))


def ends_like_statement(text: str) -> bool:
    """Ends with a full stop, comma or colon (not the dot of "3.")."""
    return bool(pattern("score.statement_end").search(text))


def ends_asking(text: str) -> bool:
    """Ends with a question mark (maybe inside closing quotes)."""
    return bool(_ENDS_ASKING.search(text))


def may_be_question(text: str) -> bool:
    """The cheap test the clean-up uses before it drops a line as furniture:
    it ends with a question mark, or starts with a number or a speaker label
    (Markdown heading marks aside)."""
    text = _HEADING_MARKS.sub("", text)
    return bool(ends_asking(text) or looks_numbered(text) or starts_with_label(text))


def starts_with_label(text: str) -> bool:
    """A short name or label and a colon first (面试官：, Q:, 答:)."""
    return bool(_LABELLED.match(text))


@lru_cache(maxsize=65536)  # a pure function of the line, asked by every shape
def question_score(text: str) -> int:
    """How plainly a line asks: 2 with a question mark (not only in a
    quoted aside before a sentence end) or an English wh-question; 1 for a
    prompt with an asking word that does not read as a statement (KV cache
    原理, 手撕 MHA, 讲讲 DPO); 0 for a statement (LoRA 冻结原权重，只训练…)."""
    text = text.strip()
    limits = vocabulary().score
    label = pattern("score.question_label").match(text)
    if label and text[label.end():].strip():  # 场景题：如何…, 代码：股票的四个题
        return max(1, question_score(text[label.end():]))
    end = SENTENCE_END.search(text)
    head = text[: end.start()] if end else text
    if any(m in head for m in QUESTION_MARKS) or pattern("score.english").match(text):
        return 2
    if pattern("score.statement").search(text):
        return 0
    if len(head) <= limits.max_sentence_chars and (
            pattern("score.interrogative").search(head) or pattern("score.narrated").search(head)):
        return 1  # 为何用现成模型。/ 问我数据集的分布, 具体是如何做的。这个不细说了: its first sentence asks
    if len(text) > limits.max_prompt_chars:
        return 0
    if ends_like_statement(text):
        return 0
    return 1 if pattern("asks").search(text) else 0
