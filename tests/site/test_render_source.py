"""The page of one interview, read as the interview went: sections in
document order (no invented heading before the first one, none repeating the
title), each question with this interview's answer, its follow-ups under it,
and a link to its entry saying what other answers it has; no internal path."""

import re

from generator.site import render
from generator.model import Block, Entry, KnowledgeBase, Question, SourceDocument, SourceMeta, Topic

TEXT = """小米 NLP 一面
1. 自我介绍
我叫小王。
2. 技术问题
2.5 RAG 相关面试题
  1. 聊一下RAG项目总体思路?
  2. 使用外挂知识库主要是为了解决什么问题?
2.6 Agent 相关面试题
  1. 了解 Ai Agent 么?
2.1 self-attention的计算方式?
2.2 说一下 transformer的模型架构和细节?
3. Leetcode 题
两数之和
"""

TOPICS = (Topic("rag", "RAG", "RAG"), Topic("uncategorized", "未分类", "Uncategorized"))


def _doc(id_: str, text: str = "") -> SourceDocument:
    return SourceDocument(id=id_, path=f"{id_}.txt", kind="scraped", format="text", text=text,
                          meta=SourceMeta(title=f"面经 {id_}"))


def _questions(source: str) -> list[Question]:
    """What segment makes of TEXT (2.1 and 2.2 go under heading 2, 技术问题)."""
    answer = (Block("paragraph", "我叫小王。"),)
    rows = [
        ("自我介绍", "", 2, answer),
        ("聊一下RAG项目总体思路?", "RAG 相关面试题", 6, ()),
        ("使用外挂知识库主要是为了解决什么问题?", "RAG 相关面试题", 7, ()),
        ("了解 Ai Agent 么?", "Agent 相关面试题", 9, ()),
        ("self-attention的计算方式?", "技术问题", 10, ()),
        ("说一下 transformer的模型架构和细节?", "技术问题", 11, ()),
        ("两数之和", "Leetcode 题", 13, ()),
    ]
    return [Question(source, i, text, category, answer, "problem" if text == "两数之和" else "question", line=line)
            for i, (text, category, line, answer) in enumerate(rows)]


def make_kb() -> KnowledgeBase:
    mine = _questions("a")
    # another interview answers self-attention; a contribution answers transformer
    other = Question("b", 0, "self-attention原理", "", (Block("paragraph", "QK^T 缩放后 softmax,再乘 V。"),), line=1)
    curated = Question("c", 0, "Transformer 的结构", "", (Block("paragraph", "编码器和解码器。"),), kind="contributed")
    entries = [Entry(f"q-{q.position}", q.text, (q,), topics=("rag",)) for q in mine if q.position not in (4, 5)]
    entries += [Entry("q-attn", "self-attention 的计算方式", (mine[4], other), topics=("rag",)),
                Entry("q-tf", "transformer 的结构", (mine[5], curated), topics=("rag",))]
    contribution = SourceDocument(id="c", path="contrib/rag/tf.md", kind="contributed", format="markdown", text="")
    return KnowledgeBase(
        documents=(_doc("a", TEXT), _doc("b", "self-attention原理"), contribution),
        pages=(), questions=tuple(mine) + (other, curated), entries=tuple(entries), topics=TOPICS, problems=(),
    )


def headings_and_items(page: str) -> list[str]:
    """The section headings and the questions (without their anchors), in page order."""
    return [re.sub(r" \{ #n\d+ \}$", "", line) for line in page.splitlines()
            if line.startswith("#") and not line.startswith("# ")]


def turn_of(page: str, question: str) -> str:
    """The part of the page from a question's heading to the next question's."""
    return page.split(question, 1)[1].split("\n### ", 1)[0]


def test_questions_before_the_first_section_have_no_invented_heading():
    page = render.render_pages(make_kb())["interviews/a.md"]
    lines = headings_and_items(page)
    assert lines[0] == "### 1. 自我介绍"
    assert "## 其他" not in page
    assert [l for l in lines if l.startswith("## ")] == [
        "## RAG 相关面试题", "## Agent 相关面试题", "## 技术问题", "## Leetcode 题"]  # in document order


def test_questions_without_a_section_after_the_sections_go_under_other():
    kb = make_kb()
    late = Question("a", 7, "你有什么想问的?", "", line=14)
    kb = KnowledgeBase(documents=kb.documents, pages=(), questions=kb.questions + (late,),
                       entries=kb.entries + (Entry("q-late", late.text, (late,)),), topics=TOPICS, problems=())
    lines = headings_and_items(render.render_pages(kb)["interviews/a.md"])
    assert lines[-2:] == ["## 其他", "### 8. 你有什么想问的?"]


def test_each_question_has_its_own_answer_and_says_what_other_answers_its_entry_has():
    page = render.render_pages(make_kb())["interviews/a.md"]
    intro = turn_of(page, "### 1. 自我介绍")
    assert "我叫小王。" in intro and "另有" not in intro and "[合并后的问题](" in intro  # the same title: not again
    attention = turn_of(page, "self\\-attention的计算方式?")
    assert "本场没有记下回答" in attention and "另有 1 份回答" in attention and "精选" not in attention
    transformer = turn_of(page, "说一下 transformer的模型架构和细节?")
    assert "另有 1 份回答，含精选回答" in transformer
    assert "[合并后的问题：transformer 的结构](" in transformer  # its entry's title reads differently: named
    assert "另有" not in turn_of(page, "聊一下RAG项目总体思路?")


