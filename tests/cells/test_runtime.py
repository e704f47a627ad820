"""install_runtime: what it puts into a site, the CDN switch, the lock file
entry for the harness wheel, speed on a second call, and the error when
`make setup` has not run."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest

import machine
from generator.cells import runtime

pytestmark = pytest.mark.skipif(
    not runtime.NODE_PYODIDE.is_dir(), reason="node_modules is missing: run `make setup` (npm ci)"
)
KB = Path("assets/kb-cells")


def test_installs_pyodide_harness_snippets_and_front_end(tmp_path):
    runtime.install_runtime(tmp_path)
    out = tmp_path / KB
    for name in ("kb-cells.js", "kb-cells.css", "worker.js", "cell.bundle.js", "runtime.json",
                 "snippets/two-sum.json", "snippets/remove-nth-node-from-end.json", *(
                     f"pyodide/{f}" for f in runtime.PYODIDE_FILES)):
        assert (out / name).is_file(), name
    assert json.loads((out / "runtime.json").read_text()) == {
        "pyodide": "pyodide/", "lockFile": "pyodide/pyodide-lock.json", "timeLimit": 5.0}
    two_sum = json.loads((out / "snippets/two-sum.json").read_text())
    assert two_sum["spec"]["compare"] == "unordered" and two_sum["hash"] and two_sum["timeLimit"] == 5


def test_the_lock_file_lists_the_harness_wheel_with_its_hash(tmp_path):
    runtime.install_runtime(tmp_path)
    lock = json.loads((tmp_path / KB / "pyodide/pyodide-lock.json").read_text())
    entry = lock["packages"]["kb-harness"]
    wheel = tmp_path / KB / "pyodide" / entry["file_name"]
    assert entry["imports"] == ["kb_harness"]
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    original = json.loads((runtime.NODE_PYODIDE / "pyodide-lock.json").read_text())
    assert lock["info"] == original["info"]
    assert set(lock["packages"]) == set(original["packages"]) | {"kb-harness"}


def test_cdn_setting_skips_the_local_copy(tmp_path):
    runtime.install_runtime(tmp_path, pyodide_cdn="https://cdn.example/pyodide/v314.0.7/full")
    out = tmp_path / KB
    assert not (out / "pyodide/pyodide.asm.wasm").exists()
    assert (out / "pyodide/pyodide-lock.json").is_file()  # the harness is still served by the site
    assert json.loads((out / "runtime.json").read_text())["pyodide"] == "https://cdn.example/pyodide/v314.0.7/full/"


def test_second_install_is_fast_and_rewrites_nothing(tmp_path):
    runtime.install_runtime(tmp_path)
    wasm = tmp_path / KB / "pyodide/pyodide.asm.wasm"
    before = wasm.stat().st_mtime_ns, (tmp_path / KB / "runtime.json").stat().st_mtime_ns
    start = time.perf_counter()
    runtime.install_runtime(tmp_path)
    assert time.perf_counter() - start < 1.0 * machine.slowdown()
    assert (wasm.stat().st_mtime_ns, (tmp_path / KB / "runtime.json").stat().st_mtime_ns) == before


def test_missing_node_modules_says_run_make_setup(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime, "NODE_PYODIDE", tmp_path / "node_modules" / "pyodide")
    with pytest.raises(runtime.RuntimeSetupError, match="make setup"):
        runtime.install_runtime(tmp_path / "site")
