"""Running the CLI from tests, as `make build` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TESTS = PROJECT / "tests"  # fixtures/, golden/, data/, eval/


def run_build(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def make_sources(root: Path, contributions: Path | None = None) -> Path:
    """A sources folder: the project's scraped pages and metadata, and our contributions."""
    sources = root / "sources"
    sources.mkdir(parents=True)
    shutil.copytree(PROJECT / "sources" / "scraped", sources / "scraped")
    shutil.copy(PROJECT / "sources" / "metadata.yml", sources / "metadata.yml")
    if contributions is not None:
        shutil.copytree(contributions, sources / "contrib")
    return sources
