"""Measure our HTML article-body finder against trafilatura's, on saved pages with truth.

    .venv/bin/python bench/bench_html_body.py [--runs 5] [--show PAGE]

The pages: every `.html` page of the evaluation corpus (tests/eval/pages/,
each with its `.gold.yml`), tests/golden/blog_page.html (its truth is
blog_page.expected.json: the questions and the starts of their answers; its
furniture is what tests/scrape/test_extract.py asserts is gone) and any
tests/fixtures/*.html that has a `.gold.yml` or `.expected.json` beside it
(the others are listed as skipped: their truth is only partial test
assertions).

Each page is scraped two ways and scored with bench/evaluate.py's `scrape`
and `score` against the same gold:

- ours: the SourceDocument as generator.scrape.sources.read_sources reads it
  (format "html": generator.scrape.htmlpage finds the body);
- trafilatura: `trafilatura.extract(html, include_tables=True,
  include_comments=False, ...)` in twelve settings (Markdown output with
  formatting, or plain text; each with favor_recall, the default balance, or
  favor_precision; each without and with "+title", see SETTINGS), the result
  wrapped as a SourceDocument with the same id and path and format
  "markdown" (or "text"), then the same scrape.

The best setting is the one with the highest recall, then answers found,
then the fewest leaks and distractors, then precision (the first listed wins
a tie). Printed: the totals of every setting (question recall, precision, answers
found, distractors taken, furniture leaks, time), the per-page table of ours
against the setting the issue names (Markdown + favor_recall) and against the
best setting, and for every page where the two differ what each one missed,
leaked or added. Times are medians of `--runs` runs after one warm-up run:
"body" is the body finder alone (htmlpage.html_lines, or trafilatura.extract),
"total" is raw HTML to questions (extract + clean + segment).

Nothing here is asserted and the generator is not changed: this only
measures. Without trafilatura installed it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

import yaml  # noqa: E402

from generator.scrape import sources  # noqa: E402
from evaluate import (  # noqa: E402
    DEFAULT_CORPUS, GOLD_SUFFIX, DocumentScore, Gold, Totals, corpus_files, score, scrape,
)
from generator.scrape.htmlpage import html_lines  # noqa: E402
from generator.model import SourceDocument  # noqa: E402

GOLDEN_DIR = PROJECT_DIR / "tests" / "golden"
FIXTURES_DIR = PROJECT_DIR / "tests" / "fixtures"
EXPECTED_SUFFIX = ".expected.json"
# Furniture that tests assert is gone from a page whose truth file (an
# .expected.json snapshot) has no furniture list of its own.
TEST_FURNITURE = {
    # tests/scrape/test_extract.py::test_html_title_prefers_h1_and_fence_keeps_language
    "golden/blog_page.html": ("训练营", "热门文章", "字节大模型面经"),
}
COMMON = {"include_tables": True, "include_comments": False}
BASE_SETTINGS = {
    "md+recall": {"output_format": "markdown", "include_formatting": True, "favor_recall": True},
    "md": {"output_format": "markdown", "include_formatting": True},
    "md+precision": {"output_format": "markdown", "include_formatting": True, "favor_precision": True},
    "txt+recall": {"output_format": "txt", "include_formatting": False, "favor_recall": True},
    "txt": {"output_format": "txt", "include_formatting": False},
    "txt+precision": {"output_format": "txt", "include_formatting": False, "favor_precision": True},
}
# "+title": with_metadata=True, and the title trafilatura finds (its front
# matter, taken off the text) becomes the document's meta title, as our
# htmlpage hands extract the page's <h1>/<title>: a body alone has no title,
# and a page whose title is its one question needs it.
SETTINGS = {**BASE_SETTINGS, **{f"{k}+title": {**v, "with_metadata": True} for k, v in BASE_SETTINGS.items()}}
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n?", re.S)
ISSUE_SETTING = "md+recall"  # the call the issue names
OURS = "ours"


@dataclass
class Case:
    name: str  # where it lives, for the tables
    document: SourceDocument
    gold: Gold


@dataclass
class Run:
    """One method on one page."""

    score: DocumentScore
    body_ms: float
    total_ms: float
    lines: list[str] = field(default_factory=list)  # what the body finder gave, for --show


def gold_of(page: Path) -> Gold | None:
    """A page's truth: `<stem>.gold.yml`, else a golden `<stem>.expected.json`."""
    stem = page.with_suffix("")
    gold_yml = stem.with_name(stem.name + GOLD_SUFFIX)
    if gold_yml.is_file():
        return Gold.from_yaml(yaml.safe_load(gold_yml.read_text(encoding="utf-8")) or {})
    expected = stem.with_name(stem.name + EXPECTED_SUFFIX)
    if expected.is_file():
        items = json.loads(expected.read_text(encoding="utf-8"))
        furniture = TEST_FURNITURE.get(f"{page.parent.name}/{page.name}", ())
        return Gold(tuple(i["text"] for i in items),
                    tuple((i["answer"][0]["start"] if i.get("answer") else "") for i in items),
                    (), tuple(furniture))
    return None


