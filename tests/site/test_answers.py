"""generator/data/answers.yml: which replies are non-answers (render.is_non_answer)."""

import pytest

from generator.site import render
from generator.model import Block, Question


def _replied(text: str) -> Question:
    return Question("a", 5, "讲一下 PPO 的原理?", answer=(Block("paragraph", text),))


@pytest.mark.parametrize("reply", [
    "这块我没有太了解过。",
    "这部分其实我也没有太去了解过。",
    "强化学习这一块我可能了解确实是不算多啊。",
    "旋转位置编码啊,那一部分我恰好在学习过程当中没有去仔细研究过。",  # a lead-in naming the subject
    "学习过一些,但是就是也不算太深入。",  # two hedges, nothing else
    "没怎么了解。",
    "了解得不多。",
    "这个了解一点，但不算深。",
    "这块实践比较少，不好意思。",
    "嗯，接触得少。",
    "这个不太清楚，没有了解过。",
    # longer, trailing off: a hedge first and a hedge it trails off from
    "这个算法了解一点,但不算深,这个PPO算法的话,它主要是通过。就是可能我实践这一部分会比较少,所以印象其实没有太深刻啊,所以……",
    "这个算法了解得不多，主要是实践比较少，印象不深，就是……",
])
def test_a_reply_that_only_hedges_is_a_non_answer(reply):
    assert render.is_non_answer(_replied(reply))


@pytest.mark.parametrize("reply", [
    # a hedge, then an explanation
    "了解得不多，我理解它是通过 KL 约束让新策略不偏离旧策略，再用裁剪的比率做更新。",
    "了解一点，PPO 是一种策略梯度方法，用裁剪比率限制新旧策略的差距。",
    "不算深，PPO 用 clip 限制每次更新的幅度，避免策略崩掉，再加上价值函数的损失一起训练，所以……",
    "接触得比较少，不过知道它用 clip 限制新旧策略的比率，并用优势函数估计梯度……",
    # an answer, then a hedge about the rest
    "PPO 用裁剪比率限制更新，其余不清楚。",
    # words of a hedge inside a real answer
    "LayerNorm 不会受 batch 大小影响。",
    "因为网络不深，所以梯度不容易消失，训练也更稳定。",
    "没错，了解到它是用 KL 散度约束的。",
    # a reply about what the candidate's project did is an answer
    "这个当时是确实没有考虑。",
    "这个没有。确实他是没有考虑过多轮对话的情况。",
    "我不太清楚," + "但是" * 40,  # long: it says more than "I don't know"
    # a transcript without punctuation: the hedge, then the answer in the same clause
    "了解得不多 我理解它是通过 KL 约束限制新旧策略的差异",
    "不太清楚具体实现但它是通过KL约束限制新旧策略差异的",
    "我看过一些论文里说用 KL 散度约束策略更新",
    "没问题，了解它是用 KL 散度约束策略的",
    "没怎么了解" + "，" * 3 + "PPO 的目标函数是裁剪后的比率乘优势" * 3,
])
def test_a_reply_that_goes_on_to_answer_stays_an_answer(reply):
    assert not render.is_non_answer(_replied(reply))
