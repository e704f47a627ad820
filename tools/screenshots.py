"""Render pages of a built site to PNG files in headless Chromium, on desktop and phone.

    python tools/screenshots.py [--site site] [--out screenshots] [PAGE ...]

PAGE is a path relative to the site root (default: the home page, a topic
page and an interview page). The site is served on a free localhost port for
the duration of the run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import socketserver
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
DEFAULT_PAGES = ["", "topics/lora/", "interviews/scraped/000_3c35ba7724d8ca6a/"]


@contextlib.contextmanager
def serve(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, viewport in VIEWPORTS.items():
            page = browser.new_page(viewport=viewport, is_mobile=device == "phone")
            for path in args.pages:
                page.goto(base + path, wait_until="networkidle")
                name = (path.strip("/").replace("/", "_") or "home") + f"-{device}.png"
                page.screenshot(path=str(args.out / name), full_page=args.full_page)
                print(args.out / name)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
