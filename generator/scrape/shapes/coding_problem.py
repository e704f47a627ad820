"""Coding problems of a written test or a 手撕 round, named on a line of
their own and followed by code (fenced, or flattened by the copy):
`【笔试】第二题：LC 56. 合并区间`, `一面手撕：数组中的第K个最大元素`,
`LC 215. …`, or `算法：最长递增子序列` when the title is a known problem.
The line becomes a `problem`, whatever section it is in; the
code and the sentences on the approach are its answer. The names are
specific enough (a LeetCode number, 第N题：, 手撕：) that no code has to
follow: a write-up may give only the idea.

Lines the walk already reads as questions (numbered, asked, turns) are left
to it.
"""

from __future__ import annotations

from generator.scrape.tagging import PageInfo, Tagged, regex
from generator.scrape.shapes import Shape, names_known_problem, rules

def _titles(text: str) -> list[str]:
    """The problems a line names: one, or several short ones joined by + or
    、 (手撕算法：接雨水+最长上升子序列)."""
    shape = rules("coding_problem")
    for pattern in shape.lines:
        found = regex(pattern).match(text)
        if found:
            title = found.group("title").strip()
            parts = [p for p in regex(shape.several).split(title) if p]
            several = len(parts) > 1 and all(len(p) <= shape.several_max_chars for p in parts)
            return parts if several else [title]
    for pattern in shape.known_lines:
        found = regex(pattern).match(text)
        known = names_known_problem(found.group("title")) if found else ""
        if known:
            return [known]
    return []


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return True


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    out = []
    for item in lines:
        titles = _titles(item.text) if item.tag in ("text", "heading", "item") else []
        out.extend([item.as_("problem", title) for title in titles] or [item])
    return out


SHAPE = Shape("coding_problem", 60, test, run)
