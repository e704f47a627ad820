"""Topics and links between entries.

    load_taxonomy(path)        generator/data/topics.yml -> [Topic]
    assign(entries, taxonomy)  fills Entry.topics and Entry.related
    order_for_topic(entries, sources)   most asked first, then document order

A topic is chosen by its keywords (any name of a term of generator/data/glossary.yml
count: "低秩适配" finds the lora topic). Evidence, strongest first:

    the question's wordings     3 points per keyword
    its category heading        2 points per keyword, when the headings of
                                at least a third of its wordings name the topic
    its most complete answer    1 point per keyword, at most 2 (the answers
                                of hundreds of interviews, pooled, would name
                                every topic)

A topic needs 2 points: a keyword in a wording or in the heading is enough, the
answer alone needs two different keywords. Topics are listed most specific
first (deepest in the taxonomy), then by score; an entry matching nothing goes
to "uncategorized" (未分类), shown as a page so that the taxonomy can grow.

Related entries (at most MAX_RELATED, never itself) share a topic or two
words; they are scored by shared topics, shared words and the same source
interview; found through an inverted
index, not by comparing all pairs.

Not here: which questions are the same (generator/merge/dedupe.py), pages (render).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import yaml

from generator import rules
from generator.rules import schema
from generator.merge.dedupe import find_problem
from generator.model import Block, BlockKind, Entry, Question, QuestionKind, Topic, times_asked
from generator.text.asking import question_score
from generator.text.normalize import ENTITY, WORD, analyze, canonical, clean, terms

UNCATEGORIZED = "uncategorized"
# Topics that hold what fits nowhere else: sharing one says nothing about two questions.
CATCH_ALL = (UNCATEGORIZED, "project")
MAX_RELATED = 5
COMMON = 300  # a topic or word shared by more entries than this is not a link
WORDING, HEADING, ANSWER = 3, 2, 1  # points per keyword found
ANSWER_CAP = 2  # the answer can add at most this many points
NEEDED = 2  # points a topic needs
HEADING_SHARE = 1 / 3  # of an entry's headed wordings, that must be under headings naming the topic
# Kinds of question whose category is a heading of the page; a contribution's
# category is where it was asked ("模型部署工程师面试"), not evidence of a topic.
HEADED = ("question", "problem")


def load_taxonomy(path: str | Path | None = None) -> list[Topic]:
    """Read the taxonomy; check parents exist and "uncategorized" is there."""
    if path:
        with open(path, encoding="utf-8") as f:
            rows = rules.read_as(list[schema.Topic], yaml.safe_load(f), str(path))
    else:
        rows = rules.load("topics.yml")
    topics = [
        Topic(
            slug=r.slug, title=r.title, title_en=r.title_en,
            keywords=tuple(r.keywords), parent=r.parent, description=r.description, personal=r.personal,
        )
        for r in rows
    ]
    slugs = [t.slug for t in topics]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"{path}: a topic slug is used twice")
    for t in topics:
        if t.parent and t.parent not in slugs:
            raise ValueError(f"{path}: topic {t.slug!r} has unknown parent {t.parent!r}")
    if UNCATEGORIZED not in slugs:
        raise ValueError(f"{path}: the {UNCATEGORIZED!r} topic is missing")
    return topics


def _depth(topic: Topic, by_slug: dict[str, Topic]) -> int:
    depth, seen = 0, set()
    while topic.parent and topic.slug not in seen:
        seen.add(topic.slug)
        topic = by_slug[topic.parent]
        depth += 1
    return depth


# --------------------------------------------------------------------------
# Evidence


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Canonical entities and words of a short text (wording or heading)."""
    a = analyze(text)
    return a.entities | a.content | a.words


def _prose_length(blocks: tuple[Block, ...]) -> int:
    return sum(len(b.text) for b in blocks if b.kind != BlockKind.CODE)


def _answer_words(blocks: tuple[Block, ...]) -> frozenset[str]:
    # Code is left out: identifiers are not evidence of a topic.
    text = "\n".join(b.text for b in blocks if b.kind != BlockKind.CODE)[:4000]
    return frozenset(t.canonical for t in terms(text) if t.kind in (ENTITY, WORD)) if text else frozenset()


@dataclass(frozen=True)
class _Keywords:
    """Every keyword of the taxonomy, split by how it is looked for."""

    every: frozenset[str]
    latin: tuple[str, ...]
    chinese: tuple[str, ...]  # two characters or more; a single one only as a word

    @classmethod
    def of(cls, keywords) -> "_Keywords":
        every = frozenset(keywords)
        return cls(every, tuple(sorted(k for k in every if k.isascii())),
                   tuple(sorted(k for k in every if not k.isascii() and len(k) >= 2)))

    def present(self, words: frozenset[str], text: str) -> frozenset[str]:
        """The keywords found as a word, or (several characters of Chinese, or
        a latin word) inside the cleaned text. Each is looked for once per
        text, not once per topic, and the substring test comes first: most
        keywords are not in the text at all."""
        found = set(words & self.every)
        if text:
            found.update(k for k in self.chinese if k in text)
            found.update(k for k in self.latin if k in text and _latin_word(k).search(text))
        return frozenset(found)


