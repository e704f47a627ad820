"""Run a solution's source code against a snippet's test cases.

The same module runs under CPython (pytest) and inside Pyodide (the browser's
Web Worker, and Node in the parity tests), so a cell that passes in the
browser passes everywhere. It converts between plain lists and `ListNode`
chains or `TreeNode` trees, plays a design problem's operations on its class,
compares by each problem's rule, times each call and captures output.

It does not enforce time limits (the browser terminates its worker instead)
and it is no sandbox: it runs the code it is given.

A spec (from snippet.yml) is a dict:
    function  name of the function (or `Solution` method) to call; for a
              design problem, the class
    params    parameter names, in call order (a design problem's are
              "ops" and "args")
    kind      "function" (default) or "design": the input is LeetCode's
              {"ops": ["LRUCache", "put", "get"], "args": [[2], [1, 1], [1]]}:
              the first op builds the class with its args, each next op calls
              that method; the answer is the list of what each op returned
              (None for the constructor and for methods that return nothing)
    types     {param: "linked_list" | "tree"} for parameters given as plain
              lists: [1, 2, 3] is a ListNode chain, [3, 9, 20, None, None, 15]
              a binary tree in LeetCode's level order
    returns   "linked_list" or "tree" when the result is one to turn into a list
    cycle     {param: input}: the chain `param` has its tail linked to the
              node at index case["input"][input] (-1: no cycle), as LeetCode
              gives a linked list with a cycle; that input is not passed
    compare   "exact", "unordered" (a list whose order does not matter),
              "unordered_deep" (order matters at no depth: a list of
              triplets, each in any order) or "approx" (numbers equal within
              `tolerance`, through lists and dicts)
    tolerance relative and absolute tolerance of "approx" (default 1e-6)
    reference the reference solution's source, used for cases without
              an "expected" value (a reader's custom input)
A case is {"name": str, "input": {param: value}, "expected": value}.

Each case gets a row {name, status, input, expected, actual, ms, error}: its
own actual value, or its own error (a short message with the line of the
reader's code); the report's `error` is the full traceback of the first one.
A status is "pass", "fail", "error" or "no_reference" (a custom input the
reference solution has no answer for: nothing to compare with).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import linecache
import math
import time
import traceback
import typing
from collections import deque

__all__ = ["ListNode", "TreeNode", "to_chain", "to_list", "to_tree", "from_tree", "same", "run", "run_json"]

FILENAME = "<solution>"  # the file name tracebacks show for the reader's code
MAX_NODES = 100_000  # a longer chain is taken to be a cycle
MAX_SHOWN = 160  # characters of a value shown in the results table
MAX_OUTPUT = 20_000  # characters of stdout / stderr kept per run
MAX_ERROR = 200  # characters of a case's own error message
TOLERANCE = 1e-6  # "approx": the default relative and absolute tolerance
NO_REFERENCE = "无参考答案"  # shown as the expected value when the reference has no answer


class ListNode:
    """The LeetCode singly linked list node (used when the code has none)."""

    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):
        return f"ListNode({self.val})"


class TreeNode:
    """The LeetCode binary tree node (used when the code has none)."""

    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self):
        return f"TreeNode({self.val})"


# --- plain lists <-> nodes ---------------------------------------------------


def to_chain(values, node_class=ListNode, cycle_at: int = -1):
    """[1, 2, 3] -> ListNode(1) -> ListNode(2) -> ListNode(3); [] -> None.
    With cycle_at >= 0 the tail links back to the node at that index."""
    nodes = [node_class(value) for value in values]
    for node, after in zip(nodes, nodes[1:]):
        node.next = after
    if nodes and 0 <= cycle_at < len(nodes):
        nodes[-1].next = nodes[cycle_at]
    return nodes[0] if nodes else None


def to_list(head) -> list:
    """The values of a chain, in order; ValueError on a cycle or non-node."""
    values = []
    while head is not None:
        if not (hasattr(head, "val") and hasattr(head, "next")):
            raise TypeError(f"应返回 ListNode 链表,实际得到 {type(head).__name__}")
        if len(values) >= MAX_NODES:
            raise ValueError(f"链表长度超过 {MAX_NODES},可能有环")
        values.append(head.val)
        head = head.next
    return values


def to_tree(values, node_class=TreeNode):
    """LeetCode's level order, None for a missing child: [1, None, 2] is a
    root 1 with only a right child 2; [] -> None."""
    if not values or values[0] is None:
        return None
    root = node_class(values[0])
    parents, i = deque([root]), 1
    while parents and i < len(values):
        parent = parents.popleft()
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                child = node_class(values[i])
                setattr(parent, side, child)
                parents.append(child)
            i += 1
    return root


def from_tree(root) -> list:
    """A tree in LeetCode's level order, without trailing Nones."""
    values, queue = [], deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            values.append(None)
            continue
        if not all(hasattr(node, a) for a in ("val", "left", "right")):
            raise TypeError(f"应返回 TreeNode 二叉树,实际得到 {type(node).__name__}")
        if len(values) >= MAX_NODES:
            raise ValueError(f"二叉树结点超过 {MAX_NODES} 个,可能有环")
        values.append(node.val)
        queue += (node.left, node.right)
    while values and values[-1] is None:
        values.pop()
    return values


