"""Stored XSS, tried in a real browser (issue #13): every vector of
xss_vectors.py in every untrusted context of one built site, every page of
it loaded in Chromium.

Why: the site shows text that anyone can write (contributions, scraped
pages, file and folder names, metadata.yml). A regex or a parser that reads
HTML differently from the browser is how such text becomes script, so the
judge here is Chromium itself, not a parser of ours.

How: the site is built once with the CLI, with KB_REPO_URL set (edit links
are rendered, as the Pages workflow renders them), from a sources folder in
which each vector is placed in each context where it can go. Every
placement calls `kbXss(<its number>)`, so whatever runs or survives names
its vector, family, context and file. Each HTML page is loaded with hooks on
that marker and on alert, confirm, prompt and print (in every frame), then
its final DOM is searched for what could still run: an `on*` attribute, a
javascript:/vbscript:/data: URL (href, src, action, formaction, xlink:href,
data, SVG animation values, meta refresh), a srcdoc, a <script> naming a
placement. The search index is rendered as the theme renders results
(innerHTML). A detector test first shows that all this sees raw vectors run.

Economy: one file carries many placements, so the site stays near 300
pages. Contexts that hold one value per file (file and folder names, page
titles, URLs) take one vector per file and share the vectors between them.
The theme's search worker is stubbed: it would index the whole site (2 MB)
on every page load; it never writes to the page. Hermetic: Chromium
resolves no host but 127.0.0.1 and sends every other request to a proxy
that is not there (switches rather than page.route, which would intercept
every request and make each page load several times slower).
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import zip_longest
from pathlib import Path

import pytest
import yaml

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, _free_port, _serve
from xss_vectors import MARKER, PLACEHOLDER, VECTORS, fits_file_name, fits_one_line, instantiate

FIRST_ID = 100000  # placement numbers have six digits and start with 1: easy to find in a page
ID_PATTERN = re.compile(r"(?<!\d)1\d{5}(?!\d)")
REPO_URL = "https://github.com/example/kb"
TOPICS = ["llm-basics", "transformer", "self-attention", "positional-encoding", "training", "sft", "rlhf", "peft",
          "lora", "p-tuning", "inference", "rag", "agent", "langchain", "hallucination", "nlp-basics", "project"]
HTML_PAGES = MD_PAGES = 86  # with the .txt pages, one own title for each title-shaped vector

ALL = list(range(len(VECTORS)))
ONE_LINE = [i for i in ALL if fits_one_line(VECTORS[i][1])]
FILE_NAMES = [i for i in ALL if fits_file_name(VECTORS[i][1])]
TITLES = [i for i in ONE_LINE if len(instantiate(VECTORS[i][1], FIRST_ID)) <= 50]  # a page's own title: 4-50 characters
URL_SHAPED = [i for i in ALL if re.fullmatch(r"[^\s<>\"'`\\]+", VECTORS[i][1])]  # a field that must be an http(s) URL takes these whole
ELIGIBLE = {"every vector": ALL, "one-line vectors": ONE_LINE, "file-name vectors": FILE_NAMES,
            "title-shaped vectors": TITLES}

# Each context and the vectors it holds.
CONTEXTS = {
    **{c: "every vector" for c in (
        "contrib body", "contrib question", "contrib aliases", "contrib asked_at", "contrib topics (unknown topic)",
        "contrib snippet (unknown snippet)", "contrib front-matter field name", "contrib title (unknown field)",
        "contrib author (unknown field)", "contrib source (unknown field)", "contrib tags (unknown field)",
        "txt answer", "metadata.yml title", "metadata.yml company", "metadata.yml role", "metadata.yml site",
        "metadata.yml date", "metadata.yml key naming no file", "metadata.yml field name",
        "html answer text", "html attribute values", "html code block", "html raw markup",
        "md front matter date", "md answer (raw Markdown)", "md answer code fence")},
    **{c: "one-line vectors" for c in ("txt question", "html question text", "md question heading")},
    **{c: "file-name vectors" for c in (
        "contrib folder name", "contrib file name", "scraped folder name", "scraped file name")},
}
# Contexts with one value per file: together they hold all their vectors.
SHARED_CONTEXTS = {
    ("txt first line", "html <title>", "html <h1>", "md front matter title"): "title-shaped vectors",
    ("metadata.yml url", "md front matter url", "md front matter source", "md front matter link"): "every vector",
}
# Values the site does not show by design, placed all the same, as an
# attacker would: an unknown front-matter field is named by its key only,
# and of a saved HTML page only the text is read.
NOT_SHOWN = {"contrib title (unknown field)", "contrib author (unknown field)", "contrib source (unknown field)",
             "contrib tags (unknown field)", "html attribute values"}


@dataclass(frozen=True)
class Placement:
    id: int
    vector: int  # index in VECTORS
    context: str
    file: str  # relative to the sources folder

    def describe(self) -> str:
        family, template = VECTORS[self.vector]
        return f"#{self.id} {family} vector {self.vector} in {self.context} ({self.file}): {instantiate(template, self.id)!r}"


@dataclass
class AttackSources:
    """A sources folder being written, and every placement in it."""

    root: Path
    placements: dict[int, Placement] = field(default_factory=dict)

    def place(self, vector: int, context: str, file: str) -> str:
        number = FIRST_ID + len(self.placements)
        self.placements[number] = Placement(number, vector, context, file)
        return instantiate(VECTORS[vector][1], number)

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def share(vectors: list[int], files: int, k: int) -> list[int]:
    """File k's part of `vectors` when each goes into one of `files` files."""
    per_file = -(-len(vectors) // files)
    return vectors[k * per_file:(k + 1) * per_file]


def in_turn(vectors: list[int]):
    """The vectors one after the other, round and round (one value per file)."""
    while True:
        yield from vectors


def spread(few: list[int], many: list[int]) -> list[int]:
    """`few` and `many` in one list, `few` evenly among `many`."""
    position = {i: (n + 0.5) / len(group) for group in (few, many) for n, i in enumerate(group)}
    return sorted(few + many, key=position.__getitem__)


def named_path(s: AttackSources, kind: str, k: int, suffix: str) -> str:
    """`<kind>/<folder>/<name><suffix>`, folder and name the k-th file-name
    vectors from either end of the list, plain names when none is left."""
    first = len(s.placements)
    folder = s.place(FILE_NAMES[-1 - k], f"{kind} folder name", "") if k < len(FILE_NAMES) else f"folder{k}"
    name = s.place(FILE_NAMES[k], f"{kind} file name", "") if k < len(FILE_NAMES) else f"file{k}"
    path = f"{kind}/{folder}/{name}{suffix}"
    for number in list(s.placements)[first:]:
        s.placements[number] = replace(s.placements[number], file=path)
    return path


def write_contributions(s: AttackSources) -> None:
    """One contribution per vector: the vector as the answer and in every
    front-matter field, known or not."""
    for k, vector in enumerate(ALL):
        path = named_path(s, "contrib", k, ".md")
        fields = {
            "question": s.place(vector, "contrib question", path),
            "topics": [TOPICS[k % len(TOPICS)], s.place(vector, "contrib topics (unknown topic)", path)],
            "aliases": [s.place(vector, "contrib aliases", path)],
            "asked_at": s.place(vector, "contrib asked_at", path),
            "snippet": s.place(vector, "contrib snippet (unknown snippet)", path),
            s.place(vector, "contrib front-matter field name", path): "x",
        }
        for unknown in ("title", "author", "source", "tags"):
            fields[unknown] = s.place(vector, f"contrib {unknown} (unknown field)", path)
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
        s.write(path, f"---\n{front}---\n\n{s.place(vector, 'contrib body', path)}\n")


def write_text_pages(s: AttackSources, metadata: dict, titles, urls) -> None:
    """Scraped .txt pages (as copied from a browser), one per file-name
    vector and one more: names, the first line (the page's own title),
    questions, answers, and metadata.yml entries without a title; and
    metadata.yml entries that name no file or give fields that do not exist."""
    files = len(FILE_NAMES) + 1
    for k in range(files):
        path = named_path(s, "scraped", k, ".txt")
        lines = [s.place(next(titles), "txt first line", path)]
        for n, (question, answer) in enumerate(zip_longest(share(ONE_LINE, files, k), share(ALL, files, k)), 1):
            if question is not None:
                lines.append(f"{n}、请解释 {s.place(question, 'txt question', path)} 是什么？")
            if answer is not None:
                lines.append(f"{n + 100}、下面这段是什么意思？\n答：{s.place(answer, 'txt answer', path)}")
        s.write(path, "\n".join(lines) + "\n")
        entry = {name: " ".join(s.place(v, f"metadata.yml {name}", path) for v in share(ALL, files, k))
                 for name in ("company", "role", "site", "date")}
        metadata[path] = {**entry, "url": "https://evil.example/#" + s.place(next(urls), "metadata.yml url", path)}
    for vector in ALL:
        key = s.place(vector, "metadata.yml key naming no file", "metadata.yml")
        metadata[key] = {s.place(vector, "metadata.yml field name", "metadata.yml"): "x"}


def write_html_pages(s: AttackSources, metadata: dict, titles, urls) -> None:
    """Saved .html pages: the own title (<h1>, else <title>), questions and
    answers as escaped text, attribute values, code, and raw markup (last:
    it may swallow what follows); a metadata.yml url."""
    for k in range(HTML_PAGES):
        path = f"scraped/html/page{k}.html"
        title = html.escape(s.place(next(titles), "html <h1>" if k % 2 else "html <title>", path))
        head, body = ("", [f"<h1>{title}</h1>"]) if k % 2 else (f"<title>{title}</title>", [])
        for n, (question, vector) in enumerate(zip_longest(share(ONE_LINE, HTML_PAGES, k), share(ALL, HTML_PAGES, k)), 1):
            if question is not None:
                asked = html.escape(s.place(question, "html question text", path))
                body.append(f"<p>{n}、请解释 {asked} 是什么？</p><p>答：不知道。</p>")
            if vector is None:
                continue
            attr = html.escape(s.place(vector, "html attribute values", path))
            body += [f"<p>{n + 100}、这段是什么意思？</p>",
                     f'<p title="{attr}" data-note="{attr}">答：{html.escape(s.place(vector, "html answer text", path))}'
                     f' <a href="{attr}">参考</a><img alt="{attr}" src="{attr}"></p>',
                     f"<pre><code>{html.escape(s.place(vector, 'html code block', path))}</code></pre>",
                     f"<div><p>{s.place(vector, 'html raw markup', path)}</p></div>"]
        s.write(path, f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head>'
                      f"<body><article>{''.join(body)}</article></body></html>\n")
        metadata[path] = {"url": "https://evil.example/#" + s.place(next(urls), "metadata.yml url", path)}


def write_markdown_pages(s: AttackSources, metadata: dict, titles, urls) -> None:
    """Scraped .md pages (面经 files from GitHub, outside contrib/): front
    matter (a title on every other page, metadata.yml's title and url on
    the others), questions as headings, answers in raw Markdown and in code."""
    for k in range(MD_PAGES):
        path = f"scraped/md/page{k}.md"
        dates = " ".join(s.place(v, "md front matter date", path) for v in share(ALL, MD_PAGES, k))
        front = {"date": f"2024-05-01 {dates}"}
        if k % 2:
            titled = share(ALL, MD_PAGES // 2, k // 2)
            metadata[path] = {"title": " ".join(s.place(v, "metadata.yml title", path) for v in titled),
                              "url": "https://evil.example/#" + s.place(next(urls), "metadata.yml url", path)}
        else:
            front["title"] = s.place(next(titles), "md front matter title", path)
        for key in ("url", "source", "link"):  # the first that is an http(s) address is taken
            front[key] = "https://evil.example/#" + s.place(next(urls), f"md front matter {key}", path)
        lines = []
        for n, (question, answer) in enumerate(zip_longest(share(ONE_LINE, MD_PAGES, k), share(ALL, MD_PAGES, k)), 1):
            if question is not None:
                lines += [f"## {n}. 请解释 {s.place(question, 'md question heading', path)} 是什么？", "", "不知道。", ""]
            if answer is not None:
                lines += [f"## {n + 100}. 这段是什么意思？", "", s.place(answer, "md answer (raw Markdown)", path), "",
                          "````text", s.place(answer, "md answer code fence", path), "````", ""]
        s.write(path, "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
                + "---\n\n" + "\n".join(lines) + "\n")


def write_sources(s: AttackSources) -> None:
    metadata: dict = {}
    # Contexts with one value per file take the vectors in turn; each URL field gets some URL-shaped ones.
    titles = in_turn(TITLES)
    urls = in_turn(spread(URL_SHAPED, [i for i in ALL if i not in URL_SHAPED]))
    write_text_pages(s, metadata, titles, urls)
    write_contributions(s)
    write_html_pages(s, metadata, titles, urls)
    write_markdown_pages(s, metadata, titles, urls)
    s.write("metadata.yml", yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=10_000))


# --- the browser ----------------------------------------------------------------------------

HOOKS = """
(() => {
  const report = (how, value) => { try { window.__kbXssReport(how, String(value)); } catch (e) {} };
  window.%(marker)s = id => report('%(marker)s', id);
  window.__xss = id => report('__xss', id);
  window.alert = message => report('alert', message);
  window.confirm = message => { report('confirm', message); return false; };
  window.prompt = message => { report('prompt', message); return null; };
  window.print = () => report('print', '');
  // The theme's search worker indexes the whole site on every page load; it never touches the page.
  const NativeWorker = window.Worker;
  class SearchWorkerStub extends EventTarget { postMessage() {} terminate() {} }
  window.Worker = function (url, options) {
    return String(url).includes('/workers/search.') ? new SearchWorkerStub() : new NativeWorker(url, options);
  };
})();
""" % {"marker": MARKER}

# What in the final DOM could still run, under `selector`: [{what, value, html}].
SURVIVORS = r"""
selector => {
  const found = [];
  const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'codebase'];
  const ANIMATION_ATTRIBUTES = ['values', 'to', 'from', 'by'];
  const scheme = value => { try { return new URL(value.trim(), document.baseURI).protocol; } catch (e) { return ''; } };
  const dangerous = value => {
    const protocol = scheme(value);
    if (protocol === 'javascript:' || protocol === 'vbscript:') return true;
    return protocol === 'data:' && !/^data:image\/(png|gif|jpeg|webp|avif)[;,]/i.test(value.replace(/[\s\x00-\x1f]/g, ''));
  };
  const add = (el, what, value) => found.push({what, value: String(value).slice(0, 300), html: el.outerHTML.slice(0, 300)});
  for (const el of document.querySelectorAll(selector)) {
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase(), value = el.getAttribute(name);
      if (lower.startsWith('on')) add(el, `${lower} attribute`, value);
      else if (lower === 'srcdoc') add(el, 'srcdoc attribute', value);
      else if (URL_ATTRIBUTES.includes(lower) && dangerous(value)) add(el, `${lower}=${scheme(value)}`, value);
      else if (ANIMATION_ATTRIBUTES.includes(lower) && value.split(';').some(dangerous)) add(el, `SVG animation ${lower}`, value);
    }
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' && /MARKER|__xss|(?<!\d)1\d{5}(?!\d)/.test(el.textContent)) add(el, 'script', el.textContent);
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) {
      const target = (el.getAttribute('content') || '').replace(/^[^;]*;\s*url\s*=\s*/i, '');
      if (dangerous(target)) add(el, 'meta refresh', target);
    }
  }
  return found;
}
""".replace("MARKER", MARKER)

# The theme shows each search result's title and text with innerHTML.
RENDER_SEARCH_RESULTS = """
docs => {
  const results = document.createElement('div');
  results.id = 'kb-xss-search-results';
  document.body.appendChild(results);
  for (const doc of docs) {
    const article = document.createElement('article');
    article.innerHTML += `<h1>${doc.title}</h1>`;
    article.innerHTML += doc.text;
    results.appendChild(article);
  }
}
"""


@dataclass
class Finding:
    page: str
    how: str  # "ran (kbXss)", "survived: onerror attribute", ...
    value: str
    html: str = ""

    @property
    def ran(self) -> bool:
        return self.how.startswith("ran")


class Detector:
    """One browser page with the hooks; `visit` loads a URL and records
    what ran there and what could still run in its DOM."""

    def __init__(self, browser) -> None:
        self.found: list[Finding] = []
        self.label = ""
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        self.context.expose_binding("__kbXssReport", lambda source, how, value: self.found.append(
            Finding(self.label, f"ran ({how})", value, f"in frame {source['frame'].url[:120]}")))
        self.context.add_init_script(HOOKS)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.found.append(Finding(self.label, f"ran ({dialog.type} dialog)", dialog.message))
        dialog.dismiss()

    def visit(self, url: str, label: str) -> None:
        # Measured on raw vectors: every handler that fires has fired when the load event is reported.
        self.label = label
        self.page.goto(url, wait_until="load")
        self.survivors("*")

    def survivors(self, selector: str) -> None:
        for s in self.page.evaluate(SURVIVORS, selector):
            self.found.append(Finding(self.label, f"survived: {s['what']}", s["value"], s["html"]))

    def close(self) -> None:
        self.context.close()


@dataclass
class AttackSite:
    url: str
    dir: Path
    placements: dict[int, Placement]
    build_output: str

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.dir).as_posix() for p in self.dir.rglob("*.html"))


