"""generator.scrape.code: recognising Python lines and repairing lost indentation."""

from __future__ import annotations

import ast

import pytest

from generator.scrape.code import REINDENTED_NOTE, code_block, find_code, is_code_line, is_code_continuation, reindent
from sitebuild import TESTS

FIXTURES = TESTS / "fixtures"


@pytest.mark.parametrize("line", [
    "def merge(nums1, m, nums2, n):",
    "    i, j, k = m - 1, n - 1, m + n - 1",
    "from peft import LoraConfig",
    "hashmap[num] = ind",
    "scores += mask * -1e9",
    'inputs = tokenizer("你好,请介绍你自己", return_tensors="pt")',  # Chinese inside a string
    "torch.jit.save(model, 'model.pt')",
    "return dummy.next",
    "else:",
])
def test_statement_lines_are_code(line):
    assert is_code_line(line)


@pytest.mark.parametrize("line", [
    "输入:nums = [2,7,11,15], target = 9 输出:[0,1]",  # an example, not code
    "2 <= nums.length <= 10**4",
    "LoRA 的思想很简单:",
    "return 的时候要注意边界",  # Chinese outside strings
    "1. 聊一下RAG项目总体思路?",
    "# 创建一个哑节点",  # a comment is code only next to code
])
def test_prose_lines_are_not_code(line):
    assert not is_code_line(line)


def test_continuation_lines():
    assert is_code_continuation("# 删除倒数第 n 个节点")
    assert is_code_continuation(")")
    assert is_code_continuation("    r=8,")
    assert not is_code_continuation("#xff0c 是一个实体")
    assert not is_code_continuation("  • 在每一层都加入了Prompts tokens")


def test_find_code_takes_comments_next_to_code_but_not_alone():
    texts = ["问题:", "# 第一步", "x = 1", "", "y = x + 1", "# 这只是一个井号开头的句子", "说明文字"]
    assert find_code(texts) == [False, True, True, True, True, True, False]
    assert find_code(["# 孤立的注释", "普通的一行"]) == [False, False]


def test_find_code_marks_fenced_blocks():
    texts = ["看代码:", "```bash", "pip install peft", "```", "结束"]
    assert find_code(texts) == [False, True, True, True, False]


def test_reindent_rebuilds_classes_methods_clauses():
    flat = (FIXTURES / "flattened_lru.txt").read_text(encoding="utf-8").strip().split("\n")
    expected = (FIXTURES / "flattened_lru.expected.txt").read_text(encoding="utf-8").strip()
    assert "\n".join(reindent(flat)) == expected


def test_reindent_comment_returns_to_function_body():
    flat = ["def f(xs):", "total = 0", "for x in xs:", "total += x", "# 返回总和", "return total"]
    assert reindent(flat)[-2:] == ["    # 返回总和", "    return total"]


def test_reindent_last_return_after_loop_leaves_the_loop():
    flat = ["def build(values):", "head = None", "for v in values:", "head = (v, head)", "return head", "def other():", "pass"]
    out = reindent(flat)
    assert out[4] == "    return head"
    assert out[5] == "def other():"


def test_reindent_keeps_bracket_continuations_inside_their_statement():
    flat = ["def f():", "config = dict(", "a=1,", "b=2,", ")", "return config"]
    assert reindent(flat) == ["def f():", "    config = dict(", "        a=1,", "        b=2,", "    )", "    return config"]


def test_code_block_keeps_valid_code_as_is():
    lines = ["def twoSum(nums, target):", "    seen = {}", "    for i, n in enumerate(nums):", "        seen[n] = i"]
    block = code_block(lines)
    assert block.kind == "code" and block.language == "python" and block.note == ""
    assert block.text == "\n".join(lines)


def test_code_block_repairs_flattened_code_and_it_parses():
    flat = (FIXTURES / "flattened_lru.txt").read_text(encoding="utf-8").strip().split("\n")
    block = code_block(flat)
    assert block.note == REINDENTED_NOTE  # it parses, but the block ends were inferred
    ast.parse(block.text)
    assert "\n            return -1\n        self.data.move_to_end(key)" in block.text


def test_code_block_that_cannot_be_repaired_is_verbatim_with_a_note():
    lines = ["def broken(:", "return )"]
    block = code_block(lines)
    assert block.text == "def broken(:\nreturn )"
    assert block.note.startswith("原文的代码无法作为 Python 解析") and "这里按原样保留" in block.note
    assert block.language == "python"  # it still looks like Python


def test_named_fence_language_is_kept_and_not_parsed():
    block = code_block(["pip install peft"], language="bash")
    assert block.language == "bash" and block.note == ""
