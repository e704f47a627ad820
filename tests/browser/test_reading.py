"""Reading the site, in headless Chromium on the built site: every question
has a shareable link, code blocks a copy button, the curated answer is not
smaller than the others, the 404 page and the footer speak Chinese, and an
interview page reads as the interview went."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    p = ctx.new_page()
    yield p
    ctx.close()


def test_every_question_has_a_link_to_copy(page, site, kb):
    entry = next(q for q in kb["questions"] if q["answers"])
    page.goto(site.url + entry["url"].split("#")[0])
    buttons = page.locator("h2.kb-entry .kb-copy-link")
    assert buttons.count() == page.locator("h2.kb-entry").count() > 0
    heading = page.locator(f"h2.kb-entry[id='{entry['id']}']")
    heading.locator(".kb-copy-link").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert urlsplit(copied).fragment == entry["id"] and copied.startswith(site.url)
    page.goto(copied)
    assert page.locator(f"[id='{entry['id']}']").is_visible()


def test_the_copy_buttons_come_back_after_instant_navigation(page, site, kb):
    start = next(q for q in kb["questions"] if len(q["topics"]) > 1)
    page.goto(site.url + start["url"].split("#")[0])
    page.evaluate("window.kbNoReload = true")  # gone if the next page were a full load
    other = page.locator(f"h2[id='{start['id']}'] ~ p a.kb-tag--topic").nth(1)
    other.click()  # instant navigation
    page.wait_for_url(re.compile(start["topics"][1]))
    page.locator("h2.kb-entry .kb-copy-link").first.wait_for()
    assert page.evaluate("window.kbNoReload") is True
    assert page.locator("h2.kb-entry .kb-copy-link").count() == page.locator("h2.kb-entry").count()


def test_code_blocks_have_a_copy_button(page, site, kb):
    entry = next(q for q in kb["questions"] if any("```" in a["markdown"] for a in q["answers"]))
    page.goto(site.url + entry["url"].split("#")[0])
    assert page.locator(".md-typeset pre > code").count() > 0
    assert page.locator("pre nav.md-code__nav button").count() >= 1  # the theme's copy button (9.8)


def test_the_curated_answer_is_not_the_smallest_text(page, site, kb):
    entry = next(q for q in kb["questions"] if any(a["curated"] for a in q["answers"]))
    page.goto(site.url + entry["url"].split("#")[0])
    sizes = page.evaluate("""() => {
        const px = el => parseFloat(getComputedStyle(el).fontSize);
        const curated = document.querySelector('.admonition.success p:not(.admonition-title)');
        const body = document.querySelector('.md-typeset > p');
        return [px(curated), px(body)];
    }""")
    assert sizes[0] >= sizes[1], sizes


def test_the_404_page_and_the_footer_speak_chinese(page, site):
    page.goto(site.url + "404.html")  # what GitHub Pages serves for a missing page
    text = page.locator(".md-content").inner_text()
    assert "页面不存在" in text and "Not found" not in text
    page.goto(site.url)
    footer = page.locator(".md-copyright").inner_text()
    assert "Made with" not in footer and "生成" in footer


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_an_interview_page_reads_as_the_interview_went(browser, site, kb, viewport):
    ctx = browser.new_context(locale="zh-CN", viewport=viewport)
    p = ctx.new_page()
    source = next(s for s in kb["sources"] if s["kind"] == "scraped")
    p.goto(site.url + f"interviews/{source['id']}/")
    questions = p.locator("h3[id^='n']").all_inner_texts()
    assert questions and re.match(r"^1\. ", questions[0])
    numbers = [int(q.split(".")[0]) for q in questions]
    assert numbers == list(range(1, len(numbers) + 1))
    content = p.locator(".md-content").inner_text()
    assert source["path"] not in content and "scraped/" not in content
    assert p.locator("a", has_text=re.compile("^合并后的问题")).count() >= 1
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page overflows: {width}px"
    ctx.close()


@pytest.fixture()
def phone(browser):
    ctx = browser.new_context(locale="zh-CN", viewport=PHONE, has_touch=True, is_mobile=True)
    yield ctx.new_page()
    ctx.close()


def test_on_a_phone_a_tap_names_a_question_of_the_map_and_a_second_opens_it(phone, site, kb):
    phone.goto(site.url + "map/")
    dot = phone.locator("a.kb-map__entry").first
    dot.scroll_into_view_if_needed()
    tip = dot.locator(".kb-map__tip")
    assert not tip.is_visible()
    dot.locator(".kb-map__hit, .kb-map__dot").first.tap()
    assert tip.is_visible() and phone.url.endswith("/map/")
    dot.locator(".kb-map__hit, .kb-map__dot").first.tap()
    phone.wait_for_url(re.compile(r"/topics/"))


def test_on_a_phone_the_editor_wraps_and_shows_no_keyboard_hint(phone, site):
    phone.goto(site.page("two-sum"))
    cell = phone.locator(".kb-cell").first
    cell.scroll_into_view_if_needed()
    phone.locator(".kb-cell .cm-content").first.wait_for(timeout=30_000)
    assert "cm-lineWrapping" in phone.locator(".kb-cell .cm-content").first.get_attribute("class")
    hint = phone.locator(".kb-cell__hint").first.inner_text()
    assert "Ctrl" not in hint and "运行测试" in hint
