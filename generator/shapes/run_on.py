"""Several questions run together in one line or paragraph, as people jot a
round down: `一面：自我介绍 讲讲 LoRA 为什么 B 初始化为 0 KV cache 怎么省显存`,
`1.xxx 2.xxx 3.xxx` without line breaks, pieces separated by `；` or ` - `,
or questions inside narration (`然后问了 RoPE 怎么外推，又问我 DPO 和 PPO 的区别`).

The line is cut into pieces (inline numbers that count up, else separators,
else narration markers, else spaces before a word that starts a question);
it is taken as several questions only when every piece is short and most of
them ask, so that an answer's sentence with 1. 2. points or `；` stays text.
A label before a colon that heads the run (一面：) becomes its heading.
"""

from __future__ import annotations

import re

from ..tagging import PageInfo, Tagged, is_stage, question_score, regex
from . import Shape, rules

PUNCTUATION = " ，,。.；;、：:"


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return not page.dialogue


def _numbered_pieces(text: str, first: int, limits: dict) -> list[str]:
    """Pieces cut at inline numbers first, first+1, … (at least two numbers
    when the line's own number is not one of them)."""
    cuts, expected = [], first
    for match in regex(limits["inline_number"]).finditer(text):
        if int(match.group("number")) == expected:
            cuts.append(match)
            expected += 1
    if len(cuts) < (2 if first == 1 else 1):
        return []
    pieces = [] if first == 1 else [text[: cuts[0].start()]]
    pieces += [text[m.end(): (cuts[k + 1].start() if k + 1 < len(cuts) else len(text))] for k, m in enumerate(cuts)]
    if first == 1 and text[: cuts[0].start()].strip():
        return []  # words before "1." : not a run of numbered questions
    return pieces


def _narrated(text: str, limits: dict) -> list[str]:
    marks = list(regex(limits["asked_markers"]).finditer(text))
    if len(marks) < 2:
        return []
    return [text[m.end(): (marks[k + 1].start() if k + 1 < len(marks) else len(text))] for k, m in enumerate(marks)]


def _spaced(text: str, limits: dict) -> list[str]:
    """Pieces cut at the spaces before a word that starts a question (讲讲,
    说说, 手撕 …); a space after a question's last word is no cut, since a
    Latin term often follows it (…微调方式 p-tuning v2?)."""
    pieces = re.split(rf"\s+(?=(?:{limits['starters']}))", text)
    return pieces if len(pieces) >= 2 else []


def split(text: str, first: int = 1) -> list[str]:
    """The questions of a run-on line, [] when it is not one."""
    limits = rules("run_on")
    candidates = [
        _numbered_pieces(text, first, limits),
        [] if first != 1 else re.split(limits["separators"], text),
        [] if first != 1 else _narrated(text, limits),
        [] if first != 1 else _spaced(text, limits),
    ]
    for pieces in candidates:
        pieces = [p.strip(PUNCTUATION) for p in pieces]
        pieces = [p for p in pieces if p]
        if len(pieces) < limits["min_pieces"] or any(len(p) > limits["max_piece_chars"] for p in pieces):
            continue
        asking = sum(1 for p in pieces if question_score(p) >= 1 or is_stage(p))
        if asking * 3 >= len(pieces) * 2 and any(question_score(p) >= 1 for p in pieces):
            return pieces
    return []


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    limits = rules("run_on")
    out: list[Tagged] = []
    for item in lines:
        if item.tag not in ("text", "numbered", "heading"):
            out.append(item)
            continue
        text, label = item.text, ""
        if item.tag != "numbered":
            found = regex(limits["label"]).match(text)
            if found and not question_score(found.group("label")):
                label, text = found.group("label").strip(), text[found.end():]
        first = int(item.number) + 1 if item.tag == "numbered" and item.number.isdigit() else 1
        pieces = split(text, first)
        if not pieces:
            out.append(item)
            continue
        if label:
            out.append(item.as_("heading", label, number=""))
        scheme = item.scheme if item.tag == "numbered" else "|run|0"
        start = int(item.number) if item.tag == "numbered" and item.number.isdigit() else 1
        for k, piece in enumerate(pieces):
            out.append(item.as_("numbered", piece, number=str(start + k), scheme=scheme))
    return out


SHAPE = Shape("run_on", 70, test, run)
