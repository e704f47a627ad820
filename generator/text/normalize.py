"""Chinese text normalisation for deduplication and topics.

What it does, in order (each step a small named function):

    clean      traditional -> simplified (OpenCC), full -> half width (NFKC),
               lower case, one kind of punctuation, list numbering and labels
               ("2.1", "问题3、", "追问:") stripped
    key        `clean` without punctuation or spaces: two wordings with the same
               key are the same text
    tokenize   jieba words, with the technical names of generator/data as single
               tokens ("self-attention", "GPT-3", "位置编码")
    terms      every token looked up in the data tables: entity, intent, filler,
               pronoun or plain word (synonyms mapped to one canonical word)
    analyze    what a question is about: its entities, its intents and its
               content words, after dropping a leading context clause
               ("在大模型任务中,你用到 LoRA,讲一下 LoRA 实现原理?")

What it does not do: decide whether two questions are the same (that is
generator/merge/dedupe.py) nor which topic they belong to (generator/merge/topics.py).

All word lists are data: generator/data/{entities,synonyms,asking,stopwords}.yml.
jieba (generator/text/words.py) is started once, quietly, with those words as a user dictionary, on
first use; results are cached per text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from generator import rules
from generator import paths
from generator.text.numbering import strip_numbering
from generator.text.script import to_simplified
from generator.text.spoken import Meaning, readable
from generator.text.words import WordCutter

DATA = paths.DATA

# Term kinds
ENTITY = "entity"
INTENT = "intent"
WORD = "word"
FILLER = "filler"
EXPLAIN = "原理"  # the content word of a question that asks to explain what it names
PRONOUN = "pronoun"
DIFFERENCE = "difference"  # the intent of "X 和 Y" named alone


@dataclass(frozen=True)
class Term:
    """One token of a question, classified."""

    text: str  # as segmented (cleaned)
    kind: str  # ENTITY, INTENT, WORD, FILLER or PRONOUN
    canonical: str  # entity name, intent name, or canonical word


@dataclass(frozen=True)
class Analysis:
    """What a question wording is about, as compared by dedupe."""

    text: str  # cleaned wording
    key: str  # see `key`
    entities: frozenset[str]
    intents: frozenset[str]
    content: frozenset[str]  # canonical content words, fillers dropped
    vague: bool  # names nothing, or points back ("它") without naming anything
    context_dropped: str = ""  # the leading context clause that was ignored
    words: frozenset[str] = frozenset()  # canonical entities and words of the whole wording, context included
    label: str = ""  # the wording as shown: simplified script, list numbering and labels gone (`shown`)
    title: str = ""  # the label as a title: the fillers of speech gone (spoken.readable, data/titles.yml)
    head: str = ""  # of a wording that asks two things or more, its first ask (cleaned); else ""


# --------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Lexicon:
    """Every known word: alias -> (kind, canonical), plus the intent rules."""

    words: dict  # alias (cleaned) -> (kind, canonical)
    weak_intents: frozenset[str]
    weak_when_content: frozenset[str]
    requests: tuple[str, ...]  # filler words that start with one of these ask ("讲一下")
    pair_words: frozenset[str] = frozenset()  # "X 和 Y" alone asks their difference
    entity_names: dict = field(default_factory=dict)  # entity canonical -> its names, cleaned, without spaces


def _load_yaml(name: str):
    return rules.load(name)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read the four word tables into one alias map.

    An alias listed twice with different meanings is a data error: raise, so
    that the tables never depend on load order.
    """
    words: dict[str, tuple[str, str]] = {}

    def add(alias: str, kind: str, canonical: str) -> None:
        alias = clean(str(alias))
        if not alias:
            return
        old = words.get(alias)
        if old is not None and old != (kind, canonical):
            raise ValueError(f"word {alias!r} is both {old} and {(kind, canonical)}")
        words[alias] = (kind, canonical)

    stop = _load_yaml("stopwords.yml")
    for w in stop.filler + stop.generic:
        add(w, FILLER, clean(str(w)))
    for w in stop.pronouns:
        add(w, PRONOUN, clean(str(w)))
    asking = _load_yaml("asking.yml")
    for name, aliases in asking.intents.items():
        for a in aliases:
            add(a, INTENT, name)
    for canonical, aliases in _load_yaml("synonyms.yml").items():
        canonical = clean(str(canonical))
        for a in [canonical, *aliases]:
            add(a, WORD, canonical)
    entity_names: dict[str, tuple[str, ...]] = {}
    for canonical, term in _load_yaml("glossary.yml").items():
        canonical = clean(canonical)
        for a in [canonical, *term.names()]:
            add(a, WORD if term.kind == "word" else ENTITY, canonical)
        if term.kind == "entity":
            entity_names[canonical] = tuple(sorted({re.sub(r"\s+", "", clean(a)) for a in term.names()}))
    return Lexicon(
        words=words,
        weak_intents=frozenset(asking.weak_intents),
        weak_when_content=frozenset(clean(w) for w in asking.weak_when_content),
        requests=tuple(asking.requests),
        pair_words=frozenset(clean(w) for w in asking.pair_words),
        entity_names=entity_names,
    )


