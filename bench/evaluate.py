"""Measure the scraper (extract -> clean -> segment) against hand-made truth.

Two sets of documents, one way of scoring:

- the five real seed documents (`sources/scraped/`), with their truth in
  `tests/evaldata.yml`: every question that must be found and the furniture
  strings that must be gone;
- the evaluation corpus (`tests/eval/pages/<shape>/<name>.<ext>`, each with
  `<name>.gold.yml` beside it; see tests/eval/README.md): pages written in the
  shapes of real interview pages, with every question, the start of its
  answer, distractors that must not be taken and furniture that must go.

For each document:

- recall: gold questions found / gold questions; a gold question is found
  when, after normalisation (NFKC, so ？ = ? and ： = :, lower case, no spaces
  or quotes), it is a substring of an extracted question's text that is not
  much longer than it (a question that swallowed its answer or its
  neighbours does not count);
- precision: extracted questions that match some gold question / all
  extracted questions;
- answers: gold questions with an answer whose matching extracted question's
  answer starts with it (within `ANSWER_SLACK` characters) / gold questions
  with an answer;
- distractors taken: distractors matched by an extracted question;
- leaks: furniture strings found anywhere in the extracted questions,
  categories and answers.

`python bench/evaluate.py` prints the tables (per document, per shape,
totals); `python bench/evaluate.py --pin` writes the measured scores to
tests/eval/floors.yml, which tests/test_eval_corpus.py holds every later
measurement to (as trafilatura's eval gate); tests/test_evaluate.py holds the
seeds at 100%. This module does not build anything.
"""

from __future__ import annotations

import hashlib
import math
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

import generator.scrape as scrape_stage
from generator.scrape import sources
from generator.model import Question

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_DIR / "sources" / "scraped"
DEFAULT_EVALDATA = PROJECT_DIR / "tests" / "evaldata.yml"
DEFAULT_CORPUS = PROJECT_DIR / "tests" / "eval" / "pages"
DEFAULT_FLOORS = PROJECT_DIR / "tests" / "eval" / "floors.yml"
GOLD_SUFFIX = ".gold.yml"
SEEDS_SHAPE = "seeds"
# An extracted question matches an expected one only if it is at most this
# much longer (times, plus characters): a question glued to its answer fails.
MAX_STRETCH = (3, 20)
# A gold answer start must begin within this many characters of the answer.
ANSWER_SLACK = 40


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\"'“”‘’「」*`")


def matches(expected: str, extracted: str) -> bool:
    want, got = normalise(expected), normalise(extracted)
    return bool(want) and want in got and len(got) <= MAX_STRETCH[0] * len(want) + MAX_STRETCH[1]


@dataclass(frozen=True)
class Gold:
    """The truth of one document."""

    questions: tuple[str, ...]
    answers: tuple[str, ...]  # one per question, "" when the page gives none
    distractors: tuple[str, ...] = ()
    furniture: tuple[str, ...] = ()

    @staticmethod
    def from_yaml(data: dict) -> "Gold":
        questions, answers = [], []
        for item in data.get("questions") or []:
            if isinstance(item, dict):
                questions.append(str(item["text"]))
                answers.append(str(item.get("answer") or ""))
            else:
                questions.append(str(item))
                answers.append("")
        return Gold(tuple(questions), tuple(answers),
                    tuple(str(s) for s in data.get("distractors") or []),
                    tuple(str(s) for s in data.get("furniture") or data.get("must_drop") or []))


@dataclass(frozen=True)
class DocumentScore:
    name: str
    shape: str
    expected: int  # gold questions
    found: int  # of them, found
    extracted: int  # questions the scraper produced
    matched: int  # of them, matching a gold question
    answers_expected: int  # gold questions with an answer
    answers_found: int
    distractors: int
    taken: tuple[str, ...]  # distractors extracted as questions
    must_drop: int
    leaked: tuple[str, ...]  # furniture strings still present
    missing: tuple[str, ...]  # gold questions not found
    unmatched: tuple[str, ...]  # extracted questions matching nothing gold
    wrong_answers: tuple[str, ...] = ()  # gold questions found without their answer

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def answer_recall(self) -> float:
        return self.answers_found / self.answers_expected if self.answers_expected else 1.0


