"""Sections that are not the interview, however question-shaped their lines:
the candidate's own questions (反问: 组里做什么业务？), an FAQ about the post,
the references (参考资料: linked article titles that ask). From such a
section's marker (a heading, a label, or a line that starts with it) to the
next heading, every line is an aside: part of no question, listed in the
cleaning report with the other unused lines. Runs before the question
shapes, so that none of them makes questions of these lines.
"""

from __future__ import annotations

from ..tagging import MARKDOWN_MARKS, PageInfo, Tagged, regex
from . import Shape, rules


def _marks(item: Tagged) -> bool:
    """The line starts with an aside marker, before or after its number or bullet."""
    marker = regex(rules("asides")["marker"])
    return bool(marker.match(MARKDOWN_MARKS.sub("", item.line.text.strip())) or marker.match(item.text))


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return any(t.tag not in ("code", "fence") and _marks(t) for t in lines)


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    out, aside = [], False
    for item in lines:
        if item.tag not in ("code", "fence") and _marks(item):
            aside = True
        elif item.tag == "heading":
            aside = False
        out.append(item.as_("aside") if aside else item)
    return out


SHAPE = Shape("asides", 100, test, run)
