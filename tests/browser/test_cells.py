"""The code cells in real headless Chromium, against the built site: the
reference solutions pass through the button, wrong code fails with expected
vs actual, an endless loop times out and the next run passes, exceptions show
a traceback, the runtime loads only where a cell is and stays warm across
instant navigation; and the whole problem library: every reference passes
and every wrong solution is caught, in one tab and one Python worker."""

from __future__ import annotations

import time

import pytest

from generator.cells.runtime import SNIPPETS as SNIPPETS_DIR
from generator.cells.snippets import load_snippets
import machine
from wrong_solutions import WRONG

TWO_SUM_CASES = 10
REMOVE_NTH_CASES = 9
STATUSES = ("pass", "fail", "error", "timeout", "no_reference")
FINAL = ", ".join(f'[data-summary="{s}"]' for s in STATUSES)
LIBRARY = {s.name: s for s in load_snippets(SNIPPETS_DIR)}

REVERSED = """def twoSum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [i, seen[target - x]]  # 倒序
        seen[x] = i
"""


def cell(name: str) -> str:
    return f'[data-snippet="{name}"]'


def set_code(page, name: str, code: str) -> None:
    page.evaluate("([n, c]) => document.querySelector(`[data-snippet=\"${n}\"]`).kbCell.setCode(c)", [name, code])


def get_code(page, name: str) -> str:
    return page.evaluate("n => document.querySelector(`[data-snippet=\"${n}\"]`).kbCell.code()", name)


def wait_ready(page, name: str) -> None:
    """Scroll to the cell, as a reader would, and wait until it is mounted."""
    page.locator(cell(name)).scroll_into_view_if_needed()
    page.wait_for_selector(f'{cell(name)}[data-kb-state="ready"]')


def click_run(page, name: str, timeout: float = 30_000) -> str:
    page.click(f"{cell(name)} [data-action=run]")
    page.wait_for_selector(f"{cell(name)} :is({FINAL})", timeout=timeout)
    return page.get_attribute(f"{cell(name)} [data-summary]", "data-summary")


def python_workers(page) -> list:
    return [w for w in page.workers if w.url.endswith("/assets/kb-cells/worker.js")]


def statuses(page, name: str) -> list:
    return page.eval_on_selector_all(f"{cell(name)} tbody tr", "rows => rows.map(r => r.dataset.status || null)")


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(locale="zh-CN")
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def two_sum(context, site):
    """One tab on the Two Sum page, kept across tests so Pyodide stays warm."""
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(site.page("two-sum"))
    wait_ready(page, "two-sum")
    return page


def test_page_without_a_cell_downloads_no_runtime(browser, site):
    ctx = browser.new_context()
    page = ctx.new_page()
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site.url + site.plain, wait_until="networkidle")
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.kbRunner.run") == "function"
    runtime = [u for u in urls if "/assets/kb-cells/" in u]
    assert runtime == [site.url + "assets/kb-cells/kb-cells.js"], runtime
    ctx.close()


def test_loading_is_visible_then_two_sum_passes_through_the_button(two_sum):
    # Pyodide starts loading as soon as the cell is near the viewport.
    two_sum.wait_for_selector(f"{cell('two-sum')} .kb-cell__loading progress", state="visible", timeout=2000)
    assert "Python" in two_sum.inner_text(f"{cell('two-sum')} .kb-cell__loading")
    assert click_run(two_sum, "two-sum") == "pass"
    assert statuses(two_sum, "two-sum") == ["pass"] * TWO_SUM_CASES
    assert two_sum.inner_text(f"{cell('two-sum')} [data-summary]").startswith(f"{TWO_SUM_CASES}/{TWO_SUM_CASES} 通过")
    headers = two_sum.eval_on_selector_all(f"{cell('two-sum')} th", "ths => ths.map(t => t.textContent)")
    assert headers == ["用例", "输入", "期望", "实际", "结果", "耗时"]
    assert "ms" in two_sum.inner_text(f"{cell('two-sum')} tbody tr:first-child td:last-child")
    assert two_sum.get_attribute(f"{cell('two-sum')} .kb-cell__results", "aria-live") == "polite"


