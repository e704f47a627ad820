"""Coding problems of a written test or a 手撕 round, named on a line of
their own and followed by code (fenced, or flattened by the copy):
`【笔试】第二题：LC 56. 合并区间`, `一面手撕：数组中的第K个最大元素`,
`LC 215. …`. The line becomes a `problem`, whatever section it is in; the
code and the sentence on the approach before it are its answer.

Lines the walk already reads as questions (numbered, asked, turns) are left
to it.
"""

from __future__ import annotations

from ..tagging import PageInfo, Tagged, regex
from . import Shape, rules

CODE_TAGS = ("code", "fence")


def _title(text: str) -> str:
    for pattern in rules("coding_problem")["lines"]:
        found = regex(pattern).match(text)
        if found:
            return found.group("title").strip()
    return ""


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return any(t.tag in CODE_TAGS for t in lines)


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    within = rules("coding_problem")["code_within"]
    out = list(lines)
    for i, item in enumerate(lines):
        if item.tag not in ("text", "heading", "item"):
            continue
        title = _title(item.text)
        if title and any(t.tag in CODE_TAGS for t in lines[i + 1: i + 1 + within]):
            out[i] = item.as_("problem", title)
    return out


SHAPE = Shape("coding_problem", 60, test, run)
