import json
import re

import markdown
import pytest

from generator.site import render
from generator.model import Block, Entry, KnowledgeBase, Question, SourceDocument, SourceMeta, Topic
from sitebuild import PROJECT

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
        "index.md", "topics/index.md", "interviews/index.md", "maintainers/merge-report.md", "maintainers/problems.md",
        "map.md",
        "topics/peft/index.md", "topics/lora/index.md", "topics/rag/index.md", "topics/uncategorized/index.md",
        "interviews/a.md", "interviews/b.md",
    }


def test_the_home_page_counts_every_topic_shown_subtopics_included(pages):
    # peft (with its subtopic lora), rag and uncategorized have entries: 4 topics, 3 at the top
    assert "2 篇面经 · 3 个问题（合并自 5 个问法，含 1 个追问）· 4 个专题" in pages["index.md"]


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
    assert "**相关问题：**[RAG 向量召回怎么做的?](../rag/index.md#q-rag)" in pages["topics/lora/index.md"]
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

    from generator.model import Page

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
    assert '!!! question "暂无回答"' in entry and "面试时的回复（未作答）：这块我没有太了解过。" in entry
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


# ---- counts: 问题 = an entry, 问法 = a wording (follow-ups included), 追问 = a follow-up

def test_every_count_says_what_it_counts(pages):
    from dataclasses import replace

    # document a: one question and one follow-up; b: three questions; 5 wordings merged into 3 entries
    assert "1 个问题，1 个追问" in pages[render.source_path("a")]
    assert "3 个问题" in pages[render.source_path("b")] and "追问" not in pages[render.source_path("b")]
    index = pages[render.INTERVIEWS_INDEX]
    assert "| 面经 | 公司 | 岗位 | 问法数 |" in index
    assert "| 2（含 1 个追问） |" in index and "| 3 |" in index
    assert "共 5 个问法（含 1 个追问）" in index and "共 3 个问题" in index and "贡献者" not in index
    assert "3 个问题（合并自 5 个问法，含 1 个追问）" in pages[render.HOME_PAGE]
    # wordings from contributions: the index says how the interviews' count becomes the home page's
    kb = make_kb()
    own = Question("c", 0, "RAG 怎么做召回?", kind="contributed", answer=(Block("markdown", "向量检索。"),))
    contrib = SourceDocument(id="c", path="contrib/rag/recall.md", kind="contributed", format="markdown", text="")
    entries = (kb.entries[0], replace(kb.entries[1], questions=kb.entries[1].questions + (own,)), kb.entries[2])
    kb = replace(kb, documents=kb.documents + (contrib,), questions=kb.questions + (own,), entries=entries)
    # a topic page says how many of its questions practice mode can show (the answered ones)
    assert "1 个问题 · 本页 0 个有回答" in pages[render.topic_path("rag")]
    assert "个有回答" not in pages[render.topic_path("lora")]
    pages = render.render_pages(kb)
    assert "1 个问题</span>" in pages[render.topic_path("rag")]
    assert "共 5 个问法（含 1 个追问）。加上贡献者补充的 1 个问法" in pages[render.INTERVIEWS_INDEX]
    assert "3 个问题（合并自 6 个问法，含 1 个追问）" in pages[render.HOME_PAGE]


def test_the_home_page_lists_only_questions_asked_more_than_once(pages):
    home = pages[render.HOME_PAGE]
    most_asked = home.split("## 最常被问的问题")[1].split("\n## ")[0]
    assert "LoRA 的原理是什么?" in most_asked and "被问 2 次" in most_asked
    assert "被问 1 次" not in most_asked and "RAG 向量召回" not in most_asked


def test_the_home_page_leaves_out_the_most_asked_list_when_nothing_was_asked_twice():
    from dataclasses import replace

    kb = make_kb()
    kb = replace(kb, entries=tuple(replace(e, questions=tuple(q for q in e.questions if q.source == "a"))
                                   if e.id == "q-lora" else e for e in kb.entries))
    home = render.render_pages(kb)[render.HOME_PAGE]
    assert "最常被问的问题" not in home and "被问 1 次" not in home
    assert "## 专题" in home


