"""jieba as one object that owns its dictionary: started once, quietly, with
the field's terms added, and its prefix dictionary kept in the build cache
between builds so that an incremental build starts it in a fraction of the time.
"""

from __future__ import annotations

import logging
import pickle
import re
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable

_SPLIT = re.compile(r"[\s,.;:!?()\[\]{}\"'/\\|<>=*&^%$@`]+")


class WordCutter:
    """Cuts Chinese text into words with its own jieba tokenizer (not the
    global one, so that nothing else in the process changes how we cut),
    which knows `words()` (the glossary's non-Latin names) as whole words."""

    def __init__(self, words: Callable[[], Iterable[str]]) -> None:
        self._words = words
        self._tokenizer = None
        self._cache = None  # a generator.run.cache.Cache to keep the dictionary in
        self._unloaded: dict[str, bytes] = {}  # first character -> pickled part of the kept dictionary
        self._lock = threading.Lock()  # threads of an engine start it once and load parts one at a time

    def keep_dictionary_in(self, cache) -> None:
        """Keep jieba's prefix dictionary, with our words added, in `cache`
        between builds. An incremental build must start jieba for the new
        wordings; from jieba's own marshal cache plus our words that takes
        0.7 s. The item's key covers the jieba version and, through the cache's
        code version, our words.

        The dictionary is kept in parts, one per first character, and a part
        is loaded when a text to cut has its character: jieba only looks up
        fragments of the text it cuts, and a new document needs about a fifth
        of the dictionary (0.05 s instead of 0.2 s for the whole)."""
        self._cache = cache

    def cut(self, text: str) -> list[str]:
        """The words of `text`, split on punctuation first."""
        tokenizer = self.tokenizer()
        if self._unloaded:
            self._load_parts(tokenizer, text)
        words = []
        for piece in _SPLIT.split(text):
            if piece:
                words.extend(w for w in tokenizer.lcut(piece, HMM=False) if w.strip())
        return words

    def forget(self) -> None:
        """Start again from the words on the next cut (a data file with words changed)."""
        with self._lock:
            self._tokenizer, self._unloaded = None, {}

    def tokenizer(self):
        """The jieba Tokenizer, started on first use."""
        with self._lock:
            if self._tokenizer is None:
                self._tokenizer = self._start()
        return self._tokenizer

    def _start(self):
        """A new tokenizer, from the kept dictionary when there is one."""
        jieba = _import_jieba()
        from generator.run.cache import value_key

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        key = value_key("jieba", (jieba.__version__, "parts by first character"))
        kept = self._cache.get(key) if self._cache is not None else None
        if kept:
            # What Tokenizer.initialize and add_word leave: the prefix
            # dictionary (filled part by part) and its total count.
            self._unloaded, tokenizer.total = kept
            tokenizer.FREQ = {}
            tokenizer.initialized = True
            return tokenizer
        self._unloaded = {}
        tokenizer.initialize()
        for word in self._words():
            tokenizer.add_word(word)
        if self._cache is not None and self._cache.stores:  # not for --no-cache: 0.5 s
            parts: dict[str, dict[str, int]] = defaultdict(dict)
            for word, count in tokenizer.FREQ.items():
                parts[word[0]][word] = count
            self._cache.put(key, ({c: pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
                                   for c, part in parts.items()}, tokenizer.total))
        return tokenizer

    def _load_parts(self, tokenizer, text: str) -> None:
        """The parts of a kept dictionary that cutting `text` can look up:
        every fragment jieba looks up starts with one of the text's
        characters. Under the lock: a part must be in the dictionary before
        another thread sees it gone from `_unloaded`."""
        with self._lock:
            for char in self._unloaded.keys() & set(text):
                tokenizer.FREQ.update(pickle.loads(self._unloaded[char]))
                del self._unloaded[char]


def _import_jieba():
    """jieba without pkg_resources: jieba imports it only to find its own
    dictionary file, falls back to a plain path without it, and the import
    alone costs 0.07 s of every incremental build (and warns that it is
    deprecated). Other modules may still import pkg_resources later."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # makes "import pkg_resources" raise ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba
