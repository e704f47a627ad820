"""A contributed answer in headless Chromium: a site built with the CLI from
the project's scraped pages plus tests/fixtures/contrib/browser/, served on
localhost as conftest.py serves the project's site.

The contribution is shown above the scraped answers of the entry it merges
into, its formula is typeset by KaTeX, and none of its hostile parts run."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, _free_port, _rebase_sitemap, _serve
from sitebuild import make_sources, run_build

FIXTURES = ROOT / "tests" / "fixtures" / "contrib" / "browser"
MERGED = "contrib/self-attention/scaled-dot-product"
OVERLAY = "contrib/hallucination/overlay"


@pytest.fixture(scope="module")
def contrib_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("contrib-browser")
    sources = make_sources(root, FIXTURES)
    result = run_build("--sources", str(sources), "--site-dir", str(root / "site"), "--report-dir", str(root / "r"))
    assert result.returncode == 0, result.stderr[-4000:]
    kb = json.loads((root / "site" / "kb.json").read_text(encoding="utf-8"))
    port = _free_port()
    _rebase_sitemap(root / "site", f"http://127.0.0.1:{port}/")
    with _serve(root / "site", port) as url:
        yield url, kb


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


def entry_of(kb: dict, source: str) -> dict:
    found = [q for q in kb["questions"] if any(a["source"] == source for a in q["asked"])]
    assert len(found) == 1
    return found[0]


def pwned(page):
    return page.evaluate("typeof window.__pwned === 'undefined' ? null : String(window.__pwned)")


def test_the_contributed_answer_is_shown_above_the_scraped_ones(page, contrib_site):
    url, kb = contrib_site
    entry = entry_of(kb, MERGED)
    assert [a["curated"] for a in entry["answers"]][:2] == [True, False]  # merged with scraped answers
    page.goto(url + entry["url"])
    answers = page.locator(f"h2#{entry['id']} ~ div.kb-answers").first
    curated = answers.locator(".admonition.success").first
    curated.wait_for(state="visible")
    assert curated.locator(".admonition-title").inner_text().strip() == "精选回答"
    assert "softmax 会进入饱和区" in curated.inner_text()
    scraped = answers.locator(".tabbed-set, p:has-text('其他回答')").first
    assert scraped.is_visible()
    top, below = curated.bounding_box(), scraped.bounding_box()
    assert top["y"] + top["height"] <= below["y"], (top, below)


def test_the_formula_is_rendered_by_katex(page, contrib_site):
    url, kb = contrib_site
    entry = entry_of(kb, MERGED)
    page.goto(url + entry["url"])
    curated = page.locator(f"h2#{entry['id']} ~ div.kb-answers .admonition.success").first
    curated.locator(".katex").first.wait_for(state="visible", timeout=15_000)
    assert curated.locator(".katex-display").count() == 1  # the $$ block
    assert curated.locator(".katex").count() >= 4  # and the inline $...$
    assert "\\frac" not in curated.inner_text()  # typeset, not shown as source


def test_the_hostile_parts_do_not_run(page, contrib_site):
    url, kb = contrib_site
    entry = entry_of(kb, MERGED)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + entry["url"])
    curated = page.locator(f"h2#{entry['id']} ~ div.kb-answers .admonition.success").first
    curated.locator(".katex").first.wait_for(state="visible", timeout=15_000)  # the page's own scripts ran
    page.wait_for_load_state("load")  # a broken image's onerror would have fired by now
    assert pwned(page) is None
    text = curated.locator("text=把鼠标移到这段文字上试试")
    text.hover()
    text.click()
    curated.locator("a", has_text="点这里看解释").click()
    page.wait_for_timeout(200)
    assert pwned(page) is None
    # the hostile markup is shown as text, not dropped
    assert "<script>" in curated.inner_text() and "onerror" in curated.inner_text()
    assert errors == []


def test_raw_html_hidden_from_the_sanitiser_cannot_cover_the_page(page, contrib_site):
    # The contribution wraps a page-covering, invisible link in "$ ... $",
    # which the sanitiser leaves alone as math but Markdown does not read as math.
    url, kb = contrib_site
    entry = entry_of(kb, OVERLAY)
    page.goto(url + entry["url"])
    heading = page.locator(f"h2#{entry['id']}")
    heading.wait_for(state="visible")
    answer = page.locator(f"h2#{entry['id']} ~ div.kb-answers .admonition.success").first
    assert "检索增强能减少" in answer.inner_text()
    positioned = answer.locator("*").evaluate_all(
        "els => els.filter(e => ['fixed', 'absolute'].includes(getComputedStyle(e).position))"
        ".map(e => e.outerHTML.slice(0, 120))")
    assert positioned == []
    box = heading.bounding_box()
    before = page.url
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] / 2)  # a click on the entry's title
    page.wait_for_timeout(300)
    assert page.url == before
