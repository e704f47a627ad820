"""generator.plugin: while `mkdocs serve` runs, every page opens with a note
naming the build's source problems (and a plain build shows none)."""

from __future__ import annotations

import posixpath
import re
from types import SimpleNamespace

import pytest

from generator import plugin
from generator.model import KnowledgeBase, Problem


def _kb(problems):
    return KnowledgeBase(documents=(), pages=(), questions=(), entries=(), topics=(), problems=tuple(problems))


def _page(url):
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri="x.md"))


@pytest.mark.parametrize("url", ["", "topics/rag/", "interviews/scraped/000/"])
def test_the_banner_links_to_the_problems_page_from_any_page(url):
    link = re.search(r'href="([^"]*)"', plugin.problems_banner(2, url)).group(1)
    assert posixpath.normpath(posixpath.join(url or ".", link)) == "maintainers/problems"
    assert "2 个源文件问题" in plugin.problems_banner(2, url)


def test_only_a_served_build_with_problems_shows_the_banner():
    kb_plugin = plugin.KnowledgeBasePlugin()
    kb_plugin.kb = _kb([Problem("scraped/x.txt", "no interview question found")])
    kb_plugin.on_startup(command="build", dirty=False)
    assert "kb-problems" not in kb_plugin.on_page_content("<p>正文</p>", _page("topics/rag/"), None, None)
    kb_plugin.on_startup(command="serve", dirty=False)
    assert kb_plugin.on_page_content("<p>正文</p>", _page("topics/rag/"), None, None).startswith('<div class="admonition warning kb-problems">')
    kb_plugin.kb = _kb([])
    assert "kb-problems" not in kb_plugin.on_page_content("<p>正文</p>", _page("topics/rag/"), None, None)


def test_a_build_without_the_cli_writes_the_reports_too(tmp_path):
    """`mkdocs serve` and plain `mkdocs build` make the knowledge base in the
    plugin; the maintainers' reports are written then as well."""
    from mkdocs.config import load_config

    from sitebuild import PROJECT

    config = load_config(str(PROJECT / "mkdocs.yml"))
    kb_plugin = config.plugins["kb"]
    kb_plugin.config.report_dir = str(tmp_path / "reports")
    kb_plugin.on_config(config)
    assert (tmp_path / "reports" / "cleaning-report.md").read_text(encoding="utf-8").startswith("# Cleaning report")
    assert (tmp_path / "reports" / "merge-report.md").stat().st_size > 0


def test_a_disabled_plugin_leaves_the_site_alone(tmp_path):
    from mkdocs.config import load_config

    from sitebuild import PROJECT

    config = load_config(str(PROJECT / "mkdocs.yml"))
    kb_plugin = config.plugins["kb"]
    kb_plugin.config.enabled = False
    kb_plugin.config.report_dir = str(tmp_path / "reports")
    nav = config.nav
    assert kb_plugin.on_config(config) is config and config.nav == nav
    assert not (tmp_path / "reports").exists()
    assert kb_plugin.on_page_content("<p onclick=x>正文</p>", _page("topics/rag/"), config, None) == "<p onclick=x>正文</p>"


def test_a_served_rebuild_reads_an_edited_rule_again(tmp_path, monkeypatch):
    """A maintainer edits a file in data/ while `mkdocs serve` runs: the
    rebuild reads it again, with everything derived from it."""
    import shutil

    from generator import rules
    from generator.run import build
    from generator.scrape import tagging

    data = tmp_path / "data"
    shutil.copytree(rules.DATA_DIR, data)
    monkeypatch.setattr(rules, "DATA_DIR", data)
    build.read_rules_again()
    before = tagging.load_rules()["speakers"]["min_turns"]
    segment_yml = data / "segment.yml"
    segment_yml.write_text(segment_yml.read_text(encoding="utf-8").replace(
        f"min_turns: {before}", f"min_turns: {before + 7}", 1), encoding="utf-8")
    assert tagging.load_rules()["speakers"]["min_turns"] == before  # read once per process

    kb_plugin = plugin.KnowledgeBasePlugin()
    versions = iter(["rules as first read", "rules as edited"])

    def code_version():  # what cache.code_version hashes, before and after the edit
        return next(versions)

    code_version.cache_clear = lambda: None
    monkeypatch.setattr(plugin, "code_version", code_version)
    kb_plugin._read_rules_again_if_changed()
    assert tagging.load_rules()["speakers"]["min_turns"] == before  # the first build: nothing to forget
    kb_plugin._read_rules_again_if_changed()
    assert tagging.load_rules()["speakers"]["min_turns"] == before + 7
    monkeypatch.undo()
    build.read_rules_again()  # the real data files again, for the tests after this one
