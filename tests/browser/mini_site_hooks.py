"""mkdocs hooks for the browser tests' small site: they do what the real
plugin (generator/plugin.py) does for code cells and the page policy
(generator/site/csp.py), and nothing else.

A page line `<!-- kb-cell NAME -->` becomes `cell_markdown(NAME)`; after the
build, `install_runtime` copies the runtime into the site and `add_policy`
puts the Content-Security-Policy in every page."""

from __future__ import annotations

import re
from pathlib import Path

from generator.site.csp import add_policy
from generator.cells.runtime import SNIPPETS, install_runtime
from generator.cells.snippets import cell_markdown, load_snippets

FOUND = {s.name: s for s in load_snippets(SNIPPETS)}


def on_page_markdown(markdown, page, config, files):
    return re.sub(r"^<!-- kb-cell (\S+) -->$", lambda m: cell_markdown(FOUND[m.group(1)]), markdown, flags=re.M)


def on_post_build(config):
    cdn = (config.extra.get("kb_cells") or {}).get("pyodide_cdn") or None
    install_runtime(Path(config.site_dir), pyodide_cdn=cdn)
    add_policy(Path(config.site_dir), pyodide_cdn=cdn)
