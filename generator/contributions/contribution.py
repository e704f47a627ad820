"""Contributed Markdown: one question and its answer per file.

A contribution is `sources/contrib/<topic>/<slug>.md`: YAML front matter and
a Markdown answer.

    ---
    question: LoRA 的原理是什么?
    topics: [lora]
    aliases: [讲一下 LoRA 实现原理]     # optional: other wordings
    asked_at: 某公司 NLP 算法岗 一面     # optional
    snippet: two-sum                    # optional: attach a runnable cell
    ---
    The answer in Markdown.

`parse` reads one file into a `Contribution` and every `Problem` with it
(each with its line, what is wrong and how to fix it); `to_questions` makes
the `Question` records that merge with the scraped ones (the question, its
aliases forced into the same entry, the sanitised answer as a "markdown"
block); `apply` gives the merged entries the declared topics and snippet;
`duplicate_problems` finds two contributions that merged into one entry.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from generator.scrape import untrusted_yaml
from generator.model import ALIAS, CONTRIBUTED, CURATED, Block, BlockKind, Entry, Problem, Question, SourceDocument
from generator.site.sanitize import disallowed_html, sanitize_markdown, unsafe_links

REQUIRED = ("question", "topics")
OPTIONAL = ("aliases", "asked_at", "snippet")
FIELDS = REQUIRED + OPTIONAL
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
PLACEHOLDER = "在这里用 Markdown 写回答:段落、列表、代码块、表格、公式都可以。"  # written by `new`


@dataclass(frozen=True)
class Contribution:
    document: SourceDocument
    slug: str
    question: str
    topics: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    asked_at: str = ""
    snippet: str = ""
    answer: str = ""  # sanitised Markdown
    body_line: int = 1  # line of the answer's first line in the file


def suggest_slug(question: str) -> str:
    """A file name for a new contribution: its English words and a short hash."""
    words = re.findall(r"[a-z0-9]+", question.lower())[:4]
    digest = hashlib.sha1(question.strip().encode("utf-8")).hexdigest()[:6]
    return "-".join(words + [digest])


def contribution_template(question: str, topics: list[str], aliases: list[str] = (), asked_at: str = "") -> str:
    """The text of a new contribution file, front matter filled in."""
    meta = {"question": question, "topics": list(topics)}
    if aliases:
        meta["aliases"] = list(aliases)
    if asked_at:
        meta["asked_at"] = asked_at
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    return f"---\n{front}---\n\n{PLACEHOLDER}\n"


def slug_of(document: SourceDocument) -> str:
    return document.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def closest(word: str, choices, n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.4)


def read_front_matter(path: str, text: str) -> tuple[re.Match | None, dict, Problem | None]:
    """The front matter's match and fields, or the problem that it cannot be read."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, {}, Problem(path, "no front matter; start the file with a '---' line, the fields (question, topics), "
                                       "and a closing '---' line", 1, fatal=True)
    try:
        meta = untrusted_yaml.load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return match, {}, Problem(path, f"invalid YAML in the front matter ({getattr(error, 'problem', error)}); "
                                        "check quotes, colons and list brackets", mark.line + 2 if mark else 1, fatal=True)
    if not isinstance(meta, dict):
        return match, {}, Problem(path, "the front matter must be fields like 'question: ...'; see CONTRIBUTING.md", 2)
    return match, meta, None


def field_problems(path: str, meta: dict, line_of: Callable[[str], int]) -> list[Problem]:
    """Unknown fields (with the field meant) and missing required ones."""
    problems = []
    for field in sorted(set(meta) - set(FIELDS)):
        hint = closest(str(field), FIELDS, 1)
        fix = f"did you mean '{hint[0]}'?" if hint else f"the fields are {', '.join(FIELDS)}"
        problems.append(Problem(path, f"unknown field '{field}'; {fix}", line_of(field)))
    for field in REQUIRED:
        if not meta.get(field):
            problems.append(Problem(path, f"missing field '{field}'; add '{field}: ...' to the front matter", 1, fatal=True))
    return problems


def answer_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """What is wrong with the answer (the Markdown below the front matter,
    starting on `body_line`): empty, the placeholder, unsafe links, raw HTML."""
    problems = []
    if not body.strip():
        problems.append(Problem(path, "the answer is empty; write the answer in Markdown below the closing '---'",
                                body_line, fatal=True))
    elif PLACEHOLDER in body:
        problems.append(Problem(path, "the answer is still the template's placeholder; replace it with your answer",
                                body_line + body[:body.index(PLACEHOLDER)].count("\n"), fatal=True))
    for offset, target in unsafe_links(body):
        problems.append(Problem(path, f"link to '{target}' is not allowed; link with http(s):// or to a page of the site",
                                body_line + offset))
    for offset, tag in dict.fromkeys(disallowed_html(body)):  # <script> and </script> on one line: said once
        problems.append(Problem(path, f"raw HTML <{tag}> is not allowed; use Markdown (code fences, tables, admonitions) "
                                      "instead", body_line + offset))
    return problems


