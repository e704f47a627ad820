"""The contributor's tools: `check` validates sources, `new` starts a contribution.

`check` prints every problem as `path:line: what is wrong; how to fix it`
(the format editors and pre-commit understand), in Chinese first with the
English after it (generator/messages.py): exactly what `build` skips or flags
(and `build --strict` fails on), with nothing built.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.contributions import contribution as contrib
from generator.merge import dedupe
from generator.run import build
from generator.scrape import sources
from generator.site import render
from generator.model import Problem, Question

CONTRIB_DIR = "contrib"


def check(sources_dir: Path, paths: list[Path] | None = None) -> list[Problem]:
    """Every problem of the sources (or only of `paths`), sorted by file and line."""
    sources_dir = Path(sources_dir)
    kb = build.make_kb(sources_dir)
    problems = list(kb.problems)
    if paths:
        wanted, unread = set(), []
        for path in paths:
            relative, why = _checked_path(Path(path), sources_dir)
            if why:
                # relative to the sources folder, as every problem's path is
                unread.append(Problem(Path(os.path.relpath(path, sources_dir)).as_posix(), why))
            else:
                wanted.add(relative)
        problems = [p for p in problems if p.path in wanted or any(p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
        problems += unread
    unique = {(p.path, p.line, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.path, p.line, p.message))


def _checked_path(path: Path, sources_dir: Path) -> tuple[str, str]:
    """(the path relative to the sources folder, "") for a path `check` can
    answer for, or ("", why not): a path it did not read is never clean."""
    if not path.exists():
        return "", "no such file or folder; check the path"
    try:
        relative = path.resolve().relative_to(sources_dir.resolve()).as_posix()
    except ValueError:
        return "", f"is not in the sources folder ({sources_dir}); check a file under it, or pass --sources"
    if path.is_file() and path.suffix.lower() not in sources.FORMATS:
        return "", f"is not a source file ({', '.join(sorted(sources.FORMATS))}); it was not read"
    return ("" if relative == "." else relative), ""


def new_contribution(question: str, topic: str, sources_dir: Path, asked_at: str = "") -> tuple[Path, list[str]]:
    """Write a new contribution file; returns its path and warnings.

    Raises ValueError for an unknown topic (naming the closest ones) or a file
    that already exists."""
    from generator.merge.topics import load_taxonomy

    slugs = [t.slug for t in load_taxonomy()]
    if topic not in slugs:
        hint = contrib.closest(topic, slugs)
        raise ValueError(f"unknown topic '{topic}'; valid topics close to it: {', '.join(hint) or ', '.join(slugs)}")
    question = question.strip()
    if not question:
        raise ValueError("the question is empty; pass it in quotes: new \"问题\" --topic SLUG")
    path = Path(sources_dir) / CONTRIB_DIR / topic / f"{contrib.suggest_slug(question)}.md"
    if path.exists():
        raise ValueError(f"{path} already exists; edit it instead")
    warnings = [f"the question already exists: {title} ({url}); add your answer there instead, or keep this file and it will merge with it"
                for title, url in existing_entries(question, Path(sources_dir))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(contrib.contribution_template(question, [topic], asked_at=asked_at), encoding="utf-8")
    return path, warnings


def existing_entries(question: str, sources_dir: Path) -> list[tuple[str, str]]:
    """(title, page URL) of the entries a new question would merge with."""
    kb = build.make_kb(sources_dir)
    probe = Question(source="\0new", position=0, text=question, kind=contrib.CURATED)
    entries, _ = dedupe.dedupe([*kb.questions, probe])
    site = render.SiteMap.of(kb)
    merged_with = next(e for e in entries if probe in e.questions)
    known_ids = {site.entry_of[(q.source, q.position)] for q in merged_with.questions
                 if q is not probe and (q.source, q.position) in site.entry_of}
    return sorted((site.entries[i].title, site.entry_url(i)) for i in known_ids)

