"""Contributions end to end: `python -m generator build` on the project's
scraped pages plus the contributions in tests/fixtures/contrib/build/, into
temporary folders, built once for the module.

The fixtures: one contribution that merges with a scraped question (with
math, a table, an admonition and code), one that matches nothing, one that
attaches the two-sum cell, one hostile (every documented kind of raw HTML
and unsafe link), and one that hides raw HTML where the sanitiser takes it
for code or math."""

from __future__ import annotations

import re

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from htmlcheck import dangers
from sitebuild import PROJECT, TESTS, make_sources

FIXTURES = TESTS / "fixtures" / "contrib" / "build"
REPO = "https://github.com/ceshi/mianjing-kb"  # KB_REPO_URL for this build

MERGED = "contrib/self-attention/attention-compute"
NEW = "contrib/agent/agent-memory"
SNIPPET = "contrib/leetcode/hash-index"
HOSTILE = "contrib/nlp-basics/hostile"
SMUGGLED = "contrib/hallucination/smuggled"


def _docs_files() -> set[str]:
    return {p.relative_to(PROJECT / "docs").as_posix() for p in (PROJECT / "docs").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("contrib-build")
    sources = make_sources(root, FIXTURES)
    before = _docs_files()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_REPO_URL": REPO}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--sources", str(sources),
         "--site-dir", str(root / "site"), "--report-dir", str(root / "reports")],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return {"site": root / "site", "result": result, "docs_before": before, "docs_after": _docs_files()}


@pytest.fixture(scope="module")
def kb(built) -> dict:
    return json.loads((built["site"] / "kb.json").read_text(encoding="utf-8"))


def entry_of(kb: dict, source: str) -> dict:
    """The one entry that a contribution's question went into."""
    found = [q for q in kb["questions"] if any(a["source"] == source for a in q["asked"])]
    assert len(found) == 1, [q["title"] for q in found]
    return found[0]


def page_of(built, url: str) -> BeautifulSoup:
    path = url.split("#")[0]
    return BeautifulSoup((built["site"] / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def section(built, entry: dict) -> str:
    """The HTML of one entry on its page: from its heading to the next entry's."""
    soup = page_of(built, entry["url"])
    heading = soup.find(id=entry["id"])
    assert heading is not None and heading.name == "h2"
    parts = [str(heading)]
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(str(sibling))
    return "\n".join(parts)


def edit_button(soup: BeautifulSoup) -> str:
    buttons = [a for a in soup.select("a.md-content__button") if "edit" in (a.get("rel") or [])]
    assert len(buttons) == 1
    return buttons[0]["href"]


# --- merging ------------------------------------------------------------------------------------

def test_the_build_reads_every_contribution(built, kb):
    contributed = {s["id"] for s in kb["sources"] if s["kind"] == "contributed"}
    assert contributed == {MERGED, NEW, SNIPPET, HOSTILE, SMUGGLED}
    assert "contrib/nlp-basics/hostile.md" in built["result"].stderr  # its problems are listed


def test_a_contribution_merges_into_the_scraped_entry_it_repeats(kb):
    entry = entry_of(kb, MERGED)
    scraped = {a["source"]: a["text"] for a in entry["asked"] if a["source"].startswith("scraped/")}
    assert scraped.get("scraped/003_951ac93db0bee5a7") == "self-attention原理"
    assert entry["title"] == "自注意力具体是怎么算出来的?"  # the contributor's wording
    first, *others = entry["answers"]
    assert first["source"] == MERGED and first["curated"] is True
    assert "\\mathrm{Attention}(Q, K, V)" in first["markdown"]
    kinds = {s["id"]: s["kind"] for s in kb["sources"]}
    assert others and all(a["curated"] is False and kinds[a["source"]] == "scraped" for a in others)
    assert "scraped/003_951ac93db0bee5a7" in {a["source"] for a in others}
    assert any("Query" in a["markdown"] for a in others)  # the scraped text itself is kept


def test_the_curated_answer_comes_first_on_the_topic_page(built, kb):
    entry = entry_of(kb, MERGED)
    html = section(built, entry)
    soup = BeautifulSoup(html, "html.parser")
    answers = soup.find("div", class_="kb-answers")
    curated = answers.find("div", class_="admonition")
    assert "success" in curated["class"] and curated.find(class_="admonition-title").get_text() == "精选回答"
    assert "先用三个可学习的矩阵" in curated.get_text()
    scraped_text = "捕捉序列中元素之间的依赖关系"  # from scraped/003's answer
    assert scraped_text in answers.get_text() and scraped_text not in curated.get_text()
    assert html.index("精选回答") < html.index("其他回答") < html.index(scraped_text)
    # the scraped answers still say where they come from
    source = re.compile(r"^\.\./\.\./interviews/scraped/003_951ac93db0bee5a7/#n\d+$")  # the question on its page
    assert answers.find("a", href=source) is not None


def test_a_contribution_that_matches_nothing_is_a_new_entry_on_its_topic(built, kb):
    entry = entry_of(kb, NEW)
    assert {a["source"] for a in entry["asked"]} == {NEW}
    assert entry["title"] == "给智能体设计长期记忆时要考虑哪几件事?"
    assert entry["topics"][0] == "agent" and entry["url"].startswith("topics/agent/#")
    assert [a["curated"] for a in entry["answers"]] == [True]
    html = section(built, entry)
    assert "精选回答" in html and "按向量相似度召回" in html and "暂无回答" not in html


def test_declared_topics_come_first(kb):
    assert entry_of(kb, MERGED)["topics"][:2] == ["transformer", "self-attention"]
    assert entry_of(kb, MERGED)["url"].startswith("topics/transformer/#")
    assert entry_of(kb, SMUGGLED)["topics"][0] == "hallucination"
    assert entry_of(kb, HOSTILE)["topics"][0] == "nlp-basics"


def test_a_snippet_field_attaches_the_cell(built, kb):
    entry = entry_of(kb, SNIPPET)
    assert entry["snippet"] == "two-sum"
    assert 'data-snippet="two-sum"' in section(built, entry)


def test_math_renders_as_arithmatex(built, kb):
    soup = BeautifulSoup(section(built, entry_of(kb, MERGED)), "html.parser")
    inline = [s.get_text() for s in soup.select("span.arithmatex")]
    block = [d.get_text() for d in soup.select("div.arithmatex")]
    assert "\\(Q = XW_Q\\)" in inline and "\\(\\sqrt{d_k}\\)" in inline
    assert len(block) == 1 and "\\frac{QK^\\top}{\\sqrt{d_k}}" in block[0]
    assert soup.find("table") is not None and soup.select(".admonition.tip")
    assert soup.select(".highlight code")


# --- hostile contributions ---------------------------------------------------------------------

def test_a_hostile_contribution_leaves_no_script_and_is_still_readable(built, kb):
    html = section(built, entry_of(kb, HOSTILE))
    assert dangers(html) == []
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["img", "iframe"]) and not soup.select("div[style]")
    text = soup.get_text()
    for words in ("字节级 BPE 会退回到单个字节", "整页遮挡", "点这里", "代价是序列会变长", "<iframe"):
        assert words in text
    links = [a["href"] for a in soup.select(".admonition.success a")]
    assert links.count("#") >= 2  # the two javascript: links, pointed at nothing


def test_no_page_runs_a_contributions_script(built):
    for page in sorted(built["site"].rglob("*.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is not None:
            assert dangers(str(article)) == [], page


def test_the_search_index_has_the_text_but_no_markup_that_runs(built):
    """The index holds text, not HTML; the search worker escapes it before the
    theme puts it into the page (run here in Node, as the browser runs it)."""
    import shutil

    from generator.site import search

    assert search.find(built["site"], "整页遮挡"), "the hostile contribution's text is not searchable"
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "node"))
    from test_search_worker import run_worker

    got = run_worker(built["site"], queries=["整页遮挡", "script", "onerror"])
    shown = [text for groups in got["results"] for group in groups for item in group for text in item[1:3]]
    assert shown and all(dangers(text) == [] for text in shown), [t for t in shown if dangers(t)]


def test_raw_html_hidden_as_code_or_math_does_not_reach_the_page(built, kb):
    html = section(built, entry_of(kb, SMUGGLED))
    assert dangers(html) == [], dangers(html)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select(".admonition.success img"), "a raw <img> reached the page"
    assert not soup.select(".admonition.success [style]"), "a raw style attribute reached the page"


# --- edit links -----------------------------------------------------------------------------------

def test_a_topic_page_links_to_a_new_contribution_in_its_folder(built):
    href = edit_button(page_of(built, "topics/agent/"))
    url = urlsplit(href)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO}/new/main/sources/contrib/agent"
    query = parse_qs(url.query)
    assert query["filename"][0].endswith(".md")
    template = query["value"][0]
    front = yaml.safe_load(template.split("---\n")[1])
    assert front["topics"] == ["agent"] and "question" in front