def _found(keywords: tuple[str, ...], present: frozenset[str], words: frozenset[str], text: str) -> int:
    """How many of a topic's keywords are found (`present`: the taxonomy's
    keywords found in `words` or `text`). A Chinese keyword found only
    inside a longer keyword that is found too ("训练" in "预训练") is the same
    mention and does not count again: one word is not two keywords."""
    found = [k for k in keywords if k in present]
    count = 0
    for k in found:
        if k in words or k.isascii():
            count += 1
            continue
        rest = text
        for other in found:
            if other != k and k in other:
                rest = rest.replace(other, " ")
        count += k in rest
    return count


@lru_cache(maxsize=4)  # one per taxonomy
def _keywords_of(topic_keywords: tuple[tuple[str, tuple[str, ...]], ...]) -> _Keywords:
    return _Keywords.of(k for _, keywords in topic_keywords for k in keywords)


@lru_cache(maxsize=None)  # one per keyword of the taxonomy
def _latin_word(keyword: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])")


def _score(entry: Entry, topic_keywords: dict[str, tuple[str, ...]]) -> dict[str, tuple[int, int]]:
    """slug -> (points, strongest evidence: 0 wording, 1 heading, 2 answer)."""
    wordings = [q for q in entry.questions if q.kind != QuestionKind.FOLLOWUP] or list(entry.questions)
    # Each wording once: a question asked in hundreds of interviews has a few.
    distinct = list(dict.fromkeys((q.text, q.kind) for q in wordings))
    # "kind:problem" lets topics.yml claim coding problems: by kind, or named ("LC 239 滑动窗口最大值").
    w_words = frozenset().union(*(_words(text) | {f"kind:{kind}"} for text, kind in distinct))
    if any(find_problem(text, kind) for text, kind in distinct):
        w_words |= {f"kind:{QuestionKind.PROBLEM}"}
    w_text = " ".join(clean(text) for text, _ in distinct)
    asked_under = Counter(q.category for q in wordings if q.category and q.kind in HEADED)
    headings = {h: (_words(h), clean(h)) for h in sorted(asked_under)}  # heading -> its words, its cleaned text
    h_words = frozenset().union(*(words for words, _ in headings.values()))
    h_text = " ".join(text for _, text in headings.values())
    answers = max((q.answer for q in wordings), key=_prose_length, default=())
    a_words = _answer_words(answers)
    a_text = clean(" ".join(b.text for b in answers if b.kind != BlockKind.CODE)[:4000])

    every = _keywords_of(tuple(topic_keywords.items()))
    w_present = every.present(w_words, w_text)
    h_present = every.present(h_words, h_text)
    a_present = every.present(a_words, a_text)
    agreed = _agreed_headings(asked_under, headings, topic_keywords, every) if h_present else set()
    out = {}
    for slug, keywords in topic_keywords.items():
        w = WORDING * _found(keywords, w_present, w_words, w_text)
        h = HEADING * _found(keywords, h_present, h_words, h_text) if slug in agreed else 0
        a = min(ANSWER_CAP, ANSWER * _found(keywords, a_present, a_words, a_text))
        points = w + h + a
        if points >= NEEDED:
            out[slug] = (points, 0 if w else 1 if h else 2)
    return out


def _agreed_headings(asked_under: Counter, headings: dict[str, tuple[frozenset[str], str]],
                     topic_keywords: dict[str, tuple[str, ...]], every: _Keywords) -> set[str]:
    """The topics whose keywords are in the headings of at least HEADING_SHARE
    of the wordings asked under a heading (`headings`: each one's words and
    cleaned text): one interview filing a popular question under "RAG" does
    not make it a RAG question."""
    under: Counter = Counter()
    for heading, times in asked_under.items():
        words, text = headings[heading]
        present = every.present(words, text)
        if present:
            under.update({slug: times for slug, keywords in topic_keywords.items()
                          if _found(keywords, present, words, text)})
    total = sum(asked_under.values())
    return {slug for slug, times in under.items() if times >= HEADING_SHARE * total}


# --------------------------------------------------------------------------
# assign


