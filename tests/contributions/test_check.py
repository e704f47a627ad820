"""The contributor's tools through the command line, as a contributor runs
them from the project root: `check`, `new`, and `build` with a bad
contribution (`--strict` fails, a plain build skips it and says so)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.contributions import contribution as contrib
from generator.run import build
from generator.site import render
from generator.model import CONTRIBUTED, SourceDocument
from generator.cells.snippets import snippet_folders
from generator.merge.topics import load_taxonomy
from sitebuild import PROJECT, TESTS, make_sources

FIXTURES = TESTS / "fixtures" / "contrib"
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+): (?P<message>\S.*)$")


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=300)


def problems_of(result: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    lines = result.stdout.splitlines()
    parsed = [PROBLEM_LINE.match(line) for line in lines]
    assert all(parsed), f"not path:line: message: {[l for l, m in zip(lines, parsed) if not m]}"
    # check prints paths relative to where it runs; compare them within the sources folder
    return [(m["path"].split("sources/", 1)[-1], int(m["line"]), m["message"]) for m in parsed]


def line_of(path: Path, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(path.read_text(encoding="utf-8").split("\n")) if needle in line)


@pytest.fixture(scope="module")
def dirty(tmp_path_factory):
    """Sources with one problem of each kind, and `check` run on them once."""
    sources = make_sources(tmp_path_factory.mktemp("dirty"), FIXTURES / "check")
    gbk = sources / "contrib" / "lora" / "rank-gbk.md"
    gbk.write_bytes(gbk.read_text(encoding="utf-8").encode("gbk"))
    return sources, cli("check", "--sources", str(sources))


# --- check -----------------------------------------------------------------------------------

def test_check_is_clean_on_clean_sources(tmp_path):
    sources = make_sources(tmp_path)
    shutil.copytree(FIXTURES / "check" / "rag", sources / "contrib" / "rag")
    (sources / "contrib" / "rag" / "recall-metrics-again.md").unlink()
    result = cli("check", "--sources", str(sources))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_check_prints_one_line_per_problem_and_fails(dirty):
    sources, result = dirty
    assert result.returncode == 1
    problems = problems_of(result)
    assert f"{len(problems)} problem(s)" in result.stderr
    assert len(set(problems)) == len(problems)
    named = {path for path, _, _ in problems}
    assert named == {"contrib/lora/rank-gbk.md", "contrib/rag/recall-metrics-again.md",
                     "contrib/agent/tool-choice.md", "contrib/training/grad-accum.md"}
    assert "contrib/rag/recall-metrics.md" not in named  # the first of two duplicates is fine
    for path, line, _ in problems:
        assert 1 <= line <= len((sources / path).read_bytes().split(b"\n"))


def test_check_names_the_encoding_of_a_file_that_is_not_utf8(dirty):
    _, result = dirty
    found = [(line, message) for path, line, message in problems_of(result) if path == "contrib/lora/rank-gbk.md"]
    assert len(found) == 1
    line, message = found[0]
    assert line == 2  # the first line with a byte that is not UTF-8
    assert "not UTF-8" in message and re.search(r"gb(k|2312|18030)", message, re.I), message


def test_check_reports_a_contribution_that_duplicates_another(dirty):
    _, result = dirty
    found = [m for path, _, m in problems_of(result) if path == "contrib/rag/recall-metrics-again.md"]
    assert len(found) == 1
    assert "duplicates" in found[0] and "contrib/rag/recall-metrics.md" in found[0]


def test_check_reports_a_broken_link_and_a_missing_anchor(dirty):
    _, result = dirty
    found = [m for path, _, m in problems_of(result) if path == "contrib/agent/tool-choice.md"]
    assert len(found) == 2
    missing_page = next(m for m in found if "../nowhere/index.md" in m)
    missing_anchor = next(m for m in found if "#q-no-such-entry" in m)
    assert "broken link" in missing_page and "topics/nowhere/index.md" in missing_page
    assert "broken link" in missing_anchor and "no entry #q-no-such-entry" in missing_anchor


def test_check_reports_broken_links_on_their_own_lines(dirty):
    sources, result = dirty
    file = sources / "contrib" / "agent" / "tool-choice.md"
    lines = {m.split("'")[1]: line for path, line, m in problems_of(result) if path == "contrib/agent/tool-choice.md"}
    assert lines == {"../nowhere/index.md": line_of(file, "../nowhere/index.md"),
                     "../lora/index.md#q-no-such-entry": line_of(file, "#q-no-such-entry")}


def test_check_reports_an_unknown_field_on_its_line_with_the_fix(dirty):
    sources, result = dirty
    found = {(line, m) for path, line, m in problems_of(result) if path == "contrib/training/grad-accum.md"}
    typo_line = line_of(sources / "contrib" / "training" / "grad-accum.md", "topcs:")
    assert any(line == typo_line and "unknown field 'topcs'; did you mean 'topics'?" in m for line, m in found)
    assert any("missing field 'topics'" in m for _, m in found)


def test_check_path_reports_only_that_file(dirty):
    sources, everything = dirty
    wanted = "contrib/agent/tool-choice.md"
    result = cli("check", "--sources", str(sources), str(sources / wanted))
    assert result.returncode == 1
    problems = problems_of(result)
    assert problems and {path for path, _, _ in problems} == {wanted}
    assert problems == [p for p in problems_of(everything) if p[0] == wanted]


def test_check_path_of_a_clean_file_exits_0(dirty):
    sources, _ = dirty
    result = cli("check", "--sources", str(sources), str(sources / "contrib" / "rag" / "recall-metrics.md"))
    assert result.returncode == 0 and result.stdout == "" and "no problems" in result.stderr


def test_check_refuses_paths_it_did_not_read(dirty, tmp_path):
    """A missing, mistyped or outside path is never "no problems"."""
    sources, _ = dirty
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\nquestion: x\n---\n", encoding="utf-8")
    typo = sources / "contrib" / "rag" / "recal-metrics.md"
    image = sources / "notes.png"
    image.write_bytes(b"\x89PNG")
    result = cli("check", "--sources", str(sources), str(typo), str(outside), str(image))
    assert result.returncode == 1
    said = result.stdout.splitlines()
    for name, why in (("recal-metrics.md", "no such file"), ("elsewhere.md", "is not in the sources folder"),
                      ("notes.png", "is not a source file")):
        assert any(line.split(": ", 1)[0].endswith(name) and why in line for line in said), (name, said)
    # a path it did not read is printed as it was given, so that the terminal opens the right file
    relative = os.path.relpath(typo, PROJECT)
    said = cli("check", "--sources", str(sources), relative).stdout
    assert said.startswith(relative + ": "), said


# --- new ---------------------------------------------------------------------------------------

TOPICS = {t.slug for t in load_taxonomy()}
SNIPPETS = {folder.name for folder in snippet_folders(PROJECT / "snippets")}


def test_new_writes_a_contribution_under_its_topic_and_prints_its_path(tmp_path):
    sources = make_sources(tmp_path)
    question = "LoRA 微调时秩取 4 和取 64 的效果差别大吗?"
    result = cli("new", question, "--topic", "lora", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    written = list((sources / "contrib").rglob("*.md"))
    assert len(written) == 1
    path = written[0]
    assert path.parent == sources / "contrib" / "lora"
    assert Path(result.stdout.strip().splitlines()[-1]).resolve() == path.resolve()
    text = path.read_text(encoding="utf-8")
    relative = path.relative_to(sources).as_posix()
    doc = SourceDocument(id=relative[:-3], path=relative, kind=CONTRIBUTED, format="markdown", text=text)
    # the front matter is filled in; the answer is left to the contributor
    head = contrib.FRONT_MATTER.match(text).group(0)
    answered = SourceDocument(id=doc.id, path=doc.path, kind=doc.kind, format=doc.format,
                              text=head + "\n秩太大收益很快饱和,一般 8 到 16 就够。\n")
    c, problems = contrib.parse(answered, TOPICS, SNIPPETS)
    assert problems == [] and c.question == question and c.topics == ("lora",)
    untouched, problems = contrib.parse(doc, TOPICS, SNIPPETS)
    assert all("placeholder" in p.message for p in problems), problems


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Sources with the scraped pages only, and their knowledge base."""
    sources = make_sources(tmp_path_factory.mktemp("corpus"))
    kb = build.make_kb(sources)
    return sources, kb, render.SiteMap.of(kb)


