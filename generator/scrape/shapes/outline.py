"""Outlines: a topic line (Transformer, LoRA 相关, 项目) with its questions
nested under it. The topic line is a heading of the questions below it, not
a question, when it asks nothing itself and most of the deeper items under
it ask.

Runs before `bullet_list`, so that a list of topics with questions under
each is not taken for a list of questions.
"""

from __future__ import annotations

from generator.scrape.tagging import PageInfo, Tagged
from generator.text.asking import question_score
from generator.scrape.shapes import Shape, rules


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return any(t.tag in ("item", "text", "numbered") and t.indent > 0 for t in lines)


def _children(lines: list[Tagged], index: int) -> list[Tagged]:
    """The lines nested right under line `index`: the deeper lines after it,
    at the shallowest depth among them. A numbered line whose copy lost the
    indentation (1. 字节跳动, then • items) has as children the items up to
    the next line of its own numbering."""
    parent = lines[index]
    out = []
    for item in lines[index + 1:]:
        if item.indent <= parent.indent or item.tag in ("fence", "code", "heading"):
            break
        out.append(item)
    if not out and parent.tag == "numbered":
        for item in lines[index + 1:]:
            if item.tag == "heading" or (item.tag == "numbered" and item.scheme == parent.scheme):
                break
            out.append(item)
        return [t for t in out if t.tag in ("item", "numbered")]
    depth = min((t.indent for t in out), default=0)
    return [t for t in out if t.indent == depth and t.tag in ("item", "numbered", "text", "asked")]


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    limit = rules("outline").max_topic_chars
    out = list(lines)
    for i, item in enumerate(lines):
        if item.tag not in ("item", "text", "numbered") or len(item.text) > limit or question_score(item.text):
            continue
        children = _children(lines, i)
        if not children:
            continue
        asking = sum(1 for c in children if question_score(c.text) >= 1)
        if asking * 2 > len(children) and (item.indent < children[0].indent or len(children) >= 2):
            out[i] = item.as_("heading")
    return out


SHAPE = Shape("outline", 50, test, run)
