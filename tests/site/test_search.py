"""generator/site/search.py: the site's own search index, on the real site."""

from __future__ import annotations

import json

from generator.site import search


def test_tokens_are_words_and_han_pairs():
    assert search.tokens("多查询注意力") == ["多查", "查询", "询注", "注意", "意力"]
    assert search.tokens("LoRA原理") == search.tokens("lora 原理") == ["lora", "原理"]
    assert search.tokens("ＫＶ Cache，注") == ["kv", "cache", "注"]


def test_formulas_read_as_plain_letters():
    assert search.plain_text(r'<p>缩放 <span class="arithmatex">\(\alpha/r\)</span> 倍</p>') == "缩放 α/r 倍"
    assert search.plain_text("除以 $\\sqrt{d_k}$") == "除以 √d_k"


def test_every_entry_is_indexed_once_and_interviews_only_as_pages(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    _, docs, _ = search.read_index(built_site)
    locations = [d[0] for d in docs]
    assert len(locations) == len(set(locations))
    assert {q["url"] for q in kb["questions"]} <= set(locations)
    assert not [loc for loc in locations if loc.startswith("interviews/") and "#" in loc]
    assert not [loc for loc in locations if "#q-" in loc and loc.split("#")[0] not in locations]


def test_an_entry_is_found_by_the_other_names_of_its_terms(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    lora = next(q["url"] for q in kb["questions"] if q["title"] == "LoRA原理")
    assert lora in search.find(built_site, "低秩适配")  # glossary: LoRA's Chinese name
    two_sum = next(q["url"] for q in kb["questions"] if "两数之和" in q["title"])
    assert two_sum in search.find(built_site, "two sum")  # the LeetCode catalogue's English title
    rope = next(q["url"] for q in kb["questions"] if "RoPE" in q["title"] and "旋转" in q["title"])
    assert rope in search.find(built_site, "rotary position embedding")


def test_the_theme_index_keeps_its_config_and_gets_no_documents(built_site):
    index = json.loads((built_site / search.INDEX).read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["zh"]
    manifest = index["config"]["kb"]
    assert manifest["shards"] >= 1 and manifest["docs"] == len(search.read_index(built_site)[1])


def test_each_runnable_problem_page_is_found_by_any_of_its_names(built_site):
    """反转链表, Reverse Linked List, lc 206 (the catalogue's names) and the
    snippet's own names find the problem's page on 编程题."""
    for query, page in [("两数之和", "code/two-sum/"), ("two sum", "code/two-sum/"),
                        ("删除链表的倒数第N个结点", "code/remove-nth-node-from-end/")]:
        assert page in search.find(built_site, query), query


def test_the_site_does_not_carry_the_theme_search_it_replaces(built_site):
    javascripts = built_site / "assets" / "javascripts"
    assert list(javascripts.glob("bundle.*.min.js"))  # the theme itself stays
    unused = [p.relative_to(built_site).as_posix() for p in javascripts.rglob("*")
              if p.is_file() and search.THEME_FILES_UNUSED.match(p.relative_to(built_site).as_posix())]
    assert unused == [] and not (javascripts / "lunr").exists()
