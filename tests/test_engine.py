"""generator.engine: every engine gives the same knowledge base, byte for byte."""

from __future__ import annotations

import pytest

from corpus_helpers import write_small_corpus
from generator import build, dedupe, render, sources, topics
from generator.cache import Cache
from generator.engine import Engine, LocalEngine, assign_topics, merge_questions, scrape


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_small_corpus(tmp_path_factory.mktemp("corpus"), 70)


@pytest.fixture(scope="module")
def scraped(corpus):
    documents, _ = sources.read_sources(corpus)
    return documents, [scrape(d) for d in documents]


def test_the_pool_gives_the_results_of_one_process_in_order(scraped):
    documents, serial = scraped
    assert len(documents) >= 64  # enough for LocalEngine to use its pool
    assert LocalEngine(workers=2).map(scrape, documents) == serial


def test_merge_questions_is_dedupe_with_a_mapped_blocking(scraped):
    questions = [q for r in scraped[1] for q in r.questions]
    assert merge_questions(questions, dedupe.load_overrides()) == dedupe.dedupe(questions, dedupe.load_overrides())


def test_assign_topics_is_topics_assign(scraped):
    questions = [q for r in scraped[1] for q in r.questions]
    entries, _ = dedupe.dedupe(questions)
    taxonomy = topics.load_taxonomy()
    assert assign_topics(entries, taxonomy, Engine()) == topics.assign(entries, taxonomy)


def test_dask_gives_the_same_kb_json_bytes(corpus):
    pytest.importorskip("distributed")
    from generator.engine import DaskEngine

    local = build.make_kb(corpus, engine=LocalEngine(), cache=Cache(None))
    with DaskEngine(processes=False, workers=2) as engine:
        distributed = build.make_kb(corpus, engine=engine, cache=Cache(None))
    assert render.kb_json(distributed) == render.kb_json(local)


def test_dask_missing_is_a_clear_error(monkeypatch):
    import builtins

    from generator import engine as engine_module

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError("No module named 'dask'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(engine_module.EngineError, match="dask\\[distributed\\]"):
        engine_module.make_engine("dask")
