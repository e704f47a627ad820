"""Generated pages converted and written on worker processes (generator.run.prerender)."""

import os
from pathlib import Path

import pytest

from generator import cli, plugin
from generator.run import engine, prerender


def build(out: Path) -> dict[str, bytes]:
    assert cli.main(["build", "--site-dir", str(out / "site"), "--report-dir", str(out / "reports"),
                     "--cache-dir", str(out / "cache")]) == 0
    return {str(p.relative_to(out / "site")): p.read_bytes() for p in sorted((out / "site").rglob("*")) if p.is_file()}


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores for a pool")
def test_pages_converted_by_a_pool_are_the_bytes_mkdocs_makes_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "POOL_THRESHOLD", 2)  # the bundled corpus is small: a pool all the same
    handed, made = [], []

    def pooled_prerender(pages, *args):
        prerender.prerender(pages, *args)
        handed.extend(pages)
        made.extend(p for p in pages if p.rendered is not None)

    monkeypatch.setattr(plugin, "prerender", pooled_prerender)
    pooled = build(tmp_path / "pooled")
    assert len(handed) > 50 and all(isinstance(p, prerender.GeneratedPage) for p in handed)
    assert made == handed and all(p.rendered is None for p in handed)  # each made by the pool, then taken
    assert {p.file.src_uri for p in handed} >= {"index.md", "topics/lora/index.md", "code/two-sum.md"}

    monkeypatch.setattr(plugin, "prerender", lambda *a: None)  # mkdocs converts each page in its own loop
    alone = build(tmp_path / "alone")
    assert pooled.keys() == alone.keys()
    assert [name for name in pooled if pooled[name] != alone[name]] == []


def test_a_page_converted_elsewhere_is_taken_as_it_came_and_only_once():
    class Files:
        def get_file_from_path(self, path):
            return f"file:{path}"

    page = prerender.GeneratedPage.__new__(prerender.GeneratedPage)
    page.rendered = prerender.Rendered("<p>made</p>", "TOC", "标题", {"a"}, {"topics/x.md": {"q-1": "x.md#q-1"}})
    page.render(None, Files())
    assert (page.content, page.toc, page._title_from_render, page.present_anchor_ids) == ("<p>made</p>", "TOC", "标题", {"a"})
    assert page.links_to_anchors == {"file:topics/x.md": {"q-1": "x.md#q-1"}}
    assert page.rendered is None  # a rebuild converts again


def test_a_long_outline_keeps_its_first_links_in_page_order():
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def link(name, *children):
        made = AnchorLink(name, name, 1)
        made.children = list(children)
        return made

    toc = TableOfContents([link("h1", link("a"), link("b", link("b1")), link("c")), link("see-also")])
    assert [[(l.id, [c.id for c in l.children]) for l in top.children] for top in prerender.shortened(toc, 4)] == \
        [[("a", []), ("b", ["b1"])]]
    assert [l.id for l in prerender.shortened(toc, 99)] == ["h1", "see-also"]


def test_without_a_pool_mkdocs_makes_the_pages_itself():
    # Run here, the theme's search (on_page_context) would index a page twice.
    pages = [object()] * 100
    one_core = engine.LocalEngine(workers=1)
    assert not one_core.runs_in_pool(len(pages))
    prerender.prerender(pages, None, None, one_core)  # neither touches a page, nor mkdocs' config
    prerender.prewrite(pages, None, None, None, None, one_core)