def test_an_interview_page_links_to_its_source_file(built):
    href = edit_button(page_of(built, "interviews/scraped/003_951ac93db0bee5a7/"))
    assert href == f"{REPO}/edit/main/sources/scraped/003_951ac93db0bee5a7.txt"


def test_a_curated_answer_links_to_its_contribution_file(built, kb):
    soup = BeautifulSoup(section(built, entry_of(kb, MERGED)), "html.parser")
    curated = soup.select_one(".admonition.success")
    edit = [a["href"] for a in curated.find_all("a") if a.get_text() == "编辑这份回答"]
    assert edit == [f"{REPO}/edit/main/sources/contrib/self-attention/attention-compute.md"]


def test_no_edit_link_leads_to_a_generated_file(built):
    for page in sorted(built["site"].rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for generated in ("/docs/topics/", "/docs/interviews/", "/docs/index.md", "/docs/maintainers/"):
            assert generated not in text, (page, generated)


def test_nothing_generated_is_written_into_docs(built):
    added = built["docs_after"] - built["docs_before"]
    assert not {p for p in added if p.startswith(("topics/", "interviews/", "maintainers/", "contrib/"))
                or p in ("index.md", "map.md", "kb.json")}
    for folder in ("topics", "interviews", "maintainers", "contrib"):
        assert not (PROJECT / "docs" / folder).exists()


def test_the_merge_report_credits_an_alias_to_its_contribution_not_to_overrides(built):
    report = (built["site"].parent / "reports" / "merge-report.md").read_text(encoding="utf-8")
    steps = [line for line in report.splitlines() if "自注意力具体是怎么算出来的? ⇔ self\\-attention原理" in line]
    assert len(steps) == 1 and steps[0].endswith("1.00, alias — 贡献者别名 / an alias in a contribution"), steps
    assert "forced in overrides.yml" not in report  # the project's overrides.yml forces nothing
    assert "- alias \\['自注意力具体是怎么算出来的?'" in report
