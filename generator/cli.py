"""Command line: `python -m generator build|pages|check|new ...`. Parses arguments only."""

from __future__ import annotations

import argparse
from dataclasses import replace
import logging
import os
import sys
from pathlib import Path

from generator.run import build
from generator.site import render
from generator.messages import bilingual
from generator.rules import RuleError


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands = {"check": run_check, "new": run_new, "pages": run_pages, "build": run_build}
    try:
        return commands[args.command](args)
    except RuleError as error:  # a maintainer's typo in generator/data: where it is, not a traceback
        print(f"error: {bilingual(str(error))}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="大模型面试题知识库 site generator")
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="scrape the sources and build the site")
    build_cmd.add_argument("--sources", type=Path, default=build.DEFAULT_SOURCES,
                           help="folder searched recursively for *.txt, *.html, *.md (default: the project's sources/)")
    build_cmd.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site/)")
    build_cmd.add_argument("--kb-only", action="store_true", help="stop after writing kb.json; no mkdocs run")
    build_cmd.add_argument("--config", type=Path, default=build.PROJECT_DIR / "mkdocs.yml", help="mkdocs.yml to build with")
    build_cmd.add_argument("--report-dir", type=Path, default=Path("build"),
                           help="where the cleaning and merge reports go (default: build/)")
    build_cmd.add_argument("--strict", action="store_true",
                           help="fail (exit 1) when any source or contribution has a problem, instead of skipping it")
    build_cmd.add_argument("--engine", choices=("local", "dask"), default="local",
                           help="where per-document work runs: local processes (default) or a Dask cluster")
    build_cmd.add_argument("--scheduler", default=None,
                           help="with --engine dask: the scheduler address (tcp://host:8786); default: a local cluster")
    build_cmd.add_argument("--cache-dir", type=Path, default=None,
                           help="per-document results are reused from here (default: .cache/kb/; safe to delete)")
    build_cmd.add_argument("--no-cache", action="store_true", help="scrape every document again; read and write no cache")

    pages_cmd = commands.add_parser("pages", help="write the generated Markdown pages to a folder (for other site builders)")
    pages_cmd.add_argument("--sources", type=Path, default=build.DEFAULT_SOURCES)
    pages_cmd.add_argument("--out", type=Path, required=True)

    check_cmd = commands.add_parser("check", help="validate sources and contributions; exit 0 only when clean")
    check_cmd.add_argument("paths", nargs="*", type=Path, help="files or folders to report on (default: all)")
    check_cmd.add_argument("--sources", type=Path, default=build.DEFAULT_SOURCES)

    new_cmd = commands.add_parser("new", help="start a new contribution: write its file with the front matter filled in")
    new_cmd.add_argument("question", help="the question, in quotes")
    new_cmd.add_argument("--topic", required=True, help="topic slug, e.g. lora (see generator/data/topics.yml)")
    new_cmd.add_argument("--asked-at", default="", help="where it was asked, e.g. 某公司 NLP 算法岗 一面")
    new_cmd.add_argument("--sources", type=Path, default=build.DEFAULT_SOURCES)

    return parser


def run_pages(args) -> int:
    kb = build.make_kb(args.sources, progress=build.stderr_progress)
    pages = build.make_pages(kb)
    render.write_pages(pages, args.out)
    print(build.summary(kb, len(pages)))
    return 0


def run_check(args) -> int:
    from generator.contributions.check import check

    problems = check(args.sources, args.paths or None)
    for problem in problems:
        # Relative to where check runs, so that editors and terminals open the file.
        print(replace(problem, path=os.path.relpath(args.sources / problem.path)))
    print(bilingual(f"{len(problems)} problem(s)" if problems else "no problems"), file=sys.stderr)
    return 1 if problems else 0


def run_new(args) -> int:
    from generator.contributions.check import new_contribution

    try:
        path, warnings = new_contribution(args.question, args.topic, args.sources, args.asked_at)
    except ValueError as error:
        print(f"error: {bilingual(str(error))}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {bilingual(warning)}", file=sys.stderr)
    print(path)
    return 0


def run_build(args) -> int:
    from generator.run.cache import DEFAULT_DIR, Cache
    from generator.run.engine import EngineError, make_engine

    try:
        engine = make_engine(args.engine, args.scheduler)
    except EngineError as error:
        print(f"error: {bilingual(str(error))}", file=sys.stderr)
        return 2
    with engine:
        cache = Cache(None if args.no_cache else args.cache_dir or DEFAULT_DIR)
        kb = build.make_kb(args.sources, progress=build.stderr_progress, engine=engine, cache=cache)
    for problem in kb.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.strict and kb.problems:
        print(f"error: {bilingual(f'{len(kb.problems)} problem(s) and --strict; fix them (python -m generator check)')}",
              file=sys.stderr)
        return 1
    build.write_reports(kb, args.report_dir)
    if args.kb_only:
        build.write_data(kb, args.site_dir, cache)
        pages = None
    else:
        from mkdocs.exceptions import MkDocsException

        try:
            pages = build_site(kb, args.config, args.site_dir, cache)
        except MkDocsException as error:
            print(f"error: {bilingual(f'the site build failed: {error}')}", file=sys.stderr)
            return 1
    print(build.summary(kb, pages))
    return 0


def build_site(kb, config_file: Path, site_dir: Path, cache=None) -> int:
    """Run mkdocs on the knowledge base already made, so nothing is scraped
    twice; returns the number of generated pages."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    # Strict: a mkdocs warning (a broken link in docs/) fails the build. The
    # sources' problems are not mkdocs warnings here: this command reported
    # them itself, and the plugin does not repeat them for a kb handed to it.
    config = load_config(str(config_file), site_dir=str(site_dir.resolve()), strict=True)
    plugin = config.plugins["kb"]
    plugin.kb = kb
    plugin.cache = cache
    mkdocs_build(config)
    return len(plugin.pages)


def exit_now(code: int) -> None:
    """Exit without freeing the knowledge base object by object: at 1,000
    documents that teardown takes 0.3 s, a sixth of an incremental build
    (mypy exits the same way, see its util.hard_exit). Every file is written
    and closed, and the engine's workers are stopped, by the time main returns."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run() -> None:
    """The console script `kb-generator`."""
    exit_now(main())
