"""The Content-Security-Policy every page of a built site carries: the second
wall behind the sanitiser (generator/site/sanitize.py).

Scripts run only from the site itself (and the Pyodide CDN when one is
configured) or when they are one of the theme's own inline scripts, named by
their hash; inline event handlers and `javascript:` URLs never run. The code
cells' Web Worker and WebAssembly are allowed.

The policy is a `<meta>` element, so it works on any static host. It is added
after the build, to every page with the same value: the theme's inline
scripts differ from page to page (their base path), and instant navigation
keeps the first page's policy while it runs the next page's scripts. The
build hands over the hashes of the pages its workers wrote (`known`), so
that only the few others (hand-written pages, the 404 page) are read twice.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
# Data blocks (<script type="application/json">) are not run, so need no hash.
_RUNS = re.compile(r"""\btype\s*=\s*["']?(?:module|(?:text|application)/(?:x-)?(?:java|ecma)script)\b""", re.I)
# The policy goes after <meta charset> (which must stay in a page's first
# 1024 bytes), or first in <head>; before any script either way.
_CHARSET = re.compile(rb"<meta\s+charset=[^>]*>", re.I)
_HEAD = re.compile(rb"<head\b[^>]*>", re.I)
_POLICY = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def inline_script_hashes(page_html: str) -> set[str]:
    """'sha256-…' of each inline script of a page that a browser would run."""
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(page_html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I) or ("type" in attrs.lower() and not _RUNS.search(attrs)):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return hashes


def policy(script_hashes: set[str], pyodide_cdn: str | None = None) -> str:
    """The policy: the site's own origin, plus the Pyodide CDN's if given."""
    cdn = ""
    if pyodide_cdn:
        parts = urlsplit(pyodide_cdn)
        cdn = f" {parts.scheme}://{parts.netloc}"
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval'{cdn} " + " ".join(sorted(script_hashes)),
        "style-src 'self' 'unsafe-inline'",  # the theme and the charts set styles; styles cannot run script
        "img-src 'self' data: https:",
        "font-src 'self' data:",
        f"connect-src 'self'{cdn}",
        f"worker-src 'self' blob:{cdn}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(d.strip() for d in directives)


def add_policy(site_dir: Path, pyodide_cdn: str | None = None, known: Mapping[str, set[str]] | None = None) -> int:
    """Put the policy at the top of the <head> of every page of a built site;
    returns how many pages got it. `known`: a page's path -> the hashes of
    its inline scripts, for the pages whose output the build already saw."""
    known = known or {}
    pages = sorted(Path(site_dir).rglob("*.html"))
    hashes: set[str] = set().union(*known.values())
    for page in pages:
        if str(page) not in known:
            hashes |= inline_script_hashes(page.read_text(encoding="utf-8"))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, pyodide_cdn)}">'.encode()
    count = 0
    for page in pages:  # bytes: ten thousand pages are not decoded and encoded again
        text = _POLICY.sub(b"", page.read_bytes(), count=1)  # a policy of an earlier run is replaced
        head = _CHARSET.search(text, 0, 1024) or _HEAD.search(text)
        if head is None:
            continue
        page.write_bytes(text[: head.end()] + meta + text[head.end():])
        count += 1
    return count