def test_answer_in_reverse_order_passes(two_sum):
    set_code(two_sum, "two-sum", REVERSED)
    assert click_run(two_sum, "two-sum") == "pass"
    assert "[1, 0]" in two_sum.inner_text(f"{cell('two-sum')} tbody tr:first-child")


def test_wrong_solution_fails_showing_expected_and_actual(two_sum):
    set_code(two_sum, "two-sum", "def twoSum(nums, target):\n    return [0, 1]\n")
    assert click_run(two_sum, "two-sum") == "fail"
    row = two_sum.locator(f"{cell('two-sum')} tbody tr[data-status=fail]").first
    tds = row.locator("td").all_inner_texts()
    assert tds[2] == "[1, 2]" and tds[3] == "[0, 1]" and tds[4] == "未通过"
    assert "pass" in statuses(two_sum, "two-sum")  # example 1 is still right


def test_exception_shows_its_traceback(two_sum):
    set_code(two_sum, "two-sum", "def twoSum(nums, target):\n    print('调试输出')\n    return nums[0] / 0\n")
    assert click_run(two_sum, "two-sum") == "error"
    error = two_sum.inner_text(f"{cell('two-sum')} .kb-cell__error")
    assert "Traceback" in error and 'File "<solution>", line 3, in twoSum' in error and "ZeroDivisionError" in error
    assert "调试输出" in two_sum.inner_text(f"{cell('two-sum')} .kb-cell__output")
    assert set(statuses(two_sum, "two-sum")) == {"error"}


def test_endless_loop_times_out_and_the_next_run_passes(two_sum):
    set_code(two_sum, "two-sum", "while True: pass\n")
    two_sum.click(f"{cell('two-sum')} [data-action=run]")
    two_sum.wait_for_timeout(1000)
    start = time.monotonic()
    assert two_sum.evaluate("1 + 1") == 2  # the page's main thread is free
    assert time.monotonic() - start < 0.5 * machine.session_slowdown()
    two_sum.wait_for_selector(f"{cell('two-sum')} [data-summary=timeout]", timeout=15_000)
    assert "超时" in two_sum.inner_text(f"{cell('two-sum')} .kb-cell__results")
    found = statuses(two_sum, "two-sum")  # the case that was running timed out; the others never ran
    assert found[0] == "timeout" and set(found[1:]) == {"skipped"} and "未运行" in two_sum.inner_text(
        f"{cell('two-sum')} tbody tr:nth-child(2)")
    # the inputs of cases that never ran are shown as Python shows them, like the others
    assert "nums = [2, 7, 11, 15], target = 9" in two_sum.inner_text(f"{cell('two-sum')} tbody tr:first-child")
    set_code(two_sum, "two-sum", REVERSED)
    assert click_run(two_sum, "two-sum") == "pass"
    # the looping worker was terminated (Playwright learns of it a moment later)
    deadline = time.monotonic() + 5
    while len(python_workers(two_sum)) != 1 and time.monotonic() < deadline:
        two_sum.wait_for_timeout(100)
    assert len(python_workers(two_sum)) == 1


def test_keyboard_tab_indents_ctrl_enter_runs_and_reset_asks(two_sum, site):
    two_sum.click(f"{cell('two-sum')} .cm-content")
    two_sum.keyboard.press("Control+Home")
    two_sum.keyboard.press("Tab")
    assert get_code(two_sum, "two-sum").startswith("    ")
    two_sum.keyboard.press("Control+Enter")  # runs the indented code: IndentationError
    two_sum.wait_for_selector(f"{cell('two-sum')} [data-summary=error]")
    assert "IndentationError" in two_sum.inner_text(f"{cell('two-sum')} .kb-cell__error")
    two_sum.once("dialog", lambda d: d.dismiss())
    two_sum.click(f"{cell('two-sum')} [data-action=reset]")
    assert get_code(two_sum, "two-sum").startswith("    ")
    two_sum.once("dialog", lambda d: d.accept())
    two_sum.click(f"{cell('two-sum')} [data-action=reset]")
    reference = two_sum.evaluate("fetch('%sassets/kb-cells/snippets/two-sum.json').then(r => r.json())" % site.url)
    assert get_code(two_sum, "two-sum") == reference["solution"]