@dataclass(frozen=True)
class Totals:
    """Sums over some documents (a shape, or all)."""

    name: str
    documents: tuple[DocumentScore, ...]

    def _ratio(self, part: str, whole: str, empty: float) -> float:
        total = sum(getattr(d, whole) for d in self.documents)
        return sum(getattr(d, part) for d in self.documents) / total if total else empty

    @property
    def recall(self) -> float:
        return self._ratio("found", "expected", 1.0)

    @property
    def precision(self) -> float:
        return self._ratio("matched", "extracted", 1.0)

    @property
    def answer_recall(self) -> float:
        return self._ratio("answers_found", "answers_expected", 1.0)

    @property
    def distractor_rate(self) -> float:
        total = sum(d.distractors for d in self.documents)
        return sum(len(d.taken) for d in self.documents) / total if total else 0.0

    @property
    def leakage(self) -> float:
        total = sum(d.must_drop for d in self.documents)
        return sum(len(d.leaked) for d in self.documents) / total if total else 0.0

    @property
    def leaks(self) -> int:
        return sum(len(d.leaked) for d in self.documents)


@dataclass(frozen=True)
class EvalResult:
    documents: tuple[DocumentScore, ...]

    @property
    def total(self) -> Totals:
        return Totals("TOTAL", self.documents)

    @property
    def shapes(self) -> tuple[Totals, ...]:
        names = sorted({d.shape for d in self.documents})
        return tuple(Totals(n, tuple(d for d in self.documents if d.shape == n)) for n in names)

    def shape(self, name: str) -> Totals:
        return next(s for s in self.shapes if s.name == name)

    # The seed gate reads these directly.
    @property
    def recall(self) -> float:
        return self.total.recall

    @property
    def precision(self) -> float:
        return self.total.precision

    @property
    def leakage(self) -> float:
        return self.total.leakage

    def table(self) -> str:
        header = ("", "questions", "recall", "precision", "answers", "distractors", "leaks")
        rows = [header]
        for d in self.documents:
            rows.append((f"{d.shape}/{d.name}", f"{d.found}/{d.expected}", f"{d.recall:.3f}", f"{d.precision:.3f}",
                         f"{d.answers_found}/{d.answers_expected}", f"{len(d.taken)}/{d.distractors}",
                         f"{len(d.leaked)}/{d.must_drop}"))
        lines = _columns(rows)
        shape_rows = [("shape", "documents", "recall", "precision", "answers", "distractors", "leaks")]
        for s in self.shapes + (self.total,):
            shape_rows.append((s.name, str(len(s.documents)), f"{s.recall:.3f}", f"{s.precision:.3f}",
                               f"{s.answer_recall:.3f}", f"{s.distractor_rate:.3f}", str(s.leaks)))
        lines += [""] + _columns(shape_rows) + [""]
        for d in self.documents:
            where = f"{d.shape}/{d.name}"
            lines += [f"{where}: missing {q!r}" for q in d.missing]
            lines += [f"{where}: no answer for {q!r}" for q in d.wrong_answers]
            lines += [f"{where}: unexpected {q!r}" for q in d.unmatched]
            lines += [f"{where}: distractor taken {q!r}" for q in d.taken]
            lines += [f"{where}: leaked {s!r}" for s in d.leaked]
        return "\n".join(lines)


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def scrape(document) -> list[Question]:
    """The questions the scrape stage finds in one document, as the build finds them."""
    return list(scrape_stage.scrape(document).questions)


def _answer_text(question: Question) -> str:
    return normalise("".join(b.text for b in question.answer))


