"""The two real corpora the project measures itself on, as knowledge bases:
the bundled one (sources/) and the extraction evaluation corpus (the pages of
tests/eval/pages/, without their gold files)."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from generator.model import KnowledgeBase
from generator.run import build
from generator.run.cache import Cache
from generator.run.engine import Engine

PROJECT = Path(__file__).resolve().parent.parent
EVALUATION_PAGES = PROJECT / "tests" / "eval" / "pages"
SOURCE_SUFFIXES = {".txt", ".html", ".htm", ".md"}


def evaluation_sources(folder: Path) -> Path:
    """The evaluation corpus's pages (without their gold files) as a sources folder."""
    for page in sorted(EVALUATION_PAGES.rglob("*")):
        if page.suffix in SOURCE_SUFFIXES and not page.name.endswith(".gold.yml"):
            target = folder / "scraped" / page.relative_to(EVALUATION_PAGES)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
    return folder


def make(sources: Path) -> KnowledgeBase:
    return build.make_kb(sources, PROJECT / "snippets", docs_dir=PROJECT / "docs", engine=Engine(), cache=Cache(None))


@cache
def knowledge_bases() -> dict[str, KnowledgeBase]:
    """"bundled" and "evaluation", built from scratch (no cache)."""
    with tempfile.TemporaryDirectory() as folder:
        return {"bundled": make(PROJECT / "sources"), "evaluation": make(evaluation_sources(Path(folder)))}
