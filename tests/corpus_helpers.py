"""Small synthetic corpora for tests (bench/corpus.py, the generator `make bench` uses)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", PROJECT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_small_corpus(folder: Path, documents: int, seed: int = 0, start: int = 0) -> Path:
    corpus_module().write_corpus(folder, documents, seed, start)
    return folder
