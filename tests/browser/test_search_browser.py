"""Search as a reader uses it, in headless Chromium on the built site: the
theme's search box and results, answered by the site's own worker and index
(docs/assets/kb-search.js, kb-search-worker.js, generator/site/search.py).

The reader queries are tests/data/search_queries.yml (written before tuning);
the intended entry must be among the first five results for 95% of them, on a
desktop and on a phone."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yml").read_text(encoding="utf-8"))
PHONE = {"width": 390, "height": 844}


def url_of(kb: dict, asked: str) -> str:
    found = [q["url"] for q in kb["questions"] if any(a["text"] == asked for a in q["asked"])]
    assert len(found) == 1, f"{asked!r} is asked in {len(found)} entries: the corpus changed, update the query file"
    return found[0]


def results(page, query: str) -> list[str]:
    """Type a query; the results as the reader sees them: each result group's
    entries (sections), or the page itself when it has none."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # fill() fires no keyup: the theme's search waits for one
    page.locator(".md-search-result__meta").filter(has_text=re.compile(r"\d|没有")).wait_for(timeout=10_000)
    page.wait_for_timeout(250)  # the worker answers each keystroke; keep the last answer
    groups = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(li => Array.from(li.querySelectorAll('a.md-search-result__link')).map(a => a.href))")
    page.keyboard.press("Escape")
    found = []
    for hrefs in groups:
        paths = [urlsplit(h).path + ("#" + urlsplit(h).fragment if urlsplit(h).fragment else "") for h in hrefs]
        sections = [p for p in paths if "#" in p]
        found += sections or paths[:1]
    return found


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_readers_find_the_entry_they_mean(browser, site, kb, viewport):
    ctx = browser.new_context(locale="zh-CN", viewport=viewport)
    page = ctx.new_page()
    page.goto(site.url)
    misses = []
    base = urlsplit(site.url).path
    for q in QUERIES:
        want = base + url_of(kb, q["asked"])
        if viewport is PHONE and not page.locator("#__search").is_checked():
            # on a phone the search box opens from its header button; Escape closed it
            page.locator("label.md-header__button[for='__search']").click()
            page.locator("input.md-search__input").wait_for(state="visible")
        got = results(page, q["query"])[:5]
        if want not in got:
            misses.append(f"{q['query']!r}: {got}")
    ctx.close()
    found = 1 - len(misses) / len(QUERIES)
    assert found >= 0.95, f"{found:.2f} of {len(QUERIES)} queries: missed\n" + "\n".join(misses)


def test_the_theme_hands_its_worker_over_and_fetches_little(browser, site, kb):
    """Pins the theme internals the search relies on: the page's __config
    names the theme's worker, kb-search.js starts ours instead, and a query
    fetches the small manifest and a few shards, never a whole index."""
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page.goto(site.url)
    config = json.loads(page.locator("#__config").text_content())
    assert re.search(r"assets/javascripts/workers/search\.[\w.]+\.js$", config["search"]), config["search"]
    assert results(page, "旋转位置编码")
    workers = [p for p in requested if "worker" in p]
    assert any(p.endswith("assets/kb-search-worker.js") for p in workers), workers
    assert not any("/workers/search." in p for p in workers), workers
    index = [p for p in requested if "/search/" in p]
    assert any(p.endswith("search/search_index.json") for p in index)
    assert any("search/kb/terms-" in p for p in index) and any("search/kb/docs-" in p for p in index)
    total = sum((site.dir / p[len(urlsplit(site.url).path):]).stat().st_size for p in set(index))
    assert total < 400_000, f"a query fetched {total} bytes of search data"
    ctx.close()


def test_results_mark_the_words_and_show_no_raw_formula(browser, site, kb):
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    page.goto(site.url)
    results(page, "LoRA原理")
    page.locator("input.md-search__input").click()  # reopen: the results are kept
    marks = page.locator(".md-search-result mark").all_text_contents()
    assert any(m.lower() == "lora" for m in marks) and "原理" in marks, marks
    text = page.locator(".md-search-result").inner_text()
    assert "\\(" not in text and "\\)" not in text and "$" not in text
    # the first result is the question itself, its topic and snippet on a line under its title
    first = page.locator(".md-search-result__item").first
    assert "#q-" in first.locator("a.md-search-result__link").first.get_attribute("href")
    hint = first.locator("h1 .kb-search-hint")
    hint.wait_for(state="visible", timeout=5_000)  # the reopened overlay fades in: is_visible() alone raced it on CI
    assert hint.inner_text().startswith("LoRA · ")
    ctx.close()
