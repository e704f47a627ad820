"""Snippets in CPython: every case passes the reference solution, the cases
have teeth (wrong solutions fail them), the harness units, and the cell's
Markdown fragment. The same cases run in Pyodide in tests/node and
tests/browser."""

from __future__ import annotations

import dataclasses
import json
import sys

import markdown
import pytest

from sitebuild import PROJECT
from wrong_solutions import TIMEOUT, WRONG, run_within

ROOT = PROJECT
try:
    import kb_harness
except ImportError:  # not pip-installed (-e ./harness): use the source tree
    sys.path.insert(0, str(ROOT / "harness"))
    import kb_harness

from generator.cells.snippets import Snippet, SnippetError, cell_markdown, find_snippet, load_snippet, load_snippets

SNIPPETS = {s.name: s for s in load_snippets(ROOT / "snippets")}



def run(snippet: Snippet, code: str, cases=None) -> dict:
    return kb_harness.run(code, snippet.spec(), list(cases if cases is not None else snippet.cases))


def run_limited(snippet: Snippet, code: str) -> dict:
    """All the cases within the snippet's time limit, as the browser runs them."""
    return run_within(kb_harness.run, code, snippet.spec(), list(snippet.cases), snippet.time_limit)


# --- the snippets -----------------------------------------------------------


def test_both_problems_are_there():
    assert {"two-sum", "remove-nth-node-from-end"} <= set(SNIPPETS)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_reference_solution_passes_every_case(name):
    result = run_limited(SNIPPETS[name], SNIPPETS[name].solution)
    assert result["status"] == "pass", result
    assert [c["status"] for c in result["cases"]] == ["pass"] * len(SNIPPETS[name].cases)


@pytest.mark.parametrize("name,mistake", [(n, m) for n in WRONG for m in WRONG[n]])
def test_wrong_solution_fails(name, mistake):
    result = run_limited(SNIPPETS[name], WRONG[name][mistake])
    assert result["status"] in ("fail", "error", TIMEOUT), mistake
    assert result["status"] == TIMEOUT or any(c["status"] != "pass" for c in result["cases"])


def test_two_sum_keeps_the_scraped_solution_and_examples():
    s = SNIPPETS["two-sum"]
    scraped = (ROOT / s.source).read_text(encoding="utf-8")
    assert s.solution.strip() in scraped
    assert s.compare == "unordered"
    assert [c["input"] for c in s.cases[:3]] == [
        {"nums": [2, 7, 11, 15], "target": 9},
        {"nums": [3, 2, 4], "target": 6},
        {"nums": [3, 3], "target": 6},
    ]
    assert max(len(c["input"]["nums"]) for c in s.cases) == 10**4  # the constraint's largest input
    assert any(min(c["input"]["nums"]) < 0 for c in s.cases)


def test_remove_nth_restores_only_indentation():
    s = SNIPPETS["remove-nth-node-from-end"]
    scraped = (ROOT / s.source).read_text(encoding="utf-8").splitlines()
    start = scraped.index("class ListNode:")
    original = [line for line in scraped[start : start + 20]]
    assert [line.strip() for line in s.solution.strip().splitlines() if line.strip()] == original
    compile(s.solution, "solution.py", "exec")
    heads = [c["input"]["head"] for c in s.cases]
    assert [1] in heads and max(map(len, heads)) == 30
    assert any(c["input"]["n"] == len(c["input"]["head"]) > 1 for c in s.cases)  # the head
    assert any(c["input"]["n"] == 1 and len(c["input"]["head"]) > 1 for c in s.cases)  # the tail


def test_two_sum_accepts_either_order():
    s = SNIPPETS["two-sum"]
    reverse = s.solution.replace("return [i,j]", "return [j,i]")
    assert reverse != s.solution
    assert run(s, reverse)["status"] == "pass"


# --- the harness -------------------------------------------------------------


def test_list_chain_round_trip():
    assert kb_harness.to_list(kb_harness.to_chain([1, 2, 3])) == [1, 2, 3]
    assert kb_harness.to_chain([]) is None and kb_harness.to_list(None) == []


