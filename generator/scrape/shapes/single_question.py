"""Single-question articles: the page title is the question (LoRA 中 B 为什么
初始化为 0？) and the whole body is its answer, its own headings and numbered
points included. A title with a question mark makes the page one question
even when the body has a few question-like headings (the answer's sections);
a title that only reads as a prompt (KV cache 原理) does so only when the body
asks nothing. A title that names an interview (…面经, 一面, 题目汇总) is never
a question.
"""

from __future__ import annotations

from generator.model import Line, plain
from generator.scrape.tagging import MARKDOWN_MARKS, PageInfo, Tagged, regex
from generator.text.asking import question_score
from generator.scrape.shapes import Shape, rules

ASKING_TAGS = ("numbered", "asked", "turn")
MAX_SECTIONS = 5  # question-like lines a titled answer may have as its sections



def test(lines: list[Tagged], page: PageInfo) -> bool:
    limits = rules("single_question")
    title = page.title.strip()
    if not title or len(title) > limits.max_chars or regex(rules("title_line").interview_name).search(title.lower()):
        return False
    first = next((t for t in lines if t.tag != "aside" or plain(t.line.text) == plain(title)), None)
    if first is not None and first.tag in ("numbered", "turn") and plain(first.text) in plain(title):
        return False  # the title is the page's first question (1. 什么是 LoRA？), not the page's one question
    score = question_score(title)
    asking = sum(1 for t in lines if t.tag in ASKING_TAGS)
    return (score == 2 and asking <= MAX_SECTIONS) or (score == 1 and asking == 0)


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    title = page.title.strip()
    out = [Tagged(Line(0, title), "asked", title)]
    for item in lines:
        text = MARKDOWN_MARKS.sub("", item.line.text.strip())
        if not out[1:] and plain(text) == plain(title):
            continue  # the title again, as the first line
        if item.tag in ("heading", "numbered", "asked", "turn"):
            out.append(item.as_("text", text))
        else:
            out.append(item)
    return out


SHAPE = Shape("single_question", 10, test, run)
