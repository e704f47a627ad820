"""Render the knowledge base into Markdown pages and kb.json.

Pages are plain Markdown (mkdocs-material conventions: admonitions, content
tabs, attribute lists), produced by the Jinja2 templates in `templates/`.
Every piece of scraped text goes through `md_text` or a code fence, so that
nothing in a source document can become HTML, a link or a script.

This module does not run a site builder: `plugin` hands the pages to mkdocs,
and `write_pages` writes them to a folder for any other builder.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from typing import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import quote


from generator import rules
from generator.run.cache import entry_key
from generator.contributions.contribution import contribution_template, suggest_slug
from generator.site.escape import attr_text, code_fence, front_matter_text, html_attr, link_url, md_line, md_text, nav_text
from generator.site import visuals
from generator.text.numbering import looks_numbered, numbers_itself
from generator.site.urls import (  # noqa: F401 - also render.HOME_PAGE ... for callers
    CODE_INDEX, HOME_PAGE, INTERVIEWS_INDEX, MERGE_REPORT_PAGE, PROBLEMS_PAGE, TOPICS_INDEX, UNCATEGORIZED, code_path,
    ordered_topics, page_url, source_path, topic_path)
from generator.model import (ALIAS, CONTRIBUTED, CURATED, SCRAPED, Block, Entry, KnowledgeBase, Problem, Question,
                     SourceDocument, Topic, plain, times_asked)
from generator.merge.topics import order_for_topic
from generator.scrape.damage import damage_in
from generator.cells.snippets import DIFFICULTIES
from generator.model import QuestionKind, BlockKind

MOST_ASKED_ON_HOME = 15
ANSWER_TABS = 5  # an entry's answers shown as tabs; the others are listed under them, folded
ANSWERS_IN_FULL = 20  # past these, an entry links to the interviews that hold its other answers
SOURCES_PER_REST = 30  # ... naming this many of them
SEE_ALSO = 100  # a topic page lists this many of the entries that live on another topic's page, most asked first
NAV_INTERVIEWS_MAX = 50  # more interviews than this are listed on their index page only

def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


CODE_IN_CELL = "*代码见下方可运行的代码单元。*"


def answer_markdown(blocks: tuple[Block, ...], code_in_cell: bool = False) -> str:
    """An answer's blocks as Markdown: paragraphs, one list per run of items, code.

    With `code_in_cell`, code is left to the page's runnable cell, which shows
    the same solution, so that it is not on the page twice."""
    parts: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block.kind == BlockKind.ITEM:
            items.append("- " + md_text(block.text))
            continue
        if items:
            parts.append("\n".join(items))
            items = []
        if block.kind == BlockKind.MARKDOWN:  # a contribution, already sanitised
            parts.append(block.text)
        elif block.kind == BlockKind.CODE and code_in_cell:
            if CODE_IN_CELL not in parts:
                parts.append(CODE_IN_CELL)
        elif block.kind == BlockKind.CODE:
            fence = code_fence(block.text, block.language)
            if block.note:
                fence = f'!!! warning "请核对这段代码"\n\n    {md_text(block.note)}\n\n{fence}'
            parts.append(fence)
        else:
            parts.append(md_text(block.text))
    if items:
        parts.append("\n".join(items))
    return "\n\n".join(parts)


_LINK_TARGET = re.compile(r"(!?\[[^\]]*\]\(\s*<?)([^)\s>]+)")


def known_pages(kb: KnowledgeBase, docs_dir: Path | None = None) -> frozenset[str]:
    """Every page path of the site: generated ones and the hand-written docs."""
    generated = {topic_path(t.slug) for t in kb.topics} | {source_path(d.id) for d in kb.documents}
    generated |= {HOME_PAGE, TOPICS_INDEX, INTERVIEWS_INDEX, MERGE_REPORT_PAGE, PROBLEMS_PAGE}
    if docs_dir is not None and Path(docs_dir).is_dir():
        generated |= {p.relative_to(docs_dir).as_posix() for p in Path(docs_dir).rglob("*.md")}
    return frozenset(generated)


def contribution_link_problems(kb: KnowledgeBase, pages: frozenset[str]) -> list[Problem]:
    """Relative links in contributed answers that lead to no page or entry."""
    curated = [(entry, q) for entry in kb.entries for q in entry.questions if is_curated(q)]
    if not curated:
        return []
    site = SiteMap.of(kb)
    problems = []
    for entry, question in curated:
        for block in question.answer:
            for number, line in enumerate(block.text.split("\n")):
                for _, target in _LINK_TARGET.findall(line):
                    why = site.broken_link(site.home_of[entry.id], target, pages)
                    if why:
                        problems.append(Problem(site.documents[question.source].path, why, question.line + number))
    return problems


def without_broken_links(markdown: str, site: SiteMap, from_path: str, pages: frozenset[str]) -> str:
    """A contributed answer with links that lead nowhere pointed at nothing,
    so that one bad link never fails the site build (`check` reports it)."""
    return _LINK_TARGET.sub(
        lambda m: m.group(1) + ("#" if site.broken_link(from_path, m.group(2), pages) else m.group(2)), markdown)


@dataclass(frozen=True)
class RepoLinks:
    """Links into the project's repository for contributors: edit a file, or
    start a new contribution (GitHub's new-file page, pre-filled)."""

    repo_url: str = ""  # e.g. https://github.com/org/repo; "" = no such links
    branch: str = "main"
    sources_dir: str = "sources"  # the sources folder, relative to the repository

    def edit_url(self, source_path: str) -> str:
        if not self.repo_url:
            return ""
        # the path is a file name anyone could choose: encoded, so that it cannot leave the theme's href
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{self.sources_dir}/{quote(source_path)}"

    def file_edit_url(self, repo_path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{quote(repo_path)}" if self.repo_url else ""

    def new_url(self, entry: Entry | None = None, topic: str = "") -> str:
        if not self.repo_url:
            return ""
        topic = topic or (entry.topics[0] if entry and entry.topics else UNCATEGORIZED)
        question = entry.title if entry else ""
        others = [q.text for q in entry.questions if q.kind not in ("followup",) and q.text != question] if entry else []
        template = contribution_template(question, [topic], others)
        filename = (suggest_slug(question) if question else "new-question") + ".md"
        return (f"{self.repo_url.rstrip('/')}/new/{self.branch}/{self.sources_dir}/contrib/{topic}"
                f"?filename={quote(filename)}&value={quote(template)}")


@lru_cache(maxsize=None)  # a site links the same few pages from every page
def _relative(to_path: str, from_dir: str) -> str:
    return posixpath.relpath(to_path, from_dir)


@dataclass(frozen=True)
class SiteMap:
    """Where everything lives, and how to link from one page to another."""

    documents: dict[str, SourceDocument]
    topics: dict[str, Topic]
    entries: dict[str, Entry]
    home_of: dict[str, str]  # entry id -> path of the page that shows it in full
    titles: dict[str, str]  # source id -> title shown (document_title)
    repo: RepoLinks = RepoLinks()

    @classmethod
    def of(cls, kb: KnowledgeBase, repo: RepoLinks = RepoLinks()) -> "SiteMap":
        page_titles = {p.source.id: p.title for p in kb.pages}
        return cls(
            titles={d.id: document_title(d, page_titles.get(d.id, "")) for d in kb.documents},
            documents={d.id: d for d in kb.documents},
            topics={t.slug: t for t in kb.topics},
            entries={e.id: e for e in kb.entries},
            home_of={e.id: topic_path(e.topics[0] if e.topics else UNCATEGORIZED) for e in kb.entries},
            repo=repo,
        )

    @cached_property
    def entry_of(self) -> dict[tuple[str, int], str]:
        """(source id, position) -> entry id."""
        return {(q.source, q.position): e.id for e in self.entries.values() for q in e.questions}

    @cached_property
    def anchors(self) -> dict[str, set[str]]:
        """Page path -> the entry anchors on it (ids and aliases)."""
        found: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            found[self.home_of[entry.id]].update((entry.id, *entry.aliases))
        return found

    def broken_link(self, from_path: str, target: str, known_pages: frozenset[str]) -> str:
        """Why a relative link from a page leads nowhere, or "" when it is fine."""
        if re.match(r"^[A-Za-z][\w+.-]*:", target):
            return ""  # external: not checked offline
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), path)) if path else from_path
        if resolved not in known_pages:
            return f"broken link '{target}': no page {resolved}; link to a page of the site relative to {from_path}"
        anchors = self.anchors
        if anchor and resolved in anchors and anchor not in anchors[resolved]:
            return f"broken link '{target}': {resolved} has no entry #{anchor}"
        return ""

    def is_scraped(self, source_id: str) -> bool:
        return self.documents[source_id].kind == SCRAPED

    def link(self, from_path: str, to_path: str, anchor: str = "") -> str:
        relative = _relative(to_path, posixpath.dirname(from_path) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def topic_link(self, from_path: str, slug: str) -> str:
        return self.link(from_path, topic_path(slug))

    def source_link(self, from_path: str, source_id: str) -> str:
        return self.link(from_path, source_path(source_id))

    def answer_link(self, from_path: str, question: Question) -> str:
        """Where an interview page shows `question` with its answer (source.md.j2: `n` + position)."""
        return self.link(from_path, source_path(question.source), f"n{question.position}")

    def entry_link(self, from_path: str, entry_id: str) -> str:
        return self.link(from_path, self.home_of[entry_id], entry_id)

    def entry_url(self, entry_id: str) -> str:
        return page_url(self.home_of[entry_id]) + "#" + entry_id

    def source_title(self, source_id: str) -> str:
        return self.titles[source_id]


TITLE_LENGTH = (4, 50)  # characters a page's own title may have to be shown as the interview's title


def document_title(document: SourceDocument, page_title: str = "") -> str:
    """The title of an interview: its metadata title, else the title the page
    gives (<title>/<h1>, or its first line, SEO junk cut by clean) when it
    reads as one (not a paragraph), else its file name."""
    if document.kind == CONTRIBUTED:
        return "贡献：" + document.path
    if document.meta.title:
        return document.meta.title
    shortest, longest = TITLE_LENGTH
    numbered = looks_numbered(page_title) or numbers_itself(page_title.strip())  # the first question, not a title
    if shortest <= len(page_title) <= longest and not page_title.endswith(("。", ".")) and not numbered:
        return page_title
    return posixpath.splitext(posixpath.basename(document.path))[0]


def is_curated(question: Question) -> bool:
    return question.kind == CURATED


def is_non_answer(question: Question) -> bool:
    """A reply that only says the candidate did not know (generator/data/answers.yml)."""
    if is_curated(question) or any(b.kind == BlockKind.CODE for b in question.answer):
        return False
    text = "".join(b.text for b in question.answer)
    if not 0 < len(text) <= rules.load("answers.yml").non_answer.max_chars:
        return False  # most answers: no need to try the patterns
    only_hedges, trails_off = _non_answer_patterns()
    return bool(only_hedges.match(text) or trails_off.match(text))


@lru_cache(maxsize=1)
def _non_answer_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The two shapes of a non-answer that answers.yml describes, built from
    its one list of hedges: nothing but hedges (short), or a hedge early and
    a trail-off from another hedge (longer)."""
    rule = rules.load("answers.yml").non_answer
    hedge = "(?:" + "|".join(rule.hedges) + ")"
    stop = "，,。！？!?；;"
    clause = f"[^{stop}]{{0,{rule.hedge_within_clause}}}?{hedge}[^{stop}]{{0,{rule.after_hedge}}}[{stop}…\\s]*"
    only_hedges = (f"(?=.{{1,{rule.short_chars}}}$)(?:{rule.lead_in})?(?:{clause})+"
                   f".{{0,{rule.end_chars}}}$")
    trails_off = (f"(?=.{{1,{rule.max_chars}}}$).{{0,{rule.hedge_within_reply}}}?{hedge}"
                  f".*{hedge}[^。！？!?]{{0,12}}?{rule.trails_off}$")
    return re.compile(only_hedges, re.S), re.compile(trails_off, re.S)


def _replies(entry: Entry) -> tuple[list[Question], list[Question]]:
    """The wordings that carry an answer, the most complete first; and those
    whose reply was a non-answer, in document order."""
    with_answer, without = [], []
    for q in entry.questions:
        if q.answer and q.kind != QuestionKind.FOLLOWUP:
            (without if is_non_answer(q) else with_answer).append(q)
    with_answer.sort(key=lambda q: (not is_curated(q), -sum(len(b.text) for b in q.answer), q.source, q.position))
    return with_answer, without


def answered(entry: Entry) -> list[Question]:
    """The wordings that carry an answer, the most complete first."""
    return _replies(entry)[0]


def non_answers(entry: Entry) -> list[Question]:
    """The wordings whose reply was a non-answer, in document order."""
    return _replies(entry)[1]


def asked_wordings(entry: Entry) -> list[Question]:
    """The wordings an entry lists under 问法: its questions, follow-ups aside,
    without a contributor's alias that repeats a scraped wording word for word
    (the alias only pointed the contribution at it)."""
    scraped = {q.text.strip() for q in entry.questions if q.kind not in (ALIAS, CURATED, "followup")}
    return [q for q in entry.questions if q.kind != QuestionKind.FOLLOWUP and not (q.kind == ALIAS and q.text.strip() in scraped)]


@dataclass(frozen=True)
class Wording:
    """One way an entry's question was asked, with every interview that asked
    it so (the same words in many interviews are listed once)."""

    text: str
    questions: tuple[Question, ...]  # in the entry's order


SOURCES_PER_WORDING = 3  # interviews named after a wording; the others are counted


def wordings(entry: Entry) -> list[Wording]:
    """`asked_wordings`, each text once."""
    by_text: dict[str, list[Question]] = {}
    for q in asked_wordings(entry):
        by_text.setdefault(q.text.strip(), []).append(q)
    return [Wording(text, tuple(qs)) for text, qs in by_text.items()]


def make_environment():
    """The Jinja2 environment of the page templates."""
    # Imported here: kb.json needs no template, and jinja2 takes 0.05 s to import.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=False,  # the output is Markdown; text is escaped by md_text
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=md_line, attr=attr_text, front_matter=front_matter_text, indent4=indent, answer=answer_markdown, url=link_url,
        html_attr=html_attr, json=lambda value: json.dumps(value, ensure_ascii=False),
        company_of=lambda source, site: site.documents[source].meta.company,
        role_of=lambda source, site: site.documents[source].meta.role,
    )
    env.tests["curated"] = is_curated
    env.globals.update(times_asked=times_asked, answered=answered, non_answers=non_answers, asked_wordings=asked_wordings, is_non_answer=is_non_answer,
                       is_curated=is_curated, is_long=is_long, damage_in=damage_in, code_path=code_path, reads_the_same=reads_the_same,
                       answer_tabs=ANSWER_TABS, answers_in_full=ANSWERS_IN_FULL,
                       sources_per_rest=SOURCES_PER_REST, see_also=SEE_ALSO, wordings=wordings, sources_per_wording=SOURCES_PER_WORDING)
    return env


# --- the page of one interview ---------------------------------------------------

@dataclass(frozen=True)
class Replies:
    """Where an entry's answers come from (`answered`), as an interview page
    asks about them for each of its questions."""

    wordings: frozenset[tuple[str, int]]  # (source, position) of each wording with an answer
    curated: bool  # one of them is a contribution's

    @classmethod
    def of(cls, entry: Entry) -> "Replies":
        found = answered(entry)
        return cls(frozenset((q.source, q.position) for q in found), any(is_curated(q) for q in found))


def more_answers(question: Question, replies: Replies | None) -> str:
    """What an interview page says, under one of its questions, about the
    answers its entry has besides this interview's own."""
    if replies is None:
        return ""
    others = len(replies.wordings - {(question.source, question.position)})
    if not others:
        return ""
    return f"另有 {others} 份回答" + ("，含精选回答" if replies.curated else "")


_NOT_WORDS = re.compile(r"[\s?？。.!！,，:：;；]+")


def reads_the_same(a: str, b: str) -> bool:
    """Two wordings with the same words (spacing, punctuation and case aside):
    an interview page names its question's entry only when the titles differ."""
    return _NOT_WORDS.sub("", a).lower() == _NOT_WORDS.sub("", b).lower()


@dataclass(frozen=True)
class CodeProblem:
    """A runnable problem (a folder of snippets/), as its pages show it."""

    name: str
    title: str
    difficulty: str  # 简单 / 中等 / 困难
    topic: str  # what kind of problem: 链表, 动态规划, 注意力 ...
    leetcode: int | None
    cell: str  # the Markdown fragment of its runnable cell
    names: tuple[str, ...] = ()  # other names a reader may search it by
    page_cell: str = ""  # the cell on the problem's own page (its statement unfolded); `cell` when empty




def render_pages(kb: KnowledgeBase, code: Sequence[CodeProblem] = (),
                 repo: RepoLinks = RepoLinks(), docs_dir: Path | None = None,
                 map_pages: Callable[[Callable[[int], str], Sequence[int]], list[str]] | None = None) -> dict[str, str]:
    """Every generated page: docs-relative path -> Markdown.

    `code`: the runnable problems; an entry that asks one shows its cell,
    and each has a page of its own, listed on the 编程题 page. `map_pages`:
    how the topic and interview pages (thousands) are rendered, like
    `map(function, items)` (generator.run.engine's `Engine.map` spreads them
    over processes); default: one by one here."""
    cells = {p.name: p.cell for p in code}
    site = SiteMap.of(kb, repo)
    # One count everywhere: a contribution's asked_at that names one of the
    # entry's interviews is that interview (models.times_asked).
    asked_in = {e.id: times_asked(e, site.documents) for e in kb.entries}  # templates ask again and again
    pages = _Pages(kb, site, _page_environment(kb, site, asked_in, known_pages(kb, docs_dir)), {})
    by_topic = _entries_by_topic(kb)
    shown = _shown_topics(kb.topics, set(by_topic) | {UNCATEGORIZED})
    topic_order = ordered_topics(kb.topics)
    shown_topics = [site.topics[s] for s in topic_order if s in shown]
    counts = {slug: len(by_topic.get(slug, [])) for slug in topic_order}
    scraped = tuple(d for d in kb.documents if d.kind == SCRAPED)
    questions_of = _questions_by_source(kb)
    _render_topic_and_interview_pages(pages, by_topic, shown_topics, cells, scraped, questions_of,
                                      map_pages or (lambda function, items: list(map(function, items))))
    _render_code_pages(pages, code, asked_in)
    pages.render("topics_index.md.j2", TOPICS_INDEX, topics=shown_topics, counts=counts)
    _render_interviews_index(pages, scraped, questions_of)
    # the topic map and the charts (build-time SVG) show the topic pages rendered above
    facts = visuals.Facts.of(kb, site, pages.rendered)
    most_asked = [e for e in order_for_topic(kb.entries, site.documents) if asked_in[e.id] >= 2][:MOST_ASKED_ON_HOME]
    pages.render(
        "home.md.j2",
        HOME_PAGE,
        charts=visuals.home_charts(facts, HOME_PAGE),
        most_asked=most_asked,
        topics=[t for t in shown_topics if not t.parent],
        topic_count=len(shown_topics),
        counts=counts,
        newest=_newest(scraped),
        interview_count=len(scraped),
    )
    pages.render("merge_report.md.j2", MERGE_REPORT_PAGE, report=kb.merge_report_page or kb.merge_report)
    pages.render("problems.md.j2", PROBLEMS_PAGE, problems=sorted(kb.problems, key=lambda p: (p.path, p.line, p.message)))
    pages.rendered[visuals.MAP_PAGE] = visuals.map_page(kb, site, pages.env, facts)
    return pages.rendered


@dataclass(frozen=True)
class _Pages:
    """The pages rendered so far; each template is given the site, the kb and its page's path."""

    kb: KnowledgeBase
    site: SiteMap
    env: object  # a jinja2 Environment (make_environment)
    rendered: dict[str, str]  # docs-relative path -> Markdown

    def render(self, template: str, path: str, **context) -> None:
        self.rendered[path] = self.page(template, path, **context)

    def page(self, template: str, path: str, **context) -> str:
        return self.env.get_template(template).render(site=self.site, path=path, kb=self.kb, **context)


def _render_code_pages(pages: _Pages, code: Sequence[CodeProblem], asked_in: dict[str, int]) -> None:
    """编程题: a page per runnable problem (statement, cell, the entries that
    ask it), and the list of them, most asked first."""
    if not code:
        return
    askers: dict[str, list[Entry]] = defaultdict(list)
    for entry in order_for_topic(pages.kb.entries, pages.site.documents):
        if entry.snippet:
            askers[entry.snippet].append(entry)
    rows = []
    for problem in code:
        entries = askers.get(problem.name, [])
        companies = sorted({c for e in entries for q in e.questions if q.source in pages.site.documents
                            for c in [pages.site.documents[q.source].meta.company] if c})
        row = {"problem": problem, "entries": entries, "asked": sum(asked_in[e.id] for e in entries),
               "companies": companies}
        pages.render("code_problem.md.j2", code_path(problem.name), index=CODE_INDEX, **row)
        rows.append(row)
    order = {d: i for i, d in enumerate(DIFFICULTIES)}
    rows.sort(key=lambda r: (-r["asked"], order.get(r["problem"].difficulty, len(order)), r["problem"].name))
    pages.render("code_index.md.j2", CODE_INDEX, rows=rows)


def _page_environment(kb: KnowledgeBase, site: SiteMap, asked_in: dict[str, int], known: frozenset[str]):
    """The template environment, with what the pages of this knowledge base ask for."""
    env = make_environment()
    env.globals["times_asked"] = lambda entry: asked_in[entry.id]
    # An interview page says under each question what other answers its entry has:
    # found once per entry, not once per question (an entry can have hundreds).
    replies = {e.id: Replies.of(e) for e in kb.entries}
    env.globals["more_answers"] = lambda question, entry_id: more_answers(question, replies.get(entry_id))
    env.filters["safe_links"] = lambda markdown, path: without_broken_links(markdown, site, path, known)
    return env


def _entries_by_topic(kb: KnowledgeBase) -> dict[str, list[Entry]]:
    by_topic: dict[str, list[Entry]] = defaultdict(list)
    for entry in kb.entries:
        for slug in entry.topics or (UNCATEGORIZED,):
            by_topic[slug].append(entry)
    return by_topic


# What `_render_one` renders from while a map runs (a forked worker inherits it).
_RENDERING: tuple | None = None


def _render_topic_and_interview_pages(pages: _Pages, by_topic: dict[str, list[Entry]], shown_topics: list[Topic],
                                      cells: dict[str, str], scraped: tuple[SourceDocument, ...],
                                      questions_of: dict[str, list[Question]], map_pages) -> None:
    """The topic pages and an interview page per scraped document. The few
    topic pages are the large ones: spread evenly among the interviews, so
    that a map that hands out runs of pages gives them to different workers."""
    global _RENDERING
    _RENDERING = (pages, by_topic, shown_topics, cells, scraped, questions_of)
    topics, interviews = range(len(shown_topics)), range(len(shown_topics), len(shown_topics) + len(scraped))
    step = max(1, len(interviews) // max(1, len(topics)))
    order = [i for t in topics for i in (t, *interviews[t * step:(t + 1) * step])] + list(interviews[len(topics) * step:])
    try:
        rendered = dict(zip(order, map_pages(_render_one, order)))
    finally:
        _RENDERING = None
    paths = [topic_path(t.slug) for t in shown_topics] + [source_path(d.id) for d in scraped]
    pages.rendered.update((path, rendered[i]) for i, path in enumerate(paths))


def _render_one(index: int) -> str:
    pages, by_topic, shown_topics, cells, scraped, questions_of = _RENDERING
    if index < len(shown_topics):
        topic = shown_topics[index]
        path = topic_path(topic.slug)
        entries = order_for_topic(by_topic.get(topic.slug, []), pages.site.documents)
        return pages.page(
            "topic.md.j2",
            path,
            topic=topic,
            parent=pages.site.topics.get(topic.parent),
            children=[t for t in shown_topics if t.parent == topic.slug],
            own=[e for e in entries if pages.site.home_of[e.id] == path],
            elsewhere=[e for e in entries if pages.site.home_of[e.id] != path],
            cells=cells,
        )
    document = scraped[index - len(shown_topics)]
    questions = sorted(questions_of.get(document.id, []), key=lambda q: q.position)
    turns = interview_turns(questions, pages.site, pages.site.source_title(document.id))
    return pages.page("source.md.j2", source_path(document.id), document=document, questions=questions, turns=turns)


def _questions_by_source(kb: KnowledgeBase) -> dict[str, list[Question]]:
    """Grouped once: no pass over all questions per document."""
    questions_of: dict[str, list[Question]] = defaultdict(list)
    for question in kb.questions:
        questions_of[question.source].append(question)
    return questions_of


@dataclass(frozen=True)
class Turn:
    """One question of an interview page, with the follow-ups asked about it."""

    question: Question
    followups: tuple[Question, ...]
    entry_id: str | None  # its entry, None when it has none
    heading: str = ""  # the section it opens ("" when it goes on in the one before)


def interview_turns(questions: list[Question], site: SiteMap, title: str) -> list[Turn]:
    """The questions of one interview in its order, each follow-up under the
    question it follows, a section heading where the write-up starts one (not
    the heading that only repeats the page's title)."""
    by_position = {q.position: q for q in questions}
    followups: dict[int, list[Question]] = defaultdict(list)
    for q in questions:
        if q.kind == QuestionKind.FOLLOWUP and q.parent in by_position:
            followups[q.parent].append(q)
    turns: list[Turn] = []
    category, sectioned = None, False
    for q in questions:
        if q.kind == QuestionKind.FOLLOWUP and q.parent in by_position:
            continue
        heading = ""
        if q.category != category and (q.category or sectioned):
            category, sectioned = q.category, True
            heading = q.category or "其他"
            if plain(heading) == plain(title):
                heading = ""
        turns.append(Turn(q, tuple(followups.get(q.position, ())), site.entry_of.get((q.source, q.position)), heading))
    return turns


LONG_ANSWER = 400  # characters: a longer answer is folded on its interview's page


def is_long(blocks: tuple[Block, ...]) -> bool:
    return sum(len(b.text) for b in blocks) > LONG_ANSWER


def _render_interviews_index(pages: _Pages, scraped: tuple[SourceDocument, ...],
                             questions_of: dict[str, list[Question]]) -> None:
    # Counted words, one meaning each: 问题 = an entry (wordings merged);
    # 问法 = one question as a document words it, follow-ups included;
    # 追问 = a follow-up; 被问 N 次 = asked in N interviews (times_asked).
    asked = {d.id: len(questions_of.get(d.id, [])) for d in scraped}
    followups = {d.id: sum(q.kind == QuestionKind.FOLLOWUP for q in questions_of.get(d.id, [])) for d in scraped}
    pages.render("interviews_index.md.j2", INTERVIEWS_INDEX, documents=scraped, counts=asked, followups=followups,
                 total=sum(asked.values()), total_followups=sum(followups.values()),
                 contributed=len(pages.kb.questions) - sum(asked.values()))


def _shown_topics(topics: tuple[Topic, ...], used: set[str]) -> set[str]:
    """Topics that have entries, and their ancestors (so parent links resolve)."""
    parents = {t.slug: t.parent for t in topics}
    shown: set[str] = set()
    for slug in used:
        while slug and slug not in shown and slug in parents:
            shown.add(slug)
            slug = parents[slug]
    return shown


def _newest(documents: tuple[SourceDocument, ...]) -> list[SourceDocument]:
    dated = sorted(documents, key=lambda d: (d.meta.date or "", d.id), reverse=True)
    return dated[:10]


def nav(kb: KnowledgeBase, pages: dict[str, str], extra: list | None = None) -> list:
    """The site navigation (mkdocs `nav` format), topics nested as in the taxonomy."""
    titles = {t.slug: t.title for t in kb.topics}
    parents = {t.slug: t.parent for t in kb.topics}
    present = [s for s in ordered_topics(kb.topics) if topic_path(s) in pages]

    def subtree(parent: str) -> list:
        items = []
        for slug in present:
            if parents[slug] != parent:
                continue
            kids = subtree(slug)
            if kids:
                items.append({nav_text(titles[slug]): [topic_path(slug), *kids]})
            else:
                items.append({nav_text(titles[slug]): topic_path(slug)})
        return items

    scraped = [d for d in kb.documents if d.kind == SCRAPED]
    interviews = []
    # The theme renders the whole navigation into every page: listing
    # thousands of interviews would make the build quadratic. Past a few,
    # the interviews index page lists them instead.
    if len(scraped) <= NAV_INTERVIEWS_MAX:
        interview_titles = SiteMap.of(kb).titles
        interviews = [{nav_text(interview_titles[d.id]): source_path(d.id)} for d in scraped]
    return [
        {"首页": HOME_PAGE},
        {"专题": [TOPICS_INDEX, *(["map.md"] if "map.md" in pages else []), *subtree("")]},
        {"面经": [INTERVIEWS_INDEX, *interviews]},
        *([{"编程题": CODE_INDEX}] if CODE_INDEX in pages else []),
        *(extra or []),
        {"维护": [MERGE_REPORT_PAGE, PROBLEMS_PAGE]},
    ]


@dataclass(frozen=True)
class Outline:
    """The navigation's first level, shaped as the theme reads a navigation."""

    items: list
    homepage: object


def outline(navigation) -> Outline:
    """The first level of the site's navigation (a mkdocs Navigation): a
    section becomes one link, to its index page, else to its first page
    under the section's name."""
    from mkdocs.structure.nav import Link

    def top(item):
        kids = getattr(item, "children", None) or []
        if not (item.is_section and kids and kids[0].is_page):
            return item
        return kids[0] if kids[0].is_index else Link(item.title, kids[0].url)
    return Outline([top(item) for item in navigation.items], navigation.homepage)


def kb_json(kb: KnowledgeBase, records: dict[str, str] | None = None, site: SiteMap | None = None) -> str:
    """kb.json: the knowledge base as data, for other programs.

    `records`, when given, holds encoded question records of an earlier
    build by `_record_key`: an entry whose record key is unchanged is not
    encoded again. On return it holds this build's records only, which is
    what to keep for the next build. `site`: SiteMap.of(kb), when already made."""
    site = site or SiteMap.of(kb)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # tens of MB at scale
    sources = [
        {"id": d.id, "path": d.path, "title": site.source_title(d.id), "kind": d.kind,
         "company": d.meta.company, "role": d.meta.role, "site": d.meta.site, "url": d.meta.url}
        for d in kb.documents
    ]
    topic_records = [
        {"slug": t.slug, "title": t.title, "title_en": t.title_en, "parent": t.parent or None,
         "url": page_url(topic_path(t.slug))}
        for t in kb.topics
    ]
    known = records if records is not None else {}
    mine = {}
    for e in kb.entries:
        url = site.entry_url(e.id)
        record_key = _record_key(e, url, kb.entry_keys)
        line = known.get(record_key)
        mine[record_key] = line if line is not None else encode(_question_record(e, url, site.documents))
    if records is not None:
        records.clear()
        records.update(mine)
    sections = {
        "sources": list(map(encode, sources)),
        "topics": list(map(encode, topic_records)),
        "questions": list(mine.values()),
    }
    # One record per line: diffs between builds stay readable, and the C
    # encoder (no `indent`) does the work.
    return "{\n" + ",\n".join(f"{encode(name)}: [\n" + ",\n".join(lines) + "\n]"
                               for name, lines in sections.items()) + "\n}\n"


def _record_key(entry: Entry, url: str, entry_keys) -> str:
    """Everything a question record is made from: the entry's questions
    (cache.entry_key) and what the merge and topics stages gave it."""
    fields = (entry.id, entry.title, entry.topics, entry.related, entry.snippet, entry.aliases, url)
    return (entry_keys.get(entry.id) or entry_key(entry, {})) + repr(fields)


def _question_record(e: Entry, url: str, sources: dict[str, SourceDocument]) -> dict:
    with_answer, without = _replies(e)
    return {
        "id": e.id,
        "title": e.title,
        "url": url,
        "topics": list(e.topics),
        "asked": [{"source": q.source, "text": q.text} for q in e.questions if q.kind != QuestionKind.FOLLOWUP],
        "answers": [{"source": q.source, "markdown": answer_markdown(q.answer), "curated": is_curated(q)}
                    for q in with_answer],
        "non_answers": [{"source": q.source, "text": " ".join(b.text for b in q.answer)} for q in without],
        "followups": [
            {"source": q.source, "text": q.text, "answer": answer_markdown(q.answer)}
            for q in e.questions if q.kind == QuestionKind.FOLLOWUP
        ],
        "related": list(e.related),
        "snippet": e.snippet,
        "times_asked": times_asked(e, sources),
        "aliases": list(e.aliases),
    }


def write_pages(pages: dict[str, str], out_dir: Path) -> None:
    """Write the pages to a folder, for a site builder that runs no plugins."""
    for path, text in sorted(pages.items()):
        target = Path(out_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