def test_cycle_is_reported_not_looped_forever():
    head = kb_harness.to_chain([1, 2])
    head.next.next = head
    with pytest.raises(ValueError, match="环"):
        kb_harness.to_list(head)


def test_compare_rules():
    assert kb_harness.same("unordered", [0, 1], [1, 0])
    assert not kb_harness.same("unordered", [0, 1], [0, 2])
    assert not kb_harness.same("unordered", [0, 1], None)
    assert not kb_harness.same("exact", [0, 1], [1, 0])
    assert kb_harness.same("unordered", None, None)  # a custom input with no answer, as the reference says


def test_long_output_is_cut_with_a_notice():
    s = SNIPPETS["two-sum"]
    noisy = "def twoSum(nums, target):\n    print('x' * 30000)\n    return [0, 1]\n"
    out = run(s, noisy, s.cases[:1])["stdout"]
    assert out.startswith("x" * kb_harness.MAX_OUTPUT) and out.endswith(f"共 {30001} 个)")
    assert "输出过长" in out and len(out) < kb_harness.MAX_OUTPUT + 100


def test_each_case_gets_a_fresh_namespace():
    s = SNIPPETS["two-sum"]
    leaky = """
calls = []
class Memo:
    seen = []
def twoSum(nums, target, _cache=[]):
    _cache.append(1); calls.append(1); Memo.seen.append(1)
    assert len(_cache) == len(calls) == len(Memo.seen) == 1, "state leaked"
    return {x: i for i, x in enumerate(nums)} and next(
        [i, j] for i in range(len(nums)) for j in range(i + 1, len(nums)) if nums[i] + nums[j] == target)
"""
    result = run(s, leaky, s.cases[:4])
    assert result["status"] == "pass", result


def test_error_shows_a_traceback_of_the_readers_code_and_output():
    s = SNIPPETS["two-sum"]
    result = run(s, "def twoSum(nums, target):\n    print('看这里')\n    return nums[99]\n", s.cases[:2])
    assert result["status"] == "error"
    assert "IndexError" in result["error"] and 'File "<solution>", line 3, in twoSum' in result["error"]
    assert "return nums[99]" in result["error"] and "kb_harness" not in result["error"]
    assert result["stdout"] == "看这里\n看这里\n"
    assert [c["status"] for c in result["cases"]] == ["error", "error"]


def test_syntax_error_is_an_error_for_every_case():
    s = SNIPPETS["two-sum"]
    result = run(s, "def twoSum(nums, target)\n    pass\n", s.cases[:3])
    assert result["status"] == "error" and "SyntaxError" in result["error"]
    assert {c["status"] for c in result["cases"]} == {"error"}


def test_fail_shows_expected_and_actual():
    s = SNIPPETS["two-sum"]
    result = run(s, "def twoSum(nums, target):\n    return [0, 0]\n", s.cases[:1])
    (case,) = result["cases"]
    assert case["status"] == "fail" and case["expected"] == "[0, 1]" and case["actual"] == "[0, 0]"
    assert case["input"] == "nums = [2, 7, 11, 15], target = 9"


def test_custom_input_takes_its_expected_value_from_the_reference():
    s = SNIPPETS["remove-nth-node-from-end"]
    custom = [{"name": "自定义输入", "input": {"head": [5, 6, 7], "n": 3}}]
    result = run(s, s.solution, custom)
    assert result["status"] == "pass" and result["cases"][0]["expected"] == "[6, 7]"
    assert run(s, WRONG[s.name]["removes the nth from the start"], custom)["status"] == "fail"


def test_leetcode_style_solution_class_and_memory_error():
    s = SNIPPETS["two-sum"]
    klass = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n" \
            "        d = {}\n        for i, x in enumerate(nums):\n" \
            "            if target - x in d: return [d[target - x], i]\n            d[x] = i\n"
    assert run(s, klass)["status"] == "pass"
    result = run(s, "def twoSum(nums, target):\n    raise MemoryError('too big')\n", s.cases[:1])
    assert result["status"] == "error" and "MemoryError" in result["error"]


def test_run_json_reports_each_case():
    s = SNIPPETS["two-sum"]
    import json

    seen = []
    out = kb_harness.run_json(s.solution, json.dumps(s.spec()), json.dumps(list(s.cases[:2])), seen.append)
    assert json.loads(out)["status"] == "pass" and [json.loads(r)["status"] for r in seen] == ["pass", "pass"]


