"""Render pages of a built site to PNG files in headless Chromium, on desktop and phone.

    python tools/screenshots.py [--site site] [--out screenshots] [--full-page] [--dark] [PAGE ...]

PAGE is a path relative to the site root, or `search:QUERY` (the home page
with QUERY typed into the search box and its results open). Default: the home
page, a topic page, the topic map, the first page with a code cell (found in
the site; the cell is scrolled into view and mounted before the picture is
taken), the first interview page and the results of a search.
`--dark` also renders every page in the dark palette (`-dark` in the name).
The site is served on a free localhost port for the duration of the run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import re
import socketserver
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CELL_PAGE = "cell"  # stands for the first page with a code cell
INTERVIEW_PAGE = "interview"  # stands for the first interview page
SEARCH = "search:"
DEFAULT_PAGES = ["", "topics/lora/", "map/", CELL_PAGE, INTERVIEW_PAGE, SEARCH + "LoRA原理"]


@contextlib.contextmanager
def serve(site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def first_cell_page(site: Path) -> str:
    """The URL path of the first page (in path order) that has a code cell."""
    for html in sorted(site.rglob("index.html")):
        if 'data-snippet="' in html.read_text(encoding="utf-8"):
            return html.parent.relative_to(site).as_posix() + "/"
    raise SystemExit(f"{site}: no page has a code cell")


def first_interview_page(site: Path) -> str:
    pages = sorted((site / "interviews").glob("*/*/index.html"))
    if not pages:
        raise SystemExit(f"{site}: no interview page")
    return pages[0].parent.relative_to(site).as_posix() + "/"


def shoot_search(page, base: str, query: str, path: Path, phone: bool) -> None:
    page.goto(base, wait_until="networkidle")
    if phone:
        page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # the theme's search waits for a keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))


def shoot(page, url: str, path: Path, full_page: bool) -> None:
    page.goto(url, wait_until="networkidle")
    cells = page.locator("[data-snippet]")
    if cells.count():  # mount the first cell, as a reader scrolling to it would
        cells.first.scroll_into_view_if_needed()
        page.wait_for_selector('[data-snippet][data-kb-state="ready"]', timeout=30_000)
        page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)  # fonts and the header's transitions
    page.screenshot(path=str(path), full_page=full_page)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--dark", action="store_true", help="also render each page in the dark palette")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    found = {CELL_PAGE: first_cell_page, INTERVIEW_PAGE: first_interview_page}
    pages = [found[p](args.site) if p in found else p for p in args.pages]
    schemes = ["light", "dark"] if args.dark else ["light"]
    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, viewport in VIEWPORTS.items():
            for scheme in schemes:
                context = browser.new_context(viewport=viewport, is_mobile=device == "phone",
                                              has_touch=device == "phone", locale="zh-CN", color_scheme=scheme)
                page = context.new_page()
                for path in pages:
                    stem = "search" if path.startswith(SEARCH) else re.sub(r"[^A-Za-z0-9_.-]+", "_", path.strip("/")) or "home"
                    name = f"{stem}-{device}{'-dark' if scheme == 'dark' else ''}.png"
                    if path.startswith(SEARCH):
                        shoot_search(page, base, path[len(SEARCH):], args.out / name, device == "phone")
                    else:
                        shoot(page, base + path, args.out / name, args.full_page)
                    print(args.out / name)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