def score(name: str, shape: str, questions: list[Question], gold: Gold) -> DocumentScore:
    """How the questions extracted from one document compare with its gold."""
    texts = [q.text for q in questions]
    missing, wrong_answers = [], []
    answers_found = 0
    for want, answer in zip(gold.questions, gold.answers):
        found = next((q for q in questions if matches(want, q.text)), None)
        if found is None:
            missing.append(want)
            continue
        if answer:
            start = normalise(answer)
            if start in _answer_text(found)[: len(start) + ANSWER_SLACK]:
                answers_found += 1
            else:
                wrong_answers.append(want)
    unmatched = tuple(t for t in texts if not any(matches(e, t) for e in gold.questions))
    taken = tuple(s for s in gold.distractors
                  if any(matches(s, t) for t in texts) and not any(matches(s, g) for g in gold.questions))
    everything = normalise("\n".join(
        "\n".join([q.text, q.category] + [b.text for b in q.answer]) for q in questions
    ))
    leaked = tuple(s for s in gold.furniture if normalise(s) in everything)
    return DocumentScore(
        name=name, shape=shape, expected=len(gold.questions), found=len(gold.questions) - len(missing),
        extracted=len(texts), matched=len(texts) - len(unmatched),
        answers_expected=sum(1 for a in gold.answers if a), answers_found=answers_found,
        distractors=len(gold.distractors), taken=taken, must_drop=len(gold.furniture), leaked=leaked,
        missing=tuple(missing), unmatched=unmatched, wrong_answers=tuple(wrong_answers),
    )


def evaluate(sources_dir: Path = DEFAULT_SOURCES, evaldata_path: Path = DEFAULT_EVALDATA) -> EvalResult:
    """Scores of the scraper on every seed document that evaldata lists."""
    truth = yaml.safe_load(Path(evaldata_path).read_text(encoding="utf-8"))["documents"]
    documents, _ = sources.read_sources(Path(sources_dir))
    by_name = {Path(d.path).name: d for d in documents}
    scores = []
    for name, expected in truth.items():
        if name not in by_name:
            raise FileNotFoundError(f"{evaldata_path}: {name} is not in {sources_dir}")
        scores.append(score(name, SEEDS_SHAPE, scrape(by_name[name]), Gold.from_yaml(expected)))
    return EvalResult(documents=tuple(scores))


def corpus_files(corpus_dir: Path = DEFAULT_CORPUS) -> list[tuple[Path, Path]]:
    """(page, gold) of every page of the evaluation corpus, in path order.
    A page without gold, or gold without a page, is an error: the corpus
    would be measured on less than it says."""
    corpus_dir = Path(corpus_dir)
    pages = {p.relative_to(corpus_dir).as_posix(): p for p in corpus_dir.rglob("*")
             if p.is_file() and p.suffix.lower() in sources.FORMATS}
    golds = {p.relative_to(corpus_dir).as_posix()[: -len(GOLD_SUFFIX)]: p for p in corpus_dir.rglob("*" + GOLD_SUFFIX)}
    pairs, orphans = [], set(golds)
    for relative, page in sorted(pages.items()):
        stem = relative.rsplit(".", 1)[0]
        if stem not in golds:
            raise FileNotFoundError(f"{page}: no {stem}{GOLD_SUFFIX} beside it; write its gold or remove it")
        pairs.append((page, golds[stem]))
        orphans.discard(stem)
    if orphans:
        raise FileNotFoundError(f"{golds[min(orphans)]}: gold without a page")
    return pairs


