"""End to end: the CLI on the real documents, and on small folders of our own."""

import html as html_module
import json
import re
import subprocess

import pytest
import yaml

from sitebuild import PROJECT, run_build
from evaluate import normalise
from linkcheck import broken_links

SUMMARY = re.compile(
    r"^(\d+) documents read, (\d+) questions extracted, (\d+) question entries after merging, (\d+) topics, (\d+) pages"
)


def site_text(site):
    """Every HTML page and the search index, as one string per file."""
    files = sorted(site.rglob("*.html")) + [site / "search" / "search_index.json"]
    return {f.relative_to(site).as_posix(): f.read_text(encoding="utf-8") for f in files}


def test_summary_line_counts_every_stage(built_site):
    last = (built_site.parent / "stdout.txt").read_text(encoding="utf-8").strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, last
    documents, questions, entries, topics, pages = map(int, match.groups())
    contributions = len(list((PROJECT / "sources" / "contrib").rglob("*.md")))
    assert documents == 5 + contributions
    assert questions >= 100
    assert 0 < entries < questions  # duplicates were merged
    assert topics >= 5
    assert pages >= documents + topics


def test_kb_json_describes_every_question_and_where_it_lives(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    scraped = [s for s in kb["sources"] if s["kind"] == "scraped"]
    contributed = [s for s in kb["sources"] if s["kind"] == "contributed"]
    assert len(scraped) == 5 and all(s["path"].startswith("scraped/") for s in scraped)
    assert contributed and all(s["path"].startswith("contrib/") and s["path"].endswith(".md") for s in contributed)
    source_ids = {s["id"] for s in kb["sources"]}
    topic_slugs = {t["slug"] for t in kb["topics"]}
    ids = [q["id"] for q in kb["questions"]]
    assert len(ids) == len(set(ids))
    for question in kb["questions"]:
        assert question["topics"] and set(question["topics"]) <= topic_slugs
        assert {a["source"] for a in question["asked"]} <= source_ids
        assert {a["source"] for a in question["answers"]} <= source_ids
        assert set(question["related"]) <= set(ids) and question["id"] not in question["related"]
        page, anchor = question["url"].split("#")
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html


def test_the_same_question_from_different_documents_is_one_entry(built_site):
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    merged = [q for q in kb["questions"] if len({a["source"] for a in q["asked"]}) > 1]
    assert merged, "no question merged across documents"
    lora = [q for q in kb["questions"] if any("LoRA 实现原理" in a["text"] for a in q["asked"])]
    assert len(lora) == 1 and any(a["text"].startswith("LoRA原理") for a in lora[0]["asked"])


def test_every_internal_link_and_anchor_resolves(built_site):
    assert broken_links(built_site) == []


def page_text(html: str) -> str:
    """What a reader sees of a page: tags stripped, entities decoded."""
    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def test_the_site_keeps_every_question_and_no_furniture(built_site):
    evaldata = yaml.safe_load((PROJECT / "tests" / "evaldata.yml").read_text(encoding="utf-8"))["documents"]
    metadata = yaml.safe_load((PROJECT / "sources" / "metadata.yml").read_text(encoding="utf-8"))
    pages = site_text(built_site)
    everything = normalise("\n".join(page_text(text) for text in pages.values()))
    for name, expected in evaldata.items():
        stem = name.rsplit(".", 1)[0]
        interview = normalise(page_text(pages[f"interviews/scraped/{stem}/index.html"]))
        for question in expected["questions"]:
            assert normalise(question) in interview, (name, question)
        # The metadata may name the site a page came from; that is not furniture.
        meta = normalise(" ".join(str(v) for v in metadata.get(f"scraped/{name}", {}).values()))
        for furniture in expected["must_drop"]:
            if normalise(furniture) in meta:
                continue
            assert normalise(furniture) not in everything, (name, furniture)


def test_code_from_the_documents_is_highlighted_python(built_site):
    html = "\n".join(site_text(built_site).values())
    # Pygments marks function names with class "nf" only when it lexes the block as Python
    assert '<span class="nf">twoSum</span>' in html
    assert '<span class="nf">removeNthFromEnd</span>' in html


def test_kb_only_writes_kb_json_and_no_site(tmp_path):
    result = run_build("--kb-only", "--site-dir", str(tmp_path / "out"), "--report-dir", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "kb.json").exists()
    assert not (tmp_path / "out" / "index.html").exists()
    assert "cleaning-report.md" in {p.name for p in (tmp_path / "r").iterdir()}
    assert result.stdout.strip().splitlines()[-1].endswith("topics, kb.json only (no pages)")


def test_a_bad_file_is_named_and_the_rest_still_builds(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "empty.txt").write_text("", encoding="utf-8")
    (sources / "good.txt").write_text(
        "字节跳动 NLP 一面\n1、什么是 KV Cache?\nKV Cache 把已经算过的键和值存下来,生成下一个词时不用重算。\n"
        "2、讲讲 RLHF 的三个阶段?\n", encoding="utf-8")
    result = run_build("--sources", str(sources), "--site-dir", str(tmp_path / "site"), "--report-dir", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("1 documents read, 2 questions extracted")
    assert "1 problems in 1 files: skipped or flagged" in result.stdout
    kb = json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))
    assert {q["title"].rstrip("??") for q in kb["questions"]} >= {"什么是 KV Cache"}
    assert broken_links(tmp_path / "site") == []


