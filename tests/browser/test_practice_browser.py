"""Preparing with the site, in headless Chromium on the built site, at a
desktop and a phone width: 随机一题 draws answered entries from random.json
(never kb.json) unless 包括未回答的 is ticked; practice mode offers no
"显示答案" on an unanswered entry; 会了 / 要复习 marks survive a reload and
instant navigation and show as progress on the topic page and the topics
index; a topic page sorts by 被问次数 and filters by times asked, company,
answered and 要复习."""

from __future__ import annotations

import json
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def draws(site, kb) -> list[dict]:
    listed = json.loads((site.dir / "random.json").read_text(encoding="utf-8"))["files"]
    return [r for f in listed for r in json.loads((site.dir / f["file"]).read_text(encoding="utf-8"))]


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, browser):
    """A page in a fresh browser context: nothing in localStorage yet."""
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORTS[request.param])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def pages(kb) -> dict[str, list[dict]]:
    """Topic page path -> the entries it shows in full (in kb.json's order;
    `opened` gives the page's)."""
    companies = {s["id"]: s["company"] for s in kb["sources"]}
    found = defaultdict(list)
    for q in kb["questions"]:
        found[q["url"].split("#")[0]].append({
            "id": q["id"], "asked": q["times_asked"], "answered": bool(q["answers"]),
            "companies": {companies[a["source"]] for a in q["asked"] if companies[a["source"]]},
        })
    return dict(found)


def a_page(pages, why, test) -> tuple[str, list[dict]]:
    for path, entries in pages.items():
        if test(entries):
            return path, entries
    raise AssertionError(f"no topic page has {why}: the corpus changed, update the test")


def opened(page, url: str, entries: list[dict]) -> list[str]:
    """Open a topic page; the ids of its entries in the page's order."""
    page.goto(url)
    order = shown(page)
    assert sorted(order) == sorted(e["id"] for e in entries)
    return order


def shown(page) -> list[str]:
    """The ids of the entries shown, in the page's order."""
    return page.locator(".kb-item:visible h2.kb-entry").evaluate_all("els => els.map(e => e.id)")


def progress(page) -> str:
    return page.locator(".kb-tools__progress").inner_text()


def item(page, entry_id: str):
    return page.locator(f".kb-item:has(h2#{entry_id})")


def pressed(page, entry_id: str) -> list[str]:
    return item(page, entry_id).locator('.kb-mark[aria-pressed="true"]').evaluate_all("els => els.map(e => e.dataset.mark)")


def go_instantly(page, url: str) -> None:
    """Follow a link as a reader does: mkdocs-material's instant navigation
    swaps the content without loading the page (the marker survives)."""
    page.evaluate("u => { const a = document.createElement('a'); a.href = u; a.id = 'kb-test-link';"
                  " a.textContent = 'x'; document.querySelector('.md-content').prepend(a); }", url)
    page.evaluate("window.kbTestMarker = 1")
    page.locator("#kb-test-link").click()
    page.wait_for_url(url)
    page.wait_for_function("() => !document.getElementById('kb-test-link')")
    assert page.evaluate("window.kbTestMarker") == 1  # instant navigation: no reload


def draw(page) -> str:
    before = page.evaluate("(document.querySelector('.kb-random__question') || {dataset: {}}).dataset.entry || ''")
    page.locator(".kb-random__draw").click()
    page.wait_for_function("b => { const a = document.querySelector('.kb-random__question');"
                           " return a && a.dataset.entry !== b; }", arg=before)
    return page.locator(".kb-random__question").get_attribute("data-entry")


def test_random_draws_answered_entries_unless_the_switch_adds_the_others(reader, site, draws):
    requested = []
    reader.on("request", lambda r: requested.append(urlsplit(r.url).path))
    reader.goto(site.url)
    switch = reader.locator(".kb-random__all input")
    assert switch.is_visible() and not switch.is_checked()
    answered = {d["id"] for d in draws if d["answered"]}
    seen = {draw(reader) for _ in range(20)}
    assert seen <= answered and len(seen) > 1, seen - answered
    assert "还没有回答" not in reader.locator(".kb-random__out").inner_text()
    switch.check()
    for _ in range(80):
        drawn = draw(reader)
        assert drawn in {d["id"] for d in draws}
        if drawn not in answered:
            break
    else:
        raise AssertionError("80 draws with 包括未回答的 gave no unanswered entry")
    assert reader.locator(".kb-random__out .kb-meta").inner_text().endswith("还没有回答，来贡献一个")
    assert reader.locator(".kb-random__contribute").get_attribute("href") == site.url + "contributing/"
    assert "/random.json" in requested and "/random/0.json" in requested and "/kb.json" not in requested
    reader.reload()
    assert reader.locator(".kb-random__all input").is_checked()  # remembered


def test_practice_mode_offers_no_empty_reveal_on_unanswered_entries(reader, site, pages):
    path, entries = a_page(pages, "answered and unanswered entries",
                           lambda es: {e["answered"] for e in es} == {True, False})
    order = opened(reader, site.url + path, entries)
    unanswered = [e["id"] for e in entries if not e["answered"]]
    answered = [i for i in order if i not in unanswered]
    switch = reader.locator(".kb-practice-all input")
    assert not switch.is_visible()
    reader.locator(".kb-practice-toggle").click()
    # practice is for answered entries: only they are shown, each behind its button
    assert switch.is_visible() and not switch.is_checked()
    assert shown(reader) == answered
    assert reader.locator("button.kb-reveal:visible").count() == len(answered)
    switch.check()
    assert shown(reader) == order
    assert reader.locator("button.kb-reveal:visible").count() == len(answered)
    for entry_id in unanswered:
        entry = item(reader, entry_id)
        assert entry.locator("button.kb-reveal").count() == 0
        invite = entry.locator(".kb-invite")
        assert invite.is_visible() and invite.inner_text() == "还没有回答，来贡献一个"
        offered = entry.locator(".kb-answers a.kb-contribute").evaluate("a => a.href")
        assert invite.locator("a").evaluate("a => a.href") == offered
        assert not entry.locator(".kb-answers").is_visible()
    reader.reload()
    assert reader.locator(".kb-practice-all input").is_checked() and shown(reader) == order
    reader.locator(".kb-practice-toggle").click()  # off: the 暂无回答 boxes are back, the invitations gone
    assert reader.locator(".kb-invite:visible").count() == 0
    assert item(reader, unanswered[0]).locator(".kb-answers .admonition").is_visible()


