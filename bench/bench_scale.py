"""Scale: time and peak memory of each stage at 100, 1,000 and 10,000 documents.

    python bench/bench_scale.py [--sizes 100 1000 10000] [--runs 3] [--work DIR] [--site-at 1000]

For each size it writes the synthetic corpus (bench/corpus.py, seed 0), then
in a fresh subprocess per measurement (so peak memory is that run's own,
ru_maxrss of the process and of its pool workers):

  stages   scrape (read + extract/clean/segment on the local engine), dedupe
           (merge_questions), topics, render (pages + kb.json); no cache
  build    `python -m generator build --kb-only --no-cache`, end to end
  site     the full site build (mkdocs) at --site-at documents

and prints medians over --runs runs, the growth factor between sizes, and the
incremental figure (--incremental-at 1000): one document added to the built
1,000-document corpus, kb.json rebuilt with the cache, against the cold build. Targets (2 cores): 10,000 documents through
build --kb-only in < 60 s and < 2 GiB; 10x documents at most 12x time.
Not a test: tests/run/test_bench_corpus.py checks the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "bench"))
import corpus  # noqa: E402

STAGES_SCRIPT = r"""
import json, resource, sys, time
from pathlib import Path
from generator.merge import dedupe, topics
from generator.run import build
from generator.scrape import sources
from generator.site import render
from generator.text import normalize
from generator.run.cache import Cache
from generator.run.engine import LocalEngine, assign_topics, merge_questions
folder = Path(sys.argv[1]); engine = LocalEngine(); times = {}
t = time.perf_counter()
documents, problems = sources.read_sources(folder)
scraped = build.scrape_documents([d for d in documents], engine, Cache(None))
for result in scraped:
    normalize.remember(result.analyses)  # as make_kb does: the merge reuses each wording's analysis
times["scrape"] = time.perf_counter() - t
questions = [q for s in scraped for q in s.questions]
t = time.perf_counter()
entries, report = merge_questions(questions, dedupe.load_overrides(), engine)
times["dedupe"] = time.perf_counter() - t
t = time.perf_counter()
entries = assign_topics(entries, topics.load_taxonomy(), engine)
times["topics"] = time.perf_counter() - t
kb = build.make_kb(folder, engine=engine, cache=Cache(None)) if len(sys.argv) < 3 else None
t = time.perf_counter()
if kb is not None:
    pages = build.make_pages(kb); render.kb_json(kb)
