"""Measure topics and related links on the real corpora.

    python bench/bench_topics.py

Topic accuracy: of the entries labelled in tests/data/topic_labels.yml (found
again by one of their wordings), the share whose home topic (the first of
Entry.topics) is one a careful editor accepts; the strict figure counts only
the editor's best topic. Catch-all share: the share of all entries whose home
is `project` or `uncategorized`, and the share of labelled entries filed
there although their label says they belong elsewhere.

Related links: every link of every entry, checked for what a reader needs: it
shares a concept with the entry (a glossary term, or a topic other than the
catch-alls), and it leads to a question (not a chatty line of a transcript).

Not a test: tests/merge/test_topics_measured.py pins the figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from corpora import knowledge_bases
from generator.model import Entry, KnowledgeBase
from generator.text.asking import question_score
from generator.text.normalize import ENTITY, analyze

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "topic_labels.yml"
CATCH_ALL = ("project", "uncategorized")


@dataclass(frozen=True)
class TopicScores:
    labelled: int
    found: int  # labelled wordings found in an entry
    accepted: int  # home topic among the accepted ones
    best: int  # home topic is the editor's best
    catch_all_share: float
    wrongly_caught: int  # labelled entries filed under a catch-all their label does not accept
    homes: Counter
    mistakes: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        return self.accepted / self.found if self.found else 0.0

    @property
    def strict_accuracy(self) -> float:
        return self.best / self.found if self.found else 0.0


@dataclass(frozen=True)
class RelatedScores:
    links: int
    sharing: int  # share a glossary term or a non-catch-all topic
    to_questions: int  # lead to an entry that asks something
    entries_with_links: int
    entries: int
    mistakes: tuple[str, ...]


def load_labels(path: Path = LABELS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def evaluate_topics(kbs: dict[str, KnowledgeBase], labels: list[dict]) -> TopicScores:
    entry_of = {(name, q.text): e for name, kb in kbs.items() for e in kb.entries for q in e.questions}
    found = accepted = best = caught = 0
    mistakes = []
    for label in labels:
        entry = entry_of.get((label["corpus"], label["wording"]))
        if entry is None:
            mistakes.append(f"not found: {label['wording']}")
            continue
        found += 1
        home = entry.topics[0] if entry.topics else "uncategorized"
        accepted += home in label["topics"]
        best += home == label["topics"][0]
        caught += home in CATCH_ALL and home not in label["topics"]
        if home not in label["topics"]:
            mistakes.append(f"{home} (want {'/'.join(label['topics'])}): {label['wording']}")
    homes = Counter(e.topics[0] if e.topics else "uncategorized" for kb in kbs.values() for e in kb.entries)
    total = sum(homes.values())
    catch_all = sum(homes[t] for t in CATCH_ALL) / total if total else 0.0
    return TopicScores(len(labels), found, accepted, best, catch_all, caught, homes, tuple(mistakes))


def evaluate_related(kbs: dict[str, KnowledgeBase]) -> RelatedScores:
    links = sharing = to_questions = with_links = entries = 0
    mistakes = []
    for kb in kbs.values():
        by_id = {e.id: e for e in kb.entries}
        for entry in kb.entries:
            entries += 1
            with_links += bool(entry.related)
            for other_id in entry.related:
                other = by_id[other_id]
                links += 1
                shares = bool(_terms(entry) & _terms(other)) or bool(_topics(entry) & _topics(other))
                asks = _asks(other)
                sharing += shares
                to_questions += asks
                if not (shares and asks):
                    mistakes.append(f"{entry.title} -> {other.title}"
                                    + ("" if shares else "  [no shared concept]") + ("" if asks else "  [not a question]"))
    return RelatedScores(links, sharing, to_questions, with_links, entries, tuple(mistakes))


def _terms(entry: Entry) -> frozenset[str]:
    return frozenset().union(*(analyze(q.text).entities for q in entry.questions))


def _topics(entry: Entry) -> frozenset[str]:
    return frozenset(entry.topics) - set(CATCH_ALL)


def _asks(entry: Entry) -> bool:
    return any(q.kind == "problem" or question_score(q.text) >= 1 for q in entry.questions)


def main() -> None:
    kbs = knowledge_bases()
    topics = evaluate_topics(kbs, load_labels())
    print(f"topic accuracy: {topics.accuracy:.3f} ({topics.accepted}/{topics.found} labelled entries found; "
          f"strict {topics.strict_accuracy:.3f}; {topics.labelled - topics.found} labels not found)")
    print(f"catch-all share ({', '.join(CATCH_ALL)}): {topics.catch_all_share:.3f} of "
          f"{sum(topics.homes.values())} entries; labelled entries filed there wrongly: "
          f"{topics.wrongly_caught / max(topics.found, 1):.3f} ({topics.wrongly_caught})")
    print("homes:", ", ".join(f"{t} {n}" for t, n in topics.homes.most_common()))
    related = evaluate_related(kbs)
    print(f"related links: {related.links} on {related.entries_with_links}/{related.entries} entries; "
          f"sharing a concept {related.sharing / max(related.links, 1):.3f}, "
          f"to a question {related.to_questions / max(related.links, 1):.3f}")
    for line in topics.mistakes[:40]:
        print("  topic:", line)
    for line in related.mistakes[:20]:
        print("  related:", line)


if __name__ == "__main__":
    main()
