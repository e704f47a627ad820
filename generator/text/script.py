"""Simplified and traditional Chinese script, in one place.

The rules (generator/data/*.yml) are written in simplified characters, and
pages come in both scripts (問題 / 问题). Text is compared in simplified
script (`to_simplified`); a rule's regular expression is compiled to match
either script (`either_script`), so that the scraper reads a traditional
page as it reads a simplified one without changing what the page says.
"""

from __future__ import annotations

import re
from functools import cache

_CONVERTERS: dict[str, object] = {}


def _converter(config: str):
    if config not in _CONVERTERS:
        import opencc

        _CONVERTERS[config] = opencc.OpenCC(config)
    return _CONVERTERS[config]


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


@cache
def _variants(char: str) -> str:
    """The traditional forms of a simplified character, itself included (区 -> 区區)."""
    found = [char]
    for config in ("s2t", "s2tw", "s2hk"):
        other = _converter(config).convert(char)
        if len(other) == 1 and other not in found:
            found.append(other)
    return "".join(found)


_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def either_script(pattern: str) -> str:
    """The regular expression with each simplified character that has a
    traditional form matching both (问题 -> [问問][题題]); inside a class the
    forms are added at its start ([问答] -> [問问答]), where they can make no
    range with a `-` (as [问-] would). Escapes are copied as they are."""
    out, extra, in_class, start, index = [], [], False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            if char == "]" and len(out) > start:
                out.insert(start + (out[start] == "]"), "".join(extra))  # after a leading literal ] ([]问])
                out.append("]")
                extra, in_class = [], False
            else:
                out.append(char)
                if _CJK.match(char):
                    extra.append(_variants(char)[1:])
        elif char == "[":
            in_class = True
            opening = "[^" if pattern.startswith("[^", index) else "["
            out.append(opening)
            start = len(out)
            index += len(opening)
            continue
        elif _CJK.match(char) and len(forms := _variants(char)) > 1:
            out.append(f"[{forms}]")
        else:
            out.append(char)
        index += 1
    return "".join(out)
