"""Run a solution's source code against a snippet's test cases.

The same module runs under CPython (pytest) and inside Pyodide (the browser's
Web Worker, and Node in the parity tests), so a cell that passes in the
browser passes everywhere. It converts between plain lists and `ListNode`
chains, compares by each problem's rule, times each call and captures output.

It does not enforce time limits (the browser terminates its worker instead)
and it is no sandbox: it runs the code it is given.

A spec (from snippet.yml) is a dict:
    function  name of the function (or `Solution` method) to call
    params    parameter names, in call order
    types     {param: "linked_list"} for parameters given as plain lists
    returns   "linked_list" when the result is a chain to turn into a list
    compare   "exact" or "unordered" (a list whose order does not matter)
    reference the reference solution's source, used for cases without
              an "expected" value (a reader's custom input)
A case is {"name": str, "input": {param: value}, "expected": value}.
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
import time
import traceback
import typing

__all__ = ["ListNode", "to_chain", "to_list", "same", "run", "run_json"]

FILENAME = "<solution>"  # the file name tracebacks show for the reader's code
MAX_NODES = 100_000  # a longer chain is taken to be a cycle
MAX_SHOWN = 160  # characters of a value shown in the results table
MAX_OUTPUT = 20_000  # characters of stdout / stderr kept per run


class ListNode:
    """The LeetCode singly linked list node (used when the code has none)."""

    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):
        return f"ListNode({self.val})"


def to_chain(values, node_class=ListNode):
    """[1, 2, 3] -> ListNode(1) -> ListNode(2) -> ListNode(3); [] -> None."""
    head = None
    for value in reversed(values):
        head = node_class(value, head)
    return head


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


def same(rule: str, expected, actual) -> bool:
    """Whether `actual` is an accepted answer under the problem's rule."""
    if rule == "exact":
        return actual == expected
    if rule == "unordered":  # e.g. Two Sum: "你可以按任意顺序返回答案"
        if actual == expected:  # also "no answer" (None) for a custom input that has none
            return True
        if not isinstance(actual, (list, tuple)):
            return False
        try:
            return sorted(actual) == sorted(expected)
        except TypeError:
            return False
    raise ValueError(f"unknown compare rule: {rule!r}")


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


def _call(compiled, spec: dict, inputs: dict):
    """Run the code in a fresh namespace, then call its function once.

    Returns (result, milliseconds). Every call gets a new namespace, so
    class attributes and mutable defaults cannot leak between cases."""
    namespace = {
        "__name__": "__solution__",
        "ListNode": ListNode,
        "List": typing.List,
        "Optional": typing.Optional,
    }
    exec(compiled, namespace)
    name = spec["function"]
    if name in namespace:
        function = namespace[name]
    elif "Solution" in namespace:
        function = getattr(namespace["Solution"](), name)
    else:
        raise NameError(f"没有找到函数 {name}()")
    node_class = namespace.get("ListNode", ListNode)
    types = spec.get("types", {})
    args = [
        to_chain(inputs[p], node_class) if types.get(p) == "linked_list" else inputs[p]
        for p in spec["params"]
    ]
    start = time.perf_counter()
    result = function(*args)
    ms = (time.perf_counter() - start) * 1000
    if spec.get("returns") == "linked_list":
        result = to_list(result)
    return result, ms


def _compile(code: str):
    linecache.cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
    return compile(code, FILENAME, "exec")


def _expected(spec: dict, case: dict):
    if "expected" in case:
        return case["expected"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result, _ = _call(compile(spec["reference"], "<reference>", "exec"), spec, case["input"])
    return result


def run(code: str, spec: dict, cases: list, on_case=None) -> dict:
    """Run `code` against every case; `on_case(result)` after each one.

    Returns {status, cases: [{name, status, input, expected, actual, ms,
    error}], stdout, stderr, error}; statuses are "pass", "fail" or "error"
    (timeouts are the caller's business)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    first_error = None
    try:
        compiled = _compile(code)
    except SyntaxError as exc:  # also IndentationError
        compiled, first_error = None, _format_error(exc)
    results = []
    for case in cases:
        inputs = case["input"]
        row = {
            "name": case.get("name", ""),
            "input": ", ".join(f"{p} = {_show(inputs[p])}" for p in spec["params"]),
            "expected": "",
            "actual": "",
            "ms": 0.0,
            "error": None,
        }
        try:
            expected = _expected(spec, case)
            row["expected"] = _show(expected)
        except Exception as exc:  # a custom input the reference cannot take
            row.update(status="error", error="参考答案无法处理这个输入:\n" + _format_error(exc))
            first_error = first_error or row["error"]
        else:
            if compiled is None:
                row.update(status="error", error=first_error)
            else:
                try:
                    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                        actual, ms = _call(compiled, spec, inputs)
                except BaseException as exc:  # SystemExit, MemoryError, RecursionError...
                    row.update(status="error", error=_format_error(exc))
                    first_error = first_error or row["error"]
                else:
                    ok = same(spec.get("compare", "exact"), expected, actual)
                    row.update(status="pass" if ok else "fail", actual=_show(actual), ms=round(ms, 3))
        results.append(row)
        if on_case is not None:
            on_case(row)
    statuses = {r["status"] for r in results}
    status = "pass" if statuses == {"pass"} else "error" if "error" in statuses or first_error else "fail"
    return {
        "status": status,
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
