"""Benchmark the code cells in headless Chromium on localhost.

Prints the median time from a click on "运行测试" to the results on a
page's first run (cold: a fresh browser context, Pyodide not loaded yet, the
click made as soon as the cell, scrolled into view, is ready) and on a second run (warm), and the
bytes that a page without a cell downloads (all of it, and the part that is
the cells' runtime).

    python bench/bench_cells.py --site-dir site [--cold 3 --warm 5]

The site must be built first (`make build`). Nothing here is asserted: the
browser tests check behaviour, this only measures.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FINAL = '[data-summary="pass"], [data-summary="fail"], [data-summary="error"], [data-summary="timeout"]'


def find_pages(site: Path) -> tuple[str, str, str]:
    """(a page with a cell, its snippet name, a page without one), as URL paths."""
    cell = plain = name = None
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        if rel == "404.html":
            continue
        text = html.read_text(encoding="utf-8")
        found = re.search(r'data-snippet="([a-z0-9-]+)"', text)
        if found and cell is None:
            cell, name = rel, found.group(1)
        elif not found and plain is None and "kb-cells.js" in text:
            plain = rel
    if cell is None or plain is None:
        sys.exit(f"{site}: need a page with a code cell and one without (is the site built?)")
    return cell, name, plain


def click_to_results(page, name: str) -> float:
    sel = f'[data-snippet="{name}"]'
    start = time.perf_counter()
    page.click(f"{sel} [data-action=run]")
    page.wait_for_selector(f"{sel} :is({FINAL})", timeout=60_000)
    return (time.perf_counter() - start) * 1000


def page_bytes(browser, url: str, until: str = "") -> tuple[int, int, int]:
    """(all bytes, cell runtime bytes, requests) a page downloads, scrolled to
    the end (and, with `until`, once a URL ending so has been downloaded)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    sizes = []
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes())))
    page.goto(url, wait_until="networkidle")
    page.mouse.wheel(0, 100_000)
    page.wait_for_timeout(1000)
    for _ in range(300):
        if not until or any(u.endswith(until) for u, _ in sizes):
            break
        page.wait_for_timeout(100)
    ctx.close()
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for _, s in sizes)
    runtime = sum(s["responseBodySize"] + s["responseHeadersSize"] for u, s in sizes if "/assets/kb-cells/" in u)
    return total, runtime, len(sizes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site-dir", type=Path, default=Path("site"))
    ap.add_argument("--cold", type=int, default=3, help="cold runs (fresh contexts)")
    ap.add_argument("--warm", type=int, default=5, help="warm runs")
    args = ap.parse_args()
    cell, name, plain = find_pages(args.site_dir)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(args.site_dir)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            cold, warm = [], []
            for i in range(args.cold):
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(url + cell)
                page.locator(f'[data-snippet="{name}"]').scroll_into_view_if_needed()
                page.wait_for_selector(f'[data-snippet="{name}"][data-kb-state="ready"]')
                cold.append(click_to_results(page, name))
                if i == 0:
                    warm += [click_to_results(page, name) for _ in range(args.warm)]
                ctx.close()
            total, runtime, requests = page_bytes(browser, url + plain)
            cell_total, cell_runtime, _ = page_bytes(browser, url + cell, until=".whl")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"code cell benchmark ({name}, headless Chromium, {url})")
    print(f"  cold: click to results  median {statistics.median(cold):7.0f} ms  runs {', '.join(f'{t:.0f}' for t in cold)}")
    print(f"  warm: click to results  median {statistics.median(warm):7.0f} ms  runs {', '.join(f'{t:.0f}' for t in warm)}")
    print(f"  page without a cell (/{plain}): {total:,} bytes in {requests} requests, "
          f"of which cell runtime {runtime:,} bytes (the loader only)")
    print(f"  page with a cell    (/{cell}): {cell_total:,} bytes, of which cell runtime {cell_runtime:,} bytes")


if __name__ == "__main__":
    main()