def test_marks_survive_a_reload_and_instant_navigation(reader, site, pages):
    path, entries = a_page(pages, "two entries", lambda es: len(es) >= 2)
    other, others = a_page(pages, "another page", lambda es: es is not entries)
    first, second = entries[0]["id"], entries[1]["id"]
    reader.goto(site.url + path)
    assert progress(reader) == f"已会 0 / {len(entries)}，要复习 0"
    item(reader, first).locator(".kb-mark--known").click()
    item(reader, second).locator(".kb-mark--review").click()
    assert pressed(reader, first) == ["known"] and pressed(reader, second) == ["review"]
    assert progress(reader) == f"已会 1 / {len(entries)}，要复习 1"
    reader.reload()
    assert pressed(reader, first) == ["known"] and pressed(reader, second) == ["review"]
    assert progress(reader) == f"已会 1 / {len(entries)}，要复习 1"
    go_instantly(reader, site.url + other)
    assert progress(reader) == f"已会 0 / {len(others)}，要复习 0"
    go_instantly(reader, site.url + path)
    assert pressed(reader, first) == ["known"] and pressed(reader, second) == ["review"]
    assert progress(reader) == f"已会 1 / {len(entries)}，要复习 1"
    item(reader, first).locator(".kb-mark--known").click()  # a second click takes the mark off
    assert pressed(reader, first) == []
    assert progress(reader) == f"已会 0 / {len(entries)}，要复习 1"
    # the topics index shows each topic's marks
    go_instantly(reader, site.url + "topics/")
    slug = path.split("/")[1]
    assert reader.locator(f'li > a[data-topic="{slug}"] + .kb-progress').inner_text() == "已会 0 · 要复习 1"
    assert reader.locator(".kb-progress").count() == 1


def test_only_the_entries_to_review(reader, site, pages):
    path, entries = a_page(pages, "three entries", lambda es: len(es) >= 3)
    ids = opened(reader, site.url + path, entries)
    item(reader, ids[1]).locator(".kb-mark--review").click()
    item(reader, ids[2]).locator(".kb-mark--known").click()
    only = reader.locator(".kb-tools__review")
    only.check()
    assert shown(reader) == [ids[1]]
    assert not reader.locator(".kb-tools__empty").is_visible()
    only.uncheck()
    assert shown(reader) == ids
    item(reader, ids[1]).locator(".kb-mark--review").click()  # nothing left to review
    only.check()
    assert shown(reader) == [] and reader.locator(".kb-tools__empty").is_visible()


def test_sorting_and_filtering_by_times_asked(reader, site, pages):
    path, entries = a_page(pages, "entries asked different times", lambda es: len({e["asked"] for e in es}) > 1)
    asked = {e["id"]: e["asked"] for e in entries}
    page_order = opened(reader, site.url + path, entries)
    assert [asked[i] for i in page_order] == sorted(asked.values(), reverse=True)
    reader.locator(".kb-tools__sort").select_option("fewest")
    fewest = shown(reader)
    assert [asked[i] for i in fewest] == sorted(asked.values()) and fewest != page_order
    reader.locator(".kb-tools__sort").select_option("")
    assert shown(reader) == page_order
    most = max(asked.values())
    reader.locator(".kb-tools__asked").select_option(str(most))
    assert shown(reader) == [i for i in page_order if asked[i] >= most]


def test_filtering_by_company_and_by_answers(reader, site, pages):
    path, entries = a_page(pages, "entries with and without a company",
                           lambda es: any(e["companies"] for e in es) and not all(e["companies"] for e in es)
                           and {e["answered"] for e in es} == {True, False})
    company = sorted(set().union(*(e["companies"] for e in entries)))[0]
    ids = opened(reader, site.url + path, entries)
    by_id = {e["id"]: e for e in entries}
    reader.locator(".kb-tools__company").select_option(company)
    assert shown(reader) == [i for i in ids if company in by_id[i]["companies"]]
    reader.locator(".kb-tools__company").select_option("")
    assert shown(reader) == ids
    reader.locator(".kb-tools__answered").select_option("yes")
    assert shown(reader) == [i for i in ids if by_id[i]["answered"]]
    reader.locator(".kb-tools__answered").select_option("no")
    assert shown(reader) == [i for i in ids if not by_id[i]["answered"]]
    reader.locator(".kb-tools__company").select_option(company)
    assert shown(reader) == [i for i in ids if not by_id[i]["answered"] and company in by_id[i]["companies"]]


def test_the_tools_fit_a_phone(reader, site, pages):
    path, _ = a_page(pages, "a company filter", lambda es: any(e["companies"] for e in es))
    reader.goto(site.url + path)
    tools = reader.locator(".kb-tools")
    assert tools.is_visible()
    width = reader.evaluate("window.innerWidth")
    box = tools.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert reader.evaluate("document.documentElement.scrollWidth") <= width
    for control in tools.locator("select:visible, input:visible").all():
        b = control.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= width, control