def test_generated_pages_are_byte_identical_across_builds(tmp_path):
    for name in ("one", "two"):
        result = run_build("--kb-only", "--site-dir", str(tmp_path / name), "--report-dir", str(tmp_path / name / "r"))
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "one" / "kb.json").read_bytes() == (tmp_path / "two" / "kb.json").read_bytes()


def test_nothing_is_written_into_docs(built_site):
    written = {p.relative_to(PROJECT / "docs").as_posix() for p in (PROJECT / "docs").rglob("*") if p.is_file()}
    assert not any(p.startswith(("topics/", "interviews/")) for p in written)


@pytest.mark.parametrize("origin, web", [
    ("https://github.com/ceshi/mianjing-kb.git", "https://github.com/ceshi/mianjing-kb"),
    ("git@github.com:ceshi/mianjing-kb.git", "https://github.com/ceshi/mianjing-kb"),
    ("ssh://git@gitlab.com/zu/kb", "https://gitlab.com/zu/kb"),
    ("/srv/git/kb.git", ""),  # a local clone: no web page to edit on
])
def test_edit_links_default_to_the_checkouts_github_or_gitlab_origin(tmp_path, origin, web):
    from generator.plugin import origin_web_url

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", origin], check=True)
    assert origin_web_url(tmp_path) == web
    assert origin_web_url(tmp_path / "not-a-checkout") == ""


def test_search_leaves_out_the_maintainers_merge_report(built_site):
    from generator.site import search

    locations = {doc[0].split("#")[0] for doc in search.read_index(built_site)[1]}
    assert "maintainers/merge-report/" not in locations
    assert "topics/lora/" in locations and (built_site / "maintainers" / "merge-report" / "index.html").exists()


def test_the_cleaning_report_lists_lines_that_are_part_of_no_question(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "talk.txt").write_text(
        "某厂 NLP 一面\n先说结论：一面过了。\n"
        "面试官：你了解 MoE 吗？\n我：用门控把 token 分给专家。\n"
        "面试官：先做个自我介绍吧。\n我：我是某校硕士，做对话系统。\n"
        "面试官：什么是 GQA？\n我：多个 query 头共享 K、V。\n", encoding="utf-8")
    result = run_build("--kb-only", "--no-cache", "--sources", str(sources), "--site-dir", str(tmp_path / "out"),
                       "--report-dir", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "r" / "cleaning-report.md").read_text(encoding="utf-8")
    section = report.split("### Not part of any question (", 1)[1]
    listed = [line for line in section.splitlines() if line.startswith("- L")]
    assert section.startswith(f"{len(listed)} lines)")
    assert [line.split(" ", 2)[2] for line in listed] == [
        "某厂 NLP 一面", "先说结论：一面过了。", "面试官：先做个自我介绍吧。", "我：我是某校硕士，做对话系统。"]
    assert f"{len(listed)} kept lines are not part of any question (in 1 documents)." in report


