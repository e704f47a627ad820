"""generator.site.sanitize: contributed Markdown is made inert before it reaches a
page (first line of defence), and built HTML is cleaned (second line).

The rendering tests run the sanitised Markdown through Python-Markdown with
the extensions the site uses (mkdocs.yml), so they check what a reader's
browser would get, not only the text the sanitiser returns."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.site import render as render_pages
from generator.run.cache import Cache
from generator.site.sanitize import clean_page_html, disallowed_html, sanitize_markdown, unsafe_links
from htmlcheck import dangers, scheme
from sitebuild import PROJECT

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.superfences",
              "pymdownx.arithmatex", "pymdownx.tabbed"]
CONFIGS = {"pymdownx.arithmatex": {"generic": True}, "pymdownx.tabbed": {"alternate_style": True}}
# mkdocs.yml also includes files with pymdownx.snippets, relative to the project.
SNIPPETS = {"pymdownx.snippets": {"base_path": [str(PROJECT)], "check_paths": True}}



def render(text: str, snippets: bool = False) -> str:
    extensions = EXTENSIONS + (["pymdownx.snippets"] if snippets else [])
    configs = {**CONFIGS, **(SNIPPETS if snippets else {})}
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def text_of(page_html: str) -> str:
    return BeautifulSoup(page_html, "html.parser").get_text()


def hrefs(page_html: str) -> list[str]:
    soup = BeautifulSoup(page_html, "html.parser")
    return [a.get("href") for a in soup.find_all("a")] + [i.get("src") for i in soup.find_all("img")]


# --- code and math are never touched ------------------------------------------

PROTECTED = [
    "```html\n<script>alert('围栏里的脚本')</script>\n<div style=\"color: red\">红字</div>\n```",
    "~~~python\n# 注释里的链接 [点](javascript:alert(1)) 和 {: onclick=\"x\" }\nprint('<iframe>')\n~~~",
    "````markdown\n```\n<!-- 嵌套围栏里的注释 -->\n```\n````",
    "`<img src=x onerror=alert(1)>`",
    "``用 `反引号` 包住的 <b onclick=1>``",
    "$a < b$",
    "$\\frac{QK^\\top}{\\sqrt{d_k}} < 1$",
    "$$\n\\mathrm{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}} <br> {: .x }\n$$",
]


@pytest.mark.parametrize("piece", PROTECTED)
def test_code_and_math_alone_are_kept_byte_for_byte(piece):
    assert sanitize_markdown(piece) == piece


def test_code_and_math_among_hostile_prose_are_kept_byte_for_byte():
    text = "\n\n".join(f"第 {i} 段 <script>坏</script> [链](javascript:void(0)) {{: onclick=\"x\" }}\n\n{piece}"
                       for i, piece in enumerate(PROTECTED))
    out = sanitize_markdown(text)
    for piece in PROTECTED:
        assert piece in out
    assert "<script>坏" not in out  # while the prose around them was sanitised
    # nothing outside code and math was reported as being inside it
    assert len(disallowed_html(text)) == 2 * len(PROTECTED)
    assert len(unsafe_links(text)) == len(PROTECTED)


def test_protected_pieces_are_not_reported():
    text = "\n\n".join(PROTECTED)
    assert disallowed_html(text) == []
    assert unsafe_links(text) == []


# --- raw HTML is escaped ----------------------------------------------------------

HOSTILE_HTML = {
    "script": ("<script>window.__pwned = 1</script>", "window.__pwned = 1"),
    "iframe": ('<iframe src="https://example.com/"></iframe>', "<iframe"),
    "style": ("<style>body { display: none; }</style>", "display: none"),
    "img onerror": ('<img src="missing.png" onerror="window.__pwned = 2">', "onerror="),
    "div style": ('<div style="position: fixed; inset: 0;">整页遮挡</div>', "整页遮挡"),
    "comment": ("<!-- 藏起来的注释 -->", "藏起来的注释"),
    "a javascript": ('<a href="javascript:alert(1)">点我领奖</a>', "点我领奖"),
    "svg onload": ('<svg onload="alert(1)"><circle r="1"/></svg>', "<svg"),
    "uppercase": ("<SCRIPT>alert(1)</SCRIPT>", "alert(1)"),
    "allowed tag with attribute": ('<sup onclick="alert(1)">2</sup>', "onclick="),
}


@pytest.mark.parametrize("name", HOSTILE_HTML)
def test_raw_html_is_escaped_and_shown_as_text(name):
    raw, visible = HOSTILE_HTML[name]
    text = f"回答的前半句。{raw}回答的后半句。"
    out = sanitize_markdown(text)
    assert not re.search(r"<(?!br>|sup>|/sup>|kbd>|/kbd>)[A-Za-z!/]", out), out
    page = render(out)
    assert dangers(page) == []
    assert not BeautifulSoup(page, "html.parser").find_all(["div", "svg", "img", "a", "sup"])
    shown = text_of(page)
    assert "回答的前半句。" in shown and "回答的后半句。" in shown
    assert visible in shown  # the contributor's text is still there, as text


def test_allowed_inline_tags_without_attributes_are_kept():
    text = "第一行<br>第二行,$x$ 的平方写作 x<sup>2</sup>,复制按 <kbd>Ctrl</kbd>+<kbd>C</kbd>,H<sub>2</sub>O。"
    assert sanitize_markdown(text) == text
    soup = BeautifulSoup(render(text), "html.parser")
    assert [t.name for t in soup.find_all(["br", "sup", "kbd", "sub"])] == ["br", "sup", "kbd", "kbd", "sub"]


def test_autolinks_are_kept():
    text = "原论文见 <https://arxiv.org/abs/2106.09685>,有问题发邮件到 <mailto:kb@example.com>。"
    assert sanitize_markdown(text) == text
    assert hrefs(render(text)) == ["https://arxiv.org/abs/2106.09685", "mailto:kb@example.com"]
    assert disallowed_html(text) == []


# --- link targets -------------------------------------------------------------------

UNSAFE_TARGETS = {
    "javascript": "看[这里](javascript:alert(1))就懂了",
    "mixed case": "看[这里](JaVaScRiPt:alert(1))就懂了",
    "entity colon": "看[这里](javascript&#58;alert(1))就懂了",
    "entity letter": "看[这里](&#106;avascript:alert(1))就懂了",
    "hex entity tab": "看[这里](java&#x09;script:alert(1))就懂了",
    "leading space": "看[这里]( javascript:alert(1))就懂了",
    "vbscript": "看[这里](vbscript:msgbox)就懂了",
    "data image": "看![示意图](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)就懂了",
    "reference": "看[这里][说明]就懂了\n\n[说明]: javascript:alert(1)",
    "reference with title": "看[这里][说明]就懂了\n\n[说明]: javascript:alert(1) \"标题\"",
}


@pytest.mark.parametrize("name", UNSAFE_TARGETS)
def test_unsafe_link_targets_become_hash(name):
    text = UNSAFE_TARGETS[name]
    out = sanitize_markdown(text)
    page = render(out)
    assert hrefs(page) == ["#"], page
    assert dangers(page) == []
    assert "看" in text_of(page) and "就懂了" in text_of(page)
    assert len(unsafe_links(text)) == 1


def test_an_unsafe_target_is_replaced_whole_leaving_no_stray_characters():
    # The target `javascript:alert(1)` ends at the closing parenthesis of the
    # link, not at the first ")" inside it.
    text = "看[这里](javascript:alert(1))就懂了"
    page = render(sanitize_markdown(text))
    assert text_of(page).strip() == "看这里就懂了"
    assert unsafe_links(text) == [(0, "javascript:alert(1)")]


SAFE_LINKS = [
    "见[LoRA 专题](../lora/index.md#q-dacc27a1)",
    "见[同页条目](#q-82ff2673)",
    "见[论文](https://arxiv.org/abs/1706.03762)和[镜像](http://example.com/a?b=1&c=2)",
    "有问题请[写信](mailto:kb@example.com)",
    "![结构图](../assets/transformer.png)",
    "见[说明][1]\n\n[1]: https://example.com/notes \"说明\"",
]


@pytest.mark.parametrize("text", SAFE_LINKS)
def test_relative_and_http_links_are_kept(text):
    assert sanitize_markdown(text) == text
    assert unsafe_links(text) == []
    assert "#" != hrefs(render(text))[0]


# --- attribute lists and snippet includes -------------------------------------------

ATTRIBUTE_LISTS = {
    "paragraph": "这一段会被点击。\n{: onclick=\"window.__pwned = 1\" }",
    "inline": "这一段也会被点击 { .x onclick=window.__pwned=1 }",
    "heading": "### 小标题 {#bad onmouseover=\"window.__pwned=1\"}",
    "link": "[链接](https://example.com){: onclick=\"window.__pwned=1\" }",
}


@pytest.mark.parametrize("name", ATTRIBUTE_LISTS)
def test_attribute_lists_are_escaped(name):
    page = render(sanitize_markdown(ATTRIBUTE_LISTS[name]))
    assert dangers(page) == []
    assert "onclick" in text_of(page) or "onmouseover" in text_of(page)  # shown as text


def test_ordinary_braces_are_still_shown():
    page = render(sanitize_markdown("集合 {1, 2, 3} 的大小是 3,字典写作 {key: value}。"))
    assert text_of(page).strip() == "集合 {1, 2, 3} 的大小是 3,字典写作 {key: value}。"


def _first_heading_of(path: str) -> str:
    return (PROJECT / path).read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()


SNIPPET_INCLUDES = {
    "inline": '下面引用项目文件:\n\n--8<-- "CONTRIBUTING.md"\n',
    "single dash": '下面引用项目文件:\n\n-8<- "CONTRIBUTING.md"\n',
    "long dash": '下面引用项目文件:\n\n---8<--- "CONTRIBUTING.md"\n',
    "block": "下面引用项目文件:\n\n--8<--\nCONTRIBUTING.md\n--8<--\n",
    "in a code fence": '代码如下:\n\n```text\n--8<-- "CONTRIBUTING.md"\n```\n',
}


@pytest.mark.parametrize("name", SNIPPET_INCLUDES)
def test_snippet_includes_are_neutralised(name):
    page = render(sanitize_markdown(SNIPPET_INCLUDES[name]), snippets=True)
    assert _first_heading_of("CONTRIBUTING.md") not in text_of(page)


@pytest.mark.parametrize("where", ["prose", "code fence"])
def test_a_snippet_include_of_a_missing_file_cannot_break_rendering(where):
    include = '--8<-- "no/such/file.md"'
    text = f"前文\n\n{include}\n" if where == "prose" else f"前文\n\n```text\n{include}\n```\n"
    render(sanitize_markdown(text), snippets=True)  # raises SnippetMissingError if it is still an include


# --- where problems are reported ----------------------------------------------------------

def test_disallowed_html_reports_line_offsets():
    text = (
        "第一行没有问题,换行<br>也没问题\n"       # 0
        "第二行 <sup>1</sup>\n"                  # 1
        "<div align=\"center\">居中</div>\n"     # 2
        "\n"                                     # 3
        "```html\n"                              # 4
        "<script>围栏里的不算</script>\n"         # 5
        "```\n"                                  # 6
        "`<iframe>` 也不算,后面 <iframe src=x>\n"  # 7
        "$<b>$ 不算\n"                           # 8
        "<img src=x onerror=alert(1)>\n"         # 9
    )
    assert sorted(set(disallowed_html(text))) == [(2, "div"), (7, "iframe"), (9, "img")]


def test_disallowed_html_reports_an_html_comment_readably():
    found = disallowed_html("正文\n\n<!-- 给审稿人的悄悄话 -->\n")
    assert [offset for offset, _ in found] == [2]
    assert all(name.strip("<>/") for _, name in found), found  # `check` prints "raw HTML <name>"


def test_repeated_raw_html_is_reported_on_each_of_its_lines():
    # The same prose on both sides of a code span: each occurrence has its own line.
    text = "`a`\n<img src=\"x.png\">\n`b`\n<img src=\"x.png\">\n`c`"
    assert sorted(set(disallowed_html(text))) == [(1, "img"), (3, "img")]


def test_unsafe_links_reports_line_offsets_and_targets():
    text = (
        "第一行\n"                                      # 0
        "```\n[代码里的](javascript:不算)\n```\n"          # 1-3
        "正文里[坏链接](javascript:void)\n"               # 4
        "[好链接](https://example.com) 和 [相对](../x.md)\n"  # 5
        "[定义]: vbscript:msgbox\n"                      # 6
    )
    assert sorted(unsafe_links(text)) == [(4, "javascript:void"), (6, "vbscript:msgbox")]


def test_a_reference_definition_after_a_blank_line_is_reported_on_its_own_line():
    # A blank line before a reference definition is the usual way to write one.
    text = "正文[见说明][坏]\n\n[坏]: javascript:void\n"
    assert unsafe_links(text) == [(2, "javascript:void")]


def test_repeated_unsafe_links_are_reported_on_each_of_their_lines():
    text = "`a`\n[坏](javascript:void)\n`b`\n[坏](javascript:void)\n`c`"
    assert sorted(unsafe_links(text)) == [(1, "javascript:void"), (3, "javascript:void")]


# --- the whole thing rendered as the site renders it -------------------------------------

GOOD_ANSWER = """\
LoRA 冻结预训练权重 $W_0$,只训练低秩分解 $\\Delta W = BA$,其中 $r \\ll d$。

