"""A list of questions pasted inside a code fence (```text, ```bash or no
language), as people keep notes: the fence goes and its lines are read as
any other lines. A fence whose lines look like code stays code.
"""

from __future__ import annotations

import re

from generator.scrape.code import looks_like_code
from generator.scrape.tagging import PageInfo, Tagged, regex, retag, rx
from generator.text.asking import question_score
from generator.text.numbering import numbering_of
from generator.scrape.shapes import Shape, rules

CJK = re.compile(r"[\u3400-\u9fff]")


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return any(t.tag == "fence" for t in lines)


def _listed(text: str) -> bool:
    return bool(numbering_of(text) or rx("bullet").match(text) or question_score(text) >= 1)


def _prose(text: str) -> bool:
    """Mostly Chinese characters: a sentence, not a command."""
    return len(CJK.findall(text)) * 2 >= len(text)


def _notes(body: list[Tagged]) -> bool:
    """Whether a fence holds notes: few lines look like code (a `# 项目`
    topic line is no shell comment) and most are listed or ask. One line is
    enough when it asks (a problem statement pasted alone)."""
    limits = rules("fenced_list")
    texts = [t.line.text.strip() for t in body if t.line.text.strip()]
    if not texts:
        return False
    code = [t for t in texts if looks_like_code(t) and not _listed(t) and not regex(limits.topic).match(t)]
    if len(code) * 4 > len(texts):
        return False
    if len(texts) < limits.min_lines:
        return not code and (_listed(texts[0]) or _prose(texts[0]))
    return sum(1 for t in texts if _listed(t)) >= limits.min_share * len(texts)


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    languages = set(rules("fenced_list").languages)
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
