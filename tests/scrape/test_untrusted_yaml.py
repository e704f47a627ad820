"""generator.scrape.untrusted_yaml: YAML from contributors and scraped pages may not
use aliases, so that ten lines cannot expand into billions of items."""

from __future__ import annotations

import pytest
import yaml

from generator.scrape import untrusted_yaml
from generator.contributions.contribution import parse
from generator.model import SourceDocument
from generator.scrape.sources import read_sources

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))


def test_plain_yaml_loads_as_with_the_safe_loader():
    text = "question: 什么是 RoPE?\ntopics: [rope]\naliases:\n  - 旋转位置编码\n"
    assert untrusted_yaml.load(text) == yaml.safe_load(text)


def test_an_alias_is_an_error_at_its_line():
    with pytest.raises(yaml.YAMLError) as error:
        untrusted_yaml.load(LAUGHS)
    assert error.value.problem_mark.line == 1  # the first alias, on the second line
    with pytest.raises(yaml.YAMLError):
        untrusted_yaml.compose(LAUGHS)


def test_a_contribution_with_aliases_is_named_and_not_expanded():
    doc = SourceDocument(id="c", path="contrib/rag/x.md", kind="contributed", format="markdown",
                         text="---\nquestion: 什么是 RAG?\ntopics: [rag]\n" + LAUGHS + "---\n\n检索增强生成。\n")
    contribution, problems = parse(doc, {"rag"}, set())
    assert contribution is None
    assert problems and "aliases" in problems[0].message and problems[0].line > 1


def test_metadata_with_aliases_is_named_and_the_pages_still_read(tmp_path):
    (tmp_path / "a.txt").write_text("1、什么是 GQA？\n", encoding="utf-8")
    (tmp_path / "metadata.yml").write_text(LAUGHS, encoding="utf-8")
    documents, problems = read_sources(tmp_path)
    assert [d.path for d in documents] == ["a.txt"]
    assert [p.path for p in problems] == ["metadata.yml"] and "aliases" in problems[0].message
