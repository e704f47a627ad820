"""Shared fixtures: the real site, built once per test session from the real sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site, built with the CLI as `make build` does."""
    out = tmp_path_factory.mktemp("site")
    result = run_build("--site-dir", str(out / "site"), "--report-dir", str(out / "reports"))
    assert result.returncode == 0, result.stderr[-4000:]
    (out / "stdout.txt").write_text(result.stdout, encoding="utf-8")
    (out / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    return out / "site"
