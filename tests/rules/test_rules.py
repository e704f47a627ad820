"""generator/rules: every data file is read into its dataclass, and a file
that does not fit says which file and which key is wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from generator import paths, rules
from generator.rules import RuleError, read_as, schema


def test_every_data_file_has_a_schema_and_fits_it():
    on_disk = {p.name for p in paths.DATA.glob("*.yml")}
    assert on_disk == set(schema.FILES)
    for name in sorted(on_disk):
        rules.load(name)  # raises RuleError when it does not fit


def test_sections_are_dataclasses_not_dicts():
    segment = rules.load("segment.yml")
    assert isinstance(segment, schema.Segment)
    assert isinstance(segment.headings.max_chars, int)
    assert segment.speakers.by_role()["interviewer"][0].name


def test_a_data_file_without_a_schema_is_refused():
    with pytest.raises(RuleError, match="no schema"):
        rules.load("nothing.yml")


@pytest.mark.parametrize("value, message", [
    ({"near_threshold": 0.7, "close_call_threshold": 0.5, "close_call_limt": 3, "nearly_apart_margin": 0.1},
     r"dedupe\.yml: close_call_limt: unknown key; did you mean close_call_limit\?"),
    ({"near_threshold": 0.7, "close_call_threshold": 0.5}, r"dedupe\.yml: close_call_limit: missing"),
    ({"near_threshold": "high", "close_call_threshold": 0.5, "close_call_limit": 3, "nearly_apart_margin": 0.1},
     r"dedupe\.yml: near_threshold: should be a number, not str"),
    ({"near_threshold": 0.7, "close_call_threshold": 0.5, "close_call_limit": 2.5, "nearly_apart_margin": 0.1},
     r"dedupe\.yml: close_call_limit: should be a whole number"),
])
def test_a_misspelt_missing_or_mistyped_key_is_named(value, message):
    with pytest.raises(RuleError, match=message):
        read_as(schema.Dedupe, value, "dedupe.yml")


def test_a_nested_key_is_named_by_its_path():
    segment = {"min_turns": 4, "interviewer": [{"name": "面试官"}], "candidate": [{"nmae": "我"}], "followup": []}
    with pytest.raises(RuleError, match=r"segment\.yml: speakers\.candidate\[0\]\.nmae: unknown key; did you mean name"):
        read_as(schema.Speakers, segment, "segment.yml: speakers")


def test_a_regular_expression_that_does_not_compile_is_named():
    with pytest.raises(RuleError, match=r"numbering\.yml: chinese: not a valid regular expression"):
        read_as(schema.Numbering, {**_numbering(), "chinese": "^[一二三"}, "numbering.yml")


def test_yaml_11_booleans_are_not_words():
    """`on`, `yes` and `no` unquoted are booleans in YAML: in a word list they are an error, not the word "true"."""
    with pytest.raises(RuleError, match=r"stopwords\.yml: generic\[1\]: should be text, not bool True"):
        read_as(schema.Stopwords, {"filler": [], "generic": ["in", True], "pronouns": []}, "stopwords.yml")


def test_a_build_with_a_broken_data_file_stops_with_the_file_and_key(tmp_path):
    """A maintainer's typo in generator/data stops the build at once with
    where it is, not with a KeyError deep in the pipeline."""
    package = tmp_path / "generator"
    shutil.copytree(paths.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "build"))
    broken = package / "data" / "segment.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("max_question_chars:", "max_question_char:"),
                      encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--kb-only", "--sources", str(paths.PROJECT / "sources"),
         "--site-dir", str(tmp_path / "site"), "--report-dir", str(tmp_path / "build"), "--no-cache"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2, result.stderr
    assert "segment.yml: max_question_char: unknown key; did you mean max_question_chars?" in result.stderr
    assert "规则文件 segment.yml: max_question_char" in result.stderr  # Chinese first, as every message
    assert "Traceback" not in result.stderr


def _numbering() -> dict:
    import yaml

    return yaml.safe_load((paths.DATA / "numbering.yml").read_text(encoding="utf-8"))


def test_a_value_outside_its_choices_is_named():
    with pytest.raises(RuleError, match=r"glossary\.yml: lora\.kind: should be entity or word, not str 'term'"):
        read_as(dict[str, schema.Term], {"lora": {"abbr": ["lora"], "kind": "term"}}, "glossary.yml")
