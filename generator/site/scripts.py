"""The site's own scripts, one file for the browser.

mkdocs.yml lists each of the site's scripts (docs/assets/kb-*.js) under
extra_javascript, one feature per file; every page would carry a <script> tag
for each, and a reader's browser would fetch each. The build serves them as
one file, `BUNDLE`, in the listed order, where the first of them was listed.
Each file is an IIFE that finds the site from `document.currentScript`,
which is the bundle, in the same folder."""

from __future__ import annotations

from pathlib import Path

BUNDLE = "assets/kb.js"


def bundled(scripts: list, docs_dir: Path) -> tuple[list, list[str]]:
    """`scripts` (mkdocs' extra_javascript) with the plain ones that are files
    of `docs_dir` replaced by BUNDLE, and those files' paths, in order. A script
    with attributes (a module, async, defer) stays as it is."""
    kept, files = [], []
    for script in scripts:
        if isinstance(script, str) and (docs_dir / script).is_file() and script != BUNDLE:
            if not files:
                kept.append(BUNDLE)
            files.append(script)
        else:
            kept.append(script)
    return kept, files


def bundle_text(files: list[str], docs_dir: Path) -> str:
    return "".join(f"/* {path} */\n{(docs_dir / path).read_text(encoding='utf-8').rstrip()}\n;\n" for path in files)
