"""Hostile and broken input, through the CLI: nothing a source says becomes
markup anywhere (pages, search index), kb.json carries it as data, and every
broken file is named while the others still build."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from linkcheck import broken_links
from sitebuild import run_build

ATTACKS = [
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=alert('xss-img')>",
    "[点我](javascript:alert('xss-link'))",
    "<a href=\"javascript:alert('xss-a')\">链接</a>",
    "<iframe src=\"https://evil.example/xss-iframe\"></iframe>",
    "<style>body{display:none} /* xss-style */</style>",
    "![图](javascript:alert('xss-md-img'))",
    "<javascript:alert('xss-autolink')>",
    "<svg onload=alert('xss-svg')>",
]

# The first line is the interview's title (no metadata): it reaches the page's
# front matter, <title> and the navigation, which the theme does not escape.
HOSTILE_TITLE = "某厂一面 <img src=x onerror=alert('xss-t')> -+!"
HOSTILE_TEXT = HOSTILE_TITLE + "\n" + "".join(
    f"{n}、什么是 KV Cache {n}?{attack}\n答:{attack} 它缓存键和值。\n" for n, attack in enumerate(ATTACKS, 1)
)

# An interview's company also reaches a data attribute (the topic page's company filter).
HOSTILE_COMPANY = "腾讯\"><img src=x onerror=alert('xss-co')> `码` [链](x) \\* {#id} &amp;"

HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><title>面经</title><style>body{color:red}</style></head><body>"
    "<article><h1>某厂 NLP 二面</h1>"
    "<p>1、什么是 RLHF?</p><p>RLHF 用人类偏好训练奖励模型。<script>alert('xss-html-script')</script></p>"
    "<p>2、讲讲 DPO 的原理?</p><p><img src=x onerror=\"alert('xss-html-img')\">DPO 直接优化偏好。</p>"
    "<p>3、什么是 PPO?</p><p><a href=\"javascript:alert('xss-html-a')\">看这里</a>"
    "<iframe src=\"https://evil.example/xss-html-iframe\"></iframe> PPO 是一种策略梯度方法。</p>"
    "<p>4、&lt;script&gt;alert('xss-html-escaped')&lt;/script&gt; 是什么?</p><p>是一段文本。</p>"
    "</article></body></html>"
)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    sources = root / "sources"
    sources.mkdir()
    (sources / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (sources / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (sources / "gbk.txt").write_bytes("腾讯 NLP 面经\n1、什么是注意力机制?\n注意力按相关性给每个位置加权。\n".encode("gbk"))
    (sources / "utf16.txt").write_bytes("美团 算法 一面\n1、什么是位置编码?\n位置编码告诉模型每个词的位置。\n".encode("utf-16"))
    (sources / "utf16-no-bom.txt").write_bytes("字节 算法 一面\n1、什么是残差连接?\n残差连接让梯度直接回传。\n".encode("utf-16-le"))
    # Markup declarations that once crashed the raw-HTML preprocessor, in a file name, its text and metadata.
    (sources / "decl<![foo.txt").write_text("某厂面经 <![foo\n1、什么是 RAG <![CDATA[ x ?\nRAG 是检索增强生成 <![foo 。\n",
                                            encoding="utf-8")
    (sources / "metadata.yml").write_text('decl<![foo.txt:\n  url: "https://x.example/<![foo"\n  company: "<![foo"\n'
                                          + "gbk.txt:\n  company: " + json.dumps(HOSTILE_COMPANY) + "\n",
                                          encoding="utf-8")
    (sources / "empty.txt").write_bytes(b"")
    (sources / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (sources / "truncated.html").write_text(
        "<html><body><article><p>1、什么是 MoE?</p><p>MoE 用门控网络把每个词交给少数专家", encoding="utf-8")
    (sources / "huge.txt").write_bytes(("1、这是一行很长的重复文本?\n" * 400_000).encode("utf-8")[: 10 * 1024 * 1024])
    result = run_build("--sources", str(sources), "--site-dir", str(root / "site"), "--report-dir", str(root / "r"),
                       "--cache-dir", str(root / "cache"))
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site", result


def generated_html(site):
    return {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_no_scraped_markup_becomes_html_on_any_page(hostile_build):
    site, _ = hostile_build
    for path, text in generated_html(site).items():
        soup = BeautifulSoup(text, "lxml")
        for script in soup.find_all("script"):
            assert "xss-" not in script.get_text(), path
        assert not soup.find_all("iframe"), path
        for style in soup.find_all("style"):
            assert "xss-" not in style.get_text(), path
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                assert not (name.lower().startswith("on") and "xss-" in value), (path, tag)
                if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not value.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html")), (path, tag)
        assert not soup.find_all("svg", attrs={"onload": True}), path


def test_the_attacks_are_shown_as_text(hostile_build):
    site, _ = hostile_build
    text = "\n".join(BeautifulSoup(page, "lxml").get_text() for page in generated_html(site).values())
    # (Parentheses are left out: see the report on arithmatex and escaped brackets.)
    assert "<script>alert" in text and "<img src=x onerror=alert" in text and "<iframe src=" in text


def test_the_search_index_has_no_live_markup(hostile_build):
    site, _ = hostile_build
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        fragment = BeautifulSoup(doc["text"], "lxml")
        assert not fragment.find_all(["script", "iframe", "style", "img"], string=re.compile("xss-")), doc["location"]
        assert not re.search(r"<(script|iframe|style)\b", doc["text"], re.I), doc["location"]
        assert not re.search(r"\bon\w+\s*=\s*[\"']?alert", re.sub(r"&[a-z]+;", "", doc["text"])) or "&lt;" in doc["text"]


def test_kb_json_carries_the_text_as_data(hostile_build):
    site, _ = hostile_build
    kb = json.loads((site / "kb.json").read_text(encoding="utf-8"))
    asked = [a["text"] for q in kb["questions"] for a in q["asked"]]
    assert "<script>alert('xss-html-escaped')</script> 是什么?" in asked
    # Answers are Markdown for other programs: escaped, so they render as text there too.
    for q in kb["questions"]:
        for answer in q["answers"]:
            assert "<script>" not in answer["markdown"] and "](javascript:" not in answer["markdown"]


def test_data_attributes_carry_the_text_as_data(hostile_build):
    site, _ = hostile_build
    found = [json.loads(span["data-companies"]) for page in (site / "topics").rglob("index.html")
             for span in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("span.kb-meta[data-companies]")]
    assert [HOSTILE_COMPANY] in found, found


def test_other_encodings_are_decoded(hostile_build):
    site, _ = hostile_build
    kb = json.loads((site / "kb.json").read_text(encoding="utf-8"))
    asked = {a["text"] for q in kb["questions"] for a in q["asked"]}
    for words in ("注意力机制", "位置编码", "残差连接"):  # GBK, UTF-16 with and without a byte-order mark
        assert any(words in t for t in asked), words


def test_markup_declarations_are_text(hostile_build):
    site, _ = hostile_build
    kb = json.loads((site / "kb.json").read_text(encoding="utf-8"))
    asked = {a["text"] for q in kb["questions"] for a in q["asked"]}
    assert any("RAG <![CDATA[ x" in t for t in asked)
    headings = [BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").find("h1").get_text()
                for p in (site / "interviews").rglob("index.html")]
    assert any(h.startswith("某厂面经 <![foo") for h in headings), headings


def test_every_broken_file_is_named_and_counted(hostile_build):
    _, result = hostile_build
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    for name, why in (("empty.txt", "empty"), ("binary.txt", "binary"), ("huge.txt", "KiB"), ("truncated.html", "truncated")):
        assert any(name in line and why in line for line in warnings), (name, warnings)
    summary = result.stdout.strip().splitlines()[-1]
    counted = re.search(r"(\d+) (?:files skipped|problems in \d+ files)", summary)
    assert counted and int(counted.group(1)) >= 4, summary
    assert summary.startswith("7 documents read"), summary  # hostile x2, gbk, utf16 x2, truncated, decl


def test_the_hostile_site_has_no_broken_link(hostile_build):
    site, _ = hostile_build
    assert broken_links(site) == []


def test_a_hostile_title_is_text_in_the_title_the_navigation_and_the_heading(hostile_build):
    site, result = hostile_build
    # hostile.html keeps the id "hostile", hostile.txt gets its own, and both are named
    assert any(line.startswith("warning: hostile.txt: ") and "its id 'hostile' is taken by hostile.html" in line
               for line in result.stderr.splitlines()), result.stderr
    page = BeautifulSoup((site / "interviews" / "hostile-txt" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.title.get_text().startswith(HOSTILE_TITLE)
    assert page.find("h1").get_text().rstrip("¶") == HOSTILE_TITLE
    # an interview page carries the navigation's first level only: the interviews index lists them
    listing = BeautifulSoup((site / "interviews" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert HOSTILE_TITLE in {a.get_text(" ", strip=True) for a in listing.select("nav a")}
    assert "title:" not in page.find("article").get_text()  # the front matter parsed: not shown as text
