"""Python code inside plain text: recognise its lines, repair lost indentation.

`is_code_line` says whether one line of plain text is a Python statement
(strong evidence); `is_code_continuation` whether it can only continue code
next to such a line (a `#` comment, a closing bracket, an indented argument).
`code_block` turns a run of code lines into a `Block(kind=BlockKind.CODE)`. Pages copied
from blogs often lose the indentation of their code (every line at column 0);
`reindent` rebuilds it from the shape of Python (block openers end with `:`,
`return`/`break`/... end a block, `def self` belongs to the class, ...), and
`ast.parse` decides whether the result is kept.

It does not recognise other languages (their code keeps language "" unless a
fence names it) and it cannot guess indentation the text does not imply: a
statement that follows a nested block with no comment, `return` or the like in
between stays inside the nested block, as long as that still parses.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
import textwrap

from generator.model import Block, BlockKind

INDENT = "    "

# A statement that starts with a keyword, or a decorator.
_KEYWORD = re.compile(
    r"""^(?:
        (?:async\s+)?def\s+\w+\s*\( | class\s+\w+\s*[(:] | import\s+\w | from\s+[\w.]+\s+import\s
      | return\b | yield\b | raise\b | assert\s | del\s | global\s | nonlocal\s
      | (?:pass|break|continue)\s*(?:\#.*)?$
      | (?:el)?if\s.*:\s*(?:\#.*)?$ | else\s*:\s*(?:\#.*)?$ | for\s.+\sin\s.+:\s*(?:\#.*)?$
      | while\s.+:\s*(?:\#.*)?$ | try\s*:\s*(?:\#.*)?$ | except\b.*:\s*(?:\#.*)?$
      | finally\s*:\s*(?:\#.*)?$ | with\s.+:\s*(?:\#.*)?$ | print\s*\( | @[\w.]+
    )""",
    re.VERBOSE,
)
# `a = ...`, `a.b[c], d = ...`, `a += ...`, but not `a == b`.
_TARGET = r"[A-Za-z_][\w.]*(?:\[[^\]]*\])*"
_ASSIGN = re.compile(rf"^{_TARGET}(?:\s*,\s*{_TARGET})*\s*(?:[-+*/%&|^@]|//|\*\*|>>|<<)?=(?!=)\s*\S")
# A bare call used as a statement: `torch.save(model, "m.pt")`.
_CALL = re.compile(r"^[A-Za-z_][\w.]*\s*\(.*\)\s*(?:#.*)?$")
_CLOSING = re.compile(r"^[)\]}][)\]},:]*\s*(?:#.*)?$")
_STRINGS = re.compile(r"""(?:[rbfu]{0,2})("([^"\\]|\\.)*"|'([^'\\]|\\.)*')""")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

_OPENER = re.compile(r":\s*(?:#.*)?$")
_ENDS_BLOCK = re.compile(r"^(?:return|break|continue|pass|raise)\b")
_ALIGNS = {  # a clause keyword and the openers it lines up with
    "elif": ("if", "elif"),
    "else": ("if", "elif", "for", "while", "try", "except"),
    "except": ("try", "except"),
    "finally": ("try", "except", "else"),
}
_PYTHON_HINTS = re.compile(r"^\s*(?:def |class |import |from \S+ import |print\(|elif |@)|\bself\.|\bNone\b|\bTrue\b|\bFalse\b", re.M)


def _code_part(text: str) -> str:
    """The line without string literals and without a trailing comment."""
    text = _STRINGS.sub('""', text)
    return text.split("#", 1)[0]


@lru_cache(maxsize=65536)  # every cleaning step asks again about the same lines
def is_code_line(text: str) -> bool:
    """A line that is a Python statement on its own (strong evidence)."""
    stripped = text.strip()
    if not stripped or _CJK.search(_code_part(stripped)):
        return False  # prose, or Chinese outside strings and comments
    return bool(_KEYWORD.match(stripped) or _ASSIGN.match(stripped) or _CALL.match(stripped))


@lru_cache(maxsize=65536)
def is_code_continuation(text: str) -> bool:
    """A line that is code only next to other code: a comment, a closing
    bracket, an indented line without Chinese outside strings."""
    stripped = text.strip()
    if not stripped:
        return False
    if stripped.startswith("#") and not stripped.startswith("#x"):
        return True
    if _CLOSING.match(stripped):
        return True
    indented = len(text) - len(text.lstrip(" ")) >= 2
    return indented and not _CJK.search(_code_part(stripped)) and bool(re.search(r"[=(),:\[\]]", stripped))


def looks_like_code(text: str) -> bool:
    return is_code_line(text) or is_code_continuation(text)


def _bracket_depth(text: str) -> int:
    code = _code_part(text)
    return sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")


def _first_param(stripped: str) -> str:
    match = re.match(r"(?:async\s+)?def\s+\w+\s*\(\s*(\w*)", stripped)
    return match.group(1) if match else ""


def reindent(lines: list[str]) -> list[str]:
    """Rebuild the indentation of Python code that was flattened to column 0.

    Each rule is what Python's own shape implies: the line after an opener
    (`...:`) is one level deeper; `return`/`break`/`continue`/`pass`/`raise`
    close the block they are in; a `def` whose first parameter is `self`/`cls`
    is a method of the class above, any other `def` or `class` is top level; a
    `#` comment after a nested block goes back to the function body (comments
    in these write-ups introduce the next step of the function), and so does
    the function's last `return` right after a loop body; `elif`/`else`/
    `except`/`finally` line up with their nearest opener. Lines inside open brackets are
    continuation lines, one level deeper than their statement.
    """
    indenter = _Indenter()
    return [indenter.indent(lines, index) for index in range(len(lines))]


class _Indenter:
    """What `reindent` knows at a line from the lines above it."""

    def __init__(self) -> None:
        self.level = 0
        self.openers: list[tuple[str, int]] = []  # (keyword, level of the opener line)
        self.bodies: list[int] = []  # levels of the bodies of the functions we are in
        self.class_level: int | None = None
        self.depth = 0  # brackets left open by the previous lines

    def indent(self, lines: list[str], index: int) -> str:
        """lines[index], indented."""
        stripped = lines[index].strip()
        if not stripped:
            return ""
        if self.depth > 0:  # a continuation line of a bracketed expression
            self.depth = max(self.depth + _bracket_depth(stripped), 0)
            return INDENT * (self.level + (0 if _CLOSING.match(stripped) else 1)) + stripped
        word = re.match(r"[A-Za-z_]+", stripped)
        word = word.group(0) if word else ""
        self._start_line(word, stripped, lines, index)
        indented = INDENT * self.level + stripped
        self._end_line(word, stripped)
        return indented

    def _start_line(self, word: str, stripped: str, lines: list[str], index: int) -> None:
        """The level a statement starts at, when it is not the current one."""
        if word == "class":
            self.level, self.openers, self.bodies, self.class_level = 0, [], [], 0
        elif word in ("def", "async") or stripped.startswith("@"):
            self._start_function(stripped)
        elif word in _ALIGNS:
            self._align_clause(word)
        elif stripped.startswith("#") and self.bodies and self.level > self.bodies[-1]:
            self._back_to(self.bodies[-1])
        elif word == "return" and self.bodies and self.openers and self.openers[-1][0] in ("for", "while") \
                and _ends_function(lines[index + 1:]):
            # the last `return` of a function, right after a loop body: a
            # return as the last line of a loop would stop it after one turn
            self._back_to(self.bodies[-1])

    def _start_function(self, stripped: str) -> None:
        method = self.class_level is not None and (_first_param(stripped) in ("self", "cls") or stripped.startswith("@"))
        self.bodies = []
        if method:
            self._back_to(self.class_level + 1)
        else:
            self.class_level = None
            self._back_to(0)

    def _align_clause(self, word: str) -> None:
        """`elif`/`else`/`except`/`finally`: at the level of the nearest opener it belongs to."""
        for index in range(len(self.openers) - 1, -1, -1):
            if self.openers[index][0] in _ALIGNS[word]:
                self.level = self.openers[index][1]
                del self.openers[index:]
                return

    def _back_to(self, level: int) -> None:
        """Continue at `level`: the blocks opened at it or deeper are over."""
        self.level = level
        self.openers = [o for o in self.openers if o[1] < level]

    def _end_line(self, word: str, stripped: str) -> None:
        """The level of the next line: deeper after an opener, shallower after `return` and the like."""
        self.depth = max(_bracket_depth(stripped), 0)
        if self.depth == 0 and _OPENER.search(stripped) and not stripped.startswith("#"):
            self.openers.append((word, self.level))
            self.level += 1
            if word in ("def", "async"):
                self.bodies.append(self.level)
        elif _ENDS_BLOCK.match(stripped):
            self.level = max(self.level - 1, 0)
            while self.bodies and self.level < self.bodies[-1]:  # the function is over
                self.bodies.pop()


def _ends_function(rest: list[str]) -> bool:
    """True when no statement of the same function follows."""
    following = next((line.strip() for line in rest if line.strip()), "")
    return not following or bool(re.match(r"(?:async\s+)?def\s|class\s|@", following))


def _parse_error(text: str) -> str:
    try:
        ast.parse(text)
    except SyntaxError as error:
        return f"{error.msg} (line {error.lineno})"
    return ""


def _is_flat(lines: list[str]) -> bool:
    """True when no statement line is indented although some line opens a block."""
    opens = any(_OPENER.search(line.strip()) and not line.strip().startswith("#") for line in lines)
    indented = any(line[:1] in (" ", "\t") for line in lines if line.strip())
    return opens and not indented


REINDENTED_NOTE = "原文的缩进在复制时丢失了,这里按代码结构推断恢复;块在哪里结束是推断的,可能与原意不同,请核对。"


def code_block(lines: list[str], language: str = "") -> Block:
    """A code block from lines of code; Python is validated and, when it lost
    its indentation, re-indented."""
    text = textwrap.dedent("\n".join(line.rstrip() for line in lines)).strip("\n")
    if language and language != "python":
        return Block(kind=BlockKind.CODE, text=text, language=language)
    error = _parse_error(text)
    if not error:
        return Block(kind=BlockKind.CODE, text=text, language="python")
    repaired = "\n".join(reindent(text.split("\n")))
    if not _parse_error(repaired):
        # It parses, but where a block ends was a guess: say so.
        return Block(kind=BlockKind.CODE, text=repaired, language="python", note=REINDENTED_NOTE)
    why = f"原文的代码无法作为 Python 解析({error}),这里按原样保留"
    if _is_flat(text.split("\n")):
        why += ";按代码结构重新缩进也没能修复"
    looks_python = language == "python" or bool(_PYTHON_HINTS.search(text))
    return Block(kind=BlockKind.CODE, text=text, language="python" if looks_python else "", note=why)


_FENCE = re.compile(r"^\s*(```|~~~)\s*([\w+-]*)\s*$")


def fence_language(text: str) -> str | None:
    """The language of a ``` fence line ("" when unnamed), None for other lines."""
    match = _FENCE.match(text)
    return match.group(2).lower() if match else None


def find_code(texts: list[str]) -> list[bool]:
    """Which lines of a page are code: lines inside ``` fences (and the fences),
    statement lines, and comment/continuation lines in a run that holds a
    statement line (blank lines do not break a run)."""
    marks = [False] * len(texts)
    fenced = False
    for index, text in enumerate(texts):
        if fence_language(text) is not None:
            marks[index], fenced = True, not fenced
        elif fenced:
            marks[index] = True
    start = 0
    while start < len(texts):
        if marks[start] or not looks_like_code(texts[start]):
            start += 1
            continue
        end = start
        while end < len(texts) and not marks[end] and (looks_like_code(texts[end]) or not texts[end].strip()):
            end += 1  # blank lines do not end a run of code
        if any(is_code_line(texts[i]) for i in range(start, end)):
            marks[start:end] = [True] * (end - start)
        start = end
    return marks