$$
h = W_0 x + \\frac{\\alpha}{r} B A x
$$

| 超参数 | 常见取值 |
|---|---|
| 秩 $r$ | 8 或 16 |
| $\\alpha$ | 秩的两倍 |

!!! tip "实践经验"

    B 初始化为零,训练开始时模型输出与原模型完全一致。

=== "PyTorch"

    ```python
    delta = (B @ A) * (alpha / r)
    ```

=== "说明"

    合并后推理没有额外开销。

```python
def merge(w0, a, b, scale):
    return w0 + scale * (b @ a)
```
"""

HOSTILE_ANSWER = GOOD_ANSWER + """
<script>window.__pwned = "script"</script>
<iframe src="https://example.com/"></iframe>
<style>.md-content { display: none; }</style>
<img src="missing.png" onerror="window.__pwned = 'img'">
<div style="position: fixed; inset: 0;" onclick="window.__pwned = 'div'">遮挡</div>
<!-- <script>window.__pwned = "comment"</script> -->
<a href="javascript:window.__pwned = 'a'">领奖</a>

[点这里](javascript:window.__pwned='link') [或这里](JaVaScRiPt:window.__pwned='case') [还有](javascript&#58;alert(1))

一段带属性的文字
{: onclick="window.__pwned = 'attr'" }

[参考][坏]

[坏]: javascript:window.__pwned='ref'
"""


def test_a_hostile_answer_renders_without_script_but_with_its_markdown():
    page = render(sanitize_markdown(HOSTILE_ANSWER))
    assert "<script" not in page.lower()
    assert not re.search(r"<[A-Za-z][^<>]*\son\w+\s*=", page, re.I)  # in a tag, not in the text
    assert dangers(page) == []
    assert all(scheme(h or "") in ("", "http", "https", "mailto") for h in hrefs(page))
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("table") is not None and len(soup.find_all("tr")) == 3
    assert soup.find("div", class_="admonition") is not None
    assert soup.find("div", class_="tabbed-set") is not None
    assert len(soup.find_all("code")) >= 2
    assert len(soup.select(".arithmatex")) >= 5
    assert soup.find("div", class_="arithmatex").get_text().startswith("\\[")
    shown = soup.get_text()
    for words in ("遮挡", "领奖", "一段带属性的文字", "window.__pwned"):
        assert words in shown


def test_a_good_answer_is_not_changed_at_all():
    assert sanitize_markdown(GOOD_ANSWER) == GOOD_ANSWER
    assert disallowed_html(GOOD_ANSWER) == [] and unsafe_links(GOOD_ANSWER) == []


# Raw HTML that the sanitiser takes for code or math, but Markdown does not.
SMUGGLED = {
    "dollars with spaces": "价格从 $ <img src=\"pixel.png\" onerror=\"window.__pwned=1\"> $ 起",
    "escaped backtick": "反引号\\`<img src=\"pixel.png\" onerror=\"window.__pwned=1\">`不是代码",
    "unclosed fence": "正文\n\n~~~\n<img src=\"pixel.png\" onerror=\"window.__pwned=1\">\n",
    "unclosed backtick fence": "正文\n\n```\n<script>window.__pwned=1</script>\n",
    "fence closed at another indent": "    ```\n<script>window.__pwned=1</script>\n    ```\n",
}


@pytest.mark.parametrize("name", SMUGGLED)
def test_raw_html_cannot_hide_as_code_or_math(name):
    text = SMUGGLED[name]
    page = render(sanitize_markdown(text))
    assert dangers(page) == [], page
    assert not BeautifulSoup(page, "html.parser").find_all(["img", "script"])
    assert disallowed_html(text), "check does not report it either"


# --- clean_page_html --------------------------------------------------------------------

ORDINARY_PAGE = """\
<h2 class="kb-entry" id="q-82ff2673">自注意力具体是怎么算出来的?<a class="headerlink" href="#q-82ff2673" title="Permanent link">¶</a></h2>
<p><span class="kb-meta">被问 4 次 <a class="kb-tag kb-tag--topic" href="../transformer/">Transformer</a></span></p>
<div class="admonition success">
<p class="admonition-title">精选回答</p>
<p>先算 <span class="arithmatex">\\(QK^\\top\\)</span>,再除以 <span class="arithmatex">\\(\\sqrt{d_k}\\)</span>。比较 a &lt; b &amp;&amp; c &gt; d。</p>
<div class="highlight"><pre><span></span><code><span class="n">scores</span> <span class="o">=</span> <span class="n">q</span> <span class="o">@</span> <span class="n">k</span><span class="o">.</span><span class="n">T</span>
</code></pre></div>
<table>
<thead><tr><th style="text-align: left;">步骤</th><th>目的</th></tr></thead>
<tbody><tr><td>打分</td><td>相关程度</td></tr></tbody>
</table>
<p>关于 on 和 data 的说明:这些词出现在正文里没有关系。<br/>换行。</p>
<p><small>来自贡献 <code>contrib/self-attention/attention-compute.md</code> · <a href="https://github.com/org/repo/edit/main/sources/contrib/self-attention/attention-compute.md">编辑这份回答</a></small></p>
</div>
"""


def structure(page_html: str) -> list[tuple]:
    """Every element with its attributes (inline styles without spacing), and the text."""
    soup = BeautifulSoup(page_html, "html.parser")
    elements = [(tag.name, sorted((name, re.sub(r"[\s;]", "", value) if name == "style" else str(value))
                                  for name, value in tag.attrs.items())) for tag in soup.find_all(True)]
    return elements + [soup.get_text()]


def test_clean_page_html_keeps_everything_an_ordinary_page_has():
    assert structure(clean_page_html(ORDINARY_PAGE)) == structure(ORDINARY_PAGE)


def test_clean_page_html_keeps_the_markup_of_the_site(tmp_path):
    """Every generated page of the bundled corpus, rendered with the site's
    Markdown extensions, keeps all its elements and attributes: the
    allow-list holds everything the site itself makes."""
    from mkdocs.config import load_config

    from generator.run import build

    config = load_config(str(PROJECT / "mkdocs.yml"))
    kb = build.make_kb(PROJECT / "sources", PROJECT / "snippets", docs_dir=PROJECT / "docs",
                       cache=Cache(tmp_path / "cache"))
    pages = build.make_pages(kb, PROJECT / "snippets", render_pages.RepoLinks(repo_url="https://github.com/o/r"),
                             PROJECT / "docs")
    assert len(pages) > 20
    for path, text in pages.items():
        content = markdown.markdown(text.split("---", 2)[-1] if text.startswith("---") else text,
                                    extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        assert structure(clean_page_html(content)) == structure(content), path


def test_clean_page_html_keeps_no_id_of_the_theme():
    cleaned = clean_page_html('<p id="__config">一</p><h2 id="__search">二</h2><input id="__tabbed_1_1" type="radio">')
    assert 'id="__config"' not in cleaned and 'id="__search"' not in cleaned
    assert 'id="__tabbed_1_1"' in cleaned


def test_a_stray_style_or_script_loses_nothing_after_it():
    cleaned = clean_page_html("<p>一</p><style>p{color:red}<p>二</p><script>x()<p>三</p>")
    assert "<style" not in cleaned and "<script" not in cleaned
    assert "二" in text_of(cleaned) and "三" in text_of(cleaned)


def test_clean_page_html_removes_script_like_elements_handlers_and_javascript_urls():
    dirty = (
        '<p onclick="window.__pwned=1" class="keep">正文一</p>'
        "<script>window.__pwned=2</script>"
        '<iframe src="https://example.com/"></iframe>'
        "<style>body{display:none}</style>"
        '<object data="movie.swf"></object>'
        '<p>正文二 <a href="javascript:window.__pwned=3">链接文字</a> '
        '<img src="x.png" onerror="window.__pwned=4" alt="图"> '
        '<a href="https://example.com/ok" onmouseover="window.__pwned=5">好链接</a></p>'
        '<svg><a xlink:href="javascript:alert(1)">矢量</a></svg>'
    )
    cleaned = clean_page_html(dirty)
    assert dangers(cleaned) == []
    soup = BeautifulSoup(cleaned, "html.parser")
    assert not soup.find_all(["script", "iframe", "style", "object"])
    assert soup.find("p", class_="keep").get_text() == "正文一"
    assert soup.find("a", string="好链接")["href"] == "https://example.com/ok"
    assert soup.find("img")["alt"] == "图"
    assert "链接文字" in soup.get_text() and "矢量" in soup.get_text()


DISGUISED_URLS = {
    "decimal entity": '<a href="&#106;avascript:window.__pwned=1">展开</a>',
    "hex entity tab": '<a href="java&#x09;script:window.__pwned=1">展开</a>',
    "newline": '<a href="java\nscript:window.__pwned=1">展开</a>',
    "entity colon": '<a href="javascript&colon;window.__pwned=1">展开</a>',
}


@pytest.mark.parametrize("name", DISGUISED_URLS)
def test_clean_page_html_catches_disguised_javascript_urls(name):
    cleaned = clean_page_html(f"<p>正文 {DISGUISED_URLS[name]}</p>")
    assert dangers(cleaned) == [], cleaned
    assert "展开" in text_of(cleaned)


# --- where the sanitiser and the renderer once disagreed (issue #13) ----------------------

DISAGREEMENTS = {
    "fence info the renderer rejects": "~~~ <!--><img src=x onerror=window.__pwned=1>-->\n代码\n~~~",
    "closing fence of another length": "```\ncode\n````\n<img src=x onerror=window.__pwned=1>\n```",
    "block math across a blank line": "$$\nx\n\n<img src=x onerror=window.__pwned=1>\n$$",
}


@pytest.mark.parametrize("name", DISAGREEMENTS)
def test_html_is_never_live_where_the_renderer_and_the_sanitiser_disagreed(name):
    text = DISAGREEMENTS[name]
    assert "<img" not in render(sanitize_markdown(text)), name
    if "code" not in text:  # prose to the renderer: check names the tag
        assert any(tag == "img" for _, tag in disallowed_html(text)), "check reports it"


def test_a_well_formed_fence_with_a_language_and_options_stays_code():
    text = '```python title="a.py"\nif a < b: print("<b>")\n```'
    assert sanitize_markdown(text) == text
