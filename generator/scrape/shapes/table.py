"""A table of questions (a Markdown or HTML table, one row a line with its
cells joined by ` | `): each row is a question, its text the cell of the
question column (headed 题目/问题/Question, else the column whose cells
ask); a column headed 答案/思路/Answer is its answer. Tables inside an
answer (a comparison: 方法 | 优点 | 缺点) ask nothing and stay text.
"""

from __future__ import annotations

import re

from generator.scrape.tagging import PageInfo, Tagged, regex
from generator.text.asking import question_score
from generator.scrape.shapes import Shape, rules

SEPARATOR = " | "


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return sum(1 for t in lines if _is_row(t)) >= rules("table").min_rows


CELL_BORDER = re.compile(r"(?:(?<=\s)|^)\|(?=\s|$)")  # a | with space on both sides (a|b is text)


ROW_TAGS = ("text", "item", "numbered", "asked", "heading")  # what the taggers made of a row


def _cells(item: Tagged) -> list[str]:
    """The cells of a row, as the line has them (the taggers may have taken
    a `- ` or `# ` cell for a marker), empty ones included (a | | c: three)."""
    return [c.strip() for c in CELL_BORDER.split(item.line.text.strip())]


def _is_row(item: Tagged) -> bool:
    return item.tag in ROW_TAGS and SEPARATOR in item.line.text


def _tables(lines: list[Tagged]) -> list[list[int]]:
    """Runs of consecutive rows with the same number of cells. A line of one
    cell between two rows (a round spanning the table: 一面（55 分钟）) stays
    in the run."""
    runs: list[list[int]] = []
    for i, item in enumerate(lines):
        if not _is_row(item):
            continue
        width = len(_cells(item))
        last = runs[-1][-1] if runs else -2
        spanning = last == i - 2 and lines[i - 1].tag in ROW_TAGS and SEPARATOR not in lines[i - 1].line.text
        if runs and (last == i - 1 or spanning) and len(_cells(lines[runs[-1][0]])) == width:
            runs[-1].extend([i - 1, i] if spanning else [i])
        else:
            runs.append([i])
    return runs


def _column(header: list[str], rows: list[list[str]], limits: dict) -> tuple[int | None, int | None, bool]:
    """(question column, answer column, whether the first row is a header)."""
    named = next((c for c, cell in enumerate(header) if regex(limits.question_header).match(cell)), None)
    answer = next((c for c, cell in enumerate(header) if regex(limits.answer_header).match(cell)), None)
    if named is not None:
        return named, answer, True
    best, best_share = None, 0.0
    for c in range(len(header)):
        share = sum(1 for r in rows if question_score(r[c]) >= 1) / len(rows)
        if share > best_share:
            best, best_share = c, share
    if best is not None and best_share >= limits.min_share:
        return best, None, question_score(header[best]) == 0
    return None, None, False


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    limits = rules("table")
    out = list(lines)
    extra: dict[int, Tagged] = {}
    for run_ in _tables(lines):
        rows = [_cells(lines[i]) for i in run_ if _is_row(lines[i])]
        if len(rows) < limits.min_rows:
            continue
        # The share of asking cells counts the first row too: a header and one
        # row whose cell happens to ask (理解任务) is no table of questions.
        column, answer, headed = _column(rows[0], rows, limits)
        if column is None:
            continue
        if headed:
            out[run_[0]] = lines[run_[0]].as_("aside")  # the header row: no question, the section goes on
        for number, i in enumerate(run_[1:] if headed else run_, 1):
            if not _is_row(lines[i]):
                out[i] = lines[i].as_("heading", lines[i].line.text.strip())  # a round spanning the table
                continue
            cells = _cells(lines[i])
            text = re.sub(r"^\[|\]\([^)]*\)$", "", cells[column])  # a linked title: [合并区间](https://…)
            if not text.strip("-—–/ "):
                continue
            out[i] = lines[i].as_("numbered", text, number=str(number), scheme="|table|0")
            if answer is not None and cells[answer]:
                extra[i] = lines[i].as_("text", cells[answer])
    if not extra:
        return out
    result = []
    for i, item in enumerate(out):
        result.append(item)
        if i in extra:
            result.append(extra[i])
    return result


SHAPE = Shape("table", 80, test, run)
