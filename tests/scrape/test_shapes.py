"""generator.scrape.shapes: each question shape on small made-up pages, end to end
(extract -> clean -> segment), with a page of the same look that the shape
must leave alone; then the registry itself.

The documents are written for these tests (not copied from tests/eval/pages/).
Unless a test is about the page title, a document gets a title that names an
interview (某厂大模型面经), so that single_question stays out of the way.
"""

from __future__ import annotations

import dataclasses
import importlib

import pytest

import generator.scrape.shapes as shapes
from generator import rules as data
from evaluate import scrape
from generator.scrape.extract import extract
from generator.scrape.clean import clean
from generator.model import Question, SourceDocument, SourceMeta
from generator.scrape.shapes import MODULES, apply, build_shapes
from generator.scrape.shapes import shaped

INTERVIEW = "某厂大模型面经"


def questions(text: str, fmt: str = "text", title: str = INTERVIEW) -> list[Question]:
    doc = SourceDocument(id="t", path="t", kind="scraped", format=fmt, text=text, meta=SourceMeta(title=title))
    return scrape(doc)


def asked(qs: list[Question]) -> list[tuple[str, str, str]]:
    """(text, kind, category) of every question."""
    return [(q.text, q.kind, q.category) for q in qs]


def answer(q: Question) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in q.answer]


def first_answers(qs: list[Question]) -> list[str]:
    return [q.answer[0].text if q.answer else "" for q in qs]


# --- title_line ------------------------------------------------------------------------

TITLED_MD = "# 大模型岗位面试怎么准备？\n\n1. 什么是 LoRA？\n\nLoRA 是低秩适配。\n\n2. 什么是 RoPE？\n\nRoPE 是旋转位置编码。\n"


def test_title_line_markdown_title_repeated_as_first_heading_is_no_question():
    qs = questions(TITLED_MD, "markdown", title="")
    assert asked(qs) == [("什么是 LoRA？", "question", ""), ("什么是 RoPE？", "question", "")]
    assert first_answers(qs) == ["LoRA 是低秩适配。", "RoPE 是旋转位置编码。"]


def test_title_line_html_h1_repeating_the_title_is_no_question():
    html = ("<html><head><title>Transformer 面试高频题有哪些？</title></head><body><article>"
            "<h1>Transformer 面试高频题有哪些？</h1><h3>1. 为什么要除以根号 d？</h3><p>防止点积过大，softmax 饱和。</p>"
            "<h3>2. Pre-LN 和 Post-LN 有什么区别？</h3><p>Pre-LN 训练更稳定。</p></article></body></html>")
    qs = questions(html, "html", title="")
    assert [q.text for q in qs] == ["为什么要除以根号 d？", "Pre-LN 和 Post-LN 有什么区别？"]
    assert first_answers(qs) == ["防止点积过大，softmax 饱和。", "Pre-LN 训练更稳定。"]


def test_title_line_a_first_heading_naming_the_interview_is_no_section():
    md = "# 美团大模型算法一面\n\n## Q：为什么要用 RMSNorm？\n\n少一次减均值，更快。\n\n## Q：GQA 省了什么？\n\nKV cache 的显存。\n"
    assert asked(questions(md, "markdown", title="")) == [("为什么要用 RMSNorm？", "question", ""),
                                                          ("GQA 省了什么？", "question", "")]
    # on a page without a title, the first heading is a section of its own
    section = "## 八股\n\n1. 为什么要用 RMSNorm？\n2. GQA 省了什么？\n"
    assert {q.category for q in questions(section, "markdown", title="")} == {"八股"}


def test_bold_paragraphs_alone_head_the_questions_of_a_markdown_page():
    md = ("### 甲公司\n\n**RAG 的切片粒度怎么选？**\n\n---\n\n**HNSW 和 IVF 有什么区别？**\n\n---\n\n"
          "**Rerank 的 top-k 怎么定？**\n\n---\n\n"
          "**多 agent 怎么拆分呢？ trade - off 是什么**\n\n---\n\n**列表和元组的区别**\n\n---\n\n"
          "**了解 ToT 吗？讲一下**\n\n按树搜索多条思路。\n")
    qs = questions(md, "markdown")
    assert [q.text for q in qs] == ["RAG 的切片粒度怎么选？", "HNSW 和 IVF 有什么区别？", "Rerank 的 top-k 怎么定？",
                                    "多 agent 怎么拆分呢？ trade - off 是什么", "列表和元组的区别", "了解 ToT 吗？讲一下"]
    assert [b.text for b in qs[-1].answer] == ["按树搜索多条思路。"] and qs[-2].answer == ()
    # a bold line cut in two pieces (numbered 1, 2 by the cut), then one without a number
    cut = md.replace("trade - off 是什么", "通信怎么做 - 状态怎么存")
    assert [q.text for q in questions(cut, "markdown")][3:6] == ["多 agent 怎么拆分呢？ 通信怎么做", "状态怎么存", "列表和元组的区别"]
    # bold emphasis in an answer, on a page that does not head its questions so, stays text
    notes = "1. 为什么要做 warmup？\n\n**这一点很重要**\n\n初期梯度大，学习率要小。\n"
    qs = questions(notes, "markdown")
    assert [q.text for q in qs] == ["为什么要做 warmup？"]
    assert [b.text for b in qs[0].answer] == ["这一点很重要", "初期梯度大，学习率要小。"]


def test_title_line_leaves_a_first_question_that_is_not_the_title():
    md = "### 如何理解 MoE？\n\n稀疏激活，每个 token 只走少数专家。\n\n### 如何理解 GQA？\n\n多个 query 头共享一组 KV。\n"
    qs = questions(md, "markdown", title="大模型八股合集")
    assert [q.text for q in qs] == ["如何理解 MoE？", "如何理解 GQA？"]
    assert first_answers(qs) == ["稀疏激活，每个 token 只走少数专家。", "多个 query 头共享一组 KV。"]


# --- speaker_labels --------------------------------------------------------------------

OC_DIALOGUE = ("O: 先讲讲 LoRA 的原理？\nC: LoRA 在权重旁加一个低秩分解 BA，只训练 A 和 B。\n"
               "O: B 为什么初始化为 0？\nC: 这样训练开始时增量为零，不改变原模型输出。\n"
               "O: 那 rank 一般取多少？\nC: 常见取 8 或 16。\n")


def test_speaker_labels_two_alternating_labels_are_interviewer_and_candidate():
    qs = questions(OC_DIALOGUE)
    assert [q.text for q in qs] == ["先讲讲 LoRA 的原理？", "B 为什么初始化为 0？", "那 rank 一般取多少？"]
    assert {q.kind for q in qs} == {"question"}
    assert first_answers(qs) == ["LoRA 在权重旁加一个低秩分解 BA，只训练 A 和 B。", "这样训练开始时增量为零，不改变原模型输出。", "常见取 8 或 16。"]


def test_speaker_labels_the_label_whose_lines_ask_is_the_interviewer_even_when_second():
    text = ("甲：您好，我准备好了。\n乙：先说说 Flash Attention 为什么快？\n甲：它分块计算，减少了显存读写。\n"
            "乙：反向传播时怎么处理？\n甲：重算注意力矩阵，不存储中间结果。\n乙：和 xformers 有什么不同？\n甲：实现细节不同，思路类似。\n")
    qs = questions(text)
    assert [q.text for q in qs] == ["先说说 Flash Attention 为什么快？", "反向传播时怎么处理？", "和 xformers 有什么不同？"]
    assert first_answers(qs) == ["它分块计算，减少了显存读写。", "重算注意力矩阵，不存储中间结果。", "实现细节不同，思路类似。"]


def test_speaker_labels_two_labels_that_do_not_take_turns_are_no_dialogue():
    text = ("小王：今天去面了一家大厂。\n小王：一面问了 LoRA 为什么有效？\n小王：二面问了 RoPE 怎么外推？\n"
            "小李：我也面了。\n小李：感觉一般。\n小李：等结果吧。\n")
    assert questions(text) == []


def test_speaker_labels_interviewer_and_me():
    text = ("Interviewer: What is KV cache?\nMe: It stores the keys and values of past tokens.\n"
            "Interviewer: Why does it save compute?\nMe: Each step only computes the new token.\n"
            "Interviewer: How big can it get?\nMe: It grows linearly with the sequence length.\n")
    qs = questions(text, title="LLM notes")
    assert [q.text for q in qs] == ["What is KV cache?", "Why does it save compute?", "How big can it get?"]


def test_speaker_labels_unlisted_label_paired_with_a_known_speaker():
    text = ("面: 讲讲 LoRA 的原理？\n答: 在权重旁加低秩矩阵。\n面: rank 怎么选？\n答: 一般 8 到 64。\n"
            "面: 和全参微调比效果如何？\n答: 多数任务差距不大。\n")
    qs = questions(text)
    assert [q.text for q in qs] == ["讲讲 LoRA 的原理？", "rank 怎么选？", "和全参微调比效果如何？"]
    assert first_answers(qs) == ["在权重旁加低秩矩阵。", "一般 8 到 64。", "多数任务差距不大。"]


# --- asides ----------------------------------------------------------------------------


def test_asides_reverse_questions_section_asks_nothing():
    text = ("一面\n\n1. 什么是 MoE？\n混合专家模型，每个 token 只激活部分专家。\n2. 负载均衡怎么做？\n加辅助损失。\n\n"
            "反问\n\n组里主要做什么业务？\n多久出结果？\n")
    qs = questions(text)
    assert asked(qs) == [("什么是 MoE？", "question", "一面"), ("负载均衡怎么做？", "question", "一面")]
    assert answer(qs[1]) == [("paragraph", "加辅助损失。")]


def test_asides_a_label_of_the_candidates_questions_is_no_speakers_turn():
    # 面试官提问： / 我提问： as labels on their own lines, each over a numbered list
    md = ("## 一面\n\n> 面试官提问:\n\n1.RoPE 为什么能外推？\n2.GQA 省了什么？简单讲讲原理(比如显存)\n\n"
          "> 我提问:\n\n1.组里做什么业务？(做对话)\n2.多久出结果？(一周内)\n\n## 二面\n\n1.讲讲 DPO\n")
    qs = questions(md, "markdown")
    assert asked(qs) == [("RoPE 为什么能外推？", "question", "一面"),
                         ("GQA 省了什么？简单讲讲原理(比如显存)", "question", "一面"), ("讲讲 DPO", "question", "二面")]
    assert [q.answer for q in qs] == [(), (), ()]


