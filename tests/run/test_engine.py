"""generator.run.engine: every engine gives the same knowledge base, byte for byte."""

from __future__ import annotations

import pytest

from corpus_helpers import write_small_corpus
from generator.merge import dedupe, topics
from generator.run import build
from generator.scrape import sources
from generator.site import render
from generator.run.cache import Cache
from generator.run.engine import Engine, LocalEngine, assign_topics, merge_questions
from generator.scrape import scrape


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


def test_the_pool_workers_read_items_and_function_through_fork():
    """Neither the items nor the function are pickled to the workers (a
    popular entry is hundreds of questions): a lambda over unpicklable items
    runs on the pool, and each result comes back in order."""
    import os
    import threading

    locks = [threading.Lock() for _ in range(100)]  # a lock cannot be pickled
    results = LocalEngine(workers=2).map(lambda lock: (os.getpid(), lock.locked()), locks)
    assert [locked for _, locked in results] == [False] * 100
    assert os.getpid() not in {pid for pid, _ in results}  # it ran on the workers


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
    from generator.run.engine import DaskEngine

    local = build.make_kb(corpus, engine=LocalEngine(), cache=Cache(None))
    with DaskEngine(processes=False, workers=2) as engine:
        distributed = build.make_kb(corpus, engine=engine, cache=Cache(None))
    assert render.kb_json(distributed) == render.kb_json(local)


def test_dask_missing_is_a_clear_error(monkeypatch):
    import builtins

    from generator.run import engine as engine_module

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError("No module named 'dask'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(engine_module.EngineError, match="dask\\[distributed\\]"):
        engine_module.make_engine("dask")


def _scraped(text: str):
    from generator.scrape import scrape
    from generator.model import SourceDocument

    return scrape(SourceDocument(id="p", path="scraped/p.txt", kind="scraped", format="text", text=text))


def test_a_page_with_no_question_is_named():
    result = _scraped("今天天气不错，去公园散步了。\n晚上吃了火锅。\n")
    assert [p.path for p in result.problems] == ["scraped/p.txt"]
    assert "no interview question found" in result.problems[0].message


def test_a_page_that_asks_far_more_than_was_found_is_named(monkeypatch):
    """Question-like lines that went into no question are named in the build
    output with the file, not only in the cleaning report."""
    import generator.scrape as scrape_stage
    from generator.scrape import segment
    from generator.model import Line

    real = segment.segment_page

    def losing(page):  # as if a shape the scraper does not know left eight questions in no question
        found = real(page)
        lost = tuple(Line(100 + i, f"第 {i} 个没被认出来的问题是什么？") for i in range(8))
        return segment.Segmented(found.questions, found.unused + lost)

    monkeypatch.setattr(scrape_stage.segment, "segment_page", losing)
    result = _scraped("1、什么是 RoPE？\n旋转位置编码。\n")
    assert [p.path for p in result.problems] == ["scraped/p.txt"]
    assert "only 1 questions found for 8 question-like lines" in result.problems[0].message
    monkeypatch.setattr(scrape_stage.segment, "segment_page", real)
    assert _scraped("1、什么是 RoPE？\n旋转位置编码。\n").problems == ()
