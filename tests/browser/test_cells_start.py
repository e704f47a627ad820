"""How the code cells' runtime starts, in real headless Chromium: a repeat
visit restores the interpreter from the memory snapshot the first visit
stored; a damaged, stale or missing snapshot means a plain start that stores
a fresh one; a reader saving data (Save-Data, a slow connection, a phone-sized
screen) downloads nothing of the runtime until starting the cell, and is told
the size first."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, _free_port, _rebase_sitemap, _serve
from test_cells import cell, click_run, set_code, wait_ready

CACHE = "kb-cells-snapshot"  # worker.js's Cache Storage name


def runtime_urls(site, urls: list) -> list:
    """The requests for files that starting the runtime downloads (download.json)."""
    files = json.loads((site.dir / "assets/kb-cells/download.json").read_text())["files"]
    wanted = {site.url + "assets/kb-cells/" + f for f in files}
    return [u for u in urls if u in wanted]


def snapshot_key(site) -> str:
    """Where worker.js keeps the snapshot: format, Pyodide version, harness wheel hash."""
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
    lock = json.loads((site.dir / "assets/kb-cells/pyodide/pyodide-lock.json").read_text())
    return f"{site.url}assets/kb-cells/snapshot/1-{version}-{lock['packages']['kb-harness']['sha256'][:16]}"


def info(page) -> dict:
    return page.evaluate("window.kbRunner.info()")


def wait_saved(page, seconds: float = 60) -> None:
    """Wait until the worker has stored its snapshot (it does so after the first start)."""
    deadline = time.monotonic() + seconds
    while info(page)["saved"] is None and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert info(page)["saved"] is True, info(page)


def stored(page) -> list:
    return page.evaluate(f"caches.open('{CACHE}').then(c => c.keys()).then(ks => ks.map(k => k.url))")


def visit(context, site, name: str = "two-sum"):
    """A new tab on a cell page, the cell mounted and its reference solution
    run once (it passes; an earlier test's edits are kept by the browser)."""
    page = context.new_page()
    page.goto(site.page(name))
    wait_ready(page, name)
    set_code(page, name, json.loads((site.dir / f"assets/kb-cells/snippets/{name}.json").read_text())["solution"])
    assert click_run(page, name, timeout=60_000) == "pass", page.inner_text(f"{cell(name)} .kb-cell__results")
    return page


@pytest.fixture(scope="module")
def visited(browser, site):
    """A browser context whose first visit stored a snapshot."""
    ctx = browser.new_context(locale="zh-CN")
    page = visit(ctx, site)
    assert info(page)["start"] == "plain" and info(page)["fallback"] is None
    wait_saved(page)
    page.close()
    yield ctx
    ctx.close()


def test_a_repeat_visit_restores_the_snapshot(visited, site):
    page = visit(visited, site)
    assert info(page)["start"] == "snapshot", info(page)
    keys = stored(page)
    assert keys == [snapshot_key(site)]
    # The restored interpreter is a working one: tracebacks, stdout, the next run.
    set_code(page, "two-sum", "def twoSum(nums, target):\n    print('调试')\n    return nums[0] / 0\n")
    assert click_run(page, "two-sum") == "error"
    error = page.inner_text(f"{cell('two-sum')} .kb-cell__error")
    assert 'File "<solution>", line 3, in twoSum' in error and "ZeroDivisionError" in error
    assert "调试" in page.inner_text(f"{cell('two-sum')} .kb-cell__output")
    page.close()


DAMAGE = {
    "flipped bytes": "b => { const d = new Uint8Array(b); for (let i = d.length >> 1; i < (d.length >> 1) + 64; i++) d[i] ^= 0xff; return d; }",
    "truncated": "b => new Uint8Array(b).slice(0, b.byteLength >> 1)",
    "not a snapshot": "b => new TextEncoder().encode('<html>not found</html>')",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_snapshot_means_a_plain_start_that_stores_a_fresh_one(visited, site, damage):
    page = visited.new_page()
    page.goto(site.url + site.plain)
    page.evaluate("""async name => {
        const cache = await caches.open(name);
        const [key] = await cache.keys();
        const bytes = await (await cache.match(key)).arrayBuffer();
        await cache.put(key, new Response((%s)(bytes)));
    }""" % DAMAGE[damage], CACHE)
    page.close()
    page = visit(visited, site)
    found = info(page)
    assert found["start"] == "plain" and "快照已损坏" in found["fallback"], found
    wait_saved(page)
    page.close()
    assert info(visit(visited, site))["start"] == "snapshot"  # the fresh one works


def test_without_a_snapshot_the_start_is_plain_and_a_stale_one_is_replaced(visited, site):
    page = visited.new_page()
    page.goto(site.url + site.plain)
    stale = site.url + "assets/kb-cells/snapshot/1-0.0.1-0000000000000000"
    page.evaluate("""async ([name, stale]) => {
        await caches.delete(name);
        await (await caches.open(name)).put(stale, new Response("an older Pyodide's"));
    }""", [CACHE, stale])
    page.close()
    page = visit(visited, site)
    assert info(page)["start"] == "plain" and info(page)["fallback"] is None
    wait_saved(page)
    assert stored(page) == [snapshot_key(site)]


def test_without_cache_storage_every_start_is_plain(browser_type, browser_type_launch_args, site):
    """Plain http:// from a host name is not a secure context: no Cache Storage, so no snapshot."""
    args = [*browser_type_launch_args["args"], "--host-resolver-rules=MAP kb-insecure.test 127.0.0.1"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    ctx = browser.new_context(locale="zh-CN")
    served = replace(site, url=f"http://kb-insecure.test:{urlsplit(site.url).port}/")
    for _ in range(2):
        page = visit(ctx, served)
        assert page.evaluate("[isSecureContext, typeof caches]") == [False, "undefined"]
        page.wait_for_timeout(1500)  # longer than the worker waits before saving a snapshot
        assert info(page) | {"ms": None} == {"start": "plain", "fallback": None, "saved": None, "saveError": None,
                                             "ms": None}
        page.close()
    browser.close()


def record_loading_texts(page, name: str) -> None:
    page.evaluate("""n => {
        const box = document.querySelector(`[data-snippet="${n}"] .kb-cell__loading`);
        window.__texts = [];
        new MutationObserver(() => window.__texts.push(box.innerText)).observe(box, {subtree: true, childList: true, characterData: true});
    }""", name)


def test_after_a_time_out_the_runtime_says_it_restarts_and_unrun_cases_show_no_time(visited, site):
    page = visit(visited, site)
    record_loading_texts(page, "two-sum")
    set_code(page, "two-sum", "while True: pass\n")
    page.click(f"{cell('two-sum')} [data-action=run]")
    page.wait_for_selector(f"{cell('two-sum')} [data-summary=timeout]", timeout=15_000)
    rows = page.eval_on_selector_all(f"{cell('two-sum')} tbody tr",
                                     "rs => rs.map(r => [r.dataset.status, r.lastElementChild.textContent])")
    assert rows[0] == ["timeout", ""] and all(r == ["skipped", ""] for r in rows[1:]), rows
    page.wait_for_function("() => window.__texts.some(t => t.includes('已就绪'))", timeout=60_000)
    texts = [t for t in page.evaluate("window.__texts") if t.strip()]
    assert any("正在重启 Python 运行环境" in t for t in texts), texts
    assert not any("下载" in t for t in texts), texts  # it only restarts: nothing is downloaded again
    set_code(page, "two-sum", "def twoSum(nums, target):\n    return nums[10**9]\n")
    assert click_run(page, "two-sum") == "error"  # cases that raised show their error and no time
    rows = page.eval_on_selector_all(f"{cell('two-sum')} tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
    assert "IndexError: list index out of range" in rows[0][3] and rows[0][5] == "", rows[0]


def phone(browser):
    """A phone-sized touch screen: a new tab in a new context."""
    return browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True,
                               locale="zh-CN").new_page()


def save_data(browser):
    """A desktop whose reader turned on Save-Data (navigator.connection.saveData), set through DevTools."""
    page = browser.new_context(locale="zh-CN").new_page()
    page.context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    return page


def slow_3g(browser):
    """A desktop on a connection Chromium rates "3g" (navigator.connection.effectiveType), set through DevTools."""
    page = browser.new_context(locale="zh-CN").new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.overrideNetworkState", {"offline": False, "latency": 300, "downloadThroughput": -1,
                                              "uploadThroughput": -1, "connectionType": "cellular3g"})
    return page


@pytest.mark.parametrize("new_page", [phone, save_data, slow_3g], ids=["phone", "save-data", "3g"])
def test_saving_data_nothing_of_the_runtime_is_downloaded_until_the_reader_starts(browser, site, new_page):
    page = new_page(browser)
    ctx = page.context
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site.page("two-sum"))
    wait_ready(page, "two-sum")
    page.wait_for_timeout(1500)
    assert runtime_urls(site, urls) == []
    note = page.locator(f"{cell('two-sum')} .kb-cell__download")
    note.wait_for(state="visible")
    size = json.loads((site.dir / "assets/kb-cells/download.json").read_text())["bytes"] / 1e6
    assert f"约 {size:.1f} MB" in note.inner_text()
    if new_page is phone:  # the button downloads
        note.locator("[data-action=download]").click()
        page.wait_for_selector(f"{cell('two-sum')} .kb-cell__loading:has-text('已就绪')", timeout=60_000)
        assert not note.is_visible()
    assert click_run(page, "two-sum", timeout=60_000) == "pass"  # so does running
    assert any(u.endswith("pyodide.asm.wasm") for u in runtime_urls(site, urls))
    ctx.close()


