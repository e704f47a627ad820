"""bench/corpus.py: the synthetic corpus `make bench` builds is seeded, nested and in the real formats."""

from __future__ import annotations

from corpus_helpers import corpus_module, write_small_corpus
from generator.scrape import sources
from generator.scrape import scrape


def test_the_same_seed_writes_the_same_bytes_and_sizes_nest(tmp_path):
    a = write_small_corpus(tmp_path / "a", 30)
    b = write_small_corpus(tmp_path / "b", 60)
    files_a = {p.relative_to(a): p.read_bytes() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b): p.read_bytes() for p in b.rglob("*") if p.is_file()}
    assert len(files_a) == 30
    assert all(files_b[name] == data for name, data in files_a.items())
    c = write_small_corpus(tmp_path / "c", 30, seed=1)
    assert {p.relative_to(c) for p in c.rglob("*") if p.is_file()} != set(files_a)


def test_every_format_of_the_real_pages_is_present():
    corpus = corpus_module()
    texts = [corpus.document_text(n) for n in range(200)]
    joined = "\n".join(t for _, t in texts)
    assert {fmt for fmt, _ in texts} == {"text", "html"}
    for marker in ("面试官:", "应聘者:", "问题3、", "1、", "  1. ", "def twoSum", "公众号", "转载请注明出处", "<article>"):
        assert marker in joined, marker
    assert any(w in joined for w in corpus.REWORDINGS) and any(w in joined for w in corpus.REAL_WORDINGS)


def test_the_pipeline_finds_questions_in_every_document_and_decodes_gb18030(tmp_path):
    folder = write_small_corpus(tmp_path / "c", 50)
    documents, problems = sources.read_sources(folder)
    assert len(documents) == 50 and problems == []
    assert all(scrape(d).questions for d in documents)
    gb = next(d for d in documents if d.path.startswith("scraped/batch00/00049_"))
    assert "面经" in gb.text
