"""Put the code cells' runtime into a built site: `install_runtime(site_dir)`.

It writes, under <site>/assets/kb-cells/:
    kb-cells.js, kb-cells.css, worker.js  the cell front-end (generator/assets/)
    cell.bundle.js                        editor + runner, built by esbuild at setup
    runtime.json                          where Pyodide is, the default time limit
    download.json                         what starting the runtime downloads: every
                                          file with its size and the total, which a
                                          cell shows before the download starts
    snippets/<name>.json                  each snippet's solution, spec and cases
    pyodide/                              the pinned npm Pyodide (unless a CDN is set),
                                          its pyodide-lock.json with kb-harness added,
                                          and the kb-harness wheel

The harness wheel and its lock file are built once per harness version and
cached in node_modules/.cache/kb-cells/; unchanged files are not copied again.
This module does not render pages (see generator.cells.snippets.cell_markdown).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.cells.snippets import load_snippets
from generator import paths

ROOT = paths.PROJECT
ASSETS = paths.ASSETS
HARNESS = ROOT / "harness"
SNIPPETS = ROOT / "snippets"
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "node_modules" / ".cache" / "kb-cells"
TOOLS_VENV = Path(os.environ.get("KB_PYODIDE_VENV", ROOT / ".venv-pyodide"))
OUT = Path("assets") / "kb-cells"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
FRONT_END = {  # file in the site -> file in the tree
    "kb-cells.js": ASSETS / "kb-cells.js",
    "kb-cells.css": ASSETS / "kb-cells.css",
    "worker.js": ASSETS / "worker.js",
    "cell.bundle.js": ASSETS / "build" / "cell.bundle.js",
}
SETUP_HINT = "run `make setup` (npm ci, npm run build:cells, .venv-pyodide from harness/requirements-tools.txt)"


class RuntimeSetupError(RuntimeError):
    """Something `make setup` makes is missing."""


def install_runtime(
    site_dir: Path,
    *,
    pyodide_cdn: str | None = None,
    snippets_root: Path = SNIPPETS,
    time_limit: float = 5.0,
) -> None:
    """Copy the cell runtime into `site_dir` (see the module docstring).

    pyodide_cdn: a URL of a Pyodide 314.0.7 folder (ending in '/') to load
    Pyodide from instead of the site's own copy; the harness wheel and lock
    file are still served by the site."""
    _require(NODE_PYODIDE / "pyodide-lock.json", "node_modules/pyodide is missing")
    _require(FRONT_END["cell.bundle.js"], "the cell bundle (generator/assets/build/cell.bundle.js) is missing")
    out = Path(site_dir) / OUT
    wheel, lock = harness_wheel()
    if pyodide_cdn and not pyodide_cdn.endswith("/"):
        pyodide_cdn += "/"

    for name, src in FRONT_END.items():
        _sync(src, out / name)
    for name in PYODIDE_FILES:
        if pyodide_cdn:
            (out / "pyodide" / name).unlink(missing_ok=True)  # switched to the CDN
        else:
            _sync(NODE_PYODIDE / name, out / "pyodide" / name)
    _sync(lock, out / "pyodide" / "pyodide-lock.json")
    _sync(wheel, out / "pyodide" / wheel.name)

    for snippet in load_snippets(Path(snippets_root)):
        _write(out / "snippets" / f"{snippet.name}.json", snippet.to_json())
    runtime = {
        "pyodide": pyodide_cdn or "pyodide/",  # relative to assets/kb-cells/
        "lockFile": "pyodide/pyodide-lock.json",
        "timeLimit": time_limit,
    }
    _write(out / "runtime.json", json.dumps(runtime, indent=1))
    _write(out / "download.json", json.dumps(download_sizes(wheel, lock, pyodide_cdn), indent=1))


def download_sizes(wheel: Path, lock: Path, pyodide_cdn: str | None = None) -> dict:
    """{"bytes": total, "files": {url: bytes}} of what the worker fetches to
    start (URLs relative to assets/kb-cells/, or on the CDN). The sizes are
    those of the files shipped (the CDN serves the same pinned version); a
    server that compresses them sends less, so this is the most a reader pays."""
    pyodide = pyodide_cdn or "pyodide/"
    files = {"worker.js": FRONT_END["worker.js"].stat().st_size}
    files.update({pyodide + name: (NODE_PYODIDE / name).stat().st_size for name in PYODIDE_FILES})
    files["pyodide/pyodide-lock.json"] = lock.stat().st_size
    files[f"pyodide/{wheel.name}"] = wheel.stat().st_size
    return {"bytes": sum(files.values()), "files": files}


def harness_wheel() -> tuple[Path, Path]:
    """The kb-harness wheel and a copy of Pyodide's lock file that lists it,
    built with pip and `pyodide lockfile add-wheels` (pyodide-build) once per
    version of harness/ and of the npm Pyodide."""
    digest = hashlib.sha256()
    sources = [HARNESS / "pyproject.toml", *sorted((HARNESS / "kb_harness").rglob("*.py"))]
    for path in sources:
        digest.update(str(path.relative_to(HARNESS)).encode() + b"\0" + path.read_bytes())
    digest.update((NODE_PYODIDE / "pyodide-lock.json").read_bytes())
    cache = CACHE / digest.hexdigest()[:16]
    lock = cache / "pyodide-lock.json"
    wheels = sorted(cache.glob("kb_harness-*.whl"))
    if lock.is_file() and wheels:
        return wheels[0], lock

    python, pyodide = TOOLS_VENV / "bin" / "python", TOOLS_VENV / "bin" / "pyodide"
    _require(pyodide, f"pyodide-build is not installed in {TOOLS_VENV}")
    with tempfile.TemporaryDirectory() as tmp:
        src, dist = Path(tmp) / "harness", Path(tmp) / "dist"
        # Build from a copy: setuptools leaves build/ and *.egg-info behind.
        shutil.copytree(HARNESS, src, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        _run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", dist, src])
        (wheel,) = dist.glob("kb_harness-*.whl")
        new_lock = dist / "pyodide-lock.json"
        _run([pyodide, "lockfile", "add-wheels", "--input", NODE_PYODIDE / "pyodide-lock.json",
              "--output", new_lock, "--base-path", dist, wheel])
        if "kb-harness" not in json.loads(new_lock.read_text())["packages"]:
            raise RuntimeSetupError("pyodide lockfile add-wheels did not add kb-harness")
        cache.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=cache.parent))
        shutil.copy2(wheel, staging / wheel.name)
        shutil.copy2(new_lock, staging / "pyodide-lock.json")
        shutil.rmtree(cache, ignore_errors=True)
        staging.rename(cache)
    return cache / wheel.name, lock


def _run(cmd: list) -> None:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeSetupError(f"{' '.join(map(str, cmd))} failed:\n{done.stdout}{done.stderr}")


def _require(path: Path, what: str) -> None:
    if not path.exists():
        raise RuntimeSetupError(f"{what} ({path}): {SETUP_HINT}")


def _sync(src: Path, dst: Path) -> None:
    """Copy unless `dst` already has src's size and modification time."""
    s = src.stat()
    try:
        d = dst.stat()
        if d.st_size == s.st_size and int(d.st_mtime) == int(s.st_mtime):
            return
    except FileNotFoundError:
        dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def _write(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