def html_documents(folder: Path) -> dict[str, SourceDocument]:
    documents, _ = sources.read_sources(folder)
    return {d.path: d for d in documents if d.format == "html"}


def cases() -> tuple[list[Case], list[str]]:
    """The pages with truth, and the names of the HTML pages skipped for having none."""
    found, skipped = [], []
    corpus = html_documents(DEFAULT_CORPUS)
    for page, _ in corpus_files(DEFAULT_CORPUS):
        relative = page.relative_to(DEFAULT_CORPUS).as_posix()
        if relative in corpus:
            found.append(Case(relative, corpus[relative], gold_of(page)))
    for folder in (GOLDEN_DIR, FIXTURES_DIR):
        documents = html_documents(folder)
        for relative, document in documents.items():
            name = f"{folder.name}/{relative}"
            gold = gold_of(folder / relative)
            if gold is None:
                skipped.append(name)
            else:
                found.append(Case(name, document, gold))
    return found, skipped


def median_ms(action, runs: int) -> float:
    action()  # warm-up: lazy imports, cached rules
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run_ours(case: Case, runs: int) -> Run:
    doc = case.document
    result = score(case.name, "", scrape(doc), case.gold)
    return Run(result, median_ms(lambda: html_lines(doc.text), runs), median_ms(lambda: scrape(doc), runs),
               html_lines(doc.text)[0])


def run_trafilatura(case: Case, setting: dict, runs: int) -> Run:
    import trafilatura

    doc = case.document
    options = {**COMMON, **setting}
    fmt = "markdown" if options["output_format"] == "markdown" else "text"

    def body() -> str:
        return trafilatura.extract(doc.text, **options) or ""

    def wrapped() -> SourceDocument:
        text = body()
        if not options.get("with_metadata"):
            return replace(doc, format=fmt, text=text)
        title, text = split_front_matter(text)
        return replace(doc, format=fmt, text=text, meta=replace(doc.meta, title=doc.meta.title or title))

    result = score(case.name, "", scrape(wrapped()), case.gold)
    return Run(result, median_ms(body, runs), median_ms(lambda: scrape(wrapped()), runs), body().split("\n"))


