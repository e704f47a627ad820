"""Messages in Chinese first, with the English after them.

Every message the code writes for contributors and maintainers (a Problem,
`new`'s errors and warnings, `check`'s summary) has an entry in
generator/data/messages.yml: a message added to the code without one fails
here. Then the Chinese keeps what varies (files, counts, fields), and the
command line and the maintainers' page show it first."""

from __future__ import annotations

import ast
import itertools
import os
import re
import shutil
import string
import subprocess
import sys

import pytest

from generator import messages, rules
from generator.contributions import contribution as contrib
from generator.run import build
from generator.site import render
from generator.run.cache import Cache
from generator.model import Problem
from sitebuild import PROJECT

GENERATOR = PROJECT / "generator"
# The modules whose messages reach a contributor or a maintainer.
MODULES = ("scrape/__init__", "scrape/sources", "contributions/contribution", "run/engine", "contributions/check", "site/render",
           "run/build", "cells/snippets", "scrape/untrusted_yaml", "cli")
# Calls that take a message, and the position of the message among their arguments.
MESSAGE_ARGUMENT = {"Problem": 1, "problem": 1, "ValueError": 0, "SnippetError": 0, "EngineError": 0,
                    "ComposerError": 2, "bilingual": 0}
VARIABLE = "7"  # what each variable part of a message is, when messages are read from the source
CHINESE = re.compile(r"[\u4e00-\u9fff]")


# --- every message in the code --------------------------------------------------------------

def _texts(node: ast.AST, names: dict[str, ast.AST]) -> list[str]:
    """Every text a string expression can make, its variable parts as VARIABLE:
    f-strings, concatenations, `a if c else b`, and names assigned such a string
    in the same function (`message = f"..."; Problem(path, message)`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append([value.value])
            else:
                inner = value.value
                named = _texts(names[inner.id], names) if isinstance(inner, ast.Name) and inner.id in names else []
                parts.append(named or [VARIABLE])
        return ["".join(p) for p in itertools.product(*parts)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _texts(node.left, names) for b in _texts(node.right, names)]
    if isinstance(node, ast.IfExp):
        return _texts(node.body, names) + _texts(node.orelse, names)
    if isinstance(node, ast.Name) and node.id in names:
        return _texts(names[node.id], names)
    return []


def _message_expressions(scope: ast.AST) -> list[ast.AST]:
    """The expressions in a function that are messages: the message argument of
    Problem(...), problem(...), raise ...Error(...), bilingual(...); what a function
    returns with something else (`return None, "why"`), or returns when it can
    also return "" ("why it is broken, or nothing"); `new`'s warnings."""
    found = []
    says_why = any(isinstance(n, ast.Return) and isinstance(n.value, ast.Constant) and n.value.value == ""
                   for n in ast.walk(scope))
    for node in ast.walk(scope):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in MESSAGE_ARGUMENT and len(node.args) > MESSAGE_ARGUMENT[name]:
                found.append(node.args[MESSAGE_ARGUMENT[name]])
        elif isinstance(node, ast.Return) and node.value is not None:
            if isinstance(node.value, ast.Tuple):
                found += node.value.elts
            elif says_why:
                found.append(node.value)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.ListComp) \
                and any(getattr(t, "id", "") == "warnings" for t in node.targets):
            found.append(node.value.elt)
    return found


def code_messages() -> list[tuple[str, str]]:
    """(module, message) for every message the code can write, read from the
    source; texts without words (paths, "7: 7") are not messages."""
    found = set()
    for module in MODULES:
        tree = ast.parse((GENERATOR / f"{module}.py").read_text(encoding="utf-8"))
        for scope in ast.walk(tree):
            if not isinstance(scope, (ast.Module, ast.FunctionDef)):
                continue
            names = {t.id: n.value for n in ast.walk(scope) if isinstance(n, ast.Assign)
                     for t in n.targets if isinstance(t, ast.Name)}
            for expression in _message_expressions(scope):
                for text in _texts(expression, names):
                    if " " in text and re.search(r"[A-Za-z]{2}", text):
                        found.add((module, text))
    return sorted(found)


