"""Where the per-document and per-entry work runs: this process, a local
process pool, or a Dask cluster.

The pipeline is map steps and keyed merges:

    scrape    map over documents: SourceDocument -> Scraped(page, questions, problems,
              analyses) (extract, clean, segment, and each wording's analysis;
              cached per document by generator.cache)
    dedupe    keyed merge: wordings grouped by normalised key into units, units
              grouped by (entities, intents) into blocks; the candidate pairs of
              each block are found and compared as a map over blocks; the unions
              are applied in one fixed order (generator.dedupe's own steps)
    topics    map over entries (each entry's topic scores), then one merge that
              relates entries (generator.topics._relate)

An `Engine` has one method, `map(function, items)`, that returns the results
in the order of `items`; nothing else depends on where the work ran, so every
engine gives the same knowledge base, byte for byte. `LocalEngine` uses a
process pool when there is enough work for one (fork, so workers start warm);
`DaskEngine` sends batches to a Dask cluster (`--engine dask [--scheduler
ADDRESS]`; a `LocalCluster` without an address). Dask is optional: it is
imported only by `DaskEngine`.

This module does not read files (generator.sources) or render (generator.render).
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from . import clean, dedupe, extract, normalize, segment, topics
from .cache import entry_key, value_key
from .models import Entry, Page, Problem, Question, SourceDocument, Topic

T = TypeVar("T")
R = TypeVar("R")

_CLOSED_HTML = re.compile(r"</(html|body)\s*>", re.I)
# Below this many items, a pool costs more than it saves.
POOL_THRESHOLD = 64
BATCH = 32  # items per task sent to a worker or a Dask task


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
                                               "(a shape the scraper does not know is a new module in generator/shapes/)"))
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


def _batches(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _run_batch(function: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    return [function(item) for item in batch]


class Engine:
    """Runs `function` over `items`; results in the order of `items`."""

    name = "serial"

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return [function(item) for item in items]

    def close(self) -> None:
        pass

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LocalEngine(Engine):
    """This machine: a pool of `workers` processes (default: one per core)
    for large maps, this process for small ones."""

    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or _cores()

    def map(self, function, items):
        items = list(items)
        if self.workers < 2 or len(items) < POOL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
            return [function(item) for item in items]
        # A new pool per map: forked workers start with everything this
        # process has loaded and cached so far (jieba, analyses of wordings).
        warm_up()
        size = max(1, min(BATCH, len(items) // (self.workers * 4) or 1))
        with multiprocessing.get_context("fork").Pool(self.workers) as pool:
            results = pool.starmap(_run_batch, [(function, b) for b in _batches(items, size)], chunksize=1)
        return [r for batch in results for r in batch]

class DaskEngine(Engine):
    """A Dask cluster: the scheduler at `scheduler` ("tcp://host:8786"), or a
    LocalCluster started here (`processes=False` runs it in threads)."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, processes: bool = True, workers: int | None = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise EngineError(
                "--engine dask needs Dask: pip install 'dask[distributed]' (see requirements.txt)"
            ) from error
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=workers or (os.cpu_count() or 1) if processes else 1,
                threads_per_worker=1 if processes else (workers or 2),
                processes=processes, dashboard_address=None,
            )
            self.client = Client(self._cluster)

    def map(self, function, items):
        items = list(items)
        if not items:
            return []
        batches = _batches(items, BATCH)
        futures = self.client.map(_run_batch, [function] * len(batches), batches, pure=False)
        results = self.client.gather(futures)
        return [r for batch in results for r in batch]

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def warm_up() -> None:
    """Load what every stage needs (jieba's dictionary, the rules data)."""
    from . import normalize

    normalize.analyze("预热 jieba 分词")
    topics.load_taxonomy()


class EngineError(Exception):
    pass


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def make_engine(name: str = "local", scheduler: str | None = None) -> Engine:
    if name == "local":
        return LocalEngine()
    if name == "serial":
        return Engine()
    if name == "dask":
        return DaskEngine(scheduler)
    raise EngineError(f"unknown engine {name!r}; use local or dask")


# --------------------------------------------------------------------------
# dedupe and topics: their map steps on an engine


def _blocks_pairs(args) -> list[tuple[list, list]]:
    units, blocks = args
    return dedupe.pairs_in_blocks(units, blocks)


def merge_questions(questions: Sequence[Question], overrides: dedupe.Overrides | None = None,
                    engine: Engine | None = None) -> tuple[list[Entry], dedupe.MergeReport]:
    """`dedupe.dedupe`, with the blocks' candidate pairs found on `engine`."""
    engine = engine or Engine()

    def find_pairs(units, blocks):
        if not isinstance(engine, DaskEngine):
            # cheap next to scraping: one process is enough (~0.3 s per 10,000 questions)
            return dedupe.pairs_in_blocks(units, blocks)
        # Each task gets a group of blocks and only the units they name.
        work = [({i: units[i] for block in group for i in block}, group) for group in _batches(blocks, 64)]
        return [pair for found in engine.map(_blocks_pairs, work) for pair in found]

    return dedupe.dedupe(questions, overrides, find_pairs)


def assign_topics(entries: Sequence[Entry], taxonomy: Sequence[Topic], engine: Engine | None = None,
                  cache=None, entry_keys: Mapping[str, str] | None = None) -> list[Entry]:
    """`topics.assign`, with each entry's topics computed on `engine`, or
    taken from `cache` (one table, keyed by cache.entry_key) when no wording
    or answer of the entry changed. `entry_keys`: see KnowledgeBase."""
    engine = engine or Engine()
    table_key = value_key("topics", tuple(taxonomy))

    def map_entries(score, entries):
        known: dict[str, tuple[str, ...]] = (cache.get(table_key) if cache else None) or {}
        keys = [(entry_keys or {}).get(e.id) or entry_key(e, {}) for e in entries]
        todo = [i for i, k in enumerate(keys) if k not in known]
        for i, slugs in zip(todo, engine.map(score, [entries[i] for i in todo])):
            known[keys[i]] = slugs
        if cache and todo:
            cache.put(table_key, {k: known[k] for k in keys})  # only the entries of this build
        return [known[k] for k in keys]

    return topics.assign(entries, taxonomy, map_entries)
