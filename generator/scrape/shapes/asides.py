"""Sections that are not the interview, however question-shaped their lines:
the candidate's own questions (反问: 组里做什么业务？), an FAQ about the post,
the references (参考资料: linked article titles that ask), and the entries
of a table of contents (目录) that the page repeats below. From such a
section's marker (a heading, a label, or a line that starts with it) to the
next heading (a numbered one only as a Markdown heading of the marker's
level or above), every line is an aside: part of no question, listed in the
cleaning report with the other unused lines. Runs before the question
shapes, so that none of them makes questions of these lines.
"""

from __future__ import annotations

from generator.model import plain
from generator.scrape.tagging import MARKDOWN_MARKS, PageInfo, Tagged, markdown_level, regex
from generator.scrape.shapes import Shape, rules


def _marks(item: Tagged) -> bool:
    """The line starts with an aside marker, before or after its number or
    bullet; or it is a heading that marks one (## 岗位要求)."""
    marker = regex(rules("asides").marker)
    if item.tag == "heading" and regex(rules("asides").heading_marker).match(item.text.strip()):
        return True
    return bool(marker.match(MARKDOWN_MARKS.sub("", item.line.text.strip())) or marker.match(item.text))


def test(lines: list[Tagged], page: PageInfo) -> bool:
    contents = regex(rules("asides").contents)
    return any(t.tag not in ("code", "fence") and (_marks(t) or contents.match(MARKDOWN_MARKS.sub("", t.line.text.strip())))
               for t in lines)



def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    contents = regex(rules("asides").contents)
    out, aside, toc, level = [], False, False, 0
    for index, item in enumerate(lines):
        if item.tag not in ("code", "fence") and _marks(item):
            aside, toc, level = True, False, markdown_level(item)
        elif item.tag not in ("code", "fence") and contents.match(MARKDOWN_MARKS.sub("", item.line.text.strip())):
            aside, toc = False, True
            out.append(item.as_("aside"))
            continue
        elif item.tag == "heading" and not (toc and _repeated(item, lines[index + 1:])) and _ends(item, level):
            aside = toc = False
        if toc and _repeated(item, lines[index + 1:]):
            out.append(item.as_("aside"))
        else:
            out.append(item.as_("aside") if aside else item)
    return out


def _ends(heading: Tagged, level: int) -> bool:
    """Whether a heading ends an aside that started at a marker of Markdown
    `level` (0: no marks). A numbered one (2. Leetcode, an item of the list
    under 算法刷题 that reads as a heading) does only as a Markdown heading
    of the marker's level or above."""
    return not heading.number or 0 < markdown_level(heading) <= (level or 6)


def _repeated(item: Tagged, below: list[Tagged]) -> bool:
    """The page says this line again below (a contents entry and its section)."""
    wanted = plain(item.text)
    return bool(wanted) and any(plain(t.text) == wanted for t in below)


SHAPE = Shape("asides", 117, test, run)
