"""Where every generated page is, and the URL of a page: one home for the
site's paths, used by the pages (render) and the charts (visuals)."""

from __future__ import annotations

from collections import defaultdict

from generator.model import Topic

HOME_PAGE = "index.md"
TOPICS_INDEX = "topics/index.md"
INTERVIEWS_INDEX = "interviews/index.md"
MERGE_REPORT_PAGE = "maintainers/merge-report.md"
PROBLEMS_PAGE = "maintainers/problems.md"  # every source problem of the build, for maintainers
CODE_INDEX = "code/index.md"  # 编程题: every runnable problem
UNCATEGORIZED = "uncategorized"


def page_url(path: str) -> str:
    """The URL of a page relative to the site root (directory URLs)."""
    if path == HOME_PAGE:
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def topic_path(slug: str) -> str:
    # An index page, so that a topic with subtopics is its nav section's page.
    return f"topics/{slug}/index.md"


def code_path(name: str) -> str:
    """The page of one runnable problem (a folder of snippets/)."""
    return f"code/{name}.md"


def source_path(document_id: str) -> str:
    return f"interviews/{document_id}.md"


def ordered_topics(topics: tuple[Topic, ...]) -> list[str]:
    """Taxonomy order, each parent followed by its children."""
    children: dict[str, list[str]] = defaultdict(list)
    for topic in topics:
        children[topic.parent].append(topic.slug)
    order: list[str] = []

    def walk(parent: str) -> None:
        for slug in children.get(parent, []):
            order.append(slug)
            walk(slug)

    walk("")
    return order
