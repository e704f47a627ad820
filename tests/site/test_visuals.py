"""The build-time pictures (generator/site/visuals.py): the topic map's labels and
the Chinese punctuation of the text the charts and the map carry."""

import re
from html import unescape

import pytest

from generator.site import render, visuals
from generator.model import (
    Block,
    Entry,
    KnowledgeBase,
    Question,
    SourceDocument,
    SourceMeta,
    Topic,
)
from sitebuild import PROJECT

ROOT = PROJECT
HALF_WIDTH_NEXT_TO_CHINESE = re.compile(r"[\u4e00-\u9fff][(),:;?]|[(),:;?][\u4e00-\u9fff]")

TOPICS = (
    Topic("transformer", "Transformer", "Transformer"),
    Topic("attention", "自注意力", "Self-attention", parent="transformer"),
    Topic("rlhf", "RLHF 与强化学习", "RLHF and reinforcement learning"),
    Topic("rag", "RAG 检索增强生成", "Retrieval-augmented generation"),
    Topic("uncategorized", "未分类", "Uncategorized"),
)
TITLES = {
    "transformer": ["Transformer 的结构是什么?", "为什么要除以根号 d,不除会怎样?"],
    "attention": ["多头注意力的作用"],
    "rlhf": ["PPO 和 DPO 有什么区别?请从训练稳定性、数据需求和实现复杂度几个方面展开讲一讲,再说说各自的适用场景"],
    "rag": ["RAG 向量召回怎么做的?", "讲一下 RAG 的链路"],
}


def make_kb() -> KnowledgeBase:
    docs = (SourceDocument(id="a", path="a.txt", kind="scraped", format="text", text="",
                           meta=SourceMeta(title="某厂一面", company="某厂", role="算法工程师")),)
    questions, entries = [], []
    for slug, titles in TITLES.items():
        for text in titles:
            q = Question("a", len(questions), text, answer=(Block("paragraph", "答案。"),))
            questions.append(q)
            entries.append(Entry(f"q-{len(entries)}", text, (q,), topics=(slug,)))
    return KnowledgeBase(documents=docs, pages=(), questions=tuple(questions), entries=tuple(entries),
                         topics=TOPICS, problems=(), merge_report="")


@pytest.fixture(scope="module")
def pages():
    return render.render_pages(make_kb())


@pytest.fixture(scope="module")
def svg(pages):
    found = re.search(r'<svg class="kb-map".*?</svg>', pages[visuals.MAP_PAGE], re.DOTALL)
    assert found
    return found.group(0)


def topic_labels(svg: str) -> dict[str, str]:
    """slug -> the label drawn beside its node, lines joined by a space."""
    out = {}
    for slug, text in re.findall(r'data-topic="([^"]+)">.*?<text[^>]*>(.*?)</text>', svg):
        out[slug] = " ".join(unescape(t) for t in re.findall(r"<tspan[^>]*>(.*?)</tspan>", text))
    return out


def test_topic_labels_on_the_map_are_whole(svg):
    labels = topic_labels(svg)
    assert labels == {t.slug: t.title for t in TOPICS if t.slug in labels}
    assert {"transformer", "rlhf", "rag", "attention"} <= set(labels)
    assert "…" not in "".join(labels.values())


def test_long_topic_titles_wrap_onto_two_lines_that_fit():
    assert visuals.topic_label_lines("Transformer") == ["Transformer"]
    assert visuals.topic_label_lines("RAG 检索增强生成") == ["RAG", "检索增强生成"]
    assert visuals.topic_label_lines("参数高效微调") == ["参数高效微调"]
    lines = visuals.topic_label_lines("大语言模型的推理加速与部署")
    assert "".join(lines) == "大语言模型的推理加速与部署" and len(lines) == 2
    assert max(visuals.text_em(line) for line in lines) <= visuals.text_em("大语言模型的推理加速与部署") / 2 + 1  # balanced


def test_topic_labels_do_not_overlap(svg):
    boxes = []
    for anchor, text in re.findall(r'data-topic="[^"]+">.*?<text text-anchor="(\w+)"[^>]*>(.*?)</text>', svg):
        lines = re.findall(r'<tspan x="([-\d.]+)" y="([-\d.]+)">(.*?)</tspan>', text)
        w = max(visuals.text_em(unescape(t)) for _, _, t in lines) * visuals.TOPIC_FONT
        lx, top = float(lines[0][0]), float(lines[0][1]) - visuals.TOPIC_FONT * 0.6
        x0 = lx if anchor == "start" else lx - w if anchor == "end" else lx - w / 2
        boxes.append((x0, top, x0 + w, top + visuals.TOPIC_FONT * 1.2 * len(lines)))
    assert len(boxes) >= 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not visuals._overlaps(a, b, 0), (a, b)


