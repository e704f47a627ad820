"""generator.scrape.extract: article body and title of text and HTML pages."""

from __future__ import annotations


import pytest

from generator.scrape.clean import clean
from generator.scrape.extract import extract
from generator.model import SourceDocument, SourceMeta
from generator.scrape.segment import segment
from sitebuild import TESTS

FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"


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


def test_text_title_loses_its_markdown_heading_mark():
    assert extract(doc("## 推理加速面试题汇总\n### 1. KV Cache 的原理？")).title == "推理加速面试题汇总"


def test_a_copy_with_markers_between_its_lines_keeps_numbers_and_loses_stray_markers():
    # the copy put each item's marker on a line of its own between the lines, and some at a sentence's end
    page = extract(doc("1. 什么是 GQA？\n-\n要点：分组共享 KV。\n-\n问 ：为什么省显存？\n答：KV 头变少了。 -\n-\n2. 什么是 MQA？\n"))
    kept = [l.text for l in page.lines if l.text]
    assert kept == ["1. 什么是 GQA？", "- 要点：分组共享 KV。", "- 问 ：为什么省显存？", "答：KV 头变少了。", "2. 什么是 MQA？"]


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


def test_html_a_container_that_has_a_sidebar_is_no_sidebar():
    # a documentation site's layout classes (VPContent has-sidebar) name what the container holds beside it
    html = ("<html><body><aside class='VPSidebar'><a href='/a'>LLM面试题</a><a href='/b'>推荐系统</a></aside>"
            "<div class='VPContent has-sidebar'><div class='VPDoc has-aside'><main class='main'><div class='vp-doc'>"
            "<h1>大模型面试题</h1><p><strong>Q1：什么是 GQA？</strong></p><p>查询头分组共享键值头，省显存。</p>"
            "</div></main></div></div></body></html>")
    lines = [l.text for l in extract(doc(html, "html")).lines if l.text]
    assert "Q1：什么是 GQA？" in lines and "查询头分组共享键值头，省显存。" in lines
    assert "LLM面试题" not in lines


# --- lists: a browser's markers stay in the text ---------------------------------


def scrape(html: str) -> list:
    return segment(clean(extract(doc(html, "html"))))


INTRO = "整理一下这次面试被问到的问题，顺序按面试官提问的顺序来，答案是面完以后自己查资料补上的。"


def html_lines(body: str) -> list[str]:
    """The lines of `body` inside an <article> (long enough to be taken as the body)."""
    html = f"<html><body><article><p>{INTRO}</p>{body}</article></body></html>"
    lines = [l.text for l in extract(doc(html, "html")).lines]
    assert lines[0] == INTRO
    return lines[1:]


@pytest.mark.parametrize("item", ["<li>{}</li>", "<li><p>{}</p></li>", "<li>\n  <p><strong>{}</strong></p>\n</li>"])
def test_html_ordered_list_questions_keep_their_numbers(item):
    items = ["Transformer 为什么要除以根号 d_k?", "讲一下 LoRA 的原理", "RoPE 是怎么做外推的?"]
    html = (
        "<html><body><div id='content_views'><h2>一、八股</h2><ol>"
        + "".join(item.format(text) for text in items)
        + "</ol><p>3. 手写 softmax</p></div></body></html>"
    )
    assert [(q.text, q.category) for q in scrape(html)] == [
        ("Transformer 为什么要除以根号 d_k?", "八股"),
        ("讲一下 LoRA 的原理", "八股"),
        ("RoPE 是怎么做外推的?", "八股"),
        ("手写 softmax", "八股"),
    ]


def test_html_list_item_marker_goes_on_its_first_line():
    assert html_lines(
        "<ol><li><p>讲一下 LoRA 的原理</p><p>只训练旁路的低秩矩阵。</p></li>"
        "<li></li>"
        "<li><pre><code>print(1)</code></pre><p>代码开头的条目不编号</p></li>"
        "<li><code>torch.no_grad()</code> 的作用</li>"
        "<li><h3>RoPE 为什么能外推？</h3></li></ol>"
        "<ul><li><p>显存带宽是瓶颈</p></li><li>自回归解码</li></ul>"
    ) == [
        "1. 讲一下 LoRA 的原理",
        "只训练旁路的低秩矩阵。",
        "```",
        "print(1)",
        "```",
        "代码开头的条目不编号",
        "4. torch.no_grad() 的作用",
        "### 5. RoPE 为什么能外推？",
        "• 显存带宽是瓶颈",
        "• 自回归解码",
    ]


