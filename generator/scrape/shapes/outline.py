"""Outlines: a topic line (Transformer, LoRA 相关, 项目) with its questions
nested under it. The topic line is a heading of the questions below it, not
a question, when it asks nothing itself and most of the deeper items under
it ask.

A Markdown heading without a question mark (## 1.2020年招聘, #### 面试流程)
over questions numbered otherwise is their section heading too.

Runs before `bullet_list`, so that a list of topics with questions under
each is not taken for a list of questions.
"""

from __future__ import annotations

import re

from generator.scrape.tagging import PageInfo, Tagged, is_heading_text, markdown_level, regex, rx
from generator.text import asking
from generator.text.asking import question_score
from generator.scrape.shapes import Shape, rules


# A line that ends a sentence (a short answer) or has clauses (先聊实习，然后八股：,
# narration before a list) is text, not the topic of a flat list.
_NOT_A_TOPIC = re.compile(r"[。．.！!；;]$|[，,：:、]")
# A label with a short value or a figure (时长:1h, 岗位：算法) tells a fact, it names no
# topic (对齐问题：SFT & RLHF does).
_FACT = re.compile(r"^[^:：]{1,8}[:：]\s*(?:\S{1,4}|.*\d.*)$")
# A Latin word is as long as a Chinese word of two characters: a topic's length counts it so.
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]*")
# A line that is only a name in brackets (a team, a role: （游戏 AI）).
_BRACKETED = re.compile(r"[(（【\[][^()（）【】\[\]]{1,20}[)）】\]]")
# A section's bare number before its topic: "2 大模型训练流程".
_SECTION_NUMBER = re.compile(r"^\d{1,2}\s+(?=\S)")


def test(lines: list[Tagged], page: PageInfo) -> bool:
    return any(t.tag in ("item", "text", "numbered") and t.indent > 0 or t.tag == "item"
               or t.tag == "numbered" and markdown_level(t) for t in lines) \
        or any(a.tag == "text" and b.tag == "numbered" and b.number == "1" for a, b in zip(lines, lines[1:]))


def _children(lines: list[Tagged], index: int) -> list[Tagged]:
    """The lines nested right under line `index`: the deeper lines after it,
    at the shallowest depth among them. A numbered line whose copy lost the
    indentation (1. 字节跳动, then • items) has as children the items up to
    the next line of its own numbering."""
    parent = lines[index]
    out = []
    for item in lines[index + 1:]:
        if item.tag in ("fence", "code"):
            continue  # an answer's code, nested in the list though the copy put it at the margin
        if item.indent <= parent.indent or item.tag == "heading":
            break
        out.append(item)
    if not out and parent.tag == "numbered":
        for item in lines[index + 1:]:
            # its sibling ends it, though a Markdown mark set it apart (1、… then ###### 2、…？)
            if item.tag == "heading" or (item.tag == "numbered" and item.scheme.lstrip("#") == parent.scheme.lstrip("#")) \
                    or item.indent < parent.indent:  # back out of the list it is in
                break
            out.append(item)
        return [t for t in out if t.tag in ("item", "numbered")]
    if not out and parent.tag in ("text", "asked") and not _NOT_A_TOPIC.search(parent.text):
        # A flat page: a topic line (RAG, Lib, 2 大模型训练流程) right above its bullets.
        for item in lines[index + 1:]:
            if item.tag != "item" or item.indent != parent.indent:
                break
            out.append(item)
        return out
    depth = min((t.indent for t in out), default=0)
    return [t for t in out if t.indent == depth and t.tag in ("item", "numbered", "text", "asked")]


def _over_questions(lines: list[Tagged], index: int) -> bool:
    """Whether a Markdown heading (## 1.2020年招聘, #### 面试流程) has
    questions numbered otherwise under it, deeper headings included, up to
    the next heading of its level or above: at least two, most of those
    lines with a word that asks (介绍下协同过滤。 ends like a sentence)."""
    level = markdown_level(lines[index])
    numbered = asked = 0
    for item in lines[index + 1:]:
        if 0 < markdown_level(item) <= level:
            break
        if item.tag == "numbered" and not markdown_level(item) and item.scheme != lines[index].scheme:
            numbered += 1
            asked += bool(asking.pattern("asks").search(item.text))
    return asked >= 2 and asked * 2 > numbered


