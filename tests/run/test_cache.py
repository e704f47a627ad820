"""generator.run.cache: unchanged documents are not scraped again; the cache never changes the result."""

from __future__ import annotations

import pickle

from corpus_helpers import write_small_corpus
from generator.run import build, cache as cache_module
from generator.site import render
from generator.text import normalize
from generator.run.cache import Cache, document_key
from generator.run.engine import Engine
from generator.model import SourceDocument


def make(folder, cache):
    return build.make_kb(folder, engine=Engine(), cache=cache)


def test_a_second_build_reads_every_document_from_the_cache(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus", 12)
    first_cache = Cache(tmp_path / "cache")
    first = make(corpus, first_cache)
    assert first_cache.hits == 0
    again = Cache(tmp_path / "cache")
    second = make(corpus, again)
    assert again.misses == 0 and again.hits >= 12
    assert render.kb_json(second) == render.kb_json(first) == render.kb_json(make(corpus, Cache(None)))


def test_one_changed_document_is_the_only_one_scraped_again(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus", 12)
    make(corpus, Cache(tmp_path / "cache"))
    changed = sorted(corpus.rglob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n9、什么是梯度累积?\n", encoding="utf-8")
    write_small_corpus(corpus, 1, start=500)  # and one new document
    removed = sorted(corpus.rglob("*.txt"))[7]
    removed.unlink()  # and one document gone
    again = Cache(tmp_path / "cache")
    kb = make(corpus, again)
    assert again.misses == 2  # the changed document and the new one; the topic table is read once
    assert any("什么是梯度累积" in q.text for q in kb.questions)
    assert removed.stem not in {d.id.rsplit("/", 1)[-1] for d in kb.documents}
    assert render.kb_json(kb) == render.kb_json(make(corpus, Cache(None)))


def test_a_damaged_or_deleted_cache_is_a_miss_not_an_error(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus", 5)
    expected = render.kb_json(make(corpus, Cache(tmp_path / "cache")))
    items = sorted((tmp_path / "cache").rglob("*.pickle"))
    items[0].write_bytes(b"not a pickle")
    items[1].write_bytes(pickle.dumps("wrong type")[:3])
    assert render.kb_json(make(corpus, Cache(tmp_path / "cache"))) == expected


def test_no_cache_writes_nothing(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus", 3)
    off = Cache(None)
    make(corpus, off)
    assert off.hits == 0 and not (tmp_path / "cache").exists()


def test_the_key_covers_the_text_the_path_the_metadata_and_the_code(monkeypatch):
    doc = SourceDocument(id="a", path="a.txt", kind="scraped", format="text", text="1、什么是 LoRA?\n")
    key = document_key(doc)
    assert document_key(SourceDocument(**{**doc.__dict__, "text": "1、什么是 QLoRA?\n"})) != key
    assert document_key(SourceDocument(**{**doc.__dict__, "id": "b", "path": "b.txt"})) != key
    monkeypatch.setattr(cache_module, "code_version", lambda: "another version of the rules")
    assert document_key(doc) != key


def test_the_cli_takes_a_cache_dir_and_no_cache(tmp_path):
    from sitebuild import run_build

    corpus = write_small_corpus(tmp_path / "corpus", 3)
    for flags in (["--cache-dir", str(tmp_path / "c")], ["--no-cache"]):
        result = run_build("--kb-only", "--sources", str(corpus), "--site-dir", str(tmp_path / "s"),
                           "--report-dir", str(tmp_path / "r"), *flags)
        assert result.returncode == 0, result.stderr
    assert list((tmp_path / "c").rglob("doc-*.pickle"))


def test_a_cached_build_does_not_analyse_a_wording_again(tmp_path, monkeypatch):
    corpus = write_small_corpus(tmp_path / "corpus", 6)
    expected = render.kb_json(make(corpus, Cache(tmp_path / "cache")))
    monkeypatch.setattr(normalize, "_ANALYSES", {})  # a new process: nothing analysed yet
    analysed = []
    real = normalize._analyze
    monkeypatch.setattr(normalize, "_analyze", lambda text: analysed.append(text) or real(text))
    kb = make(corpus, Cache(tmp_path / "cache"))
    assert len(kb.questions) > 20 and analysed == []  # every analysis came with its document
    assert render.kb_json(kb) == expected


def test_kb_json_encodes_again_only_the_records_of_changed_entries(tmp_path, monkeypatch):
    corpus = write_small_corpus(tmp_path / "corpus", 8)
    site = tmp_path / "site"
    first = make(corpus, Cache(tmp_path / "cache"))
    build.write_data(first, site, Cache(tmp_path / "cache"))
    write_small_corpus(corpus, 1, start=700)  # one new document
    kb = make(corpus, Cache(tmp_path / "cache"))
    encoded = []
    real = render._question_record
    monkeypatch.setattr(render, "_question_record", lambda e, *rest: encoded.append(e.id) or real(e, *rest))
    build.write_data(kb, site, Cache(tmp_path / "cache"))
    new_document = ({d.id for d in kb.documents} - {d.id for d in first.documents}).pop()
    asked_there = {e.id for e in kb.entries if any(q.source == new_document for q in e.questions)}
    assert asked_there <= set(encoded)  # every entry the new document asks is encoded again
    assert len(encoded) < len(kb.entries) / 2  # and not every entry
    assert (site / "kb.json").read_text(encoding="utf-8") == render.kb_json(make(corpus, Cache(None)))


def test_an_entry_key_changes_with_any_of_its_questions():
    from generator.run.cache import entry_key
    from generator.model import Entry, Question

    first = Question(source="a", position=0, text="什么是 LoRA?")
    entry = Entry(id="q-lora", title="什么是 LoRA?", questions=(first,))
    keys = {"a": "doc-1"}
    assert entry_key(entry, keys) == entry_key(entry, dict(keys))
    assert entry_key(entry, {"a": "doc-2"}) != entry_key(entry, keys)  # the document changed
    moved = entry.with_(questions=(Question(source="a", position=1, text="什么是 LoRA?"),))
    assert entry_key(moved, keys) != entry_key(entry, keys)
    grown = entry.with_(questions=(first, Question(source="b", position=0, text="LoRA 是什么?")))
    assert entry_key(grown, keys) != entry_key(entry, keys)
    # a question of no scraped document (a contribution) counts by its text
    edited = grown.with_(questions=(first, Question(source="b", position=0, text="LoRA 的原理?")))
    assert entry_key(edited, keys) != entry_key(grown, keys)


def test_a_build_keeps_its_records_out_of_the_collector_and_a_rebuild_releases_them(tmp_path):
    import gc

    from generator.run.cache import release_kept

    corpus = write_small_corpus(tmp_path / "corpus", 3)
    try:
        make(corpus, Cache(tmp_path / "cache"))
        assert gc.get_freeze_count() > 0  # frozen: later collections do not walk the records
        release_kept()  # what mkdocs serve does before it builds again
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_the_code_version_covers_every_module_of_the_package_and_the_rules(monkeypatch):
    """An edit to a question shape (generator/scrape/shapes/) or to its rules must
    make every cached scrape a miss, as an edit to segment.py does."""
    from pathlib import Path

    read = []
    original = Path.read_bytes

    def recording(self):
        read.append(self.relative_to(cache_module.PACKAGE).as_posix())
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", recording)
    cache_module.code_version.cache_clear()
    try:
        cache_module.code_version()
    finally:
        cache_module.code_version.cache_clear()
    assert "scrape/shapes/bullet_list.py" in read and "data/shapes.yml" in read and "scrape/segment.py" in read
