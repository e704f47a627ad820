"""Signs that a copied page lost part of an answer: a formula gone
("使得微调后的权重为。"), an exponent flattened (10^9 read as 109), lines
run together (输入 … 输出 … 解释 on one line). The rules are data
(generator/data/answers.yml `damage`); the text is left as it is. The reader
sees a note under the answer (site/render.py) and maintainers a list in the
cleaning report (run/build.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator import rules
from generator.model import Block, BlockKind


@dataclass(frozen=True)
class Damaged:
    rule: str  # the rule's name
    note: str  # what the reader is told
    excerpt: str  # the text around the place, for maintainers


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, str, re.Pattern]]:
    return [(r.name, r.note, re.compile(r.pattern)) for r in rules.load("answers.yml").damage]


def damage_in(blocks: tuple[Block, ...]) -> list[Damaged]:
    """The damage found in a scraped answer's paragraphs and items, one per rule
    (the first place it is seen). Code and contributions are not looked at."""
    found: dict[str, Damaged] = {}
    for block in blocks:
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.ITEM):
            continue
        for name, note, pattern in _rules():
            m = pattern.search(block.text)
            if m and name not in found:
                found[name] = Damaged(name, note, block.text[max(0, m.start() - 20):m.end() + 20])
    return list(found.values())
