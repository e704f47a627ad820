"""generator.segment: questions out of cleaned pages.

Golden files: tests/golden/<name>.txt|.html (a page in) and
tests/golden/<name>.expected.json (the questions out). After a deliberate
change, regenerate them with

    REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_segment.py

and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.clean import clean
from generator.extract import extract
from generator.models import Line, Page, Question, SourceDocument
from generator.segment import asking_part, segment, split_inline, tag

GOLDEN = Path(__file__).parent / "golden"
ANSWER_CHARS = 30  # how much of each answer block the golden files pin


def scrape(text: str, fmt: str = "text") -> list[Question]:
    doc = SourceDocument(id="t", path="t", kind="scraped", format=fmt, text=text)
    return segment(clean(extract(doc)))


def summary(questions: list[Question]) -> list[dict]:
    return [
        {
            "position": q.position,
            "line": q.line,
            "text": q.text,
            "category": q.category,
            "kind": q.kind,
            "parent": q.parent,
            "answer": [
                {"kind": b.kind, "language": b.language, "note": b.note, "start": b.text[:ANSWER_CHARS]}
                for b in q.answer
            ],
        }
        for q in questions
    ]


def check_golden(source: Path) -> None:
    """Compare the questions of `source` with its .expected.json; rewrite the
    file instead when REGENERATE_GOLDEN is set."""
    expected_path = source.with_suffix(".expected.json")
    fmt = "html" if source.suffix == ".html" else "text"
    got = summary(scrape(source.read_text(encoding="utf-8"), fmt))
    if os.environ.get("REGENERATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert expected_path.exists(), f"no {expected_path.name}; run with REGENERATE_GOLDEN=1"
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "source", sorted(p for p in GOLDEN.iterdir() if p.suffix in (".txt", ".html")), ids=lambda p: p.name
)
def test_golden(source):
    check_golden(source)


def page_of(*lines: str) -> Page:
    doc = SourceDocument(id="t", path="t", kind="scraped", format="text", text="\n".join(lines))
    return Page(source=doc, title="", lines=tuple(Line(i, t) for i, t in enumerate(lines, 1)))


# --- numbered questions -------------------------------------------------------------


@pytest.mark.parametrize("text, question, answer", [
    ("LoRA原理", "LoRA原理", ""),
    ("目前主流的开源框架有哪些 PyTorch 和 JAX 都很常用，前者生态更好。", "目前主流的开源框架有哪些", "PyTorch 和 JAX 都很常用，前者生态更好。"),
    ("幻觉是什么?怎么缓解?幻觉指生成不真实的内容。可以用检索增强。", "幻觉是什么?怎么缓解?", "幻觉指生成不真实的内容。可以用检索增强。"),
    ("大模型结构有哪些？ Decoder-only 最常见。", "大模型结构有哪些？", "Decoder-only 最常见。"),
])
def test_split_inline(text, question, answer):
    assert split_inline(text) == (question, answer)


def test_numbered_formats_and_positions():
    qs = segment(page_of("1、什么是 BERT?", "2. 什么是 GPT?", "问题3、什么是 T5?", "Q4: 什么是 LLaMA?"))
    assert [q.text for q in qs] == ["什么是 BERT?", "什么是 GPT?", "什么是 T5?", "什么是 LLaMA?"]
    assert [q.position for q in qs] == [0, 1, 2, 3]


def test_numbered_steps_inside_an_answer_are_items():
    qs = segment(page_of("1、如何缓解过拟合?", "常见做法：", "1. 数据增强", "2. 正则化", "2、什么是早停?"))
    assert [q.text for q in qs] == ["如何缓解过拟合?", "什么是早停?"]
    assert [b.kind for b in qs[0].answer] == ["paragraph", "item", "item"]


def test_headings_from_words_numerals_emoji_and_structure():
    qs = segment(page_of(
        "一、基础篇", "1、什么是注意力?",
        "2. 技术问题", "2.1 RAG 相关面试题", "1. RAG 的流程是什么?", "2.2 为什么要分块?",
        "🚀 第二轮面试:项目深挖", "面试官:讲讲你的项目?",
    ))
    assert [(q.text, q.category) for q in qs] == [
        ("什么是注意力?", "基础篇"),
        ("RAG 的流程是什么?", "RAG 相关面试题"),
        ("为什么要分块?", "技术问题"),  # 2.2 sits under heading 2
        ("讲讲你的项目?", "第二轮面试:项目深挖"),
    ]


def test_a_plain_number_is_not_a_question():
    tags = [t.tag for t in tag(page_of("2 <= nums.length <= 100", "0.5 的学习率太大"))]
    assert tags == ["text", "text"]


# --- dialogue -----------------------------------------------------------------------------


def test_asking_part_drops_filler_and_remarks():
    assert asking_part("嗯，好的。那你讲一下什么是 KV Cache？") == "那你讲一下什么是 KV Cache？"
    assert asking_part("没关系，我们看下一个问题。你了解 MoE 吗？") == "你了解 MoE 吗？"
    assert asking_part("好的，今天的面试就到这里，后续 HR 会联系你。") == ""
    assert asking_part("行，你还有什么想问我的吗？") == ""


def test_asking_part_cuts_a_long_lecture_to_its_question_only_when_it_names_a_topic():
    lecture = ("这个其实现在业内比较前沿的一些大模型基本都换成了相对位置编码了啊,现在还在用绝对位置编码的模型已经很少了啊,"
               "像旋转位置编码这种方式基本是标配了啊,你用过 vLLM 吗?")
    assert asking_part(lecture) == "你用过 vLLM 吗?"
    vague = "那价值迭代和策略迭代这两种强化学习里面非常经典的算法啊就是我们经常会拿来对比的那两种啊,有什么区别。"
    assert asking_part(vague) == vague


def test_dialogue_turns_questions_answers_and_followups():
    qs = segment(page_of(
        "面试官：你了解 MoE 吗？",
        "候选人：了解，MoE 用门控网络把 token 分给少数专家。",
        "面试官：那专家负载不均衡怎么处理？",
        "候选人：加一个负载均衡损失。",
        "追问：这个损失的权重怎么定？",
        "候选人：一般 0.01 左右，调参确定。",
        "面试官：它有什么缺点？",
        "候选人：训练不稳定。",
        "面试官：你了解 FlashAttention 吗？",
        "候选人：它按块计算注意力，减少显存读写。",
        "面试官：今天就到这里，面试到这就结束了。",
        "候选人：谢谢。",
    ))
    assert [(q.text, q.kind, q.parent) for q in qs] == [
        ("你了解 MoE 吗？", "question", None),
        # names its own topic: a question a reader can look up by itself
        ("那专家负载不均衡怎么处理？", "question", None),
        ("这个损失的权重怎么定？", "followup", 1),  # points back (这个)
        ("它有什么缺点？", "followup", 1),  # points back (它), no topic of its own
        ("你了解 FlashAttention 吗？", "question", None),
    ]
    assert [b.text for b in qs[0].answer] == ["了解，MoE 用门控网络把 token 分给少数专家。"]
    assert qs[4].answer[-1].text == "它按块计算注意力，减少显存读写。"  # the goodbye is nobody's answer


def test_speakers_without_colon_only_on_dialogue_pages():
    not_dialogue = segment(page_of("1、你做过什么项目?", "我觉得最有意思的是 RAG 项目。"))
    assert [b.text for b in not_dialogue[0].answer] == ["我觉得最有意思的是 RAG 项目。"]
    dialogue = segment(page_of("面试官 你好，介绍一下 LoRA？", "应聘者 低秩分解。", "面试官 说说 QLoRA？", "应聘者 量化加 LoRA。"))
    assert [q.text for q in dialogue] == ["介绍一下 LoRA？", "说说 QLoRA？"]


def test_dialogue_question_is_a_substring_of_its_cleaned_line():
    page = clean(page_of("面试官：“嗯，OK。那你讲讲 Transformer 的结构吧？”", "程序员：“编码器和解码器。”", "面试官:好。", "程序员:嗯"))
    qs = segment(page)
    assert len(qs) == 1
    assert qs[0].text in page.lines[0].text


def test_candidate_asking_back_makes_the_next_turn_a_followup():
    qs = segment(page_of(
        "面试官：你们的召回率是怎么算的？", "应聘者：您是指哪一个指标？",
        "面试官：就是你简历上写的 95% 那个。", "应聘者：是 top-10 的召回率。",
    ))
    assert [(q.kind, q.parent) for q in qs] == [("question", None), ("followup", 0)]


# --- coding problems ------------------------------------------------------------------------


def test_problem_from_a_bracketed_name_keeps_statement_examples_and_code():
    qs = segment(clean(page_of(
        "3. 算法题",
        "类似 【两数相加】",
        "给你两个非空链表，表示两个非负整数，请把它们相加。",
        "示例 1:",
        "输入:l1 = [2,4,3], l2 = [5,6,4] 输出:[7,0,8]",
        "提示:",
        "每个链表中的节点数在范围 [1, 100] 内",
        "def addTwoNumbers(l1, l2):",
        "    return l1",
    )))
    assert [(q.text, q.kind, q.category) for q in qs] == [("两数相加", "problem", "算法题")]
    assert [b.kind for b in qs[0].answer] == ["paragraph"] * 5 + ["code"]


def test_numbered_code_question_is_a_problem_named_after_the_colon():
    qs = segment(page_of("问题3、代码题：二叉树的层序遍历", "def levelOrder(root):", "    return []"))
    assert (qs[0].text, qs[0].kind) == ("二叉树的层序遍历", "problem")
    assert qs[0].answer[0].kind == "code" and qs[0].answer[0].language == "python"


# --- Markdown heading marks (copied posts, and HTML <h2>..<h6>) --------------------------------


def test_markdown_heading_marks_decide_by_what_follows():
    qs = segment(page_of(
        "## 一、Transformer 基础",
        "### 1. Multi-Head Attention 的作用",
        "多个头关注不同的表示子空间。",
        "### 为什么用 LayerNorm？",
        "稳定训练。",
        "## 小结",
        "以上就是本次面试的全部内容。",
    ))
    assert [(q.text, q.category) for q in qs] == [
        ("Multi-Head Attention 的作用", "Transformer 基础"),
        ("为什么用 LayerNorm？", "Transformer 基础"),
    ]
    assert [b.text for b in qs[1].answer] == ["稳定训练。"]


def test_html_question_headings_without_numbers():
    html = (
        "<html><body><article><h2>基础知识</h2>"
        "<h3>什么是 RoPE？</h3><p>把位置编码成旋转角度，作用在 query 和 key 上。</p>"
        "<h3>为什么大模型推理慢？</h3><p>自回归解码，且受显存带宽限制。</p>"
        "</article></body></html>"
    )
    qs = scrape(html, "html")
    assert [(q.text, q.category, q.answer[0].text[:5]) for q in qs] == [
        ("什么是 RoPE？", "基础知识", "把位置编码"),
        ("为什么大模型推理慢？", "基础知识", "自回归解码"),
    ]
