"""generator/text/numbering.py: the one numbering grammar: how a line is
numbered, and the numbering and labels a wording drops."""

import pytest

from generator.text.numbering import (
    is_lone_marker, labelled_numbering, looks_numbered, number_of, numbering_of, numbers_itself, scheme_of,
    strip_numbering,
)


@pytest.mark.parametrize("line, number, scheme", [
    ("1、什么是 LoRA", "1", "|、|0"),
    ("2.5 KV cache 原理", "2.5", "| |1"),
    ("问题3：RoPE 怎么外推", "3", "问题|：|0"),
    ("【问题3】RoPE 怎么外推", "3", "问题|】|0"),
    ("Q1: what is RAG", "1", "Q|:|0"),
    ("Question 12 — explain MQA", "12", "Question|—|0"),
    ("③ 缺点", "3", "①"),
    ("1\ufe0f\u20e3 自我介绍", "1", "|\ufe0f\u20e3|0"),  # the keycap is the separator
])
def test_a_numbered_line_gives_its_number_and_scheme(line, number, scheme):
    found = numbering_of(line)
    assert found is not None
    assert number_of(found) == number
    assert scheme_of(found) == scheme


@pytest.mark.parametrize("line", [
    "2 <= n <= 10^4",  # a plain number needs a separator
    "8.20 投递 → 8.28 笔试 → 9.03 一面",  # a timeline
    "[3] 参考文献",  # a bare bracketed number is a citation
    "LoRA 的秩怎么选",
])
def test_not_numbering(line):
    assert numbering_of(line) is None


def test_section_numbers_and_lists_look_numbered_but_prose_does_not():
    assert looks_numbered("三、大模型基础")
    assert looks_numbered("  2. 讲讲 DPO")
    assert not looks_numbered("GPT-3.5 是什么")


def test_an_ol_item_numbers_itself_unless_the_number_is_part_of_its_text():
    assert numbers_itself("(1) 什么是 RAG")
    assert numbers_itself("第1题 两数之和")
    assert not numbers_itself("1.5B 模型怎么部署")


def test_a_bullet_may_number_its_question_with_a_word():
    found = labelled_numbering("问题 2：为什么要 LayerNorm")
    assert found is not None and found.group("number") == "2"
    assert labelled_numbering("LayerNorm 的作用") is None


def test_a_lone_marker_is_a_list_mark_alone():
    assert is_lone_marker(" 3. ") and is_lone_marker("•")
    assert not is_lone_marker("3. LoRA")


@pytest.mark.parametrize("raw, stripped", [
    ("2.1 self-attention的计算方式?", "self-attention的计算方式?"),
    ("问题3、self-attention原理", "self-attention原理"),
    ("7、LangChain 如何使用?", "LangChain 如何使用?"),
    ("追问: 它的缺点是什么?", "它的缺点是什么?"),
    ("(2) 什么是RAG", "什么是RAG"),
    ("三、大模型 LangChain", "大模型 LangChain"),
    ("GPT-3.5 是什么", "GPT-3.5 是什么"),
])
def test_strip_numbering(raw, stripped):
    assert strip_numbering(raw) == stripped


@pytest.mark.parametrize("raw, stripped", [
    ("第二个问题就是你这里面我看是查返回的是k条的一个数据,是怎么算的呢?", "你这里面我看是查返回的是k条的一个数据,是怎么算的呢?"),
    ("第三个问题是LoRA的原理?", "LoRA的原理?"),
    ("下一个问题,讲一下RAG的链路", "讲一下RAG的链路"),
    ("下一个问题。为什么要用 RoPE?", "为什么要用 RoPE?"),
    ("最后一个问题就是,你有什么想问的?", "你有什么想问的?"),
    ("然后还有一个问题,就是你这里面的查询用的是embedding吗?", "你这里面的查询用的是embedding吗?"),
    ("首先第一个问题就是你这里面的准入模型是怎么做的?", "你这里面的准入模型是怎么做的?"),
    ("第2个问题:什么是RAG", "什么是RAG"),
    ("第二个问题是不是过拟合?", "是不是过拟合?"),
    ("第三题:两数之和", "两数之和"),
    ("第二个:LoRA 的秩怎么选", "LoRA 的秩怎么选"),
])
def test_an_ordinal_lead_in_is_stripped_whole(raw, stripped):
    assert strip_numbering(raw) == stripped


@pytest.mark.parametrize("text", [
    "第二个 token 的注意力怎么算?",  # "第二个" is part of the question
    "第二个参数是什么意思?",
    "为什么第二个问题更难?",  # not at the start
    "下一个问题",  # a label with nothing after it is left as it is
    "下一个 token 预测的问题是什么?",
    "问题就是模型会过拟合吗?",
    # the noun of a lead-in begins a longer word: no label
    "还有一个问答系统是怎么评估的？",
    "另一个问法是什么",
    "下一个题库怎么建",
    "第3个题解的复杂度？",
])
def test_ordinal_words_inside_a_question_are_kept(text):
    assert strip_numbering(text) == text


