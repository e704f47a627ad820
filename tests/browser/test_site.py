"""The reader's site in headless Chromium, against the built site: Chinese
search finds the right entries, the topic map's links land on entries, the
phone layout has no horizontal overflow and its drawer works, the dark
palette toggles and sticks, the keyboard reaches search and practice mode,
practice mode folds answers (also after instant navigation), and the site
works when served from a sub-path (pages, assets, kb.json, a code cell's
Pyodide)."""

from __future__ import annotations

import re
import shutil
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, _free_port, _rebase_sitemap, _serve

PHONE = {"width": 390, "height": 844}
# each must find every entry with the query in its title
CHINESE_QUERIES = ["位置编码", "旋转位置编码", "复读机", "LoRA", "多代理"]


@pytest.fixture(scope="module")
def context(browser, kb):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    p = context.new_page()
    yield p
    p.close()


def topic_page_with_answers(kb: dict) -> str:
    """The URL path of the topic page holding the first entry that has an answer."""
    for q in kb["questions"]:
        if q["answers"] and not q.get("snippet"):
            return q["url"].split("#")[0]
    pytest.skip("no answered entry")


def search(page, query: str) -> list[str]:
    """Type a query as a reader would and return the result links (URL paths with fragment)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # fill() fires no keyup: mkdocs-material's search waits for one
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile(r"\d")).wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # the worker answers each keystroke; keep the last answer
    hrefs = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    page.keyboard.press("Escape")
    return [urlsplit(h).path + ("#" + urlsplit(h).fragment if urlsplit(h).fragment else "") for h in hrefs]


@pytest.mark.parametrize("query", CHINESE_QUERIES)
def test_chinese_search_finds_the_entries(context, site, kb, query):
    expected = {q["id"] for q in kb["questions"] if query.lower() in q["title"].lower()}
    assert expected, f"no entry has {query!r} in its title: the corpus changed, update the test"
    page = context.new_page()
    page.goto(site.url)
    found = search(page, query)
    page.close()
    ids = [h.split("#")[1] for h in found if "#q-" in h]
    assert expected <= set(ids), f"{query}: expected {sorted(expected)}, got {found[:12]}"
    # the entries come first among the entry results, not after unrelated ones
    first = ids[: len(expected) + 2]
    assert expected & set(first), f"{query}: first results {first}"


def test_topic_map_links_resolve_to_entries_and_topics(page, site, kb):
    page.goto(site.url + "map/")
    links = page.locator("svg.kb-map a").evaluate_all(
        "els => els.map(e => [e.getAttribute('xlink:href'), e.dataset.entry || '', e.dataset.topic || ''])")
    entries = [(h, e) for h, e, _ in links if e]
    topics = [(h, t) for h, _, t in links if t]
    assert len(entries) >= 20 and len(topics) >= 5, links[:5]
    known = {q["id"]: q["url"] for q in kb["questions"]}
    pages: dict[str, str] = {}
    for href, entry in entries:
        url = urljoin(site.url + "map/", href)
        assert url.split("#")[0] == site.url + known[entry].split("#")[0], (href, known[entry])
        target = url.split("#")[0]
        if target not in pages:
            pages[target] = urllib.request.urlopen(target, timeout=10).read().decode("utf-8")
        assert f'id="{entry}"' in pages[target], f"{href}: no {entry} on {target}"
    for href, slug in topics:
        assert urljoin(site.url + "map/", href) == f"{site.url}topics/{slug}/"
    # a click on a question of the map opens its entry
    href, entry = entries[0]
    page.locator(f'svg.kb-map a[data-entry="{entry}"]').click()
    page.wait_for_url(re.compile(f"#{entry}$"))
    page.locator(f"h2#{entry}").wait_for(state="visible")


def test_phone_layout_has_no_horizontal_overflow_and_the_drawer_works(browser, site, kb):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = ctx.new_page()
    for path in ["", topic_page_with_answers(kb), "map/", site.cells["two-sum"]]:
        page.goto(site.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"/{path}: the page is {width}px wide on a {PHONE['width']}px phone"
    page.goto(site.url)
    page.locator('label.md-header__button[for="__drawer"]').click()
    drawer = page.locator("nav.md-nav--primary")
    # open the 专题 section (its arrow: the section title itself links to the topics index)
    drawer.locator('.md-nav__container:has(> a[href$="topics/"]) > label').first.click()
    link = drawer.locator('a.md-nav__link[href$="map/"]')
    link.wait_for(state="visible")
    page.wait_for_timeout(300)  # the panel slides in
    link.click()
    page.wait_for_url(re.compile(r"/map/$"))
    page.locator("svg.kb-map").wait_for(state="visible")  # instant navigation swaps the content in
    ctx.close()


def test_dark_palette_toggles_and_sticks(page, site):
    page.goto(site.url)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate"
    # the charts follow: their text is drawn in the page's (light) foreground colour
    fill = page.locator("svg.kb-chart text").first.evaluate("e => getComputedStyle(e).fill")
    r, g, b = (int(v) for v in re.findall(r"\d+", fill)[:3])
    assert r + g + b > 3 * 128, fill
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "default"


def test_keyboard_reaches_search_and_the_practice_toggle(page, site, kb):
    page.goto(site.url + topic_page_with_answers(kb))
    page.evaluate("window.__md_set && __md_set('kb.practice', false)")
    reached = set()
    for _ in range(120):  # past the header and the navigation (one link per topic)
        page.keyboard.press("Tab")
        focus = page.evaluate("(e => e.className + ' ' + e.tagName)(document.activeElement)")
        if "md-search__input" in focus:
            reached.add("search")
        if "kb-practice-toggle" in focus:
            reached.add("practice")
            break
    assert reached == {"search", "practice"}, reached
    page.keyboard.press("Enter")
    assert page.locator(".kb-practice-toggle").get_attribute("aria-pressed") == "true"
    for _ in range(40):  # on to the first "显示答案", past the first entry's links
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-reveal')"):
            break
    reveal = page.locator("button.kb-reveal").first
    assert reveal.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    assert reveal.get_attribute("aria-expanded") == "true"
    assert page.locator(".kb-answers").first.is_visible()
    page.locator(".kb-practice-toggle").click()


def test_practice_mode_folds_answers_reveals_on_click_and_persists(page, site, kb):
    topic = topic_page_with_answers(kb)
    page.goto(site.url + topic)
    answers = page.locator(".kb-answers")
    assert answers.count() > 0 and answers.first.is_visible()
    toggle = page.locator(".kb-practice-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert all(not a.is_visible() for a in answers.all())
    reveal = page.locator("button.kb-reveal").first
    assert reveal.is_visible() and reveal.inner_text() == "显示答案"
    reveal.click()
    assert answers.first.is_visible()
    if answers.count() > 1:
        assert not answers.nth(1).is_visible()
    assert reveal.inner_text() == "收起答案"
    page.reload()
    assert page.locator(".kb-practice-toggle").get_attribute("aria-pressed") == "true"
    assert not page.locator(".kb-answers").first.is_visible()
    # instant navigation to another topic page: folded there too
    other = next(q["url"].split("#")[0] for q in kb["questions"]
                 if q["answers"] and q["url"].split("#")[0] != topic)
    page.evaluate("u => { const a = document.createElement('a'); a.href = u; a.id = 'kb-test-link';"
                  " a.textContent = 'x'; document.querySelector('.md-content').prepend(a); }", site.url + other)
    page.evaluate("window.kbTestMarker = 1")
    page.locator("#kb-test-link").click()
    page.wait_for_url(site.url + other)
    page.locator(".kb-practice-toggle").wait_for()
    assert page.evaluate("window.kbTestMarker") == 1  # instant navigation: no reload
    assert not page.locator(".kb-answers").first.is_visible()
    assert page.locator("button.kb-reveal").first.is_visible()
    page.locator(".kb-practice-toggle").click()  # leave it off for the other tests
    assert page.locator(".kb-answers").first.is_visible()


@pytest.fixture(scope="module")
def subpath_site(site, kb, tmp_path_factory):
    """The built site copied under /kb/ of a server, as on GitHub Pages
    (https://ORG.github.io/REPO/)."""
    port = _free_port()
    root = tmp_path_factory.mktemp("subpath")
    shutil.copytree(site.dir, root / "kb")
    _rebase_sitemap(root / "kb", f"http://127.0.0.1:{port}/kb/")
    with _serve(root, port) as url:
        yield url + "kb/"


def test_site_served_from_a_sub_path(browser, site, subpath_site):
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    failed = []  # our own URLs that fail (a request cut short by a navigation does not count)
    ours = lambda url: url.startswith(subpath_site.split("/kb/")[0])  # noqa: E731
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 and ours(r.url) else None)
    page.on("requestfailed", lambda r: failed.append((r.failure, r.url))
            if ours(r.url) and "ERR_ABORTED" not in (r.failure or "") else None)
    page.goto(subpath_site)
    assert page.locator("svg.kb-chart").count() >= 1
    page.locator(".kb-random__draw").click()
    question = page.locator(".kb-random__question")
    question.wait_for()
    assert question.get_attribute("href").startswith(subpath_site + "topics/")
    question.click()
    page.wait_for_url(re.compile(r"/kb/topics/.+#q-"))
    page.goto(subpath_site + "map/")
    page.locator("svg.kb-map a[data-entry]").first.click()
    page.wait_for_url(re.compile(r"/kb/topics/.+#q-"))
    # a code cell loads Pyodide from the sub-path and runs
    page.goto(subpath_site + site.cells["two-sum"])
    cell = page.locator('[data-snippet="two-sum"]')
    cell.scroll_into_view_if_needed()
    page.wait_for_selector('[data-snippet="two-sum"][data-kb-state="ready"]', timeout=30_000)
    page.click('[data-snippet="two-sum"] [data-action=run]')
    page.wait_for_selector('[data-snippet="two-sum"] [data-summary="pass"]', timeout=60_000)
    assert [w.url for w in page.workers if "/kb/assets/kb-cells/" in w.url]
    assert not failed, failed
    ctx.close()


def test_site_url_comes_from_kb_site_url(monkeypatch):
    """The Pages workflow sets KB_SITE_URL; mkdocs.yml reads it (!ENV)."""
    from mkdocs.config import load_config

    monkeypatch.setenv("KB_SITE_URL", "https://example.github.io/llm-kb/")
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.site_url == "https://example.github.io/llm-kb/"
