"""Coding problems of a written test or a 手撕 round, named on a line of
their own and followed by code (fenced, or flattened by the copy):
`【笔试】第二题：LC 56. 合并区间`, `一面手撕：数组中的第K个最大元素`,
`LC 215. …`. The line becomes a `problem`, whatever section it is in; the
code and the sentences on the approach are its answer. The names are
specific enough (a LeetCode number, 第N题：, 手撕：) that no code has to
follow: a write-up may give only the idea.

Lines the walk already reads as questions (numbered, asked, turns) are left
to it.
"""

from __future__ import annotations

from generator.scrape.tagging import PageInfo, Tagged, regex
from generator.scrape.shapes import Shape, rules

def _title(text: str) -> str:
    for pattern in rules("coding_problem").lines:
        found = regex(pattern).match(text)
        if found:
            return found.group("title").strip()
    return ""


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return True


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    out = list(lines)
    for i, item in enumerate(lines):
        title = _title(item.text) if item.tag in ("text", "heading", "item") else ""
        if title:
            out[i] = item.as_("problem", title)
    return out


SHAPE = Shape("coding_problem", 60, test, run)