def test_custom_input_is_checked_against_the_reference(two_sum):
    two_sum.click(f"{cell('two-sum')} .kb-cell__custom summary")
    two_sum.fill(f"{cell('two-sum')} input[data-param=nums]", "[-7, 1, 9, 20]")
    two_sum.fill(f"{cell('two-sum')} input[data-param=target]", "2")
    two_sum.click(f"{cell('two-sum')} [data-action=custom]")
    two_sum.wait_for_selector(f"{cell('two-sum')} :is({FINAL})")
    tds = two_sum.locator(f"{cell('two-sum')} tbody tr").first.locator("td").all_inner_texts()
    assert tds[0] == "自定义输入" and tds[2] == "[0, 2]" and tds[3] == "[0, 2]"
    assert statuses(two_sum, "two-sum") == ["pass"]


def test_kbrunner_api(two_sum):
    result = two_sum.evaluate("code => window.kbRunner.run('two-sum', code)", REVERSED)
    assert result["status"] == "pass" and len(result["cases"]) == TWO_SUM_CASES
    assert set(result["cases"][0]) >= {"status", "input", "expected", "actual", "ms"}
    wrong = two_sum.evaluate("window.kbRunner.run('two-sum', 'def twoSum(nums, target):\\n    return None\\n')")
    assert wrong["status"] == "fail" and wrong["cases"][0]["actual"] == "None"
    broken = two_sum.evaluate("window.kbRunner.run('two-sum', 'def twoSum(:')")
    assert broken["status"] == "error" and "SyntaxError" in broken["error"]
    memory = two_sum.evaluate("window.kbRunner.run('two-sum', 'x = [0] * 2**30')")
    assert memory["status"] == "error" and "MemoryError" in memory["error"]


def follow_link(page, href: str) -> None:
    """Click a link to `href`, as a reader would (instant navigation catches it)."""
    page.evaluate(
        "href => { const a = document.createElement('a'); a.href = href; a.id = 'kb-go';"
        " a.textContent = 'go'; document.querySelector('article').append(a); }",
        href,
    )
    page.click("#kb-go")


def test_instant_navigation_keeps_the_runtime_warm(two_sum, site):
    name = "remove-nth-node-from-end"
    wasm_before = sum(u.endswith("pyodide.asm.wasm") for u in two_sum.requests)
    assert wasm_before >= 1
    two_sum.evaluate("window.__samePage = true")
    follow_link(two_sum, site.url + site.plain)
    two_sum.wait_for_function("() => !document.querySelector('[data-snippet]')")
    follow_link(two_sum, site.page(name))
    wait_ready(two_sum, name)
    assert two_sum.evaluate("window.__samePage === true"), "navigation reloaded the page"
    start = time.monotonic()
    assert click_run(two_sum, name) == "pass"
    assert time.monotonic() - start < 2 * machine.session_slowdown(), "the runtime was not warm"
    assert statuses(two_sum, name) == ["pass"] * REMOVE_NTH_CASES
    assert sum(u.endswith("pyodide.asm.wasm") for u in two_sum.requests) == wasm_before
    assert len(python_workers(two_sum)) == 1  # one worker for the site


