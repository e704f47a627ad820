"""kb_harness's own rules, on small made-up problems: comparing floats and
unordered answers, trees and cyclic lists given as plain lists, design
problems played from LeetCode's ops and args, a custom input the reference
has no answer for, and each case's own error."""

from __future__ import annotations

import kb_harness
from kb_harness import from_tree, run, same, to_chain, to_list, to_tree


def spec(function="f", params=("x",), **more) -> dict:
    return {"function": function, "params": list(params), **more}


def test_approx_compares_numbers_within_the_tolerance_through_lists_and_dicts():
    assert same("approx", [0.1 + 0.2, {"p": [1.0]}], [0.3, {"p": [1 + 1e-9]}])
    assert not same("approx", [0.3], [0.31])
    assert same("approx", [0.3], [0.31], tolerance=0.05)
    assert not same("approx", [1.0, 2.0], [1.0])  # lengths differ
    assert not same("approx", {"a": 1.0}, {"b": 1.0})
    assert same("approx", [1, 2], (1, 2)) and not same("approx", [True], [1])
    assert same("approx", 0.0, 1e-9) and not same("approx", 0.0, 1e-3)


def test_unordered_rules():
    assert same("unordered", [[1, 2], [3, 4]], [[3, 4], [1, 2]])
    assert not same("unordered", [[1, 2], [3, 4]], [[4, 3], [1, 2]])  # only the outer order is free
    assert same("unordered_deep", [[-1, 0, 1], [-1, -1, 2]], [[2, -1, -1], [1, 0, -1]])
    assert not same("unordered_deep", [[-1, 0, 1]], [[-1, 0, 1], [-1, 0, 1]])
    assert not same("unordered", [0, 1], None) and same("unordered", [None, 1], [1, None])


def test_tree_round_trip_in_level_order():
    for values in ([3, 9, 20, None, None, 15, 7], [1, None, 2, 3], [], [1], [1, 2, None, 3, None, 4]):
        assert from_tree(to_tree(values)) == values
    root = to_tree([1, None, 2, 3])
    assert root.left is None and root.right.val == 2 and root.right.left.val == 3


def test_a_tree_param_and_a_tree_result():
    code = "def mirror(root):\n    if root:\n        root.left, root.right = mirror(root.right), mirror(root.left)\n    return root\n"
    cases = [{"input": {"root": [4, 2, 7, 1, 3]}, "expected": [4, 7, 2, None, None, 3, 1]}]
    result = run(code, spec("mirror", ["root"], types={"root": "tree"}, returns="tree"), cases)
    assert result["status"] == "pass", result


def test_a_cycle_links_the_tail_and_its_position_is_not_passed():
    head = to_chain([3, 2, 0, -4], cycle_at=1)
    assert head.next.next.next.next is head.next
    code = "def f(head):\n    seen = set()\n    while head:\n        if head in seen: return True\n" \
           "        seen.add(head); head = head.next\n    return False\n"
    s = spec("f", ["head"], types={"head": "linked_list"}, cycle={"head": "pos"})
    cases = [{"input": {"head": [1, 2], "pos": 0}, "expected": True},
             {"input": {"head": [1, 2], "pos": -1}, "expected": False}]
    result = run(code, s, cases)
    assert result["status"] == "pass", result
    assert result["cases"][0]["input"] == "head = [1, 2], pos = 0"
    # a custom input without the position has no cycle
    assert run(code, {**s, "reference": code}, [{"input": {"head": [1]}}])["cases"][0]["expected"] == "False"


def test_a_cyclic_result_is_an_error_not_an_endless_loop():
    code = "def f(x):\n    a = ListNode(1); a.next = a\n    return a\n"
    result = run(code, spec(returns="linked_list"), [{"input": {"x": 0}, "expected": [1]}])
    assert result["status"] == "error" and "环" in result["cases"][0]["error"]


COUNTER = """
class Counter:
    def __init__(self, start):
        self.n = start
    def add(self, k):
        self.n += k
    def get(self):
        return self.n
"""


def test_a_design_problem_plays_its_ops():
    s = spec("Counter", ["ops", "args"], kind="design")
    cases = [{"input": {"ops": ["Counter", "add", "get", "add", "get"], "args": [[5], [2], [], [-1], []]},
              "expected": [None, None, 7, None, 6]}]
    assert run(COUNTER, s, cases)["status"] == "pass"
    wrong = COUNTER.replace("self.n += k", "self.n = k")
    result = run(wrong, s, cases)
    assert result["status"] == "fail" and result["cases"][0]["actual"] == "[None, None, 2, None, -1]"
    missing = run(COUNTER.replace("def get", "def value"), s, cases)
    assert missing["status"] == "error" and "AttributeError" in missing["cases"][0]["error"]
    unequal = {"input": {"ops": ["Counter", "get"], "args": [[1]]}, "expected": [None, 1]}
    assert "一样多" in run(COUNTER, s, [unequal])["cases"][0]["error"]


