"""Every stage of scraping grows linearly with the page (#13): for each
family of pathological pages, doubling the page may not more than triple the
time (a quadratic step would quadruple it). Times are the best of three, on
pages large enough that the step dominates the noise."""

from __future__ import annotations

import time

import pytest

from generator.scrape import scrape
from generator.model import SourceDocument

FAMILIES = {
    "numbered": ("text", lambda n: "".join(f"{i}、什么是第 {i} 种注意力？\n它把每个位置加权。\n" for i in range(1, n + 1))),
    "qa_pairs": ("text", lambda n: "Q: 什么是 KV cache?\nA: 缓存历史的键和值。\n" * n),
    "dialogue": ("text", lambda n: "面试官：你了解 RoPE 吗？\n候选人：了解，它旋转 q 和 k。\n" * n),
    "fences": ("text", lambda n: "```\n" * n + "x = 1\n"),
    "dollars": ("markdown", lambda n: "1. 什么是 $x$？\n\n" + "$$ " * n + "\n"),
    "attr_lists": ("markdown", lambda n: "1. 什么是 RAG？\n\n" + "{: " * n + "\n"),
    "nested_html": ("html", lambda n: "<html><body><article>" + "<div><p>讲讲 LoRA？</p>" * n + "</div>" * n
                    + "</article></body></html>"),
    "run_on_line": ("text", lambda n: "一面：" + "讲讲 LoRA 说说 RoPE 手撕 MHA " * n + "\n"),
    "bullets": ("markdown", lambda n: "## 一面\n\n" + "- KV cache 原理\n" * n),
    "table_rows": ("markdown", lambda n: "| 题目 | 答案 |\n|---|---|\n" + "| 什么是 GQA？ | 分组共享 KV |\n" * n),
    "unmarked_lines": ("text", lambda n: "RAG：\n" + "召回怎么评估？\n" * n),
    "long_paragraph": ("text", lambda n: "1、什么是 MoE？\n" + "专家并行，门控网络选专家，" * n + "\n"),
}
START = 400  # units; the larger page doubles it


def _seconds(fmt: str, text: str) -> float:
    doc = SourceDocument(id="g", path=f"g.{ {'text': 'txt', 'markdown': 'md', 'html': 'html'}[fmt] }", kind="scraped",
                         format=fmt, text=text)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        result = scrape(doc)
        best = min(best, time.perf_counter() - started)
    assert not any("could not be read" in p.message for p in result.problems), result.problems  # read, not given up
    return best


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_doubling_the_page_at_most_triples_the_time(family):
    fmt, make = FAMILIES[family]
    _seconds(fmt, make(START // 4))  # warm the caches (rules, regexes)
    small, large = _seconds(fmt, make(START)), _seconds(fmt, make(2 * START))
    assert large <= 3 * small + 0.05, f"{family}: {small:.3f} s -> {large:.3f} s for twice the page"