def test_edits_persist_and_a_changed_original_is_announced(browser, site):
    ctx = browser.new_context()
    page = ctx.new_page()
    name = "remove-nth-node-from-end"
    page.goto(site.page(name))
    wait_ready(page, name)
    original = get_code(page, name)
    set_code(page, name, "# 我的修改\n" + original)
    page.wait_for_timeout(600)  # saving is debounced
    page.reload()
    wait_ready(page, name)
    assert get_code(page, name).startswith("# 我的修改\n")
    assert "上次的修改" in page.inner_text(f"{cell(name)} .kb-cell__notice")
    # Pretend the edits were made on an older version of the solution.
    page.evaluate(
        """n => { const k = Object.keys(localStorage).find(k => k.startsWith(`kb-cell:${n}:`));
                  localStorage.setItem(`kb-cell:${n}:000000000000`, localStorage.getItem(k));
                  localStorage.removeItem(k); }""",
        name,
    )
    page.reload()
    wait_ready(page, name)
    assert get_code(page, name) == original
    assert "原始代码在你上次编辑之后更新过" in page.inner_text(f"{cell(name)} .kb-cell__notice")
    page.click(f"{cell(name)} [data-action=restore-old]")
    assert get_code(page, name).startswith("# 我的修改\n")
    ctx.close()


def test_without_javascript_the_solution_is_a_highlighted_block(browser, site):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site.page("two-sum"))
    code = page.inner_text(f"{cell('two-sum')} .highlight code")
    assert "def twoSum(nums, target):" in code and "return [i,j]" in code
    assert page.is_visible(f"{cell('two-sum')} .kb-cell__nojs")
    ctx.close()


def test_usable_on_a_phone(browser, site):
    ctx = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(site.page("two-sum"))
    wait_ready(page, "two-sum")
    box = page.locator(f"{cell('two-sum')} [data-action=run]").bounding_box()
    assert box["height"] >= 32 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.get_attribute(f"{cell('two-sum')} [data-action=run]", "aria-label").startswith("运行测试")
    ctx.close()


def test_a_crash_of_the_runtime_is_reported_and_the_next_run_works(two_sum, site):
    two_sum.goto(site.page("two-sum"))
    wait_ready(two_sum, "two-sum")
    # Reading outside WebAssembly memory is a fatal error for Pyodide.
    set_code(two_sum, "two-sum", "import ctypes\nctypes.string_at(2**32 - 16, 100)\n")
    assert click_run(two_sum, "two-sum") == "error"
    assert "崩溃" in two_sum.inner_text(f"{cell('two-sum')} .kb-cell__error")
    set_code(two_sum, "two-sum", REVERSED)
    assert click_run(two_sum, "two-sum") == "pass"


def test_pyodide_waits_until_the_cell_is_near_the_viewport(browser, mini_site):
    ctx = browser.new_context(viewport={"width": 1000, "height": 600})
    page = ctx.new_page()
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(mini_site.url + "far/", wait_until="networkidle")
    page.wait_for_timeout(1000)
    assert not [u for u in urls if "cell.bundle.js" in u or "/pyodide/" in u]
    wait_ready(page, "two-sum")
    for _ in range(100):  # the worker fetches Pyodide once the cell is near
        if any(u.endswith("pyodide.asm.wasm") for u in urls):
            break
        page.wait_for_timeout(100)
    assert any(u.endswith("pyodide.asm.wasm") for u in urls)
    ctx.close()


def test_cdn_setting_loads_pyodide_from_the_cdn(browser, cdn_site):
    site, cdn = cdn_site
    ctx = browser.new_context()
    page = ctx.new_page()
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site.page("two-sum"))
    wait_ready(page, "two-sum")
    assert click_run(page, "two-sum") == "pass"
    wasm = [u for u in urls if u.endswith("pyodide.asm.wasm")]
    assert wasm == [cdn + "pyodide.asm.wasm"]
    assert site.url + "assets/kb-cells/pyodide/kb_harness-0.1.0-py3-none-any.whl" in urls
    ctx.close()