def parse(document: SourceDocument, topic_slugs: set[str], snippet_names: set[str]) -> tuple[Contribution | None, list[Problem]]:
    """Read one contribution. Returns (None, problems) when it cannot be used."""
    path, text = document.path, document.text
    problems: list[Problem] = []

    def problem(line: int, message: str, fatal: bool = False) -> None:
        problems.append(Problem(path, message, line, fatal))

    match, meta, unreadable = read_front_matter(path, text)
    if unreadable is not None:
        return None, [unreadable]

    lines = match.group(0).split("\n")

    def line_of(field: str) -> int:
        return next((i + 1 for i, line in enumerate(lines) if line.startswith(f"{field}:")), 1)

    problems += field_problems(path, meta, line_of)

    question = meta.get("question")
    if question is not None and not isinstance(question, str):
        problem(line_of("question"), "the field 'question' must be one line of text; write it after 'question:' without brackets", fatal=True)
    def as_list(field: str, what: str) -> list:
        value = meta.get(field) or []
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list):
            problem(line_of(field), f"'{field}' must be a list of {what}")
            return []
        return value

    topics = as_list("topics", "topic slugs, e.g. [lora]")
    for topic in topics:
        if str(topic) not in topic_slugs:
            hint = closest(str(topic), sorted(topic_slugs))
            problem(line_of("topics"), f"unknown topic '{topic}'; valid topics close to it: {', '.join(hint) or 'see generator/data/topics.yml'}")
    aliases = as_list("aliases", "other wordings")
    snippet = str(meta.get("snippet") or "")
    if snippet and snippet not in snippet_names:
        hint = closest(snippet, sorted(snippet_names))
        problem(line_of("snippet"), f"unknown snippet '{snippet}'; the folders in snippets/ are {', '.join(sorted(snippet_names)) or 'none'}"
                + (f" (closest: {hint[0]})" if hint else ""))

    body = text[match.end():]
    body_line = match.group(0).count("\n") + 1
    problems += answer_problems(path, body, body_line)

    if any(p.fatal for p in problems):
        return None, problems
    return Contribution(
        document=document,
        slug=slug_of(document),
        question=question.strip(),
        topics=tuple(str(t) for t in topics if str(t) in topic_slugs),
        aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
        asked_at=str(meta.get("asked_at") or "").strip(),
        snippet=snippet if snippet in snippet_names else "",
        answer=sanitize_markdown(body.strip("\n")),
        # The answer is stored without its leading blank lines: count from its first line.
        body_line=body_line + len(body) - len(body.lstrip("\n")),
    ), problems


def read_contributions(documents: list[SourceDocument], topic_slugs: set[str], snippet_names: set[str]) -> tuple[list[Contribution], list[Problem]]:
    """Every usable contribution, and the problems of all of them."""
    found: list[Contribution] = []
    problems: list[Problem] = []
    slugs: dict[str, str] = {}
    for document in documents:
        if document.kind != CONTRIBUTED:
            continue
        contribution, issues = parse(document, topic_slugs, snippet_names)
        slug = slug_of(document)
        if slug in slugs:
            issues.append(Problem(document.path, f"duplicate slug '{slug}': {slugs[slug]} has the same file name; rename one of them", 1))
            contribution = None
        slugs.setdefault(slug, document.path)
        problems.extend(issues)
        if contribution is not None:
            found.append(contribution)
    return found, problems


def to_questions(contributions: list[Contribution]) -> list[Question]:
    """The question of each contribution (with its answer) and its aliases."""
    questions = []
    for c in contributions:
        source = c.document.id
        questions.append(Question(source=source, position=0, text=c.question, category=c.asked_at,
                                  answer=(Block(BlockKind.MARKDOWN, c.answer),), kind=CURATED, line=c.body_line))
        questions.extend(
            Question(source=source, position=i, text=alias, category=c.asked_at, kind=ALIAS)
            for i, alias in enumerate(c.aliases, 1)
        )
    return questions


def alias_groups(contributions: list[Contribution]) -> tuple[tuple[str, ...], ...]:
    """A contribution's aliases are the same question: merged by force (dedupe's "alias" rule)."""
    return tuple((c.question, *c.aliases) for c in contributions if c.aliases)


def apply(entries: list[Entry], contributions: list[Contribution]) -> list[Entry]:
    """Give each entry with a contribution its declared topics (first) and snippet."""
    if not contributions:
        return list(entries)
    by_source = {c.document.id: c for c in contributions}
    updated = []
    for entry in entries:
        mine = [by_source[q.source] for q in entry.questions if q.source in by_source and q.position == 0]
        if mine:
            declared = [t for c in mine for t in c.topics]
            topics = tuple(dict.fromkeys(declared + [t for t in entry.topics if t != "uncategorized"]))
            snippet = next((c.snippet for c in mine if c.snippet), entry.snippet)
            # The contributor's wording is the curated one: it titles the entry.
            entry = entry.with_(title=mine[0].question, topics=topics or entry.topics, snippet=snippet)
        updated.append(entry)
    return updated


def duplicate_problems(kb) -> list[Problem]:
    """Two contributions whose questions merged into one entry: the second
    and later files are named, pointing at the first."""
    problems = []
    paths = {d.id: d.path for d in kb.documents}
    for entry in kb.entries:
        mine = sorted({q.source for q in entry.questions if q.kind == CURATED})
        for source in mine[1:]:
            problems.append(Problem(paths[source], f"the question duplicates the contribution {paths[mine[0]]}; "
                                                   "merge the two answers into one file", 2))
    return problems
