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
import posixpath
import re
import subprocess
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import paths
from generator.cells import vendor
from generator.run import build
from generator.site import csp, render, sanitize
from generator.run.cache import DEFAULT_DIR, Cache, code_version, release_kept
from generator.model import KnowledgeBase

log = logging.getLogger("mkdocs.plugins.kb")
_WEB_REMOTE = re.compile(r"^(?:https://|ssh://git@|git@)(github\.com|gitlab\.com)[:/](.+?)(?:\.git)?/?$")


def origin_web_url(folder: Path) -> str:
    """https://github.com/ORG/REPO for a checkout whose `origin` is on GitHub
    or GitLab (https or ssh), else ""."""
    try:
        found = subprocess.run(["git", "-C", str(folder), "remote", "get-url", "origin"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    match = _WEB_REMOTE.match(found.stdout.strip()) if found.returncode == 0 else None
    return f"https://{match[1]}/{match[2]}" if match else ""


def problems_banner(count: int, page_url: str) -> str:
    """The note a served page opens with while the sources have problems,
    linking to the maintainers' page that lists them."""
    base = (page_url if page_url.endswith("/") else posixpath.dirname(page_url)).rstrip("/") or "."
    link = posixpath.relpath(render.PROBLEMS_PAGE.removesuffix(".md"), base) + "/"  # directory URLs, as the site uses
    return (f'<div class="admonition warning kb-problems"><p class="admonition-title">源文件有问题</p>'
            f'<p>这次构建有 {count} 个源文件问题（被跳过或标出的文件），见<a href="{link}">源文件问题</a>；'
            f'改好后保存，页面会自动重建。</p></div>\n')


class KnowledgeBaseConfig(Config):
    # false: mkdocs builds docs/ alone (no generated pages, kb.json, cells or policy)
    enabled = c.Type(bool, default=True)
    sources = c.Type(str, default="sources")
    snippets = c.Type(str, default="snippets")
    # Where the cleaning and merge reports go on every build, served or not.
    report_dir = c.Type(str, default="build")
    # Where the code cells load Pyodide from: "" = the copy in the built site.
    pyodide_cdn = c.Type(str, default="")
    # The repository contributors edit; "" = no edit links.
    repo_url = c.Type(str, default="")
    branch = c.Type(str, default="main")


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.kb: KnowledgeBase | None = None  # set by the CLI to reuse its build
        self.cache = None  # the CLI's cache (--cache-dir, --no-cache); None: the default
        self.pages: dict[str, str] = {}
        self.repo = render.RepoLinks()
        self.serving = False  # `mkdocs serve`: a banner on every page names the build's source problems
        self._version: str | None = None  # the rules and code the last build read (cache.code_version)

    @property
    def enabled(self) -> bool:
        return self.config.get("enabled", True)  # a plugin made without mkdocs' config is on

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def _path(self, config, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_config(self, config):
        if not self.enabled:
            return config
        kb = self.kb
        if kb is None:  # a rebuild by mkdocs serve, or a build without the CLI (which writes the reports itself)
            release_kept()
            self._read_rules_again_if_changed()
            kb = build.make_kb(self._path(config, self.config.sources), self._path(config, self.config.snippets),
                               docs_dir=Path(config.docs_dir), cache=Cache(self._path(config, str(DEFAULT_DIR))))
            build.write_reports(kb, self._path(config, self.config.report_dir))
        for problem in kb.problems:
            log.info("source problem: %s", problem)  # a warning would fail strict builds
        self.kb = kb
        self.repo = self._repo_links(config)
        self._resolve_search_dictionary(config)
        self.pages = build.make_pages(kb, self._path(config, self.config.snippets), self.repo, Path(config.docs_dir))
        hand_written = list(config.nav or [])
        config.nav = render.nav(kb, self.pages, extra=hand_written)
        return config

    def _read_rules_again_if_changed(self) -> None:
        """Under mkdocs serve, a rebuild after a maintainer edited a rule (a
        file in data/, or the code) reads it again instead of using what
        this process read before."""
        code_version.cache_clear()
        version = code_version()
        if self._version is not None and version != self._version:
            build.read_rules_again()
        self._version = version

    def _repo_links(self, config) -> render.RepoLinks:
        """Where contributors edit: the plugin's repo_url (KB_REPO_URL), else
        the GitHub or GitLab repository this checkout was cloned from, else
        nowhere (no edit links rather than links to a repository that is not
        this one)."""
        repo_url = self.config.repo_url or origin_web_url(Path(config.config_file_path).parent)
        if not repo_url:
            return render.RepoLinks()
        sources = Path(self.config.sources).as_posix().strip("/")
        return render.RepoLinks(repo_url=repo_url, branch=self.config.branch, sources_dir=sources)

    def _resolve_search_dictionary(self, config) -> None:
        """Make search's jieba_dict_user relative to mkdocs.yml, not to the
        working directory, so a build started anywhere finds it."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        value = search.config.get("jieba_dict_user") if search else None
        if value and not Path(value).is_absolute():
            search.config.jieba_dict_user = str(Path(config.config_file_path).parent / value)

    def on_pre_page(self, page, config, files):
        """Edit links of generated pages lead to what a contributor edits, never
        to the generated file: an interview's source page, or a new contribution."""
        if not self.enabled:
            return page
        path = page.file.src_uri
        if path == build.CONTRIBUTING_PAGE:
            page.edit_url = self.repo.file_edit_url(build.CONTRIBUTING_FILE) or None
            return page
        if path not in self.pages:
            page.edit_url = self.repo.file_edit_url(f"{Path(config.docs_dir).name}/{path}") or None
            return page
        document = next((d for d in self.kb.documents if render.source_path(d.id) == path), None)
        topic = path.split("/")[1] if path.startswith("topics/") and path.count("/") == 2 else ""
        if document is not None:
            page.edit_url = self.repo.edit_url(document.path) or None
        else:
            page.edit_url = self.repo.new_url(topic=topic or render.UNCATEGORIZED) or None
        return page

    def on_page_content(self, html: str, page, config, files) -> str:
        if not self.enabled:
            return html
        # Generated pages carry untrusted text: only the allow-listed HTML stays.
        if page.file.src_uri in self.pages:
            html = sanitize.clean_page_html(html)
        if self.serving and self.kb is not None and self.kb.problems:
            html = problems_banner(len(self.kb.problems), page.url) + html  # our own markup, after the clean-up
        return html

    def on_files(self, files: Files, config) -> Files:
        if not self.enabled:
            return files
        for path, text in sorted(self.pages.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} clashes with a generated page; rename or remove it")
            files.append(File.generated(config, path, content=text))
        return files

    def on_post_build(self, config) -> None:
        if not self.enabled:
            return
        site_dir = Path(config.site_dir)
        build.write_data(self.kb, site_dir, self.cache)
        from generator.cells import runtime

        vendor.install_vendor(site_dir)
        runtime.install_runtime(
            site_dir,
            pyodide_cdn=self.config.pyodide_cdn or None,
            snippets_root=self._path(config, self.config.snippets),
        )
        if not self.serving:  # mkdocs serve injects its own live-reload script
            csp.add_policy(site_dir, self.config.pyodide_cdn or None)
        # A live-reload rebuild must read the sources again.
        self.kb = None

    def on_serve(self, server, config, builder):
        if not self.enabled:
            return server
        for folder in (self.config.sources, self.config.snippets):
            server.watch(str(self._path(config, folder)))
        server.watch(str(paths.TEMPLATES))
        server.watch(str(paths.DATA))
        return server
