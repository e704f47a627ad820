"""Coding problems of a written test or a 手撕 round, named on a line of
their own and followed by code (fenced, or flattened by the copy):
`【笔试】第二题：LC 56. 合并区间`, `一面手撕：数组中的第K个最大元素`,
`LC 215. …`, or `算法：最长递增子序列` when the title is a known problem
(or when a line next to it under the same label names one).
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
    、 (手撕算法：接雨水+最长上升子序列, or without a label when one of them is a
    known problem: 跳跃游戏+跳跃游戏的最少步数)."""
    shape = rules("coding_problem")
    for pattern in shape.lines:
        found = regex(pattern).match(text)
        if found:
            title = found.group("title").strip()
            parts = [p for p in regex(shape.several).split(title) if p]
            several = len(parts) > 1 and all(len(p) <= shape.several_max_chars for p in parts)
            return parts if several else [title]
    label, title = _loosely_labelled(text)
    known = names_known_problem(title) if label else ""
    if known:
        return [known]
    parts = [p for p in regex(shape.several).split(text.strip()) if p]
    if len(parts) > 1 and all(len(p) <= shape.several_max_chars and not regex(r"[，,。！!？?：:]").search(p) for p in parts) \
            and any(names_known_problem(p) for p in parts):
        return parts
    return []


def _loosely_labelled(text: str) -> tuple[str, str]:
    """(label, title) of a line with a label too loose to name a problem by
    itself (算法：…, 代码：…), else ("", "")."""
    for pattern in rules("coding_problem").known_lines:
        found = regex(pattern).match(text)
        if found:
            return text[:found.start("title")].strip(), found.group("title").strip()
    return "", ""


def _labelled_alike(lines: list[Tagged]) -> dict[int, str]:
    """Lines in a row under the same loose label (代码:22. 括号生成 / 代码:多头自注意力),
    one of which names a known problem: every one names a problem (index -> title)."""
    labelled = [_loosely_labelled(t.text) if t.tag in ("text", "heading", "item") else ("", "") for t in lines]
    outcome = regex(rules("coding_problem").outcome)
    found: dict[int, str] = {}
    index = 0
    while index < len(lines):
        label = labelled[index][0]
        end = index + 1
        while label and end < len(lines) and labelled[end][0] == label:
            end += 1
        titles = {k: labelled[k][1] for k in range(index, end)}
        if end - index >= 2 and any(names_known_problem(t) for t in titles.values()) \
                and not any(outcome.search(t) for t in titles.values()):
            found.update(titles)
        index = end
    return found


_COUNTS = {"两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count(words: str | None) -> int | None:
    if not words:
        return None
    return int(words) if words.isdigit() else _COUNTS.get(words)


def _problem_set(lines: list[Tagged], index: int) -> list[int]:
    """The indexes of the problems a line announces (代码实操：四道题：, 手撕了两道题：)
    when a list of them follows; the line itself is no question: numbered from 1 (deeper than the line when
    the line is numbered too), or lines that each name a known problem; at
    least two, and no more than the line says."""
    item = lines[index]
    found = regex(rules("coding_problem").problem_set).search(item.text)
    if item.tag not in ("text", "heading", "item", "numbered") or not found:
        return []
    wanted = _count(found.group("count"))
    after = lines[index + 1:index + 1 + (wanted or len(lines))]
    first = after[0] if after else None
    numbered = first is not None and first.tag == "numbered" and first.number == "1" and (
        item.tag != "numbered" or first.indent > item.indent or first.scheme != item.scheme or item.number != "1")

    def listed(n: int, line: Tagged) -> bool:
        """Line n of the list: numbered n + 1 alike, or a known problem's title."""
        if numbered:
            return (line.tag == "numbered" and line.scheme == first.scheme and line.indent == first.indent
                    and line.number == str(n + 1))
        return line.tag in ("text", "item") and bool(names_known_problem(_bare(line.text)))

    count = 0
    for line in after:  # the list in a row from the line after it: stop at the first line of no list
        if not listed(count, line):
            break
        count += 1
    if count < 2 or (wanted is not None and count > wanted):
        return []
    return list(range(index + 1, index + 1 + count))


def _bare(title: str) -> str:
    """A listed problem's title without the list's ; or 。 after it."""
    return title.strip().rstrip("；;。.，,")


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return True


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    out, listed = [], _labelled_alike(lines)
    for index, item in enumerate(lines):
        if index in listed:
            out.append(item.as_("problem", listed.pop(index)))
            continue
        problems = _problem_set(lines, index)
        if problems:
            listed.update((k, _bare(lines[k].text)) for k in problems)
            out.append(item.as_("aside"))  # only announces them: the section goes on, as after a table's header row
            continue
        titles = _titles(item.text) if item.tag in ("text", "heading", "item") else []
        out.extend([item.as_("problem", title) for title in titles] or [item])
    return out


SHAPE = Shape("coding_problem", 60, test, run)
