"""`python -m generator build …`, with the wall time of each stage of the
build: run as `python bench/site_stages.py build --sources … --no-cache`.
The last line it writes on stderr is `KB_STAGES {"scrape": seconds, …}`
(bench_site.py prints it). The stages are wrapped where the build calls
them, so the build itself is unchanged. Not a test.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
import time

# label -> (module, attribute) of the function that runs the stage
STAGES = {
    "scrape": ("generator.run.build", "scrape_documents"),
    "merge": ("generator.run.build", "_merge"),
    "pages": ("generator.run.build", "make_pages"),  # Jinja: topic and interview pages as Markdown
    "markdown": ("generator.plugin", "prerender"),  # Python-Markdown, on the pool
    "theme": ("generator.plugin", "prewrite"),  # the theme's templates, on the pool
    "post_build": ("generator.plugin", "KnowledgeBasePlugin.on_post_build"),  # kb.json, search, runtime, policy
}


def _timed(label: str, function, times: dict[str, float]):
    @functools.wraps(function)  # keeps mkdocs' event priority, kept in the function's __dict__
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            times[label] = times.get(label, 0.0) + time.perf_counter() - start
    return timed


def main(argv: list[str]) -> int:
    times: dict[str, float] = {}
    for label, (module_name, path) in STAGES.items():
        owner = importlib.import_module(module_name)
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        setattr(owner, name, _timed(label, getattr(owner, name), times))
    from generator.cli import main as generator_main

    start = time.perf_counter()
    try:
        return generator_main(argv)
    finally:
        times["total"] = time.perf_counter() - start
        print("KB_STAGES " + json.dumps({k: round(v, 1) for k, v in times.items()}), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
