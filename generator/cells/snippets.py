"""Runnable code snippets: read `snippets/<name>/` folders, and write the
Markdown fragment that becomes a code cell on a question's page.

Each folder holds snippet.yml (titles, how to call and check the solution),
solution.py (the solution as its source document gives it), problem.md (the
statement and examples) and cases.yml (the test cases as data). A new folder
becomes a new cell with no code change.

This module does not run any code (kb_harness does, in CPython or Pyodide),
and does not copy anything into the built site (see generator.cells.runtime).
"""

from __future__ import annotations

import ast
import hashlib
import html
import json
import re
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

import yaml

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
COMPARE_RULES = ("exact", "unordered")
TYPES = ("linked_list",)


class SnippetError(ValueError):
    """A snippet folder that cannot be used, with the file to fix."""


@dataclass(frozen=True)
class Snippet:
    name: str  # the folder name, also the cell's data-snippet
    title: str  # Chinese title shown on the cell
    titles: tuple[str, ...]  # wordings a question may use to name this problem
    solution: str  # the reference solution's source
    problem: str  # the statement and examples, Markdown
    function: str  # the function (or Solution method) the cases call
    params: tuple[str, ...]  # its parameters, in call order
    cases: tuple[dict, ...]  # {"name", "input": {param: value}, "expected"}
    compare: str = "exact"  # "exact" or "unordered"
    types: tuple[tuple[str, str], ...] = ()  # (param, "linked_list")
    returns: str = ""  # "linked_list" when the result is a chain
    time_limit: float = 5.0  # seconds for one run in the browser
    leetcode: int | None = None
    source: str = ""  # the document the solution comes from
    note: str = ""  # how the scraped solution was repaired, if it was

    @property
    def hash(self) -> str:
        """Names this version of the solution (browser edits are keyed by it)."""
        return hashlib.sha256(self.solution.encode()).hexdigest()[:12]

    def spec(self) -> dict:
        """What kb_harness.run needs besides the code and the cases."""
        return {
            "function": self.function,
            "params": list(self.params),
            "types": dict(self.types),
            "returns": self.returns,
            "compare": self.compare,
            "reference": self.solution,
        }

    @property
    def starter(self) -> str:
        """The solution with the body of the function the cases call left
        empty, for practice mode: the reader writes it."""
        return starter_code(self.solution, self.function)

    def to_json(self) -> str:
        """The data the browser cell loads (snippets/<name>.json in the site)."""
        data = {
            "name": self.name,
            "title": self.title,
            "hash": self.hash,
            "solution": self.solution,
            "starter": self.starter,
            "timeLimit": self.time_limit,
            "spec": self.spec(),
            "cases": list(self.cases),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


STARTER_BODY = "pass  # 在这里写你的解法"


def starter_code(solution: str, function: str) -> str:
    """`solution` with the body of `function` (a top-level function or a
    method) replaced by `pass`; everything else (imports, helper classes such
    as ListNode, comments) is kept as written."""
    tree = ast.parse(solution)
    found = next((n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.name == function), None)
    if found is None:
        return solution
    lines = solution.split("\n")
    # The signature is everything before the first statement, without the
    # comments and blank lines just above that statement (they explain the body).
    end = found.body[0].lineno - 1
    while end > found.lineno and (not lines[end - 1].strip() or lines[end - 1].strip().startswith("#")):
        end -= 1
    body_indent = " " * found.body[0].col_offset
    return "\n".join(lines[:end] + [body_indent + STARTER_BODY] + lines[found.end_lineno:])


def snippet_folders(root: Path) -> list[Path]:
    """Every snippet folder under `root`, sorted by name."""
    if not root.is_dir():
        return []
    return [d for d in sorted(root.iterdir()) if (d / "snippet.yml").is_file()]


def load_snippets(root: Path) -> list[Snippet]:
    """Every snippet under `root`, sorted by name; a bad folder raises SnippetError."""
    return [load_snippet(d) for d in snippet_folders(root)]


def load_snippet(folder: Path) -> Snippet:
    name = folder.name
    if not NAME.match(name):
        raise SnippetError(f"{folder}: folder name must be lowercase letters, digits and '-'")
    meta = _yaml(folder / "snippet.yml") or {}
    cases = _yaml(folder / "cases.yml") if (folder / "cases.yml").exists() else _json(folder / "cases.json")
    for key in ("title", "function", "params"):
        if not meta.get(key):
            raise SnippetError(f"{folder / 'snippet.yml'}: missing '{key}'")
    snippet = Snippet(
        name=name,
        title=str(meta["title"]),
        titles=tuple(str(t) for t in meta.get("titles", ())) or (str(meta["title"]),),
        solution=_text(folder / "solution.py"),
        problem=_text(folder / "problem.md") if (folder / "problem.md").exists() else "",
        function=str(meta["function"]),
        params=tuple(str(p) for p in meta["params"]),
        cases=tuple(cases or ()),
        compare=meta.get("compare", "exact"),
        types=tuple(sorted((str(k), str(v)) for k, v in (meta.get("types") or {}).items())),
        returns=meta.get("returns", "") or "",
        time_limit=float(meta.get("time_limit", 5)),
        leetcode=meta.get("leetcode"),
        source=meta.get("source", ""),
        note=meta.get("note", ""),
    )
    _check(folder, snippet)
    return snippet


def _check(folder: Path, s: Snippet) -> None:
    where = folder / "snippet.yml"
    if s.compare not in COMPARE_RULES:
        raise SnippetError(f"{where}: compare must be one of {COMPARE_RULES}, not {s.compare!r}")
    for param, kind in s.types:
        if param not in s.params or kind not in TYPES:
            raise SnippetError(f"{where}: bad types entry {param}: {kind}")
    if s.returns not in ("",) + TYPES:
        raise SnippetError(f"{where}: bad returns {s.returns!r}")
    if not s.cases:
        raise SnippetError(f"{folder}: no test cases (cases.yml)")
    for i, case in enumerate(s.cases, 1):
        if not isinstance(case, dict) or set(case.get("input", {})) != set(s.params) or "expected" not in case:
            raise SnippetError(f"{folder}: case {i} needs 'input' with {list(s.params)} and 'expected'")
        unknown = sorted(map(str, set(case) - CASE_FIELDS))
        if unknown or not isinstance(case.get("name", ""), str):
            # e.g. an unquoted comma in a flow mapping's name splits it: {name: a,b} -> name "a", key "b"
            raise SnippetError(f"{folder}: case {i} has unknown fields {unknown} or a name that is not text; "
                               f"use {sorted(CASE_FIELDS)}, and quote a name with a comma in it")


CASE_FIELDS = {"name", "input", "expected"}


def _yaml(path: Path):
    try:
        # libyaml's loader when there is one: a case can hold 10^4 numbers.
        return yaml.load(_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise SnippetError(f"{path}: {exc}") from exc


def _json(path: Path):
    try:
        return json.loads(_text(path))
    except ValueError as exc:
        raise SnippetError(f"{path}: {exc}") from exc


def _text(path: Path) -> str:
    if not path.is_file():
        raise SnippetError(f"{path}: missing")
    return path.read_text(encoding="utf-8")


_IGNORED = re.compile(r"[\s_\-·,,。::、【】\[\]()()]+")


def _key(text: str) -> str:
    return _IGNORED.sub("", text).casefold()


@lru_cache(maxsize=None)
def _titles_pattern(titles: tuple[str, ...]) -> re.Pattern | None:
    keys = [_key(title) for title in titles]
    parts = [re.escape(k) + (r"(?!\d)" if k[-1].isdigit() else "") for k in keys if k]
    return re.compile("|".join(parts)) if parts else None


def _names(snippet: Snippet, text_key: str) -> bool:
    """Whether a wording (as `_key` gives it: case, spaces and punctuation
    ignored) names this snippet's problem; a title ending in a digit
    ("LeetCode 1") does not match a longer number ("LeetCode 19")."""
    pattern = _titles_pattern(tuple(snippet.titles))
    return bool(pattern and pattern.search(text_key))


def find_snippet(text: str, snippets: list[Snippet]) -> Snippet | None:
    """The first snippet whose titles appear in `text`, or None."""
    return named_in([text], snippets)


def named_in(texts: list[str], snippets: list[Snippet]) -> Snippet | None:
    """The first snippet whose titles appear in any of `texts`, or None."""
    # Keys have no whitespace, and neither have titles: a title is never
    # found across the line break between two texts.
    joined = "\n".join(_key(t) for t in texts)
    return next((s for s in snippets if _names(s, joined)), None)


def cell_markdown(snippet: Snippet) -> str:
    """The fragment that stands where the cell goes on a Markdown page.

    Without JavaScript it is the problem statement (folded) and the solution
    as a highlighted code block; kb-cells.js turns it into an editor. Needs
    the md_in_html, attr_list and pymdownx.superfences extensions. Surround
    it with blank lines."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", snippet.solution)), default=0))
    code = snippet.solution.rstrip("\n")
    problem = (
        f'<details class="kb-cell__problem" markdown="1">\n'
        f"<summary>题目:{html.escape(snippet.title)}</summary>\n\n{snippet.problem.strip()}\n\n</details>\n\n"
        if snippet.problem.strip()
        else ""
    )
    note = f'<p class="kb-cell__note">{html.escape(snippet.note)}</p>\n\n' if snippet.note else ""
    return (
        f'<div class="kb-cell" data-snippet="{html.escape(snippet.name)}" '
        f'data-hash="{snippet.hash}" markdown="1">\n\n'
        f"{problem}{note}"
        f'<div class="kb-cell__source" markdown="1">\n\n'
        f"{fence}python\n{code}\n{fence}\n\n"
        f"</div>\n\n"
        f'<p class="kb-cell__nojs">启用 JavaScript 后,可以在浏览器里编辑并运行这段代码。</p>\n\n'
        f"</div>\n"
    )
