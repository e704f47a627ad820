"""What the generator makes, pinned: kb.json, ids.json, random.json and every generated
page, for the bundled corpus and for the extraction evaluation corpus, are
byte-identical to the digests in tests/golden/output.sha256.

A refactor must leave them alone; a change that means to alter the output
re-pins them on purpose, and the diff of the digest file shows which files
changed:

    .venv/bin/python tests/test_output_pinned.py
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "bench")]

from corpora import PROJECT, evaluation_sources, make  # noqa: E402
from generator.run import build  # noqa: E402
from generator.run.cache import Cache  # noqa: E402

PINNED = HERE / "golden" / "output.sha256"


def digests(work: Path) -> dict[str, str]:
    """sha256 of every output file, keyed by corpus and path."""
    corpora = {"bundled": PROJECT / "sources", "evaluation": evaluation_sources(work / "evaluation-sources")}
    found = {}
    for name, sources in corpora.items():
        kb = make(sources)
        site = work / name
        build.write_data(kb, site, Cache(None))
        data = [site / "kb.json", site / "ids.json", site / "random.json", *sorted((site / "random").glob("*.json"))]
        files = {f"{name}/{p.relative_to(site).as_posix()}": p.read_bytes() for p in data}
        for path, text in build.make_pages(kb, PROJECT / "snippets", docs_dir=PROJECT / "docs").items():
            files[f"{name}/pages/{path}"] = text.encode("utf-8")
        found.update({path: hashlib.sha256(data).hexdigest() for path, data in files.items()})
    return dict(sorted(found.items()))


def read_pinned() -> dict[str, str]:
    lines = PINNED.read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines if line)}


def test_the_output_is_what_was_pinned(tmp_path):
    found, pinned = digests(tmp_path), read_pinned()
    changed = sorted(p for p in found.keys() | pinned.keys() if found.get(p) != pinned.get(p))
    assert not changed, (f"{len(changed)} output files differ from tests/golden/output.sha256 "
                         f"(re-pin on purpose: python tests/test_output_pinned.py): {changed[:20]}")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = digests(Path(folder))
    PINNED.write_text("".join(f"{digest}  {path}\n" for path, digest in result.items()), encoding="utf-8")
    print(f"pinned {len(result)} files in {PINNED.relative_to(PROJECT)}")