# ---- our own Chinese UI text uses full-width punctuation

HALF_WIDTH_NEXT_TO_CHINESE = re.compile(r"[\u4e00-\u9fff][(),:;]|[(),:;][\u4e00-\u9fff]")


def _ui_text(markdown_text: str) -> str:
    """A page without what is not our prose: front matter, link targets,
    attribute lists, HTML tags, and the charts (generator/site/visuals.py)."""
    text = markdown_text.split("\n---\n", 1)[-1]
    text = re.sub(r"<svg.*?</svg>|<figcaption>.*?</figcaption>", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)|\{[^}]*\}|<[^>]*>", "", text)
    return text


def test_the_pages_use_full_width_chinese_punctuation(pages):
    # scraped and contributed text keeps its own punctuation: left out of the check
    kb = make_kb()
    scraped = {t for q in kb.questions for t in (q.text, *(b.text for b in q.answer))}
    scraped = sorted(scraped | {render.md_text(t) for t in scraped} | {render.answer_markdown(q.answer) for q in kb.questions},
                     key=len, reverse=True)
    for path, text in pages.items():
        for t in scraped:
            text = text.replace(t, "") if t else text
        found = HALF_WIDTH_NEXT_TO_CHINESE.findall(_ui_text(text))
        assert not found, f"{path}: {found}"
    lora = pages[render.topic_path("lora")]
    assert "**回答**（2 份，最完整的在前）" in lora
    assert '??? note "追问（1）"' in lora and "**追问：它有什么缺点?**（来源：" in lora
    # a tab names its interview; under it, a link to the question on that interview's page
    assert re.search(r"<small>\[在面经里看这一问\]\(\.\./\.\./interviews/a\.md#n\d+\)(，原问法：|</small>)", lora)
    assert '???+ note "追问：它有什么缺点?"' in pages[render.source_path("a")]
    assert "另有 1 份回答" in pages[render.source_path("a")]


@pytest.mark.parametrize("asset, ui_text", [
    ("docs/assets/kb-practice.js", ">练习模式：<span"),
    ("docs/assets/kb-practice.js", "开启后回答默认折叠，点「显示答案」再看。"),
    ("docs/assets/kb-random.js", "题库没有加载成功，请稍后再试。"),
    ("docs/assets/kb-random.js", "还没有回答，"),
    ("docs/assets/kb-topic.js", "，要复习 "),
    ("generator/assets/kb-cells.js", "代码单元加载失败："),
])
def test_the_scripts_use_full_width_chinese_punctuation(asset, ui_text):
    source = (PROJECT / asset).read_text(encoding="utf-8")
    assert ui_text in source
    strings = re.findall(r'"([^"\n]*)"|\'([^\'\n]*)\'', source)
    found = [s for pair in strings for s in pair if HALF_WIDTH_NEXT_TO_CHINESE.search(re.sub(r"<[^>]*>", "", s))]
    assert not found, found


# ---- the merge report (维护): Chinese first, then English

def test_the_merge_report_explains_itself_in_chinese_first():
    from generator.merge.dedupe import MergeGroup, MergeReport, Step

    report = MergeReport(
        questions=5, entries=3,
        groups=(MergeGroup("q-lora", "LoRA 的原理是什么?", ("讲一下 LoRA 实现原理?  (a#0)", "LoRA原理  (b#0)"),
                           (Step("讲一下 LoRA 实现原理?", "LoRA原理", 0.8, "near"),)),),
        close_calls=(Step("LoRA原理", "QLoRA原理", 0.5, "entity"),),
        overrides=("force ['a', 'b']: active 生效",),
        orphans=("它有什么缺点?  (a#1)",),
    ).to_markdown()
    assert "5 个问法（含追问）合并成 3 个问题。" in report
    assert report.index("`forbid`（禁止合并）") < report.index("Fix a wrong merge")
    assert "近似 / same entities and intent" in report and "实体不同 / names different things" in report
    lines = report.splitlines()
    for number, line in enumerate(lines):
        prose = line.strip() and not line.startswith(("#", "-", " "))
        if prose and not re.search(r"[\u4e00-\u9fff]", line):  # an English sentence follows its Chinese one
            assert re.search(r"[\u4e00-\u9fff]", lines[number - 1]), line
        if prose and re.search(r"[\u4e00-\u9fff]", line):
            assert not HALF_WIDTH_NEXT_TO_CHINESE.search(line), line


