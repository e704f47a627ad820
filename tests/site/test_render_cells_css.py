"""The code cell's results table (generator/assets/kb-cells.css) laid out by
headless Chromium: on a desktop-wide page the status and short values stay on
one line; on a phone every case is a card and nothing is wider than the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import PROJECT

ROOT = PROJECT
CHROMIUM = "/usr/bin/chromium"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: run `make setup` (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("pytest_playwright")

COLUMNS = ["用例", "输入", "期望", "实际", "结果", "耗时"]  # as cell.js writes them
LONG_INPUT = "nums = [" + ", ".join(str(i) for i in range(300)) + "], target = 9"
ROWS = [
    ("示例 1", "nums = [2, 7, 11, 15], target = 9", "[0, 1]", "[0, 1]", "pass", "通过", "0.1 ms"),
    ("示例 2(同一元素不能用两次)", "nums = [3, 2, 4], target = 6", "[1, 2]", "[1, 2]", "pass", "通过", "<0.1 ms"),
    ("最大规模", LONG_INPUT, "[0, 9999]", "[1, 0]", "fail", "未通过", "12.3 ms"),
]


def _page_html() -> str:
    css = (ROOT / "generator" / "assets" / "kb-cells.css").read_text(encoding="utf-8")
    rows = "".join(
        f'<tr data-status="{status}"><td data-label="{COLUMNS[0]}">{name}</td>'
        f'<td data-label="{COLUMNS[1]}"><code>{given}</code></td>'
        f'<td data-label="{COLUMNS[2]}"><code>{expected}</code></td>'
        f'<td data-label="{COLUMNS[3]}"><code>{actual}</code></td>'
        f'<td data-label="{COLUMNS[4]}" class="kb-cell__status">{text}</td>'
        f'<td data-label="{COLUMNS[5]}">{ms}</td></tr>'
        for name, given, expected, actual, status, text, ms in ROWS)
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    # mkdocs-material: html is 125% (20px); its content column is about 680px wide on a desktop.
    return (f'<!doctype html><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>html {{ font-size: 125%; }} body {{ margin: 0; }}'
            f'main {{ max-width: 680px; margin: 0 auto; }}{css}</style>'
            f'<main><div class="kb-cell"><div class="kb-cell__ui"><div class="kb-cell__table">'
            f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></div></div></main>')


LINES = """sel => [...document.querySelectorAll(sel)].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
})"""


@pytest.fixture(scope="module")
def chromium(playwright):  # pytest-playwright's session Playwright, shared with tests/browser
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    yield browser
    browser.close()


def test_status_and_short_values_stay_on_one_line_on_a_desktop(chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.set_content(_page_html())
    assert page.evaluate(LINES, ".kb-cell__status") == [1, 1, 1]  # 通过 / 未通过 never break
    assert page.evaluate(LINES, "tbody td:nth-child(3) code") == [1, 1, 1]  # [0, 1], [0, 9999]
    assert page.evaluate(LINES, "tbody td:nth-child(4) code") == [1, 1, 1]
    assert page.evaluate(LINES, "tbody td:last-child") == [1, 1, 1]  # 12.3 ms
    assert page.evaluate(LINES, "thead th") == [1] * len(COLUMNS)
    # the long input wraps inside the table instead of widening it
    assert page.evaluate("document.querySelector('.kb-cell__table').scrollWidth") <= 680
    page.close()


def test_a_phone_shows_one_card_per_case_no_wider_than_the_screen(chromium):
    page = chromium.new_page(viewport={"width": 375, "height": 700}, is_mobile=True)
    page.set_content(_page_html())
    assert page.evaluate("getComputedStyle(document.querySelector('tbody tr')).display") == "block"
    assert page.evaluate("getComputedStyle(document.querySelector('tbody td')).display") == "block"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    label = page.evaluate("getComputedStyle(document.querySelector('tbody td'), '::before').content")
    assert "：" in label and ":" not in label.replace("attr(", "")  # 输入：nums = …, full-width
    page.close()
