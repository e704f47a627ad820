"""generator.extract: article body and title of text and HTML pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract import extract
from generator.models import SourceDocument, SourceMeta

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


def doc(text: str, fmt: str = "text", title: str = "") -> SourceDocument:
    return SourceDocument(id="t", path="t", kind="scraped", format=fmt, text=text, meta=SourceMeta(title=title))


@pytest.fixture(scope="module")
def article() -> list[str]:
    page = extract(doc((FIXTURES / "blog_article.html").read_text(encoding="utf-8"), "html"))
    return [l.text for l in page.lines]


def test_text_is_split_into_numbered_lines():
    page = extract(doc("\n标题行\r\n  1. 问题?\n"))
    assert [(l.number, l.text) for l in page.lines] == [(1, ""), (2, "标题行"), (3, "  1. 问题?"), (4, "")]


def test_text_title_is_the_first_meaningful_line():
    assert extract(doc("***\n\n腾讯一面面经\n1、问题")).title == "腾讯一面面经"


def test_meta_title_wins():
    assert extract(doc("正文第一行", title="来自元数据的标题")).title == "来自元数据的标题"


def test_html_keeps_the_article_and_drops_furniture(article):
    text = "\n".join(article)
    assert "1、Word2Vec 的两种训练方式是什么？" in article
    for furniture in ["首页", "关注作者", "推荐：深度学习入门", "沙发", "楼主拿到", "百度 NLP 面经", "统计代码", "版权所有"]:
        assert furniture not in text


def test_html_lists_become_lines(article):
    assert "1. CBOW 训练更快" in article
    assert "2. Skip-gram 对低频词更友好" in article


def test_html_pre_is_fenced_and_verbatim(article):
    start = article.index("```")
    assert article[start + 1] == "def cosine(a, b):"
    assert article[start + 2] == "    dot = sum(x * y for x, y in zip(a, b))"
    assert article[start + 4] == "    return dot / norm"
    assert article[start + 5] == "```"


def test_html_table_rows_are_lines(article):
    assert "暴力 | O(n)" in article


def test_html_title_drops_the_site_suffix():
    page = extract(doc((FIXTURES / "blog_article.html").read_text(encoding="utf-8"), "html"))
    assert page.title == "京东NLP实习一面记录"


def test_html_title_prefers_h1_and_fence_keeps_language():
    page = extract(doc((GOLDEN / "blog_page.html").read_text(encoding="utf-8"), "html"))
    lines = [l.text for l in page.lines]
    assert page.title == "百度大模型应用岗面经（附答案）"
    assert "```python" in lines
    assert "• 自回归解码，每一步只能生成一个 token" in lines
    assert not any("训练营" in l or "热门文章" in l or "字节大模型面经" in l for l in lines)


def test_html_densest_block_when_no_known_container():
    html = (
        "<html><body><div class='links'><a href='/a'>链接一</a> <a href='/b'>链接二</a></div>"
        "<div class='x'><p>1、什么是过拟合？</p><p>模型在训练集上表现好，在测试集上表现差，泛化能力不足。</p></div>"
        "</body></html>"
    )
    lines = [l.text for l in extract(doc(html, "html")).lines]
    assert lines == ["1、什么是过拟合？", "模型在训练集上表现好，在测试集上表现差，泛化能力不足。"]
