"""The mkdocs plugin: a thin layer that hands the generated pages to mkdocs.

It makes the knowledge base (`build.make_kb`), adds the rendered pages as
generated files (nothing is written into `docs/`), puts them in the
navigation, writes `kb.json` into the site, installs the code-cell runtime,
and tells `mkdocs serve` to rebuild when a source changes.

All the work is in `build`; a site builder without plugins can use
`python -m generator pages --out DIR` instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import build, render
from .models import KnowledgeBase

log = logging.getLogger("mkdocs.plugins.kb")


class KnowledgeBaseConfig(Config):
    sources = c.Type(str, default="sources")
    snippets = c.Type(str, default="snippets")
    # Where the code cells load Pyodide from: "" = the copy in the built site.
    pyodide_cdn = c.Type(str, default="")


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.kb: KnowledgeBase | None = None  # set by the CLI to reuse its build
        self.pages: dict[str, str] = {}

    def _path(self, config, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_config(self, config):
        kb = self.kb or build.make_kb(
            self._path(config, self.config.sources), self._path(config, self.config.snippets)
        )
        for problem in kb.problems:
            log.info("skipped: %s", problem)  # a warning would fail strict builds
        self.kb = kb
        self.pages = build.make_pages(kb, self._path(config, self.config.snippets))
        hand_written = list(config.nav or [])
        config.nav = render.nav(kb, self.pages, extra=hand_written)
        return config

    def on_files(self, files: Files, config) -> Files:
        for path, text in sorted(self.pages.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} clashes with a generated page; rename or remove it")
            files.append(File.generated(config, path, content=text))
        return files

    def on_post_build(self, config) -> None:
        site_dir = Path(config.site_dir)
        (site_dir / "kb.json").write_text(render.kb_json(self.kb), encoding="utf-8")
        from . import runtime

        runtime.install_runtime(
            site_dir,
            pyodide_cdn=self.config.pyodide_cdn or None,
            snippets_root=self._path(config, self.config.snippets),
        )
        # A live-reload rebuild must read the sources again.
        self.kb = None

    def on_serve(self, server, config, builder):
        for folder in (self.config.sources, self.config.snippets):
            server.watch(str(self._path(config, folder)))
        server.watch(str(Path(__file__).parent / "templates"))
        server.watch(str(Path(__file__).parent / "data"))
        return server
