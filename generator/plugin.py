"""The mkdocs plugin: a thin layer that hands the generated pages to mkdocs.

It makes the knowledge base (`build.make_kb`) and logs its source problems
as warnings (`on_config`), adds the rendered pages as generated files
(`on_files`; nothing is written into `docs/`), puts them in the navigation
(`on_nav`), has them converted and written on every core (`on_nav`,
`on_env`: generator.run.prerender), writes `kb.json` into the site and
installs the code-cell runtime and the search index (`on_post_build`), and
tells `mkdocs serve` to rebuild when a source changes.

All the work is in `build`; a site builder without plugins can use
`python -m generator pages --out DIR` instead.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from urllib.parse import urlsplit
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation

from generator import paths
from generator.cells import vendor
from generator.run import build
from generator.site import compact, csp, render, scripts, search
from generator.run.cache import DEFAULT_DIR, Cache, code_version, release_kept
from generator.run.engine import LocalEngine
from generator.run.prerender import GeneratedPage, prerender, prewrite
from generator.messages import bilingual
from generator.model import KnowledgeBase, SourceDocument
from generator.rules import RuleError

# Source problems are warnings, as mkdocs plugins report what is wrong with
# their input, so that a plain `mkdocs build` shows them. A bad source file is
# named and the rest still builds: mkdocs.yml does not set `strict: true`,
# which aborts a build on any warning of a `mkdocs.*` logger (an opt-in
# `mkdocs build --strict` fails on them, as `generator build --strict` does).
log = get_plugin_logger("kb")
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
    # Folders are relative to mkdocs.yml (mkdocs resolves c.Dir options
    # against the config file's folder, wherever the build is started).
    # The sources must be there: a wrong path stops at once, naming it.
    sources = c.Dir(exists=True, default="sources")
    # Code-cell snippets; a project without cells needs no such folder.
    snippets = c.Dir(exists=False, default="snippets")
    # Where the cleaning and merge reports go on every build, served or not (made if missing).
    report_dir = c.Dir(exists=False, default="build")
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
        self.documents_by_page: dict[str, SourceDocument] = {}  # an interview page's path -> its source document
        self.generated: list[GeneratedPage] = []  # this build's generated pages, as on_nav made them
        self.nav: Navigation | None = None
        self.scripts: list[str] = []  # docs/ scripts of extra_javascript, served as one (generator.site.scripts)
        self.script_hashes: dict[str, set[str]] = {}  # a page the workers wrote -> its inline scripts (csp)
        self.repo = render.RepoLinks()
        self.serving = False  # `mkdocs serve`: a banner on every page names the build's source problems
        self._version: str | None = None  # the rules and code the last build read (cache.code_version)

    @property
    def enabled(self) -> bool:
        return self.config.get("enabled", True)  # a plugin made without mkdocs' config is on

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.enabled:
            return config
        kb = self.kb
        if kb is None:  # a rebuild by mkdocs serve, or a build without the CLI (which writes the reports itself)
            release_kept()
            self._read_rules_again_if_changed()
            cache = Cache((Path(config.config_file_path).parent / DEFAULT_DIR).resolve())
            try:
                kb = build.make_kb(Path(self.config.sources), Path(self.config.snippets),
                                   docs_dir=Path(config.docs_dir), cache=cache)
            except RuleError as error:  # a typo in generator/data: where it is, not a traceback
                raise PluginError(bilingual(str(error))) from None
            build.write_reports(kb, Path(self.config.report_dir))
            # The CLI, which made a knowledge base it hands over, has named every problem already.
            for problem in kb.problems:
                log.warning("source problem: %s", problem)
        self.kb = kb
        self.repo = self._repo_links(config)
        # Not under mkdocs serve: its threads must not be forked (see on_nav).
        self.pages = build.make_pages(kb, Path(self.config.snippets), self.repo, Path(config.docs_dir),
                                      None if self.serving else LocalEngine())
        self.documents_by_page = {render.source_path(d.id): d for d in kb.documents}
        config.extra_javascript, self.scripts = scripts.bundled(config.extra_javascript, Path(config.docs_dir))
        # The theme keys a reader's settings (and our marks) in localStorage by
        # a scope, by default the site's root as each page's inline script
        # reaches it (../../..): a different script, and one more hash in the
        # policy of every page (site/csp.py), for each depth of page. The root
        # named once, by site_url's path, is the same script on every page.
        if "scope" not in config.extra:
            config.extra["scope"] = urlsplit(config.site_url or "/").path or "/"
        return config

    # Last, so that the workers of `prewrite` render with every plugin's env.
    @event_priority(-100)
    def on_env(self, env, config, files):
        env.filters["kb_outline"] = render.outline  # overrides/main.html: the interview pages' navigation
        if self.enabled and not self.serving:
            self.script_hashes = prewrite(self.generated, config, files, self.nav, env, keep=csp.inline_script_hashes)
        return env

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
        # The sources folder as a path in the repository, whose root is mkdocs.yml's folder.
        sources = Path(os.path.relpath(self.config.sources, Path(config.config_file_path).parent)).as_posix()
        return render.RepoLinks(repo_url=repo_url, branch=self.config.branch, sources_dir=sources)

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
        document = self.documents_by_page.get(path)
        topic = path.split("/")[1] if path.startswith("topics/") and path.count("/") == 2 else ""
        if document is not None:
            page.edit_url = self.repo.edit_url(document.path) or None
        else:
            page.edit_url = self.repo.new_url(topic=topic or render.UNCATEGORIZED) or None
        return page

    def on_page_content(self, html: str, page, config, files) -> str:
        if not self.enabled:
            return html
        # (A generated page's HTML is sanitised by GeneratedPage.render.)
        if self.serving and self.kb is not None and self.kb.problems:
            html = problems_banner(len(self.kb.problems), page.url) + html  # our own markup, after the clean-up
        return html

    def on_post_page(self, output: str, page, config) -> str:
        return compact.compact(output) if self.enabled else output

    def on_files(self, files: Files, config) -> Files:
        if not self.enabled:
            return files
        for path, text in sorted(self.pages.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} clashes with a generated page; rename or remove it")
            # Not in the navigation mkdocs makes from the hand-written `nav`
            # (which would list every generated page as missing from it);
            # on_nav puts them in (as mkdocs-material's blog plugin does).
            files.append(File.generated(config, path, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
        for unused in [f for f in files if search.THEME_FILES_UNUSED.match(f.src_uri)]:
            files.remove(unused)
        if self.scripts:
            if files.get_file_from_path(scripts.BUNDLE) is not None:
                raise PluginError(f"docs/{scripts.BUNDLE} clashes with the bundle of the site's scripts; rename it")
            files.append(File.generated(config, scripts.BUNDLE, content=scripts.bundle_text(self.scripts, Path(config.docs_dir))))
        return files

    def on_nav(self, nav: Navigation, config, files: Files) -> Navigation:
        """The site's navigation: the generated pages, with the hand-written
        `nav` of mkdocs.yml between them (`render.nav`), made by mkdocs from
        that nav config as if mkdocs.yml listed every page."""
        if not self.enabled:
            return nav
        site_nav = render.nav(self.kb, self.pages, extra=list(config.nav or []))
        listed = _pages_in(site_nav)
        for path in self.pages:
            # In the navigation from now on, unless mkdocs.yml's not_in_nav says
            # otherwise; pages it does not list on purpose (each problem's page,
            # the interviews past a few) are reached from their index pages.
            inclusion = InclusionLevel.UNDEFINED if path in listed else InclusionLevel.NOT_IN_NAV
            files.get_file_from_path(path).inclusion = inclusion
        set_exclusions(files, config)
        # While making `nav`, mkdocs made a Page for every page, and a page's
        # navigation title is set only when its Page is made: they are made
        # again, from the whole navigation. (This project has no other plugin
        # that makes Pages of its own, which would be made again too.)
        for file in files.documentation_pages():
            file.page = None
        # The generated pages are GeneratedPages, with the title the
        # navigation gives them (mkdocs takes a page that is made already).
        generated = [GeneratedPage(listed.get(path), files.get_file_from_path(path), config) for path in self.pages]
        hand_written = config.nav
        config.nav = site_nav
        try:
            nav = get_navigation(files, config)
        finally:
            config.nav = hand_written  # mkdocs.yml's nav, as written
        # The biggest first, so that no worker is left with one at the end.
        self.generated = sorted((p for p in generated if p.file.inclusion.is_included()),
                                key=lambda p: -len(self.pages[p.file.src_uri]))
        self.nav = nav
        if not self.serving:  # mkdocs serve runs threads, which a forked worker must not inherit
            prerender(self.generated, config, files)
        return nav

    # After the theme's search plugin has written its index, which ours replaces.
    @event_priority(-50)
    def on_post_build(self, config) -> None:
        if not self.enabled:
            return
        site_dir = Path(config.site_dir)
        site = build.write_data(self.kb, site_dir, self.cache)
        if (site_dir / search.INDEX).is_file():
            search.write_index(site_dir, self.kb, site, build.code_problems(Path(self.config.snippets)))
        from generator.cells import runtime

        vendor.install_vendor(site_dir)
        runtime.install_runtime(
            site_dir,
            pyodide_cdn=self.config.pyodide_cdn or None,
            snippets_root=Path(self.config.snippets),
        )
        if not self.serving:  # mkdocs serve injects its own live-reload script
            csp.add_policy(site_dir, self.config.pyodide_cdn or None, self.script_hashes)
        self.script_hashes = {}
        # A live-reload rebuild must read the sources again.
        self.kb = None

    def on_build_error(self, *, error) -> None:
        self.kb = None  # a failed build: the next rebuild reads the sources again, and names their problems again

    def on_serve(self, server, config, builder):
        if not self.enabled:
            return server
        for folder in (self.config.sources, self.config.snippets):
            server.watch(folder)
        server.watch(str(paths.TEMPLATES))
        server.watch(str(paths.DATA))
        return server


def _pages_in(nav_config, title: str | None = None) -> dict[str, str | None]:
    """Every page path of a navigation in mkdocs' `nav` format, with its
    title there (None: the page's own)."""
    if isinstance(nav_config, str):
        return {nav_config: title}
    if isinstance(nav_config, dict):
        return {p: t for key, value in nav_config.items() for p, t in _pages_in(value, key).items()}
    if isinstance(nav_config, list):
        return {p: t for item in nav_config for p, t in _pages_in(item).items()}
    return {}
