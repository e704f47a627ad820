"""The reader's site at scale: full build time and memory, the site's size,
and what a reader's browser downloads before its first search result.

    python bench/bench_site.py [--sizes 1000 10000] [--runs 1] [--work DIR]

For each size it writes the synthetic corpus (bench/corpus.py, seed 0), builds
the whole site (`python -m generator build --no-cache`, mkdocs included) and
prints:

  build    wall time and peak memory of the build (median of --runs), and
           the time of each of its stages (bench/site_stages.py)
  site     total size, and the largest parts (interview pages, topic pages,
           search files, kb.json)
  search   the manifest every page fetches (search/search_index.json), and
           per query what the search worker fetches before it shows its
           results (shards and document files), gzip-compressed as a static
           host serves them: median and largest over the reader queries of
           tests/data/search_queries.yml and the synthetic corpus's terms.
           The worker runs in Node (tests/node/search_worker.mjs), so the
           files counted are the ones it really asks for.

Targets (issue #16, 2 cores, 10,000 documents): build <= 120 s and <= 2 GiB,
site <= 300 MB, search data before the first result <= 5 MB compressed.
Not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "bench"))
import corpus  # noqa: E402
from bench_scale import build_cmd, machine_speed, run  # noqa: E402

QUERIES = PROJECT / "tests" / "data" / "search_queries.yml"
SYNTHETIC_QUERIES = ["LoRA 原理", "RAG 召回", "KV cache 显存", "位置编码", "幻觉怎么缓解", "两数之和", "显存不够怎么办",
                     "self-attention", "量化", "注意力"]


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def search_downloads(site: Path, queries: list[str]) -> list[int]:
    """Compressed bytes each query makes the worker fetch, the manifest included."""
    out = subprocess.run(["node", str(PROJECT / "tests" / "node" / "search_worker.mjs"), str(site)],
                         input=json.dumps({"queries": queries, "fresh": True}), capture_output=True, text=True, timeout=600, check=True)
    fetched = json.loads(out.stdout)["fetched"]
    manifest = gz(site / "search" / "search_index.json")
    return [manifest + sum(gz(site / f) for f in set(files)) for files in fetched]  # each query in a new worker


def main(argv: list[str] | None = None) -> int:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kb-site-bench-"))
    queries = [q["query"] for q in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))] + SYNTHETIC_QUERIES
    print(f"cores: {len(os.sched_getaffinity(0))}, load average: {os.getloadavg()[0]:.1f}, "
          f"one core's speed: {machine_speed():.2f} s for the reference loop, work: {work}")
    for size in args.sizes:
        folder = work / f"corpus-{size}"
        if not folder.exists():
            corpus.write_corpus(folder, size)
        times, peaks, stages = [], [], []
        for _ in range(args.runs):
            command = build_cmd(folder, work / f"site-{size}", "--no-cache")
            command[1:3] = [str(PROJECT / "bench" / "site_stages.py")]  # python -m generator, timed per stage
            elapsed, peak, result = run(command, timeout=3600)
            if result.returncode:
                print(result.stderr[-3000:])
                return 1
            times.append(elapsed)
            peaks.append(peak)
            stages.append(json.loads(result.stderr.rsplit("KB_STAGES ", 1)[1]))
        site = work / f"site-{size}" / "site"
        print(f"{size:>6} documents: full site build {statistics.median(times):.1f} s (median of {len(times)}), "
              f"peak {max(peaks) / 1024:.0f} MiB; {result.stdout.strip().splitlines()[-1]}")
        median = {k: statistics.median(s[k] for s in stages) for k in stages[0]}
        other = median["total"] - sum(v for k, v in median.items() if k != "total")
        print("        stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in median.items() if k != "total")
              + f", other {other:.1f} s (site_stages.py)")
        parts = {name: size_of(site / name) for name in ("interviews", "topics", "search", "assets")}
        parts["kb.json"] = (site / "kb.json").stat().st_size
        parts["random"] = size_of(site / "random") + (site / "random.json").stat().st_size  # what 随机一题 reads
        print(f"        site {size_of(site) / 1e6:.1f} MB: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in parts.items()))
        draw = gz(site / "random.json") + max(gz(p) for p in (site / "random").glob("*.json"))
        print(f"        随机一题: a draw downloads at most {draw / 1e3:.0f} kB gz (random.json and one of its files)")
        downloads = search_downloads(site, queries)
        manifest = gz(site / "search" / "search_index.json")
        print(f"        search: manifest {manifest / 1e3:.1f} kB gz; per query (manifest, shards, documents) "
              f"median {statistics.median(downloads) / 1e3:.0f} kB, largest {max(downloads) / 1e3:.0f} kB gz "
              f"over {len(queries)} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
