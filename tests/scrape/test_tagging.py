"""generator.scrape.tagging: every line of a cleaned page gets one role
(heading, numbered, turn, asked, item, text, code, fence) with its nesting,
number and numbering scheme."""

from __future__ import annotations

import pytest

from generator.scrape.tagging import tag
from pages import page_from, page_of


@pytest.mark.parametrize("text", ["一面(60min)", "二面（45min）", "技术二面", "三面(HR 面)", "终面", "HR面", "一面:项目深挖"])
def test_interview_rounds_are_headings(text):
    (tagged,) = tag(page_of(text))
    assert (tagged.tag, tagged.text) == ("heading", text)


@pytest.mark.parametrize("text", ["一面面试官人很好,问了很多项目细节。", "上周二面挂了", "一面是基础，另一面是项目。"])
def test_sentences_starting_with_a_round_are_not_headings(text):
    assert [t.tag for t in tag(page_of(text))] == ["text"]


def test_a_plain_number_is_not_a_question():
    tags = [t.tag for t in tag(page_of("2 <= nums.length <= 100", "0.5 的学习率太大"))]
    assert tags == ["text", "text"]


def test_a_dialogue_page_never_gets_unnumbered_questions():
    tags = [t.tag for t in tag(page_from(
        "面试官：你了解 MoE 吗？\n我：了解。\n\n为什么要这样？\n因为省算力。\n面试官：好。\n我：嗯。\n\n怎么调？\n调学习率。"))]
    assert "asked" not in tags


@pytest.mark.parametrize("text, heading", [
    ("【一面】", "一面"),
    ("[二面]", "二面"),
    ("【笔试】（牛客网，90 分钟 2 道题）", "笔试（牛客网，90 分钟 2 道题）"),
    ("三面 9.19（30min，主管面）", "三面 9.19（30min，主管面）"),
    ("一面 9.10（1h）", "一面 9.10（1h）"),
])
def test_bracketed_rounds_and_rounds_with_notes_are_headings(text, heading):
    (tagged,) = tag(page_of(text))
    assert (tagged.tag, tagged.text) == ("heading", heading)


@pytest.mark.parametrize("text", ["【两数之和】", "【问题3】什么是 GQA", "三面的面试官问了很多，很细。"])
def test_other_bracketed_lines_are_not_headings(text):
    assert [t.tag for t in tag(page_of(text))] != ["heading"]


# --- the block model: nesting, numbers and their schemes ------------------------------


def test_nested_items_keep_their_depth_and_numbers_their_scheme():
    tagged = tag(page_of("1、什么是 LoRA？", "  • 秩 r 怎么选？", "    • 从 8 开始", "2) 为什么有效？"))
    assert [t.indent for t in tagged[1:3]] == [2, 4]  # spaces, two per level
    assert tagged[0].tag == "numbered" and tagged[0].number == "1"
    assert tagged[3].number == "2" and tagged[3].scheme != tagged[0].scheme


def test_a_fence_and_its_code_are_never_questions():
    tags = [t.tag for t in tag(page_of("```python", "def f(x): return x?", "```"))]
    assert "numbered" not in tags and "asked" not in tags and tags[0] == "fence"


def test_an_emoji_answer_lead_in_is_no_heading():
    """✅ 参考答案： under a question leads in its answer; the bullets that
    follow are the answer, and the next question is under no new heading."""
    from generator.model import SourceDocument, SourceMeta
    from evaluate import scrape

    text = ("🔥 分布式训练\n\n1️⃣ ZeRO 的三个阶段各切分什么？\n\n✅ 参考答案：\n\n• 阶段一切分优化器状态\n"
            "• 阶段二再切分梯度\n\n2️⃣ 什么时候该开 offload？\n")
    doc = SourceDocument(id="t", path="t", kind="scraped", format="text", text=text, meta=SourceMeta(title="训练岗面经"))
    qs = scrape(doc)
    assert [(q.text, q.category) for q in qs] == [("ZeRO 的三个阶段各切分什么？", "分布式训练"),
                                                  ("什么时候该开 offload？", "分布式训练")]
    assert [b.text for b in qs[0].answer] == ["阶段一切分优化器状态", "阶段二再切分梯度"]


def test_a_dialogue_written_as_a_list_is_turns():
    tagged = tag(page_from("- 问：GQA 为什么省显存？\n- 答：KV 头变少了。\n- 问：代价呢？\n- 答：效果略降。\n- 注意：别混淆 MQA。"))
    assert [(t.tag, t.role, t.text) for t in tagged] == [
        ("turn", "interviewer", "GQA 为什么省显存？"), ("turn", "candidate", "KV 头变少了。"),
        ("turn", "interviewer", "代价呢？"), ("turn", "candidate", "效果略降。"), ("item", "", "注意：别混淆 MQA。")]


def test_an_emoji_alone_is_no_heading():
    tagged = tag(page_of("1. LayerNorm 的公式写一下？", "💡", "按最后一维求均值和方差。", "🔥 八股"))
    assert [(t.tag, t.text) for t in tagged] == [
        ("numbered", "LayerNorm 的公式写一下？"), ("text", ""), ("text", "按最后一维求均值和方差。"), ("heading", "八股")]


def test_a_stage_that_leads_into_a_question_is_the_question():
    from generator.scrape.tagging import is_stage
    assert is_stage("深挖实习，问得很细") and is_stage("拷打项目")
    assert not is_stage("深挖实习，训练数据是怎么构造的")


@pytest.mark.parametrize("text", ["二面 2020.10.28 远程 1h10min", "PART TWO (ca. 30min)", "Part 3", "第二部分"])
def test_rounds_with_long_notes_and_parts_are_headings(text):
    (tagged,) = tag(page_of(text))
    assert tagged.tag == "heading"


def test_a_part_that_asks_is_no_heading():
    (tagged,) = tag(page_of("第二部分的参数为什么冻结？"))
    assert tagged.tag != "heading"


def test_a_traditional_dialogue_and_its_follow_up_lead():
    tagged = tag(page_from("追問鏈條:\n問 :切塊時表格被切斷怎麼辦？\n答:整張表當一塊。\n問 :重疊設多少？\n答:一到二成。"))
    assert [(t.tag, t.role, t.text) for t in tagged] == [
        ("text", "", "追問鏈條:"), ("turn", "interviewer", "切塊時表格被切斷怎麼辦？"), ("turn", "candidate", "整張表當一塊。"),
        ("turn", "interviewer", "重疊設多少？"), ("turn", "candidate", "一到二成。")]


def test_a_diarys_dated_steps_are_no_numbered_questions():
    tagged = tag(page_of("4.21 投简历", "4.25 一面", "4.26 约二面", "3.3 投机解码的接受率和哪些因素有关"))
    assert [t.number for t in tagged[:3]] == ["", "", ""] and tagged[1].tag == "heading"  # 4.25 一面: a round
    assert (tagged[3].tag, tagged[3].number) == ("numbered", "3.3")  # a section's number, not a date's step
