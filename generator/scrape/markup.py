"""The one line markup every page becomes, whatever its format: what the
text, HTML (htmlpage) and Markdown (mdpage) extractors hand on."""

from __future__ import annotations


def tidy(lines: list[str]) -> list[str]:
    """Lines as an extractor hands them on: runs of blank lines outside code
    folded into one, no blank first line, prose without trailing spaces
    (code lines kept as they are)."""
    out: list[str] = []
    fenced = False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line if fenced or line.startswith("```") else line.rstrip())
    return out
