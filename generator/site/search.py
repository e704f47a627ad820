"""The site's search index: every entry once, split into small files so that a
reader's browser fetches only what a query needs.

mkdocs-material's search UI stays; its worker is swapped for ours
(docs/assets/kb-search.js, kb-search-worker.js), which speaks the theme's
worker messages. The theme's own index (search/search_index.json) would hold
every page's whole text, and the theme's worker builds a lunr index from all
of it before the first result: 145 MB at 10,000 interviews. Ours is

    search/search_index.json   the theme's config, plus `kb`: how many
                               documents and shards, and the words too common
                               to index; no documents (the theme fetches it
                               on every page)
    search/kb/docs-N.json      documents N*DOCS_PER_FILE...: [location, title,
                               snippet, parent], parent the number of the page
                               document an entry sits on (-1 for a page)
    search/kb/terms-N.json     shard N of the inverted index: token ->
                               [doc, weight, doc - previous doc, weight, ...]

Tokens (`tokens`, mirrored by the worker, so both must change together): text
NFKC-normalised and lower-cased; each run of latin letters and digits is a
token; each run of Han characters gives its overlapping pairs (a run of one
gives itself). Pairs find the short word inside a compound (注意力 in
多查询注意力) and a title typed without spaces (LoRA原理) with no dictionary
in the browser. A token's shard is FNV-1a of its key mod the shard count; the
key of a latin token is its first two letters, so that a word being typed
("lor") is looked up as a prefix in one shard.

An entry is found by its title, its wordings, the other names of the
glossary terms and synonyms it uses (SFT finds 监督微调, 评测 finds 评价:
generator/data/glossary.yml and synonyms.yml, the files dedupe reads), and
the beginning of its answers.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.model import BlockKind, KnowledgeBase, QuestionKind
from generator.site.urls import code_path, page_url, source_path, topic_path
from generator.text import normalize

INDEX = "search/search_index.json"
# The theme's own search (its worker, and lunr's language files it loads),
# which ours replaces, and the source maps of the theme's scripts: files no
# reader's browser asks for. Not copied into the site.
THEME_FILES_UNUSED = re.compile(r"^assets/javascripts/(lunr/|workers/search\.)|^assets/javascripts/.*\.map$")
FOLDER = "search/kb"
DOCS_PER_FILE = 1000
SHARD_BYTES = 48_000  # aim for shards of about this size before compression
SNIPPET_CHARS = 120
ANSWER_CHARS = 400  # how much of an entry's answers is indexed
COMMON = 0.3  # a token in more than this share of documents is not indexed
COMMON_MIN_DOCS = 50  # ... when there are at least this many documents

# How much a token counts, by where it is in a document.
TITLE, WORDING, NAMES, TEXT = 10, 6, 4, 1

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[a-z0-9]+|[{_HAN}]+")
_TAG = re.compile(r"<[^>]*>")
_MATH = re.compile(r"\\[()\[\]]|\$+")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "theta": "θ", "lambda": "λ",
    "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "sqrt": "√", "times": "×",
    "cdot": "·", "sum": "Σ", "infty": "∞", "le": "≤", "ge": "≥", "approx": "≈", "top": "ᵀ",
}


def tokens(text: str) -> list[str]:
    """The search tokens of a text, in order (repeats kept)."""
    out: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        if run[0].isascii() or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def shard_key(token: str) -> str:
    return token[:2] if token[0].isascii() else token


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what the worker's charCodeAt sees)."""
    h = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | data[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def plain_text(markup: str) -> str:
    """Text for a result's snippet: tags gone, formulas as plain letters
    (`\\(\\alpha/r\\)` -> `α/r`), spaces squeezed."""
    text = html.unescape(_TAG.sub(" ", markup)).replace("\u200b", "")
    text = _COMMAND.sub(lambda m: _GREEK.get(m.group(1), m.group(1)), _MATH.sub("", text))
    text = re.sub(r"[{}]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = plain_text(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class SearchDoc:
    location: str
    title: str
    snippet: str
    parent: int = -1  # the page document an entry sits on
    weights: dict[str, int] = field(default_factory=dict)  # token -> weight

    def add(self, text: str, weight: int) -> None:
        for token in set(tokens(text)):
            self.weights[token] = self.weights.get(token, 0) + weight


@lru_cache(maxsize=1)
def _other_names() -> dict[tuple[str, str], tuple[str, ...]]:
    """(kind, canonical) -> every alias of a glossary term or synonym group."""
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for alias, meaning in normalize.lexicon().words.items():
        if meaning[0] in (normalize.ENTITY, normalize.WORD):
            names[meaning].append(alias)
    return {k: tuple(sorted(v)) for k, v in names.items()}


def names_in(texts: list[str]) -> str:
    """The other names of the glossary terms and synonyms used in `texts`."""
    found: set[str] = set()
    for text in texts:
        for term in normalize.terms(text):
            found.update(_other_names().get((term.kind, term.canonical), ()))
    return " ".join(sorted(found))


def page_docs(kb: KnowledgeBase, site) -> list[SearchDoc]:
    """The generated pages that are not entries: topics and interviews (their
    sections are entries, indexed once as such)."""
    docs = []
    for topic in kb.topics:
        doc = SearchDoc(page_url(topic_path(topic.slug)), topic.title,
                        snippet(" · ".join(x for x in (topic.title_en, topic.description) if x)))
        doc.add(f"{topic.title} {topic.title_en}", TITLE)
        doc.add(topic.description, TEXT)
        docs.append(doc)
    for document in kb.documents:
        m = document.meta
        about = " · ".join(x for x in (m.company, m.role, m.date, m.site) if x)
        doc = SearchDoc(page_url(source_path(document.id)), site.source_title(document.id), about or "面经原文")
        doc.add(doc.title, TITLE)
        doc.add(about, WORDING)
        docs.append(doc)
    return docs


_MARKDOWN = re.compile(r"```.*?(?:```|$)|`|\*\*|__|^#+\s*|^\s*[-*+]\s+|!?\[([^\]]*)\]\([^)]*\)", re.S | re.M)


def problem_names(entry) -> str:
    """The catalogue's names of the coding problem an entry asks: number,
    Chinese and English titles, slug and other names (so "two sum" finds 两数之和)."""
    from generator.merge.dedupe import find_problem

    for q in entry.questions:
        found = find_problem(q.text, q.kind)
        if found and found[1] is not None:
            return catalogue_names(found[1])
    return ""


def catalogue_names(p) -> str:
    """Every name the catalogue gives a LeetCode problem (dedupe.LeetCodeProblem)."""
    return " ".join([f"lc{p.number} leetcode {p.number}", p.title, p.title_en, p.slug, *p.aliases])


def answer_text(blocks) -> str:
    """An answer's words: code left out, a contribution's Markdown marks gone."""
    parts = []
    for block in blocks:
        if block.kind == BlockKind.CODE:
            continue
        text = block.text
        if block.kind == BlockKind.MARKDOWN:
            text = _MARKDOWN.sub(lambda m: m.group(1) or " ", text)
        parts.append(text)
    return " ".join(parts)


def entry_docs(kb: KnowledgeBase, site, page_doc: dict[str, int]) -> list[SearchDoc]:
    """One document per entry, on the page that shows it in full."""
    docs = []
    for entry in kb.entries:
        url = site.entry_url(entry.id)
        wordings = sorted({q.text for q in entry.questions if q.kind != QuestionKind.FOLLOWUP})
        answers = " ".join(answer_text(q.answer) for q in entry.questions
                           if q.answer and q.kind != QuestionKind.FOLLOWUP)
        doc = SearchDoc(url, entry.title, snippet(answers) if answers.strip() else "暂无回答",
                        page_doc.get(url.split("#")[0], -1))
        doc.add(entry.title, TITLE)
        doc.add(" ".join(wordings), WORDING)  # a token counts once, however many wordings have it
        doc.add(names_in([entry.title, *wordings]), NAMES)
        doc.add(problem_names(entry), NAMES)
        doc.add(plain_text(answers)[:ANSWER_CHARS], TEXT)
        docs.append(doc)
    return docs


def code_docs(code) -> list[SearchDoc]:
    """One document per runnable problem's page (render.CodeProblem)."""
    from generator.merge.dedupe import find_problem

    docs = []
    for problem in code:
        about = " · ".join(x for x in (problem.difficulty, problem.topic, "编程题") if x)
        doc = SearchDoc(page_url(code_path(problem.name)), problem.title, about)
        doc.add(problem.title, TITLE)
        doc.add(" ".join(problem.names), NAMES)
        found = find_problem(f"LeetCode {problem.leetcode}") if problem.leetcode else None
        if found and found[1] is not None:
            doc.add(catalogue_names(found[1]), NAMES)
        doc.add(about, WORDING)
        docs.append(doc)
    return docs


def hand_written_docs(theme_docs: list[dict], generated: set[str]) -> list[SearchDoc]:
    """The theme's documents of the hand-written pages (about, contributing)
    and their sections; generated pages exclude themselves from the theme's
    index (`search: exclude` in their templates)."""
    docs = []
    for d in theme_docs:
        location = d.get("location", "")
        if location.partition("#")[0] in generated:
            continue
        title = plain_text(d.get("title", ""))
        doc = SearchDoc(location, title, snippet(d.get("text", "")))
        doc.add(title, TITLE)
        doc.add(plain_text(d.get("text", "")), TEXT)
        docs.append(doc)
    return docs


def write_index(site_dir: Path, kb: KnowledgeBase, site, code=()) -> dict:
    """Replace the theme's search index with ours (see the module doc); returns
    the manifest written into search_index.json. `site`: render.SiteMap.of(kb);
    `code`: the runnable problems (render.CodeProblem), each on its page."""
    site_dir = Path(site_dir)
    index_file = site_dir / INDEX
    theme = json.loads(index_file.read_text(encoding="utf-8"))
    generated = page_docs(kb, site) + code_docs(code)
    pages = generated + hand_written_docs(theme.get("docs", []), {d.location for d in generated})
    page_doc = {d.location: i for i, d in enumerate(pages) if "#" not in d.location}
    for doc in pages:
        if "#" in doc.location:
            doc.parent = page_doc.get(doc.location.split("#")[0], -1)
    docs = pages + entry_docs(kb, site, page_doc)
    manifest = _write_files(site_dir / FOLDER, docs)
    config = dict(theme.get("config", {}))
    config["kb"] = manifest
    index_file.write_text(_dump({"config": config, "docs": []}), encoding="utf-8")
    return manifest


_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _write_files(folder: Path, docs: list[SearchDoc]) -> dict:
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, doc in enumerate(docs):
        for token, weight in sorted(doc.weights.items()):
            postings[token].append((number, weight))
    common = sorted(t for t, p in postings.items()
                    if len(docs) >= COMMON_MIN_DOCS and len(p) > COMMON * len(docs))
    for t in common:
        del postings[t]

    size = sum(len(t) + 8 * len(p) for t, p in postings.items())
    shards = 1 << max(0, math.ceil(math.log2(max(1.0, size / SHARD_BYTES))))
    by_shard: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token in sorted(postings):
        flat, previous = [], 0
        for number, weight in postings[token]:
            flat += [number - previous, weight]
            previous = number
        by_shard[fnv1a(shard_key(token)) % shards][token] = flat

    if folder.exists():
        for old in folder.glob("*.json"):
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for n, shard in enumerate(by_shard):
        (folder / f"terms-{n}.json").write_text(_dump(shard), encoding="utf-8")
    for n in range(0, max(1, len(docs)), DOCS_PER_FILE):
        chunk = [[d.location, d.title, d.snippet, d.parent] for d in docs[n:n + DOCS_PER_FILE]]
        (folder / f"docs-{n // DOCS_PER_FILE}.json").write_text(_dump(chunk), encoding="utf-8")
    return {"docs": len(docs), "shards": shards, "docs_per_file": DOCS_PER_FILE, "common": common}


def read_index(site_dir: Path) -> tuple[dict, list[list], dict[str, dict[int, int]]]:
    """What `write_index` wrote: the manifest, the documents, and token ->
    {document number: weight} (for tests, benchmarks and maintainers)."""
    folder = Path(site_dir) / FOLDER
    manifest = json.loads((Path(site_dir) / INDEX).read_text(encoding="utf-8"))["config"]["kb"]
    docs: list[list] = []
    for n in range(math.ceil(manifest["docs"] / manifest["docs_per_file"])):
        docs += json.loads((folder / f"docs-{n}.json").read_text(encoding="utf-8"))
    postings: dict[str, dict[int, int]] = {}
    for n in range(manifest["shards"]):
        for token, flat in json.loads((folder / f"terms-{n}.json").read_text(encoding="utf-8")).items():
            number, found = 0, {}
            for i in range(0, len(flat), 2):
                number += flat[i]
                found[number] = flat[i + 1]
            postings[token] = found
    return manifest, docs, postings


def find(site_dir: Path, text: str) -> list[str]:
    """Locations of the documents that have every token of `text` (no ranking)."""
    manifest, docs, postings = read_index(site_dir)
    wanted = [t for t in tokens(text) if t not in manifest["common"]]
    numbers = set.intersection(*(set(postings.get(t, {})) for t in wanted)) if wanted else set()
    return [docs[n][0] for n in sorted(numbers)]
