"""Question shapes as plug-ins: passes over a page's tagged lines that
recognise one shape of question each, as Python-Markdown's tree processors do.

`generator.scrape.tagging.tag` tags every line by itself (heading, numbered, item,
text …); a shape then looks at the lines together and re-tags what it
recognises, before `generator.scrape.segment` walks them into questions. A shape is
one module here with one `SHAPE = Shape(name, priority, test, run)`:

- `test(lines, page)` says whether the page has the shape at all (cheap);
- `run(lines, page)` returns the lines re-tagged (a list item that asks
  becomes `numbered`, a topic line `heading`, a fence of questions its lines,
  a 反问 section `aside`…).

Shapes run highest priority first. Each reads its own section of
generator/data/shapes.yml (`rules(name)`). Adding a shape is one module, one
data section and one folder of tests/eval/pages/.

What is not here: the shapes the walk itself knows (numbered lists, dialogue
turns, Q/A labels, answer lists; generator.scrape.segment) and the furniture
(generator.scrape.clean).
"""

from __future__ import annotations

import importlib
from typing import Any
from collections.abc import Callable
from dataclasses import dataclass

from generator import rules as data
from generator.registry import Registry
from generator.scrape.tagging import PageInfo, Tagged, markdown_level, page_info, tag

# Modules of this package that define a SHAPE, in no particular order:
# the priorities order them.
MODULES = (
    "title_line", "label_lines", "speaker_labels", "asides", "fenced_list", "table", "run_on", "coding_problem",
    "outline", "bullet_list", "line_list", "single_question", "choice",
)


@dataclass(frozen=True)
class Shape:
    name: str
    priority: int
    test: Callable[[list[Tagged], PageInfo], bool]
    run: Callable[[list[Tagged], PageInfo], list[Tagged]]


def names_known_problem(text: str) -> str:
    """The text, when it is nothing but the title of a known coding problem
    (反转链表, 最长递增子序列), else ""."""
    from generator.merge.dedupe import find_problem  # the catalog of LeetCode problems
    from generator.model import QuestionKind

    text = text.strip().rstrip("。.")
    return text if len(text) <= 30 and find_problem(text, QuestionKind.QUESTION) else ""


def under_questions_heading(lines: list[Tagged]) -> list[bool]:
    """For each line: whether a heading that says its lines are the questions
    asked (### 技术面问题, ## 面试问题) encloses it, directly or as a parent
    of its own heading (#### 关于简历内容部分). A heading without Markdown
    marks nests below every marked one."""
    from generator.text import asking

    says = asking.pattern("questions_heading")
    stack: list[tuple[int, bool]] = []  # (level, says so) of the enclosing headings
    out = []
    for item in lines:
        if item.tag == "heading":
            level = markdown_level(item) or 7
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, bool(says.search(item.text))))
        out.append(any(flag for _, flag in stack))
    return out


def rules(name: str) -> Any:
    """The section of generator/data/shapes.yml for shape `name`."""
    return getattr(data.load("shapes.yml"), name)


def build_shapes() -> Registry:
    registry = Registry()
    for module in MODULES:
        shape: Shape = importlib.import_module(f"{__name__}.{module}").SHAPE
        registry.register(shape, shape.name, shape.priority)
    return registry


def apply(lines: list[Tagged], page: PageInfo, shapes: Registry | None = None) -> list[Tagged]:
    """Every shape's `run` whose `test` holds, in priority order."""
    for _, shape in shapes or build_shapes():
        if shape.test(lines, page):
            lines = shape.run(lines, page)
    return lines


def shaped(page) -> list[Tagged]:
    """The tagged lines of a cleaned page after every shape: what segment walks."""
    info = page_info(page)
    return apply(tag(page, info=info), info)
