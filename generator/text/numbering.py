"""List numbering, in one place: how a line is numbered (1、 2.5 问题3：
【Q3】 ① Question 3 —), and the numbering and labels a wording drops when
it is shown or compared.

The patterns are data: generator/data/numbering.yml.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from generator import rules
from generator.text.script import either_script


@cache
def pattern(name: str, flags: int = 0) -> re.Pattern:
    """A pattern of numbering.yml, by its key ("line.plain" for a nested one)."""
    value = rules.load("numbering.yml")
    for key in name.split("."):
        value = getattr(value, key)
    return re.compile(either_script(value), flags)


def numbering_of(text: str) -> re.Match | None:
    """How a stripped line is numbered, or None: 【问题3】, ①, Question 3 —,
    1、 2.5 Q1:. Not a timeline (8.20 投递 → 8.28 笔试 → …)."""
    if pattern("timeline").search(text) or (pattern("dated_step").match(text) and not any(m in text for m in "?？")):
        return None  # 4.21 投简历; not 2.2 测评指标有哪些？
    for kind in ("bracketed", "circled", "english"):
        found = pattern(f"line.{kind}").match(text)
        if found:
            return found
    found = pattern("line.plain").match(text)
    if found and not found.group("sep") and "." not in found.group("number"):
        return None  # "2 <= n": a plain number needs a separator, only 2.5 may use a space
    return found


def looks_numbered(text: str) -> bool:
    """Whether a line starts with a list or section number (1、 Q2: 三、)."""
    text = text.strip()
    return bool(numbering_of(text) or pattern("chinese").match(text))


def labelled_numbering(text: str) -> re.Match | None:
    """- 问题 1：…, • Q3: …: the numbering a bullet's text gives its question."""
    return pattern("labelled").match(text)


def number_of(match: re.Match) -> str:
    """The number of a numbering match: ① is "1"."""
    if "circled" in match.re.groupindex:
        return str(ord(match.group("circled")) - 0x245F)
    return match.group("number")


def scheme_of(match: re.Match) -> str:
    """How a line is numbered, to tell one list from another: its prefix,
    separator and depth ("问题|、|0"), or ① for circled numbers."""
    if "circled" in match.re.groupindex:
        return "①"
    depth = match.group("number").count(".")
    return f"{match.group('prefix') or ''}|{(match.group('sep') or ' ').strip() or ' '}|{depth}"


def numbers_itself(text: str) -> bool:
    """Whether the text of an <ol> item carries its own number (1. 、 (1) Q1: 第1题)."""
    return bool(pattern("own_number").match(text))


def is_lone_marker(text: str) -> bool:
    """A list marker alone on its line ("-", "3.")."""
    return bool(pattern("lone_marker").match(text))


def without_trailing_marker(text: str) -> str:
    """A sentence without a list marker the copy left after it (…成本高。 -)."""
    return pattern("trailing_marker").sub("", text)


@cache
def _wording_labels() -> re.Pattern:
    alternatives = "|".join(rules.load("numbering.yml").wording_labels)
    return re.compile(rf"^\s*(?:{alternatives})\s*", re.IGNORECASE)


def strip_numbering(text: str) -> str:
    """Drop list numbering and labels ("2.1 ", "问题3、", "追问:") at the start."""
    while True:
        stripped = _wording_labels().sub("", text, count=1)
        if stripped == text:
            return text.strip()
        text = stripped


def symbol_prefix(text: str) -> int:
    """Length of the emoji and symbols a line starts with (and the spaces
    between them): 📌 3. …, ✅ 回答思路：, # 💡 标题."""
    index = 0
    while index < len(text) and (
        unicodedata.category(text[index]) in ("So", "Sk", "Mn", "Cf") or text[index] in " \ufe0f\u200d"
    ):
        index += 1
    return index
