"""A cache of per-document and per-entry results, so that a build redoes only
what changed.

An item is stored under a hash of everything it depends on: the document (or
entry) itself and the generator's code and rules data (`code_version`), so an
edit to a cleaning rule or to segment.py makes every old item a miss, never a
stale hit. Items live one file each under `.cache/kb/` (`--cache-dir`), in
two-character folders; the folder is safe to delete at any time, and a
damaged or unreadable item counts as a miss.

Items are pickles: the cache folder must be as trusted as the code (it is
written by this build, on this machine). This module does not decide what to
cache: see generator.run.build.make_kb.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from generator.model import Entry, SourceDocument
from generator import paths

PACKAGE = paths.PACKAGE
# Under the folder the build runs in (the project: `make`, mkdocs.yml), never
# inside the package (site-packages, for an installed one).
DEFAULT_DIR = Path(".cache") / "kb"
FORMAT = 1  # bump when the stored records change shape


@cache
def code_version() -> str:
    """A hash of the generator's Python code and rules data."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(list(PACKAGE.rglob("*.py")) + list((PACKAGE / "data").glob("*"))):  # shapes/ too
        if path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def document_key(document: SourceDocument) -> str:
    """Everything a document's scrape depends on, hashed."""
    digest = hashlib.sha256(code_version().encode())
    meta = document.meta
    for part in (document.id, document.path, document.kind, document.format, document.text,
                 meta.title, meta.company, meta.role, meta.site, meta.url, meta.date):
        digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return "doc-" + digest.hexdigest()


def entry_key(entry: Entry, document_keys: Mapping[str, str]) -> str:
    """A key that changes whenever one of the entry's questions may have: a
    scraped question is what its document's key and its position make it
    (scraping is deterministic, and nothing changes a question after it);
    any other question (a contribution's) counts by its whole text. Cheaper
    than hashing every answer again."""
    parts = [f"{document_keys[q.source]}#{q.position}" if q.source in document_keys else repr(q)
             for q in entry.questions]
    return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def value_key(kind: str, value) -> str:
    """The key of any picklable-by-repr record (frozen dataclasses print all fields)."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(kind.encode() + b"\x00" + repr(value).encode("utf-8", "surrogatepass"))
    return f"{kind}-" + digest.hexdigest()


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside. Loading cached items and merging
    make hundreds of thousands of small records that live to the end of the
    build and form no cycles; the collector's repeated full passes over them
    cost about a third of an incremental build. Not for scraping: bs4's
    trees are cycles, and must be collected as the build goes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_to_the_end() -> None:
    """Everything made so far lives to the end of the build: take it out of
    the garbage collector's sight (gc.freeze), so that no later collection
    walks it again. Call it inside `paused_gc`: records made with the
    collector paused are all young, and the first allocation after it
    resumes starts a collection that walks every one of them (0.3 s after
    loading 10,000 cached documents, and again after the merge). The
    records are acyclic, so reference counting still frees them."""
    gc.freeze()


def _load(handle):
    if not gc.isenabled():  # the caller paused it for a whole batch of items
        return pickle.load(handle)
    with paused_gc():
        return pickle.load(handle)


def release_kept() -> None:
    """Undo `keep_to_the_end` and collect: in a process that builds again
    (mkdocs serve's rebuilds), what the last build kept may be garbage now,
    and frozen garbage in reference cycles would never be freed."""
    gc.unfreeze()
    gc.collect()


class Cache:
    """get/put by key; `Cache(None)` stores nothing (--no-cache)."""

    def __init__(self, folder: Path | None = DEFAULT_DIR):
        self.folder = Path(folder) if folder else None
        self._root = str(self.folder)
        self.hits = 0
        self.misses = 0

    @property
    def stores(self) -> bool:
        """False for `Cache(None)`: a put is thrown away."""
        return self.folder is not None

    def _path(self, key: str) -> str:
        # os.path, not pathlib: an incremental build looks up 10,000 items
        name = key.split("-", 1)[1]
        return os.path.join(self._root, name[:2], f"{key}.pickle")

    def get(self, key: str):
        if self.folder is None:
            self.misses += 1
            return None
        try:
            with open(self._path(key), "rb") as handle:
                value = _load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # noqa: BLE001 - a damaged item is a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # readers never see half an item
        except OSError:
            pass  # a read-only or full disk only makes the next build slower

    def __repr__(self) -> str:
        return f"Cache({self.folder}, {self.hits} hits, {self.misses} misses)"