@pytest.mark.parametrize("question, topic", [("LoRA原理", "lora"), ("self-attention原理", "self-attention")])
def test_new_warns_when_the_question_already_exists(corpus, question, topic):
    sources, kb, site = corpus
    existing = next(e for e in kb.entries if any(q.text == question for q in e.questions))
    result = cli("new", question, "--topic", topic, "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert existing.title in warnings[0] and site.entry_url(existing.id) in warnings[0]
    written = Path(result.stdout.strip())
    assert written.exists() and written.parent == sources / "contrib" / topic  # written anyway: it will merge


def test_new_with_an_unknown_topic_names_the_closest_and_writes_nothing(tmp_path):
    sources = make_sources(tmp_path)
    result = cli("new", "LoRA 的秩是不是越大越好?", "--topic", "lroa", "--sources", str(sources))
    assert result.returncode == 2
    assert "unknown topic 'lroa'" in result.stderr
    assert "lora" in result.stderr.split("close to it:")[1].split(",")[0]
    assert not (sources / "contrib").exists()
    assert result.stdout == ""


# --- build with a bad contribution ---------------------------------------------------------------

@pytest.fixture(scope="module")
def with_bad_contribution(tmp_path_factory):
    return make_sources(tmp_path_factory.mktemp("bad"), FIXTURES / "strict")


def test_strict_build_fails_on_a_bad_contribution(with_bad_contribution, tmp_path):
    result = cli("build", "--strict", "--kb-only", "--sources", str(with_bad_contribution),
                 "--site-dir", str(tmp_path / "site"), "--report-dir", str(tmp_path / "reports"))
    assert result.returncode == 1
    assert "contrib/lora/no-question.md" in result.stderr and "--strict" in result.stderr
    assert not (tmp_path / "site" / "kb.json").exists()


def test_plain_build_skips_a_bad_contribution_and_counts_it(with_bad_contribution, tmp_path):
    result = cli("build", "--kb-only", "--sources", str(with_bad_contribution),
                 "--site-dir", str(tmp_path / "site"), "--report-dir", str(tmp_path / "reports"))
    assert result.returncode == 0, result.stderr
    named = [line for line in result.stderr.splitlines() if "contrib/lora/no-question.md" in line]
    assert len(named) == 1 and "missing field 'question'" in named[0]
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.endswith("1 problems in 1 files: skipped or flagged (listed above)"), summary
    kb = json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))
    assert kb["questions"]
    assert not any(s["path"] == "contrib/lora/no-question.md" for s in kb["sources"])
    assert not any("QLoRA" in a["markdown"] for q in kb["questions"] for a in q["answers"])


def test_build_warns_about_and_strict_fails_on_every_problem_check_reports(dirty, tmp_path):
    sources, checked = dirty
    flags = ["--kb-only", "--sources", str(sources), "--site-dir", str(tmp_path / "site"),
             "--report-dir", str(tmp_path / "reports")]
    warned = cli("build", *flags)
    assert warned.returncode == 0, warned.stderr
    for path, line, message in problems_of(checked):
        assert f"warning: {path}:{line}: {message}" in warned.stderr
    kb = json.loads((tmp_path / "site" / "kb.json").read_text(encoding="utf-8"))
    assert "contrib/lora/rank-gbk.md" not in {s["path"] for s in kb["sources"]}  # no mojibake published
    assert cli("build", "--strict", *flags).returncode == 1
