"""generator.scrape.segment: questions out of cleaned pages.

Golden files: tests/golden/<name>.txt|.html (a page in) and
tests/golden/<name>.expected.json (the questions out). After a deliberate
change, regenerate them with

    REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/scrape/test_segment.py

and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.scrape.clean import clean
from generator.scrape.extract import extract
from generator.model import Question, SourceDocument
from generator.scrape.segment import asking_part, segment, segment_page, split_inline
from pages import page_from, page_of
from sitebuild import TESTS

GOLDEN = TESTS / "golden"
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


# --- numbered questions -------------------------------------------------------------


@pytest.mark.parametrize("text, question, answer", [
    ("LoRA原理", "LoRA原理", ""),
    ("目前主流的开源框架有哪些 PyTorch 和 JAX 都很常用，前者生态更好。", "目前主流的开源框架有哪些", "PyTorch 和 JAX 都很常用，前者生态更好。"),
    ("幻觉是什么?怎么缓解?幻觉指生成不真实的内容。可以用检索增强。", "幻觉是什么?怎么缓解?", "幻觉指生成不真实的内容。可以用检索增强。"),
    ("大模型结构有哪些？ Decoder-only 最常见。", "大模型结构有哪些？", "Decoder-only 最常见。"),
    # an asking verb alone is no question yet: what it asks about follows
    ("了解 PagedAttention 吗, 它和连续批处理是什么关系", "了解 PagedAttention 吗, 它和连续批处理是什么关系", ""),
    # a short request after the question mark asks on
    ("量化之后精度掉了怎么排查？具体说说。", "量化之后精度掉了怎么排查？具体说说。", ""),
    ("微调方法会哪些？简单讲讲原理(比如LoRA)", "微调方法会哪些？简单讲讲原理(比如LoRA)", ""),
    ("了解 vLLM 吗?讲讲它的调度。", "了解 vLLM 吗?讲讲它的调度。", ""),
    ("MQA 是什么?手写实现下多查询注意力。", "MQA 是什么?手写实现下多查询注意力。", ""),
    ("什么是算子融合?举例说明其作用。", "什么是算子融合?举例说明其作用。", ""),
    ("pre-norm 和 post-norm 的区别?进一步,为什么大模型多用 pre-norm。", "pre-norm 和 post-norm 的区别?进一步,为什么大模型多用 pre-norm。", ""),
    ("长上下文怎么实现？以某个开源模型为例说明做法(提示:位置插值、稀疏注意力);", "长上下文怎么实现？以某个开源模型为例说明做法(提示:位置插值、稀疏注意力);", ""),
    # a sentence that answers stays the answer
    ("了解 vLLM 吗?它用分页管理 KV cache。", "了解 vLLM 吗?", "它用分页管理 KV cache。"),
    # a full stop before the question mark is still the question's end
    ("说说 beam search 的剪枝，挑一种讲。？ 一般按累计概率保留前 k 个。", "说说 beam search 的剪枝，挑一种讲。？", "一般按累计概率保留前 k 个。"),
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


def answers(q: Question) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in q.answer]


def test_numbered_points_in_the_questions_own_numbering_stay_in_the_answer():
    qs = segment(page_of(
        "1. Pre-LN 和 Post-LN 有什么区别?",
        "主要区别:",
        "1. Pre-LN 梯度更平稳,不需要 warmup;",
        "2. Post-LN 深层容易梯度消失;",
        "3. 现在主流大模型都用 Pre-LN 或 RMSNorm。",
        "2. 讲一下 KV cache",
        "缓存之前 token 的 K 和 V。",
    ))
    assert [q.text for q in qs] == ["Pre-LN 和 Post-LN 有什么区别?", "讲一下 KV cache"]
    assert answers(qs[0]) == [
        ("paragraph", "主要区别:"),
        ("item", "1. Pre-LN 梯度更平稳,不需要 warmup;"),
        ("item", "2. Post-LN 深层容易梯度消失;"),
        ("item", "3. 现在主流大模型都用 Pre-LN 或 RMSNorm。"),
    ]
    assert answers(qs[1]) == [("paragraph", "缓存之前 token 的 K 和 V。")]


def test_numbered_questions_without_question_mark_still_follow_points():
    qs = segment(page_of(
        "1. 多头注意力的好处?",
        "好处有三点",
        "1. 每个头关注不同子空间",  # restarts and states: a point, even without a colon
        "2. 表达能力更强",  # continues the points and the questions alike, but 2 comes again below
        "3. 计算可以并行",
        "2. 讲一下 KV cache",  # breaks the points (3 -> 2) and asks
        "3. LoRA 原理",  # next question, asks by 原理
        "冻结原权重，只训练低秩矩阵。",
        "1. 数据增强怎么做",  # restarts, but asks and no lead-in colon: a question
        "4. Transformer 结构",
    ))
    assert [q.text for q in qs] == [
        "多头注意力的好处?", "讲一下 KV cache", "LoRA 原理", "数据增强怎么做", "Transformer 结构",
    ]
    assert [b.text for b in qs[0].answer] == ["好处有三点", "1. 每个头关注不同子空间", "2. 表达能力更强", "3. 计算可以并行"]
    assert answers(qs[2]) == [("paragraph", "冻结原权重，只训练低秩矩阵。")]


def test_a_point_that_would_be_the_next_question_needs_more_than_its_number():
    # "2. 正则化" continues both the points and the questions; it has no
    # sentence end, and no later "2." follows: it is question 2
    qs = segment(page_of("1. 如何缓解过拟合?", "常见做法", "1. 数据增强", "2. 正则化", "3. 什么是早停?"))
    assert [q.text for q in qs] == ["如何缓解过拟合?", "正则化", "什么是早停?"]
    assert answers(qs[0]) == [("paragraph", "常见做法"), ("item", "1. 数据增强")]


def test_a_lead_in_colon_starts_points_that_use_intent_words():
    qs = segment(page_of(
        "3. LoRA 有什么优点?",
        "优点如下：",
        "1. 模型的理解能力基本不受影响",  # 理解 is an intent word; the colon above makes it a point
        "2. 显存占用小",
        "4. QLoRA 是什么",
    ))
    assert [q.text for q in qs] == ["LoRA 有什么优点?", "QLoRA 是什么"]
    assert answers(qs[0]) == [("paragraph", "优点如下："), ("item", "1. 模型的理解能力基本不受影响"), ("item", "2. 显存占用小")]


def test_text_under_a_round_heading_before_any_question_is_nobodys_answer():
    qs = segment(page_of(
        "技术二面",
        "1. LoRA 原理",
        "低秩分解。",
        "三面(HR 面)",
        "聊了聊职业规划和期望薪资。",
    ))
    assert [(q.text, q.category) for q in qs] == [("LoRA 原理", "技术二面")]
    assert answers(qs[0]) == [("paragraph", "低秩分解。")]


def test_bracketed_question_labels():
    qs = segment(page_of(
        "1. 讲一下 KV cache",
        "缓存 K 和 V。",
        "【问题3】SFT 的 loss 只算 answer 部分吗？",
        "一般只算 answer。",
        "【Q4】介绍一下 GQA",  # numbered otherwise than question 3, and no ?: still a question
        "多个 query 头共享 K 和 V。",
        "[问题5] 长文本外推有哪些方法",
        "[3] 参考文献里的一篇论文",  # a bare [3] is a citation
    ))
    assert [q.text for q in qs] == ["讲一下 KV cache", "SFT 的 loss 只算 answer 部分吗？", "介绍一下 GQA", "长文本外推有哪些方法"]
    assert answers(qs[0]) == [("paragraph", "缓存 K 和 V。")]
    assert answers(qs[1]) == [("paragraph", "一般只算 answer。")]
    assert answers(qs[3]) == [("paragraph", "[3] 参考文献里的一篇论文")]


def test_rounds_points_and_labels_in_a_whole_write_up():
    qs = scrape((GOLDEN / "rounds_and_points.txt").read_text(encoding="utf-8"))
    assert [(q.category, q.text) for q in qs] == [
        ("一面(60min)", "Pre-LN 和 Post-LN 有什么区别?"),
        ("一面(60min)", "讲一下 KV cache"),
        ("一面(60min)", "LoRA 原理"),
        ("一面(60min)", "SFT 的 loss 只算 answer 部分吗？"),
        ("二面(45min)", "为什么大模型都是 Decoder-only？"),
        ("二面(45min)", "MoE 的负载均衡怎么做"),
        ("二面(45min)", "介绍一下 GQA"),
        ("技术二面", "长文本外推有哪些方法？"),
    ]
    assert [b.kind for b in qs[0].answer] == ["paragraph", "item", "item", "item"]
    assert answers(qs[5]) == [("paragraph", "常见做法："), ("item", "1. 加辅助损失;"), ("item", "2. 给每个专家设容量上限;")]
    assert answers(qs[7]) == [("paragraph", "位置插值、NTK-aware 缩放、YaRN。")]  # the HR round answers nothing
    every_block = [b.text for q in qs for b in q.answer]
    assert not any("职业规划" in t or "等通知" in t for t in every_block)


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


def test_question_and_answer_labels_with_a_colon_or_in_brackets_take_turns():
    labelled = ("问题：为什么要对注意力分数做缩放？", "回答：点积方差随维度增大，softmax 会饱和。",
                "问题：Pre-LN 和 Post-LN 哪个更稳？", "回答：Pre-LN，梯度更平稳。",
                "追问：那为什么有的模型还用 Post-LN？", "回答：调好了效果可能更好。")
    bracketed = ("【问题】为什么要对注意力分数做缩放？", "【回答】点积方差随维度增大，softmax 会饱和。",
                 "【问题】Pre-LN 和 Post-LN 哪个更稳？", "[答] Pre-LN，梯度更平稳。",
                 "【追问】那为什么有的模型还用 Post-LN？", "【我】调好了效果可能更好。")
    for lines in (labelled, bracketed):
        qs = segment(page_of(*lines))
        assert [(q.text, q.kind) for q in qs] == [("为什么要对注意力分数做缩放？", "question"),
                                                  ("Pre-LN 和 Post-LN 哪个更稳？", "question"),
                                                  ("那为什么有的模型还用 Post-LN？", "followup")], lines
        assert [answers(q) for q in qs] == [[("paragraph", "点积方差随维度增大，softmax 会饱和。")],
                                            [("paragraph", "Pre-LN，梯度更平稳。")],
                                            [("paragraph", "调好了效果可能更好。")]]


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


# --- what is used, and what is not --------------------------------------------------------------


def test_segment_page_lists_the_lines_no_question_uses():
    result = segment_page(page_of(
        "上周面了某厂，记录一下。",  # before the first question
        "一面",
        "1. 讲一下 KV cache",
        "缓存 K 和 V。",
        "```python",
        "kv = {}",
        "```",
        "二面",  # a round with no question in it
        "聊了聊人生。",
    ))
    assert [q.text for q in result.questions] == ["讲一下 KV cache"]
    assert [(l.number, l.text) for l in result.unused] == [(1, "上周面了某厂，记录一下。"), (8, "二面"), (9, "聊了聊人生。")]


def test_a_turn_that_closes_a_question_and_what_follows_it_are_unused():
    result = segment_page(page_of(
        "面试官：你了解 MoE 吗？",
        "候选人：了解，用门控把 token 分给专家。",
        "面试官：好的，今天的面试就到这里。",
        "候选人：谢谢。",
        "def f():",
        "    return 1",
    ))
    assert [q.text for q in result.questions] == ["你了解 MoE 吗？"]
    assert [l.number for l in result.unused] == [3, 4, 5, 6]


# --- coding requests -------------------------------------------------------------------------


def test_a_coding_request_in_a_dialogue_is_a_problem_holding_the_code():
    qs = segment(page_of(
        "面试官：你了解 GQA 吗？",
        "我：多个 query 头共享一组 K 和 V。",
        "面试官：没问题。最后写道题吧，二叉树的层序遍历，用队列写。",
        "我：（先讲了思路再写）",
        "def levelOrder(root):",
        "    queue = [root]",
        "    return queue",
        "面试官：行，你还有什么想问我的吗？",
    ))
    assert [(q.text, q.kind) for q in qs] == [("你了解 GQA 吗？", "question"), ("二叉树的层序遍历，用队列写", "problem")]
    assert [b.kind for b in qs[1].answer] == ["paragraph", "code"]
    assert qs[1].answer[1].text.startswith("def levelOrder(root):")


@pytest.mark.parametrize("line, kind", [
    ("3. 写一个 LRU 缓存。", "problem"),
    ("3. 实现一下 multi-head attention", "problem"),
    ("3. 手撕一个 softmax", "problem"),
    ("3. 推一下 attention 的复杂度", "question"),
])
def test_requests_to_write_or_derive_ask(line, kind):
    qs = segment(page_of("1. 什么是 RoPE?", "旋转位置编码。", "2. 什么是 ALiBi?", "线性偏置。", line, "答案在这里。"))
    assert [(q.text, q.kind) for q in qs][2] == (line[3:].rstrip("。"), kind)
    assert answers(qs[2]) == [("paragraph", "答案在这里。")]


@pytest.mark.parametrize("turn", ["写一个 LRU 缓存。", "实现一下 multi-head attention", "手撕一个 softmax", "推一下 attention 的复杂度"])
def test_requests_are_asking_turns(turn):
    assert asking_part(turn) == turn


# --- questions without a number -----------------------------------------------------------------


def test_standalone_question_lines_without_numbers_open_questions():
    qs = segment(page_from(
        "微调面试题整理\n\n"
        "什么是 Prefix-Tuning？\n在每层的 K、V 前拼接可学习的前缀向量。\n\n"
        "为什么 LoRA 只加在注意力层？\n注意力层的参数最多，效果和成本最平衡。\n还有人也加在 FFN 上。\n\n"
        "Adapter 的缺点是什么\n推理时多了串行的层，延迟变大。"
    ))
    assert [(q.text, q.line) for q in qs] == [
        ("什么是 Prefix-Tuning？", 3), ("为什么 LoRA 只加在注意力层？", 6), ("Adapter 的缺点是什么", 10),
    ]
    assert answers(qs[1]) == [("paragraph", "注意力层的参数最多，效果和成本最平衡。"), ("paragraph", "还有人也加在 FFN 上。")]


def test_a_rhetorical_question_inside_an_answer_does_not_split_it():
    numbered = segment(page_from(
        "1. 为什么要用 RMSNorm？\n它去掉了减均值。\n\n为什么能去掉？\n实验发现均值的作用不大。\n\n2. 什么是 SwiGLU？\n门控的 FFN。"
    ))
    assert [q.text for q in numbered] == ["为什么要用 RMSNorm？", "什么是 SwiGLU？"]
    assert [b.text for b in numbered[0].answer] == ["它去掉了减均值。", "为什么能去掉？", "实验发现均值的作用不大。"]
    # no other question structure, but only one such line: not the page's structure
    prose = segment_page(page_from("今天聊聊归一化。\n\n为什么能去掉均值？\n实验发现均值的作用不大。"))
    assert prose.questions == ()
    # not standalone (no blank line before): part of the paragraph around it
    joined = segment(page_from("什么是 MoE？\n门控选专家。\n那为什么要选专家？\n省算力。\n\n什么是 MTP？\n一次预测多个 token。"))
    assert [q.text for q in joined] == ["什么是 MoE？", "什么是 MTP？"]


# --- headings ---------------------------------------------------------------------------------


def test_short_topic_lines_between_question_groups_are_headings():
    qs = segment(page_from(
        "整理如下。\n\nTransformer 基础\n\n1. 为什么要除以根号 d？\n防止 softmax 饱和。\n\n"
        "训练与对齐\n\n2. DPO 的 loss 是什么？\n偏好对的对数比。\n\n"
        "3. 多头的好处?\n好处有三点\n\n表达更强\n\n1. 每个头关注不同子空间"
    ))
    assert [(q.category, q.text) for q in qs] == [
        ("Transformer 基础", "为什么要除以根号 d？"), ("训练与对齐", "DPO 的 loss 是什么？"), ("训练与对齐", "多头的好处?"),
    ]
    # "表达更强" comes before a point that does not ask: answer text, not a heading
    assert [b.text for b in qs[2].answer] == ["好处有三点", "表达更强", "1. 每个头关注不同子空间"]


def test_a_coding_section_from_a_bracketed_heading_makes_problems():
    qs = segment(page_of("【二面】", "问：什么是 GQA？", "答：共享 K、V。", "【笔试】（90 分钟 2 道题）",
                         "第1题：岛屿数量", "def numIslands(grid):", "    return 0"))
    assert [(q.category, q.text, q.kind) for q in qs] == [
        ("二面", "什么是 GQA？", "question"), ("笔试（90 分钟 2 道题）", "岛屿数量", "problem"),
    ]
    assert [b.kind for b in qs[1].answer] == ["code"]


# --- interview stages and answer labels ------------------------------------------------------------


def test_interview_stages_are_not_questions():
    result = segment_page(page_of(
        "1. 自我介绍", "2. 拷打项目，问得很细，大概 30 分钟", "3. FFN 的作用是什么", "答：非线性变换。", "4. 反问"))
    assert [q.text for q in result.questions] == ["FFN 的作用是什么"]
    assert [l.number for l in result.unused] == [1, 2, 5]
    # a stage the write-up answers is a question it answers
    answered = segment(page_of("1. 自我介绍", "我介绍了教育背景和实习。", "2. 什么是 GQA?"))
    assert [q.text for q in answered] == ["自我介绍", "什么是 GQA?"]


def test_a_stage_turn_closes_and_the_reply_is_unused():
    result = segment_page(page_of(
        "面试官：先做个自我介绍吧。", "我：我是某校硕士，做对话系统。",
        "面试官：ZeRO 的三个阶段分别切分什么？", "我：优化器状态、梯度、参数。"))
    assert [q.text for q in result.questions] == ["ZeRO 的三个阶段分别切分什么？"]
    assert [l.number for l in result.unused] == [1, 2]


def test_answer_labels_are_taken_off():
    qs = segment(page_of("Q1：什么是 MoE？", "A1：用门控把 token 分给专家。", "Q2：什么是 MTP？", "答：", "一次预测多个 token。"))
    assert [answers(q) for q in qs] == [
        [("paragraph", "用门控把 token 分给专家。")], [("paragraph", "一次预测多个 token。")],
    ]


@pytest.mark.parametrize("line, question, inline", [
    ("大模型的 tokenizer 有哪几种？BPE 的训练过程", "大模型的 tokenizer 有哪几种？BPE 的训练过程", ""),  # two parts, one question
    ("LoRA 为什么有效？秩 r 一般怎么选", "LoRA 为什么有效？秩 r 一般怎么选", ""),
    ("进程怎么终止？如何放到后台执行", "进程怎么终止？如何放到后台执行", ""),  # asks on with 如何
    ("Transformer 讲一下？self attention 和普通 attention 的区别", "Transformer 讲一下？self attention 和普通 attention 的区别", ""),
    ("有没有用过 RAG？有的", "有没有用过 RAG？", "有的"),  # a short answer asks nothing
    ("什么是 LoRA？低秩适配，冻结原权重的区别", "什么是 LoRA？", "低秩适配，冻结原权重的区别"),  # a sentence
])
def test_a_short_second_part_after_the_question_mark_stays_in_the_question(line, question, inline):
    from generator.scrape.segment import split_inline

    assert split_inline(line) == (question, inline)


# --- answer lists, follow-ups in prose, closing remarks ---------------------------------------------


def test_a_list_of_answers_after_the_questions_goes_to_them_one_by_one():
    result = segment_page(page_of(
        "1. 什么是 KV cache？",
        "2. MQA 和 GQA 有什么区别？",
        "3. 讲一下 PagedAttention",
        "参考答案：",
        "1. 缓存之前 token 的 K 和 V，避免重复计算。",
        "2. MQA 所有头共享一组 KV，GQA 按组共享。",
        "• GQA 是两者的折中",
        "3. 把 KV cache 分块管理，像操作系统分页。",
    ))
    qs = result.questions
    assert [q.text for q in qs] == ["什么是 KV cache？", "MQA 和 GQA 有什么区别？", "讲一下 PagedAttention"]
    assert [answers(q) for q in qs] == [
        [("paragraph", "缓存之前 token 的 K 和 V，避免重复计算。")],
        [("paragraph", "MQA 所有头共享一组 KV，GQA 按组共享。"), ("item", "GQA 是两者的折中")],
        [("paragraph", "把 KV cache 分块管理，像操作系统分页。")],
    ]
    assert result.unused == ()  # the lead-in served the questions


def test_a_list_of_answers_of_another_count_stays_with_the_last_question():
    qs = segment(page_of(
        "1. 什么是 KV cache？", "2. MQA 和 GQA 有什么区别？", "3. 讲一下 PagedAttention",
        "我的回答：", "1. 缓存 K 和 V。", "2. 共享 KV 的粒度不同。",
    ))
    assert [answers(q) for q in qs] == [[], [], [
        ("item", "1. 缓存 K 和 V。"), ("item", "2. 共享 KV 的粒度不同。"),
    ]]


def test_a_list_of_answers_needs_questions_without_answers():
    qs = segment(page_of(
        "1. 什么是 KV cache？", "缓存 K 和 V。", "2. MQA 和 GQA 有什么区别？",
        "答案：", "1. 共享粒度不同。", "2. GQA 更常用。",
    ))
    assert [q.text for q in qs] == ["什么是 KV cache？", "MQA 和 GQA 有什么区别？"]
    assert answers(qs[0]) == [("paragraph", "缓存 K 和 V。")]
    assert answers(qs[1]) == [("item", "1. 共享粒度不同。"), ("item", "2. GQA 更常用。")]  # 答： is a label


def test_a_follow_up_label_in_prose_opens_a_follow_up_with_its_inline_answer():
    qs = segment(page_of(
        "### 手撕代码",
        "题目：反转链表，要求 O(1) 空间。",
        "def reverse(head):",
        "    return head",
        "面试官追问：递归怎么写？我说先反转后面的再接上，讲了思路。",
        "他说可以。",
        "一面",
        "1. 什么是 RoPE？",
        "旋转位置编码。",
        "又问：外推怎么做？",
        "NTK 插值。",
        "接着问了 YaRN 和 NTK 的区别？我没答上来。",
        "还问了团队业务。",
    ))
    assert [(q.text, q.kind, q.parent) for q in qs] == [
        ("反转链表", "problem", None),
        ("递归怎么写？", "followup", 0),
        ("什么是 RoPE？", "question", None),
        ("外推怎么做？", "followup", 2),
        ("YaRN 和 NTK 的区别？", "followup", 2),
    ]
    assert answers(qs[1]) == [("paragraph", "我说先反转后面的再接上，讲了思路。"), ("paragraph", "他说可以。")]
    assert answers(qs[3]) == [("paragraph", "NTK 插值。")]
    assert answers(qs[4]) == [("paragraph", "我没答上来。"), ("paragraph", "还问了团队业务。")]


def test_a_labelled_closing_remark_after_the_last_question_is_no_part_of_its_answer():
    result = segment_page(page_of(
        "1. 什么是 RoPE？",
        "总结：这题问得很常见。",  # before a later question: part of the answer
        "2. 什么是 ALiBi？",
        "给注意力分数加线性偏置。",
        "个人感受：面试官很 nice。",
        "祝大家拿到 offer。",
    ))
    qs = result.questions
    assert [q.text for q in qs] == ["什么是 RoPE？", "什么是 ALiBi？"]
    assert answers(qs[0]) == [("paragraph", "总结：这题问得很常见。")]
    assert answers(qs[1]) == [("paragraph", "给注意力分数加线性偏置。")]
    assert [l.number for l in result.unused] == [5, 6]


def test_a_remark_on_the_interview_after_a_bare_list_of_questions_is_no_answer():
    result = segment_page(page_of(
        "1. 讲讲 GQA",
        "2. 为什么要做 KV cache",
        "3. 投机解码怎么保证分布不变？",
        "总体来说问得不难，面试官人挺好。",
        "攒人品，求 offer！",
    ))
    assert [q.answer for q in result.questions] == [(), (), ()]
    assert [l.number for l in result.unused] == [4, 5]
    about = segment_page(page_of("1. 讲讲 GQA", "2. 为什么要做 KV cache", "3. 投机解码怎么保证分布不变？",
                                 "看着年轻，其实是资历很深的面试官"))
    assert [q.answer for q in about.questions] == [(), (), ()] and [l.number for l in about.unused] == [4]
    # after answers, only such a line that ends the page is a remark
    answered = segment_page(page_of("1. 讲讲 GQA", "几个查询头共用一组键值头。", "看着年轻，其实是资历很深的面试官"))
    assert answers(answered.questions[0]) == [("paragraph", "几个查询头共用一组键值头。")]
    assert [l.number for l in answered.unused] == [3]
    # where the questions carry answers, the same opening may begin an answer
    answered = segment_page(page_of(
        "1. 讲讲 GQA", "几个查询头共用一组键值头。", "2. 为什么要做 KV cache", "避免重复计算历史的键值。",
        "3. 投机解码怎么保证分布不变？", "总体来说靠拒绝采样：草稿模型的词按概率比接受。"))
    assert answers(answered.questions[2]) == [("paragraph", "总体来说靠拒绝采样：草稿模型的词按概率比接受。")]


def test_the_feelings_about_a_round_before_the_next_round_are_no_answer():
    result = segment_page(page_of(
        "## 一面",
        "1. 讲讲 PagedAttention 的思路",
        "代码题：LeetCode 56 合并区间",
        "感受：这一轮非常偏工程。",
        "面试官人挺好。",
        "## 二面",
        "1. 为什么 DPO 不需要奖励模型？",
        "把奖励写成了策略的对数比。",
        "总结：DPO 把 RLHF 变成了分类问题。",  # 总结 ends many an answer: kept
        "## 三面",
        "1. RAG 的召回怎么评估？",
        "🙌面试感想：整体体验不错。",
    ))
    qs = result.questions
    assert [q.text for q in qs][-2:] == ["为什么 DPO 不需要奖励模型？", "RAG 的召回怎么评估？"]
    problem = next(q for q in qs if "合并区间" in q.text)
    assert problem.answer == ()
    assert answers(qs[-2])[-1] == ("paragraph", "总结：DPO 把 RLHF 变成了分类问题。")
    assert qs[-1].answer == ()
    assert {4, 5, 12} <= {l.number for l in result.unused}


def test_under_a_coding_heading_a_task_alone_and_known_titles_are_problems():
    qs = segment(page_of("1. 讲讲 GQA？", "共享 KV 头。", "手撕", "实现 RMSNorm，写完问了复杂度。"))
    assert [(q.text, q.kind, q.category) for q in qs][1:] == [("实现 RMSNorm", "problem", "手撕")]
    assert answers(qs[1]) == [("paragraph", "实现 RMSNorm，写完问了复杂度。")]
    qs = segment(page_of("手撕", "实现 RMSNorm", "合并两个有序链表"))
    assert [(q.text, q.kind) for q in qs] == [("实现 RMSNorm", "problem"), ("合并两个有序链表", "problem")]
    assert [q.answer for q in qs] == [(), ()]
    # an account of the round under it is still no problem
    assert segment(page_of("1. 讲讲 GQA？", "共享 KV 头。", "手撕", "两道都写出来了，还挺顺利。"))[1:] == []


def test_a_question_listed_then_answered_is_one_but_one_asked_by_two_sections_is_two():
    listed = segment(page_of("## 一面", "1. 讲讲 GQA", "2. RoPE 怎么外推", "## 解答", "1. 讲讲 GQA", "共享 KV 头。"))
    assert [(q.text, [b.text for b in q.answer]) for q in listed] == [("讲讲 GQA", ["共享 KV 头。"]), ("RoPE 怎么外推", [])]
    collection = segment(page_of("## 甲公司", "1. Dropout", "训练时随机丢弃神经元。", "2. CRF", "## 乙公司", "1. Dropout", "2. HMM"))
    assert [(q.text, q.category) for q in collection] == [("Dropout", "甲公司"), ("CRF", "甲公司"), ("Dropout", "乙公司"),
                                                         ("HMM", "乙公司")]


def test_a_second_listing_of_the_questions_is_no_section_of_its_own_even_where_it_gives_no_answer():
    qs = segment(page_of("## 一面", "1. 讲讲 GQA", "2. RoPE 怎么外推", "3. 梯度累积等价于大 batch 吗", "## 解答",
                         "1. 讲讲 GQA", "共享 KV 头。", "2. RoPE 怎么外推", "位置插值。", "3. 梯度累积等价于大 batch 吗"))
    assert [(q.text, q.category) for q in qs] == [("讲讲 GQA", "一面"), ("RoPE 怎么外推", "一面"), ("梯度累积等价于大 batch 吗", "一面")]
    two = segment(page_of("## 甲公司", "1. Dropout", "2. CRF", "## 乙公司", "1. Dropout", "2. HMM"))
    assert [(q.text, q.category) for q in two] == [("Dropout", "甲公司"), ("CRF", "甲公司"), ("Dropout", "乙公司"), ("HMM", "乙公司")]


def test_a_coding_label_with_a_note_heads_the_problems_named_between_their_solutions():
    qs = segment(page_of("1.算法题(二选一)：", "数据流中的中位数", "```cpp", "class MedianFinder {};", "```",
                         "最长回文子串", "```cpp", "class Solution {};", "```", "时间复杂度 O(n^2)", "2.算法题：", "反转链表"))
    assert [(q.text, q.kind, q.category) for q in qs] == [
        ("数据流中的中位数", "problem", "算法题(二选一)"), ("最长回文子串", "problem", "算法题(二选一)"),
        ("反转链表", "problem", "算法题")]
    assert [b.kind for b in qs[1].answer] == ["code", "paragraph"]  # the remark after the code stays its answer


def test_the_next_number_after_a_numbered_coding_heading_ends_its_section():
    qs = segment(page_of("一面", "1.算法题(二选一)：", "数据流中的中位数", "2. 讲讲 LoRA 的原理？", "3. RLHF 流程"))
    assert [(q.text, q.kind, q.category) for q in qs] == [
        ("数据流中的中位数", "problem", "算法题(二选一)"), ("讲讲 LoRA 的原理？", "question", "一面"),
        ("RLHF 流程", "question", "一面")]
    own = segment(page_of("1.算法题：", "1. 合并区间", "2. 岛屿数量"))  # numbered from 1: the heading's own list
    assert [(q.text, q.kind) for q in own] == [("合并区间", "problem"), ("岛屿数量", "problem")]


def test_a_sentence_summing_a_round_up_before_the_next_round_is_no_answer():
    result = segment_page(page_of("一面", "1. 讲一下 MoE 的负载均衡？", "一面问的八股比较多，大概一个半小时。", "二面",
                                  "1. ZeRO 三个阶段的区别？", "二面更多是结合实习来问的。"))
    assert [(q.text, [b.text for b in q.answer]) for q in result.questions] == [
        ("讲一下 MoE 的负载均衡？", []), ("ZeRO 三个阶段的区别？", [])]
    assert [l.number for l in result.unused] == [3, 6]
    kept = segment(page_of("一面", "1. 讲一下 MoE 的负载均衡？", "一面问的这个我答了辅助损失，对吗？", "二面"))
    assert [b.text for b in kept[0].answer] == ["一面问的这个我答了辅助损失，对吗？"]  # it asks: not a summary


def test_the_questions_under_a_follow_up_heading_are_follow_ups_of_the_question():
    qs = segment(page_of("## 多模态", "### 1. CLIP 的训练目标是什么？", "对比学习。", "#### 易错点", "- 温度系数不是超参。",
                         "#### 追问", "- 大 batch 为什么有帮助？", "- 负样本不够怎么办？", "用队列。",
                         "### 2. BLIP 用了哪几个损失？", "ITC、ITM、LM。"))
    assert [(q.text, q.kind, q.category) for q in qs] == [
        ("CLIP 的训练目标是什么？", "question", "多模态"), ("大 batch 为什么有帮助？", "followup", "多模态"),
        ("负样本不够怎么办？", "followup", "多模态"), ("BLIP 用了哪几个损失？", "question", "多模态")]
    assert qs[1].parent == qs[2].parent == 0 and [b.text for b in qs[2].answer] == ["用队列。"]


def test_a_closing_heading_line_after_the_last_problem_ends_it():
    result = segment_page(page_of(
        "1. 手撕：两数之和", "def two_sum(nums, target):", "    return []", "写在最后", "多刷题。"))
    assert [b.kind for b in result.questions[0].answer] == ["code"]
    assert [l.number for l in result.unused] == [4, 5]


# --- transcripts, emoji numbering, follow-ups, timelines, traditional forms ------------------------


def test_a_time_stamp_does_not_hide_the_speaker():
    result = segment_page(page_of(
        "[00:00:02] 面试官：喂，能听到吗？",
        "[00:00:04] 我：能听到。",
        "00:01:10 面试官：好，那我们开始吧，你先简单介绍一下自己。",
        "00:01:15 我：我是某校硕士。",
        "(02:31) 面试官：GQA 和 MQA 有什么区别？",
        "(02:40) 我：GQA 分组共享 K、V。",
        "[00:03:05] 面试官：嗯，那 GQA 的组数怎么选？",
        "[00:03:09] 我：看显存。",
    ))
    assert [(q.text, q.kind, q.parent) for q in result.questions] == [
        ("GQA 和 MQA 有什么区别？", "question", None),
        ("那 GQA 的组数怎么选？", "followup", 0),
    ]
    assert answers(result.questions[0]) == [("paragraph", "GQA 分组共享 K、V。")]
    assert [l.number for l in result.unused] == [1, 2, 3, 4]  # a sound check and a stage


def test_keycap_and_circled_numbers_number_questions_and_pointing_lines_answer():
    qs = segment(page_of(
        "✨一面",
        "1️⃣ 自我介绍+拷打论文（15min）",
        "2️⃣ 为什么用 RoPE？",
        "👉 我答的：相对位置，外推好",
        "3️⃣ 追问：RoPE 的 base 怎么调？",
        "➡️ 调大 base",
        "4️⃣ 反问",
        "✨二面",
        "① 什么是 MoE？",
        "门控选专家。",
        "② 为什么要负载均衡？",
        "防止专家塌缩。",
    ))
    assert [(q.text, q.kind, q.parent, q.category) for q in qs] == [
        ("为什么用 RoPE？", "question", None, "一面"),
        ("RoPE 的 base 怎么调？", "followup", 0, "一面"),
        ("什么是 MoE？", "question", None, "二面"),
        ("为什么要负载均衡？", "question", None, "二面"),
    ]
    assert answers(qs[0]) == [("paragraph", "相对位置，外推好")]
    assert answers(qs[1]) == [("paragraph", "调大 base")]


def test_an_emoji_line_that_is_a_sentence_is_no_heading():
    qs = segment(page_of("1. 手撕 softmax", "💡 写了个简化版，面试官让我加上温度"))
    assert answers(qs[0]) == [("paragraph", "💡 写了个简化版，面试官让我加上温度")]


def test_short_turns_that_go_on_from_an_answered_question_are_follow_ups():
    qs = segment(page_of(
        "面试官：FlashAttention 为什么快？",
        "我：分块计算，减少显存读写。",
        "面试官：嗯，那 FlashAttention 的反向怎么做？",
        "我：重算注意力矩阵。",
        "面试官：PagedAttention 呢？",
        "我：按页管理 KV cache。",
        "面试官：那你知道 RingAttention 吗？",
        "我：不了解。",
        "面试官：那专家并行怎么做？",
        "我：按专家切到不同卡。",
        "面试官：有没有用过 vLLM 呢？",
        "我：用过。",
    ))
    assert [(q.text, q.kind, q.parent) for q in qs] == [
        ("FlashAttention 为什么快？", "question", None),
        ("那 FlashAttention 的反向怎么做？", "followup", 0),  # names a term of the question
        ("PagedAttention 呢？", "followup", 0),  # only "and X?"
        ("那你知道 RingAttention 吗？", "followup", 0),  # a part of a term (attention)
        ("那专家并行怎么做？", "question", None),  # a new topic
        ("有没有用过 vLLM 呢？", "question", None),  # asks by itself before 呢
    ]


def test_a_turn_that_shares_only_chinese_words_with_the_question_stands_alone():
    qs = segment(page_of(
        "面试官：你解释一下模型的泛化能力是什么？",
        "应聘者：在没见过的数据上也表现好的能力。",
        "面试官：那一般怎么样去提升模型的泛化能力呢？",
        "应聘者：数据增强、正则化、早停。",
    ))
    assert [(q.kind, q.parent) for q in qs] == [("question", None), ("question", None)]  # a question of its own


def test_follow_up_labels_after_full_width_spaces_in_traditional_and_after_a_speaker():
    qs = segment(page_of(
        "1、為什麼要用多頭注意力？",
        "答：不同頭看不同子空間。",
        "\u3000\u3000追問：頭數怎麼選？",
        "答：看隱藏維度。",
        "2、什么是 RAG？",
        "答：检索增强生成。",
        "面试官追问：召回不准怎么办？",
        "答：加 reranker。",
    ))
    assert [(q.text, q.kind, q.parent) for q in qs] == [
        ("為什麼要用多頭注意力？", "question", None),
        ("頭數怎麼選？", "followup", 0),
        ("什么是 RAG？", "question", None),
        ("召回不准怎么办？", "followup", 2),
    ]
    assert answers(qs[1]) == [("paragraph", "看隱藏維度。")]


@pytest.mark.parametrize("remark", ["结语：祝大家顺利。", "結語：祝大家順利。", "總結：流程很快。", "寫在最後"])
def test_closing_words_and_traditional_closing_labels_end_the_last_answer(remark):
    result = segment_page(page_of("1. 什么是 RoPE？", "旋转位置编码。", remark, "（禁止转载）"))
    assert answers(result.questions[0]) == [("paragraph", "旋转位置编码。")]
    assert [l.number for l in result.unused] == [3, 4]


def test_a_timeline_is_no_question_and_a_bare_stage_name_is_a_heading():
    result = segment_page(page_of(
        "时间线：",
        "3.01 投递 → 3.08 笔试 → 3.15 一面 → 4.02 oc",
        "笔试",
        "两道编程，都 AK 了。",
        "一面",
        "1. 讲一下 LoRA",
        "低秩分解。",
    ))
    assert [(q.text, q.category, q.kind) for q in result.questions] == [("讲一下 LoRA", "一面", "question")]
    assert [l.number for l in result.unused] == [1, 2, 3, 4]


def test_coding_requests_with_labels_following_code_and_in_traditional_are_problems():
    qs = segment(page_of(
        "1. 代码：手写 RMSNorm",
        "def rms_norm(x):",
        "    return x",
        "2. 写一下 DPO 的 loss",
        "```python",
        "loss = 0",
        "```",
        "3. 写一下 DPO 的梯度",
        "对 chosen 的 logp 求导。",
        "4. 實作 Top-k 取樣（虛擬碼即可）",
        "def top_k(logits, k):",
        "    return logits",
    ))
    assert [(q.text, q.kind) for q in qs] == [
        ("手写 RMSNorm", "problem"),
        ("写一下 DPO 的 loss", "problem"),
        ("写一下 DPO 的梯度", "question"),  # no code follows: a derivation
        ("實作 Top-k 取樣（虛擬碼即可）", "problem"),
    ]


# --- questions about a coding problem's solution, HR talk ----------------------------------------


def test_a_question_about_the_solution_after_a_problem_is_its_follow_up():
    qs = segment(page_of(
        "[00:12:01] 面试官：那写个题吧，合并两个有序链表。",
        "[00:12:06] 我：（写了迭代版）",
        "def merge(a, b):",
        "    return a or b",
        "[00:20:10] 面试官：时间复杂度多少？",
        "[00:20:12] 我：O(m+n)。",
        "[00:20:30] 面试官：嗯，还有别的解法吗？",  # after a follow-up of the problem
        "[00:20:33] 我：递归也可以。",
        "[00:21:02] 面试官：Transformer 的时间复杂度是多少？",  # a subject of its own
        "[00:21:08] 我：序列长度的平方。",
        "[00:22:40] 面试官：如果数组很大怎么办？",  # no problem open: no follow-up of one
        "[00:22:45] 我：分块。",
    ))
    assert [(q.text, q.kind, q.parent) for q in qs] == [
        ("合并两个有序链表", "problem", None),
        ("时间复杂度多少？", "followup", 0),
        ("还有别的解法吗？", "followup", 0),
        ("Transformer 的时间复杂度是多少？", "question", None),
        ("如果数组很大怎么办？", "question", None),
    ]
    assert answers(qs[1]) == [("paragraph", "O(m+n)。")]


def test_a_solution_question_line_in_a_coding_section_is_no_problem_of_its_own():
    qs = segment(page_from(
        "手撕代码\n题目：最长回文子串\ndef longest(s):\n    return s\n\n"
        "时间复杂度多少？\nO(n^2)。\n\n能优化吗？\n可以用 Manacher 做到 O(n)。"
    ))
    assert [(q.text, q.kind, q.parent) for q in qs] == [
        ("最长回文子串", "problem", None),
        ("时间复杂度多少？", "followup", 0),
        ("能优化吗？", "followup", 0),
    ]


def test_numbered_questions_after_a_problem_stay_questions_of_their_own():
    # the writer numbered them as questions; only a 追问： label makes one a follow-up
    qs = segment(page_of(
        "4.代码：手写 softmax",
        "def softmax(x):",
        "    return x",
        "5.Transformer 的时间复杂度是多少？",
        "答：O(n^2 d)。",
        "6.追问：空间复杂度呢？",
        "答：O(n^2)。",
    ))
    assert [(q.text, q.kind, q.parent) for q in qs] == [
        ("手写 softmax", "problem", None),
        ("Transformer 的时间复杂度是多少？", "question", None),
        ("空间复杂度呢？", "followup", 1),
    ]


@pytest.mark.parametrize("stage", ["3.聊职业规划", "3. 职业规划", "3.聊人生", "3.问了期望薪资、到岗时间"])
def test_hr_talk_is_a_stage_not_a_question(stage):
    result = segment_page(page_of(
        "二面（交叉面）",
        "1.什么是 PagedAttention？",
        "答：KV cache 分页管理。",
        stage,
        "HR面",
        "问了期望薪资、到岗时间，没有技术问题。",
        "聊人生",
    ))
    assert [q.text for q in result.questions] == ["什么是 PagedAttention？"]
    assert answers(result.questions[0]) == [("paragraph", "KV cache 分页管理。")]
    assert [l.number for l in result.unused] == [4, 5, 6, 7]


def test_hr_talk_in_a_dialogue_closes_the_question():
    result = segment_page(page_of(
        "面试官：LoRA 的秩怎么选？",
        "我：一般 8 到 64，看任务。",
        "HR：聊一下职业规划吧",
        "我：想在大模型方向深耕。",
        "面试官：那 QLoRA 呢？",
        "我：4bit 量化加 LoRA。",
    ))
    assert [(q.text, q.kind) for q in result.questions] == [("LoRA 的秩怎么选？", "question"), ("那 QLoRA 呢？", "question")]
    assert [l.number for l in result.unused] == [3, 4]


def test_an_interviewer_remark_before_the_question_is_reported_not_lost():
    page = clean(page_of(
        "面试官：讲一下 KV Cache？",
        "应聘者：这个没怎么了解过。",
        "面试官：没关系，现在推理框架基本都会缓存每层的 K 和 V，避免重复计算。那你用过 vLLM 吗？",
        "应聘者：用过，部署过一个 7B 模型。",
        "面试官：嗯，好的。那 PagedAttention 是什么？",
        "应聘者：按块管理显存。",
    ))
    result = segment_page(page)
    assert [q.text for q in result.questions] == ["讲一下 KV Cache？", "那你用过 vLLM 吗？", "那 PagedAttention 是什么？"]
    remark = [line for line in result.unused if line.number == 3]
    assert [line.text for line in remark] == ["没关系，现在推理框架基本都会缓存每层的 K 和 V，避免重复计算。"]
    assert not [line for line in result.unused if line.number == 5]  # only filler before the question


def test_a_new_subject_after_a_problem_is_no_follow_up_of_it():
    qs = segment(page_of(
        "面试官：写一下反转链表。",
        "候选人：写了迭代的版本。",
        "面试官：链表和数组的区别？",
        "候选人：链表插入快，数组随机访问快。",
    ))
    assert [(q.text, q.kind) for q in qs][1] == ("链表和数组的区别？", "question")


@pytest.mark.parametrize("line", ["聊了人生和 RLHF 的奖励模型怎么训练", "聊职业规划，还问了 Transformer 和 RNN 的区别"])
def test_hr_words_followed_by_a_technical_question_are_no_stage(line):
    from generator.scrape.tagging import is_stage

    assert not is_stage(line)


def test_the_invitation_to_ask_the_interviewer_is_a_stage_not_a_question():
    qs = segment(page_of("1. 讲讲 LoRA", "2. 你有什么想问的？", "3. 为什么 B 初始化为 0？", "4. 你还有什么问题要问我吗"))
    assert [q.text for q in qs] == ["讲讲 LoRA", "为什么 B 初始化为 0？"]
    assert [q.text for q in segment(page_of("1. 讲讲 LoRA", "2. 这样做有什么问题？"))] == ["讲讲 LoRA", "这样做有什么问题？"]


def test_a_numbered_job_duty_before_any_question_is_no_question():
    qs = segment(page_of("岗位职责", "1、利用机器学习技术，改进推荐系统，优化用户体验；", "2、分析基础数据，挖掘用户兴趣，增强预测能力。",
                         "一面", "1. 讲讲 DIN 的注意力", "2. 特征交叉怎么做，DCN 和 DeepFM 有什么区别。"))
    assert [q.text for q in qs] == ["讲讲 DIN 的注意力", "特征交叉怎么做，DCN 和 DeepFM 有什么区别。"]


def test_numbered_statements_of_several_sentences_are_points_of_the_open_answer():
    """2. The Transformer … entirely. Its key components include: and the
    points under it state; only the question asks."""
    qs = segment(page_of(
        "1. Explain the Transformer architecture and its key components.",
        "2. The Transformer is a model built on self-attention. Its key components include:",
        "    1. Self-Attention: Each token weighs every other token of the sequence.",
        "    2. Encoder-Decoder: The encoder reads the input. The decoder writes the output.",
        "    3. Multi-Head Attention: Several heads attend to different parts in parallel.",
        "3. What is KV cache?",
    ))
    assert [q.text for q in qs] == ["Explain the Transformer architecture and its key components.", "What is KV cache?"]
    assert len(qs[0].answer) == 4


def test_a_question_whose_first_sentence_asks_is_a_question_though_it_goes_on():
    qs = segment(page_of(
        "1. 你把很多组件改成了 multi-head attention，为什么要舍弃 lstm 的结构而选用它呢。我回答的是可并行，特征提取能力更强，还解释了原理。",
        "2. 说一下 bidaf 的匹配层。",
    ))
    assert len(qs) == 2 and qs[0].text.startswith("你把很多组件")


def test_markdown_sub_headings_inside_an_answer_stay_in_it():
    """`## 3. 🔧 …？` asks; `### 推理流程` under it is a heading of its answer
    (it would ask on its own: 流程), not the next question; the next `##`
    question starts a new one."""
    from generator.model import SourceDocument, SourceMeta
    from evaluate import scrape

    md = ("## 1. 🔧 工具调用是怎么训练的？\n\n### 数据构造\n\n把函数签名和调用结果拼成样本。\n\n### 推理流程\n\n"
          "先输出调用，再读结果作答。\n\n## 2. 🧩 分词器有哪些？\n\nBPE 和 WordPiece。\n")
    doc = SourceDocument(id="t", path="t.md", kind="scraped", format="markdown", text=md, meta=SourceMeta(title="笔记"))
    qs = scrape(doc)
    assert [q.text for q in qs] == ["工具调用是怎么训练的？", "分词器有哪些？"]
    assert [b.text for b in qs[0].answer] == ["数据构造", "把函数签名和调用结果拼成样本。", "推理流程", "先输出调用，再读结果作答。"]


def test_a_round_heading_after_a_followup_starts_the_next_section():
    """After `## 1. …？` and a follow-up (no Markdown heading of its own), a
    `###` round heading is the next section, not a heading of an answer."""
    from generator.model import SourceDocument, SourceMeta
    from evaluate import scrape

    md = ("## 1. 工具调用是怎么训练的？\n\n构造带函数签名的样本。\n\n面试官追问：推理时怎么解析调用？\n\n按 JSON 解析。\n\n"
          "### 二面\n\n- 分词器有哪些？\n- BPE 怎么训练？\n")
    doc = SourceDocument(id="t", path="t.md", kind="scraped", format="markdown", text=md, meta=SourceMeta(title="笔记"))
    qs = scrape(doc)
    assert [(q.text, q.category) for q in qs][-2:] == [("分词器有哪些？", "二面"), ("BPE 怎么训练？", "二面")]
    assert all("二面" not in b.text for q in qs for b in q.answer)
