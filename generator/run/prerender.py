"""The generated pages, converted and written on every core.

mkdocs makes its pages one after the other, in one process: at 10,000
interviews Python-Markdown alone takes minutes on one core. Both of its
loops over the pages run earlier here, in process pools forked once mkdocs
has made what the loop reads, so that every worker sees what mkdocs would:

    prerender   Markdown to HTML (after the navigation): each `GeneratedPage`
                then takes its HTML from there instead of converting it again
                when mkdocs' own loop comes to it
    prewrite    the theme's template, written to the site (after every page
                has its HTML): mkdocs' loop then renders `WRITTEN_TEMPLATE`
                for the page, which is empty, so it writes nothing over it

The bytes are the same either way: a worker runs the same steps and plugin
events, in the same order, as mkdocs' loop (mkdocs.commands.build
`_populate_page`, `_build_page`).

mkdocs-material's blog plugin subclasses `Page` the same way (Post, Excerpt,
View) to render pages its own way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from mkdocs.commands.build import get_context
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import write_file

from generator.run.engine import LocalEngine
from generator.site import sanitize

T = TypeVar("T")


@dataclass(frozen=True)
class Rendered:
    """What `Page.render` sets, in a form that crosses processes (files by path)."""

    content: str
    toc: TableOfContents
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None


# The theme shows a page's outline twice (in the sidebar, and under the page
# in the navigation for phones): a topic of thousands of questions would
# carry megabytes of it. The outline names the first ones, the most asked.
TOC_LINKS = 100


def shortened(toc: TableOfContents, limit: int) -> TableOfContents:
    """The first `limit` links of an outline, in the order of the page."""
    left = limit

    def keep(links):
        nonlocal left
        kept = []
        for link in links:
            if left <= 0:
                break
            left -= 1
            link.children = keep(link.children)
            kept.append(link)
        return kept

    return TableOfContents(keep(list(toc)))


class GeneratedPage(Page):
    """A page the generator wrote. It carries scraped and contributed text, so
    only the allow-listed HTML of its conversion stays (generator.site.sanitize)."""

    rendered: Rendered | None = None  # set by `prerender`, taken by `render`

    def render(self, config, files: Files) -> None:
        made, self.rendered = self.rendered, None
        if made is None:
            super().render(config, files)
            self.content = sanitize.clean_page_html(self.content)
            self.toc = shortened(self.toc, TOC_LINKS)
            return
        self.content = made.content
        self.toc = made.toc
        self._title_from_render = made.title_from_render
        self.present_anchor_ids = made.present_anchor_ids
        if made.links_to_anchors is not None:
            self.links_to_anchors = {files.get_file_from_path(path): links
                                     for path, links in made.links_to_anchors.items()}


# What the forked workers read: set just before the pool starts.
_BUILD: tuple | None = None


def _render_in_worker(path: str) -> Rendered:
    config, files = _BUILD
    page = files.get_file_from_path(path).page
    config._current_page = page
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    links = page.links_to_anchors
    return Rendered(page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                    None if links is None else {f.src_uri: dict(v) for f, v in links.items()})


def prerender(pages: list[GeneratedPage], config, files: Files, engine: LocalEngine | None = None) -> None:
    """Convert `pages` on `engine`'s worker processes (default: one per core);
    each page keeps its HTML for mkdocs' loop. When the engine would run
    them here (few pages, one core), nothing is done: mkdocs converts them."""
    global _BUILD
    engine = engine or LocalEngine()
    if not engine.runs_in_pool(len(pages)):
        return
    _BUILD = (config, files)
    try:
        # One page a task: the biggest (a topic of thousands of questions) are
        # given out first, each alone, and the small ones fill in around them.
        results = engine.map(_render_in_worker, [p.file.src_uri for p in pages], batch=1)
    finally:
        _BUILD = None
        config._current_page = None
    for page, made in zip(pages, results):
        page.rendered = made


# overrides/: renders nothing (mkdocs writes no empty page)
WRITTEN_TEMPLATE = "kb-written.html"


def _write_in_worker(path: str):
    config, files, nav, env, doc_files, keep = _BUILD
    page = files.get_file_from_path(path).page
    config._current_page = page
    page.active = True  # the theme marks the page, and its sections, in the navigation
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
        return keep(output) if keep else None
    finally:
        page.active = False


class _Written(logging.Filter):
    """mkdocs says "Page skipped ... Generated empty output" of every page
    given WRITTEN_TEMPLATE; those pages were written, so it need not."""

    def __init__(self, paths: list[str]):
        super().__init__()
        self.messages = {f"Page skipped: '{path}'. Generated empty output." for path in paths}

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.messages


_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


def prewrite(pages: list[GeneratedPage], config, files: Files, nav, env, engine: LocalEngine | None = None,
             keep: Callable[[str], T] | None = None) -> dict[str, T]:
    """Render the theme's template for `pages` and write them on `engine`'s
    worker processes; mkdocs' own loop then leaves them as written. Not
    here, when the engine would run them here: plugin events that keep
    something (the theme's search, in on_page_context) would run twice.
    Returns `keep(output)` of each page written, by the path it was written to
    (the plugin events that see the output ran in the workers)."""
    global _BUILD
    engine = engine or LocalEngine()
    if not engine.runs_in_pool(len(pages)):
        return {}
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # what mkdocs' loop passes
    _BUILD = (config, files, nav, env, doc_files, keep)
    try:
        kept = engine.map(_write_in_worker, [p.file.src_uri for p in pages], batch=1)
    finally:
        _BUILD = None
        config._current_page = None
    for page in pages:
        page.meta["template"] = WRITTEN_TEMPLATE
    for old in [f for f in _BUILD_LOG.filters if isinstance(f, _Written)]:
        _BUILD_LOG.removeFilter(old)
    _BUILD_LOG.addFilter(_Written([p.file.src_uri for p in pages]))
    return {p.file.abs_dest_path: k for p, k in zip(pages, kept)} if keep else {}