def corpus_hash(corpus_dir: Path = DEFAULT_CORPUS) -> str:
    """A hash of every page and gold file: the gate pins it, so that the
    corpus cannot change without the floors being measured again."""
    digest = hashlib.sha256()
    for page, gold in corpus_files(corpus_dir):
        for path in (page, gold):
            digest.update(path.relative_to(corpus_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def evaluate_corpus(corpus_dir: Path = DEFAULT_CORPUS) -> EvalResult:
    """Scores of the scraper on every page of the evaluation corpus."""
    corpus_dir = Path(corpus_dir)
    documents, problems = sources.read_sources(corpus_dir)
    by_path = {d.path: d for d in documents}
    scores = []
    for page, gold_path in corpus_files(corpus_dir):
        relative = page.relative_to(corpus_dir).as_posix()
        if relative not in by_path:
            why = "; ".join(str(p) for p in problems if p.path == relative) or "not read"
            raise ValueError(f"{page}: {why}")
        gold = Gold.from_yaml(yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {})
        shape = relative.split("/")[0] if "/" in relative else ""
        scores.append(score(page.name, shape, scrape(by_path[relative]), gold))
    return EvalResult(documents=tuple(scores))


def _results(which: Iterable[str]) -> list[tuple[str, EvalResult]]:
    out = []
    for name in which:
        if name == "seeds":
            out.append(("The five seed documents (sources/scraped/)", evaluate()))
        elif name == "corpus":
            out.append((f"The evaluation corpus (tests/eval/pages/, hash {corpus_hash()})", evaluate_corpus()))
    return out


def _down(value: float) -> float:
    return math.floor(value * 1000) / 1000


def _up(value: float) -> float:
    return math.ceil(value * 1000) / 1000


def _measures(scores: Totals | DocumentScore) -> dict:
    """What the gate pins of a shape or a document: floors for recall,
    precision and answers found, ceilings for distractors taken and leaks."""
    rate = scores.distractor_rate if isinstance(scores, Totals) else \
        (len(scores.taken) / scores.distractors if scores.distractors else 0.0)
    leaks = scores.leaks if isinstance(scores, Totals) else len(scores.leaked)
    return {"recall": _down(scores.recall), "precision": _down(scores.precision),
            "answers": _down(scores.answer_recall), "distractors": _up(rate), "leaks": leaks}


def floors(result: EvalResult, corpus_dir: Path = DEFAULT_CORPUS) -> dict:
    """The gate's floors: the measured scores of every shape and document,
    with the hash of the corpus they were measured on."""
    return {
        "corpus_hash": corpus_hash(corpus_dir),
        "shapes": {s.name: _measures(s) for s in result.shapes},
        "documents": {f"{d.shape}/{d.name}": _measures(d) for d in result.documents},
    }


def below_floors(result: EvalResult, pinned: dict) -> list[str]:
    """Every measure of a shape or document that is worse than its pin."""
    found = floors(result)
    worse = []
    for kind in ("shapes", "documents"):
        for name, pins in pinned[kind].items():
            now = found[kind].get(name)
            if now is None:
                worse.append(f"{kind[:-1]} {name}: pinned but not measured")
                continue
            for measure, pin in pins.items():
                higher_is_better = measure in ("recall", "precision", "answers")
                if (now[measure] < pin) if higher_is_better else (now[measure] > pin):
                    worse.append(f"{kind[:-1]} {name}: {measure} {now[measure]} (pinned {pin})")
    return worse


PIN_HEADER = """\
# The extraction gate's floors (tests/test_eval_corpus.py), measured on the
# evaluation corpus whose hash is below: recall, precision and answers found
# may not fall under these values, distractors taken and furniture leaks may
# not rise over them, for any shape or document. Written by
# `python bench/evaluate.py --pin` after a measured improvement; a change
# of the corpus needs a new pin (the hash), a lower floor needs a reason in
# the commit that lowers it.
"""


def main(argv: list[str]) -> int:
    if argv[:1] == ["--pin"]:
        pinned = floors(evaluate_corpus())
        DEFAULT_FLOORS.write_text(PIN_HEADER + yaml.safe_dump(pinned, allow_unicode=True, sort_keys=False),
                                  encoding="utf-8")
        print(f"pinned {len(pinned['documents'])} documents, {len(pinned['shapes'])} shapes in {DEFAULT_FLOORS}")
        return 0
    which = argv or ["seeds", "corpus"]
    for title, result in _results(which):
        print(f"## {title}\n")
        print(result.table())
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