def _explains(text: str) -> bool:
    """A long sentence under an item that notes (注意 BN 的均值在哪个维度求，…基于
    Numpy 实现。) or whose first clause asks nothing: the item's explanation,
    though a word in it asks (你清楚 word2vec 吗，大致描述下…。 asks)."""
    text = text.strip()
    if len(text) <= 30 or "。" not in text or any(m in text for m in "?？"):
        return False
    first = re.split(r"[，,。；;]", text, maxsplit=1)[0]
    return bool(regex(rules("outline").explanation).match(text)) or not asking.asks_something(first)


def _length(topic: str) -> int:
    """Transformer Decoder Mask is as long as 解码器掩码."""
    return len(_LATIN_WORD.sub("ww", topic))


def run(lines: list[Tagged], page: PageInfo) -> list[Tagged]:
    limit = rules("outline").max_topic_chars
    out = list(lines)
    position = {id(item): index for index, item in enumerate(lines)}
    for i, item in enumerate(lines):
        if item.tag == "numbered" and markdown_level(item) and question_score(item.text) < 2 \
                and _over_questions(lines, i):
            out[i] = item.as_("heading", number="")  # a section over questions of its own
            continue
        section = _SECTION_NUMBER.match(item.text)
        if item.tag not in ("item", "text", "numbered", "asked") or _length(item.text) > limit \
                or _FACT.search(item.text.strip()):
            continue
        # A line that asks is a topic only as a numbered section (2 大模型训练流程,
        # 1 Transformer 架构原理) over questions of its own, or, when it asks
        # no more than a name does (LoRA 原理, DeepSeek 的优势), as the parent
        # of a nested list every item of which asks.
        score = 2 if item.tag == "asked" else question_score(item.text)
        children = _children(lines, i)
        if not children:
            continue
        nested = item.indent < children[0].indent
        asking = sum(1 for c in children if question_score(c.text) >= 1 and not _explains(c.text))
        if score and not (section and item.tag in ("text", "asked")) \
                and not (score == 1 and nested and asking == len(children)):
            continue
        coding = nested and bool(rx("problems", "section").search(item.text))  # 代码题 over the problems it names
        named = nested and bool(_BRACKETED.fullmatch(item.text.strip()))  # （游戏 AI）: whose questions follow
        most_ask = asking * 2 > len(children) and (nested or len(children) >= 2)
        if coding or named or most_ask:
            out[i] = item.as_("heading", item.text[section.end():] if section else item.text)
            if nested and most_ask and not (coding or named):
                # its questions, though a numbered sibling after them puts them in one section
                # with the answers' points of other topics (which `bullet_list` reads as a whole)
                # with the list as a whole (as `bullet_list` reads a list), all of them: not only those that ask
                for child in children:
                    if child.tag in ("item", "text") and not _explains(child.text):
                        out[position[id(child)]] = child.as_("asked")
    return _over_topics(out, limit)


def _over_topics(lines: list[Tagged], limit: int) -> list[Tagged]:
    """A bullet that names a topic right above a deeper topic heading
    (- 训练与对齐 / - 微调篇 / - LoRA 为什么…？) is a topic heading too; so is a
    line with a heading's words right above a list numbered from 1
    (搜广推最高频八股(一) / 1.评估特征重要性有哪些方法)."""
    out = list(lines)
    for i, item in enumerate(lines[:-1]):
        below = lines[i + 1]
        topic = _length(item.text) <= limit and not question_score(item.text) and not _NOT_A_TOPIC.search(item.text)
        if item.tag == "item" and below.tag == "heading" and below.indent > item.indent and below.text != item.text \
                and topic:
            out[i] = item.as_("heading")
        elif item.tag == "text" and below.tag == "numbered" and below.number == "1" and topic \
                and is_heading_text(item.text):
            out[i] = item.as_("heading")
    return out


SHAPE = Shape("outline", 50, test, run)
