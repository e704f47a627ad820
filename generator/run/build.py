"""The pipeline, top to bottom: one function per question a build answers.

    sources -> extract -> clean -> segment -> dedupe -> topics -> render

`make_kb` runs the stages up to the knowledge base, `make_pages` renders it.
Neither knows about mkdocs: `plugin` (mkdocs) and `cli` (the command line) call
them, so that another site builder can take the Markdown pages instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.cells import snippets
from generator.contributions import contribution as contrib
from generator.merge import dedupe, topics
from generator.scrape import sources
from generator.scrape.damage import damage_in
from generator.site import links, practice, render
from generator.text import normalize
from generator.run.cache import Cache, document_key, entry_key, keep_to_the_end, paused_gc, value_key
from generator.run.engine import Engine, LocalEngine, assign_topics, merge_questions
from generator.scrape import Scraped, scrape
from generator.model import SCRAPED, Entry, KnowledgeBase, Problem, QuestionKind, SourceDocument
from generator import paths, rules

PROJECT_DIR = paths.PROJECT
DEFAULT_SOURCES = PROJECT_DIR / "sources"
DEFAULT_SNIPPETS = PROJECT_DIR / "snippets"
DEFAULT_DOCS = PROJECT_DIR / "docs"
CONTRIBUTING_FILE = "CONTRIBUTING.md"  # the contributors' guide is also a page of the site
CONTRIBUTING_PAGE = "contributing.md"
PROGRESS_EVERY = 200  # documents
# The merge report's page lists this many merges; the file in the report
# folder lists them all (10,000 interviews make thousands, an 11 MB page).
MERGES_ON_THE_SITE = 300

Progress = Callable[[str], None]


def quiet(_: str) -> None:
    pass


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_kb(sources_dir: Path = DEFAULT_SOURCES, snippets_dir: Path = DEFAULT_SNIPPETS,
            progress: Progress = quiet, docs_dir: Path = DEFAULT_DOCS, *,
            engine: Engine | None = None, cache: Cache | None = None) -> KnowledgeBase:
    """The knowledge base. Per-document and per-entry work runs on `engine`
    (default: a local process pool for large corpora) and is reused from
    `cache` (default: .cache/kb/) when the document or entry is unchanged."""
    own_engine = engine is None
    engine = engine or LocalEngine()
    cache = cache if cache is not None else Cache()
    normalize.CUTTER.keep_dictionary_in(cache)
    rules.check_all()  # a typo in generator/data stops here, naming the file and key
    try:
        documents, problems = sources.read_sources(Path(sources_dir))
        scraped = [d for d in documents if d.kind == SCRAPED]
        keys = [document_key(d) for d in scraped]
        pages, questions = [], []
        for result in scrape_documents(scraped, engine, cache, progress, keys):
            pages.append(result.page)
            questions.extend(result.questions)
            problems.extend(result.problems)
            normalize.remember(result.analyses)
        with paused_gc():
            kb = _merge(documents, scraped, pages, questions, problems, snippets_dir, docs_dir, progress, engine,
                        cache, document_keys=dict(zip((d.id for d in scraped), keys)))
            keep_to_the_end()
        return kb
    finally:
        if own_engine:
            engine.close()


def scrape_documents(documents: list[SourceDocument], engine: Engine, cache: Cache,
                     progress: Progress = quiet, keys: list[str] | None = None) -> list[Scraped]:
    """The map step: `generator.scrape.scrape` of every document, from the cache when
    the document and the generator are unchanged. In document order.
    `keys`: the documents' cache.document_key, when already known."""
    keys = keys or [document_key(d) for d in documents]
    with paused_gc():
        results: list[Scraped | None] = [cache.get(k) for k in keys]
        keep_to_the_end()
    todo = [i for i, r in enumerate(results) if r is None]
    for start in range(0, len(todo), PROGRESS_EVERY * 10):
        chunk = todo[start:start + PROGRESS_EVERY * 10]
        for i, result in zip(chunk, engine.map(scrape, [documents[i] for i in chunk])):
            results[i] = result
            cache.put(keys[i], result)
        progress(f"scraped {start + len(chunk)}/{len(todo)} changed documents ({len(documents) - len(todo)} unchanged)")
    return results


