"""编程题 in real headless Chromium: the list of runnable problems, each
problem's own page with its cell, and the reader's status kept in the
browser (kb-code.js, fed by the cells' results), at a desktop and a phone
width."""

from __future__ import annotations

import pytest

from test_cells import cell, click_run, set_code, wait_ready

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def status(page, name: str) -> str:
    return page.locator(f'.kb-code-status[data-problem="{name}"]').first.inner_text()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_problem_is_tried_then_solved_and_the_list_remembers(browser, site, viewport):
    ctx = browser.new_context(locale="zh-CN", viewport=VIEWPORTS[viewport])
    page = ctx.new_page()
    page.goto(site.url + "code/")
    rows = page.locator("article table tbody tr")
    assert rows.count() >= 2 and status(page, "two-sum") == "未做"
    page.locator("article table a", has_text="两数之和").first.click()
    page.wait_for_url("**/code/two-sum/")
    wait_ready(page, "two-sum")  # the editor is mounted (a phone fetches the runtime only when asked)
    set_code(page, "two-sum", "def twoSum(nums, target):\n    return [0, 1]\n")
    assert click_run(page, "two-sum", timeout=120_000) == "fail"
    assert status(page, "two-sum") == "尝试过"
    set_code(page, "two-sum", SOLUTION)
    assert click_run(page, "two-sum") == "pass"
    assert status(page, "two-sum") == "已通过"
    set_code(page, "two-sum", "def twoSum(nums, target):\n    return []\n")
    assert click_run(page, "two-sum") == "fail"
    assert status(page, "two-sum") == "已通过"  # solved stays solved
    page.goto(site.url + "code/")
    assert status(page, "two-sum") == "已通过" and status(page, "remove-nth-node-from-end") == "未做"
    ctx.close()


SOLUTION = """def twoSum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
"""