def split_front_matter(text: str) -> tuple[str, str]:
    """(the title of trafilatura's metadata front matter, the text without it)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text
    try:
        fields = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        fields = {}
    title = fields.get("title") if isinstance(fields, dict) else ""
    return str(title or ""), text[match.end():]


def key(totals: Totals) -> tuple:
    """Better first: recall, answers found, fewer leaks, fewer distractors, precision."""
    return (totals.recall, totals.answer_recall, -totals.leaks, -totals.distractor_rate, totals.precision)


def columns(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary(results: dict[str, list[Run]]) -> str:
    rows = [("method", "recall", "precision", "answers", "distractors", "leaks", "body ms", "total ms")]
    for method, runs in results.items():
        t = Totals(method, tuple(r.score for r in runs))
        taken = sum(len(r.score.taken) for r in runs)
        offered = sum(r.score.distractors for r in runs)
        rows.append((method, f"{t.recall:.3f}", f"{t.precision:.3f}", f"{t.answer_recall:.3f}",
                     f"{taken}/{offered}", str(t.leaks), f"{sum(r.body_ms for r in runs):.1f}",
                     f"{sum(r.total_ms for r in runs):.1f}"))
    return columns(rows)


def per_page(names: list[str], ours: list[Run], theirs: list[Run], label: str) -> str:
    rows = [("page", "questions", "", "precision", "", "answers", "", "leaks", "", "total ms", ""),
            ("", OURS, label, OURS, label, OURS, label, OURS, label, OURS, label)]
    for name, a, b in zip(names, ours, theirs):
        sa, sb = a.score, b.score
        rows.append((name, f"{sa.found}/{sa.expected}", f"{sb.found}/{sb.expected}",
                     f"{sa.precision:.3f}", f"{sb.precision:.3f}",
                     f"{sa.answers_found}/{sa.answers_expected}", f"{sb.answers_found}/{sb.answers_expected}",
                     f"{len(sa.leaked)}/{sa.must_drop}", f"{len(sb.leaked)}/{sb.must_drop}",
                     f"{a.total_ms:.1f}", f"{b.total_ms:.1f}"))
    table = columns(rows).split("\n")
    # columns() put its rule under the first header row; move it under the second.
    return "\n".join([table[0], table[2], table[1]] + table[3:])


def measures(s: DocumentScore) -> tuple:
    return (s.found, s.matched, s.extracted, s.answers_found, s.taken, s.leaked)


def differences(names: list[str], ours: list[Run], theirs: list[Run], label: str) -> list[str]:
    out = []
    for name, a, b in zip(names, ours, theirs):
        if measures(a.score) == measures(b.score):
            continue
        out.append(f"{name}:")
        for who, s in ((OURS, a.score), (label, b.score)):
            out += [f"  {who}: missing {q!r}" for q in s.missing]
            out += [f"  {who}: no answer for {q!r}" for q in s.wrong_answers]
            out += [f"  {who}: unexpected {q!r}" for q in s.unmatched]
            out += [f"  {who}: distractor taken {q!r}" for q in s.taken]
            out += [f"  {who}: leaked {q!r}" for q in s.leaked]
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure (median)")
    parser.add_argument("--show", metavar="PAGE", help="print the body lines of pages whose name contains PAGE")
    args = parser.parse_args(argv)
    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed: nothing to compare. Install it with "
              "`.venv/bin/pip install trafilatura==2.3.1` and run this again.")
        return 0
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    found, skipped = cases()
    names = [c.name for c in found]
    print(f"trafilatura {trafilatura.__version__}; {len(found)} HTML pages with truth; "
          f"medians of {args.runs} runs")
    for name in skipped:
        print(f"skipped (no .gold.yml or .expected.json beside it): {name}")
    print()

    results: dict[str, list[Run]] = {OURS: [run_ours(c, args.runs) for c in found]}
    for label, setting in SETTINGS.items():
        results[label] = [run_trafilatura(c, setting, args.runs) for c in found]

    print("## Totals\n")
    print(summary(results))
    totals = {label: Totals(label, tuple(r.score for r in runs)) for label, runs in results.items() if label != OURS}
    best = max(SETTINGS, key=lambda label: key(totals[label]))
    print(f"\nbest trafilatura setting: {best} {({**COMMON, **SETTINGS[best]})}")

    for label in dict.fromkeys([ISSUE_SETTING, best]):
        print(f"\n## Per page: ours against trafilatura {label}\n")
        print(per_page(names, results[OURS], results[label], label))
        lines = differences(names, results[OURS], results[label], label)
        print("\n" + ("\n".join(lines) if lines else "no page differs"))

    if args.show:
        for i, name in enumerate(names):
            if args.show in name:
                for label in dict.fromkeys([OURS, ISSUE_SETTING, best]):
                    print(f"\n## {name}: {label} body\n")
                    print("\n".join(results[label][i].lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