def test_a_long_answer_is_folded_and_a_follow_up_sits_under_its_question():
    from dataclasses import replace

    kb = make_kb()
    long_answer = (Block("paragraph", "很长的回答。" * 80),)
    intro = replace(kb.questions[0], answer=long_answer)
    followup = Question("a", 20, "那你的研究方向是什么?", "", (Block("paragraph", "对话系统。"),), kind="followup",
                        parent=0, line=3)
    questions = (intro, followup) + kb.questions[1:]
    entries = tuple(replace(e, questions=(intro, followup)) if e.id == "q-0" else e for e in kb.entries)
    page = render.render_pages(replace(kb, questions=questions, entries=entries))["interviews/a.md"]
    turn = turn_of(page, "### 1. 自我介绍")
    assert '??? quote "本场的回答' in turn
    assert '???+ note "追问：那你的研究方向是什么?"' in turn and "对话系统。" in turn
    assert "### 2. 聊一下RAG项目总体思路?" in page  # the follow-up is no question of its own


def test_a_heading_that_repeats_the_title_is_not_shown_again():
    from dataclasses import replace

    kb = make_kb()
    questions = tuple(replace(q, category="面经 a") if q.source == "a" and q.position < 2 else q for q in kb.questions)
    page = render.render_pages(replace(kb, questions=questions))["interviews/a.md"]
    body = page.split("\n---\n", 1)[1]
    assert body.count("面经 a") == 1  # the page title only


def test_a_file_name_is_not_on_its_page_whatever_it_holds():
    """A reader's page shows no internal path, so a name with a backtick, a
    table bar and a tag cannot reach it either."""
    from test_render import to_html

    name = "x`<img src=x onerror=alert(1)>`|y.txt"
    kb = make_kb()
    hostile = SourceDocument(id="a", path=name, kind="scraped", format="text", text=TEXT, meta=SourceMeta(title="面经 a"))
    kb = KnowledgeBase(documents=(hostile,) + kb.documents[1:], pages=(), questions=kb.questions, entries=kb.entries,
                       topics=kb.topics, problems=())
    html = to_html(render.render_pages(kb)["interviews/a.md"])
    assert "<img" not in html and "y.txt" not in html  # no internal path on a reader's page


def test_metadata_reaches_the_page_as_text_and_only_http_addresses_as_links(tmp_path):
    from test_render import to_html

    from generator.scrape.sources import read_sources

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "metadata.yml").write_text(
        "a.txt:\n  company: \"[内推](https://evil.example)\"\n  role: \"<b>算法</b>\"\n  url: \"javascript:alert(1)\"\n",
        encoding="utf-8")
    documents, problems = read_sources(tmp_path)
    assert [p.path for p in problems] == ["metadata.yml"] and "http(s)" in problems[0].message
    kb = make_kb()
    kb = KnowledgeBase(documents=(documents[0],) + kb.documents[1:], pages=(), questions=kb.questions,
                       entries=kb.entries, topics=kb.topics, problems=())
    html = to_html(render.render_pages(kb)["interviews/a.md"])
    assert "evil.example" not in html.split("[内推]")[0] and 'href="https://evil' not in html
    assert "<b>" not in html and "javascript" not in html
    assert "[内推](https://evil.example)" in html  # shown as written


def test_an_http_address_is_a_link_with_its_markup_characters_encoded():
    from generator.site.escape import link_url

    assert link_url("https://example.com/a_(b)?q=1") == "https://example.com/a_%28b%29?q=1"
    assert link_url("javascript:alert(1)") == "" and link_url("//evil.example") == "" and link_url("") == ""


def _primary_nav(html: str) -> str:
    start = html.index('class="md-nav md-nav--primary"')
    return html[start:html.index('md-sidebar--secondary', start)]


def test_an_interview_page_carries_the_navigation_first_level_only(built_site):
    """Thousands of interview pages: the topic tree is not repeated in each
    (it was a third of every page); a section links to its index page, or
    to its first page under its own name."""
    interview = next((built_site / "interviews").rglob("*/index.html"))
    nav = _primary_nav(interview.read_text(encoding="utf-8"))
    assert "topics/lora/" not in nav and 'data-md-level="1"' not in nav and "md-nav__item--nested" not in nav
    for section_index in ('topics/"', 'about/"'):
        assert section_index in nav
    maintainers = re.search(r'<a href="([^"]*)" class="md-nav__link">\s*<span class="md-ellipsis">\s*维护\s*</span>', nav)
    assert maintainers and maintainers.group(1).endswith("maintainers/merge-report/"), nav
    topic_nav = _primary_nav((built_site / "topics" / "lora" / "index.html").read_text(encoding="utf-8"))
    assert "self-attention/" in topic_nav and 'data-md-level="2"' in topic_nav  # topic pages keep the tree


def test_an_interview_page_describes_itself_for_search_engines():
    page = render.render_pages(make_kb())["interviews/a.md"]
    front = page.split("\n---\n", 1)[0]
    assert 'description: "面经 a：7 个面试问题"' in front
