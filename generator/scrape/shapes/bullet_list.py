"""Bullet lists of questions (`- ` `* ` `• ` `+ `, or `<ul>`): the list
decides as a whole. When most items of a list ask something, every item is a
question, fragments without a question mark included (KV cache 原理, 手撕
MHA); when few do, the items are points of an answer and stay items.

A list is the items of one section (between headings) at one indentation;
indented lines without a bullet count as items (an outline copied as text).
In a section that also has numbered or plain question lines, the items must
ask plainly (with a question mark) to count: there they are usually the
points of an answer; but one that asks plainly right between unanswered
questions of the list is one of them (a dash where a number was expected). Under a coding heading (代码, 手撕, 笔试) every item is a
problem.

On a page of sections under headings of one level (a company or a round
each), most of them lists of questions, a section that is only a list of
short items is one more list of questions, though its items name topics
more than they ask (Dropout, FastText 的 sub-word).
"""

from __future__ import annotations

from generator.scrape.tagging import PageInfo, Tagged, markdown_level, regex, rx
from generator.text.asking import QUESTION_MARKS, question_score
from generator.text.asking import pattern as asking_pattern
from generator.scrape.shapes import Shape, rules, under_questions_heading

ASKING_TAGS = ("numbered", "asked", "turn")


def _sections(lines: list[Tagged]) -> list[range]:
    """The lines between headings (the headings themselves in none)."""
    headings = [i for i, t in enumerate(lines) if t.tag == "heading"]
    starts = [0] + [i + 1 for i in headings]
    ends = headings + [len(lines)]
    return [range(a, b) for a, b in zip(starts, ends) if a < b]


def _names_problem(text: str) -> int:
    """1 when the item is the title of a known coding problem (买卖股票的最佳时机)."""
    from generator.merge.dedupe import find_problem  # the catalog of LeetCode problems

    return 1 if len(text) <= 30 and find_problem(text) else 0


def _listed(item: Tagged) -> bool:
    return item.tag == "item" or (item.tag == "text" and item.indent > 0)


def _among_questions(lines: list[Tagged], i: int, section: range) -> bool:
    """An item that asks plainly right after a question of the section's
    list, and before the next one (or the section's end), with no answer
    between: a question written with a dash (or whose line break was lost),
    not a point of an answer."""
    before = lines[i - 1] if i > section.start else None
    after = lines[i + 1] if i + 1 < section.stop else None
    return (_plain_question(lines[i]) and before is not None and before.tag in ASKING_TAGS
            and (after is None or after.tag in ASKING_TAGS or _plain_question(after)))


def _plain_question(line: Tagged) -> bool:
    """A bulleted line that is one question, ending in its question mark."""
    return line.tag == "item" and line.text.rstrip().endswith(tuple(QUESTION_MARKS)) and question_score(line.text) == 2


def _question_list_levels(lines: list[Tagged], sections: list[range]) -> dict[int, int]:
    """Heading level -> how many sections under such headings are lists of questions."""
    counts: dict[int, int] = {}
    for section in sections:
        level = markdown_level(lines[section.start - 1] if section.start else None)
        if level and sum(1 for i in section if lines[i].tag in ASKING_TAGS) >= rules("bullet_list").min_items:
            counts[level] = counts.get(level, 0) + 1
    return counts


def _like_its_peers(lines: list[Tagged], section: range, items: list[int], levels: dict[int, int]) -> bool:
    """A section that is only a list of short items, under a heading of the
    level whose sections are lists of questions (神州泰岳 among 蚂蚁, 微软 …)."""
    limits = rules("bullet_list")
    heading = lines[section.start - 1] if section.start else None
    return (levels.get(markdown_level(heading), 0) >= limits.peer_sections
            and all(_listed(lines[i]) or lines[i].tag == "aside" for i in section if lines[i].indent == 0)
            and all(len(lines[i].text) <= limits.terse_chars and not regex(limits.sentence).search(lines[i].text)
                    for i in items))


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return any(_listed(t) for t in lines)


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    limits = rules("bullet_list")
    out = list(lines)
    sections = _sections(lines)
    levels = _question_list_levels(lines, sections)
    listed = under_questions_heading(lines)
    for section in sections:
        structured = any(lines[i].tag in ASKING_TAGS for i in section)
        heading = lines[section.start - 1] if section.start else None
        coding = heading is not None and bool(rx("problems", "section").search(heading.text))
        groups: dict[int, list[int]] = {}
        for i in section:
            if _listed(lines[i]):
                groups.setdefault(lines[i].indent, []).append(i)
        for indent, items in groups.items():
            scores = [question_score(lines[i].text) or _names_problem(lines[i].text) for i in items]
            asking = sum(1 for s in scores if s >= 1) / len(scores)
            plain = sum(1 for s in scores if s == 2) / len(scores)
            alone = asking == 1 and len(items) == sum(1 for i in section if lines[i].tag != "aside")  # one asking item
            if structured:
                whole = len(items) >= limits.min_items and plain >= limits.min_plain_share
            else:
                whole = (len(items) >= limits.min_items and asking >= limits.min_share) or plain == 1 or alone
            if not structured and indent == 0 and not whole:
                # a list of topics among lists of questions, or under a heading that says it is the questions
                whole = _like_its_peers(lines, section, items, levels) or listed[items[0]]
            if not (whole or coding):  # under a coding heading every item is a problem
                if structured:  # still, an item among unanswered questions is one of them
                    for i in items:
                        if _among_questions(out, i, section):
                            out[i] = lines[i].as_("asked")
                continue
            for number, i in enumerate(items, 1):
                if coding and regex(limits.labels).match(lines[i].text):
                    continue  # 代码实现: a label of the code below
                if asking_pattern("fact_label").match(lines[i].text):
                    continue  # 时长：1h: a fact of the interview, in a list of its questions
                out[i] = lines[i].as_("numbered", number=str(number), scheme=f"•|{indent}")
    return out


SHAPE = Shape("bullet_list", 40, test, run)