def test_html_ol_numbers_count_like_a_browser():
    assert html_lines(
        "<ol start='6'><li>召回率怎么评估</li><li value='9'>工具调用流程</li><li>幻觉怎么缓解</li></ol>"
        "<ol reversed><li>三</li><li>二</li><li>一</li></ol>"
        "<ol start='x'><li>坏的 start 按 1 算</li></ol>"
    ) == ["6. 召回率怎么评估", "9. 工具调用流程", "10. 幻觉怎么缓解", "3. 三", "2. 二", "1. 一", "1. 坏的 start 按 1 算"]


def test_html_nested_lists_are_sub_lists():
    assert html_lines(
        "<ol><li>讲一下 LoRA 的原理<ol><li>冻结原权重</li><li>训练低秩矩阵</li></ol></li>"
        "<li>讲一下 RoPE<ul><li>旋转位置编码<ol><li>作用在 q、k 上</li></ol></li></ul></li></ol>"
        "<ul><li>外层</li><ul><li>直接套在 ul 里的 ul</li></ul></ul>"
    ) == [
        "1. 讲一下 LoRA 的原理", "  1) 冻结原权重", "  2) 训练低秩矩阵",
        "2. 讲一下 RoPE", "  • 旋转位置编码", "    1) 作用在 q、k 上",
        "• 外层", "  • 直接套在 ul 里的 ul",
    ]


def test_html_ol_item_that_numbers_itself_gets_no_second_number():
    assert html_lines("<ol><li><strong>1、什么是 KV Cache？</strong></li><li>1.5B 模型要多少显存</li></ol>") == [
        "1、什么是 KV Cache？",
        "2. 1.5B 模型要多少显存",
    ]


def test_html_lists_end_to_end():
    """Questions as <ol> items (text in <p>, answers nested), a hand-numbered
    question with an <ol> answer, `start`/`value`, and a coding <ol>."""
    questions = scrape((FIXTURES / "ordered_lists.html").read_text(encoding="utf-8"))
    assert [(q.text, q.category, q.kind) for q in questions] == [
        ("Transformer 的注意力为什么要除以根号 d_k？", "八股", "question"),
        ("讲一下 LoRA 的原理", "八股", "question"),
        ("RoPE 是怎么做长度外推的？", "八股", "question"),
        ("手写 softmax", "八股", "problem"),  # a request to write code
        ("torch.no_grad() 和 model.eval() 有什么区别", "八股", "question"),
        ("你的 RAG 项目里，检索的召回率是怎么评估的？", "项目", "question"),
        ("介绍一下 Agent 调用工具的流程", "项目", "question"),
        ("有没有遇到过幻觉？怎么缓解的？", "项目", "question"),
        ("实现 top-k 采样", "代码题", "problem"),
    ]
    answers = {q.text: [(b.kind, b.text) for b in q.answer] for q in questions}
    assert answers["讲一下 LoRA 的原理"] == [("item", "1) 冻结预训练权重不动"), ("item", "2) 旁路加两个低秩矩阵 A、B，只训练它们")]
    assert answers["RoPE 是怎么做长度外推的？"] == [
        ("item", "位置插值，把位置缩放回训练长度以内"), ("item", "NTK-aware 插值，调大旋转的基数"),
    ]
    assert answers["torch.no_grad() 和 model.eval() 有什么区别"] == [
        ("paragraph", "两者管的不是一件事："),
        ("item", "1. no_grad 关闭梯度计算，省显存"),
        ("item", "2. eval 切换 Dropout、BatchNorm 的行为"),
    ]
    assert [b.kind for b in questions[0].answer] == ["paragraph"]
    assert [b.kind for b in questions[3].answer] == ["code"]
    assert [b.kind for b in questions[-1].answer] == ["code"]


def test_html_densest_block_that_is_a_list_keeps_its_numbers():
    html = (
        "<html><body><div class='x'><ol><li>什么是过拟合？</li><li>怎么缓解过拟合？</li>"
        "<li>Dropout 为什么能缓解过拟合？</li></ol></div></body></html>"
    )
    assert [l.text for l in extract(doc(html, "html")).lines] == [
        "1. 什么是过拟合？", "2. 怎么缓解过拟合？", "3. Dropout 为什么能缓解过拟合？",
    ]