def test_edit_links_encode_the_file_name():
    """A quote or a bracket in a file name cannot leave the theme's href."""
    links = render.RepoLinks(repo_url="https://github.com/org/repo")
    url = links.edit_url('contrib/rag/a" onmouseover="alert(1) <x>.md')
    assert url == "https://github.com/org/repo/edit/main/sources/contrib/rag/a%22%20onmouseover%3D%22alert%281%29%20%3Cx%3E.md"
    assert links.file_edit_url("docs/a b.md").endswith("/docs/a%20b.md")


def test_the_problems_of_the_build_are_a_page_for_maintainers():
    """What the terminal says is on the site too: every problem, escaped."""
    from generator.model import Problem

    kb = make_kb()
    kb = kb.__class__(**{**kb.__dict__, "problems": (
        Problem("scraped/x<img src=y onerror=alert(1)>.txt", "no interview question found; check the page", 0),
        Problem("contrib/rag/a.md", "unknown field 'questoin'; did you mean 'question'?", 2))})
    html = to_html(render.render_pages(kb)["maintainers/problems.md"])
    assert "<img" not in html
    assert "unknown field 'questoin'" in html.replace("&#x27;", "'") and "contrib/rag/a.md" in html
    assert "2 个源文件问题" in html
    assert "没有源文件问题" in to_html(render.render_pages(make_kb())["maintainers/problems.md"])


def test_inline_text_stays_on_one_line():
    """A title with line breaks in it would end the tab or admonition it sits in."""
    from generator.site.escape import md_line, md_text

    assert md_line("第一行\n\n```text\n# {x}\u2028下一行") == md_text("第一行 ```text # {x} 下一行")
    assert "\n" not in md_line("a\r\nb\x0cc\u2029d")


def test_every_runnable_problem_has_a_page_listed_on_the_code_page_most_asked_first():
    from dataclasses import replace

    kb = make_kb()
    asked = replace(kb.entries[0], snippet="lora")  # an entry whose question is a runnable problem
    kb = replace(kb, entries=(asked,) + kb.entries[1:])
    code = [render.CodeProblem("never-asked", "没人问过的题", "困难", "采样", None, "CELL-never"),
            render.CodeProblem("lora", "手写 LoRA 层", "中等", "微调", 42, "CELL-lora")]
    pages = render.render_pages(kb, code)
    index = pages[render.CODE_INDEX]
    assert index.index("[手写 LoRA 层](lora.md)") < index.index("[没人问过的题](never-asked.md)")
    row = next(line for line in index.splitlines() if "手写 LoRA 层" in line)
    assert "LeetCode 42" in row and "| 中等 | 微调 | 2 次 | 小米 |" in row and 'data-problem="lora"' in row
    page = pages[render.code_path("lora")]
    assert "CELL-lora" in page and "(../topics/lora/index.md#q-lora)" in page and "问过的公司：小米" in page
    assert "还没有问到" in pages[render.code_path("never-asked")]
    # the entry shows the cell, and where to practise it alone
    topic = pages[render.topic_path("lora")]
    assert "CELL-lora" in topic and "(../../code/lora.md)" in topic
    assert "编程题" in [next(iter(item)) for item in render.nav(kb, pages)]
    assert render.CODE_INDEX not in render.render_pages(kb)  # no runnable problem: no page


