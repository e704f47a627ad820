"""generator.scrape.sources: what the sources folder holds, read safely: encodings, metadata, bad files named."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.scrape import sources
from generator.model import CONTRIBUTED, SCRAPED
from generator.scrape.sources import read_sources
from sitebuild import PROJECT



def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_finds_files_recursively_in_a_fixed_order(tmp_path):
    write(tmp_path / "b" / "2.txt", "面试官:你好")
    write(tmp_path / "a.html", "<p>x</p>")
    write(tmp_path / "contrib" / "lora" / "x.md", "---\nquestion: q\n---\n")
    write(tmp_path / "notes.pdf", b"%PDF")
    write(tmp_path / ".hidden" / "3.txt", "x")
    docs, problems = sources.read_sources(tmp_path)
    assert [d.path for d in docs] == ["a.html", "b/2.txt", "contrib/lora/x.md"]
    assert [d.format for d in docs] == ["html", "text", "markdown"]
    assert [d.kind for d in docs] == [SCRAPED, SCRAPED, CONTRIBUTED]
    assert problems == []


def test_ids_depend_only_on_the_path():
    assert sources.source_id("scraped/000_abc.txt") == "scraped/000_abc"
    assert sources.source_id("新 文件.txt") == "新-文件"


def test_metadata_is_optional_and_read_per_file(tmp_path):
    write(tmp_path / "one.txt", "1、什么是 LoRA?")
    write(tmp_path / "two.txt", "1、什么是 RAG?")
    write(tmp_path / "metadata.yml", "one.txt:\n  title: 字节一面\n  company: 字节跳动\n")
    docs, problems = sources.read_sources(tmp_path)
    assert problems == []
    meta = {d.path: d.meta for d in docs}
    assert meta["one.txt"].title == "字节一面" and meta["one.txt"].company == "字节跳动"
    assert meta["two.txt"].title == ""


def test_metadata_problems_are_named_with_their_line(tmp_path):
    write(tmp_path / "one.txt", "x")
    write(tmp_path / "two.txt", "x")
    write(tmp_path / "metadata.yml", "one.txt:\n  titel: typo\nmissing.txt:\n  title: t\n"
                                     "two.txt:\n  title: 第一次\ntwo.txt:\n  title: 第二次\n")
    docs, problems = sources.read_sources(tmp_path)
    found = {(p.path, p.line): p.message for p in problems}
    assert "unknown fields ['titel']" in found["metadata.yml", 1]
    assert "names no file" in found["metadata.yml", 3]
    assert "given twice (lines 5 and 7)" in found["metadata.yml", 7]
    assert next(d for d in docs if d.path == "two.txt").meta.title == "第一次"
    write(tmp_path / "metadata.yml", "one.txt:\n  title: [unclosed\n")
    (broken,) = sources.read_sources(tmp_path)[1]
    assert broken.line == 3 and "fix the YAML syntax" in broken.message


def test_decodes_gbk_and_utf16(tmp_path):
    text = "面试官:请讲一下旋转位置编码的原理?应聘者:通过旋转矩阵给查询和键加入位置信息。"
    write(tmp_path / "gbk.txt", text.encode("gb18030"))
    write(tmp_path / "u16.txt", text.encode("utf-16"))
    docs, problems = sources.read_sources(tmp_path)
    assert problems == []
    assert [d.text for d in docs] == [text, text]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    text = "美团 算法 一面\n1、什么是位置编码?\n位置编码告诉模型每个词的位置。\n2、What is LoRA?\n"
    assert sources.decode(text.encode(encoding)) == (text, "")


def test_a_stray_nul_does_not_make_utf8_into_utf16():
    text, why = sources.decode("1、什么是 LoRA?\n低秩适配。\n".encode("utf-8") + b"\x00abc\n")
    assert text is None and "binary" in why


def test_bad_files_are_named_with_the_fix_and_the_rest_still_reads(tmp_path):
    write(tmp_path / "empty.txt", "  \n")
    write(tmp_path / "binary.html", bytes(range(256)) * 20)
    write(tmp_path / "good.txt", "1、什么是 LoRA?")
    docs, problems = sources.read_sources(tmp_path)
    assert [d.path for d in docs] == ["good.txt"]
    by_path = {p.path: p.message for p in problems}
    assert "empty" in by_path["empty.txt"]
    assert "binary" in by_path["binary.html"]


def test_windows_line_endings_are_normalised(tmp_path):
    write(tmp_path / "crlf.txt", "1、问题一?\r\n回答\r\n")
    docs, _ = sources.read_sources(tmp_path)
    assert docs[0].text == "1、问题一?\n回答\n"


def test_the_project_sources_have_metadata_for_every_page():
    docs, problems = sources.read_sources(PROJECT / "sources")
    assert problems == []
    scraped = [d for d in docs if d.kind == SCRAPED]
    assert len(scraped) == 5
    assert all(d.meta.title for d in scraped)


def test_symbolic_links_are_not_followed_and_are_named(tmp_path):
    """A link among the sources may point at any file of the machine (or at
    itself): it is not read, and the build says so."""
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("1、机器上的私密文件？\n", encoding="utf-8")
    sources = tmp_path / "sources"
    (sources / "scraped").mkdir(parents=True)
    (sources / "scraped" / "real.txt").write_text("1、什么是 RoPE？\n旋转位置编码。\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", sources / "scraped" / "link.txt")
    os.symlink(outside, sources / "linked-folder")
    os.symlink(sources / "scraped" / "loop.txt", sources / "scraped" / "loop.txt")  # a link to itself
    documents, problems = read_sources(sources)
    assert [d.path for d in documents] == ["scraped/real.txt"]
    assert sorted(p.path for p in problems) == ["linked-folder", "scraped/link.txt", "scraped/loop.txt"]
    assert all("symbolic link" in p.message for p in problems)


def test_an_unreadable_file_is_named_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "locked.txt").write_text("1、什么是 GQA？\n", encoding="utf-8")
    (tmp_path / "open.txt").write_text("1、什么是 MQA？\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":  # as chmod 000 would, for a user that is not root
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    documents, problems = read_sources(tmp_path)
    assert [d.path for d in documents] == ["open.txt"]
    assert [(p.path, "Permission denied" in p.message) for p in problems] == [("locked.txt", True)]


def test_two_files_with_one_id_get_two_ids_and_are_named(tmp_path):
    for name in ("x y.txt", "x-y.txt", "page.txt", "page.html"):
        (tmp_path / name).write_text("1、什么是 KV cache？\n", encoding="utf-8")
    documents, problems = read_sources(tmp_path)
    ids = {d.path: d.id for d in documents}
    assert len(set(ids.values())) == 4
    assert ids["page.html"] == "page" and ids["x y.txt"] == "x-y"  # the first of each pair keeps its id
    assert sorted(p.path for p in problems) == ["page.txt", "x-y.txt"]
    assert all("rename" in p.message for p in problems)


def test_utf8_with_a_few_broken_bytes_is_read_as_utf8_and_named(tmp_path):
    text = "1、什么是 RoPE？\n旋转位置编码，" * 40
    data = text.encode("utf-8")
    broken = data[:100] + b"\xff" + data[100:]  # one stray byte
    (tmp_path / "page.txt").write_bytes(broken)
    documents, problems = read_sources(tmp_path)
    assert documents[0].text.count("\ufffd") == 1 and "什么是 RoPE" in documents[0].text
    assert [p.path for p in problems] == ["page.txt"] and "not UTF-8" in problems[0].message
    (tmp_path / "page.txt").write_bytes(text.encode("gbk"))  # another encoding altogether: guessed, no warning
    documents, problems = read_sources(tmp_path)
    assert "什么是 RoPE" in documents[0].text and problems == []


def test_a_metadata_value_is_one_line(tmp_path):
    write(tmp_path / "one.txt", "1、什么是 LoRA?")
    write(tmp_path / "metadata.yml", 'one.txt:\n  title: "某厂\\n\\n    一面"\n  company: |\n    字节\n    跳动\n')
    (doc,), _ = sources.read_sources(tmp_path)
    assert doc.meta.title == "某厂 一面" and doc.meta.company == "字节 跳动"
