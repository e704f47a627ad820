"""Where the per-document and per-entry work runs: this process, a local
process pool, or a Dask cluster.

The pipeline is map steps and keyed merges:

    scrape    map over documents: generator.scrape.scrape, SourceDocument ->
              Scraped(page, questions, problems, analyses); cached per
              document by generator.run.cache
    dedupe    keyed merge: wordings grouped by normalised key into units, units
              grouped by (entities, intents) into blocks; the candidate pairs of
              each block are found and compared as a map over blocks; the unions
              are applied in one fixed order (generator.merge.dedupe's own steps)
    topics    map over entries (each entry's topic scores), then one merge that
              relates entries (generator.merge.topics._relate)

An `Engine` has one method, `map(function, items)`, that returns the results
in the order of `items`; nothing else depends on where the work ran, so every
engine gives the same knowledge base, byte for byte. `LocalEngine` uses a
process pool when there is enough work for one (fork, so workers start warm);
`DaskEngine` sends batches to a Dask cluster (`--engine dask [--scheduler
ADDRESS]`; a `LocalCluster` without an address). Dask is optional: it is
imported only by `DaskEngine`.

This module does not read files (generator.scrape.sources) or render (generator.site.render).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from generator.merge import dedupe, topics
from generator.model import Entry, Question, Topic
from generator.run.cache import entry_key, value_key

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, a pool costs more than it saves.
POOL_THRESHOLD = 64
BATCH = 32  # items per task sent to a worker or a Dask task


def _batches(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _run_batch(function: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    return [function(item) for item in batch]


# What a LocalEngine's forked workers read: (function, items), set just before
# the pool starts. A task is then a range of indices, not pickled items (a
# popular entry carries hundreds of questions and answers).
_SHARED: tuple[Callable, Sequence] | None = None


def _run_range(start: int, end: int) -> list:
    function, items = _SHARED
    return [function(items[i]) for i in range(start, end)]


class Engine:
    """Runs `function` over `items`; results in the order of `items`."""

    name = "serial"

    def map(self, function: Callable[[T], R], items: Sequence[T], batch: int | None = None) -> list[R]:
        """`batch`: items per task sent to a worker (default: BATCH, fewer for few items)."""
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

    def runs_in_pool(self, count: int) -> bool:
        """Whether a map of `count` items runs on worker processes (else here)."""
        return self.workers >= 2 and count >= POOL_THRESHOLD and "fork" in multiprocessing.get_all_start_methods()

    def map(self, function, items, batch=None):
        items = list(items)
        if not self.runs_in_pool(len(items)):
            return [function(item) for item in items]
        # A new pool per map: forked workers start with everything this
        # process has loaded and cached so far (jieba, analyses of wordings).
        warm_up()
        global _SHARED
        size = batch or max(1, min(BATCH, len(items) // (self.workers * 4) or 1))
        _SHARED = (function, items)
        try:
            with multiprocessing.get_context("fork").Pool(self.workers) as pool:
                results = pool.starmap(_run_range, [(i, min(i + size, len(items))) for i in range(0, len(items), size)],
                                       chunksize=1)
        finally:
            _SHARED = None
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

    def map(self, function, items, batch=None):
        items = list(items)
        if not items:
            return []
        batches = _batches(items, batch or BATCH)
        futures = self.client.map(_run_batch, [function] * len(batches), batches, pure=False)
        results = self.client.gather(futures)
        return [r for batch in results for r in batch]

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def warm_up() -> None:
    """Load what every stage needs (jieba's dictionary, the rules data)."""
    from generator.text import normalize

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