def test_past_a_few_answers_the_others_are_listed_folded_each_with_its_source():
    from dataclasses import replace

    kb = make_kb()
    docs = tuple(doc(f"d{i}", f"第 {i} 篇面经") for i in range(8))
    asked = tuple(Question(f"d{i}", 0, "RAG 向量召回怎么做的?", answer=(Block("paragraph", f"第 {i} 份回答。" * (10 - i)),))
                  for i in range(8))
    entries = (kb.entries[0], replace(kb.entries[1], questions=asked), kb.entries[2])
    kb = replace(kb, documents=kb.documents + docs, questions=kb.questions + asked, entries=entries)
    page = render.render_pages(kb)[render.topic_path("rag")]
    tabs = re.findall(r'^=== "回答 (\d+) · ', page, re.M)
    assert tabs == ["1", "2", "3", "4", "5"] == [str(n) for n in range(1, render.ANSWER_TABS + 1)]
    folded = page[page.index('??? note "其余 3 份回答"'):]
    assert "**回答 6**（来源：[第 5 篇面经]" in folded and "**回答 8**（来源：[第 7 篇面经]" in folded
    assert "第 7 份回答。" in to_html(page)  # every answer is still on the page


def test_past_a_few_dozen_answers_the_shortest_are_linked_to_their_interviews_not_repeated():
    from dataclasses import replace

    kb = make_kb()
    count = render.ANSWERS_IN_FULL + 3
    docs = tuple(doc(f"d{i:02}", f"第 {i} 篇面经") for i in range(count))
    asked = tuple(Question(f"d{i:02}", 0, "RAG 向量召回怎么做的?",
                           answer=(Block("paragraph", f"第 {i} 份回答。" * (count + 1 - i)),)) for i in range(count))
    entries = (kb.entries[0], replace(kb.entries[1], questions=asked), kb.entries[2])
    kb = replace(kb, documents=kb.documents + docs, questions=kb.questions + asked, entries=entries)
    page = render.render_pages(kb)[render.topic_path("rag")]
    html = to_html(page)
    last_in_full = render.ANSWERS_IN_FULL - 1
    assert f"第 {last_in_full} 份回答。" in html and f"第 {last_in_full + 1} 份回答。" not in html
    assert "另有 3 份较短的回答" in html
    for i in range(render.ANSWERS_IN_FULL, count):  # each linked, by its interview
        assert f"第 {i} 篇面经" in html and f"d{i:02}" in page


def test_a_wording_asked_in_many_interviews_is_listed_once_with_the_first_few_named():
    from dataclasses import replace

    kb = make_kb()
    docs = tuple(doc(f"d{i}", f"第 {i} 篇面经") for i in range(5))
    same = tuple(Question(f"d{i}", 0, "RAG 向量召回怎么做的?") for i in range(5))
    entries = (kb.entries[0], replace(kb.entries[1], questions=kb.entries[1].questions + same), kb.entries[2])
    kb = replace(kb, documents=kb.documents + docs, questions=kb.questions + same, entries=entries)
    page = render.render_pages(kb)[render.topic_path("rag")]
    listed = [line for line in page.splitlines() if line.startswith("- RAG 向量召回怎么做的?")]
    assert len(listed) == 1 and "**问法**\n" in page  # one wording: no count of kinds
    assert listed[0].count("](") == render.SOURCES_PER_WORDING and listed[0].endswith("等 6 篇")


def test_a_topic_lists_the_most_asked_of_its_questions_that_live_on_another_topic_page(monkeypatch):
    page = render.render_pages(make_kb())[render.topic_path("peft")]  # LoRA's entry lives on the LoRA page
    see_also = page[page.index("## 另见"):]
    assert "[LoRA 的原理是什么?](../lora/index.md#q-lora)" in see_also and "还有" not in see_also
    monkeypatch.setattr(render, "SEE_ALSO", 0)
    see_also = render.render_pages(make_kb())[render.topic_path("peft")]
    see_also = see_also[see_also.index("## 另见"):]
    assert "LoRA 的原理是什么?" not in see_also and "还有 1 个被问得较少的，在它们的主专题页" in see_also


def test_an_entry_names_its_companies_for_the_filters_only_when_it_has_some(pages):
    metas = re.findall(r'<span class="kb-meta" data-topic="[^"]*"[^>]*>', "".join(pages.values()))
    assert metas and all('data-companies="[]"' not in m for m in metas)
    assert any("data-companies=" not in m for m in metas)