def test_the_source_scan_finds_the_messages():
    """The scan that the next test relies on reads what it should."""
    found = {text for _, text in code_messages()}
    assert len(found) >= 60, len(found)
    for known in ("no problems", "7 problem(s)", "no such file or folder; check the path",
                  "unknown field '7'; did you mean '7'?", "broken link '7': 7 has no entry #7",
                  "the file is empty; remove it or add the page's text", "7; the cell was left out",
                  "the page could not be read (7: 7); the file was skipped, fix or remove it",
                  "the question already exists: 7 (7); add your answer there instead, or keep this file "
                  "and it will merge with it"):
        assert known in found, known


@pytest.mark.parametrize("module, message", code_messages())
def test_every_message_in_the_code_has_chinese(module, message):
    translated = messages.chinese(message)
    assert translated, f"generator/{module}.py: no entry in generator/data/messages.yml for {message!r}"
    assert CHINESE.search(translated), translated


def test_every_entry_compiles_and_uses_only_its_groups():
    entries = rules.load("messages.yml")
    assert entries
    for entry in entries:
        pattern = re.compile(entry.en, re.S)
        used = {name for _, name, _, _ in string.Formatter().parse(entry.zh) if name}
        assert used <= set(pattern.groupindex), (entry.en, used - set(pattern.groupindex))
        assert set(entry.translate) <= set(pattern.groupindex), entry.en
        assert CHINESE.search(entry.zh), entry.zh


# --- every problem a bad sources folder gives -------------------------------------------------

PAGE = "某厂 NLP 一面\n1、什么是注意力机制?\n注意力按相关性给每个位置加权。\n2、什么是 LoRA?\n低秩分解。\n"
FRONT = "---\nquestion: {question}\ntopics: [{topic}]\n---\n\n{answer}\n"