# --- loading and the Markdown fragment -------------------------------------------


def test_linking_titles():
    snippets = list(SNIPPETS.values())
    assert find_snippet("具体题意记不清了,但是类似 【两数之和】", snippets, "problem").name == "two-sum"
    assert find_snippet("问题7、代码题:删除链表倒数第n个节点", snippets).name == "remove-nth-node-from-end"
    assert find_snippet("LeetCode 19. Remove Nth Node From End of List", snippets).name == "remove-nth-node-from-end"
    assert find_snippet("leetcode 1", snippets).name == "two-sum"
    assert find_snippet("LeetCode 15 三数之和", snippets) is None


def test_a_new_folder_is_a_new_snippet(tmp_path):
    folder = tmp_path / "add-two"
    folder.mkdir()
    (folder / "snippet.yml").write_text("title: 加法\nfunction: add\nparams: [a, b]\n", encoding="utf-8")
    (folder / "solution.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    (folder / "cases.json").write_text('[{"input": {"a": 1, "b": 2}, "expected": 3}]', encoding="utf-8")
    (s,) = load_snippets(tmp_path)
    assert s.name == "add-two" and s.titles == ("加法",)
    assert run(s, s.solution)["status"] == "pass"
    (folder / "cases.json").write_text('[{"input": {"a": 1}, "expected": 3}]', encoding="utf-8")
    with pytest.raises(SnippetError, match="case 1"):
        load_snippet(folder)
    (folder / "cases.json").unlink()
    # YAML reads an unquoted comma in a flow mapping as the end of the name
    (folder / "cases.yml").write_text("- {name: 大数(n = 10^4,两端), input: {a: 1, b: 2}, expected: 3}\n", encoding="utf-8")
    with pytest.raises(SnippetError, match="case 1 has unknown fields .*quote a name with a comma"):
        load_snippet(folder)


MD_EXTENSIONS = ["md_in_html", "attr_list", "pymdownx.superfences", "pymdownx.highlight", "admonition", "pymdownx.details"]


def test_cell_markdown_shows_the_code_and_escapes_it():
    s = dataclasses.replace(
        SNIPPETS["two-sum"],
        solution='x = "</div><script>alert(1)</script>"\n```\nprint("````")\n',
        title="<b>两数之和</b>",
    )
    html = markdown.markdown("前文\n\n" + cell_markdown(s) + "\n后文\n", extensions=MD_EXTENSIONS)
    assert "<script>" not in html and "<b>两数之和" not in html
    assert "&lt;/div&gt;&lt;script&gt;" in html
    assert 'data-snippet="two-sum"' in html and f'data-hash="{s.hash}"' in html
    assert '<div class="highlight">' in html  # a plain highlighted block without JS
    assert html.rstrip().endswith("<p>后文</p>")


def test_cell_markdown_real_snippets():
    for s in SNIPPETS.values():
        html = markdown.markdown(cell_markdown(s), extensions=MD_EXTENSIONS)
        assert 'class="kb-cell"' in html and "<summary>题目:" in html
        assert s.function in html


def test_the_practice_starter_keeps_the_signature_and_helpers_and_empties_the_body():
    from generator.cells.snippets import STARTER_BODY, starter_code

    nth = SNIPPETS["remove-nth-node-from-end"]
    starter = nth.starter
    assert "class ListNode:" in starter and "self.next = next" in starter  # helpers stay
    assert "def removeNthFromEnd(head: ListNode, n: int) -> ListNode:\n    " + STARTER_BODY in starter
    assert "dummy" not in starter and "哑节点" not in starter  # body and the comments that explain it go
    method = "class Solution:\n    def f(\n        self,\n        a,\n    ) -> int:\n        \"\"\"文档\"\"\"\n        return a\n\n    def g(self):\n        return 1\n"
    assert starter_code(method, "f") == (
        "class Solution:\n    def f(\n        self,\n        a,\n    ) -> int:\n        " + STARTER_BODY
        + "\n\n    def g(self):\n        return 1\n")
    assert json.loads(nth.to_json())["starter"] == starter
