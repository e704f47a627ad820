"""The records passed between pipeline stages.

Each stage takes and returns these small frozen dataclasses, so that the flow
reads top to bottom (see `generator.run.build`):

    SourceDocument --extract--> Page --clean--> Page --segment--> Question
    Question --dedupe--> Entry --topics--> Entry (with topics, related)
    Entry --render--> Markdown pages, kb.json

Nothing here knows how a record is made or used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from generator.messages import bilingual


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every control but tab and newline


class SourceKind(StrEnum):
    """What a source file is (SourceDocument.kind)."""

    SCRAPED = "scraped"  # an interview page
    CONTRIBUTED = "contributed"  # a contribution (a Markdown file under contrib/)


class QuestionKind(StrEnum):
    """How a question was asked (Question.kind)."""

    QUESTION = "question"
    PROBLEM = "problem"  # a coding problem
    FOLLOWUP = "followup"  # asked right after another question, about its answer
    CURATED = "contributed"  # a contribution's own question
    ALIAS = "alias"  # a contributor's other wording


class BlockKind(StrEnum):
    """What a piece of an answer is (Block.kind)."""

    PARAGRAPH = "paragraph"
    ITEM = "item"  # a list item
    CODE = "code"
    MARKDOWN = "markdown"  # a contribution's answer: Markdown as written, sanitised


SCRAPED, CONTRIBUTED = SourceKind.SCRAPED, SourceKind.CONTRIBUTED
CURATED, ALIAS = QuestionKind.CURATED, QuestionKind.ALIAS


def times_asked(entry: "Entry", sources: "Mapping[str, SourceDocument | SourceMeta] | None" = None) -> int:
    """How many interviews asked an entry: its scraped sources, and
    contributions that say where they were asked (follow-ups do not count).

    `sources` (SourceDocument.id -> the document or its SourceMeta) lets a
    contribution's asked_at be matched against the scraped interviews already
    counted: an asked_at that names the company, the role or the title of one
    of them ("模型部署工程师面试" for "2025年模型部署工程师面试") is that
    interview, not another one; and two contributions with the same asked_at
    count once. Without `sources` every contribution with an asked_at counts."""
    scraped = {q.source for q in entry.questions if q.kind in (QuestionKind.QUESTION, QuestionKind.PROBLEM)}
    asked_at = {q.source: q.category for q in entry.questions if q.kind in (CURATED, ALIAS) and q.category}
    if not asked_at:
        return len(scraped)
    if sources is None:
        return len(scraped | asked_at.keys())
    metas = [getattr(sources.get(s), "meta", sources.get(s)) or SourceMeta() for s in sorted(scraped)]
    elsewhere = {plain(a) for a in asked_at.values()}
    elsewhere = {a for a in elsewhere if a and not any(names_interview(a, m) for m in metas)}
    return len(scraped) + len(elsewhere)


NAMING_CHARS = 6  # the least of a title, or of an asked_at found in one, that names one interview


def names_interview(asked_at: str, meta: "SourceMeta") -> bool:
    """Whether a contribution's asked_at names the interview `meta` describes:
    it contains its company or its role, or it and the title contain one
    another (compared without case, width, spaces or punctuation)."""
    asked_at = plain(asked_at)
    if not asked_at:
        return False
    company, role, title = plain(meta.company), plain(meta.role), plain(meta.title)
    # A title names the interview only by more than a generic word: "面试"
    # and "工程师" are in every title.
    return (len(company) >= 2 and company in asked_at) or (len(role) >= 2 and role in asked_at) \
        or (len(asked_at) >= NAMING_CHARS and len(title) >= NAMING_CHARS and (asked_at in title or title in asked_at))


def plain(text: str) -> str:
    """A text reduced to its letters and digits (NFKC, lower case), for
    comparing wordings whatever their marks, spaces and punctuation."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text or "").lower() if ch.isalnum())


@dataclass(frozen=True)
class SourceMeta:
    """What is known about where a document came from (all optional)."""

    title: str = ""
    company: str = ""
    role: str = ""
    round: str = ""  # 一面, 二面, HR 面, 笔试 ...
    site: str = ""
    url: str = ""
    date: str = ""