def test_asides_a_repositorys_advice_sections_ask_nothing():
    md = ("# 算法岗面经合集\n\n## 投简历\n\n1. 内推群\n2. 官网\n\n## 某厂一面\n\n1. 讲讲 GQA\n2. KV cache 怎么省显存？\n\n"
          "## 算法刷题\n\n1. 剑指 Offer\n2. Leetcode\n3. 牛客网\n\n## 面试技巧\n\n1. 多复盘\n2. 发散性思维\n\n"
          "## 贡献指南\n\n1. 提交前请检查是否有重复的题目。\n2. 请遵循 Markdown 格式。\n\n"
          "## 岗位要求\n\n### 职位描述\n\n1、负责推荐召回与排序模型的优化；\n2、熟悉常用的机器学习算法，了解召回相关基础算法；\n")
    assert [q.text for q in questions(md, "markdown")] == ["讲讲 GQA", "KV cache 怎么省显存？"]


def test_asides_preparation_advice_after_the_questions_asks_nothing():
    text = ("字节一面\n1. 讲讲 LoRA 的初始化\n2. DPO 有什么优劣\n\n真题解析与参考答案\n准备建议:\n"
            "  • 背景:项目要解决什么问题?业务目标是什么?\n  • 行动:你具体做了什么?为什么这么做?\n")
    assert [q.text for q in questions(text)] == ["讲讲 LoRA 的初始化", "DPO 有什么优劣"]


def test_asides_a_job_description_as_plain_text_takes_no_questions_with_it():
    md = ("算法工程师\n岗位职责\n负责风控模型的开发与迭代。\n\n**模型与特征**\n\n* XGBoost 和 LightGBM 怎么选？\n"
          "* 样本极度不均衡时怎么处理？\n")
    assert [q.text for q in questions(md, "markdown")] == ["XGBoost 和 LightGBM 怎么选？", "样本极度不均衡时怎么处理？"]


def test_asides_end_at_the_next_heading():
    md = ("## 一面\n\n1. 什么是 MoE？\n\n混合专家模型。\n\n## 我的反问\n\n- 组里主要做什么业务？\n- 新人有导师吗？\n\n"
          "## 二面\n\n1. 介绍一下 GQA\n\n多个 query 头共享一组 KV。\n")
    qs = questions(md, "markdown")
    assert asked(qs) == [("什么是 MoE？", "question", "一面"), ("介绍一下 GQA", "question", "二面")]
    assert first_answers(qs) == ["混合专家模型。", "多个 query 头共享一组 KV。"]


def test_asides_reference_list_is_no_questions():
    text = ("1. 什么是 MoE？\n混合专家模型。\n2. 负载均衡怎么做？\n加辅助损失。\n\n"
            "参考资料：\n1. 什么是 MoE？一文讲透\n2. 如何理解负载均衡损失？\n")
    qs = questions(text)
    assert [q.text for q in qs] == ["什么是 MoE？", "负载均衡怎么做？"]
    assert answer(qs[1]) == [("paragraph", "加辅助损失。")]


def test_asides_a_question_that_only_mentions_references_stays():
    qs = questions("1. 什么是 MoE？\n混合专家模型。\n2. 参考文献怎么排版？\n按出现顺序编号。\n")
    assert [q.text for q in qs] == ["什么是 MoE？", "参考文献怎么排版？"]
    assert first_answers(qs) == ["混合专家模型。", "按出现顺序编号。"]


# --- fenced_list -----------------------------------------------------------------------


def test_fenced_list_numbered_questions_in_a_bare_fence():
    md = "## 一面\n\n```\n1. 介绍一下 FlashAttention\n2. PagedAttention 解决什么问题？\n3. 手撕 softmax\n```\n"
    assert asked(questions(md, "markdown")) == [
        ("介绍一下 FlashAttention", "question", "一面"),
        ("PagedAttention 解决什么问题？", "question", "一面"),
        ("手撕 softmax", "problem", "一面"),
    ]


def test_fenced_list_topic_line_inside_markdown_notes_is_a_heading():
    md = "```markdown\n# 项目\n1. 项目最大的难点是什么？\n2. 效果怎么评估？\n```\n"
    assert asked(questions(md, "markdown")) == [("项目最大的难点是什么？", "question", "项目"), ("效果怎么评估？", "question", "项目")]


def test_fenced_list_python_code_stays_code():
    md = ("## 一面\n\n1. 手写 softmax\n\n```python\nimport numpy as np\ndef softmax(x):\n"
          "    e = np.exp(x - x.max())\n    return e / e.sum()\n```\n")
    qs = questions(md, "markdown")
    assert asked(qs) == [("手写 softmax", "problem", "一面")]
    assert [(b.kind, b.language) for b in qs[0].answer] == [("code", "python")]
    assert qs[0].answer[0].text.startswith("import numpy as np\ndef softmax(x):\n    e = np.exp")


def test_fenced_list_shell_commands_stay_code():
    md = ("## 一面\n\n1. 怎么启动 vLLM 服务？\n\n```bash\npip install vllm\n"
          "python -m vllm.entrypoints.openai.api_server --model qwen\ncurl localhost:8000/v1/models\n```\n")
    qs = questions(md, "markdown")
    assert [q.text for q in qs] == ["怎么启动 vLLM 服务？"]
    assert [b.kind for b in qs[0].answer] == ["code"] and qs[0].answer[0].text.startswith("pip install vllm\n")


# --- table -----------------------------------------------------------------------------


def test_table_a_comparison_with_one_row_is_no_question():
    md = ("## 1. 量化和蒸馏有什么区别？\n\n| 方面 | 量化 | 蒸馏 |\n|---|---|---|\n"
          "| 目标 | 理解成本（显存、延迟） | 换一个更小的学生模型 |\n")
    qs = questions(md, "markdown")
    assert [q.text for q in qs] == ["量化和蒸馏有什么区别？"]


