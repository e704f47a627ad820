"""generator.contributions.contribution: one contributed Markdown file -> a Contribution and its
problems (each with the line to fix), and the questions it adds to the merge."""

from __future__ import annotations


import pytest

from generator.contributions import contribution as contrib
from generator.contributions.contribution import (ALIAS, CURATED, Contribution, contribution_template, alias_groups, parse,
                               read_contributions, suggest_slug, to_questions)
from generator.model import CONTRIBUTED, SCRAPED, Block, SourceDocument
from generator.cells.snippets import snippet_folders
from generator.merge.topics import load_taxonomy
from sitebuild import PROJECT, TESTS

FIXTURES = TESTS / "fixtures" / "contrib" / "parse"
TOPICS = {t.slug for t in load_taxonomy()}
SNIPPETS = {folder.name for folder in snippet_folders(PROJECT / "snippets")}


def document(text: str, path: str = "contrib/lora/lora-rank.md", kind: str = CONTRIBUTED) -> SourceDocument:
    return SourceDocument(id=path.rsplit(".", 1)[0], path=path, kind=kind, format="markdown", text=text)


def fixture(name: str, path: str | None = None) -> SourceDocument:
    return document((FIXTURES / name).read_text(encoding="utf-8"), path or f"contrib/lora/{name}")


def parsed(text: str, path: str = "contrib/lora/lora-rank.md"):
    return parse(document(text, path), TOPICS, SNIPPETS)


def front(*lines: str, body: str = "\n回答正文。\n") -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


def where(problems) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems]


def test_the_project_has_the_topics_and_snippets_these_tests_name():
    assert {"lora", "peft", "self-attention", "rag", "agent"} <= TOPICS
    assert "two-sum" in SNIPPETS


# --- a good file -------------------------------------------------------------------

def test_a_good_file_gives_every_field():
    doc = fixture("good.md")
    c, problems = parse(doc, TOPICS, SNIPPETS)
    assert isinstance(c, Contribution)
    assert c.document is doc
    assert c.slug == "good"
    assert c.question == "LoRA 为什么能用很少的参数完成微调?"
    assert c.topics == ("lora", "peft")
    assert c.aliases == ("LoRA 省参数的原因是什么", "讲讲 LoRA 的低秩假设")
    assert c.asked_at == "某互联网公司 大模型算法岗 一面"
    assert c.snippet == "two-sum"
    # the only problem is the raw <script>, on its own line of the file
    lines = doc.text.split("\n")
    script_line = next(i + 1 for i, line in enumerate(lines) if "<script>window" in line)
    assert where(problems) and all(p.line == script_line and "<script>" in p.message for p in problems)


def test_a_good_file_has_its_answer_sanitised_and_its_code_and_math_kept():
    c, _ = parse(fixture("good.md"), TOPICS, SNIPPETS)
    assert "<script>window" not in c.answer and "&lt;script>window.__pwned = 1" in c.answer
    assert "delta = B @ A  # <script> 在代码里原样保留" in c.answer
    assert "$B \\in \\mathbb{R}^{d \\times r}$" in c.answer
    assert not c.answer.startswith("\n") and not c.answer.endswith("\n")
    assert c.answer.startswith("微调时权重的变化量")


def test_body_line_is_the_line_of_the_answers_first_line():
    doc = fixture("good.md")
    c, _ = parse(doc, TOPICS, SNIPPETS)
    lines = doc.text.split("\n")
    assert lines[c.body_line - 1] == c.answer.split("\n")[0]


def test_body_line_without_a_blank_line_after_the_front_matter():
    c, problems = parsed(front("question: 秩怎么选?", "topics: [lora]", body="一般从 8 开始试。\n"))
    assert problems == []
    assert c.body_line == 5 and c.answer == "一般从 8 开始试。"  # the line after the closing '---' 


def test_single_values_are_accepted_for_list_fields():
    c, problems = parsed(front("question: 秩怎么选?", "topics: lora", "aliases: LoRA 的秩取多大合适"))
    assert problems == []
    assert c.topics == ("lora",) and c.aliases == ("LoRA 的秩取多大合适",)


# --- problems, each on its line ----------------------------------------------------------

def test_no_front_matter():
    c, problems = parsed("LoRA 的秩一般取 8。\n")
    assert c is None
    assert len(problems) == 1 and problems[0].line == 1
    assert "front matter" in problems[0].message and "---" in problems[0].message


def test_an_unclosed_front_matter_is_no_front_matter():
    c, problems = parsed("---\nquestion: 秩怎么选?\ntopics: [lora]\n\n一般从 8 开始试。\n")
    assert c is None and [p.line for p in problems] == [1] and "front matter" in problems[0].message


