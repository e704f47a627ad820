"""Dialogues with labels nobody listed (O: / C:, 面: / 答:, Interviewer: /
Me:, a nickname): two labels that start many lines and take turns are the
two speakers. The one whose lines ask is the interviewer; lines under the
other's label, and the unlabelled lines that continue them, are answers.

Known speaker names (面试官, 候选人, 我 …: generator/data/segment.yml,
`speakers`) are tagged as turns by generator.scrape.tagging already; this shape
only reads the labels of pages where those found no dialogue.
"""

from __future__ import annotations

from collections import Counter

from generator.scrape.tagging import PageInfo, Tagged, regex
from generator.text.asking import question_score
from generator.scrape.shapes import Shape, rules

LABELLED = ("text", "numbered", "item", "asked", "heading", "turn")  # what a labelled line may have been tagged


def _label(item: Tagged) -> str:
    """The speaker label a line starts with, lower case; a short note in
    brackets is the label when there is one (小C(C): and C: are one speaker,
    面试官(O): and O: another)."""
    found = regex(rules("speaker_labels").label).match(item.line.text)
    if not found or regex(rules("speaker_labels").not_speakers).match(found.group("label")):
        return ""
    note = found.group("note") or ""
    return (note if note.isascii() and note.isalnum() and len(note) <= 3 else found.group("label")).lower()


def _speakers(lines: list[Tagged]) -> tuple[str, str] | None:
    """(interviewer label, candidate label), or None when the page is no such dialogue."""
    limits = rules("speaker_labels")
    labelled = [(i, _label(t)) for i, t in enumerate(lines) if t.tag in LABELLED and _label(t)]
    counts = Counter(label for _, label in labelled)
    top = [label for label, n in counts.most_common(2) if n >= limits.min_turns]
    if len(top) < 2:
        return None
    sequence = [label for _, label in labelled if label in top]
    turns = sum(1 for a, b in zip(sequence, sequence[1:]) if a != b)
    if turns < limits.min_alternation * (len(sequence) - 1):
        return None
    asks = {label: sum(question_score(lines[i].line.text) for i, l in labelled if l == label) / counts[label]
            for label in top}
    interviewer, candidate = sorted(top, key=lambda label: -asks[label])
    return interviewer, candidate


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return not page.dialogue


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    speakers = _speakers(lines)
    if speakers is None:
        return lines
    roles = dict(zip(speakers, ("interviewer", "candidate")))
    pattern = regex(rules("speaker_labels").label)
    out = []
    for item in lines:
        label = _label(item) if item.tag in LABELLED and item.tag != "turn" else ""
        if label in roles:
            rest = item.line.text[pattern.match(item.line.text).end():].strip()
            out.append(item.as_("turn", rest, role=roles[label], number="", scheme=""))
        else:
            out.append(item)
    return out


SHAPE = Shape("speaker_labels", 110, test, run)