LINKS = ("next", "left", "right")  # the attributes that link nodes


def _nodes(roots: list) -> list:
    """Every node reachable from `roots` (chains and trees), each once, cycles
    included; found one at a time, without recursion."""
    found, seen, stack = [], set(), list(roots)
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen or not hasattr(node, "val"):
            continue
        seen.add(id(node))
        found.append(node)
        stack += [getattr(node, link, None) for link in LINKS]
    return found


def _unlink(nodes: list) -> None:
    """Cut every link between `nodes`, so that each is freed on its own: Python
    frees a chain node by node recursively, which overflows the stack of
    Pyodide in Chromium from about 1,500 nodes (and crashes the runtime)."""
    for node in nodes:
        for link in LINKS:
            if getattr(node, link, None) is not None:
                try:
                    setattr(node, link, None)
                except (AttributeError, TypeError):  # a node class that forbids it
                    pass


# --- comparing ---------------------------------------------------------------


def _canonical(value, deep: bool):
    """A list sorted (by repr, so that any values sort), its items too when deep."""
    if not isinstance(value, (list, tuple)):
        return value
    items = [_canonical(v, deep) for v in value] if deep else list(value)
    return sorted(items, key=repr)


def _close(expected, actual, tolerance: float) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):  # True is not 1.0
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(actual, expected, rel_tol=tolerance, abs_tol=tolerance)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(_close(e, a, tolerance) for e, a in zip(expected, actual))
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(_close(expected[k], actual[k], tolerance) for k in expected)
    return expected == actual


def same(rule: str, expected, actual, tolerance: float = TOLERANCE) -> bool:
    """Whether `actual` is an accepted answer under the problem's rule."""
    if rule == "exact":
        return actual == expected
    if rule in ("unordered", "unordered_deep"):  # e.g. Two Sum: "你可以按任意顺序返回答案"
        if not isinstance(actual, (list, tuple)) or not isinstance(expected, (list, tuple)):
            return actual == expected
        deep = rule == "unordered_deep"
        return _canonical(actual, deep) == _canonical(expected, deep)
    if rule == "approx":  # floats: equal within the tolerance, through lists and dicts
        return _close(expected, actual, tolerance)
    raise ValueError(f"unknown compare rule: {rule!r}")


# --- showing -----------------------------------------------------------------


