"""Command line: `python -m generator build|pages ...`. Parses arguments only."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import build, render


def main(argv: list[str] | None = None) -> int:
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

    pages_cmd = commands.add_parser("pages", help="write the generated Markdown pages to a folder (for other site builders)")
    pages_cmd.add_argument("--sources", type=Path, default=build.DEFAULT_SOURCES)
    pages_cmd.add_argument("--out", type=Path, required=True)

    args = parser.parse_args(argv)
    if args.command == "pages":
        kb = build.make_kb(args.sources, progress=build.stderr_progress)
        pages = build.make_pages(kb)
        render.write_pages(pages, args.out)
        print(build.summary(kb, pages))
        return 0
    return run_build(args)


def run_build(args) -> int:
    kb = build.make_kb(args.sources, progress=build.stderr_progress)
    for problem in kb.problems:
        print(f"warning: {problem}", file=sys.stderr)
    pages = build.make_pages(kb)
    args.report_dir.mkdir(parents=True, exist_ok=True)
    (args.report_dir / "cleaning-report.md").write_text(build.cleaning_report(kb), encoding="utf-8")
    (args.report_dir / "merge-report.md").write_text(kb.merge_report, encoding="utf-8")
    if args.kb_only:
        args.site_dir.mkdir(parents=True, exist_ok=True)
        (args.site_dir / "kb.json").write_text(render.kb_json(kb), encoding="utf-8")
    else:
        from mkdocs.exceptions import MkDocsException

        try:
            build_site(kb, args.config, args.site_dir)
        except MkDocsException as error:
            print(f"error: the site build failed: {error}", file=sys.stderr)
            return 1
    print(build.summary(kb, pages))
    return 0


def build_site(kb, config_file: Path, site_dir: Path) -> None:
    """Run mkdocs on the knowledge base already made, so nothing is scraped twice."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(config_file), site_dir=str(site_dir.resolve()))
    plugin = config.plugins["kb"]
    plugin.kb = kb
    mkdocs_build(config)


if __name__ == "__main__":
    sys.exit(main())
