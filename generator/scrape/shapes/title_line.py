"""The page title repeated as the first line of the body (a Markdown `# `
heading, an HTML `<h1>`, the first line of a copy) is the page's name, not a
question, even when it reads like one (…高频手撕清单): it becomes an aside.
So does a heading there that names the interview (快手大模型二面): it is no
section of the page's questions. (A page without a title of its own takes
its first line for one: a heading such as 一、八股 stays a section.)
A page whose title is its one question is `single_question`'s to make.
"""

from __future__ import annotations

from generator.model import plain
from generator.scrape.tagging import PageInfo, Tagged, regex
from generator.scrape.shapes import Shape, rules

ASKING_TAGS = ("numbered", "asked")


def test(lines: list[Tagged], page: PageInfo) -> bool:
    # a numbered first line (1. 什么是 LoRA？) is the first question of a
    # list, even when a copy without a title made it the page title
    if not lines or not plain(page.title) or lines[0].number:
        return False
    return lines[0].tag in ASKING_TAGS or (
        lines[0].tag == "heading" and bool(regex(rules("title_line").interview_name).search(page.title.lower())))


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    if plain(lines[0].line.text) != plain(page.title):
        return lines
    return [lines[0].as_("aside")] + lines[1:]


SHAPE = Shape("title_line", 120, test, run)