@pytest.mark.parametrize("lines, bad_line", [
    (("question: 注意力为什么要缩放?", "topics: [self-attention]", "asked_at: 面试官问: 为什么"), 4),
    (("question: 注意力为什么要缩放?", "topics: [self-attention", "asked_at: 二面"), 4),
    (("question: 注意力: 为什么要缩放?", "topics: [self-attention]"), 2),
])
def test_invalid_yaml_is_reported_on_the_line_of_the_error(lines, bad_line):
    c, problems = parsed(front(*lines))
    assert c is None
    assert len(problems) == 1
    assert problems[0].line == bad_line
    assert problems[0].message.startswith("invalid YAML")


def test_front_matter_that_is_not_fields():
    c, problems = parsed(front("- 注意力为什么要缩放?", "- self-attention"))
    assert c is None and len(problems) == 1 and "fields" in problems[0].message


@pytest.mark.parametrize("missing", ["question", "topics"])
def test_a_missing_required_field(missing):
    fields = {"question": "question: 注意力为什么要缩放?", "topics": "topics: [self-attention]"}
    del fields[missing]
    c, problems = parsed(front(*fields.values()))
    assert c is None
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [(1, f"missing field '{missing}'")]


@pytest.mark.parametrize("typo, meant", [("topcs", "topics"), ("quesiton", "question"),
                                         ("alias", "aliases"), ("snipet", "snippet"), ("asked", "asked_at")])
def test_an_unknown_field_suggests_the_closest_valid_one(typo, meant):
    c, problems = parsed(front("question: 注意力为什么要缩放?", "topics: [self-attention]", f"{typo}: 某个值"))
    unknown = [p for p in problems if p.message.startswith("unknown field")]
    assert len(unknown) == 1
    assert unknown[0].line == 4
    assert f"'{typo}'" in unknown[0].message and f"did you mean '{meant}'" in unknown[0].message


def test_a_misspelt_required_field_is_also_missing():
    c, problems = parsed(front("question: 注意力为什么要缩放?", "topcs: [self-attention]"))
    assert c is None
    assert sorted((p.line, p.message.split(";")[0]) for p in problems) == [
        (1, "missing field 'topics'"), (3, "unknown field 'topcs'")]


@pytest.mark.parametrize("typo, close", [("lroa", "lora"), ("self-atention", "self-attention"),
                                         ("rga", "rag"), ("agnet", "agent")])
def test_an_unknown_topic_suggests_close_valid_topics(typo, close):
    c, problems = parsed(front("question: 注意力为什么要缩放?", f"topics: [peft, {typo}]"))
    assert len(problems) == 1
    assert problems[0].line == 3
    message = problems[0].message
    assert f"unknown topic '{typo}'" in message
    suggested = [s.strip() for s in message.split("close to it:")[1].split(",")]
    assert close in suggested and set(suggested) <= TOPICS
    assert c is not None and c.topics == ("peft",)  # the valid topic is kept


def test_an_unknown_snippet_names_the_snippets():
    c, problems = parsed(front("question: 怎样一遍找到两数之和?", "topics: [leetcode]", "snippet: two-sun"))
    assert [p.line for p in problems] == [4]
    assert "unknown snippet 'two-sun'" in problems[0].message
    assert "closest: two-sum" in problems[0].message
    assert all(name in problems[0].message for name in SNIPPETS)
    assert c is not None and c.snippet == ""


@pytest.mark.parametrize("body", ["", "\n", "\n\n   \n\t\n"])
def test_an_empty_answer(body):
    c, problems = parsed(front("question: 注意力为什么要缩放?", "topics: [self-attention]", body=body))
    assert c is None
    assert [p.line for p in problems] == [5]  # below the closing '---' on line 4
    assert "answer is empty" in problems[0].message


def test_raw_html_and_javascript_links_are_reported_on_their_lines_and_made_inert():
    doc = fixture("hostile.md", "contrib/agent/hostile.md")
    c, problems = parse(doc, TOPICS, SNIPPETS)
    lines = doc.text.split("\n")
    iframe = next(i + 1 for i, line in enumerate(lines) if "<iframe" in line)
    link = next(i + 1 for i, line in enumerate(lines) if "javascript:" in line)
    assert {(p.line, p.message.split(";")[0]) for p in problems} == {
        (iframe, "raw HTML <iframe> is not allowed"),
        (link, "link to 'javascript:location='https://example.com/'' is not allowed"),
    }
    assert all(p.path == "contrib/agent/hostile.md" for p in problems)
    # still usable, with the hostile parts inert and the rest kept
    assert c is not None
    assert "<iframe" not in c.answer and "javascript:" not in c.answer
    assert "第一道防线" in c.answer and "第二道防线" in c.answer


@pytest.mark.parametrize("value", ["[LoRA, 原理]", "2048", "true"])
def test_a_question_that_is_not_text_is_a_problem_not_a_crash(value):
    c, problems = parsed(front(f"question: {value}", "topics: [lora]"))
    assert c is None
    assert [p.line for p in problems] == [2] and "question" in problems[0].message


# --- many files ---------------------------------------------------------------------------------