def test_a_github_markdown_interview_builds_into_an_interview_page_and_a_contribution_stays_one(tmp_path):
    """A 面经 .md from a GitHub repository dropped among the scraped pages is
    an interview page (its front matter is metadata, not a broken
    contribution); a .md under contrib/ is still a contribution."""
    sources = tmp_path / "sources"
    (sources / "scraped").mkdir(parents=True)
    (sources / "contrib" / "lora").mkdir(parents=True)
    (sources / "scraped" / "repo-notes.md").write_text(
        "---\ntitle: 某厂大模型算法一面\ndate: 2026-03-01\ntags: [面经]\n---\n\n"
        "# 某厂大模型算法一面\n\n![badge](https://img.shields.io/badge/a-b-c.svg)\n\n## 一面\n\n"
        "- KV cache 原理\n- 手撕 MHA\n- LoRA 的秩怎么选？\n\n```python\nprint('x')\n```\n", encoding="utf-8")
    (sources / "contrib" / "lora" / "lora-rank.md").write_text(
        "---\nquestion: LoRA 的秩怎么选?\ntopics: [lora]\n---\n\n从 8 或 16 开始，看验证集再调。\n", encoding="utf-8")
    result = run_build("--sources", str(sources), "--site-dir", str(tmp_path / "site"), "--report-dir", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    assert "repo-notes.md" not in result.stderr  # no problem named for it
    kb = json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))
    scraped = next(s for s in kb["sources"] if s["path"] == "scraped/repo-notes.md")
    assert scraped["kind"] == "scraped" and scraped["title"] == "某厂大模型算法一面"
    asked = {a["text"] for q in kb["questions"] for a in q["asked"] if a["source"] == scraped["id"]}
    assert asked == {"KV cache 原理", "手撕 MHA", "LoRA 的秩怎么选？"}
    rank = next(q for q in kb["questions"] if any(a["text"] == "LoRA 的秩怎么选？" for a in q["asked"]))
    assert any(a.get("curated") for a in rank["answers"])  # merged with the contribution
    pages = [p for p in (tmp_path / "site" / "interviews").rglob("index.html") if "repo-notes" in p.as_posix()]
    assert len(pages) == 1 and "手撕 MHA" in pages[0].read_text(encoding="utf-8")


def test_the_cleaning_report_lists_answers_the_copy_damaged(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "talk.txt").write_text(
        "某厂 NLP 一面\n面试官：LoRA 的原理是什么？\n我：冻结原权重，训练 A 和 B，微调后的权重为。\n"
        "面试官：什么是 GQA？\n我：多个 query 头共享 K、V。\n", encoding="utf-8")
    result = run_build("--kb-only", "--no-cache", "--sources", str(sources), "--site-dir", str(tmp_path / "out"),
                       "--report-dir", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "r" / "cleaning-report.md").read_text(encoding="utf-8")
    section = report.split("## Answers the copy may have damaged", 1)[1]
    listed = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(listed) == 1 and listed[0].startswith("- talk.txt L") and "[lost formula]" in listed[0]
    assert "权重为。" in listed[0]


def test_a_headings_link_is_titled_in_chinese(built_site):
    page = (built_site / "topics" / "lora" / "index.html").read_text(encoding="utf-8")
    assert 'class="headerlink"' in page and 'title="本节链接"' in page and "Permanent link" not in page