def _contribution(question: str, topic: str = "lora", answer: str = "一段回答。") -> str:
    return FRONT.format(question=question, topic=topic, answer=answer)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A sources folder with one file for (nearly) every problem there is,
    its knowledge base and its problems."""
    root = tmp_path_factory.mktemp("broken")
    sources = root / "sources"
    scraped, lora, rag = sources / "scraped", sources / "contrib" / "lora", sources / "contrib" / "rag"
    for folder in (scraped, lora, rag):
        folder.mkdir(parents=True)
    (scraped / "good.txt").write_text(PAGE, encoding="utf-8")
    (scraped / "x y.txt").write_text(PAGE.replace("一面", "二面"), encoding="utf-8")
    (scraped / "x-y.txt").write_text(PAGE.replace("一面", "三面"), encoding="utf-8")
    (scraped / "empty.txt").write_bytes(b"")
    (scraped / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (scraped / "mended.txt").write_bytes(PAGE.encode("utf-8") * 20 + b"\xff" + PAGE.encode("utf-8"))
    (scraped / "nothing.txt").write_text("今天天气不错。\n", encoding="utf-8")
    (scraped / "cut.html").write_text("<html><body><p>1、什么是 MoE?</p><p>MoE 用门控网络", encoding="utf-8")
    (scraped / "meant.md").write_text(_contribution("放错地方的投稿?"), encoding="utf-8")
    os.symlink(scraped / "good.txt", scraped / "link.txt")
    (sources / "metadata.yml").write_text(
        "scraped/good.txt:\n  title: 面经\n  colour: red\n  url: javascript:alert(1)\n"
        "scraped/good.txt:\n  title: 又一次\n"
        "scraped/gone.txt:\n  title: 没有这个文件\n"
        "scraped/nothing.txt: just text\n", encoding="utf-8")
    (lora / "no-front.md").write_text("一段没有 front matter 的回答。\n", encoding="utf-8")
    (lora / "bad-yaml.md").write_text("---\nquestion: 什么是: LoRA?\ntopics: [lora]\n---\n\n回答。\n", encoding="utf-8")
    (lora / "list.md").write_text("---\n- 什么是 LoRA?\n---\n\n回答。\n", encoding="utf-8")
    (lora / "fields.md").write_text("---\nquestion: [什么, 是]\ntopcs: [lora]\nzzqqxx: 1\n---\n\n回答。\n", encoding="utf-8")
    (lora / "shapes.md").write_text("---\nquestion: LoRA 的 alpha 怎么取?\ntopics: {a: 1}\naliases: {b: 2}\n---\n\n回答。\n",
                                    encoding="utf-8")
    (lora / "wrong.md").write_text(
        "---\nquestion: LoRA 的秩怎么选?\ntopics: [lroa, lora]\nsnippet: two-sun\n---\n\n"
        "看[这里](javascript:alert(1))和<iframe src=x></iframe>,还有[那页](../nowhere/index.md)。\n", encoding="utf-8")
    (lora / "empty.md").write_text("---\nquestion: 空的回答?\ntopics: [lora]\n---\n", encoding="utf-8")
    (lora / "template.md").write_text(contrib.contribution_template("还没写的回答?", ["lora"]), encoding="utf-8")
    (lora / "gbk.md").write_bytes(_contribution("GBK 编码的投稿?", answer="一段中文回答。").encode("gbk"))
    (rag / "fields.md").write_text(_contribution("RAG 的召回怎么评估?", "rag"), encoding="utf-8")
    (rag / "first.md").write_text(_contribution("什么是混合检索?", "rag"), encoding="utf-8")
    (rag / "second.md").write_text(_contribution("什么是混合检索?", "rag", "另一份回答。"), encoding="utf-8")
    snippets = root / "snippets"
    shutil.copytree(PROJECT / "snippets" / "two-sum", snippets / "two-sum")
    (snippets / "Bad_Name").mkdir()
    (snippets / "Bad_Name" / "snippet.yml").write_text("title: x\n", encoding="utf-8")
    (snippets / "untitled").mkdir()
    (snippets / "untitled" / "snippet.yml").write_text("function: f\nparams: [a]\n", encoding="utf-8")
    (snippets / "untitled" / "cases.yml").write_text("- {input: {a: 1}, expected: 1}\n", encoding="utf-8")
    (snippets / "no-cases").mkdir()
    (snippets / "no-cases" / "snippet.yml").write_text("title: x\nfunction: f\nparams: [a]\n", encoding="utf-8")
    kb = build.make_kb(sources, snippets, cache=Cache(None))
    return sources, kb


def test_every_problem_of_a_broken_sources_folder_is_in_chinese(broken):
    _, kb = broken
    problems = kb.problems
    # one of each: every kind of message below was made, not only read from the source
    for english in ("its id", "is given twice", "has unknown fields", "not an http(s) address", "names no file",
                    "must be a mapping of fields", "the file is empty", "not UTF-8 and show as",
                    "looks binary", "is not UTF-8 (it looks like", "front matter (question:)",
                    "is a symbolic link", "no front matter", "invalid YAML", "must be fields like",
                    "did you mean 'topics'", "the fields are", "missing field 'topics'",
                    "must be one line of text", "'topics' must be a list", "'aliases' must be a list",
                    "unknown topic 'lroa'", "unknown snippet 'two-sun'", "the answer is empty",
                    "placeholder", "link to 'javascript:", "raw HTML <iframe>", "duplicate slug 'fields'",
                    "duplicates the contribution", "looks truncated", "no interview question found",
                    "broken link '../nowhere/index.md'", "folder name must be", "missing 'title'",
                    "cases.json: missing;"):
        assert any(english in p.message for p in problems), (english, [p.message for p in problems])
    for problem in problems:
        assert messages.chinese(problem.message), f"no Chinese for {problem.message!r}"


def test_a_yaml_error_inside_a_message_is_in_chinese_too(broken):
    _, kb = broken
    invalid = next(p for p in kb.problems if p.message.startswith("invalid YAML"))
    assert "mapping values are not allowed here" in invalid.message
    assert "请给整个值加引号" in messages.chinese(invalid.message)


def test_the_maintainers_page_shows_the_chinese_then_the_english(broken):
    _, kb = broken
    page = render.render_pages(kb)["maintainers/problems.md"]
    assert "未知话题 'lroa'" in page and "unknown topic 'lroa'" in page
    assert page.index("未知话题 'lroa'") < page.index("unknown topic 'lroa'")


# --- the Chinese keeps what varies --------------------------------------------------------------

def test_the_chinese_keeps_the_file_names_counts_and_fields():
    found = messages.chinese("only 3 questions found for 9 question-like lines; the lines that went into no question "
                             "are in build/cleaning-report.md (a shape the scraper does not know is a new module in "
                             "generator/scrape/shapes/)")
    assert "9 行" in found and "3 道题" in found and "build/cleaning-report.md" in found
    found = messages.chinese("duplicate slug 'rank': contrib/rag/rank.md has the same file name; rename one of them")
    assert "'rank'" in found and "contrib/rag/rank.md" in found
    found = messages.chinese("missing field 'topics'; add 'topics: ...' to the front matter")
    assert "'topics'" in found and "'topics: ...'" in found
    found = messages.chinese("entry 'scraped/a.txt' is given twice (lines 3 and 12); keep one, the first is used")
    assert "'scraped/a.txt'" in found and "第 3 行" in found and "第 12 行" in found
    assert messages.chinese("12 problem(s)") == "12 个问题"
    # a snippet's own error, inside the build's message about it
    found = messages.chinese("snippets/x/snippet.yml: missing 'params'; the cell was left out")
    assert found.startswith("snippets/x/snippet.yml：缺少 'params'")


def test_a_problem_reads_chinese_first_then_the_english():
    problem = Problem("contrib/lora/x.md", "unknown topic 'lroa'; valid topics close to it: lora", 3)
    shown = str(problem)
    assert shown == ("contrib/lora/x.md:3: 未知话题 'lroa'；相近的可用话题：lora"
                     "（unknown topic 'lroa'; valid topics close to it: lora）")
    assert problem.text == shown.split(": ", 1)[1]


def test_a_message_without_an_entry_is_shown_in_english():
    assert messages.chinese("something new went wrong") is None
    assert messages.bilingual("something new went wrong") == "something new went wrong"
    assert str(Problem("a.txt", "something new went wrong")) == "a.txt: something new went wrong"


# --- the command line -----------------------------------------------------------------------------

def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_check_prints_a_broken_contribution_in_chinese_first(tmp_path):
    sources = tmp_path / "sources"
    (sources / "scraped").mkdir(parents=True)
    (sources / "scraped" / "page.txt").write_text(PAGE, encoding="utf-8")
    broken = sources / "contrib" / "lora" / "typo.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("---\nquestion: LoRA 的秩怎么选?\ntopcs: [lora]\n---\n\n秩一般取 8 到 16。\n", encoding="utf-8")
    result = cli("check", "--sources", str(sources))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    typo = next(line for line in lines if "topcs" in line)
    assert re.match(r"^\S*contrib/lora/typo\.md:3: 未知字段 'topcs'；是不是想写 'topics'？"
                    r"（unknown field 'topcs'; did you mean 'topics'\?）$", typo), typo
    missing = next(line for line in lines if line is not typo)
    assert missing.index("缺少字段 'topics'") < missing.index("missing field 'topics'")
    assert result.stderr.strip().splitlines()[-1] == "2 个问题（2 problem(s)）"


def test_check_of_a_clean_folder_says_so_in_chinese(tmp_path):
    sources = tmp_path / "sources"
    (sources / "scraped").mkdir(parents=True)
    (sources / "scraped" / "page.txt").write_text(PAGE, encoding="utf-8")
    result = cli("check", "--sources", str(sources))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1] == "没有问题（no problems）"


def test_new_with_an_unknown_topic_says_so_in_chinese_first(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    result = cli("new", "LoRA 的秩是不是越大越好?", "--topic", "lroa", "--sources", str(sources))
    assert result.returncode == 2
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("error: 未知话题 'lroa'；相近的可用话题：lora"), error
    assert error.index("未知话题") < error.index("unknown topic 'lroa'")
    assert not (sources / "contrib").exists()
