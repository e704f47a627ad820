"""A list of questions pasted inside a code fence (```text, ```bash or no
language), as people keep notes: the fence goes and its lines are read as
any other lines. A fence whose lines look like code stays code.
"""

from __future__ import annotations

from ..code import looks_like_code
from ..tagging import PageInfo, Tagged, _numbering, question_score, retag, rx
from . import Shape, rules


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return any(t.tag == "fence" for t in lines)


def _notes(body: list[Tagged]) -> bool:
    limits = rules("fenced_list")
    texts = [t.line.text.strip() for t in body if t.line.text.strip()]
    if len(texts) < limits["min_lines"]:
        return False
    if sum(1 for t in texts if looks_like_code(t)) * 4 > len(texts):
        return False
    listed = sum(1 for t in texts if _numbering(t) or rx("bullet").match(t) or question_score(t) >= 1)
    return listed >= limits["min_share"] * len(texts)


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    languages = set(rules("fenced_list")["languages"])
    out: list[Tagged] = []
    index = 0
    while index < len(lines):
        item = lines[index]
        if item.tag != "fence":
            out.append(item)
            index += 1
            continue
        end = next((j for j in range(index + 1, len(lines)) if lines[j].tag == "fence"), len(lines))
        body = lines[index + 1:end]
        if item.text in languages and _notes(body):
            out.extend(retag([t.line for t in body], page))  # the fence lines themselves go
        else:
            out.extend(lines[index:end + 1])
        index = end + 1
    return out


SHAPE = Shape("fenced_list", 90, test, run)
