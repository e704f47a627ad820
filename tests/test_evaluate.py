"""The extraction gate on the five real seed documents, against
tests/evaldata.yml (as trafilatura's eval gate): every question of every seed
found, nothing else taken, no furniture (measured: 1.000, 1.000, 0).
The evaluation corpus has its own gate (tests/test_eval_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.scrape.code import REINDENTED_NOTE
from evaluate import DEFAULT_EVALDATA, DEFAULT_SOURCES, evaluate, matches, scrape
from generator.scrape.sources import read_sources

RECALL_FLOOR = 1.0
PRECISION_FLOOR = 1.0
DOCUMENT_RECALL_FLOOR = 1.0


@pytest.fixture(scope="module")
def result():
    return evaluate(DEFAULT_SOURCES, DEFAULT_EVALDATA)


def test_every_real_document_is_evaluated(result):
    names = sorted(p.name for p in DEFAULT_SOURCES.glob("*.txt"))
    assert [d.name for d in result.documents] == names


def test_recall_floor(result):
    assert result.recall >= RECALL_FLOOR, result.table()


def test_precision_floor(result):
    assert result.precision >= PRECISION_FLOOR, result.table()


def test_no_furniture_leaks(result):
    assert result.leakage == 0, result.table()


def test_no_document_is_left_behind(result):
    for document in result.documents:
        assert document.recall >= DOCUMENT_RECALL_FLOOR, result.table()


def test_table_prints_every_document_and_the_total(result):
    table = result.table()
    assert all(d.name in table for d in result.documents)
    assert "TOTAL" in table


def test_matching_folds_punctuation_width_and_spaces():
    assert matches("你了解 MoE 吗?", "你了解MoE吗？")
    assert matches("Q:什么是 RAG", "q：什么是rag？")
    assert not matches("什么是 RAG?", "什么是 RAG?" + "RAG 是检索增强生成，先检索再生成，可以减少幻觉并引入新知识。" * 2)


def test_the_gate_catches_a_leak_and_a_miss(tmp_path):
    """The evaluator itself must fail when the scraper fails."""
    (tmp_path / "page.txt").write_text("1、什么是 RLHF?\n关注公众号领取资料\n", encoding="utf-8")
    evaldata = tmp_path / "evaldata.yml"
    evaldata.write_text(yaml.safe_dump({"documents": {"page.txt": {
        "questions": ["什么是 RLHF?", "什么是 DPO?"],
        "must_drop": ["关注公众号", "什么是 RLHF"],  # the second is there on purpose
    }}}, allow_unicode=True), encoding="utf-8")
    scored = evaluate(tmp_path, evaldata).documents[0]
    assert (scored.found, scored.expected) == (1, 2)
    assert scored.missing == ("什么是 DPO?",)
    assert scored.leaked == ("什么是 RLHF",)


def real(name: str):
    documents, _ = read_sources(DEFAULT_SOURCES)
    return scrape(next(d for d in documents if Path(d.path).name == name))


def test_real_coding_problems_are_problems_with_parsing_code():
    two_sum = [q for q in real("000_3c35ba7724d8ca6a.txt") if q.kind == "problem"]
    assert [q.text for q in two_sum] == ["两数之和"]
    linked_list = [q for q in real("003_951ac93db0bee5a7.txt") if q.kind == "problem"]
    assert [q.text for q in linked_list] == ["删除链表倒数第n个节点"]
    code = [b for b in linked_list[0].answer if b.kind == "code"]
    # the page lost the indentation: restored from the structure, and marked as inferred
    assert len(code) == 1 and code[0].note == REINDENTED_NOTE and "\n        first = first.next" in code[0].text


def test_real_dialogue_followup_points_at_its_question():
    questions = real("002_c22f1208766e33c6.txt")
    defects = next(q for q in questions if q.text.startswith("你觉得当前有什么问题"))
    assert defects.kind == "followup"
    assert questions[defects.parent].text == "有没有用过langchain呢?"
