"""Questions listed one per line with no marker at all (a note pasted as
lines, a Markdown paragraph of soft breaks): a run of consecutive lines, most
of which ask, is a list of questions, every line of it a question; a short
label ending in a colon right before the run (RAG：, 系统设计题：) is its
heading. A label that says its lines are questions (系统设计题：, 八股：)
makes them questions whatever they look like (短链系统). A paragraph of
answer sentences asks nothing and stays text; so does a sentence right
after a question of the run, its answer (HTML paragraphs of questions and
answers, one line each).
"""

from __future__ import annotations

import re

from generator.scrape.tagging import PageInfo, Tagged, regex, rx
from generator.text import asking
from generator.text.asking import question_score
from generator.scrape.shapes import Shape, rules


_WORD = re.compile(r"[A-Za-z\u4e00-\u9fff]")


def _runs(lines: list[Tagged], page_title: str = "") -> list[list[int]]:
    """Runs of text lines with words, on consecutive lines (short ones may be a
    blank line apart), at one indentation."""
    runs: list[list[int]] = []
    for i, item in enumerate(lines):
        previous = lines[i - 1] if i else None
        if item.tag != "text" or not _WORD.search(item.text) or item.text == page_title:  # 2024-11-11 14:00 says no words
            continue
        if previous is not None and previous.line.number == item.line.number:
            continue  # the rest of a line a shape cut (its question's answer)
        # one blank line between short lines still makes a run (a copy that spaces every line
        # apart); not between paragraphs (an answer's)
        gap = item.line.number - previous.line.number if previous is not None else 0
        short = previous is not None and max(len(item.text), len(previous.text)) <= asking.vocabulary().score.max_prompt_chars
        if runs and runs[-1][-1] == i - 1 and (gap == 1 or (gap == 2 and short)) and item.indent == previous.indent:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return not page.dialogue


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    limits = rules("line_list")
    label = regex(limits.label)
    out = list(lines)
    for run_ in _runs(lines, page.title):
        labelled = bool(label.match(lines[run_[0]].text))
        listed = run_[1:] if labelled else run_
        if len(listed) < limits.min_lines:
            continue
        says_so = labelled and bool(asking.pattern("score.question_label").match(lines[run_[0]].text))  # 系统设计题：
        # a sentence right after a question (…512 token 左右。) is its answer, no line of the list
        answers = {i for i in listed if i and question_score(lines[i - 1].text) >= 1
                   and not question_score(lines[i].text) and asking.ends_like_statement(lines[i].text.rstrip())}
        asked = listed if says_so else [i for i in listed if i not in answers]
        asks = sum(1 for i in asked if question_score(lines[i].text) >= 1)
        if not says_so and (asks < 2 or asks < limits.min_share * len(asked)):
            continue
        if labelled:
            out[run_[0]] = lines[run_[0]].as_("heading", lines[run_[0]].text.rstrip("：:").strip())
        for number, i in enumerate(asked, 1):
            out[i] = lines[i].as_("numbered", number=str(number), scheme="|lines|0")
    return out


SHAPE = Shape("line_list", 35, test, run)