@pytest.mark.parametrize("answers", ["答案", "回答要点"])
def test_table_question_and_answer_columns_by_header(answers):
    md = (f"## 八股\n\n| 题目 | {answers} |\n| --- | --- |\n| 什么是 GQA？ | 多个 query 头共享一组 KV 头 |\n"
          "| RoPE 怎么外推？ | 位置插值或 NTK 缩放 |\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.kind) for q in qs] == [("什么是 GQA？", "question"), ("RoPE 怎么外推？", "question")]
    assert [answer(q) for q in qs] == [[("paragraph", "多个 query 头共享一组 KV 头")], [("paragraph", "位置插值或 NTK 缩放")]]


def test_table_without_a_question_header_takes_the_column_that_asks():
    md = ("| 序号 | 内容 |\n| --- | --- |\n| 1 | LoRA 为什么有效？ |\n| 2 | 讲讲 DPO 的损失函数 |\n"
          "| 3 | 如何评估 RAG 效果？ |\n")
    assert [q.text for q in questions(md, "markdown")] == ["LoRA 为什么有效？", "讲讲 DPO 的损失函数", "如何评估 RAG 效果？"]


def test_table_html_english_header():
    html = ("<html><body><article><h2>Round 1</h2><table><tr><th>Question</th><th>Short answer</th></tr>"
            "<tr><td>What is speculative decoding?</td><td>A small model drafts, the big one verifies.</td></tr>"
            "<tr><td>Why use GQA?</td><td>It shrinks the KV cache.</td></tr></table></article></body></html>")
    qs = questions(html, "html", title="LLM interview")
    assert [q.text for q in qs] == ["What is speculative decoding?", "Why use GQA?"]
    assert first_answers(qs) == ["A small model drafts, the big one verifies.", "It shrinks the KV cache."]


def test_table_comparison_inside_an_answer_asks_nothing():
    md = ("## 一面\n\n1. LoRA 和全参微调怎么选？\n\n对比如下：\n\n| 方法 | 优点 | 缺点 |\n| --- | --- | --- |\n"
          "| LoRA | 显存省 | 表达能力有限 |\n| 全参 | 效果好 | 成本高 |\n")
    qs = questions(md, "markdown")
    assert asked(qs) == [("LoRA 和全参微调怎么选？", "question", "一面")]
    assert answer(qs[0]) == [("paragraph", "对比如下："), ("paragraph", "方法 | 优点 | 缺点"),
                             ("paragraph", "LoRA | 显存省 | 表达能力有限"), ("paragraph", "全参 | 效果好 | 成本高")]


def test_table_rows_keep_the_section_heading():
    md = "## 手撕代码\n\n| 题号 | 题目 |\n| --- | --- |\n| 56 | 合并区间 |\n| 146 | LRU 缓存 |\n"
    assert asked(questions(md, "markdown")) == [("合并区间", "problem", "手撕代码"), ("LRU 缓存", "problem", "手撕代码")]


# --- run_on ----------------------------------------------------------------------------


def test_run_on_label_and_question_starters():
    qs = questions("一面：自我介绍 讲讲 RoPE 的原理 说说 GQA 和 MQA 的区别 手撕 LayerNorm\n")
    assert asked(qs) == [("讲讲 RoPE 的原理", "question", "一面"), ("说说 GQA 和 MQA 的区别", "question", "一面"),
                         ("手撕 LayerNorm", "problem", "一面")]


def test_coding_problem_written_on_the_spot_and_notes_to_self_after_the_round():
    page = ("一面\n\n1. 讲讲 BERT 的预训练任务\n现场写代码 - 编辑距离（自己定义输入）\n\n待提升点\n\n"
            "1. 回答项目时先讲背景再讲方法\n2. 复习图算法\n")
    assert [(q.text, q.kind) for q in questions(page)] == [("讲讲 BERT 的预训练任务", "question"),
                                                           ("编辑距离（自己定义输入）", "problem")]


def test_coding_problem_a_loose_label_names_only_a_known_problem():
    qs = questions("1. 讲讲 GRPO？\n组内相对优势。\n算法:最长递增子序列\n算法:主要考了动态规划\n")
    assert [(q.text, q.kind) for q in qs] == [("讲讲 GRPO？", "question"), ("最长递增子序列", "problem")]


def test_coding_problem_known_titles_joined_without_a_label_and_a_count_without_a_colon():
    qs = questions("一面\n\n自我介绍完就手撕\n\n接雨水+接雨水的二维版本\n\n都写出来了\n\n二面\n\n"
                   "手撕：两道都不是原题 但有点眼熟\n1. 分糖果的博弈\n2. 背包变体\n\n做完聊了聊项目\n")
    assert [(q.text, q.kind) for q in qs] == [("接雨水", "problem"), ("接雨水的二维版本", "problem"),
                                              ("分糖果的博弈", "problem"), ("背包变体", "problem")]
    assert [q.kind for q in questions("一面\n\nRAG+微调\n\n讲讲 GQA？\n")][:1] != ["problem"]  # no known title


def test_coding_problem_lines_under_one_loose_label_name_problems_when_one_is_known():
    qs = questions("一面\n1. 讲讲 GRPO 的优势估计？\n代码:22. 括号生成\n代码:带掩码的注意力\n二面\n1. 讲讲 DPO？\n"
                   "代码:带掩码的注意力\n")
    assert [(q.text, q.kind) for q in qs] == [("讲讲 GRPO 的优势估计？", "question"), ("22. 括号生成", "problem"),
                                              ("带掩码的注意力", "problem"), ("讲讲 DPO？", "question")]
    assert [b.text for b in qs[-1].answer] == ["代码:带掩码的注意力"]  # alone, the loose label names nothing


def test_a_numbered_coding_task_is_no_heading_of_coding_questions():
    qs = questions("## pytorch 基础\n\n1.手撕模型训练的基本代码（假设数据已经准备好）\n2.讲讲 autograd\n", "markdown")
    assert [q.text for q in qs] == ["手撕模型训练的基本代码（假设数据已经准备好）", "讲讲 autograd"]


def test_run_on_bullets_packing_a_labels_questions_under_a_heading_of_questions():
    md = ("# 求职笔记\n\n## 谈薪\n\n- 年终是否写进合同\n- 绩效多久定一次\n\n## 面试问题\n\n"
          "- 甲公司：GQA原理；合并区间；温度系数作用。\n- 乙公司：手写 LayerNorm\n- 丙公司：合并区间；KV cache 显存估算\n"
          "\n## 更多\n\n- 甲公司：多模态组\n")
    qs = questions(md, "markdown")
    assert asked(qs) == [
        ("GQA原理", "question", "甲公司"), ("合并区间", "problem", "甲公司"), ("温度系数作用", "question", "甲公司"),
        ("手写 LayerNorm", "problem", "乙公司"), ("合并区间", "problem", "丙公司"), ("KV cache 显存估算", "question", "丙公司")]


def test_bullet_topics_under_a_sub_heading_of_a_heading_that_says_they_are_the_questions():
    md = ("# 推荐算法面试\n\n### 能力要求\n\n- 数据分析能力\n- 大数据处理技术\n\n### 技术面问题\n\n#### 关于简历内容部分\n\n"
          "- FM 的公式，求导\n- 特征选择的方法\n  * 过滤式最常用\n\n#### 结合实际场景部分\n\n- 设计一套推荐系统\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.category) for q in qs] == [
        ("FM 的公式，求导", "关于简历内容部分"), ("特征选择的方法", "关于简历内容部分"), ("设计一套推荐系统", "结合实际场景部分")]
    assert [b.text for b in qs[1].answer] == ["过滤式最常用"]  # a nested point stays an answer


def test_run_on_a_bullet_labelled_with_the_kind_of_question_is_no_company():
    md = ("## 一面:基础八股\n\n### 面试题\n\n- 核心考点:详细介绍 CLIP 模型(提示:从对比学习讲起)。\n"
          "- 进阶对比:BLIP2 相较于 BLIP 有哪些改进?BLIP3 又在哪些维度做了优化?\n")
    qs = questions(md, "markdown")
    assert [q.category for q in qs] == ["面试题", "面试题"]
    assert qs[1].text.startswith("进阶对比:BLIP2 相较于 BLIP 有哪些改进?BLIP3")


def test_run_on_inline_numbers_skip_version_numbers():
    qs = questions("二面\n\n1.Qwen2.5 和 Llama3 有什么区别 2.什么是 YaRN 3.DPO 的 beta 有什么作用\n")
    assert asked(qs) == [("Qwen2.5 和 Llama3 有什么区别", "question", "二面"), ("什么是 YaRN", "question", "二面"),
                         ("DPO 的 beta 有什么作用", "question", "二面")]


def test_run_on_separators_and_a_round_label_with_a_note():
    qs = questions("三面：MoE 怎么做负载均衡；专家并行怎么通信；讲讲 DeepSeek 的 MLA\n")
    assert asked(qs) == [("MoE 怎么做负载均衡", "question", "三面"), ("专家并行怎么通信", "question", "三面"),
                         ("讲讲 DeepSeek 的 MLA", "question", "三面")]
    qs = questions("一面（60min）1.讲讲 PPO 的 clip 2.KL 惩罚有什么用 3.reward hacking 怎么缓解\n")
    assert [q.text for q in qs] == ["讲讲 PPO 的 clip", "KL 惩罚有什么用", "reward hacking 怎么缓解"]
    assert {q.category for q in qs} == {"一面（60min）"}


def test_run_on_rounds_that_start_inside_one_line_each_head_their_own_run():
    # a profile page's post: two rounds in one line, a decoration before each round,
    # a number glued to a Latin word with a dot (…TRL5.讲讲…), the author's remark glued to a last question
    page = ("🔥一面 1.自我介绍,聊了聊论文2.说说 MoE 的路由是怎么做的3.为什么要用 TRL5.讲讲 DPO 的损失函数"
            "一面整体来说问得很基础,面试官人不错✅二面1.讲一下 FlashAttention 的思想2.ZeRO 三个阶段分别切了什么"
            "3.写一下 RMSNorm 吧二面更偏工程,问得很细\n")
    qs = questions(page)
    assert [(q.text, q.category) for q in qs] == [
        ("自我介绍,聊了聊论文", "一面"), ("说说 MoE 的路由是怎么做的", "一面"), ("为什么要用 TRL5.讲讲 DPO 的损失函数", "一面"),
        ("讲一下 FlashAttention 的思想", "二面"), ("ZeRO 三个阶段分别切了什么", "二面"), ("写一下 RMSNorm 吧", "二面")]


def test_run_on_sections_numbered_in_chinese_inside_one_line_each_head_their_run():
    # a feed post whose line breaks were lost: 一、name：1.…？2.…？二、name：1.…, and a last part naming a problem
    page = ("一、八股：1.讲讲 GQA 为什么能省显存？2.SFT 的数据怎么配比？二、场景题：1.线上回答变慢了怎么排查？"
            "2.长文本摘要怎么评估？三、手撕：最长公共子序列\n")
    assert [(q.text, q.kind, q.category) for q in questions(page)] == [
        ("讲讲 GQA 为什么能省显存？", "question", "一、八股"), ("SFT 的数据怎么配比？", "question", "一、八股"),
        ("线上回答变慢了怎么排查？", "question", "二、场景题"), ("长文本摘要怎么评估？", "question", "二、场景题"),
        ("最长公共子序列", "problem", "二、场景题")]


def test_run_on_a_lead_in_then_sections_numbered_in_chinese_from_the_first():
    page = "整理一下：一、基础：1.GQA 省了什么？2.RMSNorm 为什么快？二、项目：1.Agent 怎么评估？2.失败怎么兜底\n"
    assert [(q.text, q.category) for q in questions(page)] == [
        ("GQA 省了什么？", "一、基础"), ("RMSNorm 为什么快？", "一、基础"), ("Agent 怎么评估？", "二、项目"), ("失败怎么兜底", "二、项目")]
    # a second of a numbered list (第二、) is no section
    assert {q.category for q in questions("1. 讲讲 LoRA？第二、三个矩阵：A 和 B 怎么初始化\n")} == {""}


def test_run_on_a_section_inside_an_answer_line_stays_text():
    page = "1. LoRA 有什么优缺点？\n一、优点：参数少，训练快，可以合并回原权重。二、缺点：秩太小时表达能力有限。\n"
    qs = questions(page)
    assert [q.text for q in qs] == ["LoRA 有什么优缺点？"]
    assert "二、缺点：秩太小时表达能力有限。" in " ".join(b.text for b in qs[0].answer)


def test_run_on_the_candidates_reply_after_a_space_is_the_answer():
    page = ("记录一下：1、训练数据怎么去重 我说用 MinHash 2、讲一下 GRPO 和 PPO 其他的讲了,GRPO 没答好"
            "3、是否做过 RLHF 表明做过4、为什么要做奖励归一化\n")
    qs = questions(page)
    assert [q.text for q in qs] == ["训练数据怎么去重", "讲一下 GRPO 和 PPO", "是否做过 RLHF", "为什么要做奖励归一化"]
    assert [[b.text for b in q.answer] for q in qs] == [["我说用 MinHash"], ["其他的讲了,GRPO 没答好"], ["表明做过"], []]


def test_run_on_a_glued_number_counts_only_as_the_next_number():
    qs = questions("二面1.讲讲 PPO 的 clip 2.为什么 KL 惩罚要加在 reward 里3.reward hacking 怎么缓解4.讲讲 RLHF5.DPO 为什么不需要 critic\n")
    assert [q.text for q in qs] == ["讲讲 PPO 的 clip", "为什么 KL 惩罚要加在 reward 里", "reward hacking 怎么缓解",
                                    "讲讲 RLHF", "DPO 为什么不需要 critic"]


def test_run_on_a_sentence_that_leads_into_numbered_questions_is_no_question():
    page = ("周二面完，感觉聊得还可以，凭记忆整理一下：1、RAG 的召回用的什么模型 2、为什么要做重排？ "
            "3、长文档怎么切块 4、讲讲 GRPO 和 PPO 的区别 5、反问\n")
    assert [q.text for q in questions(page)] == ["RAG 的召回用的什么模型", "为什么要做重排？", "长文档怎么切块",
                                                 "讲讲 GRPO 和 PPO 的区别"]
    assert {q.category for q in questions(page)} == {""}  # "周二面" is narration here, not a round's label
    # points of an answer after a colon stay the answer's text
    answer_points = "显存主要花在三处：1、模型权重 2、优化器状态 3、激活值\n"
    qs = questions("1. 训练时显存花在哪？\n\n" + answer_points)
    assert [q.text for q in qs] == ["训练时显存花在哪？"] and "优化器状态" in " ".join(b.text for b in qs[0].answer)


def test_run_on_narrated_questions_with_their_answers():
    qs = questions("面试官先问了 PPO 里 critic 的作用，我说用来估计价值降低方差。然后又问我 GAE 是怎么算的，我说按 lambda 加权多步 TD 误差。\n")
    assert [q.text for q in qs] == ["PPO 里 critic 的作用", "GAE 是怎么算的"]
    assert first_answers(qs) == ["用来估计价值降低方差", "按 lambda 加权多步 TD 误差"]


def test_run_on_a_line_that_tells_one_question():
    page = ("二面\n\n挑一个项目介绍一下\n问了特征交叉怎么做\n问了离线评估：我说看 AUC 和 GAUC\n"
            "问了面试官组里做什么\n问了期望薪资、到岗时间\n")
    qs = questions(page)
    assert [(q.text, first_answers([q])[0]) for q in qs] == [("特征交叉怎么做", ""), ("离线评估", "我说看 AUC 和 GAUC")]
    coding = questions("一面\n\n1. 讲讲 GQA\n2. RoPE 怎么外推\n最后手写一个快排，终止条件写反了\n")
    assert [(q.text, q.kind) for q in coding][-1] == ("手写一个快排", "problem")


def test_run_on_a_narrated_coding_problem_written_by_hand():
    qs = questions("先问了 RMSNorm 和 LayerNorm 的区别，我说少了减均值。最后手写一个归并排序，写得比较顺利。\n")
    assert [q.text for q in qs] == ["RMSNorm 和 LayerNorm 的区别", "手写一个归并排序"]


def test_run_on_a_told_interview_in_paragraphs():
    text = ("## 面试\n\n先聊项目，问了数据怎么清洗的，我说用规则加模型打分。\n\n"
            "然后让讲解一下 MoE 的路由，这块我没法细讲，只说了个大概。\n\n"
            "然后让讲 Transformer 的结构，我大致讲了下，然后问 LayerNorm 放哪，问为什么现在都用 decoder-only，"
            "大致说了下和 encoder 的区别，然后讲的比较宏观。\n\n"
            "所以面试官问了 vLLM 了解多少，这块我不太熟。然后问关于长上下文这块的看法，然后我说主要靠外推。\n\n"
            "之后就是反问环节了，我问了问他们组做什么的，然后问转正比例。整体面试官追问，很多我答不上。\n")
    qs = questions(text, "markdown")
    assert [q.text for q in qs] == [
        "数据怎么清洗的", "讲解一下 MoE 的路由", "讲 Transformer 的结构", "LayerNorm 放哪", "为什么现在都用 decoder-only",
        "vLLM 了解多少", "关于长上下文这块的看法"]
    assert [b.text for b in qs[1].answer] == ["这块我没法细讲，只说了个大概"]


def test_notes_of_rounds_in_parts_with_plain_lines_english_q_labels_and_notes_to_self():
    md = ("# Interview Notes\n\n## 某厂 （NLP算法）\n\n一面 2021.03.02 远程 1h05min\n\n**PART ONE**  \n自我介绍\n\n"
          "**PART TWO**  \n为什么做 NLP  \n聊做过的项目  \n对最近的检索增强有没有了解  \n情景问题：客服意图识别怎么做\n\n"
          "## Some Company - Data Scientist\n\n**PART ONE**  \nQ: why not a topic model  \nQ: how to encode words  \n\n"
          "**Improvements in the future**\n\n1. Review time series models\n2. Boxplot\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.category) for q in qs] == [
        ("为什么做 NLP", "PART TWO"), ("聊做过的项目", "PART TWO"), ("对最近的检索增强有没有了解", "PART TWO"),
        ("情景问题：客服意图识别怎么做", "PART TWO"), ("why not a topic model", "PART ONE"), ("how to encode words", "PART ONE")]


def test_run_on_an_answer_in_which_the_interviewer_asks_on():
    md = ("# 面经\n\n## 1.2023年社招\n\n#### **面试流程**\n\n**1、介绍下矩阵分解。**\n\n"
          "我讲了分解成用户和物品的隐向量，其中提到了正则，面试官又追问 L1 和 L2 正则的区别，我从稀疏性的角度解释的。\n\n"
          "**2、了解哪些排序模型？**\n\n我说了几个，面试官又问了 LambdaMART 的原理，我大致说了下。\n\n"
          "**3、讲讲 word2vec。**\n\n讲了两种模型，他又让我讲一下负采样，大致说了下。\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.kind) for q in qs] == [
        ("介绍下矩阵分解。", "question"), ("L1 和 L2 正则的区别", "followup"), ("了解哪些排序模型？", "question"),
        ("LambdaMART 的原理", "followup"), ("讲讲 word2vec。", "question"), ("讲一下负采样", "followup")]
    assert [b.text for b in qs[1].answer] == ["我从稀疏性的角度解释的"]
    assert qs[0].answer[0].text.startswith("我讲了分解成用户和物品的隐向量")


def test_run_on_a_packed_piece_ending_in_a_latin_term_keeps_it():
    md = "## 面试问题\n\n- 丙公司：合并区间；为什么现在都用 RMSNorm。\n"
    assert [q.text for q in questions(md, "markdown")] == ["合并区间", "为什么现在都用 RMSNorm"]


def test_run_on_a_diary_with_dated_steps_and_no_coding_round():
    text = ("蚂蚁 NLP 面经\n4.21 投简历\n4.25 一面\n1. 讲讲 RoPE？\n2. LoRA 的实现过程\n"
            "4.27 二面\n无手撕,直接拷打论文,期间问了一点八股。\n")
    qs = questions(text)
    assert [(q.text, q.kind, q.category) for q in qs] == [
        ("讲讲 RoPE？", "question", "4.25 一面"), ("LoRA 的实现过程", "question", "4.25 一面")]
    told = questions("一面\n先问了 GQA 的原理，我说分组共享。(我以为是问我工程上的实现，答得一般) 又问了 KV cache 怎么估算，我说按层数算。\n")
    assert [q.text for q in told] == ["GQA 的原理", "KV cache 怎么估算"]


def test_run_on_told_lines_that_start_with_first_or_a_bare_ask():
    text = ("# 某厂, MLE\n先是大量基础的提问.\n\n先问了逻辑回归的数学表达式, 我忘了, 说成了线性回归.\n\n"
            "然后问损失函数, 我说了MSE, 考官要的是交叉熵.\n\n接下来问正则化, 公式答的不错.\n\n问题不大, 下次注意.\n")
    assert [q.text for q in questions(text, "markdown")] == ["逻辑回归的数学表达式", "损失函数", "正则化"]


def test_run_on_a_numbered_line_with_a_second_question_after_a_dash_is_two_questions():
    page = "二面\n\n1. 微调有哪些方案？你自己做过吗？ - 分词器为什么会影响效果？\n2. 讲讲 MoE 的路由\n"
    assert [q.text for q in questions(page)] == ["微调有哪些方案？你自己做过吗？", "分词器为什么会影响效果？", "讲讲 MoE 的路由"]
    # a dash inside the question is no cut, and a piece after it that does not ask is its answer
    same = "二面\n\n1. 用 LoRA 微调 - 显存能省多少？\n2. 为什么选 Qwen？ - 因为中文好\n"
    assert [q.text for q in questions(same)] == ["用 LoRA 微调 - 显存能省多少？", "为什么选 Qwen？"]


def test_run_on_answer_sentence_with_numbered_points_is_not_split():
    qs = questions("1. 如何缓解幻觉？\n可以从三方面入手：1. 用检索增强引入外部知识 2. 在训练数据中清洗错误事实 3. 解码时降低温度。\n")
    assert [q.text for q in qs] == ["如何缓解幻觉？"]
    assert answer(qs[0]) == [("paragraph", "可以从三方面入手：1. 用检索增强引入外部知识 2. 在训练数据中清洗错误事实 3. 解码时降低温度。")]


def test_run_on_answer_sentence_with_semicolons_is_not_split():
    qs = questions("1. LoRA 的优缺点？\n优点是显存占用小；缺点是表达能力受秩限制；另外推理时可以合并权重。\n")
    assert [q.text for q in qs] == ["LoRA 的优缺点？"]
    assert answer(qs[0]) == [("paragraph", "优点是显存占用小；缺点是表达能力受秩限制；另外推理时可以合并权重。")]


def test_an_article_answering_its_title_keeps_its_use_cases_as_answer():
    """A post that answers the question of its title, down to numbered use
    cases with 场景：/ 痛点： points (the last with one point only): one
    question, the points its answer."""
    text = ("面试官：说说向量检索在推荐里怎么用？\n\n先用双塔模型离线算好物品向量。\n\n典型用法\n\n"
            "1. 相似商品\n\n  • 场景：详情页的看了又看。\n  • 痛点：类目多，规则难维护。\n\n"
            "2.冷启动召回\n\n  • 场景：新上架的商品没有行为数据。\n")
    qs = questions(text, title="面试官：说说向量检索在推荐里怎么用？")
    assert [q.text for q in qs] == ["说说向量检索在推荐里怎么用？"]
    assert "场景：新上架的商品没有行为数据。" in [b.text for b in qs[0].answer]


# --- coding_problem --------------------------------------------------------------------


def test_coding_problem_numbered_written_test_with_code():
    md = "## 笔试\n\n【笔试】第一题：最长回文子串\n\n```python\ndef longest(s):\n    return s\n```\n\n中心扩展，O(n^2)。\n"
    qs = questions(md, "markdown")
    assert asked(qs) == [("最长回文子串", "problem", "笔试")]
    assert answer(qs[0]) == [("code", "def longest(s):\n    return s"), ("paragraph", "中心扩展，O(n^2)。")]


def test_coding_problem_hand_written_and_leetcode_number_need_no_code():
    qs = questions("一面\n\n一面手撕：反转链表 II\n\n头插法，一次遍历即可。\n\nLC 42. 接雨水\n\n双指针，维护左右最大值。\n")
    assert asked(qs) == [("反转链表 II", "problem", "一面"), ("LC 42. 接雨水", "problem", "一面")]
    assert first_answers(qs) == ["头插法，一次遍历即可。", "双指针，维护左右最大值。"]


def test_coding_problem_several_named_on_one_line():
    qs = questions("1. 讲讲 KV cache 的显存占用怎么估算？\n手撕代码：合并 K 个升序链表 + 岛屿数量\n")
    assert asked(qs) == [("讲讲 KV cache 的显存占用怎么估算？", "question", ""),
                         ("合并 K 个升序链表", "problem", ""), ("岛屿数量", "problem", "")]
    one = questions("手撕算法：给定一个只含 0 和 1 的矩阵，求全为 1 的最大正方形面积，并分析复杂度\n")
    assert [q.kind for q in one] == ["problem"] and one[0].text.startswith("给定一个只含 0 和 1 的矩阵")


def test_coding_problem_label_before_a_leetcode_number():
    qs = questions("二面加面：LeetCode 239 滑动窗口最大值\n单调队列。\n")
    assert [(q.text, q.kind) for q in qs] == [("LeetCode 239 滑动窗口最大值", "problem")]
    assert answer(qs[0]) == [("paragraph", "单调队列。")]


def test_coding_problem_leetcode_named_inside_an_answer_stays_answer():
    qs = questions("1. 什么是 beam search？\n每步保留 k 个最优序列，这题和 LC 127 单词接龙的思路有点像。\n")
    assert asked(qs) == [("什么是 beam search？", "question", "")]
    assert answer(qs[0]) == [("paragraph", "每步保留 k 个最优序列，这题和 LC 127 单词接龙的思路有点像。")]


def test_coding_problem_remark_about_a_problem_is_no_problem():
    qs = questions("1. 什么是 beam search？\n每步保留 k 个最优序列。\n第二题没写出来，面试官说没关系。\n")
    assert asked(qs) == [("什么是 beam search？", "question", "")]


def test_coding_problem_a_line_announcing_problems_makes_each_listed_line_one():
    nested = questions("一面\n1. 讲讲 RoPE？\n2. 代码实操：买卖股票系列两道题(单次与多次交易)：\n"
                       "    1. 买卖股票的最佳时机(单次交易)；\n    2. 买卖股票的最佳时机 II；\n3. 讲讲 LoRA 的原理？\n")
    assert asked(nested) == [("讲讲 RoPE？", "question", "一面"), ("买卖股票的最佳时机(单次交易)", "problem", "一面"),
                             ("买卖股票的最佳时机 II", "problem", "一面"), ("讲讲 LoRA 的原理？", "question", "一面")]
    flat = questions("二面\n\n最后手撕了两道：\n1. 合并区间\n2. 岛屿数量\n")
    assert asked(flat) == [("合并区间", "problem", "二面"), ("岛屿数量", "problem", "二面")]
    known = questions("二面\n\n最后手撕了两道：\n反转链表\n接雨水\n")
    assert asked(known) == [("反转链表", "problem", "二面"), ("接雨水", "problem", "二面")]
    # a list longer than the line says is not the announced one; a list of questions under 八股 is no coding
    assert [q.kind for q in questions("一面\n\n代码题两道：\n1. 合并区间\n2. 岛屿数量\n3. 讲讲 GQA？\n")][-1] == "question"
    assert {q.kind for q in questions("一面\n\n八股问了两道：\n1. 讲讲 GQA？\n2. RoPE 怎么外推？\n")} == {"question"}


def test_coding_problem_a_task_list_under_a_coding_heading_after_the_authors_tip():
    md = ("## 面经\n\n### 一、数据算法题\n\n> Tips: 这块内容较少，放在前面写\n\n- [ ] **求正数平方根**\n\n"
          "  [解答](https://leetcode.example/p/1)\n\n- [x] **两个链表是否相交**\n\n### 二、DL算法题\n\n1. **IOU 计算**\n\n"
          "2. **BN的实现**\n\n   注意 BN 的均值和方差是在哪个维度求的，均值是滑动平均的值。基于 Numpy 实现\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.kind, q.category) for q in qs] == [
        ("求正数平方根", "problem", "数据算法题"), ("两个链表是否相交", "problem", "数据算法题"),
        ("IOU 计算", "problem", "DL算法题"), ("BN的实现", "problem", "DL算法题")]
    assert qs[-1].answer[0].text.startswith("注意 BN 的均值")


def test_coding_problem_a_lazily_numbered_list_under_a_bare_algorithm_heading():
    md = "## 某厂\n\n### 算法\n\n1. NMS 算法\n1. 前序遍历\n1. 第一个只出现一次的字符\n\n### 问题\n\n1. 讲讲 GQA？\n"
    assert [(q.text, q.kind) for q in questions(md, "markdown")] == [
        ("NMS 算法", "problem"), ("前序遍历", "problem"), ("第一个只出现一次的字符", "problem"), ("讲讲 GQA？", "question")]


# --- choice ----------------------------------------------------------------------------


def test_choice_stems_with_their_options_and_one_whose_options_were_a_picture():
    md = ("# 机器学习笔试题\n\n## Q1 正则化\n\n对线性模型而言，哪一项最能缓解过拟合。\n\n- A 增加特征\n- B L2 正则\n- C 减少样本\n\n"
          "答案\n\nB 权重变小，模型更平滑。\n\n## Q2 评估\n\n下面哪条曲线的 AUC 最大。\n\n答案\n\n第二条。\n\n"
          "## Q3 优化\n\n学习率过大时：\n\nA. 不收敛  \nB. 收敛更快\n\n答案\n\nA\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.category) for q in qs] == [
        ("对线性模型而言，哪一项最能缓解过拟合。", "Q1 正则化"), ("下面哪条曲线的 AUC 最大。", "Q2 评估"), ("学习率过大时：", "Q3 优化")]
    assert [b.text for b in qs[0].answer][:3] == ["A 增加特征", "B L2 正则", "C 减少样本"]
    assert qs[1].answer[-1].text == "第二条。"


def test_lines_that_only_look_like_todays_shapes_keep_their_reading():
    # an answer's lettered points are no options; an answer's steps after 如下 are no problems
    qs = questions("1. 有哪些并行方式？\n主要有三种：\na. 数据并行\nb. 张量并行\nc. 流水线并行\n"
                   "2. 讲讲 NMS\n代码逻辑如下：\n1) 按置信度排序\n2) 去掉重叠框\n")
    assert [(q.text, q.kind) for q in qs] == [("有哪些并行方式？", "question"), ("讲讲 NMS", "question")]
    assert qs[0].answer[0].text == "主要有三种："
    # a section's numbered question is no date; a sentence that tells a coding task is no round summary
    assert [q.text for q in questions("## 2 评估\n2.1 BLEU 怎么算？\n2.2 测评指标有哪些？\n")] == [
        "BLEU 怎么算？", "测评指标有哪些？"]
    told = questions("一面\n1. 讲讲 RoPE？\n一面面试官还让我手撕了 LRU 缓存，用哈希表加双向链表写的。\n二面\n1. 讲讲 DPO？\n")
    assert [b.text for b in told[0].answer] == ["一面面试官还让我手撕了 LRU 缓存，用哈希表加双向链表写的。"]
    # facts under a heading of questions are no questions; an English heading that tells is no question
    facts = questions("# 某厂面经\n\n## 技术面问题\n\n- 岗位：大模型算法\n- 时长：1h\n- 讲讲 LoRA 的原理\n- KV cache\n",
                      "markdown")
    assert [q.text for q in facts] == ["讲讲 LoRA 的原理", "KV cache"]
    assert [q.text for q in questions("## How I prepared\n\nI read papers.\n\n## Q1: What is GQA?\n\nShared KV heads.\n",
                                      "markdown")] == ["What is GQA?"]


# --- outline ---------------------------------------------------------------------------


def test_outline_markdown_topics_with_nested_questions():
    md = ("- 位置编码\n  - RoPE 为什么能外推？\n  - ALiBi 的原理\n"
          "- 量化\n  - GPTQ 和 AWQ 的区别\n  - INT4 量化怎么保精度？\n")
    assert asked(questions(md, "markdown")) == [
        ("RoPE 为什么能外推？", "question", "位置编码"), ("ALiBi 的原理", "question", "位置编码"),
        ("GPTQ 和 AWQ 的区别", "question", "量化"), ("INT4 量化怎么保精度？", "question", "量化"),
    ]


def test_outline_indented_text_lines():
    text = ("一面\n\n推理加速\n  KV cache 原理\n  投机解码为什么能加速？\n"
            "训练\n  ZeRO 三个阶段分别切了什么？\n  梯度累积有什么用？\n")
    assert asked(questions(text)) == [
        ("KV cache 原理", "question", "推理加速"), ("投机解码为什么能加速？", "question", "推理加速"),
        ("ZeRO 三个阶段分别切了什么？", "question", "训练"), ("梯度累积有什么用？", "question", "训练"),
    ]


def test_outline_a_copied_nested_list_whose_topics_lost_their_markers_line():
    # the outer items hold a block, so the copy put their marker alone on its line;
    # the inner items keep theirs; a topic may name what it asks (原理), 代码题 heads problems
    text = ("某厂二面\n-\n推理加速\n- 投机解码为什么能加速\n- 连续批处理怎么调度\n-\nRoPE 原理\n- 解释 RoPE 的外推\n"
            "-\n代码题\n- 42. 接雨水\n- 手写 LayerNorm\n")
    assert asked(questions(text)) == [
        ("投机解码为什么能加速", "question", "推理加速"), ("连续批处理怎么调度", "question", "推理加速"),
        ("解释 RoPE 的外推", "question", "RoPE 原理"), ("42. 接雨水", "problem", "代码题"), ("手写 LayerNorm", "problem", "代码题")]
    # every item with its marker alone: one flat list, nothing nested
    flat = "某厂二面\n-\n投机解码为什么能加速\n-\n连续批处理怎么调度\n"
    assert asked(questions(flat)) == [("投机解码为什么能加速", "question", "某厂二面"), ("连续批处理怎么调度", "question", "某厂二面")]


def test_outline_numbered_topics_in_latin_words_head_their_nested_questions():
    text = ("字节一面\n  1. Transformer Decoder Mask\n    • 为什么要对未来信息做 Mask?\n"
            "    • 在代码实现中, Mask 是如何作用在注意力分数上的?\n  2. 对齐问题：SFT & RLHF\n"
            "    • 为什么基础模型不听指令?\n    • 训练流程一般分几步?\n  3. 模型压缩\n    • 剪枝会降低计算量。\n")
    assert asked(questions(text)) == [
        ("为什么要对未来信息做 Mask?", "question", "Transformer Decoder Mask"),
        ("在代码实现中, Mask 是如何作用在注意力分数上的?", "question", "Transformer Decoder Mask"),
        ("为什么基础模型不听指令?", "question", "对齐问题：SFT & RLHF"),
        ("训练流程一般分几步?", "question", "对齐问题：SFT & RLHF"),
        ("模型压缩", "question", "字节一面")]


def test_outline_a_notion_tree_with_code_at_the_margin_and_topics_above_topics():
    md = ("# 八股\n\n- 基础\n    - 注意力篇\n        - 为什么要除以根号 d？\n\n            方差会随维度变大：\n\n"
          "            1. 点积变大\n            2. softmax 饱和\n\n"
          "        - 怎么实现注意力？\n\n            ```python\n            def attn(q, k, v):\n                return q\n            ```\n\n"
          "        - MQA 和 GQA 的区别是什么？\n\n            共享 K/V 的头数不同。\n\n"
          "- 训练\n    - 微调篇\n        - LoRA 为什么省显存？\n\n            1. 可训练参数少\n            2. 冻结部分不存梯度\n\n"
          "        - LoRA 的学习率为什么更大？\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.category) for q in qs] == [
        ("为什么要除以根号 d？", "注意力篇"), ("怎么实现注意力？", "注意力篇"), ("MQA 和 GQA 的区别是什么？", "注意力篇"),
        ("LoRA 为什么省显存？", "微调篇"), ("LoRA 的学习率为什么更大？", "微调篇")]
    assert [b.text for b in qs[2].answer] == ["共享 K/V 的头数不同。"]  # the next topic (训练) is no answer


def test_a_note_of_spaced_questions_then_lists_under_section_names():
    text = ("常见面试问题\n\nXGBoost 和 LightGBM 的联系与区别(可以引申到 Bagging)\n\n如何解决过拟合?\n\n"
            "多任务模型的演进过程\n\n高频八股\n\n1、AUC\n\n2、优化器\n\n推荐最高频八股(一)\n\n"
            "1.评估特征重要性有哪些方法\n2.DIN 模型的细节\n\n参考笔记:http://example.com/n/1\n")
    qs = questions(text, title="")
    assert [(q.text, q.category) for q in qs] == [
        ("XGBoost 和 LightGBM 的联系与区别(可以引申到 Bagging)", ""), ("如何解决过拟合?", ""), ("多任务模型的演进过程", ""),
        ("AUC", "高频八股"), ("优化器", "高频八股"), ("评估特征重要性有哪些方法", "推荐最高频八股(一)"),
        ("DIN 模型的细节", "推荐最高频八股(一)")]


def test_outline_a_topic_whose_nested_list_mostly_asks_makes_every_item_a_question():
    # one list, read as a whole (as bullet_list reads one): the item that only states is asked too,
    # not left for a point of the question before it
    doc = SourceDocument(id="t", path="t", kind="scraped", format="text",
                         text="一面\n- 基础\n  - 讲讲 RoPE？\n  - 列举一些典型特征。\n  - 为何用 GQA？\n")
    tagged = shaped(clean(extract(doc)))
    assert [(t.tag, t.text) for t in tagged if t.text][-4:] == [
        ("heading", "基础"), ("asked", "讲讲 RoPE？"), ("asked", "列举一些典型特征。"), ("asked", "为何用 GQA？")]


def test_outline_a_fact_above_an_indented_list_is_no_topic():
    text = "一面\n\n时长:45min\n  1. 讲讲 GQA\n  2. RMSNorm 为什么快？\n"
    assert asked(questions(text)) == [("讲讲 GQA", "question", "一面"), ("RMSNorm 为什么快？", "question", "一面")]


def test_outline_markdown_headings_over_questions_numbered_otherwise_are_sections():
    md = ("# 面经\n\n## 1.2023年秋招\n\n#### 面试流程\n\n1、自我介绍。\n\nbalabala......\n\n2、介绍下 GQA。\n\n"
          "我说了查询头分组共享键值。\n\n3、说一下 RoPE 的外推。\n\n## 2.总结\n\n凉了。\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.category) for q in qs] == [("介绍下 GQA。", "面试流程"), ("说一下 RoPE 的外推。", "面试流程")]
    assert first_answers(qs) == ["我说了查询头分组共享键值。", ""]
    # a question heading over the numbered points of its answer stays a question
    points = "### 1. 讲讲 LoRA\n\n1、冻结原权重。\n2、只训练低秩矩阵。\n"
    assert [q.text for q in questions(points, "markdown")] == ["讲讲 LoRA"]


def test_outline_a_team_in_brackets_heads_the_questions_nested_under_it():
    md = ("## 字节\n\n1. （游戏 AI）\n   - 大规模集群的算力怎么分\n   - 介绍 on-policy 和 off-policy\n"
          "   - PPO 对 TRPO 的改进\n   - 训练集群的规模\n")
    qs = questions(md, "markdown")
    assert [(q.text, q.category) for q in qs] == [
        ("大规模集群的算力怎么分", "（游戏 AI）"), ("介绍 on-policy 和 off-policy", "（游戏 AI）"),
        ("PPO 对 TRPO 的改进", "（游戏 AI）"), ("训练集群的规模", "（游戏 AI）")]


def test_outline_nested_points_of_an_answer_stay_items():
    md = ("1. 如何做长文本外推？\n\n- 位置插值\n  - 线性缩放位置索引\n  - 需要少量微调\n"
          "- NTK 缩放\n  - 调整 RoPE 的 base\n  - 可以不微调\n")
    qs = questions(md, "markdown")
    assert asked(qs) == [("如何做长文本外推？", "question", "")]
    assert [b.text for b in qs[0].answer] == ["位置插值", "线性缩放位置索引", "需要少量微调", "NTK 缩放", "调整 RoPE 的 base", "可以不微调"]
    assert {b.kind for b in qs[0].answer} == {"item"}


# --- bullet_list -----------------------------------------------------------------------


def test_bullet_list_of_questions_prompts_included():
    md = "## 一面\n\n- LoRA 的原理是什么？\n- KV cache 原理\n- 手撕 MHA\n\n## 二面\n\n- 介绍一下 RLHF\n- DPO 和 PPO 的区别\n"
    assert asked(questions(md, "markdown")) == [
        ("LoRA 的原理是什么？", "question", "一面"), ("KV cache 原理", "question", "一面"), ("手撕 MHA", "problem", "一面"),
        ("介绍一下 RLHF", "question", "二面"), ("DPO 和 PPO 的区别", "question", "二面"),
    ]


def test_bullet_list_next_to_numbered_questions_counts_only_plain_questions():
    asking = "## 一面\n\n1. 如何选择 LoRA 的 rank？\n\n- rank 太小会欠拟合吗？\n- alpha 应该怎么配？\n"
    assert [q.text for q in questions(asking, "markdown")] == ["如何选择 LoRA 的 rank？", "rank 太小会欠拟合吗？", "alpha 应该怎么配？"]
    prompts = "## 一面\n\n1. 如何选择 LoRA 的 rank？\n\n- 讲讲任务难度的影响\n- 说说数据量的影响\n"
    qs = questions(prompts, "markdown")
    assert [q.text for q in qs] == ["如何选择 LoRA 的 rank？"]
    assert answer(qs[0]) == [("item", "讲讲任务难度的影响"), ("item", "说说数据量的影响")]


def test_bullet_list_one_dash_question_among_unanswered_numbered_questions_is_one_of_them():
    page = ("一面\n\n1. 讲讲 RoPE 的原理？\n2. 为什么要做 KV cache？\n"
            "- MHA、MQA、GQA 三种注意力各有什么取舍？\n3. DPO 和 PPO 有什么区别？\n")
    assert [q.text for q in questions(page)] == [
        "讲讲 RoPE 的原理？", "为什么要做 KV cache？", "MHA、MQA、GQA 三种注意力各有什么取舍？", "DPO 和 PPO 有什么区别？"]
    # under a question that has its answer, or followed by a point that states, it is part of the answer
    answered = "1. 为什么要做 KV cache？\n   避免重复计算历史 token。\n- 显存够用吗？\n2. DPO 和 PPO 有什么区别？\n"
    assert [q.text for q in questions(answered)] == ["为什么要做 KV cache？", "DPO 和 PPO 有什么区别？"]
    outline = "1. 为什么要做 KV cache？\n- 能省多少计算？\n- 用空间换时间\n2. DPO 和 PPO 有什么区别？\n"
    assert [q.text for q in questions(outline)] == ["为什么要做 KV cache？", "DPO 和 PPO 有什么区别？"]


def test_bullet_list_points_of_an_answer_stay_items():
    qs = questions("1. 如何缓解过拟合？\n\n常见方法：\n\n- 数据增强，扩充样本\n- 加正则化项\n- 早停\n")
    assert [q.text for q in qs] == ["如何缓解过拟合？"]
    assert answer(qs[0]) == [("paragraph", "常见方法："), ("item", "数据增强，扩充样本"), ("item", "加正则化项"), ("item", "早停")]
    assert questions("## 二面\n\n- 模型用的是 Qwen2-7B\n- 数据有十万条\n- 训练了三天\n", "markdown") == []


def test_bullet_list_under_a_coding_heading_every_item_but_a_label_is_a_problem():
    md = "## 手撕\n\n- 最小栈\n- 二叉树的右视图\n- 代码实现\n\n```python\nclass MinStack:\n    pass\n```\n"
    qs = questions(md, "markdown")
    assert asked(qs) == [("最小栈", "problem", "手撕"), ("二叉树的右视图", "problem", "手撕")]
    assert answer(qs[1]) == [("item", "代码实现"), ("code", "class MinStack:\n    pass")]


def test_bullet_list_a_list_of_topics_among_sections_of_questions_is_questions():
    md = ("# 面经合集\n\n## 甲公司\n\n1. CRF 的原理\n2. Dropout\n3. 讲讲 LDA\n\n## 乙公司\n\n1. HMM\n2. 梯度消失怎么办\n\n"
          "## 丙公司\n\n- 最长公共子串\n- FastText 的 sub-word\n- 位置编码\n")
    assert [(q.text, q.category) for q in questions(md, "markdown")][-3:] == [
        ("最长公共子串", "丙公司"), ("FastText 的 sub-word", "丙公司"), ("位置编码", "丙公司")]
    # points of a note under a heading of another level stay points
    notes = ("# 面经合集\n\n## 甲公司\n\n1. CRF 的原理\n2. Dropout\n\n## 乙公司\n\n1. HMM\n2. 梯度消失怎么办\n\n"
             "### 优点\n\n- 训练快\n- 省显存\n")
    assert [q.text for q in questions(notes, "markdown")] == ["CRF 的原理", "Dropout", "HMM", "梯度消失怎么办"]


def test_bullet_list_one_asking_item_alone_under_each_round():
    md = "## 二面\n\n- 聊聊你对 Agent 的理解\n\n## 三面\n\n- 讲讲 MCP 协议\n"
    assert asked(questions(md, "markdown")) == [("聊聊你对 Agent 的理解", "question", "二面"), ("讲讲 MCP 协议", "question", "三面")]


# --- single_question -------------------------------------------------------------------


def test_single_question_title_with_question_mark_takes_the_whole_body():
    text = ("LoRA 中 B 矩阵为什么初始化为 0？\n\n这样训练开始时 BA 为零，模型输出与预训练模型一致。\n\n"
            "1. 保证起点稳定\n2. A 用随机初始化，保证梯度不为零\n")
    qs = questions(text, title="")
    assert asked(qs) == [("LoRA 中 B 矩阵为什么初始化为 0？", "question", "")]
    assert answer(qs[0]) == [("paragraph", "这样训练开始时 BA 为零，模型输出与预训练模型一致。"),
                             ("paragraph", "1. 保证起点稳定"), ("paragraph", "2. A 用随机初始化，保证梯度不为零")]


def test_single_question_prompt_title_with_a_body_that_asks_nothing():
    md = "# KV cache 原理\n\n推理时缓存历史 token 的 K 和 V，避免重复计算。\n\n## 显存占用\n\n与层数、头数和序列长度成正比。\n"
    qs = questions(md, "markdown", title="")
    assert asked(qs) == [("KV cache 原理", "question", "")]
    assert [b.text for b in qs[0].answer] == ["推理时缓存历史 token 的 K 和 V，避免重复计算。", "显存占用", "与层数、头数和序列长度成正比。"]


def test_single_question_answer_sections_that_ask_stay_in_the_answer():
    html = ("<html><head><title>为什么大模型都用 RMSNorm？</title></head><body><article><h1>为什么大模型都用 RMSNorm？</h1>"
            "<p>RMSNorm 去掉了均值项，计算更少。</p><h2>和 LayerNorm 的区别是什么？</h2><p>只按均方根缩放。</p></article></body></html>")
    qs = questions(html, "html", title="")
    assert [q.text for q in qs] == ["为什么大模型都用 RMSNorm？"]
    assert [b.text for b in qs[0].answer] == ["RMSNorm 去掉了均值项，计算更少。", "和 LayerNorm 的区别是什么？", "只按均方根缩放。"]


def test_single_question_an_interview_title_is_not_a_question():
    qs = questions("字节一面面经\n\n1. 讲讲 LoRA 的原理\n低秩分解。\n2. RoPE 怎么外推？\n位置插值。\n", title="")
    assert [q.text for q in qs] == ["讲讲 LoRA 的原理", "RoPE 怎么外推？"]
    assert first_answers(qs) == ["低秩分解。", "位置插值。"]


def test_single_question_prompt_title_over_a_body_of_questions_is_not_a_question():
    md = "# KV cache 原理\n\n1. KV cache 为什么能加速？\n\n避免重复计算。\n\n2. 显存怎么估算？\n\n按层数乘头数乘长度。\n"
    qs = questions(md, "markdown", title="")
    assert [q.text for q in qs] == ["KV cache 为什么能加速？", "显存怎么估算？"]
    assert first_answers(qs) == ["避免重复计算。", "按层数乘头数乘长度。"]


def test_single_question_a_first_line_that_is_one_of_the_questions_is_no_title_question():
    qs = questions("1. 什么是 LoRA？\nLoRA 是低秩适配。\n2. 什么是 RoPE？\nRoPE 是旋转位置编码。\n", title="")
    assert [q.text for q in qs] == ["什么是 LoRA？", "什么是 RoPE？"]


# --- the registry ----------------------------------------------------------------------


def test_registry_lists_every_module_in_priority_order():
    registry = build_shapes()
    defined = [importlib.import_module(f"generator.scrape.shapes.{module}").SHAPE for module in MODULES]
    assert [shape.name for shape in defined] == list(MODULES)
    assert len({shape.priority for shape in defined}) == len(defined)
    assert registry.names() == [shape.name for shape in sorted(defined, key=lambda s: -s.priority)]
    assert [shape.priority for _, shape in registry] == sorted((s.priority for s in defined), reverse=True)
    # the order the shapes rely on: furniture and asides first (我提问： is an aside's marker before it is
    # a speaker's label), the whole-page fallback last
    names = registry.names()
    assert names[:4] == ["title_line", "asides", "label_lines", "speaker_labels"] and names[-1] == "single_question"
    assert names.index("outline") < names.index("bullet_list")


def test_every_rules_section_belongs_to_a_shape():
    sections = {f.name for f in dataclasses.fields(data.load("shapes.yml"))}
    assert sections <= set(MODULES)


def raw_tags(monkeypatch, text: str, fmt: str = "text"):
    """The page's tagged lines before any shape ran, and its PageInfo."""
    seen = {}
    monkeypatch.setattr(shapes, "apply", lambda lines, info, registry=None: seen.update(lines=lines, info=info) or lines)
    doc = SourceDocument(id="t", path="t", kind="scraped", format=fmt, text=text, meta=SourceMeta(title=INTERVIEW))
    shaped(clean(extract(doc)))
    monkeypatch.undo()
    return seen["lines"], seen["info"]


def test_apply_skips_a_deregistered_shape(monkeypatch):
    lines, info = raw_tags(monkeypatch, "## 一面\n\n- KV cache 原理\n- 手撕 MHA\n", "markdown")
    assert [t.tag for t in lines] == ["heading", "item", "item"]
    assert [t.tag for t in apply(lines, info)] == ["heading", "numbered", "numbered"]
    registry = build_shapes()
    registry.deregister("bullet_list")
    assert [t.tag for t in apply(lines, info, registry)] == ["heading", "item", "item"]


# --- asides: a table of contents ---------------------------------------------------------


def test_asides_contents_entries_that_come_again_below_are_not_asked_twice():
    qs = questions("## 目录\n\n- Introduction\n- 什么是 MoE？\n\n## Introduction\n\n这篇记录一面。\n\n"
                   "## 什么是 MoE？\n\n混合专家，每个 token 只激活少数专家。\n", "markdown")
    assert [q.text for q in qs] == ["什么是 MoE？"]  # not Introduction, and once
    assert first_answers(qs) == ["混合专家，每个 token 只激活少数专家。"]


def test_asides_a_contents_entry_the_page_has_nowhere_else_stays():
    qs = questions("目录\n1. 什么是 GQA？\n2. 什么是 MLA？\n\n## 什么是 GQA？\n\n分组共享 KV。\n", "markdown")
    assert sorted(q.text for q in qs) == ["什么是 GQA？", "什么是 MLA？"]


# --- line_list -------------------------------------------------------------------------


def test_line_list_unmarked_question_lines_in_a_row_are_questions_under_their_label():
    qs = questions("二面\n\nAgent：\n记忆是怎么存的？粒度是多少？\n多 Agent 怎么分工\n反思机制怎么做的？\n")
    assert asked(qs) == [("记忆是怎么存的？粒度是多少？", "question", "Agent"),
                         ("多 Agent 怎么分工", "question", "Agent"),
                         ("反思机制怎么做的？", "question", "Agent")]


def test_line_list_asking_lines_under_a_numbered_topic_are_its_questions():
    page = ("一面\n\n1. 聊实习，问得很细\n2. 基础八股（很久没复习了）\n优化器是怎么一路演进到 AdamW 的\n"
            "warmup 的作用\nPre-LN 和 Post-LN 的区别\n为什么要多头\n3. 手撕 LRU 缓存\n")
    texts = [q.text for q in questions(page)]
    assert texts[-5:] == ["优化器是怎么一路演进到 AdamW 的", "warmup 的作用", "Pre-LN 和 Post-LN 的区别", "为什么要多头",
                          "手撕 LRU 缓存"]


def test_line_list_html_paragraphs_of_questions_and_answers_keep_the_answers():
    html = ("<html><head><title>Agent 面经汇总</title></head><body><article><h3>甲公司</h3>"
            "<p>RAG 的切片粒度怎么选？</p><p>一般按语义段落切，512 token 左右。</p><p>HNSW 和 IVF 有什么区别？</p>"
            "<p>Rerank 的 top-k 怎么定？</p><p>看召回质量和延迟预算。</p></article></body></html>")
    qs = questions(html, "html", title="")
    assert [q.text for q in qs] == ["RAG 的切片粒度怎么选？", "HNSW 和 IVF 有什么区别？", "Rerank 的 top-k 怎么定？"]
    assert first_answers(qs) == ["一般按语义段落切，512 token 左右。", "", "看召回质量和延迟预算。"]


def test_line_list_answer_sentences_in_a_row_stay_an_answer():
    qs = questions("1. 什么是 RLHF？\n答：\n先训练奖励模型。\n再用 PPO 优化策略。\n最后加 KL 约束防止跑偏。\n")
    assert asked(qs) == [("什么是 RLHF？", "question", "")]
    assert [t for _, t in answer(qs[0])] == ["先训练奖励模型。", "再用 PPO 优化策略。", "最后加 KL 约束防止跑偏。"]


# A page of each shape that comes out otherwise without it: each test above
# exercises its shape, not only the walk.
SHAPED = {
    "title_line": (TITLED_MD, "markdown", ""),
    "speaker_labels": (OC_DIALOGUE, "text", INTERVIEW),
    "asides": ("1. 什么是 MoE？\n混合专家模型。\n\n反问：组里做什么业务？\n", "text", INTERVIEW),
    "fenced_list": ("```\n1. 介绍一下 FlashAttention\n2. PagedAttention 解决什么问题？\n```\n", "markdown", INTERVIEW),
    "table": ("| 题目 | 答案 |\n| --- | --- |\n| 什么是 GQA？ | 共享 KV |\n| 什么是 MQA？ | 一组 KV |\n", "markdown", INTERVIEW),
    "run_on": ("三面：MoE 怎么做负载均衡；专家并行怎么通信\n", "text", INTERVIEW),
    "coding_problem": ("一面\n\n一面手撕：反转链表 II\n\n头插法。\n", "text", INTERVIEW),
    "outline": ("- 量化\n  - GPTQ 和 AWQ 的区别\n  - INT4 量化怎么保精度？\n", "markdown", INTERVIEW),
    "bullet_list": ("## 一面\n\n- KV cache 原理\n- 手撕 MHA\n", "markdown", INTERVIEW),
    "single_question": ("# KV cache 原理\n\n缓存历史 token 的 K 和 V。\n", "markdown", ""),
    "line_list": ("一面\n\nRAG：\n召回怎么评估？\n重排用的什么模型\n切块大小怎么选\n", "text", INTERVIEW),
}


def test_every_shape_here_is_registered():
    assert set(SHAPED) <= set(build_shapes().names())


@pytest.mark.parametrize("name", sorted(SHAPED))
def test_each_shape_changes_its_page(monkeypatch, name):
    text, fmt, title = SHAPED[name]
    def outcome():
        return [(q.text, q.kind, q.category, answer(q)) for q in questions(text, fmt, title)]

    with_it = outcome()
    full = build_shapes

    def without():
        registry = full()
        registry.deregister(name)
        return registry

    monkeypatch.setattr(shapes, "build_shapes", without)
    assert with_it and outcome() != with_it


def test_run_on_whole_questions_between_inline_numbers():
    """1.…。2.…？3.… on one line: the numbers that count up cut it, however
    long each question is."""
    qs = questions("1.比较一下几种常见的大模型架构，例如 Encoder-only 和 Decoder-only，并说明它们各自最擅长的任务类型。"
                   "2.ReAct 框架的核心思想是什么？为什么它在复杂任务上比纯 prompting 表现更好？3.讲讲 Function Calling 的原理\n")
    assert [q.text[:10] for q in qs] == ["比较一下几种常见的大", "ReAct 框架的核", "讲讲 Functio"]


def test_a_bullet_that_numbers_its_question_is_a_question():
    qs = questions("## 一面\n\n- 问题 1：你们的 Agent 怎么做工具调用？\n  > 回答思路：先定义 schema。\n- 问题 2：RAG 怎么评估？\n", "markdown")
    assert [q.text for q in qs] == ["你们的 Agent 怎么做工具调用？", "RAG 怎么评估？"]
    assert first_answers(qs)[0].startswith("回答思路")


def test_label_lines_a_speaker_alone_on_its_line_speaks_the_next_line():
    qs = questions("面试官:\n讲一下 LoRA 的原理?\n我:\nLoRA 冻结原权重，只训练低秩矩阵。\n"
                   "面试官:\n那 QLoRA 呢?\n我:\n量化到 4bit。\n")
    assert [(q.text, q.kind) for q in qs] == [("讲一下 LoRA 的原理?", "question"), ("那 QLoRA 呢?", "followup")]
    assert qs[0].answer[0].text == "LoRA 冻结原权重，只训练低秩矩阵。"


def test_label_lines_numbered_asks_and_answer_lead_ins():
    qs = questions("面试官提问 1:\n聊一下你的 RAG 项目,你在检索里做了哪些工作?\n\n我的回答要点 (全流程):\n先切块再向量化。\n\n"
                   "面试官提问 2:\n召回的数据不准怎么办?\n\n我的回答要点:\n加重排。\n")
    assert [q.text for q in qs] == ["聊一下你的 RAG 项目,你在检索里做了哪些工作?", "召回的数据不准怎么办?"]
    assert [q.answer[0].text for q in qs] == ["先切块再向量化。", "加重排。"]


def test_label_lines_a_label_that_is_no_speaker_is_left_alone():
    qs = questions("1. 什么是 LoRA?\n答案:\nLoRA 冻结原权重。\n2. 什么是 QLoRA?\n答案:\n量化后再 LoRA。\n")
    assert [q.text for q in qs] == ["什么是 LoRA?", "什么是 QLoRA?"]


def test_an_interview_stage_in_traditional_script_is_no_question():
    page = "二面\n\n1、自我介紹\n答：略\n2、談談你對大模型的應用\n答：做過問答助手。\n"
    assert [q.text for q in questions(page)] == ["談談你對大模型的應用"]


def test_a_hint_in_brackets_after_the_question_mark_is_part_of_the_question():
    page = ("一面\n\n1. RoPE 为什么能外推？（提示：可以从频率讲起）；\n2. 讲讲 KV cache\n"
            "3. LoRA 的 B 为什么初始化为 0？因为这样训练开始时旁路输出为零，模型等于原模型。\n")
    qs = questions(page)
    assert [q.text for q in qs] == ["RoPE 为什么能外推？（提示：可以从频率讲起）；", "讲讲 KV cache", "LoRA 的 B 为什么初始化为 0？"]
    assert not qs[0].answer and "旁路输出为零" in qs[2].answer[0].text  # a sentence after the mark is still an answer


def test_an_interview_stage_with_a_note_and_a_lists_semicolon_is_no_question():
    page = "二面\n\n1. 自我介绍（讲讲项目亮点）；\n2. 讲讲 GRPO 的优势估计；\n"
    assert [q.text for q in questions(page)] == ["讲讲 GRPO 的优势估计；"]


def test_outline_a_flat_page_of_topic_lines_each_over_its_bullet_questions():
    page = ("1 检索增强\n- 文档怎么切块？\n- 召回为什么要做混合检索？\n2 对齐训练\n- DPO 为什么不需要奖励模型？\n-为什么要加 KL 约束？\n"
            "工具\n- 介绍一下 vLLM\n- 用过哪些推理框架？\n")
    assert asked(questions(page)) == [
        ("文档怎么切块？", "question", "检索增强"), ("召回为什么要做混合检索？", "question", "检索增强"),
        ("DPO 为什么不需要奖励模型？", "question", "对齐训练"), ("为什么要加 KL 约束？", "question", "对齐训练"),
        ("介绍一下 vLLM", "question", "工具"), ("用过哪些推理框架？", "question", "工具")]


def test_outline_narration_or_a_short_answer_above_bullets_is_no_topic():
    narrated = "一面（50min）\n\n先聊项目，然后八股：\n- 讲讲 RoPE\n- GQA 省了什么？\n"
    assert {q.category for q in questions(narrated)} == {"一面（50min）"}
    answered = "1. LoRA 的秩一般设多少？\n一般取 8。\n- 追问：为什么不是越大越好？\n- 追问：alpha 怎么配？\n"
    assert "一般取 8" in " ".join(b.text for b in questions(answered)[0].answer)


def test_run_on_a_bullet_with_a_second_question_after_a_dash_is_two_questions():
    page = "基础\n\n- 微调有哪些方案？你自己做过吗？ - 分词器为什么会影响效果？\n- 讲讲 MoE 的路由\n"
    assert [q.text for q in questions(page)] == ["微调有哪些方案？你自己做过吗？", "分词器为什么会影响效果？", "讲讲 MoE 的路由"]
    # a piece after the dash that does not ask stays with its bullet
    same = "基础\n\n- 为什么选 Qwen？ - 因为中文好\n- 讲讲 MoE 的路由\n"
    assert [q.text for q in questions(same)][-1] == "讲讲 MoE 的路由" and len(questions(same)) == 2


def test_an_answer_under_its_label_line_loses_the_label():
    page = "#### 1.1 RoPE 为什么能外推？\n\n**解析：**\n\n旋转角随相对距离变化。\n\n#### 1.2 GQA 省了什么？\n\n答案解析：KV 头共享。\n"
    assert first_answers(questions(page, fmt="markdown")) == ["旋转角随相对距离变化。", "KV 头共享。"]


def test_run_on_a_number_glued_to_a_latin_word_and_a_sub_number_still_count():
    page = ("面完记录一下:1、讲讲 LoRA 2、为什么用 GQA3、讲一下 DPO 和 PPO 3.5、为什么不直接对 Base 做 DPO"
            "4、为什么 RAG 能缓解幻觉\n")
    assert [q.text for q in questions(page)] == ["讲讲 LoRA", "为什么用 GQA", "讲一下 DPO 和 PPO",
                                                 "为什么不直接对 Base 做 DPO", "为什么 RAG 能缓解幻觉"]
    # a version number is no cut: Qwen2.5、Llama3 name models
    same = "二面\n\n1.Qwen2.5、Llama3 有什么区别 2.什么是 YaRN 3.DPO 的 beta 有什么作用\n"
    assert [q.text for q in questions(same)][0] == "Qwen2.5、Llama3 有什么区别"


def test_run_on_models_with_versions_inside_a_piece_are_no_cuts():
    page = "面完记录一下:1、讲讲 LoRA 2、Qwen2.5、Llama3 有什么区别 3、讲一下 DPO\n"
    assert [q.text for q in questions(page)] == ["讲讲 LoRA", "Qwen2.5、Llama3 有什么区别", "讲一下 DPO"]


def test_a_question_mark_inside_brackets_keeps_the_bracket_with_the_question():
    page = "一面\n\n1. SFT 的 loss 怎么只算回答部分？（怎么忽略 padding ？）\n2. 讲讲 RoPE\n"
    assert [(q.text, q.answer) for q in questions(page)] == [("SFT 的 loss 怎么只算回答部分？（怎么忽略 padding ？）", ()),
                                                            ("讲讲 RoPE", ())]


def test_the_course_selling_footer_of_a_repost_ends_the_article():
    page = ("一面\n\n1. 讲讲 LoRA\n2. 代码题：LeetCode 25 K 个一组翻转链表\n\n如何学习AI大模型？\n"
            "我在一线互联网企业工作十余年里，指导过不少同行后辈。\n")
    qs = questions(page)
    assert [q.text for q in qs] == ["讲讲 LoRA", "LeetCode 25 K 个一组翻转链表"] and not qs[-1].answer
