"""A wording as a title: the fillers of speech taken out.

    readable(label, words) -> title

A wording taken down from a spoken interview ("然后我问一个基础的啊,……你们
讲一下chatGPT背后的一个基本的原理是什么?") is shown as a title without its
fillers and lead-ins ("讲一下chatGPT背后的基本原理是什么?"), by the rules of
generator/data/titles.yml. A title with no mark of speech is returned as it
is; a rule's change is kept only when the title stays the same question (its
latin words and numbers, its terms, its end), so a change of the rules can
make a title less tidy, never less faithful.

Not here: which wording becomes the title (generator/merge/dedupe.py), nor the
wordings themselves, which every stage keeps as written. `words` (the terms
of a text, from generator/text/normalize.py) is handed in, so that this module
reads no word tables of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, NamedTuple

from generator import rules

_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9@+#._\-]*")
_ENDS = "?？。!！"


class Meaning(NamedTuple):
    """What a text names and asks, compared before and after each change."""

    names: frozenset[str]  # entities
    words: frozenset[str]  # content words
    asks: frozenset[str]  # intents


@lru_cache(maxsize=1)
def _rules():
    data = rules.load("titles.yml")
    return (re.compile(data.spoken), frozenset(data.fillers), data.min_chars, data.max_changes,
            tuple((re.compile(r.pattern), r.replace, r.clause) for r in data.rules))


def readable(label: str, words: Callable[[str], Meaning]) -> str:
    """`label` (a wording as shown) as a title; `words(text)` gives what a
    text names and asks.

    The first rule that changes the title (and keeps it the same question)
    is applied, then the rules are tried again from the first: an earlier
    rule always sees the text before a later one does."""
    spoken, fillers, min_chars, max_changes, steps = _rules()
    if not spoken.search(label):
        return label
    title = label
    for _ in range(max_changes):
        for pattern, replace, clause in steps:
            changed = pattern.sub(replace, title, count=1).strip()
            if changed != title and _same_question(title, changed, words, fillers, clause, min_chars):
                title = changed
                break
        else:
            break
    return title


def _same_question(old: str, new: str, words: Callable[[str], Meaning], fillers: frozenset[str],
                   clause: bool, min_chars: int) -> bool:
    if len(new) < min_chars or set(_LATIN.findall(old)) != set(_LATIN.findall(new)):
        return False
    if old[-1] in _ENDS and new[-1] != old[-1]:
        return False
    was, now = words(old), words(new)
    if clause:  # the clause's own words are gone; what it names is named again, and the rest asks
        return now.names >= was.names and (bool(now.asks) or new[-1] in "?？")
    return (now.names, now.words - fillers, now.asks) == (was.names, was.words - fillers, was.asks)
