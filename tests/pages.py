"""Pages as the cleaning stage hands them on, for the tests of the stages after it."""

from __future__ import annotations

from generator.model import Line, Page, SourceDocument


def page_of(*lines: str) -> Page:
    doc = SourceDocument(id="t", path="t", kind="scraped", format="text", text="\n".join(lines))
    return Page(source=doc, title="", lines=tuple(Line(i, t) for i, t in enumerate(lines, 1)))


def page_from(text: str) -> Page:
    """A page as clean leaves it: the non-blank lines, numbered as in `text`
    (a blank line leaves a gap in the numbers)."""
    doc = SourceDocument(id="t", path="t", kind="scraped", format="text", text=text)
    lines = tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1) if t.strip())
    return Page(source=doc, title="", lines=lines)
