"""Scraped Markdown pages: parsed by markdown-it-py into the lines extract
gives for HTML, front matter as metadata, and the contrib/ rule."""

from __future__ import annotations

from pathlib import Path

from generator.scrape.mdpage import front_matter, markdown_lines
from generator.model import CONTRIBUTED, SCRAPED
from generator.scrape.sources import is_contribution, read_sources

PAGE = """---
title: 某厂大模型一面
date: 2026-03-01
tags: [面经]
---
# 不是标题

![badge](https://img.shields.io/badge/x.svg) ![img](../images/x.png)

## 一面（60min）

- 讲讲 **LoRA**
  - B 为什么初始化为 0？
* KV cache 原理

3. 什么是 RoPE？
   RoPE 是旋转位置编码。
4. BN 和 LN 区别

> 5、DPO 和 PPO 的区别？

| 题号 | 题目 |
|---|---|
| 56 | 合并区间 |

<details><summary>答案</summary>

藏起来的答案。

</details>

<!-- 注释 -->

```python
def f(x):
    return x
```
"""


def test_structure_becomes_the_lines_extract_gives_for_html():
    lines, title = markdown_lines(PAGE)
    assert title == "某厂大模型一面"  # the front matter's, not the first heading
    assert "## 一面（60min）" in lines
    assert lines[lines.index("• 讲讲 LoRA") + 1] == "  • B 为什么初始化为 0？"  # nesting kept as indentation
    assert "• KV cache 原理" in lines
    assert "3. 什么是 RoPE？" in lines and "4. BN 和 LN 区别" in lines  # the source's own numbers
    assert "5、DPO 和 PPO 的区别？" in lines  # the quote mark goes
    assert "56 | 合并区间" in lines
    assert "答案" in lines and "藏起来的答案。" in lines
    fence = lines.index("```python")
    assert lines[fence + 1: fence + 4] == ["def f(x):", "    return x", "```"]
    text = "\n".join(lines)
    assert "badge" not in text and "images" not in text and "注释" not in text and "title:" not in text


def test_first_heading_is_the_title_without_front_matter():
    assert markdown_lines("# 美团 NLP 二面\n\n1. 什么是 BPE？\n")[1] == "美团 NLP 二面"


def test_front_matter_that_is_not_a_mapping_is_text():
    fields, rest = front_matter("---\n- a\n- b\n---\n正文\n")
    assert fields == {} and rest.startswith("---")


def test_md_under_contrib_is_a_contribution_elsewhere_a_page(tmp_path: Path):
    (tmp_path / "contrib" / "lora").mkdir(parents=True)
    (tmp_path / "contrib" / "lora" / "rank.md").write_text("---\nquestion: LoRA 的秩怎么选?\ntopics: [lora]\n---\n\n看任务。\n",
                                                          encoding="utf-8")
    (tmp_path / "scraped").mkdir()
    (tmp_path / "scraped" / "repo-page.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "scraped" / "meant-as-contribution.md").write_text(
        "---\nquestion: 什么是 DPO?\n---\n\nDPO 直接用偏好数据优化策略。\n", encoding="utf-8")
    documents, problems = read_sources(tmp_path)
    kinds = {d.path: (d.kind, d.format) for d in documents}
    assert kinds["contrib/lora/rank.md"] == (CONTRIBUTED, "markdown")
    assert kinds["scraped/repo-page.md"] == (SCRAPED, "markdown")
    # a contribution's front matter outside contrib/ is named, not silently read as an interview
    assert [p.path for p in problems] == ["scraped/meant-as-contribution.md"]
    assert "contrib/" in problems[0].message


def test_contribution_rule_is_a_folder_named_contrib():
    assert is_contribution("contrib/rag/x.md") and is_contribution("team/contrib/x.md")
    assert not is_contribution("scraped/contrib.md") and not is_contribution("x.md")


def test_front_matter_is_the_pages_metadata_unless_metadata_yml_says_otherwise(tmp_path: Path):
    (tmp_path / "scraped").mkdir()
    (tmp_path / "scraped" / "a.md").write_text(
        "---\ntitle: 某厂一面\ndate: 2026-03-01\ncompany: \"[内推](https://x.example)\"\nsource: https://example.com/post/1\n"
        "tags: [面经]\n---\n\n1. 什么是 RoPE？\n",
        encoding="utf-8")
    (tmp_path / "scraped" / "b.md").write_text("---\ntitle: 前言里的标题\nurl: javascript:alert(1)\n---\n\n1. 什么是 GQA？\n",
                                               encoding="utf-8")
    (tmp_path / "metadata.yml").write_text("scraped/b.md:\n  title: 维护者写的标题\n", encoding="utf-8")
    documents, problems = read_sources(tmp_path)
    meta = {d.path: d.meta for d in documents}
    assert problems == []
    # scraped front matter is untrusted: no company (it is rendered as Markdown), only an http(s) address
    assert (meta["scraped/a.md"].title, meta["scraped/a.md"].date, meta["scraped/a.md"].company,
            meta["scraped/a.md"].url) == ("某厂一面", "2026-03-01", "", "https://example.com/post/1")
    assert (meta["scraped/b.md"].title, meta["scraped/b.md"].url) == ("维护者写的标题", "")
