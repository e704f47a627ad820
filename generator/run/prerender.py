"""The generated pages, converted to HTML on every core.

mkdocs converts its pages one after the other, in one process: at 10,000
interviews Python-Markdown alone takes minutes on one core. `prerender` runs
the same conversion earlier, in a process pool forked once mkdocs has made
its config, files and navigation, so that every worker sees what mkdocs
would; each `GeneratedPage` then takes its HTML from there instead of
converting it again when mkdocs' own loop comes to it. The bytes are the same
either way: a worker runs the page's own `render`, in the same order of
events (read_source, on_page_markdown, render) as mkdocs' loop.

mkdocs-material's blog plugin subclasses `Page` the same way (Post, Excerpt,
View) to render pages its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.run.engine import LocalEngine
from generator.site import sanitize


@dataclass(frozen=True)
class Rendered:
    """What `Page.render` sets, in a form that crosses processes (files by path)."""

    content: str
    toc: TableOfContents
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None


class GeneratedPage(Page):
    """A page the generator wrote. It carries scraped and contributed text, so
    only the allow-listed HTML of its conversion stays (generator.site.sanitize)."""

    rendered: Rendered | None = None  # set by `prerender`, taken by `render`

    def render(self, config, files: Files) -> None:
        made, self.rendered = self.rendered, None
        if made is None:
            super().render(config, files)
            self.content = sanitize.clean_page_html(self.content)
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
    each page keeps its HTML for mkdocs' loop. Few pages: nothing is done
    here, and mkdocs converts them as usual."""
    global _BUILD
    engine = engine or LocalEngine()
    _BUILD = (config, files)
    try:
        results = engine.map(_render_in_worker, [p.file.src_uri for p in pages])
    finally:
        _BUILD = None
        config._current_page = None
    for page, made in zip(pages, results):
        page.rendered = made
