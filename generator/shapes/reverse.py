"""The candidate's own questions (反问: 组里做什么业务？): not interview
questions, however they are shaped. From a 反问 line (a heading, a label, or
a line that starts with it) to the next heading, every line is an aside:
part of no question, listed in the cleaning report with the other unused
lines. Runs first, so that no other shape makes questions of them.
"""

from __future__ import annotations

from ..tagging import MARKDOWN_MARKS, PageInfo, Tagged, regex
from . import Shape, rules


def _marks(item: Tagged) -> bool:
    """The line starts with a 反问 marker, before or after its number or bullet."""
    marker = regex(rules("reverse")["marker"])
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


SHAPE = Shape("reverse", 100, test, run)
