"""Measure the scraper (extract -> clean -> segment) against hand-made truth.

`tests/evaldata.yml` lists, for each real document (by file name), every
interview question that must be found (as written) and furniture strings that
must be gone (ads, widgets, promotions, SEO junk, repeated blobs). `evaluate`
runs the scraping stages on the documents and computes:

- recall: must-find questions found / all must-find questions; an expected
  question is found when, after normalisation (NFKC, so ？ = ? and ： = :,
  lower case, no spaces or quotes), it is a substring of an extracted
  question's text that is not much longer than it (a question that swallowed
  its answer does not count);
- precision: extracted questions that match some expected question / all
  extracted questions;
- leakage: must-drop strings found anywhere in the extracted questions,
  categories and answers / all must-drop strings.

`python -m generator.evaluate [SOURCES_DIR] [EVALDATA]` prints the table;
tests/test_evaluate.py pins the floors that gate CI. This module does not
build anything and does not judge answers beyond leakage.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import clean, extract, segment, sources
from .models import Question

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_DIR / "sources" / "scraped"
DEFAULT_EVALDATA = PROJECT_DIR / "tests" / "evaldata.yml"
# An extracted question matches an expected one only if it is at most this
# much longer (times, plus characters): a question glued to its answer fails.
MAX_STRETCH = (3, 20)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\"'“”‘’「」")


def matches(expected: str, extracted: str) -> bool:
    want, got = normalise(expected), normalise(extracted)
    return want in got and len(got) <= MAX_STRETCH[0] * len(want) + MAX_STRETCH[1]


@dataclass(frozen=True)
class DocumentScore:
    name: str
    expected: int  # must-find questions
    found: int  # of them, found
    extracted: int  # questions the scraper produced
    matched: int  # of them, matching an expected question
    must_drop: int
    leaked: tuple[str, ...]  # must-drop strings still present
    missing: tuple[str, ...]  # must-find questions not found
    unmatched: tuple[str, ...]  # extracted questions matching nothing expected

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0


@dataclass(frozen=True)
class EvalResult:
    documents: tuple[DocumentScore, ...]

    @property
    def recall(self) -> float:
        expected = sum(d.expected for d in self.documents)
        return sum(d.found for d in self.documents) / expected if expected else 1.0

    @property
    def precision(self) -> float:
        extracted = sum(d.extracted for d in self.documents)
        return sum(d.matched for d in self.documents) / extracted if extracted else 1.0

    @property
    def leakage(self) -> float:
        must_drop = sum(d.must_drop for d in self.documents)
        return sum(len(d.leaked) for d in self.documents) / must_drop if must_drop else 0.0

    def table(self) -> str:
        rows = [("document", "found/expected", "recall", "matched/extracted", "precision", "leaked/must-drop")]
        for d in self.documents:
            rows.append((d.name, f"{d.found}/{d.expected}", f"{d.recall:.3f}", f"{d.matched}/{d.extracted}",
                         f"{d.precision:.3f}", f"{len(d.leaked)}/{d.must_drop}"))
        rows.append(("TOTAL", "", f"{self.recall:.3f}", "", f"{self.precision:.3f}", f"{self.leakage:.3f}"))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        for d in self.documents:
            lines += [f"{d.name}: missing {q!r}" for q in d.missing]
            lines += [f"{d.name}: unexpected {q!r}" for q in d.unmatched]
            lines += [f"{d.name}: leaked {s!r}" for s in d.leaked]
        return "\n".join(lines)


def scrape(document) -> list[Question]:
    return segment.segment(clean.clean(extract.extract(document)))


def _score(name: str, questions: list[Question], truth: dict) -> DocumentScore:
    expected = [str(q) for q in truth.get("questions") or []]
    must_drop = [str(s) for s in truth.get("must_drop") or []]
    texts = [q.text for q in questions]
    missing = tuple(e for e in expected if not any(matches(e, t) for t in texts))
    unmatched = tuple(t for t in texts if not any(matches(e, t) for e in expected))
    everything = normalise("\n".join(
        "\n".join([q.text, q.category] + [b.text for b in q.answer]) for q in questions
    ))
    leaked = tuple(s for s in must_drop if normalise(s) in everything)
    return DocumentScore(
        name=name, expected=len(expected), found=len(expected) - len(missing),
        extracted=len(texts), matched=len(texts) - len(unmatched), must_drop=len(must_drop),
        leaked=leaked, missing=missing, unmatched=unmatched,
    )


def evaluate(sources_dir: Path = DEFAULT_SOURCES, evaldata_path: Path = DEFAULT_EVALDATA) -> EvalResult:
    """Scores of the scraper on every document that evaldata lists."""
    truth = yaml.safe_load(Path(evaldata_path).read_text(encoding="utf-8"))["documents"]
    documents, _ = sources.read_sources(Path(sources_dir))
    by_name = {Path(d.path).name: d for d in documents}
    scores = []
    for name, expected in truth.items():
        if name not in by_name:
            raise FileNotFoundError(f"{evaldata_path}: {name} is not in {sources_dir}")
        scores.append(_score(name, scrape(by_name[name]), expected))
    return EvalResult(documents=tuple(scores))


def main(argv: list[str]) -> int:
    sources_dir = Path(argv[0]) if argv else DEFAULT_SOURCES
    evaldata = Path(argv[1]) if len(argv) > 1 else DEFAULT_EVALDATA
    print(evaluate(sources_dir, evaldata).table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