def test_question_labels_are_horizontal_readable_tooltips(svg):
    assert "rotate(" not in svg
    entries = re.findall(r'<a class="kb-map__entry"[^>]*aria-label="([^"]*)">(.*?)</a>', svg)
    assert len(entries) == sum(len(v) for v in TITLES.values())
    for title, body in entries:
        assert 'class="kb-map__hit"' in body and 'r="11"' in body  # a target a finger can hit
        tip = re.search(r'<g class="kb-map__tip"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"', body)
        assert tip, body
        shown = "".join(unescape(t) for t in re.findall(r"<tspan[^>]*>(.*?)</tspan>", body))
        words = " ".join(unescape(title).split())
        if len(words) <= 30:
            assert shown.replace(" ", "") == words.replace(" ", "")
        else:  # at most three lines, cut with an ellipsis
            assert shown.endswith("…") and words.replace(" ", "").startswith(shown[:-1].replace(" ", ""))
    # the tooltips lie inside the picture
    vx, vy, vw, vh = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    for x, y, w, h in re.findall(r'<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg):
        assert vx <= float(x) and float(x) + float(w) <= vx + vw and vy <= float(y) and float(y) + float(h) <= vy + vh


def test_the_stylesheet_shows_question_tooltips_on_hover_and_focus_at_a_readable_size():
    css = (ROOT / "docs/assets/kb-site.css").read_text(encoding="utf-8")
    assert re.search(r"\.kb-map__tip \{[^}]*display: none", css)
    assert re.search(r"\.kb-map__entry:hover \.kb-map__tip, \.kb-map__entry:focus \.kb-map__tip,\s*"
                     r"\.kb-map__entry--shown \.kb-map__tip \{ display: inline", css)  # --shown: a tap (kb-site.js)
    size = float(re.search(r"\.kb-map__tip text \{[^}]*font-size: ([\d.]+)px", css).group(1))
    assert size == visuals.TIP_FONT >= 14
    topic = float(re.search(r"\.kb-map__topic text \{[^}]*font-size: ([\d.]+)px", css).group(1))
    assert topic == visuals.TOPIC_FONT


def test_the_map_is_the_same_bytes_on_every_build(pages):
    assert render.render_pages(make_kb())[visuals.MAP_PAGE] == pages[visuals.MAP_PAGE]
    assert render.render_pages(make_kb())[render.HOME_PAGE] == pages[render.HOME_PAGE]


def _svg_and_caption_text(page: str) -> list[str]:
    """Our own words in the pictures: titles, labels, captions, aria-labels."""
    texts = re.findall(r"<(?:title|figcaption|text|tspan)[^>]*>([^<]+)<", page)
    texts += re.findall(r'aria-label="([^"]*)"', page)
    return [unescape(t) for t in texts]


def test_the_pictures_use_full_width_chinese_punctuation(pages):
    scraped = {e.title for e in make_kb().entries}
    for path in (visuals.MAP_PAGE, render.HOME_PAGE):
        assert "<svg" in pages[path]
        for text in _svg_and_caption_text(pages[path]):
            if any(text.strip(" …") in title for title in scraped):
                continue  # a question's title, as scraped (or a line of it in its tooltip)
            assert not HALF_WIDTH_NEXT_TO_CHINESE.search(text), f"{path}: {text!r}"
    # a count after an English or Chinese name: full-width colon
    assert "<title>Transformer：2 个问题</title>" in pages[visuals.MAP_PAGE]
    assert "RAG 检索增强生成：2 个问题" in pages[visuals.MAP_PAGE]
    assert "RAG 检索增强生成：2 个问题" in pages[render.HOME_PAGE] and "Retrieval" not in pages[render.HOME_PAGE]
    assert "每个专题的问题数（点击打开专题）" in pages[render.HOME_PAGE]
    assert "按公司：面经里被问到的不同问题数" in pages[render.HOME_PAGE]


def _string_literals(js: str) -> list[str]:
    js = re.sub(r"/\*.*?\*/|^\s*//.*$", "", js, flags=re.DOTALL | re.MULTILINE)
    return [m.group(0) for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`', js)]


def test_the_code_cell_uses_full_width_chinese_punctuation():
    js = (ROOT / "generator/assets/cell.js").read_text(encoding="utf-8")
    bad = [s for s in _string_literals(js) if HALF_WIDTH_NEXT_TO_CHINESE.search(s)]
    assert not bad, bad
    bundle = (ROOT / "generator/assets/build/cell.bundle.js").read_text(encoding="utf-8")
    bundle = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), bundle)
    for text in ["原始代码在你上次编辑之后更新过，编辑器里", "已载入你上次的修改（保存在本浏览器中）。",
                 "每个参数写成 JSON（如 [1,2,3]）；期望输出由参考答案算出。"]:
        assert text in js and text in bundle, text  # the bundle is rebuilt from the source


def test_the_list_under_the_map_names_the_most_asked_and_sends_the_rest_to_the_topic_page(monkeypatch):
    monkeypatch.setattr(visuals, "MAP_LIST_PER_TOPIC", 1)
    page = render.render_pages(make_kb())[visuals.MAP_PAGE]
    listed = page[page.index("## 按专题列出"):]
    assert "Transformer 的结构是什么?" in listed and "为什么要除以根号 d" not in listed
    assert "其余 1 个问题见[Transformer专题](topics/transformer/index.md)" in listed
    assert "其余" not in listed[listed.index("### [自注意力]"):listed.index("### [RLHF")]  # one question: all of it
