"""Copy vendored front-end libraries from node_modules into the built site.

KaTeX renders the formulas of contributed answers; it is copied into
<site>/assets/vendor/katex/ so the site needs no CDN, and docs/assets/kb-math.js
loads it only on pages that have a formula.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from generator import paths

ROOT = paths.PROJECT
KATEX = ROOT / "node_modules" / "katex" / "dist"
KATEX_FILES = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")


def install_vendor(site_dir: Path) -> None:
    if not KATEX.is_dir():
        raise FileNotFoundError(f"{KATEX} is missing; run `make setup` (npm ci)")
    target = Path(site_dir) / "assets" / "vendor" / "katex"
    for name in KATEX_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(KATEX / name, target / name)
    fonts = target / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for font in sorted((KATEX / "fonts").glob("*.woff2")):
        shutil.copyfile(font, fonts / font.name)
