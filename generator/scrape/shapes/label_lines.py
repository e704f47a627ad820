"""Speaker labels alone on their line, the words on the next: 面试官： /
讲一下 LoRA？ / 我： / LoRA 冻结原权重…, or 面试官提问 1： / 聊一下你的 RAG
项目？ / 我的回答要点： / …. A label and the line after it are one turn of
the dialogue, as if written on one line; the tagging then reads the turn.

A label is a known speaker name (generator/data/segment.yml `speakers`),
maybe with 提问 / 追问 and a number, and a colon; an answer label alone
(我的回答要点：) is read by generator.scrape.segment as an answer's lead-in.
"""

from __future__ import annotations

from generator.model import Line
from generator.scrape.shapes import Shape, rules
from generator.scrape.tagging import PageInfo, Tagged, regex, retag, speaker_names

LABEL_TAGS = ("text", "heading", "numbered", "item")  # how a label alone may have been tagged


def _label(item: Tagged) -> str:
    """The speaker name of a line that is a label alone, else ""."""
    if item.tag not in LABEL_TAGS:
        return ""
    found = regex(rules("label_lines").label).match(item.line.text.strip())
    return found.group("name") if found and found.group("name") in speaker_names() else ""


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return sum(1 for item in lines if _label(item)) >= rules("label_lines").min_labels


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    out: list[Tagged] = []
    index = 0
    while index < len(lines):
        item = lines[index]
        name = _label(item)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if name and following is not None and following.tag in ("text", "asked", "numbered", "item") \
                and not _label(following):
            joined = Line(following.line.number, f"{name}：{following.line.text.strip()}")
            out.extend(retag([joined], page))
            index += 2
            continue
        out.append(item)
        index += 1
    return out


SHAPE = Shape("label_lines", 115, test, run)
