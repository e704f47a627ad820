"""Multiple-choice questions of a written test or a question bank: a stem
(对神经网络而言，哪一项对过拟合影响最大。) followed by its options (A 隐藏层
节点数量 / B 学习速率 / …), the answer after them. The stem is the question,
though it may end like a sentence; the options and the answer go into its
answer, as the page gives them. A stem whose options were a picture is the
first line under its heading (Q2 朴素贝叶斯), right above the answer's label.
"""

from __future__ import annotations

from generator.scrape.tagging import PageInfo, Tagged, regex, rx
from generator.text.asking import asks_something
from generator.scrape.shapes import Shape, rules

STEM_TAGS = ("text", "asked")
OPTION_TAGS = ("item", "text", "numbered")


def _options(lines: list[Tagged], start: int) -> int:
    """How many lines from `start` are options lettered A, B, C … in order."""
    option = regex(rules("choice").option)
    count = 0
    for item in lines[start:]:
        found = option.match(item.line.text.strip()) if item.tag in OPTION_TAGS else None
        if not found or found.group("letter") != "ABCDEFGH"[count]:
            break
        count += 1
    return count


def test(lines: list[Tagged], page: PageInfo) -> bool:
    option = regex(rules("choice").option)
    return any(option.match(t.line.text.strip()) for t in lines)


def _answered_below(lines: list[Tagged], index: int) -> bool:
    """The line is the first under a heading (Q2 朴素贝叶斯) and the answer's
    label comes right after it (答案): a stem whose options the copy lost
    (they were a picture)."""
    return (index > 0 and lines[index - 1].tag == "heading" and index + 1 < len(lines)
            and bool(rx("answer_lead_in").match(lines[index + 1].text.strip())))


def _stem(lines: list[Tagged], index: int, options: int) -> bool:
    """A line with options under it is their stem when it asks (哪一项…。, …的是（ ）), or
    when the answer's label follows the options (A … / B … / 答案): not an answer's
    lead-in with its lettered points (主要有三种：/ A … / B …)."""
    shape, after = rules("choice"), index + 1 + options
    labelled = after < len(lines) and bool(rx("answer_lead_in").match(lines[after].text.strip())
                                           or regex(shape.answer_label).match(lines[after].text.strip()))
    return asks_something(lines[index].text) or bool(regex(shape.blank).search(lines[index].text)) or labelled


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    out = list(lines)
    for index, item in enumerate(lines[:-1]):
        options = _options(lines, index + 1)
        if item.tag in STEM_TAGS and ((options >= rules("choice").min_options and _stem(lines, index, options))
                                      or _answered_below(lines, index)):
            out[index] = item.as_("asked")
            option = regex(rules("choice").option)
            for k in range(index + 1, index + 1 + options):  # 1. (A) 28×28×10: an option, no question
                text = lines[k].line.text.strip()
                marker = option.match(text).group("marker") or ""
                out[k] = lines[k].as_("item", text[len(marker):], number="", scheme="")
    return out


SHAPE = Shape("choice", 55, test, run)
