"""The pipeline, top to bottom: one function per question a build answers.

    sources -> extract -> clean -> segment -> dedupe -> topics -> render

`make_kb` runs the stages up to the knowledge base, `make_pages` renders it.
Neither knows about mkdocs: `plugin` (mkdocs) and `__main__` (the CLI) call
them, so that another site builder can take the Markdown pages instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from . import clean, contrib, dedupe, extract, render, segment, snippets, sources, topics
from .models import SCRAPED, Entry, KnowledgeBase, Problem

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_DIR / "sources"
DEFAULT_SNIPPETS = PROJECT_DIR / "snippets"
PROGRESS_EVERY = 200  # documents

Progress = Callable[[str], None]


def quiet(_: str) -> None:
    pass


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_kb(sources_dir: Path = DEFAULT_SOURCES, snippets_dir: Path = DEFAULT_SNIPPETS,
            progress: Progress = quiet) -> KnowledgeBase:
    documents, problems = sources.read_sources(Path(sources_dir))
    scraped = [d for d in documents if d.kind == SCRAPED]
    pages, questions = [], []
    for number, document in enumerate(scraped, 1):
        page = clean.clean(extract.extract(document))
        found = segment.segment(page)
        if not found:
            problems.append(Problem(document.path, "no interview question found; check that the page is an interview write-up"))
        pages.append(page)
        questions.extend(found)
        if number % PROGRESS_EVERY == 0:
            progress(f"scraped {number}/{len(scraped)} documents, {len(questions)} questions")
    contributed, contribution_problems = contrib.read_contributions(documents)
    questions.extend(contributed)
    problems.extend(contribution_problems)
    progress(f"scraped {len(scraped)} documents, {len(questions)} questions; merging")
    entries, report = dedupe.dedupe(questions, dedupe.load_overrides())
    taxonomy = topics.load_taxonomy()
    entries = topics.assign(entries, taxonomy)
    runnable, snippet_problems = read_snippets(Path(snippets_dir))
    problems.extend(snippet_problems)
    entries = link_snippets(entries, runnable)
    return KnowledgeBase(
        documents=tuple(scraped),
        pages=tuple(pages),
        questions=tuple(questions),
        entries=tuple(entries),
        topics=tuple(taxonomy),
        problems=tuple(problems),
        merge_report=report.to_markdown(),
    )


def read_snippets(snippets_dir: Path) -> tuple[list[snippets.Snippet], list[Problem]]:
    """The runnable problems; a broken folder is reported and skipped."""
    found, problems = [], []
    for folder in snippets.snippet_folders(snippets_dir):
        try:
            found.append(snippets.load_snippet(folder))
        except snippets.SnippetError as error:
            problems.append(Problem(f"snippets/{folder.name}", f"{error}; the cell was left out"))
    return found, problems


def link_snippets(entries: list[Entry], runnable: list[snippets.Snippet]) -> list[Entry]:
    """Attach each runnable snippet to the entries that name its problem."""
    linked = []
    for entry in entries:
        wordings = [q.text for q in entry.questions if q.kind != "followup"]
        match = next((s.name for s in runnable if any(snippets.matches(s, text) for text in wordings)), None)
        linked.append(entry.with_(snippet=match) if match else entry)
    return linked


def make_pages(kb: KnowledgeBase, snippets_dir: Path = DEFAULT_SNIPPETS) -> dict[str, str]:
    found = {s.name: s for s in read_snippets(Path(snippets_dir))[0]}
    cells = {e.snippet: snippets.cell_markdown(found[e.snippet]) for e in kb.entries if e.snippet in found}
    return render.render_pages(kb, cells)


def summary(kb: KnowledgeBase, pages: dict[str, str]) -> str:
    """The one line a build ends with."""
    line = (
        f"{len(kb.documents)} documents read, {len(kb.questions)} questions extracted, "
        f"{len(kb.entries)} question entries after merging, {len({s for e in kb.entries for s in e.topics})} topics, "
        f"{len(pages)} pages"
    )
    if kb.problems:
        line += f"; {len(kb.problems)} files skipped or flagged (listed above)"
    return line


def cleaning_report(kb: KnowledgeBase) -> str:
    """What the cleaner threw away, per document and rule, for maintainers."""
    lines = ["# Cleaning report", ""]
    for page in kb.pages:
        lines.append(f"## {page.source.path} ({len(page.dropped)} lines dropped)")
        lines.append("")
        for dropped in page.dropped:
            lines.append(f"- L{dropped.line.number} [{dropped.rule}] {dropped.line.text[:120]}")
        lines.append("")
    return "\n".join(lines)
