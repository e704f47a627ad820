"""generator/scrape/damage.py: signs that a copied answer lost something."""

from __future__ import annotations

import pytest

from generator.model import Block
from generator.scrape.damage import damage_in


def names(*texts: str, kind: str = "paragraph") -> list[str]:
    return [d.rule for d in damage_in(tuple(Block(kind, t) for t in texts))]


@pytest.mark.parametrize("text, rule", [
    ("把注意力分数缩放，记为。然后做 softmax。", "lost formula"),
    ("输出的概率等于，其中 z 是 logits。", "lost formula"),
    ("1 <= n <= 105", "flattened exponent"),
    ("-109 <= nums[i] <= 109", "flattened exponent"),
    ("示例：输入：s = \"abc\" 输出：3 解释：……", "merged lines"),
    ("Input: nums = [1,2] Output: 3", "merged lines"),
])
def test_each_kind_of_damage_is_found(text, rule):
    assert names(text) == [rule]


@pytest.mark.parametrize("text", [
    "缩放因子为 1/√d，因此方差为 1。",  # a formula that is there
    "1 <= n <= 10^5，-10^9 <= x <= 10^9",
    "长度不超过 100，返回 1024 个结果。",
    "输入：s = \"abc\"",  # one line each
    "它的作用是。",  # 是 alone is no formula's lead-in
])
def test_intact_text_is_not_flagged(text):
    assert names(text) == []


def test_code_and_contributions_are_not_looked_at():
    assert names("x = a <= 109", kind="code") == []
    assert names("权重为。", kind="markdown") == []


def test_one_note_per_kind_however_often_it_is_seen():
    assert names("-109 <= a <= 109", "-109 <= b <= 109") == ["flattened exponent"]