def test_read_contributions_reports_a_duplicate_slug_in_two_topic_folders():
    text = front("question: 注意力为什么要缩放?", "topics: [self-attention]")
    other = front("question: 多头注意力的头数怎么选?", "topics: [transformer]")
    docs = [
        document(text, "contrib/self-attention/scaling.md"),
        document(other, "contrib/transformer/scaling.md"),
        document("字节跳动一面\n1、什么是 KV Cache?\n", "scraped/a.txt", kind=SCRAPED),
    ]
    found, problems = read_contributions(docs, TOPICS, SNIPPETS)
    assert [c.document.path for c in found] == ["contrib/self-attention/scaling.md"]
    assert len(problems) == 1
    assert problems[0].path == "contrib/transformer/scaling.md"
    assert "duplicate slug 'scaling'" in problems[0].message
    assert "contrib/self-attention/scaling.md" in problems[0].message


def test_read_contributions_skips_unusable_files_and_keeps_the_problems_of_all():
    docs = [
        document(front("question: 秩怎么选?", "topics: [lora]"), "contrib/lora/rank.md"),
        document("没有头\n", "contrib/lora/bare.md"),
        document(front("question: 检索怎么评估?", "topics: [rga]"), "contrib/rag/eval.md"),
    ]
    found, problems = read_contributions(docs, TOPICS, SNIPPETS)
    assert [c.slug for c in found] == ["rank", "eval"]
    assert sorted(p.path for p in problems) == ["contrib/lora/bare.md", "contrib/rag/eval.md"]


def test_to_questions_and_alias_groups():
    one, _ = parse(fixture("good.md"), TOPICS, SNIPPETS)
    two, _ = parsed(front("question: 秩怎么选?", "topics: [lora]", body="\n从 8 开始试。\n"), "contrib/lora/rank.md")
    questions = to_questions([one, two])
    assert [(q.source, q.position, q.text, q.kind) for q in questions] == [
        ("contrib/lora/good", 0, "LoRA 为什么能用很少的参数完成微调?", CURATED),
        ("contrib/lora/good", 1, "LoRA 省参数的原因是什么", ALIAS),
        ("contrib/lora/good", 2, "讲讲 LoRA 的低秩假设", ALIAS),
        ("contrib/lora/rank", 0, "秩怎么选?", CURATED),
    ]
    main = questions[0]
    assert main.answer == (Block("markdown", one.answer),)
    assert main.category == "某互联网公司 大模型算法岗 一面"
    assert main.line == one.body_line
    assert all(q.answer == () for q in questions[1:3])  # aliases carry no answer of their own
    assert questions[3].category == "" and questions[3].answer == (Block("markdown", "从 8 开始试。"),)
    assert alias_groups([one, two]) == (
        ("LoRA 为什么能用很少的参数完成微调?", "LoRA 省参数的原因是什么", "讲讲 LoRA 的低秩假设"),)


# --- new files ---------------------------------------------------------------------------------

def test_suggest_slug_is_deterministic_and_a_file_name():
    question = "LoRA 和 QLoRA 的区别是什么?"
    slug = suggest_slug(question)
    assert slug == suggest_slug(question) == suggest_slug(f"  {question}\n")
    assert slug.startswith("lora-qlora-")
    assert slug != suggest_slug("LoRA 和 QLoRA 的区别在哪里?")
    chinese = suggest_slug("多头注意力的头数怎么选?")
    assert chinese and all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in slug + chinese)


@pytest.mark.parametrize("question, topics, aliases, asked_at", [
    ("LoRA 的原理是什么?", ["lora"], [], ""),
    ("注意力: 为什么要除以根号 d?", ["self-attention", "transformer"], ["缩放点积的原因"], "某公司 二面"),
    ("\"引号\" 和 #井号 以及 [方括号] 怎么办?", ["rag"], ["- 破折号开头"], "一面: 技术面"),
])
def test_contribution_template_round_trips_through_parse(question, topics, aliases, asked_at):
    text = contribution_template(question, topics, aliases, asked_at)
    head = contrib.FRONT_MATTER.match(text).group(0)
    answered = head + "\n这是贡献者写下的回答。\n"  # what the contributor does next
    c, problems = parse(document(answered, "contrib/x/new.md"), TOPICS, SNIPPETS)
    assert problems == []
    assert (c.question, list(c.topics), list(c.aliases), c.asked_at) == (question, topics, aliases, asked_at)
    assert c.answer == "这是贡献者写下的回答。"


def test_an_untouched_template_is_not_taken_for_an_answer():
    text = contribution_template("LoRA 的原理是什么?", ["lora"])
    c, problems = parse(document(text, "contrib/lora/new.md"), TOPICS, SNIPPETS)
    assert c is None
    assert len(problems) == 1 and "placeholder" in problems[0].message
    placeholder_line = text.split("\n").index(text[contrib.FRONT_MATTER.match(text).end():].strip()) + 1
    assert problems[0].line == placeholder_line


def test_the_closest_helper_is_what_suggestions_use():
    assert contrib.closest("lroa", TOPICS)[0] == "lora"