@pytest.fixture(scope="module")
def attack_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    sources = AttackSources(root / "sources")
    write_sources(sources)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_REPO_URL": REPO_URL, "KB_SITE_URL": url}
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--sources", str(sources.root), "--site-dir", str(root / "site"),
         "--report-dir", str(root / "reports"), "--cache-dir", str(root / "cache")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, f"the site did not build:\n{built.stderr[-6000:]}"
    with _serve(root / "site", port) as served:
        yield AttackSite(served, root / "site", sources.placements, built.stdout + built.stderr)


@pytest.fixture(scope="module")
def chromium(browser_type):
    # Hermetic: no host name resolves but 127.0.0.1, and every other request
    # (an IP address too) goes to a proxy that is not there.
    browser = browser_type.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=127.0.0.1:9"])
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def findings(attack_site, chromium) -> list[Finding]:
    """What ran and what survived, on every page of the site and in its search results."""
    detector = Detector(chromium)
    try:
        for page in attack_site.pages():
            detector.visit(attack_site.url + page, page)
        detector.visit(attack_site.url + "404.html", "search results (the search index rendered as the theme does)")
        docs = json.loads((attack_site.dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        detector.page.evaluate(RENDER_SEARCH_RESULTS, docs)
        detector.page.wait_for_timeout(200)  # the images the results hold fail to load
        detector.survivors("#kb-xss-search-results *")
    finally:
        detector.close()
    return detector.found


def report(found: list[Finding], placements: dict[int, Placement]) -> str:
    """One entry per placement: its vector, family, context and file, the
    pages, and what ran or survived (with the surviving HTML)."""
    by_id: dict[int | None, list[Finding]] = defaultdict(list)
    for f in found:
        ids = ID_PATTERN.findall(f.value) or ID_PATTERN.findall(f.html)
        for number in {int(n) for n in ids} or {None}:
            by_id[number].append(f)
    entries = []
    for number, seen in sorted(by_id.items(), key=lambda item: item[0] or 0):
        where = placements[number].describe() if number in placements else f"no known placement: {seen[0].value[:120]!r}"
        pages = sorted({f.page for f in seen})
        entry = (f"- {where}\n    {'; '.join(sorted({f.how for f in seen}))} on {len(pages)} page(s): "
                 + ", ".join(pages[:3]) + (" ..." if len(pages) > 3 else ""))
        survived = next((f.html for f in seen if not f.ran), "")
        entries.append(entry + (f"\n    surviving HTML: {survived}" if survived else ""))
    return f"{len(by_id)} placement(s):\n" + "\n".join(entries)


# --- the tests ------------------------------------------------------------------------------

def test_the_vector_set_and_every_context_it_is_placed_in(attack_site, findings):
    assert len(VECTORS) >= 150, len(VECTORS)
    assert len({template for _, template in VECTORS}) == len(VECTORS), "a vector is listed twice"
    assert all(PLACEHOLDER in template for _, template in VECTORS), "a vector would call the marker with no id"
    held = defaultdict(set)
    for p in attack_site.placements.values():
        held[p.context].add(p.vector)
    shared = {context for contexts in SHARED_CONTEXTS for context in contexts}
    assert set(held) == set(CONTEXTS) | shared, set(held) ^ (set(CONTEXTS) | shared)
    for context, eligible in CONTEXTS.items():
        assert held[context] == set(ELIGIBLE[eligible]), f"{context} does not hold all {eligible}"
    for contexts, eligible in SHARED_CONTEXTS.items():
        assert set().union(*(held[c] for c in contexts)) == set(ELIGIBLE[eligible]), contexts
    # the placements reached the pages: each context that is shown shows some of its vectors
    pages = attack_site.pages()
    assert len(pages) >= len(FILE_NAMES) + 1 + HTML_PAGES + MD_PAGES, "interview pages are missing: see the build output"
    text = "".join((attack_site.dir / page).read_text(encoding="utf-8") for page in pages)
    shown = {int(n) for n in ID_PATTERN.findall(text)}
    unseen = sorted({p.context for p in attack_site.placements.values()} - NOT_SHOWN
                    - {p.context for p in attack_site.placements.values() if p.id in shown})
    assert not unseen, f"no vector of these contexts reached any page (is the fixture still right?): {unseen}"


CANARY_RUNS = [
    "<script>kbXss(XSSID)</script>",
    "<script>alert(XSSID)</script>",
    "<script>confirm(XSSID)</script>",
    "<img src=x onerror=kbXss(XSSID)>",
    "<!--><img src=x onerror=kbXss(XSSID)>-->",
    "<input autofocus onfocus=kbXss(XSSID)>",
    "<details open ontoggle=kbXss(XSSID)><summary>x</summary></details>",
    "<svg><animate onbegin=kbXss(XSSID) attributeName=x dur=1s />",
    '<iframe src="javascript:kbXss(XSSID)"></iframe>',
    '<iframe src="data:text/html,<script>kbXss(XSSID)</script>"></iframe>',
    '<iframe srcdoc="<script>kbXss(XSSID)</script>"></iframe>',
]
CANARY_SURVIVES = [
    '<a href="jav&#x09;ascript:kbXss(XSSID)">x</a>',
    '<a href="vbscript:kbXss(XSSID)">x</a>',
    '<div onmouseover="kbXss(XSSID)">悬停这里</div>',
    "<svg><a><animate attributeName=href values=javascript:kbXss(XSSID) /><text x=20 y=20>点</text></a></svg>",
    '<svg><a xlink:href="javascript:kbXss(XSSID)"><text x=20 y=20>点</text></a></svg>',
    '<meta http-equiv="refresh" content="0;url=javascript:kbXss(XSSID)">',
    '<form><button formaction="javascript:kbXss(XSSID)">x</button></form>',
]


def test_the_detector_sees_raw_vectors_run_and_survive(chromium, tmp_path):
    """The control: vectors put raw into a page (no generator) are caught,
    each on a page of its own, in frames and dialogs too."""
    templates = {template for _, template in VECTORS}
    assert set(CANARY_RUNS + CANARY_SURVIVES) <= templates
    for number, template in enumerate(CANARY_RUNS + CANARY_SURVIVES, FIRST_ID):
        (tmp_path / f"{number}.html").write_text(
            f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>前</p>"
            f"{instantiate(template, number)}<p>后</p></body></html>", encoding="utf-8")
    detector = Detector(chromium)
    port = _free_port()
    with _serve(tmp_path, port) as url:
        for number in range(FIRST_ID, FIRST_ID + len(CANARY_RUNS + CANARY_SURVIVES)):
            detector.visit(f"{url}{number}.html", f"{number}.html")
    detector.close()
    ran = {int(n) for f in detector.found if f.ran for n in ID_PATTERN.findall(f.value)}
    survived = {int(n) for f in detector.found if not f.ran for n in ID_PATTERN.findall(f.value + f.html)}
    assert ran == set(range(FIRST_ID, FIRST_ID + len(CANARY_RUNS))), [f for f in detector.found if f.ran]
    assert survived == set(range(FIRST_ID, FIRST_ID + len(CANARY_RUNS + CANARY_SURVIVES))), detector.found


def test_no_placement_runs_in_chromium(attack_site, findings):
    ran = [f for f in findings if f.ran]
    assert not ran, "script ran: " + report(ran, attack_site.placements)


def test_nothing_that_could_run_survives_in_the_dom(attack_site, findings):
    survived = [f for f in findings if not f.ran]
    assert not survived, "script-capable markup is in the final DOM: " + report(survived, attack_site.placements)