def _merge(documents, scraped, pages, questions, problems, snippets_dir, docs_dir, progress, engine, cache,
           document_keys) -> KnowledgeBase:
    """The merge steps: contributions, dedupe, topics, snippets."""
    taxonomy = topics.load_taxonomy()
    runnable, snippet_problems = read_snippets(Path(snippets_dir))
    problems.extend(snippet_problems)
    contributions, contribution_problems = contrib.read_contributions(
        documents, {t.slug for t in taxonomy}, {s.name for s in runnable})
    problems.extend(contribution_problems)
    questions.extend(contrib.to_questions(contributions))
    progress(f"scraped {len(scraped)} documents, {len(questions)} questions; merging")
    overrides = dedupe.load_overrides()
    overrides = overrides.with_aliases(contrib.alias_groups(contributions))
    entries, report = merge_questions(questions, overrides, engine)
    entry_keys = {e.id: entry_key(e, document_keys) for e in entries}
    entries = assign_topics(entries, taxonomy, engine, cache, entry_keys)
    entries = contrib.apply(entries, contributions)
    entries = link_snippets(entries, runnable, engine)
    kb = KnowledgeBase(
        documents=tuple(scraped) + tuple(c.document for c in contributions),
        pages=tuple(pages),
        questions=tuple(questions),
        entries=tuple(entries),
        topics=tuple(taxonomy),
        problems=tuple(problems),
        merge_report=report.to_markdown(),
        merge_report_page=report.to_markdown(merges_shown=MERGES_ON_THE_SITE),
        entry_keys=entry_keys,
    )
    broken = render.contribution_link_problems(kb, render.known_pages(kb, docs_dir))
    return replace(kb, problems=kb.problems + tuple(broken) + tuple(contrib.duplicate_problems(kb)))


def read_snippets(snippets_dir: Path) -> tuple[list[snippets.Snippet], list[Problem]]:
    """The runnable problems; a broken folder is reported and skipped."""
    found, problems = [], []
    for folder in snippets.snippet_folders(snippets_dir):
        try:
            found.append(snippets.load_snippet(folder))
        except snippets.SnippetError as error:
            problems.append(Problem(f"snippets/{folder.name}", f"{error}; the cell was left out"))
    return found, problems


def link_snippets(entries: list[Entry], runnable: list[snippets.Snippet], engine: Engine | None = None) -> list[Entry]:
    """Attach each runnable snippet to the entries that name its problem
    (found on `engine`, default: here)."""
    if not runnable:
        return list(entries)
    names = (engine or Engine()).map(_SnippetNamed(tuple(runnable)), entries)
    return [entry.with_(snippet=name) if name and not entry.snippet else entry for entry, name in zip(entries, names)]


@dataclass(frozen=True)
class _SnippetNamed:
    """The name of the runnable snippet an entry's wordings name, or None."""

    runnable: tuple[snippets.Snippet, ...]

    def __call__(self, entry: Entry) -> str | None:
        # Each wording once: a question asked in hundreds of interviews has a few wordings.
        wordings = list(dict.fromkeys((q.text, q.kind) for q in entry.questions if q.kind != QuestionKind.FOLLOWUP))
        match = snippets.named_in(wordings, list(self.runnable))
        return match.name if match else None


def code_problems(snippets_dir: Path = DEFAULT_SNIPPETS) -> list[render.CodeProblem]:
    """The runnable problems of snippets/, as the pages and the search show them."""
    return [render.CodeProblem(s.name, s.title, s.difficulty, s.topic, s.leetcode,
                               snippets.cell_markdown(s), s.titles, snippets.cell_markdown(s, statement_open=True))
            for s in read_snippets(Path(snippets_dir))[0]]


