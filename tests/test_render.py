import json

import markdown
import pytest

from generator import render
from generator.models import Block, Entry, KnowledgeBase, Question, SourceDocument, SourceMeta, Topic

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.details",
              "pymdownx.superfences", "pymdownx.tabbed"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def doc(id_, title="", company=""):
    return SourceDocument(id=id_, path=f"{id_}.txt", kind="scraped", format="text", text="",
                          meta=SourceMeta(title=title, company=company))


TOPICS = (
    Topic("peft", "参数高效微调", "Parameter-efficient fine-tuning"),
    Topic("lora", "LoRA", "LoRA", parent="peft"),
    Topic("rag", "RAG", "Retrieval-augmented generation"),
    Topic("uncategorized", "未分类", "Uncategorized"),
)


def make_kb():
    q1 = Question("a", 0, "讲一下 LoRA 实现原理?", "2.4 微调", (Block("paragraph", "旁路低秩矩阵 A 和 B。"),))
    q2 = Question("b", 0, "LoRA原理", "", (Block("paragraph", "冻结原权重,只训练两个低秩矩阵,推理时把 BA 加回权重。"),
                                           Block("code", "W = W0 + B @ A", "python")))
    q3 = Question("a", 1, "它有什么缺点?", "", (Block("paragraph", "秩太低时表达能力不足。"),), kind="followup", parent=0)
    q4 = Question("b", 1, "RAG 向量召回怎么做的?")
    q5 = Question("b", 2, "<script>alert(1)</script> [点我](javascript:alert(2))",
                  answer=(Block("paragraph", '<img src=x onerror="alert(3)"> **粗体** `x`'),))
    entries = (
        Entry("q-lora", "LoRA 的原理是什么?", (q1, q2, q3), topics=("lora", "peft"), related=("q-rag",), aliases=("q-old",)),
        Entry("q-rag", "RAG 向量召回怎么做的?", (q4,), topics=("rag",), related=("q-lora",)),
        Entry("q-evil", q5.text, (q5,), topics=()),
    )
    return KnowledgeBase(
        documents=(doc("a", "小米一面", "小米"), doc("b", "某厂二面")),
        pages=(), questions=(q1, q3, q4, q2, q5), entries=entries, topics=TOPICS, problems=(),
        merge_report="- merged",
    )


@pytest.fixture(scope="module")
def pages():
    return render.render_pages(make_kb())


def test_makes_home_topic_interview_and_index_pages(pages):
    assert set(pages) == {
        "index.md", "topics/index.md", "interviews/index.md", "maintainers/merge-report.md", "map.md",
        "topics/peft/index.md", "topics/lora/index.md", "topics/rag/index.md", "topics/uncategorized/index.md",
        "interviews/a.md", "interviews/b.md",
    }


def test_the_home_page_counts_every_topic_shown_subtopics_included(pages):
    # peft (with its subtopic lora), rag and uncategorized have entries: 4 topics, 3 at the top
    assert "2 篇面经 · 3 个问题 · 4 个专题" in pages["index.md"]


def test_entry_shows_every_wording_every_answer_and_its_sources(pages):
    html = to_html(pages["topics/lora/index.md"])
    assert 'id="q-lora"' in html and 'id="q-old"' in html
    assert "讲一下 LoRA 实现原理?" in html and "LoRA原理" in html
    assert "被问 2 次" in html
    # two answers become content tabs, the longer one first
    assert html.index("冻结原权重") < html.index("旁路低秩矩阵")
    assert "tabbed-set" in html
    assert '<code class="language-python">' in html or "highlight" in html
    assert "追问" in html and "秩太低时表达能力不足" in html
    assert "](../../interviews/a.md)" in pages["topics/lora/index.md"]


def test_entry_is_shown_once_and_listed_on_its_other_topics(pages):
    assert "{ #q-lora" in pages["topics/lora/index.md"]
    assert "{ #q-lora" not in pages["topics/peft/index.md"]
    assert "../lora/index.md#q-lora" in pages["topics/peft/index.md"]


def test_unanswered_question_invites_a_contribution(pages):
    html = to_html(pages["topics/rag/index.md"])
    assert "暂无回答" in html and "contributing.md" in pages["topics/rag/index.md"]


def test_entries_without_topic_land_on_the_uncategorized_page(pages):
    assert "{ #q-evil" in pages["topics/uncategorized/index.md"]