@dataclass(frozen=True)
class Scorer:
    """The taxonomy as lookup tables; calling it gives one entry's topics.
    A picklable value, so that an engine can run it on workers."""

    keywords: tuple[tuple[str, tuple[str, ...]], ...]
    depth: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, taxonomy: Sequence[Topic]) -> "Scorer":
        by_slug = {t.slug: t for t in taxonomy}
        terms = glossary_terms_by_topic(by_slug)
        keywords = tuple(
            (t.slug, tuple(sorted({canonical(k) for k in t.keywords} | {clean(k) for k in t.keywords}
                                  | terms.get(t.slug, set()))))
            for t in taxonomy if t.slug != UNCATEGORIZED
        )
        return cls(keywords, tuple((t.slug, _depth(t, by_slug)) for t in taxonomy))

    def __call__(self, entry: Entry) -> tuple[str, ...]:
        scores = _score(entry, dict(self.keywords))
        depth = dict(self.depth)
        # Strongest evidence first, then the most specific topic, then points.
        slugs = sorted(scores, key=lambda s: (scores[s][1], -depth[s], -scores[s][0], s))
        return tuple(slugs) or (UNCATEGORIZED,)


def glossary_terms_by_topic(topics: Mapping[str, Topic]) -> dict[str, set[str]]:
    """slug -> the canonical names of the glossary's terms filed under it: a
    question naming any name of such a term counts toward that topic."""
    out: dict[str, set[str]] = defaultdict(set)
    for name, term in rules.load("glossary.yml").items():
        if term.topic and term.topic not in topics:
            raise rules.RuleError(f"glossary.yml: {name}.topic: no topic {term.topic!r} in topics.yml")
        if term.topic:
            out[term.topic].add(canonical(name))
    return out


def assign(entries: Sequence[Entry], taxonomy: Sequence[Topic],
           map_entries: Callable = lambda score, entries: [score(e) for e in entries]) -> list[Entry]:
    """Entries with topics (most specific first) and related entries filled.

    `map_entries(score, entries)` runs the per-entry scoring (the map step);
    an engine passes one that spreads it over workers or reads a cache."""
    entries = list(entries)
    slugs = map_entries(Scorer.of(taxonomy), entries)
    return _relate([e.with_(topics=s) for e, s in zip(entries, slugs)])


def _asked(e: Entry) -> list[Question]:
    return [q for q in e.questions if q.kind != QuestionKind.FOLLOWUP] or list(e.questions)


def _entry_words(e: Entry) -> frozenset[str]:
    return frozenset().union(*(_words(q.text) for q in _asked(e)))


def _entry_terms(e: Entry) -> frozenset[str]:
    return frozenset().union(*(analyze(q.text).entities for q in _asked(e)))


def _asks(e: Entry) -> bool:
    """A question a reader can follow a link to: a coding problem, or a wording
    that asks (not a line of a transcript that only narrates)."""
    return any(q.kind == QuestionKind.PROBLEM or question_score(q.text) >= 1 for q in e.questions)


def _relate(entries: list[Entry]) -> list[Entry]:
    """Fill Entry.related with the entries that share a concept with it: a
    term of the glossary, or a topic that is not a catch-all. Closest first:
    a shared topic or term counts 2, a shared word 1, the same source
    interview 1. Only questions are linked to. Ties go to the smaller id, so
    the result is fixed."""
    words = {e.id: _entry_words(e) for e in entries}
    terms = {e.id: _entry_terms(e) for e in entries}
    topics = {e.id: frozenset(e.topics) - set(CATCH_ALL) for e in entries}
    asks = {e.id: _asks(e) for e in entries}
    features = {e.id: tuple(_features(topics[e.id], words[e.id], {q.source for q in e.questions}))
                for e in entries}
    index: dict[tuple, list[str]] = defaultdict(list)
    for e in entries:
        for feature in features[e.id]:
            index[feature].append(e.id)
    out = []
    for e in entries:
        scores: Counter[str] = Counter()
        for feature in features[e.id]:
            members = index[feature]
            if len(members) > COMMON:
                continue  # shared by too many entries to say anything
            scores.update(members)
            if feature[0] == "t" or feature[1] in terms[e.id]:
                scores.update(members)
        del scores[e.id]
        # Highest score first, ties by id (sort is stable under reverse).
        ranked = sorted(scores)
        ranked.sort(key=scores.__getitem__, reverse=True)
        # A shared source or shared plain words alone are not a relation.
        best = []
        for other in ranked:
            if asks[other] and (topics[e.id] & topics[other] or terms[e.id] & terms[other]):
                best.append(other)
                if len(best) == MAX_RELATED:
                    break
        out.append(e.with_(related=tuple(best)))
    return out


def _features(topics: set[str], words: frozenset[str], sources: set[str]):
    yield from (("t", t) for t in sorted(topics))
    yield from (("w", w) for w in sorted(words))
    yield from (("s", s) for s in sorted(sources))


# --------------------------------------------------------------------------
# order


def order_for_topic(entries: Sequence[Entry], sources: Mapping | None = None) -> list[Entry]:
    """Most asked first (models.times_asked, the number shown; pass the same
    `sources` as to times_asked), then in the order of the first document that
    asks it, then by id."""

    def rank(e: Entry):
        first = min((q.source, q.position) for q in e.questions)
        return (-times_asked(e, sources), first, e.id)

    return sorted(entries, key=rank)