# --------------------------------------------------------------------------
# clean / key



# Punctuation NFKC leaves alone, mapped to the ASCII we split on.
_PUNCT = str.maketrans({
    "。": ".", "、": ",", "“": '"', "”": '"', "‘": "'", "’": "'",
    "【": " ", "】": " ", "《": " ", "》": " ", "「": " ", "」": " ",
    "…": " ", "—": "-", "–": "-", "·": " ", "•": " ", "~": " ",
})

def shown(text: str) -> str:
    """A wording as shown: simplified script, list numbering and labels gone,
    original punctuation and case kept."""
    return strip_numbering(to_simplified(text).strip())


def clean(text: str) -> str:
    """Simplified, half-width, lower-case text with list numbering stripped."""
    text = unicodedata.normalize("NFKC", to_simplified(text)).translate(_PUNCT).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return strip_numbering(text)


_NON_WORD = re.compile(r"[^\w+#]+")  # \w covers CJK, latin, digits, "_"


def key(text: str) -> str:
    """The wording with width, case, script, punctuation and numbering erased.

    Spaces survive only between two latin words ("prefix lm"), where they
    separate words.
    """
    parts = [p for p in _NON_WORD.split(clean(text).replace("_", " ")) if p]
    out = ""
    for p in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


# --------------------------------------------------------------------------
# tokenize


def _phrase_pattern(alias: str) -> tuple[str, str]:
    """Regex for an alias in cleaned text, as (its first character, the rest).

    Latin parts may be joined by spaces, "-" or "_" or nothing, and latin ends
    must be word boundaries ("lora" is not inside "qlora", "gpt-3" is not the
    start of "gpt-3.5"). The start's boundary is checked after the first
    character, by a lookbehind over two characters, so that every alias
    starts with a plain character: see `_phrases`.
    """
    parts = [p for p in re.split(r"[\s_-]+", alias) if p]
    first = parts[0][0]
    rest = r"[\s_-]*".join([re.escape(parts[0][1:])] + [re.escape(p) for p in parts[1:]])
    if alias[0].isascii() and alias[0].isalnum():
        rest = r"(?<![a-z0-9].)" + rest
    if alias[-1].isascii() and alias[-1].isalnum():
        rest = rest + r"(?![a-z0-9]|\.\d)"
    return first, rest


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern:
    """One regex of the aliases matched in the text before jieba: those with
    latin letters, and Chinese ones of three or more characters. Two-character
    Chinese words are looked up on jieba's tokens instead, so that "了解" is not
    found inside "为了解决".

    The aliases are grouped by first character, longest first within a group
    (leftmost-longest match). As every branch starts with a plain character,
    re skips in C the positions whose character starts no alias, and tries
    one group at the others: 25x faster than one branch per alias, each
    starting with a lookbehind (a long answer is scanned for every entry)."""
    aliases = [a for a in lexicon().words if not a.isascii() and len(a) >= 3 or _has_latin(a)]
    aliases.sort(key=lambda a: (-len(a), a))
    groups: dict[str, list[str]] = {}
    for alias in aliases:
        first, rest = _phrase_pattern(alias)
        groups.setdefault(first, []).append(rest)
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items()))


