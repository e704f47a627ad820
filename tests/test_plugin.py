"""generator.plugin: source problems are mkdocs warnings and the rest builds;
the generated pages are in the navigation; folders are relative to
mkdocs.yml; while `mkdocs serve` runs, every page opens with a note naming
the build's source problems (and a plain build shows none)."""

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
    before = tagging.load_rules().speakers.min_turns
    segment_yml = data / "segment.yml"
    segment_yml.write_text(segment_yml.read_text(encoding="utf-8").replace(
        f"min_turns: {before}", f"min_turns: {before + 7}", 1), encoding="utf-8")
    assert tagging.load_rules().speakers.min_turns == before  # read once per process

    kb_plugin = plugin.KnowledgeBasePlugin()
    versions = iter(["rules as first read", "rules as edited"])

    def code_version():  # what cache.code_version hashes, before and after the edit
        return next(versions)

    code_version.cache_clear = lambda: None
    monkeypatch.setattr(plugin, "code_version", code_version)
    kb_plugin._read_rules_again_if_changed()
    assert tagging.load_rules().speakers.min_turns == before  # the first build: nothing to forget
    kb_plugin._read_rules_again_if_changed()
    assert tagging.load_rules().speakers.min_turns == before + 7
    monkeypatch.undo()
    build.read_rules_again()  # the real data files again, for the tests after this one


def _project_config(tmp_path, **overrides):
    """The project's mkdocs.yml, with the kb plugin's reports (and any other
    option given) in tmp_path. mkdocs keeps a plugin with on_startup across
    load_config calls (for mkdocs serve): a knowledge base an earlier test
    left in it would be taken for the CLI's."""
    from mkdocs.config import load_config

    from sitebuild import PROJECT

    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    kb_plugin = config.plugins["kb"]
    kb_plugin.config.report_dir = str(tmp_path / "reports")
    kb_plugin.kb = None
    for name, value in overrides.items():
        kb_plugin.config[name] = value
    return config, kb_plugin


def test_a_plain_mkdocs_build_names_a_bad_source_file_as_a_warning_and_still_builds(tmp_path, caplog):
    """A plain `mkdocs build` shows every source problem (a warning, not
    mkdocs' info, which the CLI and a quiet build hide), and the rest builds:
    mkdocs.yml does not make warnings abort the build."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build

    from sitebuild import make_sources

    sources = make_sources(tmp_path)
    (sources / "empty.txt").write_bytes(b"")
    config, kb_plugin = _project_config(tmp_path, sources=str(sources))
    assert not config.strict
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build(config)
    problems = [r for r in caplog.records if r.name == "mkdocs.plugins.kb" and "empty.txt" in r.getMessage()]
    assert problems and all(r.levelno == logging.WARNING for r in problems)
    assert "the file is empty" in problems[0].getMessage()
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "interviews" / "index.html").is_file()
    assert (tmp_path / "site" / "kb.json").is_file()


def test_problems_the_cli_named_are_not_logged_again(tmp_path, caplog):
    """The CLI makes the knowledge base, prints its problems and hands it to
    the plugin: mkdocs' output does not repeat them."""
    import logging

    config, kb_plugin = _project_config(tmp_path)
    kb_plugin.kb = _kb([Problem("scraped/x.txt", "no interview question found")])
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        kb_plugin.on_config(config)
    assert not [r for r in caplog.records if "x.txt" in r.getMessage()]


def _shape(items):
    """A navigation as data: (title, url, children) of every item, nested."""
    return [(item.title, getattr(item, "url", None), _shape(item.children or [])) for item in items]


def test_the_navigation_has_the_generated_pages_around_the_hand_written_nav(tmp_path, caplog):
    """on_nav makes the navigation mkdocs would make if mkdocs.yml listed every
    generated page (render.nav), with mkdocs.yml's own nav kept in it, and
    leaves mkdocs.yml's nav as written."""
    import logging

    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation

    from generator.site import render

    config, kb_plugin = _project_config(tmp_path)
    hand_written = list(config.nav)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    assert config.nav == hand_written
    assert not [r for r in caplog.records if "not included in the \"nav\"" in r.getMessage()]
    assert [item.title for item in nav] == ["首页", "专题", "面经", "编程题", "关于", "贡献指南", "维护"]
    in_nav = {page.file.src_uri for page in nav.pages}
    generated = [p for p in kb_plugin.pages if p.startswith(("topics/", "interviews/"))]
    assert generated and set(generated) <= in_nav
    assert [p.previous_page for p in nav.pages[1:]] == nav.pages[:-1]  # the footer's previous / next links

    # The same navigation as mkdocs makes from a nav config listing every page.
    listed, listed_plugin = _project_config(tmp_path)
    listed = listed.plugins.on_config(listed)
    listed_files = listed.plugins.on_files(get_files(listed), config=listed)
    for file in listed_files:
        file.inclusion = file.inclusion.UNDEFINED
    set_exclusions(listed_files, listed)
    listed.nav = render.nav(listed_plugin.kb, listed_plugin.pages, extra=hand_written)
    assert _shape(nav) == _shape(get_navigation(listed_files, listed))


def test_folders_are_relative_to_mkdocs_yml_not_to_where_mkdocs_runs(tmp_path, monkeypatch, caplog):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from sitebuild import PROJECT

    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "my-sources").mkdir()
    (project / "my-sources" / "interview.txt").write_text(
        "某厂 NLP 一面\n1、什么是注意力机制?\n注意力按相关性给每个位置加权。\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - kb:\n      sources: my-sources\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "my-sources").mkdir(parents=True)  # what the working directory would give: empty
    monkeypatch.chdir(elsewhere)

    config = load_config(str(project / "mkdocs.yml"))
    kb_plugin = config.plugins["kb"]
    kb_plugin.kb = None  # see _project_config
    assert kb_plugin.config.sources == str(project / "my-sources")
    assert kb_plugin.config.report_dir == str(project / "build")
    kb_plugin.on_config(config)
    assert [d.path for d in kb_plugin.kb.documents] == ["interview.txt"]
    assert (project / "build" / "cleaning-report.md").is_file() and not (elsewhere / "build").exists()

    # A sources folder that is not there stops the build at once, naming the option and the folder.
    (project / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - kb:\n      sources: nowhere\n", encoding="utf-8")
    with pytest.raises(Abort):
        load_config(str(project / "mkdocs.yml"))
    assert f"option 'sources': The path '{project / 'nowhere'}' isn't an existing directory" in caplog.text


def test_a_typo_in_a_rules_file_stops_mkdocs_with_the_file_and_key(tmp_path, monkeypatch):
    """`mkdocs build` / `mkdocs serve` after a maintainer misspelt a key in
    generator/data: the build stops with the file and key, not a traceback."""
    import shutil

    from mkdocs.exceptions import PluginError

    from generator import rules
    from generator.run import build

    data = tmp_path / "data"
    shutil.copytree(rules.DATA_DIR, data)
    (data / "dedupe.yml").write_text("near_treshold: 0.75\nclose_call_threshold: 0.5\nclose_call_limit: 200\n",
                                     encoding="utf-8")
    monkeypatch.setattr(rules, "DATA_DIR", data)
    build.read_rules_again()
    config, kb_plugin = _project_config(tmp_path)
    try:
        with pytest.raises(PluginError, match=r"dedupe\.yml: near_treshold.*near_threshold"):
            kb_plugin.on_config(config)
    finally:
        monkeypatch.undo()
        build.read_rules_again()
