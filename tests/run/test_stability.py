"""Stable and deterministic: file order does not matter, and corpus changes
never break the id or URL of an entry that still exists."""

from __future__ import annotations

import random
import shutil

import pytest

from corpus_helpers import write_small_corpus
from generator.run import build
from generator.site import links, render
from generator.run.cache import Cache
from generator.run.engine import Engine


def make(folder):
    return build.make_kb(folder, engine=Engine(), cache=Cache(None))


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = write_small_corpus(tmp_path_factory.mktemp("base"), 24)
    return folder, make(folder)


def copy_in_order(source, target, order_seed):
    files = sorted(p for p in source.rglob("*") if p.is_file())
    random.Random(order_seed).shuffle(files)
    for path in files:  # created in another order, with other mtimes
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    return target


def test_file_order_gives_identical_kb_json_ids_and_pages(base, tmp_path):
    folder, kb = base
    shuffled = make(copy_in_order(folder, tmp_path / "shuffled", 7))
    assert render.kb_json(shuffled) == render.kb_json(kb)
    assert links.ids_json(shuffled) == links.ids_json(kb)
    assert build.make_pages(shuffled) == build.make_pages(kb)


def resolves(old_kb, new_kb):
    """Every id of the old build that the new one still has (as id or alias) -> its URL there."""
    ids = links.id_map(new_kb)
    return {e.id: ids.get(e.id) for e in old_kb.entries}


def wordings(kb):
    return {e.id: {(q.source, q.text) for q in e.questions} for e in kb.entries}


def test_adding_documents_keeps_every_id_resolving(base, tmp_path):
    folder, kb = base
    grown = copy_in_order(folder, tmp_path / "grown", 1)
    write_small_corpus(grown, 10, start=1000)
    new = make(grown)
    found = resolves(kb, new)
    assert all(found.values()), [i for i, url in found.items() if not url]
    # An entry that gained no wording keeps its id and its URL.
    old_urls = {e.id: u for e, u in zip(kb.entries, (render.SiteMap.of(kb).entry_url(e.id) for e in kb.entries))}
    new_words = wordings(new)
    for entry_id, words in wordings(kb).items():
        if new_words.get(entry_id) == words:
            assert found[entry_id] == old_urls[entry_id] or entry_id in {e.id for e in new.entries}


def test_removing_or_renaming_a_document_keeps_the_other_entries(base, tmp_path):
    folder, kb = base
    changed = copy_in_order(folder, tmp_path / "changed", 2)
    files = sorted(p for p in changed.rglob("*.txt"))
    files[0].unlink()
    files[1].rename(files[1].with_name("renamed-" + files[1].name))
    new = make(changed)
    gone = {files[0].relative_to(changed).with_suffix("").as_posix(), files[1].relative_to(changed).with_suffix("").as_posix()}
    ids = links.id_map(new)
    for entry in kb.entries:
        if all(q.source not in gone for q in entry.questions):
            assert entry.id in ids, entry.title


def test_a_merged_entry_keeps_its_old_id_as_an_alias(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text("字节 NLP 一面\n1、LoRA 的原理是什么?\nLoRA 冻结原权重,只训练两个低秩矩阵。\n", encoding="utf-8")
    before = make(sources)
    (old,) = [e for e in before.entries if "LoRA" in e.title]
    # A new interview asks the same question in words whose key sorts first.
    (sources / "b.txt").write_text("阿里 算法 二面\n1、lora原理\n低秩分解。\n2、讲讲 LoRA 的原理?\n", encoding="utf-8")
    after = make(sources)
    (merged,) = [e for e in after.entries if any("LoRA" in q.text or "lora" in q.text for q in e.questions)]
    assert old.id == merged.id or old.id in merged.aliases
    ids = links.id_map(after)
    assert ids[old.id] == ids[merged.id] == render.SiteMap.of(after).entry_url(merged.id)


def test_ids_json_is_sorted_and_names_every_alias(base):
    _, kb = base
    ids = links.id_map(kb)
    assert list(ids) == sorted(ids)
    for entry in kb.entries:
        assert all(ids[a] == ids[entry.id] for a in entry.aliases)


def test_an_id_retired_by_a_rules_change_leads_to_the_entry_that_replaced_it(base, monkeypatch):
    _, kb = base
    entry = kb.entries[0]
    monkeypatch.setattr(links, "former_ids", lambda: {"q-00000000": entry.id, "q-11111111": "q-gone"})
    ids = links.id_map(kb)
    assert ids["q-00000000"] == ids[entry.id]
    assert "q-11111111" not in ids  # nothing to send it to


def test_every_retired_id_shipped_leads_somewhere():
    """generator/data/former_ids.yml stays true for the bundled corpus."""
    kb = build.make_kb(engine=Engine(), cache=Cache(None))
    ids = links.id_map(kb)
    current = {e.id for e in kb.entries}
    for retired, replacement in links.former_ids().items():
        assert replacement in current, f"{retired} -> {replacement}: no such entry any more"
        assert retired not in current and ids[retired] == ids[replacement]