def test_a_custom_input_the_reference_has_no_answer_for_is_not_a_pass():
    reference = "def f(x):\n    return None if x < 0 else x\n"
    s = spec(reference=reference)
    result = run("def f(x):\n    return None\n", s, [{"name": "自定义输入", "input": {"x": -1}}])
    (case,) = result["cases"]
    assert case["status"] == result["status"] == "no_reference"
    assert case["expected"] == kb_harness.NO_REFERENCE and case["actual"] == "None"
    assert run("def f(x):\n    return x\n", s, [{"input": {"x": 3}}])["status"] == "pass"
    mixed = run(reference, s, [{"input": {"x": -1}}, {"input": {"x": 2}, "expected": 3}])
    assert mixed["status"] == "fail"  # the worst: a failing case outweighs a case with no answer


def test_each_case_carries_its_own_error_and_the_others_still_run():
    code = "def f(x):\n    if x == 0:\n        return 1 // x\n    if x < 0:\n        return [][x]\n    return x\n"
    cases = [{"name": "a", "input": {"x": 1}, "expected": 1}, {"name": "b", "input": {"x": 0}, "expected": 0},
             {"name": "c", "input": {"x": -1}, "expected": 0}, {"name": "d", "input": {"x": 2}, "expected": 2}]
    result = run(code, spec(), cases)
    rows = result["cases"]
    assert [r["status"] for r in rows] == ["pass", "error", "error", "pass"]
    assert rows[1]["error"] == "ZeroDivisionError: integer division or modulo by zero(第 3 行)"
    assert rows[2]["error"] == "IndexError: list index out of range(第 5 行)"
    assert rows[0]["error"] is None and rows[3]["actual"] == "2"
    assert result["status"] == "error" and result["error"].startswith("用例「b」:\nTraceback")
    assert "ZeroDivisionError" in result["error"] and "IndexError" not in result["error"]


def test_a_syntax_error_is_each_cases_error_with_its_line():
    result = run("x = 1\ndef f(x)\n    return x\n", spec(), [{"input": {"x": 1}, "expected": 1}])
    assert result["cases"][0]["error"].startswith("SyntaxError") and "(第 2 行)" in result["cases"][0]["error"]
    assert "Traceback" not in result["cases"][0]["error"] and "SyntaxError" in result["error"]


def test_a_long_error_message_is_cut():
    result = run("def f(x):\n    raise ValueError('x' * 1000)\n", spec(), [{"input": {"x": 1}, "expected": 1}])
    error = result["cases"][0]["error"]
    assert len(error) < kb_harness.MAX_ERROR + 20 and error.endswith("…(第 2 行)")


def test_the_reference_failing_on_a_custom_input_says_so():
    s = spec(reference="def f(x):\n    return 10 // x\n")
    result = run("def f(x):\n    return 0\n", s, [{"input": {"x": 0}}])
    assert result["status"] == "error" and result["cases"][0]["error"].startswith("参考答案无法处理这个输入")
    assert to_list(to_chain([1, 2])) == [1, 2]


def test_a_solution_that_changes_its_input_does_not_change_the_case():
    code = "def f(x):\n    x.sort()\n    x.append(0)\n    return len(x)\n"
    case = {"input": {"x": [3, 1, 2]}, "expected": 4}
    assert run(code, spec(), [case, case])["status"] == "pass"
    assert case["input"]["x"] == [3, 1, 2]


def test_chains_are_unlinked_after_the_call():
    """Freeing a long chain recursively crashes Pyodide in Chromium (from about
    1,500 nodes): the harness cuts the links of the chains it built and got back."""
    import builtins

    code = ("import builtins\n"
            "def f(head):\n"
            "    builtins.kb_seen = head\n"
            "    prev = None\n"
            "    while head:\n"
            "        head.next, prev, head = prev, head, head.next\n"
            "    builtins.kb_result = prev\n"
            "    return prev\n")
    s = spec(types={"head": "linked_list"}, returns="linked_list")
    result = run(code, {**s, "params": ["head"]}, [{"input": {"head": list(range(5000))}, "expected": list(range(4999, -1, -1))}])
    assert result["status"] == "pass"
    assert builtins.kb_seen.next is None and builtins.kb_result.next is None
    del builtins.kb_seen, builtins.kb_result