def test_on_a_phone_a_runtime_kept_from_an_earlier_visit_starts_by_itself(browser, site):
    """Holding the download back is for the first visit: once the reader ran
    a cell, the next page's cell starts from the snapshot at once (the
    files are in the browser's cache), with no download note."""
    page = phone(browser)
    page.goto(site.page("two-sum"))
    wait_ready(page, "two-sum")
    assert click_run(page, "two-sum", timeout=60_000) == "pass"
    wait_saved(page)
    again = page.context.new_page()
    again.goto(site.page("remove-nth-node-from-end"))
    wait_ready(again, "remove-nth-node-from-end")
    again.wait_for_selector(f"{cell('remove-nth-node-from-end')} .kb-cell__loading:has-text('已就绪')", timeout=60_000)
    assert info(again)["start"] == "snapshot", info(again)
    assert not again.locator(f"{cell('remove-nth-node-from-end')} .kb-cell__download").is_visible()
    page.context.close()


def test_a_page_without_a_cell_downloads_no_runtime_on_a_desktop_or_a_phone(browser, site):
    for page in (browser.new_context().new_page(), phone(browser)):
        ctx = page.context
        urls = []
        page.on("request", lambda r: urls.append(r.url))
        page.goto(site.url + site.plain, wait_until="networkidle")
        page.mouse.wheel(0, 5000)
        page.wait_for_timeout(500)
        assert [u for u in urls if "/assets/kb-cells/" in u] == [site.url + "assets/kb-cells/kb-cells.js"]
        ctx.close()


@pytest.fixture(scope="module")
def two_sites(site, tmp_path_factory):
    """The site under /kb/ and a copy under /other/ of one origin, as two
    GitHub Pages projects of one account are (https://ORG.github.io/REPO/)."""
    port = _free_port()
    root = tmp_path_factory.mktemp("two-sites")
    for prefix in ("kb", "other"):
        shutil.copytree(site.dir, root / prefix)
        _rebase_sitemap(root / prefix, f"http://127.0.0.1:{port}/{prefix}/")
    with _serve(root, port) as url:
        yield replace(site, url=url + "kb/"), replace(site, url=url + "other/")


def test_under_a_sub_path_each_site_keeps_its_own_snapshot(browser, two_sites):
    kb, other = two_sites
    ctx = browser.new_context(locale="zh-CN")
    for served in (kb, other):
        page = visit(ctx, served)
        assert info(page)["start"] == "plain"
        wait_saved(page)
        page.close()
    page = visit(ctx, kb)
    assert info(page)["start"] == "snapshot"  # the other site's snapshot did not replace this one's
    assert sorted(stored(page)) == [snapshot_key(kb), snapshot_key(other)]
    ctx.close()