def test_scraped_text_stays_inert(pages):
    for path in ("topics/uncategorized/index.md", "interviews/b.md", "index.md"):
        html = to_html(pages[path])
        assert "<script" not in html
        assert "<img" not in html
        assert 'href="javascript' not in html
    html = to_html(pages["topics/uncategorized/index.md"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "**粗体**" in html  # Markdown in scraped text is shown, not applied


def test_interview_page_keeps_document_order_and_links_each_question(pages):
    text = pages["interviews/b.md"]
    assert text.index("LoRA原理") < text.index("RAG 向量召回")
    assert "../topics/lora/index.md#q-lora" in text and "../topics/rag/index.md#q-rag" in text


def test_related_links_point_to_the_entry_page(pages):
    assert "**相关问题:**[RAG 向量召回怎么做的?](../rag/index.md#q-rag)" in pages["topics/lora/index.md"]
    assert "(../lora/index.md#q-lora)" in pages["topics/rag/index.md"]


def test_code_fence_cannot_be_closed_by_the_code():
    fence = render.code_fence("print('```')", "python")
    assert fence.startswith("````python\n") and fence.endswith("\n````")


def test_kb_json_has_the_documented_shape():
    data = json.loads(render.kb_json(make_kb()))
    assert set(data) >= {"sources", "topics", "questions"}
    assert data["sources"][0] == {**data["sources"][0], "id": "a", "path": "a.txt", "title": "小米一面", "kind": "scraped"}
    assert {"slug": "lora", "title": "LoRA", "url": "topics/lora/"}.items() <= data["topics"][1].items()
    lora = data["questions"][0]
    assert lora["id"] == "q-lora"
    assert lora["url"] == "topics/lora/#q-lora"
    assert lora["topics"] == ["lora", "peft"]
    assert lora["asked"] == [{"source": "a", "text": "讲一下 LoRA 实现原理?"}, {"source": "b", "text": "LoRA原理"}]
    assert lora["followups"] == [{"source": "a", "text": "它有什么缺点?", "answer": "秩太低时表达能力不足。"}]
    assert lora["answers"][0]["source"] == "b" and "```python" in lora["answers"][0]["markdown"]
    assert lora["related"] == ["q-rag"] and lora["snippet"] is None
    assert data["questions"][2]["url"] == "topics/uncategorized/#q-evil"


def test_kb_json_has_one_record_per_line():
    text = render.kb_json(make_kb())
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    records = [json.loads(line.rstrip(",")) for line in lines if line.startswith("{\"")]
    data = json.loads(text)
    assert records == data["sources"] + data["topics"] + data["questions"]


def test_rendering_is_deterministic():
    assert render.render_pages(make_kb()) == render.render_pages(make_kb())
    assert render.kb_json(make_kb()) == render.kb_json(make_kb())


def test_nav_nests_topics_as_the_taxonomy_does(pages):
    nav = render.nav(make_kb(), pages, extra=[{"关于": "about.md"}])
    assert nav[0] == {"首页": "index.md"}
    topics = nav[1]["专题"]
    assert topics[0] == "topics/index.md"
    assert {"参数高效微调": ["topics/peft/index.md", {"LoRA": "topics/lora/index.md"}]} in topics
    assert {"关于": "about.md"} in nav


def test_scraped_parentheses_brackets_and_dollars_are_never_math():
    text = render.md_text("softmax(QK^T) 的复杂度 [O(n^2)] 价格 $5 到 $10 之间")
    html = markdown.markdown(text, extensions=["pymdownx.arithmatex"], extension_configs={
        "pymdownx.arithmatex": {"generic": True, "inline_syntax": ["dollar"], "block_syntax": ["dollar"]}})
    assert "arithmatex" not in html
    assert "softmax(QK^T)" in html and "[O(n^2)]" in html and "$5 到 $10" in html


def test_nav_lists_interviews_one_by_one_only_while_they_are_few(pages):
    few = render.nav(make_kb(), pages)
    assert {"小米一面": "interviews/a.md"} in few[2]["面经"]
    kb = make_kb()
    many = tuple(doc(f"d{i:03}", f"面经 {i}") for i in range(render.NAV_INTERVIEWS_MAX + 1))
    crowded = render.nav(KnowledgeBase(documents=many, pages=(), questions=(), entries=kb.entries[:1],
                                       topics=kb.topics, problems=()), pages)
    assert crowded[2]["面经"] == ["interviews/index.md"]  # the index lists them all


@pytest.mark.parametrize("page_title, shown", [
    ("阿里通义大模型一面面经", "阿里通义大模型一面面经"),  # the page's own <title>, <h1> or first line
    ("暑期实习基本结束了,校招即将开启,求职者在变多,HC 在变少,岗位要求还更高了,提前准备才是完全之策。", "c"),
    ("一面", "c"),  # too short to say which interview
    ("1. 什么是梯度消失?", "c"),  # a page without a title line: its first question is not a title
    ("", "c"),  # nothing: the file name
])
def test_an_interview_without_metadata_takes_its_title_from_the_page(page_title, shown):
    assert render.document_title(doc("c"), page_title) == shown
    assert render.document_title(doc("c", "元数据标题"), page_title) == "元数据标题"


def test_the_page_title_is_used_everywhere_the_interview_is_named():
    from dataclasses import replace

    from generator.models import Page

    kb = make_kb()
    kb = replace(kb, documents=(kb.documents[0], doc("b")), pages=(Page(source=doc("b"), title="字节大模型二面", lines=()),))
    pages = render.render_pages(kb)
    assert "# 字节大模型二面" in pages[render.source_path("b")]
    assert "[字节大模型二面]" in pages[render.INTERVIEWS_INDEX] and "[字节大模型二面]" in pages[render.topic_path("rag")]
    assert {"字节大模型二面": render.source_path("b")} in render.nav(kb, pages)[2]["面经"]
    assert json.loads(render.kb_json(kb))["sources"][1]["title"] == "字节大模型二面"


def _replied(*texts: str, kind: str = "paragraph") -> Question:
    return Question("a", 5, "讲一下 PPO 的原理?", answer=tuple(Block(kind, t) for t in texts))


@pytest.mark.parametrize("reply, non_answer", [
    ("这块我没有太了解过。", True),
    ("强化学习这一块我可能了解确实是不算多啊。", True),
    ("PPO 用裁剪的重要性采样比限制每次更新的幅度。", False),
    ("LayerNorm 不会受 batch 大小影响。", False),  # "不会" inside a real answer
    ("我不太清楚," + "但是" * 40, False),  # long: it says more than "I don't know"
])
def test_a_reply_that_only_says_i_do_not_know_is_not_an_answer(reply, non_answer):
    assert render.is_non_answer(_replied(reply)) is non_answer


def test_a_non_answer_asks_for_a_contribution_and_is_still_shown():
    from dataclasses import replace

    q = _replied("这块我没有太了解过。")
    kb = make_kb()
    kb = replace(kb, questions=kb.questions + (q,),
                 entries=kb.entries + (Entry("q-ppo", q.text, (q,), topics=("rag",)),))
    pages = render.render_pages(kb)
    entry = pages[render.topic_path("rag")].split("{ #q-ppo .kb-entry }")[1].split("\n## ")[0]
    assert '!!! question "暂无回答"' in entry and "面试时的回复(未作答):这块我没有太了解过。" in entry
    interview = [line for line in pages[render.source_path("a")].splitlines() if "PPO" in line]
    assert interview and "有回答" not in interview[0]
    data = next(e for e in json.loads(render.kb_json(kb))["questions"] if e["id"] == "q-ppo")
    assert data["answers"] == [] and data["non_answers"] == [{"source": "a", "text": "这块我没有太了解过。"}]
    assert not render.is_non_answer(_replied("我不太清楚", kind="code"))  # code is always an answer


def test_an_alias_that_repeats_a_scraped_wording_is_listed_once():
    scraped = Question("a", 3, "那讲一下贝尔曼方程是什么原理呢。")
    own = Question("c", 0, "贝尔曼方程是什么?", kind="contributed", answer=(Block("markdown", "见下。"),))
    alias = Question("c", 1, "那讲一下贝尔曼方程是什么原理呢。 ", kind="alias")
    other = Question("c", 2, "讲一下贝尔曼方程的原理", kind="alias")
    entry = Entry("q-b", own.text, (scraped, own, alias, other))
    assert render.asked_wordings(entry) == [scraped, own, other]
