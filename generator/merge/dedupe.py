"""Deduplicate questions: every wording of one question becomes one Entry.

    dedupe(questions, overrides) -> (entries, MergeReport)

How two wordings are judged the same (generator/text/normalize.py does the text
work; thresholds in generator/data/dedupe.yml):

  1. exact       same text after normalisation (width, case, traditional /
                 simplified, punctuation, list numbering)
  2. leetcode    coding problems naming the same LeetCode problem, by number or
                 title (generator/data/leetcode.yml)
  3. same-terms  same entities, same intents and same content words after
                 synonyms and filler are removed
  4. near        same entities and intents, and the content words of one
                 contain the other's with Jaccard >= near_threshold
  5. force       listed together in generator/data/overrides.yml
     alias       a contribution's question and its `aliases` (generator/contributions/contribution.py)

and never merged: different entities (LoRA / QLoRA), different intents (什么是 /
为什么 / 如何), both sides with words of their own (协作 / 竞争), a vague
wording ("它的缺点是什么?"), or a pair forbidden in overrides.yml.
Clusters are grown by complete linkage: a wording joins a cluster only if it
is the same as every member, so A~B and B~C never drag A and C together.

Candidates are found without comparing all pairs: wordings are blocked by
(entities, intents) and, within a block, paired through an inverted index of
their rarest content words (prefix filtering: exact for the Jaccard threshold).

Follow-ups (kind "followup") are never compared with anything: each joins the
entry of its parent question (found by source and parent position, through
follow-ups of follow-ups) and stays in Entry.questions with kind "followup",
so the renderer shows it under the parent. A follow-up whose parent is missing
becomes an entry of its own and is listed in the report.

Not here: cleaning or segmenting documents (generator/scrape/segment.py), topics
(generator/merge/topics.py), rendering the report (MergeReport.to_markdown gives the
text; the build writes it).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import yaml

from generator import rules
from generator.rules import schema
from generator.rules.schema import LeetCodeProblem
from generator.site.escape import code_span, md_text
from generator.model import Entry, Question
from generator.text.normalize import DATA, Analysis, analyze, clean, key

FOLLOWUP = "followup"
PROBLEM = "problem"

# Rules, with how the report names them (中文 / English).
RULES = {
    "exact": "同文 / same text after normalisation",
    "leetcode": "同一 LeetCode 题 / same LeetCode problem",
    "same-terms": "同义 / same entities, intent and words after synonyms",
    "near": "近似 / same entities and intent, words of one contain the other's",
    "first-ask": "首问相同 / its first question is the other (a wording that asks two things)",
    "force": "强制合并 / forced in overrides.yml",
    "alias": "贡献者别名 / an alias in a contribution",
    "entity": "实体不同 / names different things",
    "intent": "意图不同 / asks a different kind of question",
    "contrast": "各有独有词 / each has words the other lacks",
    "threshold": "相似度不足 / below the similarity threshold",
    "forbid": "禁止合并 / forbidden in overrides.yml",
    "vague": "指代不明 / vague wording, never merged",
}


def settings() -> schema.Dedupe:
    return rules.load("dedupe.yml")


# --------------------------------------------------------------------------
# Overrides


@dataclass(frozen=True)
class Overrides:
    """Merges forced or forbidden by a maintainer (generator/data/overrides.yml),
    and the aliases contributors give their question."""

    force: tuple[tuple[str, ...], ...] = ()  # groups of wordings made one entry
    forbid: tuple[tuple[str, str], ...] = ()  # pairs never in one entry
    aliases: tuple[tuple[str, ...], ...] = ()  # like force, from contributions

    def with_aliases(self, groups: tuple[tuple[str, ...], ...]) -> "Overrides":
        return Overrides(force=self.force, forbid=self.forbid, aliases=self.aliases + tuple(groups))


def load_overrides(path: str | Path | None = None) -> Overrides:
    """Read an overrides file; a missing file means no overrides."""
    path = Path(path) if path else DATA / "overrides.yml"
    if not path.exists():
        return Overrides()
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    force = tuple(tuple(str(w) for w in group) for group in data.get("force") or ())
    forbid = []
    for pair in data.get("forbid") or ():
        if len(pair) != 2:
            raise ValueError(f"{path}: forbid takes pairs of wordings, got {pair!r}")
        forbid.append((str(pair[0]), str(pair[1])))
    return Overrides(force=force, forbid=tuple(forbid))


def _settle_lines(steps: Sequence[Step], mark: str, verb: str, action: str) -> list[str]:
    """Each pair with its rule, and the overrides.yml line (under `verb:`) that settles it otherwise."""
    out = []
    for s in steps:
        out.append(f"- {md_text(s.a)} {mark} {md_text(s.b)}: {s.score:.2f}, {s.rule} — {RULES[s.rule]}  ")
        out.append(f"  {action}, under `{verb}:` {code_span(s.override(verb))}")
    return out


# --------------------------------------------------------------------------
# LeetCode catalog


def load_catalog() -> tuple[LeetCodeProblem, ...]:
    return tuple(rules.load("leetcode.yml"))


def _problem_key(text: str) -> str:
    # "结点" and "节点" are the same word; "的" and spaces vary between writers.
    return key(text).replace("结点", "节点").replace("的", "").replace(" ", "")


@lru_cache(maxsize=1)
def _catalog_names() -> list[tuple[str, LeetCodeProblem]]:
    names = []
    for p in load_catalog():
        for name in (p.title, p.title_en, p.slug.replace("-", " "), *p.aliases):
            names.append((_problem_key(name), p))
    names.sort(key=lambda n: (-len(n[0]), n[0]))  # longest title wins ("反转链表 ii")
    return names


# "两数之和 II", "反转链表2": a sequel of the problem named, not the problem itself.
_SEQUEL = re.compile(r"(?:i{2,3}|iv|[2-9]|ⅱ|ⅲ)(?![a-z0-9])")
_NUMBER = re.compile(r"(?<![a-z])(?:leetcode|lc|力扣)\s*(?:第|no\.?|#)?\s*(\d{1,4})(?!\d)")
_MARKER = re.compile(r"leetcode|(?<![a-z])lc\s*\d|力扣|代码题|算法题|编程题|手撕")
# What may stand around a problem's title in a wording that is nothing but the
# problem ("200. 岛屿数量", "代码：翻转链表", "寻找链表的公共节点"), as
# `_problem_key` leaves it.
_DECORATION = re.compile(r"手写|手寫|手撕|代码|代碼|实现|如何|怎么|写一下|寻找|求解?|题目?|算法|编程|解法|\d+|[()]")


@lru_cache(maxsize=1)
def _titles() -> tuple[dict[str, LeetCodeProblem], dict[str, LeetCodeProblem]]:
    """Every catalogue name as `_problem_key` leaves it, and without what
    `_DECORATION` strips (digits too, so a name that then reads as another
    problem's, "反转链表2" as "反转链表", is left out of the second)."""
    exact: dict[str, LeetCodeProblem] = {}
    bare: dict[str, LeetCodeProblem | None] = {}
    for name, problem in _catalog_names():
        exact.setdefault(name, problem)
        stripped = _DECORATION.sub("", name)
        bare[stripped] = problem if bare.get(stripped, problem) is problem else None
    return exact, {k: p for k, p in bare.items() if p is not None and k}


@lru_cache(maxsize=1 << 16)  # merging, linking snippets and search all ask it of the same wordings
def find_problem(text: str, kind: str = PROBLEM) -> tuple[int, LeetCodeProblem | None] | None:
    """The LeetCode problem a wording names: (number, catalog entry or None).

    A coding problem is found by its title or by "lc200" / "LeetCode 200";
    an ordinary question only when it says it is a coding problem ("代码题:",
    "力扣", ...) or is nothing but the title ("反转链表", "Reverse Linked
    List"), so "两数之和的哈希解法复杂度" asked as theory stays a question.
    """
    raw = unicodedata.normalize("NFKC", text).lower()
    k = _problem_key(text)
    if kind != PROBLEM and not _MARKER.search(raw):
        exact, bare = _titles()
        problem = exact.get(k) or bare.get(_DECORATION.sub("", k))
        return (problem.number, problem) if problem else None
    for name, problem in _catalog_names():
        at = k.find(name) if name else -1
        if at >= 0 and not _SEQUEL.match(k, at + len(name)):
            return problem.number, problem
    m = _NUMBER.search(clean(text))
    if m:
        number = int(m.group(1))
        return number, next((p for p in load_catalog() if p.number == number), None)
    return None


# --------------------------------------------------------------------------
# Comparing two wordings


@dataclass(frozen=True)
class Verdict:
    same: bool
    score: float  # Jaccard similarity of content words (1.0 when equal)
    rule: str  # key of RULES that decided


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def compare(a: Analysis, b: Analysis) -> Verdict:
    """Whether two analysed wordings ask the same question, and why."""
    score = jaccard(a.content, b.content)
    if a.key == b.key and not a.vague:
        return Verdict(True, 1.0, "exact")
    if a.vague or b.vague:
        return Verdict(False, score, "vague")
    if a.entities != b.entities:
        return Verdict(False, score, "entity")
    if a.intents != b.intents:
        return Verdict(False, score, "intent")
    if a.content == b.content:
        return Verdict(True, 1.0, "same-terms")
    if not (a.content <= b.content or b.content <= a.content):
        return Verdict(False, score, "contrast")
    if score >= settings().near_threshold:
        return Verdict(True, score, "near")
    return Verdict(False, score, "threshold")


# --------------------------------------------------------------------------
# Report


@dataclass(frozen=True)
class Step:
    """One decision between two wordings."""

    a: str
    b: str
    score: float
    rule: str

    def override(self, verb: str) -> str:
        """The line that settles this pair in generator/data/overrides.yml, under `verb:`."""
        return f"- [{json.dumps(self.a, ensure_ascii=False)}, {json.dumps(self.b, ensure_ascii=False)}]"


@dataclass(frozen=True)
class MergeGroup:
    """One entry made of more than one wording."""

    entry: str  # Entry.id
    title: str
    wordings: tuple[str, ...]  # "text  (source#position)"
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class MergeReport:
    """Every merge, the close calls kept apart, and the overrides applied."""

    questions: int
    entries: int
    groups: tuple[MergeGroup, ...]
    close_calls: tuple[Step, ...] = ()
    nearly_apart: tuple[Step, ...] = ()  # merges by similarity that only just passed
    overrides: tuple[str, ...] = ()  # one line per override: applied or not
    orphans: tuple[str, ...] = ()  # follow-ups whose parent was not found

    def to_markdown(self, merges_shown: int | None = None) -> str:
        """The report; with `merges_shown`, only the first that many merges
        are listed, and a line says where the others are."""
        shown = self.groups if merges_shown is None else self.groups[:merges_shown]
        out = [
            "# 合并报告 / Merge report",
            "",
            f"{self.questions} 个问法（含追问）合并成 {self.entries} 个问题。  ",
            f"{self.questions} wordings (follow-ups included) were merged into {self.entries} entries.",
            "",
            "合并错了或漏合并了：在 `generator/data/overrides.yml` 里用 `forbid`（禁止合并）"
            "或 `force`（强制合并）修正，不用改代码。  ",
            "Fix a wrong merge or a missed one in `generator/data/overrides.yml` "
            "(`forbid` / `force`); no code change needed.",
            "",
            "每条合并列出它的问法，以及决定合并的每一步：两个问法、相似度、规则。  ",
            "Each merge lists its wordings and every step that joined them: the two wordings, "
            "their similarity and the rule.",
            "",
            f"## 合并 / Merges ({len(self.groups)})",
            "",
        ]
        for g in shown:
            out.append(f"### {md_text(g.title)} `{g.entry}`")
            out.append("")
            out.extend(f"- {md_text(w)}" for w in g.wordings)
            out.append("")
            for s in g.steps:
                out.append(f"  - {md_text(s.a)} ⇔ {md_text(s.b)}: {s.score:.2f}, {s.rule} — {RULES[s.rule]}")
            out.append("")
        if len(shown) < len(self.groups):
            out += [f"另有 {len(self.groups) - len(shown)} 条合并没有列在这里，完整的报告在构建的报告目录里"
                    "（默认 `build/merge-report.md`）。  ",
                    f"{len(self.groups) - len(shown)} more merges are listed in the report folder of the build "
                    "(`build/merge-report.md` by default).", ""]
        out += [f"## 未合并的近似问题 / Close calls kept apart ({len(self.close_calls)})", "",
                "相似但没有合并的问法对，以及不合并的规则。  ",
                "Similar pairs of wordings that were not merged, and the rule that kept them apart.", ""]
        out += _settle_lines(self.close_calls, "⇎", "force", "合并它们 / to merge them")
        out += ["", f"## 勉强合并的问题 / Merged, but only just ({len(self.nearly_apart)})", "",
                "相似度刚过阈值而合并的问法对。  ",
                "Pairs merged by a similarity just over the threshold.", ""]
        out += _settle_lines(self.nearly_apart, "⇔", "forbid", "分开它们 / to keep them apart")
        out += ["", f"## 人工规则 / Overrides ({len(self.overrides)})", "",
                "`generator/data/overrides.yml` 里的每条规则，以及它是否生效。  ",
                "Every rule in `generator/data/overrides.yml`, and whether it applied.", ""]
        out.extend(f"- {md_text(line)}" for line in self.overrides)
        if self.orphans:
            out += ["", f"## 找不到上级问题的追问 / Follow-ups without parent ({len(self.orphans)})", "",
                    "这些追问前面没有可以挂靠的问题，各自成为一个问题。  ",
                    "These follow-ups have no question before them to belong to; each became an entry of its own.", ""]
            out.extend(f"- {md_text(w)}" for w in self.orphans)
        return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------
# dedupe


def entry_id(unit_key: str) -> str:
    """Stable id of an entry, from the key of one of its wordings."""
    return "q-" + hashlib.sha1(unit_key.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class _Unit:
    """Wordings that are one by construction: same text, or same LeetCode problem."""

    key: str
    analysis: Analysis
    questions: tuple[Question, ...]
    problem: tuple[int, LeetCodeProblem | None] | None = None


def _order(q: Question) -> tuple:
    return (q.source, q.position, q.line, q.text)


def _where(q: Question) -> str:
    return f"{q.text}  ({q.source}#{q.position})"


def _make_units(mains: list[Question]) -> list[_Unit]:
    groups: dict[str, list[Question]] = defaultdict(list)
    problems: dict[str, tuple] = {}
    for q in mains:
        found = find_problem(q.text, q.kind)
        if found:
            k = f"leetcode:{found[0]}"
            problems[k] = found
        else:
            a = analyze(q.text)
            # A vague wording is only itself: the same "它的缺点是什么" in two
            # interviews is about two different things.
            k = a.key if not a.vague else f"{a.key}@{q.source}#{q.position}"
        groups[k].append(q)
    units = []
    for k in sorted(groups):
        qs = tuple(groups[k])  # in the order of `mains`, which dedupe sorted
        units.append(_Unit(k, analyze(qs[0].text), qs, problems.get(k)))
    return units


class _Clusters:
    """Union of units, refusing unions that a forbid pair or a guard rules out."""

    def __init__(self, units: list[_Unit], forbidden: set[frozenset[str]]):
        self.units = units
        self.root = list(range(len(units)))
        self.members = {i: [i] for i in range(len(units))}
        self.forbidden = forbidden
        self.steps: dict[int, list[Step]] = defaultdict(list)
        self.refused: list[Step] = []

    def find(self, i: int) -> int:
        while self.root[i] != i:
            self.root[i] = self.root[self.root[i]]
            i = self.root[i]
        return i

    def _keys(self, r: int) -> set[str]:
        return {key(q.text) for m in self.members[r] for q in self.units[m].questions}

    def forbids(self, ra: int, rb: int) -> bool:
        if not self.forbidden:
            return False
        ka, kb = self._keys(ra), self._keys(rb)
        return any(frozenset((x, y)) in self.forbidden for x in ka for y in kb)

    def all_same(self, ra: int, rb: int) -> bool:
        """Complete linkage: every member of one is the same as every member of the other."""
        return all(
            _same(self.units[x], self.units[y]) for x in self.members[ra] for y in self.members[rb]
        )

    def union(self, i: int, j: int, step: Step, check: bool = True) -> bool:
        ra, rb = self.find(i), self.find(j)
        if ra == rb:
            return True
        if self.forbids(ra, rb):
            self.refused.append(Step(step.a, step.b, step.score, "forbid"))
            return False
        if check and not self.all_same(ra, rb):
            return False
        ra, rb = min(ra, rb), max(ra, rb)
        self.root[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.steps[ra] += self.steps.pop(rb, []) + [step]
        return True


def _same(x: _Unit, y: _Unit) -> bool:
    if x.problem or y.problem:
        return x.key == y.key
    return compare(x.analysis, y.analysis).same or _first_ask_is(x.analysis, y.analysis) \
        or _first_ask_is(y.analysis, x.analysis)


def _first_ask_is(compound: Analysis, other: Analysis) -> bool:
    """Whether `compound` asks two things and its first ask is `other`, or is
    the first ask of `other` when that asks two things too: both are then the
    question of that first ask."""
    if not compound.head:
        return False
    head = analyze(compound.head)
    if head.vague:
        return False
    return compare(head, analyze(other.head) if other.head else other).same


def _candidate_pairs(units: list[_Unit], idx: list[int]):
    """Pairs of units (within one block) whose content Jaccard may reach the
    threshold, or which both have no content words.

    Prefix filtering: with words sorted rarest first, two sets with Jaccard
    >= t share a word among the first len - ceil(t * len) + 1 of each; only
    those words are indexed, so common words do not make long lists."""
    t = settings().near_threshold
    df: dict[str, int] = defaultdict(int)
    for i in idx:
        for w in units[i].analysis.content:
            df[w] += 1
    index: dict[str, list[int]] = defaultdict(list)
    empty: list[int] = []
    seen: set[tuple[int, int]] = set()
    for i in idx:
        words = sorted(units[i].analysis.content, key=lambda w: (df[w], w))
        if not words:
            empty.append(i)
            continue
        prefix = len(words) - int(t * len(words) + 0.999999) + 1
        for w in words[:prefix]:
            for j in index[w]:
                if (j, i) not in seen:
                    seen.add((j, i))
                    yield j, i
            index[w].append(i)
    for j in empty[1:]:
        yield empty[0], j


def _steps_text(units: list[_Unit], i: int, j: int, score: float, rule: str) -> Step:
    return Step(units[i].questions[0].text, units[j].questions[0].text, round(score, 2), rule)


def block_pairs(units: list[_Unit], block: list[int]) -> tuple[list, list]:
    """One block's same-question pairs (best first when sorted) and close calls."""
    same, close = [], []
    for i, j in _candidate_pairs(units, block):
        v = compare(units[i].analysis, units[j].analysis)
        if v.same:
            same.append((-v.score, i, j, v))
        elif v.score >= settings().close_call_threshold:
            close.append(_steps_text(units, i, j, v.score, v.rule))
    return same, close


def _first_ask_pairs(units: list[_Unit], blocks: dict[tuple, list[int]]) -> list:
    """"讲一下 RoPE 的原理？为什么能外推？" asks first what "RoPE 的原理" asks:
    a wording that asks two things is the same question as a one-ask wording
    that is its first ask (two such wordings are not compared with each other)."""
    pairs = []
    for i, unit in enumerate(units):
        if unit.problem is not None or not unit.analysis.head:
            continue
        head = analyze(unit.analysis.head)
        if head.vague:
            continue
        for j in blocks.get((tuple(sorted(head.entities)), tuple(sorted(head.intents))), ()):
            verdict = compare(head, units[j].analysis)
            if verdict.same and not units[j].analysis.head:
                pairs.append((-verdict.score, min(i, j), max(i, j), Verdict(True, verdict.score, "first-ask")))
    return pairs


def pairs_in_blocks(units: list[_Unit], blocks: list[list[int]]) -> list[tuple[list, list]]:
    """`block_pairs` of every block, here in this process. An engine may pass
    another function of the same shape to `dedupe` that spreads the blocks
    over workers (generator/run/engine.py)."""
    return [block_pairs(units, block) for block in blocks]


def dedupe(
    questions: Sequence[Question], overrides: Overrides | None = None,
    find_pairs: Callable[[list[_Unit], list[list[int]]], list[tuple[list, list]]] = pairs_in_blocks,
) -> tuple[list[Entry], MergeReport]:
    """Merge the wordings of one question into one Entry; see the module doc.

    `find_pairs` runs the candidate blocking (the map step); the rest is the
    keyed merge, always in one fixed order, so every engine gives the same result."""
    overrides = overrides or Overrides()
    questions = sorted(questions, key=_order)
    mains = [q for q in questions if q.kind != FOLLOWUP]
    followups = [q for q in questions if q.kind == FOLLOWUP]

    units = _make_units(mains)
    forbidden = {frozenset((key(a), key(b))) for a, b in overrides.forbid if key(a) != key(b)}
    clusters = _Clusters(units, forbidden)

    # Group by (entities, intents): only units in one block can be the same.
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        if u.problem is None and not u.analysis.vague:
            a = u.analysis
            blocks[(tuple(sorted(a.entities)), tuple(sorted(a.intents)))].append(i)

    pairs, close = [], []
    for same, calls in find_pairs(units, [blocks[b] for b in sorted(blocks)]):
        pairs += same
        close += calls
    pairs += _first_ask_pairs(units, blocks)
    # Best pairs first, so a wording joins the cluster it is closest to.
    for _, i, j, v in sorted(pairs, key=lambda p: p[:3]):
        clusters.union(i, j, _steps_text(units, i, j, v.score, v.rule))

    override_lines = _apply_force(units, clusters, overrides)
    override_lines += _forbid_lines(units, overrides)
    close += _guarded_close_calls(units) + clusters.refused

    entries, groups, orphans = _build(units, clusters, followups)
    close = sorted(set(close), key=lambda s: (-s.score, s.rule, s.a, s.b))
    report = MergeReport(
        questions=len(questions),
        entries=len(entries),
        groups=tuple(groups),
        close_calls=tuple(close[: settings().close_call_limit]),
        nearly_apart=tuple(_nearly_apart(groups)),
        overrides=tuple(override_lines),
        orphans=tuple(orphans),
    )
    return entries, report


def _nearly_apart(groups) -> list[Step]:
    """The merges decided by similarity that passed the threshold by less than the margin."""
    limit = settings().near_threshold + settings().nearly_apart_margin
    steps = {s for g in groups for s in g.steps if s.rule == "near" and s.score < limit}
    return sorted(steps, key=lambda s: (s.score, s.a, s.b))


def _units_by_key(units: list[_Unit]) -> dict[str, int]:
    out = {}
    for i, u in enumerate(units):
        for q in u.questions:
            out.setdefault(key(q.text), i)
    return out


def _apply_force(units: list[_Unit], clusters: _Clusters, overrides: Overrides) -> list[str]:
    groups = [("force", g) for g in overrides.force] + [("alias", g) for g in overrides.aliases]
    if not groups:
        return []
    by_key = _units_by_key(units)
    lines = []
    for rule, group in groups:
        found = [(w, by_key.get(key(w))) for w in group]
        missing = [w for w, i in found if i is None]
        present = [(w, i) for w, i in found if i is not None]
        done = True
        for (wa, ia), (wb, ib) in zip(present, present[1:]):
            done &= clusters.union(ia, ib, Step(wa, wb, 1.0, rule), check=False)
        state = "applied 已应用" if done and len(present) > 1 else "refused by forbid 与 forbid 冲突" if not done else "nothing to merge 无可合并"
        line = f"{rule} {list(group)}: {state}"
        if missing:
            line += f"; not found 未找到: {missing}"
        lines.append(line)
    return lines


def _forbid_lines(units: list[_Unit], overrides: Overrides) -> list[str]:
    if not overrides.forbid:
        return []
    by_key = _units_by_key(units)
    lines = []
    for a, b in overrides.forbid:
        if key(a) == key(b):
            lines.append(f"forbid {[a, b]}: same text after normalisation, ignored 文本相同, 无效")
            continue
        missing = [w for w in (a, b) if key(w) not in by_key]
        state = "active 生效" if not missing else f"not found 未找到: {missing}"
        lines.append(f"forbid {[a, b]}: {state}")
    return lines


def _guarded_close_calls(units: list[_Unit]) -> list[Step]:
    """Wordings with the same content words kept apart only by an intent guard,
    or by look-alike names ("LoRA原理" / "QLoRA原理"): the likeliest places
    for a missed merge or a missing synonym. Neighbours in a sorted list only,
    to stay linear."""
    by_content: dict[frozenset, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        if u.problem is None and not u.analysis.vague and u.analysis.content:
            by_content[u.analysis.content].append(i)
    out = []
    for content in sorted(by_content, key=lambda c: sorted(c)):
        idx = sorted(by_content[content], key=lambda i: (sorted(units[i].analysis.entities), units[i].key))
        for i, j in zip(idx, idx[1:]):
            a, b = units[i].analysis, units[j].analysis
            if a.entities == b.entities and a.intents != b.intents or (
                a.intents == b.intents and _look_alike(a.entities ^ b.entities)
            ):
                out.append(_steps_text(units, i, j, 1.0, compare(a, b).rule))
    return out


def _look_alike(names: frozenset[str]) -> bool:
    """Two names that differ by little: "lora"/"qlora", "gpt-3"/"gpt-4"."""
    if len(names) != 2:
        return False
    x, y = sorted(names)
    return x in y or y in x or SequenceMatcher(None, x, y).ratio() >= 0.6


# --------------------------------------------------------------------------
# Entries


def _title_rank(label: str) -> tuple:
    clauses = len([c for c in re.split(r"[,，;；?？!！。]", label) if c.strip()])
    asks = label.rstrip().endswith(("?", "？"))
    return (not 4 <= len(label) <= 40, clauses, not asks, len(label), label)


def strip_label(text: str) -> str:
    """The wording as shown (normalize.shown), from its analysis: made once
    per wording, in the scrape map step, and cached with its document."""
    return analyze(text).label


def readable_title(text: str) -> str:
    """The wording as a title: as shown, without the fillers of speech
    (normalize's `title`, data/titles.yml). Made with its analysis, once per
    wording; a written question is shown byte for byte as `strip_label`."""
    return analyze(text).title


def _title(unit_list: list[_Unit]) -> str:
    for u in unit_list:
        if u.problem and u.problem[1]:
            p = u.problem[1]
            return f"{p.number}. {p.title}"
    # Chosen among the wordings as written, then shown without fillers (a
    # function of the label alone): a tidied spoken wording never displaces a written one.
    texts = {strip_label(q.text): q.text for u in unit_list for q in u.questions}
    return readable_title(texts[min(texts, key=_title_rank)])


def _build(units: list[_Unit], clusters: _Clusters, followups: list[Question]):
    roots = sorted({clusters.find(i) for i in range(len(units))})
    where: dict[tuple[str, int], int] = {}
    for r in roots:
        for m in clusters.members[r]:
            for q in units[m].questions:
                where[(q.source, q.position)] = r

    by_pos = {(q.source, q.position): q for q in followups}
    attached: dict[int, list[Question]] = defaultdict(list)
    orphans = []
    for f in followups:
        r = _parent_root(f, where, by_pos)
        if r is None:
            orphans.append(f)
        else:
            attached[r].append(f)

    entries, groups = [], []
    for r in roots:
        members = sorted((units[m] for m in clusters.members[r]), key=lambda u: u.key)
        keys = [u.key for u in members]
        ident = entry_id(keys[0])
        if len(members) == 1 and not attached[r]:
            qs = members[0].questions  # already in order
        else:
            qs = tuple(sorted([q for u in members for q in u.questions] + attached[r], key=_order))
        title = _title(members)
        entries.append(Entry(
            id=ident, title=title, questions=qs,
            aliases=tuple(sorted(entry_id(k) for k in keys[1:])),
        ))
        wordings = [q for u in members for q in u.questions]
        steps = list(clusters.steps.get(r, []))
        for u in members:  # same text / same problem: one step per other wording
            first = u.questions[0]
            for q in u.questions[1:]:
                rule = "leetcode" if u.problem else "exact"
                steps.append(Step(first.text, q.text, 1.0, rule))
        if len(wordings) > 1:
            groups.append(MergeGroup(
                entry=ident, title=title,
                wordings=tuple(_where(q) for q in sorted(wordings, key=_order)),
                steps=tuple(sorted(set(steps), key=lambda s: (s.rule, s.a, s.b))),
            ))
    for f in orphans:
        # Never merged: its id includes where it is, as its text is not enough.
        k = f"{key(f.text)}@{f.source}#{f.position}"
        entries.append(Entry(id=entry_id(k), title=readable_title(f.text), questions=(f,)))
    entries.sort(key=lambda e: (_order(e.questions[0])[:2], e.id))
    groups.sort(key=lambda g: g.entry)
    return entries, groups, [_where(f) for f in orphans]


def _parent_root(f: Question, where: dict, by_pos: dict) -> int | None:
    seen = set()
    while f.parent is not None and (f.source, f.parent) not in seen:
        seen.add((f.source, f.parent))
        if (f.source, f.parent) in where:
            return where[(f.source, f.parent)]
        nxt = by_pos.get((f.source, f.parent))
        if nxt is None:
            return None
        f = nxt
    return None
