"""Messages in Chinese first, with the English after them.

The code writes every message for contributors and maintainers in English
(a `Problem`, `new`'s warnings and errors, `check`'s summary); the Chinese is
data, in generator/data/messages.yml: one entry per message, an English
regular expression with named groups for what varies and a Chinese template
using them. `chinese` gives the Chinese of a message, `bilingual` the text
shown: 中文（English）.
"""

from __future__ import annotations

import re
from functools import cache

from generator import rules


@cache
def _entries() -> tuple[tuple[re.Pattern, str, tuple[str, ...]], ...]:
    """(English pattern, Chinese template, groups to translate) per entry, compiled once."""
    return tuple((re.compile(item.en, re.S), item.zh, tuple(item.translate))
                 for item in rules.load("messages.yml"))


def chinese(message: str) -> str | None:
    """The Chinese of an English message, or None when no entry matches it."""
    for pattern, template, nested in _entries():
        match = pattern.fullmatch(message)
        if match:
            parts = {name: value or "" for name, value in match.groupdict().items()}
            for name in nested:
                parts[name] = chinese(parts[name]) or parts[name]
            return template.format(**parts)
    return None


def bilingual(message: str) -> str:
    """The message as shown: its Chinese, then the English in parentheses
    (the English alone when it has no Chinese yet)."""
    translated = chinese(message)
    return f"{translated}（{message}）" if translated else message
