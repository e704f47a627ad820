"""A link checker for a built site: every internal link and anchor must resolve."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from bs4 import BeautifulSoup


def _target_file(site: Path, page: Path, href: str) -> Path | None:
    path = unquote(urlparse(href).path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    site = site.resolve()
    ids: dict[Path, set[str]] = {}
    soups = {}
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        soups[page] = soup
        ids[page.resolve()] = {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all("a", attrs={"name": True})
        }
    problems = []
    for page, soup in soups.items():
        for tag in soup.find_all(["a", "link"], href=True):
            href = tag["href"]
            parsed = urlparse(href)
            if parsed.scheme or parsed.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = _target_file(site, page, href)
            if target is None or not target.exists():
                problems.append(f"{page.relative_to(site)}: {href} -> missing file")
                continue
            fragment = urldefrag(href).fragment
            if fragment and target.suffix == ".html" and unquote(fragment) not in ids.get(target.resolve(), set()):
                problems.append(f"{page.relative_to(site)}: {href} -> missing anchor")
    return problems
