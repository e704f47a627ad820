"""Runnable code snippets: read `snippets/<name>/` folders, and write the
Markdown fragment that becomes a code cell on a question's page.

Each folder holds snippet.yml (titles, how to call and check the solution),
solution.py (the reference solution), problem.md (the statement and
examples) and cases.yml (the test cases as data). A new folder becomes a new
cell with no code change. A question is linked to a snippet by what it names:
a LeetCode problem through the catalogue (generator/data/leetcode.yml, every
title and number form it knows), a 手撕 exercise by its `titles` when the
question asks for code (segment.yml `problems.code_words`).

This module does not run any code (kb_harness does, in CPython or Pyodide),
and does not copy anything into the built site (see generator.cells.runtime).
"""

from __future__ import annotations

import ast
import hashlib
import html
import json
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import rules
from generator.merge.dedupe import PROBLEM, find_problem

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
COMPARE_RULES = ("exact", "unordered", "unordered_deep", "approx")  # kb_harness.same
TYPES = ("linked_list", "linked_lists", "tree")  # plain lists the harness turns into nodes
KINDS = ("function", "design")  # design: a class played with LeetCode's ops and args
DESIGN_PARAMS = ("ops", "args")
DIFFICULTIES = ("简单", "中等", "困难")  # easy, medium, hard


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
    compare: str = "exact"  # one of COMPARE_RULES
    tolerance: float | None = None  # "approx": relative and absolute (kb_harness.TOLERANCE when None)
    kind: str = "function"  # one of KINDS
    types: tuple[tuple[str, str], ...] = ()  # (param, one of TYPES)
    returns: str = ""  # one of TYPES when the result is one
    cycle: tuple[tuple[str, str], ...] = ()  # (linked-list param, the input naming where its tail links)
    time_limit: float = 5.0  # seconds for one run in the browser
    leetcode: int | None = None  # the problem's number: linked through the catalogue
    difficulty: str = ""  # one of DIFFICULTIES
    topic: str = ""  # a short Chinese tag: 链表, 动态规划, 注意力…
    includes: tuple[str, ...] = ()  # snippets this one contains: a question naming both links here
    source: str = ""  # the document the solution comes from
    note: str = ""  # how the scraped solution was repaired, if it was

    @property
    def hash(self) -> str:
        """Names this version of the solution (browser edits are keyed by it)."""
        return hashlib.sha256(self.solution.encode()).hexdigest()[:12]

    def spec(self) -> dict:
        """What kb_harness.run needs besides the code and the cases."""
        spec = {
            "function": self.function,
            "params": list(self.params),
            "kind": self.kind,
            "types": dict(self.types),
            "returns": self.returns,
            "cycle": dict(self.cycle),
            "compare": self.compare,
            "reference": self.solution,
        }
        if self.tolerance is not None:
            spec["tolerance"] = self.tolerance
        return spec

    @property
    def inputs(self) -> tuple[str, ...]:
        """The names a case's input holds: the params, and the inputs that
        only shape one (a cycle's position)."""
        return self.params + tuple(at for _, at in self.cycle)

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
    method) replaced by `pass`, or of every method of `function` when it
    names a class (a design problem); everything else (imports, helper
    classes such as ListNode, comments) is kept as written."""
    tree = ast.parse(solution)
    named = next((n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and n.name == function), None)
    if isinstance(named, ast.ClassDef):
        bodies = [n for n in named.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    else:
        bodies = [named] if named is not None else []
    lines = solution.split("\n")
    for found in sorted(bodies, key=lambda n: n.lineno, reverse=True):  # from the end: line numbers hold
        # The signature is everything before the first statement, without the
        # comments and blank lines just above that statement (they explain the body).
        end = found.body[0].lineno - 1
        while end > found.lineno and (not lines[end - 1].strip() or lines[end - 1].strip().startswith("#")):
            end -= 1
        body_indent = " " * found.body[0].col_offset
        lines[end:found.end_lineno] = [body_indent + STARTER_BODY]
    return "\n".join(lines)


def snippet_folders(root: Path) -> list[Path]:
    """Every snippet folder under `root`, sorted by name."""
    if not root.is_dir():
        return []
    return [d for d in sorted(root.iterdir()) if (d / "snippet.yml").is_file()]


def load_snippets(root: Path) -> list[Snippet]:
    """Every snippet under `root`, sorted by name; a bad folder raises SnippetError."""
    return [load_snippet(d) for d in snippet_folders(root)]


def load_snippet(folder: Path) -> Snippet:
    """The snippet in `folder`, read once per version of its files (a build
    reads the snippets more than once, and parsing 10^4 numbers takes time)."""
    folder = Path(folder)
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    version = tuple((p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files)
    return _load_snippet(folder, version)


@lru_cache(maxsize=256)
def _load_snippet(folder: Path, version: tuple) -> Snippet:
    name = folder.name
    if not NAME.match(name):
        raise SnippetError(f"{folder}: folder name must be lowercase letters, digits and '-'")
    meta = _yaml(folder / "snippet.yml") or {}
    cases = _yaml(folder / "cases.yml") if (folder / "cases.yml").exists() else _json(folder / "cases.json")
    kind = str(meta.get("kind", "function"))
    if kind == "design":
        meta.setdefault("params", list(DESIGN_PARAMS))
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
        tolerance=float(meta["tolerance"]) if meta.get("tolerance") is not None else None,
        kind=kind,
        types=_pairs(meta.get("types")),
        returns=meta.get("returns", "") or "",
        cycle=_pairs(meta.get("cycle")),
        time_limit=float(meta.get("time_limit", 5)),
        leetcode=meta.get("leetcode"),
        difficulty=str(meta.get("difficulty", "")),
        topic=str(meta.get("topic", "")),
        includes=tuple(str(n) for n in meta.get("includes", ())),
        source=meta.get("source", ""),
        note=meta.get("note", ""),
    )
    _check(folder, snippet)
    return snippet


def _pairs(mapping) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in (mapping or {}).items()))


def _check(folder: Path, s: Snippet) -> None:
    where = folder / "snippet.yml"
    if s.compare not in COMPARE_RULES:
        raise SnippetError(f"{where}: compare must be one of {COMPARE_RULES}, not {s.compare!r}")
    if s.kind not in KINDS or (s.kind == "design" and s.params != DESIGN_PARAMS):
        raise SnippetError(f"{where}: kind must be one of {KINDS}, and a design problem's params {list(DESIGN_PARAMS)}")
    for param, kind in s.types:
        if param not in s.params or kind not in TYPES:
            raise SnippetError(f"{where}: bad types entry {param}: {kind}")
    if s.returns not in ("", "linked_list", "tree"):
        raise SnippetError(f"{where}: bad returns {s.returns!r}")
    for param, at in s.cycle:
        if dict(s.types).get(param) != "linked_list" or at in s.params:
            raise SnippetError(f"{where}: bad cycle entry {param}: {at}; "
                               f"the param must be a linked_list and the input not a param")
    if s.difficulty not in ("",) + DIFFICULTIES:
        raise SnippetError(f"{where}: difficulty must be one of {DIFFICULTIES}, not {s.difficulty!r}")
    if s.leetcode is not None and (not isinstance(s.leetcode, int) or isinstance(s.leetcode, bool)):
        raise SnippetError(f"{where}: leetcode must be the problem's number, not {s.leetcode!r}")
    if not s.cases:
        raise SnippetError(f"{folder}: no test cases (cases.yml)")
    for i, case in enumerate(s.cases, 1):
        if not isinstance(case, dict) or set(case.get("input", {})) != set(s.inputs) or "expected" not in case:
            raise SnippetError(f"{folder}: case {i} needs 'input' with {list(s.inputs)} and 'expected'")
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


# Linking a question to a snippet: a wording is (text, kind), kind as
# generator.model.QuestionKind says ("question", "problem", ...).

_IGNORED = re.compile(r"[\s_\-·,，。:：、【】\[\]()（）]+")
_LATIN = "a-z0-9"


def _key(text: str) -> str:
    """A wording without case, width, punctuation and spaces, except one space
    between two Latin words: "Scaled Dot-Product" is "scaled dot product",
    "两数 之和" is "两数之和"."""
    spaced = _IGNORED.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    return re.sub(rf"(?<![{_LATIN}]) | (?![{_LATIN}])", "", spaced).strip()


@lru_cache(maxsize=None)
def _titles_pattern(titles: tuple[str, ...]) -> re.Pattern | None:
    """Any of the titles; a Latin word is found only whole ("rope" is not in
    "europe", "LeetCode 1" not in "LeetCode 19")."""
    latin = re.compile(f"[{_LATIN}]")
    parts = [(rf"(?<![{_LATIN}])" if latin.match(k[0]) else "") + re.escape(k)
             + (rf"(?![{_LATIN}])" if latin.match(k[-1]) else "") for k in map(_key, titles) if k]
    return re.compile("|".join(parts)) if parts else None


@lru_cache(maxsize=1)
def _code_words() -> re.Pattern:
    return re.compile(rules.load("segment.yml").problems.code_words)


def asks_for_code(text: str, kind: str) -> bool:
    """Whether a wording asks to write code: a coding problem, or words such
    as 手撕, 手写, 实现, 代码 (segment.yml `problems.code_words`)."""
    return kind == PROBLEM or bool(_code_words().search(unicodedata.normalize("NFKC", text)))


def _names(snippet: Snippet, key: str, kind: str, number: int | None) -> bool:
    """Whether one wording (its `_key`) names this snippet's problem: a LeetCode
    problem by any name or number the catalogue knows (`number`), or by one of
    its own `titles`; a 手撕 exercise by its titles, when the wording is a
    coding problem (or asks for code, which makes it one)."""
    pattern = _titles_pattern(snippet.titles)
    titled = bool(pattern and pattern.search(key))
    if snippet.leetcode is not None:
        return number == snippet.leetcode or titled
    return titled and kind == PROBLEM


def find_snippet(text: str, snippets: list[Snippet], kind: str = "question") -> Snippet | None:
    """The snippet one wording names, or None."""
    return named_in([(text, kind)], snippets)


def named_in(wordings: list[tuple[str, str]], snippets: list[Snippet]) -> Snippet | None:
    """The snippet any of the wordings (text, kind) names, or None. When
    several are named, one that another named snippet `includes` gives way
    ("在 softmax 的基础上手撕 MHA" is MHA); else the first by name."""
    # A wording that asks for code is a coding problem: "写一个 LRU 缓存" names 146.
    wordings = [(text, PROBLEM if asks_for_code(text, kind) else kind) for text, kind in wordings]
    asked = [(_key(text), kind, (find_problem(text, kind) or (None,))[0]) for text, kind in wordings]
    named = [s for s in snippets if any(_names(s, key, kind, number) for key, kind, number in asked)]
    inside = {n for s in named for n in s.includes}
    return next((s for s in named if s.name not in inside), named[0] if named else None)


def cell_markdown(snippet: Snippet, statement_open: bool = False) -> str:
    """The fragment that stands where the cell goes on a Markdown page.

    Without JavaScript it is the problem statement (folded, unless
    `statement_open`: on the problem's own page) and the solution
    as a highlighted code block; kb-cells.js turns it into an editor. Needs
    the md_in_html, attr_list and pymdownx.superfences extensions. Surround
    it with blank lines."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", snippet.solution)), default=0))
    code = snippet.solution.rstrip("\n")
    problem = (
        f'<details class="kb-cell__problem"{" open" if statement_open else ""} markdown="1">\n'
        f"<summary>题目：{html.escape(snippet.title)}</summary>\n\n{snippet.problem.strip()}\n\n</details>\n\n"
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
