"""Scrape: one source file in, its questions out.

sources (find and decode files) → extract (the article body as lines, in one
markup whatever the format) → clean (furniture dropped by named rules) →
tagging (each line's role) → shapes (question shapes as plug-ins) → segment
(questions with their answers and code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.model import Page, Problem, Question, SourceDocument
from generator.rules import RuleError
from generator.scrape import clean, extract, segment
from generator.text import normalize

_CLOSED_HTML = re.compile(r"</(html|body)\s*>", re.I)


@dataclass(frozen=True)
class Scraped:
    """What one document gives: its cleaned page, its questions, its problems."""

    page: Page
    questions: tuple[Question, ...]
    problems: tuple[Problem, ...] = ()
    analyses: dict = field(default_factory=dict)  # normalize.analyses_of the wordings and headings


def scrape(document: SourceDocument) -> Scraped:
    """extract -> clean -> segment for one document. Never raises: a document
    that breaks a stage becomes a Problem naming it, and the others build.

    The page handed on keeps its title, its dropped lines and `unused` (the
    kept lines that went into no question), for the cleaning report, but not
    its lines: nothing after segmenting reads them, and without them a
    cached result loads three times faster."""
    try:
        page = clean.clean(extract.extract(document))
        segmented = segment.segment_page(page)
        found = segmented.questions
        page = replace(page, lines=(), unused=segmented.unused)
    except RuleError:
        raise  # the rules are wrong, not the page: every page would fail
    except Exception as error:  # noqa: BLE001 - one bad page must not stop the build
        page = Page(source=document, title=document.id, lines=())
        message = f"the page could not be read ({type(error).__name__}: {error}); the file was skipped, fix or remove it"
        return Scraped(page, (), (Problem(document.path, message),))
    problems = []
    if document.format == "html" and not _CLOSED_HTML.search(document.text[-4096:]):
        problems.append(Problem(document.path, "the HTML page looks truncated (no closing </html> or </body>); "
                                "what could be read was kept; save the whole page again"))
    if not found:
        problems.append(Problem(document.path, "no interview question found; check that the page is an interview "
                                               "write-up, and see build/cleaning-report.md for what was dropped"))
    elif _few(len(found), asking := _question_lines(page)):
        problems.append(Problem(document.path, f"only {len(found)} questions found for {asking} question-like lines; "
                                               "the lines that went into no question are in build/cleaning-report.md "
                                               "(a shape the scraper does not know is a new module in generator/scrape/shapes/)"))
    wordings = sorted({q.text for q in found} | {q.category for q in found if q.category})
    return Scraped(page, found, tuple(problems), normalize.analyses_of(wordings))


# A page has lost questions when the question-like lines that went into no
# question are more than its questions divided by the first number, and at
# least the second number of them.
FEW_QUESTIONS = (2, 6)


def _question_lines(page: Page) -> int:
    """Lines of the cleaned page, outside code, that ask with a question mark
    and went into no question."""
    return sum(1 for line in page.unused if "?" in line.text or "？" in line.text)


def _few(found: int, asking: int) -> bool:
    """Whether `asking` question-like lines in no question are many more
    than the `found` questions (FEW_QUESTIONS)."""
    ratio, least = FEW_QUESTIONS
    return asking >= least and asking > found / ratio