def make_pages(kb: KnowledgeBase, snippets_dir: Path = DEFAULT_SNIPPETS,
               repo: render.RepoLinks = render.RepoLinks(), docs_dir: Path = DEFAULT_DOCS,
               engine: Engine | None = None) -> dict[str, str]:
    """Every generated page (docs-relative path -> Markdown), the topic and
    interview pages rendered on `engine` (default: here, one by one)."""
    pages = render.render_pages(kb, code_problems(snippets_dir), repo, docs_dir, engine.map if engine else None)
    guide = PROJECT_DIR / CONTRIBUTING_FILE
    if guide.is_file():
        pages[CONTRIBUTING_PAGE] = guide.read_text(encoding="utf-8")
    return pages


def write_data(kb: KnowledgeBase, site_dir: Path, cache: Cache | None = None) -> render.SiteMap:
    """kb.json, ids.json and random.json, into the built site. kb.json's records of
    entries that did not change since the last build come from `cache`.
    Returns the site map it made, for the search index."""
    cache = cache if cache is not None else Cache()
    key = value_key("kb-json-records", "")
    records = cache.get(key) or {}
    before = set(records)
    site_dir.mkdir(parents=True, exist_ok=True)
    with paused_gc():
        site = render.SiteMap.of(kb)
        (site_dir / "kb.json").write_text(render.kb_json(kb, records, site), encoding="utf-8")
        links.write_ids(kb, site_dir, site)
        practice.write_random(kb, site_dir, site)
    if set(records) != before:  # a record's key covers its content: same keys, same records
        cache.put(key, records)
    return site


def summary(kb: KnowledgeBase, pages: int | None) -> str:
    """The one line a build ends with (`pages`: how many pages the site has;
    None when only kb.json was written)."""
    line = (
        f"{len(kb.documents)} documents read, {len(kb.questions)} questions extracted, "
        f"{len(kb.entries)} question entries after merging, {len({s for e in kb.entries for s in e.topics})} topics, "
        + (f"{pages} pages" if pages is not None else "kb.json only (no pages)")
    )
    if kb.problems:
        files = len({p.path for p in kb.problems})
        line += f"; {len(kb.problems)} problems in {files} files: skipped or flagged (listed above)"
    return line


def write_reports(kb: KnowledgeBase, report_dir: Path) -> None:
    """The maintainers' reports: what cleaning dropped, and what merged."""
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "cleaning-report.md").write_text(cleaning_report(kb), encoding="utf-8")
    (report_dir / "merge-report.md").write_text(kb.merge_report, encoding="utf-8")


def cleaning_report(kb: KnowledgeBase) -> str:
    """What the cleaner threw away, per document and rule, and the kept lines
    segment put in no question, for maintainers."""
    unused_total = sum(len(page.unused) for page in kb.pages)
    lines = ["# Cleaning report", "",
             f"{unused_total} kept lines are not part of any question "
             f"(in {sum(1 for p in kb.pages if p.unused)} documents).", ""]
    for page in kb.pages:
        lines.append(f"## {page.source.path} ({len(page.dropped)} lines dropped, {len(page.unused)} not part of any question)")
        lines.append("")
        for d in page.dropped:
            lines.append(f"- L{d.line.number} [{d.rule}] {d.line.text[:120]}")
        if page.unused:
            lines += ([""] if page.dropped else []) + [f"### Not part of any question ({len(page.unused)} lines)", ""]
            lines += [f"- L{line.number} {line.text[:120]}" for line in page.unused]
        lines.append("")
    damaged = [(q, d) for q in kb.questions for d in damage_in(q.answer)]
    lines += ["## Answers the copy may have damaged", "",
              f"{len(damaged)} places (answers.yml `damage`; the reader sees a note under the answer).", ""]
    paths = {d.id: d.path for d in kb.documents}
    lines += [f"- {paths.get(q.source, q.source)} L{q.line} [{d.rule}] {q.text[:40]}: …{d.excerpt}…" for q, d in damaged]
    return "\n".join(lines) + "\n"


def read_rules_again() -> None:
    """Forget every data file read and all the package derived from them (its
    functools caches, jieba's words), so that the next build reads the rules
    again: `mkdocs serve` after a maintainer edited a file in data/."""
    for name, module in list(sys.modules.items()):
        if name == "generator" or name.startswith("generator."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    normalize.forget_words()
