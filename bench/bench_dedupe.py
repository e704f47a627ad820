"""Measure deduplication: precision and recall of merging, and its speed.

    python bench/bench_dedupe.py [pairs.yml]

Precision and recall are measured on labelled wording pairs
(tests/data/merge_pairs.yml): all wordings are deduplicated together, each as
its own question of its own document, and a pair counts as merged when both
wordings land in one entry. Speed is the time `dedupe` takes on a synthetic
corpus of a few thousand questions built from the data tables (cold caches).

Not a test: tests/merge/test_dedupe.py pins the floors.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.text import normalize
from generator.merge.dedupe import dedupe
from generator.model import Question

PAIRS = Path(__file__).parent.parent / "tests" / "data" / "merge_pairs.yml"


LABELS = ("same", "related", "apart")


@dataclass(frozen=True)
class Scores:
    """Merging measured on labelled pairs: `same` pairs should merge, `related`
    and `apart` pairs (look-alikes) must not."""

    merged: dict[str, int]  # label -> pairs that ended in one entry
    total: dict[str, int]  # label -> pairs
    mistakes: tuple[str, ...]  # "false merge (apart): a | b" / "missed: a | b"

    @property
    def recall(self) -> float:
        """Share of `same` pairs merged."""
        return self.merged["same"] / self.total["same"] if self.total["same"] else 1.0

    @property
    def precision(self) -> float:
        """Share of merges that were right."""
        merges = sum(self.merged.values())
        return self.merged["same"] / merges if merges else 1.0

    @property
    def kept_apart(self) -> float:
        """Share of must-not-merge pairs (related and apart) kept apart."""
        different = self.total["related"] + self.total["apart"]
        wrong = self.merged["related"] + self.merged["apart"]
        return 1 - wrong / different if different else 1.0


def load_pairs(path: str | Path = PAIRS) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        pairs = yaml.safe_load(f)
    for p in pairs:
        if p.get("label") not in LABELS:
            raise ValueError(f"{path}: pair {p!r} needs a label: one of {', '.join(LABELS)}")
    return pairs


def evaluate(pairs: list[dict]) -> Scores:
    """All wordings deduplicated together, each as its own question of its own
    document; a pair counts as merged when both wordings land in one entry."""
    questions = []
    for n, p in enumerate(pairs):
        kind = p.get("kind", "question")
        questions.append(Question(source=f"pair{n:04d}a", position=0, text=p["a"], kind=kind))
        questions.append(Question(source=f"pair{n:04d}b", position=0, text=p["b"], kind=kind))
    entries, _ = dedupe(questions)
    entry_of = {(q.source, q.position): e.id for e in entries for q in e.questions}
    merged = dict.fromkeys(LABELS, 0)
    total = dict.fromkeys(LABELS, 0)
    mistakes = []
    for n, p in enumerate(pairs):
        label = p["label"]
        together = entry_of[(f"pair{n:04d}a", 0)] == entry_of[(f"pair{n:04d}b", 0)]
        total[label] += 1
        merged[label] += together
        if together and label != "same":
            mistakes.append(f"false merge ({label}): {p['a']} | {p['b']}")
        elif not together and label == "same":
            mistakes.append(f"missed: {p['a']} | {p['b']}")
    return Scores(merged, total, tuple(mistakes))


# Templates of the synthetic corpus: {e} is an entity, {f} a filler opening.
_TEMPLATES = [
    "{f}{e}的原理?", "{f}{e}是什么?", "为什么要用{e}?", "如何优化{e}的效果?",
    "{e}有哪些优缺点?", "{e}和{e2}的区别是什么?", "{f}{e}的结构和细节", "{e}在项目里怎么用的?",
    "你是怎么理解{e}的?", "{e}的缺点是什么?", "如何评估{e}?", "{e}训练时显存不够怎么办?",
]
_FILLERS = ["", "请", "讲一下", "说一下", "你能讲讲", "简单介绍一下", "面试官:", "1. ", "2.3 "]


def synthetic_corpus(n: int = 3000, seed: int = 0) -> list[Question]:
    """n questions over ~40 documents, many of them rewordings of each other."""
    rng = random.Random(seed)
    from generator import rules

    names = sorted(name for name, term in rules.load("glossary.yml").items() if term.kind == "entity")
    out = []
    for i in range(n):
        e, e2 = rng.sample(names, 2)
        text = rng.choice(_TEMPLATES).format(f=rng.choice(_FILLERS), e=e, e2=e2)
        out.append(Question(source=f"doc{i % 40:02d}", position=i // 40, text=text))
    return out


def time_dedupe(questions: list[Question]) -> float:
    normalize.forget()
    start = time.perf_counter()
    dedupe(questions)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    pairs = load_pairs(argv[1] if len(argv) > 1 else PAIRS)
    normalize.analyze("预热 jieba")  # load jieba before timing anything
    s = evaluate(pairs)
    print(f"labelled pairs: {len(pairs)} ({', '.join(f'{s.total[k]} {k}' for k in LABELS)})")
    print(f"merge precision: {s.precision:.3f}  ({s.merged['same']} right merges, "
          f"{s.merged['related'] + s.merged['apart']} wrong)")
    print(f"kept apart:      {s.kept_apart:.3f}  (must-not-merge pairs: related and apart)")
    print(f"merge recall:    {s.recall:.3f}  ({s.total['same'] - s.merged['same']} of {s.total['same']} same pairs missed)")
    for m in s.mistakes:
        print("  " + m)
    for n in (1000, 3000, 6000):
        corpus = synthetic_corpus(n)
        print(f"dedupe time, {n} synthetic questions: {time_dedupe(corpus):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
