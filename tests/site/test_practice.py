"""random.json and random/N.json, what the home page's 随机一题 draws from:
written next to kb.json, small, only the fields a draw shows, without the
entries filed only under a personal topic (自我介绍), and in files of
practice.PER_FILE entries that random.json lists with their counts."""

import json
from dataclasses import replace

from generator.model import Entry, KnowledgeBase, Question, Block, Topic
from generator.site import practice

FIELDS = {"id", "title", "url", "topic", "answered"}


def small_kb() -> KnowledgeBase:
    answered = Question("a", 0, "LoRA 的原理?", answer=(Block("paragraph", "低秩矩阵。"),))
    open_ = Question("a", 1, "RAG 怎么召回?")
    intro = Question("a", 2, "自我介绍", answer=(Block("paragraph", "我叫……"),))
    project = Question("a", 3, "讲讲你的 RAG 项目?")
    topics = (Topic("lora", "LoRA", "LoRA"), Topic("rag", "RAG", "RAG"),
              Topic("project", "项目与综合", "Projects", personal=True), Topic("uncategorized", "未分类", "Uncategorized"))
    entries = (Entry("q-lora", "LoRA 的原理?", (answered,), topics=("lora",)),
               Entry("q-rag", "RAG 怎么召回?", (open_,), topics=("rag",)),
               Entry("q-intro", "自我介绍", (intro,), topics=("project",)),
               Entry("q-project", "讲讲你的 RAG 项目?", (project,), topics=("project", "rag")))
    return KnowledgeBase(documents=(), pages=(), questions=(answered, open_, intro, project), entries=entries,
                         topics=topics, problems=(), merge_report="")


def drawable(files: dict[str, str]) -> list[dict]:
    """Every record, from the files random.json lists, in their order."""
    listed = json.loads(files[practice.RANDOM_FILE])["files"]
    return [r for f in listed for r in json.loads(files[f["file"]])]


def test_records_have_only_what_a_draw_shows():
    records = drawable(practice.random_files(small_kb()))
    assert records == [
        {"id": "q-lora", "title": "LoRA 的原理?", "url": "topics/lora/#q-lora", "topic": "LoRA", "answered": True},
        {"id": "q-rag", "title": "RAG 怎么召回?", "url": "topics/rag/#q-rag", "topic": "RAG", "answered": False},
        # filed under a personal topic and another one: a question to prepare
        {"id": "q-project", "title": "讲讲你的 RAG 项目?", "url": "topics/project/#q-project", "topic": "项目与综合",
         "answered": False},
    ]


def test_the_personal_rule_comes_from_the_taxonomy():
    kb = small_kb()
    kb = replace(kb, topics=tuple(replace(t, personal=False) for t in kb.topics))
    assert "q-intro" in {r["id"] for r in practice.random_records(kb)}


def test_entries_are_split_into_files_each_counted(monkeypatch):
    monkeypatch.setattr(practice, "PER_FILE", 2)
    files = practice.random_files(small_kb())
    listed = json.loads(files[practice.RANDOM_FILE])["files"]
    assert listed == [{"file": "random/0.json", "all": 2, "answered": 1},
                      {"file": "random/1.json", "all": 1, "answered": 0}]
    assert [r["id"] for r in drawable(files)] == ["q-lora", "q-rag", "q-project"]


def test_the_build_writes_random_json_next_to_kb_json(built_site):
    files = {p.relative_to(built_site).as_posix(): p.read_text(encoding="utf-8")
             for p in [built_site / practice.RANDOM_FILE, *(built_site / practice.RANDOM_FOLDER).glob("*.json")]}
    records = drawable(files)
    kb = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    assert records and all(set(r) == FIELDS for r in records)
    by_id = {q["id"]: q for q in kb["questions"]}
    for record in records:
        question = by_id[record["id"]]
        assert record["url"] == question["url"] and record["title"] == question["title"]
        assert record["answered"] == bool(question["answers"])
    assert {True, False} == {r["answered"] for r in records}
    # 自我介绍 (topic project only) is not drawn; project entries of other topics are
    intro = [q["id"] for q in kb["questions"] if q["topics"] == ["project"]]
    assert intro and not set(intro) & {r["id"] for r in records}
    assert len(records) >= len(kb["questions"]) - len(intro)
    size, kb_size = ((built_site / name).stat().st_size for name in (practice.RANDOM_FILE, "kb.json"))
    assert size < kb_size / 3