@dataclass(frozen=True)
class SourceDocument:
    """One input file, decoded to text."""

    id: str  # stable: derived from the path relative to the sources folder
    path: str  # POSIX path relative to the sources folder
    kind: SourceKind
    format: str  # "text", "html" or "markdown"
    text: str
    meta: SourceMeta = field(default_factory=SourceMeta)


@dataclass(frozen=True)
class Line:
    """One line of a page's article body, with its 1-based line number in the
    extracted text (for error messages and document order)."""

    number: int
    text: str


@dataclass(frozen=True)
class Dropped:
    """A line the cleaner threw away, and the rule that threw it away."""

    line: Line
    rule: str


@dataclass(frozen=True)
class Page:
    """The article body of a document as lines of plain text."""

    source: SourceDocument
    title: str
    lines: tuple[Line, ...]
    dropped: tuple[Dropped, ...] = ()
    unused: tuple[Line, ...] = ()  # kept lines that segment put in no question (set by generator.scrape.scrape)


@dataclass(frozen=True)
class Block:
    """One piece of an answer: a paragraph, a list item, or code."""

    kind: BlockKind
    text: str
    language: str = ""  # for code: "python", "" when unknown
    note: str = ""  # for code: why it could not be repaired, "" when fine


@dataclass(frozen=True)
class Question:
    """One question as one document asks it."""

    source: str  # SourceDocument.id
    position: int  # 0-based order within the source
    text: str  # the wording as written (cleaned of entities and widths)
    category: str = ""  # the section heading it sits under, "" when none
    answer: tuple[Block, ...] = ()
    kind: QuestionKind = QuestionKind.QUESTION
    parent: int | None = None  # position of the parent question for a follow-up
    line: int = 0  # line number in the extracted page


@dataclass(frozen=True)
class Entry:
    """One question of the knowledge base: every wording and answer merged."""

    id: str  # stable, see dedupe.entry_id
    title: str  # canonical wording
    questions: tuple[Question, ...]  # every wording, in a fixed order
    topics: tuple[str, ...] = ()  # topic slugs, first is the home page
    related: tuple[str, ...] = ()  # entry ids
    snippet: str | None = None  # name of a folder in snippets/
    aliases: tuple[str, ...] = ()  # older ids that must still resolve here

    def with_(self, **changes) -> "Entry":
        return replace(self, **changes)


@dataclass(frozen=True)
class Topic:
    """One node of the topic taxonomy (generator/data/topics.yml)."""

    slug: str
    title: str  # Chinese
    title_en: str
    keywords: tuple[str, ...] = ()
    parent: str = ""
    description: str = ""
    personal: bool = False  # about the candidate (自我介绍), not a question to prepare


@dataclass(frozen=True)
class Problem:
    """A bad input file: named, explained, and how to fix it."""

    path: str
    message: str
    line: int = 0
    fatal: bool = False  # the file cannot be used at all (a contribution without a question or an answer)

    @property
    def text(self) -> str:
        """The message as people read it: Chinese first, then the English
        (generator/data/messages.yml holds the Chinese)."""
        return bilingual(self.message)

    def __str__(self) -> str:
        """`path:line: message`, for a terminal: a control character in a file
        name is shown escaped, never sent to the terminal as a command."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _CONTROLS.sub(lambda m: repr(m.group(0))[1:-1], f"{where}: {self.text}")


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the render stage needs, made once per build."""

    documents: tuple[SourceDocument, ...]
    pages: tuple[Page, ...]  # one per scraped document, same order
    questions: tuple[Question, ...]  # as extracted, before merging
    entries: tuple[Entry, ...]
    topics: tuple[Topic, ...]
    problems: tuple[Problem, ...]  # files skipped, with the reason
    merge_report: str = ""  # Markdown, for maintainers (build/merge-report.md)
    merge_report_page: str = ""  # the same with its merges cut short, for the site's page
    # Entry.id -> generator.run.cache.entry_key: what the entry's questions were
    # made from, for per-entry caches (empty: compute it from the questions).
    entry_keys: Mapping[str, str] = field(default_factory=dict)