def _has_latin(text: str) -> bool:
    return any("a" <= c <= "z" for c in text)


# jieba with the glossary's Chinese names as words (Latin names are matched as phrases, see _phrases).
CUTTER = WordCutter(lambda: [alias for alias in sorted(lexicon().words) if not alias.isascii()])

_LATIN = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")


def _segment(chunk: str) -> list[str]:
    """Words of a piece of text with no known phrase in it: latin runs as they
    are ("qwen2.5"), the rest split on punctuation and cut by jieba."""
    out: list[str] = []
    pos = 0
    for m in _LATIN.finditer(chunk):
        out.extend(CUTTER.cut(chunk[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.extend(CUTTER.cut(chunk[pos:]))
    return out


def tokenize(text: str) -> list[str]:
    """Words of `text` (cleaned first); known technical names are one word."""
    text = clean(text)
    out: list[str] = []
    pos = 0
    for m in _phrases().finditer(text):
        out.extend(_segment(text[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.extend(_segment(text[pos:]))
    return out


# --------------------------------------------------------------------------
# terms / analyze


@lru_cache(maxsize=1 << 16)  # tokens repeat: most of a long answer's are common words
def classify(token: str) -> Term:
    """Look one token up in the tables."""
    token_clean = clean(token)
    found = lexicon().words.get(token_clean)
    if found is None:
        # Phrases matched with flexible separators ("self attention") are
        # looked up in their canonical spelling.
        found = lexicon().words.get(re.sub(r"[\s_]+", "-", token_clean))
    if found is None:
        found = lexicon().words.get(re.sub(r"[\s_-]+", " ", token_clean))
    if found is None:
        found = _lookup_loose(token_clean)
    if found is not None:
        return Term(token, found[0], found[1])
    if _has_latin(token_clean) and len(token_clean) > 1:
        # An English name we do not know: treat it as an entity, so that two
        # questions about different unknown things are not merged. (A single
        # letter is a variable: "第n个", "top k".)
        return Term(token, ENTITY, token_clean)
    return Term(token, WORD, token_clean)


@lru_cache(maxsize=1)
def _loose_index() -> dict:
    """Aliases with their separators removed ("selfattention" -> entity)."""
    out = {}
    for alias, value in lexicon().words.items():
        if _has_latin(alias):
            out.setdefault(re.sub(r"[\s_-]+", "", alias), value)
    return out


def _lookup_loose(token: str):
    if not _has_latin(token):
        return None
    return _loose_index().get(re.sub(r"[\s_-]+", "", token))


# Segmenting with jieba is most of the cost of comparing wordings, and a
# wording's terms and analysis depend only on its text and the data files:
# remember them, across builds too (`remembered`, used by build with its cache).
_TERMS: dict[str, tuple[Term, ...]] = {}
_ANALYSES: dict[str, "Analysis"] = {}


def terms(text: str) -> tuple[Term, ...]:
    """Every token of `text`, classified."""
    found = _TERMS.get(text)
    if found is None:
        found = _TERMS[text] = _in_english(tuple(classify(t) for t in tokenize(text)))
    return found


_LATIN_WORD = 2


@lru_cache(maxsize=1 << 16)  # tokens repeat; clean() is the cost
def _spoken_kind(token: str) -> int:
    """0: a sign or blank, 1: a spoken word, _LATIN_WORD: a spoken latin word."""
    if not token.strip() or _is_sign(clean(token)):
        return 0
    return _LATIN_WORD if token.isascii() else 1


def _unknown_name(t: Term) -> bool:
    return t.kind == ENTITY and clean(t.text) not in lexicon().words and _lookup_loose(clean(t.text)) is None


def _in_english(ts: tuple[Term, ...]) -> tuple[Term, ...]:
    """In an English sentence an unknown latin word is a plain word ("divide",
    "scores"), not the name of a thing, as it is among Chinese words."""
    kinds = [_spoken_kind(t.text) for t in ts]
    spoken = sum(1 for k in kinds if k)
    latin = kinds.count(_LATIN_WORD)
    if latin < 4 or latin < 0.8 * spoken:
        return ts
    return tuple(Term(t.text, WORD, t.canonical) if _unknown_name(t) else t for t in ts)


def analyses_of(texts) -> dict[str, Analysis]:
    """The analyses of `texts` (wordings, headings), computed here. The
    scrape map step hands them to the merge, which `remember`s them instead
    of segmenting every wording again: jieba is the slow part of the merge,
    and this way it runs on the engine's workers and is cached with each
    document."""
    found = {t: analyze(t) for t in texts}
    heads = {a.head for a in found.values() if a.head}  # compared too, by dedupe's first-ask rule
    return found | {h: analyze(h) for h in sorted(heads - found.keys())}


def forget() -> None:
    """Forget every term and analysis made so far (a benchmark times a cold start)."""
    _TERMS.clear()
    _ANALYSES.clear()
    classify.cache_clear()


def forget_words() -> None:
    """Forget jieba with the words it was given (a data file with words changed)."""
    CUTTER.forget()
    forget()


def remember(analyses: dict[str, Analysis]) -> None:
    """Analyses computed elsewhere (see analyses_of) with the same code and data."""
    _ANALYSES.update(analyses)


def canonical(word: str) -> str:
    """The canonical form of one word or name ("低秩适配" -> "lora")."""
    found = classify(clean(word))
    return found.canonical


def _clauses(text: str) -> list[tuple[str, bool]]:
    """Clauses of a cleaned wording, each with whether it ends in "?"."""
    out = []
    pos = 0
    for m in re.finditer(r"(?:[,;!?]|\.(?!\d))+", text):
        out.append((text[pos:m.start()], "?" in m.group()))
        pos = m.end()
    out.append((text[pos:], False))
    return [(c.strip(), q) for c, q in out if c.strip()]


def _enumerations(clauses: list[tuple[str, bool]]) -> list[tuple[str, bool, tuple[Term, ...]]]:
    """Clauses with their terms, a list of names joined to the clause that
    follows it: "MHA、MQA、GQA 三者的区别" asks about all three, not about
    GQA after the context "MHA", "MQA" (`clean` makes "、" a comma)."""
    out: list[tuple[str, bool, tuple[Term, ...]]] = []
    pending: list[tuple[str, tuple[Term, ...]]] = []
    for c, q in clauses:
        ts = terms(c)
        if not q and _only_names(ts):
            pending.append((c, ts))
            continue
        if pending:
            c = ",".join([p for p, _ in pending] + [c])
            ts = tuple(t for _, pts in pending for t in pts) + ts
            pending = []
        out.append((c, q, ts))
    if pending:
        out.append((",".join(p for p, _ in pending), False, tuple(t for _, pts in pending for t in pts)))
    return out


def _only_names(ts: tuple[Term, ...]) -> bool:
    """A clause that only names things (fillers aside): an item of a list."""
    named = [t for t in ts if t.text.strip() and t.kind != FILLER]
    return bool(named) and all(t.kind == ENTITY for t in named)


def asks_something(clause_terms: list[Term], question_mark: bool) -> bool:
    """A clause that asks: it ends with a question mark, or has an intent word
    or a request ("讲一下") in it (asking.yml)."""
    requests = lexicon().requests
    return question_mark or any(
        t.kind == INTENT or (t.kind == FILLER and t.canonical.startswith(requests))
        or (t.kind == WORD and t.canonical == EXPLAIN)  # "LoRA原理," asks, as a fragment does
        for t in clause_terms
    )


def analyze(text: str) -> Analysis:
    """Entities, intents and content words of one question wording (remembered)."""
    found = _ANALYSES.get(text)
    if found is None:
        found = _ANALYSES[text] = _analyze(text)
    return found


def _analyze(text: str) -> Analysis:
    """Entities, intents and content words of one question wording.

    A leading clause that asks nothing ("在大模型任务中", "你用到 LoRA") is
    context: it is ignored when a later clause asks and names something itself.
    """
    cleaned = clean(text)
    clauses = [(c, asks_something(ts, q), ts) for c, q, ts in _enumerations(_clauses(cleaned))]
    first_ask = next((i for i, (_, asks, _) in enumerate(clauses) if asks), 0)
    kept = [ts for _, _, ts in clauses[first_ask:]]
    context = [c for c, _, _ in clauses[:first_ask]]
    if context and not _names_something([t for ts in kept for t in ts]):
        kept, context = [ts for _, _, ts in clauses], []
    flat = [t for ts in kept for t in ts]
    asking = [c for c, asks, _ in clauses[first_ask:] if asks]
    head = asking[0] if len(asking) >= 2 else ""

    entities = frozenset(t.canonical for t in flat if t.kind == ENTITY)
    # A letter or a sign alone ("d", "√", "_" of "√d_k") says nothing about the question.
    content = frozenset(t.canonical for t in flat if t.kind == WORD and not _is_sign(t.canonical)
                        and not _part_of_name(t.text, entities))
    intents = set(t.canonical for t in flat if t.kind == INTENT)
    lex = lexicon()
    if intents - lex.weak_intents or content & lex.weak_when_content:
        intents -= lex.weak_intents
    if intents <= lex.weak_intents and not content and len(entities) >= 2 \
            and any(t.canonical in lex.pair_words for t in flat):
        # "BN 和 LN" / "讲讲 DP 与 DDP" ask what "BN 和 LN 的区别" asks.
        intents = {DIFFERENCE}
    elif intents <= lex.weak_intents and not content:
        # "什么是 RoPE" / "讲一下 RoPE" ask what "RoPE 的原理" asks: explain the thing named.
        intents, content = set(), frozenset({EXPLAIN})
    pronoun = any(t.kind == PRONOUN for t in flat)
    vague = not entities and (not content or pronoun)
    label = shown(text)
    return Analysis(
        text=cleaned,
        key=key(text),
        entities=entities,
        intents=frozenset(intents),
        content=content,
        vague=vague,
        context_dropped=",".join(context),
        words=frozenset(t.canonical for t in terms(text) if t.kind in (ENTITY, WORD)),
        label=label,
        title=readable(label, meaning),
        head=head,
    )


def meaning(text: str) -> Meaning:
    """What a text names and asks: its entities, content words and intents,
    every clause counted (a title is checked by it after each change)."""
    ts = terms(text)
    return Meaning(names=frozenset(t.canonical for t in ts if t.kind == ENTITY),
                   words=frozenset(t.canonical for t in ts if t.kind == WORD),
                   asks=frozenset(t.canonical for t in ts if t.kind == INTENT))


def _part_of_name(word: str, entities: frozenset[str]) -> bool:
    """Whether a word is the head or tail of the name of a thing the wording
    names: "采样" of "top-p 采样" (a name of top-p sampling), "缓存" of
    "KV 缓存". It repeats the name; it asks nothing more."""
    word = clean(word).replace(" ", "")
    names = lexicon().entity_names
    return any(len(n) > len(word) and (n.endswith(word) or n.startswith(word))
               for e in entities for n in names.get(e, ()))


def _is_sign(word: str) -> bool:
    return len(word) == 1 and (word.isascii() or not word.isalnum())


def _names_something(ts: list[Term]) -> bool:
    """Whether the asking clauses say what they ask about on their own: a
    name, or two words ("说说整体架构" alone does not: the architecture of what?)."""
    return any(t.kind == ENTITY for t in ts) or len({t.canonical for t in ts if t.kind == WORD}) >= 2
