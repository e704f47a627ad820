"""The Content-Security-Policy in headless Chromium: the site works under it
(no violation while a reader browses, searches, navigates instantly and runs
a code cell), and it is a real wall (an inline handler or an inline script
that got into a page does not run)."""

from __future__ import annotations

import pytest

from test_cells import click_run, wait_ready
from test_site import search

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || "")));
"""


@pytest.fixture()
def page(browser, site):
    if "Content-Security-Policy" not in (site.dir / "index.html").read_text(encoding="utf-8"):
        pytest.skip("this test site has no policy")
    ctx = browser.new_context(locale="zh-CN")
    ctx.add_init_script(RECORD_VIOLATIONS)
    p = ctx.new_page()
    yield p
    ctx.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_reading_searching_and_navigating_break_no_rule(page, site):
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    found = search(page, "注意力")
    assert found
    page.locator(".md-content a[href*='topics/']:visible").first.click()  # instant navigation
    page.wait_for_load_state("networkidle")
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_a_code_cell_runs_under_the_policy(page, site):
    page.goto(site.page("two-sum"))
    wait_ready(page, "two-sum")
    assert click_run(page, "two-sum", timeout=60_000) == "pass"
    assert violations(page) == []


def test_script_that_got_into_a_page_does_not_run(page, site):
    page.goto(site.url + site.plain)
    page.evaluate("""() => {
        const box = document.createElement("div");
        box.innerHTML = '<img src="data:," onerror="window.__ran = 1"><a id="kb-x" href="javascript:window.__ran = 2">x</a>';
        document.body.append(box);
        const script = document.createElement("script");
        script.textContent = "window.__ran = 3";
        document.body.append(script);
        document.getElementById("kb-x").click();
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert len(violations(page)) >= 2
