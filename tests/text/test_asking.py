"""generator/text/asking.py: whether a line asks, and how plainly."""

import pytest

from generator.text.asking import asks_something, ends_like_statement, may_be_question, question_score


# --- question_score --------------------------------------------------------------------


@pytest.mark.parametrize("text, score", [
    ("什么是 LoRA？", 2),
    ("RoPE 怎么外推?", 2),
    ("What is KV cache", 2),
    ("how would you shard a 70B model", 2),
    ("KV cache 原理", 1),
    ("手撕 MHA", 1),
    ("讲讲 DPO", 1),
    ("LoRA 冻结原权重，只训练低秩矩阵。", 0),
    ("RoPE：旋转位置编码，把位置信息编码进 query 和 key", 0),
    ("因为 KV cache 可以省掉重复计算的原理", 0),
    ("The model uses RoPE.", 0),
    # 场景题： labels a question; 场景： alone names a use
    ("场景题：线上 RAG 召回变差了怎么排查", 1),
    ("场景：内部工单系统的智能问答。", 0),
])
def test_question_score(text, score):
    assert question_score(text) == score



def test_an_asking_word_or_a_question_mark_asks():
    assert asks_something("讲讲 DPO") and asks_something("RoPE?")
    assert not asks_something("LoRA 冻结原权重")


def test_a_point_ends_like_a_statement_but_not_a_number():
    assert ends_like_statement("只训练低秩矩阵。") and ends_like_statement("有三种：")
    assert not ends_like_statement("见第 3.")


@pytest.mark.parametrize("line, expected", [
    ("### 为什么要 LayerNorm？", True),
    ("2. KV cache", True),
    ("面试官：讲讲 RAG", True),
    ("扫码关注公众号领取资料", False),
])
def test_the_clean_up_spares_what_may_be_a_question(line, expected):
    assert may_be_question(line) is expected