def test_practice_mode_starts_from_the_signature_and_shows_the_solution_on_demand(browser, site):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(site.page("two-sum"))
    wait_ready(page, "two-sum")
    solution = get_code(page, "two-sum")
    assert "hashmap" in solution
    assert not page.locator(f"{cell('two-sum')} [data-action=solution]").is_visible()
    page.locator(".kb-practice-toggle").click()  # on: the untouched editor becomes the starter
    starter = get_code(page, "two-sum")
    assert starter == "def twoSum(nums, target):\n    pass  # 在这里写你的解法\n"
    assert click_run(page, "two-sum") == "fail"  # the empty body fails the cases
    page.reload()  # practice mode is remembered: a new page starts from the starter
    wait_ready(page, "two-sum")
    assert get_code(page, "two-sum") == starter
    page.click(f"{cell('two-sum')} [data-action=solution]")
    assert get_code(page, "two-sum") == solution
    page.locator(".kb-practice-toggle").click()  # off again
    assert get_code(page, "two-sum") == solution
    context.close()


def test_bad_custom_input_clears_the_previous_results(two_sum):
    set_code(two_sum, "two-sum", REVERSED)
    assert click_run(two_sum, "two-sum") == "pass"
    two_sum.click(f"{cell('two-sum')} .kb-cell__custom summary")
    two_sum.fill(f"{cell('two-sum')} input[data-param=nums]", "[1, 2")
    two_sum.click(f"{cell('two-sum')} [data-action=custom]")
    assert "不是合法的 JSON" in two_sum.inner_text(f"{cell('two-sum')} [data-summary]")
    assert not two_sum.locator(f"{cell('two-sum')} .kb-cell__table").is_visible()
    two_sum.fill(f"{cell('two-sum')} input[data-param=nums]", "[1, 2]")
    two_sum.fill(f"{cell('two-sum')} input[data-param=target]", "100")
    assert click_run_custom(two_sum) == "no_reference"  # no answer: nothing to check the code against
    tds = two_sum.locator(f"{cell('two-sum')} tbody tr").first.locator("td").all_inner_texts()
    assert tds[2] == "无参考答案" and tds[3] == "None"


def click_run_custom(page) -> str:
    page.click(f"{cell('two-sum')} [data-action=custom]")
    page.wait_for_selector(f"{cell('two-sum')} :is({FINAL})", timeout=30_000)
    return page.get_attribute(f"{cell('two-sum')} [data-summary]", "data-summary")


# JavaScript that runs each code of a batch through the cells' runner, one at a
# time, as the button does, and gives each run's status.
RUN_BATCH = """async ([name, codes]) => {
  const out = [];
  for (const code of codes) out.push((await window.kbRunner.run(name, code)).status);
  return out;
}"""


def test_every_problem_of_the_library_in_one_worker(browser, site):
    """One tab and one Python worker for all the problems (a new one only
    after a time-out): each reference passes, each wrong solution fails a
    case, raises, or runs past the problem's time limit."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site.url + site.plain)
    missed = []
    for name, snippet in sorted(LIBRARY.items()):
        wrong = WRONG.get(name, {})
        found = page.evaluate(RUN_BATCH, [name, [snippet.solution, *wrong.values()]])
        assert found[0] == "pass", f"{name}: the reference solution gave {found[0]}"
        missed += [f"{name}: {mistake}" for mistake, status in zip(wrong, found[1:]) if status == "pass"]
        assert set(found) <= set(STATUSES), found
    assert not missed
    # a worker stopped after a time-out leaves page.workers a moment later
    for _ in range(50):
        if len(python_workers(page)) == 1:
            break
        page.wait_for_timeout(100)
    assert len(python_workers(page)) == 1
    ctx.close()


def test_a_case_that_raises_carries_its_own_error(two_sum):
    code = "def twoSum(nums, target):\n    if target < 0:\n        raise ValueError('负数')\n    return [0, 1]\n"
    result = two_sum.evaluate("code => window.kbRunner.run('two-sum', code)", code)
    rows = {r["name"]: r for r in result["cases"]}
    assert rows["负数目标值"]["status"] == "error" and rows["负数目标值"]["error"] == "ValueError: 负数(第 3 行)"
    assert rows["示例 1"]["status"] == "pass" and rows["示例 1"]["error"] is None
    assert rows["示例 2(同一元素不能用两次)"]["status"] == "fail" and rows["示例 2(同一元素不能用两次)"]["actual"] == "[0, 1]"