times["render"] = time.perf_counter() - t if kb is not None else float("nan")
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"times": times, "peak_kib": peak, "questions": len(questions), "entries": len(entries)}))
"""


def run(argv: list[str], timeout: float = 1800) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time, peak RSS (KiB, largest process of the run) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(argv, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - start
    # ru_maxrss of children is the largest so far: a growing series is safe to read per run.
    return elapsed, max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before), result


def machine_speed() -> float:
    """Seconds one core takes for a fixed pure-Python loop (median of 3): the
    same build is several times slower on a slow machine, so a figure is
    quoted with this one."""
    def once() -> float:
        start, total = time.perf_counter(), 0
        for i in range(20_000_000):
            total += i % 7
        return time.perf_counter() - start
    return statistics.median(once() for _ in range(3))


def build_cmd(folder: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--sources", str(folder), "--site-dir", str(out / "site"),
            "--report-dir", str(out / "reports"), *extra]


def incremental(work: Path, size: int, cold: float, runs: int, site: float | None = None) -> None:
    """Add one document to a corpus built with the cache, and rebuild: each
    run starts from a copy of the cache as the cold build left it."""
    folder, built_cache = work / f"incremental-{size}", work / f"incremental-{size}-cache"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(built_cache, ignore_errors=True)
    shutil.copytree(work / f"corpus-{size}", folder)
    first, _, _ = run(build_cmd(folder, work / "inc", "--kb-only", "--cache-dir", str(built_cache)))
    corpus.write_corpus(folder, 1, start=50_000)
    times, peaks = [], []
    for _ in range(runs):
        cache_dir = work / f"incremental-{size}-run"
        shutil.rmtree(cache_dir, ignore_errors=True)
        shutil.copytree(built_cache, cache_dir)
        elapsed, peak, result = run(build_cmd(folder, work / "inc", "--kb-only", "--cache-dir", str(cache_dir)))
        if result.returncode:
            print(result.stderr[-2000:])
            return
        times.append(elapsed)
        peaks.append(peak)
    one = statistics.median(times)
    against_site = f", {one / site:.0%} of the cold full site build, {site:.1f} s" if site else ""
    print(f"incremental at {size:,} documents: one document added, kb.json rebuilt with the cache in {one:.2f} s "
          f"(median of {runs}; {one / cold:.0%} of the cold build --kb-only --no-cache, {cold:.2f} s{against_site}; "
          f"first build with an empty cache {first:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--site-at", type=int, default=1000)
    parser.add_argument("--incremental-at", type=int, nargs="*", default=[1000],
                        help="sizes at which to measure adding one document to a built corpus")
    parser.add_argument("--skip-render-above", type=int, default=10**9,
                        help="leave the render stage out of the stage run above this size")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    print(f"cores: {len(os.sched_getaffinity(0))}, load average: {os.getloadavg()[0]:.1f}, "
          f"one core's speed: {machine_speed():.2f} s for the reference loop, work: {work}")
    rows = {}
    for size in args.sizes:
        folder = work / f"corpus-{size}"
        if not folder.exists():
            corpus.write_corpus(folder, size)
        stage_runs, builds, peaks = [], [], []
        for _ in range(args.runs if size < 10000 else 1):
            extra = ["skip-render"] if size > args.skip_render_above else []
            _, _, result = run([sys.executable, "-c", STAGES_SCRIPT, str(folder), *extra])
            if result.returncode:
                print(result.stderr[-2000:])
                return 1
            stage_runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
        for _ in range(args.runs if size < 10000 else 2):
            elapsed, peak, result = run(build_cmd(folder, work / f"out-{size}", "--kb-only", "--no-cache"))
            if result.returncode:
                print(result.stderr[-2000:])
                return 1
            builds.append(elapsed)
            peaks.append(peak)
        times = {k: statistics.median(r["times"][k] for r in stage_runs) for k in stage_runs[0]["times"]}
        row = {"times": times, "build": statistics.median(builds), "peak_mib": max(peaks) / 1024,
               "stage_peak_mib": max(r["peak_kib"] for r in stage_runs) / 1024,
               "questions": stage_runs[0]["questions"], "entries": stage_runs[0]["entries"]}
        rows[size] = row
        stages = "  ".join(f"{k} {v:6.2f} s" for k, v in times.items())
        print(f"{size:>6} documents ({row['questions']} questions, {row['entries']} entries): {stages}  "
              f"| build --kb-only {row['build']:6.2f} s, peak {row['peak_mib']:.0f} MiB")
        if size == args.site_at:
            elapsed, peak, result = run(build_cmd(folder, work / f"site-{size}", "--no-cache"))
            row["site"] = elapsed
            state = "ok" if result.returncode == 0 else f"failed: {result.stderr[-500:]}"
            print(f"{size:>6} documents: full site build (mkdocs) {elapsed:.1f} s, peak {peak / 1024:.0f} MiB ({state})")
    sizes = sorted(rows)
    for small, large in zip(sizes, sizes[1:]):
        growth = rows[large]["build"] / rows[small]["build"]
        print(f"growth {small} -> {large} documents (x{large / small:.0f}): build x{growth:.1f}, " + ", ".join(
            f"{k} x{rows[large]['times'][k] / max(rows[small]['times'][k], 1e-9):.1f}" for k in rows[small]["times"]))
    for size in args.incremental_at:
        if size in rows:
            incremental(work, size, rows[size]["build"], args.runs, rows[size].get("site"))
    if 10000 in rows:
        ok = rows[10000]["build"] < 60 and rows[10000]["peak_mib"] < 2048
        print(f"target 10,000 documents < 60 s and < 2 GiB: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