def _clip(output: str) -> str:
    """At most MAX_OUTPUT characters of a run's output, saying when it was cut."""
    if len(output) <= MAX_OUTPUT:
        return output
    return output[:MAX_OUTPUT] + f"\n…(输出过长,只显示前 {MAX_OUTPUT} 个字符,共 {len(output)} 个)"


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _format_error(exc: BaseException) -> str:
    """A traceback that shows only the reader's own lines."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines)


def _short_error(exc: BaseException) -> str:
    """One line for a case's row: the exception and the line of the reader's
    code it came from ("IndexError: list index out of range(第 3 行)")."""
    text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    if len(text) > MAX_ERROR:
        text = text[: MAX_ERROR - 1] + "…"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
    line = frames[-1].lineno if frames else getattr(exc, "lineno", None) if isinstance(exc, SyntaxError) else None
    return f"{text}(第 {line} 行)" if line else text


# --- calling -----------------------------------------------------------------


def _prepare(spec: dict, inputs: dict, namespace: dict) -> list:
    """The call's arguments: a copy of each input (a solution may change its
    arguments: the next call must not see it), each plain list turned into
    the type it stands for."""
    types, cycle = spec.get("types") or {}, spec.get("cycle") or {}
    args = []
    for p in spec["params"]:
        value = copy.deepcopy(inputs[p])
        if types.get(p) == "linked_list":
            at = inputs.get(cycle[p], -1) if p in cycle else -1
            value = to_chain(value, namespace.get("ListNode", ListNode), at)
        elif types.get(p) == "linked_lists":
            value = [to_chain(v, namespace.get("ListNode", ListNode)) for v in value]
        elif types.get(p) == "tree":
            value = to_tree(value, namespace.get("TreeNode", TreeNode))
        args.append(value)
    return args


def _play(cls, ops: list, args: list) -> list:
    """A design problem: build `cls` with the first op's args, then call each
    op with its args; what each returned (None for the constructor)."""
    if len(ops) != len(args):
        raise ValueError(f"ops 有 {len(ops)} 项,args 有 {len(args)} 项,应一样多")
    obj, results = cls(*args[0]), [None]
    for op, op_args in zip(ops[1:], args[1:]):
        results.append(getattr(obj, op)(*op_args))
    return results


def _call(compiled, spec: dict, inputs: dict):
    """Run the code in a fresh namespace, then call its function once.

    Returns (result, milliseconds). Every call gets a new namespace, so
    class attributes and mutable defaults cannot leak between cases."""
    namespace = {
        "__name__": "__solution__",
        "ListNode": ListNode,
        "TreeNode": TreeNode,
        "List": typing.List,
        "Optional": typing.Optional,
    }
    exec(compiled, namespace)
    name = spec["function"]
    if name in namespace:
        function = namespace[name]
    elif "Solution" in namespace and spec.get("kind", "function") == "function":
        function = getattr(namespace["Solution"](), name)
    else:
        raise NameError(f"没有找到{'类' if spec.get('kind') == 'design' else '函数'} {name}")
    args = _prepare(spec, inputs, namespace)
    types = spec.get("types") or {}
    built = _nodes([root for p, arg in zip(spec["params"], args) if p in types
                    for root in (arg if types[p] == "linked_lists" else [arg])])
    result = None
    try:
        start = time.perf_counter()
        result = _play(function, *args) if spec.get("kind") == "design" else function(*args)
        ms = (time.perf_counter() - start) * 1000
        if spec.get("returns") == "linked_list":
            return to_list(result), ms
        if spec.get("returns") == "tree":
            return from_tree(result), ms
        return result, ms
    finally:
        if spec.get("returns") in ("linked_list", "tree"):
            built += _nodes([result])
        _unlink(built)


def _compile(code: str):
    linecache.cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
    return compile(code, FILENAME, "exec")


def _expected(spec: dict, case: dict) -> tuple[bool, typing.Any]:
    """(whether there is an answer, the answer): the case's own, else the
    reference solution's; a reference that returns None has none."""
    if "expected" in case:
        return True, case["expected"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result, _ = _call(compile(spec["reference"], "<reference>", "exec"), spec, case["input"])
    return result is not None, result


def _shown_input(spec: dict, inputs: dict) -> str:
    names = list(spec["params"]) + [n for n in (spec.get("cycle") or {}).values() if n in inputs]
    return ", ".join(f"{p} = {_show(inputs[p])}" for p in names if p in inputs)


def _run_case(compiled, spec: dict, case: dict, out: io.StringIO, err: io.StringIO) -> tuple[dict, str | None]:
    """One case's row, and the full traceback when it ended in an error."""
    row = {"name": case.get("name", ""), "status": "", "input": _shown_input(spec, case["input"]),
           "expected": "", "actual": "", "ms": 0.0, "error": None}
    try:
        answered, expected = _expected(spec, case)
    except Exception as exc:  # a custom input the reference cannot take
        row.update(status="error", error="参考答案无法处理这个输入:" + _short_error(exc))
        return row, "参考答案无法处理这个输入:\n" + _format_error(exc)
    row["expected"] = _show(expected) if answered else NO_REFERENCE
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            actual, ms = _call(compiled, spec, case["input"])
    except BaseException as exc:  # SystemExit, MemoryError, RecursionError...
        row.update(status="error", error=_short_error(exc))
        return row, _format_error(exc)
    if not answered:
        status = "no_reference"
    else:
        ok = same(spec.get("compare", "exact"), expected, actual, spec.get("tolerance", TOLERANCE))
        status = "pass" if ok else "fail"
    row.update(status=status, actual=_show(actual), ms=round(ms, 3))
    return row, None


def _overall(statuses: set) -> str:
    for status in ("error", "fail", "no_reference"):
        if status in statuses:
            return status
    return "pass"


def run(code: str, spec: dict, cases: list, on_case=None) -> dict:
    """Run `code` against every case; `on_case(row)` after each one.

    Returns {status, cases: [{name, status, input, expected, actual, ms,
    error}], stdout, stderr, error}: the run's status is the worst of its
    cases' (error, fail, no_reference, pass); `error` is the first full
    traceback (timeouts are the caller's business)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    first_error = None
    try:
        compiled = _compile(code)
    except SyntaxError as exc:  # also IndentationError
        compiled, first_error, syntax = None, _format_error(exc), _short_error(exc)
    results = []
    for case in cases:
        if compiled is None:
            row = {"name": case.get("name", ""), "status": "error", "input": _shown_input(spec, case["input"]),
                   "expected": _show(case["expected"]) if "expected" in case else "", "actual": "", "ms": 0.0,
                   "error": syntax}
        else:
            row, error = _run_case(compiled, spec, case, stdout, stderr)
            if error and first_error is None:
                first_error = f"用例「{row['name']}」:\n{error}" if row["name"] else error
        results.append(row)
        if on_case is not None:
            on_case(row)
    return {
        "status": _overall({r["status"] for r in results}) if results else ("error" if first_error else "pass"),
        "cases": results,
        "stdout": _clip(stdout.getvalue()),
        "stderr": _clip(stderr.getvalue()),
        "error": first_error,
    }


def run_json(code: str, spec_json: str, cases_json: str, on_case=None) -> str:
    """`run` with JSON text in and out, for JavaScript callers (Pyodide)."""
    report = (lambda row: on_case(json.dumps(row, ensure_ascii=False))) if on_case else None
    result = run(code, json.loads(spec_json), json.loads(cases_json), report)
    return json.dumps(result, ensure_ascii=False)
