"""The site's search worker (docs/assets/kb-search-worker.js) run in Node
against the real site's index (generator/site/search.py): it cuts text into
the same tokens and shards as the build, finds what readers type
(tests/data/search_queries.yml), and fetches only what a query needs.
tests/browser/test_search_browser.py types the same queries into the real page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.site import search

ROOT = Path(__file__).resolve().parents[2]
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yml").read_text(encoding="utf-8"))

if not shutil.which("node"):
    pytest.skip("node is not installed", allow_module_level=True)


def run_worker(site: Path, texts=(), queries=()) -> dict:
    out = subprocess.run(
        ["node", str(ROOT / "tests" / "node" / "search_worker.mjs"), str(site)],
        input=json.dumps({"texts": list(texts), "queries": list(queries)}),
        capture_output=True, text=True, timeout=120, check=True,
    )
    return json.loads(out.stdout)


def intended(kb: dict, asked: str) -> str:
    found = [q["url"] for q in kb["questions"] if any(a["text"] == asked for a in q["asked"])]
    assert len(found) == 1, f"{asked!r} is asked in {len(found)} entries: the corpus changed, update the query file"
    return found[0]


def top(groups: list, n: int = 5) -> list[str]:
    """Result locations in the order a reader sees them (one result a group)."""
    return [group[0][0] for group in groups][:n]


TEXTS = ["LoRA原理", "多查询注意力 (MQA)", "Self-Attention 的计算", "ＫＶ　Cache", "注", "第10^9个", "Ⅱ型", "éàü 混合 text"]


def test_the_worker_cuts_text_as_the_build_does(built_site):
    got = run_worker(built_site, texts=TEXTS)
    assert got["tokens"] == [search.tokens(t) for t in TEXTS]
    assert got["hashes"] == [search.fnv1a(t) for t in TEXTS]
    assert search.tokens("多查询注意力") == ["多查", "查询", "询注", "注意", "意力"]
    assert search.tokens("LoRA原理") == ["lora", "原理"] == search.tokens("lora 原理")


def test_readers_find_the_entry_they_mean(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    got = run_worker(built_site, queries=[q["query"] for q in QUERIES])
    misses = []
    for q, groups in zip(QUERIES, got["results"]):
        if intended(kb, q["asked"]) not in top(groups):
            misses.append(f"{q['query']!r} -> {top(groups)}")
    found = 1 - len(misses) / len(QUERIES)
    assert found >= 0.95, f"{found:.2f} of {len(QUERIES)} queries find their entry in the top 5; missed:\n" + "\n".join(misses)


def test_a_title_match_ranks_above_a_mention(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    got = run_worker(built_site, queries=["LoRA原理", "复读机"])
    lora, parrot = (top(groups, 3) for groups in got["results"])
    assert lora[0] == intended(kb, "LoRA原理")
    assert all("复读机" in next(q["title"] for q in kb["questions"] if q["url"] == loc) for loc in parrot)


def test_results_are_marked_and_escaped(built_site):
    got = run_worker(built_site, queries=["LoRA原理", "<img src=x onerror=alert(1)>"])
    titles = [group[0][1] for group in got["results"][0]]
    assert any("<mark>lora</mark>" in t.lower() for t in titles), titles
    assert all("<img" not in item[1] and "<img" not in item[2] for group in got["results"][1] for item in group)


def test_a_query_fetches_only_its_shards_and_documents(built_site):
    manifest = json.loads((built_site / search.INDEX).read_text(encoding="utf-8"))["config"]["kb"]
    got = run_worker(built_site, queries=["旋转位置编码"])
    shards = {f for f in got["fetched"][0] if "terms-" in f}
    expected = {f"search/kb/terms-{search.fnv1a(search.shard_key(t)) % manifest['shards']}.json"
                for t in search.tokens("旋转位置编码")}
    assert shards == expected
    assert all(f.startswith("search/kb/") for f in got["fetched"][0])


def test_each_result_is_the_question_itself_its_topic_named(built_site):
    """Not the topic page with the question under it: a reader searching
    `lora 原理` sees the question first, and which topic it is on."""
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    groups = run_worker(built_site, queries=["lora 原理"])["results"][0]
    assert groups and all(len(group) == 1 for group in groups)
    location, title, _, _ = groups[0][0]
    assert location == intended(kb, "LoRA原理") and "#" in location
    topic = next(t["title"] for t in kb["topics"] if t["slug"] == "lora")
    # the theme shows no text under a head that is a section: topic and snippet are a line of the title
    assert f'<span class="kb-search-hint">{topic} · ' in title


def test_words_of_a_query_are_all_found_when_any_result_has_them_all(built_site):
    """AND first, then OR: `lora 原理` shows no result that only says 原理
    (which the theme would show with `lora` struck out as missing); a query
    no document has every word of still finds those with some."""
    both, some = run_worker(built_site, queries=["lora 原理", "lora 原理 火星"])["results"]
    assert both and all(all(group[0][3].values()) for group in both)
    assert some and any(not all(group[0][3].values()) for group in some)
