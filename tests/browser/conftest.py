"""Browser tests: Playwright drives Debian's headless Chromium against a
built site served on localhost by `python -m http.server`.

The site is built once per session: with the project's CLI
(`python -m generator build`, the `built_site` fixture) when it runs, else
(or with KB_BROWSER_SITE=mini; KB_BROWSER_SITE=DIR tests a site built
beforehand) a small mkdocs-material site made here with
the same theme features (instant navigation) and the cell hooks of
mini_site_hooks.py. A few tests always use the small site: its far/ page has
a cell below the fold, and a copy of it is switched to a "CDN".
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: run `make setup` (apt-get install chromium)", allow_module_level=True)
if not (ROOT / "node_modules" / "pyodide").is_dir():
    pytest.skip("node_modules is missing: run `make setup` (npm ci)", allow_module_level=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@dataclass(frozen=True)
class Site:
    url: str  # ends with "/"
    dir: Path
    cells: dict  # snippet name -> page path (relative to url) that holds its cell
    plain: str  # a page path with no cell

    def page(self, name: str) -> str:
        return self.url + self.cells[name]


MINI_PAGES = {
    "index.md": "# 首页\n\n没有代码单元的页面。\n\n- [两数之和](two-sum.md)\n- [删除链表的倒数第 N 个结点](remove-nth.md)\n- [普通页面](plain.md)\n",
    "plain.md": "# 普通页面\n\n这里没有代码。\n\n```python\nprint('not a cell')\n```\n",
    "two-sum.md": "# 两数之和\n\n面试题:类似【两数之和】。\n\n<!-- kb-cell two-sum -->\n\n[下一题](remove-nth.md)\n",
    "remove-nth.md": "# 删除链表倒数第n个节点\n\n<!-- kb-cell remove-nth-node-from-end -->\n\n[上一题](two-sum.md)\n",
    "far.md": "# 单元在很下面\n\n" + "".join(f"第 {i} 段正文。\n\n" for i in range(300)) + "<!-- kb-cell two-sum -->\n",
}


def _mini_site(out: Path, url: str) -> None:
    src = out.parent / "mini-src"
    (src / "docs").mkdir(parents=True)
    for name, text in MINI_PAGES.items():
        (src / "docs" / name).write_text(text, encoding="utf-8")
    (src / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: 测试站点
        site_url: {url}
        docs_dir: docs
        site_dir: {out}
        theme:
          name: material
          language: zh
          font: false
          features: [navigation.instant]
        hooks: [{ROOT / 'tests' / 'browser' / 'mini_site_hooks.py'}]
        extra_javascript: [assets/kb-cells/kb-cells.js]
        markdown_extensions: [attr_list, md_in_html, pymdownx.superfences, pymdownx.highlight, admonition, pymdownx.details]
        nav: [index.md, plain.md, two-sum.md, remove-nth.md, far.md]
        """), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(src / "mkdocs.yml")],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def _use_real_site() -> bool:
    if os.environ.get("KB_BROWSER_SITE") == "mini":
        return False
    probe = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], capture_output=True, cwd=ROOT)
    return probe.returncode == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _find_pages(out: Path) -> tuple[dict, str]:
    cells, plain = {}, None
    # A question's page (a topic) before the problem's own page (code/): the
    # tests use what a topic page has around a cell (practice mode, answers).
    for html in sorted(out.rglob("*.html"), key=lambda p: (p.relative_to(out).parts[0] == "code", p)):
        rel = html.relative_to(out).as_posix()
        rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel  # the URL the sitemap uses
        if rel in ("404.html", "far/"):  # far/: the mini site's cell below the fold
            continue
        text = html.read_text(encoding="utf-8")
        names = re.findall(r'data-snippet="([a-z0-9-]+)"', text)
        for name in names:
            cells.setdefault(name, rel)
        if not names and plain is None and "kb-cells.js" in text:
            plain = rel
    return cells, plain


@contextlib.contextmanager
def _serve(directory: Path, port: int, script: list | None = None):
    """Serve `directory` on 127.0.0.1:port until the block ends."""
    cmd = script or ["-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory"]
    server = subprocess.Popen([sys.executable, *cmd, str(directory)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _site(out: Path, url: str) -> Site:
    cells, plain = _find_pages(out)
    missing = {"two-sum", "remove-nth-node-from-end"} - set(cells)
    assert not missing, f"{out}: no page has a cell for {sorted(missing)} (is the snippet linked to its question?)"
    assert plain is not None, f"{out}: no page loads assets/kb-cells/kb-cells.js (add it to extra_javascript)"
    return Site(url=url, dir=out, cells=cells, plain=plain)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory):
    """The small mkdocs-material site, always (for pages the real one lacks)."""
    port = _free_port()
    out = tmp_path_factory.mktemp("mini") / "site"
    _mini_site(out, f"http://127.0.0.1:{port}/")
    with _serve(out, port) as url:
        yield _site(out, url)


@pytest.fixture(scope="session")
def site(request, tmp_path_factory):
    """The project's site as `make build` makes it (tests/conftest.py's
    built_site), or the small site (see the module docstring)."""
    prebuilt = os.environ.get("KB_BROWSER_SITE", "")
    if prebuilt not in ("", "mini"):  # a site built beforehand, e.g. by `make build`
        out = Path(prebuilt).resolve()
    elif not _use_real_site():
        yield request.getfixturevalue("mini_site")
        return
    else:
        out = request.getfixturevalue("built_site")
    port = _free_port()
    served = tmp_path_factory.mktemp("served") / "site"
    shutil.copytree(out, served)
    _rebase_sitemap(served, f"http://127.0.0.1:{port}/")
    with _serve(served, port) as url:
        yield _site(served, url)


def _rebase_sitemap(site_dir: Path, url: str) -> None:
    """Point the sitemap at the test server: instant navigation only follows
    links to URLs in the sitemap, which site_url wrote for another address."""
    sitemap = site_dir / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    root = min(re.findall(r"<loc>([^<]+)</loc>", text), key=len)  # the home page
    sitemap.write_text(text.replace(f"<loc>{root}", f"<loc>{url}"), encoding="utf-8")
    (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def cdn_site(mini_site, tmp_path_factory):
    """The small site switched to a "CDN": Pyodide from another origin."""
    from generator.site.csp import add_policy
    from generator.cells.runtime import NODE_PYODIDE, install_runtime

    cdn_port, port = _free_port(), _free_port()
    out = tmp_path_factory.mktemp("cdn") / "site"
    shutil.copytree(mini_site.dir, out)
    with _serve(NODE_PYODIDE, cdn_port, [str(Path(__file__).with_name("cors_server.py")), str(cdn_port)]) as cdn:
        install_runtime(out, pyodide_cdn=cdn)
        add_policy(out, pyodide_cdn=cdn)
        with _serve(out, port) as url:
            yield _site(out, url), cdn


@pytest.fixture(scope="module")
def kb(site) -> dict:
    """The built site's kb.json (the small test site has none: skip)."""
    path = site.dir / "kb.json"
    if not path.exists():
        pytest.skip("the small test site has no knowledge base (KB_BROWSER_SITE=mini)")
    return json.loads(path.read_text(encoding="utf-8"))
