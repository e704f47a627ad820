"""The page title repeated as the first line of the body (a Markdown `# `
heading, an HTML `<h1>`, the first line of a copy) is the page's name, not a
question, even when it reads like one (…高频手撕清单): it becomes an aside.
A page whose title is its one question is `single_question`'s to make.
"""

from __future__ import annotations

from generator.model import plain
from generator.scrape.tagging import PageInfo, Tagged
from generator.scrape.shapes import Shape

ASKING_TAGS = ("numbered", "asked")



def test(lines: list[Tagged], page: PageInfo) -> bool:
    # a numbered first line (1. 什么是 LoRA？) is the first question of a
    # list, even when a copy without a title made it the page title
    return bool(lines) and bool(plain(page.title)) and lines[0].tag in ASKING_TAGS and not lines[0].number


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    if plain(lines[0].line.text) != plain(page.title):
        return lines
    return [lines[0].as_("aside")] + lines[1:]


SHAPE = Shape("title_line", 120, test, run)
