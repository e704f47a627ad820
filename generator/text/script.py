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
    forms are added to it ([问答] -> [问答問]). Escapes are copied as they are."""
    out, extra, in_class, index = [], [], False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            if char == "]" and not (out and out[-1] in ("[", "[^")):
                out.append("".join(extra) + "]")
                extra, in_class = [], False
            else:
                out.append(char)
                if _CJK.match(char):
                    extra.append(_variants(char)[1:])
        elif char == "[":
            in_class = True
            if pattern.startswith("[^", index):
                out.append("[^")
                index += 2
                continue
            out.append("[")
        elif _CJK.match(char) and len(forms := _variants(char)) > 1:
            out.append(f"[{forms}]")
        else:
            out.append(char)
        index += 1
    return "".join(out)
