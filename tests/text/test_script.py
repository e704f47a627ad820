"""generator.text.script: rules written in simplified characters read pages
in either script."""

from __future__ import annotations

import re

from generator.text.asking import question_score
from generator.text.script import either_script, to_simplified


def test_a_rule_matches_both_scripts_and_stays_a_valid_pattern():
    rule = either_script(r"^(?:区别|实现)[问答]\d+[^题？]$")
    for text in ("区别问1x", "區別問1x", "實現答2y", "实现問3z"):
        assert re.match(rule, text), text
    assert not re.match(rule, "区别问1題")  # a negated class leaves out both forms
    assert either_script(r"[\u4e00-\u9fff]+\s*[:：]") == r"[\u4e00-\u9fff]+\s*[:：]"  # escapes as they are
    # a class ending in - stays a class of characters, not a range; a leading ] stays literal
    assert not re.match(either_script("[后-]"), "喝") and re.match(either_script("[后-]"), "後")
    assert re.match(either_script("[]问]+$"), "]問问")


def test_a_traditional_line_asks_as_its_simplified_form_does():
    pairs = {"Encoder-only 和 Decoder-only 的结构区别": "Encoder-only 和 Decoder-only 的結構區別",
             "说说 RoPE 的原理": "說說 RoPE 的原理", "常见多模态大模型有哪些": "常見多模態大模型有哪些"}
    for simplified, traditional in pairs.items():
        assert to_simplified(traditional) == simplified
        assert question_score(traditional) == question_score(simplified) == 1
