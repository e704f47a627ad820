"""Contributed Markdown: one question and its answer per file.

A contribution is `sources/contrib/<topic>/<slug>.md`: YAML front matter
(question, topics, aliases, asked_at, snippet) and a Markdown answer. This
module turns contributions into `Question` records that merge with the
scraped ones, and checks them.
"""

from __future__ import annotations

from .models import CONTRIBUTED, Problem, Question, SourceDocument


def read_contributions(documents: list[SourceDocument]) -> tuple[list[Question], list[Problem]]:
    """The questions of every contributed document; a bad file becomes a Problem."""
    problems = [
        Problem(d.path, "contributed Markdown is not merged yet; the file was skipped")
        for d in documents if d.kind == CONTRIBUTED
    ]
    return [], problems
